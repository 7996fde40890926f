//! The monitoring meeting ("overleg borging VA", three a year): its date, the
//! snapshot discussed, and the decisions and follow-up actions recorded.

use crate::util::{create_indexes, drop_indexes, fk, id_col, Indexes};
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

const INDEXES: Indexes = &[("ix_meetings_held_on", "monitoring_meetings", &["held_on"]), ("ix_meeting_items_meeting", "meeting_items", &["meeting_id"])];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(MonitoringMeetings::Table)
                .if_not_exists()
                .col(id_col(MonitoringMeetings::Id))
                .col(date(MonitoringMeetings::HeldOn))
                .col(string_len(MonitoringMeetings::Label, 200))
                .col(string_len_null(MonitoringMeetings::Location, 200))
                .col(big_integer_null(MonitoringMeetings::SnapshotId))
                .col(text(MonitoringMeetings::Notes).default(""))
                .col(big_integer(MonitoringMeetings::CreatedBy))
                .col(timestamp_with_time_zone(MonitoringMeetings::CreatedAt))
                .foreign_key(&mut fk(MonitoringMeetings::Table, MonitoringMeetings::SnapshotId, MonitoringSnapshots::Table))
                .foreign_key(&mut fk(MonitoringMeetings::Table, MonitoringMeetings::CreatedBy, Users::Table))
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(MeetingItems::Table)
                .if_not_exists()
                .col(id_col(MeetingItems::Id))
                .col(big_integer(MeetingItems::MeetingId))
                .col(string_len(MeetingItems::Kind, 20))
                .col(text(MeetingItems::Text))
                .col(string_len_null(MeetingItems::Owner, 200))
                .col(big_integer_null(MeetingItems::RegionId))
                .col(date_null(MeetingItems::DueOn))
                .col(timestamp_with_time_zone_null(MeetingItems::DoneAt))
                .col(big_integer(MeetingItems::CreatedBy))
                .col(timestamp_with_time_zone(MeetingItems::CreatedAt))
                .foreign_key(&mut fk(MeetingItems::Table, MeetingItems::MeetingId, MonitoringMeetings::Table))
                .foreign_key(&mut fk(MeetingItems::Table, MeetingItems::RegionId, Regions::Table))
                .foreign_key(&mut fk(MeetingItems::Table, MeetingItems::CreatedBy, Users::Table))
                .to_owned(),
        )
        .await?;
        create_indexes(m, INDEXES).await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        drop_indexes(m, INDEXES).await?;
        m.drop_table(Table::drop().table(MeetingItems::Table).to_owned()).await?;
        m.drop_table(Table::drop().table(MonitoringMeetings::Table).to_owned()).await
    }
}

#[derive(DeriveIden)]
enum MonitoringMeetings {
    Table,
    Id,
    HeldOn,
    Label,
    Location,
    SnapshotId,
    Notes,
    CreatedBy,
    CreatedAt,
}

#[derive(DeriveIden)]
enum MeetingItems {
    Table,
    Id,
    MeetingId,
    Kind,
    Text,
    Owner,
    RegionId,
    DueOn,
    DoneAt,
    CreatedBy,
    CreatedAt,
}

#[derive(DeriveIden)]
enum MonitoringSnapshots {
    Table,
}

#[derive(DeriveIden)]
enum Users {
    Table,
}

#[derive(DeriveIden)]
enum Regions {
    Table,
}

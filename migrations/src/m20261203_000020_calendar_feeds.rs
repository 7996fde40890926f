//! Personal calendar feeds: the hash of each secret address, whose it is
//! (a user or a professional), and when it was revoked or last read.

use crate::util::{create_indexes, drop_indexes, fk, id_col, Indexes};
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

const INDEXES: Indexes = &[("ix_calendar_feeds_user", "calendar_feeds", &["user_id"]), ("ix_calendar_feeds_professional", "calendar_feeds", &["professional_id"])];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(CalendarFeeds::Table)
                .if_not_exists()
                .col(id_col(CalendarFeeds::Id))
                .col(string_len(CalendarFeeds::TokenHash, 64).unique_key())
                .col(big_integer_null(CalendarFeeds::UserId))
                .col(big_integer_null(CalendarFeeds::ProfessionalId))
                .col(big_integer(CalendarFeeds::CreatedBy))
                .col(timestamp_with_time_zone(CalendarFeeds::CreatedAt))
                .col(timestamp_with_time_zone_null(CalendarFeeds::RevokedAt))
                .col(timestamp_with_time_zone_null(CalendarFeeds::LastReadAt))
                .foreign_key(&mut fk(CalendarFeeds::Table, CalendarFeeds::UserId, Users::Table))
                .foreign_key(&mut fk(CalendarFeeds::Table, CalendarFeeds::ProfessionalId, Professionals::Table))
                .foreign_key(&mut fk(CalendarFeeds::Table, CalendarFeeds::CreatedBy, Users::Table))
                .to_owned(),
        )
        .await?;
        create_indexes(m, INDEXES).await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        drop_indexes(m, INDEXES).await?;
        m.drop_table(Table::drop().table(CalendarFeeds::Table).to_owned()).await
    }
}

#[derive(DeriveIden)]
enum CalendarFeeds {
    Table,
    Id,
    TokenHash,
    UserId,
    ProfessionalId,
    CreatedBy,
    CreatedAt,
    RevokedAt,
    LastReadAt,
}

#[derive(DeriveIden)]
enum Users {
    Table,
}

#[derive(DeriveIden)]
enum Professionals {
    Table,
}

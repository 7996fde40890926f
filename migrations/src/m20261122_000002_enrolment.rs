//! Enrolment requests, per-professional enrolments with their timeline,
//! training days, and the seat counter of training groups.

use crate::util::{fk, id_col};
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        // Seats taken, kept in the same transaction as every placement: the guarded
        // `seats_taken < capacity` update is what prevents overselling.
        m.alter_table(
            Table::alter().table(TrainingGroups::Table).add_column(integer(TrainingGroups::SeatsTaken).default(0)).take(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(TrainingDays::Table)
                .if_not_exists()
                .col(id_col(TrainingDays::Id))
                .col(big_integer(TrainingDays::GroupId))
                .col(date(TrainingDays::Day))
                .col(string_len(TrainingDays::StartsAt, 5))
                .col(string_len(TrainingDays::EndsAt, 5))
                .col(string_len(TrainingDays::Place, 200))
                .col(integer(TrainingDays::Sequence).default(0))
                .foreign_key(&mut fk(TrainingDays::Table, TrainingDays::GroupId, TrainingGroups::Table))
                .take(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(EnrolmentRequests::Table)
                .if_not_exists()
                .col(id_col(EnrolmentRequests::Id))
                .col(big_integer(EnrolmentRequests::ProgrammeId))
                .col(big_integer(EnrolmentRequests::OrganisationId))
                .col(big_integer(EnrolmentRequests::CreatedBy))
                .col(string_len(EnrolmentRequests::Route, 16))
                .col(big_integer_null(EnrolmentRequests::RegionId))
                .col(string_len_null(EnrolmentRequests::PreferredPeriod, 200))
                .col(big_integer_null(EnrolmentRequests::PreferredRegionId))
                .col(text_null(EnrolmentRequests::Remarks))
                .col(timestamp_with_time_zone_null(EnrolmentRequests::SubmittedAt))
                .col(timestamp_with_time_zone(EnrolmentRequests::CreatedAt))
                .col(timestamp_with_time_zone(EnrolmentRequests::UpdatedAt))
                .foreign_key(&mut fk(EnrolmentRequests::Table, EnrolmentRequests::ProgrammeId, Programmes::Table))
                .foreign_key(&mut fk(EnrolmentRequests::Table, EnrolmentRequests::OrganisationId, Organisations::Table))
                .take(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(Enrolments::Table)
                .if_not_exists()
                .col(id_col(Enrolments::Id))
                .col(big_integer(Enrolments::RequestId))
                .col(big_integer(Enrolments::ProgrammeId))
                .col(big_integer(Enrolments::ProfessionalId))
                .col(string_len_null(Enrolments::Function, 200))
                .col(boolean(Enrolments::RetUhp).default(false))
                .col(text_null(Enrolments::Remarks))
                .col(string_len(Enrolments::Status, 32))
                .col(big_integer_null(Enrolments::GroupId))
                .col(integer_null(Enrolments::WaitlistPosition))
                .col(text_null(Enrolments::LastReason))
                .col(timestamp_with_time_zone_null(Enrolments::ApprovedAt))
                .col(timestamp_with_time_zone(Enrolments::CreatedAt))
                .col(timestamp_with_time_zone(Enrolments::UpdatedAt))
                .foreign_key(&mut fk(Enrolments::Table, Enrolments::RequestId, EnrolmentRequests::Table))
                .foreign_key(&mut fk(Enrolments::Table, Enrolments::ProfessionalId, Professionals::Table))
                .foreign_key(&mut fk(Enrolments::Table, Enrolments::GroupId, TrainingGroups::Table))
                .take(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ix_enrolments_programme_professional")
                .table(Enrolments::Table)
                .col(Enrolments::ProgrammeId)
                .col(Enrolments::ProfessionalId)
                .if_not_exists()
                .take(),
        )
        .await?;
        m.create_index(
            Index::create().name("ix_enrolments_group").table(Enrolments::Table).col(Enrolments::GroupId).if_not_exists().take(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(EnrolmentEvents::Table)
                .if_not_exists()
                .col(id_col(EnrolmentEvents::Id))
                .col(big_integer(EnrolmentEvents::RequestId))
                .col(big_integer_null(EnrolmentEvents::EnrolmentId))
                .col(timestamp_with_time_zone(EnrolmentEvents::At))
                .col(big_integer_null(EnrolmentEvents::ActorId))
                .col(string_len(EnrolmentEvents::Action, 32))
                .col(string_len_null(EnrolmentEvents::FromStatus, 32))
                .col(string_len_null(EnrolmentEvents::ToStatus, 32))
                .col(text_null(EnrolmentEvents::Reason))
                .foreign_key(&mut fk(EnrolmentEvents::Table, EnrolmentEvents::RequestId, EnrolmentRequests::Table))
                .take(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ix_enrolment_events_request")
                .table(EnrolmentEvents::Table)
                .col(EnrolmentEvents::RequestId)
                .if_not_exists()
                .take(),
        )
        .await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for t in [
            EnrolmentEvents::Table.into_iden(),
            Enrolments::Table.into_iden(),
            EnrolmentRequests::Table.into_iden(),
            TrainingDays::Table.into_iden(),
        ] {
            m.drop_table(Table::drop().table(t).if_exists().take()).await?;
        }
        m.alter_table(Table::alter().table(TrainingGroups::Table).drop_column(TrainingGroups::SeatsTaken).take()).await?;
        Ok(())
    }
}

#[derive(DeriveIden)]
enum TrainingGroups {
    Table,
    SeatsTaken,
}

#[derive(DeriveIden)]
enum Programmes {
    Table,
}

#[derive(DeriveIden)]
enum Organisations {
    Table,
}

#[derive(DeriveIden)]
enum Professionals {
    Table,
}

#[derive(DeriveIden)]
enum TrainingDays {
    Table,
    Id,
    GroupId,
    Day,
    StartsAt,
    EndsAt,
    Place,
    Sequence,
}

#[derive(DeriveIden)]
enum EnrolmentRequests {
    Table,
    Id,
    ProgrammeId,
    OrganisationId,
    CreatedBy,
    Route,
    RegionId,
    PreferredPeriod,
    PreferredRegionId,
    Remarks,
    SubmittedAt,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum Enrolments {
    Table,
    Id,
    RequestId,
    ProgrammeId,
    ProfessionalId,
    Function,
    RetUhp,
    Remarks,
    Status,
    GroupId,
    WaitlistPosition,
    LastReason,
    ApprovedAt,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum EnrolmentEvents {
    Table,
    Id,
    RequestId,
    EnrolmentId,
    At,
    ActorId,
    Action,
    FromStatus,
    ToStatus,
    Reason,
}

//! The learning network: sessions announced by BEL or an ambassador, the
//! registrations of trained professionals (with a waiting list), and the
//! regions' learning needs.

use crate::util::{create_indexes, drop_indexes, fk, id_col, Indexes};
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

const INDEXES: Indexes = &[
    ("ix_learning_sessions_held_on", "learning_sessions", &["held_on"]),
    ("ix_learning_registrations_professional", "learning_registrations", &["professional_id"]),
    ("ix_learning_needs_region", "learning_needs", &["region_id"]),
];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(LearningSessions::Table)
                .if_not_exists()
                .col(id_col(LearningSessions::Id))
                .col(string_len(LearningSessions::Scope, 20))
                .col(big_integer_null(LearningSessions::RegionId))
                .col(string_len(LearningSessions::Title, 200))
                .col(date(LearningSessions::HeldOn))
                .col(string_len(LearningSessions::StartsAt, 5))
                .col(string_len(LearningSessions::EndsAt, 5))
                .col(string_len(LearningSessions::Place, 200))
                .col(integer(LearningSessions::Capacity))
                .col(text(LearningSessions::TargetGroup))
                .col(text(LearningSessions::Description).default(""))
                .col(string_len(LearningSessions::Status, 20).default("planned"))
                .col(text_null(LearningSessions::CancelReason))
                .col(text(LearningSessions::Report).default(""))
                .col(timestamp_with_time_zone_null(LearningSessions::ReportedAt))
                .col(integer(LearningSessions::Sequence).default(0))
                .col(big_integer(LearningSessions::CreatedBy))
                .col(timestamp_with_time_zone(LearningSessions::CreatedAt))
                .foreign_key(&mut fk(LearningSessions::Table, LearningSessions::RegionId, Regions::Table))
                .foreign_key(&mut fk(LearningSessions::Table, LearningSessions::CreatedBy, Users::Table))
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(LearningRegistrations::Table)
                .if_not_exists()
                .col(id_col(LearningRegistrations::Id))
                .col(big_integer(LearningRegistrations::SessionId))
                .col(big_integer(LearningRegistrations::ProfessionalId))
                .col(string_len(LearningRegistrations::Status, 20))
                .col(boolean(LearningRegistrations::RetUhp).default(false))
                .col(timestamp_with_time_zone(LearningRegistrations::RegisteredAt))
                .col(big_integer_null(LearningRegistrations::RegisteredBy))
                .col(timestamp_with_time_zone_null(LearningRegistrations::OfferExpiresAt))
                .col(boolean_null(LearningRegistrations::Attended))
                .col(integer(LearningRegistrations::Sequence).default(0))
                .foreign_key(&mut fk(LearningRegistrations::Table, LearningRegistrations::SessionId, LearningSessions::Table))
                .foreign_key(&mut fk(LearningRegistrations::Table, LearningRegistrations::ProfessionalId, Professionals::Table))
                .foreign_key(&mut fk(LearningRegistrations::Table, LearningRegistrations::RegisteredBy, Users::Table))
                // One row per professional and session: a double click or a second instance cannot register twice.
                .index(Index::create().name("ux_learning_registrations_session_professional").col(LearningRegistrations::SessionId).col(LearningRegistrations::ProfessionalId).unique())
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(LearningNeeds::Table)
                .if_not_exists()
                .col(id_col(LearningNeeds::Id))
                .col(big_integer(LearningNeeds::RegionId))
                .col(string_len(LearningNeeds::Topic, 200))
                .col(text(LearningNeeds::Description).default(""))
                .col(big_integer(LearningNeeds::CreatedBy))
                .col(timestamp_with_time_zone(LearningNeeds::CreatedAt))
                .foreign_key(&mut fk(LearningNeeds::Table, LearningNeeds::RegionId, Regions::Table))
                .foreign_key(&mut fk(LearningNeeds::Table, LearningNeeds::CreatedBy, Users::Table))
                .to_owned(),
        )
        .await?;
        create_indexes(m, INDEXES).await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        drop_indexes(m, INDEXES).await?;
        m.drop_table(Table::drop().table(LearningNeeds::Table).to_owned()).await?;
        m.drop_table(Table::drop().table(LearningRegistrations::Table).to_owned()).await?;
        m.drop_table(Table::drop().table(LearningSessions::Table).to_owned()).await
    }
}

#[derive(DeriveIden)]
enum LearningSessions {
    Table,
    Id,
    Scope,
    RegionId,
    Title,
    HeldOn,
    StartsAt,
    EndsAt,
    Place,
    Capacity,
    TargetGroup,
    Description,
    Status,
    CancelReason,
    Report,
    ReportedAt,
    Sequence,
    CreatedBy,
    CreatedAt,
}

#[derive(DeriveIden)]
enum LearningRegistrations {
    Table,
    Id,
    SessionId,
    ProfessionalId,
    Status,
    RetUhp,
    RegisteredAt,
    RegisteredBy,
    OfferExpiresAt,
    Attended,
    Sequence,
}

#[derive(DeriveIden)]
enum LearningNeeds {
    Table,
    Id,
    RegionId,
    Topic,
    Description,
    CreatedBy,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Regions {
    Table,
}

#[derive(DeriveIden)]
enum Users {
    Table,
}

#[derive(DeriveIden)]
enum Professionals {
    Table,
}

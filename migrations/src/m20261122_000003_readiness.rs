//! Readiness checks: a versioned template (sections and items), interviews per
//! organisation with their answers, follow-up activities, and the programme
//! settings that govern them.

use crate::util::{fk, id_col};
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(
            Table::alter().table(Programmes::Table).add_column(integer(Programmes::ReadinessValidityMonths).default(12)).take(),
        )
        .await?;
        m.alter_table(Table::alter().table(Programmes::Table).add_column(boolean(Programmes::ReadinessGate).default(false)).take())
            .await?;
        m.alter_table(
            Table::alter().table(EnrolmentRequests::Table).add_column(big_integer_null(EnrolmentRequests::ReadinessCheckId)).take(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(ReadinessTemplates::Table)
                .if_not_exists()
                .col(id_col(ReadinessTemplates::Id))
                // Null while a draft; the published version number afterwards.
                .col(integer_null(ReadinessTemplates::Version))
                .col(string_len(ReadinessTemplates::Status, 16))
                .col(timestamp_with_time_zone(ReadinessTemplates::CreatedAt))
                .col(timestamp_with_time_zone_null(ReadinessTemplates::PublishedAt))
                .take(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ux_readiness_templates_version")
                .table(ReadinessTemplates::Table)
                .col(ReadinessTemplates::Version)
                .unique()
                .if_not_exists()
                .take(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(ReadinessItems::Table)
                .if_not_exists()
                .col(id_col(ReadinessItems::Id))
                .col(big_integer(ReadinessItems::TemplateId))
                .col(integer(ReadinessItems::Position))
                .col(string_len(ReadinessItems::Section, 200))
                .col(string_len(ReadinessItems::Code, 64))
                .col(string_len(ReadinessItems::Title, 300))
                .col(text(ReadinessItems::Guidance))
                .foreign_key(&mut fk(ReadinessItems::Table, ReadinessItems::TemplateId, ReadinessTemplates::Table))
                .take(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(ReadinessChecks::Table)
                .if_not_exists()
                .col(id_col(ReadinessChecks::Id))
                .col(big_integer(ReadinessChecks::OrganisationId))
                .col(big_integer(ReadinessChecks::TemplateId))
                .col(string_len(ReadinessChecks::Status, 16))
                .col(timestamp_with_time_zone_null(ReadinessChecks::ScheduledAt))
                .col(string_len_null(ReadinessChecks::Location, 300))
                .col(big_integer_null(ReadinessChecks::AmbassadorId))
                .col(big_integer_null(ReadinessChecks::ProjectLeaderId))
                .col(integer(ReadinessChecks::InviteSequence).default(0))
                .col(text_null(ReadinessChecks::Summary))
                .col(timestamp_with_time_zone_null(ReadinessChecks::CompletedAt))
                .col(timestamp_with_time_zone(ReadinessChecks::CreatedAt))
                .col(timestamp_with_time_zone(ReadinessChecks::UpdatedAt))
                .foreign_key(&mut fk(ReadinessChecks::Table, ReadinessChecks::OrganisationId, Organisations::Table))
                .foreign_key(&mut fk(ReadinessChecks::Table, ReadinessChecks::TemplateId, ReadinessTemplates::Table))
                .take(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(ReadinessAnswers::Table)
                .if_not_exists()
                .col(id_col(ReadinessAnswers::Id))
                .col(big_integer(ReadinessAnswers::CheckId))
                .col(big_integer(ReadinessAnswers::ItemId))
                .col(string_len(ReadinessAnswers::Answer, 16))
                .col(text_null(ReadinessAnswers::Note))
                .col(timestamp_with_time_zone(ReadinessAnswers::UpdatedAt))
                .foreign_key(&mut fk(ReadinessAnswers::Table, ReadinessAnswers::CheckId, ReadinessChecks::Table))
                .foreign_key(&mut fk(ReadinessAnswers::Table, ReadinessAnswers::ItemId, ReadinessItems::Table))
                .take(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ux_readiness_answers_check_item")
                .table(ReadinessAnswers::Table)
                .col(ReadinessAnswers::CheckId)
                .col(ReadinessAnswers::ItemId)
                .unique()
                .if_not_exists()
                .take(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(FollowupActivities::Table)
                .if_not_exists()
                .col(id_col(FollowupActivities::Id))
                .col(big_integer(FollowupActivities::CheckId))
                .col(big_integer(FollowupActivities::OrganisationId))
                .col(big_integer_null(FollowupActivities::ItemId))
                .col(text(FollowupActivities::Description))
                .col(string_len(FollowupActivities::Owner, 16))
                .col(date(FollowupActivities::DueOn))
                .col(string_len(FollowupActivities::Status, 16))
                .col(timestamp_with_time_zone_null(FollowupActivities::ReminderSentAt))
                .col(timestamp_with_time_zone_null(FollowupActivities::OverdueSentAt))
                .col(timestamp_with_time_zone(FollowupActivities::CreatedAt))
                .foreign_key(&mut fk(FollowupActivities::Table, FollowupActivities::CheckId, ReadinessChecks::Table))
                .foreign_key(&mut fk(FollowupActivities::Table, FollowupActivities::OrganisationId, Organisations::Table))
                .take(),
        )
        .await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for t in [
            FollowupActivities::Table.into_iden(),
            ReadinessAnswers::Table.into_iden(),
            ReadinessChecks::Table.into_iden(),
            ReadinessItems::Table.into_iden(),
            ReadinessTemplates::Table.into_iden(),
        ] {
            m.drop_table(Table::drop().table(t).if_exists().take()).await?;
        }
        m.alter_table(Table::alter().table(EnrolmentRequests::Table).drop_column(EnrolmentRequests::ReadinessCheckId).take())
            .await?;
        m.alter_table(Table::alter().table(Programmes::Table).drop_column(Programmes::ReadinessGate).take()).await?;
        m.alter_table(Table::alter().table(Programmes::Table).drop_column(Programmes::ReadinessValidityMonths).take()).await?;
        Ok(())
    }
}

#[derive(DeriveIden)]
enum Programmes {
    Table,
    ReadinessValidityMonths,
    ReadinessGate,
}

#[derive(DeriveIden)]
enum EnrolmentRequests {
    Table,
    ReadinessCheckId,
}

#[derive(DeriveIden)]
enum Organisations {
    Table,
}

#[derive(DeriveIden)]
enum ReadinessTemplates {
    Table,
    Id,
    Version,
    Status,
    CreatedAt,
    PublishedAt,
}

#[derive(DeriveIden)]
enum ReadinessItems {
    Table,
    Id,
    TemplateId,
    Position,
    Section,
    Code,
    Title,
    Guidance,
}

#[derive(DeriveIden)]
enum ReadinessChecks {
    Table,
    Id,
    OrganisationId,
    TemplateId,
    Status,
    ScheduledAt,
    Location,
    AmbassadorId,
    ProjectLeaderId,
    InviteSequence,
    Summary,
    CompletedAt,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum ReadinessAnswers {
    Table,
    Id,
    CheckId,
    ItemId,
    Answer,
    Note,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum FollowupActivities {
    Table,
    Id,
    CheckId,
    OrganisationId,
    ItemId,
    Description,
    Owner,
    DueOn,
    Status,
    ReminderSentAt,
    OverdueSentAt,
    CreatedAt,
}

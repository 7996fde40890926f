//! Monitoring and planning: professionals trained before the programme
//! (imported from the knowledge partner's records), the yearly survey per
//! organisation, frozen monitoring snapshots and the planner's saved scenarios.

use crate::util::{fk, id_col};
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        // Trained before the programme: counted as trained, never enrolled again by the import.
        m.alter_table(Table::alter().table(Professionals::Table).add_column(date_null(Professionals::TrainedBeforeOn)).take()).await?;
        m.alter_table(Table::alter().table(Professionals::Table).add_column(timestamp_with_time_zone_null(Professionals::ImportedAt)).take())
            .await?;

        // The monitoring aggregates look enrolments up by professional (and status).
        m.create_index(
            Index::create()
                .name("ix_enrolments_professional_status")
                .table(Enrolments::Table)
                .col(Enrolments::ProfessionalId)
                .col(Enrolments::Status)
                .if_not_exists()
                .take(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(SurveyRounds::Table)
                .if_not_exists()
                .col(id_col(SurveyRounds::Id))
                .col(integer_uniq(SurveyRounds::Year))
                .col(date(SurveyRounds::Deadline))
                .col(big_integer(SurveyRounds::OpenedBy))
                .col(timestamp_with_time_zone(SurveyRounds::OpenedAt))
                // Each reminder goes out once; the timestamps are the guard.
                .col(timestamp_with_time_zone_null(SurveyRounds::ReminderBeforeAt))
                .col(timestamp_with_time_zone_null(SurveyRounds::ReminderAfterAt))
                .take(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(SurveyResponses::Table)
                .if_not_exists()
                .col(id_col(SurveyResponses::Id))
                .col(big_integer(SurveyResponses::RoundId))
                .col(big_integer(SurveyResponses::OrganisationId))
                .col(big_integer_null(SurveyResponses::DelegatedTo))
                .col(integer_null(SurveyResponses::TrainedReported))
                .col(text_null(SurveyResponses::TrainedNote))
                .col(integer_null(SurveyResponses::DoingVas))
                .col(integer_null(SurveyResponses::StillToTrain))
                .col(integer_null(SurveyResponses::VasDone))
                .col(double_null(SurveyResponses::HoursNeeded))
                .col(double_null(SurveyResponses::HoursAvailable))
                .col(text_null(SurveyResponses::Bottlenecks))
                .col(text_null(SurveyResponses::SuccessFactors))
                .col(timestamp_with_time_zone_null(SurveyResponses::SubmittedAt))
                .col(big_integer_null(SurveyResponses::SubmittedBy))
                .col(timestamp_with_time_zone(SurveyResponses::UpdatedAt))
                .foreign_key(&mut fk(SurveyResponses::Table, SurveyResponses::RoundId, SurveyRounds::Table))
                .foreign_key(&mut fk(SurveyResponses::Table, SurveyResponses::OrganisationId, Organisations::Table))
                .take(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ux_survey_response_org")
                .table(SurveyResponses::Table)
                .col(SurveyResponses::RoundId)
                .col(SurveyResponses::OrganisationId)
                .unique()
                .if_not_exists()
                .take(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(MonitoringSnapshots::Table)
                .if_not_exists()
                .col(id_col(MonitoringSnapshots::Id))
                .col(string_len(MonitoringSnapshots::Label, 200))
                .col(big_integer(MonitoringSnapshots::TakenBy))
                .col(timestamp_with_time_zone(MonitoringSnapshots::TakenAt))
                .col(text(MonitoringSnapshots::Data))
                .take(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(PlannerScenarios::Table)
                .if_not_exists()
                .col(id_col(PlannerScenarios::Id))
                .col(string_len(PlannerScenarios::Name, 200))
                .col(text(PlannerScenarios::Params))
                .col(big_integer(PlannerScenarios::CreatedBy))
                .col(timestamp_with_time_zone(PlannerScenarios::UpdatedAt))
                .take(),
        )
        .await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for t in [
            PlannerScenarios::Table.into_iden(),
            MonitoringSnapshots::Table.into_iden(),
            SurveyResponses::Table.into_iden(),
            SurveyRounds::Table.into_iden(),
        ] {
            m.drop_table(Table::drop().table(t).if_exists().take()).await?;
        }
        m.drop_index(Index::drop().name("ix_enrolments_professional_status").table(Enrolments::Table).to_owned()).await?;
        for c in [Professionals::ImportedAt, Professionals::TrainedBeforeOn] {
            m.alter_table(Table::alter().table(Professionals::Table).drop_column(c).take()).await?;
        }
        Ok(())
    }
}

#[derive(DeriveIden)]
enum Professionals {
    Table,
    TrainedBeforeOn,
    ImportedAt,
}

#[derive(DeriveIden)]
enum Enrolments {
    Table,
    ProfessionalId,
    Status,
}

#[derive(DeriveIden)]
enum Organisations {
    Table,
}

#[derive(DeriveIden)]
enum SurveyRounds {
    Table,
    Id,
    Year,
    Deadline,
    OpenedBy,
    OpenedAt,
    ReminderBeforeAt,
    ReminderAfterAt,
}

#[derive(DeriveIden)]
enum SurveyResponses {
    Table,
    Id,
    RoundId,
    OrganisationId,
    DelegatedTo,
    TrainedReported,
    TrainedNote,
    DoingVas,
    StillToTrain,
    VasDone,
    HoursNeeded,
    HoursAvailable,
    Bottlenecks,
    SuccessFactors,
    SubmittedAt,
    SubmittedBy,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum MonitoringSnapshots {
    Table,
    Id,
    Label,
    TakenBy,
    TakenAt,
    Data,
}

#[derive(DeriveIden)]
enum PlannerScenarios {
    Table,
    Id,
    Name,
    Params,
    CreatedBy,
    UpdatedAt,
}

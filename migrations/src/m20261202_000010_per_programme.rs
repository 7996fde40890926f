//! The yearly survey and the planner's saved scenarios belong to a programme:
//! a round is unique per programme and year (was: per year), and existing
//! rounds and scenarios go to the first VA training (the only programme
//! before several could exist). `programme_id` stays nullable in the schema
//! so that rows without any programme are kept; the service always sets it.
//!
//! SQLite cannot drop the inline UNIQUE on `year`, so there the two survey
//! tables are rebuilt in one transaction, children first, so that no foreign
//! key is ever left dangling.

use crate::util::{fk, id_col};
use sea_orm_migration::sea_orm::{ConnectionTrait, DbBackend, TransactionTrait};
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

const FIRST_VA: &str = "(SELECT COALESCE((SELECT MIN(id) FROM programmes WHERE course_type = 'va_training'), (SELECT MIN(id) FROM programmes)))";

fn rounds_table(name: DynIden) -> TableCreateStatement {
    Table::create()
        .table(name.clone())
        .col(id_col(SurveyRounds::Id))
        .col(big_integer_null(SurveyRounds::ProgrammeId))
        .col(integer(SurveyRounds::Year))
        .col(date(SurveyRounds::Deadline))
        .col(big_integer(SurveyRounds::OpenedBy))
        .col(timestamp_with_time_zone(SurveyRounds::OpenedAt))
        .col(timestamp_with_time_zone_null(SurveyRounds::ReminderBeforeAt))
        .col(timestamp_with_time_zone_null(SurveyRounds::ReminderAfterAt))
        .foreign_key(&mut fk(name, SurveyRounds::ProgrammeId, Programmes::Table))
        .take()
}

fn responses_table(name: DynIden, rounds: DynIden) -> TableCreateStatement {
    use SurveyResponses as R;
    Table::create()
        .table(name.clone())
        .col(id_col(R::Id))
        .col(big_integer(R::RoundId))
        .col(big_integer(R::OrganisationId))
        .col(big_integer_null(R::DelegatedTo))
        .col(integer_null(R::TrainedReported))
        .col(text_null(R::TrainedNote))
        .col(integer_null(R::DoingVas))
        .col(integer_null(R::StillToTrain))
        .col(integer_null(R::VasDone))
        .col(double_null(R::HoursNeeded))
        .col(double_null(R::HoursAvailable))
        .col(text_null(R::Bottlenecks))
        .col(text_null(R::SuccessFactors))
        .col(timestamp_with_time_zone_null(R::SubmittedAt))
        .col(big_integer_null(R::SubmittedBy))
        .col(timestamp_with_time_zone(R::UpdatedAt))
        .foreign_key(&mut fk(name.clone(), R::RoundId, rounds))
        .foreign_key(&mut fk(name, R::OrganisationId, Organisations::Table))
        .take()
}

fn unique_round() -> IndexCreateStatement {
    Index::create().name("ux_survey_round_programme_year").table(SurveyRounds::Table).col(SurveyRounds::ProgrammeId).col(SurveyRounds::Year).unique().take()
}

fn unique_response() -> IndexCreateStatement {
    Index::create().name("ux_survey_response_org").table(SurveyResponses::Table).col(SurveyResponses::RoundId).col(SurveyResponses::OrganisationId).unique().take()
}

const ROUND_COLS: &str = "id, year, deadline, opened_by, opened_at, reminder_before_at, reminder_after_at";
const RESPONSE_COLS: &str = "id, round_id, organisation_id, delegated_to, trained_reported, trained_note, doing_vas, still_to_train, vas_done, \
    hours_needed, hours_available, bottlenecks, success_factors, submitted_at, submitted_by, updated_at";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(Table::alter().table(PlannerScenarios::Table).add_column(big_integer_null(PlannerScenarios::ProgrammeId)).take()).await?;
        let db = m.get_connection();
        db.execute_unprepared(&format!("UPDATE planner_scenarios SET programme_id = {FIRST_VA}")).await?;
        m.create_index(Index::create().name("ix_planner_scenarios_programme").table(PlannerScenarios::Table).col(PlannerScenarios::ProgrammeId).take()).await?;
        if m.get_database_backend() != DbBackend::Sqlite {
            db.execute_unprepared("ALTER TABLE survey_rounds DROP CONSTRAINT IF EXISTS survey_rounds_year_key").await?;
            m.alter_table(Table::alter().table(SurveyRounds::Table).add_column(big_integer_null(SurveyRounds::ProgrammeId)).take()).await?;
            m.create_foreign_key(fk(SurveyRounds::Table, SurveyRounds::ProgrammeId, Programmes::Table).name("fk_survey_rounds_programme").take()).await?;
            db.execute_unprepared(&format!("UPDATE survey_rounds SET programme_id = {FIRST_VA}")).await?;
            return m.create_index(unique_round()).await;
        }
        let txn = db.begin().await?;
        let b = txn.get_database_backend();
        let (rounds_new, responses_new) = (Alias::new("survey_rounds_new").into_iden(), Alias::new("survey_responses_new").into_iden());
        txn.execute(b.build(&rounds_table(rounds_new.clone()))).await?;
        txn.execute_unprepared(&format!("INSERT INTO survey_rounds_new (programme_id, {ROUND_COLS}) SELECT {FIRST_VA}, {ROUND_COLS} FROM survey_rounds")).await?;
        txn.execute(b.build(&responses_table(responses_new.clone(), rounds_new))).await?;
        txn.execute_unprepared(&format!("INSERT INTO survey_responses_new ({RESPONSE_COLS}) SELECT {RESPONSE_COLS} FROM survey_responses")).await?;
        txn.execute(b.build(Table::drop().table(SurveyResponses::Table))).await?;
        txn.execute(b.build(Table::drop().table(SurveyRounds::Table))).await?;
        // Renaming also points survey_responses_new's foreign key at the new name.
        txn.execute(b.build(Table::rename().table(Alias::new("survey_rounds_new"), SurveyRounds::Table))).await?;
        txn.execute(b.build(Table::rename().table(Alias::new("survey_responses_new"), SurveyResponses::Table))).await?;
        txn.execute(b.build(&unique_response())).await?;
        txn.execute(b.build(&unique_round())).await?;
        txn.commit().await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_index(Index::drop().name("ix_planner_scenarios_programme").table(PlannerScenarios::Table).to_owned()).await?;
        m.alter_table(Table::alter().table(PlannerScenarios::Table).drop_column(PlannerScenarios::ProgrammeId).take()).await?;
        m.drop_index(Index::drop().name("ux_survey_round_programme_year").table(SurveyRounds::Table).to_owned()).await?;
        if m.get_database_backend() != DbBackend::Sqlite {
            m.alter_table(Table::alter().table(SurveyRounds::Table).drop_column(SurveyRounds::ProgrammeId).take()).await?;
        }
        // The year is no longer unique on its own once two programmes have a round of it; left as is.
        Ok(())
    }
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
enum SurveyRounds {
    Table,
    Id,
    ProgrammeId,
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
enum PlannerScenarios {
    Table,
    ProgrammeId,
}

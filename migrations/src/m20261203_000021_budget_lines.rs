//! The whole budget (plan section 8): next to training, coaching and
//! supervision, a year's lines for learning questions and for other
//! activities (communication, learning network, monitoring); learning
//! questions registered with the plan's conditions and their own budget; and
//! the expenses booked on the two new lines.

use crate::util::{create_indexes, drop_indexes, fk, id_col, Indexes};
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

const INDEXES: Indexes = &[
    ("ix_learning_questions_year", "learning_questions", &["budget_year"]),
    ("ix_budget_expenses_year", "budget_expenses", &["budget_year"]),
    ("ix_budget_expenses_question", "budget_expenses", &["learning_question_id"]),
];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for col in [big_integer(Budgets::LearningQuestionsEur).default(0).take(), big_integer(Budgets::OtherEur).default(0).take()] {
            let mut col = col;
            m.alter_table(Table::alter().table(Budgets::Table).add_column(&mut col).take()).await?;
        }
        // The plan's 2026 lines: EUR 35,000 for learning question 1, EUR 25,000 for the rest.
        m.exec_stmt(
            Query::update()
                .table(Budgets::Table)
                .value(Budgets::LearningQuestionsEur, 35_000)
                .value(Budgets::OtherEur, 25_000)
                .and_where(Expr::col(Budgets::Year).eq(2026))
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(LearningQuestions::Table)
                .if_not_exists()
                .col(id_col(LearningQuestions::Id))
                .col(text(LearningQuestions::Title))
                .col(big_integer_null(LearningQuestions::RegionId))
                .col(text(LearningQuestions::Goal))
                .col(text(LearningQuestions::TargetGroup))
                .col(text(LearningQuestions::Partners))
                .col(date(LearningQuestions::StartsOn))
                .col(date(LearningQuestions::EndsOn))
                .col(text(LearningQuestions::Capacity))
                .col(text(LearningQuestions::Outcomes))
                .col(text(LearningQuestions::Sharing))
                .col(big_integer(LearningQuestions::BudgetEur))
                .col(integer(LearningQuestions::BudgetYear))
                .col(string_len(LearningQuestions::Status, 16).default("proposed"))
                .col(text(LearningQuestions::DecisionNote).default(""))
                .col(big_integer(LearningQuestions::ProposedBy))
                .col(timestamp_with_time_zone(LearningQuestions::CreatedAt))
                .col(big_integer_null(LearningQuestions::DecidedBy))
                .col(timestamp_with_time_zone_null(LearningQuestions::DecidedAt))
                .col(timestamp_with_time_zone(LearningQuestions::UpdatedAt))
                .foreign_key(&mut fk(LearningQuestions::Table, LearningQuestions::RegionId, Regions::Table))
                .foreign_key(&mut fk(LearningQuestions::Table, LearningQuestions::ProposedBy, Users::Table))
                .foreign_key(&mut fk(LearningQuestions::Table, LearningQuestions::DecidedBy, Users::Table))
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(BudgetExpenses::Table)
                .if_not_exists()
                .col(id_col(BudgetExpenses::Id))
                .col(integer(BudgetExpenses::BudgetYear))
                .col(string_len(BudgetExpenses::Line, 32))
                .col(big_integer_null(BudgetExpenses::LearningQuestionId))
                .col(text(BudgetExpenses::Description))
                .col(big_integer(BudgetExpenses::AmountEur))
                .col(date(BudgetExpenses::SpentOn))
                .col(big_integer(BudgetExpenses::CreatedBy))
                .col(timestamp_with_time_zone(BudgetExpenses::CreatedAt))
                .foreign_key(&mut fk(BudgetExpenses::Table, BudgetExpenses::LearningQuestionId, LearningQuestions::Table))
                .foreign_key(&mut fk(BudgetExpenses::Table, BudgetExpenses::CreatedBy, Users::Table))
                .to_owned(),
        )
        .await?;
        create_indexes(m, INDEXES).await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        drop_indexes(m, INDEXES).await?;
        m.drop_table(Table::drop().table(BudgetExpenses::Table).to_owned()).await?;
        m.drop_table(Table::drop().table(LearningQuestions::Table).to_owned()).await?;
        for c in [Budgets::LearningQuestionsEur, Budgets::OtherEur] {
            m.alter_table(Table::alter().table(Budgets::Table).drop_column(c).take()).await?;
        }
        Ok(())
    }
}

#[derive(DeriveIden)]
enum Budgets {
    Table,
    Year,
    LearningQuestionsEur,
    OtherEur,
}

#[derive(DeriveIden)]
enum LearningQuestions {
    Table,
    Id,
    Title,
    RegionId,
    Goal,
    TargetGroup,
    Partners,
    StartsOn,
    EndsOn,
    Capacity,
    Outcomes,
    Sharing,
    BudgetEur,
    BudgetYear,
    Status,
    DecisionNote,
    ProposedBy,
    CreatedAt,
    DecidedBy,
    DecidedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum BudgetExpenses {
    Table,
    Id,
    BudgetYear,
    Line,
    LearningQuestionId,
    Description,
    AmountEur,
    SpentOn,
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

use sea_orm::entity::prelude::*;

/// Money booked on the learning-questions line (on a funded question) or the
/// other line: spent once its day has come, committed before.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "budget_expenses")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub budget_year: i32,
    /// learning_questions or other.
    pub line: String,
    pub learning_question_id: Option<i64>,
    pub description: String,
    pub amount_eur: i64,
    pub spent_on: Date,
    pub created_by: i64,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

use sea_orm::entity::prelude::*;

/// A year's budget lines in whole euros: training, coaching and supervision;
/// learning questions; other activities (communication, learning network, monitoring).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "budgets")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub year: i32,
    pub training_eur: i64,
    pub learning_questions_eur: i64,
    pub other_eur: i64,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

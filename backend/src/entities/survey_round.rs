use sea_orm::entity::prelude::*;

/// The yearly survey of one programme and year, open until its deadline.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "survey_rounds")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    /// Always set by the service; empty only for rounds older than any programme.
    pub programme_id: Option<i64>,
    pub year: i32,
    pub deadline: Date,
    pub opened_by: i64,
    pub opened_at: DateTimeUtc,
    pub reminder_before_at: Option<DateTimeUtc>,
    pub reminder_after_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

use sea_orm::entity::prelude::*;

/// A participant's attendance on one training day.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "attendance")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub enrolment_id: i64,
    pub day_id: i64,
    /// `present`, `absent` or `excused`.
    pub status: String,
    pub note: Option<String>,
    pub marked_by: i64,
    pub marked_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

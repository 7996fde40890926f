use sea_orm::entity::prelude::*;

/// A saved planner scenario (JSON of its parameters).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "planner_scenarios")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    /// Always set by the service; empty only for scenarios older than any programme.
    pub programme_id: Option<i64>,
    pub name: String,
    pub params: String,
    pub created_by: i64,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

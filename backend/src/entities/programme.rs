use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "programmes")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub name: String,
    pub course_type: String,
    pub starts_on: Date,
    pub ends_on: Date,
    /// A completed readiness check counts for this many months.
    pub readiness_validity_months: i32,
    /// When on, placement needs a completed readiness check.
    pub readiness_gate: bool,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

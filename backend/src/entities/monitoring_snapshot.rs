use sea_orm::entity::prelude::*;

/// The monitoring figures frozen for a meeting (JSON of the dashboard).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "monitoring_snapshots")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub label: String,
    pub taken_by: i64,
    pub taken_at: DateTimeUtc,
    pub data: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

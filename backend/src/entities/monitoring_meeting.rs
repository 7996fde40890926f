use sea_orm::entity::prelude::*;

/// An "overleg borging VA": the date, the snapshot discussed, the notes.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "monitoring_meetings")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub held_on: Date,
    pub label: String,
    pub location: Option<String>,
    pub snapshot_id: Option<i64>,
    pub notes: String,
    pub created_by: i64,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

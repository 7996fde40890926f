use sea_orm::entity::prelude::*;

/// A decision or a follow-up action recorded at a monitoring meeting.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "meeting_items")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub meeting_id: i64,
    /// `decision` or `action`.
    pub kind: String,
    pub text: String,
    pub owner: Option<String>,
    pub region_id: Option<i64>,
    pub due_on: Option<Date>,
    pub done_at: Option<DateTimeUtc>,
    pub created_by: i64,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

use sea_orm::entity::prelude::*;

/// An organisation asks for follow-up for its trained professionals.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "followup_requests")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub organisation_id: i64,
    /// `supervision`, `coaching` or `deepening`.
    pub kind: String,
    pub message: String,
    /// `open`, `planned` or `declined`.
    pub status: String,
    pub reason: Option<String>,
    pub session_id: Option<i64>,
    pub requested_by: i64,
    pub created_at: DateTimeUtc,
    pub decided_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

use sea_orm::entity::prelude::*;

/// A learning-network session (regional or supra-regional).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "learning_sessions")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    /// `regional` or `supra_regional`.
    pub scope: String,
    pub region_id: Option<i64>,
    pub title: String,
    pub held_on: Date,
    /// Local time `HH:MM` (Europe/Amsterdam).
    pub starts_at: String,
    pub ends_at: String,
    pub place: String,
    pub capacity: i32,
    pub target_group: String,
    pub description: String,
    /// `planned` or `cancelled`.
    pub status: String,
    pub cancel_reason: Option<String>,
    pub report: String,
    pub reported_at: Option<DateTimeUtc>,
    /// iCalendar SEQUENCE of the session's invitations: raised on every change.
    pub sequence: i32,
    pub created_by: i64,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "readiness_checks")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub organisation_id: i64,
    pub template_id: i64,
    pub status: String,
    pub scheduled_at: Option<DateTimeUtc>,
    pub location: Option<String>,
    pub ambassador_id: Option<i64>,
    pub project_leader_id: Option<i64>,
    /// iCalendar SEQUENCE of the invitation; raised on every reschedule or cancellation.
    pub invite_sequence: i32,
    pub summary: Option<String>,
    pub completed_at: Option<DateTimeUtc>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

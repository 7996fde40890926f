use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "enrolments")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub request_id: i64,
    pub programme_id: i64,
    pub professional_id: i64,
    pub function: Option<String>,
    pub ret_uhp: bool,
    pub remarks: Option<String>,
    pub status: String,
    pub group_id: Option<i64>,
    pub waitlist_position: Option<i32>,
    pub last_reason: Option<String>,
    pub approved_at: Option<DateTimeUtc>,
    /// BEL's adjustment of the waiting-list priority (always with a reason).
    pub priority_adjustment: i32,
    pub priority_reason: Option<String>,
    /// Set when the group closed and the completion rule was met.
    pub trained_on: Option<Date>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

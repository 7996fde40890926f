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
    /// Hours a waiting-list offer stays open.
    pub offer_hours: i32,
    /// Hours an organisation has to name a substitute for a withdrawn participant.
    pub substitution_hours: i32,
    pub regional_quotas: bool,
    /// Reserved seats still empty this many days before the first training day go to everyone.
    pub quota_cutoff_days: i32,
    /// Waiting entries (overall or in one region) that make BEL propose an extra group.
    pub extra_group_threshold: i32,
    pub cost_per_group_eur: i64,
    pub cost_per_trainer_day_eur: i64,
    pub trainer_days_per_group: i32,
    /// Attendance can be marked from the day itself until this many days after it.
    pub attendance_window_days: i32,
    /// Completion rule: at most this many excused and absent days.
    pub completion_max_excused: i32,
    pub completion_max_absent: i32,
    /// Cost of one follow-up session by kind, in euros.
    pub supervision_session_eur: i64,
    pub coaching_session_eur: i64,
    pub deepening_session_eur: i64,
    pub default_group_size: i32,
    /// Weeks after the training without any follow-up before the organisation is reminded (0: never).
    pub followup_reminder_weeks: i32,
    /// Days before each training day its participants are reminded (0: never).
    pub day_reminder_days: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

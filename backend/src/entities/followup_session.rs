use sea_orm::entity::prelude::*;

/// A supervision, coaching-on-the-job or deepening session.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "followup_sessions")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub programme_id: i64,
    /// `supervision`, `coaching` or `deepening`.
    pub kind: String,
    pub group_id: Option<i64>,
    pub day: Date,
    pub starts_at: String,
    pub ends_at: String,
    pub place: String,
    pub trainer_id: Option<i64>,
    /// `planned`, `held` or `cancelled`.
    pub status: String,
    pub notes: Option<String>,
    pub reason: Option<String>,
    /// Fixed when planned, from the programme's cost settings.
    pub cost_eur: i64,
    pub created_by: i64,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

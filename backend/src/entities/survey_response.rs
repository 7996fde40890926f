use sea_orm::entity::prelude::*;

/// One organisation's answers in a survey round (a draft until submitted).
#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "survey_responses")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub round_id: i64,
    pub organisation_id: i64,
    /// The organisation contact the form was handed to.
    pub delegated_to: Option<i64>,
    pub trained_reported: Option<i32>,
    pub trained_note: Option<String>,
    pub doing_vas: Option<i32>,
    pub still_to_train: Option<i32>,
    pub vas_done: Option<i32>,
    pub hours_needed: Option<f64>,
    pub hours_available: Option<f64>,
    pub bottlenecks: Option<String>,
    pub success_factors: Option<String>,
    pub submitted_at: Option<DateTimeUtc>,
    pub submitted_by: Option<i64>,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

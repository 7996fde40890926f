use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "extra_group_proposals")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub programme_id: i64,
    /// None: the whole list; otherwise the region whose waiting entries reached the threshold.
    pub scope_region_id: Option<i64>,
    /// `open`, `approved` or `declined`.
    pub status: String,
    pub waiting_count: i32,
    pub suggested_region_id: Option<i64>,
    pub suggested_size: i32,
    pub cost_eur: i64,
    pub budget_year: i32,
    pub created_at: DateTimeUtc,
    pub decided_at: Option<DateTimeUtc>,
    pub decided_by: Option<i64>,
    pub decision_reason: Option<String>,
    pub group_id: Option<i64>,
    /// Waiting entries in scope when BEL decided (a new proposal needs more).
    pub waiting_at_decision: Option<i32>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

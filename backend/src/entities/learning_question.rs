use sea_orm::entity::prelude::*;

/// A learning question (plan section 6) with the plan's conditions and its own
/// budget: proposed by BEL or a region's ambassador, funded or declined by BEL.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "learning_questions")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub title: String,
    /// None: supra-regional.
    pub region_id: Option<i64>,
    pub goal: String,
    pub target_group: String,
    pub partners: String,
    pub starts_on: Date,
    pub ends_on: Date,
    pub capacity: String,
    pub outcomes: String,
    pub sharing: String,
    pub budget_eur: i64,
    pub budget_year: i32,
    /// proposed, funded, declined, closed.
    pub status: String,
    pub decision_note: String,
    pub proposed_by: i64,
    pub created_at: DateTimeUtc,
    pub decided_by: Option<i64>,
    pub decided_at: Option<DateTimeUtc>,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

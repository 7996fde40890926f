use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "enrolment_requests")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub programme_id: i64,
    pub organisation_id: i64,
    pub created_by: i64,
    /// `ambassador` or `bel`.
    pub route: String,
    /// The region whose ambassador decides (ambassador route).
    pub region_id: Option<i64>,
    pub preferred_period: Option<String>,
    pub preferred_region_id: Option<i64>,
    pub remarks: Option<String>,
    pub submitted_at: Option<DateTimeUtc>,
    pub readiness_check_id: Option<i64>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

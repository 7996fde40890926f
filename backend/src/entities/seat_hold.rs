use sea_orm::entity::prelude::*;

/// A seat held for an open offer to a waiting entry, or for the organisation
/// of a withdrawn participant during the substitution window.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "seat_holds")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub group_id: i64,
    /// `offer` or `substitution`.
    pub kind: String,
    pub status: String,
    /// Offer: the entry offered the seat. Substitution: the withdrawn enrolment.
    pub enrolment_id: i64,
    pub organisation_id: i64,
    pub region_id: Option<i64>,
    pub deadline: DateTimeUtc,
    pub token_hash: Option<String>,
    pub manual_reason: Option<String>,
    pub created_by: Option<i64>,
    pub created_at: DateTimeUtc,
    pub resolved_at: Option<DateTimeUtc>,
    pub substitute_enrolment_id: Option<i64>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

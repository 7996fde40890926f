use sea_orm::entity::prelude::*;

/// A personal registration link for a learning session, mailed to a trained professional (its hash).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "learning_links")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub session_id: i64,
    pub professional_id: i64,
    pub token_hash: String,
    /// Who had it sent; none when the planner sent it itself (a place offered).
    pub sent_by: Option<i64>,
    pub sent_at: DateTimeUtc,
    /// When the professional last acted with it.
    pub used_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

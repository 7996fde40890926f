use sea_orm::entity::prelude::*;

/// The trainer's post-training feedback on a group.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "group_feedback")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub group_id: i64,
    pub experiences: String,
    pub went_well: String,
    /// What needs sharpening in regional or local embedding.
    pub sharpen: String,
    pub updated_by: i64,
    pub updated_at: DateTimeUtc,
    /// Since then the ambassadors of the participants' regions see it.
    pub shared_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

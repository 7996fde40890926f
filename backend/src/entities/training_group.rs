use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "training_groups")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub programme_id: i64,
    pub name: String,
    pub region_id: Option<i64>,
    pub capacity: i32,
    pub seats_taken: i32,
    /// Seats held for open offers and substitution windows.
    pub seats_held: i32,
    pub trainer_id: Option<i64>,
    /// When the regions' reserved seats were released to everyone.
    pub quota_released_at: Option<DateTimeUtc>,
    /// When the trainer closed the group and the completion rule was applied.
    pub closed_at: Option<DateTimeUtc>,
    /// When the participants' evaluation links went out.
    pub evaluation_sent_at: Option<DateTimeUtc>,
    pub status: String,
    pub starts_on: Date,
    pub ends_on: Date,
    pub location: String,
    pub cancel_reason: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

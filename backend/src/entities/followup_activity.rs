use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "followup_activities")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub check_id: i64,
    pub organisation_id: i64,
    pub item_id: Option<i64>,
    pub description: String,
    pub owner: String,
    pub due_on: Date,
    pub status: String,
    pub reminder_sent_at: Option<DateTimeUtc>,
    pub overdue_sent_at: Option<DateTimeUtc>,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

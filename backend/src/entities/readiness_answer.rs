use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "readiness_answers")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub check_id: i64,
    pub item_id: i64,
    pub answer: String,
    pub note: Option<String>,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

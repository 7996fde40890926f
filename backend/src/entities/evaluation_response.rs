use sea_orm::entity::prelude::*;

/// One anonymous evaluation: no link to a person or a time.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "evaluation_responses")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub group_id: i64,
    pub content: i32,
    pub trainers: i32,
    pub practice: i32,
    pub overall: i32,
    pub valuable: Option<String>,
    pub improve: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

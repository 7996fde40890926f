use sea_orm::entity::prelude::*;

/// A professional's reflection on a VA, scored 1-4 on the four criteria.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "quality_reflections")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub session_id: i64,
    pub professional_id: i64,
    pub complete: i32,
    pub economical: i32,
    pub coherent: i32,
    pub predictive: i32,
    pub note: Option<String>,
    pub recorded_by: i64,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

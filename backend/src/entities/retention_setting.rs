use sea_orm::entity::prelude::*;

/// The retention periods BEL sets: one row, id 1.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "retention_settings")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: i32,
    pub mail_body_days: i32,
    pub login_attempt_days: i32,
    pub token_days: i32,
    pub evaluation_link_days: i32,
    pub audit_days: i32,
    pub session_notes_days: Option<i32>,
    pub untrained_days: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

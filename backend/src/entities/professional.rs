use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "professionals")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub organisation_id: i64,
    pub name: String,
    pub email: String,
    pub function: Option<String>,
    pub created_at: DateTimeUtc,
    /// Trained before the programme (imported from the knowledge partner's records).
    pub trained_before_on: Option<Date>,
    pub imported_at: Option<DateTimeUtc>,
    /// Set when BEL erased the person: name and e-mail address are a pseudonym.
    pub erased_at: Option<DateTimeUtc>,
    /// When their organisation was reminded that they had no follow-up yet (once).
    pub followup_reminded_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "training_days")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub group_id: i64,
    pub day: Date,
    /// Local time `HH:MM` (Europe/Amsterdam).
    pub starts_at: String,
    pub ends_at: String,
    pub place: String,
    /// iCalendar SEQUENCE: raised on every change so calendars update the same event.
    pub sequence: i32,
    /// `active` or `cancelled`.
    pub status: String,
    pub trainer_id: Option<i64>,
    /// When the participants were reminded of this day (once).
    pub reminder_sent_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

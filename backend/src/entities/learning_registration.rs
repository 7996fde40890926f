use sea_orm::entity::prelude::*;

/// A professional's place, wait or offer for a learning-network session.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "learning_registrations")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub session_id: i64,
    pub professional_id: i64,
    /// `registered`, `waiting`, `offered` or `cancelled`.
    pub status: String,
    /// Works on RET or out-of-home-placement cases: one step up the waiting list.
    pub ret_uhp: bool,
    /// When they joined (the waiting list's order after priority).
    pub registered_at: DateTimeUtc,
    pub registered_by: Option<i64>,
    pub offer_expires_at: Option<DateTimeUtc>,
    pub attended: Option<bool>,
    /// iCalendar SEQUENCE of this professional's event: raised with every invitation or cancellation sent.
    pub sequence: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

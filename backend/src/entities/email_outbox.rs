use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "email_outbox")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    /// RFC 5322 Message-ID, unique: a message is never queued twice.
    pub message_id: String,
    pub template: String,
    pub to_addr: String,
    pub subject: String,
    pub body_text: String,
    pub attachment_name: Option<String>,
    pub attachment_content_type: Option<String>,
    pub attachment: Option<String>,
    pub attempts: i32,
    pub next_attempt_at: DateTimeUtc,
    /// A sender that claimed the row owns it until then.
    pub claimed_until: Option<DateTimeUtc>,
    /// The sender round that claimed it (one update claims a batch).
    pub claimed_by: Option<String>,
    pub sent_at: Option<DateTimeUtc>,
    pub failed_at: Option<DateTimeUtc>,
    pub last_error: Option<String>,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

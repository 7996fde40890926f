//! Writing messages into the outbox, in the same transaction as the change they report.

use crate::entities::email_outbox;
use chrono::Utc;
use sea_orm::{ConnectionTrait, EntityTrait, Set};

#[derive(Debug, Clone)]
pub struct Attachment {
    pub filename: String,
    pub content_type: String,
    pub content: String,
}

#[derive(Debug, Clone)]
pub struct OutgoingEmail {
    pub template: &'static str,
    pub to: String,
    pub subject: String,
    pub body_text: String,
    pub attachment: Option<Attachment>,
}

impl OutgoingEmail {
    pub fn new(template: &'static str, to: &str, subject: &str, body_text: String) -> Self {
        OutgoingEmail { template, to: to.to_string(), subject: subject.to_string(), body_text, attachment: None }
    }

    pub fn with_attachment(mut self, a: Attachment) -> Self {
        self.attachment = Some(a);
        self
    }
}

/// Queue a message. Pass the transaction of the state change so both commit or neither.
pub async fn enqueue<C: ConnectionTrait>(db: &C, mail: OutgoingEmail) -> Result<i64, sea_orm::DbErr> {
    let now = Utc::now();
    let (name, ctype, content) = match mail.attachment {
        Some(a) => (Some(a.filename), Some(a.content_type), Some(a.content)),
        None => (None, None, None),
    };
    let row = email_outbox::ActiveModel {
        message_id: Set(format!("<{}@va-planner.bel-limburg.nl>", uuid::Uuid::new_v4())),
        template: Set(mail.template.to_string()),
        to_addr: Set(mail.to),
        subject: Set(mail.subject),
        body_text: Set(mail.body_text),
        attachment_name: Set(name),
        attachment_content_type: Set(ctype),
        attachment: Set(content),
        attempts: Set(0),
        next_attempt_at: Set(now),
        claimed_until: Set(None),
        sent_at: Set(None),
        failed_at: Set(None),
        last_error: Set(None),
        created_at: Set(now),
        ..Default::default()
    };
    // Nothing is read back: the id is all the caller needs.
    Ok(email_outbox::Entity::insert(row).exec(db).await?.last_insert_id)
}

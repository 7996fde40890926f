//! The outbox as BEL sees it: what is waiting, what failed and why, what went
//! out; re-sending and a test message that checks the mail settings.

use crate::ids::MailId;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

crate::string_enum! {
    /// Where a message stands.
    pub enum MailStatus {
        /// Queued or being retried.
        Pending = "pending",
        /// No further attempts: BEL decides (re-send, or correct the address).
        Failed = "failed",
        Sent = "sent",
    }
}

/// One message, without its body (it may hold personal data and links).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct MailItem {
    pub id: MailId,
    /// Which kind of message, e.g. `invitation`, `waitlist_offer`.
    pub template: String,
    pub to: String,
    pub subject: String,
    pub status: MailStatus,
    pub attempts: i32,
    /// Why the last attempt failed (kept after a later success).
    pub last_error: Option<String>,
    pub created_at: DateTime<Utc>,
    /// Pending only: when the next attempt is due.
    pub next_attempt_at: Option<DateTime<Utc>>,
    pub sent_at: Option<DateTime<Utc>>,
    pub failed_at: Option<DateTime<Utc>>,
}

/// The outbox at a glance and one page of it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct MailQueue {
    /// Where mail goes: the SMTP server (without credentials) or the directory of `.eml` files.
    pub delivery: String,
    pub pending: u64,
    pub failed: u64,
    pub sent: u64,
    /// The oldest message still waiting; long ago means delivery is stuck.
    pub oldest_pending_at: Option<DateTime<Utc>>,
    /// Newest first.
    pub items: Vec<MailItem>,
}

/// A test message to check the mail settings.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct TestMail {
    /// Defaults to the caller's own address.
    #[serde(default)]
    pub to: Option<String>,
}

/// How many failed messages were queued again.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct Requeued {
    pub count: u64,
}

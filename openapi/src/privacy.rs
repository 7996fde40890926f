//! Privacy (AVG/GDPR): how long each kind of personal data is kept, and the
//! record of what the job runner purged.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// Retention periods in days, set by BEL. Each has a floor the process needs
/// (and a ceiling of ten years); `session_notes_days` empty keeps the notes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct RetentionSettings {
    /// The body and attachment of a sent or finally failed mail (the row stays: to whom, what, when). At least 7.
    pub mail_body_days: i32,
    /// Failed login attempts. At least 1 (the throttling window is shorter).
    pub login_attempt_days: i32,
    /// Password and invitation links, counted from their use or expiry. At least 1.
    pub token_days: i32,
    /// Evaluation links, counted from their sending. At least 30 (the time to answer).
    pub evaluation_link_days: i32,
    /// Audit entries. At least 365 (BEL accounts for a year's changes).
    pub audit_days: i32,
    /// The free-text notes of follow-up sessions, counted from the session's day; empty keeps them. At least 30.
    pub session_notes_days: Option<i32>,
}

/// One purge: what kind, how many rows, when; never the data itself.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct PurgeRecord {
    /// `mail_body`, `login_attempt`, `token`, `evaluation_link`, `audit`, `session_notes`.
    pub kind: String,
    pub rows: i64,
    pub at: DateTime<Utc>,
}

/// The retention settings with the latest purges (newest first, at most 100).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct Retention {
    pub settings: RetentionSettings,
    pub purges: Vec<PurgeRecord>,
}

//! Personal calendar feeds: a secret address per user and per professional
//! that calendar apps subscribe to, with their training days, follow-up and
//! learning-network sessions. Revocable; a new address replaces the old.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct CalendarFeed {
    pub active: bool,
    pub created_at: Option<DateTime<Utc>>,
    /// When a calendar app last fetched it.
    pub last_read_at: Option<DateTime<Utc>>,
    /// The secret address: only in the answer that made it (it is kept hashed).
    pub url: Option<String>,
}

//! The monitoring meeting (plan action 20): the "overleg borging VA", three
//! times a year, with the snapshot discussed and the decisions and follow-up
//! actions recorded. BEL keeps it; ambassadors read every region's.

use crate::auth::NamedRef;
use crate::ids::*;
use crate::monitoring::{SnapshotComparison, SnapshotSummary};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

/// Meetings in a year, as the plan agrees.
pub const MEETINGS_PER_YEAR: usize = 3;
/// Longest decision, action or notes text.
pub const MAX_ITEM_LEN: usize = 2000;
pub const MAX_NOTES_LEN: usize = 10_000;

crate::string_enum! {
    pub enum MeetingItemKind {
        /// What the meeting decided.
        Decision = "decision",
        /// A follow-up action with an owner and a date.
        Action = "action",
    }
}

/// BEL schedules or changes a meeting.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct MeetingInput {
    pub held_on: NaiveDate,
    /// E.g. "Overleg borging VA maart 2027".
    pub label: String,
    #[serde(default)]
    pub location: Option<String>,
    /// The snapshot discussed (BEL takes it under Monitoring).
    #[serde(default)]
    pub snapshot_id: Option<SnapshotId>,
    #[serde(default)]
    pub notes: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct MeetingSummary {
    pub id: MeetingId,
    pub held_on: NaiveDate,
    pub label: String,
    pub location: Option<String>,
    /// 1, 2 or 3: the meeting's place in its year.
    pub number: i32,
    pub snapshot: Option<SnapshotSummary>,
    pub decisions: i32,
    pub actions_open: i32,
    pub actions_done: i32,
}

/// A decision or an action; actions have an owner and a date and are done or open.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct MeetingItem {
    pub id: MeetingItemId,
    pub meeting: NamedRef<MeetingId>,
    pub kind: MeetingItemKind,
    pub text: String,
    pub owner: Option<String>,
    /// The region it concerns; none for all.
    pub region: Option<NamedRef<RegionId>>,
    pub due_on: Option<NaiveDate>,
    pub done_at: Option<DateTime<Utc>>,
    /// An open action past its date.
    pub overdue: bool,
    /// About the caller's own region (ambassadors).
    pub own_region: bool,
}

/// Meetings by year and every open action.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct MeetingList {
    /// Newest year first, meetings in date order.
    pub years: Vec<MeetingYear>,
    /// Open actions of all meetings, by date.
    pub open_actions: Vec<MeetingItem>,
    pub can_edit: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct MeetingYear {
    pub year: i32,
    pub meetings: Vec<MeetingSummary>,
}

/// One meeting: its items and the snapshot discussed (ambassadors see the
/// organisations of their own region only).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct Meeting {
    pub summary: MeetingSummary,
    pub notes: String,
    pub items: Vec<MeetingItem>,
    pub snapshot: Option<SnapshotComparison>,
    pub can_edit: bool,
}

/// BEL records a decision or an action.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct NewMeetingItem {
    pub kind: MeetingItemKind,
    pub text: String,
    /// Who carries the action out (required for an action).
    #[serde(default)]
    pub owner: Option<String>,
    #[serde(default)]
    pub region_id: Option<RegionId>,
    /// By when (required for an action, not before the meeting).
    #[serde(default)]
    pub due_on: Option<NaiveDate>,
}

/// An action done, or open again.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ItemDone {
    pub done: bool,
}

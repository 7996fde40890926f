//! The learning network (plan actions 15-16): regional and supra-regional
//! sessions of case-based learning, announced by BEL or an ambassador, for
//! trained professionals registered by their organisation; a waiting list when
//! full; attendance and a short report shared with every ambassador; and the
//! regions' learning needs side by side.

use crate::auth::NamedRef;
use crate::ids::*;
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

pub const MAX_CAPACITY: i32 = 500;
pub const MAX_TITLE_LEN: usize = 200;
pub const MAX_TEXT_LEN: usize = 4000;
pub const MAX_REPORT_LEN: usize = 10_000;
/// How many professionals one registration call may name.
pub const MAX_REGISTRATIONS_AT_ONCE: usize = 50;

crate::string_enum! {
    pub enum LearningScope {
        /// For the professionals of one region, organised by its ambassador or BEL.
        Regional = "regional",
        /// For everyone trained, organised by BEL.
        SupraRegional = "supra_regional",
    }
}

crate::string_enum! {
    pub enum RegistrationStatus {
        /// Has a place.
        Registered = "registered",
        /// On the waiting list.
        Waiting = "waiting",
        /// A freed place is held for them until the offer's deadline.
        Offered = "offered",
        /// Withdrawn, or an offer declined or expired.
        Cancelled = "cancelled",
    }
}

/// BEL or an ambassador announces or changes a session.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct LearningSessionInput {
    pub scope: LearningScope,
    /// Required for a regional session (an ambassador: their own region).
    #[serde(default)]
    pub region_id: Option<RegionId>,
    pub title: String,
    pub held_on: NaiveDate,
    /// Local time `HH:MM`.
    pub starts_at: String,
    pub ends_at: String,
    pub place: String,
    /// Places, 1 to 500.
    pub capacity: i32,
    /// Who it is for, e.g. "Getrainde jeugdprofessionals van gemeenten en GI's".
    pub target_group: String,
    #[serde(default)]
    pub description: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct LearningSessionSummary {
    pub id: LearningSessionId,
    pub scope: LearningScope,
    pub region: Option<NamedRef<RegionId>>,
    pub title: String,
    pub held_on: NaiveDate,
    pub starts_at: String,
    pub ends_at: String,
    pub place: String,
    pub capacity: i32,
    pub target_group: String,
    /// Places taken (registered, or held for an offer).
    pub taken: i32,
    pub waiting: i32,
    /// Registered professionals of the caller's own scope (a contact: their organisation).
    pub mine: i32,
    pub cancelled: bool,
    pub reported: bool,
    /// May the caller change it, record attendance and the report?
    pub can_manage: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct LearningSessionList {
    /// From today on, by date.
    pub upcoming: Vec<LearningSessionSummary>,
    /// Held or cancelled, newest first.
    pub past: Vec<LearningSessionSummary>,
    /// BEL and ambassadors announce sessions.
    pub can_announce: bool,
}

/// One registration, as far as the caller may see the professional.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct LearningRegistration {
    pub id: LearningRegistrationId,
    pub professional: NamedRef<ProfessionalId>,
    pub organisation: NamedRef<OrganisationId>,
    pub status: RegistrationStatus,
    /// 1-based place on the waiting list.
    pub position: Option<i32>,
    pub offer_expires_at: Option<DateTime<Utc>>,
    /// Recorded after the session: present or not.
    pub attended: Option<bool>,
    pub registered_at: DateTime<Utc>,
    /// May the caller withdraw it or answer its offer?
    pub can_change: bool,
}

/// A trained professional the caller may register.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct LearningCandidate {
    pub professional: NamedRef<ProfessionalId>,
    pub organisation: NamedRef<OrganisationId>,
    pub trained_on: NaiveDate,
    /// When the last personal registration link for this session was mailed to them.
    #[serde(default)]
    pub link_sent_at: Option<DateTime<Utc>>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct LearningSession {
    pub summary: LearningSessionSummary,
    pub description: String,
    pub cancel_reason: Option<String>,
    /// The registrations the caller may see by name (others count in the summary only).
    pub registrations: Vec<LearningRegistration>,
    /// Trained professionals the caller may still register (none once held or cancelled).
    pub candidates: Vec<LearningCandidate>,
    /// Lessons learned, shared with every ambassador.
    pub report: String,
    pub reported_at: Option<DateTime<Utc>>,
    /// From the session's day on: attendance and the report may be recorded.
    pub held: bool,
}

/// Professionals to register; each gets a place, or a place on the waiting list when full.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct NewLearningRegistrations {
    pub professional_ids: Vec<ProfessionalId>,
}

crate::string_enum! {
    pub enum LearningLinkAction {
        /// Take a place, or join the waiting list when full.
        Register = "register",
        /// Give up the place, the wait or the offer.
        Withdraw = "withdraw",
        /// Take the place offered.
        Accept = "accept",
        /// Pass the place offered on to the next in line.
        Decline = "decline",
    }
}

/// The token of a personal registration link.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct LearningLinkToken {
    pub token: String,
}

/// What the professional does with their link.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct LearningLinkInput {
    pub token: String,
    pub action: LearningLinkAction,
}

/// A session as its personal link shows it to the professional (no account).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct PublicLearningSession {
    pub title: String,
    /// The region of a regional session; none for a supra-regional one.
    pub region: Option<String>,
    pub held_on: NaiveDate,
    pub starts_at: String,
    pub ends_at: String,
    pub place: String,
    pub target_group: String,
    pub description: String,
    /// The professional the link is for.
    pub professional: String,
    /// Their registration; none when they never registered or withdrew.
    pub status: Option<RegistrationStatus>,
    /// Their place on the waiting list.
    pub position: Option<i32>,
    pub offer_expires_at: Option<DateTime<Utc>>,
    /// Places not taken or held.
    pub places_left: i32,
    /// Registration and withdrawal are still possible (not cancelled, not begun).
    pub open: bool,
    pub cancelled: bool,
}

/// The answer to an offered place.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct OfferAnswer {
    pub accept: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct LearningAttendance {
    pub registration_id: LearningRegistrationId,
    pub attended: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct LearningAttendanceInput {
    pub entries: Vec<LearningAttendance>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct LearningReportInput {
    pub report: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct LearningCancelInput {
    pub reason: String,
}

/// An ambassador records a learning need of their region (BEL: of any region).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct LearningNeedInput {
    /// An ambassador's own region when left out.
    #[serde(default)]
    pub region_id: Option<RegionId>,
    pub topic: String,
    #[serde(default)]
    pub description: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct LearningNeed {
    pub id: LearningNeedId,
    pub topic: String,
    pub description: String,
    pub recorded_by: String,
    pub recorded_at: DateTime<Utc>,
    /// May the caller remove it (BEL, or the region's ambassador)?
    pub can_remove: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct RegionNeeds {
    pub region: NamedRef<RegionId>,
    pub needs: Vec<LearningNeed>,
    /// The caller's own region (ambassadors).
    pub own: bool,
}

/// Every region's learning needs side by side.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct LearningNeeds {
    pub regions: Vec<RegionNeeds>,
}

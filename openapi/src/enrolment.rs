//! Enrolment requests, per-professional enrolments, decisions and seat allocation.

use crate::auth::NamedRef;
use crate::ids::*;
use crate::reference::TrainingGroup;
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

crate::string_enum! {
    /// Status of one professional's enrolment.
    pub enum EnrolmentStatus {
        /// Saved, not yet submitted.
        Draft = "draft",
        /// Waiting for the ambassador's (or BEL's) decision.
        Submitted = "submitted",
        /// Sent back for more information; the organisation edits and resubmits.
        Returned = "returned",
        /// Approved: in BEL's allocation queue.
        Approved = "approved",
        Rejected = "rejected",
        /// Has a seat in a training group.
        Placed = "placed",
        /// On the waiting list.
        Waitlisted = "waitlisted",
        Withdrawn = "withdrawn",
        /// Completed the training (the group was closed and the completion rule met).
        Trained = "trained",
        /// Took part but did not meet the completion rule; the reason is in `last_reason`.
        NotCompleted = "not_completed",
    }
}

/// Status of a request, derived from its enrolments.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum RequestStatus {
    Draft,
    /// At least one professional awaits a decision.
    Submitted,
    /// At least one professional was sent back and none awaits a decision.
    Returned,
    /// Every professional has a decision.
    Decided,
    Withdrawn,
}

/// Who decides a request.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Route {
    /// Municipalities and CJG: the region's VA ambassador.
    Ambassador,
    /// GIs and care providers: BEL directly.
    Bel,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct NewEnrolment {
    pub name: String,
    pub email: String,
    /// e.g. "Medewerker toegangsteam", "Gedragswetenschapper", "Jeugdbeschermer (GI)".
    #[serde(default)]
    pub function: Option<String>,
    /// Works on cases for the Regional Expertise Team or (threatened) out-of-home placement.
    #[serde(default)]
    pub works_on_ret_uhp: bool,
    #[serde(default)]
    pub remarks: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct NewEnrolmentRequest {
    pub programme_id: ProgrammeId,
    /// BEL and ambassadors file on behalf of an organisation (ambassadors: of
    /// their region); organisation contacts leave it out (their own).
    #[serde(default)]
    pub organisation_id: Option<OrganisationId>,
    /// Free text, e.g. "voorjaar 2027".
    #[serde(default)]
    pub preferred_period: Option<String>,
    #[serde(default)]
    pub preferred_region_id: Option<RegionId>,
    #[serde(default)]
    pub remarks: Option<String>,
    pub professionals: Vec<NewEnrolment>,
    /// Submit at once; otherwise the request is saved as a draft.
    #[serde(default)]
    pub submit: bool,
}

/// Edit a draft or returned enrolment before (re)submitting.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct EnrolmentEdit {
    /// Corrects the professional's name (draft or returned only); absent: unchanged.
    #[serde(default)]
    pub name: Option<String>,
    /// Corrects the professional's email address; absent: unchanged.
    #[serde(default)]
    pub email: Option<String>,
    #[serde(default)]
    pub function: Option<String>,
    pub works_on_ret_uhp: bool,
    #[serde(default)]
    pub remarks: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Decision {
    Approve,
    Reject,
    /// Send back for more information.
    Return,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct DecisionRequest {
    pub decision: Decision,
    /// Required for reject (the reason) and return (what is missing).
    #[serde(default)]
    pub reason: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct AllocateRequest {
    pub group_id: GroupId,
    /// BEL confirms placing someone in a group whose first day has passed.
    #[serde(default)]
    pub late_entry: bool,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct WithdrawRequest {
    #[serde(default)]
    pub reason: Option<String>,
}

/// A substitution window: its id (to name a substitute) and until when it is open.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct SubstitutionWindow {
    pub id: SubstitutionId,
    pub until: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct EnrolmentView {
    pub id: EnrolmentId,
    pub request_id: RequestId,
    pub professional: NamedRef<ProfessionalId>,
    pub professional_email: String,
    pub function: Option<String>,
    pub works_on_ret_uhp: bool,
    pub remarks: Option<String>,
    pub status: EnrolmentStatus,
    pub group: Option<NamedRef<GroupId>>,
    pub waitlist_position: Option<i32>,
    /// Reason of the last rejection, return or withdrawal.
    pub last_reason: Option<String>,
    /// After a placed professional withdrew: the open window in which the
    /// organisation may name a substitute for the seat (then it goes to the list).
    #[serde(default)]
    pub substitution: Option<SubstitutionWindow>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct TimelineEntry {
    pub at: DateTime<Utc>,
    pub actor: Option<String>,
    /// e.g. `created`, `submit`, `approve`, `reject`, `return`, `allocate`, `move`, `waitlist`, `withdraw`.
    pub action: String,
    pub enrolment_id: Option<EnrolmentId>,
    pub professional: Option<String>,
    pub from_status: Option<EnrolmentStatus>,
    pub to_status: Option<EnrolmentStatus>,
    pub reason: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct EnrolmentRequestView {
    pub id: RequestId,
    pub programme_id: ProgrammeId,
    pub organisation: NamedRef<OrganisationId>,
    pub route: Route,
    pub region: Option<NamedRef<RegionId>>,
    pub status: RequestStatus,
    pub preferred_period: Option<String>,
    pub preferred_region_id: Option<RegionId>,
    pub remarks: Option<String>,
    pub submitted_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
    /// The readiness check this request relies on (municipalities and CJG: attached on submission).
    pub readiness_check: Option<crate::readiness::ReadinessLink>,
    pub enrolments: Vec<EnrolmentView>,
    /// Oldest first.
    pub timeline: Vec<TimelineEntry>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct RequestSummary {
    pub id: RequestId,
    pub organisation: NamedRef<OrganisationId>,
    pub route: Route,
    pub region: Option<NamedRef<RegionId>>,
    pub status: RequestStatus,
    pub submitted_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
    pub professionals: i64,
    /// Professionals awaiting a decision.
    pub pending: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct QueueEntry {
    pub enrolment_id: EnrolmentId,
    pub request_id: RequestId,
    pub professional: String,
    pub organisation: NamedRef<OrganisationId>,
    pub region: Option<NamedRef<RegionId>>,
    pub function: Option<String>,
    pub works_on_ret_uhp: bool,
    pub approved_at: Option<DateTime<Utc>>,
    pub status: EnrolmentStatus,
    pub waitlist_position: Option<i32>,
    /// The group BEL is offered first: the earliest of the person's region that has not
    /// started and has a seat, else the earliest supra-regional one; none: BEL chooses.
    pub suggested_group_id: Option<GroupId>,
    /// BEL's priority adjustment (positive: earlier on the list), with the list order it gives.
    #[serde(default)]
    pub priority_adjustment: i32,
    /// A seat this person has been offered and not answered yet: placing them elsewhere
    /// withdraws the offer and offers that seat to the next on the list.
    #[serde(default)]
    pub open_offer: Option<HeldSeat>,
}

/// A seat held for someone until a deadline (an open offer).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct HeldSeat {
    pub group: NamedRef<GroupId>,
    pub deadline: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct SeatBoard {
    pub programme_id: ProgrammeId,
    pub groups: Vec<TrainingGroup>,
    /// Approved professionals without a seat, in waiting-list order (priority, then approval time).
    pub queue: Vec<QueueEntry>,
    /// Those BEL put on the waiting list because no seat was free, in the same order.
    pub waitlist: Vec<QueueEntry>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct TrainingDay {
    pub day: NaiveDate,
    /// Local time (Europe/Amsterdam), `HH:MM`.
    pub starts_at: String,
    pub ends_at: String,
    pub place: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct Participant {
    pub enrolment_id: EnrolmentId,
    pub professional: String,
    pub email: String,
    pub organisation: NamedRef<OrganisationId>,
    pub function: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct GroupDetail {
    pub group: TrainingGroup,
    pub days: Vec<TrainingDay>,
    pub participants: Vec<Participant>,
}

/// One entry of the waiting list: an approved professional without a seat.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct WaitlistEntry {
    /// 1-based: "nr. 4 op de wachtlijst".
    pub position: i32,
    pub enrolment_id: EnrolmentId,
    pub request_id: RequestId,
    pub professional: String,
    pub organisation: NamedRef<OrganisationId>,
    pub region: Option<NamedRef<RegionId>>,
    pub works_on_ret_uhp: bool,
    /// Effective priority: BEL's adjustment plus one step for RET/UHP work.
    pub priority: i32,
    pub priority_adjustment: i32,
    pub priority_reason: Option<String>,
    pub approved_at: Option<DateTime<Utc>>,
    pub status: EnrolmentStatus,
    /// The group of an open offer, if the entry has one.
    pub offer_group: Option<String>,
    /// Until when the open offer holds the seat.
    pub offer_deadline: Option<DateTime<Utc>>,
}

/// BEL changes an entry's priority; the reason is required, logged and shown.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct PriorityInput {
    /// Adjustment from -5 to 5 on top of the RET/UHP step.
    pub adjustment: i32,
    pub reason: String,
}

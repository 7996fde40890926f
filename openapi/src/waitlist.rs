//! The waiting list's offers, substitution windows, regional quotas, extra-group
//! proposals and the training budget.

use crate::auth::NamedRef;
use crate::enrolment::{TrainingDay, WaitlistEntry};
use crate::ids::*;
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

/// Programme settings of the waiting list (BEL).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct WaitlistSettings {
    /// Hours an offer stays open (1-336); never later than the day before the first training day.
    pub offer_hours: i32,
    /// Hours an organisation has to name a substitute after a placed professional withdrew (0-336; 0: none).
    pub substitution_hours: i32,
    /// Reserve seats of a group per region until the cut-off.
    pub regional_quotas: bool,
    /// Days before the first training day when reserved seats still empty go to everyone (0-180).
    pub quota_cutoff_days: i32,
    /// Waiting entries, overall or in one region, at which BEL gets an extra-group proposal (1-500).
    pub extra_group_threshold: i32,
    /// Fixed cost of a group in euros (location, materials).
    pub cost_per_group_eur: i64,
    /// Cost of one trainer day in euros.
    pub cost_per_trainer_day_eur: i64,
    /// Trainer days a group needs (days times trainers).
    pub trainer_days_per_group: i32,
}

crate::string_enum! {
    pub enum OfferStatus {
        /// Waiting for the professional's answer; the seat is held.
        Open = "open",
        /// Accepted: the professional is placed.
        Accepted = "accepted",
        Declined = "declined",
        /// Not answered before the deadline.
        Expired = "expired",
        /// Withdrawn (the professional was placed or withdrew otherwise).
        Cancelled = "cancelled",
    }
}


/// A seat offered to a waiting entry.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct OfferView {
    pub id: OfferId,
    pub enrolment_id: EnrolmentId,
    pub request_id: RequestId,
    pub professional: String,
    pub organisation: NamedRef<OrganisationId>,
    pub region: Option<NamedRef<RegionId>>,
    pub group: NamedRef<GroupId>,
    pub status: OfferStatus,
    pub created_at: DateTime<Utc>,
    pub deadline: DateTime<Utc>,
    pub resolved_at: Option<DateTime<Utc>>,
    /// Set when BEL made the offer out of list order.
    pub manual_reason: Option<String>,
}

crate::string_enum! {
    pub enum SubstitutionStatus {
        /// The organisation may still name a substitute; the seat is held.
        Open = "open",
        /// A substitute took the seat.
        Substituted = "substituted",
        /// No substitute: the seat went to the waiting list.
        Released = "released",
    }
}

/// The window in which an organisation may name a substitute for a withdrawn participant.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct SubstitutionView {
    pub id: SubstitutionId,
    pub group: NamedRef<GroupId>,
    pub organisation: NamedRef<OrganisationId>,
    pub request_id: RequestId,
    /// The professional who withdrew.
    pub withdrawn: String,
    pub status: SubstitutionStatus,
    pub deadline: DateTime<Utc>,
    pub resolved_at: Option<DateTime<Utc>>,
    /// The substitute's name, once named.
    pub substitute: Option<String>,
}

/// The organisation names a substitute for the withdrawn participant.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct SubstituteInput {
    pub name: String,
    pub email: String,
    #[serde(default)]
    pub function: Option<String>,
    #[serde(default)]
    pub works_on_ret_uhp: bool,
}

/// BEL offers a seat out of list order; the reason is logged and shown.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ManualOfferInput {
    pub enrolment_id: EnrolmentId,
    pub group_id: GroupId,
    pub reason: String,
}

/// The signed link's token (from the email), to read or answer an offer without an account.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct OfferTokenInput {
    pub token: String,
}

/// The professional's answer to an offer.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct OfferAnswer {
    pub token: String,
    pub accept: bool,
    /// With a decline: stay on the waiting list for a later seat (default) or leave it.
    #[serde(default = "yes")]
    pub keep_on_list: bool,
}

fn yes() -> bool {
    true
}

/// What the professional sees behind the link: no other personal data.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct PublicOffer {
    pub professional: String,
    pub group: String,
    pub days: Vec<TrainingDay>,
    pub status: OfferStatus,
    pub deadline: DateTime<Utc>,
    /// After a decline: whether the professional stays on the list.
    pub on_list: bool,
}

/// Seats of a group reserved for one region.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct RegionQuota {
    pub region_id: RegionId,
    pub seats: i32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct QuotasInput {
    pub quotas: Vec<RegionQuota>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct CapacityInput {
    /// New number of seats (1-40); not below the seats taken and held.
    pub capacity: i32,
}

/// A group's seats as the waiting list sees them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct GroupSeats {
    pub group: crate::reference::TrainingGroup,
    pub first_day: Option<NaiveDate>,
    /// First training day reached: no offers, no substitutes.
    pub started: bool,
    pub free: i32,
    pub quotas: Vec<RegionQuota>,
    /// Reserved seats apply until this date (regional quotas on and not yet released).
    pub quota_until: Option<NaiveDate>,
}

crate::string_enum! {
    pub enum ProposalStatus {
        Open = "open",
        Approved = "approved",
        Declined = "declined",
    }
}

/// A proposal to open an extra group, made when the waiting list reaches the threshold.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct ProposalView {
    pub id: ProposalId,
    /// None: the whole list reached the threshold; otherwise one region's entries.
    pub scope_region: Option<NamedRef<RegionId>>,
    pub status: ProposalStatus,
    /// Waiting entries in scope when the proposal was made.
    pub waiting_count: i32,
    /// Waiting entries in scope now.
    pub waiting_now: i32,
    pub suggested_region: Option<NamedRef<RegionId>>,
    pub suggested_size: i32,
    pub cost_eur: i64,
    pub budget_year: i32,
    /// The budget year's figures, as `BudgetYear` gives them: the training budget
    /// (none when not set yet), spent, committed and remaining.
    pub budget_eur: Option<i64>,
    pub spent_eur: i64,
    pub committed_eur: i64,
    pub remaining_eur: i64,
    /// The group's cost fits what remains (an approved group's own cost not counted twice).
    pub fits: bool,
    /// How much is missing when it does not fit.
    pub missing_eur: i64,
    pub created_at: DateTime<Utc>,
    pub decided_at: Option<DateTime<Utc>>,
    pub decision_reason: Option<String>,
    pub group: Option<NamedRef<GroupId>>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct NewTrainingDay {
    pub day: NaiveDate,
    /// `HH:MM`, local time.
    pub starts_at: String,
    pub ends_at: String,
    pub place: String,
}

/// BEL approves a proposal: the group is created and offers go out in list order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ApproveProposal {
    /// Default: "Extra groep N - <region>".
    #[serde(default)]
    pub name: Option<String>,
    pub capacity: i32,
    #[serde(default)]
    pub trainer_id: Option<UserId>,
    pub days: Vec<NewTrainingDay>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct DeclineProposal {
    pub reason: String,
}

/// A year's budget. The top-level figures are the training line's (set by BEL;
/// spent on what was held, committed to what is planned: groups by the cost
/// model, follow-up sessions by kind); `lines` holds all three lines.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct BudgetYear {
    pub year: i32,
    pub training_eur: Option<i64>,
    /// Held training days, started groups' fixed cost, held follow-up sessions.
    pub spent_eur: i64,
    /// Planned and still to come.
    pub committed_eur: i64,
    pub remaining_eur: i64,
    pub groups: i32,
    /// The year's three lines (training first, with the figures above), each by the same rule.
    pub lines: Vec<crate::budget::BudgetLine>,
    /// The three lines together.
    pub total: crate::budget::BudgetTotal,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct BudgetInput {
    /// Euros for training, coaching and supervision (0-10,000,000).
    pub training_eur: i64,
    /// Euros for learning questions (0-10,000,000); unchanged when left out.
    #[serde(default)]
    pub learning_questions_eur: Option<i64>,
    /// Euros for other activities (0-10,000,000); unchanged when left out.
    #[serde(default)]
    pub other_eur: Option<i64>,
}

/// BEL's waiting-list board: the list, offers in flight, substitution windows, proposals and the budget.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct WaitlistBoard {
    pub programme_id: ProgrammeId,
    pub settings: WaitlistSettings,
    pub entries: Vec<WaitlistEntry>,
    /// Open offers first (by deadline), then the latest answered ones.
    pub offers: Vec<OfferView>,
    pub substitutions: Vec<SubstitutionView>,
    pub proposals: Vec<ProposalView>,
    pub groups: Vec<GroupSeats>,
    pub budgets: Vec<BudgetYear>,
}

/// What an organisation contact sees: its professionals' positions, offers and windows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct OrganisationWaitlist {
    pub entries: Vec<WaitlistEntry>,
    pub offers: Vec<OfferView>,
    pub substitutions: Vec<SubstitutionView>,
}

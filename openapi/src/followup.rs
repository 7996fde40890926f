//! After the training: the trainer's feedback for the ambassadors, the anonymous
//! participant evaluation, follow-up (supervision, coaching on the job,
//! deepening) with quality reflections, the certificate, and what it all costs.

use crate::auth::NamedRef;
use crate::ids::*;
use crate::reference::TrainingGroup;
use crate::training::AttendanceStatus;
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

/// A remark of the feedback about one participating organisation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct OrganisationRemark {
    pub organisation: NamedRef<OrganisationId>,
    pub remark: String,
}

/// An action agreed on after the feedback (by an ambassador for their region, or BEL).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct AgreedAction {
    pub id: FeedbackActionId,
    pub region: Option<NamedRef<RegionId>>,
    pub action: String,
    pub owner: Option<String>,
    pub due_on: Option<NaiveDate>,
    pub author: String,
    pub created_at: DateTime<Utc>,
}

/// A group's post-training feedback as the caller may see it: ambassadors get
/// the remarks about their region's organisations only.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct GroupFeedback {
    pub group: TrainingGroup,
    pub trainer: Option<String>,
    /// Participants' experiences of the training.
    pub experiences: String,
    pub went_well: String,
    /// What needs sharpening in the regional or local embedding.
    pub sharpen: String,
    pub remarks: Vec<OrganisationRemark>,
    pub actions: Vec<AgreedAction>,
    /// Regions of the participants: their ambassadors see the feedback once shared.
    pub regions: Vec<NamedRef<RegionId>>,
    /// Participating organisations (for the trainer's remarks).
    pub organisations: Vec<NamedRef<OrganisationId>>,
    pub updated_at: Option<DateTime<Utc>>,
    pub shared_at: Option<DateTime<Utc>>,
    pub can_edit: bool,
    pub can_add_action: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct RemarkInput {
    pub organisation_id: OrganisationId,
    pub remark: String,
}

/// The trainer writes (or rewrites) the feedback; `share` sends it to the ambassadors.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct FeedbackInput {
    pub experiences: String,
    pub went_well: String,
    pub sharpen: String,
    #[serde(default)]
    pub remarks: Vec<RemarkInput>,
    /// Share with the ambassadors of the participants' regions (once shared it stays shared).
    #[serde(default)]
    pub share: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ActionInput {
    pub action: String,
    #[serde(default)]
    pub owner: Option<String>,
    #[serde(default)]
    pub due_on: Option<NaiveDate>,
    /// BEL only: the region the action belongs to; an ambassador's action is for their own region.
    #[serde(default)]
    pub region_id: Option<RegionId>,
}

/// A line in the feedback list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct FeedbackSummary {
    pub group: TrainingGroup,
    pub trainer: Option<String>,
    pub regions: Vec<NamedRef<RegionId>>,
    pub written: bool,
    pub shared_at: Option<DateTime<Utc>>,
    pub actions: i32,
}

/// One rating question of the participant evaluation (1 = poor .. 5 = excellent).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Question {
    pub key: &'static str,
    pub nl: &'static str,
}

/// The rating questions, in the order of the form.
pub const QUESTIONS: [Question; 4] = [
    Question { key: "content", nl: "De inhoud van de training" },
    Question { key: "trainers", nl: "De trainers" },
    Question { key: "practice", nl: "Bruikbaarheid in mijn dagelijkse praktijk" },
    Question { key: "overall", nl: "De training als geheel" },
];

/// Fewer answers than this are not shown, so no answer can be traced to a person.
pub const MIN_EVALUATION_RESPONSES: i32 = 3;

/// What the evaluation link shows (no login).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct PublicEvaluation {
    pub group: String,
    pub programme: String,
    pub first_day: Option<NaiveDate>,
    pub last_day: Option<NaiveDate>,
    /// The link was used: the answers are in.
    pub answered: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct EvaluationInput {
    pub token: String,
    /// 1-5 each.
    pub content: i32,
    pub trainers: i32,
    pub practice: i32,
    pub overall: i32,
    /// What was most valuable.
    #[serde(default)]
    pub valuable: Option<String>,
    /// What could be better.
    #[serde(default)]
    pub improve: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct QuestionSummary {
    pub key: String,
    pub question: String,
    pub average: Option<f64>,
    /// Answers per rating 1..5.
    pub counts: Vec<i32>,
}

/// A group's evaluation in aggregate: no answer carries a name.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct EvaluationSummary {
    pub group_id: GroupId,
    pub invited: i32,
    pub responded: i32,
    /// Aggregates are shown from this many answers on.
    pub min_responses: i32,
    /// Empty until `min_responses` answers are in.
    pub questions: Vec<QuestionSummary>,
    /// Open answers, sorted alphabetically so their order tells nothing.
    pub valuable: Vec<String>,
    pub improve: Vec<String>,
}

crate::string_enum! {
    pub enum FollowupKind {
        /// Supervision (intervisie onder leiding van een trainer).
        Supervision = "supervision",
        /// Coaching on the job.
        Coaching = "coaching",
        /// Deepening or refresher meeting.
        Deepening = "deepening",
    }
}

impl FollowupKind {
    pub fn nl(self) -> &'static str {
        match self {
            FollowupKind::Supervision => "Supervisie",
            FollowupKind::Coaching => "Coaching on the job",
            FollowupKind::Deepening => "Verdiepingsbijeenkomst",
        }
    }
}

crate::string_enum! {
    pub enum SessionStatus {
        Planned = "planned",
        /// Attendance recorded.
        Held = "held",
        Cancelled = "cancelled",
    }
}

/// Plan a follow-up session for a group's trained participants or for named trained professionals.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct NewSession {
    pub kind: FollowupKind,
    /// Everyone trained in this group takes part.
    #[serde(default)]
    pub group_id: Option<GroupId>,
    /// Or these trained professionals (also added to a group's).
    #[serde(default)]
    pub professional_ids: Vec<ProfessionalId>,
    /// The organisation's request this session answers.
    #[serde(default)]
    pub request_id: Option<FollowupRequestId>,
    pub day: NaiveDate,
    pub starts_at: String,
    pub ends_at: String,
    pub place: String,
    /// BEL names the trainer; a trainer plans for themself.
    #[serde(default)]
    pub trainer_id: Option<UserId>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct SessionParticipant {
    pub professional_id: ProfessionalId,
    pub name: String,
    pub organisation: NamedRef<OrganisationId>,
    pub attendance: Option<AttendanceStatus>,
    pub note: Option<String>,
}

/// A quality reflection on a VA the professional brought to supervision.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct ReflectionView {
    pub id: ReflectionId,
    pub professional: NamedRef<ProfessionalId>,
    /// 1-4 each.
    pub complete: i32,
    pub economical: i32,
    pub coherent: i32,
    pub predictive: i32,
    pub note: Option<String>,
    pub recorded_by: String,
    pub created_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct SessionView {
    pub id: FollowupSessionId,
    pub kind: FollowupKind,
    pub group: Option<NamedRef<GroupId>>,
    pub day: NaiveDate,
    pub starts_at: String,
    pub ends_at: String,
    pub place: String,
    pub trainer: Option<NamedRef<UserId>>,
    pub status: SessionStatus,
    pub notes: Option<String>,
    /// Why it was cancelled.
    pub reason: Option<String>,
    pub cost_eur: i64,
    pub participants: Vec<SessionParticipant>,
    /// Trainers and BEL only; empty for others.
    pub reflections: Vec<ReflectionView>,
    /// Attendance can be recorded (from the day on, by its trainer or BEL).
    pub can_mark: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct SessionMark {
    pub professional_id: ProfessionalId,
    pub status: AttendanceStatus,
    #[serde(default)]
    pub note: Option<String>,
}

/// Attendance and notes of a held session.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct SessionRecord {
    pub marks: Vec<SessionMark>,
    #[serde(default)]
    pub notes: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ReasonInput {
    pub reason: String,
}

/// The professional's reflection on their own VA: never data about the young person or family.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ReflectionInput {
    pub professional_id: ProfessionalId,
    /// 1-4: volledig.
    pub complete: i32,
    /// 1-4: economisch.
    pub economical: i32,
    /// 1-4: samenhangend.
    pub coherent: i32,
    /// 1-4: toetsbaar voorspellend.
    pub predictive: i32,
    #[serde(default)]
    pub note: Option<String>,
}

crate::string_enum! {
    pub enum FollowupRequestStatus {
        Open = "open",
        Planned = "planned",
        Declined = "declined",
    }
}

/// An organisation asks BEL for follow-up for its trained professionals.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct NewFollowupRequest {
    pub kind: FollowupKind,
    pub professional_ids: Vec<ProfessionalId>,
    pub message: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct FollowupRequestView {
    pub id: FollowupRequestId,
    pub organisation: NamedRef<OrganisationId>,
    pub kind: FollowupKind,
    pub message: String,
    pub professionals: Vec<NamedRef<ProfessionalId>>,
    pub status: FollowupRequestStatus,
    pub reason: Option<String>,
    pub session_id: Option<FollowupSessionId>,
    pub created_at: DateTime<Utc>,
}

/// A trained professional with their follow-up so far.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct TrainedProfessional {
    pub professional: NamedRef<ProfessionalId>,
    pub organisation: NamedRef<OrganisationId>,
    pub region: Option<NamedRef<RegionId>>,
    pub trained_on: NaiveDate,
    pub days_since_training: i64,
    /// Follow-up sessions attended (held, marked present).
    pub sessions_attended: i32,
    pub last_followup: Option<NaiveDate>,
    /// A session is planned for them.
    pub planned: bool,
    /// The kinds of follow-up they attended (held, present).
    #[serde(default)]
    pub kinds: Vec<FollowupKind>,
}

/// Per kind of follow-up: how many trained professionals attended one, and how many not yet.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct KindCoverage {
    pub kind: FollowupKind,
    pub with: i32,
    /// Trained, not yet had this kind ("getraind, nog geen supervisie").
    pub without: i32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct OrganisationFollowup {
    pub organisation: NamedRef<OrganisationId>,
    pub region: Option<NamedRef<RegionId>>,
    pub trained: i32,
    pub with_followup: i32,
    pub sessions_attended: i32,
    /// Each kind, in `FollowupKind::ALL` order.
    #[serde(default)]
    pub per_kind: Vec<KindCoverage>,
}

/// Follow-up for BEL (everything) and ambassadors (their region).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct FollowupOverview {
    /// Trained, nothing attended yet: longest waiting first.
    pub without_followup: Vec<TrainedProfessional>,
    pub trained: Vec<TrainedProfessional>,
    /// Each kind over everyone trained in the caller's view, in `FollowupKind::ALL` order.
    #[serde(default)]
    pub per_kind: Vec<KindCoverage>,
    pub per_organisation: Vec<OrganisationFollowup>,
    pub sessions: Vec<SessionView>,
    pub requests: Vec<FollowupRequestView>,
}

/// A certificate of participation for a trained professional.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct Certificate {
    pub enrolment_id: EnrolmentId,
    pub professional: String,
    pub organisation: String,
    pub programme: String,
    pub course_type: String,
    pub group: String,
    /// The days held (cancelled days left out).
    pub days: Vec<NaiveDate>,
    pub trained_on: NaiveDate,
    pub trainer: Option<String>,
}

/// Delivery settings of a programme (BEL).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct DeliverySettings {
    /// Days after a training day during which its attendance can be marked (0-60).
    pub attendance_window_days: i32,
    /// Completion rule: most excused days allowed (0-10).
    pub completion_max_excused: i32,
    /// Completion rule: most days absent without excuse allowed (0-10).
    pub completion_max_absent: i32,
    /// Cost of one supervision session in euros.
    pub supervision_session_eur: i64,
    /// Cost of one coaching-on-the-job session in euros.
    pub coaching_session_eur: i64,
    /// Cost of one deepening meeting in euros.
    pub deepening_session_eur: i64,
    /// Weeks after the training without any follow-up before the organisation's contacts are reminded, once (0-52; 0: never).
    pub followup_reminder_weeks: i32,
    /// Days before each training day its participants get a reminder (0-30; 0: never).
    pub day_reminder_days: i32,
}

/// Money of one kind in a year: spent (held) and committed (planned, to come).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct CostLine {
    /// `groups`, `training_days`, `supervision`, `coaching` or `deepening`.
    pub kind: String,
    pub label: String,
    pub count: i32,
    pub spent_eur: i64,
    pub committed_eur: i64,
}

/// BEL's overview of delivery: feedback, evaluations, follow-up and money.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct CostOverview {
    pub year: i32,
    pub budget_eur: Option<i64>,
    pub spent_eur: i64,
    pub committed_eur: i64,
    pub remaining_eur: i64,
    pub lines: Vec<CostLine>,
}

/// The token of an evaluation link.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct EvaluationToken {
    pub token: String,
}

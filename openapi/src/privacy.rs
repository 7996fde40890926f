//! Privacy (AVG/GDPR): how long each kind of personal data is kept, and the
//! record of what the job runner purged.

use crate::auth::NamedRef;
use crate::reference::AuditEntry;
use crate::{EnrolmentId, FollowupSessionId, GroupId, LearningSessionId, MailId, OrganisationId, ProfessionalId, RequestId};
use chrono::{DateTime, NaiveDate, Utc};
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
    /// People never trained: erased (pseudonymised) this many days after the last programme they were enrolled in ended. At least 90.
    pub untrained_days: i32,
}

/// One purge: what kind, how many rows, when; never the data itself.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct PurgeRecord {
    /// `mail_body`, `login_attempt`, `token`, `evaluation_link`, `audit`, `session_notes`, `untrained`.
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

/// A professional BEL found for a request about their data (AVG art. 15-17).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct PersonHit {
    pub id: ProfessionalId,
    pub name: String,
    pub email: String,
    pub organisation: String,
    /// Erased: name and e-mail address are a pseudonym.
    pub erased: bool,
}

/// The professional as the planner holds them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct PersonProfile {
    pub id: ProfessionalId,
    pub name: String,
    pub email: String,
    pub function: Option<String>,
    pub organisation: NamedRef<OrganisationId>,
    pub created_at: DateTime<Utc>,
    /// Trained before the programme (imported).
    pub trained_before_on: Option<NaiveDate>,
    pub imported_at: Option<DateTime<Utc>>,
    pub erased_at: Option<DateTime<Utc>>,
}

/// One line of an enrolment's timeline.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct PersonEvent {
    pub at: DateTime<Utc>,
    pub action: String,
    pub from_status: Option<String>,
    pub to_status: Option<String>,
    pub reason: Option<String>,
}

/// One enrolment with what was filed and its timeline.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct PersonEnrolment {
    pub id: EnrolmentId,
    pub request_id: RequestId,
    pub programme: String,
    pub status: String,
    pub group: Option<NamedRef<GroupId>>,
    pub function: Option<String>,
    /// Works on RET or out-of-home-placement cases.
    pub ret_uhp: bool,
    pub remarks: Option<String>,
    pub last_reason: Option<String>,
    pub priority_reason: Option<String>,
    pub trained_on: Option<NaiveDate>,
    pub created_at: DateTime<Utc>,
    pub timeline: Vec<PersonEvent>,
}

/// One answer of a readiness check.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct PersonAnswer {
    pub item: String,
    pub answer: String,
    pub note: Option<String>,
}

/// The readiness check of a request the person was enrolled with (it is the organisation's, not theirs alone).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct PersonReadiness {
    pub request_id: RequestId,
    pub status: String,
    pub scheduled_at: Option<DateTime<Utc>>,
    pub completed_at: Option<DateTime<Utc>>,
    pub summary: Option<String>,
    pub answers: Vec<PersonAnswer>,
}

/// Attendance on one training day.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct PersonAttendance {
    pub day: NaiveDate,
    pub group: String,
    /// `present`, `absent` or `excused`.
    pub status: String,
    pub note: Option<String>,
}

/// A follow-up session the person was planned in.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct PersonFollowup {
    pub session_id: FollowupSessionId,
    /// `supervision`, `coaching` or `deepening`.
    pub kind: String,
    pub day: NaiveDate,
    pub status: String,
    pub attendance: Option<String>,
    pub note: Option<String>,
}

/// A registration for a learning-network session.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct PersonLearning {
    pub session_id: LearningSessionId,
    pub title: String,
    pub held_on: NaiveDate,
    /// `registered`, `waiting`, `offered` or `cancelled` (withdrawn, or the session cancelled).
    pub status: String,
    pub attended: Option<bool>,
    pub registered_at: DateTime<Utc>,
}

/// A certificate: a completed training.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct PersonCertificate {
    pub enrolment_id: EnrolmentId,
    pub programme: String,
    pub trained_on: NaiveDate,
}

/// A mail sent (or to be sent) to the person's address.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct PersonMail {
    pub id: MailId,
    pub created_at: DateTime<Utc>,
    pub sent_at: Option<DateTime<Utc>>,
    pub subject: String,
    /// Empty once the retention period for mail texts has passed.
    pub body_text: String,
}

/// Everything the planner holds about one professional (AVG art. 15 and 20).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct PersonData {
    pub profile: PersonProfile,
    pub enrolments: Vec<PersonEnrolment>,
    pub readiness_checks: Vec<PersonReadiness>,
    pub attendance: Vec<PersonAttendance>,
    pub followup: Vec<PersonFollowup>,
    /// Learning-network sessions they were registered for (places, waits, offers, withdrawals).
    #[serde(default)]
    pub learning: Vec<PersonLearning>,
    pub certificates: Vec<PersonCertificate>,
    pub mails: Vec<PersonMail>,
    /// Audit entries about the person and their enrolments, the reads of their data included.
    pub audit: Vec<AuditEntry>,
    /// When this was put together.
    pub made_at: DateTime<Utc>,
}

/// What an erasure changed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct Erasure {
    pub id: ProfessionalId,
    /// The name the person has from now on.
    pub pseudonym: String,
    /// Mails to the person's address removed.
    pub mails_removed: u64,
    /// Texts elsewhere (mails to others, notes, the audit) in which the name or address was replaced.
    pub texts_replaced: u64,
}

/// One processing activity of the register (AVG art. 30).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct Processing {
    pub name: String,
    pub purpose: String,
    pub legal_basis: String,
    pub data_subjects: String,
    pub categories: String,
    pub recipients: String,
    pub retention: String,
    pub security: String,
}

/// A user account as the planner holds it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct UserProfile {
    pub id: crate::UserId,
    pub name: String,
    pub email: String,
    pub role: crate::auth::Role,
    pub region: Option<String>,
    pub organisation: Option<String>,
    pub active: bool,
    pub created_at: DateTime<Utc>,
    pub deactivated_at: Option<DateTime<Utc>>,
    pub last_login_at: Option<DateTime<Utc>>,
}

/// Everything the planner holds about one user (AVG art. 15 and 20).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct UserData {
    pub profile: UserProfile,
    /// What the user did (the audit entries with them as actor).
    pub actions: Vec<AuditEntry>,
    /// Audit entries about the account (invitation, changes, deactivation).
    pub about: Vec<AuditEntry>,
    pub mails: Vec<PersonMail>,
    pub made_at: DateTime<Utc>,
}

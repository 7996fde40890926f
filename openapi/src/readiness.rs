//! Readiness checks: the versioned template, interviews per organisation and
//! the follow-up activities they produce.

use crate::auth::NamedRef;
use crate::ids::*;
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

crate::string_enum! {
    /// State of one readiness item in an organisation.
    pub enum Answer {
        InPlace = "in_place",
        InProgress = "in_progress",
        NotYet = "not_yet",
        NotApplicable = "not_applicable",
    }
}
crate::string_enum! {
    /// Life of an interview.
    pub enum CheckStatus {
        Planned = "planned",
        Scheduled = "scheduled",
        Completed = "completed",
        Cancelled = "cancelled",
    }
}
crate::string_enum! {
    /// Who picks up a follow-up activity.
    pub enum Owner {
        Organisation = "organisation",
        Ambassador = "ambassador",
        Bel = "bel",
    }
}
crate::string_enum! {
    pub enum FollowupStatus {
        Open = "open",
        InProgress = "in_progress",
        Done = "done",
    }
}
crate::string_enum! {
    pub enum TemplateStatus {
        Draft = "draft",
        Published = "published",
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct TemplateItem {
    pub id: i64,
    pub position: i32,
    pub section: String,
    /// Stable key across versions, e.g. `wp.ret_uhp`.
    pub code: String,
    pub title: String,
    pub guidance: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct Template {
    pub id: i64,
    /// Set once published.
    pub version: Option<i32>,
    pub status: TemplateStatus,
    pub published_at: Option<DateTime<Utc>>,
    pub items: Vec<TemplateItem>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct TemplateItemInput {
    pub section: String,
    pub code: String,
    pub title: String,
    #[serde(default)]
    pub guidance: String,
}

/// The whole draft, in order.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct TemplateDraftInput {
    pub items: Vec<TemplateItemInput>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct AnswerView {
    pub item_id: i64,
    pub answer: Answer,
    pub note: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct Followup {
    pub id: i64,
    pub check_id: i64,
    pub organisation: NamedRef<OrganisationId>,
    pub item_id: Option<i64>,
    pub description: String,
    pub owner: Owner,
    pub due_on: NaiveDate,
    pub status: FollowupStatus,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct CheckSummary {
    pub id: i64,
    pub organisation: NamedRef<OrganisationId>,
    pub status: CheckStatus,
    pub template_version: i32,
    pub scheduled_at: Option<DateTime<Utc>>,
    pub completed_at: Option<DateTime<Utc>>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct CheckView {
    pub id: i64,
    pub organisation: NamedRef<OrganisationId>,
    pub status: CheckStatus,
    /// The template version the interview is held with; its items below.
    pub template_version: i32,
    pub items: Vec<TemplateItem>,
    pub answers: Vec<AnswerView>,
    pub scheduled_at: Option<DateTime<Utc>>,
    pub location: Option<String>,
    pub ambassador: Option<NamedRef<UserId>>,
    pub project_leader: Option<NamedRef<UserId>>,
    pub summary: Option<String>,
    pub completed_at: Option<DateTime<Utc>>,
    pub followups: Vec<Followup>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct NewCheck {
    pub organisation_id: OrganisationId,
    /// Link the new check to this enrolment request.
    #[serde(default)]
    pub request_id: Option<RequestId>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ScheduleInput {
    pub at: DateTime<Utc>,
    /// Place or video link.
    pub location: String,
    /// The BEL project leader who joins.
    pub project_leader_id: UserId,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct AnswerInput {
    pub item_id: i64,
    pub answer: Answer,
    #[serde(default)]
    pub note: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct FollowupInput {
    #[serde(default)]
    pub item_id: Option<i64>,
    pub description: String,
    pub owner: Owner,
    pub due_on: NaiveDate,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct CompleteInput {
    pub summary: String,
    /// The follow-up activities as the interviewers edited them (start from `proposals`).
    pub followups: Vec<FollowupInput>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct FollowupUpdate {
    pub status: FollowupStatus,
}

/// The readiness check linked to an enrolment request.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct ReadinessLink {
    pub id: i64,
    pub status: CheckStatus,
    pub completed_at: Option<DateTime<Utc>>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct CodeAnswer {
    pub code: String,
    pub answer: Answer,
}

/// One organisation's latest readiness check, as a row of the overview.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct OverviewRow {
    pub organisation: NamedRef<OrganisationId>,
    pub check_id: i64,
    pub status: CheckStatus,
    pub template_version: i32,
    pub completed_at: Option<DateTime<Utc>>,
    /// By item code, so checks of different template versions line up.
    pub answers: Vec<CodeAnswer>,
    pub open_followups: i64,
    pub overdue_followups: i64,
}

/// Items x organisations: the latest check per organisation in the caller's scope.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct Overview {
    /// The items of the current template (the table's rows).
    pub items: Vec<TemplateItem>,
    pub organisations: Vec<OverviewRow>,
    /// Follow-up activities not done, soonest due first.
    pub open_followups: Vec<Followup>,
}

/// A BEL user who can join an interview.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct ProjectLeader {
    pub id: UserId,
    pub name: String,
}

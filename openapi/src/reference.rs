//! Regions, organisations, professionals, programmes, training groups, audit.

use crate::ids::*;
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct Region {
    pub id: RegionId,
    /// `noord`, `midden` or `zuid`.
    pub code: String,
    pub name: String,
}

crate::string_enum! {
    pub enum OrganisationKind {
        Municipality = "municipality",
        Cjg = "cjg",
        Gi = "gi",
        CareProvider = "care_provider",
        Other = "other",
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct Organisation {
    pub id: OrganisationId,
    pub name: String,
    pub kind: OrganisationKind,
    /// Municipalities and CJGs belong to a region; GIs and care providers may work across regions.
    pub region_id: Option<RegionId>,
    /// False once retired: kept for history, no new requests.
    pub active: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct Professional {
    pub id: ProfessionalId,
    pub organisation_id: OrganisationId,
    pub name: String,
    pub email: String,
    pub function: Option<String>,
    pub created_at: DateTime<Utc>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct NewProfessional {
    pub name: String,
    pub email: String,
    #[serde(default)]
    pub function: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct Programme {
    pub id: ProgrammeId,
    pub name: String,
    pub course_type: crate::admin::CourseType,
    pub starts_on: NaiveDate,
    pub ends_on: NaiveDate,
    pub default_group_size: i32,
    pub settings: ProgrammeSettings,
    pub waitlist: crate::waitlist::WaitlistSettings,
}

/// Programme settings BEL manages.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ProgrammeSettings {
    /// A completed readiness check counts for this many months (1-60).
    pub readiness_validity_months: i32,
    /// Placement needs a completed readiness check.
    pub readiness_gate: bool,
}

crate::string_enum! {
    pub enum GroupStatus {
        Planned = "planned",
        Open = "open",
        Running = "running",
        Completed = "completed",
        Cancelled = "cancelled",
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct TrainingGroup {
    pub id: GroupId,
    pub programme_id: ProgrammeId,
    pub name: String,
    pub region_id: Option<RegionId>,
    pub capacity: i32,
    /// Seats taken by placed professionals.
    pub seats_taken: i32,
    /// Seats held for open offers and substitution windows.
    pub seats_held: i32,
    /// Follows the days: planned or open (BEL's choice) until the first day,
    /// running from it, completed after the last; or cancelled.
    pub status: GroupStatus,
    /// First and last training day (not cancelled); the planned dates while the group has none.
    pub starts_on: NaiveDate,
    pub ends_on: NaiveDate,
    pub location: String,
    pub trainer_id: Option<UserId>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct AuditEntry {
    pub id: AuditId,
    pub at: DateTime<Utc>,
    pub actor_id: Option<UserId>,
    /// The actor's name; empty for the system (jobs, links answered without a login).
    pub actor: Option<String>,
    /// e.g. `user.invited`, `auth.password_set`; reads of personal data end in `viewed` or `exported`.
    pub action: String,
    /// The object, as `kind:id` (e.g. `professional:12`, `request:3`).
    pub subject: String,
    pub detail: Option<String>,
    /// The fields the change changed, before and after.
    #[serde(default)]
    pub changes: Vec<FieldChange>,
}

/// One field a change changed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct FieldChange {
    pub field: String,
    pub before: Option<String>,
    pub after: Option<String>,
}

/// A page of the audit log, newest first, with what the filters can choose from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct AuditPage {
    pub entries: Vec<AuditEntry>,
    /// More entries match beyond this page.
    pub more: bool,
    /// The kinds of entry (the part of the action before the dot) in the log.
    pub kinds: Vec<String>,
    /// Everyone who appears as an actor in the log.
    pub actors: Vec<crate::auth::NamedRef<UserId>>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct Health {
    pub status: String,
}

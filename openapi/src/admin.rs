//! What BEL administers: organisations (with a CSV import), programmes, training
//! groups with their days and trainers, and accounts.

use crate::auth::Role;
use crate::ids::*;
use crate::reference::OrganisationKind;
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

fn yes() -> bool {
    true
}

/// Create or change an organisation. `active: false` retires it: it stays for
/// history but takes no new requests.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct OrganisationInput {
    pub name: String,
    pub kind: OrganisationKind,
    /// Required for municipalities and CJGs; GIs and care providers may work across regions.
    #[serde(default)]
    pub region_id: Option<RegionId>,
    #[serde(default = "yes")]
    pub active: bool,
}

crate::string_enum! {
    /// What importing a line would do.
    pub enum OrganisationImportAction {
        New = "new",
        Changed = "changed",
        Unchanged = "unchanged",
        Skipped = "skipped",
    }
}

/// One line of an organisation import, judged.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct OrganisationImportRow {
    /// Physical line number in the file (the header is line 1).
    pub line: u32,
    pub name: String,
    pub kind: Option<OrganisationKind>,
    /// Region code (`noord`, `midden`, `zuid`) or empty.
    pub region: Option<String>,
    pub action: OrganisationImportAction,
    /// Codes: `missing_name`, `bad_kind`, `bad_region`, `region_required`, `duplicate`, `too_long`.
    pub problems: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct OrganisationImport {
    /// False for a preview: nothing was written.
    pub written: bool,
    pub new: u32,
    pub changed: u32,
    pub unchanged: u32,
    pub skipped: u32,
    pub rows: Vec<OrganisationImportRow>,
}

crate::string_enum! {
    /// The kind of course a programme runs.
    pub enum CourseType {
        VaTraining = "va_training",
        BasicAttitude = "basic_attitude",
        Refresher = "refresher",
    }
}

/// Create or change a programme (its waiting-list and readiness settings have their own forms).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ProgrammeInput {
    pub name: String,
    pub course_type: CourseType,
    pub starts_on: NaiveDate,
    pub ends_on: NaiveDate,
    /// 4-40 seats.
    pub default_group_size: i32,
}

/// Create or change a training group. Its status follows its days; only
/// `open_for_placement` (planned vs open) is BEL's choice.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct GroupInput {
    pub name: String,
    /// Empty: supra-regional.
    #[serde(default)]
    pub region_id: Option<RegionId>,
    /// 1-40 seats; never below the participants placed.
    pub capacity: i32,
    #[serde(default)]
    pub location: String,
    /// The group's trainer; a day may have its own.
    #[serde(default)]
    pub trainer_id: Option<UserId>,
    #[serde(default)]
    pub open_for_placement: bool,
}

/// A new training group with its first days (a group always has at least one day).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct NewGroup {
    pub name: String,
    #[serde(default)]
    pub region_id: Option<RegionId>,
    pub capacity: i32,
    #[serde(default)]
    pub location: String,
    #[serde(default)]
    pub trainer_id: Option<UserId>,
    #[serde(default)]
    pub open_for_placement: bool,
    /// One or more days within the programme's period.
    pub days: Vec<NewTrainingDay>,
}

impl NewGroup {
    pub fn group(&self) -> GroupInput {
        GroupInput {
            name: self.name.clone(),
            region_id: self.region_id,
            capacity: self.capacity,
            location: self.location.clone(),
            trainer_id: self.trainer_id,
            open_for_placement: self.open_for_placement,
        }
    }
}

/// A new training day of a group.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct NewTrainingDay {
    pub day: NaiveDate,
    /// HH:MM
    pub starts_at: String,
    /// HH:MM, after the start.
    pub ends_at: String,
    /// Empty: the group's location.
    #[serde(default)]
    pub place: String,
    /// Empty: the group's trainer.
    #[serde(default)]
    pub trainer_id: Option<UserId>,
}

/// Who gives one day (empty: the group's trainer).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct DayTrainer {
    #[serde(default)]
    pub trainer_id: Option<UserId>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct GroupCancel {
    /// Told to the participants and the people waiting.
    pub reason: String,
}

/// A group as BEL plans it: the group, its days and its trainer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct GroupPlan {
    pub group: crate::reference::TrainingGroup,
    pub trainer: Option<crate::auth::NamedRef<UserId>>,
    pub open_for_placement: bool,
    pub cancel_reason: Option<String>,
    pub days: Vec<PlannedDay>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct PlannedDay {
    pub id: TrainingDayId,
    pub day: NaiveDate,
    pub starts_at: String,
    pub ends_at: String,
    pub place: String,
    pub cancelled: bool,
    /// The day's own trainer, if not the group's.
    pub trainer: Option<crate::auth::NamedRef<UserId>>,
    /// Attendance was marked on this day: it can no longer be removed.
    pub has_attendance: bool,
}

crate::string_enum! {
    /// An account's state.
    pub enum AccountState {
        /// Invited; the link has not been used and is still valid.
        Invited = "invited",
        /// Invited; the link expired unused.
        InviteExpired = "invite_expired",
        Active = "active",
        Deactivated = "deactivated",
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct Account {
    pub id: UserId,
    pub email: String,
    pub name: String,
    pub role: Role,
    pub region_id: Option<RegionId>,
    pub organisation_id: Option<OrganisationId>,
    pub state: AccountState,
    pub last_login_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
}

/// Change an account's name, role or scope.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct AccountChange {
    pub name: String,
    pub role: Role,
    #[serde(default)]
    pub region_id: Option<RegionId>,
    #[serde(default)]
    pub organisation_id: Option<OrganisationId>,
}

//! Training delivery: training days, attendance, closing a group with the completion rule.

use crate::auth::NamedRef;
use crate::enrolment::EnrolmentStatus;
use crate::ids::*;
use crate::reference::TrainingGroup;
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

crate::string_enum! {
    pub enum AttendanceStatus {
        Present = "present",
        Absent = "absent",
        /// Absent with a reason the trainer accepted (afgemeld).
        Excused = "excused",
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct DayView {
    pub id: TrainingDayId,
    pub day: NaiveDate,
    /// `HH:MM`, local time.
    pub starts_at: String,
    pub ends_at: String,
    pub place: String,
    pub cancelled: bool,
    pub trainer: Option<NamedRef<UserId>>,
    /// iCalendar SEQUENCE of the day's invitations: raised on every change.
    pub sequence: i32,
    /// Attendance can be marked today.
    pub open_for_marking: bool,
    /// Last day attendance can be marked.
    pub marking_until: NaiveDate,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct Mark {
    pub status: AttendanceStatus,
    pub note: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct ParticipantAttendance {
    pub enrolment_id: EnrolmentId,
    pub professional: String,
    pub organisation: NamedRef<OrganisationId>,
    pub status: EnrolmentStatus,
    /// One per active day, in the order of `days` (cancelled days have none).
    pub marks: Vec<Option<Mark>>,
    pub trained_on: Option<NaiveDate>,
    /// Why the completion rule was not met.
    pub reason: Option<String>,
}

/// A group as its trainer works with it: days, participants and their attendance.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct GroupAttendance {
    pub group: TrainingGroup,
    pub trainer: Option<NamedRef<UserId>>,
    pub days: Vec<DayView>,
    pub participants: Vec<ParticipantAttendance>,
    /// The completion rule of the programme, in words.
    pub rule: CompletionRule,
    /// The last day has come and every participant has a mark for every day.
    pub can_close: bool,
    pub closed_at: Option<DateTime<Utc>>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct CompletionRule {
    /// At most this many excused days.
    pub max_excused: i32,
    /// At most this many unexcused absences.
    pub max_absent: i32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct MarkInput {
    pub enrolment_id: EnrolmentId,
    pub status: AttendanceStatus,
    #[serde(default)]
    pub note: Option<String>,
}

/// Attendance of one day, for some or all participants.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct AttendanceInput {
    pub marks: Vec<MarkInput>,
}

/// A changed training day; every participant gets the updated invitation and the reason.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct DayChange {
    pub day: NaiveDate,
    pub starts_at: String,
    pub ends_at: String,
    pub place: String,
    pub reason: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct DayCancel {
    pub reason: String,
}

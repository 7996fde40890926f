//! Problem details (RFC 9457) with a stable machine-readable `code`.

use serde::{Deserialize, Serialize};

/// Stable error codes. The SPA translates these; never change a spelling.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    /// The body was not valid JSON or did not match the expected shape.
    MalformedRequest,
    /// One or more fields are invalid; see `errors`.
    ValidationFailed,
    /// No valid credentials were presented.
    Unauthenticated,
    /// Email or password is wrong.
    InvalidCredentials,
    /// Too many attempts; try again later.
    RateLimited,
    /// The caller's role or scope does not allow this.
    Forbidden,
    /// The resource does not exist (or is not visible to the caller).
    NotFound,
    /// A unique value is already taken.
    AlreadyExists,
    /// A one-time link is unknown, used or expired.
    TokenInvalid,
    /// The request conflicts with the current state.
    Conflict,
    /// The action is not allowed in the enrolment's current status.
    InvalidTransition,
    /// The training group has no free seat.
    GroupFull,
    /// The training group no longer takes participants (completed or cancelled).
    GroupClosed,
    /// The professional already has an active enrolment in this programme.
    AlreadyEnrolled,
    /// Placement needs a completed readiness check (programme setting).
    ReadinessCheckIncomplete,
    /// The waiting-list offer was already answered, expired or withdrawn.
    OfferNotOpen,
    /// The deadline of the offer has passed; the seat went to the next on the list.
    OfferExpired,
    /// The group's first training day has come: no more offers or substitutes.
    GroupStarted,
    /// The seat is reserved for another region until the cut-off.
    SeatReserved,
    /// The cost does not fit the remaining training budget of the year.
    OverBudget,
    /// Capacity below the seats taken and held.
    CapacityTooLow,
    /// Attendance of this day cannot be marked now (before the day or after the window).
    AttendanceClosed,
    /// The group cannot close yet: days to come or participants without a mark.
    AttendanceIncomplete,
    /// The evaluation link was used already: one evaluation per participant.
    AlreadyAnswered,
    /// An extra-group proposal for this region (or the whole list) is still open.
    ProposalOpen,
    /// The database is not reachable.
    Unavailable,
    /// Something went wrong on the server; details are in the server log.
    Internal,
}

impl ErrorCode {
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorCode::MalformedRequest => "malformed_request",
            ErrorCode::ValidationFailed => "validation_failed",
            ErrorCode::Unauthenticated => "unauthenticated",
            ErrorCode::InvalidCredentials => "invalid_credentials",
            ErrorCode::RateLimited => "rate_limited",
            ErrorCode::Forbidden => "forbidden",
            ErrorCode::NotFound => "not_found",
            ErrorCode::AlreadyExists => "already_exists",
            ErrorCode::TokenInvalid => "token_invalid",
            ErrorCode::Conflict => "conflict",
            ErrorCode::InvalidTransition => "invalid_transition",
            ErrorCode::GroupFull => "group_full",
            ErrorCode::GroupClosed => "group_closed",
            ErrorCode::AlreadyEnrolled => "already_enrolled",
            ErrorCode::ReadinessCheckIncomplete => "readiness_check_incomplete",
            ErrorCode::OfferNotOpen => "offer_not_open",
            ErrorCode::OfferExpired => "offer_expired",
            ErrorCode::GroupStarted => "group_started",
            ErrorCode::SeatReserved => "seat_reserved",
            ErrorCode::OverBudget => "over_budget",
            ErrorCode::CapacityTooLow => "capacity_too_low",
            ErrorCode::AttendanceClosed => "attendance_closed",
            ErrorCode::AttendanceIncomplete => "attendance_incomplete",
            ErrorCode::AlreadyAnswered => "already_answered",
            ErrorCode::ProposalOpen => "proposal_open",
            ErrorCode::Unavailable => "unavailable",
            ErrorCode::Internal => "internal",
        }
    }
}

/// One invalid field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct FieldError {
    /// JSON name of the field, e.g. `email`.
    pub field: String,
    /// Stable code of the rule that failed, e.g. `invalid_email`, `too_long`, `required`.
    pub code: String,
    /// English explanation for developers; the SPA shows its own translation of `code`.
    pub message: String,
}

/// `application/problem+json` body (RFC 9457).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct Problem {
    /// URI reference identifying the problem type.
    #[serde(rename = "type")]
    pub type_: String,
    pub title: String,
    pub status: u16,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
    pub code: ErrorCode,
    /// Per-field errors for `validation_failed`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<FieldError>,
}

//! Problem details (RFC 9457) with a stable machine-readable `code`.

use serde::{Deserialize, Serialize};

crate::string_enum! {
    /// Stable error codes. The SPA translates these; never change a spelling.
    pub enum ErrorCode {
        /// The body was not valid JSON or did not match the expected shape.
        MalformedRequest = "malformed_request",
        /// One or more fields are invalid; see `errors`.
        ValidationFailed = "validation_failed",
        /// No valid credentials were presented.
        Unauthenticated = "unauthenticated",
        /// Email or password is wrong.
        InvalidCredentials = "invalid_credentials",
        /// Too many attempts; try again later.
        RateLimited = "rate_limited",
        /// The request body is larger than the server takes.
        PayloadTooLarge = "payload_too_large",
        /// The caller's role or scope does not allow this.
        Forbidden = "forbidden",
        /// The resource does not exist (or is not visible to the caller).
        NotFound = "not_found",
        /// A unique value is already taken.
        AlreadyExists = "already_exists",
        /// A one-time link is unknown, used or expired.
        TokenInvalid = "token_invalid",
        /// The request conflicts with the current state.
        Conflict = "conflict",
        /// The action is not allowed in the enrolment's current status.
        InvalidTransition = "invalid_transition",
        /// The training group has no free seat.
        GroupFull = "group_full",
        /// The training group no longer takes participants (completed or cancelled).
        GroupClosed = "group_closed",
        /// The professional already has an active enrolment in this programme.
        AlreadyEnrolled = "already_enrolled",
        /// Placement needs a completed readiness check (programme setting).
        ReadinessCheckIncomplete = "readiness_check_incomplete",
        /// The waiting-list offer was already answered, expired or withdrawn.
        OfferNotOpen = "offer_not_open",
        /// The deadline of the offer has passed; the seat went to the next on the list.
        OfferExpired = "offer_expired",
        /// The group's first training day has come: no more offers or substitutes.
        GroupStarted = "group_started",
        /// The seat is reserved for another region until the cut-off.
        SeatReserved = "seat_reserved",
        /// The cost does not fit the remaining training budget of the year.
        OverBudget = "over_budget",
        /// Capacity below the seats taken and held.
        CapacityTooLow = "capacity_too_low",
        /// Attendance of this day cannot be marked now (before the day or after the window).
        AttendanceClosed = "attendance_closed",
        /// The group cannot close yet: days to come or participants without a mark.
        AttendanceIncomplete = "attendance_incomplete",
        /// The evaluation link was used already: one evaluation per participant.
        AlreadyAnswered = "already_answered",
        /// An extra-group proposal for this region (or the whole list) is still open.
        ProposalOpen = "proposal_open",
        /// The last active BEL coordinator cannot be deactivated or lose the role.
        LastCoordinator = "last_coordinator",
        /// Attendance was marked on this training day: it cannot be removed.
        HasAttendance = "has_attendance",
        /// A group keeps at least one training day; cancel the group instead.
        LastDay = "last_day",
        /// The organisation is retired and takes no new requests.
        OrganisationInactive = "organisation_inactive",
        /// The group has participants or people with an offer; see the detail.
        GroupInUse = "group_in_use",
        /// The person has an open offer, a seat in a group that has not finished, or an enrolment in progress: they cannot be erased yet.
        PersonActive = "person_active",
        /// The year already has its three monitoring meetings.
        MeetingsFull = "meetings_full",
        /// The database is not reachable.
        Unavailable = "unavailable",
        /// Something went wrong on the server; details are in the server log.
        Internal = "internal",
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

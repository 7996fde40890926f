//! Enrolment screens: request lists (inboxes), a new request with several
//! professionals, the request page with decisions, withdrawals and timeline,
//! BEL's seat board and the group page.

mod requests;
mod request;
mod seats;

pub use requests::*;
pub use request::*;
pub use seats::*;

use crate::components::common::badge;
use crate::components::labels::enrolment_status_key;
use crate::i18n::Key;
pub(crate) use crate::components::labels::timeline_action_key as action_key;
use leptos::prelude::*;
use va_openapi::enrolment::*;

pub(super) fn request_status_key(s: RequestStatus) -> Key {
    match s {
        RequestStatus::Draft => k!("rs.draft"),
        RequestStatus::Submitted => k!("rs.submitted"),
        RequestStatus::Returned => k!("rs.returned"),
        RequestStatus::Decided => k!("rs.decided"),
        RequestStatus::Withdrawn => k!("rs.withdrawn"),
    }
}

pub(super) fn status_badge(s: EnrolmentStatus) -> impl IntoView {
    badge(s.as_str(), enrolment_status_key(s))
}

/// Stable ids for generated inputs (a handful per page view).
pub(super) fn leak(s: String) -> &'static str {
    Box::leak(s.into_boxed_str())
}

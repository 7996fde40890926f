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

pub(crate) fn action_key(a: &str) -> Key {
    match a {
        "created" => k!("act.created"),
        "submit" => k!("act.submit"),
        "approve" => k!("act.approve"),
        "reject" => k!("act.reject"),
        "return" => k!("act.return"),
        "allocate" => k!("act.allocate"),
        "move" => k!("act.move"),
        "waitlist" => k!("act.waitlist"),
        "withdraw" => k!("act.withdraw"),
        "edit" => k!("act.edit"),
        "offer" => k!("act.offer"),
        "offer_accepted" => k!("act.offer_accepted"),
        "offer_declined" => k!("act.offer_declined"),
        "offer_expired" => k!("act.offer_expired"),
        "substitute" => k!("act.substitute"),
        "priority" => k!("act.priority"),
        "complete" => k!("act.complete"),
        "not_complete" => k!("act.not_complete"),
        _ => k!("act.other"),
    }
}

pub(super) fn status_badge(s: EnrolmentStatus) -> impl IntoView {
    badge(s.as_str(), enrolment_status_key(s))
}

/// Stable ids for generated inputs (a handful per page view).
pub(super) fn leak(s: String) -> &'static str {
    Box::leak(s.into_boxed_str())
}

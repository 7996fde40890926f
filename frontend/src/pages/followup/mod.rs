//! After the training: the trainer's feedback and the ambassadors' agreed
//! actions, the participant evaluation (public page and aggregates), follow-up
//! (supervision, coaching on the job, deepening) with requests, sessions and
//! quality reflections, the printable certificate, and the year's costs.

mod feedback;
mod evaluation;
mod overview;
mod planning;
mod sessions;
mod delivery;

pub use feedback::*;
pub use evaluation::*;
pub use overview::*;
pub use planning::*;
pub use sessions::*;
pub use delivery::*;

use crate::i18n::Key;
pub use crate::components::labels::{followup_kind_key as kind_key, session_status_key};
use va_openapi::auth::NamedRef;
use va_openapi::followup::*;



pub(super) fn request_status_key(s: FollowupRequestStatus) -> Key {
    match s {
        FollowupRequestStatus::Open => k!("frq.open"),
        FollowupRequestStatus::Planned => k!("frq.planned"),
        FollowupRequestStatus::Declined => k!("frq.declined"),
    }
}

pub(super) fn names<T>(refs: &[NamedRef<T>]) -> String {
    refs.iter().map(|r| r.name.as_str()).collect::<Vec<_>>().join(", ")
}

pub(super) fn non_empty(s: String) -> Option<String> {
    let s = s.trim().to_string();
    (!s.is_empty()).then_some(s)
}

//! Readiness checks: the interview page (scheduling, the form with autosave,
//! completion with follow-up activities, print view), the organisation's
//! follow-ups, and the overview for BEL and ambassadors.

mod check;
mod followups;
mod template;

pub use check::*;
pub use followups::*;
pub use template::*;

use crate::i18n::Key;
use va_openapi::readiness::*;
use va_openapi::readiness::Owner;

pub(super) fn owner_key(o: Owner) -> Key {
    match o {
        Owner::Organisation => k!("own.organisation"),
        Owner::Ambassador => k!("own.ambassador"),
        Owner::Bel => k!("own.bel"),
    }
}

pub(super) fn followup_status_key(s: FollowupStatus) -> Key {
    match s {
        FollowupStatus::Open => k!("fs.open"),
        FollowupStatus::InProgress => k!("fs.in_progress"),
        FollowupStatus::Done => k!("fs.done"),
    }
}

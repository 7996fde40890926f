//! The waiting list: BEL's board (order with reasons, offers in flight,
//! substitution windows, extra-group proposals with cost and budget, group
//! seats, settings), the organisation's and ambassador's view of positions
//! and offers, and the professional's accept / decline page (no login).

mod offer;
mod overview;
mod board;
mod pending;
mod proposals;
mod seats;

pub use offer::*;
pub use overview::*;
pub use board::*;
pub use pending::*;
pub use proposals::*;
pub use seats::*;

use crate::api::ApiError;
use crate::i18n::Key;
use va_openapi::waitlist::*;
use va_openapi::ProgrammeId;

pub(super) fn offer_status_key(s: OfferStatus) -> Key {
    match s {
        OfferStatus::Open => k!("os.open"),
        OfferStatus::Accepted => k!("os.accepted"),
        OfferStatus::Declined => k!("os.declined"),
        OfferStatus::Expired => k!("os.expired"),
        OfferStatus::Cancelled => k!("os.cancelled"),
    }
}

pub(super) fn subst_status_key(s: SubstitutionStatus) -> Key {
    match s {
        SubstitutionStatus::Open => k!("ss.open"),
        SubstitutionStatus::Substituted => k!("ss.substituted"),
        SubstitutionStatus::Released => k!("ss.released"),
    }
}

pub(super) async fn first_programme() -> Result<ProgrammeId, ApiError> {
    crate::components::programme::current().await
}

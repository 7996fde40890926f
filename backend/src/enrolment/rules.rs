//! Pure rules of enrolment requests: the derived status of a request, routing,
//! which decisions need a reason. The state machine of one enrolment is
//! `crate::roster::rules`. No IO.

use va_openapi::enrolment::{EnrolmentStatus as S, RequestStatus, Route};
use va_openapi::reference::OrganisationKind;
use crate::roster::rules::Event;

/// A request's status follows from its enrolments.
pub fn request_status(statuses: &[S]) -> RequestStatus {
    if statuses.is_empty() || statuses.iter().all(|s| *s == S::Withdrawn) {
        return RequestStatus::Withdrawn;
    }
    if statuses.contains(&S::Submitted) {
        RequestStatus::Submitted
    } else if statuses.contains(&S::Returned) {
        RequestStatus::Returned
    } else if statuses.contains(&S::Draft) {
        RequestStatus::Draft
    } else {
        RequestStatus::Decided
    }
}

/// Municipalities and the CJG go through their region's ambassador; GIs, care
/// providers and others straight to BEL.
pub fn route_for(kind: OrganisationKind, has_region: bool) -> Route {
    match kind {
        OrganisationKind::Municipality | OrganisationKind::Cjg if has_region => Route::Ambassador,
        _ => Route::Bel,
    }
}

/// A reason is required for reject (why) and return (what is missing).
pub fn reason_required(event: Event) -> bool {
    matches!(event, Event::Reject | Event::Return)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn request_status_follows_its_enrolments() {
        assert_eq!(request_status(&[S::Draft, S::Draft]), RequestStatus::Draft);
        assert_eq!(request_status(&[S::Submitted, S::Approved]), RequestStatus::Submitted);
        assert_eq!(request_status(&[S::Returned, S::Rejected]), RequestStatus::Returned);
        assert_eq!(request_status(&[S::Approved, S::Rejected]), RequestStatus::Decided);
        assert_eq!(request_status(&[S::Placed, S::Withdrawn]), RequestStatus::Decided);
        assert_eq!(request_status(&[S::Withdrawn]), RequestStatus::Withdrawn);
    }

    #[test]
    fn municipalities_and_cjg_go_through_the_ambassador_others_to_bel() {
        assert_eq!(route_for(OrganisationKind::Municipality, true), Route::Ambassador);
        assert_eq!(route_for(OrganisationKind::Cjg, true), Route::Ambassador);
        assert_eq!(route_for(OrganisationKind::Gi, false), Route::Bel);
        assert_eq!(route_for(OrganisationKind::CareProvider, true), Route::Bel);
        // Without a region there is no ambassador to route to.
        assert_eq!(route_for(OrganisationKind::Municipality, false), Route::Bel);
    }
}

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

/// The group BEL is offered first when placing someone: the earliest group of
/// the person's own region that has not started and has a free seat; else the
/// earliest such supra-regional group; else none (BEL chooses). Never a group
/// that started, is complete or was cancelled.
pub fn suggested_group(region: Option<i64>, groups: &[va_openapi::reference::TrainingGroup]) -> Option<va_openapi::GroupId> {
    use va_openapi::reference::GroupStatus;
    let placeable = |g: &&va_openapi::reference::TrainingGroup| {
        matches!(g.status, GroupStatus::Planned | GroupStatus::Open) && crate::roster::rules::free_seats(g.capacity, g.seats_taken + g.seats_held) > 0
    };
    let earliest = |want: Option<i64>| {
        groups.iter().filter(placeable).filter(|g| g.region_id.map(|r| r.0) == want).min_by_key(|g| (g.starts_on, g.id.0)).map(|g| g.id)
    };
    region.and_then(|r| earliest(Some(r))).or_else(|| earliest(None))
}

#[cfg(test)]
mod tests {
    use va_openapi::reference::{GroupStatus, TrainingGroup};
    use va_openapi::{GroupId, ProgrammeId, RegionId};

    fn group(id: i64, region: Option<i64>, status: GroupStatus, starts: u32, free: i32) -> TrainingGroup {
        TrainingGroup {
            id: GroupId(id),
            programme_id: ProgrammeId(1),
            name: format!("Groep {id}"),
            region_id: region.map(RegionId),
            capacity: 16,
            seats_taken: 16 - free,
            seats_held: 0,
            status,
            starts_on: chrono::NaiveDate::from_ymd_opt(2027, 1, starts).expect("day"),
            ends_on: chrono::NaiveDate::from_ymd_opt(2027, 3, 1).expect("day"),
            location: String::new(),
            trainer_id: None,
        }
    }

    #[test]
    fn placement_suggests_the_own_regions_next_group_never_a_started_one() {
        let groups = [
            group(4, Some(3), GroupStatus::Running, 1, 5),
            group(5, Some(1), GroupStatus::Open, 20, 0),
            group(6, Some(1), GroupStatus::Open, 25, 3),
            group(7, Some(1), GroupStatus::Planned, 10, 2),
            group(8, None, GroupStatus::Open, 5, 4),
            group(9, Some(3), GroupStatus::Open, 28, 1),
        ];
        assert_eq!(super::suggested_group(Some(1), &groups), Some(GroupId(7)), "the earliest of its own region with a seat");
        assert_eq!(super::suggested_group(Some(3), &groups), Some(GroupId(9)), "not the running one");
        assert_eq!(super::suggested_group(Some(2), &groups), Some(GroupId(8)), "no group of its own: supra-regional");
        assert_eq!(super::suggested_group(None, &groups), Some(GroupId(8)));
        assert_eq!(super::suggested_group(Some(2), &groups[..4]), None, "BEL chooses");
    }
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

//! The rules of the learning network, without the database: who organises,
//! reads and registers, the checks of a session, and who gets a place. The
//! waiting list is ordered and offered as the training's waiting list is
//! (`waitlist::rules`): RET/out-of-home-placement work one step up, then first come.

use crate::auth::rules::Scope;
use crate::error::validate::Errors;
use crate::waitlist::rules::{self as wl, Entry};
use chrono::{DateTime, Datelike, NaiveDate, NaiveTime, Utc};
use va_openapi::learning::*;
use va_openapi::RegionId;

/// How long a freed place is held for the next on the waiting list (never
/// past the day before the session, as with training seats).
pub const OFFER_HOURS: i32 = 48;

/// A session's checked fields.
#[derive(Debug, Clone, PartialEq)]
pub struct SessionFields {
    pub scope: LearningScope,
    pub region_id: Option<i64>,
    pub title: String,
    pub held_on: NaiveDate,
    pub starts_at: String,
    pub ends_at: String,
    pub place: String,
    pub capacity: i32,
    pub target_group: String,
    pub description: String,
}

fn time(errs: &mut Errors, field: &str, value: &str) -> Option<NaiveTime> {
    let t = crate::error::validate::hhmm(value).then(|| NaiveTime::parse_from_str(value, "%H:%M").ok()).flatten();
    if t.is_none() {
        errs.add(field, "invalid_time", "a time as HH:MM");
    }
    t
}

/// Checks a session's fields; the region must exist (checked against the database).
pub fn session(errs: &mut Errors, i: &LearningSessionInput) -> SessionFields {
    match (i.scope, i.region_id) {
        (LearningScope::Regional, None) => errs.add("region_id", "required", "a regional session needs its region"),
        (LearningScope::SupraRegional, Some(_)) => errs.add("region_id", "not_allowed", "a supra-regional session is for every region"),
        _ => {}
    }
    errs.range("held_on", i64::from(i.held_on.year()), 2000, 2100);
    let title = errs.text("title", &i.title, MAX_TITLE_LEN);
    let (from, to) = (time(errs, "starts_at", &i.starts_at), time(errs, "ends_at", &i.ends_at));
    if let (Some(f), Some(t)) = (from, to) {
        if t <= f {
            errs.add("ends_at", "before_start", "the end is not after the start");
        }
    }
    let place = errs.text("place", &i.place, MAX_TITLE_LEN);
    errs.range("capacity", i64::from(i.capacity), 1, i64::from(MAX_CAPACITY));
    let target_group = errs.text("target_group", &i.target_group, MAX_TEXT_LEN);
    let description = errs.opt_text("description", i.description.as_deref(), MAX_TEXT_LEN).unwrap_or_default();
    SessionFields {
        scope: i.scope,
        region_id: i.region_id.map(|r| r.0),
        title,
        held_on: i.held_on,
        starts_at: i.starts_at.clone(),
        ends_at: i.ends_at.clone(),
        place,
        capacity: i.capacity,
        target_group,
        description,
    }
}

/// BEL organises any session; an ambassador the regional sessions of their own region.
pub fn may_organise(scope: Scope, session_region: Option<i64>) -> bool {
    match scope {
        Scope::All => true,
        Scope::Region(RegionId(own)) => session_region == Some(own),
        Scope::Organisation(_) | Scope::Groups => false,
    }
}

/// BEL and every ambassador read all sessions (the network is shared); a
/// contact those open to their organisation.
pub fn may_read(scope: Scope, session_region: Option<i64>, caller_org_region: Option<i64>) -> bool {
    match scope {
        Scope::All | Scope::Region(_) => true,
        Scope::Organisation(_) => open_to(session_region, caller_org_region),
        Scope::Groups => false,
    }
}

/// Is a session open to an organisation of this region? A supra-regional one
/// to all; a regional one to its region and to organisations working across
/// regions (certified institutions and care providers have none).
pub fn open_to(session_region: Option<i64>, org_region: Option<i64>) -> bool {
    match (session_region, org_region) {
        (None, _) | (_, None) => true,
        (Some(s), Some(o)) => s == o,
    }
}

/// Where a new registration goes: a place while one is free and nobody waits
/// for it, the waiting list otherwise (nobody jumps the list).
pub fn placement(capacity: i32, taken: i32, waiting: i32) -> RegistrationStatus {
    if taken < capacity && waiting == 0 {
        RegistrationStatus::Registered
    } else {
        RegistrationStatus::Waiting
    }
}

/// One waiting registration as the list orders it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Waiter {
    pub id: i64,
    pub ret_uhp: bool,
    pub registered_at: DateTime<Utc>,
}

fn entries(waiting: &[Waiter]) -> Vec<Entry> {
    waiting.iter().map(|w| Entry { id: w.id, ret_uhp: w.ret_uhp, adjustment: 0, approved_at: w.registered_at }).collect()
}

/// The waiting list in order.
pub fn order(waiting: &[Waiter]) -> Vec<i64> {
    wl::order(&entries(waiting))
}

/// Who gets the free places: the first `free` of the list.
pub fn next(waiting: &[Waiter], free: i32) -> Vec<i64> {
    order(waiting).into_iter().take(usize::try_from(free.max(0)).unwrap_or(0)).collect()
}

/// How a freed place reaches the next in line: an offer with a deadline, or,
/// with no time left for one (the session is tomorrow), the place itself.
pub fn offer_deadline(now: DateTime<Utc>, held_on: NaiveDate) -> Option<DateTime<Utc>> {
    wl::offer_deadline(now, OFFER_HOURS, held_on)
}

/// Registrations, withdrawals and offers close when the session starts (its day).
pub fn open_for_changes(today: NaiveDate, held_on: NaiveDate, cancelled: bool) -> bool {
    !cancelled && today < held_on
}

/// Attendance and the report are recorded from the session's day on.
pub fn held(today: NaiveDate, held_on: NaiveDate, cancelled: bool) -> bool {
    !cancelled && today >= held_on
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;
    use proptest::prelude::*;
    use va_openapi::OrganisationId;

    fn input() -> LearningSessionInput {
        LearningSessionInput {
            scope: LearningScope::Regional,
            region_id: Some(RegionId(1)),
            title: "Casuïstiekleren Noord".into(),
            held_on: NaiveDate::from_ymd_opt(2027, 4, 8).expect("date"),
            starts_at: "13:30".into(),
            ends_at: "16:00".into(),
            place: "Venlo".into(),
            capacity: 20,
            target_group: "Getrainde professionals".into(),
            description: None,
        }
    }

    fn fields_of(i: &LearningSessionInput) -> Vec<String> {
        let mut errs = Errors::default();
        session(&mut errs, i);
        match errs.finish() {
            Ok(()) => vec![],
            Err(crate::error::AppError::Validation(v)) => v.into_iter().map(|e| format!("{}:{}", e.field, e.code)).collect(),
            Err(e) => vec![format!("{e}")],
        }
    }

    #[test]
    fn a_session_is_checked_field_by_field() {
        assert!(fields_of(&input()).is_empty());
        let mut i = input();
        i.region_id = None;
        assert_eq!(fields_of(&i), ["region_id:required"]);
        let mut i = input();
        i.scope = LearningScope::SupraRegional;
        assert_eq!(fields_of(&i), ["region_id:not_allowed"]);
        let mut i = input();
        i.ends_at = "13:30".into();
        assert_eq!(fields_of(&i), ["ends_at:before_start"]);
        let mut i = input();
        i.starts_at = "1:30".into();
        i.capacity = 0;
        i.title = " ".into();
        assert_eq!(fields_of(&i).len(), 3);
        i.capacity = MAX_CAPACITY + 1;
        assert!(fields_of(&i).contains(&"capacity:out_of_range".to_string()) || fields_of(&i).iter().any(|f| f.starts_with("capacity:")));
    }

    #[test]
    fn ambassadors_organise_their_own_regions_sessions_and_read_all() {
        let noord = Scope::Region(RegionId(1));
        assert!(may_organise(Scope::All, None));
        assert!(may_organise(noord, Some(1)));
        assert!(!may_organise(noord, Some(2)));
        assert!(!may_organise(noord, None), "supra-regional sessions are BEL's");
        assert!(!may_organise(Scope::Organisation(OrganisationId(1)), Some(1)));
        assert!(may_read(noord, Some(2), None));
        let contact = Scope::Organisation(OrganisationId(5));
        assert!(may_read(contact, None, Some(1)));
        assert!(may_read(contact, Some(1), Some(1)));
        assert!(!may_read(contact, Some(2), Some(1)));
        assert!(may_read(contact, Some(2), None), "a GI works across regions");
        assert!(!may_read(Scope::Groups, None, None));
    }

    #[test]
    fn nobody_jumps_the_waiting_list() {
        assert_eq!(placement(2, 1, 0), RegistrationStatus::Registered);
        assert_eq!(placement(2, 2, 0), RegistrationStatus::Waiting);
        assert_eq!(placement(2, 1, 1), RegistrationStatus::Waiting);
    }

    #[test]
    fn the_list_puts_ret_uhp_first_then_first_come() {
        let t = |h| Utc.with_ymd_and_hms(2027, 3, 1, h, 0, 0).single().expect("time");
        let w = [
            Waiter { id: 1, ret_uhp: false, registered_at: t(9) },
            Waiter { id: 2, ret_uhp: true, registered_at: t(11) },
            Waiter { id: 3, ret_uhp: false, registered_at: t(8) },
        ];
        assert_eq!(order(&w), [2, 3, 1]);
        assert_eq!(next(&w, 2), [2, 3]);
        assert!(next(&w, 0).is_empty());
        assert!(next(&w, -3).is_empty());
    }

    #[test]
    fn an_offer_never_runs_into_the_session_day() {
        let now = Utc.with_ymd_and_hms(2027, 3, 1, 9, 0, 0).single().expect("time");
        let far = NaiveDate::from_ymd_opt(2027, 3, 20).expect("date");
        assert_eq!(offer_deadline(now, far), Some(now + chrono::Duration::hours(i64::from(OFFER_HOURS))));
        let tomorrow = NaiveDate::from_ymd_opt(2027, 3, 2).expect("date");
        assert!(offer_deadline(now, tomorrow).is_some_and(|d| d < Utc.with_ymd_and_hms(2027, 3, 2, 0, 0, 0).single().expect("t")));
        assert_eq!(offer_deadline(now, NaiveDate::from_ymd_opt(2027, 3, 1).expect("date")), None);
    }

    proptest! {
        #[test]
        fn free_places_go_to_the_front_of_the_list(n in 0usize..20, free in -2i32..25, flags in proptest::collection::vec(any::<bool>(), 20)) {
            let base = Utc.with_ymd_and_hms(2027, 1, 1, 0, 0, 0).single().expect("time");
            let w: Vec<Waiter> = (0..n).map(|i| Waiter { id: i as i64, ret_uhp: flags[i], registered_at: base + chrono::Duration::minutes(i as i64) }).collect();
            let picked = next(&w, free);
            prop_assert_eq!(picked.len(), n.min(free.max(0) as usize));
            let ordered = order(&w);
            prop_assert_eq!(&ordered[..picked.len()], &picked[..]);
            // Every RET/UHP waiter comes before every other.
            let first_other = ordered.iter().position(|id| !flags[*id as usize]).unwrap_or(n);
            prop_assert!(ordered[first_other..].iter().all(|id| !flags[*id as usize]));
        }

        #[test]
        fn placement_never_oversells(capacity in 1i32..50, taken in 0i32..60, waiting in 0i32..5) {
            if placement(capacity, taken, waiting) == RegistrationStatus::Registered {
                prop_assert!(taken < capacity && waiting == 0);
            }
        }
    }
}

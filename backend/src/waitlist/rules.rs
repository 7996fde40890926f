//! Pure rules of the waiting list: who is next.
//!
//! The list holds approved professionals without a seat. Order: priority
//! (highest first), then time of approval (earliest first), then id (so the
//! order is total and never depends on how rows came back from the database).
//! Professionals working on RET or out-of-home-placement cases start one step
//! higher; BEL may adjust an entry's priority, always with a reason.

use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};
use std::collections::{HashMap, HashSet};

pub use crate::budget::rules::{fit, BUDGET_READERS};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub id: i64,
    pub ret_uhp: bool,
    pub adjustment: i32,
    pub approved_at: DateTime<Utc>,
}

/// The plan's focus (RET and out-of-home placement) is one priority step.
pub const RET_UHP_STEP: i32 = 1;

pub fn priority(e: &Entry) -> i32 {
    e.adjustment + if e.ret_uhp { RET_UHP_STEP } else { 0 }
}

/// The list in order; position `i` (0-based) is shown as "nr. i+1".
pub fn order(entries: &[Entry]) -> Vec<i64> {
    let mut v: Vec<(i32, DateTime<Utc>, i64)> = entries.iter().map(|e| (-priority(e), e.approved_at, e.id)).collect();
    v.sort_unstable();
    v.into_iter().map(|(_, _, id)| id).collect()
}

/// 1-based positions by entry id.
pub fn positions(entries: &[Entry]) -> HashMap<i64, i32> {
    order(entries).into_iter().enumerate().map(|(i, id)| (id, i as i32 + 1)).collect()
}

/// Bounds of an adjustment, so a typo cannot put someone out of reach.
pub const MAX_ADJUSTMENT: i32 = 5;

/// Within ±`MAX_ADJUSTMENT`, for every i32 (`i32::MIN.abs()` would overflow).
pub fn adjustment_in_range(a: i32) -> bool {
    (-MAX_ADJUSTMENT..=MAX_ADJUSTMENT).contains(&a)
}

// ---------------------------------------------------------------- offers

/// Has the group started? From its first training day on, nobody new joins.
pub fn started(today: NaiveDate, first_day: NaiveDate) -> bool {
    today >= first_day
}

/// The deadline of a new offer: `hours` from now, but never later than the end
/// of the day before the first training day (local time). `None` when that
/// leaves no time at all: then no offer is made.
pub fn offer_deadline(now: DateTime<Utc>, hours: i32, first_day: NaiveDate) -> Option<DateTime<Utc>> {
    let wanted = now + Duration::hours(i64::from(hours.max(1)));
    let last = end_of_day_before(first_day)?;
    let deadline = wanted.min(last);
    (deadline > now).then_some(deadline)
}

/// 23:59:59 (Europe/Amsterdam) on the day before `day`, in UTC.
pub fn end_of_day_before(day: NaiveDate) -> Option<DateTime<Utc>> {
    let local = day.and_hms_opt(0, 0, 0)? - Duration::seconds(1);
    chrono_tz::Europe::Amsterdam.from_local_datetime(&local).earliest().map(|t| t.with_timezone(&Utc))
}

/// The first day a group's regional reservations no longer apply.
pub fn quota_cutoff(first_day: NaiveDate, cutoff_days: i32) -> NaiveDate {
    first_day - chrono::Days::new(u64::try_from(cutoff_days.max(0)).unwrap_or(0))
}

/// Seats of a group and who uses them, for the regional-quota rule.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Occupancy {
    pub capacity: i32,
    /// Seats taken or held, all regions together.
    pub used: i32,
    pub used_by_region: HashMap<i64, i32>,
    /// Reserved seats per region; empty when quotas are off or released.
    pub quotas: HashMap<i64, i32>,
}

impl Occupancy {
    /// Reserved seats still empty, of regions other than `region`.
    fn reserved_for_others(&self, region: Option<i64>) -> i32 {
        self.quotas
            .iter()
            .filter(|(r, _)| Some(**r) != region)
            .map(|(r, q)| (q - self.used_by_region.get(r).copied().unwrap_or(0)).max(0))
            .sum()
    }

    /// May a professional of `region` (none: GIs, care providers) take a seat?
    pub fn allows(&self, region: Option<i64>) -> bool {
        self.used + self.reserved_for_others(region) < self.capacity
    }

    /// Free seats nobody is kept from (for a professional of no region).
    pub fn free(&self) -> i32 {
        (self.capacity - self.used).max(0)
    }

    pub fn take(&mut self, region: Option<i64>) {
        self.used += 1;
        if let Some(r) = region {
            *self.used_by_region.entry(r).or_default() += 1;
        }
    }
}

/// One entry as promotion sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidate {
    pub entry: Entry,
    pub region: Option<i64>,
    /// Has an open offer, answered an offer for this group, or fails the readiness gate.
    pub blocked: bool,
}

/// Who gets the next `seats` offers of a group: the first unblocked entries in
/// list order whose region the group's quotas allow. Nobody is skipped except
/// for a reason (blocked, or a seat reserved for another region); nobody is
/// picked twice.
pub fn promote(candidates: &[Candidate], seats: usize, occupancy: &Occupancy) -> Vec<i64> {
    let mut occ = occupancy.clone();
    let mut sorted: Vec<&Candidate> = candidates.iter().collect();
    sorted.sort_by_key(|c| (-priority(&c.entry), c.entry.approved_at, c.entry.id));
    let mut out = Vec::new();
    for c in sorted {
        if out.len() >= seats {
            break;
        }
        if c.blocked || !occ.allows(c.region) {
            continue;
        }
        occ.take(c.region);
        out.push(c.entry.id);
    }
    out
}

// ---------------------------------------------------------------- extra groups

/// Cost of one group by the programme's cost model.
pub fn group_cost(per_group_eur: i64, per_trainer_day_eur: i64, trainer_days: i32) -> i64 {
    per_group_eur.saturating_add(per_trainer_day_eur.saturating_mul(i64::from(trainer_days.max(0))))
}


/// The scopes that get a new proposal now. A region whose waiting entries
/// reach the threshold gets its own; the whole list gets one when the entries
/// not covered by a regional proposal reach it. One open proposal per scope,
/// and after a decision a new one only when the list has grown past the count
/// that decision saw. `None` is the whole list.
pub fn proposals_due(
    waiting: &HashMap<Option<i64>, i32>,
    threshold: i32,
    open: &HashSet<Option<i64>>,
    last_decided: &HashMap<Option<i64>, i32>,
) -> Vec<Option<i64>> {
    let grown = |scope: Option<i64>, n: i32| last_decided.get(&scope).is_none_or(|last| n > *last);
    let mut regions: Vec<(i64, i32)> = waiting.iter().filter_map(|(r, n)| r.map(|r| (r, *n))).collect();
    regions.sort();
    let mut due = Vec::new();
    let mut covered = 0;
    for (r, n) in regions {
        if open.contains(&Some(r)) || (n >= threshold && !grown(Some(r), n)) {
            // Proposed already, or decided and not grown since: not the whole list's concern.
            covered += n;
        } else if n >= threshold {
            covered += n;
            due.push(Some(r));
        }
    }
    let total: i32 = waiting.values().sum();
    let rest = total - covered;
    if !open.contains(&None) && rest >= threshold && grown(None, total) {
        due.push(None);
    }
    due
}

/// Waiting entries in a proposal's scope: one region's, or (`None`) the whole list's.
pub fn waiting_in(waiting: &HashMap<Option<i64>, i32>, scope: Option<i64>) -> i32 {
    match scope {
        Some(r) => waiting.get(&Some(r)).copied().unwrap_or(0),
        None => waiting.values().sum(),
    }
}

/// Suggested region and size of an extra group for a scope: the scope's region,
/// or for the whole list the region with most waiting entries (none: a
/// supra-regional group); the size covers the waiting entries up to `max_size`.
pub fn suggestion(scope: Option<i64>, waiting: &HashMap<Option<i64>, i32>, max_size: i32) -> (Option<i64>, i32) {
    match scope {
        Some(r) => (Some(r), waiting.get(&Some(r)).copied().unwrap_or(0).clamp(1, max_size)),
        None => {
            let region = waiting
                .iter()
                .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)))
                .and_then(|(r, _)| *r);
            (region, waiting.values().sum::<i32>().clamp(1, max_size))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn waiting_in_a_scope_is_its_region_or_the_whole_list() {
        let waiting: HashMap<Option<i64>, i32> = [(Some(1), 4), (Some(2), 3), (None, 2)].into_iter().collect();
        assert_eq!(waiting_in(&waiting, Some(1)), 4);
        assert_eq!(waiting_in(&waiting, Some(9)), 0);
        assert_eq!(waiting_in(&waiting, None), 9);
    }

    #[test]
    fn adjustments_out_of_range_never_overflow() {
        assert!(adjustment_in_range(5) && adjustment_in_range(-5) && adjustment_in_range(0));
        assert!(!adjustment_in_range(6) && !adjustment_in_range(i32::MIN) && !adjustment_in_range(i32::MAX));
    }
    use chrono::TimeZone;
    use proptest::prelude::*;

    fn at(minute: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 1, 9, minute % 60, 0).single().expect("time") + chrono::Duration::hours((minute / 60) as i64)
    }

    fn e(id: i64, ret_uhp: bool, adjustment: i32, minute: u32) -> Entry {
        Entry { id, ret_uhp, adjustment, approved_at: at(minute) }
    }

    #[test]
    fn ret_uhp_goes_first_then_time_of_approval() {
        let list = [e(1, false, 0, 0), e(2, true, 0, 10), e(3, false, 0, 5), e(4, true, 0, 20)];
        assert_eq!(order(&list), vec![2, 4, 1, 3]);
    }

    #[test]
    fn an_adjustment_moves_an_entry_past_the_ret_uhp_step() {
        let list = [e(1, true, 0, 0), e(2, false, 2, 30), e(3, false, -1, 1)];
        assert_eq!(order(&list), vec![2, 1, 3]);
        let pos = positions(&list);
        assert_eq!((pos[&2], pos[&1], pos[&3]), (1, 2, 3));
    }

    fn any_entry() -> impl Strategy<Value = Entry> {
        (0i64..1000, any::<bool>(), -2i32..3, 0u32..600).prop_map(|(id, r, a, m)| e(id, r, a, m))
    }

    proptest! {
        /// Every entry appears exactly once: nobody is skipped, nobody twice.
        #[test]
        fn the_order_is_a_permutation(mut entries in prop::collection::vec(any_entry(), 0..60)) {
            entries.sort_by_key(|x| x.id);
            entries.dedup_by_key(|x| x.id);
            let mut o = order(&entries);
            o.sort();
            prop_assert_eq!(o, entries.iter().map(|x| x.id).collect::<Vec<_>>());
        }

        /// Priority first, then time of approval, for every neighbouring pair.
        #[test]
        fn priority_then_time(mut entries in prop::collection::vec(any_entry(), 0..60)) {
            entries.sort_by_key(|x| x.id);
            entries.dedup_by_key(|x| x.id);
            let by_id: std::collections::HashMap<i64, &Entry> = entries.iter().map(|x| (x.id, x)).collect();
            let o = order(&entries);
            for w in o.windows(2) {
                let (a, b) = (by_id[&w[0]], by_id[&w[1]]);
                prop_assert!(priority(a) > priority(b) || (priority(a) == priority(b) && a.approved_at <= b.approved_at));
            }
        }

        /// The order does not depend on the order the entries come in.
        #[test]
        fn the_order_is_deterministic(mut entries in prop::collection::vec(any_entry(), 0..40), seed in any::<u64>()) {
            entries.sort_by_key(|x| x.id);
            entries.dedup_by_key(|x| x.id);
            let first = order(&entries);
            let mut shuffled = entries.clone();
            let n = shuffled.len();
            if n > 1 {
                for i in 0..n {
                    let j = ((seed.wrapping_mul(i as u64 + 7)) % n as u64) as usize;
                    shuffled.swap(i, j);
                }
            }
            prop_assert_eq!(order(&shuffled), first);
        }
    }

    // ------------------------------------------------------------ offers

    fn cand(id: i64, ret: bool, minute: u32, region: Option<i64>, blocked: bool) -> Candidate {
        Candidate { entry: e(id, ret, 0, minute), region, blocked }
    }

    fn occ(capacity: i32, used: i32, by_region: &[(i64, i32)], quotas: &[(i64, i32)]) -> Occupancy {
        Occupancy {
            capacity,
            used,
            used_by_region: by_region.iter().copied().collect(),
            quotas: quotas.iter().copied().collect(),
        }
    }

    #[test]
    fn a_freed_seat_goes_to_the_first_unblocked_entry() {
        let list = [cand(1, false, 0, Some(1), true), cand(2, false, 5, Some(2), false), cand(3, true, 9, None, false)];
        assert_eq!(promote(&list, 1, &occ(16, 15, &[], &[])), vec![3], "RET/UHP first");
        assert_eq!(promote(&list, 2, &occ(16, 14, &[], &[])), vec![3, 2], "the blocked entry is passed over");
        assert!(promote(&list, 1, &occ(16, 16, &[], &[])).is_empty(), "no seat, no offer");
    }

    #[test]
    fn a_seat_reserved_for_a_region_goes_to_that_region_only() {
        // 16 seats, 15 used, 1 reserved for region 2 (quota 4, 3 used).
        let o = occ(16, 15, &[(2, 3)], &[(2, 4)]);
        assert!(!o.allows(Some(1)) && !o.allows(None) && o.allows(Some(2)));
        let list = [cand(1, false, 0, Some(1), false), cand(2, false, 5, None, false), cand(3, false, 9, Some(2), false)];
        assert_eq!(promote(&list, 1, &o), vec![3]);
        // Without the quota, list order.
        assert_eq!(promote(&list, 1, &occ(16, 15, &[(2, 3)], &[])), vec![1]);
    }

    #[test]
    fn the_deadline_is_capped_by_the_day_before_the_first_training_day() {
        let now = Utc.with_ymd_and_hms(2027, 1, 10, 9, 0, 0).single().expect("t");
        let first = NaiveDate::from_ymd_opt(2027, 1, 19).expect("d");
        assert_eq!(offer_deadline(now, 72, first), Some(now + Duration::hours(72)));
        let late = Utc.with_ymd_and_hms(2027, 1, 17, 9, 0, 0).single().expect("t");
        // 18 January 23:59:59 in Amsterdam (CET, UTC+1) is 22:59:59 UTC.
        assert_eq!(offer_deadline(late, 72, first), Some(Utc.with_ymd_and_hms(2027, 1, 18, 22, 59, 59).single().expect("t")));
        let too_late = Utc.with_ymd_and_hms(2027, 1, 18, 23, 30, 0).single().expect("t");
        assert_eq!(offer_deadline(too_late, 72, first), None);
        assert!(started(first, first) && !started(first - chrono::Days::new(1), first));
    }

    #[test]
    fn the_cost_fits_or_says_what_is_missing() {
        assert_eq!(group_cost(4000, 1100, 8), 12_800);
        assert_eq!(fit(12_800, Some(115_000), 51_200), (63_800, true, 0));
        assert_eq!(fit(12_800, Some(115_000), 110_000), (5_000, false, 7_800));
        assert_eq!(fit(12_800, None, 0), (0, false, 12_800), "a year without a budget fits nothing");
        assert_eq!(fit(12_800, Some(50_000), 60_000), (-10_000, false, 12_800));
    }

    #[test]
    fn a_proposal_appears_at_the_threshold_once_per_scope() {
        let none = HashSet::new();
        let w = |pairs: &[(Option<i64>, i32)]| pairs.iter().copied().collect::<HashMap<_, _>>();
        assert!(proposals_due(&w(&[(Some(1), 11)]), 12, &none, &HashMap::new()).is_empty(), "below the threshold");
        assert_eq!(proposals_due(&w(&[(Some(1), 12)]), 12, &none, &HashMap::new()), vec![Some(1)], "the region, not also the whole list");
        assert_eq!(proposals_due(&w(&[(Some(1), 5), (Some(2), 4), (None, 3)]), 12, &none, &HashMap::new()), vec![None]);
        let open: HashSet<Option<i64>> = [Some(1)].into_iter().collect();
        assert!(proposals_due(&w(&[(Some(1), 20)]), 12, &open, &HashMap::new()).is_empty(), "one open proposal per scope");
        let decided: HashMap<Option<i64>, i32> = [(Some(1), 12)].into_iter().collect();
        assert!(proposals_due(&w(&[(Some(1), 12)]), 12, &none, &decided).is_empty(), "not again until the list grows");
        assert_eq!(proposals_due(&w(&[(Some(1), 13)]), 12, &none, &decided), vec![Some(1)]);
        assert_eq!(suggestion(None, &w(&[(Some(1), 5), (Some(2), 9), (None, 3)]), 16), (Some(2), 16));
        assert_eq!(suggestion(Some(1), &w(&[(Some(1), 12)]), 16), (Some(1), 12));
    }

    fn any_candidate() -> impl Strategy<Value = Candidate> {
        (any_entry(), prop::option::of(1i64..4), prop::bool::weighted(0.2)).prop_map(|(entry, region, blocked)| Candidate { entry, region, blocked })
    }

    fn any_occupancy() -> impl Strategy<Value = Occupancy> {
        (1i32..20, prop::collection::vec((1i64..4, 0i32..6), 0..3)).prop_flat_map(|(capacity, quotas)| {
            let mut q: HashMap<i64, i32> = HashMap::new();
            let mut sum = 0;
            for (r, n) in quotas {
                if sum + n <= capacity {
                    sum += n;
                    q.insert(r, n);
                }
            }
            (Just(capacity), Just(q), 0..=capacity)
        })
        .prop_map(|(capacity, quotas, used)| Occupancy { capacity, used: 0, used_by_region: HashMap::new(), quotas }.filled(used))
    }

    impl Occupancy {
        /// `n` seats used by professionals without a region, as far as the quotas allow.
        fn filled(mut self, n: i32) -> Occupancy {
            for _ in 0..n {
                if self.allows(None) {
                    self.take(None);
                }
            }
            self
        }

        fn valid(&self) -> bool {
            self.used + self.reserved_for_others(None) <= self.capacity
        }
    }

    proptest! {
        /// Promotion never picks anyone twice, never a blocked entry, never more than the seats.
        #[test]
        fn promotion_gives_nobody_two_seats(mut list in prop::collection::vec(any_candidate(), 0..60), seats in 0usize..20, o in any_occupancy()) {
            list.sort_by_key(|c| c.entry.id);
            list.dedup_by_key(|c| c.entry.id);
            let picked = promote(&list, seats, &o);
            let mut unique = picked.clone();
            unique.sort();
            unique.dedup();
            prop_assert_eq!(unique.len(), picked.len());
            prop_assert!(picked.len() <= seats && picked.len() as i32 <= o.free());
            for id in &picked {
                prop_assert!(list.iter().any(|c| c.entry.id == *id && !c.blocked));
            }
        }

        /// Without quotas, the seats go to the first unblocked entries in list order: nobody is skipped.
        #[test]
        fn promotion_skips_nobody(mut list in prop::collection::vec(any_candidate(), 0..60), seats in 0usize..20, used in 0i32..16) {
            list.sort_by_key(|c| c.entry.id);
            list.dedup_by_key(|c| c.entry.id);
            let o = Occupancy { capacity: 16, used, ..Default::default() };
            let entries: Vec<Entry> = list.iter().map(|c| c.entry.clone()).collect();
            let blocked: HashSet<i64> = list.iter().filter(|c| c.blocked).map(|c| c.entry.id).collect();
            let expected: Vec<i64> = order(&entries).into_iter().filter(|id| !blocked.contains(id)).take(seats.min((16 - used) as usize)).collect();
            prop_assert_eq!(promote(&list, seats, &o), expected);
        }

        /// With quotas, promotion never takes a seat another region still has reserved.
        #[test]
        fn promotion_keeps_reserved_seats(mut list in prop::collection::vec(any_candidate(), 0..60), seats in 0usize..20, o in any_occupancy()) {
            list.sort_by_key(|c| c.entry.id);
            list.dedup_by_key(|c| c.entry.id);
            prop_assume!(o.valid());
            let mut after = o.clone();
            for id in promote(&list, seats, &o) {
                let region = list.iter().find(|c| c.entry.id == id).and_then(|c| c.region);
                prop_assert!(after.allows(region));
                after.take(region);
                prop_assert!(after.valid());
            }
        }

        /// The deadline is after now, at most `hours` away, and before the first training day.
        #[test]
        fn deadlines_stay_before_the_first_day(hours in 1i32..400, offset_h in 0i64..2000) {
            let now = Utc.with_ymd_and_hms(2027, 1, 1, 8, 0, 0).single().expect("t") + Duration::hours(offset_h);
            let first = NaiveDate::from_ymd_opt(2027, 3, 9).expect("d");
            match offer_deadline(now, hours, first) {
                Some(d) => {
                    prop_assert!(d > now && d <= now + Duration::hours(i64::from(hours)));
                    prop_assert!(crate::clock::local_date(d) < first);
                }
                None => prop_assert!(crate::clock::local_date(now) >= first - chrono::Days::new(1)),
            }
        }

        /// A bigger budget never fits less.
        #[test]
        fn more_budget_never_fits_less(cost in 0i64..100_000, budget in 0i64..200_000, extra in 0i64..100_000, committed in 0i64..150_000) {
            let (_, a, missing_a) = fit(cost, Some(budget), committed);
            let (_, b, missing_b) = fit(cost, Some(budget + extra), committed);
            prop_assert!(!a || b);
            prop_assert!(missing_b <= missing_a);
        }
    }
}

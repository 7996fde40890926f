//! Pure rules of the waiting list: who is next.
//!
//! The list holds approved professionals without a seat. Order: priority
//! (highest first), then time of approval (earliest first), then id (so the
//! order is total and never depends on how rows came back from the database).
//! Professionals working on RET or out-of-home-placement cases start one step
//! higher; BEL may adjust an entry's priority, always with a reason.

use chrono::{DateTime, Utc};

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
    let mut v: Vec<&Entry> = entries.iter().collect();
    v.sort_by(|a, b| priority(b).cmp(&priority(a)).then(a.approved_at.cmp(&b.approved_at)).then(a.id.cmp(&b.id)));
    v.into_iter().map(|e| e.id).collect()
}

/// 1-based positions by entry id.
pub fn positions(entries: &[Entry]) -> std::collections::HashMap<i64, i32> {
    order(entries).into_iter().enumerate().map(|(i, id)| (id, i as i32 + 1)).collect()
}

/// Bounds of an adjustment, so a typo cannot put someone out of reach.
pub const MAX_ADJUSTMENT: i32 = 5;

#[cfg(test)]
mod tests {
    use super::*;
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
}

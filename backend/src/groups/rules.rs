//! Pure rules of planning training groups.

use chrono::NaiveDate;

pub const MAX_CAPACITY: i32 = 40;

/// A group's capacity may not fall below the seats taken and held.
pub fn capacity_fits(capacity: i32, taken: i32, held: i32) -> bool {
    capacity >= taken.saturating_add(held)
}

/// Every training day lies within the programme's period.
pub fn within(day: NaiveDate, starts_on: NaiveDate, ends_on: NaiveDate) -> bool {
    starts_on <= day && day <= ends_on
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn d(m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2027, m, day).expect("date")
    }

    #[test]
    fn rules() {
        assert!(capacity_fits(16, 10, 6));
        assert!(!capacity_fits(15, 10, 6));
        assert!(within(d(1, 1), d(1, 1), d(12, 31)) && !within(d(1, 1), d(1, 2), d(12, 31)));
        assert_eq!(crate::training::rules::span(&[(d(3, 1), false), (d(1, 1), true), (d(2, 1), false)]), Some((d(2, 1), d(3, 1))));
        assert_eq!(crate::training::rules::span(&[(d(3, 1), true), (d(1, 1), true)]), Some((d(1, 1), d(3, 1))));
        assert_eq!(crate::training::rules::span(&[]), None);
    }

    proptest! {
        /// The span holds every day held, and starts no later than it ends.
        #[test]
        fn span_holds_the_days(days in prop::collection::vec((0i64..400, any::<bool>()), 1..10)) {
            let base = d(1, 1);
            let days: Vec<(NaiveDate, bool)> = days.into_iter().map(|(n, c)| (base + chrono::Duration::days(n), c)).collect();
            let (first, last) = crate::training::rules::span(&days).expect("span");
            prop_assert!(first <= last);
            for (day, cancelled) in &days {
                if !cancelled {
                    prop_assert!(first <= *day && *day <= last);
                }
            }
        }
    }
}

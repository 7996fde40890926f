//! Pure rules of training delivery: when attendance can be marked, and the
//! completion rule that turns a placed professional into "trained". No IO.

use chrono::NaiveDate;
use va_openapi::training::AttendanceStatus as A;

/// Attendance of a day can be marked from the day itself until `window_days` after it.
pub fn marking_open(day: NaiveDate, today: NaiveDate, window_days: i32) -> bool {
    today >= day && today <= marking_until(day, window_days)
}

pub fn marking_until(day: NaiveDate, window_days: i32) -> NaiveDate {
    day + chrono::Days::new(u64::try_from(window_days.max(0)).unwrap_or(0))
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rule {
    pub max_excused: i32,
    pub max_absent: i32,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    Trained,
    /// Dutch reason, shown to the organisation and on the timeline.
    NotCompleted(String),
}

/// The completion rule over one participant's marks of every held day.
pub fn completion(marks: &[A], rule: Rule) -> Outcome {
    let absent = marks.iter().filter(|m| **m == A::Absent).count() as i32;
    let excused = marks.iter().filter(|m| **m == A::Excused).count() as i32;
    let mut why = Vec::new();
    if absent > rule.max_absent {
        why.push(format!("{absent} dag(en) afwezig zonder afmelding (toegestaan: {})", rule.max_absent));
    }
    if excused > rule.max_excused {
        why.push(format!("{excused} dag(en) afgemeld (toegestaan: {})", rule.max_excused));
    }
    if why.is_empty() {
        Outcome::Trained
    } else {
        Outcome::NotCompleted(why.join("; "))
    }
}

/// A group can close once its last held day has come.
/// A group's first and last day: of the days held, else of all (a group whose
/// every day was cancelled keeps its dates).
pub fn span(days: &[(NaiveDate, bool)]) -> Option<(NaiveDate, NaiveDate)> {
    let held: Vec<NaiveDate> = days.iter().filter(|(_, cancelled)| !cancelled).map(|(d, _)| *d).collect();
    let pick = if held.is_empty() { days.iter().map(|(d, _)| *d).collect() } else { held };
    Some((*pick.iter().min()?, *pick.iter().max()?))
}

/// Whether a training day's participants are reminded today: reminders are on
/// (days > 0), the day is active and still to come, within `days` of today,
/// and not reminded before.
pub fn day_reminder_due(day: NaiveDate, days: i32, today: NaiveDate, active: bool, sent: bool) -> bool {
    days > 0 && active && !sent && today < day && today >= day - chrono::Duration::days(i64::from(days))
}

pub fn may_close(last_day: Option<NaiveDate>, today: NaiveDate) -> bool {
    last_day.is_some_and(|d| today >= d)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn d(day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2027, 1, day).expect("date")
    }

    #[test]
    fn a_day_is_reminded_once_within_its_days_and_before_it() {
        assert!(day_reminder_due(d(19), 3, d(16), true, false));
        assert!(day_reminder_due(d(19), 3, d(18), true, false), "a day missed by the runner still goes out");
        assert!(!day_reminder_due(d(19), 3, d(15), true, false), "too early");
        assert!(!day_reminder_due(d(19), 3, d(19), true, false), "on the day itself: too late");
        assert!(!day_reminder_due(d(19), 3, d(16), true, true), "sent before");
        assert!(!day_reminder_due(d(19), 3, d(16), false, false), "cancelled day");
        assert!(!day_reminder_due(d(19), 0, d(18), true, false), "0: never");
    }

    const DEFAULT: Rule = Rule { max_excused: 1, max_absent: 0 };

    #[test]
    fn marking_opens_on_the_day_and_closes_after_the_window() {
        assert!(!marking_open(d(19), d(18), 14), "not before the day");
        assert!(marking_open(d(19), d(19), 14));
        assert!(marking_open(d(19), d(31) + chrono::Days::new(2), 14), "the last day of the window");
        assert!(!marking_open(d(19), d(31) + chrono::Days::new(3), 14), "closed after it");
        assert_eq!(marking_until(d(19), 0), d(19));
    }

    #[test]
    fn all_days_attended_with_one_excused_completes() {
        assert_eq!(completion(&[A::Present, A::Present, A::Present, A::Present], DEFAULT), Outcome::Trained);
        assert_eq!(completion(&[A::Present, A::Excused, A::Present, A::Present], DEFAULT), Outcome::Trained);
    }

    #[test]
    fn an_absence_or_a_second_excused_day_does_not_complete_and_says_why() {
        assert_eq!(
            completion(&[A::Present, A::Absent, A::Present, A::Present], DEFAULT),
            Outcome::NotCompleted("1 dag(en) afwezig zonder afmelding (toegestaan: 0)".into())
        );
        assert_eq!(
            completion(&[A::Excused, A::Excused, A::Present, A::Present], DEFAULT),
            Outcome::NotCompleted("2 dag(en) afgemeld (toegestaan: 1)".into())
        );
        assert!(matches!(completion(&[A::Absent, A::Excused, A::Excused], DEFAULT), Outcome::NotCompleted(r) if r.contains("afwezig") && r.contains("afgemeld")));
    }

    #[test]
    fn a_group_closes_from_its_last_day() {
        assert!(!may_close(Some(d(20)), d(19)));
        assert!(may_close(Some(d(20)), d(20)));
        assert!(!may_close(None, d(20)), "a group without days has nothing to close");
    }

    fn any_mark() -> impl Strategy<Value = A> {
        prop::sample::select(A::ALL.to_vec())
    }

    proptest! {
        /// More presence never turns "trained" into "not completed".
        #[test]
        fn more_presence_never_hurts(mut marks in prop::collection::vec(any_mark(), 1..8), i in 0usize..8, ex in 0i32..3, ab in 0i32..2) {
            let rule = Rule { max_excused: ex, max_absent: ab };
            let before = completion(&marks, rule);
            let i = i % marks.len();
            marks[i] = A::Present;
            if before == Outcome::Trained {
                prop_assert_eq!(completion(&marks, rule), Outcome::Trained);
            }
        }

        /// Every day present always completes, whatever the rule.
        #[test]
        fn full_attendance_always_completes(n in 1usize..10, ex in 0i32..3, ab in 0i32..3) {
            prop_assert_eq!(completion(&vec![A::Present; n], Rule { max_excused: ex, max_absent: ab }), Outcome::Trained);
        }
    }
}

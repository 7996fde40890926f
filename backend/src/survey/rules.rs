//! Pure survey rules: who answers for an organisation, what a caller may do
//! with its form, the checks of the answers, and when reminders are due.

use chrono::{Duration, NaiveDate};
use va_openapi::auth::Role;
use va_openapi::reference::OrganisationKind;
use va_openapi::survey::SurveyAnswers;

/// Reminders go out this many days before the deadline.
pub const REMIND_DAYS_BEFORE: i64 = 7;

/// Who answers for an organisation when nobody was handed the form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Responsible {
    /// The ambassador of the organisation's region.
    Ambassador,
    Bel,
}

/// The knowledge partner and other kinds are not surveyed.
pub fn surveyed(kind: OrganisationKind) -> bool {
    kind != OrganisationKind::Other
}

pub fn responsible(kind: OrganisationKind, region: Option<i64>) -> Responsible {
    match kind {
        OrganisationKind::Municipality | OrganisationKind::Cjg if region.is_some() => Responsible::Ambassador,
        _ => Responsible::Bel,
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Access {
    /// Not visible (404).
    None,
    View,
    Answer,
    /// Answer and hand the form to the organisation's contact.
    Delegate,
}

/// The caller's access to an organisation's form.
/// BEL may answer and delegate every form (also as a stand-in for an absent
/// ambassador); ambassadors those of their region's municipalities and CJG;
/// an organisation contact sees their own form and answers it once handed it.
pub struct Who {
    pub role: Role,
    pub user_id: i64,
    pub region: Option<i64>,
    pub organisation: Option<i64>,
}

pub fn access(who: &Who, org_id: i64, kind: OrganisationKind, region: Option<i64>, delegated_to: Option<i64>) -> Access {
    match who.role {
        Role::BelCoordinator => Access::Delegate,
        Role::Ambassador if responsible(kind, region) == Responsible::Ambassador && region == who.region => Access::Delegate,
        Role::OrgContact if who.organisation == Some(org_id) => {
            if delegated_to == Some(who.user_id) {
                Access::Answer
            } else {
                Access::View
            }
        }
        _ => Access::None,
    }
}

/// Checks the answers; `trained_in_system` is what the system counts.
/// A trained figure that differs from it needs a note; submitting needs every figure.
pub fn check(a: &SurveyAnswers, trained_in_system: i32, submit: bool) -> Vec<(&'static str, &'static str)> {
    let mut out = Vec::new();
    let counts = [("trained", a.trained), ("doing_vas", a.doing_vas), ("still_to_train", a.still_to_train), ("vas_done", a.vas_done)];
    for (field, v) in counts {
        match v {
            Some(n) if !(0..=100_000).contains(&n) => out.push((field, "out_of_range")),
            None if submit => out.push((field, "required")),
            _ => {}
        }
    }
    for (field, v) in [("hours_needed", a.hours_needed), ("hours_available", a.hours_available)] {
        match v {
            Some(h) if !h.is_finite() || !(0.0..=10_000.0).contains(&h) => out.push((field, "out_of_range")),
            None if submit => out.push((field, "required")),
            _ => {}
        }
    }
    let note = a.trained_note.as_deref().map(str::trim).unwrap_or_default();
    if matches!(a.trained, Some(n) if n != trained_in_system) && note.is_empty() {
        out.push(("trained_note", "note_required"));
    }
    out
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reminder {
    Before,
    After,
}

/// The reminder due today, if any: the one before from a week ahead until the
/// deadline, the one after from the day after it. Each goes out once; once the
/// deadline has passed the one before is not sent any more.
pub fn reminder_due(deadline: NaiveDate, today: NaiveDate, before_sent: bool, after_sent: bool) -> Option<Reminder> {
    if today > deadline {
        (!after_sent).then_some(Reminder::After)
    } else if today >= deadline - Duration::days(REMIND_DAYS_BEFORE) {
        (!before_sent).then_some(Reminder::Before)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use OrganisationKind::*;

    fn who(role: Role, region: Option<i64>, organisation: Option<i64>) -> Who {
        Who { role, user_id: 7, region, organisation }
    }

    #[test]
    fn ambassadors_answer_for_their_regions_municipalities() {
        let noord = who(Role::Ambassador, Some(1), None);
        assert_eq!(access(&noord, 10, Municipality, Some(1), None), Access::Delegate);
        assert_eq!(access(&noord, 11, Cjg, Some(1), None), Access::Delegate);
        // Refused: another region, and GIs (BEL answers for them).
        assert_eq!(access(&noord, 12, Municipality, Some(2), None), Access::None);
        assert_eq!(access(&noord, 13, Gi, None, None), Access::None);
        assert_eq!(access(&who(Role::BelCoordinator, None, None), 13, Gi, None, None), Access::Delegate);
        assert_eq!(access(&who(Role::Trainer, None, None), 10, Municipality, Some(1), None), Access::None);
    }

    #[test]
    fn contacts_answer_only_when_handed_the_form() {
        let venlo = who(Role::OrgContact, None, Some(10));
        assert_eq!(access(&venlo, 10, Municipality, Some(1), None), Access::View);
        assert_eq!(access(&venlo, 10, Municipality, Some(1), Some(8)), Access::View);
        assert_eq!(access(&venlo, 10, Municipality, Some(1), Some(7)), Access::Answer);
        assert_eq!(access(&venlo, 11, Municipality, Some(1), Some(7)), Access::None);
    }

    fn full() -> SurveyAnswers {
        SurveyAnswers {
            trained: Some(4),
            trained_note: None,
            doing_vas: Some(3),
            still_to_train: Some(6),
            vas_done: Some(25),
            hours_needed: Some(16.0),
            hours_available: Some(12.5),
            bottlenecks: None,
            success_factors: None,
        }
    }

    #[test]
    fn checks_answers() {
        assert!(check(&full(), 4, true).is_empty());
        assert_eq!(check(&full(), 5, true), vec![("trained_note", "note_required")]);
        assert!(check(&SurveyAnswers { trained_note: Some("2 uit dienst".into()), ..full() }, 5, true).is_empty());
        let empty = SurveyAnswers::default();
        assert!(check(&empty, 4, false).is_empty());
        assert_eq!(check(&empty, 4, true).len(), 6);
        let bad = SurveyAnswers { vas_done: Some(-1), hours_needed: Some(f64::NAN), ..full() };
        assert_eq!(check(&bad, 4, false), vec![("vas_done", "out_of_range"), ("hours_needed", "out_of_range")]);
    }

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("date")
    }

    #[test]
    fn reminders_before_and_after_the_deadline() {
        let deadline = d(2027, 3, 15);
        assert_eq!(reminder_due(deadline, d(2027, 3, 7), false, false), None);
        assert_eq!(reminder_due(deadline, d(2027, 3, 8), false, false), Some(Reminder::Before));
        assert_eq!(reminder_due(deadline, d(2027, 3, 15), false, false), Some(Reminder::Before));
        assert_eq!(reminder_due(deadline, d(2027, 3, 10), true, false), None);
        assert_eq!(reminder_due(deadline, d(2027, 3, 16), true, false), Some(Reminder::After));
        assert_eq!(reminder_due(deadline, d(2027, 3, 16), false, false), Some(Reminder::After));
        assert_eq!(reminder_due(deadline, d(2027, 4, 1), true, true), None);
    }

    proptest! {
        #[test]
        fn each_reminder_at_most_once(deadline_off in 0i64..60, days in 1i64..90) {
            let start = d(2027, 1, 1);
            let deadline = start + Duration::days(deadline_off);
            let (mut before, mut after) = (false, false);
            let mut sent = Vec::new();
            for i in 0..days {
                if let Some(r) = reminder_due(deadline, start + Duration::days(i), before, after) {
                    sent.push(r);
                    match r { Reminder::Before => before = true, Reminder::After => after = true }
                }
            }
            prop_assert!(sent.iter().filter(|r| **r == Reminder::Before).count() <= 1);
            prop_assert!(sent.iter().filter(|r| **r == Reminder::After).count() <= 1);
        }
    }
}

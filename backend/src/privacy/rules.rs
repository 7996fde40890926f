//! The retention rules, pure: each period's floor and ceiling, and the moment
//! before which a kind of data is due for purging.

use crate::error::validate::Errors;
use chrono::{DateTime, Duration, NaiveDate, Utc};
use va_openapi::enrolment::EnrolmentStatus;
use va_openapi::privacy::RetentionSettings;

/// Ten years: no period is longer (and the integer stays far from its range's end).
pub const MAX_DAYS: i64 = 3650;

/// Each period's floor: what the process needs before the data may go.
pub const FLOORS: [(&str, i64); 7] = [
    // A sent mail's text may be asked after for a week (a bounce, a question).
    ("mail_body_days", 7),
    // Throttling looks back minutes, not days.
    ("login_attempt_days", 1),
    // Only used or expired links are purged.
    ("token_days", 1),
    // Participants have a month to answer an evaluation.
    ("evaluation_link_days", 30),
    // BEL accounts for a year's changes.
    ("audit_days", 365),
    ("session_notes_days", 30),
    // Counted from the programme's end: follow-up and questions come first.
    ("untrained_days", 90),
];

fn floor(field: &str) -> i64 {
    FLOORS.iter().find(|(f, _)| *f == field).map(|(_, d)| *d).unwrap_or(1)
}

/// Refuses a period below its floor or above ten years, by field.
pub fn validate(s: &RetentionSettings) -> Result<(), crate::error::AppError> {
    let mut errs = Errors::default();
    for (field, value) in [
        ("mail_body_days", Some(s.mail_body_days)),
        ("login_attempt_days", Some(s.login_attempt_days)),
        ("token_days", Some(s.token_days)),
        ("evaluation_link_days", Some(s.evaluation_link_days)),
        ("audit_days", Some(s.audit_days)),
        ("session_notes_days", s.session_notes_days),
        ("untrained_days", Some(s.untrained_days)),
    ] {
        if let Some(v) = value {
            errs.range(field, v.into(), floor(field), MAX_DAYS);
        }
    }
    errs.finish()
}

/// The moments before which each kind is due, at `now` (local `today` for
/// the notes, which are dated by the session's day).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cutoffs {
    pub mail_body: DateTime<Utc>,
    pub login_attempt: DateTime<Utc>,
    pub token: DateTime<Utc>,
    pub evaluation_link: DateTime<Utc>,
    pub audit: DateTime<Utc>,
    pub session_notes: Option<NaiveDate>,
    /// People never trained whose every programme ended before this day are erased.
    pub untrained: NaiveDate,
}

pub fn cutoffs(s: &RetentionSettings, now: DateTime<Utc>, today: NaiveDate) -> Cutoffs {
    let before = |days: i32| now - Duration::days(days.into());
    Cutoffs {
        mail_body: before(s.mail_body_days),
        login_attempt: before(s.login_attempt_days),
        token: before(s.token_days),
        evaluation_link: before(s.evaluation_link_days),
        audit: before(s.audit_days),
        session_notes: s.session_notes_days.map(|d| today - Duration::days(d.into())),
        untrained: today - Duration::days(s.untrained_days.into()),
    }
}

/// Why a professional cannot be erased yet, if so: erasing someone with an
/// open offer or a seat in a group not yet finished (closed by its trainer,
/// or cancelled) would leave a seat or a completion nobody can account for;
/// an enrolment in progress is withdrawn first. Each enrolment comes with
/// whether its group has finished.
pub fn erasure_refusal(enrolments: &[(EnrolmentStatus, bool)], open_offer: bool) -> Option<&'static str> {
    use EnrolmentStatus as E;
    if open_offer {
        return Some("The person has an open offer of a seat; let it be answered or withdraw it first.");
    }
    for (status, group_finished) in enrolments {
        match status {
            E::Placed if !group_finished => return Some("The person has a seat in a group that has not finished."),
            E::Draft | E::Submitted | E::Returned | E::Approved | E::Waitlisted => {
                return Some("The person has an enrolment in progress; withdraw it first.");
            }
            _ => {}
        }
    }
    None
}

/// The name and address an erased professional has from then on: unique,
/// and an address that can never receive mail (`.invalid`).
pub fn pseudonym(id: i64) -> (String, String) {
    (format!("Verwijderd #{id}"), format!("verwijderd-{id}@verwijderd.invalid"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn defaults() -> RetentionSettings {
        RetentionSettings { mail_body_days: 90, login_attempt_days: 30, token_days: 30, evaluation_link_days: 90, audit_days: 730, session_notes_days: None, untrained_days: 730 }
    }

    #[test]
    fn the_defaults_pass_and_each_floor_is_enforced_by_field() {
        assert!(validate(&defaults()).is_ok());
        let cases: [(&str, fn(&mut RetentionSettings)); 7] = [
            ("mail_body_days", |s| s.mail_body_days = 6),
            ("login_attempt_days", |s| s.login_attempt_days = 0),
            ("token_days", |s| s.token_days = -1),
            ("evaluation_link_days", |s| s.evaluation_link_days = 29),
            ("audit_days", |s| s.audit_days = 364),
            ("session_notes_days", |s| s.session_notes_days = Some(29)),
            ("untrained_days", |s| s.untrained_days = 89),
        ];
        for (field, change) in cases {
            let mut s = defaults();
            change(&mut s);
            match validate(&s) {
                Err(crate::error::AppError::Validation(errs)) => assert_eq!(errs.iter().map(|e| e.field.as_str()).collect::<Vec<_>>(), [field]),
                other => panic!("{field}: {other:?}"),
            }
        }
        let mut s = defaults();
        s.audit_days = i32::MAX;
        assert!(validate(&s).is_err(), "above ten years");
    }

    proptest! {
        /// Whatever periods pass, nothing younger than its floor is ever due.
        #[test]
        fn nothing_younger_than_its_floor_is_due(m in 0i32..4000, l in 0i32..4000, t in 0i32..4000, e in 0i32..4000, a in 0i32..4000, n in proptest::option::of(0i32..4000), u in 0i32..4000) {
            let s = RetentionSettings { mail_body_days: m, login_attempt_days: l, token_days: t, evaluation_link_days: e, audit_days: a, session_notes_days: n, untrained_days: u };
            prop_assume!(validate(&s).is_ok());
            let now = DateTime::parse_from_rfc3339("2026-12-03T10:00:00Z").map(|d| d.with_timezone(&Utc)).unwrap_or_default();
            let today = now.date_naive();
            let c = cutoffs(&s, now, today);
            let days = |at: DateTime<Utc>| (now - at).num_days();
            prop_assert!(days(c.mail_body) >= floor("mail_body_days"));
            prop_assert!(days(c.login_attempt) >= floor("login_attempt_days"));
            prop_assert!(days(c.token) >= floor("token_days"));
            prop_assert!(days(c.evaluation_link) >= floor("evaluation_link_days"));
            prop_assert!(days(c.audit) >= floor("audit_days"));
            if let Some(d) = c.session_notes {
                prop_assert!((today - d).num_days() >= floor("session_notes_days"));
            }
            prop_assert!((today - c.untrained).num_days() >= floor("untrained_days"));
        }
    }

    #[test]
    fn erasure_waits_for_offers_running_groups_and_enrolments_in_progress() {
        use EnrolmentStatus as E;
        assert_eq!(erasure_refusal(&[], false), None);
        assert_eq!(erasure_refusal(&[(E::Trained, true), (E::Withdrawn, false), (E::Rejected, false), (E::NotCompleted, true)], false), None);
        assert_eq!(erasure_refusal(&[(E::Placed, true)], false), None);
        assert!(erasure_refusal(&[(E::Trained, true)], true).is_some_and(|r| r.contains("offer")));
        assert!(erasure_refusal(&[(E::Trained, true), (E::Placed, false)], false).is_some_and(|r| r.contains("group")));
        for e in [E::Draft, E::Submitted, E::Returned, E::Approved, E::Waitlisted] {
            assert!(erasure_refusal(&[(E::Withdrawn, false), (e, false)], false).is_some_and(|r| r.contains("progress")), "{e:?}");
        }
    }

    #[test]
    fn pseudonyms_are_unique_and_undeliverable() {
        let (a, ma) = pseudonym(7);
        let (b, mb) = pseudonym(8);
        assert_ne!(a, b);
        assert_ne!(ma, mb);
        assert!(ma.ends_with(".invalid") && crate::error::validate::is_plausible_email(&ma));
    }
}

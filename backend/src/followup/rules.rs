//! Pure rules after the training: the anonymous evaluation aggregates, the guard against personal data in
//! reflections, who still waits for follow-up (per kind) and when their
//! organisation is reminded. No IO.

use chrono::NaiveDate;
use va_openapi::followup::{FollowupKind, KindCoverage};

/// Mean and counts per rating 1..=5 of one question; no mean without answers.
pub fn aggregate(ratings: &[i32]) -> (Option<f64>, Vec<i32>) {
    let mut counts = vec![0; 5];
    for r in ratings.iter().filter(|r| (1..=5).contains(*r)) {
        counts[usize::try_from(r - 1).unwrap_or(0)] += 1;
    }
    let n: i32 = counts.iter().sum();
    let total: i32 = counts.iter().enumerate().map(|(i, c)| c * (i as i32 + 1)).sum();
    let avg = (n > 0).then(|| (f64::from(total) / f64::from(n) * 10.0).round() / 10.0);
    (avg, counts)
}

/// Aggregates are shown only from `min` answers on, so none points to a person.
pub fn show_aggregates(responded: i32, min: i32) -> bool {
    responded >= min
}

/// A reflection holds the professional's own reflection only. A citizen
/// service number (nine digits in a row) or a date of birth (dd-mm-yyyy)
/// points to data about the young person or family: refused.
pub fn looks_like_personal_data(text: &str) -> bool {
    let digits_in_a_row = text.split(|c: char| !c.is_ascii_digit()).any(|run| run.len() == 9);
    let date_like = text
        .split(|c: char| c.is_whitespace() || c == ',' || c == ';' || c == '(' || c == ')')
        .any(|w| {
            let w = w.trim_matches('.');
            ["%d-%m-%Y", "%d/%m/%Y"].iter().any(|f| NaiveDate::parse_from_str(w, f).is_ok())
        });
    digits_in_a_row || date_like
}

/// Days since the training, never negative.
pub fn days_since(trained_on: NaiveDate, today: NaiveDate) -> i64 {
    (today - trained_on).num_days().max(0)
}

/// A session can be recorded from its day on.
pub fn may_record(day: NaiveDate, today: NaiveDate) -> bool {
    today >= day
}

/// Per kind of follow-up, of the people given by the kinds each attended: how
/// many had it and how many not yet ("getraind, nog geen supervisie").
pub fn coverage(people: &[&[FollowupKind]]) -> Vec<KindCoverage> {
    let total = i32::try_from(people.len()).unwrap_or(i32::MAX);
    FollowupKind::ALL
        .iter()
        .map(|k| {
            let with = i32::try_from(people.iter().filter(|p| p.contains(k)).count()).unwrap_or(i32::MAX);
            KindCoverage { kind: *k, with, without: total - with }
        })
        .collect()
}

/// Whether a trained professional's organisation is reminded today: a period
/// is set (weeks > 0), it has passed since the training, they attended no
/// follow-up, none is planned for them, and they were not reminded before.
pub fn followup_reminder_due(trained_on: NaiveDate, weeks: i32, today: NaiveDate, attended: bool, planned: bool, reminded: bool) -> bool {
    weeks > 0 && !attended && !planned && !reminded && today >= trained_on + chrono::Duration::weeks(i64::from(weeks))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn coverage_counts_each_kind_separately() {
        use FollowupKind::*;
        let people: [&[FollowupKind]; 4] = [&[Supervision], &[Supervision, Coaching], &[], &[Deepening]];
        let got: Vec<(FollowupKind, i32, i32)> = coverage(&people).into_iter().map(|c| (c.kind, c.with, c.without)).collect();
        assert_eq!(got, vec![(Supervision, 2, 2), (Coaching, 1, 3), (Deepening, 1, 3)]);
        assert!(coverage(&[]).iter().all(|c| c.with == 0 && c.without == 0));
    }

    #[test]
    fn the_reminder_waits_its_weeks_and_comes_once_for_who_had_nothing() {
        let on = d(2027, 3, 2);
        let due = d(2027, 5, 25); // 12 weeks later
        assert!(followup_reminder_due(on, 12, due, false, false, false));
        assert!(!followup_reminder_due(on, 12, due.pred_opt().expect("day"), false, false, false));
        assert!(!followup_reminder_due(on, 0, d(2030, 1, 1), false, false, false), "0 weeks: never");
        assert!(!followup_reminder_due(on, 12, due, true, false, false), "had follow-up");
        assert!(!followup_reminder_due(on, 12, due, false, true, false), "a session is planned");
        assert!(!followup_reminder_due(on, 12, due, false, false, true), "reminded before");
    }

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("date")
    }

    #[test]
    fn aggregates_count_each_rating_and_round_the_mean() {
        assert_eq!(aggregate(&[4, 5, 5]), (Some(4.7), vec![0, 0, 0, 1, 2]));
        assert_eq!(aggregate(&[]), (None, vec![0; 5]));
        // Out-of-range values never count.
        assert_eq!(aggregate(&[0, 6, 3]), (Some(3.0), vec![0, 0, 1, 0, 0]));
        assert!(show_aggregates(3, 3));
        assert!(!show_aggregates(2, 3));
    }

    #[test]
    fn personal_data_is_recognised_and_ordinary_reflections_pass() {
        assert!(looks_like_personal_data("BSN 123456789 besproken"));
        assert!(looks_like_personal_data("geboren 03-04-2012, hypothese 2"));
        assert!(looks_like_personal_data("geboren 3/4/2012."));
        assert!(!looks_like_personal_data("Hypothesen sluiten op elkaar aan; voorspelling 2 is toetsbaar binnen 6 weken."));
        assert!(!looks_like_personal_data("Casus van 12 pagina's, 3 hypothesen, 1234567890 is geen BSN"));
    }

    #[test]
    fn sessions_are_recorded_from_their_day_on() {
        assert!(may_record(d(2027, 4, 1), d(2027, 4, 1)));
        assert!(!may_record(d(2027, 4, 2), d(2027, 4, 1)));
        assert_eq!(days_since(d(2027, 3, 2), d(2027, 4, 1)), 30);
        assert_eq!(days_since(d(2027, 5, 2), d(2027, 4, 1)), 0);
    }

    proptest! {
        #[test]
        fn every_valid_answer_is_counted_once(ratings in prop::collection::vec(1i32..=5, 0..100)) {
            let (avg, counts) = aggregate(&ratings);
            prop_assert_eq!(counts.iter().sum::<i32>() as usize, ratings.len());
            if let Some(a) = avg {
                prop_assert!((1.0..=5.0).contains(&a));
            } else {
                prop_assert!(ratings.is_empty());
            }
        }
    }
}

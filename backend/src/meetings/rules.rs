//! The rules of meetings and their items, without the database.

use crate::error::validate::Errors;
use chrono::{Datelike, NaiveDate};
use va_openapi::meetings::{MeetingItemKind, MAX_ITEM_LEN, MAX_NOTES_LEN, MEETINGS_PER_YEAR};
use va_openapi::MAX_NAME_LEN;

/// A meeting's checked fields.
#[derive(Debug, Clone, PartialEq)]
pub struct MeetingFields {
    pub held_on: NaiveDate,
    pub label: String,
    pub location: Option<String>,
    pub notes: String,
}

/// Checks a meeting's fields (the snapshot is checked against the database).
pub fn meeting(errs: &mut Errors, held_on: NaiveDate, label: &str, location: Option<&str>, notes: Option<&str>) -> MeetingFields {
    errs.range("held_on", i64::from(held_on.year()), 2000, 2100);
    let label = errs.text("label", label, MAX_NAME_LEN);
    let location = errs.opt_text("location", location, MAX_NAME_LEN);
    let notes = errs.opt_text("notes", notes, MAX_NOTES_LEN).unwrap_or_default();
    MeetingFields { held_on, label, location, notes }
}

/// Whether a year holding `others` meetings (the one being saved not among
/// them) takes one more.
pub fn year_has_room(others: usize) -> bool {
    others < MEETINGS_PER_YEAR
}

/// An item's checked fields.
#[derive(Debug, Clone, PartialEq)]
pub struct ItemFields {
    pub text: String,
    pub owner: Option<String>,
    pub due_on: Option<NaiveDate>,
}

/// A decision needs its text; an action also who carries it out and by when,
/// not before the meeting itself.
pub fn item(errs: &mut Errors, kind: MeetingItemKind, text: &str, owner: Option<&str>, due_on: Option<NaiveDate>, held_on: NaiveDate) -> ItemFields {
    let text = errs.text("text", text, MAX_ITEM_LEN);
    let owner = errs.opt_text("owner", owner, MAX_NAME_LEN);
    if kind == MeetingItemKind::Action {
        if owner.is_none() {
            errs.add("owner", "required", "an action needs an owner");
        }
        match due_on {
            None => errs.add("due_on", "required", "an action needs a date"),
            Some(d) if d < held_on => errs.add("due_on", "before_meeting", "the date is before the meeting"),
            Some(_) => {}
        }
    }
    ItemFields { text, owner, due_on }
}

/// Each meeting's place in its year (1, 2, 3), by date and then by id.
pub fn numbers(meetings: &[(i64, NaiveDate)]) -> Vec<(i64, i32)> {
    let mut sorted = meetings.to_vec();
    sorted.sort_by_key(|(id, d)| (*d, *id));
    let mut out = Vec::new();
    let mut year = None;
    let mut n = 0;
    for (id, d) in sorted {
        if year != Some(d.year()) {
            year = Some(d.year());
            n = 0;
        }
        n += 1;
        out.push((id, n));
    }
    out
}

/// An open action whose date has passed.
pub fn overdue(kind: MeetingItemKind, due_on: Option<NaiveDate>, done: bool, today: NaiveDate) -> bool {
    kind == MeetingItemKind::Action && !done && due_on.is_some_and(|d| d < today)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("date")
    }

    fn codes(e: &Errors) -> Vec<(&str, &str)> {
        e.0.iter().map(|f| (f.field.as_str(), f.code.as_str())).collect()
    }

    #[test]
    fn an_action_needs_an_owner_and_a_date_not_before_the_meeting() {
        let held = d(2027, 3, 10);
        let mut e = Errors::default();
        item(&mut e, MeetingItemKind::Decision, "Extra groep Zuid", None, None, held);
        assert!(e.0.is_empty());
        item(&mut e, MeetingItemKind::Action, "  ", Some(" "), None, held);
        assert_eq!(codes(&e), vec![("text", "required"), ("owner", "required"), ("due_on", "required")]);
        let mut e = Errors::default();
        item(&mut e, MeetingItemKind::Action, "Navragen", Some("Ambassadeur Zuid"), Some(d(2027, 3, 9)), held);
        assert_eq!(codes(&e), vec![("due_on", "before_meeting")]);
        let mut e = Errors::default();
        let f = item(&mut e, MeetingItemKind::Action, " Navragen ", Some(" BEL "), Some(held), held);
        assert!(e.0.is_empty());
        assert_eq!((f.text.as_str(), f.owner.as_deref()), ("Navragen", Some("BEL")));
    }

    #[test]
    fn a_meeting_needs_a_label_and_a_plausible_year() {
        let mut e = Errors::default();
        meeting(&mut e, d(1999, 1, 1), "", Some(&"x".repeat(201)), Some(&"y".repeat(MAX_NOTES_LEN + 1)));
        assert_eq!(codes(&e), vec![("held_on", "out_of_range"), ("label", "required"), ("location", "too_long"), ("notes", "too_long")]);
        let mut e = Errors::default();
        let f = meeting(&mut e, d(2027, 3, 10), " Overleg 1 ", Some(""), None);
        assert!(e.0.is_empty());
        assert_eq!((f.label.as_str(), f.location, f.notes.as_str()), ("Overleg 1", None, ""));
    }

    #[test]
    fn numbers_restart_each_year_in_date_order() {
        let got = numbers(&[(5, d(2027, 10, 1)), (2, d(2027, 2, 1)), (9, d(2028, 2, 1)), (3, d(2027, 6, 1)), (1, d(2026, 11, 1))]);
        assert_eq!(got, vec![(1, 1), (2, 1), (3, 2), (5, 3), (9, 1)]);
        assert!(year_has_room(2) && !year_has_room(3));
    }

    #[test]
    fn only_open_actions_past_their_date_are_overdue() {
        let today = d(2027, 4, 1);
        assert!(overdue(MeetingItemKind::Action, Some(d(2027, 3, 31)), false, today));
        assert!(!overdue(MeetingItemKind::Action, Some(today), false, today));
        assert!(!overdue(MeetingItemKind::Action, Some(d(2027, 3, 1)), true, today));
        assert!(!overdue(MeetingItemKind::Decision, Some(d(2027, 3, 1)), false, today));
    }

    proptest! {
        #[test]
        fn every_year_numbers_one_to_its_count(days in proptest::collection::vec(0i64..1500, 0..20)) {
            let start = d(2026, 1, 1);
            let meetings: Vec<(i64, NaiveDate)> = days.iter().enumerate().map(|(i, n)| (i as i64, start + chrono::Duration::days(*n))).collect();
            let got = numbers(&meetings);
            prop_assert_eq!(got.len(), meetings.len());
            for y in 2026..2031 {
                let mut ns: Vec<i32> = got.iter().filter(|(id, _)| meetings[*id as usize].1.year() == y).map(|(_, n)| *n).collect();
                ns.sort();
                prop_assert_eq!(ns, (1..).take(meetings.iter().filter(|(_, d)| d.year() == y).count()).collect::<Vec<i32>>());
            }
        }
    }
}

//! Pure rules of readiness checks: validity, the interview's state machine,
//! follow-up proposals derived from answers, and the default template.

use chrono::{DateTime, Months, NaiveDate, Utc};
use va_openapi::readiness::{Answer, CheckStatus, FollowupInput, Owner};

/// Is a check completed at `completed_at` still valid at `now`, for a validity of `months`?
pub fn still_valid(completed_at: DateTime<Utc>, now: DateTime<Utc>, months: u32) -> bool {
    match completed_at.checked_add_months(Months::new(months)) {
        Some(until) => now < until,
        None => true,
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CheckEvent {
    Schedule,
    Answer,
    Complete,
    Cancel,
}

/// The interview's transitions: answers may be saved before and after scheduling
/// (interviews also happen ad hoc), never after completion or cancellation.
pub fn check_transition(from: CheckStatus, event: CheckEvent) -> Option<CheckStatus> {
    use CheckStatus::*;
    match (from, event) {
        (Planned | Scheduled, CheckEvent::Schedule) => Some(Scheduled),
        (Planned | Scheduled, CheckEvent::Answer) => Some(from),
        (Planned | Scheduled, CheckEvent::Complete) => Some(Completed),
        (Planned | Scheduled, CheckEvent::Cancel) => Some(Cancelled),
        _ => None,
    }
}

/// Who usually picks up an item's follow-up: BEL arranges supervision and
/// intervision, the ambassador informs local partners, the organisation the rest.
pub fn default_owner(code: &str) -> Owner {
    if code.starts_with("beg.") {
        Owner::Bel
    } else if code == "sw.informeren" {
        Owner::Ambassador
    } else {
        Owner::Organisation
    }
}

/// Follow-up proposals: one per item not in place. Work in progress gets two
/// months, work not yet begun three. In place, not applicable and unanswered
/// items propose nothing.
pub fn propose_followups(items: &[(i64, &str, &str, Option<Answer>, Option<&str>)], today: NaiveDate) -> Vec<FollowupInput> {
    items
        .iter()
        .filter_map(|(id, code, title, answer, note)| {
            let months = match answer {
                Some(Answer::InProgress) => 2,
                Some(Answer::NotYet) => 3,
                _ => return None,
            };
            let description = match note.map(str::trim).filter(|n| !n.is_empty()) {
                Some(n) => format!("{title}: {n}"),
                None => (*title).to_string(),
            };
            Some(FollowupInput {
                item_id: Some(*id),
                description,
                owner: default_owner(code),
                due_on: today.checked_add_months(Months::new(months)).unwrap_or(today),
            })
        })
        .collect()
}

/// The first version of the template, from the plan's building blocks and preconditions.
pub const DEFAULT_TEMPLATE: &[(&str, &str, &str, &str)] = &[
    ("Werkprocessen", "wp.toegang", "De VA is onderdeel van het toegangsproces",
     "Wordt bij elke aanmelding in de toegang beoordeeld of een VA nodig is? Is dit vastgelegd in de werkbeschrijving?"),
    ("Werkprocessen", "wp.kader", "De VA is georganiseerd volgens het gezamenlijk kader",
     "Werkt de organisatie met het gezamenlijke Limburgse kader voor de VA (werkwijze, formats, betrokkenheid van jeugdige en gezin)?"),
    ("Werkprocessen", "wp.ret_uhp", "Een VA bij alle RET- en UHP-casussen",
     "Wordt bij elke casus voor het Regionaal Expertiseteam en bij elke (dreigende) uithuisplaatsing een VA gemaakt?"),
    ("Samenwerking", "sw.netwerk", "Samenwerking met netwerkpartners",
     "Zijn afspraken gemaakt met netwerkpartners (onderwijs, zorgaanbieders, GI) over hun bijdrage aan de VA?"),
    ("Samenwerking", "sw.informeren", "Lokale partners zijn geïnformeerd",
     "Weten lokale partners wat de VA is, wanneer die gemaakt wordt en wat van hen verwacht wordt?"),
    ("Capaciteit", "cap.tijd", "Tijd en capaciteit voor training en VA's",
     "Hebben professionals tijd voor de training (vier dagen plus voorbereiding) en voor het maken van VA's in hun caseload?"),
    ("Begeleiding", "beg.supervisie", "Lokale begeleiding van VA-makers",
     "Is er supervisie, intervisie of coaching on the job voor professionals die VA's maken?"),
    ("Kwaliteit", "kw.monitoring", "Aanleveren van monitoringsinformatie",
     "Kan de organisatie aantallen getrainde professionals, gemaakte VA's en benodigde capaciteit aanleveren voor de monitoring?"),
    ("Kwaliteit", "kw.toetsing", "Kwaliteitstoetsing van VA's",
     "Worden VA's getoetst op volledigheid, economie, samenhang en toetsbaar voorspellend vermogen?"),
    ("Borging", "bo.bestuur", "Bestuurlijk commitment",
     "Staat het bestuur (wethouder, directie) achter de VA en is dit vastgelegd, bijvoorbeeld in beleid of een uitvoeringsplan?"),
    ("Borging", "bo.rollen", "Duidelijke rollen en verantwoordelijkheden",
     "Is helder wie de VA maakt, wie eigenaar is van het proces en wie aanspreekpunt is voor de VA-ambassadeur?"),
];

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;
    use proptest::prelude::*;

    fn at(y: i32, m: u32, d: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(y, m, d, 12, 0, 0).single().expect("date")
    }

    #[test]
    fn a_check_is_valid_for_its_months_and_not_a_day_longer() {
        assert!(still_valid(at(2026, 1, 15), at(2027, 1, 14), 12));
        assert!(!still_valid(at(2026, 1, 15), at(2027, 1, 15), 12));
        assert!(!still_valid(at(2026, 1, 15), at(2026, 7, 16), 6));
        assert!(still_valid(at(2026, 1, 15), at(2026, 7, 14), 6));
    }

    #[test]
    fn interviews_take_answers_until_completed_or_cancelled() {
        assert_eq!(check_transition(CheckStatus::Planned, CheckEvent::Schedule), Some(CheckStatus::Scheduled));
        assert_eq!(check_transition(CheckStatus::Scheduled, CheckEvent::Schedule), Some(CheckStatus::Scheduled));
        assert_eq!(check_transition(CheckStatus::Scheduled, CheckEvent::Complete), Some(CheckStatus::Completed));
        for ev in [CheckEvent::Schedule, CheckEvent::Answer, CheckEvent::Complete, CheckEvent::Cancel] {
            assert_eq!(check_transition(CheckStatus::Completed, ev), None);
            assert_eq!(check_transition(CheckStatus::Cancelled, ev), None);
        }
    }

    #[test]
    fn items_not_in_place_become_follow_ups_with_owner_and_due_date() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 22).expect("date");
        let items = [
            (1, "wp.toegang", "VA in de toegang", Some(Answer::InPlace), None),
            (2, "beg.supervisie", "Lokale begeleiding", Some(Answer::NotYet), Some("nog geen supervisor")),
            (3, "sw.informeren", "Partners geïnformeerd", Some(Answer::InProgress), Some("  ")),
            (4, "kw.toetsing", "Toetsing", Some(Answer::NotApplicable), None),
            (5, "bo.rollen", "Rollen", None, None),
        ];
        let p = propose_followups(&items, today);
        assert_eq!(p.len(), 2);
        assert_eq!(p[0].item_id, Some(2));
        assert_eq!(p[0].description, "Lokale begeleiding: nog geen supervisor");
        assert_eq!(p[0].owner, Owner::Bel);
        assert_eq!(p[0].due_on, NaiveDate::from_ymd_opt(2027, 2, 22).expect("date"));
        assert_eq!(p[1].description, "Partners geïnformeerd");
        assert_eq!(p[1].owner, Owner::Ambassador);
        assert_eq!(p[1].due_on, NaiveDate::from_ymd_opt(2027, 1, 22).expect("date"));
    }

    #[test]
    fn the_default_template_has_unique_codes() {
        let mut codes: Vec<&str> = DEFAULT_TEMPLATE.iter().map(|t| t.1).collect();
        codes.sort();
        codes.dedup();
        assert_eq!(codes.len(), DEFAULT_TEMPLATE.len());
    }

    fn any_answer() -> impl Strategy<Value = Option<Answer>> {
        prop::sample::select(vec![None, Some(Answer::InPlace), Some(Answer::InProgress), Some(Answer::NotYet), Some(Answer::NotApplicable)])
    }

    proptest! {
        /// Exactly the items in progress or not yet begun get a proposal, each
        /// once, due after today.
        #[test]
        fn proposals_cover_exactly_the_open_items(answers in prop::collection::vec(any_answer(), 0..20)) {
            let today = NaiveDate::from_ymd_opt(2026, 11, 22).expect("date");
            let items: Vec<(i64, &str, &str, Option<Answer>, Option<&str>)> =
                answers.iter().enumerate().map(|(i, a)| (i as i64, "x.y", "titel", *a, None)).collect();
            let p = propose_followups(&items, today);
            let open: Vec<i64> = items.iter().filter(|i| matches!(i.3, Some(Answer::InProgress | Answer::NotYet))).map(|i| i.0).collect();
            prop_assert_eq!(p.iter().filter_map(|f| f.item_id).collect::<Vec<_>>(), open);
            prop_assert!(p.iter().all(|f| f.due_on > today));
        }
    }
}

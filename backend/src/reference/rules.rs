//! Pure rules of reference data: what an organisation needs, how an import
//! line of organisations is read and judged.

use std::collections::{HashMap, HashSet};
use chrono::{Datelike, NaiveDate};
use va_openapi::admin::OrganisationImportAction as Action;
use va_openapi::reference::{GroupStatus, OrganisationKind};

/// A group's status follows its days: BEL's planned/open choice until the first
/// day, running from it, completed after the last (or once the trainer closed
/// it); cancelled stays cancelled. `stored` is BEL's choice or a closing mark.
pub fn group_status(stored: &str, first_day: chrono::NaiveDate, last_day: chrono::NaiveDate, closed: bool, today: chrono::NaiveDate) -> GroupStatus {
    match stored {
        "cancelled" => GroupStatus::Cancelled,
        "completed" => GroupStatus::Completed,
        _ if closed || last_day < today => GroupStatus::Completed,
        _ if first_day <= today => GroupStatus::Running,
        "open" => GroupStatus::Open,
        _ => GroupStatus::Planned,
    }
}

/// BEL decides three times a year; a group decided in a round starts in that round's month.
pub const ROUND_MONTHS: [u32; 3] = [1, 5, 9];

/// The first day of each decision round after `today` up to and including `until`.
pub fn rounds(today: NaiveDate, until: NaiveDate) -> Vec<NaiveDate> {
    let mut out = Vec::new();
    for year in today.year()..=until.year() {
        for m in ROUND_MONTHS {
            if let Some(d) = NaiveDate::from_ymd_opt(year, m, 1) {
                if d > today && d <= until {
                    out.push(d);
                }
            }
        }
    }
    out
}

/// The budget year of a group decided now: the year of the next decision round.
pub fn budget_year_of_next_round(today: NaiveDate) -> i32 {
    rounds(today, today + chrono::Duration::days(366)).first().map(|d| d.year()).unwrap_or(today.year())
}

/// Municipalities and CJGs belong to a region; the others may work across regions.
pub fn needs_region(kind: OrganisationKind) -> bool {
    matches!(kind, OrganisationKind::Municipality | OrganisationKind::Cjg)
}

/// A kind as people write it in a spreadsheet, Dutch or English.
pub fn parse_kind(s: &str) -> Option<OrganisationKind> {
    let s = s.trim().to_lowercase();
    OrganisationKind::parse(&s).or(match s.as_str() {
        "gemeente" => Some(OrganisationKind::Municipality),
        "centrum voor jeugd en gezin" => Some(OrganisationKind::Cjg),
        "gecertificeerde instelling" => Some(OrganisationKind::Gi),
        "zorgaanbieder" | "aanbieder" | "care provider" => Some(OrganisationKind::CareProvider),
        "anders" | "overig" | "overige" => Some(OrganisationKind::Other),
        _ => None,
    })
}

/// A line of the file as read.
#[derive(Debug, Clone, PartialEq)]
pub struct OrgLine {
    pub line: u32,
    pub name: String,
    pub kind: String,
    pub region: String,
}

/// An existing organisation as the judge needs it.
#[derive(Debug, Clone, PartialEq)]
pub struct Existing {
    pub kind: OrganisationKind,
    pub region_id: Option<i64>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct OrgVerdict {
    pub kind: Option<OrganisationKind>,
    pub region_id: Option<i64>,
    pub action: Action,
    pub problems: Vec<&'static str>,
}

/// Judges every line: `regions` maps region codes and names (lower case) to ids,
/// `existing` organisations by lower-case name. Names that come twice in the
/// file are refused on every line after the first.
pub fn judge(lines: &[OrgLine], regions: &HashMap<String, i64>, existing: &HashMap<String, Existing>) -> Vec<OrgVerdict> {
    let mut seen = HashSet::new();
    lines
        .iter()
        .map(|l| {
            let mut problems = Vec::new();
            let key = l.name.trim().to_lowercase();
            if key.is_empty() {
                problems.push("missing_name");
            } else if l.name.chars().count() > va_openapi::MAX_NAME_LEN || l.name.contains('\0') {
                problems.push("too_long");
            } else if !seen.insert(key.clone()) {
                problems.push("duplicate");
            }
            let kind = parse_kind(&l.kind);
            if kind.is_none() {
                problems.push("bad_kind");
            }
            let region_id = if l.region.trim().is_empty() {
                None
            } else {
                let r = regions.get(&l.region.trim().to_lowercase()).copied();
                if r.is_none() {
                    problems.push("bad_region");
                }
                r
            };
            if kind.is_some_and(needs_region) && l.region.trim().is_empty() {
                problems.push("region_required");
            }
            let action = if !problems.is_empty() {
                Action::Skipped
            } else {
                match existing.get(&key) {
                    None => Action::New,
                    Some(e) if Some(e.kind) == kind && e.region_id == region_id => Action::Unchanged,
                    Some(_) => Action::Changed,
                }
            };
            OrgVerdict { kind, region_id, action, problems }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn line(n: u32, name: &str, kind: &str, region: &str) -> OrgLine {
        OrgLine { line: n, name: name.into(), kind: kind.into(), region: region.into() }
    }

    fn regions() -> HashMap<String, i64> {
        [("noord", 1), ("noord-limburg", 1), ("zuid", 3)].into_iter().map(|(k, v)| (k.to_string(), v)).collect()
    }

    #[test]
    fn a_group_decided_in_the_autumn_is_paid_from_next_year() {
        let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
        assert_eq!(budget_year_of_next_round(d(2026, 12, 2)), 2027);
        assert_eq!(budget_year_of_next_round(d(2027, 2, 1)), 2027);
        assert_eq!(budget_year_of_next_round(d(2027, 9, 1)), 2028);
    }

    #[test]
    fn a_group_status_follows_its_days() {
        let d = |m, day| chrono::NaiveDate::from_ymd_opt(2027, m, day).unwrap();
        let (first, last) = (d(3, 9), d(4, 20));
        assert_eq!(group_status("open", first, last, false, d(3, 8)), GroupStatus::Open);
        assert_eq!(group_status("planned", first, last, false, d(1, 1)), GroupStatus::Planned);
        assert_eq!(group_status("open", first, last, false, d(3, 9)), GroupStatus::Running);
        assert_eq!(group_status("planned", first, last, false, d(4, 20)), GroupStatus::Running);
        assert_eq!(group_status("open", first, last, false, d(4, 21)), GroupStatus::Completed);
        assert_eq!(group_status("open", first, last, true, d(4, 20)), GroupStatus::Completed);
        assert_eq!(group_status("cancelled", first, last, false, d(3, 20)), GroupStatus::Cancelled);
        assert_eq!(group_status("completed", first, last, false, d(1, 1)), GroupStatus::Completed);
    }

    #[test]
    fn each_line_gets_its_verdict() {
        let existing: HashMap<String, Existing> = [
            ("venlo".to_string(), Existing { kind: OrganisationKind::Municipality, region_id: Some(1) }),
            ("xonar".to_string(), Existing { kind: OrganisationKind::CareProvider, region_id: None }),
        ]
        .into_iter()
        .collect();
        let v = judge(
            &[
                line(2, "Gemeente Beesel", "gemeente", "Noord-Limburg"),
                line(3, "Venlo", "municipality", "noord"),
                line(4, "Xonar", "gi", ""),
                line(5, "", "gi", ""),
                line(6, "Nieuw", "school", "west"),
                line(7, "Gemeente Beesel", "gemeente", "noord"),
                line(8, "CJG Zuid", "cjg", ""),
            ],
            &regions(),
            &existing,
        );
        assert_eq!(v[0].action, Action::New);
        assert_eq!(v[0].region_id, Some(1));
        assert_eq!(v[1].action, Action::Unchanged);
        assert_eq!(v[2].action, Action::Changed);
        assert_eq!(v[3].problems, vec!["missing_name"]);
        assert_eq!(v[4].problems, vec!["bad_kind", "bad_region"]);
        assert_eq!(v[5].problems, vec!["duplicate"]);
        assert_eq!(v[6].problems, vec!["region_required"]);
        assert!(v[3..].iter().all(|v| v.action == Action::Skipped));
    }

    proptest! {
        /// A group's status never goes back as the days pass: planned/open, running, completed.
        #[test]
        fn group_status_only_moves_forward(open in any::<bool>(), start in 0i64..60, len in 0i64..60, from in 0i64..150, step in 0i64..30) {
            let base = chrono::NaiveDate::from_ymd_opt(2027, 1, 1).unwrap();
            let (first, last) = (base + chrono::Duration::days(start), base + chrono::Duration::days(start + len));
            let rank = |s: GroupStatus| match s { GroupStatus::Planned | GroupStatus::Open => 0, GroupStatus::Running => 1, _ => 2 };
            let stored = if open { "open" } else { "planned" };
            let a = group_status(stored, first, last, false, base + chrono::Duration::days(from));
            let b = group_status(stored, first, last, false, base + chrono::Duration::days(from + step));
            prop_assert!(rank(a) <= rank(b));
        }

        /// A line is skipped exactly when it has a problem, and a name is new at most once.
        #[test]
        fn skipped_iff_problems(names in prop::collection::vec("[a-c]{0,2}", 0..12), kinds in prop::collection::vec(prop::sample::select(vec!["gi", "gemeente", "x"]), 12)) {
            let lines: Vec<OrgLine> = names.iter().zip(&kinds).enumerate().map(|(i, (n, k))| line(i as u32 + 2, n, k, "zuid")).collect();
            let v = judge(&lines, &regions(), &HashMap::new());
            for x in &v {
                prop_assert_eq!(x.action == Action::Skipped, !x.problems.is_empty());
            }
            let new: Vec<String> = lines.iter().zip(&v).filter(|(_, x)| x.action == Action::New).map(|(l, _)| l.name.to_lowercase()).collect();
            let unique: HashSet<&String> = new.iter().collect();
            prop_assert_eq!(unique.len(), new.len());
        }
    }
}

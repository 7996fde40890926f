//! Pure monitoring arithmetic: figures summed over organisations, the monthly
//! trend, snapshot comparison, and the checks of an import row. No IO.

use chrono::{Datelike, NaiveDate};
use std::collections::{HashMap, HashSet};
use va_openapi::monitoring::{ComparedFigure, Dashboard, Figures, ImportAction};

/// A survey answer's figures (submitted answers only).
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct SurveyFacts {
    pub still_to_train: i32,
    pub doing_vas: i32,
    pub vas_done: i32,
    pub hours_needed: f64,
    pub hours_available: f64,
}

/// What is known of one organisation.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct OrgFacts {
    pub organisation_id: i64,
    pub region_id: Option<i64>,
    pub trained_programme: i32,
    pub trained_earlier: i32,
    pub placed: i32,
    pub waiting: i32,
    pub followed_up: i32,
    pub survey: Option<SurveyFacts>,
}

fn pct(part: i32, whole: i32) -> Option<f64> {
    (whole > 0).then(|| (f64::from(part) * 1000.0 / f64::from(whole)).round() / 10.0)
}

fn add_opt<T: std::ops::Add<Output = T> + Copy>(a: Option<T>, b: T) -> Option<T> {
    Some(a.map_or(b, |a| a + b))
}

/// Figures of a set of organisations. Survey figures sum the organisations
/// that answered (none when none did); coverage is trained / (trained + still
/// to train) over all of them, follow-up coverage is of the programme-trained.
pub fn sum<'a>(facts: impl IntoIterator<Item = &'a OrgFacts>) -> Figures {
    let mut f = Figures::default();
    for o in facts {
        f.organisations += 1;
        f.trained_programme += o.trained_programme;
        f.trained_earlier += o.trained_earlier;
        f.placed += o.placed;
        f.waiting += o.waiting;
        f.followed_up += o.followed_up;
        if let Some(s) = o.survey {
            f.surveyed += 1;
            f.still_to_train = add_opt(f.still_to_train, s.still_to_train);
            f.doing_vas = add_opt(f.doing_vas, s.doing_vas);
            f.vas_done = add_opt(f.vas_done, s.vas_done);
            f.hours_needed = add_opt(f.hours_needed, s.hours_needed);
            f.hours_available = add_opt(f.hours_available, s.hours_available);
        }
    }
    f.trained = f.trained_programme + f.trained_earlier;
    f.coverage_pct = f.still_to_train.and_then(|s| pct(f.trained, f.trained + s));
    f.followup_coverage_pct = pct(f.followed_up, f.trained_programme);
    f
}

/// Cumulative trained at the end of each month from `from`'s month to `today`'s:
/// `earlier` counts from the start, programme completions from their date.
pub fn trend(from: NaiveDate, today: NaiveDate, earlier: i32, trained_on: &[NaiveDate]) -> Vec<(NaiveDate, i32, i32)> {
    let mut dates = trained_on.to_vec();
    dates.sort_unstable();
    let mut out = Vec::new();
    let mut month = NaiveDate::from_ymd_opt(from.year(), from.month(), 1);
    let mut done = 0usize;
    while let Some(m) = month {
        if m > today {
            break;
        }
        let next = if m.month() == 12 { NaiveDate::from_ymd_opt(m.year() + 1, 1, 1) } else { NaiveDate::from_ymd_opt(m.year(), m.month() + 1, 1) };
        let end = next.unwrap_or(NaiveDate::MAX);
        while done < dates.len() && dates[done] < end {
            done += 1;
        }
        let programme = i32::try_from(done).unwrap_or(i32::MAX);
        out.push((m, programme, programme + earlier));
        month = next;
    }
    out
}

fn figure(f: &Figures, name: &str) -> Option<f64> {
    match name {
        "trained" => Some(f64::from(f.trained)),
        "placed" => Some(f64::from(f.placed)),
        "waiting" => Some(f64::from(f.waiting)),
        "still_to_train" => f.still_to_train.map(f64::from),
        "coverage_pct" => f.coverage_pct,
        "vas_done" => f.vas_done.map(f64::from),
        "followed_up" => Some(f64::from(f.followed_up)),
        _ => None,
    }
}

/// Total first, then each region of `after` (regions only in `before` too).
pub fn compare(before: Option<&Dashboard>, after: &Dashboard) -> Vec<ComparedFigure> {
    let region_figs = |d: &Dashboard| -> Vec<(String, Figures)> {
        d.regions.iter().map(|r| (va_openapi::monitoring::region_label(r.region.as_ref()), r.figures.clone())).collect()
    };
    let mut scopes: Vec<(String, Option<Figures>, Option<Figures>)> =
        vec![("Totaal".into(), before.map(|b| b.total.clone()), Some(after.total.clone()))];
    let old: HashMap<String, Figures> = before.map(region_figs).unwrap_or_default().into_iter().collect();
    let mut seen = HashSet::new();
    for (name, f) in region_figs(after) {
        seen.insert(name.clone());
        scopes.push((name.clone(), old.get(&name).cloned(), Some(f)));
    }
    for (name, f) in before.map(region_figs).unwrap_or_default() {
        if !seen.contains(&name) {
            scopes.push((name, Some(f), None));
        }
    }
    let mut out = Vec::new();
    for (scope, b, a) in scopes {
        for name in va_openapi::monitoring::COMPARED_FIGURES {
            let before = b.as_ref().and_then(|f| figure(f, name));
            let after = a.as_ref().and_then(|f| figure(f, name));
            let change = match (before, after) {
                (Some(x), Some(y)) => Some(((y - x) * 10.0).round() / 10.0),
                _ => None,
            };
            out.push(ComparedFigure { scope: scope.clone(), figure: name.into(), before, after, change });
        }
    }
    out
}

/// One row of an import file, as read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawRow {
    pub line: i32,
    pub name: String,
    pub email: String,
    pub organisation: String,
    pub function: String,
    pub trained_on: String,
}

/// What the database knows about an email address: (organisation, trained before?).
pub type Known = HashMap<String, (i64, bool)>;

/// The verdict on one row: organisation, parsed date, action and problems.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verdict {
    pub organisation_id: Option<i64>,
    pub trained_on: Option<NaiveDate>,
    pub action: ImportAction,
    pub problems: Vec<&'static str>,
}

/// A date as dd-mm-jjjj (also d-m-jjjj, with `/` or `.`), or ISO jjjj-mm-dd.
pub fn parse_date(s: &str) -> Option<NaiveDate> {
    let parts: Vec<&str> = s.trim().split(['-', '/', '.']).collect();
    let [a, m, b] = parts.as_slice() else { return None };
    // A four-digit year first is ISO; otherwise the year comes last.
    let (y, d) = match (a.len(), b.len()) {
        (4, 1..=2) => (a, b),
        (1..=2, 4) => (b, a),
        _ => return None,
    };
    NaiveDate::from_ymd_opt(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?)
}

/// Checks every row in file order: a later row with an email seen earlier in
/// the file is a duplicate; an email known in another organisation is refused.
pub fn judge(rows: &[RawRow], orgs: &HashMap<String, i64>, known: &Known, today: NaiveDate) -> Vec<Verdict> {
    let mut seen = HashSet::new();
    rows.iter()
        .map(|r| {
            let mut problems = Vec::new();
            if r.name.trim().is_empty() {
                problems.push("missing_name");
            }
            let email = r.email.trim().to_lowercase();
            if !crate::error::validate::is_plausible_email(&email) {
                problems.push("bad_email");
            }
            let organisation_id = orgs.get(&r.organisation.trim().to_lowercase()).copied();
            if organisation_id.is_none() {
                problems.push("unknown_organisation");
            }
            let trained_on = parse_date(&r.trained_on);
            match trained_on {
                None => problems.push("bad_date"),
                Some(d) if d > today => problems.push("date_in_future"),
                Some(_) => {}
            }
            if !email.is_empty() && !seen.insert(email.clone()) {
                problems.push("duplicate");
            }
            let existing = known.get(&email);
            if let (Some((org, _)), Some(want)) = (existing, organisation_id) {
                if *org != want {
                    problems.push("other_organisation");
                }
            }
            let action = if !problems.is_empty() {
                ImportAction::Reject
            } else {
                match existing {
                    None => ImportAction::Create,
                    Some((_, false)) => ImportAction::Mark,
                    Some((_, true)) => ImportAction::Unchanged,
                }
            };
            Verdict { organisation_id, trained_on, action, problems }
        })
        .collect()
}

/// The columns of an import file by their (Dutch or English) header names.
pub fn columns(header: &[String]) -> Result<[Option<usize>; 5], Vec<&'static str>> {
    let find = |names: &[&str]| header.iter().position(|h| names.contains(&h.trim().to_lowercase().as_str()));
    let cols = [
        find(&["naam", "name"]),
        find(&["e-mail", "email", "e-mailadres", "emailadres"]),
        find(&["organisatie", "organisation", "organization"]),
        find(&["functie", "function"]),
        find(&["getraind op", "getraind", "datum training", "trained on", "trained_on"]),
    ];
    let mut missing = Vec::new();
    for (i, label) in ["naam", "e-mail", "organisatie", "", "getraind op"].iter().enumerate() {
        if !label.is_empty() && cols[i].is_none() {
            missing.push(*label);
        }
    }
    if missing.is_empty() {
        Ok(cols)
    } else {
        Err(missing)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("date")
    }

    fn org(id: i64, region: Option<i64>, trained: i32, earlier: i32, survey: Option<SurveyFacts>) -> OrgFacts {
        OrgFacts { organisation_id: id, region_id: region, trained_programme: trained, trained_earlier: earlier, placed: 1, waiting: 2, followed_up: trained / 2, survey }
    }

    #[test]
    fn sums_with_survey_figures_of_those_who_answered() {
        let s = SurveyFacts { still_to_train: 6, doing_vas: 5, vas_done: 40, hours_needed: 12.5, hours_available: 8.0 };
        let f = sum(&[org(1, Some(1), 4, 2, Some(s)), org(2, Some(1), 2, 0, None)]);
        assert_eq!((f.trained_programme, f.trained_earlier, f.trained), (6, 2, 8));
        assert_eq!((f.placed, f.waiting, f.followed_up), (2, 4, 3));
        assert_eq!(f.still_to_train, Some(6));
        assert_eq!(f.coverage_pct, Some(57.1)); // 8 / 14
        assert_eq!(f.followup_coverage_pct, Some(50.0)); // 3 / 6
        assert_eq!((f.surveyed, f.organisations), (1, 2));
        assert_eq!(f.hours_needed, Some(12.5));
    }

    #[test]
    fn without_answers_survey_figures_stay_empty() {
        let f = sum(&[org(1, None, 0, 0, None)]);
        assert_eq!((f.still_to_train, f.coverage_pct, f.followup_coverage_pct, f.vas_done), (None, None, None, None));
    }

    #[test]
    fn trend_counts_completions_by_month() {
        let t = trend(d(2026, 3, 15), d(2026, 6, 2), 10, &[d(2026, 4, 14), d(2026, 4, 30), d(2026, 5, 1)]);
        let got: Vec<(u32, i32, i32)> = t.iter().map(|(m, p, all)| (m.month(), *p, *all)).collect();
        assert_eq!(got, vec![(3, 0, 10), (4, 2, 12), (5, 3, 13), (6, 3, 13)]);
    }

    #[test]
    fn dates_read_dutch_and_iso() {
        assert_eq!(parse_date("03-11-2025"), Some(d(2025, 11, 3)));
        assert_eq!(parse_date("3/11/2025"), Some(d(2025, 11, 3)));
        assert_eq!(parse_date("2025-11-03"), Some(d(2025, 11, 3)));
        assert_eq!(parse_date("31-02-2025"), None);
        assert_eq!(parse_date("03-11-25"), None);
        assert_eq!(parse_date(""), None);
    }

    fn raw(line: i32, name: &str, email: &str, org: &str, date: &str) -> RawRow {
        RawRow { line, name: name.into(), email: email.into(), organisation: org.into(), function: String::new(), trained_on: date.into() }
    }

    #[test]
    fn judges_each_row() {
        let orgs: HashMap<String, i64> = [("venlo".to_string(), 1), ("weert".to_string(), 2)].into_iter().collect();
        let known: Known = [("a@x.nl".to_string(), (1, false)), ("b@x.nl".to_string(), (1, true)), ("c@x.nl".to_string(), (2, false))].into_iter().collect();
        let rows = vec![
            raw(2, "Nieuw", "n@x.nl", "Venlo", "01-02-2025"),
            raw(3, "Bekend", "A@x.nl", "venlo", "01-02-2025"),
            raw(4, "Al gedaan", "b@x.nl", "Venlo", "01-02-2025"),
            raw(5, "Elders", "c@x.nl", "Venlo", "01-02-2025"),
            raw(6, "", "geen-mail", "Atlantis", "morgen"),
            raw(7, "Dubbel", "n@x.nl", "Venlo", "01-02-2025"),
            raw(8, "Toekomst", "t@x.nl", "Weert", "01-02-2027"),
        ];
        let v = judge(&rows, &orgs, &known, d(2026, 11, 23));
        let actions: Vec<ImportAction> = v.iter().map(|x| x.action).collect();
        use ImportAction::*;
        assert_eq!(actions, vec![Create, Mark, Unchanged, Reject, Reject, Reject, Reject]);
        assert_eq!(v[3].problems, vec!["other_organisation"]);
        assert_eq!(v[4].problems, vec!["missing_name", "bad_email", "unknown_organisation", "bad_date"]);
        assert_eq!(v[5].problems, vec!["duplicate"]);
        assert_eq!(v[6].problems, vec!["date_in_future"]);
    }

    #[test]
    fn header_needs_the_required_columns() {
        let h = |s: &str| s.split(';').map(String::from).collect::<Vec<_>>();
        assert_eq!(columns(&h("Naam;E-mail;Organisatie;Functie;Getraind op")), Ok([Some(0), Some(1), Some(2), Some(3), Some(4)]));
        assert_eq!(columns(&h("email;name;organisation;trained on")), Ok([Some(1), Some(0), Some(2), None, Some(3)]));
        assert_eq!(columns(&h("naam;organisatie")), Err(vec!["e-mail", "getraind op"]));
    }

    fn dash(total_trained: i32, regions: &[(&str, i32)]) -> Dashboard {
        use va_openapi::monitoring::RegionFigures;
        let fig = |t: i32| Figures { trained: t, ..Default::default() };
        Dashboard {
            generated_at: chrono::DateTime::<chrono::Utc>::MIN_UTC,
            programme: None,
            survey_year: None,
            total: fig(total_trained),
            regions: regions
                .iter()
                .enumerate()
                .map(|(i, (n, t))| RegionFigures {
                    region: Some(va_openapi::auth::NamedRef { id: va_openapi::RegionId(i as i64), name: (*n).into() }),
                    figures: fig(*t),
                    organisations: vec![],
                    detail: false,
                })
                .collect(),
            trend: vec![],
            budgets: vec![],
        }
    }

    #[test]
    fn compares_with_the_previous_snapshot() {
        let before = dash(10, &[("Noord", 4), ("Oud", 1)]);
        let after = dash(15, &[("Noord", 7), ("Zuid", 3)]);
        let c = compare(Some(&before), &after);
        let trained = |scope: &str| c.iter().find(|x| x.scope == scope && x.figure == "trained").map(|x| (x.before, x.after, x.change));
        assert_eq!(trained("Totaal"), Some((Some(10.0), Some(15.0), Some(5.0))));
        assert_eq!(trained("Noord"), Some((Some(4.0), Some(7.0), Some(3.0))));
        assert_eq!(trained("Zuid"), Some((None, Some(3.0), None)));
        assert_eq!(trained("Oud"), Some((Some(1.0), None, None)));
        // Without a previous snapshot there is nothing to compare with.
        assert!(compare(None, &after).iter().all(|x| x.before.is_none() && x.change.is_none()));
    }

    proptest! {
        #[test]
        fn region_figures_add_up_to_the_total(
            orgs in proptest::collection::vec((0i64..3, 0i32..30, 0i32..30, 0i32..10, 0i32..10, proptest::option::of(0i32..40)), 0..40)
        ) {
            let facts: Vec<OrgFacts> = orgs.iter().enumerate().map(|(i, (r, t, e, p, w, s))| OrgFacts {
                organisation_id: i as i64, region_id: Some(*r), trained_programme: *t, trained_earlier: *e, placed: *p, waiting: *w,
                followed_up: t / 3, survey: s.map(|s| SurveyFacts { still_to_train: s, ..Default::default() }),
            }).collect();
            let total = sum(&facts);
            let parts: Vec<Figures> = (0..3).map(|r| sum(facts.iter().filter(|f| f.region_id == Some(r)))).collect();
            prop_assert_eq!(parts.iter().map(|f| f.trained).sum::<i32>(), total.trained);
            prop_assert_eq!(parts.iter().map(|f| f.waiting).sum::<i32>(), total.waiting);
            prop_assert_eq!(parts.iter().filter_map(|f| f.still_to_train).sum::<i32>(), total.still_to_train.unwrap_or(0));
            if let Some(c) = total.coverage_pct { prop_assert!((0.0..=100.0).contains(&c)); }
        }

        #[test]
        fn trend_never_falls_and_ends_at_the_count(days in proptest::collection::vec(0i64..600, 0..50), earlier in 0i32..100) {
            let start = d(2026, 1, 1);
            let today = d(2027, 8, 1);
            let dates: Vec<NaiveDate> = days.iter().map(|x| start + chrono::Duration::days(*x)).filter(|x| *x <= today).collect();
            let t = trend(start, today, earlier, &dates);
            prop_assert!(t.windows(2).all(|w| w[0].2 <= w[1].2));
            prop_assert_eq!(t.last().map(|x| x.1), Some(dates.len() as i32));
        }
    }
}

//! Pure capacity planning: per region, demand (still to train, waiting, new
//! staff from turnover) against supply (free seats in planned groups and a
//! scenario's extra groups); the groups still needed, when they can start
//! (BEL decides three times a year) and whether their cost fits the budget.
//! No IO.

use chrono::{Datelike, NaiveDate};

/// What one region needs and has.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RegionInput {
    pub region_id: Option<i64>,
    /// Professionals who still have to be trained (monitoring), not yet enrolled.
    pub still_to_train: i64,
    /// Approved professionals waiting for a seat.
    pub waiting: i64,
    /// Trained professionals doing VAs: the base on which turnover brings new staff.
    pub trained_staff: i64,
    /// Free seats in groups already planned for the region (not started).
    pub free_seats: i64,
}

/// The knobs of a scenario.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Scenario {
    pub group_size: i64,
    pub cost_per_group_eur: i64,
    pub cost_per_trainer_day_eur: i64,
    pub trainer_days_per_group: i64,
    /// Yearly staff turnover in per mille (120 = 12 % a year); each leaver is replaced by someone to train.
    pub turnover_per_mille: i64,
    /// Extra groups the scenario adds, per region (`region_id`, groups).
    pub extra_groups: Vec<(Option<i64>, i64)>,
}

/// The plan of one region.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RegionPlan {
    pub region_id: Option<i64>,
    pub demand: i64,
    pub new_staff: i64,
    pub supply: i64,
    /// Demand not covered by the supply (0 when covered).
    pub shortfall: i64,
    /// Groups still needed beyond the scenario's extra groups.
    pub groups_needed: i64,
    /// Start months of the scenario's extra groups and the needed groups, spread over the decision rounds.
    pub starts: Vec<NaiveDate>,
}

/// One budget year: the groups that start in it, their cost and that year's budget left.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct YearFit {
    pub year: i32,
    pub groups: i64,
    pub cost_eur: i64,
    pub remaining_eur: i64,
    pub fits: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Plan {
    pub regions: Vec<RegionPlan>,
    /// Extra groups in the scenario plus groups still needed.
    pub groups_to_fund: i64,
    pub cost_eur: i64,
    pub budget_left_eur: i64,
    /// Every year's groups fit that year's budget.
    pub fits: bool,
    /// How much is missing over the years that do not fit (0 when all fit).
    pub missing_eur: i64,
    /// Per budget year, by the year a group starts in.
    pub years: Vec<YearFit>,
}

pub use crate::reference::rules::{rounds, ROUND_MONTHS};

/// Whole years (rounded up, at least 0) between `today` and `until`, for turnover.
fn years_left(today: NaiveDate, until: NaiveDate) -> i64 {
    let days = (until - today).num_days().max(0);
    (days + 364) / 365
}

fn cost_of_group(s: &Scenario) -> i64 {
    s.cost_per_group_eur.max(0) + s.cost_per_trainer_day_eur.max(0) * s.trainer_days_per_group.max(0)
}

/// The plan for `regions` under scenario `s`, from `today` to `until`; each
/// group is paid from the budget left in the year it starts (`budget_by_year`).
pub fn plan(regions: &[RegionInput], s: &Scenario, today: NaiveDate, until: NaiveDate, budget_by_year: &std::collections::BTreeMap<i32, i64>) -> Plan {
    let size = s.group_size.max(1);
    let years = years_left(today, until);
    let slots = rounds(today, until);
    let mut out = Vec::with_capacity(regions.len());
    let mut extra_total = 0;
    let mut needed_total = 0;
    for r in regions {
        let extra: i64 = s.extra_groups.iter().filter(|(id, _)| *id == r.region_id).map(|(_, n)| (*n).max(0)).sum();
        // Leavers each year are replaced by people who still need the training (rounded up).
        let new_staff = (r.trained_staff.max(0) * s.turnover_per_mille.max(0) * years + 999) / 1000;
        let demand = r.still_to_train.max(0) + r.waiting.max(0) + new_staff;
        let supply = r.free_seats.max(0) + extra * size;
        let shortfall = (demand - supply).max(0);
        let groups_needed = (shortfall + size - 1) / size;
        // Spread the groups over the rounds, earliest first; without rounds left, none can start.
        let starts = (0..extra + groups_needed).filter_map(|i| slots.get(usize::try_from(i).ok()? % slots.len().max(1)).copied()).collect();
        extra_total += extra;
        needed_total += groups_needed;
        out.push(RegionPlan { region_id: r.region_id, demand, new_staff, supply, shortfall, groups_needed, starts });
    }
    let groups_to_fund = extra_total + needed_total;
    let cost_eur = groups_to_fund * cost_of_group(s);
    // Groups by the year they start; those without a round left count in the last year.
    let mut per_year: std::collections::BTreeMap<i32, i64> = budget_by_year.keys().map(|y| (*y, 0)).collect();
    let dated: i64 = out.iter().map(|r| r.starts.len() as i64).sum();
    for start in out.iter().flat_map(|r| &r.starts) {
        *per_year.entry(start.year()).or_default() += 1;
    }
    if groups_to_fund > dated {
        *per_year.entry(until.year()).or_default() += groups_to_fund - dated;
    }
    let years: Vec<YearFit> = per_year
        .into_iter()
        .map(|(year, groups)| {
            let remaining_eur = budget_by_year.get(&year).copied().unwrap_or(0);
            let cost = groups * cost_of_group(s);
            YearFit { year, groups, cost_eur: cost, remaining_eur, fits: cost <= remaining_eur }
        })
        .collect();
    let missing_eur = years.iter().map(|y| (y.cost_eur - y.remaining_eur).max(0)).sum();
    let budget_left_eur = budget_by_year.values().sum();
    Plan { regions: out, groups_to_fund, cost_eur, budget_left_eur, fits: years.iter().all(|y| y.fits), missing_eur, years }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("date")
    }

    fn budget(pairs: &[(i32, i64)]) -> std::collections::BTreeMap<i32, i64> {
        pairs.iter().copied().collect()
    }

    fn scenario() -> Scenario {
        Scenario {
            group_size: 16,
            cost_per_group_eur: 4000,
            cost_per_trainer_day_eur: 1100,
            trainer_days_per_group: 8,
            turnover_per_mille: 100,
            extra_groups: vec![],
        }
    }

    #[test]
    fn rounds_are_january_may_september_after_today() {
        assert_eq!(rounds(d(2026, 11, 23), d(2027, 12, 31)), vec![d(2027, 1, 1), d(2027, 5, 1), d(2027, 9, 1)]);
        assert!(rounds(d(2027, 10, 1), d(2027, 12, 31)).is_empty());
    }

    #[test]
    fn a_region_short_of_seats_needs_groups_and_the_cost_is_checked_against_the_budget() {
        // Noord: 30 to train + 12 waiting + 10 % of 40 trained for 2 years (8) = 50; 14 free seats.
        let noord = RegionInput { region_id: Some(1), still_to_train: 30, waiting: 12, trained_staff: 40, free_seats: 14 };
        let p = plan(&[noord.clone()], &scenario(), d(2026, 11, 23), d(2027, 12, 31), &budget(&[(2026, 0), (2027, 30_000)]));
        let r = &p.regions[0];
        assert_eq!((r.new_staff, r.demand, r.supply, r.shortfall, r.groups_needed), (8, 50, 14, 36, 3));
        assert_eq!(r.starts, vec![d(2027, 1, 1), d(2027, 5, 1), d(2027, 9, 1)]);
        // 3 groups x (4,000 + 8 x 1,100) = 38,400 against 30,000: 8,400 missing.
        assert_eq!((p.groups_to_fund, p.cost_eur, p.fits, p.missing_eur), (3, 38_400, false, 8_400));
        // An extra group in the scenario covers 16 seats: two more are still needed, all three funded.
        let mut s = scenario();
        s.extra_groups = vec![(Some(1), 1)];
        let p = plan(&[noord.clone()], &s, d(2026, 11, 23), d(2027, 12, 31), &budget(&[(2026, 0), (2027, 38_400)]));
        assert_eq!((p.regions[0].groups_needed, p.groups_to_fund, p.fits, p.missing_eur), (2, 3, true, 0));
        // Money left in 2026 does not pay for groups that start in 2027.
        let p = plan(&[noord], &s, d(2026, 11, 23), d(2027, 12, 31), &budget(&[(2026, 38_400), (2027, 0)]));
        assert_eq!((p.fits, p.missing_eur, p.budget_left_eur), (false, 38_400, 38_400));
        assert_eq!(p.years.iter().map(|y| (y.year, y.groups, y.fits)).collect::<Vec<_>>(), vec![(2026, 0, true), (2027, 3, false)]);
    }

    #[test]
    fn covered_demand_needs_nothing() {
        let zuid = RegionInput { region_id: Some(3), still_to_train: 5, waiting: 0, trained_staff: 0, free_seats: 20 };
        let p = plan(&[zuid], &scenario(), d(2026, 11, 23), d(2027, 12, 31), &budget(&[(2027, 0)]));
        assert_eq!((p.regions[0].shortfall, p.groups_to_fund, p.cost_eur, p.fits), (0, 0, 0, true));
    }

    fn region() -> impl Strategy<Value = RegionInput> {
        (0i64..400, 0i64..100, 0i64..500, 0i64..64).prop_map(|(t, w, s, f)| RegionInput {
            region_id: Some(1),
            still_to_train: t,
            waiting: w,
            trained_staff: s,
            free_seats: f,
        })
    }

    proptest! {
        #[test]
        fn more_demand_never_needs_fewer_groups(r in region(), more in 0i64..200, which in 0usize..3, size in 8i64..20, turnover in 0i64..300) {
            let s = Scenario { group_size: size, turnover_per_mille: turnover, ..scenario() };
            let mut bigger = r.clone();
            match which {
                0 => bigger.still_to_train += more,
                1 => bigger.waiting += more,
                _ => bigger.trained_staff += more,
            }
            let (today, until) = (d(2026, 11, 23), d(2027, 12, 31));
            let a = plan(&[r], &s, today, until, &budget(&[(2027, 100_000)]));
            let b = plan(&[bigger], &s, today, until, &budget(&[(2027, 100_000)]));
            prop_assert!(b.groups_to_fund >= a.groups_to_fund);
            prop_assert!(b.cost_eur >= a.cost_eur);
        }

        #[test]
        fn more_budget_never_fits_less(r in region(), money in 0i64..300_000, more in 0i64..300_000) {
            let (today, until) = (d(2026, 11, 23), d(2027, 12, 31));
            let a = plan(&[r.clone()], &scenario(), today, until, &budget(&[(2027, money)]));
            let b = plan(&[r], &scenario(), today, until, &budget(&[(2027, money + more)]));
            prop_assert!(!a.fits || b.fits);
            prop_assert!(b.missing_eur <= a.missing_eur);
        }

        /// The years' costs add up to the whole cost, and all fit exactly when the plan fits.
        #[test]
        fn the_years_add_up(r in region(), a in 0i64..80_000, b in 0i64..80_000) {
            let p = plan(&[r], &scenario(), d(2026, 11, 23), d(2027, 12, 31), &budget(&[(2026, a), (2027, b)]));
            prop_assert_eq!(p.years.iter().map(|y| y.cost_eur).sum::<i64>(), p.cost_eur);
            prop_assert_eq!(p.fits, p.years.iter().all(|y| y.fits));
            prop_assert_eq!(p.fits, p.missing_eur == 0);
        }

        #[test]
        fn the_supply_after_the_plan_covers_the_demand(r in region(), size in 1i64..20) {
            let s = Scenario { group_size: size, ..scenario() };
            let p = plan(&[r], &s, d(2026, 11, 23), d(2027, 12, 31), &budget(&[(2027, 0)]));
            let x = &p.regions[0];
            prop_assert!(x.supply + x.groups_needed * size >= x.demand);
            // and not one group more than needed
            prop_assert!(x.groups_needed == 0 || x.supply + (x.groups_needed - 1) * size < x.demand);
            prop_assert_eq!(x.starts.len() as i64, x.groups_needed);
        }
    }
}

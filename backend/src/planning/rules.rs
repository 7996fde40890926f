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
    /// Start months of the needed groups, spread over the decision rounds.
    pub starts: Vec<NaiveDate>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Plan {
    pub regions: Vec<RegionPlan>,
    /// Extra groups in the scenario plus groups still needed.
    pub groups_to_fund: i64,
    pub cost_eur: i64,
    pub budget_left_eur: i64,
    pub fits: bool,
    /// How much is missing when it does not fit (0 when it fits).
    pub missing_eur: i64,
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

/// Whole years (rounded up, at least 0) between `today` and `until`, for turnover.
fn years_left(today: NaiveDate, until: NaiveDate) -> i64 {
    let days = (until - today).num_days().max(0);
    (days + 364) / 365
}

fn cost_of_group(s: &Scenario) -> i64 {
    s.cost_per_group_eur.max(0) + s.cost_per_trainer_day_eur.max(0) * s.trainer_days_per_group.max(0)
}

/// The plan for `regions` under scenario `s`, from `today` to `until`, with `budget_left_eur`.
pub fn plan(regions: &[RegionInput], s: &Scenario, today: NaiveDate, until: NaiveDate, budget_left_eur: i64) -> Plan {
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
        // Spread the needed groups over the rounds, earliest first; without rounds left, none can start.
        let starts = (0..groups_needed).filter_map(|i| slots.get(usize::try_from(i).ok()? % slots.len().max(1)).copied()).collect();
        extra_total += extra;
        needed_total += groups_needed;
        out.push(RegionPlan { region_id: r.region_id, demand, new_staff, supply, shortfall, groups_needed, starts });
    }
    let groups_to_fund = extra_total + needed_total;
    let cost_eur = groups_to_fund * cost_of_group(s);
    let fits = cost_eur <= budget_left_eur;
    Plan { regions: out, groups_to_fund, cost_eur, budget_left_eur, fits, missing_eur: (cost_eur - budget_left_eur).max(0) }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("date")
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
        let p = plan(&[noord.clone()], &scenario(), d(2026, 11, 23), d(2027, 12, 31), 30_000);
        let r = &p.regions[0];
        assert_eq!((r.new_staff, r.demand, r.supply, r.shortfall, r.groups_needed), (8, 50, 14, 36, 3));
        assert_eq!(r.starts, vec![d(2027, 1, 1), d(2027, 5, 1), d(2027, 9, 1)]);
        // 3 groups x (4,000 + 8 x 1,100) = 38,400 against 30,000: 8,400 missing.
        assert_eq!((p.groups_to_fund, p.cost_eur, p.fits, p.missing_eur), (3, 38_400, false, 8_400));
        // An extra group in the scenario covers 16 seats: two more are still needed, all three funded.
        let mut s = scenario();
        s.extra_groups = vec![(Some(1), 1)];
        let p = plan(&[noord], &s, d(2026, 11, 23), d(2027, 12, 31), 38_400);
        assert_eq!((p.regions[0].groups_needed, p.groups_to_fund, p.fits, p.missing_eur), (2, 3, true, 0));
    }

    #[test]
    fn covered_demand_needs_nothing() {
        let zuid = RegionInput { region_id: Some(3), still_to_train: 5, waiting: 0, trained_staff: 0, free_seats: 20 };
        let p = plan(&[zuid], &scenario(), d(2026, 11, 23), d(2027, 12, 31), 0);
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
            let a = plan(&[r], &s, today, until, 100_000);
            let b = plan(&[bigger], &s, today, until, 100_000);
            prop_assert!(b.groups_to_fund >= a.groups_to_fund);
            prop_assert!(b.cost_eur >= a.cost_eur);
        }

        #[test]
        fn more_budget_never_fits_less(r in region(), budget in 0i64..300_000, more in 0i64..300_000) {
            let (today, until) = (d(2026, 11, 23), d(2027, 12, 31));
            let a = plan(&[r.clone()], &scenario(), today, until, budget);
            let b = plan(&[r], &scenario(), today, until, budget + more);
            prop_assert!(!a.fits || b.fits);
            prop_assert!(b.missing_eur <= a.missing_eur);
        }

        #[test]
        fn the_supply_after_the_plan_covers_the_demand(r in region(), size in 1i64..20) {
            let s = Scenario { group_size: size, ..scenario() };
            let p = plan(&[r], &s, d(2026, 11, 23), d(2027, 12, 31), 0);
            let x = &p.regions[0];
            prop_assert!(x.supply + x.groups_needed * size >= x.demand);
            // and not one group more than needed
            prop_assert!(x.groups_needed == 0 || x.supply + (x.groups_needed - 1) * size < x.demand);
            prop_assert_eq!(x.starts.len() as i64, x.groups_needed);
        }
    }
}

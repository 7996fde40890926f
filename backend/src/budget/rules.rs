//! The budget's rules (pure): what delivery costs (groups, their days and
//! follow-up sessions as dated amounts), how a line's spent and committed figures are
//! made, what a learning question holds on its line, which decisions are
//! allowed, and who may read or change what.

use crate::auth::Caller;
use chrono::NaiveDate;
use va_openapi::auth::Role;
use va_openapi::budget::{BudgetLine, BudgetLineKind, BudgetTotal, LearningQuestionStatus as Status, QuestionDecision};
use va_openapi::RegionId;

/// Who reads the budget figures (budget, spent, committed, remaining), on
/// every screen that shows them: BEL, whose budget it is.
pub const BUDGET_READERS: &[Role] = &[Role::BelCoordinator];

/// One amount of money on a date (a training day, a group's fixed cost, a session).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CostItem {
    /// The budget year it counts in (a group's: the year of its first day).
    pub year: i32,
    pub on: NaiveDate,
    pub eur: i64,
    /// Held: money spent. Not held and not cancelled: committed.
    pub held: bool,
    pub cancelled: bool,
}

/// (spent, committed) of the items in `year`; cancelled items cost nothing.
pub fn sum_costs(items: &[CostItem], year: i32) -> (i64, i64) {
    items.iter().filter(|c| !c.cancelled && c.year == year).fold((0, 0), |(s, c), i| {
        if i.held {
            (s + i.eur, c)
        } else {
            (s, c + i.eur)
        }
    })
}


/// A group's trainer-day money spread over its `days` planned days: each day
/// its share, the remainder on the first, so the shares add up to the total.
pub fn day_shares(total: i64, days: usize) -> Vec<i64> {
    if days == 0 {
        return Vec::new();
    }
    let n = i64::try_from(days).unwrap_or(i64::MAX);
    let share = total / n;
    let mut out = vec![share; days];
    out[0] += total - share * n;
    out
}


/// Does `cost` fit what is left of a line once `used` (spent plus committed)
/// is taken off? (remaining, fits, missing). A year without a budget has nothing left.
pub fn fit(cost: i64, budget: Option<i64>, used: i64) -> (i64, bool, i64) {
    let remaining = budget.unwrap_or(0) - used;
    let fits = budget.is_some() && cost <= remaining;
    let missing = if fits { 0 } else { (cost - remaining.max(0)).max(0) };
    (remaining, fits, missing)
}

/// Who reads learning questions: BEL and the ambassadors (the network shares them).
pub const QUESTION_READERS: [Role; 2] = [Role::BelCoordinator, Role::Ambassador];

/// Money booked on a line: due on `on`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Booking {
    pub question: Option<i64>,
    pub eur: i64,
    pub on: NaiveDate,
}

/// (spent, committed) of bookings: spent once their day has come.
pub fn split(bookings: impl IntoIterator<Item = Booking>, today: NaiveDate) -> (i64, i64) {
    bookings.into_iter().fold((0, 0), |(s, c), b| if b.on <= today { (s.saturating_add(b.eur), c) } else { (s, c.saturating_add(b.eur)) })
}

/// (spent, committed) of one learning question on its line. A funded question
/// holds its whole budget: what is booked and due is spent, the rest (at least
/// what is booked to come) committed. A closed one keeps what was booked and
/// frees the rest; proposed and declined ones hold nothing.
pub fn question_figures(status: Status, budget_eur: i64, bookings: &[Booking], today: NaiveDate) -> (i64, i64) {
    let (spent, to_come) = split(bookings.iter().copied(), today);
    match status {
        Status::Funded => (spent, budget_eur.saturating_sub(spent).max(to_come)),
        Status::Closed => (spent, to_come),
        Status::Proposed | Status::Declined => (0, 0),
    }
}

/// A line with its remaining money.
pub fn line(kind: BudgetLineKind, budget_eur: i64, (spent_eur, committed_eur): (i64, i64)) -> BudgetLine {
    BudgetLine { line: kind, budget_eur, spent_eur, committed_eur, remaining_eur: budget_eur.saturating_sub(spent_eur).saturating_sub(committed_eur) }
}

/// The lines together.
pub fn total(lines: &[BudgetLine]) -> BudgetTotal {
    let sum = |f: fn(&BudgetLine) -> i64| lines.iter().map(f).fold(0i64, i64::saturating_add);
    BudgetTotal { budget_eur: sum(|l| l.budget_eur), spent_eur: sum(|l| l.spent_eur), committed_eur: sum(|l| l.committed_eur), remaining_eur: sum(|l| l.remaining_eur) }
}

/// The status a decision leads to, or None when it is not allowed from `from`.
pub fn decide(from: Status, decision: QuestionDecision) -> Option<Status> {
    match (from, decision) {
        (Status::Proposed, QuestionDecision::Fund) => Some(Status::Funded),
        (Status::Proposed, QuestionDecision::Decline) => Some(Status::Declined),
        (Status::Funded, QuestionDecision::Close) => Some(Status::Closed),
        _ => None,
    }
}

/// Money a change adds to its line: the new amount held less what was held.
/// A funded question holds its budget (or what is booked, when more); a
/// proposed one holds nothing yet.
pub fn added_to_line(status: Status, old_eur: i64, new_eur: i64) -> i64 {
    match status {
        Status::Funded => new_eur.saturating_sub(old_eur).max(0),
        _ => 0,
    }
}

/// BEL changes a question until it is declined or closed; an ambassador their
/// region's while it is proposed.
pub fn may_edit(caller: &Caller, region: Option<RegionId>, status: Status) -> bool {
    match caller.role {
        Role::BelCoordinator => matches!(status, Status::Proposed | Status::Funded),
        Role::Ambassador => status == Status::Proposed && region.is_some() && caller.region() == region,
        _ => false,
    }
}

/// BEL decides (after consulting the ambassadors on the regions' questions).
pub fn may_decide(caller: &Caller) -> bool {
    caller.role == Role::BelCoordinator
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn a_session_fits_what_is_left_of_the_line_or_names_what_is_missing() {
        assert_eq!(fit(1_500, Some(115_000), 100_000).2, 0);
        assert_eq!(fit(1_500, Some(115_000), 113_500).2, 0, "exactly what is left");
        assert_eq!(fit(1_500, Some(115_000), 114_000).2, 500);
        assert_eq!(fit(1_500, Some(115_000), 120_000).2, 1_500, "an overrun line misses all of it");
        assert_eq!(fit(0, Some(0), 10).2, 0, "nothing costs nothing");
    }

    fn dy(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap_or(NaiveDate::MIN)
    }

    #[test]
    fn costs_split_spent_and_committed_and_skip_cancelled_and_other_years() {
        let items = [
            CostItem { year: 2026, on: dy(2026, 11, 2), eur: 4000, held: true, cancelled: false },
            CostItem { year: 2026, on: dy(2026, 12, 1), eur: 1100, held: false, cancelled: false },
            CostItem { year: 2026, on: dy(2026, 12, 8), eur: 1100, held: false, cancelled: true },
            // A group that started in 2026 counts there, also for its days in 2027.
            CostItem { year: 2026, on: dy(2027, 1, 12), eur: 1100, held: false, cancelled: false },
            CostItem { year: 2027, on: dy(2027, 1, 5), eur: 450, held: false, cancelled: false },
        ];
        assert_eq!(sum_costs(&items, 2026), (4000, 2200));
        assert_eq!(sum_costs(&items, 2027), (0, 450));
        assert_eq!(sum_costs(&items, 2025), (0, 0));
    }

    #[test]
    fn day_shares_put_the_remainder_on_the_first_day() {
        assert_eq!(day_shares(8800, 4), vec![2200; 4]);
        assert_eq!(day_shares(1000, 3), vec![334, 333, 333]);
        assert!(day_shares(1000, 0).is_empty());
    }



    fn d(day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 6, day).unwrap_or(NaiveDate::MIN)
    }

    fn b(eur: i64, day: u32) -> Booking {
        Booking { question: Some(1), eur, on: d(day) }
    }

    #[test]
    fn a_funded_question_holds_its_budget_and_spends_what_is_due() {
        let today = d(15);
        assert_eq!(question_figures(Status::Funded, 35_000, &[], today), (0, 35_000));
        assert_eq!(question_figures(Status::Funded, 35_000, &[b(10_000, 1), b(5_000, 20)], today), (10_000, 25_000));
        // Booked beyond its budget (it was lowered): what is to come stays committed.
        assert_eq!(question_figures(Status::Funded, 8_000, &[b(10_000, 1), b(5_000, 20)], today), (10_000, 5_000));
        assert_eq!(question_figures(Status::Closed, 35_000, &[b(10_000, 1)], today), (10_000, 0), "closing frees the rest");
        assert_eq!(question_figures(Status::Proposed, 35_000, &[], today), (0, 0));
        assert_eq!(question_figures(Status::Declined, 35_000, &[], today), (0, 0));
    }

    #[test]
    fn lines_and_their_total() {
        let l = [line(BudgetLineKind::Training, 115_000, (40_000, 50_000)), line(BudgetLineKind::Other, 25_000, (30_000, 0))];
        assert_eq!(l[0].remaining_eur, 25_000);
        assert_eq!(l[1].remaining_eur, -5_000, "an overrun line shows as negative");
        let t = total(&l);
        assert_eq!((t.budget_eur, t.spent_eur, t.committed_eur, t.remaining_eur), (140_000, 70_000, 50_000, 20_000));
    }

    #[test]
    fn only_the_plans_decisions() {
        assert_eq!(decide(Status::Proposed, QuestionDecision::Fund), Some(Status::Funded));
        assert_eq!(decide(Status::Proposed, QuestionDecision::Decline), Some(Status::Declined));
        assert_eq!(decide(Status::Funded, QuestionDecision::Close), Some(Status::Closed));
        for s in [Status::Funded, Status::Declined, Status::Closed] {
            assert_eq!(decide(s, QuestionDecision::Fund), None, "{s:?} cannot be funded again");
        }
        assert_eq!(decide(Status::Proposed, QuestionDecision::Close), None);
        assert_eq!(decide(Status::Funded, QuestionDecision::Decline), None);
    }

    #[test]
    fn only_a_funded_question_adds_to_its_line() {
        assert_eq!(added_to_line(Status::Funded, 10_000, 12_000), 2_000);
        assert_eq!(added_to_line(Status::Funded, 10_000, 8_000), 0);
        assert_eq!(added_to_line(Status::Proposed, 0, 50_000), 0);
    }

    proptest! {
        #[test]
        fn what_fits_never_takes_the_line_over(eur in 0i64..50_000, budget in 0i64..200_000, used in 0i64..250_000) {
            let (_, fits, m) = fit(eur, Some(budget), used);
            prop_assert!((0..=eur).contains(&m));
            if m == 0 {
                prop_assert!(used + eur <= budget || eur == 0);
            } else {
                prop_assert!(!fits);
                prop_assert_eq!(m, eur - (budget - used).max(0));
            }
        }

        #[test]
        fn shares_always_add_up(total in 0i64..1_000_000, days in 1usize..20) {
            let s = day_shares(total, days);
            prop_assert_eq!(s.len(), days);
            prop_assert_eq!(s.iter().sum::<i64>(), total);
            prop_assert!(s.iter().all(|x| *x >= 0));
        }

        #[test]
        fn spent_plus_committed_is_every_uncancelled_item_of_the_year(
            items in prop::collection::vec((0u32..730, 0i64..10_000, any::<bool>(), any::<bool>()), 0..50)
        ) {
            let items: Vec<CostItem> = items.into_iter().map(|(o, eur, held, cancelled)| {
                let on = dy(2026, 1, 1) + chrono::Days::new(u64::from(o));
                CostItem { year: chrono::Datelike::year(&on), on, eur, held, cancelled }
            }).collect();
            let total: i64 = items.iter().filter(|c| !c.cancelled).map(|c| c.eur).sum();
            let (s26, c26) = sum_costs(&items, 2026);
            let (s27, c27) = sum_costs(&items, 2027);
            prop_assert_eq!(s26 + c26 + s27 + c27, total);
        }


        #[test]
        fn spent_and_committed_add_up_to_what_is_booked(amounts in proptest::collection::vec((0i64..100_000, 1u32..29), 0..20), today in 1u32..29) {
            let bookings: Vec<Booking> = amounts.iter().map(|(e, day)| b(*e, *day)).collect();
            let (s, c) = split(bookings.iter().copied(), d(today));
            prop_assert_eq!(s + c, amounts.iter().map(|(e, _)| e).sum::<i64>());
        }

        #[test]
        fn a_funded_question_never_holds_less_than_its_budget_or_its_bookings(budget in 0i64..1_000_000, amounts in proptest::collection::vec((0i64..100_000, 1u32..29), 0..20), today in 1u32..29) {
            let bookings: Vec<Booking> = amounts.iter().map(|(e, day)| b(*e, *day)).collect();
            let (s, c) = question_figures(Status::Funded, budget, &bookings, d(today));
            let booked: i64 = amounts.iter().map(|(e, _)| e).sum();
            prop_assert!(s + c >= budget);
            prop_assert!(s + c >= booked);
            // Closing never holds more than staying funded.
            let (s2, c2) = question_figures(Status::Closed, budget, &bookings, d(today));
            prop_assert!(s2 + c2 <= s + c);
        }
    }
}

//! What delivery costs against the year's training budget: each group's fixed
//! cost (on its first day) and trainer-day money (spread over its days), and
//! every follow-up session at its kind's price. Held is spent; planned is
//! committed; cancelled costs nothing.

use super::rules::{self, CostItem};
use crate::auth::Caller;
use crate::entities::{budget, followup_session, programme, training_day, training_group};
use crate::error::AppResult;
use crate::state::AppState;
use chrono::{Datelike, NaiveDate};
use sea_orm::{ConnectionTrait, EntityTrait};
use std::collections::HashMap;
use va_openapi::auth::Role;
use va_openapi::followup::{CostLine, CostOverview, FollowupKind};

const KINDS: [(&str, &str); 5] = [
    ("groups", "Trainingsgroepen (vaste kosten)"),
    ("training_days", "Trainersdagen"),
    ("supervision", "Supervisie"),
    ("coaching", "Coaching on the job"),
    ("deepening", "Verdiepingsbijeenkomsten"),
];

/// Every cost item with its kind.
pub async fn items<C: ConnectionTrait>(db: &C, today: NaiveDate) -> AppResult<Vec<(&'static str, CostItem)>> {
    let progs: HashMap<i64, programme::Model> = programme::Entity::find().all(db).await?.into_iter().map(|p| (p.id, p)).collect();
    let mut days: HashMap<i64, Vec<training_day::Model>> = HashMap::new();
    for d in training_day::Entity::find().all(db).await? {
        days.entry(d.group_id).or_default().push(d);
    }
    let mut out = Vec::new();
    for g in training_group::Entity::find().all(db).await? {
        let Some(p) = progs.get(&g.programme_id) else { continue };
        let mut mine = days.remove(&g.id).unwrap_or_default();
        mine.sort_by_key(|d| (d.day, d.id));
        let first = mine.first().map(|d| d.day).unwrap_or(g.starts_on);
        let year = first.year();
        let group_cancelled = g.status == "cancelled";
        out.push(("groups", CostItem { year, on: first, eur: p.cost_per_group_eur, held: first <= today, cancelled: group_cancelled }));
        let trainer_money = p.cost_per_trainer_day_eur.saturating_mul(i64::from(p.trainer_days_per_group.max(0)));
        if mine.is_empty() {
            out.push(("training_days", CostItem { year, on: first, eur: trainer_money, held: first <= today, cancelled: group_cancelled }));
            continue;
        }
        for (d, eur) in mine.iter().zip(rules::day_shares(trainer_money, mine.len())) {
            let cancelled = group_cancelled || d.status == "cancelled";
            out.push(("training_days", CostItem { year, on: d.day, eur, held: d.day <= today, cancelled }));
        }
    }
    for s in followup_session::Entity::find().all(db).await? {
        let kind = FollowupKind::parse(&s.kind).map(FollowupKind::as_str).unwrap_or("supervision");
        out.push((kind, CostItem { year: s.day.year(), on: s.day, eur: s.cost_eur, held: s.status == "held", cancelled: s.status == "cancelled" }));
    }
    Ok(out)
}

/// (spent, committed, groups) of a year.
pub async fn year_totals<C: ConnectionTrait>(db: &C, year: i32, today: NaiveDate) -> AppResult<(i64, i64, i32)> {
    let all = items(db, today).await?;
    let plain: Vec<CostItem> = all.iter().map(|(_, c)| *c).collect();
    let (spent, committed) = rules::sum_costs(&plain, year);
    let groups = all.iter().filter(|(k, c)| *k == "groups" && c.year == year && !c.cancelled).count();
    Ok((spent, committed, i32::try_from(groups).unwrap_or(i32::MAX)))
}

/// BEL's money view of a year, per kind.
pub async fn overview(state: &AppState, caller: &Caller, year: i32) -> AppResult<CostOverview> {
    caller.require(&[Role::BelCoordinator])?;
    let db = &state.db;
    let all = items(db, state.settings.clock.today()).await?;
    let lines: Vec<CostLine> = KINDS
        .iter()
        .map(|(kind, label)| {
            let mine: Vec<CostItem> = all.iter().filter(|(k, _)| k == kind).map(|(_, c)| *c).collect();
            let (spent, committed) = rules::sum_costs(&mine, year);
            let count = mine.iter().filter(|c| c.year == year && !c.cancelled).count();
            CostLine { kind: (*kind).into(), label: (*label).into(), count: i32::try_from(count).unwrap_or(i32::MAX), spent_eur: spent, committed_eur: committed }
        })
        .collect();
    let spent: i64 = lines.iter().map(|l| l.spent_eur).sum();
    let committed: i64 = lines.iter().map(|l| l.committed_eur).sum();
    let budget = budget::Entity::find_by_id(year).one(db).await?.map(|b| b.training_eur);
    Ok(CostOverview { year, budget_eur: budget, spent_eur: spent, committed_eur: committed, remaining_eur: budget.unwrap_or(0) - spent - committed, lines })
}

/// Price of one session of `kind` under the programme's settings.
pub fn session_price(p: &programme::Model, kind: FollowupKind) -> i64 {
    match kind {
        FollowupKind::Supervision => p.supervision_session_eur,
        FollowupKind::Coaching => p.coaching_session_eur,
        FollowupKind::Deepening => p.deepening_session_eur,
    }
}

//! Extra-group proposals and the yearly training budget.
//!
//! When the waiting entries (overall or of one region) reach the programme's
//! threshold, BEL gets a proposal with the cost of a group and what is left of
//! the year's budget. Approving creates the group and offers its seats in list
//! order; a group that does not fit the budget is refused.

use super::offers::{self, Ctx};
use super::rules;
use crate::auth::Caller;
use crate::db::write_txn;
use crate::email;
use crate::reference::lookup::{active_users, names, professionals_of};
use crate::entities::{budget, extra_group_proposal as proposal, organisation, programme, training_day, training_group, user};
use crate::error::{validate::Errors, AppError, AppResult};
use crate::state::AppState;
use chrono::{DateTime, Datelike, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set};
use std::collections::{HashMap, HashSet};
use va_openapi::auth::{NamedRef, Role};
use va_openapi::waitlist::*;
use va_openapi::*;

const MAX_GROUP_SIZE: i32 = 16;

fn cost_of(p: &programme::Model) -> i64 {
    rules::group_cost(p.cost_per_group_eur, p.cost_per_trainer_day_eur, p.trainer_days_per_group)
}

/// Money of the year spent plus committed (budget_year's two figures together):
/// groups (not cancelled) and follow-up sessions. The sum does not depend on
/// today, only its split does.
pub async fn used<C: ConnectionTrait>(db: &C, year: i32) -> AppResult<(i64, i32)> {
    let (spent, committed, groups) = crate::budget::costs::year_totals(db, year, chrono::NaiveDate::MIN).await?;
    Ok((spent + committed, groups))
}

async fn budget_of<C: ConnectionTrait>(db: &C, year: i32) -> AppResult<Option<i64>> {
    Ok(budget::Entity::find_by_id(year).one(db).await?.map(|b| b.training_eur))
}

/// Waiting entries by region (none: GIs and care providers); entries with an
/// open offer hold a seat already and do not count.
pub async fn waiting_by_region<C: ConnectionTrait>(db: &C, programme_id: i64) -> AppResult<HashMap<Option<i64>, i32>> {
    let offered: HashSet<i64> = crate::entities::seat_hold::Entity::find()
        .filter(crate::entities::seat_hold::Column::Kind.eq(super::offers::OFFER))
        .filter(crate::entities::seat_hold::Column::Status.eq("open"))
        .all(db)
        .await?
        .into_iter()
        .map(|h| h.enrolment_id)
        .collect();
    let rows: Vec<_> = super::service::waiting(db, programme_id).await?.into_iter().filter(|e| !offered.contains(&e.id)).collect();
    let profs = professionals_of(db, &rows).await?;
    let orgs: HashMap<i64, Option<i64>> = organisation::Entity::find().all(db).await?.into_iter().map(|o| (o.id, o.region_id)).collect();
    let mut out: HashMap<Option<i64>, i32> = HashMap::new();
    for e in &rows {
        let region = profs.get(&e.professional_id).and_then(|p| orgs.get(&p.organisation_id).copied().flatten());
        *out.entry(region).or_default() += 1;
    }
    Ok(out)
}

/// Makes the proposals that are due for every programme; returns how many.
pub async fn refresh(state: &AppState) -> AppResult<usize> {
    let mut made = 0;
    for p in programme::Entity::find().all(&state.db).await? {
        let now = state.settings.clock.now();
        let public_url = state.settings.public_url.trim_end_matches('/').to_string();
        made += write_txn(state, move |txn| {
            Box::pin(async move {
                // Serialises refreshes of one programme (the row lock on PostgreSQL; SQLite's writer).
                crate::db::lock_row::<programme::Entity, _>(txn, programme::Column::Id, p.id).await?;
                let all = proposal::Entity::find().filter(proposal::Column::ProgrammeId.eq(p.id)).order_by_asc(proposal::Column::Id).all(txn).await?;
                let open: HashSet<Option<i64>> = all.iter().filter(|x| x.status == "open").map(|x| x.scope_region_id).collect();
                // The level a scope must grow past after a decision: what the
                // decision saw, less the seats of a group it opened.
                let mut last: HashMap<Option<i64>, i32> = HashMap::new();
                for x in all.iter().filter(|x| x.status != "open") {
                    let seats = match x.group_id {
                        Some(g) => training_group::Entity::find_by_id(g).one(txn).await?.map(|g| g.capacity).unwrap_or(0),
                        None => 0,
                    };
                    last.insert(x.scope_region_id, x.waiting_at_decision.unwrap_or(x.waiting_count) - seats);
                }
                let waiting = waiting_by_region(txn, p.id).await?;
                let due = rules::proposals_due(&waiting, p.extra_group_threshold, &open, &last);
                let n = names(txn).await?;
                let cost = cost_of(&p);
                // Paid from the year the group can start in: the next decision round's.
                let year = crate::reference::rules::budget_year_of_next_round(crate::clock::local_date(now));
                let (used, _) = used(txn, year).await?;
                let (_, fits, missing) = rules::fit(cost, budget_of(txn, year).await?, used);
                for scope in &due {
                    let (region, size) = rules::suggestion(*scope, &waiting, MAX_GROUP_SIZE);
                    let count = rules::waiting_in(&waiting, *scope);
                    let row = proposal::ActiveModel {
                        programme_id: Set(p.id),
                        scope_region_id: Set(*scope),
                        status: Set("open".into()),
                        waiting_count: Set(count),
                        suggested_region_id: Set(region),
                        suggested_size: Set(size),
                        cost_eur: Set(cost),
                        budget_year: Set(year),
                        created_at: Set(now),
                        decided_at: Set(None),
                        decided_by: Set(None),
                        decision_reason: Set(None),
                        group_id: Set(None),
                        ..Default::default()
                    }
                    .insert(txn)
                    .await?;
                    crate::audit::record(txn, None, "waitlist.proposal_made", &format!("proposal:{}", row.id), Some(format!("{count} waiting"))).await?;
                    let scope_name = n.region(*scope).map(|r| r.name).unwrap_or_else(|| "hele wachtlijst".into());
                    for bel in active_users(Role::BelCoordinator).all(txn).await? {
                        let link = format!("{public_url}/bel/wachtlijst");
                        email::enqueue(txn, super::notify::proposal(&bel, &scope_name, count, cost, fits, missing, &link)).await?;
                    }
                }
                Ok(due.len())
            })
        })
        .await?;
    }
    if made > 0 {
        state.mail_notify.notify_one();
        tracing::info!(proposals = made, "extra-group proposals made");
    }
    Ok(made)
}

async fn view<C: ConnectionTrait>(db: &C, x: proposal::Model, waiting: &HashMap<Option<i64>, i32>, n: &crate::reference::lookup::Names, today: chrono::NaiveDate) -> AppResult<ProposalView> {
    // The year's figures are the budget year's own (budget_year), as on every screen.
    let year = crate::budget::lines::budget_year(db, x.budget_year, today).await?;
    // An approved group is in the year's figures already; its own cost must not count twice.
    let used_before = year.spent_eur + year.committed_eur - if x.group_id.is_some() { x.cost_eur } else { 0 };
    let (_, fits, missing) = rules::fit(x.cost_eur, year.training_eur, used_before);
    let group = match x.group_id {
        Some(g) => training_group::Entity::find_by_id(g).one(db).await?.map(|g| NamedRef { id: GroupId(g.id), name: g.name }),
        None => None,
    };
    Ok(ProposalView {
        id: ProposalId(x.id),
        scope_region: n.region(x.scope_region_id),
        status: ProposalStatus::parse(&x.status).unwrap_or(ProposalStatus::Declined),
        waiting_count: x.waiting_count,
        waiting_now: rules::waiting_in(waiting, x.scope_region_id),
        suggested_region: n.region(x.suggested_region_id),
        suggested_size: x.suggested_size,
        cost_eur: x.cost_eur,
        budget_year: x.budget_year,
        budget_eur: year.training_eur,
        spent_eur: year.spent_eur,
        committed_eur: year.committed_eur,
        remaining_eur: year.remaining_eur,
        fits,
        missing_eur: missing,
        created_at: x.created_at,
        decided_at: x.decided_at,
        decision_reason: x.decision_reason,
        group,
    })
}

/// A programme's proposals, newest first.
pub async fn views(state: &AppState, programme_id: i64) -> AppResult<Vec<ProposalView>> {
    let db = &state.db;
    let today = state.settings.clock.today();
    let waiting = waiting_by_region(db, programme_id).await?;
    let n = names(db).await?;
    let mut out = Vec::new();
    for x in proposal::Entity::find().filter(proposal::Column::ProgrammeId.eq(programme_id)).order_by_desc(proposal::Column::Id).all(db).await? {
        out.push(view(db, x, &waiting, &n, today).await?);
    }
    Ok(out)
}

pub async fn one(state: &AppState, id: i64) -> AppResult<ProposalView> {
    let x = proposal::Entity::find_by_id(id).one(&state.db).await?.ok_or(AppError::NotFound)?;
    let waiting = waiting_by_region(&state.db, x.programme_id).await?;
    view(&state.db, x, &waiting, &names(&state.db).await?, state.settings.clock.today()).await
}

async fn open_proposal<C: ConnectionTrait>(db: &C, id: i64) -> AppResult<proposal::Model> {
    let x = proposal::Entity::find_by_id(id).one(db).await?.ok_or(AppError::NotFound)?;
    if x.status != "open" {
        return Err(AppError::conflict(ErrorCode::InvalidTransition, format!("this proposal is {}", x.status)));
    }
    Ok(x)
}

/// Open to `status`, only if nobody decided meanwhile.
async fn decide<C: ConnectionTrait>(
    db: &C,
    x: &proposal::Model,
    status: &str,
    now: DateTime<Utc>,
    actor: UserId,
    extra: impl FnOnce(sea_orm::UpdateMany<proposal::Entity>) -> sea_orm::UpdateMany<proposal::Entity>,
) -> AppResult<()> {
    // What the decision saw: a new proposal for the scope needs the list to grow past it.
    let seen = rules::waiting_in(&waiting_by_region(db, x.programme_id).await?, x.scope_region_id);
    let q = proposal::Entity::update_many()
        .col_expr(proposal::Column::Status, Expr::value(status))
        .col_expr(proposal::Column::WaitingAtDecision, Expr::value(Some(seen)))
        .col_expr(proposal::Column::DecidedAt, Expr::value(Some(now)))
        .col_expr(proposal::Column::DecidedBy, Expr::value(Some(actor.0)));
    let res = extra(q).filter(proposal::Column::Id.eq(x.id)).filter(proposal::Column::Status.eq("open")).exec(db).await?;
    if res.rows_affected != 1 {
        return Err(AppError::conflict(ErrorCode::InvalidTransition, "the proposal was decided meanwhile"));
    }
    Ok(())
}

/// BEL approves: the group is created with its days, and its seats are offered in list order.
pub async fn approve(state: &AppState, caller: &Caller, id: ProposalId, input: ApproveProposal) -> AppResult<ProposalView> {
    caller.require(&[Role::BelCoordinator])?;
    let today = state.settings.clock.today();
    let mut errs = Errors::default();
    let name = errs.opt_text("name", input.name.as_deref(), MAX_NAME_LEN);
    if !(1..=40).contains(&input.capacity) {
        errs.add("capacity", "out_of_range", "between 1 and 40 seats");
    }
    if input.days.is_empty() || input.days.len() > 20 {
        errs.add("days", "required", "between 1 and 20 training days");
    }
    let mut days = Vec::new();
    for (i, d) in input.days.iter().enumerate() {
        if d.day <= today {
            errs.add(&format!("days[{i}].day"), "not_in_future", "a training day after today");
        }
        errs.times(&format!("days[{i}]."), &d.starts_at, &d.ends_at);
        let place = errs.text(&format!("days[{i}].place"), &d.place, MAX_NAME_LEN);
        days.push((d.day, d.starts_at.clone(), d.ends_at.clone(), place));
    }
    if let Some(t) = input.trainer_id {
        let ok = user::Entity::find_by_id(t.0).one(&state.db).await?.is_some_and(|u| u.role == Role::Trainer.as_str() && u.active);
        if !ok {
            errs.add("trainer_id", "unknown", "an active trainer");
        }
    }
    errs.finish()?;
    days.sort();
    let ctx = Ctx::of(state);
    let actor = caller.user_id;
    write_txn(state, move |txn| {
        Box::pin(async move {
            let x = open_proposal(txn, id.0).await?;
            let p = programme::Entity::find_by_id(x.programme_id).one(txn).await?.ok_or(AppError::NotFound)?;
            let (first, last) = match (days.first(), days.last()) {
                (Some(f), Some(l)) => (f.0, l.0),
                _ => return Err(AppError::field("days", "required", "at least one training day")),
            };
            let year = first.year();
            let (used, _) = used(txn, year).await?;
            let (_, fits, missing) = rules::fit(x.cost_eur, budget_of(txn, year).await?, used);
            if !fits {
                return Err(AppError::conflict(ErrorCode::OverBudget, format!("the group does not fit the training budget of {year}: EUR {missing} is missing")));
            }
            let n = names(txn).await?;
            let count = proposal::Entity::find().filter(proposal::Column::ProgrammeId.eq(p.id)).filter(proposal::Column::Status.eq("approved")).all(txn).await?.len() + 1;
            let default_name = format!("Extra groep {count} - {}", n.region(x.suggested_region_id).map(|r| r.name).unwrap_or_else(|| "bovenregionaal".into()));
            let name = name.unwrap_or(default_name);
            if training_group::Entity::find().filter(training_group::Column::ProgrammeId.eq(p.id)).filter(training_group::Column::Name.eq(name.clone())).one(txn).await?.is_some() {
                return Err(AppError::AlreadyExists { field: "name" });
            }
            let g = training_group::ActiveModel {
                programme_id: Set(p.id),
                name: Set(name),
                region_id: Set(x.suggested_region_id),
                capacity: Set(input.capacity),
                seats_taken: Set(0),
                seats_held: Set(0),
                trainer_id: Set(input.trainer_id.map(|t| t.0)),
                quota_released_at: Set(None),
                status: Set("open".into()),
                starts_on: Set(first),
                ends_on: Set(last),
                ..Default::default()
            }
            .insert(txn)
            .await?;
            for (day, starts, ends, place) in days {
                training_day::ActiveModel { group_id: Set(g.id), day: Set(day), starts_at: Set(starts), ends_at: Set(ends), place: Set(place), sequence: Set(0), ..Default::default() }
                    .insert(txn)
                    .await?;
            }
            let group_id = g.id;
            decide(txn, &x, "approved", ctx.now, actor, |q| q.col_expr(proposal::Column::GroupId, Expr::value(Some(group_id)))).await?;
            crate::audit::record(txn, Some(actor), "waitlist.proposal_approved", &format!("proposal:{}", x.id), Some(format!("group {}", g.id))).await?;
            offers::offer_seats(txn, &ctx, g.id, g.capacity, x.scope_region_id).await?;
            Ok(())
        })
    })
    .await?;
    state.mail_notify.notify_one();
    one(state, id.0).await
}

/// BEL declines with a reason; a new proposal comes only when the list grows again.
pub async fn decline(state: &AppState, caller: &Caller, id: ProposalId, input: DeclineProposal) -> AppResult<ProposalView> {
    caller.require(&[Role::BelCoordinator])?;
    let mut errs = Errors::default();
    let reason = errs.text("reason", &input.reason, 2000);
    errs.finish()?;
    let now = state.settings.clock.now();
    let actor = caller.user_id;
    write_txn(state, move |txn| {
        Box::pin(async move {
            let x = open_proposal(txn, id.0).await?;
            let why = reason.clone();
            decide(txn, &x, "declined", now, actor, |q| q.col_expr(proposal::Column::DecisionReason, Expr::value(Some(why)))).await?;
            crate::audit::record(txn, Some(actor), "waitlist.proposal_declined", &format!("proposal:{}", x.id), Some(reason)).await?;
            Ok(())
        })
    })
    .await?;
    one(state, id.0).await
}

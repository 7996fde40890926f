//! BEL plans training groups: create one with its days, change it (capacity
//! never below its participants; more seats go to the waiting list), assign its
//! trainer, cancel it with a reason (participants back on the list, everyone told).

use super::{notify, rules};
use crate::auth::Caller;
use crate::db::write_txn;
use crate::email;
use crate::entities::{attendance, enrolment, programme, training_day, training_group, user};
use crate::error::{validate::Errors, AppError, AppResult};
use crate::reference::lookup::{group_status, professionals_of};
use crate::reference::service::to_group;
pub(super) use crate::training::service::sync_dates;
use crate::roster::rules::{transition, Event};
use crate::roster::store::{illegal, record_event, set_status, status_of, Timeline};
use crate::state::AppState;
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseTransaction, EntityTrait, QueryFilter, QueryOrder, Set};
use std::collections::HashSet;
use va_openapi::admin::{GroupCancel, GroupInput, GroupPlan, NewGroup, NewTrainingDay, PlannedDay};
use va_openapi::auth::{NamedRef, Role};
use va_openapi::enrolment::EnrolmentStatus;
use va_openapi::reference::GroupStatus;
use va_openapi::*;

/// Field checks of a group that need no database.
pub(super) fn check_group(errs: &mut Errors, input: &GroupInput) -> (String, String) {
    let name = errs.text("name", &input.name, MAX_NAME_LEN);
    errs.range("capacity", i64::from(input.capacity), 1, i64::from(rules::MAX_CAPACITY));
    let location = errs.opt_text("location", Some(&input.location), MAX_NAME_LEN).unwrap_or_default();
    (name, location)
}

/// Field checks of a day: times, and the date within the programme and not in the past.
pub(super) fn check_day(errs: &mut Errors, prefix: &str, d: &NewTrainingDay, p: &programme::Model, today: chrono::NaiveDate) -> String {
    let f = |name: &str| format!("{prefix}{name}");
    let place = errs.opt_text(&f("place"), Some(&d.place), MAX_NAME_LEN).unwrap_or_default();
    errs.times(prefix, &d.starts_at, &d.ends_at);
    if !rules::within(d.day, p.starts_on, p.ends_on) {
        errs.add(&f("day"), "outside_programme", format!("between {} and {}", p.starts_on, p.ends_on));
    } else if d.day < today {
        errs.add(&f("day"), "in_past", "today or later");
    }
    place
}

/// The trainer (if any) is an active trainer account, and the region exists.
pub(super) async fn check_refs<C: ConnectionTrait>(db: &C, errs: &mut Errors, field: &str, trainer: Option<UserId>, region: Option<RegionId>) -> AppResult<()> {
    if let Some(t) = trainer {
        let ok = user::Entity::find_by_id(t.0)
            .one(db)
            .await?
            .is_some_and(|u| u.role == Role::Trainer.as_str() && u.deactivated_at.is_none());
        if !ok {
            errs.add(field, "not_a_trainer", "an active trainer account");
        }
    }
    if let Some(r) = region {
        if crate::entities::region::Entity::find_by_id(r.0).one(db).await?.is_none() {
            errs.add("region_id", "unknown", "no such region");
        }
    }
    Ok(())
}

/// 409 `already_exists` when another group of the programme has this name.
async fn name_free(txn: &DatabaseTransaction, programme_id: i64, name: &str, except: Option<i64>) -> AppResult<()> {
    let all = training_group::Entity::find().filter(training_group::Column::ProgrammeId.eq(programme_id)).all(txn).await?;
    crate::reference::lookup::name_free(name, except, all.iter().map(|g| (g.id, g.name.as_str())))
}

/// A group as BEL plans it, with its days and trainers.
pub async fn plan_of<C: ConnectionTrait>(db: &C, g: training_group::Model, today: chrono::NaiveDate) -> AppResult<GroupPlan> {
    let days = crate::training::service::days_of(db, g.id).await?;
    let marked: HashSet<i64> = attendance::Entity::find()
        .filter(attendance::Column::DayId.is_in(days.iter().map(|d| d.id)))
        .all(db)
        .await?
        .into_iter()
        .map(|a| a.day_id)
        .collect();
    let ids: Vec<i64> = days.iter().filter_map(|d| d.trainer_id).chain(g.trainer_id).collect();
    let people: std::collections::HashMap<i64, String> =
        user::Entity::find().filter(user::Column::Id.is_in(ids)).all(db).await?.into_iter().map(|u| (u.id, u.name)).collect();
    let named = |id: Option<i64>| id.map(|i| NamedRef { id: UserId(i), name: people.get(&i).cloned().unwrap_or_default() });
    Ok(GroupPlan {
        trainer: named(g.trainer_id),
        open_for_placement: g.status == "open",
        cancel_reason: g.cancel_reason.clone(),
        days: days
            .iter()
            .map(|d| PlannedDay {
                id: TrainingDayId(d.id),
                day: d.day,
                starts_at: d.starts_at.clone(),
                ends_at: d.ends_at.clone(),
                place: d.place.clone(),
                cancelled: d.status == "cancelled",
                trainer: named(d.trainer_id),
                has_attendance: marked.contains(&d.id),
            })
            .collect(),
        group: to_group(g, today),
    })
}

pub async fn plan(state: &AppState, caller: &Caller, id: GroupId) -> AppResult<GroupPlan> {
    caller.require(&[Role::BelCoordinator, Role::Trainer])?;
    let (g, _) = crate::training::service::load(&state.db, caller, id.0).await?;
    plan_of(&state.db, g, state.settings.clock.today()).await
}

/// A new group with its days, planned or open for placement.
pub async fn create(state: &AppState, caller: &Caller, programme_id: ProgrammeId, input: NewGroup) -> AppResult<GroupPlan> {
    caller.require(&[Role::BelCoordinator])?;
    let p = programme::Entity::find_by_id(programme_id.0).one(&state.db).await?.ok_or(AppError::NotFound)?;
    let today = state.settings.clock.today();
    let group = input.group();
    let mut errs = Errors::default();
    let (name, location) = check_group(&mut errs, &group);
    if input.days.is_empty() {
        errs.add("days", "required", "at least one training day");
    }
    if input.days.len() > 20 {
        errs.add("days", "too_many", "at most 20 days");
    }
    let mut places = Vec::new();
    for (i, d) in input.days.iter().enumerate() {
        places.push(check_day(&mut errs, &format!("days[{i}]."), d, &p, today));
        check_refs(&state.db, &mut errs, &format!("days[{i}].trainer_id"), d.trainer_id, None).await?;
    }
    check_refs(&state.db, &mut errs, "trainer_id", group.trainer_id, group.region_id).await?;
    errs.finish()?;
    let actor = caller.user_id;
    let g = write_txn(state, move |txn| {
        Box::pin(async move {
            name_free(txn, programme_id.0, &name, None).await?;
            let first = input.days.iter().map(|d| d.day).min().unwrap_or(p.starts_on);
            let g = training_group::ActiveModel {
                programme_id: Set(programme_id.0),
                name: Set(name.clone()),
                region_id: Set(group.region_id.map(|r| r.0)),
                capacity: Set(group.capacity),
                seats_taken: Set(0),
                seats_held: Set(0),
                trainer_id: Set(group.trainer_id.map(|t| t.0)),
                status: Set(if group.open_for_placement { "open" } else { "planned" }.into()),
                starts_on: Set(first),
                ends_on: Set(first),
                location: Set(location.clone()),
                ..Default::default()
            }
            .insert(txn)
            .await?;
            for (d, place) in input.days.iter().zip(places) {
                training_day::ActiveModel {
                    group_id: Set(g.id),
                    day: Set(d.day),
                    starts_at: Set(d.starts_at.clone()),
                    ends_at: Set(d.ends_at.clone()),
                    place: Set(if place.is_empty() { location.clone() } else { place }),
                    sequence: Set(0),
                    status: Set("planned".into()),
                    trainer_id: Set(d.trainer_id.map(|t| t.0)),
                    ..Default::default()
                }
                .insert(txn)
                .await?;
            }
            sync_dates(txn, g.id).await?;
            crate::audit::record(txn, Some(actor), "group.created", &format!("group:{}", g.id), Some(name)).await?;
            training_group::Entity::find_by_id(g.id).one(txn).await?.ok_or(AppError::NotFound)
        })
    })
    .await?;
    plan_of(&state.db, g, today).await
}

/// The group, while it can still change: not completed, not cancelled (409 `group_closed`).
async fn changeable(txn: &DatabaseTransaction, id: GroupId, today: chrono::NaiveDate) -> AppResult<training_group::Model> {
    let g = training_group::Entity::find_by_id(id.0).one(txn).await?.ok_or(AppError::NotFound)?;
    if matches!(group_status(&g, today), GroupStatus::Cancelled | GroupStatus::Completed) {
        return Err(AppError::conflict(ErrorCode::GroupClosed, format!("{} is closed or cancelled", g.name)));
    }
    Ok(g)
}

/// Name, region, capacity, location, trainer and planned/open. More seats are offered to the list.
pub async fn update(state: &AppState, caller: &Caller, id: GroupId, input: GroupInput) -> AppResult<GroupPlan> {
    caller.require(&[Role::BelCoordinator])?;
    let mut errs = Errors::default();
    let (name, location) = check_group(&mut errs, &input);
    check_refs(&state.db, &mut errs, "trainer_id", input.trainer_id, input.region_id).await?;
    errs.finish()?;
    let actor = caller.user_id;
    let ctx = crate::waitlist::offers::Ctx::of(state);
    let today = ctx.today;
    let g = write_txn(state, move |txn| {
        Box::pin(async move {
            let g = changeable(txn, id, ctx.today).await?;
            name_free(txn, g.programme_id, &name, Some(g.id)).await?;
            if !rules::capacity_fits(input.capacity, g.seats_taken, g.seats_held) {
                return Err(AppError::conflict(
                    ErrorCode::CapacityTooLow,
                    format!("{} seats are taken and {} held; the capacity cannot be lower", g.seats_taken, g.seats_held),
                ));
            }
            // BEL's planned/open choice; running and completed follow from the days.
            let stored = if input.open_for_placement { "open" } else { "planned" };
            training_group::Entity::update_many()
                .col_expr(training_group::Column::Name, Expr::value(name.clone()))
                .col_expr(training_group::Column::RegionId, Expr::value(input.region_id.map(|r| r.0)))
                .col_expr(training_group::Column::Capacity, Expr::value(input.capacity))
                .col_expr(training_group::Column::Location, Expr::value(location.clone()))
                .col_expr(training_group::Column::TrainerId, Expr::value(input.trainer_id.map(|t| t.0)))
                .col_expr(training_group::Column::Status, Expr::value(stored))
                .filter(training_group::Column::Id.eq(g.id))
                .exec(txn)
                .await?;
            let more = input.capacity - g.capacity;
            if more > 0 {
                crate::waitlist::offers::offer_seats(txn, &ctx, g.id, more, g.region_id).await?;
            }
            let changes = crate::audit::Changes::new()
                .field("name", g.name.as_str(), name.as_str())
                .opt("region_id", g.region_id, input.region_id.map(|r| r.0))
                .field("capacity", g.capacity, input.capacity)
                .field("location", g.location.as_str(), location.as_str())
                .opt("trainer_id", g.trainer_id, input.trainer_id.map(|t| t.0))
                .field("status", g.status.as_str(), stored);
            crate::audit::record_change(txn, actor, "group.changed", &format!("group:{}", g.id), Some(format!("{name}, {} seats", input.capacity)), changes).await?;
            training_group::Entity::find_by_id(g.id).one(txn).await?.ok_or(AppError::NotFound)
        })
    })
    .await?;
    state.mail_notify.notify_one();
    plan_of(&state.db, g, today).await
}

/// Cancels a group that has not finished: participants go back to the waiting
/// list in their old place, open offers in it lapse, everyone is told why.
pub async fn cancel(state: &AppState, caller: &Caller, id: GroupId, input: GroupCancel) -> AppResult<GroupPlan> {
    caller.require(&[Role::BelCoordinator])?;
    let mut errs = Errors::default();
    let reason = errs.text("reason", &input.reason, 2000);
    errs.finish()?;
    let actor = caller.user_id;
    let ctx = crate::waitlist::offers::Ctx::of(state);
    let today = ctx.today;
    let g = write_txn(state, move |txn| {
        Box::pin(async move {
            let g = changeable(txn, id, ctx.today).await?;
            let placed: Vec<enrolment::Model> = enrolment::Entity::find()
                .filter(enrolment::Column::GroupId.eq(g.id))
                .filter(enrolment::Column::Status.eq(EnrolmentStatus::Placed.as_str()))
                .order_by_asc(enrolment::Column::Id)
                .all(txn)
                .await?;
            for e in &placed {
                let from = status_of(e)?;
                let to = transition(from, Event::GroupCancelled).map_err(illegal)?;
                set_status(txn, e, from, to, |q| q.col_expr(enrolment::Column::GroupId, Expr::value(Option::<i64>::None))).await?;
                record_event(txn, Timeline::of(e, "group", "group_cancelled", from, to).by(Some(actor)).reason(Some(reason.clone()))).await?;
            }
            let offered = crate::waitlist::offers::cancel_group_holds(txn, &ctx, g.id).await?;
            training_group::Entity::update_many()
                .col_expr(training_group::Column::Status, Expr::value("cancelled"))
                .col_expr(training_group::Column::CancelReason, Expr::value(Some(reason.clone())))
                .col_expr(training_group::Column::SeatsTaken, Expr::value(0))
                .filter(training_group::Column::Id.eq(g.id))
                .exec(txn)
                .await?;
            let others: Vec<enrolment::Model> = enrolment::Entity::find().filter(enrolment::Column::Id.is_in(offered)).all(txn).await?;
            let profs = professionals_of(txn, &placed.iter().chain(&others).cloned().collect::<Vec<_>>()).await?;
            for (list, was_placed) in [(&placed, true), (&others, false)] {
                for e in list {
                    if let Some(p) = profs.get(&e.professional_id) {
                        email::enqueue(txn, notify::group_cancelled(p, &g, &reason, was_placed)).await?;
                    }
                }
            }
            crate::audit::record(txn, Some(actor), "group.cancelled", &format!("group:{}", g.id), Some(format!("{reason} ({} placed, {} offers)", placed.len(), others.len())))
                .await?;
            training_group::Entity::find_by_id(g.id).one(txn).await?.ok_or(AppError::NotFound)
        })
    })
    .await?;
    state.mail_notify.notify_one();
    plan_of(&state.db, g, today).await
}

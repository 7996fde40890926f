//! BEL adds, removes and staffs training days. Participants get each change in
//! their calendar (the invitation update of `training`); moving and cancelling
//! a day are `training`'s own operations.

use super::service::{check_day, check_refs, plan_of, sync_dates};
use crate::auth::Caller;
use crate::db::write_txn;
use crate::entities::{attendance, programme, training_day, training_group};
use crate::error::{validate::Errors, AppError, AppResult};
use crate::reference::lookup::group_status;
use crate::state::AppState;
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveModelTrait, ColumnTrait, DatabaseTransaction, EntityTrait, PaginatorTrait, QueryFilter, Set};
use va_openapi::admin::{DayTrainer, GroupPlan, NewTrainingDay};
use va_openapi::auth::Role;
use va_openapi::reference::GroupStatus;
use va_openapi::*;

async fn open_group(txn: &DatabaseTransaction, id: i64, today: chrono::NaiveDate) -> AppResult<training_group::Model> {
    let g = training_group::Entity::find_by_id(id).one(txn).await?.ok_or(AppError::NotFound)?;
    if matches!(group_status(&g, today), GroupStatus::Cancelled) || g.closed_at.is_some() {
        return Err(AppError::conflict(ErrorCode::GroupClosed, format!("{} is closed or cancelled", g.name)));
    }
    Ok(g)
}

/// A new day; the participants get it as a calendar invitation.
pub async fn add(state: &AppState, caller: &Caller, group: GroupId, input: NewTrainingDay) -> AppResult<GroupPlan> {
    caller.require(&[Role::BelCoordinator])?;
    let today = state.settings.clock.today();
    let g = training_group::Entity::find_by_id(group.0).one(&state.db).await?.ok_or(AppError::NotFound)?;
    let p = programme::Entity::find_by_id(g.programme_id).one(&state.db).await?.ok_or(AppError::NotFound)?;
    let mut errs = Errors::default();
    let place = check_day(&mut errs, "", &input, &p, today);
    check_refs(&state.db, &mut errs, "trainer_id", input.trainer_id, None).await?;
    errs.finish()?;
    let actor = caller.user_id;
    let organizer = state.settings.organizer();
    let g = write_txn(state, move |txn| {
        Box::pin(async move {
            let g = open_group(txn, group.0, today).await?;
            let d = training_day::ActiveModel {
                group_id: Set(g.id),
                day: Set(input.day),
                starts_at: Set(input.starts_at.clone()),
                ends_at: Set(input.ends_at.clone()),
                place: Set(if place.is_empty() { g.location.clone() } else { place }),
                sequence: Set(0),
                status: Set("planned".into()),
                trainer_id: Set(input.trainer_id.map(|t| t.0)),
                ..Default::default()
            }
            .insert(txn)
            .await?;
            sync_dates(txn, g.id).await?;
            let told = crate::training::service::tell_participants(txn, &g, d.id, false, "Nieuwe trainingsdag / New training day", &organizer).await?;
            crate::audit::record(txn, Some(actor), "group.day_added", &format!("day:{}", d.id), Some(format!("{} ({told} told)", d.day))).await?;
            training_group::Entity::find_by_id(g.id).one(txn).await?.ok_or(AppError::NotFound)
        })
    })
    .await?;
    state.mail_notify.notify_one();
    plan_of(&state.db, g, today).await
}

/// Removes a day planned by mistake: refused once attendance was marked on it
/// (409 `has_attendance`) or when it is the group's only day (409 `last_day`).
pub async fn remove(state: &AppState, caller: &Caller, day: TrainingDayId) -> AppResult<GroupPlan> {
    caller.require(&[Role::BelCoordinator])?;
    let today = state.settings.clock.today();
    let actor = caller.user_id;
    let organizer = state.settings.organizer();
    let g = write_txn(state, move |txn| {
        Box::pin(async move {
            let d = training_day::Entity::find_by_id(day.0).one(txn).await?.ok_or(AppError::NotFound)?;
            let g = open_group(txn, d.group_id, today).await?;
            if attendance::Entity::find().filter(attendance::Column::DayId.eq(d.id)).count(txn).await? > 0 {
                return Err(AppError::conflict(ErrorCode::HasAttendance, "attendance was marked on this day; cancel it instead"));
            }
            let days = training_day::Entity::find().filter(training_day::Column::GroupId.eq(g.id)).count(txn).await?;
            if days <= 1 {
                return Err(AppError::conflict(ErrorCode::LastDay, "a group keeps at least one day; cancel the group instead"));
            }
            // Participants' calendars drop the day before the row goes.
            let told = crate::training::service::tell_participants(txn, &g, d.id, true, "De dag is uit de planning gehaald / The day was removed from the schedule", &organizer).await?;
            training_day::Entity::delete_by_id(d.id).exec(txn).await?;
            sync_dates(txn, g.id).await?;
            crate::audit::record(txn, Some(actor), "group.day_removed", &format!("day:{}", d.id), Some(format!("{} ({told} told)", d.day))).await?;
            training_group::Entity::find_by_id(g.id).one(txn).await?.ok_or(AppError::NotFound)
        })
    })
    .await?;
    state.mail_notify.notify_one();
    plan_of(&state.db, g, today).await
}

/// Who gives one day (empty: the group's trainer).
pub async fn set_trainer(state: &AppState, caller: &Caller, day: TrainingDayId, input: DayTrainer) -> AppResult<GroupPlan> {
    caller.require(&[Role::BelCoordinator])?;
    let today = state.settings.clock.today();
    let mut errs = Errors::default();
    check_refs(&state.db, &mut errs, "trainer_id", input.trainer_id, None).await?;
    errs.finish()?;
    let actor = caller.user_id;
    let g = write_txn(state, move |txn| {
        Box::pin(async move {
            let d = training_day::Entity::find_by_id(day.0).one(txn).await?.ok_or(AppError::NotFound)?;
            let g = open_group(txn, d.group_id, today).await?;
            training_day::Entity::update_many()
                .col_expr(training_day::Column::TrainerId, Expr::value(input.trainer_id.map(|t| t.0)))
                .filter(training_day::Column::Id.eq(d.id))
                .exec(txn)
                .await?;
            crate::audit::record(txn, Some(actor), "group.day_trainer", &format!("day:{}", d.id), input.trainer_id.map(|t| format!("user:{}", t.0))).await?;
            Ok(g)
        })
    })
    .await?;
    plan_of(&state.db, g, today).await
}

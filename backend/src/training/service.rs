//! Transactions of training delivery: the trainer's groups, changing and
//! cancelling days (every participant's invitation updated), attendance
//! within its window, and closing a group with the completion rule.

use super::rules::{self, Outcome, Rule};
use crate::auth::Caller;
use crate::db::write_txn;
use crate::email;
use crate::roster::notify::day_calendar;
use crate::roster::rules::{transition, Event};
use crate::roster::store::{illegal, record_event, set_status, status_of, Timeline};
use crate::reference::lookup::{names, professionals_of};
use crate::entities::{attendance, enrolment, professional, programme, training_day, training_group, user};
use crate::error::{validate::Errors, AppError, AppResult};
use crate::reference::service::to_group;
use crate::state::AppState;
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseTransaction, EntityTrait, QueryFilter, QueryOrder, Set};
use std::collections::HashMap;
use va_openapi::auth::{NamedRef, Role};
use va_openapi::enrolment::EnrolmentStatus;
use va_openapi::reference::TrainingGroup;
use va_openapi::training::*;
use va_openapi::*;

/// A group's training days in order (used by follow-up).
pub async fn days_of<C: ConnectionTrait>(db: &C, group_id: i64) -> AppResult<Vec<training_day::Model>> {
    Ok(training_day::Entity::find()
        .filter(training_day::Column::GroupId.eq(group_id))
        .order_by_asc(training_day::Column::Day)
        .order_by_asc(training_day::Column::Id)
        .all(db)
        .await?)
}

/// The days that were not cancelled.
pub fn held(days: &[training_day::Model]) -> Vec<&training_day::Model> {
    days.iter().filter(|d| d.status != "cancelled").collect()
}

/// BEL, or a trainer of the group (the group's trainer or one of a day's).
pub fn may_run(caller: &Caller, g: &training_group::Model, days: &[training_day::Model]) -> AppResult<()> {
    match caller.role {
        Role::BelCoordinator => Ok(()),
        Role::Trainer if g.trainer_id == Some(caller.user_id.0) || days.iter().any(|d| d.trainer_id == Some(caller.user_id.0)) => Ok(()),
        Role::Trainer => Err(AppError::NotFound),
        _ => Err(AppError::Forbidden),
    }
}

/// A group and its days, when the caller may run it (404 / 403 otherwise).
pub async fn load<C: ConnectionTrait>(db: &C, caller: &Caller, group_id: i64) -> AppResult<(training_group::Model, Vec<training_day::Model>)> {
    let g = training_group::Entity::find_by_id(group_id).one(db).await?.ok_or(AppError::NotFound)?;
    let days = days_of(db, g.id).await?;
    may_run(caller, &g, &days)?;
    Ok((g, days))
}

/// The groups the caller runs (BEL: all), in date order.
pub async fn my_groups(state: &AppState, caller: &Caller) -> AppResult<Vec<TrainingGroup>> {
    caller.require(&[Role::BelCoordinator, Role::Trainer])?;
    let mut out = Vec::new();
    for g in training_group::Entity::find().order_by_asc(training_group::Column::StartsOn).all(&state.db).await? {
        let days = days_of(&state.db, g.id).await?;
        if may_run(caller, &g, &days).is_ok() {
            out.push(to_group(g, state.settings.clock.today()));
        }
    }
    Ok(out)
}

fn placed_or_done(s: &str) -> bool {
    matches!(EnrolmentStatus::parse(s), Some(EnrolmentStatus::Placed | EnrolmentStatus::Trained | EnrolmentStatus::NotCompleted))
}

/// The group's participants: placed, trained or not completed.
pub async fn participants<C: ConnectionTrait>(db: &C, group_id: i64) -> AppResult<Vec<enrolment::Model>> {
    Ok(enrolment::Entity::find()
        .filter(enrolment::Column::GroupId.eq(group_id))
        .all(db)
        .await?
        .into_iter()
        .filter(|e| placed_or_done(&e.status))
        .collect())
}

pub(crate) fn rule_of(p: &programme::Model) -> Rule {
    Rule { max_excused: p.completion_max_excused, max_absent: p.completion_max_absent }
}

/// The group as its trainer sees it.
pub async fn attendance_view(state: &AppState, caller: &Caller, group_id: GroupId) -> AppResult<GroupAttendance> {
    let db = &state.db;
    let (g, days) = load(db, caller, group_id.0).await?;
    let p = programme::Entity::find_by_id(g.programme_id).one(db).await?.ok_or(AppError::NotFound)?;
    let today = state.settings.clock.today();
    let people = participants(db, g.id).await?;
    let profs = professionals_of(db, &people).await?;
    let n = names(db).await?;
    let marks: HashMap<(i64, i64), attendance::Model> = attendance::Entity::find()
        .filter(attendance::Column::DayId.is_in(days.iter().map(|d| d.id)))
        .all(db)
        .await?
        .into_iter()
        .map(|a| ((a.enrolment_id, a.day_id), a))
        .collect();
    let trainer_ids: Vec<i64> = days.iter().filter_map(|d| d.trainer_id).chain(g.trainer_id).collect();
    let trainers: HashMap<i64, String> =
        user::Entity::find().filter(user::Column::Id.is_in(trainer_ids)).all(db).await?.into_iter().map(|u| (u.id, u.name)).collect();
    let named = |id: Option<i64>| id.and_then(|id| trainers.get(&id).map(|name| NamedRef { id: UserId(id), name: name.clone() }));
    let active = held(&days);
    let mut rows: Vec<ParticipantAttendance> = people
        .iter()
        .map(|e| {
            let prof = profs.get(&e.professional_id);
            ParticipantAttendance {
                enrolment_id: EnrolmentId(e.id),
                professional: prof.map(|p| p.name.clone()).unwrap_or_default(),
                organisation: n.org(prof.map(|p| p.organisation_id).unwrap_or_default()),
                status: EnrolmentStatus::parse(&e.status).unwrap_or(EnrolmentStatus::Placed),
                marks: active
                    .iter()
                    .map(|d| {
                        marks.get(&(e.id, d.id)).map(|a| Mark {
                            status: AttendanceStatus::parse(&a.status).unwrap_or(AttendanceStatus::Absent),
                            note: a.note.clone(),
                        })
                    })
                    .collect(),
                trained_on: e.trained_on,
                reason: (e.status == EnrolmentStatus::NotCompleted.as_str()).then(|| e.last_reason.clone()).flatten(),
            }
        })
        .collect();
    rows.sort_by(|a, b| a.professional.cmp(&b.professional));
    let complete = rows.iter().all(|r| r.marks.iter().all(Option::is_some));
    Ok(GroupAttendance {
        trainer: named(g.trainer_id),
        days: days
            .iter()
            .map(|d| DayView {
                id: TrainingDayId(d.id),
                day: d.day,
                starts_at: d.starts_at.clone(),
                ends_at: d.ends_at.clone(),
                place: d.place.clone(),
                cancelled: d.status == "cancelled",
                trainer: named(d.trainer_id.or(g.trainer_id)),
                sequence: d.sequence,
                open_for_marking: d.status != "cancelled" && g.closed_at.is_none() && rules::marking_open(d.day, today, p.attendance_window_days),
                marking_until: rules::marking_until(d.day, p.attendance_window_days),
            })
            .collect(),
        can_close: g.closed_at.is_none() && complete && rules::may_close(active.last().map(|d| d.day), today),
        closed_at: g.closed_at,
        rule: CompletionRule { max_excused: p.completion_max_excused, max_absent: p.completion_max_absent },
        participants: rows,
        group: to_group(g, state.settings.clock.today()),
    })
}

async fn load_day<C: ConnectionTrait>(db: &C, caller: &Caller, day_id: i64) -> AppResult<(training_day::Model, training_group::Model, Vec<training_day::Model>)> {
    let d = training_day::Entity::find_by_id(day_id).one(db).await?.ok_or(AppError::NotFound)?;
    let (g, days) = load(db, caller, d.group_id).await?;
    Ok((d, g, days))
}

/// The trainer marks attendance of one day, from the day itself until the window closes.
pub async fn mark(state: &AppState, caller: &Caller, day_id: TrainingDayId, input: AttendanceInput) -> AppResult<GroupAttendance> {
    let mut errs = Errors::default();
    let notes: Vec<Option<String>> =
        input.marks.iter().enumerate().map(|(i, m)| errs.opt_text(&format!("marks[{i}].note"), m.note.as_deref(), 1000)).collect();
    if input.marks.is_empty() {
        errs.add("marks", "required", "at least one mark");
    }
    errs.finish()?;
    let today = state.settings.clock.today();
    let now = state.settings.clock.now();
    let c = *caller;
    let group_id = write_txn(state, move |txn| {
        Box::pin(async move {
            let (d, g, _) = load_day(txn, &c, day_id.0).await?;
            let p = programme::Entity::find_by_id(g.programme_id).one(txn).await?.ok_or(AppError::NotFound)?;
            if d.status == "cancelled" || g.closed_at.is_some() || !rules::marking_open(d.day, today, p.attendance_window_days) {
                return Err(AppError::conflict(
                    ErrorCode::AttendanceClosed,
                    format!("attendance of {} can be marked from that day until {}", d.day, rules::marking_until(d.day, p.attendance_window_days)),
                ));
            }
            let people: HashMap<i64, enrolment::Model> = participants(txn, g.id).await?.into_iter().map(|e| (e.id, e)).collect();
            for (i, (m, note)) in input.marks.iter().zip(notes).enumerate() {
                if !people.get(&m.enrolment_id.0).is_some_and(|e| e.status == EnrolmentStatus::Placed.as_str()) {
                    return Err(AppError::field(&format!("marks[{i}].enrolment_id"), "not_a_participant", "not a participant of this group"));
                }
                let existing = attendance::Entity::find()
                    .filter(attendance::Column::EnrolmentId.eq(m.enrolment_id.0))
                    .filter(attendance::Column::DayId.eq(d.id))
                    .one(txn)
                    .await?;
                match existing {
                    Some(a) => {
                        attendance::Entity::update_many()
                            .col_expr(attendance::Column::Status, Expr::value(m.status.as_str()))
                            .col_expr(attendance::Column::Note, Expr::value(note))
                            .col_expr(attendance::Column::MarkedBy, Expr::value(c.user_id.0))
                            .col_expr(attendance::Column::MarkedAt, Expr::value(now))
                            .filter(attendance::Column::Id.eq(a.id))
                            .exec(txn)
                            .await?;
                    }
                    None => {
                        attendance::ActiveModel {
                            enrolment_id: Set(m.enrolment_id.0),
                            day_id: Set(d.id),
                            status: Set(m.status.as_str().into()),
                            note: Set(note),
                            marked_by: Set(c.user_id.0),
                            marked_at: Set(now),
                            ..Default::default()
                        }
                        .insert(txn)
                        .await?;
                    }
                }
            }
            crate::audit::record(txn, Some(c.user_id), "training.attendance_marked", &format!("day:{}", d.id), Some(format!("{} marks", input.marks.len())))
                .await?;
            Ok(g.id)
        })
    })
    .await?;
    attendance_view(state, caller, GroupId(group_id)).await
}

/// Every participant gets the day's update: same UID, the raised SEQUENCE, and the reason.
pub async fn tell_participants(txn: &sea_orm::DatabaseTransaction, g: &training_group::Model, day_id: i64, cancelled: bool, reason: &str, organizer: &str) -> AppResult<usize> {
    let days = days_of(txn, g.id).await?;
    let Some(d) = days.iter().find(|d| d.id == day_id) else { return Ok(0) };
    let people: Vec<enrolment::Model> =
        participants(txn, g.id).await?.into_iter().filter(|e| e.status == EnrolmentStatus::Placed.as_str()).collect();
    let profs = professionals_of(txn, &people).await?;
    for e in &people {
        let Some(p) = profs.get(&e.professional_id) else { continue };
        let invite = crate::roster::notify::Invite { organizer, attendee: &p.email };
        let ics = day_calendar(if cancelled { "CANCEL" } else { "REQUEST" }, g, &days, day_id, e.id, invite);
        email::enqueue(txn, super::notify::day_changed(p, g, d, cancelled, reason, ics)).await?;
    }
    Ok(people.len())
}

/// Keeps the group's first and last day in step with its days.
pub async fn sync_dates(txn: &DatabaseTransaction, group_id: i64) -> AppResult<()> {
    let days: Vec<(chrono::NaiveDate, bool)> = training_day::Entity::find()
        .filter(training_day::Column::GroupId.eq(group_id))
        .all(txn)
        .await?
        .into_iter()
        .map(|d| (d.day, d.status == "cancelled"))
        .collect();
    if let Some((first, last)) = rules::span(&days) {
        training_group::Entity::update_many()
            .col_expr(training_group::Column::StartsOn, Expr::value(first))
            .col_expr(training_group::Column::EndsOn, Expr::value(last))
            .filter(training_group::Column::Id.eq(group_id))
            .exec(txn)
            .await?;
    }
    Ok(())
}

/// BEL or the trainer moves a training day; every participant's invitation is updated.
pub async fn change_day(state: &AppState, caller: &Caller, day_id: TrainingDayId, input: DayChange) -> AppResult<GroupAttendance> {
    let mut errs = Errors::default();
    let reason = errs.text("reason", &input.reason, 1000);
    let place = errs.text("place", &input.place, MAX_NAME_LEN);
    errs.times("", &input.starts_at, &input.ends_at);
    if input.day < state.settings.clock.today() {
        errs.add("day", "in_past", "today or later");
    }
    errs.finish()?;
    let c = *caller;
    let today = state.settings.clock.today();
    let organizer = state.settings.organizer();
    let group_id = write_txn(state, move |txn| {
        Box::pin(async move {
            let (d, g, _) = load_day(txn, &c, day_id.0).await?;
            if d.status == "cancelled" || g.closed_at.is_some() {
                return Err(AppError::conflict(ErrorCode::Conflict, "a cancelled day or a closed group cannot change"));
            }
            if d.day < today {
                return Err(AppError::conflict(ErrorCode::Conflict, "a day that took place cannot change"));
            }
            let res = training_day::Entity::update_many()
                .col_expr(training_day::Column::Day, Expr::value(input.day))
                .col_expr(training_day::Column::StartsAt, Expr::value(input.starts_at.clone()))
                .col_expr(training_day::Column::EndsAt, Expr::value(input.ends_at.clone()))
                .col_expr(training_day::Column::Place, Expr::value(place.clone()))
                .col_expr(training_day::Column::Sequence, Expr::value(d.sequence + 1))
                .filter(training_day::Column::Id.eq(d.id))
                .filter(training_day::Column::Sequence.eq(d.sequence))
                .exec(txn)
                .await?;
            if res.rows_affected != 1 {
                return Err(AppError::conflict(ErrorCode::Conflict, "the day was changed by someone else; reload"));
            }
            sync_dates(txn, g.id).await?;
            let told = tell_participants(txn, &g, d.id, false, &reason, &organizer).await?;
            crate::audit::record(txn, Some(c.user_id), "training.day_changed", &format!("day:{}", d.id), Some(format!("{reason} ({told} told)"))).await?;
            Ok(g.id)
        })
    })
    .await?;
    state.mail_notify.notify_one();
    attendance_view(state, caller, GroupId(group_id)).await
}

/// BEL or the trainer cancels a day; every participant gets the cancellation with the reason.
pub async fn cancel_day(state: &AppState, caller: &Caller, day_id: TrainingDayId, input: DayCancel) -> AppResult<GroupAttendance> {
    let mut errs = Errors::default();
    let reason = errs.text("reason", &input.reason, 1000);
    errs.finish()?;
    let c = *caller;
    let today = state.settings.clock.today();
    let organizer = state.settings.organizer();
    let group_id = write_txn(state, move |txn| {
        Box::pin(async move {
            let (d, g, _) = load_day(txn, &c, day_id.0).await?;
            if d.status == "cancelled" || g.closed_at.is_some() {
                return Err(AppError::conflict(ErrorCode::Conflict, "the day is cancelled already or the group is closed"));
            }
            if d.day < today {
                return Err(AppError::conflict(ErrorCode::Conflict, "a day that took place cannot be cancelled"));
            }
            training_day::Entity::update_many()
                .col_expr(training_day::Column::Status, Expr::value("cancelled"))
                .col_expr(training_day::Column::Sequence, Expr::value(d.sequence + 1))
                .filter(training_day::Column::Id.eq(d.id))
                .filter(training_day::Column::Status.ne("cancelled"))
                .exec(txn)
                .await?;
            sync_dates(txn, g.id).await?;
            let told = tell_participants(txn, &g, d.id, true, &reason, &organizer).await?;
            crate::audit::record(txn, Some(c.user_id), "training.day_cancelled", &format!("day:{}", d.id), Some(format!("{reason} ({told} told)"))).await?;
            Ok(g.id)
        })
    })
    .await?;
    state.mail_notify.notify_one();
    attendance_view(state, caller, GroupId(group_id)).await
}

/// The trainer closes the group: every placed participant becomes trained (with
/// the date of the last day) or not completed (with the reason), by the rule.
pub async fn close(state: &AppState, caller: &Caller, group_id: GroupId) -> AppResult<GroupAttendance> {
    let today = state.settings.clock.today();
    let now = state.settings.clock.now();
    let c = *caller;
    write_txn(state, move |txn| {
        Box::pin(async move {
            let (g, days) = load(txn, &c, group_id.0).await?;
            let p = programme::Entity::find_by_id(g.programme_id).one(txn).await?.ok_or(AppError::NotFound)?;
            let active = held(&days);
            let last = active.last().map(|d| d.day);
            if g.closed_at.is_some() {
                return Err(AppError::conflict(ErrorCode::InvalidTransition, format!("{} is closed already", g.name)));
            }
            if !rules::may_close(last, today) {
                return Err(AppError::conflict(ErrorCode::AttendanceIncomplete, "the last training day has not come yet"));
            }
            let people: Vec<enrolment::Model> =
                participants(txn, g.id).await?.into_iter().filter(|e| e.status == EnrolmentStatus::Placed.as_str()).collect();
            let marks: HashMap<(i64, i64), AttendanceStatus> = attendance::Entity::find()
                .filter(attendance::Column::DayId.is_in(active.iter().map(|d| d.id)))
                .all(txn)
                .await?
                .into_iter()
                .filter_map(|a| AttendanceStatus::parse(&a.status).map(|s| ((a.enrolment_id, a.day_id), s)))
                .collect();
            // Guarded: only one close, and never twice.
            let res = training_group::Entity::update_many()
                .col_expr(training_group::Column::ClosedAt, Expr::value(Some(now)))
                .col_expr(training_group::Column::Status, Expr::value("completed"))
                .filter(training_group::Column::Id.eq(g.id))
                .filter(training_group::Column::ClosedAt.is_null())
                .exec(txn)
                .await?;
            if res.rows_affected != 1 {
                return Err(AppError::conflict(ErrorCode::InvalidTransition, format!("{} is closed already", g.name)));
            }
            for e in &people {
                let Some(theirs) = active.iter().map(|d| marks.get(&(e.id, d.id)).copied()).collect::<Option<Vec<_>>>() else {
                    let name = professional::Entity::find_by_id(e.professional_id).one(txn).await?.map(|p| p.name).unwrap_or_default();
                    return Err(AppError::conflict(ErrorCode::AttendanceIncomplete, format!("attendance of {name} is not complete")));
                };
                let from = status_of(e)?;
                let (event, reason, trained_on) = match rules::completion(&theirs, rule_of(&p)) {
                    Outcome::Trained => (Event::Complete, None, last),
                    Outcome::NotCompleted(why) => (Event::NotComplete, Some(why), None),
                };
                let to = transition(from, event).map_err(illegal)?;
                let r2 = reason.clone();
                set_status(txn, e, from, to, |q| {
                    q.col_expr(enrolment::Column::TrainedOn, Expr::value(trained_on)).col_expr(enrolment::Column::LastReason, Expr::value(r2))
                })
                .await?;
                record_event(txn, Timeline::of(e, "waitlist", event.as_str(), from, to).at(now).by(Some(c.user_id)).reason(reason.or(Some(g.name.clone())))).await?;
            }
            crate::audit::record(txn, Some(c.user_id), "training.group_closed", &format!("group:{}", g.id), Some(format!("{} participants", people.len())))
                .await?;
            Ok(())
        })
    })
    .await?;
    attendance_view(state, caller, group_id).await
}

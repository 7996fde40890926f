//! Sessions of the learning network: the list, one session, and what its
//! organiser (BEL, or the region's ambassador) does with it: announce, change,
//! cancel, record attendance and share the report.

use super::rules::{self, SessionFields};
use super::store::{self, Ctx, CANCELLED, PLANNED};
use super::notify;
use crate::audit::Changes;
use crate::auth::Caller;
use crate::db::write_txn;
use crate::email;
use crate::entities::{learning_registration as reg, learning_session as session, region};
use crate::error::{validate::Errors, AppError, AppResult};
use crate::reference::lookup::active_users;
use crate::state::AppState;
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, QueryOrder, Set};
use va_openapi::auth::Role;
use va_openapi::learning::*;
use va_openapi::{ErrorCode, LearningSessionId};

/// Who takes part in the network through the planner.
pub const MEMBERS: [Role; 3] = [Role::BelCoordinator, Role::Ambassador, Role::OrgContact];
pub const ORGANISERS: [Role; 2] = [Role::BelCoordinator, Role::Ambassador];

/// Upcoming sessions by date, past and cancelled ones newest first.
pub async fn list(state: &AppState, caller: &Caller) -> AppResult<LearningSessionList> {
    caller.require(&MEMBERS)?;
    let db = &state.db;
    let org_region = store::caller_org_region(state, caller).await?;
    let sessions: Vec<session::Model> = session::Entity::find()
        .order_by_asc(session::Column::HeldOn)
        .order_by_asc(session::Column::StartsAt)
        .order_by_asc(session::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .filter(|s| rules::may_read(caller.scope, s.region_id, org_region))
        .collect();
    let regs = reg::Entity::find().filter(reg::Column::SessionId.is_in(sessions.iter().map(|s| s.id))).all(db).await?;
    let f = store::facts(db, &regs, []).await?;
    let today = state.settings.clock.today();
    let (mut upcoming, mut past) = (Vec::new(), Vec::new());
    for s in &sessions {
        let mine: Vec<reg::Model> = regs.iter().filter(|r| r.session_id == s.id).cloned().collect();
        let summary = f.summary(caller, s, &mine);
        if s.held_on >= today && !store::is_cancelled(s) {
            upcoming.push(summary);
        } else {
            past.push(summary);
        }
    }
    past.reverse();
    Ok(LearningSessionList { upcoming, past, can_announce: ORGANISERS.contains(&caller.role) })
}

pub async fn get(state: &AppState, caller: &Caller, id: LearningSessionId) -> AppResult<LearningSession> {
    caller.require(&MEMBERS)?;
    let s = store::readable(state, caller, id).await?;
    store::view(state, caller, &s).await
}

/// Checks the input: fields, the region exists, and the caller organises it.
async fn checked(state: &AppState, caller: &Caller, input: &LearningSessionInput) -> AppResult<SessionFields> {
    let mut errs = Errors::default();
    let f = rules::session(&mut errs, input);
    if let Some(r) = f.region_id {
        if region::Entity::find_by_id(r).one(&state.db).await?.is_none() {
            errs.add("region_id", "unknown", "no such region");
        }
    }
    if !rules::may_organise(caller.scope, f.region_id) && errs.0.iter().all(|e| e.field != "region_id") {
        errs.add("region_id", "outside_scope", "an ambassador announces regional sessions of their own region; supra-regional ones are BEL's");
    }
    errs.finish()?;
    Ok(f)
}

/// BEL or an ambassador announces a session.
pub async fn create(state: &AppState, caller: &Caller, input: LearningSessionInput) -> AppResult<LearningSession> {
    caller.require(&ORGANISERS)?;
    let f = checked(state, caller, &input).await?;
    let (actor, now) = (caller.user_id, state.settings.clock.now());
    let s = write_txn(state, move |txn| {
        Box::pin(async move {
            let row = session::ActiveModel {
                scope: Set(f.scope.as_str().to_string()),
                region_id: Set(f.region_id),
                title: Set(f.title),
                held_on: Set(f.held_on),
                starts_at: Set(f.starts_at),
                ends_at: Set(f.ends_at),
                place: Set(f.place),
                capacity: Set(f.capacity),
                target_group: Set(f.target_group),
                description: Set(f.description),
                status: Set(PLANNED.into()),
                cancel_reason: Set(None),
                report: Set(String::new()),
                reported_at: Set(None),
                sequence: Set(0),
                created_by: Set(actor.0),
                created_at: Set(now),
                ..Default::default()
            }
            .insert(txn)
            .await?;
            crate::audit::record(txn, Some(actor), "learning.announced", &format!("learning_session:{}", row.id), Some(format!("{} {}", row.held_on, row.title))).await?;
            Ok(row)
        })
    })
    .await?;
    store::view(state, caller, &s).await
}

/// 404 unless readable, 403 unless the caller organises it, 409 once held or cancelled.
async fn organised(state: &AppState, caller: &Caller, id: LearningSessionId) -> AppResult<session::Model> {
    caller.require(&ORGANISERS)?;
    let s = store::readable(state, caller, id).await?;
    if !rules::may_organise(caller.scope, s.region_id) {
        return Err(AppError::Forbidden);
    }
    Ok(s)
}

fn closed(s: &session::Model, what: &str) -> AppError {
    let why = if store::is_cancelled(s) { "is cancelled" } else { "has been held" };
    AppError::conflict(ErrorCode::InvalidTransition, format!("the session {why}: {what}"))
}

/// The organiser changes a session before it is held. A new date, time or
/// place updates the calendars of everyone with a place; more places go to the waiting list.
pub async fn update(state: &AppState, caller: &Caller, id: LearningSessionId, input: LearningSessionInput) -> AppResult<LearningSession> {
    organised(state, caller, id).await?;
    let f = checked(state, caller, &input).await?;
    let (actor, ctx) = (caller.user_id, Ctx::of(state));
    let s = write_txn(state, move |txn| {
        Box::pin(async move {
            let s = store::lock(txn, id).await?;
            if !rules::open_for_changes(ctx.today, s.held_on, store::is_cancelled(&s)) {
                return Err(closed(&s, "it cannot change"));
            }
            let regs = store::regs_of(txn, s.id).await?;
            let taken = regs.iter().filter(|r| store::takes_place(r)).count() as i32;
            if f.capacity < taken {
                return Err(AppError::conflict(ErrorCode::CapacityTooLow, format!("{taken} places are taken or offered")));
            }
            let moved = (s.held_on, &s.starts_at, &s.ends_at, &s.place) != (f.held_on, &f.starts_at, &f.ends_at, &f.place);
            let changes = Changes::new()
                .field("scope", s.scope.as_str(), f.scope.as_str())
                .opt("region_id", s.region_id, f.region_id)
                .field("title", s.title.as_str(), f.title.as_str())
                .field("held_on", s.held_on, f.held_on)
                .field("starts_at", s.starts_at.as_str(), f.starts_at.as_str())
                .field("ends_at", s.ends_at.as_str(), f.ends_at.as_str())
                .field("place", s.place.as_str(), f.place.as_str())
                .field("capacity", s.capacity, f.capacity)
                .field("target_group", s.target_group.as_str(), f.target_group.as_str())
                .field("description", s.description.as_str(), f.description.as_str());
            let mut row: session::ActiveModel = s.clone().into();
            row.scope = Set(f.scope.as_str().to_string());
            row.region_id = Set(f.region_id);
            row.title = Set(f.title.clone());
            row.held_on = Set(f.held_on);
            row.starts_at = Set(f.starts_at.clone());
            row.ends_at = Set(f.ends_at.clone());
            row.place = Set(f.place.clone());
            row.capacity = Set(f.capacity);
            row.target_group = Set(f.target_group.clone());
            row.description = Set(f.description.clone());
            let s = row.update(txn).await?;
            if moved {
                for r in regs.iter().filter(|r| store::status(r) == RegistrationStatus::Registered) {
                    store::send_event(txn, &s, r, store::Event::Changed, &ctx).await?;
                }
            }
            crate::audit::record_change(txn, actor, "learning.changed", &format!("learning_session:{}", s.id), None, changes).await?;
            store::fill(txn, &s, &ctx).await?;
            Ok(s)
        })
    })
    .await?;
    store::view(state, caller, &s).await
}

/// The organiser cancels a session before it is held: everyone with a place gets the cancellation.
pub async fn cancel(state: &AppState, caller: &Caller, id: LearningSessionId, input: LearningCancelInput) -> AppResult<LearningSession> {
    organised(state, caller, id).await?;
    let mut errs = Errors::default();
    let reason = errs.text("reason", &input.reason, MAX_TEXT_LEN);
    errs.finish()?;
    let (actor, ctx) = (caller.user_id, Ctx::of(state));
    let s = write_txn(state, move |txn| {
        Box::pin(async move {
            let s = store::lock(txn, id).await?;
            if !rules::open_for_changes(ctx.today, s.held_on, store::is_cancelled(&s)) {
                return Err(closed(&s, "it cannot be cancelled"));
            }
            let mut row: session::ActiveModel = s.clone().into();
            row.status = Set(CANCELLED.into());
            row.cancel_reason = Set(Some(reason.clone()));
            let s = row.update(txn).await?;
            for r in store::regs_of(txn, s.id).await?.iter().filter(|r| store::status(r) == RegistrationStatus::Registered) {
                store::send_event(txn, &s, r, store::Event::Withdrawn(Some(&reason)), &ctx).await?;
            }
            crate::audit::record(txn, Some(actor), "learning.cancelled", &format!("learning_session:{}", s.id), Some(reason)).await?;
            Ok(s)
        })
    })
    .await?;
    store::view(state, caller, &s).await
}

/// 409 unless the session's day has come (and it was not cancelled).
fn require_held(state: &AppState, s: &session::Model) -> AppResult<()> {
    if rules::held(state.settings.clock.today(), s.held_on, store::is_cancelled(s)) {
        Ok(())
    } else if store::is_cancelled(s) {
        Err(AppError::conflict(ErrorCode::InvalidTransition, "the session is cancelled"))
    } else {
        Err(AppError::conflict(ErrorCode::InvalidTransition, "attendance and the report are recorded from the session's day on"))
    }
}

/// The organiser records who attended, for registrations with a place.
pub async fn attendance(state: &AppState, caller: &Caller, id: LearningSessionId, input: LearningAttendanceInput) -> AppResult<LearningSession> {
    let s = organised(state, caller, id).await?;
    require_held(state, &s)?;
    let regs = store::regs_of(&state.db, s.id).await?;
    let mut errs = Errors::default();
    if input.entries.is_empty() || input.entries.len() > MAX_CAPACITY as usize {
        errs.add("entries", "out_of_range", format!("between 1 and {MAX_CAPACITY} entries"));
    }
    for (i, e) in input.entries.iter().enumerate() {
        if !regs.iter().any(|r| r.id == e.registration_id.0 && store::status(r) == RegistrationStatus::Registered) {
            errs.add(&format!("entries[{i}].registration_id"), "unknown", "not a registration with a place in this session");
        }
    }
    errs.finish()?;
    let actor = caller.user_id;
    write_txn(state, move |txn| {
        Box::pin(async move {
            for e in &input.entries {
                reg::Entity::update_many().col_expr(reg::Column::Attended, Expr::value(Some(e.attended))).filter(reg::Column::Id.eq(e.registration_id.0)).exec(txn).await?;
            }
            let present = input.entries.iter().filter(|e| e.attended).count();
            crate::audit::record(txn, Some(actor), "learning.attendance", &format!("learning_session:{}", id.0), Some(format!("{present} of {} present", input.entries.len()))).await?;
            Ok(())
        })
    })
    .await?;
    store::view(state, caller, &s).await
}

/// The organiser records the lessons learned; the first time, every active ambassador gets them.
pub async fn report(state: &AppState, caller: &Caller, id: LearningSessionId, input: LearningReportInput) -> AppResult<LearningSession> {
    let s = organised(state, caller, id).await?;
    require_held(state, &s)?;
    let mut errs = Errors::default();
    let text = errs.text("report", &input.report, MAX_REPORT_LEN);
    errs.finish()?;
    let (actor, ctx) = (caller.user_id, Ctx::of(state));
    let s = write_txn(state, move |txn| {
        Box::pin(async move {
            let s = session::Entity::find_by_id(id.0).one(txn).await?.ok_or(AppError::NotFound)?;
            let first = s.reported_at.is_none();
            let changes = Changes::new().field("report", s.report.as_str(), text.as_str());
            let mut row: session::ActiveModel = s.into();
            row.report = Set(text);
            if first {
                row.reported_at = Set(Some(ctx.now));
            }
            let s = row.update(txn).await?;
            if first {
                for a in active_users(Role::Ambassador).all(txn).await? {
                    email::enqueue(txn, notify::report_shared(&a, &s, &ctx.link(&s))).await?;
                }
            }
            crate::audit::record_change(txn, actor, "learning.reported", &format!("learning_session:{}", s.id), None, changes).await?;
            Ok(s)
        })
    })
    .await?;
    store::view(state, caller, &s).await
}

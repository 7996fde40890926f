//! Registrations for a learning session: by BEL, the region's ambassador or
//! the organisation's contact, for trained professionals only; a place or
//! the waiting list; a withdrawal frees the place for the next in line, who
//! gets it offered with a deadline (answered in the planner, expired by the
//! job runner).

use super::rules;
use super::sessions::MEMBERS;
use super::store::{self, Ctx};
use crate::auth::Caller;
use crate::db::write_txn;
use crate::entities::{learning_registration as reg, learning_session as session};
use crate::error::{validate::Errors, AppError, AppResult};
use crate::followup::sessions::trained;
use crate::state::AppState;
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set};
use std::collections::HashSet;
use va_openapi::learning::*;
use va_openapi::{ErrorCode, LearningRegistrationId, LearningSessionId, ProfessionalId, UserId};

/// Registers the named professionals: each gets a place, or joins the waiting list.
pub async fn register(state: &AppState, caller: &Caller, id: LearningSessionId, input: NewLearningRegistrations) -> AppResult<LearningSession> {
    let (actor, ctx, ids) = named(state, caller, id, &input).await?;
    let s = write_txn(state, move |txn| {
        Box::pin(async move {
            let s = store::lock(txn, id).await?;
            ensure_open(&s, &ctx, CLOSED)?;
            let mut regs = store::regs_of(txn, s.id).await?;
            for p in ids {
                enter(txn, &s, &mut regs, p, Some(actor), &ctx).await?;
            }
            Ok(s)
        })
    })
    .await?;
    store::view(state, caller, &s).await
}

/// 422 by field unless every named professional is one the caller sees, named
/// once, trained and of a region the session is open to.
async fn check_candidates(state: &AppState, caller: &Caller, s: &session::Model, ids: &[ProfessionalId]) -> AppResult<()> {
    let db = &state.db;
    let mut errs = Errors::default();
    if ids.is_empty() || ids.len() > MAX_REGISTRATIONS_AT_ONCE {
        errs.add("professional_ids", "out_of_range", format!("between 1 and {MAX_REGISTRATIONS_AT_ONCE} professionals"));
    }
    let trained = trained(db).await?;
    let f = store::facts(db, &[], ids.iter().map(|p| p.0)).await?;
    let mut seen = HashSet::new();
    for (i, p) in ids.iter().enumerate() {
        let field = format!("professional_ids[{i}]");
        // Someone the caller may not see is as unknown as someone who does not exist.
        match f.profs.get(&p.0).filter(|x| x.erased_at.is_none() && f.sees(caller.scope, x)) {
            None => errs.add(&field, "unknown", "no such professional in your organisation or region"),
            Some(_) if !seen.insert(p.0) => errs.add(&field, "duplicate", "named twice"),
            Some(_) if !trained.contains_key(&p.0) => errs.add(&field, "not_trained", "the learning network is for trained professionals"),
            Some(x) => {
                let org_region = f.names.organisation(x.organisation_id).and_then(|o| o.region_id);
                if !rules::open_to(s.region_id, org_region) {
                    errs.add(&field, "outside_region", "this regional session is for another region's professionals");
                }
            }
        }
    }
    errs.finish()?;
    Ok(())
}

pub(super) const CLOSED: &str = "registration is closed: the session is cancelled or has begun";

/// What registering professionals and mailing them links check first: the
/// caller takes part, sees the session, and may register everyone named.
pub(super) async fn named(state: &AppState, caller: &Caller, id: LearningSessionId, input: &NewLearningRegistrations) -> AppResult<(UserId, Ctx, Vec<i64>)> {
    caller.require(&MEMBERS)?;
    let s = store::readable(state, caller, id).await?;
    check_candidates(state, caller, &s, &input.professional_ids).await?;
    Ok((caller.user_id, Ctx::of(state), input.professional_ids.iter().map(|p| p.0).collect()))
}

/// 409 once the session is cancelled or has begun.
pub(super) fn ensure_open(s: &session::Model, ctx: &Ctx, why: &str) -> AppResult<()> {
    if rules::open_for_changes(ctx.today, s.held_on, store::is_cancelled(s)) {
        Ok(())
    } else {
        Err(AppError::conflict(ErrorCode::InvalidTransition, why))
    }
}

/// Registers one professional under the session's lock: a place, or the
/// waiting list. `regs` is the session's registrations, kept current here.
/// `by` is none when the professional registers themselves by link.
pub(super) async fn enter<C: ConnectionTrait>(txn: &C, s: &session::Model, regs: &mut Vec<reg::Model>, p: i64, by: Option<UserId>, ctx: &Ctx) -> AppResult<RegistrationStatus> {
    let existing = regs.iter().position(|r| r.professional_id == p);
    if existing.is_some_and(|i| store::active(&regs[i])) {
        return Err(AppError::conflict(ErrorCode::AlreadyEnrolled, "already registered or waiting for this session"));
    }
    let taken = regs.iter().filter(|r| store::takes_place(r)).count() as i32;
    let waiting = regs.iter().filter(|r| store::status(r) == RegistrationStatus::Waiting).count() as i32;
    let placed = rules::placement(s.capacity, taken, waiting);
    let ret_uhp = store::ret_uhp(txn, p).await?;
    // A withdrawn registration comes back as the same row (and the same calendar event).
    let mut row = match existing {
        Some(i) => {
            let mut row: reg::ActiveModel = regs[i].clone().into();
            row.status = Set(RegistrationStatus::Waiting.as_str().into());
            row.ret_uhp = Set(ret_uhp);
            row.registered_at = Set(ctx.now);
            row.registered_by = Set(by.map(|u| u.0));
            row.offer_expires_at = Set(None);
            row.attended = Set(None);
            row.update(txn).await?
        }
        None => reg::ActiveModel {
            session_id: Set(s.id),
            professional_id: Set(p),
            status: Set(RegistrationStatus::Waiting.as_str().into()),
            ret_uhp: Set(ret_uhp),
            registered_at: Set(ctx.now),
            registered_by: Set(by.map(|u| u.0)),
            offer_expires_at: Set(None),
            attended: Set(None),
            sequence: Set(0),
            ..Default::default()
        }
        .insert(txn)
        .await?,
    };
    if placed == RegistrationStatus::Registered {
        store::give_place(txn, s, &row, ctx).await?;
        row.status = placed.as_str().into();
        row.sequence += 1;
    }
    let how = if by.is_some() { "" } else { " by link" };
    crate::audit::record(txn, by, "learning.registered", &format!("professional:{p}"), Some(format!("learning_session:{} {}{how}", s.id, placed.as_str()))).await?;
    match existing {
        Some(i) => regs[i] = row,
        None => regs.push(row),
    }
    Ok(placed)
}

/// Withdraws an active registration under the session's lock; a freed place goes to the next in line.
pub(super) async fn leave<C: ConnectionTrait>(txn: &C, s: &session::Model, r: &reg::Model, by: Option<UserId>, ctx: &Ctx) -> AppResult<()> {
    ensure_open(s, ctx, "the session is cancelled or has begun")?;
    if !store::active(r) {
        return Err(AppError::conflict(ErrorCode::InvalidTransition, "the registration is withdrawn already"));
    }
    store::cancel(txn, r.id).await?;
    if store::status(r) == RegistrationStatus::Registered {
        store::send_event(txn, s, r, store::Event::Withdrawn(None), ctx).await?;
    }
    crate::audit::record(txn, by, "learning.withdrawn", &format!("professional:{}", r.professional_id), Some(format!("learning_session:{} was {}", s.id, r.status))).await?;
    store::fill(txn, s, ctx).await?;
    Ok(())
}

/// Takes or passes on an offered place before its deadline, under the session's lock.
pub(super) async fn respond<C: ConnectionTrait>(txn: &C, s: &session::Model, r: &reg::Model, accept: bool, by: Option<UserId>, ctx: &Ctx) -> AppResult<()> {
    if store::status(r) != RegistrationStatus::Offered {
        return Err(AppError::conflict(ErrorCode::OfferNotOpen, "no place is offered to this registration"));
    }
    if r.offer_expires_at.is_some_and(|d| d <= ctx.now) {
        return Err(AppError::conflict(ErrorCode::OfferExpired, "the offer's deadline has passed"));
    }
    if accept {
        store::give_place(txn, s, r, ctx).await?;
    } else {
        store::cancel(txn, r.id).await?;
        store::fill(txn, s, ctx).await?;
    }
    let what = if accept { "learning.offer_accepted" } else { "learning.offer_declined" };
    crate::audit::record(txn, by, what, &format!("professional:{}", r.professional_id), Some(format!("learning_session:{}", s.id))).await?;
    Ok(())
}

/// The registration and its session, if the caller may change it (404 otherwise).
async fn changeable(state: &AppState, caller: &Caller, id: LearningRegistrationId) -> AppResult<(reg::Model, session::Model)> {
    caller.require(&MEMBERS)?;
    let r = reg::Entity::find_by_id(id.0).one(&state.db).await?.ok_or(AppError::NotFound)?;
    let s = store::readable(state, caller, LearningSessionId(r.session_id)).await?;
    let f = store::facts(&state.db, std::slice::from_ref(&r), []).await?;
    if !f.profs.get(&r.professional_id).is_some_and(|p| f.sees(caller.scope, p)) {
        return Err(AppError::NotFound);
    }
    Ok((r, s))
}

/// Withdraws a registration (a place, a wait or an offer); a freed place goes to the next in line.
pub async fn withdraw(state: &AppState, caller: &Caller, id: LearningRegistrationId) -> AppResult<LearningSession> {
    let (r, s) = changeable(state, caller, id).await?;
    let (actor, ctx) = (caller.user_id, Ctx::of(state));
    let s = write_txn(state, move |txn| {
        Box::pin(async move {
            let s = store::lock(txn, LearningSessionId(s.id)).await?;
            let r = reg::Entity::find_by_id(r.id).one(txn).await?.ok_or(AppError::NotFound)?;
            leave(txn, &s, &r, Some(actor), &ctx).await?;
            Ok(s)
        })
    })
    .await?;
    store::view(state, caller, &s).await
}

/// Accepts or passes on an offered place before its deadline.
pub async fn answer(state: &AppState, caller: &Caller, id: LearningRegistrationId, input: OfferAnswer) -> AppResult<LearningSession> {
    let (r, s) = changeable(state, caller, id).await?;
    let (actor, ctx) = (caller.user_id, Ctx::of(state));
    let s = write_txn(state, move |txn| {
        Box::pin(async move {
            let s = store::lock(txn, LearningSessionId(s.id)).await?;
            let r = reg::Entity::find_by_id(r.id).one(txn).await?.ok_or(AppError::NotFound)?;
            respond(txn, &s, &r, input.accept, Some(actor), &ctx).await?;
            Ok(s)
        })
    })
    .await?;
    store::view(state, caller, &s).await
}

/// Offers past their deadline pass to the next in line (job runner). Each is
/// claimed by a conditional update, so two instances expire it once.
pub async fn expire_due(state: &AppState) -> AppResult<usize> {
    let ctx = Ctx::of(state);
    let due = reg::Entity::find()
        .filter(reg::Column::Status.eq(RegistrationStatus::Offered.as_str()))
        .filter(reg::Column::OfferExpiresAt.lte(ctx.now))
        .all(&state.db)
        .await?;
    let mut n = 0;
    for r in due {
        let ctx = ctx.clone();
        n += write_txn(state, move |txn| {
            Box::pin(async move {
                let s = store::lock(txn, LearningSessionId(r.session_id)).await?;
                let res = reg::Entity::update_many()
                    .col_expr(reg::Column::Status, Expr::value(RegistrationStatus::Cancelled.as_str()))
                    .filter(reg::Column::Id.eq(r.id))
                    .filter(reg::Column::Status.eq(RegistrationStatus::Offered.as_str()))
                    .exec(txn)
                    .await?;
                if res.rows_affected != 1 {
                    return Ok(0);
                }
                crate::audit::record(txn, None, "learning.offer_expired", &format!("professional:{}", r.professional_id), Some(format!("learning_session:{}", s.id))).await?;
                store::fill(txn, &s, &ctx).await?;
                Ok(1)
            })
        })
        .await?;
    }
    Ok(n)
}

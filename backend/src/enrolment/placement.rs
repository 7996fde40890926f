//! Placing professionals: allocating a seat, moving to another group, the waiting list, withdrawing (which frees the seat for the list).

use super::service::{MAX_TEXT, access, deciders, get_request};
use super::notify;
use crate::roster::rules::{group_accepts_placements, transition, Event};
use crate::roster::store::{
    illegal, leaving_calendar, load_enrolment, placement_mails, record_event, set_status, status_of,
    Timeline,
};
use crate::auth::Caller;
use crate::db::write_txn;
use crate::email;
use crate::entities::{
    enrolment, professional, training_group,
};
use crate::error::{validate::Errors, AppError, AppResult};
use crate::reference::lookup::{active_users, org_contacts};
use crate::state::AppState;
use sea_orm::sea_query::Expr;
use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter,
};
use va_openapi::auth::Role;
use va_openapi::enrolment::*;
use va_openapi::reference::GroupStatus;
use va_openapi::*;

/// The group, if it takes this placement: not completed or cancelled, and not
/// started unless BEL confirmed a late entry.
async fn open_group<C: ConnectionTrait>(db: &C, target: &AllocateRequest, programme_id: i64, today: chrono::NaiveDate) -> AppResult<training_group::Model> {
    let id = target.group_id;
    let g = training_group::Entity::find_by_id(id.0).one(db).await?.ok_or_else(|| AppError::field("group_id", "unknown", "no such group"))?;
    if g.programme_id != programme_id {
        return Err(AppError::field("group_id", "other_programme", "the group belongs to another programme"));
    }
    let status = crate::reference::lookup::group_status(&g, today);
    if !group_accepts_placements(status) {
        return Err(AppError::conflict(ErrorCode::GroupClosed, format!("{} is {}", g.name, status.as_str())));
    }
    if status == GroupStatus::Running && !target.late_entry {
        return Err(AppError::conflict(ErrorCode::GroupStarted, format!("{} has started; confirm a late entry to place someone now", g.name)));
    }
    Ok(g)
}

/// Takes one free seat (neither taken nor held for an offer) for a professional,
/// as far as the group's regional reservations allow; see `waitlist::seats`.
pub(crate) async fn take_seat<C: ConnectionTrait>(db: &C, g: &training_group::Model, professional_id: i64, today: chrono::NaiveDate) -> AppResult<()> {
    let (_, region) = crate::reference::lookup::org_and_region(db, professional_id).await?;
    crate::waitlist::seats::take(db, g, region, today).await
}

pub(crate) async fn free_seat<C: ConnectionTrait>(db: &C, group_id: i64) -> AppResult<()> {
    training_group::Entity::update_many()
        .col_expr(training_group::Column::SeatsTaken, Expr::col(training_group::Column::SeatsTaken).sub(1))
        .filter(training_group::Column::Id.eq(group_id))
        .filter(training_group::Column::SeatsTaken.gt(0))
        .exec(db)
        .await?;
    Ok(())
}

/// BEL places an approved (or waiting) professional in a group.
pub async fn allocate(state: &AppState, caller: &Caller, id: EnrolmentId, target: AllocateRequest) -> AppResult<EnrolmentRequestView> {
    caller.require(&[Role::BelCoordinator])?;
    let c = *caller;
    let ctx = crate::waitlist::offers::Ctx::of(state);
    let request_id = write_txn(state, move |txn| {
        let target = target.clone();
        Box::pin(async move {
            let (e, req) = load_enrolment(txn, id.0).await?;
            let from = status_of(&e)?;
            let to = transition(from, Event::Allocate).map_err(illegal)?;
            crate::readiness::service::gate_allows(txn, &req).await?;
            let g = open_group(txn, &target, e.programme_id, ctx.today).await?;
            // An open offer of this professional gives its seat back first, then is offered on.
            let offered = crate::waitlist::offers::cancel_open_offers(txn, &ctx, e.id).await?;
            take_seat(txn, &g, e.professional_id, ctx.today).await?;
            set_status(txn, &e, from, to, |q| {
                q.col_expr(enrolment::Column::GroupId, Expr::value(Some(g.id)))
            })
            .await?;
            record_event(txn, Timeline::of(&e, "enrolment", "allocate", from, to).by(Some(c.user_id)).reason(Some(g.name.clone()))).await?;
            placement_mails(txn, &e, &g, req.organisation_id, &ctx.organizer).await?;
            for other in offered {
                crate::waitlist::offers::offer_seats(txn, &ctx, other, 1, None).await?;
            }
            Ok(req.id)
        })
    })
    .await?;
    state.mail_notify.notify_one();
    get_request(state, caller, RequestId(request_id)).await
}

/// BEL moves a placed professional to another group: the old seat is freed and
/// a new one taken in the same transaction.
pub async fn move_to(state: &AppState, caller: &Caller, id: EnrolmentId, target: AllocateRequest) -> AppResult<EnrolmentRequestView> {
    caller.require(&[Role::BelCoordinator])?;
    let c = *caller;
    let ctx = crate::waitlist::offers::Ctx::of(state);
    let request_id = write_txn(state, move |txn| {
        let target = target.clone();
        Box::pin(async move {
            let (e, req) = load_enrolment(txn, id.0).await?;
            let from = status_of(&e)?;
            let to = transition(from, Event::Move).map_err(illegal)?;
            let old = e.group_id.ok_or_else(|| AppError::conflict(ErrorCode::InvalidTransition, "not placed in a group"))?;
            if old == target.group_id.0 {
                return Err(AppError::field("group_id", "same_group", "the professional is already in this group"));
            }
            let g = open_group(txn, &target, e.programme_id, ctx.today).await?;
            take_seat(txn, &g, e.professional_id, ctx.today).await?;
            free_seat(txn, old).await?;
            set_status(txn, &e, from, to, |q| q.col_expr(enrolment::Column::GroupId, Expr::value(Some(g.id)))).await?;
            record_event(txn, Timeline::of(&e, "enrolment", "move", from, to).by(Some(c.user_id)).reason(Some(g.name.clone()))).await?;
            if let Some(left) = training_group::Entity::find_by_id(old).one(txn).await? {
                let prof = professional::Entity::find_by_id(e.professional_id).one(txn).await?.ok_or(AppError::NotFound)?;
                let ics = leaving_calendar(txn, &e, &left, &ctx.organizer, &prof.email).await?;
                email::enqueue(txn, crate::roster::notify::moved_from(&prof, &left, &g, ics)).await?;
            }
            placement_mails(txn, &e, &g, req.organisation_id, &ctx.organizer).await?;
            // The seat left behind goes to the waiting list.
            crate::waitlist::offers::offer_seats(txn, &ctx, old, 1, None).await?;
            Ok(req.id)
        })
    })
    .await?;
    state.mail_notify.notify_one();
    get_request(state, caller, RequestId(request_id)).await
}

/// BEL puts an approved professional on the programme's waiting list.
pub async fn waitlist(state: &AppState, caller: &Caller, id: EnrolmentId) -> AppResult<EnrolmentRequestView> {
    caller.require(&[Role::BelCoordinator])?;
    let c = *caller;
    let request_id = write_txn(state, move |txn| {
        Box::pin(async move {
            let (e, req) = load_enrolment(txn, id.0).await?;
            let from = status_of(&e)?;
            let to = transition(from, Event::Waitlist).map_err(illegal)?;
            set_status(txn, &e, from, to, |q| q).await?;
            record_event(txn, Timeline::of(&e, "enrolment", "waitlist", from, to).by(Some(c.user_id))).await?;
            let position = crate::waitlist::service::positions(txn, e.programme_id).await?.get(&e.id).copied();
            let prof = professional::Entity::find_by_id(e.professional_id).one(txn).await?.ok_or(AppError::NotFound)?;
            for contact in org_contacts(txn, req.organisation_id).await? {
                email::enqueue(txn, crate::waitlist::notify::waitlisted_contact(&contact, &prof.name, position)).await?;
            }
            Ok(req.id)
        })
    })
    .await?;
    get_request(state, caller, RequestId(request_id)).await
}

/// The organisation or BEL withdraws a professional; a placed one frees the seat.
pub async fn withdraw(state: &AppState, caller: &Caller, id: EnrolmentId, w: WithdrawRequest) -> AppResult<EnrolmentRequestView> {
    let mut errs = Errors::default();
    let reason = errs.opt_text("reason", w.reason.as_deref(), MAX_TEXT);
    errs.finish()?;
    let c = *caller;
    let ctx = crate::waitlist::offers::Ctx::of(state);
    let request_id = write_txn(state, move |txn| {
        Box::pin(async move {
            let (e, req) = load_enrolment(txn, id.0).await?;
            let a = access(&c, &req)?;
            if !(a.owner || a.bel) {
                return Err(AppError::Forbidden);
            }
            let from = status_of(&e)?;
            let to = transition(from, Event::Withdraw).map_err(illegal)?;
            let r2 = reason.clone();
            set_status(txn, &e, from, to, |q| {
                q.col_expr(enrolment::Column::GroupId, Expr::value(Option::<i64>::None))
                    .col_expr(enrolment::Column::LastReason, Expr::value(r2))
            })
            .await?;
            record_event(txn, Timeline::of(&e, "enrolment", "withdraw", from, to).by(Some(c.user_id)).reason(reason.clone())).await?;
            let group = match e.group_id {
                Some(g) if from == EnrolmentStatus::Placed => {
                    free_seat(txn, g).await?;
                    // The organisation may name a substitute first; otherwise the list gets the seat.
                    crate::waitlist::substitutions::seat_freed_by_withdrawal(txn, &ctx, &e, g, Some(c.user_id)).await?;
                    training_group::Entity::find_by_id(g).one(txn).await?
                }
                _ => {
                    for g in crate::waitlist::offers::cancel_open_offers(txn, &ctx, e.id).await? {
                        crate::waitlist::offers::offer_seats(txn, &ctx, g, 1, None).await?;
                    }
                    None
                }
            };
            let prof = professional::Entity::find_by_id(e.professional_id).one(txn).await?.ok_or(AppError::NotFound)?;
            let mut recipients: Vec<(String, String)> = org_contacts(txn, req.organisation_id).await?.into_iter().map(|u| (u.email, u.name)).collect();
            if matches!(from, EnrolmentStatus::Placed | EnrolmentStatus::Approved | EnrolmentStatus::Waitlisted) {
                recipients.push((prof.email.clone(), prof.name.clone()));
                for u in active_users(Role::BelCoordinator).all(txn).await? {
                    recipients.push((u.email, u.name));
                }
            } else if from == EnrolmentStatus::Submitted {
                for u in deciders(txn, &req).await? {
                    recipients.push((u.email, u.name));
                }
            }
            recipients.sort();
            recipients.dedup_by(|a, b| a.0 == b.0);
            // The participant's invitation to the days is withdrawn with the mail to them.
            let cancel = match (&group, from) {
                (Some(g), EnrolmentStatus::Placed) => Some(leaving_calendar(txn, &e, g, &ctx.organizer, &prof.email).await?),
                _ => None,
            };
            for (to_addr, to_name) in recipients {
                let mut mail = notify::withdrawn(&to_addr, &to_name, &prof.name, group.as_ref().map(|g| g.name.as_str()), reason.as_deref());
                if let (Some(ics), true) = (&cancel, to_addr == prof.email) {
                    mail = mail.with_attachment(crate::roster::notify::ics("CANCEL", ics.clone()));
                }
                email::enqueue(txn, mail).await?;
            }
            Ok(req.id)
        })
    })
    .await?;
    state.mail_notify.notify_one();
    get_request(state, caller, RequestId(request_id)).await
}

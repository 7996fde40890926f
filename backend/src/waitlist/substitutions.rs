//! Substitution windows: after a placed professional withdraws, the organisation may name a substitute before the seat goes to the list.

use super::offers::{Ctx, OPEN, Outcome, SUBSTITUTION, accepting, group_and_programme, offer_seats, resolve, resolve_due};
use super::rules::{self};
use super::{notify, seats};
use crate::email;
use crate::roster::store::{load_enrolment, placement_mails, record_event, Timeline};
use crate::reference::lookup::{org_and_region, org_contacts};
use crate::entities::{
    enrolment, enrolment_request, professional, seat_hold,
};
use crate::error::{AppError, AppResult};
use crate::state::AppState;
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseTransaction, EntityTrait, QueryFilter, Set};
use va_openapi::enrolment::EnrolmentStatus;
use va_openapi::waitlist::SubstitutionStatus;
use va_openapi::{ErrorCode, UserId};

/// A placed professional withdrew: the organisation gets a window to name a
/// substitute before the seat goes to the list (no window: offered at once).
pub async fn seat_freed_by_withdrawal(
    txn: &DatabaseTransaction,
    ctx: &Ctx,
    e: &enrolment::Model,
    group_id: i64,
    actor: Option<UserId>,
) -> AppResult<()> {
    let (g, p) = group_and_programme(txn, group_id).await?;
    if !accepting(&g, ctx.today) {
        return Ok(());
    }
    let first = seats::first_day(txn, &g).await?;
    if rules::started(ctx.today, first) {
        return Ok(());
    }
    let window = if p.substitution_hours > 0 { rules::offer_deadline(ctx.now, p.substitution_hours, first) } else { None };
    let Some(deadline) = window else {
        offer_seats(txn, ctx, g.id, 1, None).await?;
        return Ok(());
    };
    let (org_id, region) = org_and_region(txn, e.professional_id).await?;
    seats::hold(txn, &g, region, ctx.today).await?;
    seat_hold::ActiveModel {
        group_id: Set(g.id),
        kind: Set(SUBSTITUTION.into()),
        status: Set(OPEN.into()),
        enrolment_id: Set(e.id),
        organisation_id: Set(org_id),
        region_id: Set(region),
        deadline: Set(deadline),
        token_hash: Set(None),
        manual_reason: Set(None),
        created_by: Set(actor.map(|a| a.0)),
        created_at: Set(ctx.now),
        resolved_at: Set(None),
        substitute_enrolment_id: Set(None),
        ..Default::default()
    }
    .insert(txn)
    .await?;
    let prof = professional::Entity::find_by_id(e.professional_id).one(txn).await?.ok_or(AppError::NotFound)?;
    let link = format!("{}/aanmeldingen/{}", ctx.public_url, e.request_id);
    for contact in org_contacts(txn, org_id).await? {
        email::enqueue(txn, notify::substitution_window(&contact, &prof.name, &g, deadline, &link)).await?;
    }
    Ok(())
}

/// The window, when the caller may act for its organisation (404 / 403 first,
/// so its state tells nothing to others), and only while it is open (409).
async fn open_substitution<C: ConnectionTrait>(db: &C, caller: &crate::auth::Caller, id: i64) -> AppResult<seat_hold::Model> {
    let h = seat_hold::Entity::find_by_id(id).one(db).await?.filter(|h| h.kind == SUBSTITUTION).ok_or(AppError::NotFound)?;
    may_act_for(caller, h.organisation_id)?;
    if h.status != OPEN {
        return Err(AppError::conflict(ErrorCode::OfferNotOpen, format!("this substitution window is {}", h.status)));
    }
    Ok(h)
}

fn may_act_for(caller: &crate::auth::Caller, org_id: i64) -> AppResult<()> {
    use crate::auth::rules::Scope;
    use va_openapi::auth::Role;
    match (caller.role, caller.scope) {
        (Role::BelCoordinator, _) => Ok(()),
        (Role::OrgContact, Scope::Organisation(o)) if o.0 == org_id => Ok(()),
        (Role::OrgContact, _) => Err(AppError::NotFound),
        _ => Err(AppError::Forbidden),
    }
}

/// The organisation names a substitute: placed at once in the held seat.
pub async fn substitute(
    state: &AppState,
    caller: &crate::auth::Caller,
    id: va_openapi::SubstitutionId,
    input: va_openapi::waitlist::SubstituteInput,
) -> AppResult<va_openapi::waitlist::SubstitutionView> {
    let mut errs = crate::error::validate::Errors::default();
    let name = errs.text("name", &input.name, va_openapi::MAX_NAME_LEN);
    let mail = errs.email("email", &input.email);
    let function = errs.opt_text("function", input.function.as_deref(), va_openapi::MAX_NAME_LEN);
    open_substitution(&state.db, caller, id.0).await?;
    errs.finish()?;
    let ctx = Ctx::of(state);
    let c = *caller;
    let ret_uhp = input.works_on_ret_uhp;
    let outcome = crate::db::write_txn(state, move |txn| {
        Box::pin(async move {
            let h = open_substitution(txn, &c, id.0).await?;
            if ctx.now >= h.deadline {
                release_one(txn, &ctx, &h).await?;
                return Ok(Outcome::Refused(ErrorCode::OfferExpired, "the substitution window has closed; the seat went to the waiting list".into()));
            }
            let (g, _) = group_and_programme(txn, h.group_id).await?;
            if rules::started(ctx.today, seats::first_day(txn, &g).await?) {
                return Err(AppError::conflict(ErrorCode::GroupStarted, format!("{} has started", g.name)));
            }
            let (withdrawn, _) = load_enrolment(txn, h.enrolment_id).await?;
            let prof = match professional::Entity::find().filter(professional::Column::Email.eq(mail.clone())).one(txn).await? {
                Some(p) if p.organisation_id == h.organisation_id => p,
                Some(_) => return Err(AppError::conflict(ErrorCode::AlreadyExists, format!("{mail} is registered with another organisation"))),
                None => {
                    professional::ActiveModel {
                        organisation_id: Set(h.organisation_id),
                        name: Set(name.clone()),
                        email: Set(mail.clone()),
                        function: Set(function.clone()),
                        created_at: Set(ctx.now),
                        ..Default::default()
                    }
                    .insert(txn)
                    .await?
                }
            };
            if let Some(existing) = crate::roster::store::existing_active_enrolment(txn, withdrawn.programme_id, prof.id, None).await? {
                return Err(crate::roster::store::already_enrolled(&prof.name, &existing));
            }
            let e = enrolment::ActiveModel {
                request_id: Set(withdrawn.request_id),
                programme_id: Set(withdrawn.programme_id),
                professional_id: Set(prof.id),
                function: Set(function),
                ret_uhp: Set(ret_uhp),
                remarks: Set(None),
                status: Set(EnrolmentStatus::Placed.as_str().into()),
                group_id: Set(Some(g.id)),
                waitlist_position: Set(None),
                last_reason: Set(None),
                approved_at: Set(Some(ctx.now)),
                priority_adjustment: Set(0),
                priority_reason: Set(None),
                created_at: Set(ctx.now),
                updated_at: Set(ctx.now),
                ..Default::default()
            }
            .insert(txn)
            .await?;
            if !resolve(txn, h.id, SubstitutionStatus::Substituted.as_str(), ctx.now, Some(e.id)).await? {
                return Err(AppError::conflict(ErrorCode::OfferNotOpen, "this substitution window was closed meanwhile"));
            }
            seats::convert(txn, g.id).await?;
            let old_name = professional::Entity::find_by_id(withdrawn.professional_id).one(txn).await?.map(|p| p.name).unwrap_or_default();
            record_event(txn, Timeline::of(&e, "waitlist", "substitute", EnrolmentStatus::Approved, EnrolmentStatus::Placed).at(ctx.now).by(Some(c.user_id)).reason(Some(format!("{}: vervangt {old_name}", g.name))))
                .await?;
            let req = enrolment_request::Entity::find_by_id(e.request_id).one(txn).await?.ok_or(AppError::NotFound)?;
            placement_mails(txn, &e, &g, req.organisation_id, &ctx.organizer).await?;
            Ok(Outcome::Done)
        })
    })
    .await?;
    state.mail_notify.notify_one();
    if let Outcome::Refused(code, detail) = outcome {
        return Err(AppError::conflict(code, detail));
    }
    substitution_view(&state.db, id.0).await
}

async fn release_one(txn: &DatabaseTransaction, ctx: &Ctx, h: &seat_hold::Model) -> AppResult<bool> {
    if !resolve(txn, h.id, SubstitutionStatus::Released.as_str(), ctx.now, None).await? {
        return Ok(false);
    }
    seats::release(txn, h.group_id).await?;
    offer_seats(txn, ctx, h.group_id, 1, None).await?;
    Ok(true)
}

/// The organisation has no substitute: the seat goes to the list now.
pub async fn release_substitution(
    state: &AppState,
    caller: &crate::auth::Caller,
    id: va_openapi::SubstitutionId,
) -> AppResult<va_openapi::waitlist::SubstitutionView> {
    open_substitution(&state.db, caller, id.0).await?;
    let c = *caller;
    let ctx = Ctx::of(state);
    let actor = caller.user_id;
    crate::db::write_txn(state, move |txn| {
        Box::pin(async move {
            let h = open_substitution(txn, &c, id.0).await?;
            release_one(txn, &ctx, &h).await?;
            crate::audit::record(txn, Some(actor), "waitlist.substitution_released", &format!("substitution:{}", h.id), None).await?;
            Ok(())
        })
    })
    .await?;
    state.mail_notify.notify_one();
    substitution_view(&state.db, id.0).await
}

/// Windows past their deadline: the seat goes to the list.
pub async fn release_due(state: &AppState) -> AppResult<usize> {
    resolve_due(state, SUBSTITUTION, |txn, ctx, h| Box::pin(async move { release_one(txn, &ctx, &h).await })).await
}

pub async fn substitution_view<C: ConnectionTrait>(db: &C, id: i64) -> AppResult<va_openapi::waitlist::SubstitutionView> {
    let h = seat_hold::Entity::find_by_id(id).one(db).await?.filter(|h| h.kind == SUBSTITUTION).ok_or(AppError::NotFound)?;
    super::views::substitutions(db, vec![h]).await?.into_iter().next().ok_or(AppError::NotFound)
}

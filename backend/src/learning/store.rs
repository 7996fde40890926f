//! Reads of the learning network and the views built from them, as far as
//! the caller may see them; the lock and the waiting list's fill that every
//! change of places runs inside its transaction.

use super::{notify, rules};
use crate::auth::rules::{may_see_professionals, Scope};
use crate::auth::Caller;
use crate::email;
use crate::entities::{enrolment, learning_registration as reg, learning_session as session, organisation, professional, user};
use crate::error::{AppError, AppResult};
use crate::followup::sessions::trained;
use crate::reference::lookup::{self, Names};
use crate::state::AppState;
use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};
use crate::auth::JwtKeys;
use std::collections::HashMap;
use std::sync::Arc;
use va_openapi::auth::NamedRef;
use va_openapi::learning::*;
use va_openapi::*;

pub const PLANNED: &str = "planned";
pub const CANCELLED: &str = "cancelled";

/// What a transaction here needs besides the database.
#[derive(Clone)]
pub struct Ctx {
    pub now: DateTime<Utc>,
    pub today: NaiveDate,
    pub public_url: String,
    pub organizer: String,
    /// Signs the professionals' personal links.
    pub keys: Arc<JwtKeys>,
}

impl Ctx {
    pub fn of(state: &AppState) -> Ctx {
        Ctx {
            now: state.settings.clock.now(),
            today: state.settings.clock.today(),
            public_url: state.settings.public_url.trim_end_matches('/').to_string(),
            organizer: state.settings.organizer(),
            keys: state.keys.clone(),
        }
    }

    pub fn link(&self, s: &session::Model) -> String {
        format!("{}/leernetwerk/{}", self.public_url, s.id)
    }
}

pub fn status(r: &reg::Model) -> RegistrationStatus {
    RegistrationStatus::parse(&r.status).unwrap_or(RegistrationStatus::Cancelled)
}

/// Registered, or a place held for an offer.
pub fn takes_place(r: &reg::Model) -> bool {
    matches!(status(r), RegistrationStatus::Registered | RegistrationStatus::Offered)
}

pub fn active(r: &reg::Model) -> bool {
    status(r) != RegistrationStatus::Cancelled
}

pub fn waiters(regs: &[reg::Model]) -> Vec<rules::Waiter> {
    regs.iter().filter(|r| status(r) == RegistrationStatus::Waiting).map(|r| rules::Waiter { id: r.id, ret_uhp: r.ret_uhp, registered_at: r.registered_at }).collect()
}

pub fn is_cancelled(s: &session::Model) -> bool {
    s.status == CANCELLED
}

/// Takes the session's row lock (PostgreSQL; SQLite's write lock is held already),
/// so concurrent registrations count places one after another. 404 when gone.
pub async fn lock<C: ConnectionTrait>(txn: &C, id: LearningSessionId) -> AppResult<session::Model> {
    let res = session::Entity::update_many().col_expr(session::Column::Sequence, Expr::col(session::Column::Sequence).into()).filter(session::Column::Id.eq(id.0)).exec(txn).await?;
    if res.rows_affected != 1 {
        return Err(AppError::NotFound);
    }
    session::Entity::find_by_id(id.0).one(txn).await?.ok_or(AppError::NotFound)
}

pub async fn regs_of<C: ConnectionTrait>(db: &C, session_id: i64) -> AppResult<Vec<reg::Model>> {
    Ok(reg::Entity::find().filter(reg::Column::SessionId.eq(session_id)).all(db).await?)
}

/// Who hears of an offer for a professional: whoever registered them and their organisation's contacts.
async fn offer_recipients<C: ConnectionTrait>(db: &C, r: &reg::Model, p: &professional::Model) -> AppResult<Vec<user::Model>> {
    let mut out = lookup::org_contacts(db, p.organisation_id).await?;
    if let Some(by) = r.registered_by {
        if let Some(u) = user::Entity::find_by_id(by).one(db).await?.filter(|u| u.active) {
            if !out.iter().any(|o| o.email == u.email) {
                out.push(u);
            }
        }
    }
    Ok(out)
}

/// What a professional's calendar event of a session says next.
pub enum Event<'a> {
    /// The invitation: they have a place.
    Placed,
    /// Its update: the session's date, time or place changed.
    Changed,
    /// Its cancellation: the place given up, or the session cancelled (with the reason).
    Withdrawn(Option<&'a str>),
}

/// Raises the SEQUENCE of the professional's event (its UID stays) and mails
/// them the invitation, its update or its cancellation.
pub async fn send_event<C: ConnectionTrait>(txn: &C, s: &session::Model, r: &reg::Model, event: Event<'_>, ctx: &Ctx) -> AppResult<()> {
    let seq = r.sequence + 1;
    reg::Entity::update_many().col_expr(reg::Column::Sequence, Expr::value(seq)).filter(reg::Column::Id.eq(r.id)).exec(txn).await?;
    if let Some(p) = professional::Entity::find_by_id(r.professional_id).one(txn).await? {
        let mail = match event {
            Event::Placed => notify::placed(&p, s, seq, &ctx.organizer, ctx.now, false),
            Event::Changed => notify::placed(&p, s, seq, &ctx.organizer, ctx.now, true),
            Event::Withdrawn(reason) => notify::withdrawn(&p, s, seq, reason, &ctx.organizer, ctx.now),
        };
        email::enqueue(txn, mail).await?;
    }
    Ok(())
}

/// Gives a place, with the calendar invitation.
pub async fn give_place<C: ConnectionTrait>(txn: &C, s: &session::Model, r: &reg::Model, ctx: &Ctx) -> AppResult<()> {
    reg::Entity::update_many()
        .col_expr(reg::Column::Status, Expr::value(RegistrationStatus::Registered.as_str()))
        .col_expr(reg::Column::OfferExpiresAt, Expr::value(Option::<DateTime<Utc>>::None))
        .filter(reg::Column::Id.eq(r.id))
        .exec(txn)
        .await?;
    send_event(txn, s, r, Event::Placed, ctx).await
}

/// Withdraws a registration: no place, no wait, no offer.
pub async fn cancel<C: ConnectionTrait>(txn: &C, id: i64) -> AppResult<()> {
    reg::Entity::update_many()
        .col_expr(reg::Column::Status, Expr::value(RegistrationStatus::Cancelled.as_str()))
        .col_expr(reg::Column::OfferExpiresAt, Expr::value(Option::<DateTime<Utc>>::None))
        .filter(reg::Column::Id.eq(id))
        .exec(txn)
        .await?;
    Ok(())
}

/// Offers the free places to the front of the waiting list; with no time
/// left for an offer, gives the place itself. Returns how many moved up.
pub async fn fill<C: ConnectionTrait>(txn: &C, s: &session::Model, ctx: &Ctx) -> AppResult<usize> {
    if !rules::open_for_changes(ctx.today, s.held_on, is_cancelled(s)) {
        return Ok(0);
    }
    let regs = regs_of(txn, s.id).await?;
    let taken = regs.iter().filter(|r| takes_place(r)).count() as i32;
    let picked = rules::next(&waiters(&regs), s.capacity - taken);
    for id in &picked {
        let Some(r) = regs.iter().find(|r| r.id == *id) else { continue };
        match rules::offer_deadline(ctx.now, s.held_on) {
            Some(until) => {
                reg::Entity::update_many()
                    .col_expr(reg::Column::Status, Expr::value(RegistrationStatus::Offered.as_str()))
                    .col_expr(reg::Column::OfferExpiresAt, Expr::value(Some(until)))
                    .filter(reg::Column::Id.eq(r.id))
                    .exec(txn)
                    .await?;
                if let Some(p) = professional::Entity::find_by_id(r.professional_id).one(txn).await? {
                    for to in offer_recipients(txn, r, &p).await? {
                        email::enqueue(txn, notify::offered(&to, &p, s, until, &ctx.link(s))).await?;
                    }
                    // Who registered by their own link answers with a new one.
                    if r.registered_by.is_none() {
                        let url = super::links::mint(txn, s, p.id, None, ctx).await?;
                        email::enqueue(txn, notify::offered_by_link(&p, s, until, &url)).await?;
                    }
                }
            }
            None => give_place(txn, s, r, ctx).await?,
        }
        crate::audit::record(txn, None, "learning.offered", &format!("learning_registration:{}", r.id), None).await?;
    }
    Ok(picked.len())
}

/// Does any enrolment of the professional say they work on RET or out-of-home-placement cases?
pub async fn ret_uhp<C: ConnectionTrait>(db: &C, professional_id: i64) -> AppResult<bool> {
    Ok(enrolment::Entity::find().filter(enrolment::Column::ProfessionalId.eq(professional_id)).filter(enrolment::Column::RetUhp.eq(true)).one(db).await?.is_some())
}

/// The organisation of a contact (for which sessions are open to them).
pub async fn caller_org_region(state: &AppState, caller: &Caller) -> AppResult<Option<i64>> {
    Ok(match caller.organisation() {
        Some(o) => organisation::Entity::find_by_id(o.0).one(&state.db).await?.and_then(|o| o.region_id),
        None => None,
    })
}

/// 404 unless the caller may read the session.
pub async fn readable(state: &AppState, caller: &Caller, id: LearningSessionId) -> AppResult<session::Model> {
    let s = session::Entity::find_by_id(id.0).one(&state.db).await?.ok_or(AppError::NotFound)?;
    if rules::may_read(caller.scope, s.region_id, caller_org_region(state, caller).await?) {
        Ok(s)
    } else {
        Err(AppError::NotFound)
    }
}

/// Everything the views need, loaded once per answer.
pub struct Facts {
    pub names: Names,
    pub profs: HashMap<i64, professional::Model>,
}

pub async fn facts<C: ConnectionTrait>(db: &C, regs: &[reg::Model], extra: impl IntoIterator<Item = i64>) -> AppResult<Facts> {
    let ids: Vec<i64> = regs.iter().map(|r| r.professional_id).chain(extra).collect();
    let profs = professional::Entity::find().filter(professional::Column::Id.is_in(ids)).all(db).await?.into_iter().map(|p| (p.id, p)).collect();
    Ok(Facts { names: lookup::names(db).await?, profs })
}

impl Facts {
    fn org_region(&self, org: i64) -> Option<RegionId> {
        self.names.organisation(org).and_then(|o| o.region_id).map(RegionId)
    }

    /// May the caller see (and register, withdraw) this professional?
    pub fn sees(&self, scope: Scope, p: &professional::Model) -> bool {
        may_see_professionals(scope, OrganisationId(p.organisation_id), self.org_region(p.organisation_id))
    }

    pub fn summary(&self, caller: &Caller, s: &session::Model, regs: &[reg::Model]) -> LearningSessionSummary {
        let mine = regs.iter().filter(|r| status(r) == RegistrationStatus::Registered && self.profs.get(&r.professional_id).is_some_and(|p| self.sees(caller.scope, p))).count() as i32;
        LearningSessionSummary {
            id: LearningSessionId(s.id),
            scope: LearningScope::parse(&s.scope).unwrap_or(LearningScope::SupraRegional),
            region: self.names.region(s.region_id),
            title: s.title.clone(),
            held_on: s.held_on,
            starts_at: s.starts_at.clone(),
            ends_at: s.ends_at.clone(),
            place: s.place.clone(),
            capacity: s.capacity,
            target_group: s.target_group.clone(),
            taken: regs.iter().filter(|r| takes_place(r)).count() as i32,
            waiting: regs.iter().filter(|r| status(r) == RegistrationStatus::Waiting).count() as i32,
            mine,
            cancelled: is_cancelled(s),
            reported: s.reported_at.is_some(),
            can_manage: rules::may_organise(caller.scope, s.region_id),
        }
    }

    /// The registrations the caller sees by name: active ones, the waiting list in its order.
    pub fn registrations(&self, caller: &Caller, s: &session::Model, regs: &[reg::Model], today: NaiveDate) -> Vec<LearningRegistration> {
        let order = rules::order(&waiters(regs));
        let open = rules::open_for_changes(today, s.held_on, is_cancelled(s));
        let mut out: Vec<LearningRegistration> = regs
            .iter()
            .filter(|r| active(r))
            .filter_map(|r| {
                let p = self.profs.get(&r.professional_id).filter(|p| self.sees(caller.scope, p))?;
                Some(LearningRegistration {
                    id: LearningRegistrationId(r.id),
                    professional: NamedRef { id: ProfessionalId(p.id), name: p.name.clone() },
                    organisation: self.names.org(p.organisation_id),
                    status: status(r),
                    position: order.iter().position(|id| *id == r.id).map(|i| i as i32 + 1),
                    offer_expires_at: r.offer_expires_at,
                    attended: r.attended,
                    registered_at: r.registered_at,
                    can_change: open && caller.role != va_openapi::auth::Role::Trainer,
                })
            })
            .collect();
        let rank = |r: &LearningRegistration| match r.status {
            RegistrationStatus::Registered => 0,
            RegistrationStatus::Offered => 1,
            RegistrationStatus::Waiting => 2,
            RegistrationStatus::Cancelled => 3,
        };
        out.sort_by(|a, b| (rank(a), a.position, &a.professional.name).cmp(&(rank(b), b.position, &b.professional.name)));
        out
    }
}

/// One session as the caller sees it, with the trained professionals they may still register.
pub async fn view(state: &AppState, caller: &Caller, s: &session::Model) -> AppResult<LearningSession> {
    let db = &state.db;
    let today = state.settings.clock.today();
    let regs = regs_of(db, s.id).await?;
    let open = rules::open_for_changes(today, s.held_on, is_cancelled(s));
    let trained = if open && caller.role != va_openapi::auth::Role::Trainer { trained(db).await? } else { HashMap::new() };
    let f = facts(db, &regs, trained.keys().copied()).await?;
    let busy: Vec<i64> = regs.iter().filter(|r| active(r)).map(|r| r.professional_id).collect();
    let sent = if open { super::links::sent_at(db, s.id).await? } else { HashMap::new() };
    let mut candidates: Vec<LearningCandidate> = trained
        .iter()
        .filter(|(p, _)| !busy.contains(p))
        .filter_map(|(p, t)| {
            let p = f.profs.get(p).filter(|p| p.erased_at.is_none() && f.sees(caller.scope, p))?;
            rules::open_to(s.region_id, f.org_region(p.organisation_id).map(|r| r.0)).then(|| LearningCandidate {
                professional: NamedRef { id: ProfessionalId(p.id), name: p.name.clone() },
                organisation: f.names.org(p.organisation_id),
                trained_on: t.on,
                link_sent_at: sent.get(&p.id).copied(),
            })
        })
        .collect();
    candidates.sort_by(|a, b| (&a.organisation.name, &a.professional.name).cmp(&(&b.organisation.name, &b.professional.name)));
    Ok(LearningSession {
        summary: f.summary(caller, s, &regs),
        description: s.description.clone(),
        cancel_reason: s.cancel_reason.clone(),
        registrations: f.registrations(caller, s, &regs, today),
        candidates,
        report: s.report.clone(),
        reported_at: s.reported_at,
        held: rules::held(today, s.held_on, is_cancelled(s)),
    })
}

/// Has the professional a place, a wait or an offer for a session still to come?
/// (Erasure waits until it is withdrawn or held.)
pub async fn upcoming_registration<C: ConnectionTrait>(db: &C, professional_id: i64, today: NaiveDate) -> AppResult<bool> {
    let regs = reg::Entity::find().filter(reg::Column::ProfessionalId.eq(professional_id)).all(db).await?;
    let sessions: Vec<i64> = regs.iter().filter(|r| active(r)).map(|r| r.session_id).collect();
    if sessions.is_empty() {
        return Ok(false);
    }
    Ok(session::Entity::find()
        .filter(session::Column::Id.is_in(sessions))
        .filter(session::Column::Status.eq(PLANNED))
        .filter(session::Column::HeldOn.gte(today))
        .one(db)
        .await?
        .is_some())
}

//! Offers of freed seats to the waiting list, and substitution windows.
//!
//! A freed seat (withdrawal, capacity raised, new group, a declined or expired
//! offer) is held for the next eligible entry, who gets a signed single-use
//! link with a deadline. Everything here runs inside the caller's write
//! transaction, so a hold, its row and its email commit together or not at all.

use super::rules::{self, Candidate};
use super::{notify, seats};
use crate::auth::{links, JwtKeys};
use crate::clock::local_date;
use crate::email;
use crate::roster::rules::{group_accepts_placements, transition, Event};
use crate::roster::store::{illegal, load_enrolment, placement_mails, record_event, set_status, status_of, Timeline};
use crate::reference::lookup::{org_contacts, professionals_of};
use crate::entities::{
    enrolment, enrolment_request, organisation, professional, programme, readiness_check, seat_hold, training_day,
    training_group,
};
use crate::error::{AppError, AppResult};
use crate::state::AppState;
use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseTransaction, EntityTrait, QueryFilter, QueryOrder, Set};
use std::collections::{HashMap, HashSet};
use std::sync::Arc;
use va_openapi::enrolment::EnrolmentStatus;
use va_openapi::waitlist::OfferStatus;
use va_openapi::{ErrorCode, UserId};

pub const OFFER: &str = "offer";
pub const SUBSTITUTION: &str = "substitution";
pub(super) const OPEN: &str = "open";

/// Open holds of `kind` (`OFFER` or `SUBSTITUTION`) of these enrolments, by enrolment.
pub async fn open_holds<C: ConnectionTrait>(db: &C, kind: &str, enrolment_ids: impl IntoIterator<Item = i64>) -> AppResult<HashMap<i64, seat_hold::Model>> {
    Ok(seat_hold::Entity::find()
        .filter(seat_hold::Column::Kind.eq(kind))
        .filter(seat_hold::Column::Status.eq(OPEN))
        .filter(seat_hold::Column::EnrolmentId.is_in(enrolment_ids))
        .all(db)
        .await?
        .into_iter()
        .map(|h| (h.enrolment_id, h))
        .collect())
}

/// What a transaction here needs besides the database: the time, the link key and the base URL.
#[derive(Clone)]
pub struct Ctx {
    pub now: DateTime<Utc>,
    pub today: NaiveDate,
    pub keys: Arc<JwtKeys>,
    pub public_url: String,
    /// The planner's mail address: the ORGANIZER of the training days' invitations.
    pub organizer: String,
}

impl Ctx {
    pub fn of(state: &AppState) -> Ctx {
        let now = state.settings.clock.now();
        Ctx {
            now,
            today: local_date(now),
            keys: state.keys.clone(),
            public_url: state.settings.public_url.trim_end_matches('/').to_string(),
            organizer: state.settings.organizer(),
        }
    }
}

pub(super) fn accepting(g: &training_group::Model, today: NaiveDate) -> bool {
    group_accepts_placements(crate::reference::lookup::group_status(g, today))
}


pub(super) async fn group_and_programme<C: ConnectionTrait>(db: &C, group_id: i64) -> AppResult<(training_group::Model, programme::Model)> {
    let g = training_group::Entity::find_by_id(group_id).one(db).await?.ok_or(AppError::NotFound)?;
    let p = programme::Entity::find_by_id(g.programme_id).one(db).await?.ok_or(AppError::NotFound)?;
    Ok((g, p))
}

/// Entries of the list as promotion sees them: who is blocked for this group and why.
pub(super) async fn candidates(txn: &DatabaseTransaction, p: &programme::Model, group_id: i64) -> AppResult<(Vec<Candidate>, HashMap<i64, enrolment::Model>)> {
    let rows = super::service::waiting(txn, p.id).await?;
    let profs = professionals_of(txn, &rows).await?;
    let orgs: HashMap<i64, Option<i64>> =
        organisation::Entity::find().all(txn).await?.into_iter().map(|o| (o.id, o.region_id)).collect();
    // Offers of the programme's groups (a short list, unlike the entries).
    let group_ids: Vec<i64> =
        training_group::Entity::find().filter(training_group::Column::ProgrammeId.eq(p.id)).all(txn).await?.into_iter().map(|g| g.id).collect();
    let holds = seat_hold::Entity::find()
        .filter(seat_hold::Column::Kind.eq(OFFER))
        .filter(seat_hold::Column::GroupId.is_in(group_ids))
        .all(txn)
        .await?;
    // An open offer anywhere, or any earlier offer of this group, blocks the entry for this group.
    let blocked: HashSet<i64> =
        holds.iter().filter(|h| h.status == OPEN || h.group_id == group_id).map(|h| h.enrolment_id).collect();
    let gate_ok: Option<HashSet<i64>> = if p.readiness_gate {
        let reqs = enrolment_request::Entity::find()
            .filter(enrolment_request::Column::Id.is_in(rows.iter().map(|e| e.request_id)))
            .all(txn)
            .await?;
        let completed: HashSet<i64> = readiness_check::Entity::find()
            .filter(readiness_check::Column::Id.is_in(reqs.iter().filter_map(|r| r.readiness_check_id)))
            .filter(readiness_check::Column::Status.eq("completed"))
            .all(txn)
            .await?
            .into_iter()
            .map(|c| c.id)
            .collect();
        Some(reqs.into_iter().filter(|r| r.readiness_check_id.is_some_and(|c| completed.contains(&c))).map(|r| r.id).collect())
    } else {
        None
    };
    let list = rows
        .iter()
        .map(|e| Candidate {
            entry: super::service::entry_of(e),
            region: profs.get(&e.professional_id).and_then(|p| orgs.get(&p.organisation_id).copied().flatten()),
            blocked: blocked.contains(&e.id) || gate_ok.as_ref().is_some_and(|ok| !ok.contains(&e.request_id)),
        })
        .collect();
    Ok((list, rows.into_iter().map(|e| (e.id, e)).collect()))
}

/// Offers up to `n` free seats of a group to the list, in list order (entries
/// of `prefer_region` first, for a group opened for that region). No offers
/// once the group has started or when no deadline fits before its first day.
pub async fn offer_seats(txn: &DatabaseTransaction, ctx: &Ctx, group_id: i64, n: i32, prefer_region: Option<i64>) -> AppResult<usize> {
    let (g, p) = group_and_programme(txn, group_id).await?;
    if n <= 0 || !accepting(&g, ctx.today) {
        return Ok(0);
    }
    let first = seats::first_day(txn, &g).await?;
    if rules::started(ctx.today, first) {
        return Ok(0);
    }
    let Some(deadline) = rules::offer_deadline(ctx.now, p.offer_hours, first) else { return Ok(0) };
    let quotas = seats::active_quotas(txn, &g, &p, ctx.today).await?;
    let occ = seats::occupancy(txn, &g, quotas).await?;
    let seats_n = usize::try_from(n.min(occ.free())).unwrap_or(0);
    if seats_n == 0 {
        return Ok(0);
    }
    let (mut list, by_id) = candidates(txn, &p, g.id).await?;
    let mut occ = occ;
    let mut made = 0;
    // Normally one round. An entry that got an offer in a concurrent transaction
    // meanwhile is passed over (see `create_offer`), and the seat goes to the next.
    loop {
        let picked = pick(&list, seats_n - made, &occ, prefer_region);
        if picked.is_empty() {
            break;
        }
        let mut passed_over = false;
        for id in picked {
            let Some(c) = list.iter_mut().find(|c| c.entry.id == id) else { continue };
            c.blocked = true;
            let region = c.region;
            let Some(e) = by_id.get(&id) else { continue };
            if create_offer(txn, ctx, &g, e, region, deadline, None).await?.is_some() {
                occ.take(region);
                made += 1;
            } else {
                passed_over = true;
            }
        }
        if !passed_over || made >= seats_n {
            break;
        }
    }
    if made > 0 {
        tracing::info!(group = g.id, offers = made, "waiting-list offers made");
    }
    Ok(made)
}

/// The next `n` entries in list order (those of `prefer_region` first).
fn pick(list: &[Candidate], n: usize, occ: &rules::Occupancy, prefer_region: Option<i64>) -> Vec<i64> {
    let Some(r) = prefer_region else { return rules::promote(list, n, occ) };
    let mut first = rules::promote(&list.iter().filter(|c| c.region == Some(r)).cloned().collect::<Vec<_>>(), n, occ);
    if first.len() < n {
        let mut after = occ.clone();
        for _ in &first {
            after.take(Some(r));
        }
        let rest: Vec<Candidate> = list.iter().filter(|c| !first.contains(&c.entry.id)).cloned().collect();
        first.extend(rules::promote(&rest, n - first.len(), &after));
    }
    first
}

/// Holds a seat for `e` and sends the offer: a signed link the professional can
/// use once. `None` when `e` is no longer waiting or has an open offer already:
/// the enrolment row is locked first, so two transactions offering seats of
/// different groups cannot both pick the same person.
pub async fn create_offer(
    txn: &DatabaseTransaction,
    ctx: &Ctx,
    g: &training_group::Model,
    e: &enrolment::Model,
    region: Option<i64>,
    deadline: DateTime<Utc>,
    manual: Option<(UserId, String)>,
) -> AppResult<Option<seat_hold::Model>> {
    let locked = enrolment::Entity::update_many()
        .col_expr(enrolment::Column::UpdatedAt, Expr::value(ctx.now))
        .filter(enrolment::Column::Id.eq(e.id))
        .filter(enrolment::Column::Status.is_in([EnrolmentStatus::Approved.as_str(), EnrolmentStatus::Waitlisted.as_str()]))
        .exec(txn)
        .await?;
    let open = seat_hold::Entity::find()
        .filter(seat_hold::Column::Kind.eq(OFFER))
        .filter(seat_hold::Column::EnrolmentId.eq(e.id))
        .filter(seat_hold::Column::Status.eq(OPEN))
        .one(txn)
        .await?;
    if locked.rows_affected != 1 || open.is_some() {
        return Ok(None);
    }
    seats::hold(txn, g, region, ctx.today).await?;
    let prof = professional::Entity::find_by_id(e.professional_id).one(txn).await?.ok_or(AppError::NotFound)?;
    let hold = seat_hold::ActiveModel {
        group_id: Set(g.id),
        kind: Set(OFFER.into()),
        status: Set(OPEN.into()),
        enrolment_id: Set(e.id),
        organisation_id: Set(prof.organisation_id),
        region_id: Set(region),
        deadline: Set(deadline),
        token_hash: Set(None),
        manual_reason: Set(manual.as_ref().map(|m| m.1.clone())),
        created_by: Set(manual.as_ref().map(|m| m.0 .0)),
        created_at: Set(ctx.now),
        resolved_at: Set(None),
        substitute_enrolment_id: Set(None),
        ..Default::default()
    }
    .insert(txn)
    .await?;
    let token = links::new_link(&ctx.keys, OFFER, hold.id);
    seat_hold::Entity::update_many()
        .col_expr(seat_hold::Column::TokenHash, Expr::value(Some(links::token_hash(&token))))
        .filter(seat_hold::Column::Id.eq(hold.id))
        .exec(txn)
        .await?;
    let status = status_of(e)?;
    let until = crate::email::templates::fmt_nl(deadline);
    let reason = match &manual {
        Some((_, why)) => format!("{}, reageren vóór {until}; buiten de volgorde: {why}", g.name),
        None => format!("{}, reageren vóór {until}", g.name),
    };
    record_event(txn, Timeline::of(e, "waitlist", "offer", status, status).at(ctx.now).by(manual.as_ref().map(|m| m.0)).reason(Some(reason))).await?;
    let days = training_day::Entity::find()
        .filter(training_day::Column::GroupId.eq(g.id))
        .order_by_asc(training_day::Column::Day)
        .all(txn)
        .await?;
    let link = |answer: &str| format!("{}/aanbod?token={token}&antwoord={answer}", ctx.public_url);
    email::enqueue(txn, notify::offer(&prof, g, &days, deadline, &link("ja"), &link("nee"))).await?;
    for contact in org_contacts(txn, prof.organisation_id).await? {
        email::enqueue(txn, notify::offer_contact(&contact, &prof.name, g, deadline)).await?;
    }
    Ok(Some(hold))
}

/// Moves a hold from open to `to`; false when someone else resolved it first.
pub(super) async fn resolve<C: ConnectionTrait>(db: &C, id: i64, to: &str, now: DateTime<Utc>, substitute: Option<i64>) -> AppResult<bool> {
    let mut q = seat_hold::Entity::update_many()
        .col_expr(seat_hold::Column::Status, Expr::value(to))
        .col_expr(seat_hold::Column::ResolvedAt, Expr::value(Some(now)));
    if let Some(s) = substitute {
        q = q.col_expr(seat_hold::Column::SubstituteEnrolmentId, Expr::value(Some(s)));
    }
    let res = q.filter(seat_hold::Column::Id.eq(id)).filter(seat_hold::Column::Status.eq(OPEN)).exec(db).await?;
    Ok(res.rows_affected == 1)
}

/// An open offer past its deadline: expired, the seat offered on.
pub async fn expire_one(txn: &DatabaseTransaction, ctx: &Ctx, h: &seat_hold::Model) -> AppResult<bool> {
    if !resolve(txn, h.id, OfferStatus::Expired.as_str(), ctx.now, None).await? {
        return Ok(false);
    }
    seats::release(txn, h.group_id).await?;
    let e = enrolment::Entity::find_by_id(h.enrolment_id).one(txn).await?.ok_or(AppError::NotFound)?;
    let (g, _) = group_and_programme(txn, h.group_id).await?;
    let status = status_of(&e)?;
    record_event(txn, Timeline::of(&e, "waitlist", "offer_expired", status, status).at(ctx.now).reason(Some(g.name.clone()))).await?;
    if let Some(p) = professional::Entity::find_by_id(e.professional_id).one(txn).await? {
        email::enqueue(txn, notify::offer_expired(&p, &g)).await?;
    }
    offer_seats(txn, ctx, h.group_id, 1, None).await?;
    Ok(true)
}

/// Withdraws the open offers of an entry (placed or withdrawn otherwise) and
/// frees their seats; returns the groups, to be offered on once the caller's
/// own seat change is done.
pub async fn cancel_open_offers(txn: &DatabaseTransaction, ctx: &Ctx, enrolment_id: i64) -> AppResult<Vec<i64>> {
    let open = seat_hold::Entity::find()
        .filter(seat_hold::Column::Kind.eq(OFFER))
        .filter(seat_hold::Column::EnrolmentId.eq(enrolment_id))
        .filter(seat_hold::Column::Status.eq(OPEN))
        .all(txn)
        .await?;
    let mut groups = Vec::new();
    for h in open {
        if resolve(txn, h.id, OfferStatus::Cancelled.as_str(), ctx.now, None).await? {
            seats::release(txn, h.group_id).await?;
            groups.push(h.group_id);
        }
    }
    Ok(groups)
}

/// The group was cancelled: every open offer and substitution window in it
/// lapses (the people stay on the list). Returns the enrolments that held one.
pub async fn cancel_group_holds(txn: &DatabaseTransaction, ctx: &Ctx, group_id: i64) -> AppResult<Vec<i64>> {
    let open = seat_hold::Entity::find()
        .filter(seat_hold::Column::GroupId.eq(group_id))
        .filter(seat_hold::Column::Status.eq(OPEN))
        .all(txn)
        .await?;
    let mut people = Vec::new();
    for h in open {
        if resolve(txn, h.id, OfferStatus::Cancelled.as_str(), ctx.now, None).await? {
            seats::release(txn, h.group_id).await?;
            people.push(h.enrolment_id);
        }
    }
    Ok(people)
}

/// A refusal that still commits what was found out (an offer that turned out
/// to be expired is expired and offered on, then the answer is refused).
pub enum Outcome {
    Done,
    Refused(ErrorCode, String),
}

fn parse_token(state: &AppState, token: &str) -> AppResult<i64> {
    links::link_id(&state.keys, OFFER, token).ok_or(AppError::TokenInvalid)
}

async fn offer_of_token<C: ConnectionTrait>(db: &C, id: i64, token: &str) -> AppResult<seat_hold::Model> {
    let h = seat_hold::Entity::find_by_id(id).one(db).await?.filter(|h| h.kind == OFFER).ok_or(AppError::TokenInvalid)?;
    if h.token_hash.as_deref() != Some(links::token_hash(token.trim()).as_str()) {
        return Err(AppError::TokenInvalid);
    }
    Ok(h)
}

/// What the link shows: the professional's own offer, nothing else.
pub async fn lookup(state: &AppState, token: &str) -> AppResult<va_openapi::waitlist::PublicOffer> {
    let id = parse_token(state, token)?;
    let h = offer_of_token(&state.db, id, token).await?;
    public_view(&state.db, &h).await
}

async fn public_view<C: ConnectionTrait>(db: &C, h: &seat_hold::Model) -> AppResult<va_openapi::waitlist::PublicOffer> {
    let e = enrolment::Entity::find_by_id(h.enrolment_id).one(db).await?.ok_or(AppError::NotFound)?;
    let p = professional::Entity::find_by_id(e.professional_id).one(db).await?.ok_or(AppError::NotFound)?;
    let (g, _) = group_and_programme(db, h.group_id).await?;
    let days = training_day::Entity::find()
        .filter(training_day::Column::GroupId.eq(g.id))
        .order_by_asc(training_day::Column::Day)
        .all(db)
        .await?;
    let status = status_of(&e)?;
    Ok(va_openapi::waitlist::PublicOffer {
        professional: p.name,
        group: g.name,
        days: days
            .into_iter()
            .map(|d| va_openapi::enrolment::TrainingDay { day: d.day, starts_at: d.starts_at, ends_at: d.ends_at, place: d.place })
            .collect(),
        status: OfferStatus::parse(&h.status).unwrap_or(OfferStatus::Cancelled),
        deadline: h.deadline,
        on_list: matches!(status, EnrolmentStatus::Approved | EnrolmentStatus::Waitlisted),
    })
}

/// The professional accepts or declines through the link. Two answers to one
/// offer: the first wins (guarded update), the second is refused.
pub async fn answer(state: &AppState, input: va_openapi::waitlist::OfferAnswer) -> AppResult<va_openapi::waitlist::PublicOffer> {
    let id = parse_token(state, &input.token)?;
    let ctx = Ctx::of(state);
    let token = input.token.clone();
    let outcome = crate::db::write_txn(state, move |txn| {
        Box::pin(async move {
            // Answers to one offer queue here (the row lock on PostgreSQL; SQLite's writer), so
            // a later one reads the first one's outcome and is refused as offer_not_open.
            crate::db::lock_row::<seat_hold::Entity, _>(txn, seat_hold::Column::Id, id).await?;
            let h = offer_of_token(txn, id, &token).await?;
            match OfferStatus::parse(&h.status) {
                Some(OfferStatus::Open) => {}
                Some(OfferStatus::Expired) => {
                    return Ok(Outcome::Refused(ErrorCode::OfferExpired, "the deadline has passed; the seat was offered to the next on the list".into()))
                }
                _ => return Ok(Outcome::Refused(ErrorCode::OfferNotOpen, format!("this offer is {}", h.status))),
            }
            if ctx.now >= h.deadline {
                expire_one(txn, &ctx, &h).await?;
                return Ok(Outcome::Refused(ErrorCode::OfferExpired, "the deadline has passed; the seat was offered to the next on the list".into()));
            }
            let (g, _) = group_and_programme(txn, h.group_id).await?;
            if rules::started(ctx.today, seats::first_day(txn, &g).await?) {
                expire_one(txn, &ctx, &h).await?;
                return Ok(Outcome::Refused(ErrorCode::GroupStarted, format!("{} has started", g.name)));
            }
            let (e, req) = load_enrolment(txn, h.enrolment_id).await?;
            let from = status_of(&e)?;
            if input.accept {
                let to = transition(from, Event::Allocate).map_err(illegal)?;
                if !resolve(txn, h.id, OfferStatus::Accepted.as_str(), ctx.now, None).await? {
                    return Ok(Outcome::Refused(ErrorCode::OfferNotOpen, "this offer was answered already".into()));
                }
                seats::convert(txn, g.id).await?;
                set_status(txn, &e, from, to, |q| q.col_expr(enrolment::Column::GroupId, Expr::value(Some(g.id)))).await?;
                record_event(txn, Timeline::of(&e, "waitlist", "offer_accepted", from, to).at(ctx.now).reason(Some(g.name.clone()))).await?;
                placement_mails(txn, &e, &g, req.organisation_id, &ctx.organizer).await?;
            } else {
                if !resolve(txn, h.id, OfferStatus::Declined.as_str(), ctx.now, None).await? {
                    return Ok(Outcome::Refused(ErrorCode::OfferNotOpen, "this offer was answered already".into()));
                }
                seats::release(txn, g.id).await?;
                if input.keep_on_list {
                    record_event(txn, Timeline::of(&e, "waitlist", "offer_declined", from, from).at(ctx.now).reason(Some(format!("{}; blijft op de wachtlijst", g.name)))).await?;
                } else {
                    let to = transition(from, Event::Withdraw).map_err(illegal)?;
                    let why = "Aanbod afgewezen; wil niet op de wachtlijst blijven".to_string();
                    let w2 = why.clone();
                    set_status(txn, &e, from, to, |q| q.col_expr(enrolment::Column::LastReason, Expr::value(Some(w2)))).await?;
                    record_event(txn, Timeline::of(&e, "waitlist", "offer_declined", from, to).at(ctx.now).reason(Some(format!("{}; {why}", g.name)))).await?;
                    let who = professional::Entity::find_by_id(e.professional_id).one(txn).await?.map(|p| p.name).unwrap_or_default();
                    for contact in org_contacts(txn, req.organisation_id).await? {
                        email::enqueue(txn, notify::offer_declined_contact(&contact, &who, &g)).await?;
                    }
                }
                offer_seats(txn, &ctx, g.id, 1, None).await?;
            }
            Ok(Outcome::Done)
        })
    })
    .await?;
    state.mail_notify.notify_one();
    if let Outcome::Refused(code, detail) = outcome {
        return Err(AppError::conflict(code, detail));
    }
    lookup(state, &input.token).await
}

/// Open offers past their deadline are expired and their seats offered on.
pub async fn expire_due(state: &AppState) -> AppResult<usize> {
    resolve_due(state, OFFER, |txn, ctx, h| Box::pin(async move { expire_one(txn, &ctx, &h).await })).await
}

type Resolver = for<'c> fn(
    &'c DatabaseTransaction,
    Ctx,
    seat_hold::Model,
) -> std::pin::Pin<Box<dyn std::future::Future<Output = AppResult<bool>> + Send + 'c>>;

/// Open holds of `kind` past their deadline, each resolved in its own
/// transaction (re-read there, so a hold resolved meanwhile is left alone).
pub(super) async fn resolve_due(state: &AppState, kind: &'static str, resolve: Resolver) -> AppResult<usize> {
    let now = state.settings.clock.now();
    let due = seat_hold::Entity::find()
        .filter(seat_hold::Column::Kind.eq(kind))
        .filter(seat_hold::Column::Status.eq(OPEN))
        .filter(seat_hold::Column::Deadline.lte(now))
        .all(&state.db)
        .await?;
    let mut n = 0;
    for h in due {
        let ctx = Ctx::of(state);
        let done = crate::db::write_txn(state, move |txn| {
            Box::pin(async move {
                match seat_hold::Entity::find_by_id(h.id).one(txn).await? {
                    Some(h) if h.status == OPEN && h.deadline <= ctx.now => resolve(txn, ctx, h).await,
                    _ => Ok(false),
                }
            })
        })
        .await?;
        n += usize::from(done);
    }
    Ok(n)
}

// ---------------------------------------------------------------- substitution

//! Positions on the waiting list and BEL's priority changes.

use super::rules::{self, Entry};
use super::{offers, seats};
use crate::auth::rules::Scope;
use crate::auth::Caller;
use crate::db::write_txn;
use crate::entities::{enrolment, group_quota, programme, region, seat_hold, training_group};
use crate::error::{validate::Errors, AppError, AppResult};
use crate::reference::service::write_programme;
use crate::roster::store::{record_event, status_of, Timeline};
use crate::state::AppState;
use chrono::Utc;
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QuerySelect, QueryTrait, Set};
use va_openapi::waitlist::*;
use std::collections::HashMap;
use va_openapi::auth::Role;
use va_openapi::enrolment::{EnrolmentStatus, PriorityInput, WaitlistEntry};
use va_openapi::{EnrolmentId, ErrorCode, GroupId, ProgrammeId, RequestId};

const WAITING: [&str; 2] = ["approved", "waitlisted"];

/// An entry's columns as the list reads them: id, request, professional, RET/UHP,
/// adjustment, its reason, approved, created, status.
type Listed = (i64, i64, i64, bool, i32, Option<String>, Option<chrono::DateTime<Utc>>, chrono::DateTime<Utc>, String);

/// Approved or waitlisted enrolments of a programme: the list, unordered.
pub async fn waiting<C: ConnectionTrait>(db: &C, programme_id: i64) -> AppResult<Vec<enrolment::Model>> {
    Ok(enrolment::Entity::find()
        .filter(enrolment::Column::ProgrammeId.eq(programme_id))
        .filter(enrolment::Column::Status.is_in(WAITING))
        .all(db)
        .await?)
}

/// Whether an enrolment in this status has a place on its programme's list.
pub fn on_list(status: &str) -> bool {
    WAITING.contains(&status)
}

pub fn entry_of(e: &enrolment::Model) -> Entry {
    Entry { id: e.id, ret_uhp: e.ret_uhp, adjustment: e.priority_adjustment, approved_at: e.approved_at.unwrap_or(e.created_at) }
}

/// Current 1-based positions of a programme's list, by enrolment id: only the
/// columns the order depends on are read.
pub async fn positions<C: ConnectionTrait>(db: &C, programme_id: i64) -> AppResult<HashMap<i64, i32>> {
    type Row = (i64, bool, i32, Option<chrono::DateTime<Utc>>, chrono::DateTime<Utc>);
    let rows: Vec<Row> = enrolment::Entity::find()
        .select_only()
        .columns([enrolment::Column::Id, enrolment::Column::RetUhp, enrolment::Column::PriorityAdjustment, enrolment::Column::ApprovedAt, enrolment::Column::CreatedAt])
        .filter(enrolment::Column::ProgrammeId.eq(programme_id))
        .filter(enrolment::Column::Status.is_in(WAITING))
        .into_tuple()
        .all(db)
        .await?;
    let entries: Vec<Entry> =
        rows.into_iter().map(|(id, ret_uhp, adjustment, approved, created)| Entry { id, ret_uhp, adjustment, approved_at: approved.unwrap_or(created) }).collect();
    Ok(rules::positions(&entries))
}

/// The list in order, as far as the caller may see it: BEL all, ambassadors
/// their region's organisations, contacts their own professionals.
pub async fn list(state: &AppState, caller: &Caller, programme_id: ProgrammeId) -> AppResult<Vec<WaitlistEntry>> {
    if caller.role == Role::Trainer {
        return Err(AppError::Forbidden);
    }
    let db = &state.db;
    programme::Entity::find_by_id(programme_id.0).one(db).await?.ok_or(AppError::NotFound)?;
    // Only the columns an entry shows: a list of thousands decodes a few values per row.
    use crate::entities::professional::{self, Column as P};
    use enrolment::Column as E;
    let waiting_query = || enrolment::Entity::find().filter(E::ProgrammeId.eq(programme_id.0)).filter(E::Status.is_in(WAITING));
    let rows: Vec<Listed> = waiting_query()
        .select_only()
        .columns([E::Id, E::RequestId, E::ProfessionalId, E::RetUhp, E::PriorityAdjustment, E::PriorityReason, E::ApprovedAt, E::CreatedAt, E::Status])
        .into_tuple()
        .all(db)
        .await?;
    let entry = |r: &Listed| Entry { id: r.0, ret_uhp: r.3, adjustment: r.4, approved_at: r.6.unwrap_or(r.7) };
    let pos = rules::positions(&rows.iter().map(entry).collect::<Vec<_>>());
    let profs: HashMap<i64, (String, i64)> = professional::Entity::find()
        .select_only()
        .columns([P::Id, P::Name, P::OrganisationId])
        .filter(P::Id.in_subquery(waiting_query().select_only().column(E::ProfessionalId).into_query()))
        .into_tuple::<(i64, String, i64)>()
        .all(db)
        .await?
        .into_iter()
        .map(|(id, name, org)| (id, (name, org)))
        .collect();
    let names = crate::reference::lookup::names(db).await?;
    let open_offers: HashMap<i64, seat_hold::Model> = seat_hold::Entity::find()
        .filter(seat_hold::Column::Kind.eq(offers::OFFER))
        .filter(seat_hold::Column::Status.eq("open"))
        .all(db)
        .await?
        .into_iter()
        .map(|h| (h.enrolment_id, h))
        .collect();
    let group_names: HashMap<i64, String> = training_group::Entity::find()
        .filter(training_group::Column::ProgrammeId.eq(programme_id.0))
        .all(db)
        .await?
        .into_iter()
        .map(|g| (g.id, g.name))
        .collect();
    let mut out: Vec<WaitlistEntry> = rows
        .iter()
        .filter_map(|r| {
            let (name, org) = profs.get(&r.2)?;
            let o = names.organisation(*org)?;
            let visible = match caller.scope {
                Scope::All => true,
                Scope::Region(reg) => o.region_id == Some(reg.0),
                Scope::Organisation(own) => own.0 == o.id,
                Scope::Groups => false,
            };
            visible.then(|| WaitlistEntry {
                position: pos.get(&r.0).copied().unwrap_or(0),
                enrolment_id: EnrolmentId(r.0),
                request_id: RequestId(r.1),
                professional: name.clone(),
                organisation: names.org(o.id),
                region: names.org_region(o.id),
                works_on_ret_uhp: r.3,
                priority: rules::priority(&entry(r)),
                priority_adjustment: r.4,
                priority_reason: r.5.clone(),
                approved_at: r.6,
                status: EnrolmentStatus::parse(&r.8).unwrap_or(EnrolmentStatus::Approved),
                offer_group: open_offers.get(&r.0).and_then(|h| group_names.get(&h.group_id).cloned()),
                offer_deadline: open_offers.get(&r.0).map(|h| h.deadline),
            })
        })
        .collect();
    out.sort_by_key(|e| e.position);
    Ok(out)
}

/// BEL changes an entry's priority, with a reason that is logged and shown.
pub async fn set_priority(state: &AppState, caller: &Caller, id: EnrolmentId, input: PriorityInput) -> AppResult<WaitlistEntry> {
    caller.require(&[Role::BelCoordinator])?;
    let mut errs = Errors::default();
    let reason = errs.text("reason", &input.reason, 2000);
    if !rules::adjustment_in_range(input.adjustment) {
        errs.add("adjustment", "out_of_range", format!("between -{0} and {0}", rules::MAX_ADJUSTMENT));
    }
    errs.finish()?;
    let c = *caller;
    let programme_id = write_txn(state, move |txn| {
        Box::pin(async move {
            let e = enrolment::Entity::find_by_id(id.0).one(txn).await?.ok_or(AppError::NotFound)?;
            if !WAITING.contains(&e.status.as_str()) {
                return Err(AppError::conflict(ErrorCode::InvalidTransition, format!("an enrolment that is {} is not on the waiting list", e.status)));
            }
            let res = enrolment::Entity::update_many()
                .col_expr(enrolment::Column::PriorityAdjustment, Expr::value(input.adjustment))
                .col_expr(enrolment::Column::PriorityReason, Expr::value(Some(reason.clone())))
                .col_expr(enrolment::Column::UpdatedAt, Expr::value(Utc::now()))
                .filter(enrolment::Column::Id.eq(e.id))
                .filter(enrolment::Column::Status.eq(e.status.clone()))
                .exec(txn)
                .await?;
            if res.rows_affected != 1 {
                return Err(AppError::conflict(ErrorCode::InvalidTransition, "the enrolment was changed by someone else; reload"));
            }
            let status = status_of(&e)?;
            record_event(
                txn,
                Timeline::of(&e, "waitlist", "priority", status, status)
                    .by(Some(c.user_id))
                    .reason(Some(format!("{:+} → {:+}: {reason}", e.priority_adjustment, input.adjustment)))
                    .audited_as("waitlist.priority_changed", Some(reason.clone())),
            )
            .await?;
            Ok(e.programme_id)
        })
    })
    .await?;
    list(state, caller, ProgrammeId(programme_id))
        .await?
        .into_iter()
        .find(|x| x.enrolment_id == id)
        .ok_or(AppError::NotFound)
}

/// BEL offers a seat out of list order, with a reason that is logged and shown.
pub async fn manual_offer(state: &AppState, caller: &Caller, input: ManualOfferInput) -> AppResult<OfferView> {
    caller.require(&[Role::BelCoordinator])?;
    let mut errs = Errors::default();
    let reason = errs.text("reason", &input.reason, 2000);
    errs.finish()?;
    let ctx = offers::Ctx::of(state);
    let actor = caller.user_id;
    let hold_id = write_txn(state, move |txn| {
        Box::pin(async move {
            let e = enrolment::Entity::find_by_id(input.enrolment_id.0).one(txn).await?.ok_or(AppError::NotFound)?;
            if !WAITING.contains(&e.status.as_str()) {
                return Err(AppError::conflict(ErrorCode::InvalidTransition, format!("an enrolment that is {} is not on the waiting list", e.status)));
            }
            let g = training_group::Entity::find_by_id(input.group_id.0)
                .one(txn)
                .await?
                .ok_or_else(|| AppError::field("group_id", "unknown", "no such group"))?;
            if g.programme_id != e.programme_id {
                return Err(AppError::field("group_id", "other_programme", "the group belongs to another programme"));
            }
            let status = crate::reference::lookup::group_status(&g, ctx.today);
            if !crate::roster::rules::group_accepts_placements(status) {
                return Err(AppError::conflict(ErrorCode::GroupClosed, format!("{} is {}", g.name, status.as_str())));
            }
            let open = seat_hold::Entity::find()
                .filter(seat_hold::Column::EnrolmentId.eq(e.id))
                .filter(seat_hold::Column::Kind.eq(offers::OFFER))
                .filter(seat_hold::Column::Status.eq("open"))
                .one(txn)
                .await?;
            if open.is_some() {
                return Err(AppError::conflict(ErrorCode::Conflict, "this professional has an open offer already"));
            }
            let p = programme::Entity::find_by_id(g.programme_id).one(txn).await?.ok_or(AppError::NotFound)?;
            let first = seats::first_day(txn, &g).await?;
            if rules::started(ctx.today, first) {
                return Err(AppError::conflict(ErrorCode::GroupStarted, format!("{} has started", g.name)));
            }
            let deadline = rules::offer_deadline(ctx.now, p.offer_hours, first)
                .ok_or_else(|| AppError::conflict(ErrorCode::GroupStarted, format!("{} starts tomorrow: no time for an offer", g.name)))?;
            let (_, region) = crate::reference::lookup::org_and_region(txn, e.professional_id).await?;
            let h = offers::create_offer(txn, &ctx, &g, &e, region, deadline, Some((actor, reason)))
                .await?
                .ok_or_else(|| AppError::conflict(ErrorCode::Conflict, "this professional got an offer meanwhile"))?;
            Ok(h.id)
        })
    })
    .await?;
    state.mail_notify.notify_one();
    let h = seat_hold::Entity::find_by_id(hold_id).one(&state.db).await?.ok_or(AppError::NotFound)?;
    super::views::offers(&state.db, vec![h]).await?.into_iter().next().ok_or(AppError::NotFound)
}

/// BEL changes a group's capacity; seats added are offered to the list.
pub async fn set_capacity(state: &AppState, caller: &Caller, id: GroupId, input: CapacityInput) -> AppResult<GroupSeats> {
    caller.require(&[Role::BelCoordinator])?;
    if !(1..=40).contains(&input.capacity) {
        return Err(AppError::field("capacity", "out_of_range", "between 1 and 40 seats"));
    }
    let ctx = offers::Ctx::of(state);
    let actor = caller.user_id;
    write_txn(state, move |txn| {
        Box::pin(async move {
            let g = training_group::Entity::find_by_id(id.0).one(txn).await?.ok_or(AppError::NotFound)?;
            // Guarded: never below what is taken and held at the moment of the update.
            let res = training_group::Entity::update_many()
                .col_expr(training_group::Column::Capacity, Expr::value(input.capacity))
                .filter(training_group::Column::Id.eq(g.id))
                .filter(Expr::expr(Expr::col(training_group::Column::SeatsTaken).add(Expr::col(training_group::Column::SeatsHeld))).lte(input.capacity))
                .exec(txn)
                .await?;
            if res.rows_affected != 1 {
                return Err(AppError::conflict(
                    ErrorCode::CapacityTooLow,
                    format!("{} has {} seats taken and {} held", g.name, g.seats_taken, g.seats_held),
                ));
            }
            crate::audit::record(txn, Some(actor), "group.capacity_changed", &format!("group:{}", g.id), Some(format!("{} → {}", g.capacity, input.capacity)))
                .await?;
            if input.capacity > g.capacity {
                offers::offer_seats(txn, &ctx, g.id, input.capacity - g.capacity, None).await?;
            }
            Ok(())
        })
    })
    .await?;
    state.mail_notify.notify_one();
    group_seats_of(state, id).await
}

async fn group_seats_of(state: &AppState, id: GroupId) -> AppResult<GroupSeats> {
    let g = training_group::Entity::find_by_id(id.0).one(&state.db).await?.ok_or(AppError::NotFound)?;
    let p = programme::Entity::find_by_id(g.programme_id).one(&state.db).await?.ok_or(AppError::NotFound)?;
    super::views::group_seats(&state.db, &p, state.settings.clock.today())
        .await?
        .into_iter()
        .find(|s| s.group.id == id)
        .ok_or(AppError::NotFound)
}

/// BEL reserves seats of a group per region (they apply when the programme's regional quotas are on).
pub async fn set_quotas(state: &AppState, caller: &Caller, id: GroupId, input: QuotasInput) -> AppResult<GroupSeats> {
    caller.require(&[Role::BelCoordinator])?;
    let actor = caller.user_id;
    write_txn(state, move |txn| {
        Box::pin(async move {
            let g = training_group::Entity::find_by_id(id.0).one(txn).await?.ok_or(AppError::NotFound)?;
            let mut errs = Errors::default();
            let mut seen = std::collections::HashSet::new();
            for (i, q) in input.quotas.iter().enumerate() {
                if region::Entity::find_by_id(q.region_id.0).one(txn).await?.is_none() {
                    errs.add(&format!("quotas[{i}].region_id"), "unknown", "no such region");
                }
                if !seen.insert(q.region_id) {
                    errs.add(&format!("quotas[{i}].region_id"), "duplicate", "each region once");
                }
                if q.seats < 0 {
                    errs.add(&format!("quotas[{i}].seats"), "out_of_range", "zero or more seats");
                }
            }
            if input.quotas.iter().map(|q| q.seats.max(0)).sum::<i32>() > g.capacity {
                errs.add("quotas", "over_capacity", format!("at most {} seats in all", g.capacity));
            }
            errs.finish()?;
            group_quota::Entity::delete_many().filter(group_quota::Column::GroupId.eq(g.id)).exec(txn).await?;
            for q in input.quotas.iter().filter(|q| q.seats > 0) {
                group_quota::ActiveModel { group_id: Set(g.id), region_id: Set(q.region_id.0), seats: Set(q.seats), ..Default::default() }
                    .insert(txn)
                    .await?;
            }
            let detail = input.quotas.iter().map(|q| format!("region {}: {}", q.region_id, q.seats)).collect::<Vec<_>>().join(", ");
            crate::audit::record(txn, Some(actor), "group.quotas_changed", &format!("group:{}", g.id), Some(detail)).await?;
            Ok(())
        })
    })
    .await?;
    group_seats_of(state, id).await
}

/// BEL changes the waiting-list settings of a programme.
pub async fn update_settings(state: &AppState, caller: &Caller, id: ProgrammeId, s: WaitlistSettings) -> AppResult<WaitlistSettings> {
    caller.require(&[Role::BelCoordinator])?;
    let mut errs = Errors::default();
    errs.range("offer_hours", s.offer_hours.into(), 1, 336);
    errs.range("substitution_hours", s.substitution_hours.into(), 0, 336);
    errs.range("quota_cutoff_days", s.quota_cutoff_days.into(), 0, 180);
    errs.range("extra_group_threshold", s.extra_group_threshold.into(), 1, 500);
    errs.range("cost_per_group_eur", s.cost_per_group_eur, 0, 1_000_000);
    errs.range("cost_per_trainer_day_eur", s.cost_per_trainer_day_eur, 0, 100_000);
    errs.range("trainer_days_per_group", s.trainer_days_per_group.into(), 0, 100);
    errs.finish()?;
    let detail = format!("{s:?}");
    write_programme(state, caller, id, "programme.waitlist_settings_changed", detail, move |q| {
        q.col_expr(programme::Column::OfferHours, Expr::value(s.offer_hours))
            .col_expr(programme::Column::SubstitutionHours, Expr::value(s.substitution_hours))
            .col_expr(programme::Column::RegionalQuotas, Expr::value(s.regional_quotas))
            .col_expr(programme::Column::QuotaCutoffDays, Expr::value(s.quota_cutoff_days))
            .col_expr(programme::Column::ExtraGroupThreshold, Expr::value(s.extra_group_threshold))
            .col_expr(programme::Column::CostPerGroupEur, Expr::value(s.cost_per_group_eur))
            .col_expr(programme::Column::CostPerTrainerDayEur, Expr::value(s.cost_per_trainer_day_eur))
            .col_expr(programme::Column::TrainerDaysPerGroup, Expr::value(s.trainer_days_per_group))
    })
    .await?;
    // A lower threshold may make a proposal due at once.
    super::proposals::refresh(state).await?;
    let p = programme::Entity::find_by_id(id.0).one(&state.db).await?.ok_or(AppError::NotFound)?;
    Ok(crate::reference::lookup::settings_of(&p))
}

//! Positions on the waiting list and BEL's priority changes.

use super::rules::{self, Entry};
use crate::auth::rules::Scope;
use crate::auth::Caller;
use crate::db::write_txn;
use crate::entities::{enrolment, enrolment_event, programme};
use crate::error::{validate::Errors, AppError, AppResult};
use crate::startup::AppState;
use chrono::Utc;
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set};
use std::collections::HashMap;
use va_openapi::auth::Role;
use va_openapi::enrolment::{EnrolmentStatus, PriorityInput, WaitlistEntry};
use va_openapi::{EnrolmentId, ErrorCode, ProgrammeId, RequestId};

const WAITING: [&str; 2] = ["approved", "waitlisted"];

/// Approved or waitlisted enrolments of a programme: the list, unordered.
pub async fn waiting<C: ConnectionTrait>(db: &C, programme_id: i64) -> AppResult<Vec<enrolment::Model>> {
    Ok(enrolment::Entity::find()
        .filter(enrolment::Column::ProgrammeId.eq(programme_id))
        .filter(enrolment::Column::Status.is_in(WAITING))
        .all(db)
        .await?)
}

pub fn entry_of(e: &enrolment::Model) -> Entry {
    Entry { id: e.id, ret_uhp: e.ret_uhp, adjustment: e.priority_adjustment, approved_at: e.approved_at.unwrap_or(e.created_at) }
}

/// Current 1-based positions of a programme's list, by enrolment id.
pub async fn positions<C: ConnectionTrait>(db: &C, programme_id: i64) -> AppResult<HashMap<i64, i32>> {
    let entries: Vec<Entry> = waiting(db, programme_id).await?.iter().map(entry_of).collect();
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
    let rows = waiting(db, programme_id.0).await?;
    let entries: Vec<Entry> = rows.iter().map(entry_of).collect();
    let pos = rules::positions(&entries);
    let profs = crate::enrolment::service::professionals_of(db, &rows).await?;
    let names = crate::enrolment::service::names(db).await?;
    let mut out: Vec<WaitlistEntry> = rows
        .iter()
        .filter_map(|e| {
            let p = profs.get(&e.professional_id)?;
            let o = names.organisation(p.organisation_id)?;
            let visible = match caller.scope {
                Scope::All => true,
                Scope::Region(r) => o.region_id == Some(r.0),
                Scope::Organisation(own) => own.0 == o.id,
                Scope::Groups => false,
            };
            visible.then(|| WaitlistEntry {
                position: pos.get(&e.id).copied().unwrap_or(0),
                enrolment_id: EnrolmentId(e.id),
                request_id: RequestId(e.request_id),
                professional: p.name.clone(),
                organisation: names.org(o.id),
                region: names.org_region(o.id),
                works_on_ret_uhp: e.ret_uhp,
                priority: rules::priority(&entry_of(e)),
                priority_adjustment: e.priority_adjustment,
                priority_reason: e.priority_reason.clone(),
                approved_at: e.approved_at,
                status: EnrolmentStatus::parse(&e.status).unwrap_or(EnrolmentStatus::Approved),
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
    if input.adjustment.abs() > rules::MAX_ADJUSTMENT {
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
            enrolment_event::ActiveModel {
                request_id: Set(e.request_id),
                enrolment_id: Set(Some(e.id)),
                at: Set(Utc::now()),
                actor_id: Set(Some(c.user_id.0)),
                action: Set("priority".into()),
                from_status: Set(Some(e.status.clone())),
                to_status: Set(Some(e.status.clone())),
                reason: Set(Some(format!("{:+} → {:+}: {reason}", e.priority_adjustment, input.adjustment))),
                ..Default::default()
            }
            .insert(txn)
            .await?;
            crate::audit::record(txn, Some(c.user_id), "waitlist.priority_changed", &format!("enrolment:{}", e.id), Some(reason.clone()))
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

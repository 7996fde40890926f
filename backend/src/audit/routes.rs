//! BEL reads the audit log: filtered by who, what kind, which object and
//! period, newest first, a page at a time.

use super::Changes;
use crate::auth::Caller;
use crate::entities::{audit_log, user};
use crate::error::validate::Errors;
use crate::error::AppResult;
use crate::problems::*;
use crate::state::AppState;
use actix_web::{get, web};
use chrono::{NaiveDate, NaiveTime};
use sea_orm::{ColumnTrait, Condition, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
use serde::Deserialize;
use std::collections::{BTreeSet, HashMap};
use utoipa::IntoParams;
use va_openapi::auth::{NamedRef, Role};
use va_openapi::reference::{AuditEntry, AuditPage};
use va_openapi::{AuditId, UserId};

#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
pub struct AuditQuery {
    /// Entries per page, 1-500 (default 100).
    pub limit: Option<u64>,
    /// Entries to skip (the pages before).
    pub offset: Option<u64>,
    /// Only what this user did.
    pub actor: Option<i64>,
    /// Only this kind: the part of the action before the dot (`privacy`, `enrolment`, `group`).
    pub kind: Option<String>,
    /// Only this object: `professional:12` exactly, or `professional` for every professional.
    pub subject: Option<String>,
    /// From this day (inclusive, UTC).
    pub from: Option<NaiveDate>,
    /// Up to this day (inclusive, UTC).
    pub to: Option<NaiveDate>,
}

/// The audit log, filtered (BEL only).
#[utoipa::path(
    tag = "audit",
    params(AuditQuery),
    responses((status = 200, body = AuditPage), Authed, Input),
    security(("bearer" = []))
)]
#[get("/audit")]
pub async fn list(state: web::Data<AppState>, caller: Caller, q: web::Query<AuditQuery>) -> AppResult<web::Json<AuditPage>> {
    caller.require(&[Role::BelCoordinator])?;
    let mut errs = Errors::default();
    let limit = q.limit.unwrap_or(100);
    errs.range("limit", i64::try_from(limit).unwrap_or(i64::MAX), 1, 500);
    errs.range("offset", i64::try_from(q.offset.unwrap_or(0)).unwrap_or(i64::MAX), 0, i64::from(i32::MAX));
    let kind = errs.search("kind", q.kind.as_deref(), 60);
    let subject = errs.search("subject", q.subject.as_deref(), 100);
    if let (Some(from), Some(to)) = (q.from, q.to) {
        if to < from {
            errs.add("to", "before_start", "to must not be before from");
        }
    }
    errs.finish()?;

    use audit_log::Column as A;
    let mut cond = Condition::all();
    if let Some(actor) = q.actor {
        cond = cond.add(A::ActorId.eq(actor));
    }
    if let Some(kind) = kind {
        cond = cond.add(Condition::any().add(A::Action.eq(kind.clone())).add(A::Action.starts_with(format!("{kind}."))));
    }
    if let Some(subject) = subject {
        cond = cond.add(if subject.contains(':') {
            Condition::any().add(A::Subject.eq(subject.clone())).add(A::Subject.starts_with(format!("{subject}:")))
        } else {
            Condition::all().add(A::Subject.starts_with(format!("{subject}:")))
        });
    }
    if let Some(from) = q.from {
        cond = cond.add(A::At.gte(from.and_time(NaiveTime::MIN).and_utc()));
    }
    if let Some(to) = q.to.and_then(|d| d.succ_opt()) {
        cond = cond.add(A::At.lt(to.and_time(NaiveTime::MIN).and_utc()));
    }
    let mut rows = audit_log::Entity::find()
        .filter(cond)
        .order_by_desc(A::Id)
        .offset(q.offset.unwrap_or(0))
        .limit(limit + 1)
        .all(&state.db)
        .await?;
    let more = rows.len() as u64 > limit;
    rows.truncate(usize::try_from(limit).unwrap_or(usize::MAX));

    let actor_ids: Vec<i64> = audit_log::Entity::find()
        .select_only()
        .column(A::ActorId)
        .distinct()
        .filter(A::ActorId.is_not_null())
        .into_tuple::<Option<i64>>()
        .all(&state.db)
        .await?
        .into_iter()
        .flatten()
        .collect();
    let names: HashMap<i64, String> =
        user::Entity::find().filter(user::Column::Id.is_in(actor_ids)).all(&state.db).await?.into_iter().map(|u| (u.id, u.name)).collect();
    let kinds: BTreeSet<String> = audit_log::Entity::find()
        .select_only()
        .column(A::Action)
        .distinct()
        .into_tuple::<String>()
        .all(&state.db)
        .await?
        .into_iter()
        .map(|a| a.split('.').next().unwrap_or_default().to_string())
        .collect();
    let mut actors: Vec<NamedRef<UserId>> = names.iter().map(|(id, name)| NamedRef { id: UserId(*id), name: name.clone() }).collect();
    actors.sort_by(|a, b| a.name.cmp(&b.name).then(a.id.cmp(&b.id)));

    let entries = entries_of(rows, &names);
    Ok(web::Json(AuditPage { entries, more, kinds: kinds.into_iter().collect(), actors }))
}

/// Stored entries as the API shows them, with the actors' names.
pub fn entries_of(rows: Vec<audit_log::Model>, names: &HashMap<i64, String>) -> Vec<AuditEntry> {
    rows.into_iter()
        .map(|r| AuditEntry {
            id: AuditId(r.id),
            at: r.at,
            actor_id: r.actor_id.map(UserId),
            actor: r.actor_id.and_then(|a| names.get(&a).cloned()),
            changes: Changes::parse(r.changes.as_deref()),
            action: r.action,
            subject: r.subject,
            detail: r.detail,
        })
        .collect()
}

pub fn configure(cfg: &mut utoipa_actix_web::service_config::ServiceConfig) {
    cfg.service(list);
}

//! The audit log: who did what, when. Written in the transaction of the change.

use crate::auth::Caller;
use crate::problems::*;
use crate::entities::audit_log;
use crate::error::AppResult;
use crate::state::AppState;
use actix_web::{get, web};
use sea_orm::{ConnectionTrait, EntityTrait, QueryOrder, QuerySelect, Set};
use serde::Deserialize;
use utoipa::IntoParams;
use va_openapi::auth::Role;
use va_openapi::reference::AuditEntry;
use va_openapi::{AuditId, UserId};

pub async fn record<C: ConnectionTrait>(
    db: &C,
    actor: Option<UserId>,
    action: &str,
    subject: &str,
    detail: Option<String>,
) -> Result<(), sea_orm::DbErr> {
    record_all(db, vec![entry(actor, action, subject, detail)]).await
}

/// One audit entry, now, to write with `record_all`.
pub fn entry(actor: Option<UserId>, action: &str, subject: &str, detail: Option<String>) -> audit_log::ActiveModel {
    audit_log::ActiveModel {
        at: Set(chrono::Utc::now()),
        actor_id: Set(actor.map(|a| a.0)),
        action: Set(action.to_string()),
        subject: Set(subject.to_string()),
        detail: Set(detail),
        ..Default::default()
    }
}

/// Writes entries with one statement (nothing is read back).
pub async fn record_all<C: ConnectionTrait>(db: &C, entries: Vec<audit_log::ActiveModel>) -> Result<(), sea_orm::DbErr> {
    if !entries.is_empty() {
        audit_log::Entity::insert_many(entries).exec_without_returning(db).await?;
    }
    Ok(())
}

#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
pub struct AuditQuery {
    /// Most recent entries first; at most 500.
    pub limit: Option<u64>,
}

/// The latest audit log entries (BEL only).
#[utoipa::path(
    tag = "audit",
    params(AuditQuery),
    responses(
        (status = 200, body = Vec<AuditEntry>),
        Authed,
    ),
    security(("bearer" = []))
)]
#[get("/audit")]
pub async fn list(
    state: web::Data<AppState>,
    caller: Caller,
    q: web::Query<AuditQuery>,
) -> AppResult<web::Json<Vec<AuditEntry>>> {
    caller.require(&[Role::BelCoordinator])?;
    let rows = audit_log::Entity::find()
        .order_by_desc(audit_log::Column::Id)
        .limit(q.limit.unwrap_or(100).min(500))
        .all(&state.db)
        .await?;
    Ok(web::Json(
        rows.into_iter()
            .map(|r| AuditEntry {
                id: AuditId(r.id),
                at: r.at,
                actor_id: r.actor_id.map(UserId),
                action: r.action,
                subject: r.subject,
                detail: r.detail,
            })
            .collect(),
    ))
}

pub fn configure(cfg: &mut utoipa_actix_web::service_config::ServiceConfig) {
    cfg.service(list);
}

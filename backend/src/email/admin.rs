//! The outbox for BEL (`/bel/berichten`): what waits, what failed and why, what
//! went out; re-sending failed messages and a test message that checks the
//! mail settings. Bodies are never shown (personal data and signed links).

use crate::auth::Caller;
use crate::entities::{email_outbox, user};
use crate::error::{validate, AppError, AppResult};
use crate::problems::*;
use crate::state::AppState;
use actix_web::{get, post, web, HttpResponse};
use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, Condition, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect};
use serde::Deserialize;
use utoipa::IntoParams;
use va_openapi::auth::Role;
use va_openapi::mail::{MailItem, MailQueue, MailStatus, Requeued, TestMail};
use va_openapi::{ErrorCode, MailId, Problem};

use email_outbox::Column as C;

/// Where a row stands: the one definition the screen, the counts and the
/// re-send rule use.
pub fn status_of(sent_at: Option<DateTime<Utc>>, failed_at: Option<DateTime<Utc>>) -> MailStatus {
    match (sent_at, failed_at) {
        (Some(_), _) => MailStatus::Sent,
        (None, Some(_)) => MailStatus::Failed,
        (None, None) => MailStatus::Pending,
    }
}

fn in_status(status: MailStatus) -> Condition {
    match status {
        MailStatus::Sent => Condition::all().add(C::SentAt.is_not_null()),
        MailStatus::Failed => Condition::all().add(C::SentAt.is_null()).add(C::FailedAt.is_not_null()),
        MailStatus::Pending => Condition::all().add(C::SentAt.is_null()).add(C::FailedAt.is_null()),
    }
}

fn item(r: email_outbox::Model) -> MailItem {
    let status = status_of(r.sent_at, r.failed_at);
    MailItem {
        id: MailId(r.id),
        template: r.template,
        to: r.to_addr,
        subject: r.subject,
        status,
        attempts: r.attempts,
        last_error: r.last_error,
        created_at: r.created_at,
        next_attempt_at: (status == MailStatus::Pending).then_some(r.next_attempt_at),
        sent_at: r.sent_at,
        failed_at: r.failed_at,
    }
}

/// Where mail goes, said without credentials.
pub fn delivery(state: &AppState) -> String {
    match &state.settings.smtp_url {
        Some(url) => crate::db::redact(url),
        None => format!("eml-bestanden in {}", state.settings.mail_dir().display()),
    }
}

/// How many messages wait and have failed (BEL's start page warns on failed).
pub async fn counts(state: &AppState) -> AppResult<(u64, u64, u64)> {
    let count = |s| email_outbox::Entity::find().filter(in_status(s)).count(&state.db);
    Ok((count(MailStatus::Pending).await?, count(MailStatus::Failed).await?, count(MailStatus::Sent).await?))
}

#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
pub struct MailQuery {
    /// Only messages in this state.
    pub status: Option<MailStatus>,
    /// Newest first; at most 500 (default 100).
    pub limit: Option<u64>,
}

/// The outbox: counts per state, where mail goes, and the newest messages (BEL).
#[utoipa::path(tag = "mail", params(MailQuery), responses((status = 200, body = MailQueue), Authed), security(("bearer" = [])))]
#[get("/mail")]
pub async fn list(state: web::Data<AppState>, caller: Caller, q: web::Query<MailQuery>) -> AppResult<web::Json<MailQueue>> {
    caller.require(&[Role::BelCoordinator])?;
    let (pending, failed, sent) = counts(&state).await?;
    let oldest_pending_at = email_outbox::Entity::find()
        .select_only()
        .column(C::CreatedAt)
        .filter(in_status(MailStatus::Pending))
        .order_by_asc(C::Id)
        .into_tuple::<DateTime<Utc>>()
        .one(&state.db)
        .await?;
    let mut find = email_outbox::Entity::find();
    if let Some(s) = q.status {
        find = find.filter(in_status(s));
    }
    let rows = find.order_by_desc(C::Id).limit(q.limit.unwrap_or(100).clamp(1, 500)).all(&state.db).await?;
    Ok(web::Json(MailQueue { delivery: delivery(&state), pending, failed, sent, oldest_pending_at, items: rows.into_iter().map(item).collect() }))
}

/// Queues a failed message again: new attempts from now (BEL). 409 unless it failed.
#[utoipa::path(
    tag = "mail",
    params(("id" = i64, Path, description = "Message id")),
    responses(
        (status = 200, body = MailItem),
        (status = 409, body = Problem, content_type = "application/problem+json", description = "invalid_transition: the message did not fail, or its text was removed after the retention period"),
        AuthedFound,
    ),
    security(("bearer" = []))
)]
#[post("/mail/{id}/resend")]
pub async fn resend(state: web::Data<AppState>, caller: Caller, id: web::Path<i64>) -> AppResult<web::Json<MailItem>> {
    caller.require(&[Role::BelCoordinator])?;
    let id = id.into_inner();
    let actor = caller.user_id;
    crate::db::write_txn(&state, move |txn| {
        Box::pin(async move {
            let row = email_outbox::Entity::find_by_id(id).one(txn).await?.ok_or(AppError::NotFound)?;
            if status_of(row.sent_at, row.failed_at) != MailStatus::Failed {
                return Err(AppError::conflict(ErrorCode::InvalidTransition, "only a failed message can be sent again"));
            }
            if row.body_text.is_empty() {
                return Err(AppError::conflict(ErrorCode::InvalidTransition, "its text was removed after the retention period"));
            }
            requeue(txn, Condition::all().add(C::Id.eq(id))).await?;
            crate::audit::record(txn, Some(actor), "mail.resent", &format!("mail:{id}"), Some(row.to_addr)).await?;
            Ok(())
        })
    })
    .await?;
    state.mail_notify.notify_one();
    let row = email_outbox::Entity::find_by_id(id).one(&state.db).await?.ok_or(AppError::NotFound)?;
    Ok(web::Json(item(row)))
}

/// Queues every failed message again (BEL), e.g. after the mail server was repaired.
#[utoipa::path(tag = "mail", responses((status = 200, body = Requeued), Authed), security(("bearer" = [])))]
#[post("/mail/resend-failed")]
pub async fn resend_failed(state: web::Data<AppState>, caller: Caller) -> AppResult<web::Json<Requeued>> {
    caller.require(&[Role::BelCoordinator])?;
    let actor = caller.user_id;
    let count = crate::db::write_txn(&state, move |txn| {
        Box::pin(async move {
            let n = requeue(txn, in_status(MailStatus::Failed)).await?;
            if n > 0 {
                crate::audit::record(txn, Some(actor), "mail.resent", "mail:failed", Some(format!("{n} messages"))).await?;
            }
            Ok(n)
        })
    })
    .await?;
    state.mail_notify.notify_one();
    Ok(web::Json(Requeued { count }))
}

async fn requeue<D: sea_orm::ConnectionTrait>(db: &D, which: Condition) -> Result<u64, sea_orm::DbErr> {
    let res = super::sender::released(email_outbox::Entity::update_many())
        .col_expr(C::FailedAt, Expr::value(Option::<DateTime<Utc>>::None))
        .col_expr(C::Attempts, Expr::value(0))
        .col_expr(C::NextAttemptAt, Expr::value(Utc::now()))
        .filter(which)
        .filter(C::SentAt.is_null())
        // A message whose text went after the retention period cannot go again.
        .filter(C::BodyText.ne(""))
        .exec(db)
        .await?;
    Ok(res.rows_affected)
}

/// Queues a test message (to the caller unless another address is given) and
/// returns it; its state on the mail screen shows whether the settings work (BEL).
#[utoipa::path(
    tag = "mail",
    request_body = TestMail,
    responses((status = 201, body = MailItem), Input, Authed),
    security(("bearer" = []))
)]
#[post("/mail/test")]
pub async fn test(state: web::Data<AppState>, caller: Caller, body: web::Json<TestMail>) -> AppResult<HttpResponse> {
    caller.require(&[Role::BelCoordinator])?;
    let me = user::Entity::find_by_id(caller.user_id.0).one(&state.db).await?.ok_or(AppError::Unauthenticated)?;
    let mut errors = validate::Errors::default();
    let to = errors.email("to", body.to.as_deref().unwrap_or(&me.email));
    errors.finish()?;
    let actor = caller.user_id;
    let via = delivery(&state);
    let id = crate::db::write_txn(&state, move |txn| {
        Box::pin(async move {
            let text = format!(
                "Dit is een testbericht van de VA-trainingsplanner, verstuurd door {} via {via}.\n\nKomt het aan, dan werkt de e-mail.\n\n\
                 This is a test message from the VA training planner: if it arrives, mail works.\n",
                me.name
            );
            let id = crate::email::enqueue(txn, crate::email::OutgoingEmail::new("mail_test", &to, "Testbericht VA-trainingsplanner", text)).await?;
            crate::audit::record(txn, Some(actor), "mail.test", &format!("mail:{id}"), Some(to)).await?;
            Ok(id)
        })
    })
    .await?;
    state.mail_notify.notify_one();
    let row = email_outbox::Entity::find_by_id(id).one(&state.db).await?.ok_or(AppError::NotFound)?;
    Ok(HttpResponse::Created().json(item(row)))
}

pub fn configure(cfg: &mut utoipa_actix_web::service_config::ServiceConfig) {
    cfg.service(list).service(resend_failed).service(resend).service(test);
}

#[cfg(test)]
mod tests {
    use super::status_of;
    use chrono::Utc;
    use va_openapi::mail::MailStatus;

    #[test]
    fn sent_wins_over_failed_and_neither_is_pending() {
        let t = Some(Utc::now());
        assert_eq!(status_of(None, None), MailStatus::Pending);
        assert_eq!(status_of(None, t), MailStatus::Failed);
        assert_eq!(status_of(t, None), MailStatus::Sent);
        assert_eq!(status_of(t, t), MailStatus::Sent);
    }
}

//! Retention settings (BEL) and the purge the job runner makes of what is due.

use super::rules::{cutoffs, validate};
use crate::auth::Caller;
use crate::db::write_txn;
use crate::entities::{audit_log, email_outbox, evaluation_invite, followup_session, learning_link, learning_session, login_attempt, one_time_token, purge_log, retention_setting};
use crate::error::{AppError, AppResult};
use crate::state::AppState;
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveValue::Set, ColumnTrait, Condition, ConnectionTrait, DatabaseTransaction, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
use va_openapi::auth::Role;
use va_openapi::privacy::{PurgeRecord, Retention, RetentionSettings};

fn settings_of(r: retention_setting::Model) -> RetentionSettings {
    RetentionSettings {
        mail_body_days: r.mail_body_days,
        login_attempt_days: r.login_attempt_days,
        token_days: r.token_days,
        evaluation_link_days: r.evaluation_link_days,
        audit_days: r.audit_days,
        session_notes_days: r.session_notes_days,
        untrained_days: r.untrained_days,
    }
}

/// The periods in force (the migration writes the row with the defaults).
pub async fn settings<C: ConnectionTrait>(db: &C) -> AppResult<RetentionSettings> {
    let row = retention_setting::Entity::find_by_id(1).one(db).await?.ok_or_else(|| AppError::Internal(anyhow::anyhow!("retention settings missing")))?;
    Ok(settings_of(row))
}

/// The settings with the latest purges (BEL).
pub async fn get(state: &AppState, caller: &Caller) -> AppResult<Retention> {
    caller.require(&[Role::BelCoordinator])?;
    let purges = purge_log::Entity::find()
        .order_by_desc(purge_log::Column::At)
        .order_by_desc(purge_log::Column::Id)
        .limit(100)
        .all(&state.db)
        .await?
        .into_iter()
        .map(|p| PurgeRecord { kind: p.kind, rows: p.rows, at: p.at })
        .collect();
    Ok(Retention { settings: settings(&state.db).await?, purges })
}

/// BEL sets the periods; each within its floor and ten years (422 by field).
pub async fn update(state: &AppState, caller: &Caller, s: RetentionSettings) -> AppResult<Retention> {
    caller.require(&[Role::BelCoordinator])?;
    validate(&s)?;
    let actor = caller.user_id;
    write_txn(state, move |txn| {
        Box::pin(async move {
            let before = settings(txn).await?;
            let changes = crate::audit::Changes::new()
                .field("mail_body_days", before.mail_body_days, s.mail_body_days)
                .field("login_attempt_days", before.login_attempt_days, s.login_attempt_days)
                .field("token_days", before.token_days, s.token_days)
                .field("evaluation_link_days", before.evaluation_link_days, s.evaluation_link_days)
                .field("audit_days", before.audit_days, s.audit_days)
                .opt("session_notes_days", before.session_notes_days, s.session_notes_days)
                .field("untrained_days", before.untrained_days, s.untrained_days);
            retention_setting::Entity::update(retention_setting::ActiveModel {
                id: Set(1),
                mail_body_days: Set(s.mail_body_days),
                login_attempt_days: Set(s.login_attempt_days),
                token_days: Set(s.token_days),
                evaluation_link_days: Set(s.evaluation_link_days),
                audit_days: Set(s.audit_days),
                session_notes_days: Set(s.session_notes_days),
                untrained_days: Set(s.untrained_days),
            })
            .exec(txn)
            .await?;
            crate::audit::record_change(txn, actor, "privacy.retention_changed", "retention", None, changes).await?;
            Ok(())
        })
    })
    .await?;
    get(state, caller).await
}

/// Records a purge of `rows` rows of `kind` (nothing when none was due).
async fn logged(txn: &DatabaseTransaction, kind: &str, rows: u64, at: chrono::DateTime<chrono::Utc>) -> AppResult<usize> {
    if rows > 0 {
        purge_log::Entity::insert(purge_log::ActiveModel { kind: Set(kind.into()), rows: Set(i64::try_from(rows).unwrap_or(i64::MAX)), at: Set(at), ..Default::default() })
            .exec_without_returning(txn)
            .await?;
    }
    Ok(usize::try_from(rows).unwrap_or(usize::MAX))
}

/// Whether any row of `E` matches `due`: a round with nothing due writes
/// nothing (on SQLite a write would take the database's one write lock).
async fn any_due<E: EntityTrait>(state: &AppState, due: Condition) -> AppResult<bool> {
    Ok(E::find().filter(due).one(&state.db).await?.is_some())
}

/// Deletes the rows of `E` that are `due`, recorded as `kind`.
async fn deleted<E: EntityTrait>(state: &AppState, kind: &'static str, due: Condition, now: chrono::DateTime<chrono::Utc>) -> AppResult<usize> {
    if !any_due::<E>(state, due.clone()).await? {
        return Ok(0);
    }
    write_txn(state, move |txn| {
        Box::pin(async move {
            let res = E::delete_many().filter(due).exec(txn).await?;
            logged(txn, kind, res.rows_affected, now).await
        })
    })
    .await
}

/// Purges what is due under the settings at the clock's now (a step of the
/// job runner): each kind in a transaction with its record. Every statement
/// only takes what is due, so two instances never purge a row twice.
pub async fn purge_due(state: &AppState) -> AppResult<usize> {
    use email_outbox::Column as M;
    use followup_session::Column as S;
    use one_time_token::Column as T;
    let now = state.settings.clock.now();
    let c = cutoffs(&settings(&state.db).await?, now, state.settings.clock.today());
    let mut purged = 0;

    // The mail's row stays (to whom, what, when); the text and the attachment go.
    let mail = Condition::all()
        .add(Condition::any().add(M::SentAt.lt(c.mail_body)).add(M::FailedAt.lt(c.mail_body)))
        .add(Condition::any().add(M::BodyText.ne("")).add(M::Attachment.is_not_null()));
    if any_due::<email_outbox::Entity>(state, mail.clone()).await? {
        purged += write_txn(state, move |txn| {
            Box::pin(async move {
                let res = email_outbox::Entity::update_many()
                    .col_expr(M::BodyText, Expr::value(""))
                    .col_expr(M::Attachment, Expr::value(Option::<String>::None))
                    .col_expr(M::AttachmentName, Expr::value(Option::<String>::None))
                    .col_expr(M::AttachmentContentType, Expr::value(Option::<String>::None))
                    .filter(mail)
                    .exec(txn)
                    .await?;
                logged(txn, "mail_body", res.rows_affected, now).await
            })
        })
        .await?;
    }
    purged += deleted::<login_attempt::Entity>(state, "login_attempt", Condition::all().add(login_attempt::Column::At.lt(c.login_attempt)), now).await?;
    purged += deleted::<one_time_token::Entity>(state, "token", Condition::any().add(T::UsedAt.lt(c.token)).add(T::ExpiresAt.lt(c.token)), now).await?;
    // A learning session's personal links work until it begins; then they keep as long as used tokens.
    let held_before = sea_orm::sea_query::Query::select().column(learning_session::Column::Id).from(learning_session::Entity).and_where(learning_session::Column::HeldOn.lt(c.token.date_naive())).to_owned();
    purged += deleted::<learning_link::Entity>(state, "learning_link", Condition::all().add(learning_link::Column::SessionId.in_subquery(held_before)), now).await?;
    purged += deleted::<evaluation_invite::Entity>(state, "evaluation_link", Condition::all().add(evaluation_invite::Column::SentAt.lt(c.evaluation_link)), now).await?;
    purged += deleted::<audit_log::Entity>(state, "audit", Condition::all().add(audit_log::Column::At.lt(c.audit)), now).await?;
    if let Some(day) = c.session_notes {
        let notes = Condition::all().add(S::Day.lt(day)).add(S::Notes.is_not_null());
        if any_due::<followup_session::Entity>(state, notes.clone()).await? {
            purged += write_txn(state, move |txn| {
                Box::pin(async move {
                    let res = followup_session::Entity::update_many().col_expr(S::Notes, Expr::value(Option::<String>::None)).filter(notes).exec(txn).await?;
                    logged(txn, "session_notes", res.rows_affected, now).await
                })
            })
            .await?;
        }
    }
    purged += untrained(state, c.untrained, now).await?;
    if purged > 0 {
        tracing::info!(purged, "retention purge");
    }
    Ok(purged)
}

/// People never trained (not before the programme, not in it) whose every
/// programme ended before `before`.
const UNTRAINED: &str = "SELECT p.id FROM professionals p \
    JOIN enrolments e ON e.professional_id = p.id JOIN programmes g ON g.id = e.programme_id \
    WHERE p.erased_at IS NULL AND p.trained_before_on IS NULL GROUP BY p.id \
    HAVING MAX(g.ends_on) < {D} AND SUM(CASE WHEN e.status = 'trained' THEN 1 ELSE 0 END) = 0";

async fn untrained_ids<C: ConnectionTrait>(db: &C, before: chrono::NaiveDate) -> AppResult<Vec<i64>> {
    let backend = db.get_database_backend();
    let sql = UNTRAINED.replace("{D}", if backend == sea_orm::DatabaseBackend::Postgres { "$1" } else { "?" });
    let rows = db.query_all(sea_orm::Statement::from_sql_and_values(backend, sql, [before.into()])).await?;
    rows.iter().map(|r| r.try_get::<i64>("", "id").map_err(Into::into)).collect()
}

/// Erases the people never trained that are due, as one purge.
async fn untrained(state: &AppState, before: chrono::NaiveDate, now: chrono::DateTime<chrono::Utc>) -> AppResult<usize> {
    if untrained_ids(&state.db, before).await?.is_empty() {
        return Ok(0);
    }
    write_txn(state, move |txn| {
        Box::pin(async move {
            let mut n = 0u64;
            for id in untrained_ids(txn, before).await? {
                match super::erasure::erase_in(txn, va_openapi::ProfessionalId(id), None, false, now).await {
                    Ok(_) => n += 1,
                    // Another instance erased them first.
                    Err(AppError::Conflict { .. }) => {}
                    Err(e) => return Err(e),
                }
            }
            logged(txn, "untrained", n, now).await
        })
    })
    .await
}

//! Erasure (AVG art. 17): the professional's name and address become a
//! pseudonym, mails to them go, free texts about them are emptied, and their
//! name or address anywhere else in the database is replaced. The rows the
//! figures count (enrolments, statuses, attendance) stay, so monitoring and
//! budgets read the same before and after.

use super::rules::{erasure_refusal, pseudonym};
use crate::auth::Caller;
use crate::db::write_txn;
use crate::entities::{attendance, email_outbox, enrolment, enrolment_event, evaluation_invite, followup_participant, learning_link, professional, seat_hold, training_group};
use crate::error::{AppError, AppResult};
use crate::state::AppState;
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseBackend, DatabaseTransaction, EntityTrait, QueryFilter, Statement};
use std::collections::HashMap;
use va_openapi::enrolment::EnrolmentStatus;
use va_openapi::privacy::Erasure;
use va_openapi::{ErrorCode, ProfessionalId, UserId};

/// Tables whose text is not about people: the schema's own bookkeeping,
/// and the accounts and professionals, which are changed by their own rules
/// (another person may have the same name).
const SKIPPED_TABLES: [&str; 3] = ["seaql_migrations", "users", "professionals"];

/// Shorter names would match inside ordinary words.
const MIN_NAME_CHARS: usize = 4;

/// BEL erases a professional (409 while they are active, 404 unknown).
pub async fn erase(state: &AppState, caller: &Caller, id: ProfessionalId) -> AppResult<Erasure> {
    super::person::require(caller)?;
    let actor = caller.user_id;
    let now = state.settings.clock.now();
    write_txn(state, move |txn| Box::pin(async move { erase_in(txn, id, Some(actor), true, now).await })).await
}

/// Erases in the caller's transaction; `check` refuses an active person
/// (the retention purge erases only people whose programmes ended long ago).
pub async fn erase_in(txn: &DatabaseTransaction, id: ProfessionalId, actor: Option<UserId>, check: bool, now: chrono::DateTime<chrono::Utc>) -> AppResult<Erasure> {
    let p = professional::Entity::find_by_id(id.0).one(txn).await?.ok_or(AppError::NotFound)?;
    if p.erased_at.is_some() {
        return Err(AppError::conflict(ErrorCode::InvalidTransition, "This person was already erased."));
    }
    let enrolments = enrolment::Entity::find().filter(enrolment::Column::ProfessionalId.eq(p.id)).all(txn).await?;
    let ids: Vec<i64> = enrolments.iter().map(|e| e.id).collect();
    if check {
        // A group has finished once its trainer closed it (completion applied) or it was cancelled.
        let finished: HashMap<i64, bool> = training_group::Entity::find()
            .filter(training_group::Column::Id.is_in(enrolments.iter().filter_map(|e| e.group_id).collect::<Vec<_>>()))
            .all(txn)
            .await?
            .into_iter()
            .map(|g| (g.id, g.closed_at.is_some() || g.status == "cancelled"))
            .collect();
        let states: Vec<(EnrolmentStatus, bool)> = enrolments
            .iter()
            .filter_map(|e| Some((EnrolmentStatus::parse(&e.status)?, e.group_id.and_then(|g| finished.get(&g).copied()).unwrap_or(false))))
            .collect();
        let open_offer = seat_hold::Entity::find()
            .filter(seat_hold::Column::Kind.eq("offer"))
            .filter(seat_hold::Column::Status.eq("open"))
            .filter(seat_hold::Column::EnrolmentId.is_in(ids.clone()))
            .one(txn)
            .await?
            .is_some();
        if let Some(reason) = erasure_refusal(&states, open_offer) {
            return Err(AppError::conflict(ErrorCode::PersonActive, reason));
        }
        if crate::learning::store::upcoming_registration(txn, p.id, crate::clock::local_date(now)).await? {
            return Err(AppError::conflict(ErrorCode::PersonActive, "The person is registered for a learning-network session to come; withdraw the registration first."));
        }
    }
    // Claimed first: a second erasure of the same person (a double click,
    // another instance's purge) waits for this one and then finds nothing.
    let claimed = professional::Entity::update_many()
        .col_expr(professional::Column::ErasedAt, Expr::value(now))
        .filter(professional::Column::Id.eq(p.id))
        .filter(professional::Column::ErasedAt.is_null())
        .exec(txn)
        .await?;
    if claimed.rows_affected == 0 {
        return Err(AppError::conflict(ErrorCode::InvalidTransition, "This person was already erased."));
    }
    // A feed address handed out stops working with the person it showed.
    crate::feeds::service::revoke_professional_in(txn, p.id, now).await?;
    let (name, email) = pseudonym(p.id);

    let mails = email_outbox::Entity::delete_many().filter(email_outbox::Column::ToAddr.eq(p.email.clone())).exec(txn).await?.rows_affected;
    // Free texts about the person: what the organisation wrote with the
    // enrolment, the reasons of its timeline, notes of the days and sessions.
    enrolment::Entity::update_many()
        .col_expr(enrolment::Column::Remarks, Expr::value(Option::<String>::None))
        .col_expr(enrolment::Column::LastReason, Expr::value(Option::<String>::None))
        .col_expr(enrolment::Column::PriorityReason, Expr::value(Option::<String>::None))
        .col_expr(enrolment::Column::Function, Expr::value(Option::<String>::None))
        .filter(enrolment::Column::ProfessionalId.eq(p.id))
        .exec(txn)
        .await?;
    enrolment_event::Entity::update_many()
        .col_expr(enrolment_event::Column::Reason, Expr::value(Option::<String>::None))
        .filter(enrolment_event::Column::EnrolmentId.is_in(ids.clone()))
        .exec(txn)
        .await?;
    attendance::Entity::update_many()
        .col_expr(attendance::Column::Note, Expr::value(Option::<String>::None))
        .filter(attendance::Column::EnrolmentId.is_in(ids.clone()))
        .exec(txn)
        .await?;
    followup_participant::Entity::update_many()
        .col_expr(followup_participant::Column::Note, Expr::value(Option::<String>::None))
        .filter(followup_participant::Column::ProfessionalId.eq(p.id))
        .exec(txn)
        .await?;
    // Their evaluation links lead to nothing any more (the answers are anonymous).
    evaluation_invite::Entity::delete_many().filter(evaluation_invite::Column::EnrolmentId.is_in(ids)).exec(txn).await?;
    // Nor do their personal links to learning sessions.
    learning_link::Entity::delete_many().filter(learning_link::Column::ProfessionalId.eq(p.id)).exec(txn).await?;

    let mut replaced = replace_everywhere(txn, &p.email, &email).await?;
    if p.name.trim().chars().count() >= MIN_NAME_CHARS {
        replaced += replace_everywhere(txn, p.name.trim(), &name).await?;
    }
    professional::Entity::update(professional::ActiveModel {
        id: Set(p.id),
        name: Set(name.clone()),
        email: Set(email),
        function: Set(None),
        ..Default::default()
    })
    .exec(txn)
    .await?;
    crate::audit::record(txn, actor, "privacy.erased", &super::person::subject(id), Some(format!("{mails} mails removed, {replaced} texts changed"))).await?;
    Ok(Erasure { id, pseudonym: name, mails_removed: mails, texts_replaced: replaced })
}

/// Every text column of the schema (but the skipped tables), read from the
/// database itself so a column added later is covered too.
pub async fn text_columns<C: ConnectionTrait>(db: &C) -> AppResult<Vec<(String, String)>> {
    let backend = db.get_database_backend();
    let sql = match backend {
        DatabaseBackend::Sqlite => {
            "SELECT m.name AS t, c.name AS c FROM sqlite_master m, pragma_table_info(m.name) c \
             WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' AND (upper(c.type) LIKE '%TEXT%' OR upper(c.type) LIKE '%CHAR%' OR upper(c.type) LIKE '%CLOB%' OR c.type = '')"
        }
        _ => {
            "SELECT table_name::text AS t, column_name::text AS c FROM information_schema.columns \
             WHERE table_schema = current_schema() AND data_type IN ('text', 'character varying', 'character')"
        }
    };
    let rows = db.query_all(Statement::from_string(backend, sql)).await?;
    let mut cols = Vec::with_capacity(rows.len());
    for r in rows {
        let (t, c): (String, String) = (r.try_get("", "t")?, r.try_get("", "c")?);
        if !SKIPPED_TABLES.contains(&t.as_str()) {
            cols.push((t, c));
        }
    }
    Ok(cols)
}

/// Replaces `from` by `to` in every text column; the rows changed.
async fn replace_everywhere(txn: &DatabaseTransaction, from: &str, to: &str) -> AppResult<u64> {
    let backend = txn.get_database_backend();
    let mut changed = 0;
    for (t, c) in text_columns(txn).await? {
        let (t, c) = (t.replace('"', "\"\""), c.replace('"', "\"\""));
        let sql = match backend {
            DatabaseBackend::Sqlite => format!("UPDATE \"{t}\" SET \"{c}\" = replace(\"{c}\", ?, ?) WHERE instr(\"{c}\", ?) > 0"),
            _ => format!("UPDATE \"{t}\" SET \"{c}\" = replace(\"{c}\", $1, $2) WHERE strpos(\"{c}\", $3) > 0"),
        };
        let res = txn.execute(Statement::from_sql_and_values(backend, sql, [from.into(), to.into(), from.into()])).await?;
        changed += res.rows_affected();
    }
    Ok(changed)
}

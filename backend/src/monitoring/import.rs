//! Import of professionals trained before the programme (the knowledge
//! partner's records): a preview with every row's problems, then the good rows.
//! Matching is by email, so importing the same file again changes nothing.

use super::rules::{self, Known, RawRow};
use crate::auth::Caller;
use crate::db::write_txn;
use crate::entities::{organisation, professional};
use crate::error::{AppError, AppResult};
use crate::state::AppState;
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set};
use std::collections::HashMap;
use va_openapi::auth::Role;
use va_openapi::monitoring::{ImportAction, ImportInput, ImportReport, ImportRow};

/// Reads the CSV (see `csv_in`) into rows by their Dutch or English column names.
pub fn read(csv_text: &str) -> AppResult<Vec<RawRow>> {
    let t = crate::csv_in::read(csv_text)?;
    let cols = rules::columns(&t.header).map_err(|missing| AppError::field("csv", "missing_columns", format!("missing columns: {}", missing.join(", "))))?;
    Ok(t.rows
        .into_iter()
        .map(|(line, rec)| {
            let get = |i: Option<usize>| i.and_then(|i| rec.get(i)).cloned().unwrap_or_default();
            RawRow {
                line: i32::try_from(line).unwrap_or(i32::MAX),
                name: get(cols[0]),
                email: get(cols[1]),
                organisation: get(cols[2]),
                function: get(cols[3]),
                trained_on: get(cols[4]),
            }
        })
        .collect())
}

async fn judge<C: ConnectionTrait>(db: &C, rows: &[RawRow], today: chrono::NaiveDate) -> AppResult<Vec<rules::Verdict>> {
    let orgs: HashMap<String, i64> = organisation::Entity::find().all(db).await?.into_iter().map(|o| (o.name.trim().to_lowercase(), o.id)).collect();
    let emails: Vec<String> = rows.iter().map(|r| r.email.trim().to_lowercase()).collect();
    let mut known: Known = HashMap::new();
    for chunk in emails.chunks(500) {
        for p in professional::Entity::find().filter(professional::Column::Email.is_in(chunk.to_vec())).all(db).await? {
            known.insert(p.email.to_lowercase(), (p.organisation_id, p.trained_before_on.is_some()));
        }
    }
    Ok(rules::judge(rows, &orgs, &known, today))
}

fn report(rows: &[RawRow], verdicts: &[rules::Verdict], imported: bool) -> ImportReport {
    let n = |a: ImportAction| i32::try_from(verdicts.iter().filter(|v| v.action == a).count()).unwrap_or(i32::MAX);
    ImportReport {
        imported,
        created: n(ImportAction::Create),
        marked: n(ImportAction::Mark),
        unchanged: n(ImportAction::Unchanged),
        rejected: n(ImportAction::Reject),
        rows: rows
            .iter()
            .zip(verdicts)
            .map(|(r, v)| ImportRow {
                line: r.line,
                name: r.name.clone(),
                email: r.email.trim().to_lowercase(),
                organisation: r.organisation.clone(),
                trained_on: v.trained_on,
                action: v.action,
                problems: v.problems.iter().map(|p| (*p).to_string()).collect(),
            })
            .collect(),
    }
}

/// What importing the file would do, row by row (BEL).
pub async fn preview(state: &AppState, caller: &Caller, input: ImportInput) -> AppResult<ImportReport> {
    caller.require(&[Role::BelCoordinator])?;
    let rows = read(&input.csv)?;
    let verdicts = judge(&state.db, &rows, state.settings.clock.today()).await?;
    Ok(report(&rows, &verdicts, false))
}

/// Imports the good rows in one transaction; rejected rows change nothing.
pub async fn import(state: &AppState, caller: &Caller, input: ImportInput) -> AppResult<ImportReport> {
    caller.require(&[Role::BelCoordinator])?;
    let rows = read(&input.csv)?;
    let today = state.settings.clock.today();
    let now = state.settings.clock.now();
    let actor = caller.user_id;
    write_txn(state, move |txn| {
        Box::pin(async move {
            // Judged inside the transaction so a concurrent import cannot slip in between.
            let verdicts = judge(txn, &rows, today).await?;
            for (r, v) in rows.iter().zip(&verdicts) {
                let (Some(org), Some(on)) = (v.organisation_id, v.trained_on) else { continue };
                let email = r.email.trim().to_lowercase();
                match v.action {
                    ImportAction::Create => {
                        professional::ActiveModel {
                            organisation_id: Set(org),
                            name: Set(r.name.trim().to_string()),
                            email: Set(email),
                            function: Set(Some(r.function.clone()).filter(|f| !f.is_empty())),
                            created_at: Set(now),
                            trained_before_on: Set(Some(on)),
                            imported_at: Set(Some(now)),
                            ..Default::default()
                        }
                        .insert(txn)
                        .await?;
                    }
                    ImportAction::Mark => {
                        professional::Entity::update_many()
                            .col_expr(professional::Column::TrainedBeforeOn, Expr::value(Some(on)))
                            .col_expr(professional::Column::ImportedAt, Expr::value(Some(now)))
                            .filter(professional::Column::Email.eq(email))
                            .filter(professional::Column::OrganisationId.eq(org))
                            .filter(professional::Column::TrainedBeforeOn.is_null())
                            .exec(txn)
                            .await?;
                    }
                    ImportAction::Unchanged | ImportAction::Reject => {}
                }
            }
            let out = report(&rows, &verdicts, true);
            if out.created + out.marked > 0 {
                crate::audit::record(
                    txn,
                    Some(actor),
                    "monitoring.import",
                    "professionals",
                    Some(format!("{} new, {} marked, {} unchanged, {} rejected", out.created, out.marked, out.unchanged, out.rejected)),
                )
                .await?;
            }
            Ok(out)
        })
    })
    .await
}

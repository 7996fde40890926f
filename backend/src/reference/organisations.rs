//! BEL administers organisations: create, change, retire (kept for history, no
//! new requests), and import a list from CSV with a preview that names every bad line.

use super::rules::{self, Existing, OrgLine};
use super::service::to_org;
use crate::auth::Caller;
use crate::db::write_txn;
use crate::entities::{organisation, region};
use crate::error::{validate::Errors, AppError, AppResult};
use crate::state::AppState;
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseTransaction, EntityTrait, QueryFilter, Set};
use std::collections::HashMap;
use va_openapi::admin::{OrganisationImport, OrganisationImportAction as Action, OrganisationImportRow, OrganisationInput};
use va_openapi::auth::Role;
use va_openapi::monitoring::ImportInput;
use va_openapi::reference::Organisation;
use va_openapi::{OrganisationId, MAX_NAME_LEN};

/// Checks an organisation's fields; the name comes back trimmed.
async fn checked<C: ConnectionTrait>(db: &C, input: &OrganisationInput) -> AppResult<String> {
    let mut errs = Errors::default();
    let name = errs.text("name", &input.name, MAX_NAME_LEN);
    match input.region_id {
        Some(r) if region::Entity::find_by_id(r.0).one(db).await?.is_none() => errs.add("region_id", "unknown", "no such region"),
        None if rules::needs_region(input.kind) => errs.add("region_id", "required", "municipalities and CJGs belong to a region"),
        _ => {}
    }
    errs.finish()?;
    Ok(name)
}

async fn name_free(txn: &DatabaseTransaction, name: &str, except: Option<i64>) -> AppResult<()> {
    let all = organisation::Entity::find().all(txn).await?;
    super::lookup::name_free(name, except, all.iter().map(|o| (o.id, o.name.as_str())))
}

pub async fn create(state: &AppState, caller: &Caller, input: OrganisationInput) -> AppResult<Organisation> {
    caller.require(&[Role::BelCoordinator])?;
    let actor = caller.user_id;
    let name = checked(&state.db, &input).await?;
    let o = write_txn(state, move |txn| {
        Box::pin(async move {
            name_free(txn, &name, None).await?;
            let o = organisation::ActiveModel {
                name: Set(name.clone()),
                kind: Set(input.kind.as_str().into()),
                region_id: Set(input.region_id.map(|r| r.0)),
                active: Set(input.active),
                ..Default::default()
            }
            .insert(txn)
            .await?;
            crate::audit::record(txn, Some(actor), "organisation.created", &format!("organisation:{}", o.id), Some(name)).await?;
            Ok(o)
        })
    })
    .await?;
    Ok(to_org(o))
}

/// Change name, kind, region or active; retiring keeps every request and enrolment.
pub async fn update(state: &AppState, caller: &Caller, id: OrganisationId, input: OrganisationInput) -> AppResult<Organisation> {
    caller.require(&[Role::BelCoordinator])?;
    let actor = caller.user_id;
    let name = checked(&state.db, &input).await?;
    let o = write_txn(state, move |txn| {
        Box::pin(async move {
            let before = organisation::Entity::find_by_id(id.0).one(txn).await?.ok_or(AppError::NotFound)?;
            name_free(txn, &name, Some(id.0)).await?;
            organisation::Entity::update_many()
                .col_expr(organisation::Column::Name, Expr::value(name.clone()))
                .col_expr(organisation::Column::Kind, Expr::value(input.kind.as_str()))
                .col_expr(organisation::Column::RegionId, Expr::value(input.region_id.map(|r| r.0)))
                .col_expr(organisation::Column::Active, Expr::value(input.active))
                .filter(organisation::Column::Id.eq(id.0))
                .exec(txn)
                .await?;
            let action = match (before.active, input.active) {
                (true, false) => "organisation.retired",
                (false, true) => "organisation.reactivated",
                _ => "organisation.changed",
            };
            let changes = crate::audit::Changes::new()
                .field("name", before.name.as_str(), name.as_str())
                .field("kind", before.kind.as_str(), input.kind.as_str())
                .opt("region_id", before.region_id, input.region_id.map(|r| r.0))
                .field("active", before.active, input.active);
            crate::audit::record_change(txn, actor, action, &format!("organisation:{}", id.0), None, changes).await?;
            organisation::Entity::find_by_id(id.0).one(txn).await?.ok_or(AppError::NotFound)
        })
    })
    .await?;
    Ok(to_org(o))
}

/// 409 `organisation_inactive` for a retired organisation: no new requests.
pub async fn require_active<C: ConnectionTrait>(db: &C, id: i64) -> AppResult<()> {
    let o = organisation::Entity::find_by_id(id).one(db).await?.ok_or(AppError::NotFound)?;
    if !o.active {
        return Err(AppError::conflict(va_openapi::ErrorCode::OrganisationInactive, format!("{} is retired", o.name)));
    }
    Ok(())
}

fn lines(csv: &str) -> AppResult<Vec<OrgLine>> {
    let t = crate::csv_in::read(csv)?;
    let name = t.column(&["naam", "name", "organisatie", "organisation"]);
    let kind = t.column(&["soort", "kind", "type"]);
    let region = t.column(&["regio", "region"]);
    let missing: Vec<&str> = [("naam", name), ("soort", kind)].iter().filter(|(_, c)| c.is_none()).map(|(n, _)| *n).collect();
    if !missing.is_empty() {
        return Err(AppError::field("csv", "missing_columns", format!("missing columns: {}", missing.join(", "))));
    }
    Ok(t.rows
        .into_iter()
        .map(|(line, rec)| {
            let get = |i: Option<usize>| i.and_then(|i| rec.get(i)).cloned().unwrap_or_default();
            OrgLine { line, name: get(name), kind: get(kind), region: get(region) }
        })
        .collect())
}

async fn judged<C: ConnectionTrait>(db: &C, lines: &[OrgLine]) -> AppResult<Vec<rules::OrgVerdict>> {
    let mut regions = HashMap::new();
    for r in region::Entity::find().all(db).await? {
        regions.insert(r.code.to_lowercase(), r.id);
        regions.insert(r.name.to_lowercase(), r.id);
    }
    let existing: HashMap<String, Existing> = organisation::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .filter_map(|o| {
            let kind = va_openapi::reference::OrganisationKind::parse(&o.kind)?;
            Some((o.name.to_lowercase(), Existing { kind, region_id: o.region_id }))
        })
        .collect();
    Ok(rules::judge(lines, &regions, &existing))
}

fn report(lines: &[OrgLine], verdicts: &[rules::OrgVerdict], written: bool) -> OrganisationImport {
    let n = |a: Action| u32::try_from(verdicts.iter().filter(|v| v.action == a).count()).unwrap_or(u32::MAX);
    OrganisationImport {
        written,
        new: n(Action::New),
        changed: n(Action::Changed),
        unchanged: n(Action::Unchanged),
        skipped: n(Action::Skipped),
        rows: lines
            .iter()
            .zip(verdicts)
            .map(|(l, v)| OrganisationImportRow {
                line: l.line,
                name: l.name.clone(),
                kind: v.kind,
                region: (!l.region.is_empty()).then(|| l.region.clone()),
                action: v.action,
                problems: v.problems.iter().map(|p| p.to_string()).collect(),
            })
            .collect(),
    }
}

/// What importing the file would do, line by line; writes nothing.
pub async fn preview(state: &AppState, caller: &Caller, input: ImportInput) -> AppResult<OrganisationImport> {
    caller.require(&[Role::BelCoordinator])?;
    let lines = lines(&input.csv)?;
    let verdicts = judged(&state.db, &lines).await?;
    Ok(report(&lines, &verdicts, false))
}

/// Writes the good lines in one transaction (judged again inside it); bad lines are skipped.
pub async fn import(state: &AppState, caller: &Caller, input: ImportInput) -> AppResult<OrganisationImport> {
    caller.require(&[Role::BelCoordinator])?;
    let lines = lines(&input.csv)?;
    let actor = caller.user_id;
    write_txn(state, move |txn| {
        Box::pin(async move {
            let verdicts = judged(txn, &lines).await?;
            for (l, v) in lines.iter().zip(&verdicts) {
                let Some(kind) = v.kind else { continue };
                let name = l.name.trim().to_string();
                match v.action {
                    Action::New => {
                        organisation::ActiveModel {
                            name: Set(name),
                            kind: Set(kind.as_str().into()),
                            region_id: Set(v.region_id),
                            active: Set(true),
                            ..Default::default()
                        }
                        .insert(txn)
                        .await?;
                    }
                    Action::Changed => {
                        let lower = name.to_lowercase();
                        let found = organisation::Entity::find().all(txn).await?.into_iter().find(|o| o.name.to_lowercase() == lower);
                        if let Some(o) = found {
                            organisation::Entity::update_many()
                                .col_expr(organisation::Column::Kind, Expr::value(kind.as_str()))
                                .col_expr(organisation::Column::RegionId, Expr::value(v.region_id))
                                .filter(organisation::Column::Id.eq(o.id))
                                .exec(txn)
                                .await?;
                        }
                    }
                    Action::Unchanged | Action::Skipped => {}
                }
            }
            let r = report(&lines, &verdicts, true);
            crate::audit::record(txn, Some(actor), "organisation.imported", "organisations", Some(format!("{} new, {} changed, {} skipped", r.new, r.changed, r.skipped))).await?;
            Ok(r)
        })
    })
    .await
}

//! Thin handlers of monitoring: dashboard, snapshots, import, exports.

use super::{dashboard, export, import, reports, snapshots};
use crate::auth::Caller;
use crate::error::{AppError, AppResult};
use crate::startup::AppState;
use actix_web::{get, http::header, post, web, HttpResponse};
use serde::Deserialize;
use utoipa::{IntoParams, ToSchema};
use va_openapi::monitoring::*;
use va_openapi::{Problem, RegionId, SnapshotId};

/// Trained against needed per region and organisation, the survey's figures,
/// follow-up coverage, the trend and the budget, in the caller's scope.
#[utoipa::path(
    tag = "monitoring",
    responses(
        (status = 200, body = Dashboard),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json", description = "Trainers"),
    ),
    security(("bearer" = []))
)]
#[get("/monitoring/dashboard")]
pub async fn view(state: web::Data<AppState>, caller: Caller) -> AppResult<web::Json<Dashboard>> {
    Ok(web::Json(dashboard::dashboard(&state, &caller).await?))
}

/// Frozen snapshots, newest first (BEL).
#[utoipa::path(
    tag = "monitoring",
    responses(
        (status = 200, body = Vec<SnapshotSummary>),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
#[get("/monitoring/snapshots")]
pub async fn snapshot_list(state: web::Data<AppState>, caller: Caller) -> AppResult<web::Json<Vec<SnapshotSummary>>> {
    Ok(web::Json(snapshots::list(&state, &caller).await?))
}

/// BEL freezes today's figures for a monitoring meeting; answered with the comparison to the previous snapshot.
#[utoipa::path(
    tag = "monitoring",
    request_body = NewSnapshot,
    responses(
        (status = 200, body = SnapshotComparison),
        (status = 400, body = Problem, content_type = "application/problem+json"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json", description = "Label empty or too long"),
    ),
    security(("bearer" = []))
)]
#[post("/monitoring/snapshots")]
pub async fn snapshot_take(state: web::Data<AppState>, caller: Caller, body: web::Json<NewSnapshot>) -> AppResult<web::Json<SnapshotComparison>> {
    Ok(web::Json(snapshots::take(&state, &caller, body.into_inner()).await?))
}

/// A snapshot compared with the one before it.
#[utoipa::path(
    tag = "monitoring",
    params(("id" = i64, Path, description = "Snapshot id")),
    responses(
        (status = 200, body = SnapshotComparison),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
#[get("/monitoring/snapshots/{id}")]
pub async fn snapshot_get(state: web::Data<AppState>, caller: Caller, id: web::Path<i64>) -> AppResult<web::Json<SnapshotComparison>> {
    Ok(web::Json(snapshots::compare(&state, &caller, SnapshotId(*id)).await?))
}

/// What importing a CSV of earlier-trained professionals would do, row by row, with line numbers (BEL).
#[utoipa::path(
    tag = "monitoring",
    request_body = ImportInput,
    responses(
        (status = 200, body = ImportReport),
        (status = 400, body = Problem, content_type = "application/problem+json"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json", description = "`csv`: `missing_columns`, `empty`, `unreadable`, `too_many_rows`"),
    ),
    security(("bearer" = []))
)]
#[post("/monitoring/import/preview")]
pub async fn import_preview(state: web::Data<AppState>, caller: Caller, body: web::Json<ImportInput>) -> AppResult<web::Json<ImportReport>> {
    Ok(web::Json(import::preview(&state, &caller, body.into_inner()).await?))
}

/// Imports the good rows (rows with problems are left out); the same file again changes nothing.
#[utoipa::path(
    tag = "monitoring",
    request_body = ImportInput,
    responses(
        (status = 200, body = ImportReport),
        (status = 400, body = Problem, content_type = "application/problem+json"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json", description = "`csv`: `missing_columns`, `empty`, `unreadable`, `too_many_rows`"),
    ),
    security(("bearer" = []))
)]
#[post("/monitoring/import")]
pub async fn import_run(state: web::Data<AppState>, caller: Caller, body: web::Json<ImportInput>) -> AppResult<web::Json<ImportReport>> {
    Ok(web::Json(import::import(&state, &caller, body.into_inner()).await?))
}

#[derive(Debug, Clone, Copy, Deserialize, ToSchema, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum ExportFormat {
    Csv,
    Xlsx,
}

#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
pub struct ExportQuery {
    /// `xlsx` (default) or `csv`.
    pub format: Option<ExportFormat>,
    /// Only this region's rows.
    pub region: Option<i64>,
}

/// A list as a spreadsheet with Dutch headers and dd-mm-jjjj dates, in the caller's scope:
/// `monitoring` (the report), `trained`, `survey` (latest round), `waitlist`, `requests`
/// (every enrolment), `groups`, `followup`, `scenarios` (planner, BEL).
#[utoipa::path(
    tag = "monitoring",
    params(("list" = String, Path, description = "monitoring, trained, survey, waitlist, requests, groups, followup or scenarios"), ExportQuery),
    responses(
        (status = 200, description = "The file", content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", body = Vec<u8>),
        (status = 400, body = Problem, content_type = "application/problem+json"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json", description = "Unknown list, or no survey round yet"),
    ),
    security(("bearer" = []))
)]
#[get("/exports/{list}")]
pub async fn export_list(state: web::Data<AppState>, caller: Caller, list: web::Path<String>, q: web::Query<ExportQuery>) -> AppResult<HttpResponse> {
    let region = q.region.map(RegionId);
    let sheets = match list.as_str() {
        "monitoring" => reports::monitoring(&dashboard::dashboard(&state, &caller).await?, region),
        "trained" => reports::trained(&state, &caller, region).await?,
        "survey" => reports::survey(&state, &caller, region).await?,
        "waitlist" => reports::waitlist(&state, &caller, region).await?,
        "requests" => reports::requests(&state, &caller, region).await?,
        "groups" => reports::groups(&state, &caller, region).await?,
        "followup" => reports::followup(&state, &caller, region).await?,
        "scenarios" => reports::scenarios(&state, &caller).await?,
        _ => return Err(AppError::NotFound),
    };
    let stem = format!("{}-{}", list.as_str(), state.settings.clock.today().format("%d-%m-%Y"));
    let (bytes, ctype, ext) = match q.format.unwrap_or(ExportFormat::Xlsx) {
        ExportFormat::Xlsx => (export::to_xlsx(&sheets)?, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx"),
        ExportFormat::Csv => (export::to_csv(&sheets)?, "text/csv; charset=utf-8", "csv"),
    };
    Ok(HttpResponse::Ok()
        .content_type(ctype)
        .insert_header((header::CONTENT_DISPOSITION, format!("attachment; filename=\"{stem}.{ext}\"")))
        .body(bytes))
}

pub fn configure(cfg: &mut utoipa_actix_web::service_config::ServiceConfig) {
    cfg.service(view).service(snapshot_list).service(snapshot_take).service(snapshot_get).service(import_preview).service(import_run).service(export_list);
}

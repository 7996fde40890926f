//! Thin handlers of monitoring: dashboard, snapshots, import.

use super::{dashboard, import, snapshots};
use crate::auth::Caller;
use crate::reference::routes::ProgrammeQuery;
use crate::problems::*;
use crate::error::AppResult;
use crate::state::AppState;
use actix_web::{get, post, web, HttpResponse};
use va_openapi::monitoring::*;
use va_openapi::{Problem, SnapshotId};

/// Trained against needed per region and organisation, the survey's figures,
/// follow-up coverage, the trend and the budget, in the caller's scope.
#[utoipa::path(
    tag = "monitoring",
    params(ProgrammeQuery),
    responses(
        (status = 200, body = Dashboard),
        Unauthorized, BadRequest,
        (status = 403, body = Problem, content_type = "application/problem+json", description = "Trainers"),
        (status = 404, body = Problem, content_type = "application/problem+json", description = "No such programme"),
    ),
    security(("bearer" = []))
)]
#[get("/monitoring/dashboard")]
pub async fn view(state: web::Data<AppState>, caller: Caller, q: web::Query<ProgrammeQuery>) -> AppResult<HttpResponse> {
    state.kept(("dashboard", q.id(), caller.scope), dashboard::dashboard(&state, &caller, q.id())).await
}

/// Frozen snapshots, newest first (BEL and ambassadors).
#[utoipa::path(
    tag = "monitoring",
    responses(
        (status = 200, body = Vec<SnapshotSummary>),
        Authed,
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
        Authed, BadRequest,
        (status = 422, body = Problem, content_type = "application/problem+json", description = "Label empty or too long"),
    ),
    security(("bearer" = []))
)]
#[post("/monitoring/snapshots")]
pub async fn snapshot_take(state: web::Data<AppState>, caller: Caller, body: web::Json<NewSnapshot>) -> AppResult<web::Json<SnapshotComparison>> {
    Ok(web::Json(snapshots::take(&state, &caller, body.into_inner()).await?))
}

/// A snapshot compared with the one before it (BEL; ambassadors with the organisations of their own region only).
#[utoipa::path(
    tag = "monitoring",
    params(("id" = i64, Path, description = "Snapshot id")),
    responses(
        (status = 200, body = SnapshotComparison),
        AuthedFound,
    ),
    security(("bearer" = []))
)]
#[get("/monitoring/snapshots/{id}")]
pub async fn snapshot_get(state: web::Data<AppState>, caller: Caller, id: web::Path<SnapshotId>) -> AppResult<web::Json<SnapshotComparison>> {
    Ok(web::Json(snapshots::compare(&state, &caller, *id).await?))
}

/// What importing a CSV of earlier-trained professionals would do, row by row, with line numbers (BEL).
#[utoipa::path(
    tag = "monitoring",
    request_body = ImportInput,
    responses(
        (status = 200, body = ImportReport),
        Authed, BadRequest,
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
        Authed, BadRequest,
        (status = 422, body = Problem, content_type = "application/problem+json", description = "`csv`: `missing_columns`, `empty`, `unreadable`, `too_many_rows`"),
    ),
    security(("bearer" = []))
)]
#[post("/monitoring/import")]
pub async fn import_run(state: web::Data<AppState>, caller: Caller, body: web::Json<ImportInput>) -> AppResult<web::Json<ImportReport>> {
    Ok(web::Json(import::import(&state, &caller, body.into_inner()).await?))
}

pub fn configure(cfg: &mut utoipa_actix_web::service_config::ServiceConfig) {
    cfg.service(view).service(snapshot_list).service(snapshot_take).service(snapshot_get).service(import_preview).service(import_run);
}

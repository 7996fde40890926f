//! Liveness and readiness.

use crate::error::{AppError, AppResult};
use crate::state::AppState;
use actix_web::{get, web};
use va_openapi::reference::Health;
use va_openapi::Problem;

/// The process is alive.
#[utoipa::path(tag = "health", responses((status = 200, body = Health)), security(()))]
#[get("/api/health")]
pub async fn health() -> web::Json<Health> {
    web::Json(Health { status: "ok".into() })
}

/// The database is reachable and takes a write (a full disk or a read-only
/// file answers 503 until there is room again).
#[utoipa::path(
    tag = "health",
    responses(
        (status = 200, body = Health),
        (status = 503, body = Problem, content_type = "application/problem+json"),
    ),
    security(())
)]
#[get("/api/ready")]
pub async fn ready(state: web::Data<AppState>) -> AppResult<web::Json<Health>> {
    state.db.ping().await.map_err(|e| {
        tracing::error!(error = %e, "database not reachable");
        AppError::Unavailable
    })?;
    crate::db::write_probe(&state).await.map_err(|e| {
        tracing::error!(error = %e, "database does not take a write");
        AppError::Unavailable
    })?;
    Ok(web::Json(Health { status: "ready".into() }))
}

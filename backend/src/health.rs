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

/// The database is reachable.
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
    Ok(web::Json(Health { status: "ready".into() }))
}

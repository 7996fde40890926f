//! Thin handlers of the retention settings (BEL).

use super::service;
use crate::auth::Caller;
use crate::error::AppResult;
use crate::problems::*;
use crate::state::AppState;
use actix_web::{get, put, web};
use va_openapi::privacy::{Retention, RetentionSettings};
use va_openapi::Problem;

/// How long each kind of personal data is kept, and the latest purges (BEL).
#[utoipa::path(tag = "privacy", responses((status = 200, body = Retention), Authed), security(("bearer" = [])))]
#[get("/privacy/retention")]
pub async fn get(state: web::Data<AppState>, caller: Caller) -> AppResult<web::Json<Retention>> {
    Ok(web::Json(service::get(&state, &caller).await?))
}

/// The retention periods in force, for the privacy statement anyone may read (no login).
#[utoipa::path(
    tag = "privacy",
    responses(
        (status = 200, body = RetentionSettings),
        (status = 503, body = Problem, content_type = "application/problem+json", description = "The database cannot be reached"),
    ),
    security(())
)]
#[get("/privacy")]
pub async fn statement(state: web::Data<AppState>) -> AppResult<web::Json<RetentionSettings>> {
    Ok(web::Json(service::settings(&state.db).await?))
}

/// BEL sets the retention periods; each has a floor the process needs.
#[utoipa::path(
    tag = "privacy",
    request_body = RetentionSettings,
    responses(
        (status = 200, body = Retention),
        Authed, BadRequest,
        (status = 422, body = Problem, content_type = "application/problem+json", description = "`out_of_range`: a period below its floor or above ten years"),
    ),
    security(("bearer" = []))
)]
#[put("/privacy/retention")]
pub async fn update(state: web::Data<AppState>, caller: Caller, body: web::Json<RetentionSettings>) -> AppResult<web::Json<Retention>> {
    Ok(web::Json(service::update(&state, &caller, body.into_inner()).await?))
}

pub fn configure(cfg: &mut utoipa_actix_web::service_config::ServiceConfig) {
    cfg.service(statement).service(get).service(update);
}

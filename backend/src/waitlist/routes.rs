//! Thin handlers for the waiting list.

use super::service;
use crate::auth::Caller;
use crate::error::AppResult;
use crate::startup::AppState;
use actix_web::{get, put, web};
use va_openapi::enrolment::{PriorityInput, WaitlistEntry};
use va_openapi::{EnrolmentId, Problem, ProgrammeId};

/// The waiting list in order (BEL: all; ambassadors: their region; contacts: their professionals).
#[utoipa::path(
    tag = "waitlist",
    params(("id" = i64, Path, description = "Programme id")),
    responses(
        (status = 200, body = Vec<WaitlistEntry>),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
#[get("/programmes/{id}/waitlist")]
pub async fn list(state: web::Data<AppState>, caller: Caller, id: web::Path<i64>) -> AppResult<web::Json<Vec<WaitlistEntry>>> {
    Ok(web::Json(service::list(&state, &caller, ProgrammeId(*id)).await?))
}

/// Change an entry's priority (BEL, reason required).
#[utoipa::path(
    tag = "waitlist",
    params(("id" = i64, Path, description = "Enrolment id")),
    request_body = PriorityInput,
    responses(
        (status = 200, body = WaitlistEntry),
        (status = 400, body = Problem, content_type = "application/problem+json"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 409, body = Problem, content_type = "application/problem+json", description = "invalid_transition: not on the list"),
        (status = 422, body = Problem, content_type = "application/problem+json", description = "Reason missing or adjustment out of range"),
    ),
    security(("bearer" = []))
)]
#[put("/enrolments/{id}/priority")]
pub async fn priority(state: web::Data<AppState>, caller: Caller, id: web::Path<i64>, body: web::Json<PriorityInput>) -> AppResult<web::Json<WaitlistEntry>> {
    Ok(web::Json(service::set_priority(&state, &caller, EnrolmentId(*id), body.into_inner()).await?))
}

pub fn configure(cfg: &mut utoipa_actix_web::service_config::ServiceConfig) {
    cfg.service(list).service(priority);
}

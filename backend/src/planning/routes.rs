//! Thin handlers of the capacity planner (BEL).

use super::service;
use crate::auth::Caller;
use crate::reference::routes::ProgrammeQuery;
use crate::problems::*;
use crate::error::AppResult;
use crate::state::AppState;
use actix_web::{delete, get, post, put, web, HttpResponse};
use va_openapi::planning::*;
use va_openapi::waitlist::ProposalView;
use va_openapi::{Problem, ScenarioId};

/// Today's demand and supply per region with the plan under the programme's own settings.
#[utoipa::path(
    tag = "planning",
    params(ProgrammeQuery),
    responses(
        (status = 200, body = PlanView),
        Unauthorized, BadRequest,
        (status = 403, body = Problem, content_type = "application/problem+json", description = "BEL only"),
        (status = 404, body = Problem, content_type = "application/problem+json", description = "No such programme, or none yet"),
    ),
    security(("bearer" = []))
)]
#[get("/planner")]
pub async fn current(state: web::Data<AppState>, caller: Caller, q: web::Query<ProgrammeQuery>) -> AppResult<web::Json<PlanView>> {
    Ok(web::Json(service::current(&state, &caller, q.id()).await?))
}

/// The plan of a scenario without saving it.
#[utoipa::path(
    tag = "planning",
    params(ProgrammeQuery),
    request_body = ScenarioParams,
    responses(
        (status = 200, body = PlanView),
        AuthedFound, BadRequest,
        (status = 422, body = Problem, content_type = "application/problem+json", description = "`out_of_range` knobs, `unknown_region`"),
    ),
    security(("bearer" = []))
)]
#[post("/planner/compute")]
pub async fn compute(state: web::Data<AppState>, caller: Caller, q: web::Query<ProgrammeQuery>, body: web::Json<ScenarioParams>) -> AppResult<web::Json<PlanView>> {
    Ok(web::Json(service::compute(&state, &caller, body.into_inner(), q.id()).await?))
}

/// A programme's saved scenarios (default the first VA training), each planned against today's figures.
#[utoipa::path(
    tag = "planning",
    params(ProgrammeQuery),
    responses(
        (status = 200, body = Vec<Scenario>),
        AuthedFound, BadRequest,
    ),
    security(("bearer" = []))
)]
#[get("/planner/scenarios")]
pub async fn list(state: web::Data<AppState>, caller: Caller, q: web::Query<ProgrammeQuery>) -> AppResult<web::Json<Vec<Scenario>>> {
    Ok(web::Json(service::list(&state, &caller, q.id()).await?))
}

/// Saves a new scenario of a programme (default the first VA training).
#[utoipa::path(
    tag = "planning",
    params(ProgrammeQuery),
    request_body = ScenarioInput,
    responses(
        (status = 200, body = Scenario),
        Input, AuthedFound,
    ),
    security(("bearer" = []))
)]
#[post("/planner/scenarios")]
pub async fn create(state: web::Data<AppState>, caller: Caller, q: web::Query<ProgrammeQuery>, body: web::Json<ScenarioInput>) -> AppResult<web::Json<Scenario>> {
    Ok(web::Json(service::save(&state, &caller, None, body.into_inner(), q.id()).await?))
}

/// Changes a saved scenario (it stays with its programme).
#[utoipa::path(
    tag = "planning",
    params(("id" = i64, Path, description = "Scenario id")),
    request_body = ScenarioInput,
    responses(
        (status = 200, body = Scenario),
        Input, AuthedFound,
    ),
    security(("bearer" = []))
)]
#[put("/planner/scenarios/{id}")]
pub async fn update(state: web::Data<AppState>, caller: Caller, id: web::Path<ScenarioId>, body: web::Json<ScenarioInput>) -> AppResult<web::Json<Scenario>> {
    Ok(web::Json(service::save(&state, &caller, Some(*id), body.into_inner(), None).await?))
}

/// Deletes a saved scenario.
#[utoipa::path(
    tag = "planning",
    params(("id" = i64, Path, description = "Scenario id")),
    responses(
        (status = 204, description = "Deleted"),
        AuthedFound,
    ),
    security(("bearer" = []))
)]
#[delete("/planner/scenarios/{id}")]
pub async fn remove(state: web::Data<AppState>, caller: Caller, id: web::Path<ScenarioId>) -> AppResult<HttpResponse> {
    service::delete(&state, &caller, *id).await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Turns one of the scenario's groups in a region into an open extra-group proposal on BEL's waiting-list board.
#[utoipa::path(
    tag = "planning",
    params(("id" = i64, Path, description = "Scenario id")),
    request_body = ProposeGroup,
    responses(
        (status = 200, body = ProposalView),
        AuthedFound, BadRequest,
        (status = 409, body = Problem, content_type = "application/problem+json", description = "`proposal_open`: a proposal for the region is still open"),
        (status = 422, body = Problem, content_type = "application/problem+json", description = "`no_group`: the scenario has no group in the region"),
    ),
    security(("bearer" = []))
)]
#[post("/planner/scenarios/{id}/propose")]
pub async fn propose(state: web::Data<AppState>, caller: Caller, id: web::Path<ScenarioId>, body: web::Json<ProposeGroup>) -> AppResult<web::Json<ProposalView>> {
    Ok(web::Json(service::propose(&state, &caller, *id, body.into_inner()).await?))
}

pub fn configure(cfg: &mut utoipa_actix_web::service_config::ServiceConfig) {
    cfg.service(current).service(compute).service(list).service(create).service(update).service(remove).service(propose);
}

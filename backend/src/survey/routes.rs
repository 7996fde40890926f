//! Thin handlers of the yearly survey.

use super::service;
use crate::auth::Caller;
use crate::reference::routes::ProgrammeQuery;
use crate::problems::*;
use crate::error::AppResult;
use crate::state::AppState;
use actix_web::{get, post, put, web};
use va_openapi::survey::*;
use va_openapi::{OrganisationId, Problem, SurveyRoundId};

/// A programme's survey rounds (default the first VA training), newest first, with the number of forms submitted in the caller's scope.
#[utoipa::path(
    tag = "survey",
    params(ProgrammeQuery),
    responses(
        (status = 200, body = Vec<SurveyRound>),
        Unauthorized, BadRequest,
        (status = 403, body = Problem, content_type = "application/problem+json", description = "Trainers"),
        (status = 404, body = Problem, content_type = "application/problem+json", description = "No such programme"),
    ),
    security(("bearer" = []))
)]
#[get("/surveys")]
pub async fn list(state: web::Data<AppState>, caller: Caller, q: web::Query<ProgrammeQuery>) -> AppResult<web::Json<Vec<SurveyRound>>> {
    Ok(web::Json(service::list(&state, &caller, q.id()).await?))
}

/// BEL opens the survey of a programme (default the first VA training) and year with a deadline; the ambassadors are mailed.
#[utoipa::path(
    tag = "survey",
    request_body = NewSurveyRound,
    responses(
        (status = 200, body = SurveyRound),
        Authed, BadRequest,
        (status = 409, body = Problem, content_type = "application/problem+json", description = "`already_exists`: the programme has a round of the year"),
        (status = 422, body = Problem, content_type = "application/problem+json", description = "Year out of range, deadline in the past, `programme_id` unknown or no programme yet"),
    ),
    security(("bearer" = []))
)]
#[post("/surveys")]
pub async fn open(state: web::Data<AppState>, caller: Caller, body: web::Json<NewSurveyRound>) -> AppResult<web::Json<SurveyRound>> {
    Ok(web::Json(service::open(&state, &caller, body.into_inner()).await?))
}

/// The organisations of a round in the caller's scope with their status.
#[utoipa::path(
    tag = "survey",
    params(("id" = i64, Path, description = "Round id")),
    responses(
        (status = 200, body = SurveyOverview),
        AuthedFound,
    ),
    security(("bearer" = []))
)]
#[get("/surveys/{id}")]
pub async fn overview(state: web::Data<AppState>, caller: Caller, id: web::Path<SurveyRoundId>) -> AppResult<web::Json<SurveyOverview>> {
    Ok(web::Json(service::overview(&state, &caller, *id).await?))
}

/// One organisation's form, the trained figure prefilled from the system.
#[utoipa::path(
    tag = "survey",
    params(("id" = i64, Path, description = "Round id"), ("org" = i64, Path, description = "Organisation id")),
    responses(
        (status = 200, body = SurveyForm),
        Authed,
        (status = 404, body = Problem, content_type = "application/problem+json", description = "No such round or organisation, or outside the caller's scope"),
    ),
    security(("bearer" = []))
)]
#[get("/surveys/{id}/organisations/{org}")]
pub async fn form(state: web::Data<AppState>, caller: Caller, path: web::Path<(SurveyRoundId, OrganisationId)>) -> AppResult<web::Json<SurveyForm>> {
    let (id, org) = path.into_inner();
    Ok(web::Json(service::form(&state, &caller, id, org).await?))
}

/// Saves the answers as a draft or submits them (every figure required).
#[utoipa::path(
    tag = "survey",
    params(("id" = i64, Path, description = "Round id"), ("org" = i64, Path, description = "Organisation id")),
    request_body = SurveySave,
    responses(
        (status = 200, body = SurveyForm),
        BadRequest, Unauthorized, NotFound,
        (status = 403, body = Problem, content_type = "application/problem+json", description = "An organisation contact who was not handed the form"),
        (status = 422, body = Problem, content_type = "application/problem+json", description = "`required`, `out_of_range`, `note_required` (trained differs from the system without a note), `too_long`"),
    ),
    security(("bearer" = []))
)]
#[put("/surveys/{id}/organisations/{org}")]
pub async fn save(state: web::Data<AppState>, caller: Caller, path: web::Path<(SurveyRoundId, OrganisationId)>, body: web::Json<SurveySave>) -> AppResult<web::Json<SurveyForm>> {
    let (id, org) = path.into_inner();
    Ok(web::Json(service::save(&state, &caller, id, org, body.into_inner()).await?))
}

/// Hands the form to one of the organisation's contacts (mailed), or takes it back (`user_id` null).
#[utoipa::path(
    tag = "survey",
    params(("id" = i64, Path, description = "Round id"), ("org" = i64, Path, description = "Organisation id")),
    request_body = SurveyDelegate,
    responses(
        (status = 200, body = SurveyForm),
        BadRequest, Unauthorized, NotFound,
        (status = 403, body = Problem, content_type = "application/problem+json", description = "Only BEL and the responsible ambassador hand forms on"),
        (status = 422, body = Problem, content_type = "application/problem+json", description = "`not_contact`: not an active contact of the organisation"),
    ),
    security(("bearer" = []))
)]
#[post("/surveys/{id}/organisations/{org}/delegate")]
pub async fn delegate(state: web::Data<AppState>, caller: Caller, path: web::Path<(SurveyRoundId, OrganisationId)>, body: web::Json<SurveyDelegate>) -> AppResult<web::Json<SurveyForm>> {
    let (id, org) = path.into_inner();
    Ok(web::Json(service::delegate(&state, &caller, id, org, body.into_inner()).await?))
}

pub fn configure(cfg: &mut utoipa_actix_web::service_config::ServiceConfig) {
    cfg.service(list).service(open).service(overview).service(form).service(save).service(delegate);
}

//! Thin handlers for readiness checks.

use super::service;
use crate::auth::Caller;
use crate::problems::*;
use crate::error::AppResult;
use crate::state::AppState;
use actix_web::{get, post, put, web, HttpResponse};
use serde::Deserialize;
use utoipa::IntoParams;
use va_openapi::readiness::*;
use va_openapi::{OrganisationId, Problem};

/// The current published template (BEL, ambassadors).
#[utoipa::path(
    tag = "readiness",
    responses(
        (status = 200, body = Template),
        Authed,
    ),
    security(("bearer" = []))
)]
#[get("/readiness/template")]
pub async fn template(state: web::Data<AppState>, caller: Caller) -> AppResult<web::Json<Template>> {
    Ok(web::Json(super::template::template(&state, &caller, false).await?))
}

/// The draft of the next version (BEL); 404 when there is none.
#[utoipa::path(
    tag = "readiness",
    responses(
        (status = 200, body = Template),
        AuthedFound,
    ),
    security(("bearer" = []))
)]
#[get("/readiness/template/draft")]
pub async fn draft(state: web::Data<AppState>, caller: Caller) -> AppResult<web::Json<Template>> {
    Ok(web::Json(super::template::template(&state, &caller, true).await?))
}

/// Save the draft of the next template version (BEL).
#[utoipa::path(
    tag = "readiness",
    request_body = TemplateDraftInput,
    responses(
        (status = 200, body = Template),
        Input, Authed,
    ),
    security(("bearer" = []))
)]
#[put("/readiness/template/draft")]
pub async fn save_draft(state: web::Data<AppState>, caller: Caller, body: web::Json<TemplateDraftInput>) -> AppResult<web::Json<Template>> {
    Ok(web::Json(super::template::save_draft(&state, &caller, body.into_inner()).await?))
}

/// Publish the draft as the next version (BEL). Interviews keep the version they were held with.
#[utoipa::path(
    tag = "readiness",
    responses(
        (status = 200, body = Template),
        Authed,
        (status = 409, body = Problem, content_type = "application/problem+json", description = "invalid_transition: no draft"),
    ),
    security(("bearer" = []))
)]
#[post("/readiness/template/draft/publish")]
pub async fn publish(state: web::Data<AppState>, caller: Caller) -> AppResult<web::Json<Template>> {
    Ok(web::Json(super::template::publish(&state, &caller).await?))
}

#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
pub struct ChecksQuery {
    pub organisation_id: Option<i64>,
}

/// Readiness checks in the caller's scope.
#[utoipa::path(
    tag = "readiness",
    params(ChecksQuery),
    responses(
        (status = 200, body = Vec<CheckSummary>),
        Authed, BadRequest,
    ),
    security(("bearer" = []))
)]
#[get("/readiness/checks")]
pub async fn list(state: web::Data<AppState>, caller: Caller, q: web::Query<ChecksQuery>) -> AppResult<web::Json<Vec<CheckSummary>>> {
    Ok(web::Json(service::list_checks(&state, &caller, q.organisation_id.map(OrganisationId)).await?))
}

/// Start a new readiness check for an organisation (ambassador of its region, or BEL).
#[utoipa::path(
    tag = "readiness",
    request_body = NewCheck,
    responses(
        (status = 201, body = CheckView),
        Input, AuthedFound,
    ),
    security(("bearer" = []))
)]
#[post("/readiness/checks")]
pub async fn create(state: web::Data<AppState>, caller: Caller, body: web::Json<NewCheck>) -> AppResult<HttpResponse> {
    Ok(HttpResponse::Created().json(service::create_check(&state, &caller, body.into_inner()).await?))
}

/// One check, with the items of the template version it is held with.
#[utoipa::path(
    tag = "readiness",
    params(("id" = i64, Path, description = "Check id")),
    responses(
        (status = 200, body = CheckView),
        AuthedFound,
    ),
    security(("bearer" = []))
)]
#[get("/readiness/checks/{id}")]
pub async fn get_one(state: web::Data<AppState>, caller: Caller, id: web::Path<i64>) -> AppResult<web::Json<CheckView>> {
    Ok(web::Json(service::get_check(&state, &caller, *id).await?))
}

/// Plan or move the interview; invitees get an iCalendar invitation (same UID, higher SEQUENCE on a change).
#[utoipa::path(
    tag = "readiness",
    params(("id" = i64, Path, description = "Check id")),
    request_body = ScheduleInput,
    responses(
        (status = 200, body = CheckView),
        Input, AuthedFound,
        (status = 409, body = Problem, content_type = "application/problem+json", description = "invalid_transition"),
    ),
    security(("bearer" = []))
)]
#[post("/readiness/checks/{id}/schedule")]
pub async fn schedule(state: web::Data<AppState>, caller: Caller, id: web::Path<i64>, body: web::Json<ScheduleInput>) -> AppResult<web::Json<CheckView>> {
    Ok(web::Json(service::schedule(&state, &caller, *id, body.into_inner()).await?))
}

/// Cancel the interview (METHOD:CANCEL to the invitees).
#[utoipa::path(
    tag = "readiness",
    params(("id" = i64, Path, description = "Check id")),
    responses(
        (status = 200, body = CheckView),
        AuthedFound,
        (status = 409, body = Problem, content_type = "application/problem+json", description = "invalid_transition"),
    ),
    security(("bearer" = []))
)]
#[post("/readiness/checks/{id}/cancel")]
pub async fn cancel(state: web::Data<AppState>, caller: Caller, id: web::Path<i64>) -> AppResult<web::Json<CheckView>> {
    Ok(web::Json(service::cancel(&state, &caller, *id).await?))
}

/// Save one answer (autosave).
#[utoipa::path(
    tag = "readiness",
    params(("id" = i64, Path, description = "Check id")),
    request_body = AnswerInput,
    responses(
        (status = 200, body = CheckView),
        Input, AuthedFound,
        (status = 409, body = Problem, content_type = "application/problem+json", description = "invalid_transition: completed or cancelled"),
    ),
    security(("bearer" = []))
)]
#[put("/readiness/checks/{id}/answers")]
pub async fn answer(state: web::Data<AppState>, caller: Caller, id: web::Path<i64>, body: web::Json<AnswerInput>) -> AppResult<web::Json<CheckView>> {
    Ok(web::Json(service::answer(&state, &caller, *id, body.into_inner()).await?))
}

/// Follow-up activities proposed from the answers so far (items not in place).
#[utoipa::path(
    tag = "readiness",
    params(("id" = i64, Path, description = "Check id")),
    responses(
        (status = 200, body = Vec<FollowupInput>),
        AuthedFound,
    ),
    security(("bearer" = []))
)]
#[get("/readiness/checks/{id}/proposals")]
pub async fn proposals(state: web::Data<AppState>, caller: Caller, id: web::Path<i64>) -> AppResult<web::Json<Vec<FollowupInput>>> {
    Ok(web::Json(service::proposals(&state, &caller, *id).await?))
}

/// Complete the interview with its summary and follow-up activities.
#[utoipa::path(
    tag = "readiness",
    params(("id" = i64, Path, description = "Check id")),
    request_body = CompleteInput,
    responses(
        (status = 200, body = CheckView),
        Input, AuthedFound,
        (status = 409, body = Problem, content_type = "application/problem+json", description = "invalid_transition"),
    ),
    security(("bearer" = []))
)]
#[post("/readiness/checks/{id}/complete")]
pub async fn complete(state: web::Data<AppState>, caller: Caller, id: web::Path<i64>, body: web::Json<CompleteInput>) -> AppResult<web::Json<CheckView>> {
    Ok(web::Json(service::complete(&state, &caller, *id, body.into_inner()).await?))
}

/// Update a follow-up activity's status.
#[utoipa::path(
    tag = "readiness",
    params(("id" = i64, Path, description = "Follow-up id")),
    request_body = FollowupUpdate,
    responses(
        (status = 200, body = Followup),
        AuthedFound, BadRequest,
    ),
    security(("bearer" = []))
)]
#[put("/readiness/followups/{id}")]
pub async fn update_followup(state: web::Data<AppState>, caller: Caller, id: web::Path<i64>, body: web::Json<FollowupUpdate>) -> AppResult<web::Json<Followup>> {
    Ok(web::Json(service::update_followup(&state, &caller, *id, body.into_inner()).await?))
}

/// Items x organisations: the latest check per organisation with open and overdue follow-ups
/// (BEL: all; ambassadors: their region).
#[utoipa::path(
    tag = "readiness",
    responses(
        (status = 200, body = Overview),
        Authed,
    ),
    security(("bearer" = []))
)]
#[get("/readiness/overview")]
pub async fn overview(state: web::Data<AppState>, caller: Caller) -> AppResult<web::Json<Overview>> {
    Ok(web::Json(super::overview::overview(&state, &caller).await?))
}

/// BEL users who can join an interview as project leader.
#[utoipa::path(
    tag = "readiness",
    responses(
        (status = 200, body = Vec<ProjectLeader>),
        Authed,
    ),
    security(("bearer" = []))
)]
#[get("/readiness/project-leaders")]
pub async fn project_leaders(
    state: web::Data<AppState>,
    caller: Caller,
) -> AppResult<web::Json<Vec<ProjectLeader>>> {
    Ok(web::Json(service::project_leaders(&state, &caller).await?))
}

/// Follow-up activities in the caller's scope, soonest due first.
#[utoipa::path(
    tag = "readiness",
    params(ChecksQuery),
    responses(
        (status = 200, body = Vec<Followup>),
        Authed, BadRequest,
    ),
    security(("bearer" = []))
)]
#[get("/readiness/followups")]
pub async fn followups(state: web::Data<AppState>, caller: Caller, q: web::Query<ChecksQuery>) -> AppResult<web::Json<Vec<Followup>>> {
    Ok(web::Json(service::followups(&state, &caller, q.organisation_id.map(OrganisationId)).await?))
}

pub fn configure(cfg: &mut utoipa_actix_web::service_config::ServiceConfig) {
    cfg.service(template)
        .service(draft)
        .service(save_draft)
        .service(publish)
        .service(list)
        .service(create)
        .service(get_one)
        .service(schedule)
        .service(cancel)
        .service(answer)
        .service(proposals)
        .service(complete)
        .service(update_followup)
        .service(overview)
        .service(project_leaders)
        .service(followups);
}

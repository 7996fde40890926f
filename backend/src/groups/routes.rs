//! Thin handlers of group planning (BEL).

use super::{days, service};
use crate::auth::Caller;
use crate::error::AppResult;
use crate::problems::*;
use crate::state::AppState;
use actix_web::{delete, get, post, put, web, HttpResponse};
use va_openapi::admin::{DayTrainer, GroupCancel, GroupInput, GroupPlan, NewGroup, NewTrainingDay};
use va_openapi::{GroupId, Problem, ProgrammeId, TrainingDayId};

/// A group with its days and trainers (BEL, or a trainer of the group).
#[utoipa::path(
    tag = "groups",
    params(("id" = i64, Path, description = "Group id")),
    responses((status = 200, body = GroupPlan), AuthedFound),
    security(("bearer" = []))
)]
#[get("/groups/{id}/plan")]
pub async fn plan(state: web::Data<AppState>, caller: Caller, id: web::Path<GroupId>) -> AppResult<web::Json<GroupPlan>> {
    Ok(web::Json(service::plan(&state, &caller, *id).await?))
}

/// Create a training group with its days (BEL).
#[utoipa::path(
    tag = "groups",
    params(("id" = i64, Path, description = "Programme id")),
    request_body = NewGroup,
    responses(
        (status = 201, body = GroupPlan),
        Input, AuthedFound,
        (status = 409, body = Problem, content_type = "application/problem+json", description = "already_exists: the programme has a group of this name"),
    ),
    security(("bearer" = []))
)]
#[post("/programmes/{id}/groups")]
pub async fn create(state: web::Data<AppState>, caller: Caller, id: web::Path<ProgrammeId>, body: web::Json<NewGroup>) -> AppResult<HttpResponse> {
    Ok(HttpResponse::Created().json(service::create(&state, &caller, *id, body.into_inner()).await?))
}

/// Change a group: name, region, capacity, location, trainer, planned or open (BEL).
#[utoipa::path(
    tag = "groups",
    params(("id" = i64, Path, description = "Group id")),
    request_body = GroupInput,
    responses(
        (status = 200, body = GroupPlan),
        Input, AuthedFound,
        (status = 409, body = Problem, content_type = "application/problem+json", description = "capacity_too_low, already_exists or group_closed"),
    ),
    security(("bearer" = []))
)]
#[put("/groups/{id}")]
pub async fn update(state: web::Data<AppState>, caller: Caller, id: web::Path<GroupId>, body: web::Json<GroupInput>) -> AppResult<web::Json<GroupPlan>> {
    Ok(web::Json(service::update(&state, &caller, *id, body.into_inner()).await?))
}

/// Cancel a group with a reason: participants go back to the waiting list, everyone is told (BEL).
#[utoipa::path(
    tag = "groups",
    params(("id" = i64, Path, description = "Group id")),
    request_body = GroupCancel,
    responses(
        (status = 200, body = GroupPlan),
        Input, AuthedFound,
        (status = 409, body = Problem, content_type = "application/problem+json", description = "group_closed: completed or cancelled already"),
    ),
    security(("bearer" = []))
)]
#[post("/groups/{id}/cancel")]
pub async fn cancel(state: web::Data<AppState>, caller: Caller, id: web::Path<GroupId>, body: web::Json<GroupCancel>) -> AppResult<web::Json<GroupPlan>> {
    Ok(web::Json(service::cancel(&state, &caller, *id, body.into_inner()).await?))
}

/// Add a training day; participants get the invitation (BEL).
#[utoipa::path(
    tag = "groups",
    params(("id" = i64, Path, description = "Group id")),
    request_body = NewTrainingDay,
    responses(
        (status = 201, body = GroupPlan),
        Input, AuthedFound,
        (status = 409, body = Problem, content_type = "application/problem+json", description = "group_closed"),
    ),
    security(("bearer" = []))
)]
#[post("/groups/{id}/days")]
pub async fn add_day(state: web::Data<AppState>, caller: Caller, id: web::Path<GroupId>, body: web::Json<NewTrainingDay>) -> AppResult<HttpResponse> {
    Ok(HttpResponse::Created().json(days::add(&state, &caller, *id, body.into_inner()).await?))
}

/// Remove a training day planned by mistake (BEL); participants' calendars drop it.
#[utoipa::path(
    tag = "groups",
    params(("id" = i64, Path, description = "Training day id")),
    responses(
        (status = 200, body = GroupPlan),
        AuthedFound,
        (status = 409, body = Problem, content_type = "application/problem+json", description = "has_attendance, last_day or group_closed"),
    ),
    security(("bearer" = []))
)]
#[delete("/training-days/{id}")]
pub async fn remove_day(state: web::Data<AppState>, caller: Caller, id: web::Path<TrainingDayId>) -> AppResult<web::Json<GroupPlan>> {
    Ok(web::Json(days::remove(&state, &caller, *id).await?))
}

/// Who gives one day; empty: the group's trainer (BEL).
#[utoipa::path(
    tag = "groups",
    params(("id" = i64, Path, description = "Training day id")),
    request_body = DayTrainer,
    responses(
        (status = 200, body = GroupPlan),
        Input, AuthedFound,
        (status = 409, body = Problem, content_type = "application/problem+json", description = "group_closed"),
    ),
    security(("bearer" = []))
)]
#[put("/training-days/{id}/trainer")]
pub async fn day_trainer(state: web::Data<AppState>, caller: Caller, id: web::Path<TrainingDayId>, body: web::Json<DayTrainer>) -> AppResult<web::Json<GroupPlan>> {
    Ok(web::Json(days::set_trainer(&state, &caller, *id, body.into_inner()).await?))
}

pub fn configure(cfg: &mut utoipa_actix_web::service_config::ServiceConfig) {
    cfg.service(plan).service(create).service(update).service(cancel).service(add_day).service(remove_day).service(day_trainer);
}

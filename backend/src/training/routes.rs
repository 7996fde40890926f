//! Thin handlers for training delivery.

use super::service;
use crate::auth::Caller;
use crate::problems::*;
use crate::error::AppResult;
use crate::state::AppState;
use actix_web::{get, post, put, web};
use va_openapi::reference::TrainingGroup;
use va_openapi::training::*;
use va_openapi::{GroupId, Problem, TrainingDayId};

/// The groups the caller runs (trainers: their own; BEL: all).
#[utoipa::path(
    tag = "training",
    responses(
        (status = 200, body = Vec<TrainingGroup>),
        Authed,
    ),
    security(("bearer" = []))
)]
#[get("/trainer/groups")]
pub async fn my_groups(state: web::Data<AppState>, caller: Caller) -> AppResult<web::Json<Vec<TrainingGroup>>> {
    Ok(web::Json(service::my_groups(&state, &caller).await?))
}

/// A group's days, participants and attendance (its trainers and BEL).
#[utoipa::path(
    tag = "training",
    params(("id" = i64, Path, description = "Group id")),
    responses(
        (status = 200, body = GroupAttendance),
        Authed,
        (status = 404, body = Problem, content_type = "application/problem+json", description = "No such group, or not one of the trainer's"),
    ),
    security(("bearer" = []))
)]
#[get("/groups/{id}/attendance")]
pub async fn attendance(state: web::Data<AppState>, caller: Caller, id: web::Path<GroupId>) -> AppResult<web::Json<GroupAttendance>> {
    Ok(web::Json(service::attendance_view(&state, &caller, *id).await?))
}

/// Mark attendance of one day (present, absent, excused, with a note), from the day itself until the window closes.
#[utoipa::path(
    tag = "training",
    params(("id" = i64, Path, description = "Training day id")),
    request_body = AttendanceInput,
    responses(
        (status = 200, body = GroupAttendance),
        AuthedFound, BadRequest,
        (status = 409, body = Problem, content_type = "application/problem+json", description = "attendance_closed: before the day, after the window, a cancelled day or a closed group"),
        (status = 422, body = Problem, content_type = "application/problem+json", description = "Not a participant, note too long"),
    ),
    security(("bearer" = []))
)]
#[put("/training-days/{id}/attendance")]
pub async fn mark(state: web::Data<AppState>, caller: Caller, id: web::Path<TrainingDayId>, body: web::Json<AttendanceInput>) -> AppResult<web::Json<GroupAttendance>> {
    Ok(web::Json(service::mark(&state, &caller, *id, body.into_inner()).await?))
}

/// Change a training day; every participant gets the updated invitation (same UID, higher SEQUENCE) and the reason.
#[utoipa::path(
    tag = "training",
    params(("id" = i64, Path, description = "Training day id")),
    request_body = DayChange,
    responses(
        (status = 200, body = GroupAttendance),
        AuthedFound, BadRequest,
        (status = 409, body = Problem, content_type = "application/problem+json", description = "conflict: a cancelled day, a day that took place, a closed group, or changed meanwhile"),
        (status = 422, body = Problem, content_type = "application/problem+json", description = "Reason missing, times or place invalid, day in the past"),
    ),
    security(("bearer" = []))
)]
#[put("/training-days/{id}")]
pub async fn change_day(state: web::Data<AppState>, caller: Caller, id: web::Path<TrainingDayId>, body: web::Json<DayChange>) -> AppResult<web::Json<GroupAttendance>> {
    Ok(web::Json(service::change_day(&state, &caller, *id, body.into_inner()).await?))
}

/// Cancel a training day; every participant gets the cancellation (METHOD:CANCEL) and the reason.
#[utoipa::path(
    tag = "training",
    params(("id" = i64, Path, description = "Training day id")),
    request_body = DayCancel,
    responses(
        (status = 200, body = GroupAttendance),
        AuthedFound, BadRequest,
        (status = 409, body = Problem, content_type = "application/problem+json", description = "conflict: cancelled already, the day took place or the group is closed"),
        (status = 422, body = Problem, content_type = "application/problem+json", description = "Reason missing"),
    ),
    security(("bearer" = []))
)]
#[post("/training-days/{id}/cancel")]
pub async fn cancel_day(state: web::Data<AppState>, caller: Caller, id: web::Path<TrainingDayId>, body: web::Json<DayCancel>) -> AppResult<web::Json<GroupAttendance>> {
    Ok(web::Json(service::cancel_day(&state, &caller, *id, body.into_inner()).await?))
}

/// Close the group: each participant becomes trained or not completed by the completion rule.
#[utoipa::path(
    tag = "training",
    params(("id" = i64, Path, description = "Group id")),
    responses(
        (status = 200, body = GroupAttendance),
        AuthedFound,
        (status = 409, body = Problem, content_type = "application/problem+json", description = "attendance_incomplete (days to come, marks missing), invalid_transition (closed already)"),
    ),
    security(("bearer" = []))
)]
#[post("/groups/{id}/close")]
pub async fn close(state: web::Data<AppState>, caller: Caller, id: web::Path<GroupId>) -> AppResult<web::Json<GroupAttendance>> {
    Ok(web::Json(service::close(&state, &caller, *id).await?))
}

pub fn configure(cfg: &mut utoipa_actix_web::service_config::ServiceConfig) {
    cfg.service(my_groups).service(attendance).service(mark).service(change_day).service(cancel_day).service(close);
}

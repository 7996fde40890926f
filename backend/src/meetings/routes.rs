//! Thin handlers of the monitoring meeting.

use super::service;
use crate::auth::Caller;
use crate::error::AppResult;
use crate::problems::*;
use crate::state::AppState;
use actix_web::{delete, get, post, put, web};
use va_openapi::meetings::*;
use va_openapi::{MeetingId, MeetingItemId, Problem};

/// The meetings by year and every open action (BEL and ambassadors).
#[utoipa::path(tag = "meetings", responses((status = 200, body = MeetingList), Authed), security(("bearer" = [])))]
#[get("/monitoring/meetings")]
pub async fn list(state: web::Data<AppState>, caller: Caller) -> AppResult<web::Json<MeetingList>> {
    Ok(web::Json(service::list(&state, &caller).await?))
}

/// BEL schedules a meeting; a year has three.
#[utoipa::path(
    tag = "meetings",
    request_body = MeetingInput,
    responses(
        (status = 200, body = Meeting),
        Authed, Input,
        (status = 409, body = Problem, content_type = "application/problem+json", description = "`meetings_full`: the year has its three meetings"),
    ),
    security(("bearer" = []))
)]
#[post("/monitoring/meetings")]
pub async fn create(state: web::Data<AppState>, caller: Caller, body: web::Json<MeetingInput>) -> AppResult<web::Json<Meeting>> {
    Ok(web::Json(service::create(&state, &caller, body.into_inner()).await?))
}

/// One meeting with its decisions, actions and the snapshot discussed (ambassadors: organisations of their own region only).
#[utoipa::path(tag = "meetings", params(("id" = i64, Path, description = "Meeting id")), responses((status = 200, body = Meeting), AuthedFound), security(("bearer" = [])))]
#[get("/monitoring/meetings/{id}")]
pub async fn get(state: web::Data<AppState>, caller: Caller, id: web::Path<MeetingId>) -> AppResult<web::Json<Meeting>> {
    Ok(web::Json(service::get(&state, &caller, *id).await?))
}

/// BEL changes a meeting: date, label, place, snapshot, notes.
#[utoipa::path(
    tag = "meetings",
    params(("id" = i64, Path, description = "Meeting id")),
    request_body = MeetingInput,
    responses(
        (status = 200, body = Meeting),
        AuthedFound, Input,
        (status = 409, body = Problem, content_type = "application/problem+json", description = "`meetings_full`: the new date's year has its three meetings"),
    ),
    security(("bearer" = []))
)]
#[put("/monitoring/meetings/{id}")]
pub async fn update(state: web::Data<AppState>, caller: Caller, id: web::Path<MeetingId>, body: web::Json<MeetingInput>) -> AppResult<web::Json<Meeting>> {
    Ok(web::Json(service::update(&state, &caller, *id, body.into_inner()).await?))
}

/// BEL removes a meeting scheduled by mistake (one without decisions or actions).
#[utoipa::path(
    tag = "meetings",
    params(("id" = i64, Path, description = "Meeting id")),
    responses(
        (status = 204, description = "Removed"),
        AuthedFound,
        (status = 409, body = Problem, content_type = "application/problem+json", description = "`conflict`: the meeting has decisions or actions"),
    ),
    security(("bearer" = []))
)]
#[delete("/monitoring/meetings/{id}")]
pub async fn remove(state: web::Data<AppState>, caller: Caller, id: web::Path<MeetingId>) -> AppResult<actix_web::HttpResponse> {
    service::remove(&state, &caller, *id).await?;
    Ok(actix_web::HttpResponse::NoContent().finish())
}

/// BEL records a decision or a follow-up action (owner and date).
#[utoipa::path(
    tag = "meetings",
    params(("id" = i64, Path, description = "Meeting id")),
    request_body = NewMeetingItem,
    responses((status = 200, body = Meeting), AuthedFound, Input),
    security(("bearer" = []))
)]
#[post("/monitoring/meetings/{id}/items")]
pub async fn add_item(state: web::Data<AppState>, caller: Caller, id: web::Path<MeetingId>, body: web::Json<NewMeetingItem>) -> AppResult<web::Json<Meeting>> {
    Ok(web::Json(service::add_item(&state, &caller, *id, body.into_inner()).await?))
}

/// BEL marks an action done or open again.
#[utoipa::path(
    tag = "meetings",
    params(("id" = i64, Path, description = "Item id")),
    request_body = ItemDone,
    responses(
        (status = 200, body = Meeting),
        AuthedFound, BadRequest,
        (status = 409, body = Problem, content_type = "application/problem+json", description = "`invalid_transition`: a decision is not done or open"),
    ),
    security(("bearer" = []))
)]
#[put("/monitoring/meeting-items/{id}")]
pub async fn set_done(state: web::Data<AppState>, caller: Caller, id: web::Path<MeetingItemId>, body: web::Json<ItemDone>) -> AppResult<web::Json<Meeting>> {
    Ok(web::Json(service::set_done(&state, &caller, *id, body.into_inner()).await?))
}

/// BEL removes an item recorded by mistake.
#[utoipa::path(tag = "meetings", params(("id" = i64, Path, description = "Item id")), responses((status = 200, body = Meeting), AuthedFound), security(("bearer" = [])))]
#[delete("/monitoring/meeting-items/{id}")]
pub async fn delete_item(state: web::Data<AppState>, caller: Caller, id: web::Path<MeetingItemId>) -> AppResult<web::Json<Meeting>> {
    Ok(web::Json(service::delete_item(&state, &caller, *id).await?))
}

pub fn configure(cfg: &mut utoipa_actix_web::service_config::ServiceConfig) {
    cfg.service(list).service(create).service(get).service(update).service(remove).service(add_item).service(set_done).service(delete_item);
}

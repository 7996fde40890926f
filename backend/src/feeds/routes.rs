//! Thin handlers of the calendar feeds.

use super::service;
use crate::auth::Caller;
use crate::error::AppResult;
use crate::problems::*;
use crate::state::AppState;
use actix_web::{delete, get, post, web, HttpResponse};
use va_openapi::feeds::CalendarFeed;
use va_openapi::ProfessionalId;

/// Whether the caller has a calendar feed (its address is shown only when made).
#[utoipa::path(tag = "calendar", responses((status = 200, body = CalendarFeed), Authed), security(("bearer" = [])))]
#[get("/me/calendar-feed")]
pub async fn mine(state: web::Data<AppState>, caller: Caller) -> AppResult<web::Json<CalendarFeed>> {
    Ok(web::Json(service::mine(&state, &caller).await?))
}

/// A new secret address for the caller's own feed; the old one stops working.
#[utoipa::path(tag = "calendar", responses((status = 200, body = CalendarFeed), Authed), security(("bearer" = [])))]
#[post("/me/calendar-feed")]
pub async fn renew_mine(state: web::Data<AppState>, caller: Caller) -> AppResult<web::Json<CalendarFeed>> {
    Ok(web::Json(service::renew_mine(&state, &caller).await?))
}

/// Revokes the caller's feed.
#[utoipa::path(tag = "calendar", responses((status = 200, body = CalendarFeed), Authed), security(("bearer" = [])))]
#[delete("/me/calendar-feed")]
pub async fn revoke_mine(state: web::Data<AppState>, caller: Caller) -> AppResult<web::Json<CalendarFeed>> {
    Ok(web::Json(service::revoke_mine(&state, &caller).await?))
}

/// Whether a professional has a feed (BEL, their region's ambassador, their organisation's contact).
#[utoipa::path(tag = "calendar", params(("id" = i64, Path, description = "Professional id")), responses((status = 200, body = CalendarFeed), AuthedFound), security(("bearer" = [])))]
#[get("/professionals/{id}/calendar-feed")]
pub async fn of_professional(state: web::Data<AppState>, caller: Caller, id: web::Path<ProfessionalId>) -> AppResult<web::Json<CalendarFeed>> {
    Ok(web::Json(service::of_professional(&state, &caller, *id).await?))
}

/// A new feed address for a professional, mailed to them; the old one stops working.
#[utoipa::path(tag = "calendar", params(("id" = i64, Path, description = "Professional id")), responses((status = 200, body = CalendarFeed), AuthedFound), security(("bearer" = [])))]
#[post("/professionals/{id}/calendar-feed")]
pub async fn renew_for_professional(state: web::Data<AppState>, caller: Caller, id: web::Path<ProfessionalId>) -> AppResult<web::Json<CalendarFeed>> {
    Ok(web::Json(service::renew_for_professional(&state, &caller, *id).await?))
}

/// Revokes a professional's feed.
#[utoipa::path(tag = "calendar", params(("id" = i64, Path, description = "Professional id")), responses((status = 200, body = CalendarFeed), AuthedFound), security(("bearer" = [])))]
#[delete("/professionals/{id}/calendar-feed")]
pub async fn revoke_for_professional(state: web::Data<AppState>, caller: Caller, id: web::Path<ProfessionalId>) -> AppResult<web::Json<CalendarFeed>> {
    Ok(web::Json(service::revoke_for_professional(&state, &caller, *id).await?))
}

/// The feed itself, for calendar apps: no login, the secret address is the key.
#[utoipa::path(
    tag = "calendar",
    params(("token" = String, Path, description = "The feed's secret token, with `.ics`")),
    responses(
        (status = 200, content_type = "text/calendar", body = String, description = "iCalendar (PUBLISH) with the owner's days and sessions"),
        (status = 404, body = va_openapi::Problem, content_type = "application/problem+json", description = "Unknown or revoked"),
    ),
    security(())
)]
#[get("/calendar/{token}")]
pub async fn read(state: web::Data<AppState>, token: web::Path<String>) -> AppResult<HttpResponse> {
    let ics = service::read(&state, &token).await?;
    // Like every API answer it carries `Cache-Control: no-store` (headers.rs): no cache keeps someone's appointments.
    Ok(HttpResponse::Ok().content_type("text/calendar; charset=utf-8").body(ics))
}

pub fn configure(cfg: &mut utoipa_actix_web::service_config::ServiceConfig) {
    cfg.service(mine).service(renew_mine).service(revoke_mine).service(of_professional).service(renew_for_professional).service(revoke_for_professional).service(read);
}

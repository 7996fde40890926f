//! Thin handlers of the learning network.

use super::{links, needs, registrations, sessions};
use crate::auth::Caller;
use crate::error::AppResult;
use crate::problems::*;
use crate::state::AppState;
use actix_web::{delete, get, post, put, web};
use va_openapi::learning::*;
use va_openapi::{LearningNeedId, LearningRegistrationId, LearningSessionId, Problem};

/// Sessions the caller may see: upcoming by date, held or cancelled newest first.
#[utoipa::path(tag = "learning", responses((status = 200, body = LearningSessionList), Authed), security(("bearer" = [])))]
#[get("/learning/sessions")]
pub async fn list(state: web::Data<AppState>, caller: Caller) -> AppResult<web::Json<LearningSessionList>> {
    Ok(web::Json(sessions::list(&state, &caller).await?))
}

/// BEL announces any session; an ambassador a regional one of their region.
#[utoipa::path(tag = "learning", request_body = LearningSessionInput, responses((status = 200, body = LearningSession), Authed, Input), security(("bearer" = [])))]
#[post("/learning/sessions")]
pub async fn create(state: web::Data<AppState>, caller: Caller, body: web::Json<LearningSessionInput>) -> AppResult<web::Json<LearningSession>> {
    Ok(web::Json(sessions::create(&state, &caller, body.into_inner()).await?))
}

/// One session: the registrations the caller may see and whom they may still register.
#[utoipa::path(tag = "learning", params(("id" = i64, Path, description = "Session id")), responses((status = 200, body = LearningSession), AuthedFound), security(("bearer" = [])))]
#[get("/learning/sessions/{id}")]
pub async fn get(state: web::Data<AppState>, caller: Caller, id: web::Path<LearningSessionId>) -> AppResult<web::Json<LearningSession>> {
    Ok(web::Json(sessions::get(&state, &caller, *id).await?))
}

/// The organiser changes a session before it is held; a new date, time or place updates the invitations.
#[utoipa::path(
    tag = "learning",
    params(("id" = i64, Path, description = "Session id")),
    request_body = LearningSessionInput,
    responses(
        (status = 200, body = LearningSession),
        AuthedFound, Input,
        (status = 409, body = Problem, content_type = "application/problem+json", description = "`invalid_transition`: held or cancelled; `capacity_too_low`: fewer places than taken"),
    ),
    security(("bearer" = []))
)]
#[put("/learning/sessions/{id}")]
pub async fn update(state: web::Data<AppState>, caller: Caller, id: web::Path<LearningSessionId>, body: web::Json<LearningSessionInput>) -> AppResult<web::Json<LearningSession>> {
    Ok(web::Json(sessions::update(&state, &caller, *id, body.into_inner()).await?))
}

/// The organiser cancels a session before it is held; everyone with a place gets the calendar cancellation.
#[utoipa::path(
    tag = "learning",
    params(("id" = i64, Path, description = "Session id")),
    request_body = LearningCancelInput,
    responses(
        (status = 200, body = LearningSession),
        AuthedFound, Input,
        (status = 409, body = Problem, content_type = "application/problem+json", description = "`invalid_transition`: held or cancelled already"),
    ),
    security(("bearer" = []))
)]
#[post("/learning/sessions/{id}/cancel")]
pub async fn cancel(state: web::Data<AppState>, caller: Caller, id: web::Path<LearningSessionId>, body: web::Json<LearningCancelInput>) -> AppResult<web::Json<LearningSession>> {
    Ok(web::Json(sessions::cancel(&state, &caller, *id, body.into_inner()).await?))
}

/// Registers trained professionals (BEL, the region's ambassador, the organisation's contact): a place, or the waiting list when full.
#[utoipa::path(
    tag = "learning",
    params(("id" = i64, Path, description = "Session id")),
    request_body = NewLearningRegistrations,
    responses(
        (status = 200, body = LearningSession),
        AuthedFound, Input,
        (status = 409, body = Problem, content_type = "application/problem+json", description = "`invalid_transition`: registration closed; `already_enrolled`: registered or waiting already"),
    ),
    security(("bearer" = []))
)]
#[post("/learning/sessions/{id}/registrations")]
pub async fn register(state: web::Data<AppState>, caller: Caller, id: web::Path<LearningSessionId>, body: web::Json<NewLearningRegistrations>) -> AppResult<web::Json<LearningSession>> {
    Ok(web::Json(registrations::register(&state, &caller, *id, body.into_inner()).await?))
}

/// Mails trained professionals (whom the caller may register) a personal link to register themselves.
#[utoipa::path(
    tag = "learning",
    params(("id" = i64, Path, description = "Session id")),
    request_body = NewLearningRegistrations,
    responses(
        (status = 200, body = LearningSession),
        AuthedFound, Input,
        (status = 409, body = Problem, content_type = "application/problem+json", description = "`invalid_transition`: registration closed; `already_enrolled`: registered or waiting already"),
    ),
    security(("bearer" = []))
)]
#[post("/learning/sessions/{id}/links")]
pub async fn send_links(state: web::Data<AppState>, caller: Caller, id: web::Path<LearningSessionId>, body: web::Json<NewLearningRegistrations>) -> AppResult<web::Json<LearningSession>> {
    Ok(web::Json(links::send(&state, &caller, *id, body.into_inner()).await?))
}

/// What a professional's personal link shows (no account needed).
#[utoipa::path(
    tag = "learning",
    request_body = LearningLinkToken,
    responses(
        (status = 200, body = PublicLearningSession),
        (status = 400, body = Problem, content_type = "application/problem+json", description = "`token_invalid`: unknown or altered link"),
    ),
    security(())
)]
#[post("/learning/links/lookup")]
pub async fn link_lookup(state: web::Data<AppState>, body: web::Json<LearningLinkToken>) -> AppResult<web::Json<PublicLearningSession>> {
    Ok(web::Json(links::lookup(&state, &body.token).await?))
}

/// The professional registers, withdraws or answers an offered place with their personal link.
#[utoipa::path(
    tag = "learning",
    request_body = LearningLinkInput,
    responses(
        (status = 200, body = PublicLearningSession),
        (status = 400, body = Problem, content_type = "application/problem+json", description = "`token_invalid`: unknown or altered link; a body that does not parse"),
        (status = 409, body = Problem, content_type = "application/problem+json", description = "`invalid_transition`: registration closed, or not registered; `already_enrolled`; `offer_not_open`; `offer_expired`"),
    ),
    security(())
)]
#[post("/learning/links/act")]
pub async fn link_act(state: web::Data<AppState>, body: web::Json<LearningLinkInput>) -> AppResult<web::Json<PublicLearningSession>> {
    Ok(web::Json(links::act(&state, body.into_inner()).await?))
}

/// Withdraws a registration; a freed place is offered to the next on the waiting list.
#[utoipa::path(
    tag = "learning",
    params(("id" = i64, Path, description = "Registration id")),
    responses(
        (status = 200, body = LearningSession),
        AuthedFound,
        (status = 409, body = Problem, content_type = "application/problem+json", description = "`invalid_transition`: withdrawn already, or the session began or was cancelled"),
    ),
    security(("bearer" = []))
)]
#[delete("/learning/registrations/{id}")]
pub async fn withdraw(state: web::Data<AppState>, caller: Caller, id: web::Path<LearningRegistrationId>) -> AppResult<web::Json<LearningSession>> {
    Ok(web::Json(registrations::withdraw(&state, &caller, *id).await?))
}

/// Accepts or passes on an offered place.
#[utoipa::path(
    tag = "learning",
    params(("id" = i64, Path, description = "Registration id")),
    request_body = OfferAnswer,
    responses(
        (status = 200, body = LearningSession),
        AuthedFound, BadRequest,
        (status = 409, body = Problem, content_type = "application/problem+json", description = "`offer_not_open`: no place offered; `offer_expired`: past the deadline"),
    ),
    security(("bearer" = []))
)]
#[post("/learning/registrations/{id}/answer")]
pub async fn answer(state: web::Data<AppState>, caller: Caller, id: web::Path<LearningRegistrationId>, body: web::Json<OfferAnswer>) -> AppResult<web::Json<LearningSession>> {
    Ok(web::Json(registrations::answer(&state, &caller, *id, body.into_inner()).await?))
}

/// The organiser records who attended (from the session's day on).
#[utoipa::path(
    tag = "learning",
    params(("id" = i64, Path, description = "Session id")),
    request_body = LearningAttendanceInput,
    responses(
        (status = 200, body = LearningSession),
        AuthedFound, Input,
        (status = 409, body = Problem, content_type = "application/problem+json", description = "`invalid_transition`: not held yet, or cancelled"),
    ),
    security(("bearer" = []))
)]
#[put("/learning/sessions/{id}/attendance")]
pub async fn attendance(state: web::Data<AppState>, caller: Caller, id: web::Path<LearningSessionId>, body: web::Json<LearningAttendanceInput>) -> AppResult<web::Json<LearningSession>> {
    Ok(web::Json(sessions::attendance(&state, &caller, *id, body.into_inner()).await?))
}

/// The organiser records the lessons learned; the first report goes to every ambassador.
#[utoipa::path(
    tag = "learning",
    params(("id" = i64, Path, description = "Session id")),
    request_body = LearningReportInput,
    responses(
        (status = 200, body = LearningSession),
        AuthedFound, Input,
        (status = 409, body = Problem, content_type = "application/problem+json", description = "`invalid_transition`: not held yet, or cancelled"),
    ),
    security(("bearer" = []))
)]
#[put("/learning/sessions/{id}/report")]
pub async fn report(state: web::Data<AppState>, caller: Caller, id: web::Path<LearningSessionId>, body: web::Json<LearningReportInput>) -> AppResult<web::Json<LearningSession>> {
    Ok(web::Json(sessions::report(&state, &caller, *id, body.into_inner()).await?))
}

/// Every region's learning needs side by side (BEL and ambassadors).
#[utoipa::path(tag = "learning", responses((status = 200, body = LearningNeeds), Authed), security(("bearer" = [])))]
#[get("/learning/needs")]
pub async fn list_needs(state: web::Data<AppState>, caller: Caller) -> AppResult<web::Json<LearningNeeds>> {
    Ok(web::Json(needs::list(&state, &caller).await?))
}

/// An ambassador records a learning need of their region (BEL: of any region).
#[utoipa::path(tag = "learning", request_body = LearningNeedInput, responses((status = 200, body = LearningNeeds), Authed, Input), security(("bearer" = [])))]
#[post("/learning/needs")]
pub async fn create_need(state: web::Data<AppState>, caller: Caller, body: web::Json<LearningNeedInput>) -> AppResult<web::Json<LearningNeeds>> {
    Ok(web::Json(needs::create(&state, &caller, body.into_inner()).await?))
}

/// BEL or the region's ambassador removes a need.
#[utoipa::path(tag = "learning", params(("id" = i64, Path, description = "Need id")), responses((status = 200, body = LearningNeeds), AuthedFound), security(("bearer" = [])))]
#[delete("/learning/needs/{id}")]
pub async fn remove_need(state: web::Data<AppState>, caller: Caller, id: web::Path<LearningNeedId>) -> AppResult<web::Json<LearningNeeds>> {
    Ok(web::Json(needs::remove(&state, &caller, *id).await?))
}

pub fn configure(cfg: &mut utoipa_actix_web::service_config::ServiceConfig) {
    cfg.service(list)
        .service(create)
        .service(get)
        .service(update)
        .service(cancel)
        .service(register)
        .service(send_links)
        .service(link_lookup)
        .service(link_act)
        .service(withdraw)
        .service(answer)
        .service(attendance)
        .service(report)
        .service(list_needs)
        .service(create_need)
        .service(remove_need);
}

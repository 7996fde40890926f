//! Thin handlers for enrolment requests, decisions and allocation.

use super::{board, placement, service};
use crate::auth::Caller;
use crate::problems::*;
use crate::error::AppResult;
use crate::state::AppState;
use actix_web::{get, post, put, web, HttpResponse};
use serde::Deserialize;
use utoipa::IntoParams;
use va_openapi::enrolment::*;
use va_openapi::{EnrolmentId, GroupId, Problem, ProgrammeId, RequestId};

#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
pub struct ListQuery {
    /// Only requests with a professional awaiting a decision (the decider's inbox).
    #[serde(default)]
    pub pending: bool,
    /// Skip this many requests (newest first); with `limit`, a page.
    pub offset: Option<u64>,
    /// At most this many requests (1 to 1000); without it, all. `X-Total-Count` says how many there are.
    pub limit: Option<u64>,
}

/// Create an enrolment request for one or more professionals (organisation contact). Saved as draft unless `submit`.
#[utoipa::path(
    tag = "enrolment",
    request_body = NewEnrolmentRequest,
    responses(
        (status = 201, body = EnrolmentRequestView),
        Input, Unauthorized,
        (status = 403, body = Problem, content_type = "application/problem+json", description = "Trainers, or a contact naming another organisation"),
        (status = 404, body = Problem, content_type = "application/problem+json", description = "The organisation is outside an ambassador's region"),
        (status = 409, body = Problem, content_type = "application/problem+json", description = "already_enrolled: the professional has an active enrolment in this programme (named in detail); organisation_inactive"),
    ),
    security(("bearer" = []))
)]
#[post("/requests")]
pub async fn create(state: web::Data<AppState>, caller: Caller, body: web::Json<NewEnrolmentRequest>) -> AppResult<HttpResponse> {
    let view = service::create_request(&state, &caller, body.into_inner()).await?;
    Ok(HttpResponse::Created().json(view))
}

/// Requests in the caller's scope: BEL all, ambassadors their region's, contacts their organisation's.
#[utoipa::path(
    tag = "enrolment",
    params(ListQuery),
    responses(
        (status = 200, body = Vec<RequestSummary>, headers(("X-Total-Count" = u64, description = "How many requests the whole list has"))),
        Input, Unauthorized,
        (status = 403, body = Problem, content_type = "application/problem+json", description = "Trainers"),
    ),
    security(("bearer" = []))
)]
#[get("/requests")]
pub async fn list(state: web::Data<AppState>, caller: Caller, q: web::Query<ListQuery>) -> AppResult<HttpResponse> {
    let page = crate::cache::Page::of(q.offset, q.limit)?;
    state.kept_page(("requests", q.pending, caller.scope), page, service::list_requests(&state, &caller, q.pending)).await
}

/// One request with its professionals and timeline; 404 outside the caller's scope.
#[utoipa::path(
    tag = "enrolment",
    params(("id" = i64, Path, description = "Request id")),
    responses(
        (status = 200, body = EnrolmentRequestView),
        AuthedFound,
    ),
    security(("bearer" = []))
)]
#[get("/requests/{id}")]
pub async fn get_one(state: web::Data<AppState>, caller: Caller, id: web::Path<RequestId>) -> AppResult<web::Json<EnrolmentRequestView>> {
    let view = service::get_request(&state, &caller, *id).await?;
    // The page names professionals: who opened it is recorded.
    crate::audit::record_read(&state.db, caller.user_id, "request.viewed", &format!("request:{}", id.0), None).await?;
    Ok(web::Json(view))
}

/// Submit (or resubmit) the draft and returned professionals of a request.
#[utoipa::path(
    tag = "enrolment",
    params(("id" = i64, Path, description = "Request id")),
    responses(
        (status = 200, body = EnrolmentRequestView),
        AuthedFound,
        (status = 409, body = Problem, content_type = "application/problem+json", description = "invalid_transition or already_enrolled"),
    ),
    security(("bearer" = []))
)]
#[post("/requests/{id}/submit")]
pub async fn submit(state: web::Data<AppState>, caller: Caller, id: web::Path<RequestId>) -> AppResult<web::Json<EnrolmentRequestView>> {
    Ok(web::Json(service::submit_request(&state, &caller, *id).await?))
}

/// Edit a draft or returned professional's details.
#[utoipa::path(
    tag = "enrolment",
    params(("id" = i64, Path, description = "Enrolment id")),
    request_body = EnrolmentEdit,
    responses(
        (status = 200, body = EnrolmentRequestView),
        Input, AuthedFound,
        (status = 409, body = Problem, content_type = "application/problem+json", description = "invalid_transition (not a draft or returned), already_exists (the corrected email is another professional's)"),
    ),
    security(("bearer" = []))
)]
#[put("/enrolments/{id}")]
pub async fn edit(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<EnrolmentId>,
    body: web::Json<EnrolmentEdit>,
) -> AppResult<web::Json<EnrolmentRequestView>> {
    Ok(web::Json(service::edit_enrolment(&state, &caller, *id, body.into_inner()).await?))
}

/// Approve, reject (reason required) or return (comment required) one professional.
#[utoipa::path(
    tag = "enrolment",
    params(("id" = i64, Path, description = "Enrolment id")),
    request_body = DecisionRequest,
    responses(
        (status = 200, body = EnrolmentRequestView),
        BadRequest, Unauthorized, NotFound,
        (status = 403, body = Problem, content_type = "application/problem+json", description = "Not the decider of this request"),
        (status = 409, body = Problem, content_type = "application/problem+json", description = "invalid_transition"),
        (status = 422, body = Problem, content_type = "application/problem+json", description = "Reason missing"),
    ),
    security(("bearer" = []))
)]
#[post("/enrolments/{id}/decision")]
pub async fn decision(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<EnrolmentId>,
    body: web::Json<DecisionRequest>,
) -> AppResult<web::Json<EnrolmentRequestView>> {
    Ok(web::Json(service::decide(&state, &caller, *id, body.into_inner()).await?))
}

/// Place an approved or waiting professional in a group (BEL). Never oversells.
#[utoipa::path(
    tag = "enrolment",
    params(("id" = i64, Path, description = "Enrolment id")),
    request_body = AllocateRequest,
    responses(
        (status = 200, body = EnrolmentRequestView),
        AuthedFound, BadRequest,
        (status = 409, body = Problem, content_type = "application/problem+json", description = "group_full, group_closed, group_started (without late_entry) or invalid_transition"),
        (status = 422, body = Problem, content_type = "application/problem+json", description = "Unknown group or another programme's"),
    ),
    security(("bearer" = []))
)]
#[post("/enrolments/{id}/allocate")]
pub async fn allocate(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<EnrolmentId>,
    body: web::Json<AllocateRequest>,
) -> AppResult<web::Json<EnrolmentRequestView>> {
    Ok(web::Json(placement::allocate(&state, &caller, *id, body.into_inner()).await?))
}

/// Move a placed professional to another group (BEL).
#[utoipa::path(
    tag = "enrolment",
    params(("id" = i64, Path, description = "Enrolment id")),
    request_body = AllocateRequest,
    responses(
        (status = 200, body = EnrolmentRequestView),
        Input, AuthedFound,
        (status = 409, body = Problem, content_type = "application/problem+json", description = "group_full, group_closed, group_started (without late_entry) or invalid_transition"),
    ),
    security(("bearer" = []))
)]
#[post("/enrolments/{id}/move")]
pub async fn move_to(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<EnrolmentId>,
    body: web::Json<AllocateRequest>,
) -> AppResult<web::Json<EnrolmentRequestView>> {
    Ok(web::Json(placement::move_to(&state, &caller, *id, body.into_inner()).await?))
}

/// Put an approved professional on the waiting list (BEL).
#[utoipa::path(
    tag = "enrolment",
    params(("id" = i64, Path, description = "Enrolment id")),
    responses(
        (status = 200, body = EnrolmentRequestView),
        AuthedFound,
        (status = 409, body = Problem, content_type = "application/problem+json", description = "invalid_transition"),
    ),
    security(("bearer" = []))
)]
#[post("/enrolments/{id}/waitlist")]
pub async fn waitlist(state: web::Data<AppState>, caller: Caller, id: web::Path<EnrolmentId>) -> AppResult<web::Json<EnrolmentRequestView>> {
    Ok(web::Json(placement::waitlist(&state, &caller, *id).await?))
}

/// Withdraw a professional (the organisation or BEL); a placed one frees the seat.
#[utoipa::path(
    tag = "enrolment",
    params(("id" = i64, Path, description = "Enrolment id")),
    request_body = WithdrawRequest,
    responses(
        (status = 200, body = EnrolmentRequestView),
        Input, AuthedFound,
        (status = 409, body = Problem, content_type = "application/problem+json", description = "invalid_transition"),
    ),
    security(("bearer" = []))
)]
#[post("/enrolments/{id}/withdraw")]
pub async fn withdraw(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<EnrolmentId>,
    body: web::Json<WithdrawRequest>,
) -> AppResult<web::Json<EnrolmentRequestView>> {
    Ok(web::Json(placement::withdraw(&state, &caller, *id, body.into_inner()).await?))
}

/// Seat board of a programme: groups (seats taken / free), allocation queue, waiting list (BEL).
#[utoipa::path(
    tag = "enrolment",
    params(("id" = i64, Path, description = "Programme id")),
    responses(
        (status = 200, body = SeatBoard),
        AuthedFound,
    ),
    security(("bearer" = []))
)]
#[get("/programmes/{id}/seat-board")]
pub async fn seat_board(state: web::Data<AppState>, caller: Caller, id: web::Path<ProgrammeId>) -> AppResult<HttpResponse> {
    state.kept(("seat-board", id.0, caller.scope), board::seat_board(&state, &caller, *id)).await
}

/// A group with its training days and participants (BEL, trainers).
#[utoipa::path(
    tag = "enrolment",
    params(("id" = i64, Path, description = "Group id")),
    responses(
        (status = 200, body = GroupDetail),
        AuthedFound,
    ),
    security(("bearer" = []))
)]
#[get("/groups/{id}")]
pub async fn group(state: web::Data<AppState>, caller: Caller, id: web::Path<GroupId>) -> AppResult<web::Json<GroupDetail>> {
    Ok(web::Json(board::group_detail(&state, &caller, *id).await?))
}

pub fn configure(cfg: &mut utoipa_actix_web::service_config::ServiceConfig) {
    cfg.service(create)
        .service(list)
        .service(get_one)
        .service(submit)
        .service(edit)
        .service(decision)
        .service(allocate)
        .service(move_to)
        .service(waitlist)
        .service(withdraw)
        .service(seat_board)
        .service(group);
}

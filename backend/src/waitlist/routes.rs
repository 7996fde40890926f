//! Thin handlers for the waiting list.

use super::{offers, proposals, service, substitutions, views};
use crate::auth::Caller;
use crate::problems::*;
use crate::error::AppResult;
use crate::state::AppState;
use actix_web::{get, post, put, web, HttpResponse};
use serde::Deserialize;
use utoipa::IntoParams;
use va_openapi::enrolment::{PriorityInput, WaitlistEntry};
use va_openapi::waitlist::*;
use va_openapi::{EnrolmentId, GroupId, Problem, ProgrammeId, ProposalId, SubstitutionId};

/// A page of a long list: skip `offset` rows, return at most `limit`.
#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
pub struct PageQuery {
    /// Skip this many entries (in list order); with `limit`, a page.
    pub offset: Option<u64>,
    /// At most this many entries (1 to 1000); without it, all. `X-Total-Count` says how many there are.
    pub limit: Option<u64>,
}

/// The waiting list in order (BEL: all; ambassadors: their region; contacts: their professionals).
#[utoipa::path(
    tag = "waitlist",
    params(("id" = i64, Path, description = "Programme id"), PageQuery),
    responses(
        (status = 200, body = Vec<WaitlistEntry>, headers(("X-Total-Count" = u64, description = "How many entries the whole list has"))),
        Input, AuthedFound,
    ),
    security(("bearer" = []))
)]
#[get("/programmes/{id}/waitlist")]
pub async fn list(state: web::Data<AppState>, caller: Caller, id: web::Path<ProgrammeId>, q: web::Query<PageQuery>) -> AppResult<HttpResponse> {
    let page = crate::cache::Page::of(q.offset, q.limit)?;
    state.kept_page(("waitlist", id.0, caller.scope), page, service::list(&state, &caller, *id)).await
}

/// Change an entry's priority (BEL, reason required).
#[utoipa::path(
    tag = "waitlist",
    params(("id" = i64, Path, description = "Enrolment id")),
    request_body = PriorityInput,
    responses(
        (status = 200, body = WaitlistEntry),
        AuthedFound, BadRequest,
        (status = 409, body = Problem, content_type = "application/problem+json", description = "invalid_transition: not on the list"),
        (status = 422, body = Problem, content_type = "application/problem+json", description = "Reason missing or adjustment out of range"),
    ),
    security(("bearer" = []))
)]
#[put("/enrolments/{id}/priority")]
pub async fn priority(state: web::Data<AppState>, caller: Caller, id: web::Path<EnrolmentId>, body: web::Json<PriorityInput>) -> AppResult<web::Json<WaitlistEntry>> {
    Ok(web::Json(service::set_priority(&state, &caller, *id, body.into_inner()).await?))
}

/// BEL's waiting-list board: the list, offers in flight, substitution windows, proposals, group seats and the budget.
#[utoipa::path(
    tag = "waitlist",
    params(("id" = i64, Path, description = "Programme id")),
    responses(
        (status = 200, body = WaitlistBoard),
        AuthedFound,
    ),
    security(("bearer" = []))
)]
#[get("/programmes/{id}/waitlist-board")]
pub async fn board(state: web::Data<AppState>, caller: Caller, id: web::Path<ProgrammeId>) -> AppResult<HttpResponse> {
    state.kept(("waitlist-board", id.0, caller.scope), views::board(&state, &caller, *id)).await
}

/// Positions, offers and substitution windows in the caller's scope (ambassadors: region; contacts: own organisation).
#[utoipa::path(
    tag = "waitlist",
    params(("id" = i64, Path, description = "Programme id")),
    responses(
        (status = 200, body = OrganisationWaitlist),
        AuthedFound,
    ),
    security(("bearer" = []))
)]
#[get("/programmes/{id}/waitlist-overview")]
pub async fn overview(state: web::Data<AppState>, caller: Caller, id: web::Path<ProgrammeId>) -> AppResult<HttpResponse> {
    state.kept(("waitlist-overview", id.0, caller.scope), views::overview(&state, &caller, *id)).await
}

/// Change the waiting-list settings of a programme (BEL).
#[utoipa::path(
    tag = "waitlist",
    params(("id" = i64, Path, description = "Programme id")),
    request_body = WaitlistSettings,
    responses(
        (status = 200, body = WaitlistSettings),
        AuthedFound, BadRequest,
        (status = 422, body = Problem, content_type = "application/problem+json", description = "A setting out of range"),
    ),
    security(("bearer" = []))
)]
#[put("/programmes/{id}/waitlist-settings")]
pub async fn settings(state: web::Data<AppState>, caller: Caller, id: web::Path<ProgrammeId>, body: web::Json<WaitlistSettings>) -> AppResult<web::Json<WaitlistSettings>> {
    Ok(web::Json(service::update_settings(&state, &caller, *id, body.into_inner()).await?))
}

/// BEL offers a seat out of list order; the reason is logged and shown.
#[utoipa::path(
    tag = "waitlist",
    request_body = ManualOfferInput,
    responses(
        (status = 201, body = OfferView),
        AuthedFound, BadRequest,
        (status = 409, body = Problem, content_type = "application/problem+json", description = "invalid_transition (not on the list), conflict (an open offer already), group_full, group_closed, group_started, seat_reserved"),
        (status = 422, body = Problem, content_type = "application/problem+json", description = "Reason missing, unknown group"),
    ),
    security(("bearer" = []))
)]
#[post("/offers")]
pub async fn manual_offer(state: web::Data<AppState>, caller: Caller, body: web::Json<ManualOfferInput>) -> AppResult<HttpResponse> {
    Ok(HttpResponse::Created().json(service::manual_offer(&state, &caller, body.into_inner()).await?))
}

/// The offer behind a link from the email (no account needed).
#[utoipa::path(
    tag = "waitlist",
    request_body = OfferTokenInput,
    responses(
        (status = 200, body = PublicOffer),
        (status = 400, body = Problem, content_type = "application/problem+json", description = "token_invalid: unknown, altered or not an offer link"),
    ),
    security(())
)]
#[post("/offers/lookup")]
pub async fn lookup(state: web::Data<AppState>, body: web::Json<OfferTokenInput>) -> AppResult<web::Json<PublicOffer>> {
    Ok(web::Json(offers::lookup(&state, &body.token).await?))
}

/// Accept or decline an offer with the link's token (no account needed; the first answer counts).
#[utoipa::path(
    tag = "waitlist",
    request_body = OfferAnswer,
    responses(
        (status = 200, body = PublicOffer),
        (status = 400, body = Problem, content_type = "application/problem+json", description = "token_invalid"),
        (status = 409, body = Problem, content_type = "application/problem+json", description = "offer_not_open (answered or withdrawn), offer_expired (deadline passed), group_started"),
    ),
    security(())
)]
#[post("/offers/answer")]
pub async fn answer(state: web::Data<AppState>, body: web::Json<OfferAnswer>) -> AppResult<web::Json<PublicOffer>> {
    Ok(web::Json(offers::answer(&state, body.into_inner()).await?))
}

/// The organisation (or BEL) names a substitute for a withdrawn participant; placed at once.
#[utoipa::path(
    tag = "waitlist",
    params(("id" = i64, Path, description = "Substitution window id")),
    request_body = SubstituteInput,
    responses(
        (status = 200, body = SubstitutionView),
        Input, AuthedFound,
        (status = 409, body = Problem, content_type = "application/problem+json", description = "offer_not_open (window closed), offer_expired, group_started, already_enrolled, already_exists"),
    ),
    security(("bearer" = []))
)]
#[post("/substitutions/{id}/substitute")]
pub async fn substitute(state: web::Data<AppState>, caller: Caller, id: web::Path<SubstitutionId>, body: web::Json<SubstituteInput>) -> AppResult<web::Json<SubstitutionView>> {
    Ok(web::Json(substitutions::substitute(&state, &caller, *id, body.into_inner()).await?))
}

/// No substitute: the seat goes to the waiting list now.
#[utoipa::path(
    tag = "waitlist",
    params(("id" = i64, Path, description = "Substitution window id")),
    responses(
        (status = 200, body = SubstitutionView),
        AuthedFound,
        (status = 409, body = Problem, content_type = "application/problem+json", description = "offer_not_open: the window is closed"),
    ),
    security(("bearer" = []))
)]
#[post("/substitutions/{id}/release")]
pub async fn release(state: web::Data<AppState>, caller: Caller, id: web::Path<SubstitutionId>) -> AppResult<web::Json<SubstitutionView>> {
    Ok(web::Json(substitutions::release_substitution(&state, &caller, *id).await?))
}

/// Change a group's capacity (BEL); added seats are offered to the list.
#[utoipa::path(
    tag = "waitlist",
    params(("id" = i64, Path, description = "Group id")),
    request_body = CapacityInput,
    responses(
        (status = 200, body = GroupSeats),
        Input, AuthedFound,
        (status = 409, body = Problem, content_type = "application/problem+json", description = "capacity_too_low: below the seats taken and held"),
    ),
    security(("bearer" = []))
)]
#[put("/groups/{id}/capacity")]
pub async fn capacity(state: web::Data<AppState>, caller: Caller, id: web::Path<GroupId>, body: web::Json<CapacityInput>) -> AppResult<web::Json<GroupSeats>> {
    Ok(web::Json(service::set_capacity(&state, &caller, *id, body.into_inner()).await?))
}

/// Reserve seats of a group per region (BEL); they apply while the programme's regional quotas are on, until the cut-off.
#[utoipa::path(
    tag = "waitlist",
    params(("id" = i64, Path, description = "Group id")),
    request_body = QuotasInput,
    responses(
        (status = 200, body = GroupSeats),
        AuthedFound, BadRequest,
        (status = 422, body = Problem, content_type = "application/problem+json", description = "Unknown or repeated region, more seats than the group has"),
    ),
    security(("bearer" = []))
)]
#[put("/groups/{id}/quotas")]
pub async fn quotas(state: web::Data<AppState>, caller: Caller, id: web::Path<GroupId>, body: web::Json<QuotasInput>) -> AppResult<web::Json<GroupSeats>> {
    Ok(web::Json(service::set_quotas(&state, &caller, *id, body.into_inner()).await?))
}

/// Approve an extra-group proposal (BEL): the group is created and its seats offered in list order.
#[utoipa::path(
    tag = "waitlist",
    params(("id" = i64, Path, description = "Proposal id")),
    request_body = ApproveProposal,
    responses(
        (status = 200, body = ProposalView),
        AuthedFound, BadRequest,
        (status = 409, body = Problem, content_type = "application/problem+json", description = "over_budget (with the missing amount), invalid_transition (decided already), already_exists (group name)"),
        (status = 422, body = Problem, content_type = "application/problem+json", description = "Days, times, capacity or trainer invalid"),
    ),
    security(("bearer" = []))
)]
#[post("/proposals/{id}/approve")]
pub async fn approve(state: web::Data<AppState>, caller: Caller, id: web::Path<ProposalId>, body: web::Json<ApproveProposal>) -> AppResult<web::Json<ProposalView>> {
    Ok(web::Json(proposals::approve(&state, &caller, *id, body.into_inner()).await?))
}

/// Decline an extra-group proposal with a reason (BEL).
#[utoipa::path(
    tag = "waitlist",
    params(("id" = i64, Path, description = "Proposal id")),
    request_body = DeclineProposal,
    responses(
        (status = 200, body = ProposalView),
        AuthedFound, BadRequest,
        (status = 409, body = Problem, content_type = "application/problem+json", description = "invalid_transition: decided already"),
        (status = 422, body = Problem, content_type = "application/problem+json", description = "Reason missing"),
    ),
    security(("bearer" = []))
)]
#[post("/proposals/{id}/decline")]
pub async fn decline(state: web::Data<AppState>, caller: Caller, id: web::Path<ProposalId>, body: web::Json<DeclineProposal>) -> AppResult<web::Json<ProposalView>> {
    Ok(web::Json(proposals::decline(&state, &caller, *id, body.into_inner()).await?))
}

/// Training budgets per year with what the groups commit (BEL).
#[utoipa::path(
    tag = "waitlist",
    responses(
        (status = 200, body = Vec<BudgetYear>),
        Authed,
    ),
    security(("bearer" = []))
)]
#[get("/budgets")]
pub async fn budgets(state: web::Data<AppState>, caller: Caller) -> AppResult<web::Json<Vec<BudgetYear>>> {
    caller.require(crate::budget::rules::BUDGET_READERS)?;
    Ok(web::Json(crate::budget::lines::budget_years(&state.db, state.settings.clock.now()).await?))
}

/// Set a year's budget for training, coaching and supervision (BEL).
#[utoipa::path(
    tag = "waitlist",
    params(("year" = i32, Path, description = "Year, e.g. 2027")),
    request_body = BudgetInput,
    responses(
        (status = 200, body = BudgetYear),
        Input, Authed,
    ),
    security(("bearer" = []))
)]
#[put("/budgets/{year}")]
pub async fn set_budget(state: web::Data<AppState>, caller: Caller, year: web::Path<i32>, body: web::Json<BudgetInput>) -> AppResult<web::Json<BudgetYear>> {
    Ok(web::Json(crate::budget::lines::set_budget(&state, &caller, *year, body.into_inner()).await?))
}

pub fn configure(cfg: &mut utoipa_actix_web::service_config::ServiceConfig) {
    cfg.service(list)
        .service(priority)
        .service(board)
        .service(overview)
        .service(settings)
        .service(lookup)
        .service(answer)
        .service(manual_offer)
        .service(substitute)
        .service(release)
        .service(capacity)
        .service(quotas)
        .service(approve)
        .service(decline)
        .service(budgets)
        .service(set_budget);
}

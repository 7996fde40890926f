//! Thin handlers of the whole budget: BEL's overview, learning questions and bookings.

use super::{expenses, questions};
use crate::auth::Caller;
use crate::error::AppResult;
use crate::problems::*;
use crate::state::AppState;
use actix_web::{delete, get, post, put, web, HttpResponse};
use va_openapi::budget::*;
use va_openapi::{BudgetExpenseId, LearningQuestionId, Problem};

/// BEL's budget page: every year's three lines (budget, spent, committed, remaining), the learning questions and the bookings.
#[utoipa::path(tag = "budget", responses((status = 200, body = BudgetOverview), Authed), security(("bearer" = [])))]
#[get("/budget")]
pub async fn overview(state: web::Data<AppState>, caller: Caller) -> AppResult<web::Json<BudgetOverview>> {
    caller.require(super::rules::BUDGET_READERS)?;
    let (db, now) = (&state.db, state.settings.clock.now());
    let today = state.settings.clock.today();
    Ok(web::Json(BudgetOverview {
        years: super::lines::budget_years(db, now).await?,
        questions: questions::views(db, &caller, today).await?,
        expenses: expenses::views(db, today).await?,
    }))
}

/// Every learning question (BEL and ambassadors; the money figures for BEL).
#[utoipa::path(tag = "budget", responses((status = 200, body = Vec<LearningQuestion>), Authed), security(("bearer" = [])))]
#[get("/learning-questions")]
pub async fn list(state: web::Data<AppState>, caller: Caller) -> AppResult<web::Json<Vec<LearningQuestion>>> {
    Ok(web::Json(questions::list(&state, &caller).await?))
}

/// BEL registers a learning question (any region, or supra-regional); an ambassador one of their region. It starts as proposed.
#[utoipa::path(tag = "budget", request_body = LearningQuestionInput, responses((status = 200, body = LearningQuestion), Authed, Input), security(("bearer" = [])))]
#[post("/learning-questions")]
pub async fn create(state: web::Data<AppState>, caller: Caller, body: web::Json<LearningQuestionInput>) -> AppResult<web::Json<LearningQuestion>> {
    Ok(web::Json(questions::create(&state, &caller, body.into_inner()).await?))
}

/// BEL changes a proposed or funded question; an ambassador their region's while proposed.
#[utoipa::path(
    tag = "budget",
    params(("id" = i64, Path, description = "Learning question id")),
    request_body = LearningQuestionInput,
    responses(
        (status = 200, body = LearningQuestion),
        AuthedFound, Input,
        (status = 409, body = Problem, content_type = "application/problem+json", description = "`over_budget`: a funded question's higher budget does not fit its line; `invalid_transition`: declined or closed"),
    ),
    security(("bearer" = []))
)]
#[put("/learning-questions/{id}")]
pub async fn update(state: web::Data<AppState>, caller: Caller, id: web::Path<LearningQuestionId>, body: web::Json<LearningQuestionInput>) -> AppResult<web::Json<LearningQuestion>> {
    Ok(web::Json(questions::update(&state, &caller, *id, body.into_inner()).await?))
}

/// BEL funds, declines (with a reason) or closes a learning question.
#[utoipa::path(
    tag = "budget",
    params(("id" = i64, Path, description = "Learning question id")),
    request_body = LearningQuestionDecision,
    responses(
        (status = 200, body = LearningQuestion),
        AuthedFound, Input,
        (status = 409, body = Problem, content_type = "application/problem+json", description = "`over_budget`: its budget does not fit the year's learning-questions line; `invalid_transition`: not allowed from its status"),
    ),
    security(("bearer" = []))
)]
#[post("/learning-questions/{id}/decision")]
pub async fn decide(state: web::Data<AppState>, caller: Caller, id: web::Path<LearningQuestionId>, body: web::Json<LearningQuestionDecision>) -> AppResult<web::Json<LearningQuestion>> {
    Ok(web::Json(questions::decide(&state, &caller, *id, body.into_inner()).await?))
}

/// BEL books an expense on a funded learning question or on the other line.
#[utoipa::path(
    tag = "budget",
    request_body = BudgetExpenseInput,
    responses(
        (status = 200, body = BudgetExpense),
        Authed, Input,
        (status = 409, body = Problem, content_type = "application/problem+json", description = "`over_budget`: beyond the question's budget or the line (with the missing amount); `invalid_transition`: the question is no longer funded"),
    ),
    security(("bearer" = []))
)]
#[post("/budget/expenses")]
pub async fn book(state: web::Data<AppState>, caller: Caller, body: web::Json<BudgetExpenseInput>) -> AppResult<web::Json<BudgetExpense>> {
    Ok(web::Json(expenses::create(&state, &caller, body.into_inner()).await?))
}

/// BEL removes a booking.
#[utoipa::path(tag = "budget", params(("id" = i64, Path, description = "Expense id")), responses((status = 204, description = "Removed"), AuthedFound), security(("bearer" = [])))]
#[delete("/budget/expenses/{id}")]
pub async fn unbook(state: web::Data<AppState>, caller: Caller, id: web::Path<BudgetExpenseId>) -> AppResult<HttpResponse> {
    expenses::remove(&state, &caller, *id).await?;
    Ok(HttpResponse::NoContent().finish())
}

pub fn configure(cfg: &mut utoipa_actix_web::service_config::ServiceConfig) {
    cfg.service(overview).service(list).service(create).service(update).service(decide).service(book).service(unbook);
}

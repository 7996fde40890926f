//! The whole budget: the lines per year, learning questions and bookings.

use super::*;
use va_openapi::budget::*;
use va_openapi::waitlist::{BudgetInput, BudgetYear};
use va_openapi::{BudgetExpenseId, LearningQuestionId};

pub async fn budget_overview() -> Result<BudgetOverview, ApiError> {
    get("/api/v1/budget").await
}

pub async fn set_budget_lines(year: i32, input: &BudgetInput) -> Result<BudgetYear, ApiError> {
    put(&format!("/api/v1/budgets/{year}"), input).await
}

pub async fn learning_questions() -> Result<Vec<LearningQuestion>, ApiError> {
    get("/api/v1/learning-questions").await
}

pub async fn propose_question(input: &LearningQuestionInput) -> Result<LearningQuestion, ApiError> {
    post("/api/v1/learning-questions", input).await
}

pub async fn update_question(id: LearningQuestionId, input: &LearningQuestionInput) -> Result<LearningQuestion, ApiError> {
    put(&format!("/api/v1/learning-questions/{id}"), input).await
}

pub async fn decide_question(id: LearningQuestionId, decision: QuestionDecision, note: Option<String>) -> Result<LearningQuestion, ApiError> {
    post(&format!("/api/v1/learning-questions/{id}/decision"), &LearningQuestionDecision { decision, note }).await
}

pub async fn book_expense(input: &BudgetExpenseInput) -> Result<BudgetExpense, ApiError> {
    post("/api/v1/budget/expenses", input).await
}

pub async fn remove_expense(id: BudgetExpenseId) -> Result<(), ApiError> {
    request::<(), ()>("DELETE", &format!("/api/v1/budget/expenses/{id}"), None).await.map(|_| ())
}

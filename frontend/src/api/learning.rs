//! The learning network: sessions, registrations, attendance, report, needs.

use super::*;
use va_openapi::learning::*;
use va_openapi::{LearningNeedId, LearningRegistrationId, LearningSessionId, ProfessionalId};

pub async fn learning_sessions() -> Result<LearningSessionList, ApiError> {
    get("/api/v1/learning/sessions").await
}

pub async fn learning_session(id: LearningSessionId) -> Result<LearningSession, ApiError> {
    get(&format!("/api/v1/learning/sessions/{id}")).await
}

pub async fn announce_session(input: &LearningSessionInput) -> Result<LearningSession, ApiError> {
    post("/api/v1/learning/sessions", input).await
}

pub async fn update_learning_session(id: LearningSessionId, input: &LearningSessionInput) -> Result<LearningSession, ApiError> {
    put(&format!("/api/v1/learning/sessions/{id}"), input).await
}

pub async fn cancel_learning_session(id: LearningSessionId, reason: String) -> Result<LearningSession, ApiError> {
    post(&format!("/api/v1/learning/sessions/{id}/cancel"), &LearningCancelInput { reason }).await
}

pub async fn register_for_session(id: LearningSessionId, professional_ids: Vec<ProfessionalId>) -> Result<LearningSession, ApiError> {
    post(&format!("/api/v1/learning/sessions/{id}/registrations"), &NewLearningRegistrations { professional_ids }).await
}

pub async fn withdraw_registration(id: LearningRegistrationId) -> Result<LearningSession, ApiError> {
    request::<(), LearningSession>("DELETE", &format!("/api/v1/learning/registrations/{id}"), None).await?.ok_or(ApiError::Network)
}

pub async fn answer_learning_offer(id: LearningRegistrationId, accept: bool) -> Result<LearningSession, ApiError> {
    post(&format!("/api/v1/learning/registrations/{id}/answer"), &OfferAnswer { accept }).await
}

pub async fn learning_attendance(id: LearningSessionId, entries: Vec<LearningAttendance>) -> Result<LearningSession, ApiError> {
    put(&format!("/api/v1/learning/sessions/{id}/attendance"), &LearningAttendanceInput { entries }).await
}

pub async fn learning_report(id: LearningSessionId, report: String) -> Result<LearningSession, ApiError> {
    put(&format!("/api/v1/learning/sessions/{id}/report"), &LearningReportInput { report }).await
}

pub async fn learning_needs() -> Result<LearningNeeds, ApiError> {
    get("/api/v1/learning/needs").await
}

pub async fn record_learning_need(input: &LearningNeedInput) -> Result<LearningNeeds, ApiError> {
    post("/api/v1/learning/needs", input).await
}

pub async fn remove_learning_need(id: LearningNeedId) -> Result<LearningNeeds, ApiError> {
    request::<(), LearningNeeds>("DELETE", &format!("/api/v1/learning/needs/{id}"), None).await?.ok_or(ApiError::Network)
}

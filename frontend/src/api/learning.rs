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

/// Mails the professionals their personal link to register themselves.
pub async fn send_learning_links(id: LearningSessionId, professional_ids: Vec<ProfessionalId>) -> Result<LearningSession, ApiError> {
    post(&format!("/api/v1/learning/sessions/{id}/links"), &NewLearningRegistrations { professional_ids }).await
}

/// The session behind a professional's personal link; no account.
pub async fn learning_link(token: String) -> Result<PublicLearningSession, ApiError> {
    request::<_, PublicLearningSession>("POST", "/api/v1/learning/links/lookup", Some(&LearningLinkToken { token })).await?.ok_or(ApiError::Network)
}

/// Registers, withdraws or answers an offer with the personal link.
pub async fn learning_link_act(token: String, action: LearningLinkAction) -> Result<PublicLearningSession, ApiError> {
    request::<_, PublicLearningSession>("POST", "/api/v1/learning/links/act", Some(&LearningLinkInput { token, action })).await?.ok_or(ApiError::Network)
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

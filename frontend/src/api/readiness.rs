//! Readiness checks, follow-up activities, the template.

use super::*;
use va_openapi::RequestId;
use va_openapi::readiness::{
    AnswerInput, CheckSummary, CheckView, CompleteInput, Followup, FollowupInput, FollowupStatus, FollowupUpdate, NewCheck, Overview,
    ProjectLeader, ScheduleInput,
};

pub async fn readiness_check(id: i64) -> Result<CheckView, ApiError> {
    get(&format!("/api/v1/readiness/checks/{id}")).await
}

pub async fn readiness_checks() -> Result<Vec<CheckSummary>, ApiError> {
    get("/api/v1/readiness/checks").await
}

pub async fn create_check(org: OrganisationId) -> Result<CheckView, ApiError> {
    post("/api/v1/readiness/checks", &NewCheck { organisation_id: org, request_id: None }).await
}

pub async fn schedule_check(id: i64, input: &ScheduleInput) -> Result<CheckView, ApiError> {
    post(&format!("/api/v1/readiness/checks/{id}/schedule"), input).await
}

pub async fn cancel_check(id: i64) -> Result<CheckView, ApiError> {
    post(&format!("/api/v1/readiness/checks/{id}/cancel"), &serde_json::json!({})).await
}

pub async fn answer(id: i64, input: &AnswerInput) -> Result<CheckView, ApiError> {
    request::<_, CheckView>("PUT", &format!("/api/v1/readiness/checks/{id}/answers"), Some(input)).await?.ok_or(ApiError::Network)
}

pub async fn proposals(id: i64) -> Result<Vec<FollowupInput>, ApiError> {
    get(&format!("/api/v1/readiness/checks/{id}/proposals")).await
}

pub async fn complete_check(id: i64, input: &CompleteInput) -> Result<CheckView, ApiError> {
    post(&format!("/api/v1/readiness/checks/{id}/complete"), input).await
}

pub async fn update_followup(id: i64, status: FollowupStatus) -> Result<Followup, ApiError> {
    request::<_, Followup>("PUT", &format!("/api/v1/readiness/followups/{id}"), Some(&FollowupUpdate { status }))
        .await?
        .ok_or(ApiError::Network)
}

pub async fn followups() -> Result<Vec<Followup>, ApiError> {
    get("/api/v1/readiness/followups").await
}

pub async fn readiness_overview() -> Result<Overview, ApiError> {
    get("/api/v1/readiness/overview").await
}

pub async fn project_leaders() -> Result<Vec<ProjectLeader>, ApiError> {
    get("/api/v1/readiness/project-leaders").await
}

use va_openapi::readiness::{Template, TemplateDraftInput};

pub async fn readiness_template() -> Result<Template, ApiError> {
    get("/api/v1/readiness/template").await
}

/// The draft, if there is one.
pub async fn readiness_draft() -> Result<Option<Template>, ApiError> {
    match get::<Template>("/api/v1/readiness/template/draft").await {
        Ok(t) => Ok(Some(t)),
        Err(ApiError::Problem(p)) if p.code == ErrorCode::NotFound => Ok(None),
        Err(e) => Err(e),
    }
}

pub async fn save_draft(input: &TemplateDraftInput) -> Result<Template, ApiError> {
    request::<_, Template>("PUT", "/api/v1/readiness/template/draft", Some(input)).await?.ok_or(ApiError::Network)
}

pub async fn publish_draft() -> Result<Template, ApiError> {
    post("/api/v1/readiness/template/draft/publish", &serde_json::json!({})).await
}

pub async fn create_check_for_request(org: OrganisationId, request: RequestId) -> Result<CheckView, ApiError> {
    post("/api/v1/readiness/checks", &NewCheck { organisation_id: org, request_id: Some(request) }).await
}

pub async fn update_settings(
    programme: ProgrammeId,
    settings: &va_openapi::reference::ProgrammeSettings,
) -> Result<Programme, ApiError> {
    request::<_, Programme>("PUT", &format!("/api/v1/programmes/{programme}/settings"), Some(settings))
        .await?
        .ok_or(ApiError::Network)
}

//! Training delivery and what follows it: attendance, feedback, evaluation, follow-up.

use super::*;
use va_openapi::{EnrolmentId, GroupId};
use va_openapi::training::{AttendanceInput, DayCancel, DayChange, GroupAttendance};

pub async fn trainer_groups() -> Result<Vec<TrainingGroup>, ApiError> {
    get("/api/v1/trainer/groups").await
}

pub async fn group_attendance(id: GroupId) -> Result<GroupAttendance, ApiError> {
    get(&format!("/api/v1/groups/{id}/attendance")).await
}

pub async fn mark_attendance(day: va_openapi::TrainingDayId, input: &AttendanceInput) -> Result<GroupAttendance, ApiError> {
    put(&format!("/api/v1/training-days/{day}/attendance"), input).await
}

pub async fn change_day(day: va_openapi::TrainingDayId, input: &DayChange) -> Result<GroupAttendance, ApiError> {
    put(&format!("/api/v1/training-days/{day}"), input).await
}

pub async fn cancel_day(day: va_openapi::TrainingDayId, input: &DayCancel) -> Result<GroupAttendance, ApiError> {
    post(&format!("/api/v1/training-days/{day}/cancel"), input).await
}

pub async fn close_group(id: GroupId) -> Result<GroupAttendance, ApiError> {
    post(&format!("/api/v1/groups/{id}/close"), &serde_json::json!({})).await
}

use va_openapi::followup::*;

pub async fn feedback_list() -> Result<Vec<FeedbackSummary>, ApiError> {
    get("/api/v1/feedback").await
}

pub async fn group_feedback(id: GroupId) -> Result<GroupFeedback, ApiError> {
    get(&format!("/api/v1/groups/{id}/feedback")).await
}

pub async fn save_feedback(id: GroupId, input: &FeedbackInput) -> Result<GroupFeedback, ApiError> {
    put(&format!("/api/v1/groups/{id}/feedback"), input).await
}

pub async fn add_feedback_action(id: GroupId, input: &ActionInput) -> Result<GroupFeedback, ApiError> {
    post(&format!("/api/v1/groups/{id}/feedback/actions"), input).await
}

pub async fn evaluation_summary(id: GroupId) -> Result<EvaluationSummary, ApiError> {
    get(&format!("/api/v1/groups/{id}/evaluation")).await
}

/// The evaluation behind a link; no account.
pub async fn evaluation_lookup(token: String) -> Result<PublicEvaluation, ApiError> {
    request::<_, PublicEvaluation>("POST", "/api/v1/evaluations/lookup", Some(&EvaluationToken { token })).await?.ok_or(ApiError::Network)
}

pub async fn evaluation_answer(input: EvaluationInput) -> Result<PublicEvaluation, ApiError> {
    request::<_, PublicEvaluation>("POST", "/api/v1/evaluations/answer", Some(&input)).await?.ok_or(ApiError::Network)
}

pub async fn followup() -> Result<FollowupOverview, ApiError> {
    get("/api/v1/followup").await
}

pub async fn plan_session(input: &NewSession) -> Result<SessionView, ApiError> {
    post("/api/v1/followup/sessions", input).await
}

pub async fn session(id: va_openapi::FollowupSessionId) -> Result<SessionView, ApiError> {
    get(&format!("/api/v1/followup/sessions/{id}")).await
}

pub async fn record_session(id: va_openapi::FollowupSessionId, input: &SessionRecord) -> Result<SessionView, ApiError> {
    put(&format!("/api/v1/followup/sessions/{id}/attendance"), input).await
}

pub async fn cancel_session(id: va_openapi::FollowupSessionId, reason: String) -> Result<SessionView, ApiError> {
    post(&format!("/api/v1/followup/sessions/{id}/cancel"), &ReasonInput { reason }).await
}

pub async fn add_reflection(id: va_openapi::FollowupSessionId, input: &ReflectionInput) -> Result<SessionView, ApiError> {
    post(&format!("/api/v1/followup/sessions/{id}/reflections"), input).await
}

pub async fn request_followup(input: &NewFollowupRequest) -> Result<FollowupRequestView, ApiError> {
    post("/api/v1/followup/requests", input).await
}

pub async fn decline_followup_request(id: va_openapi::FollowupRequestId, reason: String) -> Result<FollowupRequestView, ApiError> {
    post(&format!("/api/v1/followup/requests/{id}/decline"), &ReasonInput { reason }).await
}

pub async fn certificate(id: EnrolmentId) -> Result<Certificate, ApiError> {
    get(&format!("/api/v1/enrolments/{id}/certificate")).await
}

pub async fn year_costs(year: i32) -> Result<CostOverview, ApiError> {
    get(&format!("/api/v1/budgets/{year}/costs")).await
}

pub async fn delivery_settings(programme: ProgrammeId) -> Result<DeliverySettings, ApiError> {
    get(&format!("/api/v1/programmes/{programme}/delivery-settings")).await
}

pub async fn save_delivery_settings(programme: ProgrammeId, input: &DeliverySettings) -> Result<DeliverySettings, ApiError> {
    put(&format!("/api/v1/programmes/{programme}/delivery-settings"), input).await
}

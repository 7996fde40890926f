//! Enrolment requests, decisions, seats and groups.

use super::*;
use va_openapi::enrolment::{
    AllocateRequest, Decision, DecisionRequest, EnrolmentEdit, EnrolmentRequestView, GroupDetail, NewEnrolmentRequest,
    RequestSummary, SeatBoard, WithdrawRequest,
};
use va_openapi::{EnrolmentId, GroupId, RequestId};

pub async fn create_request(req: &NewEnrolmentRequest) -> Result<EnrolmentRequestView, ApiError> {
    post("/api/v1/requests", req).await
}

/// A page of the requests in the caller's scope, newest first.
pub async fn list_requests(pending: bool, offset: usize) -> Result<Paged<RequestSummary>, ApiError> {
    get_page(&format!("/api/v1/requests?pending={pending}"), offset).await
}

pub async fn get_request(id: RequestId) -> Result<EnrolmentRequestView, ApiError> {
    get(&format!("/api/v1/requests/{id}")).await
}

pub async fn submit_request(id: RequestId) -> Result<EnrolmentRequestView, ApiError> {
    post(&format!("/api/v1/requests/{id}/submit"), &serde_json::json!({})).await
}

pub async fn edit_enrolment(id: EnrolmentId, edit: &EnrolmentEdit) -> Result<EnrolmentRequestView, ApiError> {
    request::<_, EnrolmentRequestView>("PUT", &format!("/api/v1/enrolments/{id}"), Some(edit)).await?.ok_or(ApiError::Network)
}

pub async fn decide(id: EnrolmentId, decision: Decision, reason: Option<String>) -> Result<EnrolmentRequestView, ApiError> {
    post(&format!("/api/v1/enrolments/{id}/decision"), &DecisionRequest { decision, reason }).await
}

pub async fn allocate(id: EnrolmentId, group_id: GroupId, late_entry: bool) -> Result<EnrolmentRequestView, ApiError> {
    post(&format!("/api/v1/enrolments/{id}/allocate"), &AllocateRequest { group_id, late_entry }).await
}

pub async fn waitlist(id: EnrolmentId) -> Result<EnrolmentRequestView, ApiError> {
    post(&format!("/api/v1/enrolments/{id}/waitlist"), &serde_json::json!({})).await
}

pub async fn withdraw(id: EnrolmentId, reason: Option<String>) -> Result<EnrolmentRequestView, ApiError> {
    post(&format!("/api/v1/enrolments/{id}/withdraw"), &WithdrawRequest { reason }).await
}

pub async fn seat_board(programme: ProgrammeId) -> Result<SeatBoard, ApiError> {
    get(&format!("/api/v1/programmes/{programme}/seat-board")).await
}

pub async fn group_detail(id: GroupId) -> Result<GroupDetail, ApiError> {
    get(&format!("/api/v1/groups/{id}")).await
}

pub async fn move_to(id: EnrolmentId, group_id: GroupId, late_entry: bool) -> Result<EnrolmentRequestView, ApiError> {
    post(&format!("/api/v1/enrolments/{id}/move"), &AllocateRequest { group_id, late_entry }).await
}

//! The monitoring meeting: meetings, their decisions and actions.

use super::*;
use va_openapi::meetings::*;
use va_openapi::{MeetingId, MeetingItemId};

pub async fn meetings() -> Result<MeetingList, ApiError> {
    get("/api/v1/monitoring/meetings").await
}

pub async fn meeting(id: MeetingId) -> Result<Meeting, ApiError> {
    get(&format!("/api/v1/monitoring/meetings/{id}")).await
}

pub async fn schedule_meeting(input: &MeetingInput) -> Result<Meeting, ApiError> {
    post("/api/v1/monitoring/meetings", input).await
}

pub async fn update_meeting(id: MeetingId, input: &MeetingInput) -> Result<Meeting, ApiError> {
    put(&format!("/api/v1/monitoring/meetings/{id}"), input).await
}

pub async fn remove_meeting(id: MeetingId) -> Result<(), ApiError> {
    request::<(), serde_json::Value>("DELETE", &format!("/api/v1/monitoring/meetings/{id}"), None).await.map(|_| ())
}

pub async fn add_meeting_item(id: MeetingId, input: &NewMeetingItem) -> Result<Meeting, ApiError> {
    post(&format!("/api/v1/monitoring/meetings/{id}/items"), input).await
}

pub async fn set_item_done(id: MeetingItemId, done: bool) -> Result<Meeting, ApiError> {
    put(&format!("/api/v1/monitoring/meeting-items/{id}"), &ItemDone { done }).await
}

pub async fn delete_meeting_item(id: MeetingItemId) -> Result<Meeting, ApiError> {
    request::<(), Meeting>("DELETE", &format!("/api/v1/monitoring/meeting-items/{id}"), None).await?.ok_or(ApiError::Network)
}

//! Personal calendar feeds.

use super::*;
use va_openapi::feeds::CalendarFeed;
use va_openapi::ProfessionalId;

pub async fn my_feed() -> Result<CalendarFeed, ApiError> {
    get("/api/v1/me/calendar-feed").await
}

pub async fn renew_my_feed() -> Result<CalendarFeed, ApiError> {
    post("/api/v1/me/calendar-feed", &serde_json::json!({})).await
}

pub async fn revoke_my_feed() -> Result<CalendarFeed, ApiError> {
    request::<(), CalendarFeed>("DELETE", "/api/v1/me/calendar-feed", None).await?.ok_or(ApiError::Network)
}

pub async fn mail_professional_feed(id: ProfessionalId) -> Result<CalendarFeed, ApiError> {
    post(&format!("/api/v1/professionals/{id}/calendar-feed"), &serde_json::json!({})).await
}

pub async fn revoke_professional_feed(id: ProfessionalId) -> Result<CalendarFeed, ApiError> {
    request::<(), CalendarFeed>("DELETE", &format!("/api/v1/professionals/{id}/calendar-feed"), None).await?.ok_or(ApiError::Network)
}

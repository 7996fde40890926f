//! Retention periods: the privacy statement (anyone) and BEL's settings.

use super::*;
use va_openapi::privacy::*;

pub async fn privacy_statement() -> Result<RetentionSettings, ApiError> {
    get("/api/v1/privacy").await
}

pub async fn retention() -> Result<Retention, ApiError> {
    get("/api/v1/privacy/retention").await
}

pub async fn save_retention(s: &RetentionSettings) -> Result<Retention, ApiError> {
    put("/api/v1/privacy/retention", s).await
}

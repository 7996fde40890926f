//! The outbox (BEL): the mail screen and the alert on BEL's start page.

use super::*;
use va_openapi::mail::*;
use va_openapi::MailId;

pub async fn mail_queue(status: Option<MailStatus>) -> Result<MailQueue, ApiError> {
    match status {
        Some(s) => get(&format!("/api/v1/mail?status={}&limit=200", s.as_str())).await,
        None => get("/api/v1/mail?limit=200").await,
    }
}

/// The counts only (and one message), for the start page's warning.
pub async fn mail_counts() -> Result<MailQueue, ApiError> {
    get("/api/v1/mail?status=failed&limit=1").await
}

pub async fn resend_mail(id: MailId) -> Result<MailItem, ApiError> {
    post(&format!("/api/v1/mail/{id}/resend"), &serde_json::json!({})).await
}

pub async fn resend_failed_mail() -> Result<Requeued, ApiError> {
    post("/api/v1/mail/resend-failed", &serde_json::json!({})).await
}

pub async fn test_mail(to: Option<String>) -> Result<MailItem, ApiError> {
    post("/api/v1/mail/test", &TestMail { to }).await
}

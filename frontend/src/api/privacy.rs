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

fn enc(s: &str) -> String {
    js_sys::encode_uri_component(s).as_string().unwrap_or_default()
}

pub async fn people(q: &str) -> Result<Vec<PersonHit>, ApiError> {
    get(&format!("/api/v1/privacy/people?q={}", enc(q))).await
}

pub async fn person(id: va_openapi::ProfessionalId) -> Result<PersonData, ApiError> {
    get(&format!("/api/v1/privacy/people/{id}")).await
}

pub async fn erase_person(id: va_openapi::ProfessionalId) -> Result<Erasure, ApiError> {
    post(&format!("/api/v1/privacy/people/{id}/erase"), &serde_json::json!({})).await
}

/// The audit filters as the API takes them; empty ones are left out.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct AuditFilter {
    pub actor: String,
    pub kind: String,
    pub subject: String,
    pub from: String,
    pub to: String,
    pub offset: usize,
}

pub const AUDIT_PAGE: usize = 50;

pub async fn audit(f: &AuditFilter) -> Result<va_openapi::reference::AuditPage, ApiError> {
    let mut q = format!("limit={AUDIT_PAGE}&offset={}", f.offset);
    for (name, value) in [("actor", &f.actor), ("kind", &f.kind), ("subject", &f.subject), ("from", &f.from), ("to", &f.to)] {
        if !value.trim().is_empty() {
            q.push_str(&format!("&{name}={}", enc(value.trim())));
        }
    }
    get(&format!("/api/v1/audit?{q}")).await
}

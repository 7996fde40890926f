//! Login, passwords, users, and the reference data.

use super::*;
/// Ends the browser's session: the server clears the HttpOnly session cookie.
pub async fn logout() -> Result<(), ApiError> {
    request::<(), serde_json::Value>("POST", "/api/v1/auth/logout", None).await.map(|_| ())
}

pub async fn login(email: String, password: String) -> Result<LoginResponse, ApiError> {
    request::<_, LoginResponse>("POST", "/api/v1/auth/login", Some(&LoginRequest { email, password }))
        .await?
        .ok_or(ApiError::Network)
}

pub async fn request_reset(email: String) -> Result<(), ApiError> {
    request::<_, serde_json::Value>("POST", "/api/v1/auth/password-reset", Some(&PasswordResetRequest { email }))
        .await
        .map(|_| ())
}

pub async fn set_password(token: String, password: String) -> Result<(), ApiError> {
    request::<_, serde_json::Value>("POST", "/api/v1/auth/set-password", Some(&SetPasswordRequest { token, password }))
        .await
        .map(|_| ())
}

pub async fn invite_user(
    req: &va_openapi::auth::InviteUserRequest,
) -> Result<va_openapi::auth::UserSummary, ApiError> {
    request::<_, va_openapi::auth::UserSummary>("POST", "/api/v1/users", Some(req)).await?.ok_or(ApiError::Network)
}

pub async fn programmes() -> Result<Vec<Programme>, ApiError> {
    get("/api/v1/programmes").await
}

pub async fn groups(programme: ProgrammeId) -> Result<Vec<TrainingGroup>, ApiError> {
    get(&format!("/api/v1/programmes/{programme}/groups")).await
}

pub async fn organisations() -> Result<Vec<Organisation>, ApiError> {
    get("/api/v1/organisations").await
}

pub async fn regions() -> Result<Vec<va_openapi::reference::Region>, ApiError> {
    get("/api/v1/regions").await
}

pub async fn professionals(org: OrganisationId) -> Result<Vec<Professional>, ApiError> {
    get(&format!("/api/v1/organisations/{org}/professionals")).await
}

//! BEL's administration: programmes, groups and days, organisations, accounts.

use super::*;
use va_openapi::admin::*;
use va_openapi::{GroupId, TrainingDayId, UserId};

pub async fn create_programme(input: &ProgrammeInput) -> Result<Programme, ApiError> {
    post("/api/v1/programmes", input).await
}

pub async fn update_programme(id: ProgrammeId, input: &ProgrammeInput) -> Result<Programme, ApiError> {
    put(&format!("/api/v1/programmes/{id}"), input).await
}

pub async fn create_group(programme: ProgrammeId, input: &NewGroup) -> Result<GroupPlan, ApiError> {
    post(&format!("/api/v1/programmes/{programme}/groups"), input).await
}

pub async fn group_plan(id: GroupId) -> Result<GroupPlan, ApiError> {
    get(&format!("/api/v1/groups/{id}/plan")).await
}

pub async fn update_group(id: GroupId, input: &GroupInput) -> Result<GroupPlan, ApiError> {
    put(&format!("/api/v1/groups/{id}"), input).await
}

pub async fn cancel_group(id: GroupId, reason: String) -> Result<GroupPlan, ApiError> {
    post(&format!("/api/v1/groups/{id}/cancel"), &GroupCancel { reason }).await
}

pub async fn add_day(group: GroupId, input: &NewTrainingDay) -> Result<GroupPlan, ApiError> {
    post(&format!("/api/v1/groups/{group}/days"), input).await
}

pub async fn remove_day(day: TrainingDayId) -> Result<GroupPlan, ApiError> {
    request::<(), GroupPlan>("DELETE", &format!("/api/v1/training-days/{day}"), None).await?.ok_or(ApiError::Network)
}

pub async fn set_day_trainer(day: TrainingDayId, trainer_id: Option<UserId>) -> Result<GroupPlan, ApiError> {
    put(&format!("/api/v1/training-days/{day}/trainer"), &DayTrainer { trainer_id }).await
}

pub async fn create_organisation(input: &OrganisationInput) -> Result<Organisation, ApiError> {
    post("/api/v1/organisations", input).await
}

pub async fn update_organisation(id: OrganisationId, input: &OrganisationInput) -> Result<Organisation, ApiError> {
    put(&format!("/api/v1/organisations/{id}"), input).await
}

pub async fn import_organisations(csv: String, write: bool) -> Result<OrganisationImport, ApiError> {
    let path = if write { "/api/v1/organisations/import" } else { "/api/v1/organisations/import/preview" };
    post(path, &va_openapi::monitoring::ImportInput { csv }).await
}

pub async fn accounts() -> Result<Vec<Account>, ApiError> {
    get("/api/v1/users").await
}

pub async fn update_account(id: UserId, change: &AccountChange) -> Result<Account, ApiError> {
    put(&format!("/api/v1/users/{id}"), change).await
}

/// `deactivate`, `reactivate` or `invite` (a fresh invitation).
pub async fn account_action(id: UserId, action: &str) -> Result<Account, ApiError> {
    post(&format!("/api/v1/users/{id}/{action}"), &serde_json::json!({})).await
}

/// Active trainer accounts, to assign to groups and sessions.
pub async fn trainers() -> Result<Vec<Account>, ApiError> {
    Ok(accounts().await?.into_iter().filter(|u| u.role == va_openapi::auth::Role::Trainer && u.state == AccountState::Active).collect())
}

//! Monitoring, the yearly survey and the planner.

use super::*;
use va_openapi::monitoring::*;
use va_openapi::planning::*;
use va_openapi::survey::*;
use va_openapi::{OrganisationId as OrgId, ScenarioId, SnapshotId, SurveyRoundId};

/// `?programme_id=` of the programme chosen in this browser, if any.
pub fn programme_query(sep: char) -> String {
    crate::session::chosen_programme().map(|p| format!("{sep}programme_id={p}")).unwrap_or_default()
}

pub async fn dashboard() -> Result<Dashboard, ApiError> {
    get(&format!("/api/v1/monitoring/dashboard{}", programme_query('?'))).await
}

pub async fn snapshots() -> Result<Vec<SnapshotSummary>, ApiError> {
    get("/api/v1/monitoring/snapshots").await
}

pub async fn take_snapshot(label: String) -> Result<SnapshotComparison, ApiError> {
    post("/api/v1/monitoring/snapshots", &NewSnapshot { label }).await
}

pub async fn snapshot(id: SnapshotId) -> Result<SnapshotComparison, ApiError> {
    get(&format!("/api/v1/monitoring/snapshots/{id}")).await
}

pub async fn import_earlier(csv: String, run: bool) -> Result<ImportReport, ApiError> {
    let path = if run { "/api/v1/monitoring/import" } else { "/api/v1/monitoring/import/preview" };
    post(path, &ImportInput { csv }).await
}

pub async fn survey_rounds() -> Result<Vec<SurveyRound>, ApiError> {
    get(&format!("/api/v1/surveys{}", programme_query('?'))).await
}

pub async fn open_survey(input: &NewSurveyRound) -> Result<SurveyRound, ApiError> {
    post("/api/v1/surveys", input).await
}

pub async fn survey_overview(id: SurveyRoundId) -> Result<SurveyOverview, ApiError> {
    get(&format!("/api/v1/surveys/{id}")).await
}

pub async fn survey_form(id: SurveyRoundId, org: OrgId) -> Result<SurveyForm, ApiError> {
    get(&format!("/api/v1/surveys/{id}/organisations/{org}")).await
}

pub async fn save_survey(id: SurveyRoundId, org: OrgId, input: &SurveySave) -> Result<SurveyForm, ApiError> {
    put(&format!("/api/v1/surveys/{id}/organisations/{org}"), input).await
}

pub async fn delegate_survey(id: SurveyRoundId, org: OrgId, input: &SurveyDelegate) -> Result<SurveyForm, ApiError> {
    post(&format!("/api/v1/surveys/{id}/organisations/{org}/delegate"), input).await
}

pub async fn planner() -> Result<PlanView, ApiError> {
    get(&format!("/api/v1/planner{}", programme_query('?'))).await
}

pub async fn compute_plan(params: &ScenarioParams) -> Result<PlanView, ApiError> {
    post(&format!("/api/v1/planner/compute{}", programme_query('?')), params).await
}

pub async fn scenarios() -> Result<Vec<Scenario>, ApiError> {
    get(&format!("/api/v1/planner/scenarios{}", programme_query('?'))).await
}

pub async fn save_scenario(input: &ScenarioInput) -> Result<Scenario, ApiError> {
    post(&format!("/api/v1/planner/scenarios{}", programme_query('?')), input).await
}

pub async fn delete_scenario(id: ScenarioId) -> Result<(), ApiError> {
    request::<(), serde_json::Value>("DELETE", &format!("/api/v1/planner/scenarios/{id}"), None).await.map(|_| ())
}

pub async fn propose_from_scenario(id: ScenarioId, input: &ProposeGroup) -> Result<va_openapi::waitlist::ProposalView, ApiError> {
    post(&format!("/api/v1/planner/scenarios/{id}/propose"), input).await
}

//! Typed calls to `/api/v1` over the contract types.

use serde::{de::DeserializeOwned, Serialize};
use va_openapi::auth::{LoginRequest, LoginResponse, PasswordResetRequest, SetPasswordRequest};
use va_openapi::reference::{Organisation, Professional, Programme, TrainingGroup};
use va_openapi::{ErrorCode, OrganisationId, Problem, ProgrammeId};
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

#[derive(Debug, Clone, PartialEq)]
pub enum ApiError {
    /// The server answered with a problem document.
    Problem(Problem),
    /// No answer (offline, server down).
    Network,
}

impl ApiError {
    pub fn code(&self) -> Option<ErrorCode> {
        match self {
            ApiError::Problem(p) => Some(p.code),
            ApiError::Network => None,
        }
    }

    /// i18n key of the message to show.
    pub fn text_key(&self) -> &'static str {
        match self {
            ApiError::Problem(p) => crate::i18n::error_key(p.code),
            ApiError::Network => "err.network",
        }
    }
}

/// Sends a request with the token and a JSON body; the response whatever its status.
async fn send<B: Serialize>(method: &str, path: &str, token: Option<&str>, body: Option<&B>) -> Result<web_sys::Response, ApiError> {
    let init = web_sys::RequestInit::new();
    init.set_method(method);
    let headers = web_sys::Headers::new().map_err(|_| ApiError::Network)?;
    let _ = headers.set("Accept", "application/json");
    if let Some(t) = token {
        let _ = headers.set("Authorization", &format!("Bearer {t}"));
    }
    if let Some(b) = body {
        let _ = headers.set("Content-Type", "application/json");
        let json = serde_json::to_string(b).map_err(|_| ApiError::Network)?;
        init.set_body(&wasm_bindgen::JsValue::from_str(&json));
    }
    init.set_headers(&headers);
    let req = web_sys::Request::new_with_str_and_init(path, &init).map_err(|_| ApiError::Network)?;
    let window = web_sys::window().ok_or(ApiError::Network)?;
    JsFuture::from(window.fetch_with_request(&req)).await.map_err(|_| ApiError::Network)?.dyn_into().map_err(|_| ApiError::Network)
}

async fn request<B: Serialize, T: DeserializeOwned>(
    method: &str,
    path: &str,
    token: Option<&str>,
    body: Option<&B>,
) -> Result<Option<T>, ApiError> {
    let resp = send(method, path, token, body).await?;
    let status = resp.status();
    let text = match resp.text() {
        Ok(p) => JsFuture::from(p).await.ok().and_then(|v| v.as_string()).unwrap_or_default(),
        Err(_) => String::new(),
    };
    if (200..300).contains(&status) {
        if text.is_empty() {
            return Ok(None);
        }
        return serde_json::from_str(&text).map(Some).map_err(|_| ApiError::Network);
    }
    let problem = serde_json::from_str::<Problem>(&text).unwrap_or(Problem {
        type_: "about:blank".into(),
        title: "error".into(),
        status,
        detail: None,
        code: if status == 401 { ErrorCode::Unauthenticated } else { ErrorCode::Internal },
        errors: vec![],
    });
    if problem.code == ErrorCode::Unauthenticated {
        // The token expired or was revoked: the session is over.
        crate::session::expire();
    }
    Err(ApiError::Problem(problem))
}

async fn get<T: DeserializeOwned>(path: &str, token: &str) -> Result<T, ApiError> {
    request::<(), T>("GET", path, Some(token), None).await?.ok_or(ApiError::Network)
}

pub async fn login(email: String, password: String) -> Result<LoginResponse, ApiError> {
    request::<_, LoginResponse>("POST", "/api/v1/auth/login", None, Some(&LoginRequest { email, password }))
        .await?
        .ok_or(ApiError::Network)
}

pub async fn request_reset(email: String) -> Result<(), ApiError> {
    request::<_, serde_json::Value>("POST", "/api/v1/auth/password-reset", None, Some(&PasswordResetRequest { email }))
        .await
        .map(|_| ())
}

pub async fn set_password(token: String, password: String) -> Result<(), ApiError> {
    request::<_, serde_json::Value>("POST", "/api/v1/auth/set-password", None, Some(&SetPasswordRequest { token, password }))
        .await
        .map(|_| ())
}

pub async fn users(token: &str) -> Result<Vec<va_openapi::auth::UserSummary>, ApiError> {
    get("/api/v1/users", token).await
}

pub async fn invite_user(
    token: &str,
    req: &va_openapi::auth::InviteUserRequest,
) -> Result<va_openapi::auth::UserSummary, ApiError> {
    request::<_, va_openapi::auth::UserSummary>("POST", "/api/v1/users", Some(token), Some(req)).await?.ok_or(ApiError::Network)
}

pub async fn programmes(token: &str) -> Result<Vec<Programme>, ApiError> {
    get("/api/v1/programmes", token).await
}

pub async fn groups(token: &str, programme: ProgrammeId) -> Result<Vec<TrainingGroup>, ApiError> {
    get(&format!("/api/v1/programmes/{programme}/groups"), token).await
}

pub async fn organisations(token: &str) -> Result<Vec<Organisation>, ApiError> {
    get("/api/v1/organisations", token).await
}

pub async fn regions(token: &str) -> Result<Vec<va_openapi::reference::Region>, ApiError> {
    get("/api/v1/regions", token).await
}

pub async fn professionals(token: &str, org: OrganisationId) -> Result<Vec<Professional>, ApiError> {
    get(&format!("/api/v1/organisations/{org}/professionals"), token).await
}

async fn post<B: Serialize, T: DeserializeOwned>(path: &str, token: &str, body: &B) -> Result<T, ApiError> {
    request::<B, T>("POST", path, Some(token), Some(body)).await?.ok_or(ApiError::Network)
}

use va_openapi::enrolment::{
    AllocateRequest, Decision, DecisionRequest, EnrolmentEdit, EnrolmentRequestView, GroupDetail, NewEnrolmentRequest,
    RequestSummary, SeatBoard, WithdrawRequest,
};
use va_openapi::{EnrolmentId, GroupId, RequestId};

pub async fn create_request(token: &str, req: &NewEnrolmentRequest) -> Result<EnrolmentRequestView, ApiError> {
    post("/api/v1/requests", token, req).await
}

pub async fn list_requests(token: &str, pending: bool) -> Result<Vec<RequestSummary>, ApiError> {
    get(&format!("/api/v1/requests?pending={pending}"), token).await
}

pub async fn get_request(token: &str, id: RequestId) -> Result<EnrolmentRequestView, ApiError> {
    get(&format!("/api/v1/requests/{id}"), token).await
}

pub async fn submit_request(token: &str, id: RequestId) -> Result<EnrolmentRequestView, ApiError> {
    post(&format!("/api/v1/requests/{id}/submit"), token, &serde_json::json!({})).await
}

pub async fn edit_enrolment(token: &str, id: EnrolmentId, edit: &EnrolmentEdit) -> Result<EnrolmentRequestView, ApiError> {
    request::<_, EnrolmentRequestView>("PUT", &format!("/api/v1/enrolments/{id}"), Some(token), Some(edit)).await?.ok_or(ApiError::Network)
}

pub async fn decide(token: &str, id: EnrolmentId, decision: Decision, reason: Option<String>) -> Result<EnrolmentRequestView, ApiError> {
    post(&format!("/api/v1/enrolments/{id}/decision"), token, &DecisionRequest { decision, reason }).await
}

pub async fn allocate(token: &str, id: EnrolmentId, group_id: GroupId) -> Result<EnrolmentRequestView, ApiError> {
    post(&format!("/api/v1/enrolments/{id}/allocate"), token, &AllocateRequest { group_id }).await
}

pub async fn waitlist(token: &str, id: EnrolmentId) -> Result<EnrolmentRequestView, ApiError> {
    post(&format!("/api/v1/enrolments/{id}/waitlist"), token, &serde_json::json!({})).await
}

pub async fn withdraw(token: &str, id: EnrolmentId, reason: Option<String>) -> Result<EnrolmentRequestView, ApiError> {
    post(&format!("/api/v1/enrolments/{id}/withdraw"), token, &WithdrawRequest { reason }).await
}

pub async fn seat_board(token: &str, programme: ProgrammeId) -> Result<SeatBoard, ApiError> {
    get(&format!("/api/v1/programmes/{programme}/seat-board"), token).await
}

pub async fn group_detail(token: &str, id: GroupId) -> Result<GroupDetail, ApiError> {
    get(&format!("/api/v1/groups/{id}"), token).await
}

pub async fn move_to(token: &str, id: EnrolmentId, group_id: GroupId) -> Result<EnrolmentRequestView, ApiError> {
    post(&format!("/api/v1/enrolments/{id}/move"), token, &AllocateRequest { group_id }).await
}

use va_openapi::readiness::{
    AnswerInput, CheckSummary, CheckView, CompleteInput, Followup, FollowupInput, FollowupStatus, FollowupUpdate, NewCheck, Overview,
    ProjectLeader, ScheduleInput,
};

pub async fn readiness_check(token: &str, id: i64) -> Result<CheckView, ApiError> {
    get(&format!("/api/v1/readiness/checks/{id}"), token).await
}

pub async fn readiness_checks(token: &str) -> Result<Vec<CheckSummary>, ApiError> {
    get("/api/v1/readiness/checks", token).await
}

pub async fn create_check(token: &str, org: OrganisationId) -> Result<CheckView, ApiError> {
    post("/api/v1/readiness/checks", token, &NewCheck { organisation_id: org, request_id: None }).await
}

pub async fn schedule_check(token: &str, id: i64, input: &ScheduleInput) -> Result<CheckView, ApiError> {
    post(&format!("/api/v1/readiness/checks/{id}/schedule"), token, input).await
}

pub async fn cancel_check(token: &str, id: i64) -> Result<CheckView, ApiError> {
    post(&format!("/api/v1/readiness/checks/{id}/cancel"), token, &serde_json::json!({})).await
}

pub async fn answer(token: &str, id: i64, input: &AnswerInput) -> Result<CheckView, ApiError> {
    request::<_, CheckView>("PUT", &format!("/api/v1/readiness/checks/{id}/answers"), Some(token), Some(input)).await?.ok_or(ApiError::Network)
}

pub async fn proposals(token: &str, id: i64) -> Result<Vec<FollowupInput>, ApiError> {
    get(&format!("/api/v1/readiness/checks/{id}/proposals"), token).await
}

pub async fn complete_check(token: &str, id: i64, input: &CompleteInput) -> Result<CheckView, ApiError> {
    post(&format!("/api/v1/readiness/checks/{id}/complete"), token, input).await
}

pub async fn update_followup(token: &str, id: i64, status: FollowupStatus) -> Result<Followup, ApiError> {
    request::<_, Followup>("PUT", &format!("/api/v1/readiness/followups/{id}"), Some(token), Some(&FollowupUpdate { status }))
        .await?
        .ok_or(ApiError::Network)
}

pub async fn followups(token: &str) -> Result<Vec<Followup>, ApiError> {
    get("/api/v1/readiness/followups", token).await
}

pub async fn readiness_overview(token: &str) -> Result<Overview, ApiError> {
    get("/api/v1/readiness/overview", token).await
}

pub async fn project_leaders(token: &str) -> Result<Vec<ProjectLeader>, ApiError> {
    get("/api/v1/readiness/project-leaders", token).await
}

use va_openapi::readiness::{Template, TemplateDraftInput};

pub async fn readiness_template(token: &str) -> Result<Template, ApiError> {
    get("/api/v1/readiness/template", token).await
}

/// The draft, if there is one.
pub async fn readiness_draft(token: &str) -> Result<Option<Template>, ApiError> {
    match get::<Template>("/api/v1/readiness/template/draft", token).await {
        Ok(t) => Ok(Some(t)),
        Err(ApiError::Problem(p)) if p.code == ErrorCode::NotFound => Ok(None),
        Err(e) => Err(e),
    }
}

pub async fn save_draft(token: &str, input: &TemplateDraftInput) -> Result<Template, ApiError> {
    request::<_, Template>("PUT", "/api/v1/readiness/template/draft", Some(token), Some(input)).await?.ok_or(ApiError::Network)
}

pub async fn publish_draft(token: &str) -> Result<Template, ApiError> {
    post("/api/v1/readiness/template/draft/publish", token, &serde_json::json!({})).await
}

pub async fn create_check_for_request(token: &str, org: OrganisationId, request: RequestId) -> Result<CheckView, ApiError> {
    post("/api/v1/readiness/checks", token, &NewCheck { organisation_id: org, request_id: Some(request) }).await
}

pub async fn update_settings(
    token: &str,
    programme: ProgrammeId,
    settings: &va_openapi::reference::ProgrammeSettings,
) -> Result<Programme, ApiError> {
    request::<_, Programme>("PUT", &format!("/api/v1/programmes/{programme}/settings"), Some(token), Some(settings))
        .await?
        .ok_or(ApiError::Network)
}

use va_openapi::enrolment::{PriorityInput, WaitlistEntry};
use va_openapi::waitlist::*;

async fn put<B: Serialize, T: DeserializeOwned>(path: &str, token: &str, body: &B) -> Result<T, ApiError> {
    request::<B, T>("PUT", path, Some(token), Some(body)).await?.ok_or(ApiError::Network)
}

pub async fn waitlist_board(token: &str, programme: ProgrammeId) -> Result<WaitlistBoard, ApiError> {
    get(&format!("/api/v1/programmes/{programme}/waitlist-board"), token).await
}

pub async fn waitlist_overview(token: &str, programme: ProgrammeId) -> Result<OrganisationWaitlist, ApiError> {
    get(&format!("/api/v1/programmes/{programme}/waitlist-overview"), token).await
}

pub async fn set_priority(token: &str, id: EnrolmentId, adjustment: i32, reason: String) -> Result<WaitlistEntry, ApiError> {
    put(&format!("/api/v1/enrolments/{id}/priority"), token, &PriorityInput { adjustment, reason }).await
}

pub async fn manual_offer(token: &str, input: &ManualOfferInput) -> Result<OfferView, ApiError> {
    post("/api/v1/offers", token, input).await
}

/// The offer behind a link; no account.
pub async fn offer_lookup(token: String) -> Result<PublicOffer, ApiError> {
    request::<_, PublicOffer>("POST", "/api/v1/offers/lookup", None, Some(&OfferTokenInput { token })).await?.ok_or(ApiError::Network)
}

pub async fn offer_answer(input: OfferAnswer) -> Result<PublicOffer, ApiError> {
    request::<_, PublicOffer>("POST", "/api/v1/offers/answer", None, Some(&input)).await?.ok_or(ApiError::Network)
}

pub async fn substitute(token: &str, id: va_openapi::SubstitutionId, input: &SubstituteInput) -> Result<SubstitutionView, ApiError> {
    post(&format!("/api/v1/substitutions/{id}/substitute"), token, input).await
}

pub async fn release_substitution(token: &str, id: va_openapi::SubstitutionId) -> Result<SubstitutionView, ApiError> {
    post(&format!("/api/v1/substitutions/{id}/release"), token, &serde_json::json!({})).await
}

pub async fn set_capacity(token: &str, group: GroupId, capacity: i32) -> Result<GroupSeats, ApiError> {
    put(&format!("/api/v1/groups/{group}/capacity"), token, &CapacityInput { capacity }).await
}

pub async fn approve_proposal(token: &str, id: va_openapi::ProposalId, input: &ApproveProposal) -> Result<ProposalView, ApiError> {
    post(&format!("/api/v1/proposals/{id}/approve"), token, input).await
}

pub async fn decline_proposal(token: &str, id: va_openapi::ProposalId, reason: String) -> Result<ProposalView, ApiError> {
    post(&format!("/api/v1/proposals/{id}/decline"), token, &DeclineProposal { reason }).await
}

pub async fn set_budget(token: &str, year: i32, training_eur: i64) -> Result<BudgetYear, ApiError> {
    put(&format!("/api/v1/budgets/{year}"), token, &BudgetInput { training_eur }).await
}

pub async fn waitlist_settings(token: &str, programme: ProgrammeId, s: &WaitlistSettings) -> Result<WaitlistSettings, ApiError> {
    put(&format!("/api/v1/programmes/{programme}/waitlist-settings"), token, s).await
}

pub async fn set_quotas(token: &str, group: GroupId, input: &QuotasInput) -> Result<GroupSeats, ApiError> {
    put(&format!("/api/v1/groups/{group}/quotas"), token, input).await
}

use va_openapi::training::{AttendanceInput, DayCancel, DayChange, GroupAttendance};

pub async fn trainer_groups(token: &str) -> Result<Vec<TrainingGroup>, ApiError> {
    get("/api/v1/trainer/groups", token).await
}

pub async fn group_attendance(token: &str, id: GroupId) -> Result<GroupAttendance, ApiError> {
    get(&format!("/api/v1/groups/{id}/attendance"), token).await
}

pub async fn mark_attendance(token: &str, day: va_openapi::TrainingDayId, input: &AttendanceInput) -> Result<GroupAttendance, ApiError> {
    put(&format!("/api/v1/training-days/{day}/attendance"), token, input).await
}

pub async fn change_day(token: &str, day: va_openapi::TrainingDayId, input: &DayChange) -> Result<GroupAttendance, ApiError> {
    put(&format!("/api/v1/training-days/{day}"), token, input).await
}

pub async fn cancel_day(token: &str, day: va_openapi::TrainingDayId, input: &DayCancel) -> Result<GroupAttendance, ApiError> {
    post(&format!("/api/v1/training-days/{day}/cancel"), token, input).await
}

pub async fn close_group(token: &str, id: GroupId) -> Result<GroupAttendance, ApiError> {
    post(&format!("/api/v1/groups/{id}/close"), token, &serde_json::json!({})).await
}

use va_openapi::followup::*;

pub async fn feedback_list(token: &str) -> Result<Vec<FeedbackSummary>, ApiError> {
    get("/api/v1/feedback", token).await
}

pub async fn group_feedback(token: &str, id: GroupId) -> Result<GroupFeedback, ApiError> {
    get(&format!("/api/v1/groups/{id}/feedback"), token).await
}

pub async fn save_feedback(token: &str, id: GroupId, input: &FeedbackInput) -> Result<GroupFeedback, ApiError> {
    put(&format!("/api/v1/groups/{id}/feedback"), token, input).await
}

pub async fn add_feedback_action(token: &str, id: GroupId, input: &ActionInput) -> Result<GroupFeedback, ApiError> {
    post(&format!("/api/v1/groups/{id}/feedback/actions"), token, input).await
}

pub async fn evaluation_summary(token: &str, id: GroupId) -> Result<EvaluationSummary, ApiError> {
    get(&format!("/api/v1/groups/{id}/evaluation"), token).await
}

/// The evaluation behind a link; no account.
pub async fn evaluation_lookup(token: String) -> Result<PublicEvaluation, ApiError> {
    request::<_, PublicEvaluation>("POST", "/api/v1/evaluations/lookup", None, Some(&EvaluationToken { token })).await?.ok_or(ApiError::Network)
}

pub async fn evaluation_answer(input: EvaluationInput) -> Result<PublicEvaluation, ApiError> {
    request::<_, PublicEvaluation>("POST", "/api/v1/evaluations/answer", None, Some(&input)).await?.ok_or(ApiError::Network)
}

pub async fn followup(token: &str) -> Result<FollowupOverview, ApiError> {
    get("/api/v1/followup", token).await
}

pub async fn plan_session(token: &str, input: &NewSession) -> Result<SessionView, ApiError> {
    post("/api/v1/followup/sessions", token, input).await
}

pub async fn session(token: &str, id: va_openapi::FollowupSessionId) -> Result<SessionView, ApiError> {
    get(&format!("/api/v1/followup/sessions/{id}"), token).await
}

pub async fn record_session(token: &str, id: va_openapi::FollowupSessionId, input: &SessionRecord) -> Result<SessionView, ApiError> {
    put(&format!("/api/v1/followup/sessions/{id}/attendance"), token, input).await
}

pub async fn cancel_session(token: &str, id: va_openapi::FollowupSessionId, reason: String) -> Result<SessionView, ApiError> {
    post(&format!("/api/v1/followup/sessions/{id}/cancel"), token, &ReasonInput { reason }).await
}

pub async fn add_reflection(token: &str, id: va_openapi::FollowupSessionId, input: &ReflectionInput) -> Result<SessionView, ApiError> {
    post(&format!("/api/v1/followup/sessions/{id}/reflections"), token, input).await
}

pub async fn request_followup(token: &str, input: &NewFollowupRequest) -> Result<FollowupRequestView, ApiError> {
    post("/api/v1/followup/requests", token, input).await
}

pub async fn decline_followup_request(token: &str, id: va_openapi::FollowupRequestId, reason: String) -> Result<FollowupRequestView, ApiError> {
    post(&format!("/api/v1/followup/requests/{id}/decline"), token, &ReasonInput { reason }).await
}

pub async fn certificate(token: &str, id: EnrolmentId) -> Result<Certificate, ApiError> {
    get(&format!("/api/v1/enrolments/{id}/certificate"), token).await
}

pub async fn year_costs(token: &str, year: i32) -> Result<CostOverview, ApiError> {
    get(&format!("/api/v1/budgets/{year}/costs"), token).await
}

pub async fn delivery_settings(token: &str, programme: ProgrammeId) -> Result<DeliverySettings, ApiError> {
    get(&format!("/api/v1/programmes/{programme}/delivery-settings"), token).await
}

pub async fn save_delivery_settings(token: &str, programme: ProgrammeId, input: &DeliverySettings) -> Result<DeliverySettings, ApiError> {
    put(&format!("/api/v1/programmes/{programme}/delivery-settings"), token, input).await
}

// Monitoring, the yearly survey and the planner.
use va_openapi::monitoring::*;
use va_openapi::planning::*;
use va_openapi::survey::*;
use va_openapi::{OrganisationId as OrgId, ScenarioId, SnapshotId, SurveyRoundId};

pub async fn dashboard(token: &str) -> Result<Dashboard, ApiError> {
    get("/api/v1/monitoring/dashboard", token).await
}

pub async fn snapshots(token: &str) -> Result<Vec<SnapshotSummary>, ApiError> {
    get("/api/v1/monitoring/snapshots", token).await
}

pub async fn take_snapshot(token: &str, label: String) -> Result<SnapshotComparison, ApiError> {
    post("/api/v1/monitoring/snapshots", token, &NewSnapshot { label }).await
}

pub async fn snapshot(token: &str, id: SnapshotId) -> Result<SnapshotComparison, ApiError> {
    get(&format!("/api/v1/monitoring/snapshots/{id}"), token).await
}

pub async fn import_earlier(token: &str, csv: String, run: bool) -> Result<ImportReport, ApiError> {
    let path = if run { "/api/v1/monitoring/import" } else { "/api/v1/monitoring/import/preview" };
    post(path, token, &ImportInput { csv }).await
}

pub async fn survey_rounds(token: &str) -> Result<Vec<SurveyRound>, ApiError> {
    get("/api/v1/surveys", token).await
}

pub async fn open_survey(token: &str, input: &NewSurveyRound) -> Result<SurveyRound, ApiError> {
    post("/api/v1/surveys", token, input).await
}

pub async fn survey_overview(token: &str, id: SurveyRoundId) -> Result<SurveyOverview, ApiError> {
    get(&format!("/api/v1/surveys/{id}"), token).await
}

pub async fn survey_form(token: &str, id: SurveyRoundId, org: OrgId) -> Result<SurveyForm, ApiError> {
    get(&format!("/api/v1/surveys/{id}/organisations/{org}"), token).await
}

pub async fn save_survey(token: &str, id: SurveyRoundId, org: OrgId, input: &SurveySave) -> Result<SurveyForm, ApiError> {
    put(&format!("/api/v1/surveys/{id}/organisations/{org}"), token, input).await
}

pub async fn delegate_survey(token: &str, id: SurveyRoundId, org: OrgId, input: &SurveyDelegate) -> Result<SurveyForm, ApiError> {
    post(&format!("/api/v1/surveys/{id}/organisations/{org}/delegate"), token, input).await
}

pub async fn planner(token: &str) -> Result<PlanView, ApiError> {
    get("/api/v1/planner", token).await
}

pub async fn compute_plan(token: &str, params: &ScenarioParams) -> Result<PlanView, ApiError> {
    post("/api/v1/planner/compute", token, params).await
}

pub async fn scenarios(token: &str) -> Result<Vec<Scenario>, ApiError> {
    get("/api/v1/planner/scenarios", token).await
}

pub async fn save_scenario(token: &str, input: &ScenarioInput) -> Result<Scenario, ApiError> {
    post("/api/v1/planner/scenarios", token, input).await
}

pub async fn delete_scenario(token: &str, id: ScenarioId) -> Result<(), ApiError> {
    request::<(), serde_json::Value>("DELETE", &format!("/api/v1/planner/scenarios/{id}"), Some(token), None).await.map(|_| ())
}

pub async fn propose_from_scenario(token: &str, id: ScenarioId, input: &ProposeGroup) -> Result<va_openapi::waitlist::ProposalView, ApiError> {
    post(&format!("/api/v1/planner/scenarios/{id}/propose"), token, input).await
}

/// Downloads an export with the session's token and hands it to the browser
/// as a file; returns the file name.
pub async fn download(token: &str, path: &str) -> Result<String, ApiError> {
    let resp = send::<()>("GET", path, Some(token), None).await?;
    let window = web_sys::window().ok_or(ApiError::Network)?;
    if !resp.ok() {
        let text = match resp.text() {
            Ok(p) => JsFuture::from(p).await.ok().and_then(|v| v.as_string()).unwrap_or_default(),
            Err(_) => String::new(),
        };
        return Err(serde_json::from_str::<Problem>(&text).map(ApiError::Problem).unwrap_or(ApiError::Network));
    }
    let name = resp
        .headers()
        .get("Content-Disposition")
        .ok()
        .flatten()
        .and_then(|d| d.split("filename=\"").nth(1).map(|s| s.trim_end_matches('"').to_string()))
        .unwrap_or_else(|| "export".into());
    let blob: web_sys::Blob = JsFuture::from(resp.blob().map_err(|_| ApiError::Network)?).await.map_err(|_| ApiError::Network)?.dyn_into().map_err(|_| ApiError::Network)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(|_| ApiError::Network)?;
    let doc = window.document().ok_or(ApiError::Network)?;
    let a: web_sys::HtmlAnchorElement = doc.create_element("a").map_err(|_| ApiError::Network)?.dyn_into().map_err(|_| ApiError::Network)?;
    a.set_href(&url);
    a.set_download(&name);
    a.click();
    // Give the browser time to start the download before the URL goes.
    leptos::prelude::set_timeout(move || { let _ = web_sys::Url::revoke_object_url(&url); }, std::time::Duration::from_secs(5));
    Ok(name)
}

/// The text of the file chosen in a file input.
pub async fn chosen_file_text(input_id: &str) -> Option<String> {
    let doc = web_sys::window()?.document()?;
    let input: web_sys::HtmlInputElement = doc.get_element_by_id(input_id)?.dyn_into().ok()?;
    let file = input.files()?.get(0)?;
    JsFuture::from(file.text()).await.ok()?.as_string()
}

//! Typed calls to `/api/v1` over the contract types.

use serde::{de::DeserializeOwned, Serialize};
use va_openapi::auth::{LoginRequest, LoginResponse, PasswordResetRequest, SetPasswordRequest};
use va_openapi::reference::{Organisation, Professional, Programme, TrainingGroup};
use crate::i18n::Key;
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
    pub fn text_key(&self) -> Key {
        match self {
            ApiError::Problem(p) => crate::i18n::error_key(p.code),
            ApiError::Network => k!("err.network"),
        }
    }
}

/// Sends a request with the session's token (when logged in) and a JSON body;
/// the response whatever its status. Components never handle the token: it
/// comes from the session the app holds in context.
async fn send<B: Serialize>(method: &str, path: &str, body: Option<&B>) -> Result<web_sys::Response, ApiError> {
    let token = crate::session::current_token();
    let init = web_sys::RequestInit::new();
    init.set_method(method);
    let headers = web_sys::Headers::new().map_err(|_| ApiError::Network)?;
    let _ = headers.set("Accept", "application/json");
    if let Some(t) = &token {
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
    body: Option<&B>,
) -> Result<Option<T>, ApiError> {
    let resp = send(method, path, body).await?;
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

async fn get<T: DeserializeOwned>(path: &str) -> Result<T, ApiError> {
    request::<(), T>("GET", path, None).await?.ok_or(ApiError::Network)
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

pub async fn users() -> Result<Vec<va_openapi::auth::UserSummary>, ApiError> {
    get("/api/v1/users").await
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

async fn post<B: Serialize, T: DeserializeOwned>(path: &str, body: &B) -> Result<T, ApiError> {
    request::<B, T>("POST", path, Some(body)).await?.ok_or(ApiError::Network)
}

use va_openapi::enrolment::{
    AllocateRequest, Decision, DecisionRequest, EnrolmentEdit, EnrolmentRequestView, GroupDetail, NewEnrolmentRequest,
    RequestSummary, SeatBoard, WithdrawRequest,
};
use va_openapi::{EnrolmentId, GroupId, RequestId};

pub async fn create_request(req: &NewEnrolmentRequest) -> Result<EnrolmentRequestView, ApiError> {
    post("/api/v1/requests", req).await
}

pub async fn list_requests(pending: bool) -> Result<Vec<RequestSummary>, ApiError> {
    get(&format!("/api/v1/requests?pending={pending}")).await
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

pub async fn allocate(id: EnrolmentId, group_id: GroupId) -> Result<EnrolmentRequestView, ApiError> {
    post(&format!("/api/v1/enrolments/{id}/allocate"), &AllocateRequest { group_id }).await
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

pub async fn move_to(id: EnrolmentId, group_id: GroupId) -> Result<EnrolmentRequestView, ApiError> {
    post(&format!("/api/v1/enrolments/{id}/move"), &AllocateRequest { group_id }).await
}

use va_openapi::readiness::{
    AnswerInput, CheckSummary, CheckView, CompleteInput, Followup, FollowupInput, FollowupStatus, FollowupUpdate, NewCheck, Overview,
    ProjectLeader, ScheduleInput,
};

pub async fn readiness_check(id: i64) -> Result<CheckView, ApiError> {
    get(&format!("/api/v1/readiness/checks/{id}")).await
}

pub async fn readiness_checks() -> Result<Vec<CheckSummary>, ApiError> {
    get("/api/v1/readiness/checks").await
}

pub async fn create_check(org: OrganisationId) -> Result<CheckView, ApiError> {
    post("/api/v1/readiness/checks", &NewCheck { organisation_id: org, request_id: None }).await
}

pub async fn schedule_check(id: i64, input: &ScheduleInput) -> Result<CheckView, ApiError> {
    post(&format!("/api/v1/readiness/checks/{id}/schedule"), input).await
}

pub async fn cancel_check(id: i64) -> Result<CheckView, ApiError> {
    post(&format!("/api/v1/readiness/checks/{id}/cancel"), &serde_json::json!({})).await
}

pub async fn answer(id: i64, input: &AnswerInput) -> Result<CheckView, ApiError> {
    request::<_, CheckView>("PUT", &format!("/api/v1/readiness/checks/{id}/answers"), Some(input)).await?.ok_or(ApiError::Network)
}

pub async fn proposals(id: i64) -> Result<Vec<FollowupInput>, ApiError> {
    get(&format!("/api/v1/readiness/checks/{id}/proposals")).await
}

pub async fn complete_check(id: i64, input: &CompleteInput) -> Result<CheckView, ApiError> {
    post(&format!("/api/v1/readiness/checks/{id}/complete"), input).await
}

pub async fn update_followup(id: i64, status: FollowupStatus) -> Result<Followup, ApiError> {
    request::<_, Followup>("PUT", &format!("/api/v1/readiness/followups/{id}"), Some(&FollowupUpdate { status }))
        .await?
        .ok_or(ApiError::Network)
}

pub async fn followups() -> Result<Vec<Followup>, ApiError> {
    get("/api/v1/readiness/followups").await
}

pub async fn readiness_overview() -> Result<Overview, ApiError> {
    get("/api/v1/readiness/overview").await
}

pub async fn project_leaders() -> Result<Vec<ProjectLeader>, ApiError> {
    get("/api/v1/readiness/project-leaders").await
}

use va_openapi::readiness::{Template, TemplateDraftInput};

pub async fn readiness_template() -> Result<Template, ApiError> {
    get("/api/v1/readiness/template").await
}

/// The draft, if there is one.
pub async fn readiness_draft() -> Result<Option<Template>, ApiError> {
    match get::<Template>("/api/v1/readiness/template/draft").await {
        Ok(t) => Ok(Some(t)),
        Err(ApiError::Problem(p)) if p.code == ErrorCode::NotFound => Ok(None),
        Err(e) => Err(e),
    }
}

pub async fn save_draft(input: &TemplateDraftInput) -> Result<Template, ApiError> {
    request::<_, Template>("PUT", "/api/v1/readiness/template/draft", Some(input)).await?.ok_or(ApiError::Network)
}

pub async fn publish_draft() -> Result<Template, ApiError> {
    post("/api/v1/readiness/template/draft/publish", &serde_json::json!({})).await
}

pub async fn create_check_for_request(org: OrganisationId, request: RequestId) -> Result<CheckView, ApiError> {
    post("/api/v1/readiness/checks", &NewCheck { organisation_id: org, request_id: Some(request) }).await
}

pub async fn update_settings(
    programme: ProgrammeId,
    settings: &va_openapi::reference::ProgrammeSettings,
) -> Result<Programme, ApiError> {
    request::<_, Programme>("PUT", &format!("/api/v1/programmes/{programme}/settings"), Some(settings))
        .await?
        .ok_or(ApiError::Network)
}

use va_openapi::enrolment::{PriorityInput, WaitlistEntry};
use va_openapi::waitlist::*;

async fn put<B: Serialize, T: DeserializeOwned>(path: &str, body: &B) -> Result<T, ApiError> {
    request::<B, T>("PUT", path, Some(body)).await?.ok_or(ApiError::Network)
}

pub async fn waitlist_board(programme: ProgrammeId) -> Result<WaitlistBoard, ApiError> {
    get(&format!("/api/v1/programmes/{programme}/waitlist-board")).await
}

pub async fn waitlist_overview(programme: ProgrammeId) -> Result<OrganisationWaitlist, ApiError> {
    get(&format!("/api/v1/programmes/{programme}/waitlist-overview")).await
}

pub async fn set_priority(id: EnrolmentId, adjustment: i32, reason: String) -> Result<WaitlistEntry, ApiError> {
    put(&format!("/api/v1/enrolments/{id}/priority"), &PriorityInput { adjustment, reason }).await
}

pub async fn manual_offer(input: &ManualOfferInput) -> Result<OfferView, ApiError> {
    post("/api/v1/offers", input).await
}

/// The offer behind a link; no account.
pub async fn offer_lookup(token: String) -> Result<PublicOffer, ApiError> {
    request::<_, PublicOffer>("POST", "/api/v1/offers/lookup", Some(&OfferTokenInput { token })).await?.ok_or(ApiError::Network)
}

pub async fn offer_answer(input: OfferAnswer) -> Result<PublicOffer, ApiError> {
    request::<_, PublicOffer>("POST", "/api/v1/offers/answer", Some(&input)).await?.ok_or(ApiError::Network)
}

pub async fn substitute(id: va_openapi::SubstitutionId, input: &SubstituteInput) -> Result<SubstitutionView, ApiError> {
    post(&format!("/api/v1/substitutions/{id}/substitute"), input).await
}

pub async fn release_substitution(id: va_openapi::SubstitutionId) -> Result<SubstitutionView, ApiError> {
    post(&format!("/api/v1/substitutions/{id}/release"), &serde_json::json!({})).await
}

pub async fn set_capacity(group: GroupId, capacity: i32) -> Result<GroupSeats, ApiError> {
    put(&format!("/api/v1/groups/{group}/capacity"), &CapacityInput { capacity }).await
}

pub async fn approve_proposal(id: va_openapi::ProposalId, input: &ApproveProposal) -> Result<ProposalView, ApiError> {
    post(&format!("/api/v1/proposals/{id}/approve"), input).await
}

pub async fn decline_proposal(id: va_openapi::ProposalId, reason: String) -> Result<ProposalView, ApiError> {
    post(&format!("/api/v1/proposals/{id}/decline"), &DeclineProposal { reason }).await
}

pub async fn set_budget(year: i32, training_eur: i64) -> Result<BudgetYear, ApiError> {
    put(&format!("/api/v1/budgets/{year}"), &BudgetInput { training_eur }).await
}

pub async fn waitlist_settings(programme: ProgrammeId, s: &WaitlistSettings) -> Result<WaitlistSettings, ApiError> {
    put(&format!("/api/v1/programmes/{programme}/waitlist-settings"), s).await
}

pub async fn set_quotas(group: GroupId, input: &QuotasInput) -> Result<GroupSeats, ApiError> {
    put(&format!("/api/v1/groups/{group}/quotas"), input).await
}

use va_openapi::training::{AttendanceInput, DayCancel, DayChange, GroupAttendance};

pub async fn trainer_groups() -> Result<Vec<TrainingGroup>, ApiError> {
    get("/api/v1/trainer/groups").await
}

pub async fn group_attendance(id: GroupId) -> Result<GroupAttendance, ApiError> {
    get(&format!("/api/v1/groups/{id}/attendance")).await
}

pub async fn mark_attendance(day: va_openapi::TrainingDayId, input: &AttendanceInput) -> Result<GroupAttendance, ApiError> {
    put(&format!("/api/v1/training-days/{day}/attendance"), input).await
}

pub async fn change_day(day: va_openapi::TrainingDayId, input: &DayChange) -> Result<GroupAttendance, ApiError> {
    put(&format!("/api/v1/training-days/{day}"), input).await
}

pub async fn cancel_day(day: va_openapi::TrainingDayId, input: &DayCancel) -> Result<GroupAttendance, ApiError> {
    post(&format!("/api/v1/training-days/{day}/cancel"), input).await
}

pub async fn close_group(id: GroupId) -> Result<GroupAttendance, ApiError> {
    post(&format!("/api/v1/groups/{id}/close"), &serde_json::json!({})).await
}

use va_openapi::followup::*;

pub async fn feedback_list() -> Result<Vec<FeedbackSummary>, ApiError> {
    get("/api/v1/feedback").await
}

pub async fn group_feedback(id: GroupId) -> Result<GroupFeedback, ApiError> {
    get(&format!("/api/v1/groups/{id}/feedback")).await
}

pub async fn save_feedback(id: GroupId, input: &FeedbackInput) -> Result<GroupFeedback, ApiError> {
    put(&format!("/api/v1/groups/{id}/feedback"), input).await
}

pub async fn add_feedback_action(id: GroupId, input: &ActionInput) -> Result<GroupFeedback, ApiError> {
    post(&format!("/api/v1/groups/{id}/feedback/actions"), input).await
}

pub async fn evaluation_summary(id: GroupId) -> Result<EvaluationSummary, ApiError> {
    get(&format!("/api/v1/groups/{id}/evaluation")).await
}

/// The evaluation behind a link; no account.
pub async fn evaluation_lookup(token: String) -> Result<PublicEvaluation, ApiError> {
    request::<_, PublicEvaluation>("POST", "/api/v1/evaluations/lookup", Some(&EvaluationToken { token })).await?.ok_or(ApiError::Network)
}

pub async fn evaluation_answer(input: EvaluationInput) -> Result<PublicEvaluation, ApiError> {
    request::<_, PublicEvaluation>("POST", "/api/v1/evaluations/answer", Some(&input)).await?.ok_or(ApiError::Network)
}

pub async fn followup() -> Result<FollowupOverview, ApiError> {
    get("/api/v1/followup").await
}

pub async fn plan_session(input: &NewSession) -> Result<SessionView, ApiError> {
    post("/api/v1/followup/sessions", input).await
}

pub async fn session(id: va_openapi::FollowupSessionId) -> Result<SessionView, ApiError> {
    get(&format!("/api/v1/followup/sessions/{id}")).await
}

pub async fn record_session(id: va_openapi::FollowupSessionId, input: &SessionRecord) -> Result<SessionView, ApiError> {
    put(&format!("/api/v1/followup/sessions/{id}/attendance"), input).await
}

pub async fn cancel_session(id: va_openapi::FollowupSessionId, reason: String) -> Result<SessionView, ApiError> {
    post(&format!("/api/v1/followup/sessions/{id}/cancel"), &ReasonInput { reason }).await
}

pub async fn add_reflection(id: va_openapi::FollowupSessionId, input: &ReflectionInput) -> Result<SessionView, ApiError> {
    post(&format!("/api/v1/followup/sessions/{id}/reflections"), input).await
}

pub async fn request_followup(input: &NewFollowupRequest) -> Result<FollowupRequestView, ApiError> {
    post("/api/v1/followup/requests", input).await
}

pub async fn decline_followup_request(id: va_openapi::FollowupRequestId, reason: String) -> Result<FollowupRequestView, ApiError> {
    post(&format!("/api/v1/followup/requests/{id}/decline"), &ReasonInput { reason }).await
}

pub async fn certificate(id: EnrolmentId) -> Result<Certificate, ApiError> {
    get(&format!("/api/v1/enrolments/{id}/certificate")).await
}

pub async fn year_costs(year: i32) -> Result<CostOverview, ApiError> {
    get(&format!("/api/v1/budgets/{year}/costs")).await
}

pub async fn delivery_settings(programme: ProgrammeId) -> Result<DeliverySettings, ApiError> {
    get(&format!("/api/v1/programmes/{programme}/delivery-settings")).await
}

pub async fn save_delivery_settings(programme: ProgrammeId, input: &DeliverySettings) -> Result<DeliverySettings, ApiError> {
    put(&format!("/api/v1/programmes/{programme}/delivery-settings"), input).await
}

// Monitoring, the yearly survey and the planner.
use va_openapi::monitoring::*;
use va_openapi::planning::*;
use va_openapi::survey::*;
use va_openapi::{OrganisationId as OrgId, ScenarioId, SnapshotId, SurveyRoundId};

pub async fn dashboard() -> Result<Dashboard, ApiError> {
    get("/api/v1/monitoring/dashboard").await
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
    get("/api/v1/surveys").await
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
    get("/api/v1/planner").await
}

pub async fn compute_plan(params: &ScenarioParams) -> Result<PlanView, ApiError> {
    post("/api/v1/planner/compute", params).await
}

pub async fn scenarios() -> Result<Vec<Scenario>, ApiError> {
    get("/api/v1/planner/scenarios").await
}

pub async fn save_scenario(input: &ScenarioInput) -> Result<Scenario, ApiError> {
    post("/api/v1/planner/scenarios", input).await
}

pub async fn delete_scenario(id: ScenarioId) -> Result<(), ApiError> {
    request::<(), serde_json::Value>("DELETE", &format!("/api/v1/planner/scenarios/{id}"), None).await.map(|_| ())
}

pub async fn propose_from_scenario(id: ScenarioId, input: &ProposeGroup) -> Result<va_openapi::waitlist::ProposalView, ApiError> {
    post(&format!("/api/v1/planner/scenarios/{id}/propose"), input).await
}

/// Downloads an export with the session's token and hands it to the browser
/// as a file; returns the file name.
pub async fn download(path: &str) -> Result<String, ApiError> {
    let resp = send::<()>("GET", path, None).await?;
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

//! Thin handlers after the training: feedback, evaluation, follow-up, certificate, settings, costs.

use super::{delivery, evaluation, feedback, requests, sessions};
use crate::budget::costs;
use crate::auth::Caller;
use crate::problems::*;
use crate::error::AppResult;
use crate::state::AppState;
use actix_web::{get, post, put, web};
use va_openapi::followup::*;
use va_openapi::{EnrolmentId, FollowupRequestId, FollowupSessionId, GroupId, Problem, ProgrammeId};

/// The feedback the caller may read: BEL all, trainers their groups, ambassadors what was shared with their region.
#[utoipa::path(
    tag = "followup",
    responses(
        (status = 200, body = Vec<FeedbackSummary>),
        Authed,
    ),
    security(("bearer" = []))
)]
#[get("/feedback")]
pub async fn feedback_list(state: web::Data<AppState>, caller: Caller) -> AppResult<web::Json<Vec<FeedbackSummary>>> {
    Ok(web::Json(feedback::list(&state, &caller).await?))
}

/// A group's post-training feedback (ambassadors: once shared, with remarks about their region's organisations only).
#[utoipa::path(
    tag = "followup",
    params(("id" = i64, Path, description = "Group id")),
    responses(
        (status = 200, body = GroupFeedback),
        Authed,
        (status = 404, body = Problem, content_type = "application/problem+json", description = "No such group, or not visible to the caller"),
    ),
    security(("bearer" = []))
)]
#[get("/groups/{id}/feedback")]
pub async fn feedback_view(state: web::Data<AppState>, caller: Caller, id: web::Path<GroupId>) -> AppResult<web::Json<GroupFeedback>> {
    Ok(web::Json(feedback::view(&state, &caller, *id).await?))
}

/// The trainer writes the feedback; `share` sends it to the ambassadors of the participants' regions.
#[utoipa::path(
    tag = "followup",
    params(("id" = i64, Path, description = "Group id")),
    request_body = FeedbackInput,
    responses(
        (status = 200, body = GroupFeedback),
        AuthedFound, BadRequest,
        (status = 422, body = Problem, content_type = "application/problem+json", description = "Empty text, organisation without participants, duplicate remark"),
    ),
    security(("bearer" = []))
)]
#[put("/groups/{id}/feedback")]
pub async fn feedback_save(state: web::Data<AppState>, caller: Caller, id: web::Path<GroupId>, body: web::Json<FeedbackInput>) -> AppResult<web::Json<GroupFeedback>> {
    Ok(web::Json(feedback::save(&state, &caller, *id, body.into_inner()).await?))
}

/// An ambassador (for their region) or BEL records an action agreed on after the feedback.
#[utoipa::path(
    tag = "followup",
    params(("id" = i64, Path, description = "Group id")),
    request_body = ActionInput,
    responses(
        (status = 200, body = GroupFeedback),
        AuthedFound, BadRequest,
        (status = 409, body = Problem, content_type = "application/problem+json", description = "conflict: the feedback has not been shared yet"),
        (status = 422, body = Problem, content_type = "application/problem+json", description = "Empty action, not the ambassador's region"),
    ),
    security(("bearer" = []))
)]
#[post("/groups/{id}/feedback/actions")]
pub async fn feedback_action(state: web::Data<AppState>, caller: Caller, id: web::Path<GroupId>, body: web::Json<ActionInput>) -> AppResult<web::Json<GroupFeedback>> {
    Ok(web::Json(feedback::add_action(&state, &caller, *id, body.into_inner()).await?))
}

/// A group's participant evaluation in aggregate (its trainers and BEL); nothing tied to a name.
#[utoipa::path(
    tag = "followup",
    params(("id" = i64, Path, description = "Group id")),
    responses(
        (status = 200, body = EvaluationSummary),
        AuthedFound,
    ),
    security(("bearer" = []))
)]
#[get("/groups/{id}/evaluation")]
pub async fn evaluation_summary(state: web::Data<AppState>, caller: Caller, id: web::Path<GroupId>) -> AppResult<web::Json<EvaluationSummary>> {
    Ok(web::Json(evaluation::summary(&state, &caller, *id).await?))
}

/// What an evaluation link shows (no account needed).
#[utoipa::path(
    tag = "followup",
    request_body = EvaluationToken,
    responses(
        (status = 200, body = PublicEvaluation),
        (status = 400, body = Problem, content_type = "application/problem+json", description = "token_invalid: unknown or altered link"),
    ),
    security(())
)]
#[post("/evaluations/lookup")]
pub async fn evaluation_lookup(state: web::Data<AppState>, body: web::Json<EvaluationToken>) -> AppResult<web::Json<PublicEvaluation>> {
    Ok(web::Json(evaluation::lookup(&state, &body.token).await?))
}

/// Answer the evaluation with the link's token; once per link.
#[utoipa::path(
    tag = "followup",
    request_body = EvaluationInput,
    responses(
        (status = 200, body = PublicEvaluation),
        (status = 400, body = Problem, content_type = "application/problem+json", description = "token_invalid"),
        (status = 409, body = Problem, content_type = "application/problem+json", description = "already_answered"),
        (status = 422, body = Problem, content_type = "application/problem+json", description = "Rating outside 1-5, text too long"),
    ),
    security(())
)]
#[post("/evaluations/answer")]
pub async fn evaluation_answer(state: web::Data<AppState>, body: web::Json<EvaluationInput>) -> AppResult<web::Json<PublicEvaluation>> {
    Ok(web::Json(evaluation::answer(&state, body.into_inner()).await?))
}

/// Trained professionals and their follow-up, sessions and requests, in the caller's scope.
#[utoipa::path(
    tag = "followup",
    responses(
        (status = 200, body = FollowupOverview),
        Authed,
    ),
    security(("bearer" = []))
)]
#[get("/followup")]
pub async fn followup_overview(state: web::Data<AppState>, caller: Caller) -> AppResult<web::Json<FollowupOverview>> {
    Ok(web::Json(delivery::overview(&state, &caller).await?))
}

/// Plan a supervision, coaching or deepening session for trained professionals (BEL or a trainer); participants get an invitation.
#[utoipa::path(
    tag = "followup",
    request_body = NewSession,
    responses(
        (status = 200, body = SessionView),
        Authed, BadRequest,
        (status = 409, body = Problem, content_type = "application/problem+json", description = "invalid_transition: the request is planned or declined already; over_budget: the session does not fit what is left of its year's training line"),
        (status = 422, body = Problem, content_type = "application/problem+json", description = "Not trained, not the trainer's group, bad time or date"),
    ),
    security(("bearer" = []))
)]
#[post("/followup/sessions")]
pub async fn session_plan(state: web::Data<AppState>, caller: Caller, body: web::Json<NewSession>) -> AppResult<web::Json<SessionView>> {
    Ok(web::Json(sessions::plan(&state, &caller, body.into_inner()).await?))
}

/// One follow-up session.
#[utoipa::path(
    tag = "followup",
    params(("id" = i64, Path, description = "Session id")),
    responses(
        (status = 200, body = SessionView),
        AuthedFound,
    ),
    security(("bearer" = []))
)]
#[get("/followup/sessions/{id}")]
pub async fn session_get(state: web::Data<AppState>, caller: Caller, id: web::Path<FollowupSessionId>) -> AppResult<web::Json<SessionView>> {
    Ok(web::Json(sessions::get(&state, &caller, *id).await?))
}

/// Record attendance and notes of a session, from its day on; it is then held.
#[utoipa::path(
    tag = "followup",
    params(("id" = i64, Path, description = "Session id")),
    request_body = SessionRecord,
    responses(
        (status = 200, body = SessionView),
        AuthedFound, BadRequest,
        (status = 409, body = Problem, content_type = "application/problem+json", description = "attendance_closed: before the day or cancelled"),
        (status = 422, body = Problem, content_type = "application/problem+json", description = "Not a participant, text too long"),
    ),
    security(("bearer" = []))
)]
#[put("/followup/sessions/{id}/attendance")]
pub async fn session_record(state: web::Data<AppState>, caller: Caller, id: web::Path<FollowupSessionId>, body: web::Json<SessionRecord>) -> AppResult<web::Json<SessionView>> {
    Ok(web::Json(sessions::record(&state, &caller, *id, body.into_inner()).await?))
}

/// Cancel a planned session with a reason; participants get the cancellation.
#[utoipa::path(
    tag = "followup",
    params(("id" = i64, Path, description = "Session id")),
    request_body = ReasonInput,
    responses(
        (status = 200, body = SessionView),
        Input, AuthedFound,
        (status = 409, body = Problem, content_type = "application/problem+json", description = "invalid_transition: held or cancelled already"),
    ),
    security(("bearer" = []))
)]
#[post("/followup/sessions/{id}/cancel")]
pub async fn session_cancel(state: web::Data<AppState>, caller: Caller, id: web::Path<FollowupSessionId>, body: web::Json<ReasonInput>) -> AppResult<web::Json<SessionView>> {
    Ok(web::Json(sessions::cancel(&state, &caller, *id, body.into_inner()).await?))
}

/// Record a quality reflection (complete, economical, coherent, testably predictive; 1-4) in supervision. No data about the young person or family.
#[utoipa::path(
    tag = "followup",
    params(("id" = i64, Path, description = "Session id")),
    request_body = ReflectionInput,
    responses(
        (status = 200, body = SessionView),
        AuthedFound, BadRequest,
        (status = 409, body = Problem, content_type = "application/problem+json", description = "conflict: not a supervision session; attendance_closed: before the day"),
        (status = 422, body = Problem, content_type = "application/problem+json", description = "Score outside 1-4, not a participant, personal_data in the note"),
    ),
    security(("bearer" = []))
)]
#[post("/followup/sessions/{id}/reflections")]
pub async fn session_reflect(state: web::Data<AppState>, caller: Caller, id: web::Path<FollowupSessionId>, body: web::Json<ReflectionInput>) -> AppResult<web::Json<SessionView>> {
    Ok(web::Json(sessions::reflect(&state, &caller, *id, body.into_inner()).await?))
}

/// An organisation contact requests follow-up for trained professionals of their organisation; BEL is told.
#[utoipa::path(
    tag = "followup",
    request_body = NewFollowupRequest,
    responses(
        (status = 200, body = FollowupRequestView),
        Authed, BadRequest,
        (status = 422, body = Problem, content_type = "application/problem+json", description = "Not trained, not of the organisation, empty message"),
    ),
    security(("bearer" = []))
)]
#[post("/followup/requests")]
pub async fn request_create(state: web::Data<AppState>, caller: Caller, body: web::Json<NewFollowupRequest>) -> AppResult<web::Json<FollowupRequestView>> {
    Ok(web::Json(requests::request_followup(&state, &caller, body.into_inner()).await?))
}

/// BEL declines a follow-up request with a reason; the organisation is told.
#[utoipa::path(
    tag = "followup",
    params(("id" = i64, Path, description = "Request id")),
    request_body = ReasonInput,
    responses(
        (status = 200, body = FollowupRequestView),
        Input, AuthedFound,
        (status = 409, body = Problem, content_type = "application/problem+json", description = "invalid_transition: planned or declined already"),
    ),
    security(("bearer" = []))
)]
#[post("/followup/requests/{id}/decline")]
pub async fn request_decline(state: web::Data<AppState>, caller: Caller, id: web::Path<FollowupRequestId>, body: web::Json<ReasonInput>) -> AppResult<web::Json<FollowupRequestView>> {
    Ok(web::Json(requests::decline_request(&state, &caller, *id, body.into_inner()).await?))
}

/// The certificate of participation of a trained professional (printable in the SPA).
#[utoipa::path(
    tag = "followup",
    params(("id" = i64, Path, description = "Enrolment id")),
    responses(
        (status = 200, body = Certificate),
        AuthedFound,
        (status = 409, body = Problem, content_type = "application/problem+json", description = "invalid_transition: not trained"),
    ),
    security(("bearer" = []))
)]
#[get("/enrolments/{id}/certificate")]
pub async fn certificate(state: web::Data<AppState>, caller: Caller, id: web::Path<EnrolmentId>) -> AppResult<web::Json<Certificate>> {
    Ok(web::Json(delivery::certificate(&state, &caller, *id).await?))
}

/// A programme's delivery settings: attendance window, completion rule, follow-up prices.
#[utoipa::path(
    tag = "followup",
    params(("id" = i64, Path, description = "Programme id")),
    responses(
        (status = 200, body = DeliverySettings),
        AuthedFound,
    ),
    security(("bearer" = []))
)]
#[get("/programmes/{id}/delivery-settings")]
pub async fn settings_get(state: web::Data<AppState>, caller: Caller, id: web::Path<ProgrammeId>) -> AppResult<web::Json<DeliverySettings>> {
    Ok(web::Json(delivery::get_settings(&state, &caller, *id).await?))
}

/// Change a programme's delivery settings (BEL).
#[utoipa::path(
    tag = "followup",
    params(("id" = i64, Path, description = "Programme id")),
    request_body = DeliverySettings,
    responses(
        (status = 200, body = DeliverySettings),
        AuthedFound, BadRequest,
        (status = 422, body = Problem, content_type = "application/problem+json", description = "Out of range"),
    ),
    security(("bearer" = []))
)]
#[put("/programmes/{id}/delivery-settings")]
pub async fn settings_put(state: web::Data<AppState>, caller: Caller, id: web::Path<ProgrammeId>, body: web::Json<DeliverySettings>) -> AppResult<web::Json<DeliverySettings>> {
    Ok(web::Json(delivery::set_settings(&state, &caller, *id, body.into_inner()).await?))
}

/// Spent and committed money of a year per kind (groups, trainer days, supervision, coaching, deepening) against its budget (BEL).
#[utoipa::path(
    tag = "followup",
    params(("year" = i32, Path, description = "Year, e.g. 2027")),
    responses(
        (status = 200, body = CostOverview),
        Authed,
    ),
    security(("bearer" = []))
)]
#[get("/budgets/{year}/costs")]
pub async fn year_costs(state: web::Data<AppState>, caller: Caller, year: web::Path<i32>) -> AppResult<web::Json<CostOverview>> {
    Ok(web::Json(costs::overview(&state, &caller, *year).await?))
}

pub fn configure(cfg: &mut utoipa_actix_web::service_config::ServiceConfig) {
    cfg.service(feedback_list).service(feedback_view).service(feedback_save).service(feedback_action).service(evaluation_summary).service(evaluation_lookup).service(evaluation_answer).service(followup_overview).service(session_plan).service(session_get).service(session_record).service(session_cancel).service(session_reflect).service(request_create).service(request_decline).service(certificate).service(settings_get).service(settings_put).service(year_costs);
}

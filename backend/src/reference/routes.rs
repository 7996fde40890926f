//! Thin handlers for reference data.

use super::service;
use crate::auth::Caller;
use crate::problems::*;
use crate::error::AppResult;
use crate::state::AppState;
use actix_web::{get, post, put, web, HttpResponse};
use va_openapi::auth::Role;
use va_openapi::reference::{NewProfessional, Organisation, Professional, Programme, ProgrammeSettings, Region, TrainingGroup};
use va_openapi::{OrganisationId, Problem, ProgrammeId};

/// The three youth regions.
#[utoipa::path(
    tag = "reference",
    responses(
        (status = 200, body = Vec<Region>),
        Unauthorized,
    ),
    security(("bearer" = []))
)]
#[get("/regions")]
pub async fn regions(state: web::Data<AppState>, _caller: Caller) -> AppResult<web::Json<Vec<Region>>> {
    Ok(web::Json(service::regions(&state.db).await?))
}

/// Organisations visible to the caller (ambassadors: their own region).
#[utoipa::path(
    tag = "reference",
    responses(
        (status = 200, body = Vec<Organisation>),
        Unauthorized,
    ),
    security(("bearer" = []))
)]
#[get("/organisations")]
pub async fn organisations(state: web::Data<AppState>, caller: Caller) -> AppResult<web::Json<Vec<Organisation>>> {
    Ok(web::Json(service::organisations(&state.db, &caller).await?))
}

/// One organisation; 404 when it is outside an ambassador's region.
#[utoipa::path(
    tag = "reference",
    params(("id" = i64, Path, description = "Organisation id")),
    responses(
        (status = 200, body = Organisation),
        Unauthorized, NotFound,
    ),
    security(("bearer" = []))
)]
#[get("/organisations/{id}")]
pub async fn organisation(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<OrganisationId>,
) -> AppResult<web::Json<Organisation>> {
    let (org, _) = service::organisation_for(&state.db, &caller, *id).await?;
    Ok(web::Json(service::to_org(org)))
}

/// Professionals of an organisation: BEL, the organisation's contact, or its region's ambassador.
#[utoipa::path(
    tag = "reference",
    params(("id" = i64, Path, description = "Organisation id")),
    responses(
        (status = 200, body = Vec<Professional>),
        AuthedFound,
    ),
    security(("bearer" = []))
)]
#[get("/organisations/{id}/professionals")]
pub async fn professionals(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<OrganisationId>,
) -> AppResult<web::Json<Vec<Professional>>> {
    Ok(web::Json(service::professionals(&state.db, &caller, *id).await?))
}

/// Register a professional of the organisation (BEL or the organisation's own contact).
#[utoipa::path(
    tag = "reference",
    params(("id" = i64, Path, description = "Organisation id")),
    request_body = NewProfessional,
    responses(
        (status = 201, body = Professional),
        AuthedFound, Unprocessable,
        (status = 400, body = Problem, content_type = "application/problem+json", description = "Malformed JSON or unknown field"),
        (status = 409, body = Problem, content_type = "application/problem+json", description = "Email already registered"),
    ),
    security(("bearer" = []))
)]
#[post("/organisations/{id}/professionals")]
pub async fn add_professional(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<OrganisationId>,
    body: web::Json<NewProfessional>,
) -> AppResult<HttpResponse> {
    caller.require(&[Role::BelCoordinator, Role::OrgContact])?;
    let p = service::add_professional(&state, &caller, *id, body.into_inner()).await?;
    Ok(HttpResponse::Created().json(p))
}

/// Training programmes.
#[utoipa::path(
    tag = "reference",
    responses(
        (status = 200, body = Vec<Programme>),
        Unauthorized,
    ),
    security(("bearer" = []))
)]
#[get("/programmes")]
pub async fn programmes(state: web::Data<AppState>, _caller: Caller) -> AppResult<web::Json<Vec<Programme>>> {
    Ok(web::Json(service::programmes(&state.db).await?))
}

/// The training groups of a programme.
#[utoipa::path(
    tag = "reference",
    params(("id" = i64, Path, description = "Programme id")),
    responses(
        (status = 200, body = Vec<TrainingGroup>),
        Unauthorized, NotFound,
    ),
    security(("bearer" = []))
)]
#[get("/programmes/{id}/groups")]
pub async fn groups(
    state: web::Data<AppState>,
    _caller: Caller,
    id: web::Path<ProgrammeId>,
) -> AppResult<web::Json<Vec<TrainingGroup>>> {
    Ok(web::Json(service::groups(&state.db, *id).await?))
}

/// Change a programme's settings (BEL).
#[utoipa::path(
    tag = "reference",
    params(("id" = i64, Path, description = "Programme id")),
    request_body = ProgrammeSettings,
    responses(
        (status = 200, body = Programme),
        Input, AuthedFound,
    ),
    security(("bearer" = []))
)]
#[put("/programmes/{id}/settings")]
pub async fn settings(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<ProgrammeId>,
    body: web::Json<ProgrammeSettings>,
) -> AppResult<web::Json<Programme>> {
    Ok(web::Json(service::update_settings(&state, &caller, *id, body.into_inner()).await?))
}

pub fn configure(cfg: &mut utoipa_actix_web::service_config::ServiceConfig) {
    cfg.service(regions)
        .service(organisations)
        .service(organisation)
        .service(professionals)
        .service(add_professional)
        .service(programmes)
        .service(groups)
        .service(settings);
}

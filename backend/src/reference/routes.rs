//! Thin handlers for reference data.

use super::{organisations as orgs, programmes as progs, service};
use crate::auth::Caller;
use crate::problems::*;
use crate::error::AppResult;
use crate::state::AppState;
use actix_web::{get, post, put, web, HttpResponse};
use va_openapi::admin::{OrganisationImport, OrganisationInput, ProgrammeInput};
use va_openapi::auth::Role;
use va_openapi::monitoring::ImportInput;
use va_openapi::reference::{NewProfessional, Organisation, Professional, Programme, ProgrammeSettings, Region, TrainingGroup};
use va_openapi::{OrganisationId, Problem, ProgrammeId};

/// Which programme a figure or list is about (default: the first VA training).
#[derive(Debug, Clone, Copy, Default, serde::Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
pub struct ProgrammeQuery {
    pub programme_id: Option<i64>,
}

impl ProgrammeQuery {
    pub fn id(&self) -> Option<ProgrammeId> {
        self.programme_id.map(ProgrammeId)
    }
}

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
    Ok(web::Json(service::groups(&state.db, *id, state.settings.clock.today()).await?))
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

/// Create an organisation (BEL).
#[utoipa::path(
    tag = "reference",
    request_body = OrganisationInput,
    responses(
        (status = 201, body = Organisation),
        Input, Authed,
        (status = 409, body = Problem, content_type = "application/problem+json", description = "already_exists: an organisation of this name"),
    ),
    security(("bearer" = []))
)]
#[post("/organisations")]
pub async fn create_organisation(state: web::Data<AppState>, caller: Caller, body: web::Json<OrganisationInput>) -> AppResult<HttpResponse> {
    Ok(HttpResponse::Created().json(orgs::create(&state, &caller, body.into_inner()).await?))
}

/// Change or retire an organisation (BEL); a retired one is kept for history and takes no new requests.
#[utoipa::path(
    tag = "reference",
    params(("id" = i64, Path, description = "Organisation id")),
    request_body = OrganisationInput,
    responses(
        (status = 200, body = Organisation),
        Input, AuthedFound,
        (status = 409, body = Problem, content_type = "application/problem+json", description = "already_exists: an organisation of this name"),
    ),
    security(("bearer" = []))
)]
#[put("/organisations/{id}")]
pub async fn update_organisation(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<OrganisationId>,
    body: web::Json<OrganisationInput>,
) -> AppResult<web::Json<Organisation>> {
    Ok(web::Json(orgs::update(&state, &caller, *id, body.into_inner()).await?))
}

/// What importing a CSV of organisations (naam;soort;regio) would do, line by line; writes nothing (BEL).
#[utoipa::path(
    tag = "reference",
    request_body = ImportInput,
    responses((status = 200, body = OrganisationImport), Input, Authed),
    security(("bearer" = []))
)]
#[post("/organisations/import/preview")]
pub async fn import_preview(state: web::Data<AppState>, caller: Caller, body: web::Json<ImportInput>) -> AppResult<web::Json<OrganisationImport>> {
    Ok(web::Json(orgs::preview(&state, &caller, body.into_inner()).await?))
}

/// Import the good lines of a CSV of organisations; bad lines are skipped and named (BEL).
#[utoipa::path(
    tag = "reference",
    request_body = ImportInput,
    responses((status = 200, body = OrganisationImport), Input, Authed),
    security(("bearer" = []))
)]
#[post("/organisations/import")]
pub async fn import_run(state: web::Data<AppState>, caller: Caller, body: web::Json<ImportInput>) -> AppResult<web::Json<OrganisationImport>> {
    Ok(web::Json(orgs::import(&state, &caller, body.into_inner()).await?))
}

/// Create a programme (BEL).
#[utoipa::path(
    tag = "reference",
    request_body = ProgrammeInput,
    responses(
        (status = 201, body = Programme),
        Input, Authed,
        (status = 409, body = Problem, content_type = "application/problem+json", description = "already_exists: a programme of this name"),
    ),
    security(("bearer" = []))
)]
#[post("/programmes")]
pub async fn create_programme(state: web::Data<AppState>, caller: Caller, body: web::Json<ProgrammeInput>) -> AppResult<HttpResponse> {
    Ok(HttpResponse::Created().json(progs::create(&state, &caller, body.into_inner()).await?))
}

/// Change a programme's name, course type, period or default group size (BEL).
#[utoipa::path(
    tag = "reference",
    params(("id" = i64, Path, description = "Programme id")),
    request_body = ProgrammeInput,
    responses(
        (status = 200, body = Programme),
        Input, AuthedFound,
        (status = 409, body = Problem, content_type = "application/problem+json", description = "already_exists: a programme of this name"),
    ),
    security(("bearer" = []))
)]
#[put("/programmes/{id}")]
pub async fn update_programme(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<ProgrammeId>,
    body: web::Json<ProgrammeInput>,
) -> AppResult<web::Json<Programme>> {
    Ok(web::Json(progs::update(&state, &caller, *id, body.into_inner()).await?))
}

pub fn configure(cfg: &mut utoipa_actix_web::service_config::ServiceConfig) {
    cfg.service(regions)
        .service(create_organisation)
        .service(update_organisation)
        .service(import_preview)
        .service(import_run)
        .service(create_programme)
        .service(update_programme)
        .service(organisations)
        .service(organisation)
        .service(professionals)
        .service(add_professional)
        .service(programmes)
        .service(groups)
        .service(settings);
}

//! Thin handlers of the privacy operations: the statement (anyone), the
//! retention settings, a person's data, erasure and the register (BEL).

use super::{account, erasure, page, person, register, service};
use crate::auth::Caller;
use crate::error::AppResult;
use crate::problems::*;
use crate::state::AppState;
use actix_web::http::header;
use actix_web::{get, post, put, web, HttpResponse};
use serde::Deserialize;
use utoipa::{IntoParams, ToSchema};
use va_openapi::privacy::{Erasure, PersonData, PersonHit, Processing, Retention, RetentionSettings, UserData};
use va_openapi::{ProfessionalId, Problem};

/// How long each kind of personal data is kept, and the latest purges (BEL).
#[utoipa::path(tag = "privacy", responses((status = 200, body = Retention), Authed), security(("bearer" = [])))]
#[get("/privacy/retention")]
pub async fn get(state: web::Data<AppState>, caller: Caller) -> AppResult<web::Json<Retention>> {
    Ok(web::Json(service::get(&state, &caller).await?))
}

/// The retention periods in force, for the privacy statement anyone may read (no login).
#[utoipa::path(
    tag = "privacy",
    responses(
        (status = 200, body = RetentionSettings),
        (status = 503, body = Problem, content_type = "application/problem+json", description = "The database cannot be reached"),
    ),
    security(())
)]
#[get("/privacy")]
pub async fn statement(state: web::Data<AppState>) -> AppResult<web::Json<RetentionSettings>> {
    Ok(web::Json(service::settings(&state.db).await?))
}

/// BEL sets the retention periods; each has a floor the process needs.
#[utoipa::path(
    tag = "privacy",
    request_body = RetentionSettings,
    responses(
        (status = 200, body = Retention),
        Authed, BadRequest,
        (status = 422, body = Problem, content_type = "application/problem+json", description = "`out_of_range`: a period below its floor or above ten years"),
    ),
    security(("bearer" = []))
)]
#[put("/privacy/retention")]
pub async fn update(state: web::Data<AppState>, caller: Caller, body: web::Json<RetentionSettings>) -> AppResult<web::Json<Retention>> {
    Ok(web::Json(service::update(&state, &caller, body.into_inner()).await?))
}

#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
pub struct PeopleQuery {
    /// Part of the name or e-mail address (case does not matter).
    pub q: Option<String>,
}

/// Professionals whose name or e-mail address contains `q`, at most 50 (BEL).
#[utoipa::path(tag = "privacy", params(PeopleQuery), responses((status = 200, body = Vec<PersonHit>), Authed, Input), security(("bearer" = [])))]
#[get("/privacy/people")]
pub async fn people(state: web::Data<AppState>, caller: Caller, q: web::Query<PeopleQuery>) -> AppResult<web::Json<Vec<PersonHit>>> {
    Ok(web::Json(person::search(&state, &caller, q.q.as_deref()).await?))
}

/// Everything the planner holds about a professional (BEL); the look is recorded in the audit log.
#[utoipa::path(tag = "privacy", params(("id" = i64, Path)), responses((status = 200, body = PersonData), AuthedFound), security(("bearer" = [])))]
#[get("/privacy/people/{id}")]
pub async fn person_data(state: web::Data<AppState>, caller: Caller, id: web::Path<i64>) -> AppResult<web::Json<PersonData>> {
    Ok(web::Json(person::data(&state, &caller, ProfessionalId(*id), "professional.viewed", None).await?))
}

#[derive(Debug, Clone, Copy, Deserialize, ToSchema, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum PersonFormat {
    Json,
    Html,
}

impl PersonFormat {
    fn name(self) -> &'static str {
        match self {
            PersonFormat::Json => "json",
            PersonFormat::Html => "html",
        }
    }

    fn content_type(self) -> &'static str {
        match self {
            PersonFormat::Json => "application/json",
            PersonFormat::Html => "text/html; charset=utf-8",
        }
    }
}

#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
pub struct PersonExportQuery {
    /// `json` (default, machine-readable, AVG art. 20) or `html` (readable; prints as a PDF).
    #[param(inline)]
    pub format: Option<PersonFormat>,
}

/// A readable HTML page.
#[derive(ToSchema)]
#[schema(value_type = String)]
pub struct HtmlPage(pub String);

/// A professional's data as a file to hand over (BEL); the download is recorded in the audit log.
#[utoipa::path(
    tag = "privacy",
    params(("id" = i64, Path), PersonExportQuery),
    responses(
        (status = 200, description = "The file, as `Content-Disposition: attachment`", content(
            (PersonData = "application/json"),
            (HtmlPage = "text/html"),
        )),
        AuthedFound, BadRequest,
    ),
    security(("bearer" = []))
)]
#[get("/privacy/people/{id}/export")]
pub async fn person_export(state: web::Data<AppState>, caller: Caller, id: web::Path<i64>, q: web::Query<PersonExportQuery>) -> AppResult<HttpResponse> {
    let format = q.format.unwrap_or(PersonFormat::Json);
    let data = person::data(&state, &caller, ProfessionalId(*id), "privacy.exported", Some(format.name().into())).await?;
    person_file(&data, format, page::html, &id.to_string(), &state)
}

/// A user's data as a file to hand over (BEL): the account, what they did, what was done to it, mails to them; the download is recorded in the audit log.
#[utoipa::path(
    tag = "privacy",
    params(("id" = i64, Path), PersonExportQuery),
    responses(
        (status = 200, description = "The file, as `Content-Disposition: attachment`", content(
            (UserData = "application/json"),
            (HtmlPage = "text/html"),
        )),
        AuthedFound, BadRequest,
    ),
    security(("bearer" = []))
)]
#[get("/privacy/users/{id}/export")]
pub async fn user_export(state: web::Data<AppState>, caller: Caller, id: web::Path<i64>, q: web::Query<PersonExportQuery>) -> AppResult<HttpResponse> {
    let format = q.format.unwrap_or(PersonFormat::Json);
    let data = account::data(&state, &caller, va_openapi::UserId(*id), format.name()).await?;
    person_file(&data, format, page::user_html, &format!("gebruiker-{id}"), &state)
}

/// A person's data as a download (JSON, or the readable page `html` makes).
fn person_file<T: serde::Serialize>(data: &T, format: PersonFormat, html: fn(&T) -> String, stem: &str, state: &AppState) -> AppResult<HttpResponse> {
    let body = match format {
        PersonFormat::Json => serde_json::to_vec_pretty(data).map_err(|e| crate::error::AppError::Internal(e.into()))?,
        PersonFormat::Html => html(data).into_bytes(),
    };
    let name = format!("persoonsgegevens-{stem}-{}.{}", state.settings.clock.today().format("%d-%m-%Y"), format.name());
    Ok(attachment(body, format.content_type(), &name))
}

/// A file to download that no cache keeps.
fn attachment(body: Vec<u8>, content_type: &str, name: &str) -> HttpResponse {
    HttpResponse::Ok()
        .insert_header((header::CONTENT_TYPE, content_type))
        .insert_header((header::CONTENT_DISPOSITION, format!("attachment; filename=\"{name}\"")))
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .body(body)
}

/// BEL erases a professional: name and address become a pseudonym, mails to them and free texts about them go; the figures stay.
#[utoipa::path(
    tag = "privacy",
    params(("id" = i64, Path)),
    responses(
        (status = 200, body = Erasure),
        AuthedFound,
        (status = 409, body = Problem, content_type = "application/problem+json", description = "`person_active`: an open offer, a seat in a group that has not finished, or an enrolment in progress; `invalid_transition`: already erased"),
    ),
    security(("bearer" = []))
)]
#[post("/privacy/people/{id}/erase")]
pub async fn erase(state: web::Data<AppState>, caller: Caller, id: web::Path<i64>) -> AppResult<web::Json<Erasure>> {
    Ok(web::Json(erasure::erase(&state, &caller, ProfessionalId(*id)).await?))
}

/// The register of processing (verwerkingsregister), with the retention periods in force (BEL).
#[utoipa::path(tag = "privacy", responses((status = 200, body = Vec<Processing>), Authed), security(("bearer" = [])))]
#[get("/privacy/register")]
pub async fn processing_register(state: web::Data<AppState>, caller: Caller) -> AppResult<web::Json<Vec<Processing>>> {
    person::require(&caller)?;
    Ok(web::Json(register::register(&service::settings(&state.db).await?)))
}

#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
pub struct RegisterQuery {
    /// `xlsx` (default) or `csv`.
    #[param(inline)]
    pub format: Option<crate::exports::routes::ExportFormat>,
}

/// The register of processing as a spreadsheet for the privacy officer (BEL).
#[utoipa::path(
    tag = "privacy",
    params(RegisterQuery),
    responses(
        (status = 200, description = "The file, as `Content-Disposition: attachment`", content(
            (crate::exports::routes::Spreadsheet = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
            (crate::exports::routes::CsvText = "text/csv"),
        )),
        Authed, BadRequest,
    ),
    security(("bearer" = []))
)]
#[get("/privacy/register/export")]
pub async fn register_export(state: web::Data<AppState>, caller: Caller, q: web::Query<RegisterQuery>) -> AppResult<HttpResponse> {
    person::require(&caller)?;
    let sheets = register::sheet(&register::register(&service::settings(&state.db).await?));
    let stem = format!("verwerkingsregister-{}", state.settings.clock.today().format("%d-%m-%Y"));
    let (body, content_type, name) = crate::exports::routes::sheet_file(&sheets, q.format.unwrap_or(crate::exports::routes::ExportFormat::Xlsx), &stem)?;
    crate::audit::record_read(&state.db, caller.user_id, "privacy.register_exported", "register", None).await?;
    Ok(attachment(body, content_type, &name))
}

pub fn configure(cfg: &mut utoipa_actix_web::service_config::ServiceConfig) {
    cfg.service(statement)
        .service(get)
        .service(update)
        .service(people)
        .service(person_data)
        .service(person_export)
        .service(user_export)
        .service(erase)
        .service(processing_register)
        .service(register_export);
}

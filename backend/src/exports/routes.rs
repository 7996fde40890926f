//! The export handler: one operation for every list, as XLSX or CSV.

use super::{reports, sheet};
use crate::auth::Caller;
use crate::problems::*;
use crate::error::{AppError, AppResult};
use crate::monitoring::dashboard;
use crate::state::AppState;
use actix_web::{get, web, HttpResponse};
use serde::Deserialize;
use utoipa::{IntoParams, ToSchema};
use va_openapi::{Problem, RegionId};

#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
pub struct ExportQuery {
    /// `xlsx` (default) or `csv`.
    #[param(inline)]
    pub format: Option<ExportFormat>,
    /// Only this region's rows.
    pub region: Option<i64>,
    /// The programme (default: the first VA training).
    pub programme_id: Option<i64>,
}

/// A list as a spreadsheet with Dutch headers and dd-mm-jjjj dates, in the caller's scope:
/// `monitoring` (the report), `trained`, `survey` (latest round), `waitlist`, `requests`
/// (every enrolment), `groups`, `followup`, `scenarios` (planner, BEL).
#[utoipa::path(
    tag = "monitoring",
    params(("list" = String, Path, description = "monitoring, trained, survey, waitlist, requests, groups, followup or scenarios"), ExportQuery),
    responses(
        (status = 200, description = "The file, as `Content-Disposition: attachment`", content(
            (Spreadsheet = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
            (CsvText = "text/csv"),
        )),
        Authed, BadRequest,
        (status = 404, body = Problem, content_type = "application/problem+json", description = "Unknown list, or no survey round yet"),
    ),
    security(("bearer" = []))
)]
#[get("/exports/{list}")]
pub async fn export_list(state: web::Data<AppState>, caller: Caller, list: web::Path<String>, q: web::Query<ExportQuery>) -> AppResult<HttpResponse> {
    let format = q.format.unwrap_or(ExportFormat::Xlsx);
    // Kept per caller (a trainer's scope names no groups), until anything changes.
    let view = ("export", list.as_str(), q.region, q.programme_id, format, caller.user_id, caller.scope);
    let file = state.kept_file(view, make(&state, &caller, &list, q.region.map(RegionId), q.programme_id.map(va_openapi::ProgrammeId), format)).await?;
    // Lists name people: who downloaded which is recorded (after it was made: an unknown list is no download).
    let detail = format!("{} {}", format_name(format), q.region.map(|r| format!("region {r}")).unwrap_or_default());
    crate::audit::record_read(&state.db, caller.user_id, "export.downloaded", &format!("export:{list}"), Some(detail.trim().to_string())).await?;
    Ok(file)
}

fn format_name(f: ExportFormat) -> &'static str {
    match f {
        ExportFormat::Xlsx => "xlsx",
        ExportFormat::Csv => "csv",
    }
}

/// The export's file: bytes, content type and name.
async fn make(
    state: &AppState,
    caller: &Caller,
    list: &str,
    region: Option<RegionId>,
    asked: Option<va_openapi::ProgrammeId>,
    format: ExportFormat,
) -> AppResult<(Vec<u8>, &'static str, String)> {
    let programme = crate::reference::lookup::programme_in_view(&state.db, asked).await?.map(|p| p.id);
    let pid = programme.unwrap_or(-1);
    let sheets = match list {
        "monitoring" => reports::monitoring(&dashboard::dashboard(state, caller, asked).await?, region),
        "trained" => reports::trained(state, caller, region, pid).await?,
        "survey" => reports::survey(state, caller, region, asked).await?,
        "waitlist" => reports::waitlist(state, caller, region, programme.ok_or(AppError::NotFound)?).await?,
        "requests" => reports::requests(state, caller, region, pid).await?,
        "groups" => reports::groups(state, caller, region, pid).await?,
        "followup" => reports::followup(state, caller, region).await?,
        "scenarios" => reports::scenarios(state, caller, asked).await?,
        _ => return Err(AppError::NotFound),
    };
    sheet_file(&sheets, format, &format!("{}-{}", list, state.settings.clock.today().format("%d-%m-%Y")))
}

/// Worksheets as a file of `format`: bytes, content type and name (`stem` plus its extension).
pub fn sheet_file(sheets: &[sheet::Sheet], format: ExportFormat, stem: &str) -> AppResult<(Vec<u8>, &'static str, String)> {
    Ok(match format {
        ExportFormat::Xlsx => (sheet::to_xlsx(sheets)?, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", format!("{stem}.xlsx")),
        ExportFormat::Csv => (sheet::to_csv(sheets)?, "text/csv; charset=utf-8", format!("{stem}.csv")),
    })
}

/// An XLSX workbook's bytes.
#[derive(ToSchema)]
#[schema(value_type = String, format = Binary)]
pub struct Spreadsheet(pub Vec<u8>);

/// UTF-8 with a byte-order mark, `;`-separated, Dutch headers.
#[derive(ToSchema)]
#[schema(value_type = String)]
pub struct CsvText(pub String);

#[derive(Debug, Clone, Copy, Deserialize, ToSchema, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum ExportFormat {
    Csv,
    Xlsx,
}

pub fn configure(cfg: &mut utoipa_actix_web::service_config::ServiceConfig) {
    cfg.service(export_list);
}

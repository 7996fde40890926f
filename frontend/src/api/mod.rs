//! Typed calls to `/api/v1` over the contract types, one file per domain.
//! The transport is here: the session's token, problem documents, downloads.

mod admin;
mod reference;
mod enrolment;
mod readiness;
mod waitlist;
mod delivery;
mod monitoring;
mod mail;
mod privacy;
mod feeds;
mod learning;
mod meetings;
mod budget;

pub use admin::*;
pub use reference::*;
pub use enrolment::*;
pub use readiness::*;
pub use waitlist::*;
pub use delivery::*;
pub use monitoring::*;
pub use mail::*;
pub use privacy::*;
pub use feeds::*;
pub use learning::*;
pub use meetings::*;
pub use budget::*;


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

/// Sends a request with a JSON body; the response whatever its status. The
/// session travels in the HttpOnly cookie the browser adds by itself (no script
/// sees the token); `X-Requested-With` marks the call as the SPA's own, which
/// the server asks of every write made with the cookie.
async fn send<B: Serialize>(method: &str, path: &str, body: Option<&B>) -> Result<web_sys::Response, ApiError> {
    let init = web_sys::RequestInit::new();
    init.set_method(method);
    let headers = web_sys::Headers::new().map_err(|_| ApiError::Network)?;
    let _ = headers.set("Accept", "application/json");
    let _ = headers.set("X-Requested-With", "va-planner");
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
    Err(problem_of(status, &text))
}

/// The problem an error answer carries; a 401 ends the session.
fn problem_of(status: u16, text: &str) -> ApiError {
    let problem = serde_json::from_str::<Problem>(text).unwrap_or(Problem {
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
    ApiError::Problem(problem)
}

/// One page of a long list and the length of the whole list (`X-Total-Count`).
#[derive(Debug, Clone, PartialEq)]
pub struct Paged<T> {
    pub rows: Vec<T>,
    pub total: usize,
}

/// Rows per page of a long list.
pub const PAGE: usize = 50;

async fn get_page<T: DeserializeOwned>(path: &str, offset: usize) -> Result<Paged<T>, ApiError> {
    let sep = if path.contains('?') { '&' } else { '?' };
    let resp = send::<()>("GET", &format!("{path}{sep}offset={offset}&limit={PAGE}"), None).await?;
    let total = resp.headers().get("X-Total-Count").ok().flatten().and_then(|t| t.parse().ok());
    let text = match resp.text() {
        Ok(p) => JsFuture::from(p).await.ok().and_then(|v| v.as_string()).unwrap_or_default(),
        Err(_) => String::new(),
    };
    if !resp.ok() {
        return Err(problem_of(resp.status(), &text));
    }
    let rows: Vec<T> = serde_json::from_str(&text).map_err(|_| ApiError::Network)?;
    Ok(Paged { total: total.unwrap_or(offset + rows.len()), rows })
}

async fn get<T: DeserializeOwned>(path: &str) -> Result<T, ApiError> {
    request::<(), T>("GET", path, None).await?.ok_or(ApiError::Network)
}

async fn post<B: Serialize, T: DeserializeOwned>(path: &str, body: &B) -> Result<T, ApiError> {
    request::<B, T>("POST", path, Some(body)).await?.ok_or(ApiError::Network)
}

async fn put<B: Serialize, T: DeserializeOwned>(path: &str, body: &B) -> Result<T, ApiError> {
    request::<B, T>("PUT", path, Some(body)).await?.ok_or(ApiError::Network)
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

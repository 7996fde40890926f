//! The `Caller` extractor: every handler that takes one has a verified identity
//! with role and scope; anything else is answered with 401 before the handler runs.

use super::rules::{scope_of, Scope};
use crate::error::AppError;
use crate::state::AppState;
use actix_web::{dev::Payload, http::header, web, FromRequest, HttpRequest};
use futures_util::future::LocalBoxFuture;
use va_openapi::auth::Role;
use va_openapi::{OrganisationId, RegionId, UserId};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Caller {
    pub user_id: UserId,
    pub role: Role,
    pub scope: Scope,
}

impl Caller {
    /// 403 unless the caller has one of `roles`.
    pub fn require(&self, roles: &[Role]) -> Result<(), AppError> {
        if roles.contains(&self.role) {
            Ok(())
        } else {
            Err(AppError::Forbidden)
        }
    }

    pub fn region(&self) -> Option<RegionId> {
        match self.scope {
            Scope::Region(r) => Some(r),
            _ => None,
        }
    }

    pub fn organisation(&self) -> Option<OrganisationId> {
        match self.scope {
            Scope::Organisation(o) => Some(o),
            _ => None,
        }
    }
}

/// The cookie the SPA's session travels in: `HttpOnly`, so no script (nor an
/// injected one) can read the token.
pub const SESSION_COOKIE: &str = "va_session";

/// The header the SPA sends with every call. Another site cannot add it to a
/// request without a CORS preflight the API never grants, so a session cookie
/// sent along with such a request (should `SameSite` fail) changes nothing.
pub const CSRF_HEADER: &str = "x-requested-with";

/// The value of one cookie in a `Cookie` header.
pub fn cookie<'a>(header: &'a str, name: &str) -> Option<&'a str> {
    header.split(';').filter_map(|kv| kv.trim().split_once('=')).find(|(k, _)| *k == name).map(|(_, v)| v.trim())
}

/// The bearer token (API clients), else the session cookie (the SPA); a write
/// with the cookie only counts with the SPA's header.
fn token_of(req: &HttpRequest) -> Result<&str, AppError> {
    if let Some(h) = req.headers().get(header::AUTHORIZATION) {
        let value = h.to_str().map_err(|_| AppError::Unauthenticated)?;
        return value.strip_prefix("Bearer ").or_else(|| value.strip_prefix("bearer ")).map(str::trim).ok_or(AppError::Unauthenticated);
    }
    let cookies = req.headers().get_all(header::COOKIE).filter_map(|v| v.to_str().ok());
    let token = cookies.filter_map(|c| cookie(c, SESSION_COOKIE)).find(|t| !t.is_empty()).ok_or(AppError::Unauthenticated)?;
    if !req.method().is_safe() && !req.headers().contains_key(CSRF_HEADER) {
        return Err(AppError::Forbidden);
    }
    Ok(token)
}

/// The signature, expiry and claims; the account's state is checked apart (`accepted`).
fn extract(req: &HttpRequest) -> Result<(web::Data<AppState>, Caller, i32), AppError> {
    let state = req
        .app_data::<web::Data<AppState>>()
        .cloned()
        .ok_or_else(|| AppError::Internal(anyhow::anyhow!("AppState missing")))?;
    let token = token_of(req)?;
    let claims = state.keys.verify(token).ok_or(AppError::Unauthenticated)?;
    let user_id: i64 = claims.sub.parse().map_err(|_| AppError::Unauthenticated)?;
    let scope = scope_of(claims.role, claims.region.map(RegionId), claims.org.map(OrganisationId))
        .ok_or(AppError::Unauthenticated)?;
    Ok((state, Caller { user_id: UserId(user_id), role: claims.role, scope }, claims.ver))
}

impl FromRequest for Caller {
    type Error = AppError;
    type Future = LocalBoxFuture<'static, Result<Caller, AppError>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let result = extract(req);
        Box::pin(async move {
            let (state, caller, version) = result?;
            // A deactivated account, or a token from before a password or role change: 401 at once.
            if state.sessions.accepted(&state.db, caller.user_id.0).await? != Some(version) {
                return Err(AppError::Unauthenticated);
            }
            tracing::Span::current().record("user_id", caller.user_id.0);
            Ok(caller)
        })
    }
}

//! Thin handlers for `/api/v1/auth` and `/api/v1/users`.

use super::{accounts, service, Caller};
use crate::entities::user;
use crate::problems::*;
use crate::error::{AppError, AppResult};
use crate::state::AppState;
use actix_web::{get, post, put, web, HttpRequest, HttpResponse};
use sea_orm::EntityTrait;
use va_openapi::admin::{Account, AccountChange};
use va_openapi::UserId;
use va_openapi::auth::{
    InviteUserRequest, LoginRequest, LoginResponse, Me, PasswordResetRequest, Role, SetPasswordRequest, UserSummary,
};
use va_openapi::Problem;

/// Log in with email and password; returns a bearer token for API clients and
/// sets it as an `HttpOnly` session cookie for the SPA (writes with the cookie
/// need the header `X-Requested-With`).
#[utoipa::path(
    tag = "auth",
    request_body = LoginRequest,
    responses(
        (status = 200, body = LoginResponse, headers(("Set-Cookie" = String, description = "va_session: HttpOnly; SameSite=Strict; Path=/api"))),
        (status = 400, body = Problem, content_type = "application/problem+json", description = "Malformed JSON or unknown field"),
        (status = 401, body = Problem, content_type = "application/problem+json", description = "invalid_credentials"),
        (status = 429, body = Problem, content_type = "application/problem+json", description = "rate_limited, with Retry-After"),
    ),
    security(())
)]
#[post("/auth/login")]
pub async fn login(state: web::Data<AppState>, req: HttpRequest, body: web::Json<LoginRequest>) -> AppResult<HttpResponse> {
    // The peer, or the client behind a trusted proxy: a client cannot pick its own throttle key.
    let address = crate::client::of_request(&req, &state.settings.trusted_proxies);
    let res = service::login(&state, &body.email, &body.password, &address).await?;
    let cookie = session_cookie(&state, &res.token, state.settings.token_ttl.as_secs());
    Ok(HttpResponse::Ok().insert_header((actix_web::http::header::SET_COOKIE, cookie)).json(res))
}

/// The session cookie: `Secure` whenever the planner is reached over https.
fn session_cookie(state: &AppState, value: &str, max_age: u64) -> String {
    let secure = if state.settings.public_url.starts_with("https://") { "; Secure" } else { "" };
    format!("{}={value}; Path=/api; HttpOnly; SameSite=Strict; Max-Age={max_age}{secure}", super::caller::SESSION_COOKIE)
}

/// Ends the browser's session: the session cookie is cleared.
#[utoipa::path(
    tag = "auth",
    responses(
        (status = 204, description = "The cookie is cleared", headers(("Set-Cookie" = String, description = "va_session emptied, Max-Age=0"))),
    ),
    security(())
)]
#[post("/auth/logout")]
pub async fn logout(state: web::Data<AppState>) -> HttpResponse {
    HttpResponse::NoContent().insert_header((actix_web::http::header::SET_COOKIE, session_cookie(&state, "", 0))).finish()
}

/// The caller's own account, role and scope.
#[utoipa::path(
    tag = "auth",
    responses(
        (status = 200, body = Me),
        Unauthorized,
    ),
    security(("bearer" = []))
)]
#[get("/auth/me")]
pub async fn me(state: web::Data<AppState>, caller: Caller) -> AppResult<web::Json<Me>> {
    let u = user::Entity::find_by_id(caller.user_id.0).one(&state.db).await?.ok_or(AppError::Unauthenticated)?;
    if !u.active {
        return Err(AppError::Unauthenticated);
    }
    Ok(web::Json(service::me(&state.db, &u).await?))
}

/// Ask for a password-reset link by email. Always 202, whether or not the account exists.
#[utoipa::path(
    tag = "auth",
    request_body = PasswordResetRequest,
    responses(
        (status = 202, description = "If the account exists, a link is on its way"),
        BadRequest,
    ),
    security(())
)]
#[post("/auth/password-reset")]
pub async fn password_reset(state: web::Data<AppState>, body: web::Json<PasswordResetRequest>) -> AppResult<HttpResponse> {
    service::request_reset(&state, &body.email).await?;
    Ok(HttpResponse::Accepted().finish())
}

/// Set a password with a one-time invitation or reset token.
#[utoipa::path(
    tag = "auth",
    request_body = SetPasswordRequest,
    responses(
        (status = 204, description = "Password set; the account is active"),
        (status = 400, body = Problem, content_type = "application/problem+json", description = "token_invalid or malformed body"),
        (status = 422, body = Problem, content_type = "application/problem+json", description = "Password too short or too long"),
    ),
    security(())
)]
#[post("/auth/set-password")]
pub async fn set_password(state: web::Data<AppState>, body: web::Json<SetPasswordRequest>) -> AppResult<HttpResponse> {
    service::set_password(&state, &body.token, &body.password).await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Invite a user (BEL only): the account is created inactive and an email with a one-time link is queued.
#[utoipa::path(
    tag = "users",
    request_body = InviteUserRequest,
    responses(
        (status = 201, body = UserSummary),
        Input, Authed,
        (status = 409, body = Problem, content_type = "application/problem+json", description = "Email already in use"),
    ),
    security(("bearer" = []))
)]
#[post("/users")]
pub async fn invite(state: web::Data<AppState>, caller: Caller, body: web::Json<InviteUserRequest>) -> AppResult<HttpResponse> {
    caller.require(&[Role::BelCoordinator])?;
    let u = service::invite(&state, caller.user_id, body.into_inner()).await?;
    Ok(HttpResponse::Created().json(u))
}

/// All user accounts with their state and last login (BEL only).
#[utoipa::path(
    tag = "users",
    responses(
        (status = 200, body = Vec<Account>),
        Authed,
    ),
    security(("bearer" = []))
)]
#[get("/users")]
pub async fn list_users(state: web::Data<AppState>, caller: Caller) -> AppResult<web::Json<Vec<Account>>> {
    Ok(web::Json(accounts::list(&state, &caller).await?))
}

/// Change an account's name, role or scope (BEL); its current sessions end.
#[utoipa::path(
    tag = "users",
    params(("id" = i64, Path, description = "User id")),
    request_body = AccountChange,
    responses(
        (status = 200, body = Account),
        Input, AuthedFound,
        (status = 409, body = Problem, content_type = "application/problem+json", description = "last_coordinator"),
    ),
    security(("bearer" = []))
)]
#[put("/users/{id}")]
pub async fn update_user(state: web::Data<AppState>, caller: Caller, id: web::Path<UserId>, body: web::Json<AccountChange>) -> AppResult<web::Json<Account>> {
    Ok(web::Json(accounts::update(&state, &caller, *id, body.into_inner()).await?))
}

/// Deactivate an account (BEL): its tokens and links stop working at once.
#[utoipa::path(
    tag = "users",
    params(("id" = i64, Path, description = "User id")),
    responses(
        (status = 200, body = Account),
        AuthedFound,
        (status = 409, body = Problem, content_type = "application/problem+json", description = "last_coordinator, or deactivated already (conflict)"),
    ),
    security(("bearer" = []))
)]
#[post("/users/{id}/deactivate")]
pub async fn deactivate_user(state: web::Data<AppState>, caller: Caller, id: web::Path<UserId>) -> AppResult<web::Json<Account>> {
    Ok(web::Json(accounts::deactivate(&state, &caller, *id).await?))
}

/// Reactivate a deactivated account (BEL).
#[utoipa::path(
    tag = "users",
    params(("id" = i64, Path, description = "User id")),
    responses(
        (status = 200, body = Account),
        AuthedFound,
        (status = 409, body = Problem, content_type = "application/problem+json", description = "The account is active (conflict)"),
    ),
    security(("bearer" = []))
)]
#[post("/users/{id}/reactivate")]
pub async fn reactivate_user(state: web::Data<AppState>, caller: Caller, id: web::Path<UserId>) -> AppResult<web::Json<Account>> {
    Ok(web::Json(accounts::reactivate(&state, &caller, *id).await?))
}

/// Send a new invitation to an account that never set its password (BEL); the old link stops working.
#[utoipa::path(
    tag = "users",
    params(("id" = i64, Path, description = "User id")),
    responses(
        (status = 200, body = Account),
        AuthedFound,
        (status = 409, body = Problem, content_type = "application/problem+json", description = "The account has a password or is deactivated (conflict)"),
    ),
    security(("bearer" = []))
)]
#[post("/users/{id}/invite")]
pub async fn reinvite_user(state: web::Data<AppState>, caller: Caller, id: web::Path<UserId>) -> AppResult<web::Json<Account>> {
    Ok(web::Json(accounts::reinvite(&state, &caller, *id).await?))
}

pub fn configure(cfg: &mut utoipa_actix_web::service_config::ServiceConfig) {
    cfg.service(login)
        .service(logout)
        .service(me)
        .service(password_reset)
        .service(set_password)
        .service(invite)
        .service(list_users)
        .service(update_user)
        .service(deactivate_user)
        .service(reactivate_user)
        .service(reinvite_user);
}

//! Thin handlers for `/api/v1/auth` and `/api/v1/users`.

use super::{service, Caller};
use crate::entities::user;
use crate::problems::*;
use crate::error::{AppError, AppResult};
use crate::state::AppState;
use actix_web::{get, post, web, HttpRequest, HttpResponse};
use sea_orm::{EntityTrait, QueryOrder};
use va_openapi::auth::{
    InviteUserRequest, LoginRequest, LoginResponse, Me, PasswordResetRequest, Role, SetPasswordRequest, UserSummary,
};
use va_openapi::Problem;

/// Log in with email and password; returns a bearer token.
#[utoipa::path(
    tag = "auth",
    request_body = LoginRequest,
    responses(
        (status = 200, body = LoginResponse),
        (status = 400, body = Problem, content_type = "application/problem+json", description = "Malformed JSON or unknown field"),
        (status = 401, body = Problem, content_type = "application/problem+json", description = "invalid_credentials"),
        (status = 429, body = Problem, content_type = "application/problem+json", description = "rate_limited, with Retry-After"),
    ),
    security(())
)]
#[post("/auth/login")]
pub async fn login(state: web::Data<AppState>, req: HttpRequest, body: web::Json<LoginRequest>) -> AppResult<web::Json<LoginResponse>> {
    // The peer address, not a forwarded header: a client cannot pick its own throttle key.
    let address = req.peer_addr().map(|a| a.ip().to_string()).unwrap_or_else(|| "unknown".into());
    Ok(web::Json(service::login(&state, &body.email, &body.password, &address).await?))
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

/// All user accounts (BEL only).
#[utoipa::path(
    tag = "users",
    responses(
        (status = 200, body = Vec<UserSummary>),
        Authed,
    ),
    security(("bearer" = []))
)]
#[get("/users")]
pub async fn list_users(state: web::Data<AppState>, caller: Caller) -> AppResult<web::Json<Vec<UserSummary>>> {
    caller.require(&[Role::BelCoordinator])?;
    let rows = user::Entity::find().order_by_asc(user::Column::Email).all(&state.db).await?;
    Ok(web::Json(rows.iter().map(service::to_summary).collect()))
}

pub fn configure(cfg: &mut utoipa_actix_web::service_config::ServiceConfig) {
    cfg.service(login).service(me).service(password_reset).service(set_password).service(invite).service(list_users);
}

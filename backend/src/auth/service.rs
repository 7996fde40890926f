//! Login, invitations, password resets.

use super::links::token_hash;
use super::{password, rules};
use crate::email::{self, templates};
use crate::entities::{login_attempt, one_time_token, organisation, region, user};
use crate::error::{validate::Errors, AppError, AppResult};
use crate::state::AppState;
use base64::Engine;
use chrono::{DateTime, Utc};
use rand::RngCore;
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, Set, TransactionTrait,
};
use va_openapi::auth::{InviteUserRequest, LoginResponse, Me, NamedRef, Role, UserSummary};
use va_openapi::{OrganisationId, RegionId, UserId, MAX_NAME_LEN};

pub fn to_summary(u: &user::Model) -> UserSummary {
    UserSummary {
        id: UserId(u.id),
        email: u.email.clone(),
        name: u.name.clone(),
        role: Role::parse(&u.role).unwrap_or(Role::Trainer),
        region_id: u.region_id.map(RegionId),
        organisation_id: u.organisation_id.map(OrganisationId),
        active: u.active,
        created_at: u.created_at,
    }
}

pub async fn me<C: ConnectionTrait>(db: &C, u: &user::Model) -> AppResult<Me> {
    let role = Role::parse(&u.role).ok_or_else(|| AppError::Internal(anyhow::anyhow!("unknown role {}", u.role)))?;
    let region = match u.region_id {
        Some(id) => region::Entity::find_by_id(id).one(db).await?.map(|r| NamedRef { id: RegionId(r.id), name: r.name }),
        None => None,
    };
    let organisation = match u.organisation_id {
        Some(id) => organisation::Entity::find_by_id(id)
            .one(db)
            .await?
            .map(|o| NamedRef { id: OrganisationId(o.id), name: o.name }),
        None => None,
    };
    Ok(Me { id: UserId(u.id), email: u.email.clone(), name: u.name.clone(), role, region, organisation })
}

async fn failures<C: ConnectionTrait>(db: &C, key: &str, since: DateTime<Utc>) -> AppResult<u64> {
    Ok(login_attempt::Entity::find()
        .filter(login_attempt::Column::Key.eq(key))
        .filter(login_attempt::Column::At.gte(since))
        .count(db)
        .await?)
}

async fn record_failure<C: ConnectionTrait>(db: &C, key: String, now: DateTime<Utc>) -> AppResult<()> {
    login_attempt::ActiveModel { key: Set(key), at: Set(now), ..Default::default() }.insert(db).await?;
    Ok(())
}

/// Verifies email and password; throttled per account and per client address.
pub async fn login(state: &AppState, email: &str, password: &str, address: &str) -> AppResult<LoginResponse> {
    let email = email.trim().to_lowercase();
    if email.is_empty() || password.is_empty() || email.len() > va_openapi::MAX_EMAIL_LEN || password.len() > 1024 {
        return Err(AppError::InvalidCredentials);
    }
    let now = Utc::now();
    let since = now - chrono::Duration::from_std(state.settings.login_window).unwrap_or_default();
    // The pair as a digest: a 254-byte address and a long IPv6 address together would not fit the key column.
    let pair_key = format!("pair:{}", token_hash(&format!("{email}|{address}")));
    let (acct_key, addr_key) = (format!("acct:{email}"), format!("ip:{address}"));
    let seen = rules::Failures {
        pair: failures(&state.db, &pair_key, since).await?,
        account: failures(&state.db, &acct_key, since).await?,
        address: failures(&state.db, &addr_key, since).await?,
    };
    let s = &state.settings;
    let max = rules::Failures { pair: s.max_failures_per_pair, account: s.max_failures_per_account, address: s.max_failures_per_address };
    if !rules::login_allowed(seen, max) {
        tracing::warn!(%address, "login throttled");
        return Err(AppError::RateLimited { retry_after_secs: state.settings.login_window.as_secs() });
    }
    let found = user::Entity::find().filter(user::Column::Email.eq(email.clone())).one(&state.db).await?;
    let hash = found
        .as_ref()
        .filter(|u| u.active && u.deactivated_at.is_none())
        .and_then(|u| u.password_hash.clone())
        .unwrap_or_else(|| password::dummy_hash().to_string());
    let ok = password::verify_blocking(password.to_string(), hash).await;
    let u = match found {
        Some(u) if ok && u.active && u.deactivated_at.is_none() => u,
        _ => {
            for key in [pair_key, acct_key, addr_key] {
                record_failure(&state.db, key, now).await?;
            }
            return Err(AppError::InvalidCredentials);
        }
    };
    // The owner's success clears their own lock; failures others left on the account stay counted.
    login_attempt::Entity::delete_many().filter(login_attempt::Column::Key.eq(pair_key)).exec(&state.db).await?;
    user::Entity::update_many()
        .col_expr(user::Column::LastLoginAt, Expr::value(Some(now)))
        .filter(user::Column::Id.eq(u.id))
        .exec(&state.db)
        .await?;
    let me = me(&state.db, &u).await?;
    let (token, expires_at) = state.keys.issue(
        me.id,
        me.role,
        me.region.as_ref().map(|r| r.id),
        me.organisation.as_ref().map(|o| o.id),
        u.token_version,
        now,
        state.settings.token_ttl,
    )?;
    Ok(LoginResponse { token, expires_at, user: me })
}

fn new_token() -> (String, String) {
    let mut bytes = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    let token = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes);
    let hash = token_hash(&token);
    (token, hash)
}

pub(super) async fn store_token<C: ConnectionTrait>(
    db: &C,
    user_id: i64,
    purpose: &str,
    ttl: std::time::Duration,
) -> AppResult<(String, DateTime<Utc>)> {
    let (token, hash) = new_token();
    let now = Utc::now();
    let expires = now + chrono::Duration::from_std(ttl).map_err(|e| AppError::Internal(e.into()))?;
    one_time_token::ActiveModel {
        user_id: Set(user_id),
        purpose: Set(purpose.to_string()),
        token_hash: Set(hash),
        expires_at: Set(expires),
        used_at: Set(None),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok((token, expires))
}

pub(super) fn link(state: &AppState, token: &str) -> String {
    format!("{}/wachtwoord-instellen?token={}", state.settings.public_url.trim_end_matches('/'), token)
}

/// Adds `unknown` for a region or organisation that does not exist.
pub(super) async fn scope_exists<C: ConnectionTrait>(db: &C, errs: &mut Errors, region_id: Option<RegionId>, org: Option<OrganisationId>) -> AppResult<()> {
    if let Some(r) = region_id {
        if region::Entity::find_by_id(r.0).one(db).await?.is_none() {
            errs.add("region_id", "unknown", "no such region");
        }
    }
    if let Some(o) = org {
        if organisation::Entity::find_by_id(o.0).one(db).await?.is_none() {
            errs.add("organisation_id", "unknown", "no such organisation");
        }
    }
    Ok(())
}

/// BEL invites a user: the account, its one-time link and the email are one transaction.
pub async fn invite(state: &AppState, actor: UserId, req: InviteUserRequest) -> AppResult<UserSummary> {
    let mut errs = Errors::default();
    let email = errs.email("email", &req.email);
    let name = errs.text("name", &req.name, MAX_NAME_LEN);
    for (field, code) in rules::invite_scope_problems(req.role, req.region_id, req.organisation_id) {
        errs.add(field, code, format!("{field} is {code} for role {}", req.role.as_str()));
    }
    let ttl = state.settings.invite_ttl;
    let public = state.clone();
    let created = crate::db::write_txn(state, move |txn| {
            Box::pin(async move {
                scope_exists(txn, &mut errs, req.region_id, req.organisation_id).await?;
                errs.finish()?;
                if user::Entity::find().filter(user::Column::Email.eq(email.clone())).one(txn).await?.is_some() {
                    return Err(AppError::AlreadyExists { field: "email" });
                }
                let u = user::ActiveModel {
                    email: Set(email.clone()),
                    name: Set(name.clone()),
                    role: Set(req.role.as_str().to_string()),
                    region_id: Set(req.region_id.map(|r| r.0)),
                    organisation_id: Set(req.organisation_id.map(|o| o.0)),
                    password_hash: Set(None),
                    active: Set(false),
                    created_at: Set(Utc::now()),
                    ..Default::default()
                }
                .insert(txn)
                .await?;
                let (token, expires) = store_token(txn, u.id, "invite", ttl).await?;
                email::enqueue(
                    txn,
                    templates::invitation(&email, &name, templates::role_nl(req.role), &link(&public, &token), expires),
                )
                .await?;
                crate::audit::record(txn, Some(actor), "user.invited", &format!("user:{}", u.id), Some(email.clone()))
                    .await?;
                Ok(u)
            })
        })
        .await?;
    state.mail_notify.notify_one();
    Ok(to_summary(&created))
}

/// Sends a reset link when an active account has this email; silent otherwise.
pub async fn request_reset(state: &AppState, email: &str) -> AppResult<()> {
    let email = email.trim().to_lowercase();
    let Some(u) = user::Entity::find()
        .filter(user::Column::Email.eq(email.clone()))
        .filter(user::Column::Active.eq(true))
        .filter(user::Column::DeactivatedAt.is_null())
        .one(&state.db)
        .await?
    else {
        return Ok(());
    };
    // At most one link per account per minute, so the form cannot be used to flood a mailbox.
    let recent = one_time_token::Entity::find()
        .filter(one_time_token::Column::UserId.eq(u.id))
        .filter(one_time_token::Column::Purpose.eq("reset"))
        .filter(one_time_token::Column::CreatedAt.gte(Utc::now() - chrono::Duration::minutes(1)))
        .count(&state.db)
        .await?;
    if recent > 0 {
        return Ok(());
    }
    let ttl = state.settings.reset_ttl;
    let public = state.clone();
    crate::db::write_txn(state, move |txn| {
            Box::pin(async move {
                let (token, expires) = store_token(txn, u.id, "reset", ttl).await?;
                email::enqueue(txn, templates::password_reset(&u.email, &u.name, &link(&public, &token), expires)).await?;
                crate::audit::record(txn, Some(UserId(u.id)), "auth.reset_requested", &format!("user:{}", u.id), None)
                    .await?;
                Ok(())
            })
        })
        .await?;
    state.mail_notify.notify_one();
    Ok(())
}

/// Redeems an invitation or reset link: sets the password and activates the account.
pub async fn set_password(state: &AppState, token: &str, new_password: &str) -> AppResult<()> {
    if let Some(code) = rules::password_problem(new_password) {
        return Err(AppError::field("password", code, "password must be 10 to 128 characters"));
    }
    let hash = token_hash(token.trim());
    // The cheap lookup first: an unknown, used or expired link costs no hash.
    let now = Utc::now();
    let t = one_time_token::Entity::find().filter(one_time_token::Column::TokenHash.eq(hash.clone())).one(&state.db).await?.ok_or(AppError::TokenInvalid)?;
    if t.used_at.is_some() || t.expires_at <= now {
        return Err(AppError::TokenInvalid);
    }
    let pw_hash = password::hash_blocking(new_password.to_string()).await?;
    let user_id = crate::db::write_txn(state, move |txn| {
            Box::pin(async move {
                let now = Utc::now();
                let t = one_time_token::Entity::find()
                    .filter(one_time_token::Column::TokenHash.eq(hash))
                    .one(txn)
                    .await?
                    .ok_or(AppError::TokenInvalid)?;
                if t.used_at.is_some() || t.expires_at <= now {
                    return Err(AppError::TokenInvalid);
                }
                let deactivated = user::Entity::find_by_id(t.user_id).one(txn).await?.is_none_or(|u| u.deactivated_at.is_some());
                if deactivated {
                    return Err(AppError::TokenInvalid);
                }
                // Conditional update: of two concurrent redemptions only one sees used_at empty.
                let res = one_time_token::Entity::update_many()
                    .col_expr(one_time_token::Column::UsedAt, Expr::value(Some(now)))
                    .filter(one_time_token::Column::Id.eq(t.id))
                    .filter(one_time_token::Column::UsedAt.is_null())
                    .exec(txn)
                    .await?;
                if res.rows_affected != 1 {
                    return Err(AppError::TokenInvalid);
                }
                // Any other outstanding link of this user stops working too.
                one_time_token::Entity::update_many()
                    .col_expr(one_time_token::Column::UsedAt, Expr::value(Some(now)))
                    .filter(one_time_token::Column::UserId.eq(t.user_id))
                    .filter(one_time_token::Column::UsedAt.is_null())
                    .exec(txn)
                    .await?;
                user::Entity::update_many()
                    .col_expr(user::Column::PasswordHash, Expr::value(Some(pw_hash)))
                    .col_expr(user::Column::Active, Expr::value(true))
                    // Tokens issued with the old password stop working.
                    .col_expr(user::Column::TokenVersion, Expr::col(user::Column::TokenVersion).add(1))
                    .filter(user::Column::Id.eq(t.user_id))
                    .exec(txn)
                    .await?;
                crate::audit::record(txn, Some(UserId(t.user_id)), "auth.password_set", &format!("user:{}", t.user_id), Some(t.purpose))
                    .await?;
                Ok(t.user_id)
            })
        })
        .await?;
    state.sessions.forget(user_id);
    Ok(())
}

#[cfg(test)]
mod tests {
    #[test]
    fn tokens_are_random_and_stored_only_as_hash() {
        let (a, ha) = super::new_token();
        let (b, _) = super::new_token();
        assert_ne!(a, b);
        assert_eq!(ha, super::token_hash(&a));
        assert_eq!(ha.len(), 64);
        assert!(!ha.contains(&a));
    }
}

/// CLI: create an active BEL coordinator with the given password.
pub async fn create_admin(db: &sea_orm::DatabaseConnection, email: &str, name: &str, pw: &str) -> anyhow::Result<()> {
    let mut errs = Errors::default();
    let email = errs.email("email", email);
    let name = errs.text("name", name, MAX_NAME_LEN);
    if let Some(code) = rules::password_problem(pw) {
        errs.add("password", code, "password must be 10 to 128 characters");
    }
    if let Err(AppError::Validation(v)) = errs.finish() {
        let list: Vec<String> = v.iter().map(|f| format!("{}: {}", f.field, f.code)).collect();
        anyhow::bail!("invalid input: {}", list.join(", "));
    }
    if user::Entity::find().filter(user::Column::Email.eq(email.clone())).one(db).await?.is_some() {
        anyhow::bail!("a user with email {email} already exists");
    }
    let hash = password::hash_blocking(pw.to_string()).await?;
    let txn = db.begin().await?;
    let u = user::ActiveModel {
        email: Set(email.clone()),
        name: Set(name),
        role: Set(Role::BelCoordinator.as_str().into()),
        region_id: Set(None),
        organisation_id: Set(None),
        password_hash: Set(Some(hash)),
        active: Set(true),
        created_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    crate::audit::record(&txn, None, "user.admin_created", &format!("user:{}", u.id), Some(email)).await?;
    txn.commit().await?;
    Ok(())
}

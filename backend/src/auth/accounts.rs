//! BEL's account administration: the list with state and last login, changes of
//! name, role and scope, deactivation and reactivation, a fresh invitation.
//! Every change that alters what a token may do bumps the token version.

use super::service::{link, scope_exists, store_token};
use super::{rules, Caller};
use crate::db::write_txn;
use crate::email::{self, templates};
use crate::entities::{one_time_token, user};
use crate::error::{validate::Errors, AppError, AppResult};
use crate::state::AppState;
use chrono::{DateTime, Utc};
use std::collections::HashMap;
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, ConnectionTrait, DatabaseTransaction, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder};
use va_openapi::admin::{Account, AccountChange, AccountState};
use va_openapi::auth::Role;
use va_openapi::{ErrorCode, OrganisationId, RegionId, UserId, MAX_NAME_LEN};

fn state_of(u: &user::Model, invite_valid_until: Option<DateTime<Utc>>, now: DateTime<Utc>) -> AccountState {
    if u.deactivated_at.is_some() {
        AccountState::Deactivated
    } else if u.active {
        AccountState::Active
    } else if invite_valid_until.is_some_and(|t| t > now) {
        AccountState::Invited
    } else {
        AccountState::InviteExpired
    }
}

/// Until when each account's open invitation link is valid (the latest, per
/// user), for one account or, with `None`, all: one query for the whole list.
async fn invitations<C: ConnectionTrait>(db: &C, user: Option<i64>) -> AppResult<HashMap<i64, DateTime<Utc>>> {
    let mut q = one_time_token::Entity::find()
        .filter(one_time_token::Column::Purpose.eq("invite"))
        .filter(one_time_token::Column::UsedAt.is_null());
    if let Some(u) = user {
        q = q.filter(one_time_token::Column::UserId.eq(u));
    }
    let mut out: HashMap<i64, DateTime<Utc>> = HashMap::new();
    for t in q.all(db).await? {
        let e = out.entry(t.user_id).or_insert(t.expires_at);
        *e = (*e).max(t.expires_at);
    }
    Ok(out)
}

fn to_account(u: &user::Model, invitations: &HashMap<i64, DateTime<Utc>>, now: DateTime<Utc>) -> Account {
    let valid = if u.active { None } else { invitations.get(&u.id).copied() };
    Account {
        id: UserId(u.id),
        email: u.email.clone(),
        name: u.name.clone(),
        role: Role::parse(&u.role).unwrap_or(Role::OrgContact),
        region_id: u.region_id.map(RegionId),
        organisation_id: u.organisation_id.map(OrganisationId),
        state: state_of(u, valid, now),
        last_login_at: u.last_login_at,
        created_at: u.created_at,
    }
}

/// Every account, by name (BEL).
pub async fn list(state: &AppState, caller: &Caller) -> AppResult<Vec<Account>> {
    caller.require(&[Role::BelCoordinator])?;
    let open = invitations(&state.db, None).await?;
    let now = Utc::now();
    Ok(user::Entity::find().order_by_asc(user::Column::Name).all(&state.db).await?.iter().map(|u| to_account(u, &open, now)).collect())
}

fn is_active_coordinator(u: &user::Model) -> bool {
    u.role == Role::BelCoordinator.as_str() && u.deactivated_at.is_none()
}

/// 409 `last_coordinator` when the change would leave BEL without an active coordinator.
async fn keep_a_coordinator(txn: &DatabaseTransaction, u: &user::Model, stays: bool) -> AppResult<()> {
    let others = user::Entity::find()
        .filter(user::Column::Role.eq(Role::BelCoordinator.as_str()))
        .filter(user::Column::DeactivatedAt.is_null())
        .filter(user::Column::Id.ne(u.id))
        .count(txn)
        .await?;
    if rules::leaves_no_coordinator(is_active_coordinator(u), stays, others) {
        return Err(AppError::conflict(ErrorCode::LastCoordinator, "BEL needs at least one active coordinator"));
    }
    Ok(())
}

async fn load(txn: &DatabaseTransaction, id: UserId) -> AppResult<user::Model> {
    user::Entity::find_by_id(id.0).one(txn).await?.ok_or(AppError::NotFound)
}

/// Runs one account change in a transaction, with its audit entry, and ends the
/// account's older tokens when `bump` is set.
type Step<'c> = std::pin::Pin<Box<dyn std::future::Future<Output = AppResult<Option<String>>> + Send + 'c>>;

async fn change<F>(state: &AppState, caller: &Caller, id: UserId, action: &'static str, bump: bool, f: F) -> AppResult<Account>
where
    F: for<'c> FnOnce(&'c DatabaseTransaction, user::Model) -> Step<'c> + Send + 'static,
{
    caller.require(&[Role::BelCoordinator])?;
    let actor = caller.user_id;
    let u = write_txn(state, move |txn| {
        Box::pin(async move {
            let u = load(txn, id).await?;
            let detail = f(txn, u.clone()).await?;
            if bump {
                user::Entity::update_many()
                    .col_expr(user::Column::TokenVersion, Expr::col(user::Column::TokenVersion).add(1))
                    .filter(user::Column::Id.eq(u.id))
                    .exec(txn)
                    .await?;
            }
            let after = load(txn, id).await?;
            let changes = crate::audit::Changes::new()
                .field("name", u.name.as_str(), after.name.as_str())
                .field("email", u.email.as_str(), after.email.as_str())
                .field("role", u.role.as_str(), after.role.as_str())
                .opt("region_id", u.region_id, after.region_id)
                .opt("organisation_id", u.organisation_id, after.organisation_id)
                .field("active", u.active, after.active);
            crate::audit::record_change(txn, actor, action, &format!("user:{}", u.id), detail, changes).await?;
            Ok(after)
        })
    })
    .await?;
    state.sessions.forget(id.0);
    state.mail_notify.notify_one();
    let open = invitations(&state.db, Some(u.id)).await?;
    Ok(to_account(&u, &open, Utc::now()))
}

/// Name, role and scope; a role or scope change ends the account's sessions.
pub async fn update(state: &AppState, caller: &Caller, id: UserId, input: AccountChange) -> AppResult<Account> {
    let mut errs = Errors::default();
    let name = errs.text("name", &input.name, MAX_NAME_LEN);
    for (field, code) in rules::invite_scope_problems(input.role, input.region_id, input.organisation_id) {
        errs.add(field, code, format!("{field} is {code} for role {}", input.role.as_str()));
    }
    change(state, caller, id, "user.changed", true, move |txn, u| {
        let mut errs = errs;
        Box::pin(async move {
            scope_exists(txn, &mut errs, input.region_id, input.organisation_id).await?;
            errs.finish()?;
            if u.deactivated_at.is_none() {
                keep_a_coordinator(txn, &u, input.role == Role::BelCoordinator).await?;
            }
            user::Entity::update_many()
                .col_expr(user::Column::Name, Expr::value(name.clone()))
                .col_expr(user::Column::Role, Expr::value(input.role.as_str()))
                .col_expr(user::Column::RegionId, Expr::value(input.region_id.map(|r| r.0)))
                .col_expr(user::Column::OrganisationId, Expr::value(input.organisation_id.map(|o| o.0)))
                .filter(user::Column::Id.eq(u.id))
                .exec(txn)
                .await?;
            Ok(Some(format!("{} -> {}", u.role, input.role.as_str())))
        })
    })
    .await
}

/// Deactivate: the account's tokens and open links stop working at once; kept for history.
pub async fn deactivate(state: &AppState, caller: &Caller, id: UserId) -> AppResult<Account> {
    change(state, caller, id, "user.deactivated", true, |txn, u| {
        Box::pin(async move {
            if u.deactivated_at.is_some() {
                return Err(AppError::conflict(ErrorCode::Conflict, "the account is deactivated already"));
            }
            keep_a_coordinator(txn, &u, false).await?;
            let now = Utc::now();
            user::Entity::update_many()
                .col_expr(user::Column::DeactivatedAt, Expr::value(Some(now)))
                .filter(user::Column::Id.eq(u.id))
                .exec(txn)
                .await?;
            one_time_token::Entity::update_many()
                .col_expr(one_time_token::Column::UsedAt, Expr::value(Some(now)))
                .filter(one_time_token::Column::UserId.eq(u.id))
                .filter(one_time_token::Column::UsedAt.is_null())
                .exec(txn)
                .await?;
            Ok(None)
        })
    })
    .await
}

pub async fn reactivate(state: &AppState, caller: &Caller, id: UserId) -> AppResult<Account> {
    change(state, caller, id, "user.reactivated", true, |txn, u| {
        Box::pin(async move {
            if u.deactivated_at.is_none() {
                return Err(AppError::conflict(ErrorCode::Conflict, "the account is active"));
            }
            user::Entity::update_many()
                .col_expr(user::Column::DeactivatedAt, Expr::value(Option::<DateTime<Utc>>::None))
                .filter(user::Column::Id.eq(u.id))
                .exec(txn)
                .await?;
            Ok(None)
        })
    })
    .await
}

/// A new invitation link for an account that never set its password (the old link stops working).
pub async fn reinvite(state: &AppState, caller: &Caller, id: UserId) -> AppResult<Account> {
    let ttl = state.settings.invite_ttl;
    let public = state.clone();
    change(state, caller, id, "user.reinvited", false, move |txn, u| {
        Box::pin(async move {
            if u.active || u.deactivated_at.is_some() {
                return Err(AppError::conflict(ErrorCode::Conflict, "only an account that has not set its password can be invited again"));
            }
            one_time_token::Entity::update_many()
                .col_expr(one_time_token::Column::UsedAt, Expr::value(Some(Utc::now())))
                .filter(one_time_token::Column::UserId.eq(u.id))
                .filter(one_time_token::Column::UsedAt.is_null())
                .exec(txn)
                .await?;
            let (token, expires) = store_token(txn, u.id, "invite", ttl).await?;
            let role = Role::parse(&u.role).unwrap_or(Role::OrgContact);
            email::enqueue(txn, templates::invitation(&u.email, &u.name, templates::role_nl(role), &link(&public, &token), expires)).await?;
            Ok(Some(u.email.clone()))
        })
    })
    .await
}

#[cfg(test)]
mod tests {
    use super::*;

    fn user(active: bool, off: bool) -> user::Model {
        user::Model {
            id: 1,
            email: "a@b.nl".into(),
            name: "A".into(),
            role: "trainer".into(),
            region_id: None,
            organisation_id: None,
            password_hash: None,
            active,
            created_at: Utc::now(),
            token_version: 0,
            deactivated_at: off.then(Utc::now),
            last_login_at: None,
        }
    }

    #[test]
    fn account_states() {
        let now = Utc::now();
        let later = Some(now + chrono::Duration::hours(1));
        let earlier = Some(now - chrono::Duration::hours(1));
        assert_eq!(state_of(&user(false, false), later, now), AccountState::Invited);
        assert_eq!(state_of(&user(false, false), earlier, now), AccountState::InviteExpired);
        assert_eq!(state_of(&user(false, false), None, now), AccountState::InviteExpired);
        assert_eq!(state_of(&user(true, false), None, now), AccountState::Active);
        assert_eq!(state_of(&user(true, true), None, now), AccountState::Deactivated);
        assert_eq!(state_of(&user(false, true), later, now), AccountState::Deactivated);
    }
}

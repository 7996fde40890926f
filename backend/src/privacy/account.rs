//! A user's data on request: the account, what they did and what was done to
//! it (the audit log), and the mails to their address. BEL downloads it from
//! the accounts screen; each download is recorded.

use crate::auth::Caller;
use crate::entities::{audit_log, organisation, region, user};
use crate::error::{AppError, AppResult};
use crate::state::AppState;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};
use std::collections::HashMap;
use va_openapi::auth::Role;
use va_openapi::privacy::{UserData, UserProfile};
use va_openapi::UserId;

/// Everything about one account, its download recorded.
pub async fn data(state: &AppState, caller: &Caller, id: UserId, format: &str) -> AppResult<UserData> {
    super::person::require(caller)?;
    let u = user::Entity::find_by_id(id.0).one(&state.db).await?.ok_or(AppError::NotFound)?;
    let subject = format!("user:{}", id.0);
    crate::audit::record_read(&state.db, caller.user_id, "privacy.exported", &subject, Some(format.into())).await?;
    collect(&state.db, u, state.settings.clock.now()).await
}

async fn collect<C: ConnectionTrait>(db: &C, u: user::Model, now: chrono::DateTime<chrono::Utc>) -> AppResult<UserData> {
    use audit_log::Column as A;
    let actions = audit_log::Entity::find().filter(A::ActorId.eq(u.id)).order_by_asc(A::Id).all(db).await?;
    let about = audit_log::Entity::find().filter(A::Subject.eq(format!("user:{}", u.id))).order_by_asc(A::Id).all(db).await?;
    let actor_ids: Vec<i64> = actions.iter().chain(&about).filter_map(|a| a.actor_id).collect();
    let names: HashMap<i64, String> = user::Entity::find().filter(user::Column::Id.is_in(actor_ids)).all(db).await?.into_iter().map(|x| (x.id, x.name)).collect();
    let region = match u.region_id {
        Some(r) => region::Entity::find_by_id(r).one(db).await?.map(|r| r.name),
        None => None,
    };
    let organisation = match u.organisation_id {
        Some(o) => organisation::Entity::find_by_id(o).one(db).await?.map(|o| o.name),
        None => None,
    };
    let mails = super::person::mails_to(db, &u.email).await?;
    Ok(UserData {
        profile: UserProfile {
            id: UserId(u.id),
            role: Role::parse(&u.role).unwrap_or(Role::OrgContact),
            name: u.name,
            email: u.email,
            region,
            organisation,
            active: u.active,
            created_at: u.created_at,
            deactivated_at: u.deactivated_at,
            last_login_at: u.last_login_at,
        },
        actions: crate::audit::entries_of(actions, &names),
        about: crate::audit::entries_of(about, &names),
        mails,
        made_at: now,
    })
}

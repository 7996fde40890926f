//! Making, revoking and reading feeds. A new address replaces the old one of
//! the same user or professional; the answer that makes a user's feed is the
//! only place its address shows (a professional's goes to them by mail).

use super::{events, rules};
use crate::auth::rules::may_see_professionals;
use crate::auth::{links::token_hash, Caller};
use crate::db::write_txn;
use crate::email::calendar::calendar;
use crate::email::{self, templates::bilingual, OutgoingEmail};
use crate::entities::{calendar_feed as feed, organisation, professional, user};
use crate::error::{AppError, AppResult};
use crate::state::AppState;
use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set};
use va_openapi::auth::Role;
use va_openapi::feeds::CalendarFeed;
use va_openapi::{OrganisationId, ProfessionalId, RegionId};

/// Whose feed: a user's own, or a professional's.
#[derive(Debug, Clone, Copy)]
enum Owner {
    User(i64),
    Professional(i64),
}

impl Owner {
    fn subject(self) -> String {
        match self {
            Owner::User(id) => format!("user:{id}"),
            Owner::Professional(id) => format!("professional:{id}"),
        }
    }

    fn filter(self, q: sea_orm::Select<feed::Entity>) -> sea_orm::Select<feed::Entity> {
        match self {
            Owner::User(id) => q.filter(feed::Column::UserId.eq(id)),
            Owner::Professional(id) => q.filter(feed::Column::ProfessionalId.eq(id)),
        }
    }
}

async fn status<C: ConnectionTrait>(db: &C, owner: Owner) -> AppResult<CalendarFeed> {
    let current = owner.filter(feed::Entity::find()).filter(feed::Column::RevokedAt.is_null()).order_by_desc(feed::Column::Id).one(db).await?;
    Ok(CalendarFeed { active: current.is_some(), created_at: current.as_ref().map(|f| f.created_at), last_read_at: current.and_then(|f| f.last_read_at), url: None })
}

async fn revoke_in<C: ConnectionTrait>(txn: &C, owner: Owner, now: DateTime<Utc>) -> AppResult<u64> {
    let q = feed::Entity::update_many().col_expr(feed::Column::RevokedAt, Expr::value(Some(now))).filter(feed::Column::RevokedAt.is_null());
    let q = match owner {
        Owner::User(id) => q.filter(feed::Column::UserId.eq(id)),
        Owner::Professional(id) => q.filter(feed::Column::ProfessionalId.eq(id)),
    };
    Ok(q.exec(txn).await?.rows_affected)
}

/// Revokes the old address and makes a new one; returns the token.
async fn renew<C: ConnectionTrait>(txn: &C, owner: Owner, actor: i64, now: DateTime<Utc>) -> AppResult<String> {
    revoke_in(txn, owner, now).await?;
    let token = rules::new_token();
    let (user_id, professional_id) = match owner {
        Owner::User(id) => (Some(id), None),
        Owner::Professional(id) => (None, Some(id)),
    };
    feed::ActiveModel { token_hash: Set(token_hash(&token)), user_id: Set(user_id), professional_id: Set(professional_id), created_by: Set(actor), created_at: Set(now), ..Default::default() }
        .insert(txn)
        .await?;
    crate::audit::record(txn, Some(va_openapi::UserId(actor)), "feed.created", &owner.subject(), None).await?;
    Ok(token)
}

pub async fn mine(state: &AppState, caller: &Caller) -> AppResult<CalendarFeed> {
    status(&state.db, Owner::User(caller.user_id.0)).await
}

/// A new address for the caller's own feed (the old one stops working).
pub async fn renew_mine(state: &AppState, caller: &Caller) -> AppResult<CalendarFeed> {
    let (owner, actor, now) = (Owner::User(caller.user_id.0), caller.user_id.0, state.settings.clock.now());
    let token = write_txn(state, move |txn| Box::pin(async move { renew(txn, owner, actor, now).await })).await?;
    let mut out = status(&state.db, owner).await?;
    out.url = Some(rules::url(&state.settings.public_url, &token));
    Ok(out)
}

pub async fn revoke_mine(state: &AppState, caller: &Caller) -> AppResult<CalendarFeed> {
    revoke(state, caller.user_id.0, Owner::User(caller.user_id.0)).await
}

async fn revoke(state: &AppState, actor: i64, owner: Owner) -> AppResult<CalendarFeed> {
    let now = state.settings.clock.now();
    write_txn(state, move |txn| {
        Box::pin(async move {
            if revoke_in(txn, owner, now).await? > 0 {
                crate::audit::record(txn, Some(va_openapi::UserId(actor)), "feed.revoked", &owner.subject(), None).await?;
            }
            Ok(())
        })
    })
    .await?;
    status(&state.db, owner).await
}

/// The professional, if the caller may see them (404 otherwise, as elsewhere).
async fn visible(state: &AppState, caller: &Caller, id: ProfessionalId) -> AppResult<professional::Model> {
    caller.require(&[Role::BelCoordinator, Role::Ambassador, Role::OrgContact])?;
    let p = professional::Entity::find_by_id(id.0).one(&state.db).await?.filter(|p| p.erased_at.is_none()).ok_or(AppError::NotFound)?;
    let region = organisation::Entity::find_by_id(p.organisation_id).one(&state.db).await?.and_then(|o| o.region_id).map(RegionId);
    if may_see_professionals(caller.scope, OrganisationId(p.organisation_id), region) {
        Ok(p)
    } else {
        Err(AppError::NotFound)
    }
}

pub async fn of_professional(state: &AppState, caller: &Caller, id: ProfessionalId) -> AppResult<CalendarFeed> {
    let p = visible(state, caller, id).await?;
    status(&state.db, Owner::Professional(p.id)).await
}

fn feed_mail(p: &professional::Model, link: &str) -> OutgoingEmail {
    OutgoingEmail::new(
        "calendar_feed",
        &p.email,
        "Uw VA-agenda als abonnement / Your VA calendar feed",
        bilingual(
            &format!(
                "Beste {},\n\nMet dit adres toont uw agenda-app uw VA-trainingsdagen, nazorg en bijeenkomsten van het leernetwerk, en houdt ze bij:\n\n{link}\n\n\
                 Volgende stap: voeg het toe als agenda-abonnement (Outlook: Agenda toevoegen > Abonneren vanaf internet; Google Agenda: Andere agenda's > Via URL).\n\
                 Deel het adres niet: wie het heeft, ziet uw afspraken. Uw contactpersoon kan het intrekken.",
                p.name
            ),
            &format!(
                "Dear {},\n\nWith this address your calendar app shows your VA training days, follow-up and learning-network sessions, and keeps them up to date:\n\n{link}\n\n\
                 Next step: add it as a calendar subscription. Do not share it: whoever has it sees your appointments. Your contact can revoke it.",
                p.name
            ),
        ),
    )
}

/// A new feed address for a professional, mailed to them (the old one stops working).
pub async fn renew_for_professional(state: &AppState, caller: &Caller, id: ProfessionalId) -> AppResult<CalendarFeed> {
    let p = visible(state, caller, id).await?;
    let (owner, actor, now, base) = (Owner::Professional(p.id), caller.user_id.0, state.settings.clock.now(), state.settings.public_url.clone());
    write_txn(state, move |txn| {
        Box::pin(async move {
            let token = renew(txn, owner, actor, now).await?;
            email::enqueue(txn, feed_mail(&p, &rules::url(&base, &token))).await?;
            Ok(())
        })
    })
    .await?;
    status(&state.db, owner).await
}

pub async fn revoke_for_professional(state: &AppState, caller: &Caller, id: ProfessionalId) -> AppResult<CalendarFeed> {
    let p = visible(state, caller, id).await?;
    revoke(state, caller.user_id.0, Owner::Professional(p.id)).await
}

/// Revokes a professional's feeds in the caller's transaction (erasure).
pub async fn revoke_professional_in<C: ConnectionTrait>(txn: &C, professional_id: i64, now: DateTime<Utc>) -> AppResult<()> {
    revoke_in(txn, Owner::Professional(professional_id), now).await.map(|_| ())
}

/// The feed of a token, as iCalendar; 404 for an unknown or revoked one, or
/// one whose account was deactivated or whose professional was erased.
pub async fn read(state: &AppState, segment: &str) -> AppResult<String> {
    let token = rules::token_of(segment).ok_or(AppError::NotFound)?;
    let db = &state.db;
    let f = feed::Entity::find().filter(feed::Column::TokenHash.eq(token_hash(token))).filter(feed::Column::RevokedAt.is_null()).one(db).await?.ok_or(AppError::NotFound)?;
    let evs = match (f.user_id, f.professional_id) {
        (Some(u), _) => {
            let u = user::Entity::find_by_id(u).one(db).await?.filter(|u| u.active).ok_or(AppError::NotFound)?;
            events::for_user(db, &u).await?
        }
        (None, Some(p)) => {
            let p = professional::Entity::find_by_id(p).one(db).await?.filter(|p| p.erased_at.is_none()).ok_or(AppError::NotFound)?;
            events::for_professional(db, &p).await?
        }
        (None, None) => return Err(AppError::NotFound),
    };
    let (now, id) = (state.settings.clock.now(), f.id);
    write_txn(state, move |txn| {
        Box::pin(async move {
            feed::Entity::update_many().col_expr(feed::Column::LastReadAt, Expr::value(Some(now))).filter(feed::Column::Id.eq(id)).exec(txn).await?;
            Ok(())
        })
    })
    .await?;
    Ok(calendar("PUBLISH", &evs, now))
}

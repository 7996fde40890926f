//! Registration by link: an organiser (BEL, the region's ambassador, the
//! organisation's contact) mails trained professionals a personal link to a
//! session; with it the professional registers, withdraws or answers a place
//! offered from the waiting list, without an account. A link is a signed
//! token naming its row (only its hash is kept) and works until the session
//! begins; the same rules and lock as a registration by the organiser apply.

use super::registrations::{ensure_open, enter, leave, named, respond, CLOSED};
use super::store::{self, Ctx};
use super::{notify, rules};
use crate::auth::links::{new_link, link_id, token_hash};
use crate::auth::Caller;
use crate::db::write_txn;
use crate::email;
use crate::entities::{learning_link as link, learning_session as session, professional};
use crate::error::{AppError, AppResult};
use crate::reference::lookup;
use crate::state::AppState;
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set};
use va_openapi::learning::*;
use va_openapi::{ErrorCode, LearningSessionId, UserId};

const PURPOSE: &str = "learning";

/// A new link for the professional to the session (stored as its hash); the address to mail.
pub async fn mint<C: ConnectionTrait>(txn: &C, s: &session::Model, professional_id: i64, by: Option<UserId>, ctx: &Ctx) -> AppResult<String> {
    let row = link::ActiveModel {
        session_id: Set(s.id),
        professional_id: Set(professional_id),
        token_hash: Set(String::new()),
        sent_by: Set(by.map(|u| u.0)),
        sent_at: Set(ctx.now),
        used_at: Set(None),
        ..Default::default()
    }
    .insert(txn)
    .await?;
    let token = new_link(&ctx.keys, PURPOSE, row.id);
    link::Entity::update_many().col_expr(link::Column::TokenHash, Expr::value(token_hash(&token))).filter(link::Column::Id.eq(row.id)).exec(txn).await?;
    Ok(format!("{}/leersessie?token={token}", ctx.public_url))
}

/// Mails each named professional their personal link (same checks as registering them).
pub async fn send(state: &AppState, caller: &Caller, id: LearningSessionId, input: NewLearningRegistrations) -> AppResult<LearningSession> {
    let (actor, ctx, ids) = named(state, caller, id, &input).await?;
    let s = write_txn(state, move |txn| {
        Box::pin(async move {
            let s = store::lock(txn, id).await?;
            ensure_open(&s, &ctx, CLOSED)?;
            let regs = store::regs_of(txn, s.id).await?;
            for p in ids {
                if regs.iter().any(|r| r.professional_id == p && store::active(r)) {
                    return Err(AppError::conflict(ErrorCode::AlreadyEnrolled, "already registered or waiting for this session"));
                }
                let prof = professional::Entity::find_by_id(p).one(txn).await?.ok_or(AppError::NotFound)?;
                let url = mint(txn, &s, p, Some(actor), &ctx).await?;
                email::enqueue(txn, notify::link(&prof, &s, &url)).await?;
                crate::audit::record(txn, Some(actor), "learning.link_sent", &format!("professional:{p}"), Some(format!("learning_session:{}", s.id))).await?;
            }
            Ok(s)
        })
    })
    .await?;
    state.mail_notify.notify_one();
    store::view(state, caller, &s).await
}

/// The link behind a token (400 `token_invalid` for an unknown, altered or erased one).
async fn link_of(state: &AppState, token: &str) -> AppResult<link::Model> {
    let token = token.trim();
    let id = link_id(&state.keys, PURPOSE, token).ok_or(AppError::TokenInvalid)?;
    link::Entity::find_by_id(id).one(&state.db).await?.filter(|l| l.token_hash == token_hash(token)).ok_or(AppError::TokenInvalid)
}

/// What the link shows the professional: the session, the places left and their own registration.
pub async fn lookup(state: &AppState, token: &str) -> AppResult<PublicLearningSession> {
    let l = link_of(state, token).await?;
    public_view(state, &l).await
}

async fn public_view(state: &AppState, l: &link::Model) -> AppResult<PublicLearningSession> {
    let db = &state.db;
    let s = session::Entity::find_by_id(l.session_id).one(db).await?.ok_or(AppError::TokenInvalid)?;
    let p = professional::Entity::find_by_id(l.professional_id).one(db).await?.filter(|p| p.erased_at.is_none()).ok_or(AppError::TokenInvalid)?;
    let regs = store::regs_of(db, s.id).await?;
    let mine = regs.iter().find(|r| r.professional_id == p.id && store::active(r));
    let order = rules::order(&store::waiters(&regs));
    let taken = regs.iter().filter(|r| store::takes_place(r)).count() as i32;
    let names = lookup::names(db).await?;
    Ok(PublicLearningSession {
        title: s.title.clone(),
        region: names.region(s.region_id).map(|r| r.name),
        held_on: s.held_on,
        starts_at: s.starts_at.clone(),
        ends_at: s.ends_at.clone(),
        place: s.place.clone(),
        target_group: s.target_group.clone(),
        description: s.description.clone(),
        professional: p.name,
        status: mine.map(store::status),
        position: mine.and_then(|r| order.iter().position(|id| *id == r.id)).map(|i| i as i32 + 1),
        offer_expires_at: mine.and_then(|r| r.offer_expires_at),
        places_left: (s.capacity - taken).max(0),
        open: rules::open_for_changes(state.settings.clock.today(), s.held_on, store::is_cancelled(&s)),
        cancelled: store::is_cancelled(&s),
    })
}

/// The professional registers, withdraws, or answers an offered place with their link.
pub async fn act(state: &AppState, input: LearningLinkInput) -> AppResult<PublicLearningSession> {
    let l = link_of(state, &input.token).await?;
    public_view(state, &l).await?; // 400 for an erased professional's link
    let ctx = Ctx::of(state);
    let (lid, sid, p) = (l.id, l.session_id, l.professional_id);
    write_txn(state, move |txn| {
        Box::pin(async move {
            let s = store::lock(txn, LearningSessionId(sid)).await?;
            let mut regs = store::regs_of(txn, s.id).await?;
            let mine = regs.iter().find(|r| r.professional_id == p && store::active(r)).cloned();
            match (input.action, mine) {
                (LearningLinkAction::Register, _) => {
                    ensure_open(&s, &ctx, CLOSED)?;
                    enter(txn, &s, &mut regs, p, None, &ctx).await?;
                }
                (LearningLinkAction::Withdraw, Some(r)) => leave(txn, &s, &r, None, &ctx).await?,
                (LearningLinkAction::Withdraw, None) => return Err(AppError::conflict(ErrorCode::InvalidTransition, "you are not registered for this session")),
                (LearningLinkAction::Accept | LearningLinkAction::Decline, Some(r)) => respond(txn, &s, &r, input.action == LearningLinkAction::Accept, None, &ctx).await?,
                (LearningLinkAction::Accept | LearningLinkAction::Decline, None) => return Err(AppError::conflict(ErrorCode::OfferNotOpen, "no place is offered to you")),
            }
            link::Entity::update_many().col_expr(link::Column::UsedAt, Expr::value(Some(ctx.now))).filter(link::Column::Id.eq(lid)).exec(txn).await?;
            Ok(())
        })
    })
    .await?;
    state.mail_notify.notify_one();
    public_view(state, &l).await
}

/// When each professional was last sent a link to the session.
pub async fn sent_at<C: ConnectionTrait>(db: &C, session_id: i64) -> AppResult<std::collections::HashMap<i64, chrono::DateTime<chrono::Utc>>> {
    let mut out = std::collections::HashMap::new();
    for l in link::Entity::find().filter(link::Column::SessionId.eq(session_id)).filter(link::Column::SentBy.is_not_null()).all(db).await? {
        let at = out.entry(l.professional_id).or_insert(l.sent_at);
        if l.sent_at > *at {
            *at = l.sent_at;
        }
    }
    Ok(out)
}

//! Follow-up requests of organisations: asking for supervision, coaching or deepening, and declining with a reason.

use super::sessions::{profs, trained};
use super::notify;
use crate::auth::Caller;
use crate::db::write_txn;
use crate::email;
use crate::entities::{
    followup_request as request, followup_request_person as request_person, user,
};
use crate::reference::lookup::{names, Names};
use crate::error::{validate::Errors, AppError, AppResult};
use crate::state::AppState;
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set};
use std::collections::BTreeSet;
use va_openapi::auth::{NamedRef, Role};
use va_openapi::followup::*;
use va_openapi::*;

/// An organisation contact asks for follow-up for trained professionals of their organisation.
pub async fn request_followup(state: &AppState, caller: &Caller, input: NewFollowupRequest) -> AppResult<FollowupRequestView> {
    caller.require(&[Role::OrgContact])?;
    let org = caller.organisation().ok_or(AppError::Forbidden)?;
    let mut errs = Errors::default();
    let message = errs.text("message", &input.message, 2000);
    if input.professional_ids.is_empty() {
        errs.add("professional_ids", "required", "at least one trained professional");
    }
    errs.finish()?;
    let c = *caller;
    let now = state.settings.clock.now();
    let public_url = state.settings.public_url.trim_end_matches('/').to_string();
    let id = write_txn(state, move |txn| {
        Box::pin(async move {
            let trained = trained(txn).await?;
            let people = profs(txn, input.professional_ids.iter().map(|p| p.0)).await?;
            for (i, p) in input.professional_ids.iter().enumerate() {
                match people.get(&p.0) {
                    Some(x) if x.organisation_id == org.0 && trained.contains_key(&p.0) => {}
                    Some(x) if x.organisation_id == org.0 => {
                        return Err(AppError::field(&format!("professional_ids[{i}]"), "not_trained", "follow-up is for trained professionals"))
                    }
                    _ => return Err(AppError::field(&format!("professional_ids[{i}]"), "unknown", "not a professional of your organisation")),
                }
            }
            let r = request::ActiveModel {
                organisation_id: Set(org.0),
                kind: Set(input.kind.as_str().into()),
                message: Set(message),
                status: Set(FollowupRequestStatus::Open.as_str().into()),
                reason: Set(None),
                session_id: Set(None),
                requested_by: Set(c.user_id.0),
                created_at: Set(now),
                decided_at: Set(None),
                ..Default::default()
            }
            .insert(txn)
            .await?;
            let unique: BTreeSet<i64> = input.professional_ids.iter().map(|p| p.0).collect();
            for p in &unique {
                request_person::ActiveModel { request_id: Set(r.id), professional_id: Set(*p), ..Default::default() }.insert(txn).await?;
            }
            let org_name = names(txn).await?.org(org.0).name;
            let bel = user::Entity::find()
                .filter(user::Column::Role.eq(Role::BelCoordinator.as_str()))
                .filter(user::Column::Active.eq(true))
                .all(txn)
                .await?;
            for b in &bel {
                email::enqueue(txn, notify::request_received(b, &org_name, input.kind, unique.len(), &format!("{public_url}/bel/nazorg"))).await?;
            }
            crate::audit::record(txn, Some(c.user_id), "followup.requested", &format!("followup_request:{}", r.id), None).await?;
            Ok(r.id)
        })
    })
    .await?;
    state.mail_notify.notify_one();
    let n = names(&state.db).await?;
    let r = request::Entity::find_by_id(id).one(&state.db).await?.ok_or(AppError::NotFound)?;
    Ok(request_views(&state.db, &n, vec![r]).await?.remove(0))
}

/// BEL declines a request with a reason; the organisation hears it.
pub async fn decline_request(state: &AppState, caller: &Caller, id: FollowupRequestId, input: ReasonInput) -> AppResult<FollowupRequestView> {
    caller.require(&[Role::BelCoordinator])?;
    let mut errs = Errors::default();
    let reason = errs.text("reason", &input.reason, 1000);
    errs.finish()?;
    let now = state.settings.clock.now();
    let c = *caller;
    write_txn(state, move |txn| {
        Box::pin(async move {
            let r = request::Entity::find_by_id(id.0).one(txn).await?.ok_or(AppError::NotFound)?;
            let res = request::Entity::update_many()
                .col_expr(request::Column::Status, Expr::value(FollowupRequestStatus::Declined.as_str()))
                .col_expr(request::Column::Reason, Expr::value(Some(reason.clone())))
                .col_expr(request::Column::DecidedAt, Expr::value(Some(now)))
                .filter(request::Column::Id.eq(r.id))
                .filter(request::Column::Status.eq(FollowupRequestStatus::Open.as_str()))
                .exec(txn)
                .await?;
            if res.rows_affected != 1 {
                return Err(AppError::conflict(ErrorCode::InvalidTransition, "the request is planned or declined already"));
            }
            let kind = FollowupKind::parse(&r.kind).unwrap_or(FollowupKind::Supervision);
            for contact in crate::reference::lookup::org_contacts(txn, r.organisation_id).await? {
                email::enqueue(txn, notify::request_answered(&contact, kind, None, Some(&reason))).await?;
            }
            crate::audit::record(txn, Some(c.user_id), "followup.request_declined", &format!("followup_request:{}", r.id), Some(reason)).await?;
            Ok(())
        })
    })
    .await?;
    state.mail_notify.notify_one();
    let n = names(&state.db).await?;
    let r = request::Entity::find_by_id(id.0).one(&state.db).await?.ok_or(AppError::NotFound)?;
    Ok(request_views(&state.db, &n, vec![r]).await?.remove(0))
}

pub(super) async fn request_views<C: ConnectionTrait>(db: &C, n: &Names, rows: Vec<request::Model>) -> AppResult<Vec<FollowupRequestView>> {
    let people = request_person::Entity::find().filter(request_person::Column::RequestId.is_in(rows.iter().map(|r| r.id))).all(db).await?;
    let who = profs(db, people.iter().map(|p| p.professional_id)).await?;
    Ok(rows
        .into_iter()
        .map(|r| FollowupRequestView {
            id: FollowupRequestId(r.id),
            organisation: n.org(r.organisation_id),
            kind: FollowupKind::parse(&r.kind).unwrap_or(FollowupKind::Supervision),
            professionals: people
                .iter()
                .filter(|p| p.request_id == r.id)
                .filter_map(|p| who.get(&p.professional_id).map(|x| NamedRef { id: ProfessionalId(x.id), name: x.name.clone() }))
                .collect(),
            status: FollowupRequestStatus::parse(&r.status).unwrap_or(FollowupRequestStatus::Open),
            message: r.message,
            reason: r.reason,
            session_id: r.session_id.map(FollowupSessionId),
            created_at: r.created_at,
        })
        .collect())
}

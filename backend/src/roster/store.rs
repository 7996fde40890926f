//! The enrolment store: loading an enrolment with its request, its status,
//! the guarded status change, the one timeline event (audited in the same
//! transaction), the duplicate check, and the placement mails. Used by
//! enrolment requests, the waiting list and training alike.

use super::notify;
use super::rules::{self, IllegalTransition};
use crate::email;
use crate::entities::{enrolment, enrolment_event, enrolment_request, professional, training_day, training_group};
use crate::error::{AppError, AppResult};
use crate::reference::lookup::org_contacts;
use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, ConnectionTrait, DatabaseTransaction, EntityTrait, QueryFilter, QueryOrder, Set};
use va_openapi::enrolment::EnrolmentStatus;
use va_openapi::{ErrorCode, UserId};

pub fn status_of(m: &enrolment::Model) -> AppResult<EnrolmentStatus> {
    status_named(&m.status)
}

/// A stored status; one the contract does not know is a fault of ours (500).
pub fn status_named(status: &str) -> AppResult<EnrolmentStatus> {
    EnrolmentStatus::parse(status).ok_or_else(|| AppError::Internal(anyhow::anyhow!("unknown status {status}")))
}

pub fn illegal(e: IllegalTransition) -> AppError {
    AppError::conflict(ErrorCode::InvalidTransition, e.to_string())
}

pub async fn load_request<C: ConnectionTrait>(db: &C, id: i64) -> AppResult<enrolment_request::Model> {
    enrolment_request::Entity::find_by_id(id).one(db).await?.ok_or(AppError::NotFound)
}

pub async fn load_enrolment<C: ConnectionTrait>(db: &C, id: i64) -> AppResult<(enrolment::Model, enrolment_request::Model)> {
    let e = enrolment::Entity::find_by_id(id).one(db).await?.ok_or(AppError::NotFound)?;
    let r = load_request(db, e.request_id).await?;
    Ok((e, r))
}

/// Moves an enrolment from `from` to `to` only if nobody changed it meanwhile.
pub async fn set_status<C: ConnectionTrait>(
    db: &C,
    e: &enrolment::Model,
    from: EnrolmentStatus,
    to: EnrolmentStatus,
    extra: impl FnOnce(sea_orm::UpdateMany<enrolment::Entity>) -> sea_orm::UpdateMany<enrolment::Entity>,
) -> AppResult<()> {
    let q = enrolment::Entity::update_many()
        .col_expr(enrolment::Column::Status, Expr::value(to.as_str()))
        .col_expr(enrolment::Column::UpdatedAt, Expr::value(Utc::now()))
        .filter(enrolment::Column::Id.eq(e.id))
        .filter(enrolment::Column::Status.eq(from.as_str()));
    let res = extra(q).exec(db).await?;
    if res.rows_affected != 1 {
        return Err(AppError::conflict(ErrorCode::InvalidTransition, "the enrolment was changed by someone else; reload"));
    }
    Ok(())
}

pub async fn existing_active_enrolment<C: ConnectionTrait>(
    db: &C,
    programme_id: i64,
    professional_id: i64,
    except: Option<i64>,
) -> AppResult<Option<enrolment::Model>> {
    let mut q = enrolment::Entity::find()
        .filter(enrolment::Column::ProgrammeId.eq(programme_id))
        .filter(enrolment::Column::ProfessionalId.eq(professional_id));
    if let Some(id) = except {
        q = q.filter(enrolment::Column::Id.ne(id));
    }
    Ok(q.all(db)
        .await?
        .into_iter()
        .find(|e| EnrolmentStatus::parse(&e.status).is_some_and(rules::is_active)))
}

pub fn already_enrolled(name: &str, existing: &enrolment::Model) -> AppError {
    AppError::conflict(
        ErrorCode::AlreadyEnrolled,
        format!(
            "{name} already has enrolment {} (request {}, status {}) in this programme",
            existing.id, existing.request_id, existing.status
        ),
    )
}

/// One line in an enrolment's (or a request's) timeline.
#[derive(Debug, Clone)]
pub struct Timeline {
    pub request_id: i64,
    pub enrolment_id: Option<i64>,
    pub at: DateTime<Utc>,
    /// None: the planner itself (a deadline passed, a job ran).
    pub actor: Option<UserId>,
    pub action: String,
    pub from: Option<EnrolmentStatus>,
    pub to: Option<EnrolmentStatus>,
    pub reason: Option<String>,
    /// The audit entry written with it: action and detail.
    pub audit_action: String,
    pub audit_detail: Option<String>,
}

impl Timeline {
    /// A change of one enrolment by `domain` (audited as `domain.action`), now.
    pub fn of(e: &enrolment::Model, domain: &str, action: &str, from: EnrolmentStatus, to: EnrolmentStatus) -> Timeline {
        Timeline::of_enrolment(e.request_id, e.id, domain, action, from, to)
    }

    /// The same by ids, for an enrolment just inserted.
    pub fn of_enrolment(request_id: i64, enrolment_id: i64, domain: &str, action: &str, from: EnrolmentStatus, to: EnrolmentStatus) -> Timeline {
        Timeline {
            enrolment_id: Some(enrolment_id),
            from: Some(from),
            to: Some(to),
            ..Timeline::of_request(request_id, domain, action)
        }
    }

    /// An event of a whole request (created), now.
    pub fn of_request(request_id: i64, domain: &str, action: &str) -> Timeline {
        Timeline {
            request_id,
            enrolment_id: None,
            at: Utc::now(),
            actor: None,
            action: action.into(),
            from: None,
            to: None,
            reason: None,
            audit_action: format!("{domain}.{action}"),
            audit_detail: None,
        }
    }

    pub fn by(mut self, actor: Option<UserId>) -> Timeline {
        self.actor = actor;
        self
    }

    pub fn at(mut self, at: DateTime<Utc>) -> Timeline {
        self.at = at;
        self
    }

    pub fn reason(mut self, reason: Option<String>) -> Timeline {
        self.reason = reason;
        self
    }

    /// Audited under another action than the timeline's, with a detail.
    pub fn audited_as(mut self, action: &str, detail: Option<String>) -> Timeline {
        self.audit_action = action.into();
        self.audit_detail = detail;
        self
    }
}

/// Writes the timeline line and its audit entry, in the caller's transaction.
pub async fn record_event<C: ConnectionTrait>(db: &C, ev: Timeline) -> AppResult<()> {
    record_events(db, vec![ev]).await
}

/// Writes timeline lines and their audit entries with two statements.
pub async fn record_events<C: ConnectionTrait>(db: &C, events: Vec<Timeline>) -> AppResult<()> {
    if events.is_empty() {
        return Ok(());
    }
    let mut lines = Vec::with_capacity(events.len());
    let mut audit = Vec::with_capacity(events.len());
    for ev in events {
        let target = match ev.enrolment_id {
            Some(e) => format!("enrolment:{e}"),
            None => format!("request:{}", ev.request_id),
        };
        audit.push(crate::audit::entry(ev.actor, &ev.audit_action, &target, ev.audit_detail));
        lines.push(enrolment_event::ActiveModel {
            request_id: Set(ev.request_id),
            enrolment_id: Set(ev.enrolment_id),
            at: Set(ev.at),
            actor_id: Set(ev.actor.map(|a| a.0)),
            action: Set(ev.action),
            from_status: Set(ev.from.map(|s| s.as_str().to_string())),
            to_status: Set(ev.to.map(|s| s.as_str().to_string())),
            reason: Set(ev.reason),
            ..Default::default()
        });
    }
    enrolment_event::Entity::insert_many(lines).exec_without_returning(db).await?;
    crate::audit::record_all(db, audit).await?;
    Ok(())
}

async fn group_days(txn: &DatabaseTransaction, g: i64) -> AppResult<Vec<training_day::Model>> {
    Ok(training_day::Entity::find().filter(training_day::Column::GroupId.eq(g)).order_by_asc(training_day::Column::Day).all(txn).await?)
}

/// The placed professional gets the days as an invitation (`REQUEST`, they
/// are the attendee); the organisation's contacts get them to look at.
pub async fn placement_mails(txn: &DatabaseTransaction, e: &enrolment::Model, g: &training_group::Model, org_id: i64, organizer: &str) -> AppResult<()> {
    let prof = professional::Entity::find_by_id(e.professional_id).one(txn).await?.ok_or(AppError::NotFound)?;
    let days = group_days(txn, g.id).await?;
    let invite = notify::participant_calendar("REQUEST", g, &days, e.id, notify::Invite { organizer, attendee: &prof.email });
    email::enqueue(txn, notify::placed_professional(&prof, g, &days, invite)).await?;
    let ics = notify::group_calendar(g, &days, e.id);
    for contact in org_contacts(txn, org_id).await? {
        email::enqueue(txn, notify::placed_contact(&contact, &prof.name, g, &days, ics.clone())).await?;
    }
    Ok(())
}

/// The invitation to a group's days withdrawn (`CANCEL`, same UIDs): the
/// participant left the group (withdrawn, or moved to another).
pub async fn leaving_calendar(txn: &DatabaseTransaction, e: &enrolment::Model, g: &training_group::Model, organizer: &str, attendee: &str) -> AppResult<String> {
    let days = group_days(txn, g.id).await?;
    Ok(notify::participant_calendar("CANCEL", g, &days, e.id, notify::Invite { organizer, attendee }))
}


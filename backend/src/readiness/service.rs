//! Transactions of readiness checks.

use super::invitations::send_invitations;
use super::rules::{self, CheckEvent};
use super::template::{items_of, latest_published};
use crate::auth::rules::Scope;
use crate::auth::Caller;
use crate::db::write_txn;
use crate::entities::{
    enrolment_request, followup_activity, organisation, programme, readiness_answer, readiness_check, readiness_item,
    readiness_template, user,
};
use crate::error::{validate::Errors, AppError, AppResult};
use crate::state::AppState;
use chrono::Utc;
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set};
use std::collections::HashMap;
use va_openapi::auth::{NamedRef, Role};
use va_openapi::readiness::*;
use va_openapi::{ErrorCode, OrganisationId, UserId};

pub(super) const MAX_TEXT: usize = 4000;

fn status_of(c: &readiness_check::Model) -> CheckStatus {
    CheckStatus::parse(&c.status).unwrap_or(CheckStatus::Cancelled)
}

fn illegal(from: CheckStatus, what: &str) -> AppError {
    AppError::conflict(ErrorCode::InvalidTransition, format!("cannot {what} a readiness check that is {}", from.as_str()))
}

/// May the caller see / conduct checks of this organisation? Outside scope: 404.
fn access(caller: &Caller, org: &organisation::Model) -> AppResult<bool> {
    match (caller.role, caller.scope) {
        (Role::BelCoordinator, _) => Ok(true),
        (Role::Ambassador, Scope::Region(r)) if org.region_id == Some(r.0) => Ok(true),
        (Role::OrgContact, Scope::Organisation(o)) if o.0 == org.id => Ok(false),
        (Role::Trainer, _) => Err(AppError::Forbidden),
        _ => Err(AppError::NotFound),
    }
}

async fn load<C: ConnectionTrait>(db: &C, caller: &Caller, id: i64) -> AppResult<(readiness_check::Model, organisation::Model, bool)> {
    let c = readiness_check::Entity::find_by_id(id).one(db).await?.ok_or(AppError::NotFound)?;
    let org = organisation::Entity::find_by_id(c.organisation_id).one(db).await?.ok_or(AppError::NotFound)?;
    let conduct = access(caller, &org)?;
    Ok((c, org, conduct))
}

/// Loads a check for one of the interviewers' actions: only BEL and the
/// region's ambassador conduct, and only as the check's state machine allows.
/// Returns the check, its organisation, and the state before and after.
async fn load_to_conduct<C: ConnectionTrait>(
    db: &C,
    caller: &Caller,
    id: i64,
    event: CheckEvent,
    what: &str,
) -> AppResult<(readiness_check::Model, organisation::Model, CheckStatus, CheckStatus)> {
    let (check, org, conduct) = load(db, caller, id).await?;
    if !conduct {
        return Err(AppError::Forbidden);
    }
    let from = status_of(&check);
    let to = rules::check_transition(from, event).ok_or_else(|| illegal(from, what))?;
    Ok((check, org, from, to))
}

async fn new_check<C: ConnectionTrait>(db: &C, org_id: i64, ambassador: Option<i64>) -> AppResult<readiness_check::Model> {
    let t = latest_published(db).await?;
    let now = Utc::now();
    Ok(readiness_check::ActiveModel {
        organisation_id: Set(org_id),
        template_id: Set(t.id),
        status: Set(CheckStatus::Planned.as_str().into()),
        scheduled_at: Set(None),
        location: Set(None),
        ambassador_id: Set(ambassador),
        project_leader_id: Set(None),
        invite_sequence: Set(0),
        summary: Set(None),
        completed_at: Set(None),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await?)
}

/// On submission of a municipality's or CJG's request: link the organisation's
/// completed check while it is valid, else its open one, else a new one.
pub async fn attach_on_submit<C: ConnectionTrait>(db: &C, req: &enrolment_request::Model) -> AppResult<()> {
    if req.readiness_check_id.is_some() {
        return Ok(());
    }
    let prog = programme::Entity::find_by_id(req.programme_id).one(db).await?.ok_or(AppError::NotFound)?;
    let id = check_for(db, req.organisation_id, &prog).await?;
    enrolment_request::Entity::update_many()
        .col_expr(enrolment_request::Column::ReadinessCheckId, Expr::value(Some(id)))
        .filter(enrolment_request::Column::Id.eq(req.id))
        .exec(db)
        .await?;
    Ok(())
}

/// The check a request submitted now belongs to: the organisation's check
/// still valid for the programme, else its open one, else a new one.
pub async fn check_for<C: ConnectionTrait>(db: &C, organisation_id: i64, prog: &programme::Model) -> AppResult<i64> {
    let checks = readiness_check::Entity::find()
        .filter(readiness_check::Column::OrganisationId.eq(organisation_id))
        .order_by_desc(readiness_check::Column::Id)
        .all(db)
        .await?;
    let now = Utc::now();
    let valid = checks.iter().find(|c| {
        status_of(c) == CheckStatus::Completed
            && c.completed_at.is_some_and(|at| rules::still_valid(at, now, prog.readiness_validity_months.max(0) as u32))
    });
    let open = checks.iter().find(|c| matches!(status_of(c), CheckStatus::Planned | CheckStatus::Scheduled));
    Ok(match (valid, open) {
        (Some(c), _) | (None, Some(c)) => c.id,
        (None, None) => new_check(db, organisation_id, None).await?.id,
    })
}

/// The gate (programme setting): placement needs the request's check completed.
pub async fn gate_allows<C: ConnectionTrait>(db: &C, req: &enrolment_request::Model) -> AppResult<()> {
    let prog = programme::Entity::find_by_id(req.programme_id).one(db).await?.ok_or(AppError::NotFound)?;
    if !prog.readiness_gate {
        return Ok(());
    }
    let completed = match req.readiness_check_id {
        Some(id) => readiness_check::Entity::find_by_id(id).one(db).await?.is_some_and(|c| status_of(&c) == CheckStatus::Completed),
        None => false,
    };
    if completed {
        Ok(())
    } else {
        Err(AppError::conflict(ErrorCode::ReadinessCheckIncomplete, "the request has no completed readiness check"))
    }
}

pub async fn link_of<C: ConnectionTrait>(db: &C, id: Option<i64>) -> AppResult<Option<ReadinessLink>> {
    let Some(id) = id else { return Ok(None) };
    Ok(readiness_check::Entity::find_by_id(id)
        .one(db)
        .await?
        .map(|c| ReadinessLink { id: c.id, status: status_of(&c), completed_at: c.completed_at }))
}

/// An ambassador or BEL starts a new check, optionally linking it to a request.
pub async fn create_check(state: &AppState, caller: &Caller, input: NewCheck) -> AppResult<CheckView> {
    caller.require(&[Role::BelCoordinator, Role::Ambassador])?;
    let c = *caller;
    let id = write_txn(state, move |txn| {
        Box::pin(async move {
            let org = organisation::Entity::find_by_id(input.organisation_id.0)
                .one(txn)
                .await?
                .ok_or_else(|| AppError::field("organisation_id", "unknown", "no such organisation"))?;
            access(&c, &org)?;
            let ambassador = (c.role == Role::Ambassador).then_some(c.user_id.0);
            let check = new_check(txn, org.id, ambassador).await?;
            if let Some(r) = input.request_id {
                let req = enrolment_request::Entity::find_by_id(r.0)
                    .one(txn)
                    .await?
                    .filter(|x| x.organisation_id == org.id)
                    .ok_or_else(|| AppError::field("request_id", "unknown", "no such request of this organisation"))?;
                enrolment_request::Entity::update_many()
                    .col_expr(enrolment_request::Column::ReadinessCheckId, Expr::value(Some(check.id)))
                    .filter(enrolment_request::Column::Id.eq(req.id))
                    .exec(txn)
                    .await?;
            }
            crate::audit::record(txn, Some(c.user_id), "readiness.check_created", &format!("readiness_check:{}", check.id), None).await?;
            Ok(check.id)
        })
    })
    .await?;
    get_check(state, caller, id).await
}

pub async fn list_checks(state: &AppState, caller: &Caller, org: Option<OrganisationId>) -> AppResult<Vec<CheckSummary>> {
    let db = &state.db;
    let mut q = readiness_check::Entity::find().order_by_desc(readiness_check::Column::Id);
    if let Some(o) = org {
        q = q.filter(readiness_check::Column::OrganisationId.eq(o.0));
    }
    let orgs: HashMap<i64, organisation::Model> = organisation::Entity::find().all(db).await?.into_iter().map(|o| (o.id, o)).collect();
    let versions: HashMap<i64, i32> = readiness_template::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .map(|t| (t.id, t.version.unwrap_or(0)))
        .collect();
    if caller.role == Role::Trainer {
        return Err(AppError::Forbidden);
    }
    Ok(q.all(db)
        .await?
        .into_iter()
        .filter(|c| orgs.get(&c.organisation_id).is_some_and(|o| access(caller, o).is_ok()))
        .map(|c| CheckSummary {
            id: c.id,
            organisation: NamedRef {
                id: OrganisationId(c.organisation_id),
                name: orgs.get(&c.organisation_id).map(|o| o.name.clone()).unwrap_or_default(),
            },
            status: status_of(&c),
            template_version: versions.get(&c.template_id).copied().unwrap_or(0),
            scheduled_at: c.scheduled_at,
            completed_at: c.completed_at,
        })
        .collect())
}

async fn user_ref<C: ConnectionTrait>(db: &C, id: Option<i64>) -> AppResult<Option<NamedRef<UserId>>> {
    let Some(id) = id else { return Ok(None) };
    Ok(user::Entity::find_by_id(id).one(db).await?.map(|u| NamedRef { id: UserId(u.id), name: u.name }))
}

pub async fn get_check(state: &AppState, caller: &Caller, id: i64) -> AppResult<CheckView> {
    let db = &state.db;
    let (c, org, _) = load(db, caller, id).await?;
    let version = readiness_template::Entity::find_by_id(c.template_id).one(db).await?.and_then(|t| t.version).unwrap_or(0);
    let answers = readiness_answer::Entity::find()
        .filter(readiness_answer::Column::CheckId.eq(c.id))
        .all(db)
        .await?
        .into_iter()
        .filter_map(|a| Answer::parse(&a.answer).map(|ans| AnswerView { item_id: a.item_id, answer: ans, note: a.note }))
        .collect();
    let orgref = NamedRef { id: OrganisationId(org.id), name: org.name.clone() };
    let followups = followup_activity::Entity::find()
        .filter(followup_activity::Column::CheckId.eq(c.id))
        .order_by_asc(followup_activity::Column::DueOn)
        .all(db)
        .await?
        .into_iter()
        .map(|f| to_followup(f, orgref.clone()))
        .collect();
    Ok(CheckView {
        id: c.id,
        organisation: orgref,
        status: status_of(&c),
        template_version: version,
        items: items_of(db, c.template_id).await?,
        answers,
        scheduled_at: c.scheduled_at,
        location: c.location,
        ambassador: user_ref(db, c.ambassador_id).await?,
        project_leader: user_ref(db, c.project_leader_id).await?,
        summary: c.summary,
        completed_at: c.completed_at,
        followups,
    })
}

pub fn to_followup(f: followup_activity::Model, org: NamedRef<OrganisationId>) -> Followup {
    Followup {
        id: f.id,
        check_id: f.check_id,
        organisation: org,
        item_id: f.item_id,
        description: f.description,
        owner: Owner::parse(&f.owner).unwrap_or(Owner::Organisation),
        due_on: f.due_on,
        status: FollowupStatus::parse(&f.status).unwrap_or(FollowupStatus::Open),
    }
}

/// Plans or moves the interview; every invitee gets (an update of) the same invitation.
pub async fn schedule(state: &AppState, caller: &Caller, id: i64, input: ScheduleInput) -> AppResult<CheckView> {
    caller.require(&[Role::BelCoordinator, Role::Ambassador])?;
    let mut errs = Errors::default();
    let location = errs.text("location", &input.location, 300);
    errs.finish()?;
    let c = *caller;
    write_txn(state, move |txn| {
        Box::pin(async move {
            let (check, org, from, to) = load_to_conduct(txn, &c, id, CheckEvent::Schedule, "schedule").await?;
            let leader = user::Entity::find_by_id(input.project_leader_id.0)
                .one(txn)
                .await?
                .filter(|u| u.role == Role::BelCoordinator.as_str() && u.active)
                .ok_or_else(|| AppError::field("project_leader_id", "not_bel", "the project leader must be an active BEL user"))?;
            // A first invitation has SEQUENCE 0; every later change raises it.
            let sequence = if check.scheduled_at.is_some() { check.invite_sequence + 1 } else { check.invite_sequence };
            let ambassador = if c.role == Role::Ambassador { Some(c.user_id.0) } else { check.ambassador_id };
            readiness_check::Entity::update_many()
                .col_expr(readiness_check::Column::Status, Expr::value(to.as_str()))
                .col_expr(readiness_check::Column::ScheduledAt, Expr::value(Some(input.at)))
                .col_expr(readiness_check::Column::Location, Expr::value(Some(location.clone())))
                .col_expr(readiness_check::Column::ProjectLeaderId, Expr::value(Some(leader.id)))
                .col_expr(readiness_check::Column::AmbassadorId, Expr::value(ambassador))
                .col_expr(readiness_check::Column::InviteSequence, Expr::value(sequence))
                .col_expr(readiness_check::Column::UpdatedAt, Expr::value(Utc::now()))
                .filter(readiness_check::Column::Id.eq(check.id))
                .filter(readiness_check::Column::Status.eq(from.as_str()))
                .exec(txn)
                .await?;
            let fresh = readiness_check::Entity::find_by_id(check.id).one(txn).await?.ok_or(AppError::NotFound)?;
            send_invitations(txn, &fresh, &org, false).await?;
            crate::audit::record(txn, Some(c.user_id), "readiness.scheduled", &format!("readiness_check:{}", check.id), Some(input.at.to_rfc3339()))
                .await?;
            Ok(())
        })
    })
    .await?;
    state.mail_notify.notify_one();
    get_check(state, caller, id).await
}

/// Cancels the interview; invitees get a cancellation of the same calendar event.
pub async fn cancel(state: &AppState, caller: &Caller, id: i64) -> AppResult<CheckView> {
    caller.require(&[Role::BelCoordinator, Role::Ambassador])?;
    let c = *caller;
    write_txn(state, move |txn| {
        Box::pin(async move {
            let (check, org, from, to) = load_to_conduct(txn, &c, id, CheckEvent::Cancel, "cancel").await?;
            let sequence = check.invite_sequence + 1;
            readiness_check::Entity::update_many()
                .col_expr(readiness_check::Column::Status, Expr::value(to.as_str()))
                .col_expr(readiness_check::Column::InviteSequence, Expr::value(sequence))
                .col_expr(readiness_check::Column::UpdatedAt, Expr::value(Utc::now()))
                .filter(readiness_check::Column::Id.eq(check.id))
                .filter(readiness_check::Column::Status.eq(from.as_str()))
                .exec(txn)
                .await?;
            if check.scheduled_at.is_some() {
                let fresh = readiness_check::Entity::find_by_id(check.id).one(txn).await?.ok_or(AppError::NotFound)?;
                send_invitations(txn, &fresh, &org, true).await?;
            }
            crate::audit::record(txn, Some(c.user_id), "readiness.cancelled", &format!("readiness_check:{}", check.id), None).await?;
            Ok(())
        })
    })
    .await?;
    state.mail_notify.notify_one();
    get_check(state, caller, id).await
}

/// Saves one answer (autosave during the interview).
pub async fn answer(state: &AppState, caller: &Caller, id: i64, input: AnswerInput) -> AppResult<CheckView> {
    let mut errs = Errors::default();
    let note = errs.opt_text("note", input.note.as_deref(), MAX_TEXT);
    errs.finish()?;
    let c = *caller;
    write_txn(state, move |txn| {
        Box::pin(async move {
            let (check, _, _, _) = load_to_conduct(txn, &c, id, CheckEvent::Answer, "answer").await?;
            let item = readiness_item::Entity::find_by_id(input.item_id)
                .one(txn)
                .await?
                .filter(|i| i.template_id == check.template_id)
                .ok_or_else(|| AppError::field("item_id", "unknown", "no such item in this check's template"))?;
            let existing = readiness_answer::Entity::find()
                .filter(readiness_answer::Column::CheckId.eq(check.id))
                .filter(readiness_answer::Column::ItemId.eq(item.id))
                .one(txn)
                .await?;
            match existing {
                Some(a) => {
                    readiness_answer::Entity::update_many()
                        .col_expr(readiness_answer::Column::Answer, Expr::value(input.answer.as_str()))
                        .col_expr(readiness_answer::Column::Note, Expr::value(note))
                        .col_expr(readiness_answer::Column::UpdatedAt, Expr::value(Utc::now()))
                        .filter(readiness_answer::Column::Id.eq(a.id))
                        .exec(txn)
                        .await?;
                }
                None => {
                    readiness_answer::ActiveModel {
                        check_id: Set(check.id),
                        item_id: Set(item.id),
                        answer: Set(input.answer.as_str().into()),
                        note: Set(note),
                        updated_at: Set(Utc::now()),
                        ..Default::default()
                    }
                    .insert(txn)
                    .await?;
                }
            }
            Ok(())
        })
    })
    .await?;
    get_check(state, caller, id).await
}

/// Follow-up proposals derived from the answers so far.
pub async fn proposals(state: &AppState, caller: &Caller, id: i64) -> AppResult<Vec<FollowupInput>> {
    let view = get_check(state, caller, id).await?;
    let answers: HashMap<i64, &AnswerView> = view.answers.iter().map(|a| (a.item_id, a)).collect();
    let items: Vec<(i64, &str, &str, Option<Answer>, Option<&str>)> = view
        .items
        .iter()
        .map(|i| {
            let a = answers.get(&i.id);
            (i.id, i.code.as_str(), i.title.as_str(), a.map(|a| a.answer), a.and_then(|a| a.note.as_deref()))
        })
        .collect();
    Ok(rules::propose_followups(&items, Utc::now().date_naive()))
}

/// Completes the interview with its summary and the follow-up activities as edited.
pub async fn complete(state: &AppState, caller: &Caller, id: i64, input: CompleteInput) -> AppResult<CheckView> {
    let mut errs = Errors::default();
    let summary = errs.text("summary", &input.summary, MAX_TEXT);
    let mut followups = Vec::new();
    for (i, f) in input.followups.iter().enumerate() {
        let d = errs.text(&format!("followups[{i}].description"), &f.description, MAX_TEXT);
        followups.push((f.item_id, d, f.owner, f.due_on));
    }
    errs.finish()?;
    let c = *caller;
    write_txn(state, move |txn| {
        Box::pin(async move {
            let (check, org, from, to) = load_to_conduct(txn, &c, id, CheckEvent::Complete, "complete").await?;
            // Who held the interview is on record even when it was never scheduled in the planner.
            let ambassador = check.ambassador_id.or((c.role == Role::Ambassador).then_some(c.user_id.0));
            let leader = check.project_leader_id.or((c.role == Role::BelCoordinator).then_some(c.user_id.0));
            let res = readiness_check::Entity::update_many()
                .col_expr(readiness_check::Column::Status, Expr::value(to.as_str()))
                .col_expr(readiness_check::Column::AmbassadorId, Expr::value(ambassador))
                .col_expr(readiness_check::Column::ProjectLeaderId, Expr::value(leader))
                .col_expr(readiness_check::Column::Summary, Expr::value(Some(summary)))
                .col_expr(readiness_check::Column::CompletedAt, Expr::value(Some(Utc::now())))
                .col_expr(readiness_check::Column::UpdatedAt, Expr::value(Utc::now()))
                .filter(readiness_check::Column::Id.eq(check.id))
                .filter(readiness_check::Column::Status.eq(from.as_str()))
                .exec(txn)
                .await?;
            if res.rows_affected != 1 {
                return Err(illegal(from, "complete"));
            }
            for (item_id, description, owner, due_on) in followups {
                followup_activity::ActiveModel {
                    check_id: Set(check.id),
                    organisation_id: Set(org.id),
                    item_id: Set(item_id),
                    description: Set(description),
                    owner: Set(owner.as_str().into()),
                    due_on: Set(due_on),
                    status: Set(FollowupStatus::Open.as_str().into()),
                    reminder_sent_at: Set(None),
                    overdue_sent_at: Set(None),
                    created_at: Set(Utc::now()),
                    ..Default::default()
                }
                .insert(txn)
                .await?;
            }
            crate::audit::record(txn, Some(c.user_id), "readiness.completed", &format!("readiness_check:{}", check.id), None).await?;
            Ok(())
        })
    })
    .await?;
    get_check(state, caller, id).await
}

/// The interviewers, BEL or the organisation itself update a follow-up's progress.
pub async fn update_followup(state: &AppState, caller: &Caller, id: i64, input: FollowupUpdate) -> AppResult<Followup> {
    let c = *caller;
    let fid = write_txn(state, move |txn| {
        Box::pin(async move {
            let f = followup_activity::Entity::find_by_id(id).one(txn).await?.ok_or(AppError::NotFound)?;
            load(txn, &c, f.check_id).await?;
            followup_activity::Entity::update_many()
                .col_expr(followup_activity::Column::Status, Expr::value(input.status.as_str()))
                .filter(followup_activity::Column::Id.eq(f.id))
                .exec(txn)
                .await?;
            crate::audit::record(txn, Some(c.user_id), "readiness.followup_updated", &format!("followup:{}", f.id), Some(input.status.as_str().into()))
                .await?;
            Ok(f.id)
        })
    })
    .await?;
    let f = followup_activity::Entity::find_by_id(fid).one(&state.db).await?.ok_or(AppError::NotFound)?;
    let org = organisation::Entity::find_by_id(f.organisation_id).one(&state.db).await?.ok_or(AppError::NotFound)?;
    Ok(to_followup(f, NamedRef { id: OrganisationId(org.id), name: org.name }))
}


/// BEL users who can join an interview as project leader.
pub async fn project_leaders(state: &AppState, caller: &Caller) -> AppResult<Vec<ProjectLeader>> {
    caller.require(&[Role::BelCoordinator, Role::Ambassador])?;
    Ok(user::Entity::find()
        .filter(user::Column::Role.eq(Role::BelCoordinator.as_str()))
        .filter(user::Column::Active.eq(true))
        .order_by_asc(user::Column::Name)
        .all(&state.db)
        .await?
        .into_iter()
        .map(|u| ProjectLeader { id: UserId(u.id), name: u.name })
        .collect())
}

/// Follow-up activities in the caller's scope (an organisation's contact: their own).
pub async fn followups(state: &AppState, caller: &Caller, org: Option<OrganisationId>) -> AppResult<Vec<Followup>> {
    if caller.role == Role::Trainer {
        return Err(AppError::Forbidden);
    }
    let db = &state.db;
    let orgs: HashMap<i64, organisation::Model> = organisation::Entity::find().all(db).await?.into_iter().map(|o| (o.id, o)).collect();
    let mut q = followup_activity::Entity::find().order_by_asc(followup_activity::Column::DueOn);
    if let Some(o) = org {
        q = q.filter(followup_activity::Column::OrganisationId.eq(o.0));
    }
    Ok(q.all(db)
        .await?
        .into_iter()
        .filter_map(|f| {
            let o = orgs.get(&f.organisation_id)?;
            access(caller, o).ok()?;
            Some(to_followup(f, NamedRef { id: OrganisationId(o.id), name: o.name.clone() }))
        })
        .collect())
}

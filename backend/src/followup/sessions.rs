//! Follow-up (plan action 12): supervision, coaching on the job and deepening
//! sessions for trained professionals, planned by trainers or BEL, with
//! attendance and notes; organisations' requests for them; quality reflections
//! in supervision; the lists of who is trained and who still waits for
//! follow-up; the certificate; and the programme's delivery settings.

use super::{notify, rules};
use crate::budget::{costs, lines};
use crate::auth::Caller;
use crate::db::write_txn;
use crate::email;
use crate::entities::{
    enrolment, followup_participant as part, followup_request as request, followup_session as session,
    professional, programme, quality_reflection as reflection, training_group, user,
};
use crate::reference::lookup::{names, Names};
use crate::error::{validate::Errors, AppError, AppResult};
use crate::state::AppState;
use crate::training::service::{days_of, may_run};
use chrono::Datelike;
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseTransaction, EntityTrait, QueryFilter, QueryOrder, Set};
use std::collections::{BTreeSet, HashMap};
use va_openapi::auth::{NamedRef, Role};
use va_openapi::enrolment::EnrolmentStatus;
use va_openapi::followup::*;
use va_openapi::training::AttendanceStatus;
use va_openapi::*;

/// A trained professional: their latest training in a programme, or for
/// someone trained before the programme (imported), that date alone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Trained {
    pub on: chrono::NaiveDate,
    pub programme_id: Option<i64>,
    pub group_id: Option<i64>,
}

/// Everyone trained, by professional: in a programme (the latest training
/// wins) or before it (plan action 12: support for the earlier-trained too),
/// the same people the dashboard counts as trained.
pub async fn trained<C: ConnectionTrait>(db: &C) -> AppResult<HashMap<i64, Trained>> {
    let mut out: HashMap<i64, Trained> = HashMap::new();
    for e in enrolment::Entity::find().filter(enrolment::Column::Status.eq(EnrolmentStatus::Trained.as_str())).all(db).await? {
        let Some(on) = e.trained_on else { continue };
        if out.get(&e.professional_id).is_none_or(|x| x.on < on) {
            out.insert(e.professional_id, Trained { on, programme_id: Some(e.programme_id), group_id: e.group_id });
        }
    }
    for p in professional::Entity::find().filter(professional::Column::TrainedBeforeOn.is_not_null()).all(db).await? {
        if let (Some(on), false) = (p.trained_before_on, out.contains_key(&p.id)) {
            out.insert(p.id, Trained { on, programme_id: None, group_id: None });
        }
    }
    Ok(out)
}

pub(super) async fn profs<C: ConnectionTrait>(db: &C, ids: impl IntoIterator<Item = i64>) -> AppResult<HashMap<i64, professional::Model>> {
    Ok(professional::Entity::find().filter(professional::Column::Id.is_in(ids)).all(db).await?.into_iter().map(|p| (p.id, p)).collect())
}

async fn user_names<C: ConnectionTrait>(db: &C, ids: impl IntoIterator<Item = i64>) -> AppResult<HashMap<i64, String>> {
    Ok(user::Entity::find().filter(user::Column::Id.is_in(ids)).all(db).await?.into_iter().map(|u| (u.id, u.name)).collect())
}

/// Groups the caller runs (trainers); BEL: none needed.
pub(super) async fn groups_run<C: ConnectionTrait>(db: &C, caller: &Caller) -> AppResult<BTreeSet<i64>> {
    let mut out = BTreeSet::new();
    for g in training_group::Entity::find().all(db).await? {
        let days = days_of(db, g.id).await?;
        if may_run(caller, &g, &days).is_ok() {
            out.insert(g.id);
        }
    }
    Ok(out)
}

/// Is this professional (of organisation `org`) in the caller's scope?
pub(super) fn in_scope(caller: &Caller, n: &Names, org: i64) -> bool {
    match caller.role {
        Role::BelCoordinator | Role::Trainer => true,
        Role::Ambassador => n.organisation(org).and_then(|o| o.region_id) == caller.region().map(|r| r.0),
        Role::OrgContact => caller.organisation().map(|o| o.0) == Some(org),
    }
}

pub(super) fn may_lead(caller: &Caller, s: &session::Model) -> bool {
    caller.role == Role::BelCoordinator || (caller.role == Role::Trainer && (s.trainer_id == Some(caller.user_id.0) || s.created_by == caller.user_id.0))
}

pub(super) async fn session_view<C: ConnectionTrait>(db: &C, caller: &Caller, n: &Names, s: session::Model, today: chrono::NaiveDate) -> AppResult<SessionView> {
    let parts = part::Entity::find().filter(part::Column::SessionId.eq(s.id)).order_by_asc(part::Column::Id).all(db).await?;
    let people = profs(db, parts.iter().map(|p| p.professional_id)).await?;
    let lead = may_lead(caller, &s);
    let refl = if lead {
        reflection::Entity::find().filter(reflection::Column::SessionId.eq(s.id)).order_by_asc(reflection::Column::Id).all(db).await?
    } else {
        Vec::new()
    };
    let users = user_names(db, refl.iter().map(|r| r.recorded_by).chain(s.trainer_id)).await?;
    let group = match s.group_id {
        Some(g) => training_group::Entity::find_by_id(g).one(db).await?.map(|g| NamedRef { id: GroupId(g.id), name: g.name }),
        None => None,
    };
    let name_of = |id: i64| people.get(&id).map(|p| p.name.clone()).unwrap_or_default();
    let mut participants: Vec<SessionParticipant> = parts
        .iter()
        .filter_map(|p| {
            let prof = people.get(&p.professional_id)?;
            in_scope(caller, n, prof.organisation_id).then(|| SessionParticipant {
                professional_id: ProfessionalId(prof.id),
                name: prof.name.clone(),
                organisation: n.org(prof.organisation_id),
                attendance: p.attendance.as_deref().and_then(AttendanceStatus::parse),
                note: if lead { p.note.clone() } else { None },
            })
        })
        .collect();
    participants.sort_by(|a, b| a.name.cmp(&b.name));
    let status = SessionStatus::parse(&s.status).unwrap_or(SessionStatus::Planned);
    Ok(SessionView {
        id: FollowupSessionId(s.id),
        kind: FollowupKind::parse(&s.kind).unwrap_or(FollowupKind::Supervision),
        group,
        day: s.day,
        starts_at: s.starts_at.clone(),
        ends_at: s.ends_at.clone(),
        place: s.place.clone(),
        trainer: s.trainer_id.map(|t| NamedRef { id: UserId(t), name: users.get(&t).cloned().unwrap_or_default() }),
        can_mark: lead && status != SessionStatus::Cancelled && rules::may_record(s.day, today),
        status,
        notes: if lead { s.notes.clone() } else { None },
        reason: s.reason.clone(),
        cost_eur: s.cost_eur,
        participants,
        reflections: refl
            .into_iter()
            .map(|r| ReflectionView {
                id: ReflectionId(r.id),
                professional: NamedRef { id: ProfessionalId(r.professional_id), name: name_of(r.professional_id) },
                complete: r.complete,
                economical: r.economical,
                coherent: r.coherent,
                predictive: r.predictive,
                note: r.note,
                recorded_by: users.get(&r.recorded_by).cloned().unwrap_or_default(),
                created_at: r.created_at,
            })
            .collect(),
    })
}

/// One session, if the caller may see it.
pub async fn get(state: &AppState, caller: &Caller, id: FollowupSessionId) -> AppResult<SessionView> {
    let db = &state.db;
    let s = session::Entity::find_by_id(id.0).one(db).await?.ok_or(AppError::NotFound)?;
    let n = names(db).await?;
    let v = session_view(db, caller, &n, s.clone(), state.settings.clock.today()).await?;
    let visible = match caller.role {
        Role::BelCoordinator => true,
        Role::Trainer => may_lead(caller, &s),
        _ => !v.participants.is_empty(),
    };
    if !visible {
        return Err(AppError::NotFound);
    }
    Ok(v)
}

/// BEL or a trainer plans a session for a group's trained participants and/or named trained professionals.
pub async fn plan(state: &AppState, caller: &Caller, input: NewSession) -> AppResult<SessionView> {
    caller.require(&[Role::BelCoordinator, Role::Trainer])?;
    let mut errs = Errors::default();
    let place = errs.text("place", &input.place, MAX_NAME_LEN);
    errs.times("", &input.starts_at, &input.ends_at);
    if input.day < state.settings.clock.today() {
        errs.add("day", "in_past", "today or later");
    }
    if input.group_id.is_none() && input.professional_ids.is_empty() {
        errs.add("professional_ids", "required", "a group or at least one trained professional");
    }
    if caller.role == Role::Trainer && input.trainer_id.is_some_and(|t| t != caller.user_id) {
        errs.add("trainer_id", "not_yourself", "a trainer plans sessions they lead");
    }
    errs.finish()?;
    let c = *caller;
    let now = state.settings.clock.now();
    let today = state.settings.clock.today();
    let organizer = state.settings.organizer();
    let id = write_txn(state, move |txn| {
        Box::pin(async move {
            let trained = trained(txn).await?;
            // A trainer reaches the people trained in the groups they ran, no one else.
            let run = if c.role == Role::Trainer { Some(groups_run(txn, &c).await?) } else { None };
            let mut who: Vec<i64> = Vec::new();
            let mut programme_id = None;
            if let Some(gid) = input.group_id {
                let g = training_group::Entity::find_by_id(gid.0).one(txn).await?.ok_or_else(|| AppError::field("group_id", "unknown", "no such group"))?;
                let days = days_of(txn, g.id).await?;
                if c.role == Role::Trainer && may_run(&c, &g, &days).is_err() {
                    return Err(AppError::field("group_id", "not_your_group", "a trainer plans follow-up for the groups they ran"));
                }
                let mut of_group: Vec<i64> = trained.iter().filter(|(_, t)| t.group_id == Some(g.id)).map(|(p, _)| *p).collect();
                if of_group.is_empty() {
                    return Err(AppError::field("group_id", "not_trained", "no one in this group is trained yet"));
                }
                of_group.sort_unstable();
                who.extend(of_group);
                programme_id = Some(g.programme_id);
            }
            for (i, p) in input.professional_ids.iter().enumerate() {
                let theirs = |e: &&Trained| run.as_ref().is_none_or(|run| e.group_id.is_some_and(|g| run.contains(&g)));
                let Some(e) = trained.get(&p.0).filter(theirs) else {
                    return Err(AppError::field(&format!("professional_ids[{i}]"), "not_trained", "follow-up is for trained professionals (a trainer's: of their groups)"));
                };
                if let Some(p) = e.programme_id {
                    programme_id.get_or_insert(p);
                }
                if !who.contains(&p.0) {
                    who.push(p.0);
                }
            }
            let req = match input.request_id {
                Some(r) => {
                    // Organisations' requests are BEL's to plan; a trainer does not see them.
                    let x = request::Entity::find_by_id(r.0).one(txn).await?.filter(|_| run.is_none());
                    let x = x.ok_or_else(|| AppError::field("request_id", "unknown", "no such request"))?;
                    if x.status != FollowupRequestStatus::Open.as_str() {
                        return Err(AppError::conflict(ErrorCode::InvalidTransition, "the request is planned or declined already"));
                    }
                    Some(x)
                }
                None => None,
            };
            // Only people trained before the programme: the session belongs to the programme in view.
            let pid = match programme_id {
                Some(p) => p,
                None => crate::reference::lookup::programme_in_view(txn, None).await?.map(|p| p.id).ok_or_else(|| AppError::field("professional_ids", "required", "no programme to plan in"))?,
            };
            let p = programme::Entity::find_by_id(pid).one(txn).await?.ok_or(AppError::NotFound)?;
            let trainer = if c.role == Role::Trainer { Some(c.user_id.0) } else { input.trainer_id.map(|t| t.0) };
            if let Some(t) = trainer {
                let u = user::Entity::find_by_id(t).one(txn).await?;
                if !u.is_some_and(|u| u.role == Role::Trainer.as_str() && u.active) {
                    return Err(AppError::field("trainer_id", "not_a_trainer", "an active trainer"));
                }
            }
            let price = costs::session_price(&p, input.kind);
            // Follow-up for people trained already does not wait for a year's budget to be set.
            lines::ensure_fits_when_budgeted(txn, input.day.year(), va_openapi::budget::BudgetLineKind::Training, price, today).await?;
            let s = session::ActiveModel {
                programme_id: Set(p.id),
                kind: Set(input.kind.as_str().into()),
                group_id: Set(input.group_id.map(|g| g.0)),
                day: Set(input.day),
                starts_at: Set(input.starts_at.clone()),
                ends_at: Set(input.ends_at.clone()),
                place: Set(place),
                trainer_id: Set(trainer),
                status: Set(SessionStatus::Planned.as_str().into()),
                notes: Set(None),
                reason: Set(None),
                cost_eur: Set(price),
                created_by: Set(c.user_id.0),
                created_at: Set(now),
                ..Default::default()
            }
            .insert(txn)
            .await?;
            let people = profs(txn, who.iter().copied()).await?;
            for pid in &who {
                part::ActiveModel { session_id: Set(s.id), professional_id: Set(*pid), attendance: Set(None), note: Set(None), ..Default::default() }
                    .insert(txn)
                    .await?;
                if let Some(prof) = people.get(pid) {
                    email::enqueue(txn, notify::session_planned(prof, &s, &organizer)).await?;
                }
            }
            if let Some(r) = req {
                request::Entity::update_many()
                    .col_expr(request::Column::Status, Expr::value(FollowupRequestStatus::Planned.as_str()))
                    .col_expr(request::Column::SessionId, Expr::value(Some(s.id)))
                    .col_expr(request::Column::DecidedAt, Expr::value(Some(now)))
                    .filter(request::Column::Id.eq(r.id))
                    .exec(txn)
                    .await?;
                for contact in crate::reference::lookup::org_contacts(txn, r.organisation_id).await? {
                    email::enqueue(txn, notify::request_answered(&contact, input.kind, Some(&s), None)).await?;
                }
            }
            crate::audit::record(txn, Some(c.user_id), "followup.planned", &format!("followup:{}", s.id), Some(format!("{} {} participants", s.kind, who.len())))
                .await?;
            Ok(s.id)
        })
    })
    .await?;
    state.mail_notify.notify_one();
    get(state, caller, FollowupSessionId(id)).await
}

async fn led_session(txn: &DatabaseTransaction, c: &Caller, id: i64) -> AppResult<session::Model> {
    let s = session::Entity::find_by_id(id).one(txn).await?.ok_or(AppError::NotFound)?;
    if !may_lead(c, &s) {
        return Err(if c.role == Role::Trainer { AppError::NotFound } else { AppError::Forbidden });
    }
    Ok(s)
}

/// The trainer records attendance and notes from the session's day on; the session is then held.
pub async fn record(state: &AppState, caller: &Caller, id: FollowupSessionId, input: SessionRecord) -> AppResult<SessionView> {
    caller.require(&[Role::BelCoordinator, Role::Trainer])?;
    let mut errs = Errors::default();
    let notes = errs.opt_text("notes", input.notes.as_deref(), 5000);
    let marks: Vec<(i64, AttendanceStatus, Option<String>)> = input
        .marks
        .iter()
        .enumerate()
        .map(|(i, m)| (m.professional_id.0, m.status, errs.opt_text(&format!("marks[{i}].note"), m.note.as_deref(), 1000)))
        .collect();
    if input.marks.is_empty() {
        errs.add("marks", "required", "at least one mark");
    }
    errs.finish()?;
    let today = state.settings.clock.today();
    let c = *caller;
    write_txn(state, move |txn| {
        Box::pin(async move {
            let s = led_session(txn, &c, id.0).await?;
            if s.status == SessionStatus::Cancelled.as_str() || !rules::may_record(s.day, today) {
                return Err(AppError::conflict(ErrorCode::AttendanceClosed, format!("attendance can be recorded from {} on, unless cancelled", s.day)));
            }
            let parts: HashMap<i64, part::Model> =
                part::Entity::find().filter(part::Column::SessionId.eq(s.id)).all(txn).await?.into_iter().map(|p| (p.professional_id, p)).collect();
            for (i, (pid, status, note)) in marks.into_iter().enumerate() {
                let Some(p) = parts.get(&pid) else {
                    return Err(AppError::field(&format!("marks[{i}].professional_id"), "not_a_participant", "not a participant of this session"));
                };
                part::Entity::update_many()
                    .col_expr(part::Column::Attendance, Expr::value(Some(status.as_str())))
                    .col_expr(part::Column::Note, Expr::value(note))
                    .filter(part::Column::Id.eq(p.id))
                    .exec(txn)
                    .await?;
            }
            session::Entity::update_many()
                .col_expr(session::Column::Status, Expr::value(SessionStatus::Held.as_str()))
                .col_expr(session::Column::Notes, Expr::value(notes))
                .filter(session::Column::Id.eq(s.id))
                .exec(txn)
                .await?;
            crate::audit::record(txn, Some(c.user_id), "followup.recorded", &format!("followup:{}", s.id), None).await?;
            Ok(())
        })
    })
    .await?;
    get(state, caller, id).await
}

/// A planned session is cancelled; participants get the reason and the calendar cancellation.
pub async fn cancel(state: &AppState, caller: &Caller, id: FollowupSessionId, input: ReasonInput) -> AppResult<SessionView> {
    caller.require(&[Role::BelCoordinator, Role::Trainer])?;
    let mut errs = Errors::default();
    let reason = errs.text("reason", &input.reason, 1000);
    errs.finish()?;
    let c = *caller;
    let organizer = state.settings.organizer();
    write_txn(state, move |txn| {
        Box::pin(async move {
            let s = led_session(txn, &c, id.0).await?;
            let res = session::Entity::update_many()
                .col_expr(session::Column::Status, Expr::value(SessionStatus::Cancelled.as_str()))
                .col_expr(session::Column::Reason, Expr::value(Some(reason.clone())))
                .filter(session::Column::Id.eq(s.id))
                .filter(session::Column::Status.eq(SessionStatus::Planned.as_str()))
                .exec(txn)
                .await?;
            if res.rows_affected != 1 {
                return Err(AppError::conflict(ErrorCode::InvalidTransition, "only a planned session can be cancelled"));
            }
            let parts = part::Entity::find().filter(part::Column::SessionId.eq(s.id)).all(txn).await?;
            let people = profs(txn, parts.iter().map(|p| p.professional_id)).await?;
            for p in people.values() {
                email::enqueue(txn, notify::session_cancelled(p, &s, &reason, &organizer)).await?;
            }
            crate::audit::record(txn, Some(c.user_id), "followup.cancelled", &format!("followup:{}", s.id), Some(reason)).await?;
            Ok(())
        })
    })
    .await?;
    state.mail_notify.notify_one();
    get(state, caller, id).await
}

/// In supervision the trainer records a reflection on a VA the professional brought.
pub async fn reflect(state: &AppState, caller: &Caller, id: FollowupSessionId, input: ReflectionInput) -> AppResult<SessionView> {
    caller.require(&[Role::BelCoordinator, Role::Trainer])?;
    let mut errs = Errors::default();
    for (field, v) in [("complete", input.complete), ("economical", input.economical), ("coherent", input.coherent), ("predictive", input.predictive)] {
        if !(1..=4).contains(&v) {
            errs.add(field, "out_of_range", "1-4");
        }
    }
    let note = errs.opt_text("note", input.note.as_deref(), 2000);
    if note.as_deref().is_some_and(rules::looks_like_personal_data) {
        errs.add("note", "personal_data", "no data about the young person or family: no citizen service number, no date of birth");
    }
    errs.finish()?;
    let today = state.settings.clock.today();
    let now = state.settings.clock.now();
    let c = *caller;
    write_txn(state, move |txn| {
        Box::pin(async move {
            let s = led_session(txn, &c, id.0).await?;
            if s.kind != FollowupKind::Supervision.as_str() {
                return Err(AppError::conflict(ErrorCode::Conflict, "quality reflections are recorded in supervision"));
            }
            if s.status == SessionStatus::Cancelled.as_str() || !rules::may_record(s.day, today) {
                return Err(AppError::conflict(ErrorCode::AttendanceClosed, format!("reflections can be recorded from {} on, unless cancelled", s.day)));
            }
            let is_part = part::Entity::find()
                .filter(part::Column::SessionId.eq(s.id))
                .filter(part::Column::ProfessionalId.eq(input.professional_id.0))
                .one(txn)
                .await?
                .is_some();
            if !is_part {
                return Err(AppError::field("professional_id", "not_a_participant", "not a participant of this session"));
            }
            reflection::ActiveModel {
                session_id: Set(s.id),
                professional_id: Set(input.professional_id.0),
                complete: Set(input.complete),
                economical: Set(input.economical),
                coherent: Set(input.coherent),
                predictive: Set(input.predictive),
                note: Set(note),
                recorded_by: Set(c.user_id.0),
                created_at: Set(now),
                ..Default::default()
            }
            .insert(txn)
            .await?;
            crate::audit::record(txn, Some(c.user_id), "followup.reflection", &format!("followup:{}", s.id), None).await?;
            Ok(())
        })
    })
    .await?;
    get(state, caller, id).await
}

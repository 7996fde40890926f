//! A person's data on request (AVG art. 15/20): BEL finds a professional and
//! gets everything the planner holds about them, as JSON or a readable page.
//! Every look and every download is recorded in the audit log.

use crate::auth::Caller;
use crate::entities::{
    attendance, audit_log, email_outbox, enrolment, enrolment_event, enrolment_request, followup_participant, followup_session, organisation, professional,
    programme, readiness_answer, readiness_check, readiness_item, training_day, training_group, user,
};
use crate::error::validate::Errors;
use crate::error::{AppError, AppResult};
use crate::state::AppState;
use sea_orm::sea_query::{Expr, Func};
use sea_orm::{ColumnTrait, Condition, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
use std::collections::HashMap;
use va_openapi::auth::{NamedRef, Role};
use va_openapi::privacy::{
    PersonAnswer, PersonAttendance, PersonCertificate, PersonData, PersonEnrolment, PersonEvent, PersonFollowup, PersonLearning, PersonHit, PersonMail, PersonProfile, PersonReadiness,
};
use va_openapi::{EnrolmentId, FollowupSessionId, LearningSessionId, GroupId, MailId, OrganisationId, ProfessionalId, RequestId};

/// Who may see a person's data: BEL, which answers the requests.
pub fn require(caller: &Caller) -> AppResult<()> {
    caller.require(&[Role::BelCoordinator])
}

/// The audit subject of a professional.
pub fn subject(id: ProfessionalId) -> String {
    format!("professional:{}", id.0)
}

/// Professionals whose name or e-mail address contains `q` (at most 50).
pub async fn search(state: &AppState, caller: &Caller, q: Option<&str>) -> AppResult<Vec<PersonHit>> {
    require(caller)?;
    let mut errs = Errors::default();
    let q = errs.search("q", q, 100);
    errs.finish()?;
    let Some(q) = q else { return Ok(Vec::new()) };
    let like = format!("%{}%", q.to_lowercase());
    let lower = |c: professional::Column| Expr::expr(Func::lower(Expr::col(c)));
    let rows = professional::Entity::find()
        .filter(Condition::any().add(lower(professional::Column::Name).like(like.clone())).add(lower(professional::Column::Email).like(like)))
        .order_by_asc(professional::Column::Name)
        .order_by_asc(professional::Column::Id)
        .limit(50)
        .all(&state.db)
        .await?;
    let orgs = org_names(&state.db, rows.iter().map(|p| p.organisation_id).collect()).await?;
    Ok(rows
        .into_iter()
        .map(|p| PersonHit {
            id: ProfessionalId(p.id),
            organisation: orgs.get(&p.organisation_id).cloned().unwrap_or_default(),
            name: p.name,
            email: p.email,
            erased: p.erased_at.is_some(),
        })
        .collect())
}

async fn org_names<C: ConnectionTrait>(db: &C, ids: Vec<i64>) -> AppResult<HashMap<i64, String>> {
    Ok(organisation::Entity::find().filter(organisation::Column::Id.is_in(ids)).all(db).await?.into_iter().map(|o| (o.id, o.name)).collect())
}

/// Everything about one professional, its reading recorded as `what`
/// (`professional.viewed` or `privacy.exported`).
pub async fn data(state: &AppState, caller: &Caller, id: ProfessionalId, what: &str, detail: Option<String>) -> AppResult<PersonData> {
    require(caller)?;
    let person = professional::Entity::find_by_id(id.0).one(&state.db).await?.ok_or(AppError::NotFound)?;
    crate::audit::record_read(&state.db, caller.user_id, what, &subject(id), detail).await?;
    collect(&state.db, person, state.settings.clock.now()).await
}

/// The person's data as held now (also what an erasure leaves).
pub async fn collect<C: ConnectionTrait>(db: &C, p: professional::Model, now: chrono::DateTime<chrono::Utc>) -> AppResult<PersonData> {
    let org = organisation::Entity::find_by_id(p.organisation_id).one(db).await?.map(|o| o.name).unwrap_or_default();
    let enrolments = enrolment::Entity::find()
        .filter(enrolment::Column::ProfessionalId.eq(p.id))
        .order_by_asc(enrolment::Column::Id)
        .all(db)
        .await?;
    let ids: Vec<i64> = enrolments.iter().map(|e| e.id).collect();
    let programmes: HashMap<i64, String> = programme::Entity::find().all(db).await?.into_iter().map(|x| (x.id, x.name)).collect();
    let group_ids: Vec<i64> = enrolments.iter().filter_map(|e| e.group_id).collect();
    let days = training_day::Entity::find().filter(training_day::Column::Id.is_in(
        attendance::Entity::find().select_only().column(attendance::Column::DayId).filter(attendance::Column::EnrolmentId.is_in(ids.clone())).into_tuple::<i64>().all(db).await?,
    ));
    let days: HashMap<i64, training_day::Model> = days.all(db).await?.into_iter().map(|d| (d.id, d)).collect();
    let groups: HashMap<i64, String> = training_group::Entity::find()
        .filter(training_group::Column::Id.is_in(group_ids.into_iter().chain(days.values().map(|d| d.group_id))))
        .all(db)
        .await?
        .into_iter()
        .map(|g| (g.id, g.name))
        .collect();
    let mut events: HashMap<i64, Vec<PersonEvent>> = HashMap::new();
    for ev in enrolment_event::Entity::find()
        .filter(enrolment_event::Column::EnrolmentId.is_in(ids.clone()))
        .order_by_asc(enrolment_event::Column::At)
        .order_by_asc(enrolment_event::Column::Id)
        .all(db)
        .await?
    {
        events.entry(ev.enrolment_id.unwrap_or_default()).or_default().push(PersonEvent {
            at: ev.at,
            action: ev.action,
            from_status: ev.from_status,
            to_status: ev.to_status,
            reason: ev.reason,
        });
    }
    let programme_name = |id: i64| programmes.get(&id).cloned().unwrap_or_default();
    let certificates = enrolments
        .iter()
        .filter(|e| e.status == "trained")
        .filter_map(|e| e.trained_on.map(|d| PersonCertificate { enrolment_id: EnrolmentId(e.id), programme: programme_name(e.programme_id), trained_on: d }))
        .collect();
    let request_ids: Vec<i64> = enrolments.iter().map(|e| e.request_id).collect();
    let readiness_checks = readiness(db, request_ids).await?;
    let attendance = attendance::Entity::find()
        .filter(attendance::Column::EnrolmentId.is_in(ids.clone()))
        .all(db)
        .await?
        .into_iter()
        .filter_map(|a| {
            let d = days.get(&a.day_id)?;
            Some(PersonAttendance { day: d.day, group: groups.get(&d.group_id).cloned().unwrap_or_default(), status: a.status, note: a.note })
        })
        .collect();
    let taking = followup_participant::Entity::find().filter(followup_participant::Column::ProfessionalId.eq(p.id)).order_by_asc(followup_participant::Column::Id).all(db).await?;
    let sessions: HashMap<i64, followup_session::Model> = followup_session::Entity::find()
        .filter(followup_session::Column::Id.is_in(taking.iter().map(|t| t.session_id).collect::<Vec<_>>()))
        .all(db)
        .await?
        .into_iter()
        .map(|s| (s.id, s))
        .collect();
    let followup = taking
        .into_iter()
        .filter_map(|fp| {
            let s = sessions.get(&fp.session_id)?;
            Some(PersonFollowup { session_id: FollowupSessionId(s.id), kind: s.kind.clone(), day: s.day, status: s.status.clone(), attendance: fp.attendance, note: fp.note })
        })
        .collect();
    let learning = learning_of(db, p.id).await?;
    let mails = mails_to(db, &p.email).await?;
    let subjects: Vec<String> = std::iter::once(subject(ProfessionalId(p.id))).chain(ids.iter().map(|e| format!("enrolment:{e}"))).collect();
    let audit_rows = audit_log::Entity::find().filter(audit_log::Column::Subject.is_in(subjects)).order_by_asc(audit_log::Column::Id).all(db).await?;
    let actor_ids: Vec<i64> = audit_rows.iter().filter_map(|a| a.actor_id).collect();
    let names: HashMap<i64, String> = user::Entity::find().filter(user::Column::Id.is_in(actor_ids)).all(db).await?.into_iter().map(|u| (u.id, u.name)).collect();
    let enrolments = enrolments
        .into_iter()
        .map(|e| PersonEnrolment {
            id: EnrolmentId(e.id),
            request_id: RequestId(e.request_id),
            programme: programme_name(e.programme_id),
            status: e.status,
            group: e.group_id.map(|g| NamedRef { id: GroupId(g), name: groups.get(&g).cloned().unwrap_or_default() }),
            function: e.function,
            ret_uhp: e.ret_uhp,
            remarks: e.remarks,
            last_reason: e.last_reason,
            priority_reason: e.priority_reason,
            trained_on: e.trained_on,
            created_at: e.created_at,
            timeline: events.remove(&e.id).unwrap_or_default(),
        })
        .collect();
    Ok(PersonData {
        profile: PersonProfile {
            id: ProfessionalId(p.id),
            name: p.name,
            email: p.email,
            function: p.function,
            organisation: NamedRef { id: OrganisationId(p.organisation_id), name: org },
            created_at: p.created_at,
            trained_before_on: p.trained_before_on,
            imported_at: p.imported_at,
            erased_at: p.erased_at,
        },
        enrolments,
        readiness_checks,
        attendance,
        followup,
        learning,
        certificates,
        mails,
        audit: crate::audit::entries_of(audit_rows, &names),
        made_at: now,
    })
}

/// Their learning-network registrations, oldest first (the personal links
/// mailed to them are among their mails).
async fn learning_of<C: ConnectionTrait>(db: &C, professional_id: i64) -> AppResult<Vec<PersonLearning>> {
    use crate::entities::{learning_registration as reg, learning_session as session};
    let regs = reg::Entity::find().filter(reg::Column::ProfessionalId.eq(professional_id)).order_by_asc(reg::Column::Id).all(db).await?;
    let sessions: HashMap<i64, session::Model> =
        session::Entity::find().filter(session::Column::Id.is_in(regs.iter().map(|r| r.session_id))).all(db).await?.into_iter().map(|s| (s.id, s)).collect();
    Ok(regs
        .into_iter()
        .filter_map(|r| {
            let s = sessions.get(&r.session_id)?;
            Some(PersonLearning { session_id: LearningSessionId(s.id), title: s.title.clone(), held_on: s.held_on, status: r.status, attended: r.attended, registered_at: r.registered_at })
        })
        .collect())
}

/// The mails to an address (the text is empty once its retention passed).
pub(super) async fn mails_to<C: ConnectionTrait>(db: &C, address: &str) -> AppResult<Vec<PersonMail>> {
    Ok(email_outbox::Entity::find()
        .filter(email_outbox::Column::ToAddr.eq(address))
        .order_by_asc(email_outbox::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(|m| PersonMail { id: MailId(m.id), created_at: m.created_at, sent_at: m.sent_at, subject: m.subject, body_text: m.body_text })
        .collect())
}

/// The readiness checks of the requests the person was filed with.
async fn readiness<C: ConnectionTrait>(db: &C, request_ids: Vec<i64>) -> AppResult<Vec<PersonReadiness>> {
    let requests = enrolment_request::Entity::find().filter(enrolment_request::Column::Id.is_in(request_ids)).order_by_asc(enrolment_request::Column::Id).all(db).await?;
    let check_ids: Vec<i64> = requests.iter().filter_map(|r| r.readiness_check_id).collect();
    let checks: HashMap<i64, readiness_check::Model> =
        readiness_check::Entity::find().filter(readiness_check::Column::Id.is_in(check_ids.clone())).all(db).await?.into_iter().map(|c| (c.id, c)).collect();
    let answers = readiness_answer::Entity::find().filter(readiness_answer::Column::CheckId.is_in(check_ids)).order_by_asc(readiness_answer::Column::Id).all(db).await?;
    let items: HashMap<i64, String> = readiness_item::Entity::find()
        .filter(readiness_item::Column::Id.is_in(answers.iter().map(|a| a.item_id).collect::<Vec<_>>()))
        .all(db)
        .await?
        .into_iter()
        .map(|i| (i.id, i.title))
        .collect();
    Ok(requests
        .into_iter()
        .filter_map(|r| {
            let c = checks.get(&r.readiness_check_id?)?;
            Some(PersonReadiness {
                request_id: RequestId(r.id),
                status: c.status.clone(),
                scheduled_at: c.scheduled_at,
                completed_at: c.completed_at,
                summary: c.summary.clone(),
                answers: answers
                    .iter()
                    .filter(|a| a.check_id == c.id)
                    .map(|a| PersonAnswer { item: items.get(&a.item_id).cloned().unwrap_or_default(), answer: a.answer.clone(), note: a.note.clone() })
                    .collect(),
            })
        })
        .collect())
}

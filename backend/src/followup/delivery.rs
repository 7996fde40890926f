//! The follow-up overview per role, the certificate of a trained professional, and the delivery settings of a programme.

use super::requests::request_views;
use super::rules;
use super::sessions::{groups_run, in_scope, may_lead, profs, session_view, trained, Trained};
use crate::auth::Caller;
use crate::entities::{
    enrolment, followup_participant as part, followup_request as request, followup_session as session,
    professional, programme, training_group, user,
};
use crate::reference::lookup::names;
use crate::error::{validate::Errors, AppError, AppResult};
use crate::reference::service::write_programme;
use crate::state::AppState;
use crate::training::service::{days_of, held, may_run};
use sea_orm::sea_query::Expr;
use sea_orm::{EntityTrait, QueryOrder};
use std::collections::{BTreeSet, HashMap};
use va_openapi::auth::{NamedRef, Role};
use va_openapi::enrolment::EnrolmentStatus;
use va_openapi::followup::*;
use va_openapi::training::AttendanceStatus;
use va_openapi::*;

/// The follow-up one professional attended (held, marked present).
#[derive(Debug, Clone, Default)]
pub(super) struct Attended {
    pub count: i32,
    pub last: Option<chrono::NaiveDate>,
    pub kinds: Vec<FollowupKind>,
}

/// What follow-up everyone had, and who is in a session still to come.
pub(super) struct Had {
    pub attended: HashMap<i64, Attended>,
    pub planned: BTreeSet<i64>,
}

/// The one reading of follow-up sessions the overview and the reminders share.
pub(super) async fn followup_had<C: sea_orm::ConnectionTrait>(db: &C) -> AppResult<Had> {
    let sessions: HashMap<i64, session::Model> = session::Entity::find().all(db).await?.into_iter().map(|s| (s.id, s)).collect();
    let mut had = Had { attended: HashMap::new(), planned: BTreeSet::new() };
    for p in part::Entity::find().all(db).await? {
        let Some(s) = sessions.get(&p.session_id) else { continue };
        if s.status == SessionStatus::Held.as_str() && p.attendance.as_deref() == Some(AttendanceStatus::Present.as_str()) {
            let a = had.attended.entry(p.professional_id).or_default();
            a.count += 1;
            a.last = a.last.max(Some(s.day));
            if let Some(k) = FollowupKind::parse(&s.kind) {
                if !a.kinds.contains(&k) {
                    a.kinds.push(k);
                }
            }
        } else if s.status == SessionStatus::Planned.as_str() {
            had.planned.insert(p.professional_id);
        }
    }
    for a in had.attended.values_mut() {
        a.kinds.sort_by_key(|k| FollowupKind::ALL.iter().position(|x| x == k));
    }
    Ok(had)
}

/// Who is trained and what follow-up they had, in the caller's scope: BEL all,
/// ambassadors their region, organisation contacts their organisation,
/// trainers the groups they ran.
pub async fn overview(state: &AppState, caller: &Caller) -> AppResult<FollowupOverview> {
    let db = &state.db;
    let today = state.settings.clock.today();
    let n = names(db).await?;
    let trained = trained(db).await?;
    let people = profs(db, trained.keys().copied()).await?;
    let run = if caller.role == Role::Trainer { groups_run(db, caller).await? } else { BTreeSet::new() };
    let visible = |e: &Trained, org: i64| match caller.role {
        Role::Trainer => e.group_id.is_some_and(|g| run.contains(&g)),
        _ => in_scope(caller, &n, org),
    };
    let all_sessions = session::Entity::find().order_by_asc(session::Column::Day).order_by_asc(session::Column::Id).all(db).await?;
    let had = followup_had(db).await?;
    let mut rows: Vec<TrainedProfessional> = Vec::new();
    for (pid, e) in &trained {
        let Some(p) = people.get(pid) else { continue };
        let on = e.on;
        if !visible(e, p.organisation_id) {
            continue;
        }
        let h = had.attended.get(pid).cloned().unwrap_or_default();
        rows.push(TrainedProfessional {
            professional: NamedRef { id: ProfessionalId(p.id), name: p.name.clone() },
            organisation: n.org(p.organisation_id),
            region: n.org_region(p.organisation_id),
            trained_on: on,
            days_since_training: rules::days_since(on, today),
            sessions_attended: h.count,
            last_followup: h.last,
            planned: had.planned.contains(pid),
            kinds: h.kinds,
        });
    }
    rows.sort_by(|a, b| a.trained_on.cmp(&b.trained_on).then_with(|| a.professional.name.cmp(&b.professional.name)));
    let without_followup: Vec<TrainedProfessional> = rows.iter().filter(|r| r.sessions_attended == 0).cloned().collect();
    let mut per_org: HashMap<i64, OrganisationFollowup> = HashMap::new();
    for r in &rows {
        let o = per_org.entry(r.organisation.id.0).or_insert_with(|| OrganisationFollowup {
            organisation: r.organisation.clone(),
            region: r.region.clone(),
            trained: 0,
            with_followup: 0,
            sessions_attended: 0,
            per_kind: Vec::new(),
        });
        o.trained += 1;
        o.with_followup += i32::from(r.sessions_attended > 0);
        o.sessions_attended += r.sessions_attended;
    }
    for o in per_org.values_mut() {
        let theirs: Vec<&[FollowupKind]> = rows.iter().filter(|r| r.organisation.id == o.organisation.id).map(|r| r.kinds.as_slice()).collect();
        o.per_kind = rules::coverage(&theirs);
    }
    let per_kind = rules::coverage(&rows.iter().map(|r| r.kinds.as_slice()).collect::<Vec<_>>());
    let mut per_organisation: Vec<OrganisationFollowup> = per_org.into_values().collect();
    per_organisation.sort_by(|a, b| a.organisation.name.cmp(&b.organisation.name));
    let mut sessions = Vec::new();
    for s in all_sessions {
        let show = match caller.role {
            Role::BelCoordinator => true,
            Role::Trainer => may_lead(caller, &s),
            _ => false,
        };
        let v = session_view(db, caller, &n, s, today).await?;
        if show || (!matches!(caller.role, Role::BelCoordinator | Role::Trainer) && !v.participants.is_empty()) {
            sessions.push(v);
        }
    }
    let requests = match caller.role {
        Role::Trainer => Vec::new(),
        _ => {
            let rows = request::Entity::find().order_by_desc(request::Column::CreatedAt).all(db).await?;
            let rows = rows.into_iter().filter(|r| in_scope(caller, &n, r.organisation_id)).collect();
            request_views(db, &n, rows).await?
        }
    };
    Ok(FollowupOverview { without_followup, trained: rows, per_kind, per_organisation, sessions, requests })
}

/// The certificate of participation of a trained professional.
pub async fn certificate(state: &AppState, caller: &Caller, id: EnrolmentId) -> AppResult<Certificate> {
    let db = &state.db;
    let e = enrolment::Entity::find_by_id(id.0).one(db).await?.ok_or(AppError::NotFound)?;
    let p = professional::Entity::find_by_id(e.professional_id).one(db).await?.ok_or(AppError::NotFound)?;
    let n = names(db).await?;
    let g = match e.group_id {
        Some(g) => training_group::Entity::find_by_id(g).one(db).await?,
        None => None,
    };
    let days = match &g {
        Some(g) => days_of(db, g.id).await?,
        None => Vec::new(),
    };
    let allowed = match caller.role {
        Role::Trainer => g.as_ref().is_some_and(|g| may_run(caller, g, &days).is_ok()),
        _ => in_scope(caller, &n, p.organisation_id),
    };
    if !allowed {
        return Err(AppError::NotFound);
    }
    let (Some(g), Some(trained_on), true) = (g, e.trained_on, e.status == EnrolmentStatus::Trained.as_str()) else {
        return Err(AppError::conflict(ErrorCode::InvalidTransition, "a certificate is for a trained professional"));
    };
    let prog = programme::Entity::find_by_id(e.programme_id).one(db).await?.ok_or(AppError::NotFound)?;
    let trainer = match g.trainer_id {
        Some(t) => user::Entity::find_by_id(t).one(db).await?.map(|u| u.name),
        None => None,
    };
    Ok(Certificate {
        enrolment_id: id,
        professional: p.name,
        organisation: n.org(p.organisation_id).name,
        programme: prog.name,
        course_type: prog.course_type,
        group: g.name,
        days: held(&days).iter().map(|d| d.day).collect(),
        trained_on,
        trainer,
    })
}

fn settings_of(p: &programme::Model) -> DeliverySettings {
    DeliverySettings {
        attendance_window_days: p.attendance_window_days,
        completion_max_excused: p.completion_max_excused,
        completion_max_absent: p.completion_max_absent,
        supervision_session_eur: p.supervision_session_eur,
        coaching_session_eur: p.coaching_session_eur,
        deepening_session_eur: p.deepening_session_eur,
        followup_reminder_weeks: p.followup_reminder_weeks,
        day_reminder_days: p.day_reminder_days,
    }
}

pub async fn get_settings(state: &AppState, caller: &Caller, id: ProgrammeId) -> AppResult<DeliverySettings> {
    caller.require(&[Role::BelCoordinator, Role::Trainer])?;
    let p = programme::Entity::find_by_id(id.0).one(&state.db).await?.ok_or(AppError::NotFound)?;
    Ok(settings_of(&p))
}

/// BEL changes the attendance window, the completion rule and follow-up prices.
pub async fn set_settings(state: &AppState, caller: &Caller, id: ProgrammeId, s: DeliverySettings) -> AppResult<DeliverySettings> {
    caller.require(&[Role::BelCoordinator])?;
    let mut errs = Errors::default();
    errs.range("attendance_window_days", s.attendance_window_days.into(), 0, 60);
    errs.range("completion_max_excused", s.completion_max_excused.into(), 0, 10);
    errs.range("completion_max_absent", s.completion_max_absent.into(), 0, 10);
    errs.range("supervision_session_eur", s.supervision_session_eur, 0, 100_000);
    errs.range("coaching_session_eur", s.coaching_session_eur, 0, 100_000);
    errs.range("deepening_session_eur", s.deepening_session_eur, 0, 100_000);
    errs.range("followup_reminder_weeks", s.followup_reminder_weeks.into(), 0, 52);
    errs.range("day_reminder_days", s.day_reminder_days.into(), 0, 30);
    errs.finish()?;
    let detail = format!("{s:?}");
    write_programme(state, caller, id, "programme.delivery_settings_changed", detail, move |q| {
        q.col_expr(programme::Column::AttendanceWindowDays, Expr::value(s.attendance_window_days))
            .col_expr(programme::Column::CompletionMaxExcused, Expr::value(s.completion_max_excused))
            .col_expr(programme::Column::CompletionMaxAbsent, Expr::value(s.completion_max_absent))
            .col_expr(programme::Column::SupervisionSessionEur, Expr::value(s.supervision_session_eur))
            .col_expr(programme::Column::CoachingSessionEur, Expr::value(s.coaching_session_eur))
            .col_expr(programme::Column::DeepeningSessionEur, Expr::value(s.deepening_session_eur))
            .col_expr(programme::Column::FollowupReminderWeeks, Expr::value(s.followup_reminder_weeks))
            .col_expr(programme::Column::DayReminderDays, Expr::value(s.day_reminder_days))
    })
    .await?;
    get_settings(state, caller, id).await
}

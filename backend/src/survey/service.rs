//! Survey rounds, forms and reminders.

use super::rules::{self, Access, Reminder, Who};
use crate::auth::Caller;
use crate::db::write_txn;
use crate::email::{self, templates::bilingual, OutgoingEmail};
use crate::entities::{organisation, programme, region, survey_response as resp, survey_round as round, user};
use crate::reference::lookup::active_users;
use crate::error::{validate::Errors, AppError, AppResult};
use crate::state::AppState;
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set};
use std::collections::{BTreeMap, HashMap};
use va_openapi::auth::{NamedRef, Role};
use va_openapi::reference::OrganisationKind;
use va_openapi::survey::*;
use va_openapi::{ErrorCode, OrganisationId, ProgrammeId, RegionId, SurveyRoundId, UserId};

const MAX_TEXT: usize = 5000;

fn who(c: &Caller) -> Who {
    Who { role: c.role, user_id: c.user_id.0, region: c.region().map(|r| r.0), organisation: c.organisation().map(|o| o.0) }
}

fn kind(o: &organisation::Model) -> OrganisationKind {
    OrganisationKind::parse(&o.kind).unwrap_or(OrganisationKind::Other)
}

struct Ctx {
    orgs: Vec<organisation::Model>,
    regions: HashMap<i64, String>,
    users: HashMap<i64, user::Model>,
    programmes: HashMap<i64, programme::Model>,
}

async fn ctx<C: ConnectionTrait>(db: &C) -> AppResult<Ctx> {
    Ok(Ctx {
        orgs: organisation::Entity::find().order_by_asc(organisation::Column::Name).all(db).await?.into_iter().filter(|o| rules::surveyed(kind(o))).collect(),
        regions: region::Entity::find().all(db).await?.into_iter().map(|r| (r.id, r.name)).collect(),
        users: user::Entity::find().all(db).await?.into_iter().map(|u| (u.id, u)).collect(),
        programmes: programme::Entity::find().all(db).await?.into_iter().map(|p| (p.id, p)).collect(),
    })
}

fn access_of(caller: &Caller, o: &organisation::Model, r: Option<&resp::Model>) -> Access {
    rules::access(&who(caller), o.id, kind(o), o.region_id, r.and_then(|r| r.delegated_to))
}

/// A form only handed on, without answers, has not been started.
fn status(r: Option<&resp::Model>) -> SurveyStatus {
    match r {
        Some(r) if r.submitted_at.is_some() => SurveyStatus::Submitted,
        Some(r)
            if r.trained_reported.is_some()
                || r.doing_vas.is_some()
                || r.still_to_train.is_some()
                || r.vas_done.is_some()
                || r.hours_needed.is_some()
                || r.hours_available.is_some()
                || r.bottlenecks.is_some()
                || r.success_factors.is_some() =>
        {
            SurveyStatus::Draft
        }
        _ => SurveyStatus::NotStarted,
    }
}

fn line(caller: &Caller, cx: &Ctx, o: &organisation::Model, r: Option<&resp::Model>) -> SurveyLine {
    SurveyLine {
        organisation: NamedRef { id: OrganisationId(o.id), name: o.name.clone() },
        kind: kind(o),
        region: o.region_id.map(|id| NamedRef { id: RegionId(id), name: cx.regions.get(&id).cloned().unwrap_or_default() }),
        status: status(r),
        delegated_to: r.and_then(|r| r.delegated_to).map(|u| NamedRef { id: UserId(u), name: cx.users.get(&u).map(|u| u.name.clone()).unwrap_or_default() }),
        submitted_at: r.and_then(|r| r.submitted_at),
        can_answer: access_of(caller, o, r) >= Access::Answer,
    }
}

async fn responses<C: ConnectionTrait>(db: &C, round_id: i64) -> AppResult<HashMap<i64, resp::Model>> {
    Ok(resp::Entity::find().filter(resp::Column::RoundId.eq(round_id)).all(db).await?.into_iter().map(|r| (r.organisation_id, r)).collect())
}

/// The lines the caller sees in a round (organisations they may at least view).
fn lines(caller: &Caller, cx: &Ctx, answers: &HashMap<i64, resp::Model>) -> Vec<SurveyLine> {
    cx.orgs.iter().filter(|o| access_of(caller, o, answers.get(&o.id)) > Access::None).map(|o| line(caller, cx, o, answers.get(&o.id))).collect()
}

fn round_view(cx: &Ctx, r: &round::Model, lines: &[SurveyLine]) -> SurveyRound {
    SurveyRound {
        id: SurveyRoundId(r.id),
        programme: r.programme_id.and_then(|p| cx.programmes.get(&p)).map(|p| NamedRef { id: ProgrammeId(p.id), name: p.name.clone() }),
        year: r.year,
        deadline: r.deadline,
        opened_at: r.opened_at,
        submitted: i32::try_from(lines.iter().filter(|l| l.status == SurveyStatus::Submitted).count()).unwrap_or(i32::MAX),
        total: i32::try_from(lines.len()).unwrap_or(i32::MAX),
        reminder_before_at: r.reminder_before_at,
        reminder_after_at: r.reminder_after_at,
    }
}

fn may_use(caller: &Caller) -> AppResult<()> {
    caller.require(&[Role::BelCoordinator, Role::Ambassador, Role::OrgContact])
}

/// A programme's rounds (default the first VA training), newest first, with completion in the caller's scope.
pub async fn list(state: &AppState, caller: &Caller, programme: Option<ProgrammeId>) -> AppResult<Vec<SurveyRound>> {
    may_use(caller)?;
    let db = &state.db;
    let Some(p) = crate::reference::lookup::programme_in_view(db, programme).await? else { return Ok(vec![]) };
    let cx = ctx(db).await?;
    let mut out = Vec::new();
    for r in round::Entity::find().filter(round::Column::ProgrammeId.eq(p.id)).order_by_desc(round::Column::Year).all(db).await? {
        let answers = responses(db, r.id).await?;
        out.push(round_view(&cx, &r, &lines(caller, &cx, &answers)));
    }
    Ok(out)
}

async fn load_round<C: ConnectionTrait>(db: &C, id: SurveyRoundId) -> AppResult<round::Model> {
    round::Entity::find_by_id(id.0).one(db).await?.ok_or(AppError::NotFound)
}

pub async fn overview(state: &AppState, caller: &Caller, id: SurveyRoundId) -> AppResult<SurveyOverview> {
    may_use(caller)?;
    let db = &state.db;
    let r = load_round(db, id).await?;
    let cx = ctx(db).await?;
    let answers = responses(db, r.id).await?;
    let lines = lines(caller, &cx, &answers);
    Ok(SurveyOverview { round: round_view(&cx, &r, &lines), lines })
}

/// The programme a new round is about: the one named (422 when unknown), else the first VA training.
async fn programme_of_new(state: &AppState, asked: Option<ProgrammeId>) -> AppResult<programme::Model> {
    match crate::reference::lookup::programme_in_view(&state.db, asked).await {
        Ok(Some(p)) => Ok(p),
        Ok(None) => Err(AppError::field("programme_id", "required", "there is no programme yet")),
        Err(AppError::NotFound) => Err(AppError::field("programme_id", "unknown", "no such programme")),
        Err(e) => Err(e),
    }
}

/// BEL opens a programme's round of a year; the ambassadors are told.
pub async fn open(state: &AppState, caller: &Caller, input: NewSurveyRound) -> AppResult<SurveyRound> {
    caller.require(&[Role::BelCoordinator])?;
    let today = state.settings.clock.today();
    let prog = programme_of_new(state, input.programme_id).await?;
    let mut errs = Errors::default();
    errs.range("year", i64::from(input.year), 2020, 2100);
    if input.deadline < today {
        errs.add("deadline", "in_past", "the deadline must not be in the past");
    }
    errs.finish()?;
    let now = state.settings.clock.now();
    let actor = caller.user_id;
    let link = format!("{}/monitoring/uitvraag", state.settings.public_url.trim_end_matches('/'));
    let row = write_txn(state, move |txn| {
        Box::pin(async move {
            let same = round::Entity::find().filter(round::Column::ProgrammeId.eq(prog.id)).filter(round::Column::Year.eq(input.year));
            if same.one(txn).await?.is_some() {
                return Err(AppError::conflict(ErrorCode::AlreadyExists, format!("the survey of {} is open already", input.year)));
            }
            let row = round::ActiveModel {
                programme_id: Set(Some(prog.id)),
                year: Set(input.year),
                deadline: Set(input.deadline),
                opened_by: Set(actor.0),
                opened_at: Set(now),
                reminder_before_at: Set(None),
                reminder_after_at: Set(None),
                ..Default::default()
            }
            .insert(txn)
            .await?;
            crate::audit::record(txn, Some(actor), "survey.opened", &format!("survey:{}", row.id), Some(format!("{} until {}", row.year, row.deadline))).await?;
            for amb in active_users(Role::Ambassador).all(txn).await? {
                email::enqueue(txn, opened_mail(&amb, &row, &prog.name, &link)).await?;
            }
            Ok(row)
        })
    })
    .await?;
    state.mail_notify.notify_one();
    overview(state, caller, SurveyRoundId(row.id)).await.map(|o| o.round)
}

fn dmy(d: chrono::NaiveDate) -> String {
    d.format("%d-%m-%Y").to_string()
}

fn opened_mail(to: &user::Model, r: &round::Model, programme: &str, link: &str) -> OutgoingEmail {
    OutgoingEmail::new(
        "survey_opened",
        &to.email,
        &format!("Uitvraag VA {} staat open / VA survey {} is open", r.year, r.year),
        bilingual(
            &format!(
                "Beste {},\n\nDe jaarlijkse uitvraag over {} ({programme}) staat open tot en met {}. U vult hem in voor de gemeenten en het CJG \
                 in uw regio, of zet een formulier door naar de contactpersoon van de organisatie.\n\nVolgende stap: {link}",
                to.name,
                r.year,
                dmy(r.deadline)
            ),
            &format!(
                "Dear {},\n\nThe yearly survey about {} ({programme}) is open until {}. Answer it for the municipalities and CJG of your region, \
                 or hand a form to the organisation's contact.\n\nNext step: {link}",
                to.name,
                r.year,
                dmy(r.deadline)
            ),
        ),
    )
}

fn answers_of(r: Option<&resp::Model>, trained_in_system: i32) -> SurveyAnswers {
    match r {
        None => SurveyAnswers { trained: Some(trained_in_system), ..Default::default() },
        Some(r) => SurveyAnswers {
            trained: r.trained_reported.or(Some(trained_in_system)),
            trained_note: r.trained_note.clone(),
            doing_vas: r.doing_vas,
            still_to_train: r.still_to_train,
            vas_done: r.vas_done,
            hours_needed: r.hours_needed,
            hours_available: r.hours_available,
            bottlenecks: r.bottlenecks.clone(),
            success_factors: r.success_factors.clone(),
        },
    }
}

async fn trained_in_system<C: ConnectionTrait>(cx: &Ctx, db: &C, r: &round::Model, org: i64) -> AppResult<i32> {
    crate::monitoring::dashboard::trained_of(db, org, r.programme_id.and_then(|p| cx.programmes.get(&p))).await
}

/// An organisation's form; 404 when the caller may not see it.
pub async fn form(state: &AppState, caller: &Caller, id: SurveyRoundId, org: OrganisationId) -> AppResult<SurveyForm> {
    may_use(caller)?;
    let db = &state.db;
    let r = load_round(db, id).await?;
    let cx = ctx(db).await?;
    let o = cx.orgs.iter().find(|o| o.id == org.0).ok_or(AppError::NotFound)?;
    let answers = responses(db, r.id).await?;
    let mine = answers.get(&o.id);
    let acc = access_of(caller, o, mine);
    if acc == Access::None {
        return Err(AppError::NotFound);
    }
    let trained = trained_in_system(&cx, db, &r, o.id).await?;
    let contacts = cx
        .users
        .values()
        .filter(|u| u.active && u.role == Role::OrgContact.as_str() && u.organisation_id == Some(o.id))
        .map(|u| NamedRef { id: UserId(u.id), name: u.name.clone() })
        .collect();
    let all_lines = lines(caller, &cx, &answers);
    Ok(SurveyForm {
        round: round_view(&cx, &r, &all_lines),
        line: line(caller, &cx, o, mine),
        trained_in_system: trained,
        answers: answers_of(mine, trained),
        contacts,
        can_delegate: acc == Access::Delegate,
        submitted_by: mine.and_then(|m| m.submitted_by).and_then(|u| cx.users.get(&u)).map(|u| u.name.clone()),
    })
}

/// An organisation's row of a round for writing: the stored one, or a new one
/// (`save` then updates or inserts). The round's row lock comes first, so two
/// first saves of a form make one row instead of a key violation.
async fn form_row<C: ConnectionTrait>(txn: &C, id: SurveyRoundId, org: OrganisationId) -> AppResult<resp::ActiveModel> {
    crate::db::lock_row::<round::Entity, _>(txn, round::Column::Id, id.0).await?;
    Ok(match resp::Entity::find().filter(resp::Column::RoundId.eq(id.0)).filter(resp::Column::OrganisationId.eq(org.0)).one(txn).await? {
        Some(r) => r.into(),
        None => resp::ActiveModel { round_id: Set(id.0), organisation_id: Set(org.0), ..Default::default() },
    })
}

/// Saves a draft or submits; a submitted form may be corrected and submitted again.
pub async fn save(state: &AppState, caller: &Caller, id: SurveyRoundId, org: OrganisationId, input: SurveySave) -> AppResult<SurveyForm> {
    let current = form(state, caller, id, org).await?;
    if !current.line.can_answer {
        return Err(AppError::Forbidden);
    }
    let mut errs = Errors::default();
    for (field, code) in rules::check(&input.answers, current.trained_in_system, input.submit) {
        errs.add(field, code, format!("{field}: {code}"));
    }
    let a = input.answers;
    let note = errs.opt_text("trained_note", a.trained_note.as_deref(), MAX_TEXT);
    let bottlenecks = errs.opt_text("bottlenecks", a.bottlenecks.as_deref(), MAX_TEXT);
    let success = errs.opt_text("success_factors", a.success_factors.as_deref(), MAX_TEXT);
    errs.finish()?;
    let now = state.settings.clock.now();
    let actor = caller.user_id;
    let submit = input.submit;
    write_txn(state, move |txn| {
        Box::pin(async move {
            let mut row = form_row(txn, id, org).await?;
            row.trained_reported = Set(a.trained);
            row.trained_note = Set(note);
            row.doing_vas = Set(a.doing_vas);
            row.still_to_train = Set(a.still_to_train);
            row.vas_done = Set(a.vas_done);
            row.hours_needed = Set(a.hours_needed);
            row.hours_available = Set(a.hours_available);
            row.bottlenecks = Set(bottlenecks);
            row.success_factors = Set(success);
            row.updated_at = Set(now);
            if submit {
                row.submitted_at = Set(Some(now));
                row.submitted_by = Set(Some(actor.0));
            }
            row.save(txn).await?;
            let what = if submit { "survey.submitted" } else { "survey.saved" };
            crate::audit::record(txn, Some(actor), what, &format!("survey:{}:organisation:{}", id.0, org.0), None).await?;
            Ok(())
        })
    })
    .await?;
    form(state, caller, id, org).await
}

/// Hands the form to an organisation contact (mailed), or takes it back.
pub async fn delegate(state: &AppState, caller: &Caller, id: SurveyRoundId, org: OrganisationId, input: SurveyDelegate) -> AppResult<SurveyForm> {
    let current = form(state, caller, id, org).await?;
    if !current.can_delegate {
        return Err(AppError::Forbidden);
    }
    if let Some(u) = input.user_id {
        if !current.contacts.iter().any(|c| c.id == u) {
            return Err(AppError::field("user_id", "not_contact", "not an active contact of this organisation"));
        }
    }
    let contact = match input.user_id {
        Some(u) => user::Entity::find_by_id(u.0).one(&state.db).await?,
        None => None,
    };
    let now = state.settings.clock.now();
    let actor = caller.user_id;
    let link = format!("{}/monitoring/uitvraag/{}/{}", state.settings.public_url.trim_end_matches('/'), id.0, org.0);
    let (year, deadline, org_name) = (current.round.year, current.round.deadline, current.line.organisation.name.clone());
    write_txn(state, move |txn| {
        Box::pin(async move {
            let to = contact.as_ref().map(|c| c.id);
            let mut row = form_row(txn, id, org).await?;
            row.delegated_to = Set(to);
            row.updated_at = Set(now);
            row.save(txn).await?;
            crate::audit::record(txn, Some(actor), "survey.delegated", &format!("survey:{}:organisation:{}", id.0, org.0), to.map(|u| format!("user:{u}"))).await?;
            if let Some(c) = contact {
                email::enqueue(txn, delegated_mail(&c, &org_name, year, deadline, &link)).await?;
            }
            Ok(())
        })
    })
    .await?;
    state.mail_notify.notify_one();
    form(state, caller, id, org).await
}

fn delegated_mail(to: &user::Model, org: &str, year: i32, deadline: chrono::NaiveDate, link: &str) -> OutgoingEmail {
    OutgoingEmail::new(
        "survey_delegated",
        &to.email,
        &format!("Uitvraag VA {year} voor {org} / VA survey {year}"),
        bilingual(
            &format!(
                "Beste {},\n\nU bent gevraagd de jaarlijkse uitvraag over de Verklarende Analyse voor {org} in te vullen: hoeveel \
                 professionals getraind zijn, VA's doen en nog getraind moeten worden, de capaciteit en wat helpt of hindert. \
                 Graag uiterlijk {}.\n\nVolgende stap: {link}",
                to.name,
                dmy(deadline)
            ),
            &format!(
                "Dear {},\n\nYou were asked to answer the yearly survey about the Explanatory Analysis for {org}. Please answer by {}.\n\nNext step: {link}",
                to.name,
                dmy(deadline)
            ),
        ),
    )
}

/// Sends the reminders that are due, once each per round; returns mails queued.
pub async fn remind_due(state: &AppState) -> AppResult<usize> {
    let today = state.settings.clock.today();
    let now = state.settings.clock.now();
    let public_url = state.settings.public_url.trim_end_matches('/').to_string();
    let mut sent = 0;
    for r in round::Entity::find().all(&state.db).await? {
        let Some(which) = rules::reminder_due(r.deadline, today, r.reminder_before_at.is_some(), r.reminder_after_at.is_some()) else { continue };
        let link = format!("{public_url}/monitoring/uitvraag");
        sent += write_txn(state, move |txn| {
            Box::pin(async move {
                let col = match which {
                    Reminder::Before => round::Column::ReminderBeforeAt,
                    Reminder::After => round::Column::ReminderAfterAt,
                };
                // The guard: only the run that sets the timestamp sends.
                let res = round::Entity::update_many().col_expr(col, Expr::value(Some(now))).filter(round::Column::Id.eq(r.id)).filter(col.is_null()).exec(txn).await?;
                if res.rows_affected != 1 {
                    return Ok(0);
                }
                let cx = ctx(txn).await?;
                let answers = responses(txn, r.id).await?;
                let ambassadors = active_users(Role::Ambassador).all(txn).await?;
                let bel = active_users(Role::BelCoordinator).all(txn).await?;
                // Who is waited for, with the organisations they still have to answer for.
                let mut todo: BTreeMap<i64, Vec<String>> = BTreeMap::new();
                for o in &cx.orgs {
                    let a = answers.get(&o.id);
                    if status(a) == SurveyStatus::Submitted {
                        continue;
                    }
                    let people: Vec<i64> = match (a.and_then(|a| a.delegated_to), rules::responsible(kind(o), o.region_id)) {
                        (Some(u), _) if cx.users.get(&u).is_some_and(|u| u.active) => vec![u],
                        (_, rules::Responsible::Ambassador) => ambassadors.iter().filter(|u| u.region_id == o.region_id).map(|u| u.id).collect(),
                        (_, rules::Responsible::Bel) => bel.iter().map(|u| u.id).collect(),
                    };
                    for p in people {
                        todo.entry(p).or_default().push(o.name.clone());
                    }
                }
                let mut n = 0;
                for (uid, orgs) in todo {
                    let Some(u) = cx.users.get(&uid) else { continue };
                    email::enqueue(txn, reminder_mail(u, &r, which, &orgs, &link)).await?;
                    n += 1;
                }
                crate::audit::record(txn, None, "survey.reminded", &format!("survey:{}", r.id), Some(format!("{which:?}: {n} mails"))).await?;
                Ok(n)
            })
        })
        .await?;
    }
    Ok(sent)
}

fn reminder_mail(to: &user::Model, r: &round::Model, which: Reminder, orgs: &[String], link: &str) -> OutgoingEmail {
    let list = orgs.iter().map(|o| format!("- {o}")).collect::<Vec<_>>().join("\n");
    let (nl, en) = match which {
        Reminder::Before => (format!("De uitvraag sluit op {}.", dmy(r.deadline)), format!("The survey closes on {}.", dmy(r.deadline))),
        Reminder::After => (
            format!("De uiterste datum ({}) is voorbij; uw antwoorden zijn nog steeds welkom.", dmy(r.deadline)),
            format!("The deadline ({}) has passed; your answers are still welcome.", dmy(r.deadline)),
        ),
    };
    OutgoingEmail::new(
        "survey_reminder",
        &to.email,
        &format!("Herinnering: uitvraag VA {} / Reminder: VA survey", r.year),
        bilingual(
            &format!("Beste {},\n\n{nl} Nog niet ingediend:\n{list}\n\nVolgende stap: vul de formulieren in via {link}", to.name),
            &format!("Dear {},\n\n{en} Not submitted yet:\n{list}\n\nNext step: answer the forms at {link}", to.name),
        ),
    )
}

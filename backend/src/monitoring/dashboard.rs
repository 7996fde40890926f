//! Collects the monitoring facts per organisation with a few aggregate
//! queries (the same SQL on SQLite and PostgreSQL) and shapes the dashboard
//! for the caller's scope: BEL all, ambassadors their region in full and the
//! totals of the others, organisation contacts their own organisation.

use super::rules::{self, OrgFacts, SurveyFacts};
use crate::auth::Caller;
use crate::entities::{organisation, programme, region, survey_response, survey_round};
use crate::error::{AppError, AppResult};
use crate::state::AppState;
use chrono::NaiveDate;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, FromQueryResult, QueryFilter, QueryOrder, Statement};
use std::collections::{BTreeMap, HashMap};
use va_openapi::auth::{NamedRef, Role};
use va_openapi::monitoring::{BudgetFigures, Dashboard, OrganisationFigures, RegionFigures, TrendPoint};
use va_openapi::reference::OrganisationKind;
use va_openapi::{OrganisationId, ProgrammeId, RegionId};

#[derive(FromQueryResult)]
struct EnrolCounts {
    org: i64,
    trained: i64,
    placed: i64,
    waiting: i64,
}

#[derive(FromQueryResult)]
struct OrgCount {
    org: i64,
    n: i64,
}

#[derive(FromQueryResult)]
struct DayCount {
    org: i64,
    day: NaiveDate,
    n: i64,
}

// `{P}` is the programme's id (a number from the database, never caller text).
const ENROLMENTS: &str = "SELECT p.organisation_id AS org, \
    COUNT(DISTINCT CASE WHEN e.status = 'trained' THEN p.id END) AS trained, \
    COUNT(DISTINCT CASE WHEN e.status = 'placed' THEN p.id END) AS placed, \
    COUNT(DISTINCT CASE WHEN e.status IN ('approved', 'waitlisted') AND e.group_id IS NULL THEN p.id END) AS waiting \
    FROM enrolments e JOIN professionals p ON p.id = e.professional_id WHERE e.programme_id = {P} GROUP BY p.organisation_id";

// Trained before the programme and not (again) in it: counted once.
const EARLIER: &str = "SELECT p.organisation_id AS org, COUNT(*) AS n FROM professionals p \
    WHERE p.trained_before_on IS NOT NULL \
    AND NOT EXISTS (SELECT 1 FROM enrolments e WHERE e.professional_id = p.id AND e.status = 'trained') \
    GROUP BY p.organisation_id";

const FOLLOWED_UP: &str = "SELECT p.organisation_id AS org, COUNT(DISTINCT p.id) AS n FROM followup_participants fp \
    JOIN followup_sessions s ON s.id = fp.session_id JOIN professionals p ON p.id = fp.professional_id \
    WHERE s.status = 'held' AND fp.attendance = 'present' AND s.programme_id = {P} \
    AND EXISTS (SELECT 1 FROM enrolments e WHERE e.professional_id = p.id AND e.status = 'trained' AND e.programme_id = {P}) \
    GROUP BY p.organisation_id";

const TRAINED_DAYS: &str = "SELECT p.organisation_id AS org, e.trained_on AS day, COUNT(DISTINCT p.id) AS n \
    FROM enrolments e JOIN professionals p ON p.id = e.professional_id \
    WHERE e.status = 'trained' AND e.trained_on IS NOT NULL AND e.programme_id = {P} GROUP BY p.organisation_id, e.trained_on";

// One organisation's trained professionals, in the programme or (VA training:
// `{VA}` true) before it: the same people as its trained_programme + trained_earlier above.
const TRAINED_OF: &str = "SELECT COUNT(*) AS n FROM professionals p WHERE p.organisation_id = $1 \
    AND (EXISTS (SELECT 1 FROM enrolments e WHERE e.professional_id = p.id AND e.status = 'trained' AND e.programme_id = {P}) \
    OR ({VA} AND p.trained_before_on IS NOT NULL \
    AND NOT EXISTS (SELECT 1 FROM enrolments e WHERE e.professional_id = p.id AND e.status = 'trained')))";

#[derive(FromQueryResult)]
struct Count {
    n: i64,
}

/// Trained professionals of one organisation in a programme (and earlier, for a
/// VA training), for the survey's prefill: the dashboard's "trained" of the organisation.
pub async fn trained_of<C: ConnectionTrait>(db: &C, org: i64, programme: Option<&programme::Model>) -> AppResult<i32> {
    let sql = TRAINED_OF.replace("{P}", &programme.map_or(-1, |p| p.id).to_string()).replace("{VA}", if is_va(programme) { "1 = 1" } else { "1 = 0" });
    let stmt = Statement::from_sql_and_values(db.get_database_backend(), &sql, [org.into()]);
    Ok(Count::find_by_statement(stmt).one(db).await?.map(|c| count(c.n)).unwrap_or(0))
}

fn count(n: i64) -> i32 {
    i32::try_from(n).unwrap_or(i32::MAX)
}

async fn query<T: FromQueryResult, C: ConnectionTrait>(db: &C, sql: &str) -> AppResult<Vec<T>> {
    Ok(T::find_by_statement(Statement::from_string(db.get_database_backend(), sql)).all(db).await?)
}

/// Everything the dashboard is made of, for every organisation.
pub struct Facts {
    pub orgs: Vec<organisation::Model>,
    pub regions: Vec<region::Model>,
    pub facts: HashMap<i64, OrgFacts>,
    /// (organisation, day trained, professionals)
    pub trained_days: Vec<(i64, NaiveDate, i32)>,
    pub survey_year: Option<i32>,
    pub programme_start: Option<NaiveDate>,
    pub programme: Option<NamedRef<ProgrammeId>>,
}

/// The earlier trained (imported, before any programme) were trained in the VA.
fn is_va(programme: Option<&programme::Model>) -> bool {
    programme.is_none_or(|p| p.course_type == "va_training")
}

/// Submitted answers of the programme's latest round, per organisation.
pub async fn latest_survey<C: ConnectionTrait>(db: &C, programme: i64) -> AppResult<(Option<i32>, HashMap<i64, SurveyFacts>)> {
    let rounds = survey_round::Entity::find().filter(survey_round::Column::ProgrammeId.eq(programme));
    let Some(round) = rounds.order_by_desc(survey_round::Column::Year).one(db).await? else {
        return Ok((None, HashMap::new()));
    };
    let answers = survey_response::Entity::find()
        .filter(survey_response::Column::RoundId.eq(round.id))
        .filter(survey_response::Column::SubmittedAt.is_not_null())
        .all(db)
        .await?
        .into_iter()
        .map(|r| {
            let facts = SurveyFacts {
                still_to_train: r.still_to_train.unwrap_or(0),
                doing_vas: r.doing_vas.unwrap_or(0),
                vas_done: r.vas_done.unwrap_or(0),
                hours_needed: r.hours_needed.unwrap_or(0.0),
                hours_available: r.hours_available.unwrap_or(0.0),
            };
            (r.organisation_id, facts)
        })
        .collect();
    Ok((Some(round.year), answers))
}

/// The facts of one programme: its enrolments, follow-up and survey; the
/// earlier trained only for a VA training.
#[tracing::instrument(skip_all)]
pub async fn facts<C: ConnectionTrait>(db: &C, programme: Option<&programme::Model>) -> AppResult<Facts> {
    let pid = programme.map(|p| p.id).unwrap_or(-1);
    let va = is_va(programme);
    let of = |sql: &str| sql.replace("{P}", &pid.to_string());
    let orgs = organisation::Entity::find().order_by_asc(organisation::Column::Name).all(db).await?;
    let regions = region::Entity::find().order_by_asc(region::Column::Id).all(db).await?;
    let mut facts: HashMap<i64, OrgFacts> =
        orgs.iter().map(|o| (o.id, OrgFacts { organisation_id: o.id, region_id: o.region_id, ..Default::default() })).collect();
    for c in query::<EnrolCounts, _>(db, &of(ENROLMENTS)).await? {
        if let Some(f) = facts.get_mut(&c.org) {
            f.trained_programme = count(c.trained);
            f.placed = count(c.placed);
            f.waiting = count(c.waiting);
        }
    }
    for c in query::<OrgCount, _>(db, EARLIER).await?.into_iter().filter(|_| va) {
        if let Some(f) = facts.get_mut(&c.org) {
            f.trained_earlier = count(c.n);
        }
    }
    for c in query::<OrgCount, _>(db, &of(FOLLOWED_UP)).await? {
        if let Some(f) = facts.get_mut(&c.org) {
            f.followed_up = count(c.n);
        }
    }
    let (survey_year, answers) = latest_survey(db, pid).await?;
    for (org, s) in answers {
        if let Some(f) = facts.get_mut(&org) {
            f.survey = Some(s);
        }
    }
    let trained_days = query::<DayCount, _>(db, &of(TRAINED_DAYS)).await?.into_iter().map(|d| (d.org, d.day, count(d.n))).collect();
    let programme_start = programme.map(|p| p.starts_on);
    Ok(Facts { orgs, regions, facts, trained_days, survey_year, programme_start, programme: programme.map(|p| NamedRef { id: ProgrammeId(p.id), name: p.name.clone() }) })
}

/// Whether the caller sees an organisation in detail (its figures, its people):
/// BEL all, ambassadors their region's, contacts their own.
pub fn detail_of(caller: &Caller, o: &organisation::Model) -> bool {
    match caller.role {
        Role::BelCoordinator => true,
        Role::Ambassador => o.region_id.is_some() && o.region_id == caller.region().map(|r| r.0),
        Role::OrgContact => Some(OrganisationId(o.id)) == caller.organisation(),
        Role::Trainer => false,
    }
}

/// The dashboard from collected facts, shaped for the caller.
pub fn shape(caller: &Caller, f: &Facts, today: NaiveDate, now: chrono::DateTime<chrono::Utc>, budgets: Vec<BudgetFigures>) -> Dashboard {
    let own_only = caller.role == Role::OrgContact;
    let visible: Vec<&organisation::Model> = f.orgs.iter().filter(|o| !own_only || detail_of(caller, o)).collect();
    let facts_of = |o: &organisation::Model| f.facts.get(&o.id).cloned().unwrap_or_default();
    let mut by_region: BTreeMap<(bool, i64), Vec<&organisation::Model>> = BTreeMap::new();
    for o in &visible {
        // Regions in id order, organisations without a region last.
        by_region.entry((o.region_id.is_none(), o.region_id.unwrap_or(0))).or_default().push(o);
    }
    let regions = by_region
        .into_iter()
        .map(|((none, id), orgs)| {
            let all: Vec<OrgFacts> = orgs.iter().map(|o| facts_of(o)).collect();
            let shown: Vec<OrganisationFigures> = orgs
                .iter()
                .filter(|o| detail_of(caller, o))
                .map(|o| OrganisationFigures {
                    organisation: NamedRef { id: OrganisationId(o.id), name: o.name.clone() },
                    kind: OrganisationKind::parse(&o.kind).unwrap_or(OrganisationKind::Other),
                    figures: rules::sum(&[facts_of(o)]),
                })
                .collect();
            let region = (!none).then(|| NamedRef {
                id: RegionId(id),
                name: f.regions.iter().find(|r| r.id == id).map(|r| r.name.clone()).unwrap_or_default(),
            });
            RegionFigures { region, figures: rules::sum(&all), detail: !shown.is_empty(), organisations: shown }
        })
        .collect();
    let total = rules::sum(&visible.iter().map(|o| facts_of(o)).collect::<Vec<_>>());
    let ids: std::collections::HashSet<i64> = visible.iter().map(|o| o.id).collect();
    let mut days = Vec::new();
    for (org, day, n) in &f.trained_days {
        if ids.contains(org) {
            days.extend(std::iter::repeat_n(*day, usize::try_from(*n).unwrap_or(0)));
        }
    }
    let from = f.programme_start.or_else(|| days.iter().min().copied()).unwrap_or(today);
    let trend = rules::trend(from, today, total.trained_earlier, &days)
        .into_iter()
        .map(|(month, trained_programme, trained)| TrendPoint { month, trained_programme, trained })
        .collect();
    Dashboard { generated_at: now, programme: f.programme.clone(), survey_year: f.survey_year, total, regions, trend, budgets }
}

pub async fn budgets<C: ConnectionTrait>(db: &C, now: chrono::DateTime<chrono::Utc>) -> AppResult<Vec<BudgetFigures>> {
    Ok(crate::budget::lines::budget_years(db, now)
        .await?
        .into_iter()
        .map(|b| BudgetFigures { year: b.year, budget_eur: b.training_eur, spent_eur: b.spent_eur, committed_eur: b.committed_eur, remaining_eur: b.remaining_eur, lines: b.lines, total: Some(b.total) })
        .collect())
}

/// The dashboard as the caller may see it.
pub async fn dashboard(state: &AppState, caller: &Caller, programme: Option<ProgrammeId>) -> AppResult<Dashboard> {
    caller.require(&[Role::BelCoordinator, Role::Ambassador, Role::OrgContact])?;
    let db = &state.db;
    let now = state.settings.clock.now();
    let p = crate::reference::lookup::programme_in_view(db, programme).await?;
    let f = facts(db, p.as_ref()).await?;
    let budgets = if crate::budget::rules::BUDGET_READERS.contains(&caller.role) { budgets(db, now).await? } else { Vec::new() };
    if caller.role == Role::OrgContact && !f.orgs.iter().any(|o| detail_of(caller, o)) {
        return Err(AppError::NotFound);
    }
    Ok(shape(caller, &f, state.settings.clock.today(), now, budgets))
}

//! The planner against today's figures: inputs per region from monitoring and
//! the groups, scenarios saved and compared, and a scenario's group turned
//! into an extra-group proposal.

use super::rules::{self, RegionInput, Scenario as RuleScenario};
use crate::auth::Caller;
use crate::db::write_txn;
use crate::entities::{extra_group_proposal as proposal, planner_scenario as scen, programme, region, training_group};
use crate::error::{validate::Errors, AppError, AppResult};
use crate::state::AppState;
use chrono::{Datelike, NaiveDate};
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set};
use std::collections::{BTreeMap, HashMap};
use va_openapi::auth::{NamedRef, Role};
use va_openapi::planning::*;
use va_openapi::waitlist::ProposalView;
use va_openapi::{ErrorCode, RegionId, ScenarioId};

/// Today's demand and supply per region, the budget left until the programme's end.
pub struct Inputs {
    pub today: NaiveDate,
    pub until: NaiveDate,
    pub regions: Vec<RegionDemand>,
    /// Budget left per year from today's year to the programme's end.
    pub budget_by_year: std::collections::BTreeMap<i32, i64>,
    pub programme: programme::Model,
}

#[tracing::instrument(skip_all)]
pub async fn inputs<C: ConnectionTrait>(db: &C, today: NaiveDate, programme: Option<va_openapi::ProgrammeId>) -> AppResult<Inputs> {
    let p = crate::reference::lookup::programme_in_view(db, programme).await?.ok_or(AppError::NotFound)?;
    let until = p.ends_on;
    let facts = crate::monitoring::dashboard::facts(db, Some(&p)).await?;
    let names: HashMap<i64, String> = region::Entity::find().all(db).await?.into_iter().map(|r| (r.id, r.name)).collect();
    // Regions in id order, bovenregionaal (none) last.
    let mut by: BTreeMap<(bool, i64), RegionDemand> = BTreeMap::new();
    let entry = |by: &mut BTreeMap<(bool, i64), RegionDemand>, id: Option<i64>| -> (bool, i64) {
        let key = (id.is_none(), id.unwrap_or(0));
        by.entry(key).or_insert_with(|| RegionDemand {
            region: id.map(|id| NamedRef { id: RegionId(id), name: names.get(&id).cloned().unwrap_or_default() }),
            still_to_train: 0,
            waiting: 0,
            trained_staff: 0,
            free_seats: 0,
        });
        key
    };
    for id in names.keys() {
        entry(&mut by, Some(*id));
    }
    entry(&mut by, None);
    for f in facts.facts.values() {
        let key = entry(&mut by, f.region_id);
        if let Some(d) = by.get_mut(&key) {
            // The survey counts everyone still to train; those already placed or waiting are counted apart.
            let open = f.survey.map(|s| (s.still_to_train - f.placed - f.waiting).max(0)).unwrap_or(0);
            d.still_to_train += open;
            d.waiting += f.waiting;
            d.trained_staff += f.trained_programme + f.trained_earlier;
        }
    }
    for g in training_group::Entity::find().filter(training_group::Column::ProgrammeId.eq(p.id)).all(db).await? {
        if g.starts_on <= today || !crate::roster::rules::group_accepts_placements(crate::reference::lookup::group_status(&g, today)) {
            continue;
        }
        let key = entry(&mut by, g.region_id);
        if let Some(d) = by.get_mut(&key) {
            d.free_seats += (g.capacity - g.seats_taken - g.seats_held).max(0);
        }
    }
    let mut budget_by_year = std::collections::BTreeMap::new();
    for year in today.year()..=until.year() {
        budget_by_year.insert(year, crate::budget::lines::budget_year(db, year, today).await?.remaining_eur);
    }
    Ok(Inputs { today, until, regions: by.into_values().collect(), budget_by_year, programme: p })
}

/// The scenario's knobs within sensible bounds, and regions that exist.
fn check(params: &ScenarioParams, regions: &[RegionDemand]) -> AppResult<RuleScenario> {
    let mut errs = Errors::default();
    errs.range("group_size", i64::from(params.group_size), 4, 24);
    errs.range("cost_per_group_eur", params.cost_per_group_eur, 0, 1_000_000);
    errs.range("cost_per_trainer_day_eur", params.cost_per_trainer_day_eur, 0, 100_000);
    errs.range("trainer_days_per_group", i64::from(params.trainer_days_per_group), 0, 50);
    if !params.turnover_pct.is_finite() || !(0.0..=100.0).contains(&params.turnover_pct) {
        errs.add("turnover_pct", "out_of_range", "between 0 and 100");
    }
    for (i, x) in params.extra_groups.iter().enumerate() {
        errs.range(&format!("extra_groups[{i}].groups"), i64::from(x.groups), 0, 20);
        if !regions.iter().any(|r| r.region.as_ref().map(|r| r.id) == x.region_id) {
            errs.add(&format!("extra_groups[{i}].region_id"), "unknown_region", "no such region");
        }
    }
    errs.finish()?;
    Ok(RuleScenario {
        group_size: i64::from(params.group_size),
        cost_per_group_eur: params.cost_per_group_eur,
        cost_per_trainer_day_eur: params.cost_per_trainer_day_eur,
        trainer_days_per_group: i64::from(params.trainer_days_per_group),
        turnover_per_mille: (params.turnover_pct * 10.0).round() as i64,
        extra_groups: params.extra_groups.iter().map(|x| (x.region_id.map(|r| r.0), i64::from(x.groups))).collect(),
    })
}

fn n(v: i64) -> i32 {
    i32::try_from(v).unwrap_or(i32::MAX)
}

/// The plan of `params` under `inputs` (pure once the inputs are read).
pub fn plan_of(inputs: &Inputs, params: &ScenarioParams) -> AppResult<PlanView> {
    let s = check(params, &inputs.regions)?;
    let rin: Vec<RegionInput> = inputs
        .regions
        .iter()
        .map(|r| RegionInput {
            region_id: r.region.as_ref().map(|x| x.id.0),
            still_to_train: i64::from(r.still_to_train),
            waiting: i64::from(r.waiting),
            trained_staff: i64::from(r.trained_staff),
            free_seats: i64::from(r.free_seats),
        })
        .collect();
    let p = rules::plan(&rin, &s, inputs.today, inputs.until, &inputs.budget_by_year);
    Ok(PlanView {
        today: inputs.today,
        until: inputs.until,
        inputs: inputs.regions.clone(),
        regions: p
            .regions
            .iter()
            .zip(&inputs.regions)
            .map(|(r, d)| RegionPlanView {
                region: d.region.clone(),
                demand: n(r.demand),
                new_staff: n(r.new_staff),
                supply: n(r.supply),
                shortfall: n(r.shortfall),
                groups_needed: n(r.groups_needed),
                starts: r.starts.clone(),
            })
            .collect(),
        groups_to_fund: n(p.groups_to_fund),
        cost_eur: p.cost_eur,
        budget_left_eur: p.budget_left_eur,
        fits: p.fits,
        missing_eur: p.missing_eur,
        years: p
            .years
            .iter()
            .map(|y| YearBudget { year: y.year, groups: n(y.groups), cost_eur: y.cost_eur, remaining_eur: y.remaining_eur, fits: y.fits })
            .collect(),
    })
}

/// The programme's own settings as a starting scenario.
pub fn default_params(p: &programme::Model) -> ScenarioParams {
    ScenarioParams {
        group_size: 16,
        cost_per_group_eur: p.cost_per_group_eur,
        cost_per_trainer_day_eur: p.cost_per_trainer_day_eur,
        trainer_days_per_group: p.trainer_days_per_group,
        turnover_pct: 10.0,
        extra_groups: vec![],
    }
}

/// Today's inputs with the plan of the programme's own settings.
pub async fn current(state: &AppState, caller: &Caller, programme: Option<va_openapi::ProgrammeId>) -> AppResult<PlanView> {
    caller.require(&[Role::BelCoordinator])?;
    let i = inputs(&state.db, state.settings.clock.today(), programme).await?;
    plan_of(&i, &default_params(&i.programme))
}

pub async fn compute(state: &AppState, caller: &Caller, params: ScenarioParams, programme: Option<va_openapi::ProgrammeId>) -> AppResult<PlanView> {
    caller.require(&[Role::BelCoordinator])?;
    let i = inputs(&state.db, state.settings.clock.today(), programme).await?;
    plan_of(&i, &params)
}

fn parse(row: &scen::Model) -> AppResult<ScenarioParams> {
    serde_json::from_str(&row.params).map_err(|e| AppError::Internal(anyhow::anyhow!("scenario {}: {e}", row.id)))
}

fn view(row: &scen::Model, i: &Inputs) -> AppResult<Scenario> {
    let params = parse(row)?;
    let plan = plan_of(i, &params)?;
    Ok(Scenario { id: ScenarioId(row.id), programme_id: row.programme_id.map(va_openapi::ProgrammeId), name: row.name.clone(), params, updated_at: row.updated_at, plan })
}

/// A programme's saved scenarios, each planned against today's figures, for comparison side by side.
pub async fn list(state: &AppState, caller: &Caller, programme: Option<va_openapi::ProgrammeId>) -> AppResult<Vec<Scenario>> {
    caller.require(&[Role::BelCoordinator])?;
    let i = inputs(&state.db, state.settings.clock.today(), programme).await?;
    let rows = scen::Entity::find().filter(scen::Column::ProgrammeId.eq(i.programme.id)).order_by_asc(scen::Column::Id).all(&state.db).await?;
    rows.iter().map(|r| view(r, &i)).collect()
}

/// A saved scenario with its programme's inputs; 404 when unknown.
async fn load(state: &AppState, id: ScenarioId) -> AppResult<(scen::Model, Inputs)> {
    let row = scen::Entity::find_by_id(id.0).one(&state.db).await?.ok_or(AppError::NotFound)?;
    let i = inputs(&state.db, state.settings.clock.today(), row.programme_id.map(va_openapi::ProgrammeId)).await?;
    Ok((row, i))
}

/// Saves a new scenario of a programme (`id` none) or changes one, which keeps its programme.
pub async fn save(state: &AppState, caller: &Caller, id: Option<ScenarioId>, input: ScenarioInput, programme: Option<va_openapi::ProgrammeId>) -> AppResult<Scenario> {
    caller.require(&[Role::BelCoordinator])?;
    let i = match id {
        Some(id) => load(state, id).await?.1,
        None => inputs(&state.db, state.settings.clock.today(), programme).await?,
    };
    let programme_id = i.programme.id;
    let mut errs = Errors::default();
    let name = errs.text("name", &input.name, va_openapi::MAX_NAME_LEN);
    errs.finish()?;
    plan_of(&i, &input.params)?;
    let params = serde_json::to_string(&input.params).map_err(|e| AppError::Internal(e.into()))?;
    let now = state.settings.clock.now();
    let actor = caller.user_id;
    let row = write_txn(state, move |txn| {
        Box::pin(async move {
            let row = match id {
                Some(id) => {
                    let cur = scen::Entity::find_by_id(id.0).one(txn).await?.ok_or(AppError::NotFound)?;
                    let mut m: scen::ActiveModel = cur.into();
                    m.name = Set(name);
                    m.params = Set(params);
                    m.updated_at = Set(now);
                    m.update(txn).await?
                }
                None => scen::ActiveModel {
                    programme_id: Set(Some(programme_id)),
                    name: Set(name),
                    params: Set(params),
                    created_by: Set(actor.0),
                    updated_at: Set(now),
                    ..Default::default()
                }
                .insert(txn)
                .await?,
            };
            crate::audit::record(txn, Some(actor), "planner.scenario_saved", &format!("scenario:{}", row.id), Some(row.name.clone())).await?;
            Ok(row)
        })
    })
    .await?;
    view(&row, &i)
}

pub async fn delete(state: &AppState, caller: &Caller, id: ScenarioId) -> AppResult<()> {
    caller.require(&[Role::BelCoordinator])?;
    let actor = caller.user_id;
    write_txn(state, move |txn| {
        Box::pin(async move {
            let res = scen::Entity::delete_by_id(id.0).exec(txn).await?;
            if res.rows_affected == 0 {
                return Err(AppError::NotFound);
            }
            crate::audit::record(txn, Some(actor), "planner.scenario_deleted", &format!("scenario:{}", id.0), None).await?;
            Ok(())
        })
    })
    .await
}

/// Turns one group of the scenario in a region into an extra-group proposal on BEL's board.
pub async fn propose(state: &AppState, caller: &Caller, id: ScenarioId, input: ProposeGroup) -> AppResult<ProposalView> {
    caller.require(&[Role::BelCoordinator])?;
    let (row, i) = load(state, id).await?;
    let s = view(&row, &i)?;
    let region = input.region_id;
    let extra: i32 = s.params.extra_groups.iter().filter(|x| x.region_id == region).map(|x| x.groups).sum();
    let rp = s.plan.regions.iter().find(|r| r.region.as_ref().map(|x| x.id) == region);
    let needed = rp.map(|r| r.groups_needed).unwrap_or(0);
    if extra + needed == 0 {
        return Err(AppError::field("region_id", "no_group", "the scenario has no group in this region"));
    }
    let start = rp.and_then(|r| r.starts.first().copied()).or_else(|| rules::rounds(i.today, i.until).first().copied()).unwrap_or(i.today);
    let cost = s.params.cost_per_group_eur + s.params.cost_per_trainer_day_eur * i64::from(s.params.trainer_days_per_group);
    let waiting = i.regions.iter().find(|r| r.region.as_ref().map(|x| x.id) == region).map(|r| r.waiting).unwrap_or(0);
    let (programme_id, size) = (i.programme.id, s.params.group_size);
    let now = state.settings.clock.now();
    let actor = caller.user_id;
    let scope = region.map(|r| r.0);
    let name = s.name.clone();
    let pid = write_txn(state, move |txn| {
        Box::pin(async move {
            // Serialises proposals of one programme (the row lock on PostgreSQL; SQLite's writer),
            // as the waiting list's own refresh does, so two clicks make one proposal.
            crate::db::lock_row::<programme::Entity, _>(txn, programme::Column::Id, programme_id).await?;
            let open = proposal::Entity::find()
                .filter(proposal::Column::ProgrammeId.eq(programme_id))
                .filter(proposal::Column::Status.eq("open"))
                .all(txn)
                .await?
                .into_iter()
                .any(|x| x.scope_region_id == scope);
            if open {
                return Err(AppError::conflict(ErrorCode::ProposalOpen, "an extra-group proposal for this region is still open"));
            }
            let row = proposal::ActiveModel {
                programme_id: Set(programme_id),
                scope_region_id: Set(scope),
                status: Set("open".into()),
                waiting_count: Set(waiting),
                suggested_region_id: Set(scope),
                suggested_size: Set(size),
                cost_eur: Set(cost),
                budget_year: Set(start.year()),
                created_at: Set(now),
                ..Default::default()
            }
            .insert(txn)
            .await?;
            crate::audit::record(txn, Some(actor), "planner.proposed", &format!("proposal:{}", row.id), Some(format!("from scenario {name}"))).await?;
            Ok(row.id)
        })
    })
    .await?;
    crate::waitlist::proposals::one(state, pid).await
}

//! The capacity planner: demand against supply per region until the end of
//! the programme, the groups still needed and their cost against the budget;
//! scenarios saved and compared side by side.

use crate::auth::NamedRef;
use crate::ids::*;
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

/// Extra groups a scenario adds in a region (none: bovenregionaal).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ExtraGroups {
    pub region_id: Option<RegionId>,
    pub groups: i32,
}

/// The knobs of a scenario.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ScenarioParams {
    pub group_size: i32,
    pub cost_per_group_eur: i64,
    pub cost_per_trainer_day_eur: i64,
    pub trainer_days_per_group: i32,
    /// Yearly staff turnover in percent (12 = 12 %).
    pub turnover_pct: f64,
    pub extra_groups: Vec<ExtraGroups>,
}

/// What a region needs and has today.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct RegionDemand {
    pub region: Option<NamedRef<RegionId>>,
    /// Still to train (survey) and not yet enrolled.
    pub still_to_train: i32,
    pub waiting: i32,
    /// Trained professionals: the base of turnover.
    pub trained_staff: i32,
    /// Free seats in the region's groups that have not started.
    pub free_seats: i32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct RegionPlanView {
    pub region: Option<NamedRef<RegionId>>,
    pub demand: i32,
    pub new_staff: i32,
    pub supply: i32,
    pub shortfall: i32,
    pub groups_needed: i32,
    /// Start months of the needed groups (BEL decides in January, May and September).
    pub starts: Vec<NaiveDate>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct PlanView {
    pub today: NaiveDate,
    pub until: NaiveDate,
    pub inputs: Vec<RegionDemand>,
    pub regions: Vec<RegionPlanView>,
    pub groups_to_fund: i32,
    pub cost_eur: i64,
    /// Budget of the years until `until` less what is spent and committed.
    pub budget_left_eur: i64,
    /// Every year's groups fit the budget left in that year.
    pub fits: bool,
    pub missing_eur: i64,
    /// Per budget year: the groups that start in it against that year's budget left.
    pub years: Vec<YearBudget>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct YearBudget {
    pub year: i32,
    pub groups: i32,
    pub cost_eur: i64,
    pub remaining_eur: i64,
    pub fits: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ScenarioInput {
    pub name: String,
    pub params: ScenarioParams,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct Scenario {
    pub id: ScenarioId,
    /// The programme whose figures the scenario is planned against.
    pub programme_id: Option<ProgrammeId>,
    pub name: String,
    pub params: ScenarioParams,
    pub updated_at: DateTime<Utc>,
    /// The plan under today's figures.
    pub plan: PlanView,
}

/// Turn one of the scenario's groups into an extra-group proposal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ProposeGroup {
    pub region_id: Option<RegionId>,
}

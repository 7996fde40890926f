//! Monitoring (plan actions 17-20): trained against needed per region and
//! organisation, the survey's figures, follow-up coverage and the budget;
//! frozen snapshots for the monitoring meeting; the import of professionals
//! trained before the programme.

use crate::auth::NamedRef;
use crate::ids::*;
use crate::reference::OrganisationKind;
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

/// What organisations without a region (GIs, care providers) are listed under.
pub const NO_REGION: &str = "Bovenregionaal";

/// A region's name, or "Bovenregionaal" for none.
pub fn region_label(r: Option<&NamedRef<RegionId>>) -> String {
    r.map(|x| x.name.clone()).unwrap_or_else(|| NO_REGION.to_string())
}

/// The figures a snapshot comparison shows, in order.
pub const COMPARED_FIGURES: [&str; 7] = ["trained", "placed", "waiting", "still_to_train", "coverage_pct", "vas_done", "followed_up"];

/// The figures of one organisation, one region or all of them.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct Figures {
    /// Trained in the programme (the group closed and the completion rule was met).
    pub trained_programme: i32,
    /// Trained before the programme (imported records).
    pub trained_earlier: i32,
    /// Both together.
    pub trained: i32,
    /// Has a seat in a group that has not finished.
    pub placed: i32,
    /// Approved and waiting for a seat.
    pub waiting: i32,
    /// Still to be trained, as the latest survey answer says (none without an answer).
    pub still_to_train: Option<i32>,
    /// Trained / (trained + still to train), in percent.
    pub coverage_pct: Option<f64>,
    /// Professionals doing VAs (survey).
    pub doing_vas: Option<i32>,
    /// VAs done in the survey's period.
    pub vas_done: Option<i32>,
    /// Hours per week for VAs needed and available (survey).
    pub hours_needed: Option<f64>,
    pub hours_available: Option<f64>,
    /// Programme-trained professionals who attended at least one follow-up session.
    pub followed_up: i32,
    /// followed_up / trained_programme, in percent.
    pub followup_coverage_pct: Option<f64>,
    /// Organisations with a submitted survey answer / organisations counted.
    pub surveyed: i32,
    pub organisations: i32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct OrganisationFigures {
    pub organisation: NamedRef<OrganisationId>,
    pub kind: OrganisationKind,
    pub figures: Figures,
}

/// A region (none: organisations without a region, GIs and care providers).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct RegionFigures {
    pub region: Option<NamedRef<RegionId>>,
    pub figures: Figures,
    /// The organisations, when the caller may see them (ambassadors: their own region only).
    pub organisations: Vec<OrganisationFigures>,
    pub detail: bool,
}

/// Trained so far at the end of a month.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct TrendPoint {
    /// First day of the month.
    pub month: NaiveDate,
    pub trained_programme: i32,
    pub trained: i32,
}

/// A year's budget: the training line's figures, every line and the whole.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct BudgetFigures {
    pub year: i32,
    pub budget_eur: Option<i64>,
    pub spent_eur: i64,
    pub committed_eur: i64,
    pub remaining_eur: i64,
    /// Training, learning questions and other, each with budget, spent, committed and remaining.
    #[serde(default)]
    pub lines: Vec<crate::budget::BudgetLine>,
    #[serde(default)]
    pub total: Option<crate::budget::BudgetTotal>,
}

/// The monitoring dashboard as the caller may see it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct Dashboard {
    pub generated_at: DateTime<Utc>,
    /// The programme whose enrolments are counted (none before one exists).
    #[serde(default)]
    pub programme: Option<NamedRef<ProgrammeId>>,
    /// The survey year whose answers are used (the latest round), if any.
    pub survey_year: Option<i32>,
    pub total: Figures,
    pub regions: Vec<RegionFigures>,
    pub trend: Vec<TrendPoint>,
    /// Budget per year (BEL).
    pub budgets: Vec<BudgetFigures>,
}

/// BEL freezes the dashboard for a monitoring meeting.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct NewSnapshot {
    /// E.g. "Overleg borging VA maart 2027".
    pub label: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct SnapshotSummary {
    pub id: SnapshotId,
    pub label: String,
    pub taken_at: DateTime<Utc>,
    pub taken_by: String,
    pub total: Figures,
}

/// One figure of one region (or the total) in two snapshots.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct ComparedFigure {
    /// Region name, or "Totaal".
    pub scope: String,
    /// `trained`, `placed`, `waiting`, `still_to_train`, `coverage_pct`, `vas_done`, `followed_up`.
    pub figure: String,
    pub before: Option<f64>,
    pub after: Option<f64>,
    pub change: Option<f64>,
}

/// A snapshot against the one before it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct SnapshotComparison {
    pub current: SnapshotSummary,
    pub previous: Option<SnapshotSummary>,
    pub figures: Vec<ComparedFigure>,
    /// The frozen dashboard itself.
    pub dashboard: Dashboard,
}

/// A CSV file of earlier-trained professionals: `naam;e-mail;organisatie;functie;getraind op`
/// (`,` also works as separator; dates dd-mm-jjjj).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ImportInput {
    pub csv: String,
}

/// What the import does with a row.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ImportAction {
    /// A new professional, trained before the programme.
    Create,
    /// A known professional is marked as trained before the programme.
    Mark,
    /// Imported already: nothing changes.
    Unchanged,
    /// The row has problems and is left out.
    Reject,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct ImportRow {
    /// Line in the file (the header is line 1).
    pub line: i32,
    pub name: String,
    pub email: String,
    pub organisation: String,
    pub trained_on: Option<NaiveDate>,
    pub action: ImportAction,
    /// `missing_name`, `bad_email`, `unknown_organisation`, `bad_date`, `date_in_future`,
    /// `duplicate` (earlier in the file), `other_organisation` (the email belongs to another organisation).
    pub problems: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct ImportReport {
    /// False for the preview, true once the good rows were imported.
    pub imported: bool,
    pub rows: Vec<ImportRow>,
    pub created: i32,
    pub marked: i32,
    pub unchanged: i32,
    pub rejected: i32,
}

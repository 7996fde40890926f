//! The yearly survey (plan action 9): per organisation the professionals trained,
//! doing VAs and still to train, VAs done, the capacity needed and available,
//! bottlenecks and success factors. Ambassadors answer for the municipalities
//! and CJG of their region, BEL for GIs and care providers; either may hand a
//! form to the organisation's contact.

use crate::auth::NamedRef;
use crate::ids::*;
use crate::reference::OrganisationKind;
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct NewSurveyRound {
    pub year: i32,
    pub deadline: NaiveDate,
    /// The programme the survey is about; default the first VA training.
    #[serde(default)]
    pub programme_id: Option<ProgrammeId>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum SurveyStatus {
    NotStarted,
    Draft,
    Submitted,
}

/// A round with its completion in the caller's scope.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct SurveyRound {
    pub id: SurveyRoundId,
    /// The programme the survey is about (a round of each programme per year).
    pub programme: Option<NamedRef<ProgrammeId>>,
    pub year: i32,
    pub deadline: NaiveDate,
    pub opened_at: DateTime<Utc>,
    pub submitted: i32,
    pub total: i32,
    pub reminder_before_at: Option<DateTime<Utc>>,
    pub reminder_after_at: Option<DateTime<Utc>>,
}

/// One organisation's form in a round, as a line of the completion list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct SurveyLine {
    pub organisation: NamedRef<OrganisationId>,
    pub kind: OrganisationKind,
    pub region: Option<NamedRef<RegionId>>,
    pub status: SurveyStatus,
    pub delegated_to: Option<NamedRef<UserId>>,
    pub submitted_at: Option<DateTime<Utc>>,
    pub can_answer: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct SurveyOverview {
    pub round: SurveyRound,
    pub lines: Vec<SurveyLine>,
}

/// The answers; everything may stay empty in a draft, a submitted form needs all figures.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct SurveyAnswers {
    /// Professionals trained: prefilled from the system; a different figure needs a note.
    pub trained: Option<i32>,
    pub trained_note: Option<String>,
    pub doing_vas: Option<i32>,
    pub still_to_train: Option<i32>,
    pub vas_done: Option<i32>,
    /// Hours per week needed for VAs, and available.
    pub hours_needed: Option<f64>,
    pub hours_available: Option<f64>,
    pub bottlenecks: Option<String>,
    pub success_factors: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct SurveySave {
    pub answers: SurveyAnswers,
    /// Submit (all figures required) or keep as a draft.
    pub submit: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct SurveyDelegate {
    /// An organisation contact of the organisation; none takes the form back.
    pub user_id: Option<UserId>,
}

/// One organisation's form.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct SurveyForm {
    pub round: SurveyRound,
    pub line: SurveyLine,
    /// Trained according to the system (programme and earlier).
    pub trained_in_system: i32,
    pub answers: SurveyAnswers,
    /// Who may receive the form: the organisation's active contacts.
    pub contacts: Vec<NamedRef<UserId>>,
    pub can_delegate: bool,
    pub submitted_by: Option<String>,
}

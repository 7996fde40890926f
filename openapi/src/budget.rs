//! The whole budget (plan section 8): a year's three lines with what is spent
//! and committed on each, learning questions (plan section 6) with the plan's
//! conditions and their own budget, and the expenses booked on the lines.

use crate::auth::NamedRef;
use crate::ids::*;
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

/// Largest amount of one line, question or expense, in euros.
pub const MAX_EUR: i64 = 10_000_000;
pub const MAX_TITLE_LEN: usize = 200;
pub const MAX_TEXT_LEN: usize = 4000;

crate::string_enum! {
    pub enum BudgetLineKind {
        /// Training, coaching and supervision: the groups and follow-up sessions.
        Training = "training",
        /// Learning questions: what funded questions commit and spend.
        LearningQuestions = "learning_questions",
        /// Other activities: communication, learning network, monitoring, materials.
        Other = "other",
    }
}

crate::string_enum! {
    pub enum LearningQuestionStatus {
        /// Registered, waiting for BEL's decision.
        Proposed = "proposed",
        /// Funded by BEL: its budget is committed on the year's line.
        Funded = "funded",
        Declined = "declined",
        /// Finished: what was not spent goes back to the line.
        Closed = "closed",
    }
}

/// One line of a year: its budget, spent (its day has come), committed (to come) and remaining.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct BudgetLine {
    pub line: BudgetLineKind,
    pub budget_eur: i64,
    pub spent_eur: i64,
    pub committed_eur: i64,
    /// Budget less spent and committed; negative when the line is overrun.
    pub remaining_eur: i64,
}

/// The lines of a year together.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct BudgetTotal {
    pub budget_eur: i64,
    pub spent_eur: i64,
    pub committed_eur: i64,
    pub remaining_eur: i64,
}

/// A learning question as registered, with its own figures for BEL.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct LearningQuestion {
    pub id: LearningQuestionId,
    pub title: String,
    /// None: supra-regional.
    pub region: Option<NamedRef<RegionId>>,
    pub goal: String,
    pub target_group: String,
    pub partners: String,
    pub starts_on: NaiveDate,
    pub ends_on: NaiveDate,
    /// The capacity it needs (people, hours).
    pub capacity: String,
    /// The outcomes it aims at.
    pub outcomes: String,
    /// How experiences, bottlenecks and success factors are collected and shared.
    pub sharing: String,
    pub budget_eur: i64,
    pub budget_year: i32,
    pub status: LearningQuestionStatus,
    /// BEL's reason for declining, or its note when funding or closing.
    pub decision_note: String,
    pub proposed_by: String,
    pub created_at: DateTime<Utc>,
    pub decided_at: Option<DateTime<Utc>>,
    /// Booked on it and due (BEL only).
    pub spent_eur: Option<i64>,
    /// Still held for it on the line (BEL only).
    pub committed_eur: Option<i64>,
    /// May the caller change it (BEL; the region's ambassador while proposed)?
    pub can_edit: bool,
    /// May the caller fund, decline or close it (BEL)?
    pub can_decide: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct LearningQuestionInput {
    pub title: String,
    /// An ambassador's own region when left out; BEL leaves it out for a supra-regional question.
    #[serde(default)]
    pub region_id: Option<RegionId>,
    pub goal: String,
    pub target_group: String,
    pub partners: String,
    pub starts_on: NaiveDate,
    pub ends_on: NaiveDate,
    pub capacity: String,
    pub outcomes: String,
    pub sharing: String,
    /// Euros (0-10,000,000).
    pub budget_eur: i64,
    /// The budget year it is paid from (2020-2100).
    pub budget_year: i32,
}

crate::string_enum! {
    pub enum QuestionDecision {
        /// Commit its budget on the year's line (409 `over_budget` when it does not fit).
        Fund = "fund",
        /// Decline a proposed question (a reason is required).
        Decline = "decline",
        /// Close a funded question: unspent money goes back to the line.
        Close = "close",
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct LearningQuestionDecision {
    pub decision: QuestionDecision,
    #[serde(default)]
    pub note: Option<String>,
}

/// Money booked on the learning-questions line (on a funded question) or the other line.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct BudgetExpense {
    pub id: BudgetExpenseId,
    pub budget_year: i32,
    pub line: BudgetLineKind,
    pub learning_question: Option<NamedRef<LearningQuestionId>>,
    pub description: String,
    pub amount_eur: i64,
    pub spent_on: NaiveDate,
    /// Its day has come: spent; before that: committed.
    pub spent: bool,
    pub booked_by: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct BudgetExpenseInput {
    /// learning_questions (with the question) or other; training costs come from the groups and sessions.
    pub line: BudgetLineKind,
    #[serde(default)]
    pub learning_question_id: Option<LearningQuestionId>,
    pub description: String,
    /// Euros (1-10,000,000).
    pub amount_eur: i64,
    /// The day it is paid; an other-line expense counts in this day's year.
    pub spent_on: NaiveDate,
}

/// BEL's budget page: every year's lines, the learning questions and the expenses.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct BudgetOverview {
    pub years: Vec<crate::waitlist::BudgetYear>,
    pub questions: Vec<LearningQuestion>,
    pub expenses: Vec<BudgetExpense>,
}

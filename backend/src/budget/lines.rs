//! The figures of the learning-questions and other lines of a year, read once
//! for every screen, export and check (`waitlist::proposals::budget_year`
//! puts them beside the training line).

use super::rules::{self, Booking};
use crate::entities::{budget, budget_expense as expense, learning_question as question};
use crate::error::{AppError, AppResult};
use chrono::NaiveDate;
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};
use std::collections::HashMap;
use va_openapi::budget::{BudgetLineKind, LearningQuestionStatus};
use va_openapi::ErrorCode;

/// (spent, committed) of the learning-questions line and of the other line.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Usage {
    pub learning_questions: (i64, i64),
    pub other: (i64, i64),
}

impl Usage {
    pub fn used(&self, line: BudgetLineKind) -> i64 {
        let (s, c) = match line {
            BudgetLineKind::LearningQuestions => self.learning_questions,
            BudgetLineKind::Other => self.other,
            BudgetLineKind::Training => (0, 0),
        };
        s.saturating_add(c)
    }
}

pub fn booking(e: &expense::Model) -> Booking {
    Booking { question: e.learning_question_id, eur: e.amount_eur, on: e.spent_on }
}

/// Bookings per learning question.
pub fn by_question(expenses: &[expense::Model]) -> HashMap<i64, Vec<Booking>> {
    let mut out: HashMap<i64, Vec<Booking>> = HashMap::new();
    for e in expenses {
        if let Some(q) = e.learning_question_id {
            out.entry(q).or_default().push(booking(e));
        }
    }
    out
}

/// (spent, committed) of one question.
pub fn question_figures(q: &question::Model, bookings: &HashMap<i64, Vec<Booking>>, today: NaiveDate) -> (i64, i64) {
    let status = LearningQuestionStatus::parse(&q.status).unwrap_or(LearningQuestionStatus::Proposed);
    rules::question_figures(status, q.budget_eur, bookings.get(&q.id).map(Vec::as_slice).unwrap_or(&[]), today)
}

/// The two lines' usage in `year`.
pub async fn usage<C: ConnectionTrait>(db: &C, year: i32, today: NaiveDate) -> AppResult<Usage> {
    let questions = question::Entity::find().filter(question::Column::BudgetYear.eq(year)).all(db).await?;
    let expenses = expense::Entity::find().filter(expense::Column::BudgetYear.eq(year)).all(db).await?;
    let bookings = by_question(&expenses);
    let learning_questions = questions.iter().map(|q| question_figures(q, &bookings, today)).fold((0i64, 0i64), |(s, c), (a, b)| (s.saturating_add(a), c.saturating_add(b)));
    let other = rules::split(expenses.iter().filter(|e| e.line == BudgetLineKind::Other.as_str()).map(booking), today);
    Ok(Usage { learning_questions, other })
}

/// The line's budget of `year` (0 when the year has none).
pub fn amount(row: Option<&budget::Model>, line: BudgetLineKind) -> i64 {
    row.map(|b| match line {
        BudgetLineKind::Training => b.training_eur,
        BudgetLineKind::LearningQuestions => b.learning_questions_eur,
        BudgetLineKind::Other => b.other_eur,
    })
    .unwrap_or(0)
}

/// Takes the year's budget row for the transaction (every change of a line's
/// money passes here first, so two at once are counted one after the other)
/// and returns it; None when the year has no budget.
pub async fn lock_year<C: ConnectionTrait>(txn: &C, year: i32) -> AppResult<Option<budget::Model>> {
    budget::Entity::update_many().col_expr(budget::Column::UpdatedAt, Expr::col(budget::Column::UpdatedAt).into()).filter(budget::Column::Year.eq(year)).exec(txn).await?;
    Ok(budget::Entity::find_by_id(year).one(txn).await?)
}

/// 409 `over_budget` unless `adding` euros fit what is left of the line in
/// `year` (to be called after `lock_year`, in the same transaction).
pub async fn ensure_fits<C: ConnectionTrait>(txn: &C, year: i32, line: BudgetLineKind, adding: i64, today: NaiveDate) -> AppResult<()> {
    if adding <= 0 {
        return Ok(());
    }
    let row = lock_year(txn, year).await?;
    let used = usage(txn, year, today).await?.used(line);
    let (_, fits, missing) = crate::waitlist::rules::fit(adding, row.as_ref().map(|r| amount(Some(r), line)), used);
    if fits {
        Ok(())
    } else {
        Err(AppError::conflict(ErrorCode::OverBudget, format!("EUR {adding} does not fit the {} line of {year}: EUR {missing} is missing; BEL can raise the line first", line.as_str())))
    }
}

/// Years learning questions or bookings are paid from (they have figures to show).
pub async fn years<C: ConnectionTrait>(db: &C) -> AppResult<std::collections::BTreeSet<i32>> {
    let mut out: std::collections::BTreeSet<i32> = question::Entity::find().all(db).await?.into_iter().map(|q| q.budget_year).collect();
    out.extend(expense::Entity::find().all(db).await?.into_iter().map(|e| e.budget_year));
    Ok(out)
}

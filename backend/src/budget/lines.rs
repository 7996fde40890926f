//! A year's figures, read once for every screen, export and check
//! (`budget_year`): the training line from the groups and follow-up sessions
//! (`costs`), the learning-questions and other lines from the
//! questions and bookings; BEL sets the lines (`set_budget`).

use super::rules::{self, Booking};
use crate::entities::{budget, budget_expense as expense, learning_question as question};
use crate::auth::Caller;
use crate::db::write_txn;
use crate::entities::training_group;
use crate::error::{validate::Errors, AppError, AppResult};
use crate::state::AppState;
use chrono::{DateTime, Datelike, NaiveDate, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set};
use std::collections::BTreeSet;
use va_openapi::auth::Role;
use va_openapi::waitlist::{BudgetInput, BudgetYear};
use std::collections::HashMap;
use va_openapi::budget::{BudgetLineKind, LearningQuestionStatus};
use va_openapi::ErrorCode;

/// (spent, committed) of each line of a year, and the training line's groups.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Usage {
    pub training: (i64, i64),
    pub groups: i32,
    pub learning_questions: (i64, i64),
    pub other: (i64, i64),
}

impl Usage {
    /// The training figures of one, the booked lines of the other.
    fn merge(self, booked: Usage) -> Usage {
        Usage { learning_questions: booked.learning_questions, other: booked.other, ..self }
    }

    pub fn used(&self, line: BudgetLineKind) -> i64 {
        let (s, c) = match line {
            BudgetLineKind::LearningQuestions => self.learning_questions,
            BudgetLineKind::Other => self.other,
            BudgetLineKind::Training => self.training,
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

/// The lines' usage in `year`.
pub async fn usage<C: ConnectionTrait>(db: &C, year: i32, today: NaiveDate) -> AppResult<Usage> {
    Ok(training(db, year, today).await?.merge(booked(db, year, today).await?))
}

/// The training line's usage: the groups and follow-up sessions.
async fn training<C: ConnectionTrait>(db: &C, year: i32, today: NaiveDate) -> AppResult<Usage> {
    let (spent, committed, groups) = super::costs::year_totals(db, year, today).await?;
    Ok(Usage { training: (spent, committed), groups, ..Usage::default() })
}

/// The learning-questions and other lines' usage: the questions and bookings.
async fn booked<C: ConnectionTrait>(db: &C, year: i32, today: NaiveDate) -> AppResult<Usage> {
    let questions = question::Entity::find().filter(question::Column::BudgetYear.eq(year)).all(db).await?;
    let expenses = expense::Entity::find().filter(expense::Column::BudgetYear.eq(year)).all(db).await?;
    let bookings = by_question(&expenses);
    let learning_questions = questions.iter().map(|q| question_figures(q, &bookings, today)).fold((0i64, 0i64), |(s, c), (a, b)| (s.saturating_add(a), c.saturating_add(b)));
    let other = rules::split(expenses.iter().filter(|e| e.line == BudgetLineKind::Other.as_str()).map(booking), today);
    Ok(Usage { learning_questions, other, ..Usage::default() })
}

/// What is booked on a learning question, due or to come.
pub async fn booked_on<C: ConnectionTrait>(db: &C, question_id: i64) -> AppResult<i64> {
    Ok(expense::Entity::find().filter(expense::Column::LearningQuestionId.eq(question_id)).all(db).await?.iter().map(|e| e.amount_eur).sum())
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
/// `year` (a year without a budget has nothing left). The year's budget row is
/// taken first, in the caller's transaction.
pub async fn ensure_fits<C: ConnectionTrait>(txn: &C, year: i32, line: BudgetLineKind, adding: i64, today: NaiveDate) -> AppResult<()> {
    check_fit(txn, year, line, adding, today, true).await
}

/// The same, except that a year BEL has not budgeted yet refuses nothing.
pub async fn ensure_fits_when_budgeted<C: ConnectionTrait>(txn: &C, year: i32, line: BudgetLineKind, adding: i64, today: NaiveDate) -> AppResult<()> {
    check_fit(txn, year, line, adding, today, false).await
}

async fn check_fit<C: ConnectionTrait>(txn: &C, year: i32, line: BudgetLineKind, adding: i64, today: NaiveDate, unbudgeted_refuses: bool) -> AppResult<()> {
    if adding <= 0 {
        return Ok(());
    }
    let row = lock_year(txn, year).await?;
    if row.is_none() && !unbudgeted_refuses {
        return Ok(());
    }
    // Only what the line is made of is read.
    let used = match line {
        BudgetLineKind::Training => training(txn, year, today).await?,
        _ => booked(txn, year, today).await?,
    }
    .used(line);
    let (_, fits, missing) = rules::fit(adding, row.as_ref().map(|r| amount(Some(r), line)), used);
    if fits {
        Ok(())
    } else {
        Err(AppError::conflict(ErrorCode::OverBudget, format!("EUR {adding} does not fit the {} line of {year}: EUR {missing} is missing; BEL can raise the line first", line.as_str())))
    }
}

/// Years learning questions or bookings are paid from (they have figures to show).
pub async fn question_years<C: ConnectionTrait>(db: &C) -> AppResult<BTreeSet<i32>> {
    let mut out: BTreeSet<i32> = question::Entity::find().all(db).await?.into_iter().map(|q| q.budget_year).collect();
    out.extend(expense::Entity::find().all(db).await?.into_iter().map(|e| e.budget_year));
    Ok(out)
}

/// Budget years: those with a budget, with groups, and the current one.
pub async fn budget_years<C: ConnectionTrait>(db: &C, now: DateTime<Utc>) -> AppResult<Vec<BudgetYear>> {
    let mut years: BTreeSet<i32> = budget::Entity::find().all(db).await?.into_iter().map(|b| b.year).collect();
    years.extend(training_group::Entity::find().all(db).await?.into_iter().map(|g| g.starts_on.year()));
    years.extend(question_years(db).await?);
    years.insert(now.year());
    let mut out = Vec::new();
    for year in years {
        out.push(budget_year(db, year, crate::clock::local_date(now)).await?);
    }
    Ok(out)
}

pub async fn budget_year<C: ConnectionTrait>(db: &C, year: i32, today: chrono::NaiveDate) -> AppResult<BudgetYear> {
    use super::rules::line;
    use va_openapi::budget::BudgetLineKind as L;
    let row = budget::Entity::find_by_id(year).one(db).await?;
    let training = row.as_ref().map(|b| b.training_eur);
    let usage = usage(db, year, today).await?;
    let ((spent, committed), groups) = (usage.training, usage.groups);
    let lines = vec![
        line(L::Training, amount(row.as_ref(), L::Training), (spent, committed)),
        line(L::LearningQuestions, amount(row.as_ref(), L::LearningQuestions), usage.learning_questions),
        line(L::Other, amount(row.as_ref(), L::Other), usage.other),
    ];
    Ok(BudgetYear {
        year,
        training_eur: training,
        spent_eur: spent,
        committed_eur: committed,
        remaining_eur: training.unwrap_or(0) - spent - committed,
        groups,
        total: super::rules::total(&lines),
        lines,
    })
}

/// BEL sets a year's budget lines (a line left out keeps its amount). Lowering
/// a line below what it holds is allowed (a cut): the line shows the overrun.
pub async fn set_budget(state: &AppState, caller: &Caller, year: i32, input: BudgetInput) -> AppResult<BudgetYear> {
    caller.require(&[Role::BelCoordinator])?;
    let mut errs = Errors::default();
    if !(2020..=2100).contains(&year) {
        errs.add("year", "out_of_range", "a year between 2020 and 2100");
    }
    errs.range("training_eur", input.training_eur, 0, 10_000_000);
    if let Some(v) = input.learning_questions_eur {
        errs.range("learning_questions_eur", v, 0, 10_000_000);
    }
    if let Some(v) = input.other_eur {
        errs.range("other_eur", v, 0, 10_000_000);
    }
    errs.finish()?;
    let actor = caller.user_id;
    let now = state.settings.clock.now();
    write_txn(state, move |txn| {
        Box::pin(async move {
            let old = lock_year(txn, year).await?;
            let (lq, other) = (
                input.learning_questions_eur.unwrap_or(old.as_ref().map_or(0, |b| b.learning_questions_eur)),
                input.other_eur.unwrap_or(old.as_ref().map_or(0, |b| b.other_eur)),
            );
            let changes = crate::audit::Changes::new()
                .opt("training_eur", old.as_ref().map(|b| b.training_eur), Some(input.training_eur))
                .opt("learning_questions_eur", old.as_ref().map(|b| b.learning_questions_eur), Some(lq))
                .opt("other_eur", old.as_ref().map(|b| b.other_eur), Some(other));
            match old {
                Some(_) => {
                    budget::Entity::update_many()
                        .col_expr(budget::Column::TrainingEur, Expr::value(input.training_eur))
                        .col_expr(budget::Column::LearningQuestionsEur, Expr::value(lq))
                        .col_expr(budget::Column::OtherEur, Expr::value(other))
                        .col_expr(budget::Column::UpdatedAt, Expr::value(now))
                        .filter(budget::Column::Year.eq(year))
                        .exec(txn)
                        .await?;
                }
                None => {
                    budget::ActiveModel { year: Set(year), training_eur: Set(input.training_eur), learning_questions_eur: Set(lq), other_eur: Set(other), updated_at: Set(now) }
                        .insert(txn)
                        .await?;
                }
            }
            crate::audit::record_change(txn, actor, "budget.set", &format!("budget:{year}"), Some(format!("EUR {} / {lq} / {other}", input.training_eur)), changes).await?;
            Ok(())
        })
    })
    .await?;
    budget_year(&state.db, year, state.settings.clock.today()).await
}


//! Money booked on the learning-questions line (on a funded question, within
//! its budget) and on the other line (within the line): BEL books and removes.

use super::lines;
use crate::auth::Caller;
use crate::db::write_txn;
use crate::entities::{budget_expense as expense, learning_question as question, user};
use crate::error::{validate::Errors, AppError, AppResult};
use crate::state::AppState;
use chrono::{Datelike, NaiveDate};
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, ModelTrait, QueryFilter, QueryOrder, Set};
use std::collections::HashMap;
use va_openapi::auth::{NamedRef, Role};
use va_openapi::budget::*;
use va_openapi::{BudgetExpenseId, ErrorCode, LearningQuestionId};

/// Every booking, newest first.
pub async fn views<C: ConnectionTrait>(db: &C, today: NaiveDate) -> AppResult<Vec<BudgetExpense>> {
    let rows = expense::Entity::find().order_by_desc(expense::Column::SpentOn).order_by_desc(expense::Column::Id).all(db).await?;
    let titles: HashMap<i64, String> = question::Entity::find().all(db).await?.into_iter().map(|q| (q.id, q.title)).collect();
    let users: HashMap<i64, String> =
        user::Entity::find().filter(user::Column::Id.is_in(rows.iter().map(|e| e.created_by))).all(db).await?.into_iter().map(|u| (u.id, u.name)).collect();
    Ok(rows
        .into_iter()
        .map(|e| BudgetExpense {
            id: BudgetExpenseId(e.id),
            budget_year: e.budget_year,
            line: BudgetLineKind::parse(&e.line).unwrap_or(BudgetLineKind::Other),
            learning_question: e.learning_question_id.map(|q| NamedRef { id: LearningQuestionId(q), name: titles.get(&q).cloned().unwrap_or_default() }),
            description: e.description,
            amount_eur: e.amount_eur,
            spent_on: e.spent_on,
            spent: e.spent_on <= today,
            booked_by: users.get(&e.created_by).cloned().unwrap_or_default(),
        })
        .collect())
}

/// BEL books an expense: on a funded learning question within what is left of
/// its budget, or on the other line within what is left of the line (409
/// `over_budget` with the missing amount otherwise).
pub async fn create(state: &AppState, caller: &Caller, input: BudgetExpenseInput) -> AppResult<BudgetExpense> {
    caller.require(&[Role::BelCoordinator])?;
    let mut errs = Errors::default();
    let description = errs.text("description", &input.description, MAX_TITLE_LEN);
    errs.range("amount_eur", input.amount_eur, 1, MAX_EUR);
    if !(2020..=2100).contains(&input.spent_on.year()) {
        errs.add("spent_on", "out_of_range", "a day between 2020 and 2100");
    }
    match (input.line, input.learning_question_id) {
        (BudgetLineKind::Training, _) => errs.add("line", "not_bookable", "training costs come from the groups and follow-up sessions"),
        (BudgetLineKind::LearningQuestions, None) => errs.add("learning_question_id", "required", "the funded learning question it is spent on"),
        (BudgetLineKind::LearningQuestions, Some(q)) => {
            match question::Entity::find_by_id(q.0).one(&state.db).await? {
                None => errs.add("learning_question_id", "unknown", "no such learning question"),
                Some(q) if q.status != LearningQuestionStatus::Funded.as_str() => errs.add("learning_question_id", "not_funded", "only a funded learning question is booked on"),
                Some(_) => {}
            }
        }
        (BudgetLineKind::Other, Some(_)) => errs.add("learning_question_id", "not_allowed", "the other line has no learning questions"),
        (BudgetLineKind::Other, None) => {}
    }
    errs.finish()?;
    let (actor, now, today) = (caller.user_id, state.settings.clock.now(), state.settings.clock.today());
    let id = write_txn(state, move |txn| {
        Box::pin(async move {
            let year = match input.learning_question_id {
                Some(q) => {
                    let year = question::Entity::find_by_id(q.0).one(txn).await?.ok_or(AppError::NotFound)?.budget_year;
                    lines::lock_year(txn, year).await?;
                    // Under the lock: still funded, and within what is left of its own budget.
                    let q = question::Entity::find_by_id(q.0).one(txn).await?.ok_or(AppError::NotFound)?;
                    if q.status != LearningQuestionStatus::Funded.as_str() {
                        return Err(AppError::conflict(ErrorCode::InvalidTransition, "the learning question is no longer funded"));
                    }
                    let booked = lines::booked_on(txn, q.id).await?;
                    let left = q.budget_eur - booked;
                    if input.amount_eur > left {
                        return Err(AppError::conflict(
                            ErrorCode::OverBudget,
                            format!("EUR {} does not fit the budget of \"{}\": EUR {} is missing; BEL can raise the question's budget first", input.amount_eur, q.title, input.amount_eur - left),
                        ));
                    }
                    year
                }
                None => {
                    let year = input.spent_on.year();
                    lines::ensure_fits(txn, year, BudgetLineKind::Other, input.amount_eur, today).await?;
                    year
                }
            };
            let row = expense::ActiveModel {
                budget_year: Set(year),
                line: Set(input.line.as_str().into()),
                learning_question_id: Set(input.learning_question_id.map(|q| q.0)),
                description: Set(description),
                amount_eur: Set(input.amount_eur),
                spent_on: Set(input.spent_on),
                created_by: Set(actor.0),
                created_at: Set(now),
                ..Default::default()
            }
            .insert(txn)
            .await?;
            crate::audit::record(txn, Some(actor), "budget.expense_booked", &format!("budget_expense:{}", row.id), Some(format!("{} {year}: EUR {} {}", row.line, row.amount_eur, row.description))).await?;
            Ok(BudgetExpenseId(row.id))
        })
    })
    .await?;
    views(&state.db, today).await?.into_iter().find(|e| e.id == id).ok_or(AppError::NotFound)
}

/// BEL removes a booking (booked by mistake, or not paid after all).
pub async fn remove(state: &AppState, caller: &Caller, id: BudgetExpenseId) -> AppResult<()> {
    caller.require(&[Role::BelCoordinator])?;
    let actor = caller.user_id;
    write_txn(state, move |txn| {
        Box::pin(async move {
            let e = expense::Entity::find_by_id(id.0).one(txn).await?.ok_or(AppError::NotFound)?;
            let detail = format!("{} {}: EUR {} {}", e.line, e.budget_year, e.amount_eur, e.description);
            e.delete(txn).await?;
            crate::audit::record(txn, Some(actor), "budget.expense_removed", &format!("budget_expense:{}", id.0), Some(detail)).await?;
            Ok(())
        })
    })
    .await
}

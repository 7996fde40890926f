//! Learning questions (plan section 6): registered by BEL or a region's
//! ambassador with goal, target group, partners, duration, capacity, outcomes,
//! how lessons are shared and their own budget; funded (their budget held on
//! the year's learning-questions line), declined or closed by BEL.

use super::lines;
use super::rules::{self, QUESTION_READERS};
use crate::auth::Caller;
use crate::db::write_txn;
use crate::entities::{budget_expense as expense, learning_question as question, region, user};
use crate::error::{validate::Errors, AppError, AppResult};
use crate::state::AppState;
use chrono::NaiveDate;
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set};
use std::collections::HashMap;
use va_openapi::auth::{NamedRef, Role};
use va_openapi::budget::*;
use va_openapi::{ErrorCode, LearningQuestionId, RegionId};

fn link(state: &AppState) -> String {
    format!("{}/leervragen", state.settings.public_url.trim_end_matches('/'))
}

fn status_of(q: &question::Model) -> LearningQuestionStatus {
    LearningQuestionStatus::parse(&q.status).unwrap_or(LearningQuestionStatus::Proposed)
}

/// Checked input (texts trimmed), or 422 with every field at fault.
struct Checked {
    title: String,
    region_id: Option<i64>,
    goal: String,
    target_group: String,
    partners: String,
    capacity: String,
    outcomes: String,
    sharing: String,
}

impl Checked {
    /// The question's own fields, as registered or changed.
    fn apply(self, row: &mut question::ActiveModel, input: &LearningQuestionInput, now: chrono::DateTime<chrono::Utc>) {
        row.title = Set(self.title);
        row.region_id = Set(self.region_id);
        row.goal = Set(self.goal);
        row.target_group = Set(self.target_group);
        row.partners = Set(self.partners);
        row.starts_on = Set(input.starts_on);
        row.ends_on = Set(input.ends_on);
        row.capacity = Set(self.capacity);
        row.outcomes = Set(self.outcomes);
        row.sharing = Set(self.sharing);
        row.budget_eur = Set(input.budget_eur);
        row.budget_year = Set(input.budget_year);
        row.updated_at = Set(now);
    }
}

async fn check<C: ConnectionTrait>(db: &C, caller: &Caller, input: &LearningQuestionInput) -> AppResult<Checked> {
    let mut errs = Errors::default();
    let title = errs.text("title", &input.title, MAX_TITLE_LEN);
    let goal = errs.text("goal", &input.goal, MAX_TEXT_LEN);
    let target_group = errs.text("target_group", &input.target_group, MAX_TEXT_LEN);
    let partners = errs.text("partners", &input.partners, MAX_TEXT_LEN);
    let capacity = errs.text("capacity", &input.capacity, MAX_TEXT_LEN);
    let outcomes = errs.text("outcomes", &input.outcomes, MAX_TEXT_LEN);
    let sharing = errs.text("sharing", &input.sharing, MAX_TEXT_LEN);
    if input.ends_on < input.starts_on {
        errs.add("ends_on", "before_start", "the end is on or after the start");
    }
    errs.range("budget_eur", input.budget_eur, 0, MAX_EUR);
    errs.range("budget_year", i64::from(input.budget_year), 2020, 2100);
    let region_id = match (caller.role, caller.region(), input.region_id) {
        (Role::Ambassador, Some(own), None) => Some(own.0),
        (Role::Ambassador, Some(own), Some(r)) if r == own => Some(r.0),
        (Role::Ambassador, _, _) => {
            errs.add("region_id", "outside_scope", "an ambassador registers their own region's learning questions");
            None
        }
        (_, _, r) => r.map(|r| r.0),
    };
    if let Some(r) = region_id {
        if region::Entity::find_by_id(r).one(db).await?.is_none() {
            errs.add("region_id", "unknown", "no such region");
        }
    }
    errs.finish()?;
    Ok(Checked { title, region_id, goal, target_group, partners, capacity, outcomes, sharing })
}

/// Every learning question as the caller sees it (BEL with the money), newest budget year first.
pub async fn list(state: &AppState, caller: &Caller) -> AppResult<Vec<LearningQuestion>> {
    caller.require(&QUESTION_READERS)?;
    views(&state.db, caller, state.settings.clock.today()).await
}

pub async fn views<C: ConnectionTrait>(db: &C, caller: &Caller, today: NaiveDate) -> AppResult<Vec<LearningQuestion>> {
    let rows = question::Entity::find().order_by_desc(question::Column::BudgetYear).order_by_asc(question::Column::StartsOn).order_by_asc(question::Column::Id).all(db).await?;
    let bookings = lines::by_question(&expense::Entity::find().filter(expense::Column::LearningQuestionId.is_not_null()).all(db).await?);
    let regions: HashMap<i64, String> = region::Entity::find().all(db).await?.into_iter().map(|r| (r.id, r.name)).collect();
    let users: HashMap<i64, String> =
        user::Entity::find().filter(user::Column::Id.is_in(rows.iter().map(|q| q.proposed_by))).all(db).await?.into_iter().map(|u| (u.id, u.name)).collect();
    let money = rules::BUDGET_READERS.contains(&caller.role);
    Ok(rows
        .iter()
        .map(|q| {
            let (spent, committed) = lines::question_figures(q, &bookings, today);
            let status = status_of(q);
            LearningQuestion {
                id: LearningQuestionId(q.id),
                title: q.title.clone(),
                region: q.region_id.map(|r| NamedRef { id: RegionId(r), name: regions.get(&r).cloned().unwrap_or_default() }),
                goal: q.goal.clone(),
                target_group: q.target_group.clone(),
                partners: q.partners.clone(),
                starts_on: q.starts_on,
                ends_on: q.ends_on,
                capacity: q.capacity.clone(),
                outcomes: q.outcomes.clone(),
                sharing: q.sharing.clone(),
                budget_eur: q.budget_eur,
                budget_year: q.budget_year,
                status,
                decision_note: q.decision_note.clone(),
                proposed_by: users.get(&q.proposed_by).cloned().unwrap_or_default(),
                created_at: q.created_at,
                decided_at: q.decided_at,
                spent_eur: money.then_some(spent),
                committed_eur: money.then_some(committed),
                can_edit: rules::may_edit(caller, q.region_id.map(RegionId), status),
                can_decide: rules::may_decide(caller) && matches!(status, LearningQuestionStatus::Proposed | LearningQuestionStatus::Funded),
            }
        })
        .collect())
}

async fn one(state: &AppState, caller: &Caller, id: LearningQuestionId) -> AppResult<LearningQuestion> {
    views(&state.db, caller, state.settings.clock.today()).await?.into_iter().find(|q| q.id == id).ok_or(AppError::NotFound)
}

/// BEL registers any learning question (supra-regional without a region); an ambassador their region's.
pub async fn create(state: &AppState, caller: &Caller, input: LearningQuestionInput) -> AppResult<LearningQuestion> {
    caller.require(&QUESTION_READERS)?;
    let c = check(&state.db, caller, &input).await?;
    let (actor, now, link) = (caller.user_id, state.settings.clock.now(), link(state));
    let from_region = caller.role == Role::Ambassador;
    let id = write_txn(state, move |txn| {
        Box::pin(async move {
            let mut row = question::ActiveModel {
                status: Set(LearningQuestionStatus::Proposed.as_str().into()),
                decision_note: Set(String::new()),
                proposed_by: Set(actor.0),
                created_at: Set(now),
                decided_by: Set(None),
                decided_at: Set(None),
                ..Default::default()
            };
            c.apply(&mut row, &input, now);
            let row = row.insert(txn).await?;
            crate::audit::record(txn, Some(actor), "budget.question_proposed", &format!("learning_question:{}", row.id), Some(format!("{} (EUR {})", row.title, row.budget_eur))).await?;
            // A region's question waits for BEL's decision; BEL's own need no mail.
            if from_region {
                let by = user::Entity::find_by_id(actor.0).one(txn).await?.map(|u| u.name).unwrap_or_default();
                for bel in crate::reference::lookup::active_users(Role::BelCoordinator).all(txn).await? {
                    crate::email::enqueue(txn, super::notify::proposed(&bel, &row, &by, &link)).await?;
                }
            }
            Ok(LearningQuestionId(row.id))
        })
    })
    .await?;
    one(state, caller, id).await
}

/// BEL changes a proposed or funded question (a higher budget of a funded one
/// must fit its line: 409 `over_budget`); an ambassador their region's while proposed.
pub async fn update(state: &AppState, caller: &Caller, id: LearningQuestionId, input: LearningQuestionInput) -> AppResult<LearningQuestion> {
    caller.require(&QUESTION_READERS)?;
    let old = question::Entity::find_by_id(id.0).one(&state.db).await?.ok_or(AppError::NotFound)?;
    if !rules::may_edit(caller, old.region_id.map(RegionId), status_of(&old)) {
        return Err(match status_of(&old) {
            LearningQuestionStatus::Declined | LearningQuestionStatus::Closed => AppError::conflict(ErrorCode::InvalidTransition, "a declined or closed learning question is not changed"),
            _ => AppError::Forbidden,
        });
    }
    let c = check(&state.db, caller, &input).await?;
    let (actor, now, today) = (caller.user_id, state.settings.clock.now(), state.settings.clock.today());
    write_txn(state, move |txn| {
        Box::pin(async move {
            lines::lock_year(txn, input.budget_year).await?;
            // Read again under the lock: a decision may have come in between.
            let q = question::Entity::find_by_id(id.0).one(txn).await?.ok_or(AppError::NotFound)?;
            let status = status_of(&q);
            if !matches!(status, LearningQuestionStatus::Proposed | LearningQuestionStatus::Funded) {
                return Err(AppError::conflict(ErrorCode::InvalidTransition, "a declined or closed learning question is not changed"));
            }
            if status == LearningQuestionStatus::Funded {
                if input.budget_year != q.budget_year {
                    return Err(AppError::field("budget_year", "fixed_once_funded", "a funded question stays in the year it is funded from"));
                }
                let booked = lines::booked_on(txn, q.id).await?;
                if input.budget_eur < booked {
                    return Err(AppError::field("budget_eur", "below_booked", format!("EUR {booked} is booked on it already")));
                }
                // What it held before: its budget (bookings never exceed it, see above).
                lines::ensure_fits(txn, q.budget_year, BudgetLineKind::LearningQuestions, rules::added_to_line(status, q.budget_eur, input.budget_eur), today).await?;
            }
            let changes = crate::audit::Changes::new()
                .field("title", q.title.as_str(), c.title.as_str())
                .opt("region_id", q.region_id, c.region_id)
                .field("goal", q.goal.as_str(), c.goal.as_str())
                .field("target_group", q.target_group.as_str(), c.target_group.as_str())
                .field("partners", q.partners.as_str(), c.partners.as_str())
                .field("starts_on", q.starts_on, input.starts_on)
                .field("ends_on", q.ends_on, input.ends_on)
                .field("capacity", q.capacity.as_str(), c.capacity.as_str())
                .field("outcomes", q.outcomes.as_str(), c.outcomes.as_str())
                .field("sharing", q.sharing.as_str(), c.sharing.as_str())
                .field("budget_eur", q.budget_eur, input.budget_eur)
                .field("budget_year", q.budget_year, input.budget_year);
            let mut row: question::ActiveModel = q.into();
            c.apply(&mut row, &input, now);
            row.update(txn).await?;
            crate::audit::record_change(txn, actor, "budget.question_changed", &format!("learning_question:{}", id.0), None, changes).await?;
            Ok(())
        })
    })
    .await?;
    one(state, caller, id).await
}

/// BEL funds (its budget must fit the line: 409 `over_budget`), declines (with
/// a reason) or closes a question; 409 `invalid_transition` otherwise.
pub async fn decide(state: &AppState, caller: &Caller, id: LearningQuestionId, input: LearningQuestionDecision) -> AppResult<LearningQuestion> {
    caller.require(&QUESTION_READERS)?;
    if !rules::may_decide(caller) {
        return Err(AppError::Forbidden);
    }
    let mut errs = Errors::default();
    let note = errs.opt_text("note", input.note.as_deref(), MAX_TEXT_LEN).unwrap_or_default();
    if input.decision == QuestionDecision::Decline && note.is_empty() {
        errs.add("note", "required", "why the question is declined");
    }
    errs.finish()?;
    let (actor, now, today, link) = (caller.user_id, state.settings.clock.now(), state.settings.clock.today(), link(state));
    write_txn(state, move |txn| {
        Box::pin(async move {
            let year = question::Entity::find_by_id(id.0).one(txn).await?.ok_or(AppError::NotFound)?.budget_year;
            lines::lock_year(txn, year).await?;
            let q = question::Entity::find_by_id(id.0).one(txn).await?.ok_or(AppError::NotFound)?;
            let from = status_of(&q);
            let to = rules::decide(from, input.decision)
                .ok_or_else(|| AppError::conflict(ErrorCode::InvalidTransition, format!("a {} learning question cannot be given the decision {}", from.as_str(), input.decision.as_str())))?;
            if to == LearningQuestionStatus::Funded {
                lines::ensure_fits(txn, q.budget_year, BudgetLineKind::LearningQuestions, q.budget_eur, today).await?;
            }
            let to_status = to;
            let changes = crate::audit::Changes::new().field("status", from.as_str(), to.as_str());
            let subject = format!("learning_question:{}", q.id);
            let mut row: question::ActiveModel = q.into();
            row.status = Set(to.as_str().into());
            row.decision_note = Set(note.clone());
            row.decided_by = Set(Some(actor.0));
            row.decided_at = Set(Some(now));
            row.updated_at = Set(now);
            let q = row.update(txn).await?;
            // Whoever registered it hears the decision (BEL deciding its own question needs no mail).
            if q.proposed_by != actor.0 {
                if let Some(to) = user::Entity::find_by_id(q.proposed_by).one(txn).await?.filter(|u| u.active) {
                    crate::email::enqueue(txn, super::notify::decided(&to, &q, to_status, &link)).await?;
                }
            }
            let action = format!("budget.question_{}", to.as_str());
            crate::audit::record_change(txn, actor, &action, &subject, (!note.is_empty()).then_some(note), changes).await?;
            Ok(())
        })
    })
    .await?;
    one(state, caller, id).await
}

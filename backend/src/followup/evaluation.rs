//! The participant evaluation: after the last held day each participant gets a
//! signed single-use link (no account). Answers are stored without the link,
//! the person or a time, and reported only per group and from a minimum count.

use super::{notify, rules};
use crate::auth::Caller;
use crate::db::write_txn;
use crate::email;
use crate::entities::{evaluation_invite as invite, evaluation_response as response, programme, training_group};
use crate::reference::lookup::professionals_of;
use crate::error::{validate::Errors, AppError, AppResult};
use crate::state::AppState;
use crate::training::service::{days_of, held, load, participants};
use crate::auth::links::{self, token_hash};
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, Set};
use va_openapi::enrolment::EnrolmentStatus;
use va_openapi::followup::*;
use va_openapi::*;

const PURPOSE: &str = "evaluation";

/// Groups whose last held day has come get their links, once (a step of the job runner).
pub async fn send_due(state: &AppState) -> AppResult<usize> {
    let today = state.settings.clock.today();
    let groups = training_group::Entity::find()
        .filter(training_group::Column::EvaluationSentAt.is_null())
        .filter(training_group::Column::Status.ne("cancelled"))
        .all(&state.db)
        .await?;
    let mut sent = 0;
    for g in groups {
        let days = days_of(&state.db, g.id).await?;
        let Some(last) = held(&days).last().map(|d| d.day) else { continue };
        if today < last {
            continue;
        }
        let now = state.settings.clock.now();
        let keys = state.keys.clone();
        let public_url = state.settings.public_url.trim_end_matches('/').to_string();
        sent += write_txn(state, move |txn| {
            Box::pin(async move {
                // Guarded: a second job round finds it sent and does nothing.
                let res = training_group::Entity::update_many()
                    .col_expr(training_group::Column::EvaluationSentAt, Expr::value(Some(now)))
                    .filter(training_group::Column::Id.eq(g.id))
                    .filter(training_group::Column::EvaluationSentAt.is_null())
                    .exec(txn)
                    .await?;
                if res.rows_affected != 1 {
                    return Ok(0);
                }
                let people: Vec<_> = participants(txn, g.id)
                    .await?
                    .into_iter()
                    .filter(|e| e.status != EnrolmentStatus::NotCompleted.as_str())
                    .collect();
                let profs = professionals_of(txn, &people).await?;
                let mut n = 0;
                for e in &people {
                    let Some(p) = profs.get(&e.professional_id) else { continue };
                    let row = invite::ActiveModel {
                        group_id: Set(g.id),
                        enrolment_id: Set(e.id),
                        token_hash: Set(String::new()),
                        sent_at: Set(now),
                        used_at: Set(None),
                        ..Default::default()
                    }
                    .insert(txn)
                    .await?;
                    let token = links::new_link(&keys, PURPOSE, row.id);
                    invite::Entity::update_many()
                        .col_expr(invite::Column::TokenHash, Expr::value(token_hash(&token)))
                        .filter(invite::Column::Id.eq(row.id))
                        .exec(txn)
                        .await?;
                    email::enqueue(txn, notify::evaluation_invite(p, &g, &format!("{public_url}/evaluatie?token={token}"))).await?;
                    n += 1;
                }
                crate::audit::record(txn, None, "evaluation.sent", &format!("group:{}", g.id), Some(format!("{n} links"))).await?;
                Ok(1)
            })
        })
        .await?;
    }
    if sent > 0 {
        state.mail_notify.notify_one();
    }
    Ok(sent)
}

async fn invite_of(state: &AppState, token: &str) -> AppResult<invite::Model> {
    let token = token.trim();
    let id = links::link_id(&state.keys, PURPOSE, token).ok_or(AppError::TokenInvalid)?;
    invite::Entity::find_by_id(id).one(&state.db).await?.filter(|i| i.token_hash == token_hash(token)).ok_or(AppError::TokenInvalid)
}

/// What the link shows: the group and whether it was answered.
pub async fn lookup(state: &AppState, token: &str) -> AppResult<PublicEvaluation> {
    let inv = invite_of(state, token).await?;
    let g = training_group::Entity::find_by_id(inv.group_id).one(&state.db).await?.ok_or(AppError::TokenInvalid)?;
    let p = programme::Entity::find_by_id(g.programme_id).one(&state.db).await?.ok_or(AppError::TokenInvalid)?;
    let days = days_of(&state.db, g.id).await?;
    let h = held(&days);
    Ok(PublicEvaluation {
        group: g.name,
        programme: p.name,
        first_day: h.first().map(|d| d.day),
        last_day: h.last().map(|d| d.day),
        answered: inv.used_at.is_some(),
    })
}

/// The answers, once per link; stored apart from the link.
pub async fn answer(state: &AppState, input: EvaluationInput) -> AppResult<PublicEvaluation> {
    let mut errs = Errors::default();
    for (field, v) in [("content", input.content), ("trainers", input.trainers), ("practice", input.practice), ("overall", input.overall)] {
        if !(1..=5).contains(&v) {
            errs.add(field, "out_of_range", "1-5");
        }
    }
    let valuable = errs.opt_text("valuable", input.valuable.as_deref(), 2000);
    let improve = errs.opt_text("improve", input.improve.as_deref(), 2000);
    errs.finish()?;
    let inv = invite_of(state, &input.token).await?;
    let now = state.settings.clock.now();
    write_txn(state, move |txn| {
        Box::pin(async move {
            let res = invite::Entity::update_many()
                .col_expr(invite::Column::UsedAt, Expr::value(Some(now)))
                .filter(invite::Column::Id.eq(inv.id))
                .filter(invite::Column::UsedAt.is_null())
                .exec(txn)
                .await?;
            if res.rows_affected != 1 {
                return Err(AppError::conflict(ErrorCode::AlreadyAnswered, "this evaluation link was used already"));
            }
            response::ActiveModel {
                group_id: Set(inv.group_id),
                content: Set(input.content),
                trainers: Set(input.trainers),
                practice: Set(input.practice),
                overall: Set(input.overall),
                valuable: Set(valuable),
                improve: Set(improve),
                ..Default::default()
            }
            .insert(txn)
            .await?;
            Ok(())
        })
    })
    .await?;
    lookup(state, &input.token).await
}

/// A group's evaluation in aggregate, for its trainers and BEL.
pub async fn summary(state: &AppState, caller: &Caller, group_id: GroupId) -> AppResult<EvaluationSummary> {
    let db = &state.db;
    let (g, _) = load(db, caller, group_id.0).await?;
    let invited = invite::Entity::find().filter(invite::Column::GroupId.eq(g.id)).all(db).await?.len();
    let answers = response::Entity::find().filter(response::Column::GroupId.eq(g.id)).all(db).await?;
    let responded = i32::try_from(answers.len()).unwrap_or(i32::MAX);
    let shown = rules::show_aggregates(responded, MIN_EVALUATION_RESPONSES);
    let pick = |key: &str, r: &response::Model| match key {
        "content" => r.content,
        "trainers" => r.trainers,
        "practice" => r.practice,
        _ => r.overall,
    };
    let questions = if shown {
        QUESTIONS
            .iter()
            .map(|q| {
                let (average, counts) = rules::aggregate(&answers.iter().map(|r| pick(q.key, r)).collect::<Vec<_>>());
                QuestionSummary { key: q.key.into(), question: q.nl.into(), average, counts }
            })
            .collect()
    } else {
        Vec::new()
    };
    let open = |f: fn(&response::Model) -> Option<String>| -> Vec<String> {
        if !shown {
            return Vec::new();
        }
        let mut v: Vec<String> = answers.iter().filter_map(f).collect();
        v.sort();
        v
    };
    Ok(EvaluationSummary {
        group_id: GroupId(g.id),
        invited: i32::try_from(invited).unwrap_or(i32::MAX),
        responded,
        min_responses: MIN_EVALUATION_RESPONSES,
        questions,
        valuable: open(|r| r.valuable.clone()),
        improve: open(|r| r.improve.clone()),
    })
}

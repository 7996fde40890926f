//! The reminder some days before each training day (the programme's setting):
//! every participant placed in the group gets the day, time and place. Once per
//! day: the day is claimed by a conditional update, so two instances send once.

use super::rules;
use super::service::held;
use crate::db::write_txn;
use crate::email::{self, templates::bilingual, OutgoingEmail};
use crate::entities::{enrolment, professional, programme, training_day, training_group};
use crate::error::AppResult;
use crate::state::AppState;
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use std::collections::HashMap;
use va_openapi::enrolment::EnrolmentStatus;
use va_openapi::reference::GroupStatus;

/// Reminds the participants of the days due today; returns the mails queued.
pub async fn send_due(state: &AppState) -> AppResult<usize> {
    let db = &state.db;
    let (today, now) = (state.settings.clock.today(), state.settings.clock.now());
    let days_before: HashMap<i64, i32> = programme::Entity::find().all(db).await?.into_iter().map(|p| (p.id, p.day_reminder_days)).collect();
    let widest = days_before.values().copied().max().unwrap_or(0);
    if widest <= 0 {
        return Ok(0);
    }
    // Only days to come within the widest reminder period and not reminded
    // are read (a round of the job runner usually finds none), with their groups.
    let open = training_day::Entity::find()
        .filter(training_day::Column::ReminderSentAt.is_null())
        .filter(training_day::Column::Day.gt(today))
        .filter(training_day::Column::Day.lte(today + chrono::Duration::days(i64::from(widest))))
        .all(db)
        .await?;
    let groups: HashMap<i64, training_group::Model> =
        training_group::Entity::find().filter(training_group::Column::Id.is_in(open.iter().map(|d| d.group_id))).all(db).await?.into_iter().map(|g| (g.id, g)).collect();
    let mut sent = 0;
    for d in open {
        let Some(g) = groups.get(&d.group_id).cloned() else { continue };
        let n = days_before.get(&g.programme_id).copied().unwrap_or(0);
        let active = d.status != "cancelled" && g.status != GroupStatus::Cancelled.as_str();
        if !rules::day_reminder_due(d.day, n, today, active, false) {
            continue;
        }
        sent += write_txn(state, move |txn| {
            Box::pin(async move {
                // The guard: only the run that sets the timestamp sends.
                let res = training_day::Entity::update_many()
                    .col_expr(training_day::Column::ReminderSentAt, Expr::value(Some(now)))
                    .filter(training_day::Column::Id.eq(d.id))
                    .filter(training_day::Column::ReminderSentAt.is_null())
                    .exec(txn)
                    .await?;
                if res.rows_affected != 1 {
                    return Ok(0);
                }
                let all = training_day::Entity::find().filter(training_day::Column::GroupId.eq(g.id)).order_by_asc(training_day::Column::Day).order_by_asc(training_day::Column::Id).all(txn).await?;
                let held = held(&all);
                let (nth, of) = (held.iter().position(|x| x.id == d.id).map_or(1, |i| i + 1), held.len());
                let placed = enrolment::Entity::find()
                    .filter(enrolment::Column::GroupId.eq(g.id))
                    .filter(enrolment::Column::Status.eq(EnrolmentStatus::Placed.as_str()))
                    .all(txn)
                    .await?;
                let people = professional::Entity::find().filter(professional::Column::Id.is_in(placed.iter().map(|e| e.professional_id))).all(txn).await?;
                for p in people.iter().filter(|p| p.erased_at.is_none()) {
                    email::enqueue(txn, reminder_mail(p, &g, &d, nth, of)).await?;
                }
                crate::audit::record(txn, None, "training.day_reminded", &format!("training_day:{}", d.id), Some(format!("{} mails", people.len()))).await?;
                Ok(people.len())
            })
        })
        .await?;
    }
    Ok(sent)
}

fn reminder_mail(p: &professional::Model, g: &training_group::Model, d: &training_day::Model, nth: usize, of: usize) -> OutgoingEmail {
    let on = d.day.format("%d-%m-%Y");
    OutgoingEmail::new(
        "training_day_reminder",
        &p.email,
        &format!("Herinnering: VA-training {on} / Reminder: VA training {on}"),
        bilingual(
            &format!(
                "Beste {},\n\nOp {on} is trainingsdag {nth} van {of} van {}: {}-{} uur, {}.\n\nVolgende stap: kunt u niet, meld het dan zo snel mogelijk aan uw teamleider; die laat het BEL weten.",
                p.name, g.name, d.starts_at, d.ends_at, d.place
            ),
            &format!(
                "Dear {},\n\nOn {on} is training day {nth} of {of} of {}: {}-{}, {}.\n\nNext step: if you cannot come, tell your team lead as soon as possible; they will let BEL know.",
                p.name, g.name, d.starts_at, d.ends_at, d.place
            ),
        ),
    )
}

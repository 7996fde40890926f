//! The programme's past, written as it would have been recorded: participants
//! of the groups that ran (requests, decisions, placement, attendance per day,
//! trained or not completed), the trainer's feedback, anonymous evaluations and
//! follow-up sessions; and the running group with its latest day still to mark.
//! Dates follow the group's days, so the history is current on any load day.

use crate::entities::{
    attendance, enrolment, enrolment_event, enrolment_request, evaluation_invite, evaluation_response, followup_participant, followup_session, group_feedback,
    organisation, professional, programme, training_day, training_group, user,
};
use chrono::{DateTime, Duration, NaiveDate, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseTransaction, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, Set};

const FIRST: [&str; 16] = ["Anne", "Bas", "Carla", "Dirk", "Eva", "Frank", "Gerda", "Hans", "Iris", "Jeroen", "Karin", "Luuk", "Marieke", "Niels", "Olga", "Pieter"];
const LAST: [&str; 12] = ["Coenen", "Dassen", "Frijns", "Geurts", "Hanssen", "Janssen", "Kusters", "Lemmens", "Meijers", "Op den Kamp", "Peters", "Vos"];
const FUNCTIONS: [&str; 3] = ["Medewerker toegangsteam", "Gedragswetenschapper", "Jeugdbeschermer"];

/// Noon (Dutch time, roughly) on a day: records of a training day carry its date.
fn at(day: NaiveDate, hour: u32) -> DateTime<Utc> {
    day.and_hms_opt(hour.min(23), 0, 0).map(|t| t.and_utc()).unwrap_or_else(Utc::now)
}

struct People {
    bel: i64,
    trainer: Option<i64>,
    ambassadors: std::collections::HashMap<i64, i64>,
}

/// Writes the history in one transaction behind the write gate (the job runner already runs).
pub async fn write(state: &crate::state::AppState, p: &programme::Model, today: NaiveDate) -> anyhow::Result<()> {
    let p = p.clone();
    crate::db::write_txn(state, move |txn| Box::pin(async move { write_in(txn, &p, today).await.map_err(crate::error::AppError::Internal) }))
        .await
        .map_err(|e| anyhow::anyhow!("demo history: {e}"))
}

async fn write_in(txn: &DatabaseTransaction, p: &programme::Model, today: NaiveDate) -> anyhow::Result<()> {
    let users = user::Entity::find().all(txn).await?;
    let Some(bel) = users.iter().find(|u| u.role == "bel_coordinator").map(|u| u.id) else { return Ok(()) };
    let people = People {
        bel,
        trainer: users.iter().find(|u| u.role == "trainer").map(|u| u.id),
        ambassadors: users.iter().filter(|u| u.role == "ambassador").filter_map(|u| Some((u.region_id?, u.id))).collect(),
    };
    let orgs = organisation::Entity::find().order_by_asc(organisation::Column::Id).all(txn).await?;
    let groups = training_group::Entity::find()
        .filter(training_group::Column::ProgrammeId.eq(p.id))
        .order_by_asc(training_group::Column::StartsOn)
        .all(txn)
        .await?;
    let mut ran = 0;
    for (gi, g) in groups.iter().enumerate() {
        let days: Vec<training_day::Model> =
            training_day::Entity::find().filter(training_day::Column::GroupId.eq(g.id)).order_by_asc(training_day::Column::Day).all(txn).await?;
        let (Some(first), Some(last)) = (days.first().map(|d| d.day), days.last().map(|d| d.day)) else { continue };
        if first > today || g.status == "cancelled" || enrolment::Entity::find().filter(enrolment::Column::GroupId.eq(g.id)).count(txn).await? > 0 {
            continue;
        }
        let completed = last < today;
        let pool: Vec<&organisation::Model> = orgs
            .iter()
            .filter(|o| match g.region_id {
                Some(r) => o.region_id == Some(r) && o.kind == "municipality",
                None => o.kind == "gi" || o.kind == "care_provider",
            })
            .collect();
        if pool.is_empty() {
            continue;
        }
        let n = if completed { 12 } else { 10 };
        // Four organisations per group, three participants each (fewer for the running one).
        // In the running group the latest day held is still to be marked.
        let latest_past = days.iter().filter(|x| x.day <= today).map(|x| x.day).max();
        let mut enrolled = Vec::new();
        for k in 0..4usize {
            let Some(org) = pool.get((gi * 3 + k) % pool.len()) else { continue };
            let mine: Vec<usize> = (0..n).filter(|i| i % 4 == k).collect();
            if mine.is_empty() {
                continue;
            }
            let requested = at(first - Duration::days(70 - 6 * k as i64), 9 + k as u32);
            enrolled.extend(request(txn, p, g, org, &mine, gi, requested, &people).await?);
        }
        for (i, e) in enrolled.iter().enumerate() {
            // In a completed group the last one missed two days and did not complete.
            let dropped = completed && i + 1 == enrolled.len();
            for (di, d) in days.iter().enumerate() {
                if d.day > today || (!completed && Some(d.day) == latest_past) {
                    continue;
                }
                let status = if dropped && di >= 2 { "absent" } else if i == 2 && di == 1 { "excused" } else { "present" };
                attendance::ActiveModel {
                    enrolment_id: Set(e.id),
                    day_id: Set(d.id),
                    status: Set(status.into()),
                    note: Set((status == "excused").then(|| "Ziek gemeld".to_string())),
                    marked_by: Set(people.trainer.unwrap_or(people.bel)),
                    marked_at: Set(at(d.day, 16)),
                    ..Default::default()
                }
                .insert(txn)
                .await?;
            }
            if completed {
                let (to, action, reason) = if dropped { ("not_completed", "not_complete", Some("Twee trainingsdagen afwezig".to_string())) } else { ("trained", "complete", None) };
                enrolment::Entity::update_many()
                    .col_expr(enrolment::Column::Status, Expr::value(to))
                    .col_expr(enrolment::Column::TrainedOn, Expr::value((!dropped).then_some(last)))
                    .col_expr(enrolment::Column::LastReason, Expr::value(reason.clone()))
                    .col_expr(enrolment::Column::UpdatedAt, Expr::value(at(last + Duration::days(2), 10)))
                    .filter(enrolment::Column::Id.eq(e.id))
                    .exec(txn)
                    .await?;
                event(txn, e, at(last + Duration::days(2), 10), people.trainer, action, Some("placed"), to, reason).await?;
            }
        }
        let closed = completed.then(|| at(last + Duration::days(2), 10));
        training_group::Entity::update_many()
            .col_expr(training_group::Column::SeatsTaken, Expr::value(i32::try_from(enrolled.len()).unwrap_or(0)))
            .col_expr(training_group::Column::ClosedAt, Expr::value(closed))
            .col_expr(training_group::Column::EvaluationSentAt, Expr::value(closed))
            .filter(training_group::Column::Id.eq(g.id))
            .exec(txn)
            .await?;
        if completed {
            after_the_training(txn, p, g, last, ran, &enrolled, &people, today).await?;
            ran += 1;
        }
    }
    Ok(())
}

/// One organisation's request for `mine` participants, approved and placed in `g`.
#[allow(clippy::too_many_arguments)]
async fn request(
    txn: &DatabaseTransaction,
    p: &programme::Model,
    g: &training_group::Model,
    org: &organisation::Model,
    mine: &[usize],
    gi: usize,
    requested: DateTime<Utc>,
    people: &People,
) -> anyhow::Result<Vec<enrolment::Model>> {
    let decider = org.region_id.and_then(|r| people.ambassadors.get(&r).copied()).unwrap_or(people.bel);
    let approved = requested + Duration::days(4) + Duration::hours(3);
    let placed = approved + Duration::days(3);
    let req = enrolment_request::ActiveModel {
        programme_id: Set(p.id),
        organisation_id: Set(org.id),
        created_by: Set(people.bel),
        route: Set(if org.region_id.is_some() { "ambassador" } else { "bel" }.into()),
        region_id: Set(org.region_id),
        preferred_period: Set(None),
        preferred_region_id: Set(None),
        remarks: Set(None),
        submitted_at: Set(Some(requested)),
        readiness_check_id: Set(None),
        created_at: Set(requested),
        updated_at: Set(placed),
        ..Default::default()
    }
    .insert(txn)
    .await?;
    enrolment_event::ActiveModel {
        request_id: Set(req.id),
        enrolment_id: Set(None),
        at: Set(requested),
        actor_id: Set(Some(people.bel)),
        action: Set("created_on_behalf".into()),
        ..Default::default()
    }
    .insert(txn)
    .await?;
    let mut out = Vec::new();
    for &i in mine {
        let name = format!("{} {}", FIRST[(gi * 5 + i) % FIRST.len()], LAST[(gi * 7 + i * 5) % LAST.len()]);
        let slug: String = org.name.to_lowercase().chars().filter(|c| c.is_ascii_alphanumeric()).take(16).collect();
        let email = format!("{}.g{}{}@{slug}.demo.local", name.to_lowercase().replace(' ', "."), gi + 1, i);
        let prof = professional::ActiveModel {
            organisation_id: Set(org.id),
            name: Set(name),
            email: Set(email),
            function: Set(Some(FUNCTIONS[i % FUNCTIONS.len()].into())),
            created_at: Set(requested),
            ..Default::default()
        }
        .insert(txn)
        .await?;
        let e = enrolment::ActiveModel {
            request_id: Set(req.id),
            programme_id: Set(p.id),
            professional_id: Set(prof.id),
            function: Set(prof.function.clone()),
            ret_uhp: Set(i % 3 != 2),
            remarks: Set(None),
            status: Set("placed".into()),
            group_id: Set(Some(g.id)),
            waitlist_position: Set(None),
            last_reason: Set(None),
            approved_at: Set(Some(approved)),
            priority_adjustment: Set(0),
            priority_reason: Set(None),
            trained_on: Set(None),
            created_at: Set(requested),
            updated_at: Set(placed),
            ..Default::default()
        }
        .insert(txn)
        .await?;
        event(txn, &e, requested, Some(people.bel), "submit", Some("draft"), "submitted", None).await?;
        event(txn, &e, approved, Some(decider), "approve", Some("submitted"), "approved", None).await?;
        event(txn, &e, placed, Some(people.bel), "allocate", Some("approved"), "placed", Some(g.name.clone())).await?;
        out.push(e);
    }
    Ok(out)
}

#[allow(clippy::too_many_arguments)]
async fn event<C: ConnectionTrait>(db: &C, e: &enrolment::Model, when: DateTime<Utc>, actor: Option<i64>, action: &str, from: Option<&str>, to: &str, reason: Option<String>) -> anyhow::Result<()> {
    enrolment_event::ActiveModel {
        request_id: Set(e.request_id),
        enrolment_id: Set(Some(e.id)),
        at: Set(when),
        actor_id: Set(actor),
        action: Set(action.into()),
        from_status: Set(from.map(String::from)),
        to_status: Set(Some(to.into())),
        reason: Set(reason),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(())
}

/// Feedback (not yet for the latest group: the trainer still writes it), the
/// anonymous evaluations, and a supervision session some weeks later.
#[allow(clippy::too_many_arguments)]
async fn after_the_training(
    txn: &DatabaseTransaction,
    p: &programme::Model,
    g: &training_group::Model,
    last: NaiveDate,
    ran: usize,
    enrolled: &[enrolment::Model],
    people: &People,
    today: NaiveDate,
) -> anyhow::Result<()> {
    let written = last + Duration::days(6);
    if ran < 2 && written < today {
        group_feedback::ActiveModel {
            group_id: Set(g.id),
            experiences: Set("Betrokken groep met veel casuïstiek uit de toegang; de hypothesevorming kostte de meeste tijd.".into()),
            went_well: Set("Oefenen met eigen casussen in duo's; de terugkoppeling tussen de dagen.".into()),
            sharpen: Set("Meer tijd voor het formuleren van de verklarende analyse; leidinggevenden eerder betrekken.".into()),
            updated_by: Set(people.trainer.unwrap_or(people.bel)),
            updated_at: Set(at(written, 11)),
            shared_at: Set(Some(at(written, 12))),
            ..Default::default()
        }
        .insert(txn)
        .await?;
    }
    let sent = at(last + Duration::days(2), 10);
    // The last one did not complete (see `write`) and gets no link.
    for (i, e) in enrolled.iter().take(enrolled.len().saturating_sub(1)).enumerate() {
        // Links of the past: stored as the hash of a token nobody holds.
        evaluation_invite::ActiveModel {
            group_id: Set(g.id),
            enrolment_id: Set(e.id),
            token_hash: Set(crate::auth::links::token_hash(&format!("demo evaluation {} {}", e.id, uuid::Uuid::new_v4()))),
            sent_at: Set(sent),
            used_at: Set((i < 9).then(|| sent + Duration::days(1 + i as i64))),
            ..Default::default()
        }
        .insert(txn)
        .await?;
    }
    for k in 0..9i32 {
        evaluation_response::ActiveModel {
            group_id: Set(g.id),
            content: Set(3 + (k + ran as i32) % 3),
            trainers: Set(4 + k % 2),
            practice: Set(3 + k % 3),
            overall: Set(4 + (k / 3) % 2),
            valuable: Set((k % 3 == 0).then(|| "Het denken in hypotheses en het samen wegen van de informatie.".to_string())),
            improve: Set((k % 4 == 1).then(|| "Meer oefentijd tussen de trainingsdagen.".to_string())),
            ..Default::default()
        }
        .insert(txn)
        .await?;
    }
    let day = last + Duration::days(42);
    let held = day < today;
    let s = followup_session::ActiveModel {
        programme_id: Set(p.id),
        kind: Set("supervision".into()),
        group_id: Set(Some(g.id)),
        day: Set(day),
        starts_at: Set("13:30".into()),
        ends_at: Set("16:30".into()),
        place: Set(g.location.clone()),
        trainer_id: Set(people.trainer),
        status: Set(if held { "held" } else { "planned" }.into()),
        notes: Set(held.then(|| "Casussen ingebracht door de deelnemers; aandacht voor de toetsing.".to_string())),
        reason: Set(None),
        cost_eur: Set(p.supervision_session_eur),
        created_by: Set(people.bel),
        created_at: Set(at(last + Duration::days(10), 9)),
        ..Default::default()
    }
    .insert(txn)
    .await?;
    for e in enrolled.iter().take(6) {
        followup_participant::ActiveModel {
            session_id: Set(s.id),
            professional_id: Set(e.professional_id),
            attendance: Set(held.then(|| "present".to_string())),
            note: Set(None),
            ..Default::default()
        }
        .insert(txn)
        .await?;
    }
    Ok(())
}

/// The requests made by the demo activity all happened in the same minute;
/// spread them over the past weeks (earliest first, each request's own
/// timeline moved as one, so every order stays as it was).
pub async fn spread(state: &crate::state::AppState, since: DateTime<Utc>) -> anyhow::Result<()> {
    crate::db::write_txn(state, move |txn| Box::pin(async move { spread_in(txn, since).await.map_err(crate::error::AppError::Internal) }))
        .await
        .map_err(|e| anyhow::anyhow!("demo history: {e}"))
}

async fn spread_in(txn: &DatabaseTransaction, since: DateTime<Utc>) -> anyhow::Result<()> {
    let recent = enrolment_request::Entity::find()
        .filter(enrolment_request::Column::CreatedAt.gte(since))
        .order_by_asc(enrolment_request::Column::Id)
        .all(txn)
        .await?;
    let n = recent.len() as i64;
    for (i, r) in recent.iter().enumerate() {
        let back = Duration::days((n - i as i64) * 3) + Duration::hours(i as i64 * 2);
        let moved = |t: DateTime<Utc>| t - back;
        enrolment_request::Entity::update_many()
            .col_expr(enrolment_request::Column::CreatedAt, Expr::value(moved(r.created_at)))
            .col_expr(enrolment_request::Column::UpdatedAt, Expr::value(moved(r.updated_at)))
            .col_expr(enrolment_request::Column::SubmittedAt, Expr::value(r.submitted_at.map(moved)))
            .filter(enrolment_request::Column::Id.eq(r.id))
            .exec(txn)
            .await?;
        for e in enrolment::Entity::find().filter(enrolment::Column::RequestId.eq(r.id)).all(txn).await? {
            enrolment::Entity::update_many()
                .col_expr(enrolment::Column::CreatedAt, Expr::value(moved(e.created_at)))
                .col_expr(enrolment::Column::UpdatedAt, Expr::value(moved(e.updated_at)))
                .col_expr(enrolment::Column::ApprovedAt, Expr::value(e.approved_at.map(moved)))
                .filter(enrolment::Column::Id.eq(e.id))
                .exec(txn)
                .await?;
        }
        for ev in enrolment_event::Entity::find().filter(enrolment_event::Column::RequestId.eq(r.id)).all(txn).await? {
            enrolment_event::Entity::update_many()
                .col_expr(enrolment_event::Column::At, Expr::value(moved(ev.at)))
                .filter(enrolment_event::Column::Id.eq(ev.id))
                .exec(txn)
                .await?;
        }
    }
    Ok(())
}

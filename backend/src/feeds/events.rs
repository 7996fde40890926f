//! What a feed holds. A professional: the days of the group they are placed
//! in or trained in, their follow-up sessions and the learning-network
//! sessions they have a place in. A trainer: the days they give and the
//! follow-up sessions they lead. BEL, ambassadors and contacts: the
//! learning-network sessions open to them. Cancelled ones drop out, so the
//! subscribed calendar drops them too; UIDs are those of the invitations.

use crate::email::calendar::CalendarEvent;
use crate::entities::{
    enrolment, followup_participant, followup_session, learning_registration, learning_session, organisation, professional, training_day, training_group, user,
};
use crate::error::AppResult;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};
use std::collections::HashMap;
use va_openapi::auth::Role;
use va_openapi::enrolment::EnrolmentStatus;
use va_openapi::followup::{FollowupKind, SessionStatus};
use va_openapi::learning::RegistrationStatus;

const CANCELLED: &str = "cancelled";
const DOMAIN: &str = "va-planner.bel-limburg.nl";

fn event(uid: String, sequence: i32, day: chrono::NaiveDate, from: &str, until: &str, summary: String, place: &str, description: &str) -> CalendarEvent {
    CalendarEvent {
        uid,
        sequence,
        day,
        starts_at: from.to_string(),
        ends_at: until.to_string(),
        summary,
        location: place.to_string(),
        description: description.to_string(),
        organizer: None,
        attendees: vec![],
    }
}

fn followup(s: &followup_session::Model, uid: String) -> CalendarEvent {
    let kind = FollowupKind::parse(&s.kind).map(FollowupKind::nl).unwrap_or("Nazorg");
    event(uid, 0, s.day, &s.starts_at, &s.ends_at, format!("VA {kind}"), &s.place, "Nazorg bij de training Verklarende Analyse, BEL Limburg.")
}

fn learning(s: &learning_session::Model, uid: String) -> CalendarEvent {
    event(uid, s.sequence, s.held_on, &s.starts_at, &s.ends_at, format!("VA-leernetwerk: {}", s.title), &s.place, &s.description)
}

/// Active days of active groups, by group.
async fn days_of<C: ConnectionTrait>(db: &C, groups: Vec<i64>) -> AppResult<(HashMap<i64, training_group::Model>, Vec<training_day::Model>)> {
    let groups: HashMap<i64, training_group::Model> =
        training_group::Entity::find().filter(training_group::Column::Id.is_in(groups)).filter(training_group::Column::Status.ne(CANCELLED)).all(db).await?.into_iter().map(|g| (g.id, g)).collect();
    let days = training_day::Entity::find()
        .filter(training_day::Column::GroupId.is_in(groups.keys().copied()))
        .filter(training_day::Column::Status.ne(CANCELLED))
        .all(db)
        .await?;
    Ok((groups, days))
}

pub async fn for_professional<C: ConnectionTrait>(db: &C, p: &professional::Model) -> AppResult<Vec<CalendarEvent>> {
    let mut out = Vec::new();
    let seats: Vec<enrolment::Model> = enrolment::Entity::find()
        .filter(enrolment::Column::ProfessionalId.eq(p.id))
        .filter(enrolment::Column::Status.is_in([EnrolmentStatus::Placed.as_str(), EnrolmentStatus::Trained.as_str()]))
        .all(db)
        .await?;
    let (groups, days) = days_of(db, seats.iter().filter_map(|e| e.group_id).collect()).await?;
    for e in &seats {
        for d in days.iter().filter(|d| Some(d.group_id) == e.group_id) {
            let name = groups.get(&d.group_id).map(|g| g.name.as_str()).unwrap_or("VA-training");
            out.push(event(format!("va-day-{}-enrolment-{}@{DOMAIN}", d.id, e.id), d.sequence, d.day, &d.starts_at, &d.ends_at, format!("VA-training: {name}"), &d.place, "Training Verklarende Analyse, BEL Limburg."));
        }
    }
    let mine = followup_participant::Entity::find().filter(followup_participant::Column::ProfessionalId.eq(p.id)).all(db).await?;
    for s in followup_session::Entity::find()
        .filter(followup_session::Column::Id.is_in(mine.iter().map(|m| m.session_id)))
        .filter(followup_session::Column::Status.ne(SessionStatus::Cancelled.as_str()))
        .all(db)
        .await?
    {
        out.push(followup(&s, format!("va-followup-{}-professional-{}@{DOMAIN}", s.id, p.id)));
    }
    let places = learning_registration::Entity::find()
        .filter(learning_registration::Column::ProfessionalId.eq(p.id))
        .filter(learning_registration::Column::Status.eq(RegistrationStatus::Registered.as_str()))
        .all(db)
        .await?;
    for s in learning_session::Entity::find()
        .filter(learning_session::Column::Id.is_in(places.iter().map(|r| r.session_id)))
        .filter(learning_session::Column::Status.ne(CANCELLED))
        .all(db)
        .await?
    {
        out.push(learning(&s, format!("va-learning-{}-professional-{}@{DOMAIN}", s.id, p.id)));
    }
    Ok(out)
}

pub async fn for_user<C: ConnectionTrait>(db: &C, u: &user::Model) -> AppResult<Vec<CalendarEvent>> {
    let mut out = Vec::new();
    let role = Role::parse(&u.role);
    if role == Some(Role::Trainer) {
        // A day's own trainer, else the group's.
        let runs: Vec<i64> = training_group::Entity::find().filter(training_group::Column::TrainerId.eq(u.id)).all(db).await?.into_iter().map(|g| g.id).collect();
        let given: Vec<i64> = training_day::Entity::find().filter(training_day::Column::TrainerId.eq(u.id)).all(db).await?.into_iter().map(|d| d.group_id).collect();
        let (groups, days) = days_of(db, runs.iter().chain(given.iter()).copied().collect()).await?;
        for d in days.iter().filter(|d| d.trainer_id == Some(u.id) || (d.trainer_id.is_none() && runs.contains(&d.group_id))) {
            let name = groups.get(&d.group_id).map(|g| g.name.as_str()).unwrap_or("VA-training");
            out.push(event(format!("va-day-{}-trainer-{}@{DOMAIN}", d.id, u.id), d.sequence, d.day, &d.starts_at, &d.ends_at, format!("VA-training geven: {name}"), &d.place, "Training Verklarende Analyse, BEL Limburg."));
        }
        for s in followup_session::Entity::find()
            .filter(followup_session::Column::TrainerId.eq(u.id))
            .filter(followup_session::Column::Status.ne(SessionStatus::Cancelled.as_str()))
            .all(db)
            .await?
        {
            out.push(followup(&s, format!("va-followup-{}-trainer-{}@{DOMAIN}", s.id, u.id)));
        }
        return Ok(out);
    }
    // The network's sessions as the user may read them (a contact: those open to their organisation).
    let org_region = match u.organisation_id {
        Some(o) => organisation::Entity::find_by_id(o).one(db).await?.and_then(|o| o.region_id),
        None => None,
    };
    for s in learning_session::Entity::find().filter(learning_session::Column::Status.ne(CANCELLED)).all(db).await? {
        let open = role != Some(Role::OrgContact) || crate::learning::rules::open_to(s.region_id, org_region);
        if open {
            out.push(learning(&s, format!("va-learning-{}-user-{}@{DOMAIN}", s.id, u.id)));
        }
    }
    Ok(out)
}

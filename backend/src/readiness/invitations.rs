//! Interview invitations with a calendar (.ics) for the organisation, the ambassador and the project leader.

use crate::email::calendar::{calendar, CalendarEvent};
use crate::email::outbox::Attachment;
use crate::email::{self, templates::fmt_nl, OutgoingEmail};
use crate::entities::{
    organisation, readiness_check, user,
};
use crate::error::AppResult;
use chrono::{DateTime, Utc};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};
use va_openapi::auth::Role;

/// Recipients of the invitation: the organisation's contacts, the ambassador(s), the project leader.
pub(super) async fn invitees<C: ConnectionTrait>(db: &C, c: &readiness_check::Model, org: &organisation::Model) -> AppResult<Vec<user::Model>> {
    let mut out = user::Entity::find()
        .filter(user::Column::Active.eq(true))
        .filter(user::Column::Role.eq(Role::OrgContact.as_str()))
        .filter(user::Column::OrganisationId.eq(org.id))
        .all(db)
        .await?;
    match c.ambassador_id {
        Some(a) => out.extend(user::Entity::find_by_id(a).one(db).await?),
        None => out.extend(
            user::Entity::find()
                .filter(user::Column::Active.eq(true))
                .filter(user::Column::Role.eq(Role::Ambassador.as_str()))
                .filter(user::Column::RegionId.eq(org.region_id))
                .all(db)
                .await?,
        ),
    }
    if let Some(p) = c.project_leader_id {
        out.extend(user::Entity::find_by_id(p).one(db).await?);
    }
    out.sort_by(|a, b| a.email.cmp(&b.email));
    out.dedup_by(|a, b| a.email == b.email);
    Ok(out)
}

/// The interview as an iCalendar invitation: one UID per check, SEQUENCE raised on every change.
pub fn invitation_ics(c: &readiness_check::Model, org: &str, method: &str, attendees: &[String], organizer: Option<String>) -> String {
    let at = c.scheduled_at.unwrap_or_else(Utc::now).with_timezone(&chrono_tz::Europe::Amsterdam);
    let end = at + chrono::Duration::minutes(90);
    calendar(
        method,
        &[CalendarEvent {
            uid: format!("va-readiness-{}@va-planner.bel-limburg.nl", c.id),
            sequence: c.invite_sequence,
            day: at.date_naive(),
            starts_at: at.format("%H:%M").to_string(),
            ends_at: end.format("%H:%M").to_string(),
            summary: format!("Readiness-check VA: {org}"),
            location: c.location.clone().unwrap_or_default(),
            description: "Gesprek over de readiness-check Verklarende Analyse met de VA-ambassadeur en een projectleider van BEL.".into(),
            organizer,
            attendees: attendees.to_vec(),
        }],
        Utc::now(),
    )
}

fn invitation_mail(to: &user::Model, org: &str, at: Option<DateTime<Utc>>, location: &str, cancelled: bool, ics: String) -> OutgoingEmail {
    let when = at.map(fmt_nl).unwrap_or_default();
    let (subject, nl, en, method) = if cancelled {
        (
            format!("Geannuleerd: readiness-check VA {org} / Cancelled"),
            format!("Het readiness-check-gesprek met {org} op {when} gaat niet door.\nVolgende stap: u hoort van de VA-ambassadeur wanneer het nieuwe gesprek is."),
            format!("The readiness-check interview with {org} on {when} is cancelled.\nNext step: the VA ambassador will propose a new date."),
            "CANCEL",
        )
    } else {
        (
            format!("Uitnodiging readiness-check VA {org} op {when} / Invitation"),
            format!("U bent uitgenodigd voor het readiness-check-gesprek met {org} op {when}, {location}.\nVolgende stap: zet het gesprek in uw agenda met de bijlage en bereid de onderwerpen van de readiness-check voor."),
            format!("You are invited to the readiness-check interview with {org} on {when}, {location}.\nNext step: add it to your calendar with the attachment."),
            "REQUEST",
        )
    };
    OutgoingEmail::new(
        if cancelled { "readiness_cancelled" } else { "readiness_invitation" },
        &to.email,
        &subject,
        crate::email::templates::bilingual(&format!("Beste {},\n\n{nl}", to.name), &format!("Dear {},\n\n{en}", to.name)),
    )
    .with_attachment(Attachment {
        filename: "readiness-check.ics".into(),
        content_type: format!("text/calendar; charset=utf-8; method={method}"),
        content: ics,
    })
}

pub(super) async fn send_invitations<C: ConnectionTrait>(db: &C, c: &readiness_check::Model, org: &organisation::Model, cancelled: bool) -> AppResult<()> {
    let people = invitees(db, c, org).await?;
    let attendees: Vec<String> = people.iter().map(|u| u.email.clone()).collect();
    let organizer = match c.project_leader_id {
        Some(p) => user::Entity::find_by_id(p).one(db).await?.map(|u| u.email),
        None => None,
    };
    let ics = invitation_ics(c, &org.name, if cancelled { "CANCEL" } else { "REQUEST" }, &attendees, organizer);
    for u in &people {
        email::enqueue(db, invitation_mail(u, &org.name, c.scheduled_at, c.location.as_deref().unwrap_or(""), cancelled, ics.clone()))
            .await?;
    }
    Ok(())
}

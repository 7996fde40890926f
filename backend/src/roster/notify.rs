//! The placement mails and calendars: every domain that places someone
//! (allocation, an accepted offer, a substitute) sends the same ones, and a
//! changed training day updates the same calendar events.

use crate::email::calendar::{calendar, CalendarEvent};
use crate::email::outbox::Attachment;
use crate::email::templates::bilingual;
use crate::email::OutgoingEmail;
use crate::entities::{professional, training_day, training_group, user};

fn days_nl(days: &[training_day::Model]) -> String {
    days.iter()
        .map(|d| format!("- {} {}-{} uur, {}", d.day.format("%d-%m-%Y"), d.starts_at, d.ends_at, d.place))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The event of one training day for one participant. The UID is stable per
/// day and enrolment, so a later change (higher SEQUENCE) replaces it.
fn day_event(g: &training_group::Model, d: &training_day::Model, i: usize, n: usize, enrolment_id: i64) -> CalendarEvent {
    CalendarEvent {
        uid: format!("va-day-{}-enrolment-{}@va-planner.bel-limburg.nl", d.id, enrolment_id),
        sequence: d.sequence,
        day: d.day,
        starts_at: d.starts_at.clone(),
        ends_at: d.ends_at.clone(),
        summary: format!("VA-training {} (dag {} van {n})", g.name, i + 1),
        location: d.place.clone(),
        description: "Training Verklarende Analyse, BEL Limburg.".into(),
        organizer: None,
        attendees: vec![],
    }
}

/// One event per (held) training day.
pub fn group_calendar(g: &training_group::Model, days: &[training_day::Model], enrolment_id: i64) -> String {
    let held: Vec<&training_day::Model> = days.iter().filter(|d| d.status != "cancelled").collect();
    let n = held.len();
    let events: Vec<CalendarEvent> = held.iter().enumerate().map(|(i, d)| day_event(g, d, i, n, enrolment_id)).collect();
    calendar("PUBLISH", &events, chrono::Utc::now())
}

/// The update of one day (`PUBLISH`) or its cancellation (`CANCEL`), same UID, the day's SEQUENCE.
pub fn day_calendar(method: &str, g: &training_group::Model, days: &[training_day::Model], day_id: i64, enrolment_id: i64) -> String {
    let n = days.iter().filter(|d| d.status != "cancelled").count().max(1);
    let i = days.iter().filter(|d| d.status != "cancelled").position(|d| d.id == day_id).unwrap_or(0);
    let events: Vec<CalendarEvent> = days.iter().filter(|d| d.id == day_id).map(|d| day_event(g, d, i, n, enrolment_id)).collect();
    calendar(method, &events, chrono::Utc::now())
}

fn ics(content: String) -> Attachment {
    Attachment { filename: "va-training.ics".into(), content_type: "text/calendar; charset=utf-8; method=PUBLISH".into(), content }
}

/// The placed professional: the days and a calendar.
pub fn placed_professional(
    p: &professional::Model,
    g: &training_group::Model,
    days: &[training_day::Model],
    calendar: String,
) -> OutgoingEmail {
    OutgoingEmail::new(
        "placed_professional",
        &p.email,
        &format!("Geplaatst in {}: VA-training / Placed in a VA training group", g.name),
        bilingual(
            &format!(
                "Beste {},\n\nU bent geplaatst in {} van de VA-training. De trainingsdagen:\n{}\n\n\
                 Volgende stap: zet de dagen in uw agenda (de bijlage va-training.ics doet dat voor u) en \
                 bespreek met uw leidinggevende hoe u tijd vrijmaakt.",
                p.name,
                g.name,
                days_nl(days)
            ),
            &format!(
                "Dear {},\n\nYou have been placed in {} of the VA training; the days are listed above.\n\
                 Next step: add them to your calendar with the attached va-training.ics.",
                p.name, g.name
            ),
        ),
    )
    .with_attachment(ics(calendar))
}

/// The organisation's contacts: who is placed, on which days.
pub fn placed_contact(
    to: &user::Model,
    professional: &str,
    g: &training_group::Model,
    days: &[training_day::Model],
    calendar: String,
) -> OutgoingEmail {
    OutgoingEmail::new(
        "placed_contact",
        &to.email,
        &format!("{professional} geplaatst in {} / Professional placed", g.name),
        bilingual(
            &format!(
                "Beste {},\n\n{professional} is geplaatst in {}. De trainingsdagen:\n{}\n\n\
                 Volgende stap: zorg dat {professional} op deze dagen vrij is van casuswerk.",
                to.name,
                g.name,
                days_nl(days)
            ),
            &format!(
                "Dear {},\n\n{professional} has been placed in {}.\nNext step: make sure {professional} is free of casework on these days.",
                to.name, g.name
            ),
        ),
    )
    .with_attachment(ics(calendar))
}

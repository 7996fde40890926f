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
/// Who a participant's training days come from, and who is invited: with it
/// a calendar is an invitation (`REQUEST`) that the participant's calendar
/// accepts and later updates or cancels (`CANCEL`) by the same UIDs.
#[derive(Debug, Clone, Copy)]
pub struct Invite<'a> {
    pub organizer: &'a str,
    pub attendee: &'a str,
}

fn day_event(g: &training_group::Model, d: &training_day::Model, i: usize, n: usize, enrolment_id: i64, invite: Option<Invite>) -> CalendarEvent {
    CalendarEvent {
        uid: format!("va-day-{}-enrolment-{}@va-planner.bel-limburg.nl", d.id, enrolment_id),
        sequence: d.sequence,
        day: d.day,
        starts_at: d.starts_at.clone(),
        ends_at: d.ends_at.clone(),
        summary: format!("VA-training {} (dag {} van {n})", g.name, i + 1),
        location: d.place.clone(),
        description: "Training Verklarende Analyse, BEL Limburg.".into(),
        organizer: invite.map(|x| x.organizer.to_string()),
        attendees: invite.map(|x| vec![x.attendee.to_string()]).unwrap_or_default(),
    }
}

fn held(days: &[training_day::Model]) -> Vec<&training_day::Model> {
    days.iter().filter(|d| d.status != "cancelled").collect()
}

/// The contact's copy of a group's days (`PUBLISH`: to look at, nobody invited).
pub fn group_calendar(g: &training_group::Model, days: &[training_day::Model], enrolment_id: i64) -> String {
    let held = held(days);
    let n = held.len();
    let events: Vec<CalendarEvent> = held.iter().enumerate().map(|(i, d)| day_event(g, d, i, n, enrolment_id, None)).collect();
    calendar("PUBLISH", &events, chrono::Utc::now())
}

/// The participant's invitation to a group's days (`REQUEST`), or its
/// withdrawal (`CANCEL`, each day's SEQUENCE one higher than the last sent:
/// the participant was withdrawn or moved to another group).
pub fn participant_calendar(method: &str, g: &training_group::Model, days: &[training_day::Model], enrolment_id: i64, invite: Invite) -> String {
    let held = held(days);
    let n = held.len();
    let bump = i32::from(method == "CANCEL");
    let events: Vec<CalendarEvent> = held
        .iter()
        .enumerate()
        .map(|(i, d)| {
            let mut e = day_event(g, d, i, n, enrolment_id, Some(invite));
            e.sequence += bump;
            e
        })
        .collect();
    calendar(method, &events, chrono::Utc::now())
}

/// The update of one day (`REQUEST`) or its cancellation (`CANCEL`), same UID, the day's SEQUENCE.
pub fn day_calendar(method: &str, g: &training_group::Model, days: &[training_day::Model], day_id: i64, enrolment_id: i64, invite: Invite) -> String {
    let n = held(days).len().max(1);
    let i = held(days).iter().position(|d| d.id == day_id).unwrap_or(0);
    let events: Vec<CalendarEvent> = days.iter().filter(|d| d.id == day_id).map(|d| day_event(g, d, i, n, enrolment_id, Some(invite))).collect();
    calendar(method, &events, chrono::Utc::now())
}

/// A calendar attachment; the content type names its method, as mail clients look there.
pub fn ics(method: &str, content: String) -> Attachment {
    Attachment { filename: "va-training.ics".into(), content_type: format!("text/calendar; charset=utf-8; method={method}"), content }
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
    .with_attachment(ics("REQUEST", calendar))
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
    .with_attachment(ics("PUBLISH", calendar))
}

/// A participant moved to another group: the old group's days leave their
/// calendar (the new group's invitation follows in a mail of its own).
pub fn moved_from(p: &professional::Model, from: &training_group::Model, to: &training_group::Model, calendar: String) -> OutgoingEmail {
    OutgoingEmail::new(
        "moved_from",
        &p.email,
        &format!("Niet meer in {}: u bent verplaatst / Moved to another group", from.name),
        bilingual(
            &format!(
                "Beste {},\n\nU bent verplaatst van {} naar {}. De dagen van {} vervallen voor u.\n\n\
                 Volgende stap: de bijlage haalt ze uit uw agenda; de uitnodiging voor {} volgt in een apart bericht.",
                p.name, from.name, to.name, from.name, to.name
            ),
            &format!(
                "Dear {},\n\nYou have been moved from {} to {}. The days of {} no longer apply to you.\n\
                 Next step: the attachment removes them from your calendar; the invitation for {} follows separately.",
                p.name, from.name, to.name, from.name, to.name
            ),
        ),
    )
    .with_attachment(ics("CANCEL", calendar))
}

//! Emails of the enrolment domain: Dutch first, English below, each naming the next step.

use crate::email::calendar::{calendar, CalendarEvent};
use crate::email::outbox::Attachment;
use crate::email::templates::bilingual;
use crate::email::OutgoingEmail;
use crate::entities::{professional, training_day, training_group, user};
use va_openapi::enrolment::{Decision, Route};


fn days_nl(days: &[training_day::Model]) -> String {
    days.iter()
        .map(|d| format!("- {} {}-{} uur, {}", d.day.format("%d-%m-%Y"), d.starts_at, d.ends_at, d.place))
        .collect::<Vec<_>>()
        .join("\n")
}

pub fn submitted(to: &user::Model, org: &str, count: usize, route: Route) -> OutgoingEmail {
    let who = match route {
        Route::Ambassador => "als VA-ambassadeur van de regio",
        Route::Bel => "als BEL",
    };
    OutgoingEmail::new(
        "request_submitted",
        &to.email,
        &format!("Nieuwe aanmelding VA-training: {org} / New enrolment request"),
        bilingual(
            &format!(
                "Beste {},\n\n{org} heeft {count} professional(s) aangemeld voor de VA-training.\n\
                 Volgende stap: beoordeel de aanmelding {who} in de VA-trainingsplanner: keur per professional goed, \
                 wijs af of stuur terug voor meer informatie.",
                to.name
            ),
            &format!(
                "Dear {},\n\n{org} enrolled {count} professional(s) for the VA training.\n\
                 Next step: review the request in the VA training planner: approve, reject or return each professional.",
                to.name
            ),
        ),
    )
}

pub fn decided(to: &user::Model, professional: &str, decision: Decision, reason: Option<&str>) -> OutgoingEmail {
    let reason = reason.unwrap_or("");
    let (subject, nl, en) = match decision {
        Decision::Approve => (
            format!("Aanmelding goedgekeurd: {professional} / Enrolment approved"),
            format!("De aanmelding van {professional} is goedgekeurd.\nVolgende stap: BEL plaatst {professional} in een trainingsgroep; u krijgt bericht zodra dat gebeurd is."),
            format!("The enrolment of {professional} was approved.\nNext step: BEL places {professional} in a training group; you will be told when that has happened."),
        ),
        Decision::Reject => (
            format!("Aanmelding afgewezen: {professional} / Enrolment rejected"),
            format!("De aanmelding van {professional} is afgewezen.\nReden: {reason}\nVolgende stap: neem bij vragen contact op met uw VA-ambassadeur of BEL."),
            format!("The enrolment of {professional} was rejected.\nReason: {reason}\nNext step: contact your VA ambassador or BEL with any questions."),
        ),
        Decision::Return => (
            format!("Aanmelding teruggestuurd: {professional} / More information needed"),
            format!("De aanmelding van {professional} is teruggestuurd voor meer informatie.\nToelichting: {reason}\nVolgende stap: vul de aanmelding aan in de VA-trainingsplanner en dien haar opnieuw in."),
            format!("The enrolment of {professional} was returned for more information.\nComment: {reason}\nNext step: complete the request in the VA training planner and submit it again."),
        ),
    };
    OutgoingEmail::new(
        "enrolment_decided",
        &to.email,
        &subject,
        bilingual(&format!("Beste {},\n\n{nl}", to.name), &format!("Dear {},\n\n{en}", to.name)),
    )
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

/// A training day changed or was cancelled: the participant gets the reason and the calendar update.
pub fn day_changed(p: &professional::Model, g: &training_group::Model, d: &training_day::Model, cancelled: bool, reason: &str, calendar: String) -> OutgoingEmail {
    let when = format!("{} {}-{} uur, {}", d.day.format("%d-%m-%Y"), d.starts_at, d.ends_at, d.place);
    let (subject, nl, en, method) = if cancelled {
        (
            format!("Trainingsdag vervalt: {} / Training day cancelled", g.name),
            format!("De trainingsdag van {} op {} vervalt.\nReden: {reason}\n\nVolgende stap: de bijlage haalt de dag uit uw agenda; BEL laat weten hoe de stof wordt ingehaald.", g.name, d.day.format("%d-%m-%Y")),
            format!("The training day of {} on {} is cancelled.\nReason: {reason}\n\nNext step: the attachment removes it from your calendar.", g.name, d.day.format("%d-%m-%Y")),
            "CANCEL",
        )
    } else {
        (
            format!("Trainingsdag gewijzigd: {} / Training day changed", g.name),
            format!("Een trainingsdag van {} is gewijzigd. Nieuw: {when}.\nReden: {reason}\n\nVolgende stap: de bijlage werkt de afspraak in uw agenda bij.", g.name),
            format!("A training day of {} changed. Now: {when}.\nReason: {reason}\n\nNext step: the attachment updates your calendar.", g.name),
            "PUBLISH",
        )
    };
    OutgoingEmail::new(
        if cancelled { "training_day_cancelled" } else { "training_day_changed" },
        &p.email,
        &subject,
        bilingual(&format!("Beste {},\n\n{nl}", p.name), &format!("Dear {},\n\n{en}", p.name)),
    )
    .with_attachment(Attachment {
        filename: "va-training.ics".into(),
        content_type: format!("text/calendar; charset=utf-8; method={method}"),
        content: calendar,
    })
}

fn ics(content: String) -> Attachment {
    Attachment { filename: "va-training.ics".into(), content_type: "text/calendar; charset=utf-8; method=PUBLISH".into(), content }
}

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

pub fn withdrawn(to_addr: &str, to_name: &str, professional: &str, group: Option<&str>, reason: Option<&str>) -> OutgoingEmail {
    let seat_nl = group.map(|g| format!(" De plaats in {g} komt vrij.")).unwrap_or_default();
    let seat_en = group.map(|g| format!(" The seat in {g} is freed.")).unwrap_or_default();
    let reason_nl = reason.map(|r| format!("\nReden: {r}")).unwrap_or_default();
    let reason_en = reason.map(|r| format!("\nReason: {r}")).unwrap_or_default();
    OutgoingEmail::new(
        "enrolment_withdrawn",
        to_addr,
        &format!("Aanmelding ingetrokken: {professional} / Enrolment withdrawn"),
        bilingual(
            &format!(
                "Beste {to_name},\n\nDe aanmelding van {professional} voor de VA-training is ingetrokken.{seat_nl}{reason_nl}\n\n\
                 Volgende stap: er is niets meer te doen; wilt u later alsnog aanmelden, dan kan dat met een nieuwe aanmelding."
            ),
            &format!(
                "Dear {to_name},\n\nThe enrolment of {professional} for the VA training was withdrawn.{seat_en}{reason_en}\n\n\
                 Next step: nothing; a new request can be made later."
            ),
        ),
    )
}

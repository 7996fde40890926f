//! Mails of the learning network: Dutch first, English below, each naming the
//! next step. A professional with a place gets a calendar invitation; a
//! withdrawal or a cancelled session withdraws the same event.

use crate::email::calendar::{calendar, CalendarEvent};
use crate::email::outbox::Attachment;
use crate::email::templates::{bilingual, fmt_nl};
use crate::email::OutgoingEmail;
use crate::entities::{learning_session as session, professional, user};
use chrono::{DateTime, Utc};

/// One event per professional and session: its UID stays, its SEQUENCE rises.
pub fn event(s: &session::Model, p: &professional::Model, sequence: i32, organizer: &str) -> CalendarEvent {
    CalendarEvent {
        uid: format!("va-learning-{}-professional-{}@va-planner.bel-limburg.nl", s.id, p.id),
        sequence,
        day: s.held_on,
        starts_at: s.starts_at.clone(),
        ends_at: s.ends_at.clone(),
        summary: format!("VA-leernetwerk: {}", s.title),
        location: s.place.clone(),
        description: format!("Leernetwerk Verklarende Analyse, BEL Limburg.\n{}", s.description),
        organizer: Some(organizer.to_string()),
        attendees: vec![p.email.clone()],
    }
}

fn when(s: &session::Model) -> String {
    format!("{} {}-{} uur, {}", s.held_on.format("%d-%m-%Y"), s.starts_at, s.ends_at, s.place)
}

fn ics(method: &str, s: &session::Model, p: &professional::Model, sequence: i32, organizer: &str, now: DateTime<Utc>) -> Attachment {
    Attachment {
        filename: "va-leernetwerk.ics".into(),
        content_type: format!("text/calendar; charset=utf-8; method={method}"),
        content: calendar(method, &[event(s, p, sequence, organizer)], now),
    }
}

/// A place: the invitation (or, after a change of the session, its update).
pub fn placed(p: &professional::Model, s: &session::Model, sequence: i32, organizer: &str, now: DateTime<Utc>, changed: bool) -> OutgoingEmail {
    let (nl, en) = if changed {
        (format!("De bijeenkomst van het leernetwerk \"{}\" is gewijzigd: {}.", s.title, when(s)), format!("The learning-network session \"{}\" changed: {}.", s.title, when(s)))
    } else {
        (format!("U bent aangemeld voor de bijeenkomst van het leernetwerk \"{}\": {}.", s.title, when(s)), format!("You are registered for the learning-network session \"{}\": {}.", s.title, when(s)))
    };
    OutgoingEmail::new(
        if changed { "learning_changed" } else { "learning_registered" },
        &p.email,
        &format!("{}: {} / Learning network", if changed { "Gewijzigd" } else { "Uitnodiging" }, s.title),
        bilingual(
            &format!("Beste {},\n\n{nl}\n\nVolgende stap: de bijlage zet de afspraak in uw agenda. Neem een casus mee.", p.name),
            &format!("Dear {},\n\n{en}\n\nNext step: the attachment adds it to your calendar. Bring a case.", p.name),
        ),
    )
    .with_attachment(ics("REQUEST", s, p, sequence, organizer, now))
}

/// The place is given up, or the session cancelled: the same event is withdrawn.
pub fn withdrawn(p: &professional::Model, s: &session::Model, sequence: i32, reason: Option<&str>, organizer: &str, now: DateTime<Utc>) -> OutgoingEmail {
    let (nl, en) = match reason {
        Some(r) => (format!("De bijeenkomst van het leernetwerk \"{}\" ({}) gaat niet door.\nReden: {r}", s.title, when(s)), format!("The learning-network session \"{}\" ({}) is cancelled.\nReason: {r}", s.title, when(s))),
        None => (format!("Uw aanmelding voor de bijeenkomst \"{}\" ({}) is ingetrokken.", s.title, when(s)), format!("Your registration for \"{}\" ({}) is withdrawn.", s.title, when(s))),
    };
    OutgoingEmail::new(
        "learning_withdrawn",
        &p.email,
        &format!("Vervalt: {} / Learning network", s.title),
        bilingual(&format!("Beste {},\n\n{nl}\n\nVolgende stap: de bijlage haalt de afspraak uit uw agenda.", p.name), &format!("Dear {},\n\n{en}\n\nNext step: the attachment removes it from your calendar.", p.name)),
    )
    .with_attachment(ics("CANCEL", s, p, sequence, organizer, now))
}

/// Whoever registers the professional hears of a freed place held for them.
pub fn offered(to: &user::Model, p: &professional::Model, s: &session::Model, until: DateTime<Utc>, link: &str) -> OutgoingEmail {
    OutgoingEmail::new(
        "learning_offered",
        &to.email,
        &format!("Plek vrij voor {}: {} / A place is free", p.name, s.title),
        bilingual(
            &format!(
                "Beste {},\n\nEr is een plek vrijgekomen bij de bijeenkomst van het leernetwerk \"{}\" ({}). {} staat als eerste op de wachtlijst.\n\n\
                 Volgende stap: neem de plek aan of geef haar door vóór {}: {link}\nDaarna gaat de plek naar de volgende op de wachtlijst.",
                to.name, s.title, when(s), p.name, fmt_nl(until)
            ),
            &format!(
                "Dear {},\n\nA place is free at the learning-network session \"{}\" ({}). {} is first on the waiting list.\n\n\
                 Next step: accept or pass it on before {}: {link}\nAfter that it goes to the next on the list.",
                to.name, s.title, when(s), p.name, fmt_nl(until)
            ),
        ),
    )
}

/// A personal link to register for a session (sent by an organiser).
pub fn link(p: &professional::Model, s: &session::Model, url: &str) -> OutgoingEmail {
    OutgoingEmail::new(
        "learning_link",
        &p.email,
        &format!("Aanmelden: {} / Learning network", s.title),
        bilingual(
            &format!(
                "Beste {},\n\nU bent van harte welkom bij de bijeenkomst van het leernetwerk Verklarende Analyse \"{}\": {}.\nVoor: {}\n\n\
                 Volgende stap: meld u aan (of af) met uw persoonlijke link: {url}\nIs de bijeenkomst vol, dan komt u op de wachtlijst. Deel de link niet: hij is alleen voor u.",
                p.name, s.title, when(s), s.target_group
            ),
            &format!(
                "Dear {},\n\nYou are welcome at the learning-network session \"{}\": {}.\nFor: {}\n\n\
                 Next step: register (or withdraw) with your personal link: {url}\nWhen it is full you join the waiting list. Do not share the link: it is yours only.",
                p.name, s.title, when(s), s.target_group
            ),
        ),
    )
}

/// A freed place held for a professional who registered by their own link.
pub fn offered_by_link(p: &professional::Model, s: &session::Model, until: DateTime<Utc>, url: &str) -> OutgoingEmail {
    OutgoingEmail::new(
        "learning_offered",
        &p.email,
        &format!("Plek vrij: {} / A place is free", s.title),
        bilingual(
            &format!(
                "Beste {},\n\nEr is een plek vrijgekomen bij de bijeenkomst van het leernetwerk \"{}\" ({}) en u staat als eerste op de wachtlijst.\n\n\
                 Volgende stap: neem de plek aan of geef haar door vóór {}: {url}\nDaarna gaat de plek naar de volgende op de wachtlijst.",
                p.name, s.title, when(s), fmt_nl(until)
            ),
            &format!(
                "Dear {},\n\nA place is free at the learning-network session \"{}\" ({}) and you are first on the waiting list.\n\n\
                 Next step: accept or pass it on before {}: {url}\nAfter that it goes to the next on the list.",
                p.name, s.title, when(s), fmt_nl(until)
            ),
        ),
    )
}

/// The lessons learned, shared with every ambassador.
pub fn report_shared(to: &user::Model, s: &session::Model, link: &str) -> OutgoingEmail {
    OutgoingEmail::new(
        "learning_report",
        &to.email,
        &format!("Verslag leernetwerk: {} / Lessons learned", s.title),
        bilingual(
            &format!("Beste {},\n\nHet verslag van de bijeenkomst \"{}\" ({}) is gedeeld:\n\n{}\n\nVolgende stap: neem wat u herkent mee naar uw regio: {link}", to.name, s.title, when(s), s.report),
            &format!("Dear {},\n\nThe lessons learned of \"{}\" ({}) are shared:\n\n{}\n\nNext step: take what applies to your region: {link}", to.name, s.title, when(s), s.report),
        ),
    )
}

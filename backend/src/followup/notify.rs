//! Emails after the training: Dutch first, English below, each naming the next step.

use crate::email::calendar::{calendar, CalendarEvent};
use crate::email::outbox::Attachment;
use crate::email::templates::bilingual;
use crate::email::OutgoingEmail;
use crate::entities::{followup_session, professional, training_group, user};
use va_openapi::followup::FollowupKind;

/// The trainer's feedback is shared with the ambassador of a participant's region.
pub fn feedback_shared(to: &user::Model, g: &training_group::Model, link: &str) -> OutgoingEmail {
    OutgoingEmail::new(
        "feedback_shared",
        &to.email,
        &format!("Terugkoppeling van de trainer: {} / Trainer's feedback", g.name),
        bilingual(
            &format!(
                "Beste {},\n\nDe trainer van {} heeft de ervaringen van de deelnemers, wat goed ging en wat aandacht vraagt \
                 in de regionale of lokale borging vastgelegd.\n\nVolgende stap: lees de terugkoppeling en leg de afspraken \
                 vast die u met de trainer en BEL maakt: {link}",
                to.name, g.name
            ),
            &format!(
                "Dear {},\n\nThe trainer of {} recorded the participants' experiences and what needs sharpening in the \
                 regional or local embedding.\n\nNext step: read it and record the actions you agree on: {link}",
                to.name, g.name
            ),
        ),
    )
}

/// A participant's single-use link to the evaluation.
pub fn evaluation_invite(p: &professional::Model, g: &training_group::Model, link: &str) -> OutgoingEmail {
    OutgoingEmail::new(
        "evaluation_invite",
        &p.email,
        &format!("Hoe was de VA-training? Evaluatie {} / Training evaluation", g.name),
        bilingual(
            &format!(
                "Beste {},\n\nU hebt de VA-training in {} afgerond. Wilt u in drie minuten vertellen hoe u de training ervaren hebt?\n\n\
                 Volgende stap: vul de evaluatie in: {link}\n\nU hebt geen account nodig; de link werkt één keer. Uw antwoorden \
                 worden anoniem verwerkt: trainers en BEL zien alleen de uitkomsten van de hele groep.",
                p.name, g.name
            ),
            &format!(
                "Dear {},\n\nYou finished the VA training in {}. Please tell us in three minutes how it went.\n\n\
                 Next step: answer the evaluation: {link}\n\nNo account is needed; the link works once. Answers are anonymous: \
                 trainers and BEL only see the group's totals.",
                p.name, g.name
            ),
        ),
    )
}

/// One professional's event of a session: an invitation from the planner's
/// address to them, so calendars accept it and a cancellation removes it.
fn session_event(s: &followup_session::Model, p: &professional::Model, sequence: i32, organizer: &str) -> CalendarEvent {
    let kind = FollowupKind::parse(&s.kind).map(FollowupKind::nl).unwrap_or("Nazorg");
    CalendarEvent {
        uid: format!("va-followup-{}-professional-{}@va-planner.bel-limburg.nl", s.id, p.id),
        sequence,
        day: s.day,
        starts_at: s.starts_at.clone(),
        ends_at: s.ends_at.clone(),
        summary: format!("VA {kind}"),
        location: s.place.clone(),
        description: "Nazorg bij de training Verklarende Analyse, BEL Limburg.".into(),
        organizer: Some(organizer.to_string()),
        attendees: vec![p.email.clone()],
    }
}

fn when(s: &followup_session::Model) -> String {
    format!("{} {}-{} uur, {}", s.day.format("%d-%m-%Y"), s.starts_at, s.ends_at, s.place)
}

/// A trained professional is invited to a follow-up session, with the calendar entry.
pub fn session_planned(p: &professional::Model, s: &followup_session::Model, organizer: &str) -> OutgoingEmail {
    let kind = FollowupKind::parse(&s.kind).map(FollowupKind::nl).unwrap_or("Nazorg");
    OutgoingEmail::new(
        "followup_planned",
        &p.email,
        &format!("Uitnodiging: {kind} Verklarende Analyse / Follow-up session"),
        bilingual(
            &format!("Beste {},\n\nU bent uitgenodigd voor een {} na de VA-training: {}.\n\nVolgende stap: de bijlage zet de afspraak in uw agenda.", p.name, kind.to_lowercase(), when(s)),
            &format!("Dear {},\n\nYou are invited to a follow-up session ({kind}) after the VA training: {}.\n\nNext step: the attachment adds it to your calendar.", p.name, when(s)),
        ),
    )
    .with_attachment(Attachment {
        filename: "va-nazorg.ics".into(),
        content_type: "text/calendar; charset=utf-8; method=REQUEST".into(),
        content: calendar("REQUEST", &[session_event(s, p, 0, organizer)], chrono::Utc::now()),
    })
}

/// A follow-up session is cancelled: the same calendar entry is withdrawn.
pub fn session_cancelled(p: &professional::Model, s: &followup_session::Model, reason: &str, organizer: &str) -> OutgoingEmail {
    let kind = FollowupKind::parse(&s.kind).map(FollowupKind::nl).unwrap_or("Nazorg");
    OutgoingEmail::new(
        "followup_cancelled",
        &p.email,
        &format!("Vervalt: {kind} op {} / Follow-up session cancelled", s.day.format("%d-%m-%Y")),
        bilingual(
            &format!("Beste {},\n\nDe {} van {} vervalt.\nReden: {reason}\n\nVolgende stap: de bijlage haalt de afspraak uit uw agenda.", p.name, kind.to_lowercase(), when(s)),
            &format!("Dear {},\n\nThe follow-up session ({kind}) of {} is cancelled.\nReason: {reason}\n\nNext step: the attachment removes it from your calendar.", p.name, when(s)),
        ),
    )
    .with_attachment(Attachment {
        filename: "va-nazorg.ics".into(),
        content_type: "text/calendar; charset=utf-8; method=CANCEL".into(),
        content: calendar("CANCEL", &[session_event(s, p, 1, organizer)], chrono::Utc::now()),
    })
}

/// BEL hears of an organisation's request for follow-up.
pub fn request_received(to: &user::Model, org: &str, kind: FollowupKind, people: usize, link: &str) -> OutgoingEmail {
    OutgoingEmail::new(
        "followup_requested",
        &to.email,
        &format!("{org} vraagt {} aan / Follow-up requested", kind.nl().to_lowercase()),
        bilingual(
            &format!("Beste {},\n\n{org} vraagt {} aan voor {people} getrainde professional(s).\n\nVolgende stap: plan een sessie of wijs de aanvraag met een reden af: {link}", to.name, kind.nl().to_lowercase()),
            &format!("Dear {},\n\n{org} requests follow-up ({}) for {people} trained professional(s).\n\nNext step: plan a session or decline with a reason: {link}", to.name, kind.nl()),
        ),
    )
}

/// The organisation hears what became of its request.
pub fn request_answered(to: &user::Model, kind: FollowupKind, planned: Option<&followup_session::Model>, reason: Option<&str>) -> OutgoingEmail {
    let (nl, en) = match (planned, reason) {
        (Some(s), _) => (format!("Uw aanvraag voor {} is ingepland: {}. De deelnemers krijgen een uitnodiging.", kind.nl().to_lowercase(), when(s)), format!("Your request is planned: {}. Participants get an invitation.", when(s))),
        (None, r) => (format!("Uw aanvraag voor {} is afgewezen.\nReden: {}", kind.nl().to_lowercase(), r.unwrap_or("-")), format!("Your request was declined.\nReason: {}", r.unwrap_or("-"))),
    };
    OutgoingEmail::new(
        "followup_request_answered",
        &to.email,
        &format!("Uw aanvraag {} / Your follow-up request", kind.nl().to_lowercase()),
        bilingual(&format!("Beste {},\n\n{nl}", to.name), &format!("Dear {},\n\n{en}", to.name)),
    )
}

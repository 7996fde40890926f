//! Emails of training delivery.

use crate::email::outbox::Attachment;
use crate::email::templates::bilingual;
use crate::email::OutgoingEmail;
use crate::entities::{professional, training_day, training_group};

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
            "REQUEST",
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

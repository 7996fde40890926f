//! Emails of group planning.

use crate::email::templates::bilingual;
use crate::email::OutgoingEmail;
use crate::entities::{professional, training_group};

/// The group was cancelled: the participant is back on the waiting list.
pub fn group_cancelled(p: &professional::Model, g: &training_group::Model, reason: &str, was_placed: bool) -> OutgoingEmail {
    let (nl_next, en_next) = if was_placed {
        (
            "U staat weer op de wachtlijst, op uw oude plaats; zodra er een plek vrijkomt in een andere groep krijgt u een aanbod. De trainingsdagen kunt u uit uw agenda halen.",
            "You are back on the waiting list, in your old place; you will get an offer as soon as a seat frees up in another group. You can remove the training days from your calendar.",
        )
    } else {
        ("Het aanbod voor deze groep vervalt; u blijft op de wachtlijst.", "The offer for this group lapses; you stay on the waiting list.")
    };
    OutgoingEmail::new(
        "group_cancelled",
        &p.email,
        &format!("Trainingsgroep vervalt: {} / Training group cancelled", g.name),
        bilingual(
            &format!("Beste {},\n\n{} gaat niet door.\nReden: {reason}\n\nVolgende stap: {nl_next}", p.name, g.name),
            &format!("Dear {},\n\n{} is cancelled.\nReason: {reason}\n\nNext step: {en_next}", p.name, g.name),
        ),
    )
}

//! Emails of the waiting list: Dutch first, English below, each naming the next step.

use crate::email::templates::{bilingual, fmt_nl};
use crate::email::OutgoingEmail;
use crate::entities::{professional, training_day, training_group, user};
use chrono::{DateTime, Utc};

fn days_nl(days: &[training_day::Model]) -> String {
    days.iter()
        .map(|d| format!("- {} {}-{} uur, {}", d.day.format("%d-%m-%Y"), d.starts_at, d.ends_at, d.place))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The offer to the professional: two links, one answer.
pub fn offer(
    p: &professional::Model,
    g: &training_group::Model,
    days: &[training_day::Model],
    deadline: DateTime<Utc>,
    accept_link: &str,
    decline_link: &str,
) -> OutgoingEmail {
    let until = fmt_nl(deadline);
    OutgoingEmail::new(
        "waitlist_offer",
        &p.email,
        &format!("Er is een plaats voor u vrij in {}: VA-training / A seat is available", g.name),
        bilingual(
            &format!(
                "Beste {},\n\nU staat op de wachtlijst voor de VA-training. Er is een plaats vrijgekomen in {}. De trainingsdagen:\n{}\n\n\
                 Wij houden deze plaats voor u vast tot {until}.\n\n\
                 Volgende stap: laat ons vóór {until} weten of u de plaats aanneemt.\n\
                 Plaats aannemen: {accept_link}\n\
                 Plaats afwijzen: {decline_link}\n\n\
                 U hebt geen account nodig; de link werkt één keer. Reageert u niet op tijd, dan gaat de plaats naar \
                 de volgende op de wachtlijst en blijft u zelf op de lijst staan.",
                p.name,
                g.name,
                days_nl(days)
            ),
            &format!(
                "Dear {},\n\nA seat has become available for you in {} of the VA training (days listed above). \
                 We hold it for you until {until}.\n\nNext step: answer before {until}.\n\
                 Accept the seat: {accept_link}\nDecline the seat: {decline_link}\n\n\
                 No account is needed; the link works once. Without an answer in time the seat goes to the next person \
                 on the list and you stay on the list.",
                p.name, g.name
            ),
        ),
    )
}

/// The organisation hears that its professional got an offer.
pub fn offer_contact(to: &user::Model, professional: &str, g: &training_group::Model, deadline: DateTime<Utc>) -> OutgoingEmail {
    let until = fmt_nl(deadline);
    OutgoingEmail::new(
        "waitlist_offer_contact",
        &to.email,
        &format!("{professional} krijgt een plaats aangeboden in {} / Seat offered", g.name),
        bilingual(
            &format!(
                "Beste {},\n\n{professional} staat op de wachtlijst en krijgt een plaats aangeboden in {}. \
                 {professional} kan tot {until} reageren via de link in de e-mail.\n\n\
                 Volgende stap: bespreek met {professional} of de trainingsdagen passen.",
                to.name, g.name
            ),
            &format!(
                "Dear {},\n\n{professional} is offered a seat in {} and can answer until {until}.\n\
                 Next step: check with {professional} that the training days fit.",
                to.name, g.name
            ),
        ),
    )
}

/// BEL put an approved professional on the waiting list: the organisation hears where they stand.
pub fn waitlisted_contact(to: &user::Model, professional: &str, position: Option<i32>) -> OutgoingEmail {
    let at_nl = position.map(|p| format!(" op plaats {p}")).unwrap_or_default();
    let at_en = position.map(|p| format!(" at position {p}")).unwrap_or_default();
    OutgoingEmail::new(
        "waitlisted_contact",
        &to.email,
        &format!("{professional} staat op de wachtlijst / On the waiting list"),
        bilingual(
            &format!(
                "Beste {},\n\nEr is nu geen plaats voor {professional} in een trainingsgroep; {professional} staat{at_nl} op de wachtlijst.\n\n\
                 Volgende stap: zodra er een plaats vrijkomt, krijgt {professional} die aangeboden; u krijgt daarvan bericht.",
                to.name
            ),
            &format!(
                "Dear {},\n\nThere is no seat for {professional} in a training group now; {professional} is on the waiting list{at_en}.\n\n\
                 Next step: when a seat is freed, {professional} is offered it; you will be told.",
                to.name
            ),
        ),
    )
}

/// The professional declined an offered seat and left the list: the organisation is told.
pub fn offer_declined_contact(to: &user::Model, professional: &str, g: &training_group::Model) -> OutgoingEmail {
    OutgoingEmail::new(
        "offer_declined_contact",
        &to.email,
        &format!("{professional} heeft de plaats in {} afgewezen / Seat declined", g.name),
        bilingual(
            &format!(
                "Beste {},\n\n{professional} heeft de aangeboden plaats in {} afgewezen en wil niet op de wachtlijst blijven. \
                 De aanmelding is daarmee ingetrokken.\n\n\
                 Volgende stap: wilt u {professional} later alsnog laten trainen, dien dan een nieuwe aanmelding in.",
                to.name, g.name
            ),
            &format!(
                "Dear {},\n\n{professional} declined the seat offered in {} and does not want to stay on the waiting list. \
                 The enrolment is withdrawn.\n\n\
                 Next step: to have {professional} trained later, file a new request.",
                to.name, g.name
            ),
        ),
    )
}

pub fn offer_expired(p: &professional::Model, g: &training_group::Model) -> OutgoingEmail {
    OutgoingEmail::new(
        "waitlist_offer_expired",
        &p.email,
        &format!("Aanbod verlopen: {} / Offer expired", g.name),
        bilingual(
            &format!(
                "Beste {},\n\nU hebt niet op tijd gereageerd op het aanbod voor {}. De plaats gaat naar de volgende op de wachtlijst.\n\n\
                 Volgende stap: niets; u blijft op de wachtlijst staan en krijgt bericht bij een nieuwe plaats.",
                p.name, g.name
            ),
            &format!(
                "Dear {},\n\nThe offer for {} expired without an answer; the seat goes to the next person.\n\
                 Next step: nothing; you stay on the waiting list.",
                p.name, g.name
            ),
        ),
    )
}

/// The organisation may name a substitute for its withdrawn participant.
pub fn substitution_window(
    to: &user::Model,
    withdrawn: &str,
    g: &training_group::Model,
    deadline: DateTime<Utc>,
    link: &str,
) -> OutgoingEmail {
    let until = fmt_nl(deadline);
    OutgoingEmail::new(
        "substitution_window",
        &to.email,
        &format!("Vervanger voor {withdrawn} in {}? / Name a substitute", g.name),
        bilingual(
            &format!(
                "Beste {},\n\n{withdrawn} doet niet meer mee aan {}. Uw organisatie mag tot {until} een vervanger aanmelden \
                 voor deze plaats; daarna gaat de plaats naar de wachtlijst.\n\n\
                 Volgende stap: meld een vervanger aan of geef de plaats vrij in de VA-trainingsplanner: {link}",
                to.name, g.name
            ),
            &format!(
                "Dear {},\n\n{withdrawn} no longer takes part in {}. Your organisation may name a substitute until {until}; \
                 after that the seat goes to the waiting list.\n\nNext step: name a substitute or release the seat: {link}",
                to.name, g.name
            ),
        ),
    )
}

pub fn proposal(to: &user::Model, scope: &str, waiting: i32, cost: i64, fits: bool, missing: i64, link: &str) -> OutgoingEmail {
    let budget_nl = if fits {
        "Dit past binnen het resterende trainingsbudget.".to_string()
    } else {
        format!("Dit past niet binnen het resterende trainingsbudget: er ontbreekt EUR {missing}.")
    };
    let budget_en = if fits { "It fits the remaining training budget.".to_string() } else { format!("It does not fit the budget: EUR {missing} is missing.") };
    OutgoingEmail::new(
        "extra_group_proposal",
        &to.email,
        &format!("Voorstel extra trainingsgroep ({scope}) / Extra group proposal"),
        bilingual(
            &format!(
                "Beste {},\n\nEr staan {waiting} professionals op de wachtlijst ({scope}). De planner stelt een extra groep voor; \
                 de kosten zijn EUR {cost}. {budget_nl}\n\nVolgende stap: keur het voorstel goed (data, trainer, plaatsen) of wijs het af \
                 met een reden: {link}",
                to.name
            ),
            &format!(
                "Dear {},\n\n{waiting} professionals are waiting ({scope}). An extra group is proposed at EUR {cost}. {budget_en}\n\
                 Next step: approve it (dates, trainer, seats) or decline it with a reason: {link}",
                to.name
            ),
        ),
    )
}

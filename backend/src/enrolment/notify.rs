//! Emails of the enrolment domain: Dutch first, English below, each naming the next step.

use crate::email::templates::bilingual;
use crate::email::OutgoingEmail;
use crate::entities::user;
use va_openapi::enrolment::{Decision, Route};

pub fn submitted(to: &user::Model, org: &str, count: usize, route: Route, link: &str) -> OutgoingEmail {
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
                 wijs af of stuur terug voor meer informatie:\n{link}",
                to.name
            ),
            &format!(
                "Dear {},\n\n{org} enrolled {count} professional(s) for the VA training.\n\
                 Next step: review the request in the VA training planner: approve, reject or return each professional:\n{link}",
                to.name
            ),
        ),
    )
}

pub fn decided(to: &user::Model, professional: &str, decision: Decision, reason: Option<&str>, link: &str) -> OutgoingEmail {
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
        bilingual(&format!("Beste {},\n\n{nl}\n{link}", to.name), &format!("Dear {},\n\n{en}\n{link}", to.name)),
    )
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

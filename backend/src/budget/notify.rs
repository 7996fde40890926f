//! Mails about learning questions, Dutch first, English below, each naming
//! the next step: BEL hears of a region's new question; whoever registered a
//! question hears BEL's decision.

use crate::email::templates::bilingual;
use crate::email::OutgoingEmail;
use crate::entities::{learning_question as question, user};
use va_openapi::budget::LearningQuestionStatus;

fn eur(n: i64) -> String {
    format!("EUR {n}")
}

/// To each BEL coordinator: a region's question waits for a decision.
pub fn proposed(to: &user::Model, q: &question::Model, by: &str, link: &str) -> OutgoingEmail {
    OutgoingEmail::new(
        "question_proposed",
        &to.email,
        &format!("Nieuwe leervraag: {} / New learning question", q.title),
        bilingual(
            &format!(
                "Beste {},\n\n{by} heeft de leervraag \"{}\" geregistreerd ({} uit de begroting van {}).\n\nVolgende stap: stem af met de ambassadeurs en besluit over financiering: {link}",
                to.name,
                q.title,
                eur(q.budget_eur),
                q.budget_year
            ),
            &format!(
                "Dear {},\n\n{by} registered the learning question \"{}\" ({} from the {} budget).\n\nNext step: consult the ambassadors and decide on funding: {link}",
                to.name,
                q.title,
                eur(q.budget_eur),
                q.budget_year
            ),
        ),
    )
}

/// To whoever registered it: BEL's decision, with the note.
pub fn decided(to: &user::Model, q: &question::Model, status: LearningQuestionStatus, link: &str) -> OutgoingEmail {
    let (nl, en) = match status {
        LearningQuestionStatus::Funded => ("is gefinancierd", "is funded"),
        LearningQuestionStatus::Declined => ("is afgewezen", "is declined"),
        LearningQuestionStatus::Closed => ("is afgerond", "is closed"),
        LearningQuestionStatus::Proposed => ("wacht op een besluit", "waits for a decision"),
    };
    let note = if q.decision_note.is_empty() { String::new() } else { format!("\n\n{}", q.decision_note) };
    OutgoingEmail::new(
        "question_decided",
        &to.email,
        &format!("Leervraag {nl}: {} / Learning question {en}", q.title),
        bilingual(
            &format!("Beste {},\n\nDe leervraag \"{}\" {nl}.{note}\n\nVolgende stap: deel de opbrengsten in het lerend netwerk: {link}", to.name, q.title),
            &format!("Dear {},\n\nThe learning question \"{}\" {en}.{note}\n\nNext step: share what it teaches in the learning network: {link}", to.name, q.title),
        ),
    )
}

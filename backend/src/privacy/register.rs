//! The register of processing (verwerkingsregister, AVG art. 30) for BEL's
//! privacy officer: what the planner processes, why, on what basis, about
//! whom, for whom, and how long: the periods come from the retention settings
//! in force, so the register and the purge never disagree.

use crate::exports::sheet::{Cell, Sheet};
use va_openapi::privacy::{Processing, RetentionSettings};

fn days(n: i32) -> String {
    format!("{n} dagen")
}

const BASIS: &str = "Algemeen belang / openbaar gezag (AVG art. 6 lid 1 sub e): de Jeugdwet en het transformatieplan VA Limburg";
const SECURITY: &str = "Toegang per rol en regio, wachtwoorden gehasht (Argon2), versleutelde verbinding, logboek van wijzigingen en inzage, bewaartermijnen met automatische verwijdering";

pub fn register(s: &RetentionSettings) -> Vec<Processing> {
    let p = |name: &str, purpose: &str, subjects: &str, categories: &str, recipients: &str, retention: String| Processing {
        name: name.into(),
        purpose: purpose.into(),
        legal_basis: BASIS.into(),
        data_subjects: subjects.into(),
        categories: categories.into(),
        recipients: recipients.into(),
        retention,
        security: SECURITY.into(),
    };
    vec![
        p(
            "Aanmelding en plaatsing",
            "Professionals aanmelden voor de VA-training, plaatsen in groepen, wachtlijst en aanbiedingen",
            "Professionals van gemeenten, gecertificeerde instellingen en zorgaanbieders",
            "Naam, e-mailadres, functie, organisatie, werkzaam met RET/UHP-casuïstiek, opmerkingen van de organisatie",
            "BEL, de ambassadeur van de regio, de contactpersoon van de organisatie, de trainer van de groep",
            format!("Nooit getraind: verwijderd (pseudoniem) {} na het einde van het laatste programma; getraind: zolang de borging van de VA loopt, of tot verwijdering op verzoek", days(s.untrained_days)),
        ),
        p(
            "Gereedheidscheck",
            "Het gesprek van ambassadeur en BEL met de organisatie, en de vervolgacties",
            "Contactpersonen van organisaties, ambassadeurs, projectleiders van BEL",
            "Namen, antwoorden en notities over de organisatie",
            "BEL, de ambassadeur van de regio, de contactpersoon van de organisatie",
            "Met de aanvraag; namen van verwijderde professionals worden vervangen".into(),
        ),
        p(
            "Uitvoering van de training",
            "Trainingsdagen, aanwezigheid, afronding en certificaat; evaluatie door deelnemers",
            "Deelnemers, trainers",
            "Aanwezigheid per dag, notities van de trainer, datum van afronding; evaluaties zijn anoniem",
            "BEL, de trainer van de groep, de contactpersoon van de organisatie",
            format!("Met de aanmelding; evaluatielinks {}", days(s.evaluation_link_days)),
        ),
        p(
            "Nazorg",
            "Supervisie, coaching on the job en verdieping na de training",
            "Getrainde professionals, trainers",
            "Deelname en aanwezigheid, notities van de sessie",
            "BEL, de trainer, de contactpersoon van de organisatie, de ambassadeur van de regio",
            match s.session_notes_days {
                Some(n) => format!("Deelname met de aanmelding; notities {} na de sessie", days(n)),
                None => "Deelname en notities met de aanmelding".into(),
            },
        ),
        p(
            "Accounts en inloggen",
            "Toegang tot de planner voor BEL, ambassadeurs, contactpersonen en trainers",
            "Gebruikers van de planner",
            "Naam, e-mailadres, rol, regio of organisatie, mislukte inlogpogingen, links om een wachtwoord in te stellen",
            "BEL",
            format!("Account tot het wordt gedeactiveerd; mislukte inlogpogingen {}; gebruikte of verlopen links {}", days(s.login_attempt_days), days(s.token_days)),
        ),
        p(
            "E-mailberichten",
            "Bevestigingen, uitnodigingen, aanbiedingen, herinneringen en agenda-uitnodigingen",
            "Professionals en gebruikers",
            "E-mailadres, onderwerp, tekst en bijlage van het bericht",
            "BEL (verzendoverzicht)",
            format!("Tekst en bijlage {} na verzending; aan wie, wat en wanneer blijft met het logboek", days(s.mail_body_days)),
        ),
        p(
            "Logboek",
            "Verantwoording: wie wat wijzigde en wie welke persoonsgegevens inzag of downloadde",
            "Gebruikers, professionals over wie het gaat",
            "Wie, wat, wanneer, welk object, velden voor en na de wijziging",
            "BEL",
            days(s.audit_days),
        ),
        p(
            "Monitoring",
            "Getraind tegenover nodig per regio en organisatie; uitvraag bij organisaties; momentopnamen voor het overleg borging VA",
            "Organisaties (tellingen, geen personen)",
            "Aantallen per organisatie en regio",
            "BEL, ambassadeurs, contactpersonen (eigen organisatie)",
            "Zolang de borging van de VA loopt".into(),
        ),
    ]
}

/// The register as one worksheet.
pub fn sheet(rows: &[Processing]) -> Vec<Sheet> {
    vec![Sheet {
        title: "Verwerkingsregister".into(),
        headers: vec!["Verwerking", "Doel", "Grondslag", "Betrokkenen", "Gegevens", "Ontvangers", "Bewaartermijn", "Beveiliging"],
        rows: rows
            .iter()
            .map(|p| {
                [&p.name, &p.purpose, &p.legal_basis, &p.data_subjects, &p.categories, &p.recipients, &p.retention, &p.security]
                    .into_iter()
                    .map(|t| Cell::from(t.as_str()))
                    .collect()
            })
            .collect(),
    }]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_periods_in_force_are_in_the_register() {
        let s = RetentionSettings { mail_body_days: 45, login_attempt_days: 30, token_days: 30, evaluation_link_days: 90, audit_days: 1000, session_notes_days: Some(60), untrained_days: 500 };
        let r = register(&s);
        let all: String = r.iter().map(|p| p.retention.clone()).collect::<Vec<_>>().join("|");
        for n in ["45 dagen", "1000 dagen", "60 dagen", "500 dagen"] {
            assert!(all.contains(n), "{n} in {all}");
        }
        assert!(r.iter().all(|p| !p.purpose.is_empty() && !p.legal_basis.is_empty()));
        assert_eq!(sheet(&r)[0].rows.len(), r.len());
    }
}

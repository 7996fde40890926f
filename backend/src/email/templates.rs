//! Message texts, Dutch first with an English version below it.

use super::OutgoingEmail;
use chrono::{DateTime, Utc};

/// Dutch local time (Europe/Amsterdam), as readers expect it: `22-11-2026 14:05`.
pub fn fmt_nl(t: DateTime<Utc>) -> String {
    t.with_timezone(&chrono_tz::Europe::Amsterdam).format("%d-%m-%Y %H:%M").to_string()
}

/// Dutch text, the English version below it, and BEL's signature: every mail's body.
pub fn bilingual(nl: &str, en: &str) -> String {
    format!("{nl}\n\n-- English --\n\n{en}\n\n--\nBEL - Bovenregionaal Expertisecentrum Jeugdhulp Limburg\nVA-trainingsplanner\n")
}

pub fn invitation(to: &str, name: &str, role_nl: &str, link: &str, expires: DateTime<Utc>) -> OutgoingEmail {
    let until = fmt_nl(expires);
    OutgoingEmail::new(
        "invitation",
        to,
        "Uitnodiging voor de VA-trainingsplanner / Invitation to the VA training planner",
        bilingual(
            &format!(
                "Beste {name},\n\nBEL heeft een account voor u aangemaakt in de VA-trainingsplanner ({role_nl}).\n\
                 Volgende stap: kies uw wachtwoord via deze link:\n\n{link}\n\n\
                 De link werkt één keer en is geldig tot {until}."
            ),
            &format!(
                "Dear {name},\n\nBEL created an account for you in the VA training planner.\n\
                 Next step: choose your password with this link:\n\n{link}\n\n\
                 The link works once and is valid until {until}."
            ),
        ),
    )
}

pub fn password_reset(to: &str, name: &str, link: &str, expires: DateTime<Utc>) -> OutgoingEmail {
    let until = fmt_nl(expires);
    OutgoingEmail::new(
        "password_reset",
        to,
        "Nieuw wachtwoord instellen / Reset your password",
        bilingual(
            &format!(
                "Beste {name},\n\nEr is gevraagd om een nieuw wachtwoord voor uw account in de VA-trainingsplanner.\n\
                 Volgende stap: kies een nieuw wachtwoord via deze link:\n\n{link}\n\n\
                 De link werkt één keer en is geldig tot {until}. Heeft u dit niet gevraagd? Dan kunt u deze e-mail negeren."
            ),
            &format!(
                "Dear {name},\n\nSomeone asked to reset the password of your VA training planner account.\n\
                 Next step: choose a new password with this link:\n\n{link}\n\n\
                 The link works once and is valid until {until}. If you did not ask for this, ignore this email."
            ),
        ),
    )
}

pub fn role_nl(role: va_openapi::auth::Role) -> &'static str {
    use va_openapi::auth::Role;
    match role {
        Role::BelCoordinator => "BEL-coördinator",
        Role::Ambassador => "VA-ambassadeur",
        Role::OrgContact => "contactpersoon organisatie",
        Role::Trainer => "trainer",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invitation_is_dutch_first_and_names_the_next_step() {
        let m = invitation("a@b.nl", "Anna", "VA-ambassadeur", "http://x/wachtwoord-instellen?token=t", Utc::now());
        let nl = m.body_text.find("Volgende stap").expect("dutch next step");
        let en = m.body_text.find("Next step").expect("english next step");
        assert!(nl < en);
        assert!(m.body_text.contains("http://x/wachtwoord-instellen?token=t"));
        assert!(m.subject.starts_with("Uitnodiging"));
    }
}

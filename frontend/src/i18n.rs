//! Dutch first, English second. Every visible text goes through `t`.

use leptos::prelude::*;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    Nl,
    En,
}

impl Lang {
    pub fn code(self) -> &'static str {
        match self {
            Lang::Nl => "nl",
            Lang::En => "en",
        }
    }
}

/// (key, Dutch, English)
const TEXTS: &[(&str, &str, &str)] = &[
    ("app.title", "VA-trainingsplanner", "VA training planner"),
    ("app.org", "BEL Limburg", "BEL Limburg"),
    ("app.skip", "Naar de inhoud", "Skip to content"),
    ("app.footer", "Bovenregionaal Expertisecentrum Jeugdhulp Limburg · Borgingsplan Verklarende Analyse 2026-2027", "Limburg youth-care expertise centre (BEL) · Explanatory Analysis embedding plan 2026-2027"),
    ("lang.switch", "English", "Nederlands"),
    ("lang.switch.label", "Switch to English", "Schakel naar Nederlands"),
    ("nav.label", "Hoofdmenu", "Main menu"),
    ("nav.start", "Start", "Home"),
    ("nav.logout", "Uitloggen", "Log out"),
    ("nav.logged_in_as", "Ingelogd als", "Logged in as"),
    ("login.title", "Inloggen", "Log in"),
    ("login.intro", "Log in met het e-mailadres en wachtwoord van uw account.", "Log in with the email address and password of your account."),
    ("login.email", "E-mailadres", "Email address"),
    ("login.password", "Wachtwoord", "Password"),
    ("login.submit", "Inloggen", "Log in"),
    ("login.busy", "Bezig met inloggen…", "Logging in…"),
    ("login.forgot", "Wachtwoord vergeten?", "Forgot your password?"),
    ("login.required", "Vul uw e-mailadres en wachtwoord in.", "Enter your email address and password."),
    ("forgot.title", "Wachtwoord vergeten", "Forgot password"),
    ("forgot.intro", "Vul uw e-mailadres in. Als er een account bij hoort, sturen we u een link om een nieuw wachtwoord te kiezen.", "Enter your email address. If it belongs to an account, we will send you a link to choose a new password."),
    ("forgot.submit", "Stuur link", "Send link"),
    ("forgot.sent", "Als dit e-mailadres bij een account hoort, is er een link onderweg. Kijk in uw mailbox.", "If this address belongs to an account, a link is on its way. Check your mailbox."),
    ("setpw.title", "Wachtwoord instellen", "Set your password"),
    ("setpw.intro", "Kies een wachtwoord van minstens 10 tekens.", "Choose a password of at least 10 characters."),
    ("setpw.password", "Nieuw wachtwoord", "New password"),
    ("setpw.repeat", "Herhaal wachtwoord", "Repeat password"),
    ("setpw.mismatch", "De wachtwoorden zijn niet gelijk.", "The passwords do not match."),
    ("setpw.submit", "Wachtwoord opslaan", "Save password"),
    ("setpw.done", "Uw wachtwoord is ingesteld. U kunt nu inloggen.", "Your password is set. You can log in now."),
    ("setpw.no_token", "Deze pagina werkt alleen via de link in uw e-mail.", "This page only works through the link in your email."),
    ("back.login", "Naar inloggen", "Back to log in"),
    ("role.bel_coordinator", "BEL-coördinator", "BEL coordinator"),
    ("role.ambassador", "VA-ambassadeur", "VA ambassador"),
    ("role.org_contact", "Contactpersoon organisatie", "Organisation contact"),
    ("role.trainer", "Trainer", "Trainer"),
    ("start.bel.title", "Start — BEL-coördinator", "Home — BEL coordinator"),
    ("start.bel.intro", "U voert de regie op de aanmeldingen, verdeelt de plaatsen over de trainingsgroepen en volgt de capaciteit en het budget.", "You direct the enrolments, allocate seats to training groups and follow capacity and budget."),
    ("start.amb.title", "Start — VA-ambassadeur", "Home — VA ambassador"),
    ("start.amb.intro", "Aanmeldingen van gemeenten in uw regio lopen via u. U voert samen met BEL de readiness-check-gesprekken.", "Enrolment requests of municipalities in your region are routed through you. You hold the readiness-check interviews together with BEL."),
    ("start.org.title", "Start — contactpersoon", "Home — organisation contact"),
    ("start.org.intro", "U meldt professionals van uw organisatie aan voor de VA-training en volgt hun status.", "You enrol your organisation's professionals for the VA training and follow their status."),
    ("start.trainer.title", "Start — trainer", "Home — trainer"),
    ("start.trainer.intro", "U verzorgt de trainingsgroepen: presentie, terugkoppeling na de training, supervisie en coaching.", "You run the training groups: attendance, post-training feedback, supervision and coaching."),
    ("start.coming", "Wat hier binnenkort bij komt", "Coming here soon"),
    ("coming.bel", "Aanmeldingen van GI's en zorgaanbieders|Plaatsingsbord en toewijzing van plaatsen|Wachtlijst, aanbiedingen en extra groepen|Readiness-check-sjabloon|Monitoring en capaciteitsplanner", "Requests of GIs and care providers|Seat board and allocation|Waiting list, offers and extra groups|Readiness-check template|Monitoring and capacity planner"),
    ("coming.amb", "Inbox met aanmeldingen uit uw regio|Besluiten per professional|Readiness-check-gesprekken plannen en voeren|Terugkoppeling van trainers", "Inbox of your region's requests|Decisions per professional|Planning and holding readiness-check interviews|Trainers' feedback"),
    ("coming.org", "Nieuwe aanmelding met meerdere professionals|Mijn aanmeldingen met status en tijdlijn|Plaats op de wachtlijst", "New request with several professionals|My requests with status and timeline|Waiting-list positions"),
    ("coming.trainer", "Mijn groepen en trainingsdagen|Presentie per dag|Terugkoppeling na de training|Supervisie en coaching on the job", "My groups and training days|Attendance per day|Post-training feedback|Supervision and coaching on the job"),
    ("groups.title", "Trainingsgroepen", "Training groups"),
    ("groups.caption", "Trainingsgroepen van het programma", "Training groups of the programme"),
    ("groups.name", "Groep", "Group"),
    ("groups.region", "Regio", "Region"),
    ("groups.period", "Periode", "Period"),
    ("groups.capacity", "Plaatsen", "Seats"),
    ("groups.status", "Status", "Status"),
    ("groups.total", "groepen, samen", "groups, together"),
    ("groups.seats", "plaatsen", "seats"),
    ("region.none", "Bovenregionaal", "Cross-regional"),
    ("status.planned", "Gepland", "Planned"),
    ("status.open", "Open voor aanmelding", "Open for enrolment"),
    ("status.running", "Loopt", "Running"),
    ("status.completed", "Afgerond", "Completed"),
    ("status.cancelled", "Geannuleerd", "Cancelled"),
    ("orgs.title", "Organisaties in uw regio", "Organisations in your region"),
    ("orgs.name", "Organisatie", "Organisation"),
    ("orgs.kind", "Soort", "Kind"),
    ("kind.municipality", "Gemeente", "Municipality"),
    ("kind.cjg", "CJG", "CJG"),
    ("kind.gi", "Gecertificeerde instelling", "Certified institution"),
    ("kind.care_provider", "Zorgaanbieder", "Care provider"),
    ("kind.other", "Overig", "Other"),
    ("pros.title", "Professionals van uw organisatie", "Your organisation's professionals"),
    ("pros.name", "Naam", "Name"),
    ("pros.email", "E-mailadres", "Email"),
    ("pros.function", "Functie", "Function"),
    ("pros.empty", "Er zijn nog geen professionals geregistreerd.", "No professionals registered yet."),
    ("loading", "Laden…", "Loading…"),
    ("nav.users", "Gebruikers", "Users"),
    ("nav.board", "Plaatsing", "Allocation"),
    ("nav.new_request", "Nieuwe aanmelding", "New request"),
    ("yes", "Ja", "Yes"),
    ("no", "Nee", "No"),
    ("es.draft", "Concept", "Draft"),
    ("es.submitted", "Wacht op besluit", "Awaiting decision"),
    ("es.returned", "Teruggestuurd", "Returned"),
    ("es.approved", "Goedgekeurd", "Approved"),
    ("es.rejected", "Afgewezen", "Rejected"),
    ("es.placed", "Geplaatst", "Placed"),
    ("es.waitlisted", "Wachtlijst", "Waiting list"),
    ("es.withdrawn", "Ingetrokken", "Withdrawn"),
    ("rs.draft", "Concept", "Draft"),
    ("rs.submitted", "In behandeling", "Under review"),
    ("rs.returned", "Aanvulling nodig", "Needs more information"),
    ("rs.decided", "Besloten", "Decided"),
    ("rs.withdrawn", "Ingetrokken", "Withdrawn"),
    ("act.created", "Aanmelding aangemaakt", "Request created"),
    ("act.submit", "Ingediend", "Submitted"),
    ("act.approve", "Goedgekeurd", "Approved"),
    ("act.reject", "Afgewezen", "Rejected"),
    ("act.return", "Teruggestuurd voor aanvulling", "Returned for more information"),
    ("act.allocate", "Geplaatst", "Placed"),
    ("act.move", "Verplaatst", "Moved"),
    ("act.waitlist", "Op de wachtlijst gezet", "Put on the waiting list"),
    ("act.withdraw", "Ingetrokken", "Withdrawn"),
    ("act.edit", "Gegevens aangepast", "Details edited"),
    ("act.other", "Wijziging", "Change"),
    ("req.number", "Aanmelding", "Request"),
    ("req.submitted_at", "Ingediend op", "Submitted on"),
    ("req.professionals", "Professionals", "Professionals"),
    ("req.pending", "Te beoordelen", "To review"),
    ("req.none", "Er zijn nog geen aanmeldingen.", "There are no requests yet."),
    ("req.none_pending", "Er wacht niets op uw besluit.", "Nothing awaits your decision."),
    ("req.title", "Aanmelding", "Request"),
    ("req.back", "← Terug naar start", "← Back to home"),
    ("req.route", "Beoordeling door", "Reviewed by"),
    ("req.route_amb", "VA-ambassadeur", "VA ambassador"),
    ("req.route_bel", "BEL (gecertificeerde instellingen en zorgaanbieders)", "BEL (certified institutions and care providers)"),
    ("req.submit", "Aanmelding indienen", "Submit request"),
    ("req.group", "Groep / wachtlijst", "Group / waiting list"),
    ("req.reason", "Reden of toelichting", "Reason or comment"),
    ("req.actions", "Acties", "Actions"),
    ("req.timeline", "Tijdlijn", "Timeline"),
    ("req.decide", "Beoordelen", "Decide"),
    ("req.withdraw", "Intrekken", "Withdraw"),
    ("req.decision_for", "Besluit over", "Decision about"),
    ("req.reason_hint", "Reden (verplicht bij afwijzen of terugsturen)", "Reason (required to reject or return)"),
    ("req.withdraw_reason", "Reden van intrekken (optioneel)", "Reason for withdrawal (optional)"),
    ("req.confirm", "Bevestigen", "Confirm"),
    ("req.cancel", "Annuleren", "Cancel"),
    ("req.waitlist_pos", "Wachtlijst, positie", "Waiting list, position"),
    ("dec.approve", "Goedkeuren", "Approve"),
    ("dec.reject", "Afwijzen", "Reject"),
    ("dec.return", "Terugsturen voor aanvulling", "Return for more information"),
    ("new.title", "Nieuwe aanmelding", "New request"),
    ("new.intro", "Meld een of meer professionals van uw organisatie aan voor de VA-training. Gemeenten en het CJG: uw VA-ambassadeur beoordeelt de aanmelding; daarna plaatst BEL de professionals in een groep.", "Enrol one or more of your organisation's professionals for the VA training. Municipalities and the CJG: your VA ambassador reviews the request; then BEL places the professionals in a group."),
    ("new.professionals", "Professionals", "Professionals"),
    ("new.professional", "Professional", "Professional"),
    ("new.ret_uhp", "Werkt aan RET- of UHP-casuïstiek (Regionaal Expertiseteam, uithuisplaatsing)", "Works on RET or out-of-home-placement cases"),
    ("new.ret_short", "RET/UHP", "RET/UHP"),
    ("new.remove", "Verwijderen", "Remove"),
    ("new.add", "Nog een professional toevoegen", "Add another professional"),
    ("new.period", "Voorkeursperiode", "Preferred period"),
    ("new.remarks", "Opmerkingen", "Remarks"),
    ("new.submit", "Aanmelding indienen", "Submit request"),
    ("new.draft", "Opslaan als concept", "Save as draft"),
    ("field.duplicate", "Deze professional staat al in de aanmelding.", "This professional is already in the request."),
    ("inbox.bel", "Te beoordelen: GI's en zorgaanbieders", "To review: GIs and care providers"),
    ("inbox.amb", "Te beoordelen", "To review"),
    ("requests.region", "Alle aanmeldingen uit uw regio", "All requests from your region"),
    ("requests.mine", "Mijn aanmeldingen", "My requests"),
    ("board.title", "Plaatsing", "Allocation"),
    ("board.intro", "Verdeel de goedgekeurde professionals over de trainingsgroepen. Een groep kan nooit voller worden dan haar capaciteit.", "Allocate approved professionals to the training groups. A group can never exceed its capacity."),
    ("board.no_programme", "Er is nog geen programma.", "There is no programme yet."),
    ("board.seats_taken", "plaatsen bezet", "seats taken"),
    ("board.in_queue", "wachten op plaatsing", "awaiting a seat"),
    ("board.on_waitlist", "op de wachtlijst", "on the waiting list"),
    ("board.taken", "Bezet", "Taken"),
    ("board.free", "Vrij", "Free"),
    ("board.queue", "Goedgekeurd, nog niet geplaatst", "Approved, not yet placed"),
    ("board.waitlist", "Wachtlijst", "Waiting list"),
    ("board.empty", "Niemand.", "Nobody."),
    ("board.approved_at", "Goedgekeurd op", "Approved on"),
    ("board.place_in", "Plaatsen in", "Place in"),
    ("board.allocate", "Plaatsen", "Place"),
    ("board.to_waitlist", "Naar wachtlijst", "To waiting list"),
    ("group.back", "← Terug naar plaatsing", "← Back to allocation"),
    ("group.days", "Trainingsdagen", "Training days"),
    ("group.day", "Datum", "Date"),
    ("group.time", "Tijd", "Time"),
    ("group.place", "Locatie", "Place"),
    ("group.participants", "Deelnemers", "Participants"),
    ("group.move_to", "Verplaatsen naar", "Move to"),
    ("group.move", "Verplaatsen", "Move"),
    ("req.edit", "Aanpassen", "Edit"),
    ("group.no_participants", "Nog geen deelnemers.", "No participants yet."),
    ("users.title", "Gebruikers", "Users"),
    ("users.intro", "Nodig ambassadeurs, contactpersonen, trainers en collega's uit. Zij krijgen een e-mail met een eenmalige link om hun wachtwoord te kiezen.", "Invite ambassadors, contacts, trainers and colleagues. They receive an email with a one-time link to choose their password."),
    ("users.invite", "Gebruiker uitnodigen", "Invite a user"),
    ("users.role", "Rol", "Role"),
    ("users.scope", "Regio of organisatie", "Region or organisation"),
    ("users.choose", "Kies…", "Choose…"),
    ("users.send", "Uitnodiging versturen", "Send invitation"),
    ("users.sent", "Uitnodiging verstuurd naar", "Invitation sent to"),
    ("users.list", "Alle gebruikers", "All users"),
    ("users.active", "Actief", "Active"),
    ("users.invited", "Uitgenodigd", "Invited"),
    ("users.email_taken", "Dit e-mailadres is al in gebruik.", "This email address is already in use."),
    ("field.invalid", "Ongeldige waarde.", "Invalid value."),
    ("notfound.title", "Pagina niet gevonden", "Page not found"),
    ("notfound.text", "Deze pagina bestaat niet.", "This page does not exist."),
    ("forbidden.text", "Deze pagina is niet voor uw rol bedoeld.", "This page is not meant for your role."),
    ("err.malformed_request", "Het verzoek kon niet worden gelezen.", "The request could not be read."),
    ("err.validation_failed", "Controleer de gemarkeerde velden.", "Check the marked fields."),
    ("err.unauthenticated", "Uw sessie is verlopen. Log opnieuw in.", "Your session has expired. Please log in again."),
    ("err.invalid_credentials", "E-mailadres of wachtwoord klopt niet.", "Email address or password is incorrect."),
    ("err.rate_limited", "Te veel pogingen. Probeer het over een kwartier opnieuw.", "Too many attempts. Try again in fifteen minutes."),
    ("err.forbidden", "U heeft geen toegang tot deze gegevens.", "You have no access to this data."),
    ("err.not_found", "Niet gevonden.", "Not found."),
    ("err.already_exists", "Dit bestaat al.", "This already exists."),
    ("err.token_invalid", "Deze link is ongeldig, al gebruikt of verlopen. Vraag een nieuwe aan.", "This link is invalid, used or expired. Ask for a new one."),
    ("err.conflict", "Dit kan niet in de huidige toestand.", "This is not possible in the current state."),
    ("err.invalid_transition", "Dit kan niet meer: de status is intussen veranderd. Vernieuw de pagina.", "This is no longer possible: the status has changed. Reload the page."),
    ("err.group_full", "Deze groep is vol. Kies een andere groep of zet de professional op de wachtlijst.", "This group is full. Choose another group or put the professional on the waiting list."),
    ("err.group_closed", "Deze groep neemt geen deelnemers meer aan.", "This group no longer takes participants."),
    ("err.already_enrolled", "Deze professional is al aangemeld of geplaatst in dit programma.", "This professional is already enrolled or placed in this programme."),
    ("err.readiness_check_incomplete", "Plaatsen kan pas als de readiness-check van deze aanmelding is afgerond.", "Placement needs a completed readiness check for this request."),
    ("err.unavailable", "De dienst is tijdelijk niet beschikbaar.", "The service is temporarily unavailable."),
    ("err.internal", "Er ging iets mis. Probeer het later opnieuw.", "Something went wrong. Please try again later."),
    ("err.network", "Geen verbinding met de server.", "No connection to the server."),
    ("field.too_short", "Te kort: minstens 10 tekens.", "Too short: at least 10 characters."),
    ("field.too_long", "Te lang.", "Too long."),
    ("field.required", "Verplicht veld.", "Required field."),
    ("field.invalid_email", "Geen geldig e-mailadres.", "Not a valid email address."),
];

pub fn lookup(lang: Lang, key: &str) -> &'static str {
    match TEXTS.iter().find(|(k, _, _)| *k == key) {
        Some((_, nl, en)) => match lang {
            Lang::Nl => nl,
            Lang::En => en,
        },
        None => "…",
    }
}

/// The current language, from context (provided by `App`).
pub fn use_lang() -> RwSignal<Lang> {
    expect_context::<RwSignal<Lang>>()
}

/// A reactive translation of `key`.
pub fn t(key: &'static str) -> impl Fn() -> &'static str + Copy + Send + Sync + 'static {
    let lang = use_lang();
    move || lookup(lang.get(), key)
}

/// Translation of an API error code. The match is exhaustive, so a new code
/// in the contract does not compile until it has a text here.
pub fn error_key(code: va_openapi::ErrorCode) -> &'static str {
    use va_openapi::ErrorCode as E;
    match code {
        E::MalformedRequest => "err.malformed_request",
        E::ValidationFailed => "err.validation_failed",
        E::Unauthenticated => "err.unauthenticated",
        E::InvalidCredentials => "err.invalid_credentials",
        E::RateLimited => "err.rate_limited",
        E::Forbidden => "err.forbidden",
        E::NotFound => "err.not_found",
        E::AlreadyExists => "err.already_exists",
        E::TokenInvalid => "err.token_invalid",
        E::Conflict => "err.conflict",
        E::InvalidTransition => "err.invalid_transition",
        E::GroupFull => "err.group_full",
        E::GroupClosed => "err.group_closed",
        E::AlreadyEnrolled => "err.already_enrolled",
        E::ReadinessCheckIncomplete => "err.readiness_check_incomplete",
        E::Unavailable => "err.unavailable",
        E::Internal => "err.internal",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_text_has_both_languages_and_keys_are_unique() {
        for (i, (k, nl, en)) in TEXTS.iter().enumerate() {
            assert!(!nl.is_empty() && !en.is_empty(), "{k}");
            assert!(TEXTS[i + 1..].iter().all(|(k2, _, _)| k2 != k), "duplicate {k}");
        }
    }

    #[test]
    fn every_error_key_has_a_text() {
        use va_openapi::ErrorCode as E;
        for c in [E::MalformedRequest, E::ValidationFailed, E::Unauthenticated, E::InvalidCredentials, E::RateLimited,
                  E::Forbidden, E::NotFound, E::AlreadyExists, E::TokenInvalid, E::Conflict, E::Unavailable, E::Internal, E::InvalidTransition, E::GroupFull,
                  E::GroupClosed, E::AlreadyEnrolled, E::ReadinessCheckIncomplete] {
            assert_ne!(lookup(Lang::Nl, error_key(c)), "…", "{c:?}");
        }
    }
}

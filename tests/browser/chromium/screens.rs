//! Every screen of every role, on a phone (390x844) and a laptop (1366x900):
//! no sideways page scroll (WCAG 1.4.10) and no axe-core violation of the WCAG
//! 2.1 A/AA rules; each role's main task ends with a confirmation that is shown,
//! announced (`role=status`) and focused; the main flow works by keyboard alone.

use super::log_in;
use va_tests::browser::Browser;
use va_tests::{Backend, TestApp, DEMO_PASSWORD};

const SIZES: [(u32, u32); 2] = [(390, 844), (1366, 900)];

/// The living demo (pinned to 2 December 2026 in tests), so every screen has realistic data.
async fn demo() -> Option<(TestApp, Browser)> {
    let browser = Browser::start().await?;
    let app = va_tests::spawn_app_with(Backend::Sqlite, |s| s.demo_activity = true).await.expect("app");
    Some((app, browser))
}

/// Visits each path at both sizes: it reflows and axe-core finds nothing.
async fn audit(app: &TestApp, b: &Browser, who: &str, paths: &[String]) {
    let mut found = Vec::new();
    for (w, h) in SIZES {
        b.resize(w, h).await;
        for path in paths {
            b.client.goto(&app.url(path)).await.expect("goto");
            b.wait_loaded().await;
            let title = b.client.title().await.unwrap_or_default();
            assert!(title.ends_with("VA-trainingsplanner") && !title.starts_with("Pagina niet gevonden") || path == "/nergens", "{who} {path}: title {title:?}");
            b.assert_no_overflow(&format!("{who} {path} at {w} px")).await;
            for v in b.axe().await {
                found.push(format!("{who} {path} at {w} px: {v}"));
            }
        }
    }
    assert!(found.is_empty(), "axe-core violations:\n{}", found.join("\n"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_bel_screen_reflows_and_passes_axe() {
    let Some((app, b)) = demo().await else { return };
    let g4 = app.id_of("SELECT id FROM training_groups WHERE name LIKE 'Groep 4%'").await;
    let g3 = app.id_of("SELECT id FROM training_groups WHERE name LIKE 'Groep 3%'").await;
    let check = app.id_of("SELECT MIN(id) FROM readiness_checks WHERE status = 'completed'").await;
    let session = app.id_of("SELECT MIN(id) FROM followup_sessions").await;
    let request = app.id_of("SELECT MAX(id) FROM enrolment_requests").await;
    let trained = app.id_of("SELECT MIN(id) FROM enrolments WHERE status = 'trained'").await;
    let person = app.id_of("SELECT MIN(professional_id) FROM enrolments WHERE status = 'trained'").await;
    let meeting = app.id_of("SELECT MIN(id) FROM monitoring_meetings").await;
    let held = app.id_of("SELECT id FROM learning_sessions WHERE reported_at IS NOT NULL").await;
    let supra = app.id_of("SELECT id FROM learning_sessions WHERE scope = 'supra_regional'").await;
    // One undelivered message, so the start page's alert and the mail screen's failed row are audited too.
    undelivered(&app, "onbereikbaar@voorbeeld.nl").await;
    log_in(&app, &b, "bel@demo.local", DEMO_PASSWORD).await;
    b.wait_path("/bel").await;
    let paths: Vec<String> = [
        "/bel", "/bel/berichten", "/bel/plaatsing", "/bel/wachtlijst", "/readiness", "/bel/vragenlijst", "/nazorg", "/monitoring", "/monitoring/rapport",
        "/monitoring/overleg", "/monitoring/import", "/monitoring/uitvraag", "/bel/planner", "/bel/beheer", "/bel/organisaties", "/bel/gebruikers", "/bel/privacy", "/bel/personen", "/bel/logboek", "/privacy", "/organisatie/aanmelden", "/nergens",
        "/leernetwerk", "/leernetwerk/behoeften", "/agenda", "/bel/begroting", "/leervragen",
    ]
    .into_iter()
    .map(String::from)
    .chain([
        format!("/readiness/{check}"),
        format!("/nazorg/sessies/{session}"),
        format!("/bel/beheer/groepen/{g4}"),
        format!("/bel/groepen/{g4}"),
        format!("/trainer/groepen/{g4}"),
        format!("/terugkoppeling/{g3}"),
        format!("/aanmeldingen/{request}"),
        format!("/certificaat/{trained}"),
        format!("/bel/personen/{person}"),
        format!("/monitoring/overleg/{meeting}"),
        format!("/leernetwerk/{held}"),
        format!("/leernetwerk/{supra}"),
    ])
    .collect();
    audit(&app, &b, "BEL", &paths).await;
    b.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_ambassador_contact_trainer_and_public_screen_reflows_and_passes_axe() {
    let Some((app, b)) = demo().await else { return };
    let g4 = app.id_of("SELECT id FROM training_groups WHERE name LIKE 'Groep 4%'").await;
    let g3 = app.id_of("SELECT id FROM training_groups WHERE name LIKE 'Groep 3%'").await;
    let maastricht = "(SELECT id FROM organisations WHERE name = 'Maastricht')";
    let check = app.id_of(&format!("SELECT MIN(id) FROM readiness_checks WHERE organisation_id = {maastricht}")).await;
    let zuid_request = app.id_of(&format!("SELECT MAX(id) FROM enrolment_requests WHERE organisation_id = {maastricht}")).await;
    let venlo = "(SELECT id FROM organisations WHERE name = 'Venlo')";
    let venlo_request = app.id_of(&format!("SELECT MAX(id) FROM enrolment_requests WHERE organisation_id = {venlo}")).await;
    let meeting = app.id_of("SELECT MIN(id) FROM monitoring_meetings").await;
    let supra = app.id_of("SELECT id FROM learning_sessions WHERE scope = 'supra_regional'").await;

    for path in ["/inloggen", "/wachtwoord-vergeten", "/privacy"] {
        audit(&app, &b, "public", &[path.to_string()]).await;
    }
    let roles: [(&str, &str, Vec<String>); 3] = [
        ("ambassadeur.zuid@demo.local", "/ambassadeur", vec![
            "/ambassadeur".into(), "/organisatie/aanmelden".into(), "/readiness".into(), format!("/readiness/{check}"), "/nazorg".into(),
            "/monitoring".into(), format!("/aanmeldingen/{zuid_request}"), "/monitoring/overleg".into(), format!("/monitoring/overleg/{meeting}"),
            "/leernetwerk".into(), "/leernetwerk/behoeften".into(), format!("/leernetwerk/{supra}"), "/agenda".into(), "/leervragen".into(),
        ]),
        ("gemeente.venlo@demo.local", "/organisatie", vec![
            "/organisatie".into(), "/organisatie/aanmelden".into(), format!("/aanmeldingen/{venlo_request}"), "/nazorg".into(), "/monitoring".into(),
            "/leernetwerk".into(), format!("/leernetwerk/{supra}"), "/agenda".into(),
        ]),
        ("trainer@demo.local", "/trainer", vec![
            "/trainer".into(), format!("/trainer/groepen/{g4}"), format!("/terugkoppeling/{g3}"), "/nazorg".into(), "/agenda".into(),
        ]),
    ];
    for (email, home, paths) in roles {
        b.resize(1366, 900).await;
        log_in(&app, &b, email, DEMO_PASSWORD).await;
        b.wait_path(home).await;
        audit(&app, &b, email, &paths).await;
        super::log_out(&b).await;
    }
    b.close().await;
}

/// A message that ran out of attempts, as the sender leaves it.
async fn undelivered(app: &TestApp, to: &str) -> i64 {
    let id = va_backend::email::enqueue(&app.db, va_backend::email::OutgoingEmail::new("invitation", to, "Uitnodiging voor de VA-trainingsplanner", "Hallo".into()))
        .await
        .expect("enqueue");
    let sql = format!(
        "UPDATE email_outbox SET attempts = 8, failed_at = created_at, last_error = 'sending over SMTP: permanent error (550): 5.1.1 <{to}>: Recipient address rejected: User unknown in virtual mailbox table' WHERE id = {id}"
    );
    sea_orm::ConnectionTrait::execute_unprepared(&app.db, &sql).await.expect("fail it");
    id
}

/// BEL's mail screen: the start page warns of undelivered mail and leads to it;
/// a failed message is sent again and a test message queued, each confirmed
/// and focused; a wrong test address is marked at its field. Phone and laptop.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bel_sees_undelivered_mail_and_sends_it_again() {
    let Some((app, b)) = demo().await else { return };
    for (w, h) in SIZES {
        let id = undelivered(&app, &format!("fout{w}@voorbeeld.nl")).await;
        b.resize(w, h).await;
        log_in(&app, &b, "bel@demo.local", DEMO_PASSWORD).await;
        b.wait_path("/bel").await;
        // The alert is read once when the start page loads; on a machine busy
        // with the other tests that read can fail, and the page is opened again.
        for _ in 0..3 {
            if b.has_text("[data-testid=mail-alert]", "konden niet worden bezorgd", 10).await {
                break;
            }
            b.client.goto(&app.url("/bel")).await.expect("goto");
        }
        b.wait_text("[data-testid=mail-alert]", "konden niet worden bezorgd").await;
        b.find("[data-testid=mail-alert] a").await.click().await.expect("to the mail screen");
        b.wait_path("/bel/berichten").await;
        b.wait_text(&format!("[data-testid=mail-{id}]"), "Niet bezorgd").await;
        b.wait_text(&format!("[data-testid=mail-{id}]"), "User unknown").await;
        b.assert_no_overflow(&format!("mail screen at {w} px")).await;
        if w == 390 {
            let _ = b.client.execute("document.querySelector('[data-testid=mail-table]').scrollIntoView()", vec![]).await;
            b.screenshot("mail-390").await;
        } else {
            b.screenshot_full("mail-1366").await;
        }
        b.find(&format!("[data-testid=mail-resend-{id}]")).await.click().await.expect("send again");
        confirmed(&b, "Opnieuw in de wachtrij gezet", "resend").await;
        let failed = app.id_of(&format!("SELECT COUNT(*) FROM email_outbox WHERE id = {id} AND failed_at IS NOT NULL")).await;
        assert_eq!(failed, 0, "queued again");

        let to = b.find("#mail-to").await;
        to.clear().await.expect("clear");
        to.send_keys("geen-adres").await.expect("type");
        b.find("[data-testid=mail-test-send]").await.click().await.expect("send test");
        b.wait_text("#mail-to-err", "Geen geldig e-mailadres").await;
        let invalid = b.find("#mail-to").await.attr("aria-invalid").await.expect("attr");
        assert_eq!(invalid.as_deref(), Some("true"), "the wrong address is marked at its field");
        let to = b.find("#mail-to").await;
        to.clear().await.expect("clear");
        to.send_keys("bel@demo.local").await.expect("type");
        b.find("[data-testid=mail-test-send]").await.click().await.expect("send test");
        confirmed(&b, "Testbericht in de wachtrij gezet", "test message").await;
        super::log_out(&b).await;
    }
    app.wait_for_mail("fout1366@voorbeeld.nl").await;
    b.close().await;
}

/// BEL sets a retention period: one below its floor is refused at its field
/// and nothing is saved; a valid one is confirmed, and the privacy statement
/// anyone reads (here without a session, from the footer) says the same.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bel_sets_a_retention_period_and_the_privacy_statement_follows() {
    let Some((app, b)) = demo().await else { return };
    b.resize(390, 844).await;
    log_in(&app, &b, "bel@demo.local", DEMO_PASSWORD).await;
    b.wait_path("/bel").await;
    b.client.goto(&app.url("/bel/privacy")).await.expect("goto");
    b.wait_text("h1", "Privacy en bewaartermijnen").await;
    let audit = b.find("#ret-audit").await;
    for _ in 0..50 {
        if audit.prop("value").await.expect("value").as_deref() == Some("730") {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert_eq!(audit.prop("value").await.expect("value").as_deref(), Some("730"), "the default in force");
    audit.clear().await.expect("clear");
    audit.send_keys("100").await.expect("type");
    b.find("[data-testid=retention-save]").await.click().await.expect("save");
    b.wait_text("#ret-audit-err", "buiten het toegestane bereik").await;
    assert_eq!(audit.attr("aria-invalid").await.expect("attr").as_deref(), Some("true"));
    assert_eq!(audit.attr("aria-describedby").await.expect("attr").as_deref(), Some("ret-audit-err"));
    assert_eq!(app.scalar::<i32>("SELECT audit_days FROM retention_settings").await, 730, "nothing saved");
    b.screenshot("retention-refused-390").await;
    audit.clear().await.expect("clear");
    audit.send_keys("1095").await.expect("type");
    b.find("[data-testid=retention-save]").await.click().await.expect("save");
    confirmed(&b, "Bewaartermijnen opgeslagen", "retention").await;
    assert_eq!(app.scalar::<i32>("SELECT audit_days FROM retention_settings").await, 1095);
    b.assert_no_overflow("retention at 390 px").await;
    assert!(b.axe().await.is_empty(), "axe-core on the retention screen");
    super::log_out(&b).await;
    b.resize(1366, 900).await;
    b.find("[data-testid=privacy-link]").await.click().await.expect("privacy link");
    b.wait_path("/privacy").await;
    b.wait_text("[data-testid=privacy-audit_days]", "1095 dagen").await;
    b.wait_text("[data-testid=privacy-session_notes_days]", "geen vaste termijn").await;
    assert!(b.axe().await.is_empty(), "axe-core on the privacy statement");
    b.screenshot("privacy-statement-1366").await;
    b.close().await;
}

/// The confirmation after an action: visible, in the status region, focused.
pub(super) async fn confirmed(b: &Browser, text: &str, what: &str) {
    b.wait_text("[role=status] [data-testid=notice]", text).await;
    for _ in 0..30 {
        if b.focused_is("#va-notice").await {
            return;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    panic!("{what}: the confirmation does not have the focus");
}

/// Each role's main task on a phone and on a laptop: file a request, approve it,
/// place the person, mark attendance; each ends with its confirmation, and no screen scrolls sideways.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn each_roles_main_task_confirms_on_a_phone_and_a_laptop() {
    let Some((app, b)) = demo().await else { return };
    let g4 = app.id_of("SELECT id FROM training_groups WHERE name LIKE 'Groep 4%'").await;
    for (n, (w, h)) in SIZES.into_iter().enumerate() {
        b.resize(w, h).await;
        let at = format!("at {w} px");
        let person = format!("Iris Vos {n}");

        // The municipality files a request.
        log_in(&app, &b, "gemeente.venlo@demo.local", DEMO_PASSWORD).await;
        b.wait_path("/organisatie").await;
        b.assert_no_overflow(&format!("contact start {at}")).await;
        b.client.goto(&app.url("/organisatie/aanmelden")).await.expect("goto");
        b.find("#p0-name").await.send_keys(&person).await.expect("type");
        b.find("#p0-email").await.send_keys(&format!("i.vos{n}@venlo.demo.local")).await.expect("type");
        if n == 1 {
            // Someone enrolled before is picked, not retyped: the next empty row is filled.
            b.find("[data-testid=known-prof]").await.select_by_label("Iris Vos 0 (i.vos0@venlo.demo.local)").await.expect("known");
            let filled = b.client.execute("return document.querySelector('#p1-name').value", vec![]).await.expect("js");
            assert_eq!(filled, "Iris Vos 0");
            b.client.find(fantoccini::Locator::XPath("(//div[@data-testid='prof-row'])[2]//button")).await.expect("remove").click().await.expect("remove");
        }
        // The preferred period is a group still to start.
        b.find("#preferred-period").await.select_by_index(1).await.expect("period");
        b.find("[data-testid=submit-request]").await.click().await.expect("submit");
        confirmed(&b, "Aanvraag ingediend", &format!("request {at}")).await;
        b.wait_text(".va-facts", "Groep").await;
        b.assert_no_overflow(&format!("request page {at}")).await;
        super::log_out(&b).await;

        // The ambassador: a return without a reason is refused at its field; then approves.
        log_in(&app, &b, "ambassadeur.noord@demo.local", DEMO_PASSWORD).await;
        b.wait_path("/ambassadeur").await;
        b.assert_no_overflow(&format!("ambassador start {at}")).await;
        let request = app.id_of("SELECT MAX(id) FROM enrolment_requests").await;
        b.client.goto(&app.url(&format!("/aanmeldingen/{request}"))).await.expect("goto");
        b.find("[data-testid=decide]").await.click().await.expect("decide");
        b.find("[data-testid='dec.return']").await.click().await.expect("return");
        b.find("[data-testid=confirm]").await.click().await.expect("confirm");
        b.wait_text("[data-testid=reason-error]", "Verplicht").await;
        let invalid = b.client.execute("return document.querySelector('[data-testid=reason]').getAttribute('aria-invalid')", vec![]).await.expect("js");
        assert_eq!(invalid, "true", "the reason is marked");
        b.wait_text(".va-dialog [data-testid=error]", "Reden of toelichting: Verplicht veld.").await;
        b.find("[data-testid='dec.approve']").await.click().await.expect("approve");
        b.find("[data-testid=confirm]").await.click().await.expect("confirm");
        confirmed(&b, &person, &format!("approve {at}")).await;
        b.wait_text("[data-testid=notice]", "Goedgekeurd").await;
        b.assert_no_overflow(&format!("decision {at}")).await;
        super::log_out(&b).await;

        // BEL places the person in the suggested group of their region.
        log_in(&app, &b, "bel@demo.local", DEMO_PASSWORD).await;
        b.wait_path("/bel").await;
        b.assert_no_overflow(&format!("BEL start {at}")).await;
        b.client.goto(&app.url("/bel/plaatsing")).await.expect("goto");
        b.wait_text("[data-testid=queue]", &person).await;
        let row = format!("//tr[@data-testid='queue-row'][.//a[text()='{person}']]//button[@data-testid='allocate']");
        b.client.wait().for_element(fantoccini::Locator::XPath(&row)).await.expect("row").click().await.expect("place");
        confirmed(&b, &person, &format!("place {at}")).await;
        b.wait_text("[data-testid=notice]", "Geplaatst").await;
        b.assert_no_overflow(&format!("seat board {at}")).await;
        super::log_out(&b).await;

        // The trainer marks the running group's open day.
        log_in(&app, &b, "trainer@demo.local", DEMO_PASSWORD).await;
        b.wait_path("/trainer").await;
        b.wait_text("[data-testid=attendance-due]", "Groep 4 - Zuid-Limburg").await;
        b.assert_no_overflow(&format!("trainer start {at}")).await;
        b.client.goto(&app.url(&format!("/trainer/groepen/{g4}"))).await.expect("goto");
        let day = b
            .client
            .wait()
            .for_element(fantoccini::Locator::XPath("(//fieldset[@data-testid='day-attendance'][.//button[@data-testid='save-day']])[last()]"))
            .await
            .expect("a day open for marking");
        // The first round marks one participant (the day stays due), the second the rest.
        let selects = day.find_all(fantoccini::Locator::Css("select")).await.expect("marks");
        for select in selects.iter().take(if n == 0 { 1 } else { selects.len() }) {
            select.select_by_value("present").await.expect("present");
        }
        day.find(fantoccini::Locator::Css("[data-testid=save-day]")).await.expect("save").click().await.expect("save");
        confirmed(&b, "Presentie opgeslagen", &format!("attendance {at}")).await;
        b.assert_no_overflow(&format!("group delivery {at}")).await;
        super::log_out(&b).await;
    }
    b.close().await;
}

/// Login, filing a request, approving and placing with the keyboard alone.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_main_flow_works_by_keyboard_alone() {
    let Some((app, b)) = demo().await else { return };
    const ENTER: &str = "\u{E007}";
    const SPACE: &str = "\u{E00D}";
    let keyboard_login = |email: &'static str| {
        let (app, b) = (&app, &b);
        async move {
            b.client.goto(&app.url("/inloggen")).await.expect("goto");
            b.find("#email").await;
            b.tab_to("#email").await;
            b.press(email).await;
            b.tab_to("#password").await;
            b.press(DEMO_PASSWORD).await;
            b.press(ENTER).await;
        }
    };
    keyboard_login("gemeente.venlo@demo.local").await;
    b.wait_path("/organisatie").await;
    b.tab_to("a[href='/organisatie/aanmelden']").await;
    b.press(ENTER).await;
    b.wait_path("/organisatie/aanmelden").await;
    b.find("#p0-name").await;
    b.tab_to("#p0-name").await;
    b.press("Mila de Wit").await;
    b.tab_to("#p0-email").await;
    b.press("m.dewit@venlo.demo.local").await;
    b.tab_to("[data-testid=submit-request]").await;
    b.press(ENTER).await;
    confirmed(&b, "Aanvraag ingediend", "keyboard request").await;
    super::log_out(&b).await;

    keyboard_login("ambassadeur.noord@demo.local").await;
    b.wait_path("/ambassadeur").await;
    let request = app.id_of("SELECT MAX(id) FROM enrolment_requests").await;
    b.wait_text("[data-testid=inbox]", &format!("#{request}")).await;
    b.tab_to(&format!("[data-testid=inbox] a[href='/aanmeldingen/{request}']")).await;
    b.press(ENTER).await;
    b.find("[data-testid=decide]").await;
    b.tab_to("[data-testid=decide]").await;
    b.press(ENTER).await;
    b.find("[data-testid='dec.approve']").await;
    b.tab_to("[data-testid='dec.approve']").await;
    b.press(SPACE).await;
    b.tab_to("[data-testid=confirm]").await;
    b.press(ENTER).await;
    confirmed(&b, "Goedgekeurd", "keyboard approve").await;
    super::log_out(&b).await;

    keyboard_login("bel@demo.local").await;
    b.wait_path("/bel").await;
    b.tab_to("a[href='/bel/plaatsing']").await;
    b.press(ENTER).await;
    b.wait_text("[data-testid=queue]", "Mila de Wit").await;
    let enrolment = app.id_of("SELECT MAX(id) FROM enrolments").await;
    // The suggested group is chosen already; the button is next to it.
    b.tab_to(&format!("#group-{enrolment}")).await;
    b.press("\u{E004}").await;
    assert!(b.focused_is("[data-testid=allocate]").await, "Plaatsen follows the group choice");
    b.press(ENTER).await;
    confirmed(&b, "Mila de Wit", "keyboard place").await;
    b.wait_text("[data-testid=notice]", "Geplaatst").await;
    b.close().await;
}

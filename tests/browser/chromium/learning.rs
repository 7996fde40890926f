//! The learning network: an ambassador registers two trained professionals
//! for their region's session and records a learning need; the organisation's
//! contact sees them on a phone and withdraws one; BEL records attendance and
//! shares the report of a held session. A contact mails a professional a
//! personal link, with which the professional registers on a phone.

use super::log_in;
use va_tests::browser::Browser;
use va_tests::{Backend, DEMO_PASSWORD};

async fn prof(app: &va_tests::TestApp, email: &str) -> i64 {
    app.id_of(&format!("SELECT id FROM professionals WHERE email = '{email}'")).await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_ambassador_registers_two_trained_professionals_and_bel_shares_the_report() {
    let Some(b) = Browser::start().await else { return };
    let app = va_tests::spawn_app_with(Backend::Sqlite, |s| s.demo_activity = true).await.expect("app");
    let session = app.id_of("SELECT id FROM learning_sessions WHERE title LIKE '%stem van de jeugdige%'").await;
    let (ans, koen) = (prof(&app, "a.peeters@venlo.demo.local").await, prof(&app, "k.hesen@venlo.demo.local").await);

    // The ambassador on a laptop: the network, the session, two trained professionals ticked.
    b.resize(1366, 900).await;
    log_in(&app, &b, "ambassadeur.noord@demo.local", DEMO_PASSWORD).await;
    b.wait_path("/ambassadeur").await;
    b.find("a[href='/leernetwerk']").await.click().await.expect("nav");
    b.wait_text("h1", "Leernetwerk VA").await;
    b.wait_text("[data-testid=learning-upcoming]", "Bovenregionale leersessie").await;
    b.wait_text("[data-testid=learning-past]", "Verslag gedeeld").await;
    b.client.find(fantoccini::Locator::LinkText("Casuïstiekleren Noord-Limburg: de stem van de jeugdige")).await.expect("link").click().await.expect("open");
    b.wait_path(&format!("/leernetwerk/{session}")).await;
    b.wait_text("[data-testid=learning-places]", "0 / 12").await;
    let invitations = "SELECT COUNT(*) FROM email_outbox WHERE template = 'learning_registered' AND to_addr IN ('a.peeters@venlo.demo.local', 'k.hesen@venlo.demo.local')";
    let before = app.scalar::<i64>(invitations).await;
    b.find(&format!("[data-testid=ln-pick-{ans}]")).await.click().await.expect("tick");
    b.find(&format!("[data-testid=ln-pick-{koen}]")).await.click().await.expect("tick");
    b.find("[data-testid=ln-register]").await.click().await.expect("register");
    super::screens::confirmed(&b, "Aangemeld: Ans Peeters, Koen Hesen", "registering").await;
    b.wait_text("[data-testid=learning-registration-list]", "Koen Hesen").await;
    b.wait_text("[data-testid=learning-places]", "2 / 12").await;
    let registered = format!("SELECT COUNT(*) FROM learning_registrations WHERE session_id = {session} AND status = 'registered'");
    assert_eq!(app.scalar::<i64>(&registered).await, 2);
    assert_eq!(app.scalar::<i64>(invitations).await - before, 2, "each gets the invitation");
    assert!(!b.has_text("[data-testid=learning-register]", "Ans Peeters", 1).await, "a registered professional is no longer offered");
    assert!(b.axe().await.is_empty(), "axe-core on the session");
    b.screenshot_full("learning-ambassador-1366").await;

    // The ambassador's region's learning need, refused without a topic first.
    b.client.goto(&app.url("/leernetwerk/behoeften")).await.expect("goto");
    b.wait_text("[data-testid=learning-needs]", "Zuid-Limburg").await;
    b.find("[data-testid=need-submit]").await.click().await.expect("submit");
    b.wait_text("#need-topic-err", "Verplicht veld").await;
    assert_eq!(b.find("#need-topic").await.attr("aria-invalid").await.expect("attr").as_deref(), Some("true"));
    b.find("#need-topic").await.send_keys("VA bij complexe scheidingen").await.expect("type");
    b.find("[data-testid=need-submit]").await.click().await.expect("submit");
    super::screens::confirmed(&b, "Leerbehoefte vastgelegd", "the need").await;
    let noord = app.id_of("SELECT id FROM regions WHERE code = 'noord'").await;
    b.wait_text(&format!("[data-testid=needs-{noord}]"), "VA bij complexe scheidingen").await;
    assert!(b.axe().await.is_empty(), "axe-core on the needs");
    b.screenshot_full("learning-needs-1366").await;
    super::log_out(&b).await;

    // Venlo's contact on a phone: their two people; Koen withdrawn.
    b.resize(390, 844).await;
    log_in(&app, &b, "gemeente.venlo@demo.local", DEMO_PASSWORD).await;
    b.wait_path("/organisatie").await;
    b.client.goto(&app.url(&format!("/leernetwerk/{session}"))).await.expect("goto");
    b.wait_text("[data-testid=learning-registration-list]", "Ans Peeters").await;
    b.assert_no_overflow("the session at 390 px").await;
    assert!(b.axe().await.is_empty(), "axe-core on the contact's session");
    b.screenshot("learning-contact-390").await;
    let buttons = b.client.find_all(fantoccini::Locator::Css("[data-testid=ln-withdraw]")).await.expect("buttons");
    assert_eq!(buttons.len(), 2);
    buttons[1].click().await.expect("withdraw");
    super::screens::confirmed(&b, "Afgemeld", "withdrawal").await;
    b.wait_text("[data-testid=learning-places]", "1 / 12").await;
    assert_eq!(app.scalar::<i64>(&registered).await, 1);
    super::log_out(&b).await;

    // BEL on the held session: attendance and the report, shared.
    let held = app.id_of("SELECT id FROM learning_sessions WHERE reported_at IS NOT NULL").await;
    log_in(&app, &b, "bel@demo.local", DEMO_PASSWORD).await;
    b.wait_path("/bel").await;
    b.client.goto(&app.url(&format!("/leernetwerk/{held}"))).await.expect("goto");
    b.wait_text("[data-testid=learning-report]", "hypothesen").await;
    b.find("[data-testid=ln-attendance]").await.click().await.expect("attendance");
    super::screens::confirmed(&b, "Aanwezigheid opgeslagen", "attendance").await;
    b.find("#ln-report").await.send_keys(" Aangevuld door BEL.").await.expect("type");
    b.find("[data-testid=ln-report-submit]").await.click().await.expect("report");
    super::screens::confirmed(&b, "Verslag bijgewerkt", "the report").await;
    b.wait_text("[data-testid=learning-report]", "Aangevuld door BEL.").await;
    b.resize(390, 844).await;
    b.assert_no_overflow("the held session at 390 px").await;
    assert!(b.axe().await.is_empty(), "axe-core on the held session");
    b.screenshot("learning-held-bel-390").await;
    b.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_contact_mails_a_personal_link_and_the_professional_registers_on_a_phone() {
    let Some(b) = Browser::start().await else { return };
    let app = va_tests::spawn_app_with(Backend::Sqlite, |s| s.demo_activity = true).await.expect("app");
    let session = app.id_of("SELECT id FROM learning_sessions WHERE title LIKE '%stem van de jeugdige%'").await;
    let ans = prof(&app, "a.peeters@venlo.demo.local").await;

    // Venlo's contact mails Ans her link.
    b.resize(1366, 900).await;
    log_in(&app, &b, "gemeente.venlo@demo.local", DEMO_PASSWORD).await;
    b.wait_path("/organisatie").await;
    b.client.goto(&app.url(&format!("/leernetwerk/{session}"))).await.expect("goto");
    b.find(&format!("[data-testid=ln-pick-{ans}]")).await.click().await.expect("tick");
    b.find("[data-testid=ln-send-links]").await.click().await.expect("send");
    super::screens::confirmed(&b, "Persoonlijke link gemaild aan: Ans Peeters", "mailing the link").await;
    b.wait_text("[data-testid=learning-register]", "link gemaild").await;
    assert!(b.axe().await.is_empty(), "axe-core on the session with the link sent");
    super::log_out(&b).await;

    // Ans on her phone, without an account: the session, her status, one button.
    let body = app.db_text("SELECT body_text FROM email_outbox WHERE template = 'learning_link' AND to_addr = 'a.peeters@venlo.demo.local' ORDER BY id DESC").await;
    let start = body.find("/leersessie?token=").expect("link");
    let path: String = body[start..].chars().take_while(|c| !c.is_whitespace()).collect();
    b.resize(390, 844).await;
    b.client.goto(&app.url(&path)).await.expect("goto");
    b.wait_text("[data-testid=ll-title]", "stem van de jeugdige").await;
    b.wait_text("[data-testid=ll-status]", "U bent niet aangemeld").await;
    assert!(b.has_text("main", "Ans Peeters", 1).await, "the link names whom it is for");
    b.assert_no_overflow("the link page at 390 px").await;
    assert!(b.axe().await.is_empty(), "axe-core on the link page");
    let invitations = "SELECT COUNT(*) FROM email_outbox WHERE template = 'learning_registered' AND to_addr = 'a.peeters@venlo.demo.local'";
    let before = app.scalar::<i64>(invitations).await;
    b.find("[data-testid=ll-register]").await.click().await.expect("register");
    super::screens::confirmed(&b, "Aanmelding verwerkt", "registering by link").await;
    b.wait_text("[data-testid=ll-status]", "U bent aangemeld").await;
    let by_link = format!("SELECT COUNT(*) FROM learning_registrations WHERE session_id = {session} AND professional_id = {ans} AND status = 'registered' AND registered_by IS NULL");
    assert_eq!(app.scalar::<i64>(&by_link).await, 1);
    assert_eq!(app.scalar::<i64>(invitations).await - before, 1, "her calendar invitation");
    b.assert_no_overflow("the link page registered at 390 px").await;
    assert!(b.axe().await.is_empty(), "axe-core on the link page registered");
    b.screenshot("learning-link-390").await;
    b.screenshot_full("learning-link-full").await;
    b.resize(390, 844).await;
    b.find("[data-testid=ll-withdraw]").await.click().await.expect("withdraw");
    super::screens::confirmed(&b, "U bent afgemeld", "withdrawing by link").await;
    b.wait_text("[data-testid=ll-status]", "U bent niet aangemeld").await;
    assert_eq!(app.scalar::<i64>(&by_link).await, 0);
    b.close().await;
}

//! The personal calendar feed: a trainer makes their secret address on a
//! phone (shown once, to copy), fetches it, and revokes it; a contact mails
//! one of their professionals an address.

use super::log_in;
use va_tests::browser::Browser;
use va_tests::{Backend, DEMO_PASSWORD};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_trainer_makes_and_revokes_a_calendar_address_and_a_contact_mails_one() {
    let Some(b) = Browser::start().await else { return };
    let app = va_tests::spawn_app_with(Backend::Sqlite, |s| s.demo_activity = true).await.expect("app");
    b.resize(390, 844).await;
    log_in(&app, &b, "trainer@demo.local", DEMO_PASSWORD).await;
    b.wait_path("/trainer").await;
    b.client.goto(&app.url("/agenda")).await.expect("goto");
    b.wait_text("[data-testid=agenda-status]", "nog geen agenda-abonnement").await;
    b.find("[data-testid=agenda-renew]").await.click().await.expect("make");
    super::screens::confirmed(&b, "Agenda-adres gemaakt", "making").await;
    let url = b.find("#agenda-url").await.prop("value").await.expect("prop").unwrap_or_default();
    assert!(url.contains("/api/v1/calendar/") && url.ends_with(".ics"), "{url}");
    let path = url.split("/api/v1/").nth(1).map(|p| format!("/api/v1/{p}")).expect("path");
    let feed = app.client.get(app.url(&path)).send().await.expect("fetch");
    assert_eq!(feed.status(), 200);
    assert!(feed.text().await.expect("text").contains("VA-training geven"));
    b.wait_text("[data-testid=agenda-status]", "U hebt een agenda-abonnement").await;
    b.assert_no_overflow("the agenda at 390 px").await;
    assert!(b.axe().await.is_empty(), "axe-core on the agenda");
    b.screenshot("agenda-trainer-390").await;
    b.find("[data-testid=agenda-revoke]").await.click().await.expect("revoke");
    super::screens::confirmed(&b, "Agenda-abonnement ingetrokken", "revoking").await;
    assert_eq!(app.client.get(app.url(&path)).send().await.expect("fetch").status(), 404);
    super::log_out(&b).await;

    // Venlo's contact mails a professional their own address from the start page.
    b.resize(1366, 900).await;
    log_in(&app, &b, "gemeente.venlo@demo.local", DEMO_PASSWORD).await;
    b.wait_path("/organisatie").await;
    let ans = app.id_of("SELECT id FROM professionals WHERE email = 'a.peeters@venlo.demo.local'").await;
    b.find(&format!("[data-testid=feed-mail-{ans}]")).await.click().await.expect("mail");
    super::screens::confirmed(&b, "Agenda-adres gemaild aan: Ans Peeters", "mailing").await;
    assert_eq!(app.scalar::<i64>("SELECT COUNT(*) FROM email_outbox WHERE template = 'calendar_feed' AND to_addr = 'a.peeters@venlo.demo.local'").await, 1);
    assert!(b.axe().await.is_empty(), "axe-core on the contact's start page");
    b.close().await;
}

//! BEL's privacy screens: a person's data (looked at, downloaded, erased) and
//! the audit log's filters, on a phone and a laptop.

use super::log_in;
use va_tests::browser::Browser;
use va_tests::{Backend, DEMO_PASSWORD};

async fn chosen(b: &Browser, css: &str, value: &str) {
    b.find(css).await.select_by_value(value).await.expect("select");
}

/// The rows of the audit table, as text.
async fn rows(b: &Browser) -> Vec<String> {
    let mut out = Vec::new();
    for r in b.client.find_all(fantoccini::Locator::Css("[data-testid=audit] tbody tr")).await.expect("rows") {
        out.push(r.text().await.unwrap_or_default());
    }
    out
}

/// Waits until every row of the audit table holds `needle` (and there is one).
async fn all_rows_hold(b: &Browser, needle: &str) -> Vec<String> {
    for _ in 0..200 {
        let r = rows(b).await;
        if !r.is_empty() && r.iter().all(|t| t.contains(needle)) {
            return r;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    panic!("not every audit row holds {needle}: {:?}", rows(b).await);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bel_looks_up_a_person_filters_the_audit_log_and_erases_the_person() {
    let Some(b) = Browser::start().await else { return };
    let app = va_tests::spawn_app_with(Backend::Sqlite, |s| s.demo_activity = true).await.expect("app");
    let person = app
        .id_of("SELECT MIN(e.professional_id) FROM enrolments e WHERE e.status = 'trained' AND EXISTS (SELECT 1 FROM followup_participants f WHERE f.professional_id = e.professional_id)")
        .await;
    let name = app.db_text(&format!("SELECT name FROM professionals WHERE id = {person}")).await;
    // Venlo's contact opens a request of theirs: a read of personal data.
    let contact = app.token("gemeente.venlo@demo.local").await;
    let contact_id = app.id_of("SELECT id FROM users WHERE email = 'gemeente.venlo@demo.local'").await;
    let request = app.id_of(&format!("SELECT MIN(id) FROM enrolment_requests WHERE organisation_id = (SELECT organisation_id FROM users WHERE id = {contact_id})")).await;
    assert_eq!(app.get(&format!("/api/v1/requests/{request}"), Some(&contact)).await.status(), 200);

    b.resize(1366, 900).await;
    log_in(&app, &b, "bel@demo.local", DEMO_PASSWORD).await;
    b.wait_path("/bel").await;
    b.client.goto(&app.url("/bel/personen")).await.expect("goto");
    b.wait_text("h1", "Persoonsgegevens op verzoek").await;
    let last = name.split_whitespace().last().expect("a name").to_string();
    b.find("#ppl-q").await.send_keys(&last).await.expect("type");
    b.find("[data-testid=people-find]").await.click().await.expect("search");
    super::screens::confirmed(&b, "Gevonden:", "search").await;
    b.find(&format!("[data-testid=person-{person}] a")).await.click().await.expect("open");
    b.wait_path(&format!("/bel/personen/{person}")).await;
    b.wait_text("h1", &name).await;
    b.wait_text("[data-testid=person-enrolments]", "VA-training").await;
    b.find("[data-testid=person-html]").await.click().await.expect("download");
    super::screens::confirmed(&b, "Gedownload:", "download").await;
    let page = std::fs::read_to_string(b.downloaded("persoonsgegevens-").await).expect("file");
    assert!(page.contains(&name) && page.contains("<h2>Aanmeldingen</h2>"));
    assert!(b.axe().await.is_empty(), "axe-core on the person's page");
    b.screenshot("person-1366").await;

    // The audit log: by kind, by who, by object; a period the wrong way round is refused at its field.
    b.client.goto(&app.url("/bel/logboek")).await.expect("goto");
    b.wait_text("h1", "Logboek").await;
    b.wait_text("[data-testid=audit]", "Professional bekeken").await;
    chosen(&b, "#aud-kind", "professional").await;
    b.find("[data-testid=audit-apply]").await.click().await.expect("apply");
    super::screens::confirmed(&b, "Filter toegepast", "kind").await;
    all_rows_hold(&b, "professional.viewed").await;
    chosen(&b, "#aud-kind", "").await;
    chosen(&b, "#aud-actor", &contact_id.to_string()).await;
    b.find("[data-testid=audit-apply]").await.click().await.expect("apply");
    let contact_name = app.db_text(&format!("SELECT name FROM users WHERE id = {contact_id}")).await;
    let theirs = all_rows_hold(&b, &contact_name).await;
    assert!(theirs.iter().any(|r| r.contains("request.viewed") && r.contains(&format!("request:{request}"))), "{theirs:?}");
    chosen(&b, "#aud-actor", "").await;
    b.find("#aud-subject").await.send_keys(&format!("professional:{person}")).await.expect("type");
    b.find("[data-testid=audit-apply]").await.click().await.expect("apply");
    let about = all_rows_hold(&b, &format!("professional:{person}")).await;
    assert!(about.iter().any(|r| r.contains("privacy.exported")) && about.iter().any(|r| r.contains("professional.viewed")), "{about:?}");
    b.screenshot("audit-filtered-1366").await;
    b.resize(390, 844).await;
    // A date input types by the browser's locale; its value is what the form reads.
    let set = "for (const [id, v] of [['aud-from', '2026-12-03'], ['aud-to', '2026-12-01']]) { const e = document.getElementById(id); e.value = v; e.dispatchEvent(new Event('input', { bubbles: true })); }";
    b.client.execute(set, vec![]).await.expect("dates");
    b.find("[data-testid=audit-apply]").await.click().await.expect("apply");
    b.wait_text("#aud-to-err", "Het einde ligt na het begin").await;
    assert_eq!(b.find("#aud-to").await.attr("aria-invalid").await.expect("attr").as_deref(), Some("true"));
    // The list kept what it showed.
    assert!(!rows(&b).await.is_empty());
    b.assert_no_overflow("audit log at 390 px").await;
    assert!(b.axe().await.is_empty(), "axe-core on the audit log");
    b.screenshot("audit-refused-390").await;

    // Erasure on a phone: asked once more, then confirmed; the page shows the pseudonym.
    b.client.goto(&app.url(&format!("/bel/personen/{person}"))).await.expect("goto");
    b.wait_text("h1", &name).await;
    b.find("[data-testid=person-erase]").await.click().await.expect("erase");
    b.wait_text("[data-testid=erase-confirm]", "definitief").await;
    b.find("[data-testid=erase-yes]").await.click().await.expect("yes");
    super::screens::confirmed(&b, &format!("Verwijderd #{person}"), "erasure").await;
    b.wait_text("h1", &format!("Verwijderd #{person}")).await;
    assert_eq!(app.scalar::<i64>(&format!("SELECT COUNT(*) FROM professionals WHERE name = '{}'", name.replace('\'', "''"))).await, 0);
    b.assert_no_overflow("person at 390 px").await;
    assert!(b.axe().await.is_empty(), "axe-core after erasure");
    b.screenshot("person-erased-390").await;
    b.close().await;
}

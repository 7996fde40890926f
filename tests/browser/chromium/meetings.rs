//! The monitoring meeting: BEL schedules one, records a decision and an action
//! (refused without its owner first), marks it done and attaches a snapshot;
//! an ambassador reads it on a phone.

use super::log_in;
use va_tests::browser::Browser;
use va_tests::{Backend, DEMO_PASSWORD};

/// Sets a date input the way a person picking a date does (the typed form depends on the locale).
async fn set_date(b: &Browser, id: &str, value: &str) {
    let js = format!("const e = document.getElementById('{id}'); e.value = '{value}'; e.dispatchEvent(new Event('input', {{ bubbles: true }}));");
    b.client.execute(&js, vec![]).await.expect("date");
}

async fn choose(b: &Browser, css: &str, value: &str) {
    b.find(css).await.select_by_value(value).await.expect("select");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bel_records_the_meetings_decision_and_an_ambassador_reads_it() {
    let Some(b) = Browser::start().await else { return };
    let app = va_tests::spawn_app_with(Backend::Sqlite, |s| s.demo_activity = true).await.expect("app");
    let year = chrono::Datelike::year(&app.state.settings.clock.today()) + 1;
    let day = format!("{year}-06-16");
    let snapshot = app.id_of("SELECT MAX(id) FROM monitoring_snapshots").await;

    b.resize(1366, 900).await;
    log_in(&app, &b, "bel@demo.local", DEMO_PASSWORD).await;
    b.wait_path("/bel").await;
    b.client.goto(&app.url("/monitoring/overleg")).await.expect("goto");
    b.wait_text("h1", "Overleg borging VA").await;
    // The demo's action from ten weeks ago is overdue.
    b.wait_text("[data-testid=open-actions]", "Te laat").await;
    set_date(&b, "mtg-date", &day).await;
    b.find("#mtg-label").await.send_keys(&format!("Overleg borging VA juni {year}")).await.expect("type");
    b.find("#mtg-location").await.send_keys("Gemeentehuis Venlo").await.expect("type");
    b.find("[data-testid=mtg-schedule]").await.click().await.expect("schedule");
    super::screens::confirmed(&b, "Overleg gepland:", "scheduling").await;
    b.wait_text(&format!("[data-testid=meetings-{year}]"), &format!("Overleg borging VA juni {year}")).await;
    b.client.find(fantoccini::Locator::LinkText(&format!("Overleg borging VA juni {year}"))).await.expect("link").click().await.expect("open");
    b.wait_text("[data-testid=meeting-title]", &format!("juni {year}")).await;
    let meeting = app.id_of(&format!("SELECT id FROM monitoring_meetings WHERE held_on = '{day}'")).await;
    b.wait_path(&format!("/monitoring/overleg/{meeting}")).await;

    // The decision.
    b.find("#mtg-text").await.send_keys("Een tweede groep in Noord-Limburg starten in het najaar.").await.expect("type");
    b.find("[data-testid=mtg-record]").await.click().await.expect("record");
    super::screens::confirmed(&b, "Besluit vastgelegd", "the decision").await;
    b.wait_text("[data-testid=meeting-decisions]", "tweede groep in Noord-Limburg").await;
    assert_eq!(app.scalar::<i64>(&format!("SELECT COUNT(*) FROM meeting_items WHERE meeting_id = {meeting} AND kind = 'decision'")).await, 1);

    // An action without its owner is refused at the field; with it, recorded and then done.
    choose(&b, "#mtg-kind", "action").await;
    b.find("#mtg-text").await.send_keys("Trainers voor de tweede groep vastleggen.").await.expect("type");
    b.find("[data-testid=mtg-record]").await.click().await.expect("record");
    b.wait_text("#mtg-owner-err", "Verplicht veld").await;
    assert_eq!(b.find("#mtg-owner").await.attr("aria-invalid").await.expect("attr").as_deref(), Some("true"));
    assert_eq!(app.scalar::<i64>(&format!("SELECT COUNT(*) FROM meeting_items WHERE meeting_id = {meeting} AND kind = 'action'")).await, 0);
    b.find("#mtg-owner").await.send_keys("Projectleider BEL").await.expect("type");
    set_date(&b, "mtg-due", &format!("{year}-07-01")).await;
    b.find("[data-testid=mtg-record]").await.click().await.expect("record");
    super::screens::confirmed(&b, "Actie vastgelegd", "the action").await;
    b.wait_text("[data-testid=action-list]", "Projectleider BEL").await;
    b.find("[data-testid=action-done]").await.click().await.expect("done");
    super::screens::confirmed(&b, "Actie afgerond", "done").await;
    b.wait_text("[data-testid=action-list]", "Gedaan").await;

    // The snapshot discussed.
    b.find("[data-testid=meeting-edit] summary").await.click().await.expect("open");
    choose(&b, "#mtg-edit-snapshot", &snapshot.to_string()).await;
    b.find("[data-testid=mtg-save]").await.click().await.expect("save");
    super::screens::confirmed(&b, "Wijziging opgeslagen", "the snapshot").await;
    b.wait_text("[data-testid=snapshot-regions]", "Zuid-Limburg").await;
    assert!(b.axe().await.is_empty(), "axe-core on BEL's meeting page");
    b.screenshot_full("meeting-bel-1366").await;

    // A meeting scheduled by mistake is removed (one without decisions or actions).
    b.client.goto(&app.url("/monitoring/overleg")).await.expect("goto");
    b.wait_text("h1", "Overleg borging VA").await;
    set_date(&b, "mtg-date", &format!("{year}-10-06")).await;
    b.find("#mtg-label").await.send_keys("Dubbel ingepland").await.expect("type");
    b.find("[data-testid=mtg-schedule]").await.click().await.expect("schedule");
    super::screens::confirmed(&b, "Overleg gepland:", "the second").await;
    b.client.find(fantoccini::Locator::LinkText("Dubbel ingepland")).await.expect("link").click().await.expect("open");
    b.wait_text("[data-testid=meeting-title]", "Dubbel ingepland").await;
    b.find("[data-testid=meeting-edit] summary").await.click().await.expect("open");
    b.find("[data-testid=mtg-remove]").await.click().await.expect("remove");
    b.wait_path("/monitoring/overleg").await;
    super::screens::confirmed(&b, "Overleg verwijderd", "removal").await;
    assert_eq!(app.scalar::<i64>("SELECT COUNT(*) FROM monitoring_meetings WHERE label = 'Dubbel ingepland'").await, 0);

    // An ambassador on a phone: every meeting, the decision, no forms, the own region's organisations only.
    super::log_out(&b).await;
    b.resize(390, 844).await;
    log_in(&app, &b, "ambassadeur.noord@demo.local", DEMO_PASSWORD).await;
    b.wait_path("/ambassadeur").await;
    b.client.goto(&app.url("/monitoring/overleg")).await.expect("goto");
    b.wait_text(&format!("[data-testid=meetings-{year}]"), &format!("Overleg borging VA juni {year}")).await;
    assert!(!b.has_text("[data-testid=meeting-schedule]", "Overleg plannen", 1).await, "no scheduling for ambassadors");
    b.assert_no_overflow("meetings at 390 px").await;
    assert!(b.axe().await.is_empty(), "axe-core on the meetings");
    b.screenshot("meetings-ambassador-390").await;
    b.client.goto(&app.url(&format!("/monitoring/overleg/{meeting}"))).await.expect("goto");
    b.wait_text("[data-testid=meeting-decisions]", "tweede groep in Noord-Limburg").await;
    b.wait_text("[data-testid=snapshot-regions]", "Midden-Limburg").await;
    let details = b.client.find_all(fantoccini::Locator::Css("[data-testid=snapshot-detail] summary")).await.expect("details");
    let mut shown = Vec::new();
    for d in details {
        shown.push(d.text().await.unwrap_or_default());
    }
    assert_eq!(shown, vec!["Noord-Limburg".to_string()]);
    assert!(!b.has_text("[data-testid=meeting-new-item]", "Vastleggen", 1).await, "no recording for ambassadors");
    b.assert_no_overflow("meeting at 390 px").await;
    assert!(b.axe().await.is_empty(), "axe-core on the meeting");
    b.screenshot("meeting-ambassador-390").await;
    b.close().await;
}

//! Personal calendar feeds: a professional's secret address (made by their
//! contact, mailed to them) shows their training days; a trainer's their days
//! to give; a contact's the learning sessions open to them. A new address
//! replaces the old, a revoked one is gone; nobody reaches another scope's.

use serde_json::{json, Value};
use std::collections::BTreeSet;
use va_tests::{db_tests, expect_json as send, TestApp};

/// The feed's METHOD and its events' (UID, SUMMARY).
fn parse(ics: &str) -> (String, Vec<(String, String)>) {
    let unfolded = icalendar::parser::unfold(ics);
    let cal = icalendar::parser::read_calendar(&unfolded).expect("the feed parses");
    let method = cal.properties.iter().find(|p| p.name.as_str() == "METHOD").map(|p| p.val.as_str().to_string()).unwrap_or_default();
    let events = cal
        .components
        .iter()
        .filter(|c| c.name.as_str() == "VEVENT")
        .map(|c| {
            let get = |n: &str| c.properties.iter().find(|p| p.name.as_str() == n).map(|p| p.val.as_str().to_string()).unwrap_or_default();
            (get("UID"), get("SUMMARY"))
        })
        .collect();
    (method, events)
}

/// The path of a feed address (the tests' public URL is `http://localhost`).
fn path_of(url: &str) -> String {
    url.trim_start_matches("http://localhost").to_string()
}

async fn fetch(app: &TestApp, path: &str) -> reqwest::Response {
    app.client.get(app.url(path)).send().await.expect("send")
}

async fn feeds_hold_each_owners_days_and_are_revocable(app: TestApp) {
    let bel = app.token("bel@demo.local").await;
    let venlo = app.token("gemeente.venlo@demo.local").await;
    let email = "f.feed@venlo.demo.local";
    let e = super::waitlist::approved(&app, "gemeente.venlo@demo.local", "ambassadeur.noord@demo.local", &[("Fleur Feed", email, false)]).await[0];
    let g5 = app.id_of("SELECT id FROM training_groups WHERE name LIKE 'Groep 5%'").await;
    send(app.post_json(&format!("/api/v1/enrolments/{e}/allocate"), Some(&bel), &json!({"group_id": g5})).await, 200).await;
    let fleur = app.id_of(&format!("SELECT professional_id FROM enrolments WHERE id = {e}")).await;
    let path = format!("/api/v1/professionals/{fleur}/calendar-feed");

    // Nobody outside her organisation or region reaches her feed.
    send(app.post_json(&path, Some(&app.token("gemeente.maastricht@demo.local").await), &json!({})).await, 404).await;
    send(app.post_json(&path, Some(&app.token("ambassadeur.zuid@demo.local").await), &json!({})).await, 404).await;
    send(app.post_json(&path, Some(&app.token("trainer@demo.local").await), &json!({})).await, 403).await;
    send(app.post_json("/api/v1/professionals/999999/calendar-feed", Some(&venlo), &json!({})).await, 404).await;
    assert_eq!(app.count("calendar_feeds").await, 0);

    // Her contact makes it: the address goes to her by mail, never in the answer.
    let made = send(app.post_json(&path, Some(&venlo), &json!({})).await, 200).await;
    assert_eq!((made["active"].as_bool(), made["url"].is_null()), (Some(true), true));
    let body = app.db_text(&format!("SELECT body_text FROM email_outbox WHERE to_addr = '{email}' AND template = 'calendar_feed'")).await;
    let url = body.split_whitespace().find(|w| w.contains("/api/v1/calendar/")).expect("the address in the mail").to_string();
    assert!(!app.db_text("SELECT token_hash FROM calendar_feeds").await.is_empty());
    assert_eq!(app.scalar::<i64>(&format!("SELECT COUNT(*) FROM calendar_feeds WHERE token_hash LIKE '%{}%'", url.rsplit('/').next().unwrap_or("").trim_end_matches(".ics"))).await, 0, "only the hash is kept");

    let res = fetch(&app, &path_of(&url)).await;
    assert_eq!(res.status(), 200);
    assert!(res.headers()["content-type"].to_str().unwrap_or("").starts_with("text/calendar"));
    assert!(res.headers()["cache-control"].to_str().unwrap_or("").contains("no-store"), "no cache keeps her appointments");
    let (method, events) = parse(&res.text().await.expect("text"));
    assert_eq!(method, "PUBLISH");
    let days: i64 = app.scalar(&format!("SELECT COUNT(*) FROM training_days WHERE group_id = {g5} AND status <> 'cancelled'")).await;
    assert_eq!(events.len() as i64, days, "every active day of her group");
    assert!(events.iter().all(|(uid, summary)| uid.ends_with(&format!("-enrolment-{e}@va-planner.bel-limburg.nl")) && summary.starts_with("VA-training: Groep 5")));
    assert!(send(app.get(&path, Some(&venlo)).await, 200).await["last_read_at"].is_string());

    // A new address replaces the old; a revoked one is gone; a malformed one is a problem 404.
    send(app.post_json(&path, Some(&app.token("ambassadeur.noord@demo.local").await), &json!({})).await, 200).await;
    assert_eq!(fetch(&app, &path_of(&url)).await.status(), 404);
    let newer = app.db_text(&format!("SELECT body_text FROM email_outbox WHERE to_addr = '{email}' AND template = 'calendar_feed' ORDER BY id DESC")).await;
    let url2 = newer.split_whitespace().find(|w| w.contains("/api/v1/calendar/")).expect("address").to_string();
    assert_ne!(url, url2);
    assert_eq!(fetch(&app, &path_of(&url2)).await.status(), 200);
    let off = send(app.delete(&path, Some(&venlo)).await, 200).await;
    assert_eq!(off["active"], false);
    assert_eq!(fetch(&app, &path_of(&url2)).await.status(), 404);
    let res = fetch(&app, "/api/v1/calendar/niet-een-adres.ics").await;
    assert_eq!(res.status(), 404);
    assert!(res.headers()["content-type"].to_str().unwrap_or("").starts_with("application/problem+json"));

    // A trainer's own feed: the days they give.
    let trainer = app.token("trainer@demo.local").await;
    assert_eq!(send(app.get("/api/v1/me/calendar-feed", Some(&trainer)).await, 200).await["active"], false);
    let mine = send(app.post_json("/api/v1/me/calendar-feed", Some(&trainer), &json!({})).await, 200).await;
    let turl = mine["url"].as_str().expect("the address, once").to_string();
    assert!(send(app.get("/api/v1/me/calendar-feed", Some(&trainer)).await, 200).await["url"].is_null());
    let (_, given) = parse(&fetch(&app, &path_of(&turl)).await.text().await.expect("text"));
    let trainer_id = app.id_of("SELECT id FROM users WHERE email = 'trainer@demo.local'").await;
    let expected: i64 = app
        .scalar(&format!(
            "SELECT COUNT(*) FROM training_days d JOIN training_groups g ON g.id = d.group_id WHERE d.status <> 'cancelled' AND g.status <> 'cancelled' \
             AND (d.trainer_id = {trainer_id} OR (d.trainer_id IS NULL AND g.trainer_id = {trainer_id}))"
        ))
        .await;
    assert!(expected > 0);
    assert_eq!(given.len() as i64, expected);
    assert!(given.iter().all(|(_, s)| s.starts_with("VA-training geven: ")));

    // Contacts see the learning sessions open to them: the supra-regional one, not another region's.
    let zuid = app.id_of("SELECT id FROM regions WHERE code = 'zuid'").await;
    let soon = (app.state.settings.clock.today() + chrono::Duration::days(20)).to_string();
    let session = |scope: &str, region: Option<i64>, title: &str| json!({"scope": scope, "region_id": region, "title": title, "held_on": soon, "starts_at": "13:30", "ends_at": "16:00", "place": "Roermond", "capacity": 10, "target_group": "Getrainden"});
    send(app.post_json("/api/v1/learning/sessions", Some(&bel), &session("supra_regional", None, "Bovenregionaal")).await, 200).await;
    send(app.post_json("/api/v1/learning/sessions", Some(&bel), &session("regional", Some(zuid), "Alleen Zuid")).await, 200).await;
    let curl = send(app.post_json("/api/v1/me/calendar-feed", Some(&venlo), &json!({})).await, 200).await["url"].as_str().expect("url").to_string();
    let (_, open) = parse(&fetch(&app, &path_of(&curl)).await.text().await.expect("text"));
    let titles: BTreeSet<String> = open.into_iter().map(|(_, s)| s).collect();
    assert_eq!(titles, BTreeSet::from(["VA-leernetwerk: Bovenregionaal".to_string()]));
    let revoked: Value = send(app.delete("/api/v1/me/calendar-feed", Some(&venlo)).await, 200).await;
    assert_eq!(revoked["active"], false);
    assert_eq!(fetch(&app, &path_of(&curl)).await.status(), 404);
    assert_eq!(app.scalar::<i64>("SELECT COUNT(*) FROM audit_log WHERE action = 'feed.revoked'").await, 2);

    // An erased person's address stops working with the erasure.
    let csv = "naam;e-mail;organisatie;functie;getraind op\nTom Gewist;t.gewist@venlo.demo.local;Venlo;Jeugdconsulent;12-05-2024\n";
    send(app.post_json("/api/v1/monitoring/import", Some(&bel), &json!({ "csv": csv })).await, 200).await;
    let tom = app.id_of("SELECT id FROM professionals WHERE email = 't.gewist@venlo.demo.local'").await;
    send(app.post_json(&format!("/api/v1/professionals/{tom}/calendar-feed"), Some(&venlo), &json!({})).await, 200).await;
    let mail = app.db_text("SELECT body_text FROM email_outbox WHERE to_addr = 't.gewist@venlo.demo.local' AND template = 'calendar_feed'").await;
    let turl = mail.split_whitespace().find(|w| w.contains("/api/v1/calendar/")).expect("address").to_string();
    assert_eq!(fetch(&app, &path_of(&turl)).await.status(), 200);
    send(app.post_json(&format!("/api/v1/privacy/people/{tom}/erase"), Some(&bel), &json!({})).await, 200).await;
    assert_eq!(fetch(&app, &path_of(&turl)).await.status(), 404);
    assert_eq!(app.scalar::<i64>(&format!("SELECT COUNT(*) FROM calendar_feeds WHERE professional_id = {tom} AND revoked_at IS NULL")).await, 0);
}

db_tests!(tweak va_tests::no_mail_sender; feeds_hold_each_owners_days_and_are_revocable);

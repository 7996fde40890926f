//! A person's rights: BEL's look at everything about a professional (JSON and
//! a readable page), erasure that keeps the figures and leaves no trace of the
//! name or address in any text column, and the audit of reads and changes.

use sea_orm::{ConnectionTrait, Statement};
use serde_json::{json, Value};
use va_tests::{db_tests, expect_json, TestApp};

/// A trained professional with attendance and follow-up: (id, name, email).
async fn trained_person(app: &TestApp) -> (i64, String, String) {
    let id = app
        .id_of(
            "SELECT MIN(e.professional_id) FROM enrolments e WHERE e.status = 'trained' \
             AND EXISTS (SELECT 1 FROM attendance a WHERE a.enrolment_id = e.id) \
             AND EXISTS (SELECT 1 FROM followup_participants f WHERE f.professional_id = e.professional_id) \
             AND NOT EXISTS (SELECT 1 FROM enrolments o WHERE o.professional_id = e.professional_id AND o.status NOT IN ('trained', 'withdrawn', 'rejected', 'not_completed'))",
        )
        .await;
    let name = app.db_text(&format!("SELECT name FROM professionals WHERE id = {id}")).await;
    let email = app.db_text(&format!("SELECT email FROM professionals WHERE id = {id}")).await;
    (id, name, email)
}

/// A mail queued behind the application's back (as the notifications would).
async fn mail_to(app: &TestApp, to: &str, subject: &str, body: &str) {
    let n: i64 = app.scalar("SELECT CAST(COUNT(*) AS BIGINT) FROM email_outbox").await;
    let now = app.state.settings.clock.now().to_rfc3339();
    let sql = format!(
        "INSERT INTO email_outbox (message_id, template, to_addr, subject, body_text, attempts, next_attempt_at, created_at) \
         VALUES ('<person-{n}-{}@test>', 'test', '{to}', '{subject}', '{body}', 0, '{now}', '{now}')",
        to.len()
    );
    app.exec(&sql).await;
}

/// Every text column of the schema with a value containing `needle`, as `table.column`.
async fn occurrences(app: &TestApp, needle: &str) -> Vec<String> {
    let db = &app.state.db;
    let backend = db.get_database_backend();
    let list = match backend {
        sea_orm::DatabaseBackend::Sqlite => {
            "SELECT m.name AS t, c.name AS c FROM sqlite_master m, pragma_table_info(m.name) c WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%'"
        }
        _ => "SELECT table_name::text AS t, column_name::text AS c FROM information_schema.columns WHERE table_schema = current_schema() AND data_type IN ('text', 'character varying', 'character')",
    };
    let mut found = Vec::new();
    for r in db.query_all(Statement::from_string(backend, list)).await.expect("columns") {
        let (t, c): (String, String) = (r.try_get("", "t").expect("t"), r.try_get("", "c").expect("c"));
        // SQLite: every column, read as text (a column of any type can hold text).
        let sql = format!("SELECT COUNT(*) AS n FROM \"{t}\" WHERE CAST(\"{c}\" AS TEXT) LIKE '%{}%'", needle.replace('\'', "''"));
        let n: i64 = db.query_one(Statement::from_string(backend, sql)).await.expect("scan").expect("row").try_get("", "n").expect("n");
        if n > 0 {
            found.push(format!("{t}.{c}"));
        }
    }
    found
}

async fn a_persons_data_holds_each_kind_and_nobody_elses(app: TestApp) {
    let bel = app.token("bel@demo.local").await;
    let (id, name, email) = trained_person(&app).await;
    mail_to(&app, &email, "Uw certificaat", "Beste collega, uw certificaat staat klaar.").await;
    mail_to(&app, "iemand.anders@example.org", "Niet voor deze persoon", "Over iemand anders.").await;

    let data = expect_json(app.get(&format!("/api/v1/privacy/people/{id}"), Some(&bel)).await, 200).await;
    assert_eq!(data["profile"]["name"], name.as_str());
    assert_eq!(data["profile"]["email"], email.as_str());
    for kind in ["enrolments", "attendance", "followup", "certificates", "mails", "audit"] {
        assert!(!data[kind].as_array().expect(kind).is_empty(), "{kind} in {data}");
    }
    assert!(!data["enrolments"][0]["timeline"].as_array().expect("timeline").is_empty(), "{data}");
    assert!(data["mails"].as_array().expect("mails").iter().all(|m| m["subject"] != "Niet voor deze persoon"));
    // Opening the page is recorded, and shows in the person's own audit.
    assert!(data["audit"].as_array().expect("audit").iter().any(|a| a["action"] == "professional.viewed" && a["actor"].is_string()), "{}", data["audit"]);

    // Nobody else's: no other professional's name or address is in it.
    let text = data.to_string();
    let others = app.state.db.query_all(Statement::from_string(app.state.db.get_database_backend(), format!("SELECT name, email FROM professionals WHERE id <> {id}"))).await.expect("others");
    assert!(others.len() > 10);
    for r in others {
        let (n, e): (String, String) = (r.try_get("", "name").expect("name"), r.try_get("", "email").expect("email"));
        assert!(!text.contains(&format!("\"{n}\"")) && !text.contains(&e), "{n} <{e}> is in {id}'s data");
    }

    // The files: JSON to hand over, a readable page; each download recorded.
    let res = app.get(&format!("/api/v1/privacy/people/{id}/export?format=json"), Some(&bel)).await;
    assert_eq!(res.status(), 200);
    assert!(res.headers()["content-disposition"].to_str().expect("header").starts_with("attachment"));
    let file: Value = res.json().await.expect("json");
    assert_eq!(file["profile"]["email"], email.as_str());
    let res = app.get(&format!("/api/v1/privacy/people/{id}/export?format=html"), Some(&bel)).await;
    assert_eq!(res.status(), 200);
    assert!(res.headers()["content-type"].to_str().expect("header").starts_with("text/html"));
    let page = res.text().await.expect("page");
    assert!(page.contains("<h2>Aanwezigheid</h2>") && page.contains("Uw certificaat") && page.contains("<title>Persoonsgegevens van "), "{page}");
    let exported: i64 = app.scalar(&format!("SELECT COUNT(*) FROM audit_log WHERE action = 'privacy.exported' AND subject = 'professional:{id}'")).await;
    assert_eq!(exported, 2);

    // Found by part of the name or address, any case.
    let part = name.split_whitespace().last().expect("a name").to_uppercase();
    let hits = expect_json(app.get(&format!("/api/v1/privacy/people?q={}", urlencode(&part)), Some(&bel)).await, 200).await;
    assert!(hits.as_array().expect("hits").iter().any(|h| h["id"] == id), "{hits}");
    expect_json(app.get("/api/v1/privacy/people?q=%00", Some(&bel)).await, 422).await;

    // Unknown: 404; other roles: 403 for every operation.
    expect_json(app.get("/api/v1/privacy/people/999999", Some(&bel)).await, 404).await;
    expect_json(app.get("/api/v1/privacy/people/999999/export", Some(&bel)).await, 404).await;
    expect_json(app.post_json("/api/v1/privacy/people/999999/erase", Some(&bel), &json!({})).await, 404).await;
    expect_json(app.get(&format!("/api/v1/privacy/people/{id}/export?format=pdf"), Some(&bel)).await, 400).await;
    for who in ["ambassadeur.noord@demo.local", "gemeente.venlo@demo.local", "trainer@demo.local"] {
        let token = app.token(who).await;
        expect_json(app.get(&format!("/api/v1/privacy/people/{id}"), Some(&token)).await, 403).await;
        expect_json(app.get(&format!("/api/v1/privacy/people/{id}/export?format=html"), Some(&token)).await, 403).await;
        expect_json(app.get("/api/v1/privacy/people?q=a", Some(&token)).await, 403).await;
        expect_json(app.post_json(&format!("/api/v1/privacy/people/{id}/erase"), Some(&token), &json!({})).await, 403).await;
        expect_json(app.get("/api/v1/privacy/register", Some(&token)).await, 403).await;
    }
    // The register of processing, with the periods in force.
    let register = expect_json(app.get("/api/v1/privacy/register", Some(&bel)).await, 200).await;
    assert!(register.to_string().contains("730 dagen"), "{register}");
    let res = app.get("/api/v1/privacy/register/export?format=csv", Some(&bel)).await;
    assert_eq!(res.status(), 200);
    assert!(res.text().await.expect("csv").contains("Verwerking;Doel;Grondslag"));
}

fn urlencode(s: &str) -> String {
    s.bytes().map(|b| if b.is_ascii_alphanumeric() { (b as char).to_string() } else { format!("%{b:02X}") }).collect()
}

async fn erasure_keeps_the_figures_and_leaves_no_trace(app: TestApp) {
    let bel = app.token("bel@demo.local").await;
    let (id, name, email) = trained_person(&app).await;
    // The name and address also stand in texts about others.
    let request = app.id_of(&format!("SELECT MIN(request_id) FROM enrolments WHERE professional_id = {id}")).await;
    app.exec(&format!("UPDATE enrolment_requests SET remarks = 'Graag samen met {name} plannen' WHERE id = {request}")).await;
    mail_to(&app, &email, "Uw certificaat", &format!("Beste {name}, uw certificaat staat klaar.")).await;
    mail_to(&app, "gemeente.venlo@demo.local", "Geplaatst", &format!("{name} ({email}) is geplaatst.")).await;
    assert!(occurrences(&app, &name).await.len() >= 3);

    let dashboard = || async {
        let mut d = expect_json(app.get("/api/v1/monitoring/dashboard", Some(&bel)).await, 200).await;
        d["generated_at"] = Value::Null;
        d
    };
    let budgets = || async { expect_json(app.get("/api/v1/budgets", Some(&bel)).await, 200).await };
    let (before, budget_before) = (dashboard().await, budgets().await);
    let enrolments: i64 = app.scalar("SELECT COUNT(*) FROM enrolments").await;

    let done = expect_json(app.post_json(&format!("/api/v1/privacy/people/{id}/erase"), Some(&bel), &json!({})).await, 200).await;
    assert_eq!(done["pseudonym"], format!("Verwijderd #{id}"));
    assert_eq!(done["mails_removed"], 1);
    assert!(done["texts_replaced"].as_u64().expect("count") >= 2, "{done}");

    assert_eq!(dashboard().await, before, "the dashboard's figures are the same");
    assert_eq!(budgets().await, budget_before, "the budgets are the same");
    assert_eq!(app.scalar::<i64>("SELECT COUNT(*) FROM enrolments").await, enrolments);
    assert_eq!(occurrences(&app, &name).await, Vec::<String>::new(), "the name is gone everywhere");
    assert_eq!(occurrences(&app, &email).await, Vec::<String>::new(), "the address is gone everywhere");
    let remarks = app.db_text(&format!("SELECT remarks FROM enrolment_requests WHERE id = {request}")).await;
    assert_eq!(remarks, format!("Graag samen met Verwijderd #{id} plannen"));
    let data = expect_json(app.get(&format!("/api/v1/privacy/people/{id}"), Some(&bel)).await, 200).await;
    assert!(data["profile"]["erased_at"].is_string() && data["mails"].as_array().expect("mails").is_empty(), "{data}");
    assert!(data["audit"].as_array().expect("audit").iter().any(|a| a["action"] == "privacy.erased"));
    // Twice: 409.
    let twice = expect_json(app.post_json(&format!("/api/v1/privacy/people/{id}/erase"), Some(&bel), &json!({})).await, 409).await;
    assert_eq!(twice["code"], "invalid_transition");

    // Refused while active: a seat in a group that has not finished, an
    // enrolment waiting for a seat or a decision; nothing changes.
    for sql in [
        format!("SELECT MIN(e.professional_id) FROM enrolments e JOIN training_groups g ON g.id = e.group_id WHERE e.status = 'placed' AND g.status <> 'cancelled' AND g.closed_at IS NULL"),
        "SELECT MIN(professional_id) FROM enrolments WHERE status = 'approved'".to_string(),
        "SELECT MIN(professional_id) FROM enrolments WHERE status = 'submitted'".to_string(),
    ] {
        let active = app.id_of(&sql).await;
        let name = app.db_text(&format!("SELECT name FROM professionals WHERE id = {active}")).await;
        let refused = expect_json(app.post_json(&format!("/api/v1/privacy/people/{active}/erase"), Some(&bel), &json!({})).await, 409).await;
        assert_eq!(refused["code"], "person_active", "{refused}");
        assert!(refused["detail"].as_str().is_some_and(|d| !d.is_empty()));
        assert_eq!(app.db_text(&format!("SELECT name FROM professionals WHERE id = {active}")).await, name);
    }
    // An open offer.
    let offered = app.id_of("SELECT MIN(e.professional_id) FROM seat_holds h JOIN enrolments e ON e.id = h.enrolment_id WHERE h.kind = 'offer' AND h.status = 'open'").await;
    let refused = expect_json(app.post_json(&format!("/api/v1/privacy/people/{offered}/erase"), Some(&bel), &json!({})).await, 409).await;
    assert!(refused["detail"].as_str().is_some_and(|d| d.contains("offer")), "{refused}");
}

async fn reads_and_changes_are_in_the_audit_and_its_filters_narrow_it(app: TestApp) {
    let bel = app.token("bel@demo.local").await;
    let contact = app.token("gemeente.venlo@demo.local").await;
    let bel_id = app.id_of("SELECT id FROM users WHERE email = 'bel@demo.local'").await;
    let contact_id = app.id_of("SELECT id FROM users WHERE email = 'gemeente.venlo@demo.local'").await;
    let request = app.id_of(&format!("SELECT MIN(id) FROM enrolment_requests WHERE organisation_id = (SELECT organisation_id FROM users WHERE id = {contact_id})")).await;
    expect_json(app.get(&format!("/api/v1/requests/{request}"), Some(&contact)).await, 200).await;
    let res = app.get("/api/v1/exports/requests?format=csv", Some(&bel)).await;
    assert_eq!(res.status(), 200);
    let (person, ..) = trained_person(&app).await;
    expect_json(app.get(&format!("/api/v1/privacy/people/{person}"), Some(&bel)).await, 200).await;

    // A change with the fields it changed, before and after.
    let org = app.id_of("SELECT MIN(id) FROM organisations WHERE kind = 'municipality'").await;
    let o = expect_json(app.get(&format!("/api/v1/organisations/{org}"), Some(&bel)).await, 200).await;
    let renamed = format!("{} (nieuw)", o["name"].as_str().expect("name"));
    expect_json(app.put_json(&format!("/api/v1/organisations/{org}"), Some(&bel), &json!({"name": renamed, "kind": o["kind"], "region_id": o["region_id"], "active": true})).await, 200).await;

    let page = |q: String| {
        let bel = bel.clone();
        let app = &app;
        async move { expect_json(app.get(&format!("/api/v1/audit?{q}"), Some(&bel)).await, 200).await }
    };
    let changed = page(format!("subject=organisation:{org}")).await;
    let entry = &changed["entries"][0];
    assert_eq!(entry["action"], "organisation.changed");
    assert_eq!(entry["changes"], json!([{"field": "name", "before": o["name"], "after": renamed}]), "{entry}");
    assert_eq!(entry["actor"], app.db_text("SELECT name FROM users WHERE email = 'bel@demo.local'").await.as_str());

    // Who: the contact's reads only.
    let theirs = page(format!("actor={contact_id}")).await;
    let entries = theirs["entries"].as_array().expect("entries");
    assert!(!entries.is_empty() && entries.iter().all(|e| e["actor_id"] == contact_id), "{theirs}");
    assert!(entries.iter().any(|e| e["action"] == "request.viewed" && e["subject"] == format!("request:{request}")), "{theirs}");
    // What kind, which object.
    let exports = page("kind=export".into()).await;
    assert!(exports["entries"].as_array().expect("entries").iter().all(|e| e["action"].as_str().is_some_and(|a| a.starts_with("export."))));
    assert_eq!(exports["entries"][0]["subject"], "export:requests");
    assert_eq!(exports["entries"][0]["actor_id"], bel_id);
    let looked = page(format!("subject=professional:{person}&kind=professional")).await;
    assert_eq!(looked["entries"].as_array().expect("entries").len(), 1, "{looked}");
    let all_people = page("subject=professional".into()).await;
    assert!(all_people["entries"].as_array().expect("entries").iter().all(|e| e["subject"].as_str().is_some_and(|s| s.starts_with("professional:"))));
    // The filters' choices.
    assert!(changed["kinds"].as_array().expect("kinds").iter().any(|k| k == "request"), "{}", changed["kinds"]);
    assert!(changed["actors"].as_array().expect("actors").iter().any(|a| a["id"] == contact_id));
    // Period: today has them, a day long ago none.
    let today = chrono::Utc::now().date_naive();
    assert!(!page(format!("from={today}&to={today}")).await["entries"].as_array().expect("entries").is_empty());
    assert!(page("from=2001-01-01&to=2001-01-02".into()).await["entries"].as_array().expect("entries").is_empty());
    // Pages.
    let first = page("limit=2".into()).await;
    let second = page("limit=2&offset=2".into()).await;
    assert_eq!(first["entries"].as_array().expect("entries").len(), 2);
    assert_eq!(first["more"], true);
    assert_ne!(first["entries"][0]["id"], second["entries"][0]["id"]);

    // A user's data: what they did (their reads included) and what was done to the account.
    let theirs_all = expect_json(app.get(&format!("/api/v1/privacy/users/{contact_id}/export?format=json"), Some(&bel)).await, 200).await;
    assert_eq!(theirs_all["profile"]["email"], "gemeente.venlo@demo.local");
    let actions = theirs_all["actions"].as_array().expect("actions");
    assert!(actions.iter().any(|a| a["action"] == "request.viewed") && actions.iter().all(|a| a["actor_id"] == contact_id), "{theirs_all}");
    assert!(theirs_all["about"].as_array().expect("about").iter().all(|a| a["subject"] == format!("user:{contact_id}")));
    let res = app.get(&format!("/api/v1/privacy/users/{contact_id}/export?format=html"), Some(&bel)).await;
    assert_eq!(res.status(), 200);
    assert!(res.text().await.expect("page").contains("Wat deze gebruiker deed"));
    assert_eq!(app.scalar::<i64>(&format!("SELECT COUNT(*) FROM audit_log WHERE action = 'privacy.exported' AND subject = 'user:{contact_id}'")).await, 2);
    expect_json(app.get("/api/v1/privacy/users/999999/export", Some(&bel)).await, 404).await;
    expect_json(app.get(&format!("/api/v1/privacy/users/{contact_id}/export"), Some(&contact)).await, 403).await;

    // Bad filters: 422 by field, 400 for what does not parse; others 403.
    for (q, field) in [("limit=0", "limit"), ("limit=501", "limit"), ("from=2026-12-03&to=2026-12-01", "to"), ("kind=%00", "kind")] {
        let body = expect_json(app.get(&format!("/api/v1/audit?{q}"), Some(&bel)).await, 422).await;
        assert_eq!(body["errors"][0]["field"], field, "{q}: {body}");
    }
    expect_json(app.get("/api/v1/audit?from=gisteren", Some(&bel)).await, 400).await;
    expect_json(app.get("/api/v1/audit?actor=99999999999999999999", Some(&bel)).await, 400).await;
    expect_json(app.get("/api/v1/audit", Some(&contact)).await, 403).await;
}

fn with_activity(s: &mut va_backend::config::Settings) {
    va_tests::no_mail_sender(s);
    s.demo_activity = true;
}

db_tests!(tweak crate::person::with_activity; a_persons_data_holds_each_kind_and_nobody_elses, erasure_keeps_the_figures_and_leaves_no_trace, reads_and_changes_are_in_the_audit_and_its_filters_narrow_it);

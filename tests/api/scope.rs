use serde_json::{json, Value};
use va_tests::{db_tests, TestApp};

async fn org_id(app: &TestApp, name: &str) -> i64 {
    app.id_of(&format!("SELECT id FROM organisations WHERE name = '{name}'")).await
}

async fn code_of(res: reqwest::Response) -> (u16, String) {
    let status = res.status().as_u16();
    let body: Value = res.json().await.unwrap_or(Value::Null);
    (status, body["code"].as_str().unwrap_or("").to_string())
}

async fn the_wrong_role_gets_403(app: TestApp) {
    let amb = app.token("ambassadeur.noord@demo.local").await;
    let contact = app.token("gemeente.venlo@demo.local").await;
    let trainer = app.token("trainer@demo.local").await;
    assert_eq!(code_of(app.get("/api/v1/users", Some(&amb)).await).await, (403, "forbidden".into()));
    assert_eq!(code_of(app.get("/api/v1/audit", Some(&contact)).await).await, (403, "forbidden".into()));
    let invite = json!({"email": "x@demo.local", "name": "X", "role": "trainer"});
    let users_before = app.count("users").await;
    assert_eq!(code_of(app.post_json("/api/v1/users", Some(&trainer), &invite).await).await, (403, "forbidden".into()));
    assert_eq!(app.count("users").await, users_before);
    // The right role passes.
    let bel = app.token("bel@demo.local").await;
    assert_eq!(app.get("/api/v1/users", Some(&bel)).await.status(), 200);
}

async fn ambassadors_see_only_their_own_region(app: TestApp) {
    let noord = app.token("ambassadeur.noord@demo.local").await;
    let orgs: Value = app.get("/api/v1/organisations", Some(&noord)).await.json().await.expect("json");
    let names: Vec<&str> = orgs.as_array().expect("list").iter().filter_map(|o| o["name"].as_str()).collect();
    assert_eq!(names.len(), 8, "{names:?}");
    assert!(names.contains(&"Venlo") && !names.contains(&"Maastricht"));

    let venlo = org_id(&app, "Venlo").await;
    let maastricht = org_id(&app, "Maastricht").await;
    assert_eq!(app.get(&format!("/api/v1/organisations/{venlo}"), Some(&noord)).await.status(), 200);
    assert_eq!(app.get(&format!("/api/v1/organisations/{venlo}/professionals"), Some(&noord)).await.status(), 200);
    // Another region's organisation does not exist for this ambassador.
    let (status, code) = code_of(app.get(&format!("/api/v1/organisations/{maastricht}"), Some(&noord)).await).await;
    assert_eq!((status, code.as_str()), (404, "not_found"));
    let res = app.get(&format!("/api/v1/organisations/{maastricht}/professionals"), Some(&noord)).await;
    assert_eq!(res.status(), 404);
    let body = res.text().await.expect("text");
    assert!(!body.contains("maastricht.demo.local"), "no data leaks: {body}");
    // Ambassadors read but do not register professionals.
    let res = app
        .post_json(&format!("/api/v1/organisations/{venlo}/professionals"), Some(&noord), &json!({"name": "A", "email": "a@venlo.nl"}))
        .await;
    assert_eq!(res.status(), 403);
}

async fn organisation_contacts_manage_only_their_own_professionals(app: TestApp) {
    let venlo_contact = app.token("gemeente.venlo@demo.local").await;
    let venlo = org_id(&app, "Venlo").await;
    let maastricht = org_id(&app, "Maastricht").await;

    let pros: Value = app.get(&format!("/api/v1/organisations/{venlo}/professionals"), Some(&venlo_contact)).await.json().await.expect("json");
    assert_eq!(pros.as_array().expect("list").len(), 3);

    let res = app.get(&format!("/api/v1/organisations/{maastricht}/professionals"), Some(&venlo_contact)).await;
    assert_eq!(code_of(res).await, (403, "forbidden".into()));

    let before = app.count("professionals").await;
    let res = app
        .post_json(
            &format!("/api/v1/organisations/{maastricht}/professionals"),
            Some(&venlo_contact),
            &json!({"name": "Indringer", "email": "indringer@venlo.nl"}),
        )
        .await;
    assert_eq!(code_of(res).await, (403, "forbidden".into()));
    assert_eq!(app.count("professionals").await, before);

    let res = app
        .post_json(
            &format!("/api/v1/organisations/{venlo}/professionals"),
            Some(&venlo_contact),
            &json!({"name": "Lotte Kessels", "email": "l.kessels@venlo.nl", "function": "Medewerker toegangsteam"}),
        )
        .await;
    assert_eq!(res.status(), 201);
    assert_eq!(app.count("professionals").await, before + 1);

    // Trainers see no personal data of organisations.
    let trainer = app.token("trainer@demo.local").await;
    assert_eq!(app.get(&format!("/api/v1/organisations/{venlo}/professionals"), Some(&trainer)).await.status(), 403);
}

db_tests!(
    the_wrong_role_gets_403,
    ambassadors_see_only_their_own_region,
    organisation_contacts_manage_only_their_own_professionals,
);

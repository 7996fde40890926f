//! BEL runs a real programme from an empty database: reference data and a first
//! coordinator only, then programmes, groups, days, trainers, accounts and
//! organisations made through the API, each refusal tested.

use serde_json::{json, Value};
use va_tests::expect_json as send;
use va_tests::{token_from_mail, Backend, TestApp};

async fn problem(res: reqwest::Response, status: u16, code: &str) -> Value {
    let body = send(res, status).await;
    assert_eq!(body["code"], code, "{body}");
    body
}

fn field(body: &Value) -> String {
    body["errors"][0]["field"].as_str().unwrap_or_default().to_string()
}

async fn login(app: &TestApp, email: &str, password: &str) -> String {
    let res = app.login(email, password).await;
    assert_eq!(res.status(), 200, "login {email}");
    res.json::<Value>().await.expect("json")["token"].as_str().expect("token").to_string()
}

/// Invites an account and sets its password through the mailed link.
async fn account(app: &TestApp, bel: &str, body: Value) -> (i64, String) {
    let email = body["email"].as_str().expect("email").to_string();
    let created = send(app.post_json("/api/v1/users", Some(bel), &body).await, 201).await;
    let token = token_from_mail(&app.wait_for_mail(&email).await);
    let res = app.post_json("/api/v1/auth/set-password", None, &json!({"token": token, "password": "een-goed-wachtwoord"})).await;
    assert_eq!(res.status(), 204);
    (created["id"].as_i64().expect("id"), login(app, &email, "een-goed-wachtwoord").await)
}

fn day(offset: i64, today: chrono::NaiveDate) -> String {
    (today + chrono::Duration::days(offset)).to_string()
}

async fn bel_runs_a_programme_from_an_empty_database(app: TestApp) {
    let data = va_backend::reference::seed::ReferenceData::builtin().expect("the shipped file");
    va_backend::reference::seed::load(&app.db, &data).await.expect("reference data");
    va_backend::auth::service::create_admin(&app.db, "coordinator@bel.example", "Eerste Coördinator", "een-lang-wachtwoord-1").await.expect("admin");
    let bel = login(&app, "coordinator@bel.example", "een-lang-wachtwoord-1").await;
    let today = app.state.settings.clock.today();

    // A programme of its own: an attitude training.
    let new_programme = json!({"name": "Grondhoudingstraining 2027", "course_type": "basic_attitude", "starts_on": day(0, today), "ends_on": day(400, today), "default_group_size": 12});
    let programme = send(app.post_json("/api/v1/programmes", Some(&bel), &new_programme).await, 201).await;
    let pid = programme["id"].as_i64().expect("id");
    assert_eq!(programme["course_type"], "basic_attitude");
    problem(app.post_json("/api/v1/programmes", Some(&bel), &new_programme).await, 409, "already_exists").await;
    let mut bad = new_programme.clone();
    bad["name"] = json!("Andere");
    bad["ends_on"] = json!(day(-1, today));
    assert_eq!(field(&problem(app.post_json("/api/v1/programmes", Some(&bel), &bad).await, 422, "validation_failed").await), "ends_on");
    let programmes = send(app.get("/api/v1/programmes", Some(&bel)).await, 200).await;
    assert_eq!(programmes.as_array().expect("list").len(), 2, "the reference programme and the new one");

    // People: a trainer, the Noord-Limburg ambassador, a contact of Venlo.
    let venlo = app.id_of("SELECT id FROM organisations WHERE name = 'Venlo'").await;
    let noord = app.id_of("SELECT id FROM regions WHERE code = 'noord'").await;
    let (trainer_id, trainer) = account(&app, &bel, json!({"email": "trainer@bel.example", "name": "Tineke Trainer", "role": "trainer"})).await;
    let (_, ambassador) = account(&app, &bel, json!({"email": "ambassadeur@noord.example", "name": "Anouk Ambassadeur", "role": "ambassador", "region_id": noord})).await;
    let (_, contact) = account(&app, &bel, json!({"email": "teamleider@venlo.example", "name": "Tom Teamleider", "role": "org_contact", "organisation_id": venlo})).await;

    // Two groups with their days and the trainer.
    let days3 = json!([
        {"day": day(7, today), "starts_at": "09:30", "ends_at": "16:30"},
        {"day": day(14, today), "starts_at": "09:30", "ends_at": "16:30", "place": "Venlo, zaal 2"},
        {"day": day(21, today), "starts_at": "09:30", "ends_at": "16:30"}
    ]);
    let group = json!({"name": "Groep A - Noord", "region_id": noord, "capacity": 12, "location": "BEL Venlo", "trainer_id": trainer_id, "open_for_placement": true, "days": days3});
    let plan = send(app.post_json(&format!("/api/v1/programmes/{pid}/groups"), Some(&bel), &group).await, 201).await;
    let ga = plan["group"]["id"].as_i64().expect("id");
    assert_eq!(plan["group"]["status"], "open");
    assert_eq!(plan["group"]["starts_on"], day(7, today));
    assert_eq!(plan["group"]["ends_on"], day(21, today));
    assert_eq!(plan["days"][0]["place"], "BEL Venlo", "a day without a place is at the group's location");
    assert_eq!(plan["trainer"]["name"], "Tineke Trainer");
    problem(app.post_json(&format!("/api/v1/programmes/{pid}/groups"), Some(&bel), &group).await, 409, "already_exists").await;
    let mut zero = group.clone();
    zero["name"] = json!("Leeg");
    zero["capacity"] = json!(0);
    assert_eq!(field(&problem(app.post_json(&format!("/api/v1/programmes/{pid}/groups"), Some(&bel), &zero).await, 422, "validation_failed").await), "capacity");
    let mut outside = group.clone();
    outside["name"] = json!("Buiten");
    outside["days"] = json!([{"day": day(500, today), "starts_at": "09:30", "ends_at": "16:30"}]);
    let body = problem(app.post_json(&format!("/api/v1/programmes/{pid}/groups"), Some(&bel), &outside).await, 422, "validation_failed").await;
    assert_eq!((field(&body), body["errors"][0]["code"].as_str()), ("days[0].day".to_string(), Some("outside_programme")));
    let gb_body = json!({"name": "Groep B - bovenregionaal", "capacity": 12, "open_for_placement": false, "days": [{"day": day(60, today), "starts_at": "10:00", "ends_at": "16:00", "place": "Roermond"}]});
    let gb = send(app.post_json(&format!("/api/v1/programmes/{pid}/groups"), Some(&bel), &gb_body).await, 201).await;
    let gb = gb["group"]["id"].as_i64().expect("id");
    assert_eq!(app.count("training_groups").await, 10);

    // The trainer sees the group; a day added later reaches the plan.
    let mine = send(app.get("/api/v1/trainer/groups", Some(&trainer)).await, 200).await;
    assert!(mine.as_array().expect("list").iter().any(|g| g["id"] == ga));
    let plan = send(app.post_json(&format!("/api/v1/groups/{gb}/days"), Some(&bel), &json!({"day": day(67, today), "starts_at": "10:00", "ends_at": "16:00"})).await, 201).await;
    assert_eq!(plan["days"].as_array().expect("days").len(), 2);
    assert_eq!(plan["group"]["ends_on"], day(67, today));

    // The contact files a request; the ambassador approves; BEL places.
    let req = json!({"programme_id": pid, "submit": true, "professionals": [
        {"name": "Sara Peeters", "email": "s.peeters@venlo.example", "works_on_ret_uhp": true},
        {"name": "Joost Hendriks", "email": "j.hendriks@venlo.example", "works_on_ret_uhp": true}
    ]});
    let view = send(app.post_json("/api/v1/requests", Some(&contact), &req).await, 201).await;
    let ids: Vec<i64> = view["enrolments"].as_array().expect("enrolments").iter().map(|e| e["id"].as_i64().expect("id")).collect();
    for id in &ids {
        send(app.post_json(&format!("/api/v1/enrolments/{id}/decision"), Some(&ambassador), &json!({"decision": "approve"})).await, 200).await;
        send(app.post_json(&format!("/api/v1/enrolments/{id}/allocate"), Some(&bel), &json!({"group_id": ga})).await, 200).await;
    }
    let mut smaller = json!({"name": "Groep A - Noord", "region_id": noord, "capacity": 1, "location": "BEL Venlo", "trainer_id": trainer_id, "open_for_placement": true});
    problem(app.put_json(&format!("/api/v1/groups/{ga}"), Some(&bel), &smaller).await, 409, "capacity_too_low").await;
    smaller["capacity"] = json!(14);
    let plan = send(app.put_json(&format!("/api/v1/groups/{ga}"), Some(&bel), &smaller).await, 200).await;
    assert_eq!(plan["group"]["capacity"], 14);

    // The ambassador files on behalf of a municipality that has no contact yet.
    let beesel = app.id_of("SELECT id FROM organisations WHERE name = 'Beesel'").await;
    let on_behalf = json!({"programme_id": pid, "organisation_id": beesel, "submit": true, "professionals": [{"name": "Mila Smeets", "email": "m.smeets@beesel.example", "works_on_ret_uhp": false}]});
    let view = send(app.post_json("/api/v1/requests", Some(&ambassador), &on_behalf).await, 201).await;
    let rid = view["id"].as_i64().expect("id");
    assert_eq!(app.db_text(&format!("SELECT action FROM enrolment_events WHERE request_id = {rid} ORDER BY id LIMIT 1")).await, "created_on_behalf");
    let zuid_org = app.id_of("SELECT id FROM organisations WHERE name = 'Maastricht'").await;
    let mut elsewhere = on_behalf.clone();
    elsewhere["organisation_id"] = json!(zuid_org);
    problem(app.post_json("/api/v1/requests", Some(&ambassador), &elsewhere).await, 404, "not_found").await;

    // The first day comes: late entries need BEL's explicit confirmation.
    app.state.settings.clock.advance(chrono::Duration::days(7));
    let plan = send(app.get(&format!("/api/v1/groups/{ga}/plan"), Some(&bel)).await, 200).await;
    assert_eq!(plan["group"]["status"], "running", "the status follows the days");
    let mila = view["enrolments"][0]["id"].as_i64().expect("id");
    send(app.post_json(&format!("/api/v1/enrolments/{mila}/decision"), Some(&ambassador), &json!({"decision": "approve"})).await, 200).await;
    problem(app.post_json(&format!("/api/v1/enrolments/{mila}/allocate"), Some(&bel), &json!({"group_id": ga})).await, 409, "group_started").await;
    send(app.post_json(&format!("/api/v1/enrolments/{mila}/allocate"), Some(&bel), &json!({"group_id": ga, "late_entry": true})).await, 200).await;

    // The trainer marks the first day; that day can no longer be removed.
    let day_ids: Vec<i64> = plan["days"].as_array().expect("days").iter().map(|d| d["id"].as_i64().expect("id")).collect();
    let marks = |ids: &[i64]| json!({"marks": ids.iter().map(|id| json!({"enrolment_id": id, "status": "present"})).collect::<Vec<_>>()});
    let mut all = ids.clone();
    all.push(mila);
    send(app.put_json(&format!("/api/v1/training-days/{}/attendance", day_ids[0]), Some(&trainer), &marks(&all)).await, 200).await;
    problem(app.delete(&format!("/api/v1/training-days/{}", day_ids[0]), Some(&bel)).await, 409, "has_attendance").await;
    let one_day_group = app.id_of(&format!("SELECT MIN(id) FROM training_days WHERE group_id = {gb}")).await;
    send(app.delete(&format!("/api/v1/training-days/{one_day_group}"), Some(&bel)).await, 200).await;
    let last = app.id_of(&format!("SELECT MIN(id) FROM training_days WHERE group_id = {gb}")).await;
    problem(app.delete(&format!("/api/v1/training-days/{last}"), Some(&bel)).await, 409, "last_day").await;

    // After the last day every day is marked and BEL closes the group.
    app.state.settings.clock.advance(chrono::Duration::days(15));
    for d in &day_ids[1..] {
        send(app.put_json(&format!("/api/v1/training-days/{d}/attendance"), Some(&trainer), &marks(&all)).await, 200).await;
    }
    let closed = send(app.post_json(&format!("/api/v1/groups/{ga}/close"), Some(&bel), &json!({})).await, 200).await;
    assert!(closed["closed_at"].is_string(), "{closed}");
    assert_eq!(app.id_of(&format!("SELECT COUNT(*) FROM enrolments WHERE group_id = {ga} AND status = 'trained'")).await, 3);

    // BEL cancels the other group with a reason.
    let cancelled = send(app.post_json(&format!("/api/v1/groups/{gb}/cancel"), Some(&bel), &json!({"reason": "Te weinig aanmeldingen"})).await, 200).await;
    assert_eq!(cancelled["group"]["status"], "cancelled");
    assert_eq!(cancelled["cancel_reason"], "Te weinig aanmeldingen");
    problem(app.post_json(&format!("/api/v1/groups/{gb}/cancel"), Some(&bel), &json!({"reason": "Nog eens"})).await, 409, "group_closed").await;

    // Deactivated: the trainer's token stops at once; the last coordinator stays.
    send(app.post_json(&format!("/api/v1/users/{trainer_id}/deactivate"), Some(&bel), &json!({})).await, 200).await;
    assert_eq!(app.get("/api/v1/trainer/groups", Some(&trainer)).await.status(), 401);
    problem(app.login("trainer@bel.example", "een-goed-wachtwoord").await, 401, "invalid_credentials").await;
    let me = app.id_of("SELECT id FROM users WHERE email = 'coordinator@bel.example'").await;
    problem(app.post_json(&format!("/api/v1/users/{me}/deactivate"), Some(&bel), &json!({})).await, 409, "last_coordinator").await;
    let users = send(app.get("/api/v1/users", Some(&bel)).await, 200).await;
    let state_of = |email: &str| users.as_array().expect("list").iter().find(|u| u["email"] == email).map(|u| u["state"].clone());
    assert_eq!(state_of("trainer@bel.example"), Some(json!("deactivated")));
    assert_eq!(state_of("coordinator@bel.example"), Some(json!("active")));
    assert!(users.as_array().expect("list").iter().find(|u| u["email"] == "coordinator@bel.example").is_some_and(|u| u["last_login_at"].is_string()));
    send(app.post_json(&format!("/api/v1/users/{trainer_id}/reactivate"), Some(&bel), &json!({})).await, 200).await;
    assert_eq!(app.get("/api/v1/trainer/groups", Some(&trainer)).await.status(), 401, "an old token stays dead after reactivation");
    login(&app, "trainer@bel.example", "een-goed-wachtwoord").await;
}

/// Organisations: create, the same name again, a municipality without a region,
/// retire (no new requests), and an import whose preview names each bad line.
async fn bel_administers_organisations(app: TestApp) {
    let bel = app.token("bel@demo.local").await;
    let noord = app.id_of("SELECT id FROM regions WHERE code = 'noord'").await;
    let created = send(app.post_json("/api/v1/organisations", Some(&bel), &json!({"name": "Gemeente Peel en Maas", "kind": "municipality", "region_id": noord})).await, 201).await;
    let id = created["id"].as_i64().expect("id");
    assert_eq!(created["active"], true);
    problem(app.post_json("/api/v1/organisations", Some(&bel), &json!({"name": "gemeente peel en maas", "kind": "municipality", "region_id": noord})).await, 409, "already_exists").await;
    let body = problem(app.post_json("/api/v1/organisations", Some(&bel), &json!({"name": "Gemeente X", "kind": "municipality"})).await, 422, "validation_failed").await;
    assert_eq!((field(&body), body["errors"][0]["code"].as_str()), ("region_id".to_string(), Some("required")));
    let noord_amb = app.token("ambassadeur.noord@demo.local").await;
    assert_eq!(app.post_json("/api/v1/organisations", Some(&noord_amb), &json!({"name": "Y", "kind": "gi"})).await.status(), 403);
    let zuid_amb = app.token("ambassadeur.zuid@demo.local").await;
    let seen: Value = send(app.get("/api/v1/organisations", Some(&zuid_amb)).await, 200).await;
    assert!(!seen.as_array().expect("list").iter().any(|o| o["id"] == id), "ambassadors see their own region's");

    // Retired: kept, but no new requests.
    let retired = send(app.put_json(&format!("/api/v1/organisations/{id}"), Some(&bel), &json!({"name": "Gemeente Peel en Maas", "kind": "municipality", "region_id": noord, "active": false})).await, 200).await;
    assert_eq!(retired["active"], false);
    let pid = app.id_of("SELECT MIN(id) FROM programmes").await;
    let req = json!({"programme_id": pid, "organisation_id": id, "professionals": [{"name": "A B", "email": "a.b@pm.example", "works_on_ret_uhp": true}]});
    problem(app.post_json("/api/v1/requests", Some(&bel), &req).await, 409, "organisation_inactive").await;

    // Import: the preview writes nothing and names every bad line.
    let csv = "naam;soort;regio\nGemeente Horst aan de Maas;gemeente;Noord-Limburg\n\nCJG Zonder Regio;cjg;\nXonar;gi;\n;gi;\nNieuwe Aanbieder;zorgaanbieder;\nNieuwe Aanbieder;zorgaanbieder;\n";
    let before = app.count("organisations").await;
    let preview = send(app.post_json("/api/v1/organisations/import/preview", Some(&bel), &json!({"csv": csv})).await, 200).await;
    assert_eq!(app.count("organisations").await, before, "a preview writes nothing");
    assert_eq!((preview["new"].as_u64(), preview["changed"].as_u64(), preview["skipped"].as_u64()), (Some(2), Some(1), Some(3)));
    let rows = preview["rows"].as_array().expect("rows");
    let at = |line: u64| rows.iter().find(|r| r["line"] == line).cloned().expect("line");
    assert_eq!(at(4)["problems"], json!(["region_required"]));
    assert_eq!(at(6)["problems"], json!(["missing_name"]));
    assert_eq!(at(8)["problems"], json!(["duplicate"]));
    let done = send(app.post_json("/api/v1/organisations/import", Some(&bel), &json!({"csv": csv})).await, 200).await;
    assert_eq!(done["written"], true);
    assert_eq!(app.count("organisations").await, before + 2);
    assert_eq!(app.db_text("SELECT kind FROM organisations WHERE name = 'Xonar'").await, "gi");
    let again = send(app.post_json("/api/v1/organisations/import", Some(&bel), &json!({"csv": csv})).await, 200).await;
    assert_eq!((again["new"].as_u64(), again["changed"].as_u64()), (Some(0), Some(0)), "the same file twice changes nothing");
    problem(app.post_json("/api/v1/organisations/import/preview", Some(&bel), &json!({"csv": "naam\nA\n"})).await, 422, "validation_failed").await;
}

/// Accounts: role changes end sessions, a fresh invitation replaces the old link.
async fn bel_administers_accounts(app: TestApp) {
    let bel = app.token("bel@demo.local").await;
    let noord = app.token("ambassadeur.noord@demo.local").await;
    let nid = app.id_of("SELECT id FROM users WHERE email = 'ambassadeur.noord@demo.local'").await;
    let zuid = app.id_of("SELECT id FROM regions WHERE code = 'zuid'").await;
    let body = problem(app.put_json(&format!("/api/v1/users/{nid}"), Some(&bel), &json!({"name": "N", "role": "ambassador"})).await, 422, "validation_failed").await;
    assert_eq!(field(&body), "region_id");
    let changed = send(app.put_json(&format!("/api/v1/users/{nid}"), Some(&bel), &json!({"name": "Ambassadeur Zuid 2", "role": "ambassador", "region_id": zuid})).await, 200).await;
    assert_eq!(changed["region_id"], zuid);
    assert_eq!(app.get("/api/v1/auth/me", Some(&noord)).await.status(), 401, "a token with the old scope ends");
    assert_eq!(app.put_json(&format!("/api/v1/users/{nid}"), Some(&noord), &json!({"name": "x", "role": "bel_coordinator"})).await.status(), 401);

    let created = send(app.post_json("/api/v1/users", Some(&bel), &json!({"email": "nieuw@demo.local", "name": "Nieuw", "role": "trainer"})).await, 201).await;
    let uid = created["id"].as_i64().expect("id");
    let first = token_from_mail(&app.wait_for_mail("nieuw@demo.local").await);
    let users = send(app.get("/api/v1/users", Some(&bel)).await, 200).await;
    assert!(users.as_array().expect("list").iter().any(|u| u["id"] == uid && u["state"] == "invited"));
    send(app.post_json(&format!("/api/v1/users/{uid}/invite"), Some(&bel), &json!({})).await, 200).await;
    problem(app.post_json("/api/v1/auth/set-password", None, &json!({"token": first, "password": "een-goed-wachtwoord"})).await, 400, "token_invalid").await;
    let bel_id = app.id_of("SELECT id FROM users WHERE email = 'bel@demo.local'").await;
    problem(app.post_json(&format!("/api/v1/users/{bel_id}/invite"), Some(&bel), &json!({})).await, 409, "conflict").await;
    let res = app.put_json(&format!("/api/v1/users/{bel_id}"), Some(&bel), &json!({"name": "BEL", "role": "trainer"})).await;
    let others = app.id_of("SELECT COUNT(*) FROM users WHERE role = 'bel_coordinator' AND id <> (SELECT id FROM users WHERE email = 'bel@demo.local')").await;
    if others == 0 {
        problem(res, 409, "last_coordinator").await;
    }
    assert_eq!(app.get("/api/v1/users", Some(&app.token("trainer@demo.local").await)).await.status(), 403);
}

/// A second programme has figures of its own: the dashboard, the planner and
/// the exports count its enrolments only, and the VA's earlier trained and
/// survey stay with the VA training.
async fn figures_are_per_programme(app: TestApp) {
    let bel = app.token("bel@demo.local").await;
    let venlo = app.token("gemeente.venlo@demo.local").await;
    let noord = app.token("ambassadeur.noord@demo.local").await;
    let today = app.state.settings.clock.today();
    let new = json!({"name": "Grondhoudingstraining 2027", "course_type": "basic_attitude", "starts_on": day(0, today), "ends_on": day(400, today), "default_group_size": 12});
    let pid = send(app.post_json("/api/v1/programmes", Some(&bel), &new).await, 201).await["id"].as_i64().expect("id");
    let group = json!({"name": "Grondhouding Noord", "capacity": 12, "open_for_placement": true, "days": [{"day": day(30, today), "starts_at": "09:30", "ends_at": "16:30"}]});
    let gid = send(app.post_json(&format!("/api/v1/programmes/{pid}/groups"), Some(&bel), &group).await, 201).await["group"]["id"].as_i64().expect("id");
    let req = json!({"programme_id": pid, "submit": true, "professionals": [{"name": "Sara Peeters", "email": "s.peeters@venlo.demo.local", "works_on_ret_uhp": true}]});
    let view = send(app.post_json("/api/v1/requests", Some(&venlo), &req).await, 201).await;
    let eid = view["enrolments"][0]["id"].as_i64().expect("id");
    send(app.post_json(&format!("/api/v1/enrolments/{eid}/decision"), Some(&noord), &json!({"decision": "approve"})).await, 200).await;
    send(app.post_json(&format!("/api/v1/enrolments/{eid}/allocate"), Some(&bel), &json!({"group_id": gid})).await, 200).await;

    let va = send(app.get("/api/v1/monitoring/dashboard", Some(&bel)).await, 200).await;
    assert_eq!(va["programme"]["name"], "VA-training 2026-2027", "the VA training by default");
    assert_eq!(va["total"]["placed"], 0);
    let other = send(app.get(&format!("/api/v1/monitoring/dashboard?programme_id={pid}"), Some(&bel)).await, 200).await;
    assert_eq!(other["programme"]["name"], "Grondhoudingstraining 2027");
    assert_eq!((other["total"]["placed"].as_i64(), other["total"]["trained_earlier"].as_i64()), (Some(1), Some(0)));
    assert!(other["survey_year"].is_null(), "the VA's survey is not this programme's");
    problem(app.get("/api/v1/monitoring/dashboard?programme_id=999999", Some(&bel)).await, 404, "not_found").await;

    let plan = send(app.get(&format!("/api/v1/planner?programme_id={pid}"), Some(&bel)).await, 200).await;
    assert_eq!(plan["until"], day(400, today));
    let csv = app.get(&format!("/api/v1/exports/groups?format=csv&programme_id={pid}"), Some(&bel)).await.text().await.expect("csv");
    assert!(csv.contains("Grondhouding Noord") && !csv.contains("Groep 5"), "{csv}");
    let csv = app.get("/api/v1/exports/requests?format=csv", Some(&bel)).await.text().await.expect("csv");
    assert!(!csv.contains("Sara Peeters"), "the VA's requests by default");
}

/// A second programme has its own yearly survey (same year allowed, its own
/// trained prefill, its own dashboard answers) and its own saved scenarios.
async fn surveys_and_scenarios_are_per_programme(app: TestApp) {
    let bel = app.token("bel@demo.local").await;
    let noord = app.token("ambassadeur.noord@demo.local").await;
    let today = app.state.settings.clock.today();
    let year = chrono::Datelike::year(&today);
    let new = json!({"name": "Grondhoudingstraining 2027", "course_type": "basic_attitude", "starts_on": day(0, today), "ends_on": day(400, today), "default_group_size": 12});
    let pid = send(app.post_json("/api/v1/programmes", Some(&bel), &new).await, 201).await["id"].as_i64().expect("id");

    send(app.post_json("/api/v1/surveys", Some(&bel), &json!({"year": year, "deadline": day(14, today)})).await, 200).await;
    let va_rounds = send(app.get("/api/v1/surveys", Some(&noord)).await, 200).await;
    assert_eq!(va_rounds.as_array().map(Vec::len), Some(1), "the VA's round by default: {va_rounds}");
    assert_eq!(va_rounds[0]["programme"]["name"], "VA-training 2026-2027");
    let va_round = va_rounds[0]["id"].as_i64().expect("id");
    assert_eq!(send(app.get(&format!("/api/v1/surveys?programme_id={pid}"), Some(&noord)).await, 200).await, json!([]));
    problem(app.get("/api/v1/surveys?programme_id=999999", Some(&noord)).await, 404, "not_found").await;
    let dash = send(app.get(&format!("/api/v1/monitoring/dashboard?programme_id={pid}"), Some(&bel)).await, 200).await;
    assert!(dash["survey_year"].is_null(), "no round of this programme yet");

    let open = json!({"year": year, "deadline": day(14, today), "programme_id": pid});
    let round = send(app.post_json("/api/v1/surveys", Some(&bel), &open).await, 200).await;
    assert_eq!(round["programme"]["id"], pid, "the same year as the VA's round, another programme");
    problem(app.post_json("/api/v1/surveys", Some(&bel), &open).await, 409, "already_exists").await;
    let unknown = problem(app.post_json("/api/v1/surveys", Some(&bel), &json!({"year": year + 1, "deadline": day(14, today), "programme_id": 999999})).await, 422, "validation_failed").await;
    assert_eq!(unknown["errors"][0]["field"], "programme_id", "{unknown}");
    let rid = round["id"].as_i64().expect("id");
    let listed = send(app.get(&format!("/api/v1/surveys?programme_id={pid}"), Some(&noord)).await, 200).await;
    assert_eq!((listed.as_array().map(Vec::len), listed[0]["id"].as_i64()), (Some(1), Some(rid)));
    assert_eq!(send(app.get("/api/v1/surveys", Some(&noord)).await, 200).await[0]["id"].as_i64(), Some(va_round), "the VA's list is unchanged");

    // Venlo has a professional trained in the VA before the programme, none in the new programme.
    let csv = "Naam,E-mail,Organisatie,Functie,Getraind op\nAns Peeters,a.peeters@venlo.demo.local,Venlo,,12-05-2024\n";
    send(app.post_json("/api/v1/monitoring/import", Some(&bel), &json!({"csv": csv})).await, 200).await;
    let venlo = app.scalar::<i64>("SELECT id FROM organisations WHERE name = 'Venlo'").await;
    let va_form = send(app.get(&format!("/api/v1/surveys/{va_round}/organisations/{venlo}"), Some(&noord)).await, 200).await;
    assert!(va_form["trained_in_system"].as_i64() > Some(0), "{va_form}");
    let form = send(app.get(&format!("/api/v1/surveys/{rid}/organisations/{venlo}"), Some(&noord)).await, 200).await;
    assert_eq!(form["trained_in_system"], 0, "trained in this programme only");
    let answers = json!({"trained": 0, "doing_vas": 0, "still_to_train": 7, "vas_done": 0, "hours_needed": 4.0, "hours_available": 2.0});
    send(app.put_json(&format!("/api/v1/surveys/{rid}/organisations/{venlo}"), Some(&noord), &json!({"answers": answers, "submit": true})).await, 200).await;
    let dash = send(app.get(&format!("/api/v1/monitoring/dashboard?programme_id={pid}"), Some(&bel)).await, 200).await;
    assert_eq!((dash["survey_year"].as_i64(), dash["total"]["still_to_train"].as_i64()), (Some(i64::from(year)), Some(7)), "{}", dash["total"]);
    let va = send(app.get("/api/v1/monitoring/dashboard", Some(&bel)).await, 200).await;
    assert_ne!(va["total"]["still_to_train"].as_i64(), Some(7), "the VA's figures come from the VA's round");

    let params = json!({"group_size": 12, "cost_per_group_eur": 9000, "cost_per_trainer_day_eur": 800, "trainer_days_per_group": 3, "turnover_pct": 10.0, "extra_groups": []});
    send(app.post_json("/api/v1/planner/scenarios", Some(&bel), &json!({"name": "Basis VA", "params": params})).await, 200).await;
    assert_eq!(send(app.get(&format!("/api/v1/planner/scenarios?programme_id={pid}"), Some(&bel)).await, 200).await, json!([]));
    let saved = send(app.post_json(&format!("/api/v1/planner/scenarios?programme_id={pid}"), Some(&bel), &json!({"name": "Grondhouding basis", "params": params})).await, 200).await;
    assert_eq!((saved["programme_id"].as_i64(), saved["plan"]["until"].as_str()), (Some(pid), Some(day(400, today).as_str())));
    let sid = saved["id"].as_i64().expect("id");
    let renamed = send(app.put_json(&format!("/api/v1/planner/scenarios/{sid}"), Some(&bel), &json!({"name": "Grondhouding, 2 groepen", "params": params})).await, 200).await;
    assert_eq!(renamed["programme_id"].as_i64(), Some(pid), "a change keeps the programme");
    let mine = send(app.get(&format!("/api/v1/planner/scenarios?programme_id={pid}"), Some(&bel)).await, 200).await;
    assert_eq!((mine.as_array().map(Vec::len), mine[0]["name"].as_str()), (Some(1), Some("Grondhouding, 2 groepen")));
    let va = send(app.get("/api/v1/planner/scenarios", Some(&bel)).await, 200).await;
    assert_eq!((va.as_array().map(Vec::len), va[0]["name"].as_str()), (Some(1), Some("Basis VA")));
    let csv = app.get(&format!("/api/v1/exports/scenarios?format=csv&programme_id={pid}"), Some(&bel)).await.text().await.expect("csv");
    assert!(csv.contains("Grondhouding, 2 groepen") && !csv.contains("Basis"), "{csv}");
    let csv = app.get(&format!("/api/v1/exports/survey?format=csv&programme_id={pid}"), Some(&bel)).await.text().await.expect("csv");
    assert!(csv.contains("\nVenlo;Noord-Limburg;Ingediend;0;;0;7;"), "this programme's answers: {csv}");
}

va_tests::db_tests!(bel_administers_organisations, bel_administers_accounts, figures_are_per_programme, surveys_and_scenarios_are_per_programme);

mod from_an_empty_database {
    async fn app(backend: va_tests::Backend) -> Option<va_tests::TestApp> {
        va_tests::spawn_app_with(backend, |s| s.demo = false).await
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn sqlite() {
        super::bel_runs_a_programme_from_an_empty_database(app(super::Backend::Sqlite).await.expect("sqlite app")).await;
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn postgres() {
        if let Some(a) = app(super::Backend::Postgres).await {
            super::bel_runs_a_programme_from_an_empty_database(a).await;
        }
    }
}

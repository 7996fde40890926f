use serde_json::{json, Value};
use va_tests::{db_tests, TestApp};

use va_tests::expect_json as send;

async fn put(app: &TestApp, path: &str, token: &str, body: &Value) -> reqwest::Response {
    app.put_json(path, Some(token), body).await
}

async fn org(app: &TestApp, name: &str) -> i64 {
    app.id_of(&format!("SELECT id FROM organisations WHERE name = '{name}'")).await
}

async fn submit_request(app: &TestApp, contact: &str, name: &str, email: &str) -> Value {
    let prog = app.id_of("SELECT id FROM programmes").await;
    let token = app.token(contact).await;
    let body = json!({"programme_id": prog, "submit": true, "professionals": [{"name": name, "email": email}]});
    send(app.post_json("/api/v1/requests", Some(&token), &body).await, 201).await
}

/// Answers every item of a check as in place and completes it.
async fn complete_all_in_place(app: &TestApp, token: &str, check: i64) {
    let view = send(app.get(&format!("/api/v1/readiness/checks/{check}"), Some(token)).await, 200).await;
    for item in view["items"].as_array().expect("items") {
        send(put(app, &format!("/api/v1/readiness/checks/{check}/answers"), token, &json!({"item_id": item["id"], "answer": "in_place"})).await, 200).await;
    }
    send(
        app.post_json(&format!("/api/v1/readiness/checks/{check}/complete"), Some(token), &json!({"summary": "Alles op orde.", "followups": []})).await,
        200,
    )
    .await;
}

async fn an_old_interview_keeps_its_template_version_after_a_new_one_is_published(app: TestApp) {
    let bel = app.token("bel@demo.local").await;
    let noord = app.token("ambassadeur.noord@demo.local").await;
    let v1 = send(app.get("/api/v1/readiness/template", Some(&noord)).await, 200).await;
    assert_eq!(v1["version"], 1);
    assert_eq!(v1["items"].as_array().expect("items").len(), 11);
    let old = send(app.post_json("/api/v1/readiness/checks", Some(&noord), &json!({"organisation_id": org(&app, "Venlo").await})).await, 201).await;

    // Refusals: only BEL edits, codes unique, nothing to publish without a draft.
    let draft = json!({"items": [
        {"section": "Werkprocessen", "code": "wp.ret_uhp", "title": "VA bij RET- en UHP-casussen", "guidance": "Altijd?"},
        {"section": "Borging", "code": "bo.bestuur", "title": "Bestuurlijk commitment", "guidance": ""}
    ]});
    assert_eq!(put(&app, "/api/v1/readiness/template/draft", &noord, &draft).await.status(), 403);
    let dup = json!({"items": [{"section": "A", "code": "x", "title": "X"}, {"section": "A", "code": "x", "title": "Y"}]});
    let body = send(put(&app, "/api/v1/readiness/template/draft", &bel, &dup).await, 422).await;
    assert_eq!(body["errors"][0]["field"], "items[1].code");
    let body = send(app.post_json("/api/v1/readiness/template/draft/publish", Some(&bel), &json!({})).await, 409).await;
    assert_eq!(body["code"], "invalid_transition");

    let d = send(put(&app, "/api/v1/readiness/template/draft", &bel, &draft).await, 200).await;
    assert_eq!(d["status"], "draft");
    assert_eq!(app.get("/api/v1/readiness/template/draft", Some(&noord)).await.status(), 403);
    let v2 = send(app.post_json("/api/v1/readiness/template/draft/publish", Some(&bel), &json!({})).await, 200).await;
    assert_eq!(v2["version"], 2);
    assert_eq!(send(app.get("/api/v1/readiness/template", Some(&bel)).await, 200).await["version"], 2);

    let old_view = send(app.get(&format!("/api/v1/readiness/checks/{}", old["id"]), Some(&noord)).await, 200).await;
    assert_eq!(old_view["template_version"], 1);
    assert_eq!(old_view["items"].as_array().expect("items").len(), 11);
    let new = send(app.post_json("/api/v1/readiness/checks", Some(&noord), &json!({"organisation_id": org(&app, "Venray").await})).await, 201).await;
    assert_eq!(new["template_version"], 2);
    assert_eq!(new["items"].as_array().expect("items").len(), 2);
}

async fn a_completed_check_is_reused_while_valid_and_replaced_after(app: TestApp) {
    let first = submit_request(&app, "gemeente.venlo@demo.local", "Sanne Willems", "s.willems@venlo.demo.local").await;
    let check = first["readiness_check"]["id"].as_i64().expect("a check is attached");
    assert_eq!(first["readiness_check"]["status"], "planned");
    let noord = app.token("ambassadeur.noord@demo.local").await;
    complete_all_in_place(&app, &noord, check).await;

    let second = submit_request(&app, "gemeente.venlo@demo.local", "Bram Jacobs", "b.jacobs@venlo.demo.local").await;
    assert_eq!(second["readiness_check"]["id"], check, "the valid completed check is linked");
    assert_eq!(second["readiness_check"]["status"], "completed");

    // Thirteen months later it no longer counts (validity: 12 months).
    let old = chrono::Utc::now() - chrono::Duration::days(400);
    app.exec(&format!("UPDATE readiness_checks SET completed_at = '{}' WHERE id = {check}", old.format("%Y-%m-%d %H:%M:%S%:z"))).await;
    let third = submit_request(&app, "gemeente.venlo@demo.local", "Fleur Gielen", "f.gielen@venlo.demo.local").await;
    assert_ne!(third["readiness_check"]["id"], check);
    assert_eq!(third["readiness_check"]["status"], "planned");

    // GIs go to BEL without an automatic check.
    let gi = submit_request(&app, "gi@demo.local", "Daan Hermans", "d.hermans@bjzl.demo.local").await;
    assert!(gi["readiness_check"].is_null());
}

async fn follow_ups_are_proposed_from_answers_and_kept_on_completion(app: TestApp) {
    let req = submit_request(&app, "gemeente.venlo@demo.local", "Sanne Willems", "s.willems@venlo.demo.local").await;
    let check = req["readiness_check"]["id"].as_i64().expect("check");
    let noord = app.token("ambassadeur.noord@demo.local").await;
    let view = send(app.get(&format!("/api/v1/readiness/checks/{check}"), Some(&noord)).await, 200).await;
    let item = |code: &str| view["items"].as_array().expect("items").iter().find(|i| i["code"] == code).expect("item")["id"].clone();
    let path = format!("/api/v1/readiness/checks/{check}/answers");
    send(put(&app, &path, &noord, &json!({"item_id": item("wp.toegang"), "answer": "in_place"})).await, 200).await;
    send(put(&app, &path, &noord, &json!({"item_id": item("beg.supervisie"), "answer": "not_yet", "note": "Geen supervisor"})).await, 200).await;
    send(put(&app, &path, &noord, &json!({"item_id": item("cap.tijd"), "answer": "in_progress"})).await, 200).await;
    // An answer can be changed (autosave keeps the last).
    let v = send(put(&app, &path, &noord, &json!({"item_id": item("cap.tijd"), "answer": "in_progress", "note": "Roosters in de maak"})).await, 200).await;
    assert_eq!(v["answers"].as_array().expect("answers").len(), 3);
    // An item of another template is refused.
    send(put(&app, &path, &noord, &json!({"item_id": 999_999, "answer": "in_place"})).await, 422).await;

    let proposals = send(app.get(&format!("/api/v1/readiness/checks/{check}/proposals"), Some(&noord)).await, 200).await;
    let list = proposals.as_array().expect("list");
    assert_eq!(list.len(), 2);
    let sup = list.iter().find(|p| p["item_id"] == item("beg.supervisie")).expect("supervision proposal");
    assert_eq!(sup["owner"], "bel");
    assert!(sup["description"].as_str().expect("d").contains("Geen supervisor"));

    // Completing needs a summary; then the edited follow-ups are kept.
    send(app.post_json(&format!("/api/v1/readiness/checks/{check}/complete"), Some(&noord), &json!({"summary": " ", "followups": []})).await, 422).await;
    let mut edited = list.clone();
    edited[0]["description"] = json!("Supervisor zoeken via BEL");
    let done = send(
        app.post_json(&format!("/api/v1/readiness/checks/{check}/complete"), Some(&noord), &json!({"summary": "Goed gesprek.", "followups": edited})).await,
        200,
    )
    .await;
    assert_eq!(done["status"], "completed");
    assert_eq!(done["followups"].as_array().expect("f").len(), 2);
    let body = send(put(&app, &path, &noord, &json!({"item_id": item("wp.toegang"), "answer": "not_yet"})).await, 409).await;
    assert_eq!(body["code"], "invalid_transition");

    // The organisation sees its follow-ups and updates their progress; another region cannot.
    let venlo = app.token("gemeente.venlo@demo.local").await;
    let mine = send(app.get(&format!("/api/v1/readiness/checks/{check}"), Some(&venlo)).await, 200).await;
    let fid = mine["followups"][0]["id"].as_i64().expect("id");
    let updated = send(put(&app, &format!("/api/v1/readiness/followups/{fid}"), &venlo, &json!({"status": "in_progress"})).await, 200).await;
    assert_eq!(updated["status"], "in_progress");
    let zuid = app.token("ambassadeur.zuid@demo.local").await;
    assert_eq!(put(&app, &format!("/api/v1/readiness/followups/{fid}"), &zuid, &json!({"status": "done"})).await.status(), 404);
}

async fn the_gate_refuses_placement_until_the_check_is_completed(app: TestApp) {
    let prog = app.id_of("SELECT id FROM programmes").await;
    let bel = app.token("bel@demo.local").await;
    let noord_t = app.token("ambassadeur.noord@demo.local").await;
    let settings = format!("/api/v1/programmes/{prog}/settings");
    assert_eq!(put(&app, &settings, &noord_t, &json!({"readiness_validity_months": 12, "readiness_gate": true})).await.status(), 403);
    send(put(&app, &settings, &bel, &json!({"readiness_validity_months": 0, "readiness_gate": true})).await, 422).await;
    let p = send(put(&app, &settings, &bel, &json!({"readiness_validity_months": 12, "readiness_gate": true})).await, 200).await;
    assert_eq!(p["settings"]["readiness_gate"], true);
    let req = submit_request(&app, "gemeente.venlo@demo.local", "Sanne Willems", "s.willems@venlo.demo.local").await;
    let enrolment = req["enrolments"][0]["id"].as_i64().expect("id");
    let check = req["readiness_check"]["id"].as_i64().expect("check");
    let noord = app.token("ambassadeur.noord@demo.local").await;
    send(app.post_json(&format!("/api/v1/enrolments/{enrolment}/decision"), Some(&noord), &json!({"decision": "approve"})).await, 200).await;
    let g5 = app.id_of("SELECT id FROM training_groups WHERE name LIKE 'Groep 5%'").await;
    let body = send(app.post_json(&format!("/api/v1/enrolments/{enrolment}/allocate"), Some(&bel), &json!({"group_id": g5})).await, 409).await;
    assert_eq!(body["code"], "readiness_check_incomplete");
    assert_eq!(app.id_of(&format!("SELECT CAST(seats_taken AS BIGINT) FROM training_groups WHERE id = {g5}")).await, 0);
    complete_all_in_place(&app, &noord, check).await;
    send(app.post_json(&format!("/api/v1/enrolments/{enrolment}/allocate"), Some(&bel), &json!({"group_id": g5})).await, 200).await;

    // With the gate off (the default) a GI professional without any check is placed.
    send(put(&app, &settings, &bel, &json!({"readiness_validity_months": 12, "readiness_gate": false})).await, 200).await;
    let gi = submit_request(&app, "gi@demo.local", "Daan Hermans", "d.hermans@bjzl.demo.local").await;
    let daan = gi["enrolments"][0]["id"].as_i64().expect("id");
    send(app.post_json(&format!("/api/v1/enrolments/{daan}/decision"), Some(&bel), &json!({"decision": "approve"})).await, 200).await;
    send(app.post_json(&format!("/api/v1/enrolments/{daan}/allocate"), Some(&bel), &json!({"group_id": g5})).await, 200).await;
}

async fn an_ambassador_cannot_open_another_regions_checks(app: TestApp) {
    let req = submit_request(&app, "gemeente.venlo@demo.local", "Sanne Willems", "s.willems@venlo.demo.local").await;
    let check = req["readiness_check"]["id"].as_i64().expect("check");
    let zuid = app.token("ambassadeur.zuid@demo.local").await;
    let res = app.get(&format!("/api/v1/readiness/checks/{check}"), Some(&zuid)).await;
    assert_eq!(res.status(), 404);
    assert!(!res.text().await.expect("t").contains("Venlo"));
    assert_eq!(app.post_json("/api/v1/readiness/checks", Some(&zuid), &json!({"organisation_id": org(&app, "Venlo").await})).await.status(), 404);
    let listed = send(app.get("/api/v1/readiness/checks", Some(&zuid)).await, 200).await;
    assert_eq!(listed.as_array().expect("list").len(), 0);
    let trainer = app.token("trainer@demo.local").await;
    assert_eq!(app.get(&format!("/api/v1/readiness/checks/{check}"), Some(&trainer)).await.status(), 403);
    // The organisation reads its own check but does not fill it in.
    let venlo = app.token("gemeente.venlo@demo.local").await;
    let view = send(app.get(&format!("/api/v1/readiness/checks/{check}"), Some(&venlo)).await, 200).await;
    let item = view["items"][0]["id"].clone();
    let res = put(&app, &format!("/api/v1/readiness/checks/{check}/answers"), &venlo, &json!({"item_id": item, "answer": "in_place"})).await;
    assert_eq!(res.status(), 403);
    let maastricht = app.token("gemeente.maastricht@demo.local").await;
    assert_eq!(app.get(&format!("/api/v1/readiness/checks/{check}"), Some(&maastricht)).await.status(), 404);
}

fn ics_of(app: &TestApp) -> impl std::future::Future<Output = Vec<(String, String)>> + '_ {
    use sea_orm::ConnectionTrait;
    async move {
        let rows = app.db.query_all(
            sea_orm::Statement::from_string(
                app.db.get_database_backend(),
                "SELECT to_addr, attachment FROM email_outbox WHERE template LIKE 'readiness_%' ORDER BY id".to_string(),
            ),
        )
        .await
        .expect("rows");
        rows.iter()
            // Content lines are folded at 75 octets; read them unfolded.
            .map(|r| (r.try_get_by_index::<String>(0).expect("to"), r.try_get_by_index::<String>(1).expect("ics").replace("\r\n ", "")))
            .collect()
    }
}

async fn rescheduling_updates_the_same_invitation_and_cancelling_cancels_it(app: TestApp) {
    let req = submit_request(&app, "gemeente.venlo@demo.local", "Sanne Willems", "s.willems@venlo.demo.local").await;
    let check = req["readiness_check"]["id"].as_i64().expect("check");
    let noord = app.token("ambassadeur.noord@demo.local").await;
    let bel_id = app.id_of("SELECT id FROM users WHERE email = 'bel@demo.local'").await;
    let trainer_id = app.id_of("SELECT id FROM users WHERE email = 'trainer@demo.local'").await;
    let path = format!("/api/v1/readiness/checks/{check}/schedule");
    let body = send(
        app.post_json(&path, Some(&noord), &json!({"at": "2026-12-03T09:00:00Z", "location": "Stadskantoor Venlo", "project_leader_id": trainer_id})).await,
        422,
    )
    .await;
    assert_eq!(body["errors"][0]["field"], "project_leader_id");

    let v = send(
        app.post_json(&path, Some(&noord), &json!({"at": "2026-12-03T09:00:00Z", "location": "Stadskantoor Venlo", "project_leader_id": bel_id})).await,
        200,
    )
    .await;
    assert_eq!(v["status"], "scheduled");
    let first = ics_of(&app).await;
    let to: Vec<&str> = first.iter().map(|(t, _)| t.as_str()).collect();
    assert_eq!(to, vec!["ambassadeur.noord@demo.local", "bel@demo.local", "gemeente.venlo@demo.local"]);
    let ics = &first[0].1;
    let uid = format!("UID:va-readiness-{check}@va-planner.bel-limburg.nl");
    assert!(ics.contains("METHOD:REQUEST") && ics.contains(&uid) && ics.contains("SEQUENCE:0"), "{ics}");
    assert!(ics.contains("DTSTART;TZID=Europe/Amsterdam:20261203T100000"), "local time in winter is UTC+1: {ics}");
    assert!(ics.contains("ATTENDEE;ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION:mailto:gemeente.venlo@demo.local"));

    send(
        app.post_json(&path, Some(&noord), &json!({"at": "2026-12-10T13:30:00Z", "location": "Online (Teams)", "project_leader_id": bel_id})).await,
        200,
    )
    .await;
    let second = ics_of(&app).await;
    let update = &second[3].1;
    assert!(update.contains(&uid) && update.contains("SEQUENCE:1") && update.contains("METHOD:REQUEST"), "{update}");
    assert!(update.contains("20261210T143000") && update.contains("LOCATION:Online (Teams)"));

    send(app.post_json(&format!("/api/v1/readiness/checks/{check}/cancel"), Some(&noord), &json!({})).await, 200).await;
    let third = ics_of(&app).await;
    let cancel = &third[6].1;
    assert!(cancel.contains(&uid) && cancel.contains("SEQUENCE:2") && cancel.contains("METHOD:CANCEL") && cancel.contains("STATUS:CANCELLED"));
    // A cancelled interview is not scheduled again.
    let body = send(
        app.post_json(&path, Some(&noord), &json!({"at": "2026-12-17T09:00:00Z", "location": "Venlo", "project_leader_id": bel_id})).await,
        409,
    )
    .await;
    assert_eq!(body["code"], "invalid_transition");
}

async fn the_overview_shows_the_region_and_reminders_go_out_once(app: TestApp) {
    let req = submit_request(&app, "gemeente.venlo@demo.local", "Sanne Willems", "s.willems@venlo.demo.local").await;
    let check = req["readiness_check"]["id"].as_i64().expect("check");
    let noord = app.token("ambassadeur.noord@demo.local").await;
    let view = send(app.get(&format!("/api/v1/readiness/checks/{check}"), Some(&noord)).await, 200).await;
    let first_item = view["items"][0]["id"].clone();
    send(put(&app, &format!("/api/v1/readiness/checks/{check}/answers"), &noord, &json!({"item_id": first_item, "answer": "not_yet"})).await, 200).await;
    let today = chrono::Utc::now().date_naive();
    let soon = today + chrono::Days::new(5);
    let late = today - chrono::Days::new(1);
    let followups = json!([
        {"item_id": first_item, "description": "Werkbeschrijving toegang aanpassen", "owner": "organisation", "due_on": soon.to_string()},
        {"description": "Supervisor regelen", "owner": "bel", "due_on": late.to_string()}
    ]);
    send(app.post_json(&format!("/api/v1/readiness/checks/{check}/complete"), Some(&noord), &json!({"summary": "Start gemaakt.", "followups": followups})).await, 200).await;

    let ov = send(app.get("/api/v1/readiness/overview", Some(&noord)).await, 200).await;
    let row = ov["organisations"].as_array().expect("rows").iter().find(|r| r["organisation"]["name"] == "Venlo").expect("Venlo row").clone();
    assert_eq!(row["status"], "completed");
    assert_eq!(row["answers"][0]["answer"], "not_yet");
    assert_eq!((row["open_followups"].as_i64(), row["overdue_followups"].as_i64()), (Some(2), Some(1)));
    assert_eq!(ov["open_followups"][0]["description"], "Supervisor regelen", "soonest due first");
    assert_eq!(ov["items"].as_array().expect("items").len(), 11);
    let zuid = app.token("ambassadeur.zuid@demo.local").await;
    let ov = send(app.get("/api/v1/readiness/overview", Some(&zuid)).await, 200).await;
    assert!(ov["organisations"].as_array().expect("rows").is_empty());
    assert!(ov["open_followups"].as_array().expect("f").is_empty());
    let venlo = app.token("gemeente.venlo@demo.local").await;
    assert_eq!(app.get("/api/v1/readiness/overview", Some(&venlo)).await.status(), 403);

    let n = va_backend::readiness::overview::send_reminders(&app.db, today).await.expect("reminders");
    assert_eq!(n, 2);
    assert_eq!(va_backend::readiness::overview::send_reminders(&app.db, today).await.expect("again"), 0, "once each");
    let count = |to: &'static str, template: &'static str| {
        let app = &app;
        async move { app.id_of(&format!("SELECT COUNT(*) FROM email_outbox WHERE to_addr = '{to}' AND template = '{template}'")).await }
    };
    assert_eq!(count("gemeente.venlo@demo.local", "followup_reminder").await, 1);
    assert_eq!(count("bel@demo.local", "followup_overdue").await, 1);
    // A week later the first one is overdue too, and is told so once.
    let later = today + chrono::Days::new(7);
    assert_eq!(va_backend::readiness::overview::send_reminders(&app.db, later).await.expect("later"), 1);
    assert_eq!(count("gemeente.venlo@demo.local", "followup_overdue").await, 1);
}

db_tests!(
    the_overview_shows_the_region_and_reminders_go_out_once,
    an_old_interview_keeps_its_template_version_after_a_new_one_is_published,
    a_completed_check_is_reused_while_valid_and_replaced_after,
    follow_ups_are_proposed_from_answers_and_kept_on_completion,
    the_gate_refuses_placement_until_the_check_is_completed,
    an_ambassador_cannot_open_another_regions_checks,
    rescheduling_updates_the_same_invitation_and_cancelling_cancels_it,
);

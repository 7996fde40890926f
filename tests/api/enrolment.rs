use serde_json::{json, Value};
use va_tests::{db_tests, TestApp};

use va_tests::expect_json as ok_json;

async fn problem_code(res: reqwest::Response) -> (u16, String) {
    let status = res.status().as_u16();
    let body: Value = res.json().await.unwrap_or(Value::Null);
    (status, body["code"].as_str().unwrap_or("").to_string())
}

async fn programme_id(app: &TestApp) -> i64 {
    app.id_of("SELECT id FROM programmes").await
}

async fn group_id(app: &TestApp, name_prefix: &str) -> i64 {
    app.id_of(&format!("SELECT id FROM training_groups WHERE name LIKE '{name_prefix}%'")).await
}

fn enrolment_ids(view: &Value) -> Vec<i64> {
    view["enrolments"].as_array().expect("enrolments").iter().map(|e| e["id"].as_i64().expect("id")).collect()
}

async fn outbox_to(app: &TestApp, to: &str, template: &str) -> i64 {
    app.id_of(&format!("SELECT COUNT(*) FROM email_outbox WHERE to_addr = '{to}' AND template = '{template}'")).await
}

async fn a_municipality_request_goes_through_its_ambassador_to_placement(app: TestApp) {
    let prog = programme_id(&app).await;
    let venlo = app.token("gemeente.venlo@demo.local").await;
    let body = json!({
        "programme_id": prog,
        "preferred_period": "voorjaar 2027",
        "remarks": "Beiden werken in het toegangsteam.",
        "submit": true,
        "professionals": [
            {"name": "Sanne Willems", "email": "s.willems@venlo.demo.local", "function": "Medewerker toegangsteam", "works_on_ret_uhp": true},
            {"name": "Koen Peters", "email": "k.peters@venlo.nl", "function": "Gedragswetenschapper"}
        ]
    });
    let view = ok_json(app.post_json("/api/v1/requests", Some(&venlo), &body).await, 201).await;
    assert_eq!(view["status"], "submitted");
    assert_eq!(view["route"], "ambassador");
    assert_eq!(view["region"]["name"], "Noord-Limburg");
    let req_id = view["id"].as_i64().expect("id");
    let ids = enrolment_ids(&view);
    let (sanne, koen) = (ids[0], ids[1]);
    assert_eq!(outbox_to(&app, "ambassadeur.noord@demo.local", "request_submitted").await, 1);
    assert_eq!(outbox_to(&app, "ambassadeur.zuid@demo.local", "request_submitted").await, 0);
    // The mail leads straight to the request's page.
    let mail: String = app.scalar("SELECT body_text FROM email_outbox WHERE template = 'request_submitted' AND to_addr = 'ambassadeur.noord@demo.local'").await;
    assert!(mail.contains(&format!("/aanmeldingen/{req_id}\n")), "{mail}");

    // Scope: another region's ambassador, another organisation, a trainer.
    let zuid = app.token("ambassadeur.zuid@demo.local").await;
    assert_eq!(problem_code(app.get(&format!("/api/v1/requests/{req_id}"), Some(&zuid)).await).await, (404, "not_found".into()));
    let listed: Value = app.get("/api/v1/requests", Some(&zuid)).await.json().await.expect("json");
    assert_eq!(listed.as_array().expect("list").len(), 0);
    let maastricht = app.token("gemeente.maastricht@demo.local").await;
    assert_eq!(app.get(&format!("/api/v1/requests/{req_id}"), Some(&maastricht)).await.status(), 404);
    let trainer = app.token("trainer@demo.local").await;
    assert_eq!(app.get("/api/v1/requests", Some(&trainer)).await.status(), 403);
    assert_eq!(app.get(&format!("/api/v1/requests/{req_id}"), Some(&trainer)).await.status(), 403);
    let res = app.post_json(&format!("/api/v1/enrolments/{sanne}/decision"), Some(&zuid), &json!({"decision": "approve"})).await;
    assert_eq!(res.status(), 404, "another region's ambassador cannot decide");
    // BEL sees it but the ambassador decides.
    let bel = app.token("bel@demo.local").await;
    assert_eq!(app.get(&format!("/api/v1/requests/{req_id}"), Some(&bel)).await.status(), 200);
    let res = app.post_json(&format!("/api/v1/enrolments/{sanne}/decision"), Some(&bel), &json!({"decision": "approve"})).await;
    assert_eq!(problem_code(res).await, (403, "forbidden".into()));

    let noord = app.token("ambassadeur.noord@demo.local").await;
    let inbox: Value = app.get("/api/v1/requests?pending=true", Some(&noord)).await.json().await.expect("json");
    assert_eq!(inbox[0]["id"], req_id);
    assert_eq!(inbox[0]["pending"], 2);

    ok_json(app.post_json(&format!("/api/v1/enrolments/{sanne}/decision"), Some(&noord), &json!({"decision": "approve"})).await, 200).await;
    let mail: String = app.scalar("SELECT body_text FROM email_outbox WHERE template = 'enrolment_decided' AND to_addr = 'gemeente.venlo@demo.local'").await;
    assert!(mail.contains(&format!("/aanmeldingen/{req_id}\n")), "{mail}");
    // Approving twice is refused.
    let res = app.post_json(&format!("/api/v1/enrolments/{sanne}/decision"), Some(&noord), &json!({"decision": "approve"})).await;
    assert_eq!(problem_code(res).await, (409, "invalid_transition".into()));
    // A rejection needs a reason.
    let res = app.post_json(&format!("/api/v1/enrolments/{koen}/decision"), Some(&noord), &json!({"decision": "reject"})).await;
    assert_eq!(problem_code(res).await, (422, "validation_failed".into()));
    let view = ok_json(
        app.post_json(
            &format!("/api/v1/enrolments/{koen}/decision"),
            Some(&noord),
            &json!({"decision": "reject", "reason": "Werkt niet met RET- of UHP-casuïstiek."}),
        )
        .await,
        200,
    )
    .await;
    assert_eq!(view["status"], "decided");
    assert_eq!(outbox_to(&app, "gemeente.venlo@demo.local", "enrolment_decided").await, 2);

    // Allocation: a rejected professional cannot be placed; the approved one can.
    let g5 = group_id(&app, "Groep 5").await;
    let res = app.post_json(&format!("/api/v1/enrolments/{koen}/allocate"), Some(&bel), &json!({"group_id": g5})).await;
    assert_eq!(problem_code(res).await, (409, "invalid_transition".into()));
    let res = app.post_json(&format!("/api/v1/enrolments/{sanne}/allocate"), Some(&noord), &json!({"group_id": g5})).await;
    assert_eq!(res.status(), 403, "only BEL allocates");
    let board: Value = app.get(&format!("/api/v1/programmes/{prog}/seat-board"), Some(&bel)).await.json().await.expect("json");
    assert_eq!(board["queue"].as_array().expect("queue").len(), 1);
    let view = ok_json(app.post_json(&format!("/api/v1/enrolments/{sanne}/allocate"), Some(&bel), &json!({"group_id": g5})).await, 200).await;
    assert_eq!(view["enrolments"][0]["status"], "placed");
    assert_eq!(view["enrolments"][0]["group"]["name"], "Groep 5 - Noord-Limburg");
    let board: Value = app.get(&format!("/api/v1/programmes/{prog}/seat-board"), Some(&bel)).await.json().await.expect("json");
    assert_eq!(board["queue"].as_array().expect("queue").len(), 0);
    let g = board["groups"].as_array().expect("groups").iter().find(|g| g["id"] == g5).expect("g5").clone();
    assert_eq!(g["seats_taken"], 1);

    // Placement mails carry the training days as iCalendar.
    assert_eq!(outbox_to(&app, "s.willems@venlo.demo.local", "placed_professional").await, 1);
    assert_eq!(outbox_to(&app, "gemeente.venlo@demo.local", "placed_contact").await, 1);
    let ics = app
        .db_text("SELECT attachment FROM email_outbox WHERE to_addr = 's.willems@venlo.demo.local' AND template = 'placed_professional'")
        .await;
    assert!(ics.contains("BEGIN:VCALENDAR") && ics.contains("DTSTART;TZID=Europe/Amsterdam:20270119T093000"), "{ics}");
    assert_eq!(ics.matches("BEGIN:VEVENT").count(), 4);

    // A completed group takes nobody.
    let g1 = group_id(&app, "Groep 1").await;
    let res = app.post_json(&format!("/api/v1/enrolments/{sanne}/move"), Some(&bel), &json!({"group_id": g1})).await;
    assert_eq!(problem_code(res).await, (409, "group_closed".into()));

    // The group page lists the participant.
    let detail: Value = app.get(&format!("/api/v1/groups/{g5}"), Some(&bel)).await.json().await.expect("json");
    assert_eq!(detail["participants"][0]["professional"], "Sanne Willems");
    assert_eq!(detail["days"].as_array().expect("days").len(), 4);

    // The contact sees status, reason and the whole timeline.
    let view: Value = app.get(&format!("/api/v1/requests/{req_id}"), Some(&venlo)).await.json().await.expect("json");
    assert_eq!(view["enrolments"][1]["status"], "rejected");
    assert_eq!(view["enrolments"][1]["last_reason"], "Werkt niet met RET- of UHP-casuïstiek.");
    let actions: Vec<&str> = view["timeline"].as_array().expect("timeline").iter().filter_map(|t| t["action"].as_str()).collect();
    assert_eq!(actions, vec!["created", "submit", "submit", "approve", "reject", "allocate"]);
    assert_eq!(view["timeline"][3]["actor"], "Mark Hendrix");

    // Withdrawal frees the seat; withdrawing twice is refused.
    let view = ok_json(
        app.post_json(&format!("/api/v1/enrolments/{sanne}/withdraw"), Some(&venlo), &json!({"reason": "Langdurig ziek."})).await,
        200,
    )
    .await;
    assert_eq!(view["enrolments"][0]["status"], "withdrawn");
    assert_eq!(app.id_of(&format!("SELECT CAST(seats_taken AS BIGINT) FROM training_groups WHERE id = {g5}")).await, 0);
    let res = app.post_json(&format!("/api/v1/enrolments/{sanne}/withdraw"), Some(&venlo), &json!({})).await;
    assert_eq!(problem_code(res).await, (409, "invalid_transition".into()));
    assert!(outbox_to(&app, "s.willems@venlo.demo.local", "enrolment_withdrawn").await >= 1);
    assert!(outbox_to(&app, "bel@demo.local", "enrolment_withdrawn").await >= 1);
}

async fn a_professional_is_not_enrolled_twice_in_one_programme(app: TestApp) {
    let prog = programme_id(&app).await;
    let venlo = app.token("gemeente.venlo@demo.local").await;
    let one = json!({"programme_id": prog, "submit": true, "professionals": [{"name": "Bram Jacobs", "email": "b.jacobs@venlo.demo.local"}]});
    let first = ok_json(app.post_json("/api/v1/requests", Some(&venlo), &one).await, 201).await;
    let first_enrolment = enrolment_ids(&first)[0];
    let before = (app.count("enrolment_requests").await, app.count("enrolments").await);
    let res = app.post_json("/api/v1/requests", Some(&venlo), &one).await;
    let status = res.status().as_u16();
    let body: Value = res.json().await.expect("json");
    assert_eq!((status, body["code"].as_str()), (409, Some("already_enrolled")));
    assert!(body["detail"].as_str().expect("detail").contains(&format!("enrolment {first_enrolment}")), "{body}");
    assert_eq!((app.count("enrolment_requests").await, app.count("enrolments").await), before, "nothing was saved");

    // A professional of another organisation cannot be enrolled by this one.
    let other = json!({"programme_id": prog, "professionals": [{"name": "Noah", "email": "n.brouwers@maastricht.demo.local"}]});
    let res = app.post_json("/api/v1/requests", Some(&venlo), &other).await;
    assert_eq!(res.status(), 409);
}

async fn gi_requests_go_to_bel_and_a_returned_professional_is_resubmitted(app: TestApp) {
    let prog = programme_id(&app).await;
    let gi = app.token("gi@demo.local").await;
    let body = json!({"programme_id": prog, "professionals": [{"name": "Daan Hermans", "email": "d.hermans@bjzl.demo.local", "function": "Jeugdbeschermer"}]});
    let draft = ok_json(app.post_json("/api/v1/requests", Some(&gi), &body).await, 201).await;
    assert_eq!(draft["status"], "draft");
    assert_eq!(draft["route"], "bel");
    let req_id = draft["id"].as_i64().expect("id");
    let daan = enrolment_ids(&draft)[0];
    assert_eq!(app.count("email_outbox").await, 0, "a draft tells nobody");

    let view = ok_json(app.post_json(&format!("/api/v1/requests/{req_id}/submit"), Some(&gi), &json!({})).await, 200).await;
    assert_eq!(view["status"], "submitted");
    assert_eq!(outbox_to(&app, "bel@demo.local", "request_submitted").await, 1);
    // Submitting again: nothing left to submit.
    let res = app.post_json(&format!("/api/v1/requests/{req_id}/submit"), Some(&gi), &json!({})).await;
    assert_eq!(problem_code(res).await, (409, "invalid_transition".into()));

    let noord = app.token("ambassadeur.noord@demo.local").await;
    assert_eq!(app.get(&format!("/api/v1/requests/{req_id}"), Some(&noord)).await.status(), 404);

    let bel = app.token("bel@demo.local").await;
    let inbox: Value = app.get("/api/v1/requests?pending=true", Some(&bel)).await.json().await.expect("json");
    assert_eq!(inbox.as_array().expect("list").len(), 1);
    let res = app.post_json(&format!("/api/v1/enrolments/{daan}/decision"), Some(&bel), &json!({"decision": "return"})).await;
    assert_eq!(res.status(), 422, "a return needs a comment");
    let view = ok_json(
        app.post_json(&format!("/api/v1/enrolments/{daan}/decision"), Some(&bel), &json!({"decision": "return", "reason": "Welke casuïstiek?"}))
            .await,
        200,
    )
    .await;
    assert_eq!(view["status"], "returned");
    // The organisation edits and resubmits; BEL approves.
    let put = |body: Value| {
        let (client, url, gi) = (app.client.clone(), app.url(&format!("/api/v1/enrolments/{daan}")), gi.clone());
        async move { client.put(url).bearer_auth(gi).json(&body).send().await.expect("put") }
    };
    // A correction of the name and address: a bad address is refused by field; another professional's address with 409.
    let res = put(json!({"name": "", "email": "geen-adres", "works_on_ret_uhp": true})).await;
    assert_eq!(res.status(), 422);
    let taken: String = app.scalar("SELECT email FROM professionals WHERE email <> 'd.hermans@bjzl.demo.local' ORDER BY id LIMIT 1").await;
    assert_eq!(problem_code(put(json!({"email": taken, "works_on_ret_uhp": true})).await).await, (409, "already_exists".into()));
    let view = ok_json(
        put(json!({"name": "Daan Hermans-Smit", "email": "D.Hermans-Smit@bjzl.demo.local", "function": "Jeugdbeschermer", "works_on_ret_uhp": true, "remarks": "Werkt aan UHP-zaken."})).await,
        200,
    )
    .await;
    assert_eq!(view["enrolments"][0]["professional"]["name"], "Daan Hermans-Smit");
    assert_eq!(view["enrolments"][0]["professional_email"], "d.hermans-smit@bjzl.demo.local");
    ok_json(app.post_json(&format!("/api/v1/requests/{req_id}/submit"), Some(&gi), &json!({})).await, 200).await;
    let view =
        ok_json(app.post_json(&format!("/api/v1/enrolments/{daan}/decision"), Some(&bel), &json!({"decision": "approve"})).await, 200).await;
    assert_eq!(view["enrolments"][0]["status"], "approved");
    assert_eq!(view["enrolments"][0]["works_on_ret_uhp"], true);
    // Editing after approval is refused.
    let res = app
        .client
        .put(app.url(&format!("/api/v1/enrolments/{daan}")))
        .bearer_auth(&gi)
        .json(&json!({"works_on_ret_uhp": false}))
        .send()
        .await
        .expect("put");
    assert_eq!(problem_code(res).await, (409, "invalid_transition".into()));
    // BEL puts the professional on the waiting list.
    let view = ok_json(app.post_json(&format!("/api/v1/enrolments/{daan}/waitlist"), Some(&bel), &json!({})).await, 200).await;
    assert_eq!(view["enrolments"][0]["status"], "waitlisted");
    assert_eq!(view["enrolments"][0]["waitlist_position"], 1);
    // The organisation hears it, with the place on the list.
    let mail: String = app.scalar("SELECT body_text FROM email_outbox WHERE template = 'waitlisted_contact' AND to_addr = 'gi@demo.local'").await;
    assert!(mail.contains("op plaats 1 op de wachtlijst"), "{mail}");
}

async fn bad_requests_are_refused_field_by_field_and_save_nothing(app: TestApp) {
    let prog = programme_id(&app).await;
    let venlo = app.token("gemeente.venlo@demo.local").await;
    let before = (app.count("enrolment_requests").await, app.count("enrolments").await, app.count("professionals").await);
    let res = app.post_json("/api/v1/requests", Some(&venlo), &json!({"programme_id": prog, "professionals": []})).await;
    assert_eq!(problem_code(res).await, (422, "validation_failed".into()));
    let res = app
        .post_json(
            "/api/v1/requests",
            Some(&venlo),
            &json!({"programme_id": 9999, "professionals": [{"name": "A", "email": "a@venlo.nl"}, {"name": "", "email": "geen-adres"}]}),
        )
        .await;
    let body: Value = res.json().await.expect("json");
    let fields: Vec<&str> = body["errors"].as_array().expect("errors").iter().filter_map(|e| e["field"].as_str()).collect();
    assert_eq!(fields, vec!["professionals[1].name", "professionals[1].email", "programme_id"]);
    let res = app
        .post_json("/api/v1/requests", Some(&venlo), &json!({"programme_id": prog, "professionals": [{"name": "A", "email": "a@venlo.nl", "salary": 1}]}))
        .await;
    assert_eq!(problem_code(res).await, (400, "malformed_request".into()));
    let noord = app.token("ambassadeur.noord@demo.local").await;
    let res = app
        .post_json("/api/v1/requests", Some(&noord), &json!({"programme_id": prog, "professionals": [{"name": "A", "email": "a@venlo.nl"}]}))
        .await;
    assert_eq!(problem_code(res).await, (422, "validation_failed".into()), "an ambassador names the organisation filed for");
    let trainer = app.token("trainer@demo.local").await;
    let res = app
        .post_json("/api/v1/requests", Some(&trainer), &json!({"programme_id": prog, "professionals": [{"name": "A", "email": "a@venlo.nl"}]}))
        .await;
    assert_eq!(problem_code(res).await, (403, "forbidden".into()));
    assert_eq!(
        (app.count("enrolment_requests").await, app.count("enrolments").await, app.count("professionals").await),
        before
    );
}

/// 50 approved professionals, one free seat, 50 simultaneous allocations:
/// exactly one is placed, 49 get 409 group_full, the counter matches.
async fn fifty_simultaneous_allocations_into_the_last_seat_place_exactly_one(app: TestApp) {
    let prog = programme_id(&app).await;
    let gi = app.token("gi@demo.local").await;
    let professionals: Vec<Value> =
        (0..50).map(|i| json!({"name": format!("Professional {i:02}"), "email": format!("p{i:02}@bjzl.demo.local")})).collect();
    let view = ok_json(
        app.post_json("/api/v1/requests", Some(&gi), &json!({"programme_id": prog, "submit": true, "professionals": professionals})).await,
        201,
    )
    .await;
    let ids = enrolment_ids(&view);
    assert_eq!(ids.len(), 50);
    let bel = app.token("bel@demo.local").await;
    for id in &ids {
        ok_json(app.post_json(&format!("/api/v1/enrolments/{id}/decision"), Some(&bel), &json!({"decision": "approve"})).await, 200).await;
    }
    let g6 = group_id(&app, "Groep 6").await;
    app.exec(&format!("UPDATE training_groups SET capacity = 1, seats_taken = 0 WHERE id = {g6}")).await;

    let mut handles = Vec::new();
    for id in ids {
        let client = app.client.clone();
        let url = app.url(&format!("/api/v1/enrolments/{id}/allocate"));
        let bel = bel.clone();
        handles.push(tokio::spawn(async move {
            let res = client.post(url).bearer_auth(bel).json(&json!({"group_id": g6})).send().await.expect("send");
            let status = res.status().as_u16();
            let body: Value = res.json().await.unwrap_or(Value::Null);
            (status, body["code"].as_str().unwrap_or("").to_string())
        }));
    }
    let mut ok = 0;
    let mut full = 0;
    for h in handles {
        match h.await.expect("join") {
            (200, _) => ok += 1,
            (409, code) if code == "group_full" => full += 1,
            other => panic!("unexpected answer {other:?}"),
        }
    }
    assert_eq!((ok, full), (1, 49));
    let taken = app.id_of(&format!("SELECT CAST(seats_taken AS BIGINT) FROM training_groups WHERE id = {g6}")).await;
    let placed = app.id_of(&format!("SELECT COUNT(*) FROM enrolments WHERE group_id = {g6} AND status = 'placed'")).await;
    assert_eq!((taken, placed), (1, 1));
    let approved = app.id_of("SELECT COUNT(*) FROM enrolments WHERE status = 'approved'").await;
    assert_eq!(approved, 49, "the others are still waiting for a seat");
}

/// Placing offers each person their own region's next group with a seat,
/// never one that started (the demo's running Groep 4 in Zuid), else a
/// supra-regional one.
async fn the_seat_board_suggests_the_own_regions_next_group(app: TestApp) {
    super::waitlist::approved(&app, "gemeente.venlo@demo.local", "ambassadeur.noord@demo.local", &[("Sanne Willems", "s.willems@venlo.demo.local", false)]).await;
    super::waitlist::approved(&app, "gemeente.maastricht@demo.local", "ambassadeur.zuid@demo.local", &[("Noor Dassen", "n.dassen@maastricht.demo.local", false)]).await;
    let bel = app.token("bel@demo.local").await;
    let prog = app.id_of("SELECT id FROM programmes").await;
    let board = ok_json(app.get(&format!("/api/v1/programmes/{prog}/seat-board"), Some(&bel)).await, 200).await;
    let groups = board["groups"].as_array().expect("groups");
    let placeable = |g: &&Value| (g["status"] == "open" || g["status"] == "planned") && g["capacity"].as_i64() > Some(g["seats_taken"].as_i64().unwrap_or(0) + g["seats_held"].as_i64().unwrap_or(0));
    let queue = board["queue"].as_array().expect("queue");
    assert_eq!(queue.len(), 2);
    for q in queue {
        let suggested = groups.iter().find(|g| g["id"] == q["suggested_group_id"]).unwrap_or_else(|| panic!("a suggestion for {q}"));
        assert!(placeable(&suggested), "{suggested}");
        let own: Vec<&Value> = groups.iter().filter(placeable).filter(|g| g["region_id"] == q["region"]["id"]).collect();
        let earliest = own.iter().min_by_key(|g| (g["starts_on"].as_str().map(String::from), g["id"].as_i64())).expect("the region has a group");
        assert_eq!(suggested["id"], earliest["id"], "{} gets its region's next group", q["professional"]);
    }
    let zuid = queue.iter().find(|q| q["professional"] == "Noor Dassen").expect("Noor");
    let running: Vec<&Value> = groups.iter().filter(|g| g["status"] == "running").collect();
    assert!(!running.is_empty() && running.iter().all(|g| g["id"] != zuid["suggested_group_id"]), "never a started group");
}

db_tests!(
    the_seat_board_suggests_the_own_regions_next_group,
    a_municipality_request_goes_through_its_ambassador_to_placement,
    a_professional_is_not_enrolled_twice_in_one_programme,
    gi_requests_go_to_bel_and_a_returned_professional_is_resubmitted,
    bad_requests_are_refused_field_by_field_and_save_nothing,
    fifty_simultaneous_allocations_into_the_last_seat_place_exactly_one,
);

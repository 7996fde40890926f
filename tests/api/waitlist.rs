use serde_json::{json, Value};
use va_tests::{db_tests, TestApp};

use va_tests::expect_json as send;

async fn put(app: &TestApp, path: &str, token: &str, body: &Value) -> reqwest::Response {
    app.put_json(path, Some(token), body).await
}

/// Submits and approves professionals `(name, email, ret_uhp)` one by one, so
/// their approval times follow the order given.
pub async fn approved(app: &TestApp, contact: &str, decider: &str, people: &[(&str, &str, bool)]) -> Vec<i64> {
    let prog = app.id_of("SELECT id FROM programmes").await;
    let token = app.token(contact).await;
    let decider = app.token(decider).await;
    let pros: Vec<Value> = people.iter().map(|(n, e, r)| json!({"name": n, "email": e, "works_on_ret_uhp": r})).collect();
    let view = send(app.post_json("/api/v1/requests", Some(&token), &json!({"programme_id": prog, "submit": true, "professionals": pros})).await, 201).await;
    let mut ids = Vec::new();
    for e in view["enrolments"].as_array().expect("enrolments") {
        let id = e["id"].as_i64().expect("id");
        send(app.post_json(&format!("/api/v1/enrolments/{id}/decision"), Some(&decider), &json!({"decision": "approve"})).await, 200).await;
        ids.push(id);
        tokio::time::sleep(std::time::Duration::from_millis(15)).await;
    }
    ids
}

fn names(list: &Value) -> Vec<String> {
    list.as_array().expect("list").iter().map(|e| e["professional"].as_str().unwrap_or("").to_string()).collect()
}

async fn the_list_orders_by_priority_then_approval_and_bel_reorders_only_with_a_reason(app: TestApp) {
    let gi = approved(&app, "gi@demo.local", "bel@demo.local", &[("GI Een", "een@bjzl.demo.local", false), ("GI Twee", "twee@bjzl.demo.local", true)]).await;
    let venlo = approved(
        &app,
        "gemeente.venlo@demo.local",
        "ambassadeur.noord@demo.local",
        &[("Sanne Willems", "s.willems@venlo.demo.local", true), ("Bram Jacobs", "b.jacobs@venlo.demo.local", false)],
    )
    .await;
    let prog = app.id_of("SELECT id FROM programmes").await;
    let bel = app.token("bel@demo.local").await;
    let list = send(app.get(&format!("/api/v1/programmes/{prog}/waitlist"), Some(&bel)).await, 200).await;
    assert_eq!(names(&list), vec!["GI Twee", "Sanne Willems", "GI Een", "Bram Jacobs"], "RET/UHP first, then time of approval");
    assert_eq!(list[0]["priority"], 1);

    // A reason is required, and the adjustment is bounded.
    let path = format!("/api/v1/enrolments/{}/priority", venlo[1]);
    send(put(&app, &path, &bel, &json!({"adjustment": 2, "reason": " "})).await, 422).await;
    send(put(&app, &path, &bel, &json!({"adjustment": 9, "reason": "Te veel"})).await, 422).await;
    let noord = app.token("ambassadeur.noord@demo.local").await;
    assert_eq!(put(&app, &path, &noord, &json!({"adjustment": 2, "reason": "Spoed"})).await.status(), 403);
    let entry = send(put(&app, &path, &bel, &json!({"adjustment": 2, "reason": "Enige gedragswetenschapper van het team"})).await, 200).await;
    assert_eq!((entry["position"].as_i64(), entry["priority"].as_i64()), (Some(1), Some(2)));
    let list = send(app.get(&format!("/api/v1/programmes/{prog}/waitlist"), Some(&bel)).await, 200).await;
    assert_eq!(names(&list), vec!["Bram Jacobs", "GI Twee", "Sanne Willems", "GI Een"]);
    assert_eq!(list[0]["priority_reason"], "Enige gedragswetenschapper van het team");

    // Contacts see their own professionals' positions; ambassadors their region; trainers nothing.
    let contact = app.token("gemeente.venlo@demo.local").await;
    let mine = send(app.get(&format!("/api/v1/programmes/{prog}/waitlist"), Some(&contact)).await, 200).await;
    let positions: Vec<(String, i64)> =
        mine.as_array().expect("list").iter().map(|e| (e["professional"].as_str().unwrap_or("").into(), e["position"].as_i64().unwrap_or(0))).collect();
    assert_eq!(positions, vec![("Bram Jacobs".to_string(), 1), ("Sanne Willems".to_string(), 3)]);
    let request = app.id_of(&format!("SELECT request_id FROM enrolments WHERE id = {}", venlo[0])).await;
    let view = send(app.get(&format!("/api/v1/requests/{request}"), Some(&contact)).await, 200).await;
    assert_eq!(view["enrolments"][0]["waitlist_position"], 3);
    let timeline = view["timeline"].as_array().expect("timeline");
    let change = timeline.iter().find(|t| t["action"] == "priority").expect("priority change in the timeline");
    assert!(change["reason"].as_str().expect("reason").contains("Enige gedragswetenschapper"));
    assert_eq!(names(&send(app.get(&format!("/api/v1/programmes/{prog}/waitlist"), Some(&noord)).await, 200).await).len(), 2);
    let zuid = app.token("ambassadeur.zuid@demo.local").await;
    assert_eq!(names(&send(app.get(&format!("/api/v1/programmes/{prog}/waitlist"), Some(&zuid)).await, 200).await).len(), 0);
    let trainer = app.token("trainer@demo.local").await;
    assert_eq!(app.get(&format!("/api/v1/programmes/{prog}/waitlist"), Some(&trainer)).await.status(), 403);

    // Placed professionals leave the list and have no priority to change.
    let g5 = app.id_of("SELECT id FROM training_groups WHERE name LIKE 'Groep 5%'").await;
    send(app.post_json(&format!("/api/v1/enrolments/{}/allocate", gi[1]), Some(&bel), &json!({"group_id": g5})).await, 200).await;
    let list = send(app.get(&format!("/api/v1/programmes/{prog}/waitlist"), Some(&bel)).await, 200).await;
    assert_eq!(names(&list), vec!["Bram Jacobs", "Sanne Willems", "GI Een"]);
    let body = send(put(&app, &format!("/api/v1/enrolments/{}/priority", gi[1]), &bel, &json!({"adjustment": 1, "reason": "x"})).await, 409).await;
    assert_eq!(body["code"], "invalid_transition");
    let _ = gi[0];
}

/// The list and the seat board are kept serialised between changes: a change
/// through the planner shows at once, in every view; one made behind its back
/// (another instance, an operator's SQL) within `cache::FRESH`.
async fn a_kept_answer_ends_with_every_change_and_an_outside_change_within_a_second(app: TestApp) {
    let ids = approved(&app, "gi@demo.local", "bel@demo.local", &[("GI Een", "een@bjzl.demo.local", false), ("GI Twee", "twee@bjzl.demo.local", false)]).await;
    let prog = app.id_of("SELECT id FROM programmes").await;
    let bel = app.token("bel@demo.local").await;
    let list = format!("/api/v1/programmes/{prog}/waitlist");
    let board = format!("/api/v1/programmes/{prog}/seat-board");
    let queue = |b: &Value| b["queue"].as_array().expect("queue").iter().map(|e| e["professional"].as_str().unwrap_or("").to_string()).collect::<Vec<_>>();
    // The export is kept too: the names in the order of its lines.
    let export = format!("/api/v1/exports/waitlist?format=csv&programme_id={prog}");
    let exported = |token: String| {
        let (app, export) = (&app, export.clone());
        async move {
            let res = app.get(&export, Some(&token)).await;
            assert_eq!(res.status(), 200);
            assert!(res.headers()["content-disposition"].to_str().expect("header").contains(".csv"));
            let text = res.text().await.expect("csv");
            text.lines().skip(1).filter_map(|l| l.split(';').nth(1).map(String::from)).collect::<Vec<_>>()
        }
    };
    assert_eq!(names(&send(app.get(&list, Some(&bel)).await, 200).await), vec!["GI Een", "GI Twee"]);
    assert_eq!(queue(&send(app.get(&board, Some(&bel)).await, 200).await), vec!["GI Een", "GI Twee"]);
    assert_eq!(exported(bel.clone()).await, vec!["GI Een", "GI Twee"]);

    // Through the planner: both views change with the next read.
    let path = format!("/api/v1/enrolments/{}/priority", ids[1]);
    send(put(&app, &path, &bel, &json!({"adjustment": 1, "reason": "Spoed"})).await, 200).await;
    assert_eq!(names(&send(app.get(&list, Some(&bel)).await, 200).await), vec!["GI Twee", "GI Een"]);
    assert_eq!(queue(&send(app.get(&board, Some(&bel)).await, 200).await), vec!["GI Twee", "GI Een"]);
    assert_eq!(exported(bel.clone()).await, vec!["GI Twee", "GI Een"]);

    // Behind its back (the connection another instance would use): seen within a second.
    sea_orm::ConnectionTrait::execute_unprepared(&app.db, &format!("UPDATE professionals SET name = 'GI Drie' WHERE id = (SELECT professional_id FROM enrolments WHERE id = {})", ids[0]))
        .await
        .expect("update");
    tokio::time::sleep(va_backend::cache::FRESH + std::time::Duration::from_millis(100)).await;
    assert_eq!(names(&send(app.get(&list, Some(&bel)).await, 200).await), vec!["GI Twee", "GI Drie"]);
    assert_eq!(queue(&send(app.get(&board, Some(&bel)).await, 200).await), vec!["GI Twee", "GI Drie"]);
    assert_eq!(exported(bel.clone()).await, vec!["GI Twee", "GI Drie"]);

    // Each caller's own view: a contact's answer is not BEL's.
    let contact = app.token("gi@demo.local").await;
    assert_eq!(names(&send(app.get(&list, Some(&contact)).await, 200).await).len(), 2);
    let venlo = app.token("gemeente.venlo@demo.local").await;
    assert!(names(&send(app.get(&list, Some(&venlo)).await, 200).await).is_empty());
    assert!(exported(venlo.clone()).await.is_empty(), "another organisation's contact gets its own export");
    assert_eq!(app.get(&board, Some(&contact)).await.status(), 403);
}

/// The waiting list and the requests list come a page at a time when asked:
/// the page is a slice of the whole list in its order, `X-Total-Count` says how
/// long the list is, and a limit out of range is refused with its field.
async fn long_lists_come_a_page_at_a_time_with_their_length(app: TestApp) {
    // Three requests, three on the list.
    for (name, email) in [("GI Een", "een@bjzl.demo.local"), ("GI Twee", "twee@bjzl.demo.local"), ("GI Drie", "drie@bjzl.demo.local")] {
        approved(&app, "gi@demo.local", "bel@demo.local", &[(name, email, false)]).await;
    }
    let prog = app.id_of("SELECT id FROM programmes").await;
    let bel = app.token("bel@demo.local").await;
    for base in [format!("/api/v1/programmes/{prog}/waitlist?"), "/api/v1/requests?pending=false&".to_string()] {
        let whole = app.get(&base, Some(&bel)).await;
        let total: usize = whole.headers()["x-total-count"].to_str().expect("header").parse().expect("number");
        let whole = send(whole, 200).await;
        let all = whole.as_array().expect("list").clone();
        assert_eq!(all.len(), total, "{base}");
        assert!(total >= 3, "{base}: {total}");
        let mut paged = Vec::new();
        for offset in (0..total + 2).step_by(2) {
            let page = app.get(&format!("{base}offset={offset}&limit=2"), Some(&bel)).await;
            assert_eq!(page.headers()["x-total-count"].to_str().expect("header"), total.to_string());
            let page = send(page, 200).await;
            let rows = page.as_array().expect("page");
            assert_eq!(rows.len(), total.saturating_sub(offset).min(2), "{base} at {offset}");
            paged.extend(rows.iter().cloned());
        }
        assert_eq!(paged, all, "{base}: the pages in order are the whole list");
        for (query, field) in [("limit=0", "limit"), ("limit=1001", "limit"), ("offset=99999999999", "offset")] {
            let refused = send(app.get(&format!("{base}{query}"), Some(&bel)).await, 422).await;
            assert_eq!(refused["errors"][0]["field"], field, "{base}{query}: {refused}");
        }
        assert_eq!(app.get(&format!("{base}limit=-1"), Some(&bel)).await.status(), 400);
    }
    // A page is the caller's: the region's ambassador sees a page of the region's requests only.
    let amb = app.token("ambassadeur.noord@demo.local").await;
    let theirs = app.get("/api/v1/requests?limit=1", Some(&amb)).await;
    let count: usize = theirs.headers()["x-total-count"].to_str().expect("header").parse().expect("number");
    let everyone: usize = app.get("/api/v1/requests?limit=1", Some(&bel)).await.headers()["x-total-count"].to_str().expect("header").parse().expect("number");
    assert!(count < everyone, "{count} of {everyone}");
}

db_tests!(
    the_list_orders_by_priority_then_approval_and_bel_reorders_only_with_a_reason,
    a_kept_answer_ends_with_every_change_and_an_outside_change_within_a_second,
    long_lists_come_a_page_at_a_time_with_their_length,
);

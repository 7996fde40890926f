//! The monitoring meeting: BEL schedules the three meetings of a year, attaches
//! a snapshot and records decisions and actions; ambassadors read all of it,
//! with the organisations of their own region only.

use crate::training::go_to;
use chrono::NaiveDate;
use serde_json::{json, Value};
use va_tests::{db_tests, expect_json as send, TestApp};

fn fields(body: &Value) -> Vec<(String, String)> {
    body["errors"].as_array().expect("errors").iter().map(|e| (e["field"].as_str().unwrap_or("").to_string(), e["code"].as_str().unwrap_or("").to_string())).collect()
}

fn pairs(v: &[(&str, &str)]) -> Vec<(String, String)> {
    v.iter().map(|(a, b)| (a.to_string(), b.to_string())).collect()
}

async fn schedule(app: &TestApp, token: &str, held_on: &str, label: &str) -> reqwest::Response {
    app.post_json("/api/v1/monitoring/meetings", Some(token), &json!({"held_on": held_on, "label": label, "location": "BEL, Roermond"})).await
}

async fn three_a_year_a_snapshot_decisions_and_actions(app: TestApp) {
    go_to(&app, NaiveDate::from_ymd_opt(2027, 2, 1).expect("date"));
    let bel = app.token("bel@demo.local").await;
    // Scheduled out of order: numbered by date within the year.
    let m2 = send(schedule(&app, &bel, "2027-06-16", "Overleg borging VA juni 2027").await, 200).await;
    let m1 = send(schedule(&app, &bel, "2027-03-10", "Overleg borging VA maart 2027").await, 200).await;
    let m3 = send(schedule(&app, &bel, "2027-10-13", "Overleg borging VA oktober 2027").await, 200).await;
    let id = |m: &Value| m["summary"]["id"].as_i64().expect("id");
    let (m1, m2, m3) = (id(&m1), id(&m2), id(&m3));
    let list = send(app.get("/api/v1/monitoring/meetings", Some(&bel)).await, 200).await;
    assert_eq!(list["can_edit"], true);
    let numbers: Vec<(i64, i64)> = list["years"][0]["meetings"].as_array().expect("meetings").iter().map(|m| (m["id"].as_i64().unwrap_or(0), m["number"].as_i64().unwrap_or(0))).collect();
    assert_eq!((list["years"][0]["year"].as_i64(), numbers), (Some(2027), vec![(m1, 1), (m2, 2), (m3, 3)]));

    // A fourth in 2027 is refused; 2028 takes one; moving it into 2027 is refused, within 2028 not.
    let body = send(schedule(&app, &bel, "2027-12-01", "Extra overleg").await, 409).await;
    assert_eq!(body["code"], "meetings_full");
    let next = id(&send(schedule(&app, &bel, "2028-03-08", "Overleg borging VA maart 2028").await, 200).await);
    let moved = app.put_json(&format!("/api/v1/monitoring/meetings/{next}"), Some(&bel), &json!({"held_on": "2027-12-01", "label": "Overleg"})).await;
    assert_eq!(send(moved, 409).await["code"], "meetings_full");
    send(app.put_json(&format!("/api/v1/monitoring/meetings/{next}"), Some(&bel), &json!({"held_on": "2028-03-15", "label": "Overleg borging VA maart 2028"})).await, 200).await;
    assert_eq!(app.count("monitoring_meetings").await, 4);

    // Bad input, each at its field; nothing stored.
    let body = send(app.post_json("/api/v1/monitoring/meetings", Some(&bel), &json!({"held_on": "1999-03-10", "label": " ", "snapshot_id": 999_999})).await, 422).await;
    assert_eq!(fields(&body), pairs(&[("held_on", "out_of_range"), ("label", "required"), ("snapshot_id", "unknown")]));
    send(app.post_json("/api/v1/monitoring/meetings", Some(&bel), &json!({"held_on": "2029-13-01", "label": "x"})).await, 400).await;
    let nul = app.post_json("/api/v1/monitoring/meetings", Some(&bel), &json!({"held_on": "2029-03-01", "label": "a\u{0}b"})).await.status().as_u16();
    assert!(nul == 400 || nul == 422, "{nul}");
    send(app.get("/api/v1/monitoring/meetings/999999", Some(&bel)).await, 404).await;
    assert_eq!(app.count("monitoring_meetings").await, 4);

    // The snapshot discussed, attached; the change is audited field by field.
    let snap = send(app.post_json("/api/v1/monitoring/snapshots", Some(&bel), &json!({"label": "Maart 2027"})).await, 200).await;
    let snap_id = snap["current"]["id"].as_i64().expect("snapshot");
    let put = json!({"held_on": "2027-03-10", "label": "Overleg borging VA maart 2027", "location": "BEL, Roermond", "snapshot_id": snap_id, "notes": "Alle drie regio's aanwezig."});
    let meeting = send(app.put_json(&format!("/api/v1/monitoring/meetings/{m1}"), Some(&bel), &put).await, 200).await;
    assert_eq!(meeting["summary"]["snapshot"]["id"], snap_id);
    assert_eq!(meeting["snapshot"]["dashboard"]["total"], snap["dashboard"]["total"]);
    let changes = app.db_text(&format!("SELECT changes FROM audit_log WHERE action = 'meeting.updated' AND subject = 'meeting:{m1}'")).await;
    let changes: Value = serde_json::from_str(&changes).expect("changes");
    let changed: Vec<&str> = changes.as_array().expect("list").iter().filter_map(|c| c["field"].as_str()).collect();
    assert_eq!(changed, vec!["snapshot_id", "notes"]);

    // Items: a decision; an action needs an owner and a date not before the meeting.
    let zuid = app.id_of("SELECT id FROM regions WHERE code = 'zuid'").await;
    let items = format!("/api/v1/monitoring/meetings/{m1}/items");
    send(app.post_json(&items, Some(&bel), &json!({"kind": "decision", "text": "Extra groep voor Zuid-Limburg in het najaar."})).await, 200).await;
    let body = send(app.post_json(&items, Some(&bel), &json!({"kind": "action", "text": "Wachtlijst Zuid nabellen"})).await, 422).await;
    assert_eq!(fields(&body), pairs(&[("owner", "required"), ("due_on", "required")]));
    let body = send(app.post_json(&items, Some(&bel), &json!({"kind": "action", "text": "Wachtlijst Zuid nabellen", "owner": "Ambassadeur Zuid", "due_on": "2027-03-09", "region_id": 999_999})).await, 422).await;
    assert_eq!(fields(&body), pairs(&[("due_on", "before_meeting"), ("region_id", "unknown")]));
    send(app.post_json(&items, Some(&bel), &json!({"kind": "memo", "text": "x"})).await, 400).await;
    send(app.post_json(&items, Some(&bel), &json!({"kind": "action", "text": "Wachtlijst Zuid nabellen", "owner": "Ambassadeur Zuid", "due_on": "2027-04-01", "region_id": zuid})).await, 200).await;
    let meeting = send(app.post_json(&items, Some(&bel), &json!({"kind": "action", "text": "Begroting lerend netwerk", "owner": "BEL", "due_on": "2027-05-01"})).await, 200).await;
    assert_eq!((meeting["summary"]["decisions"].as_i64(), meeting["summary"]["actions_open"].as_i64()), (Some(1), Some(2)));
    let item_id = |m: &Value, text: &str| m["items"].as_array().expect("items").iter().find(|i| i["text"] == text).and_then(|i| i["id"].as_i64()).expect("item");
    let (decision, call, budget) = (item_id(&meeting, "Extra groep voor Zuid-Limburg in het najaar."), item_id(&meeting, "Wachtlijst Zuid nabellen"), item_id(&meeting, "Begroting lerend netwerk"));

    // Done, done again (the first date stays), open again; a decision has no such state.
    let done = send(app.put_json(&format!("/api/v1/monitoring/meeting-items/{call}"), Some(&bel), &json!({"done": true})).await, 200).await;
    let at = done["items"].as_array().expect("items").iter().find(|i| i["id"] == call).map(|i| i["done_at"].clone()).expect("done");
    assert!(at.is_string());
    let again = send(app.put_json(&format!("/api/v1/monitoring/meeting-items/{call}"), Some(&bel), &json!({"done": true})).await, 200).await;
    assert_eq!(again["items"].as_array().expect("items").iter().find(|i| i["id"] == call).map(|i| i["done_at"].clone()), Some(at));
    assert_eq!((again["summary"]["actions_open"].as_i64(), again["summary"]["actions_done"].as_i64()), (Some(1), Some(1)));
    let body = send(app.put_json(&format!("/api/v1/monitoring/meeting-items/{decision}"), Some(&bel), &json!({"done": true})).await, 409).await;
    assert_eq!(body["code"], "invalid_transition");
    send(app.put_json(&format!("/api/v1/monitoring/meeting-items/{call}"), Some(&bel), &json!({"done": false})).await, 200).await;

    // Overdue once the date has passed, in the list of open actions by date.
    go_to(&app, NaiveDate::from_ymd_opt(2027, 4, 2).expect("date"));
    let list = send(app.get("/api/v1/monitoring/meetings", Some(&bel)).await, 200).await;
    let open: Vec<(i64, bool)> = list["open_actions"].as_array().expect("open").iter().map(|i| (i["id"].as_i64().unwrap_or(0), i["overdue"] == true)).collect();
    assert_eq!(open, vec![(call, true), (budget, false)]);

    // Ambassadors read every meeting and action; the snapshot's organisations of their own region only.
    let noord = app.token("ambassadeur.noord@demo.local").await;
    let seen = send(app.get("/api/v1/monitoring/meetings", Some(&noord)).await, 200).await;
    assert_eq!((seen["can_edit"].as_bool(), seen["open_actions"].as_array().map(Vec::len)), (Some(false), Some(2)));
    assert_eq!(seen["open_actions"][0]["own_region"], false);
    let zuid_token = app.token("ambassadeur.zuid@demo.local").await;
    assert_eq!(send(app.get("/api/v1/monitoring/meetings", Some(&zuid_token)).await, 200).await["open_actions"][0]["own_region"], true);
    let m = send(app.get(&format!("/api/v1/monitoring/meetings/{m1}"), Some(&noord)).await, 200).await;
    let regions = m["snapshot"]["dashboard"]["regions"].as_array().expect("regions");
    let full = snap["dashboard"]["regions"].as_array().expect("regions");
    assert_eq!(regions.len(), full.len());
    for (r, f) in regions.iter().zip(full) {
        assert_eq!(r["figures"], f["figures"], "every region's figures");
        let own = r["region"]["name"] == "Noord-Limburg";
        assert_eq!((r["detail"] == true, r["organisations"].as_array().is_some_and(|o| !o.is_empty())), (own, own), "{}", r["region"]);
    }
    assert_eq!(m["snapshot"]["dashboard"]["total"], snap["dashboard"]["total"]);
    let snaps = send(app.get("/api/v1/monitoring/snapshots", Some(&noord)).await, 200).await;
    assert_eq!(snaps.as_array().map(Vec::len), Some(1));

    // Only BEL changes; contacts and trainers do not even read.
    let before = app.count("audit_log").await;
    send(schedule(&app, &noord, "2029-03-01", "x").await, 403).await;
    send(app.put_json(&format!("/api/v1/monitoring/meetings/{m1}"), Some(&noord), &put).await, 403).await;
    send(app.post_json(&items, Some(&noord), &json!({"kind": "decision", "text": "x"})).await, 403).await;
    send(app.put_json(&format!("/api/v1/monitoring/meeting-items/{call}"), Some(&noord), &json!({"done": true})).await, 403).await;
    send(app.delete(&format!("/api/v1/monitoring/meeting-items/{call}"), Some(&noord)).await, 403).await;
    send(app.delete(&format!("/api/v1/monitoring/meetings/{next}"), Some(&noord)).await, 403).await;
    for who in ["gemeente.venlo@demo.local", "trainer@demo.local"] {
        let t = app.token(who).await;
        send(app.get("/api/v1/monitoring/meetings", Some(&t)).await, 403).await;
        send(app.get(&format!("/api/v1/monitoring/meetings/{m1}"), Some(&t)).await, 403).await;
        send(app.get("/api/v1/monitoring/snapshots", Some(&t)).await, 403).await;
    }
    assert_eq!(app.count("audit_log").await, before, "refusals change nothing");

    // An item recorded by mistake goes; the audit names each step.
    let after = send(app.delete(&format!("/api/v1/monitoring/meeting-items/{budget}"), Some(&bel)).await, 200).await;
    assert_eq!(after["items"].as_array().map(Vec::len), Some(2));
    send(app.delete(&format!("/api/v1/monitoring/meeting-items/{budget}"), Some(&bel)).await, 404).await;
    // A meeting scheduled by mistake goes; one with decisions or actions stays.
    let body = send(app.delete(&format!("/api/v1/monitoring/meetings/{m1}"), Some(&bel)).await, 409).await;
    assert_eq!(body["code"], "conflict");
    assert_eq!(app.delete(&format!("/api/v1/monitoring/meetings/{next}"), Some(&bel)).await.status(), 204);
    send(app.delete(&format!("/api/v1/monitoring/meetings/{next}"), Some(&bel)).await, 404).await;
    assert_eq!(app.count("monitoring_meetings").await, 3);
    for action in ["meeting.created", "meeting.updated", "meeting.decision", "meeting.action", "meeting.action_done", "meeting.item_removed", "meeting.removed"] {
        assert!(app.scalar::<i64>(&format!("SELECT COUNT(*) FROM audit_log WHERE action = '{action}'")).await > 0, "{action}");
    }
}

db_tests!(three_a_year_a_snapshot_decisions_and_actions);

//! Offers of freed seats, substitution windows, quotas, extra groups and the
//! job runner, on the real server with a movable clock.

use serde_json::{json, Value};
use va_backend::jobs;
use va_tests::expect_json as send;
use va_tests::{db_tests, TestApp};

use super::waitlist::approved;

const VENLO: &str = "gemeente.venlo@demo.local";
const NOORD: &str = "ambassadeur.noord@demo.local";
const BEL: &str = "bel@demo.local";
const GI: &str = "gi@demo.local";

async fn prog(app: &TestApp) -> i64 {
    app.id_of("SELECT id FROM programmes").await
}

async fn group(app: &TestApp, prefix: &str) -> i64 {
    app.id_of(&format!("SELECT id FROM training_groups WHERE name LIKE '{prefix}%'")).await
}

/// The waiting-list settings with some fields changed.
async fn settings(app: &TestApp, change: Value) {
    let bel = app.token(BEL).await;
    let p = prog(app).await;
    let mut s = json!({
        "offer_hours": 72, "substitution_hours": 48, "regional_quotas": false, "quota_cutoff_days": 21,
        "extra_group_threshold": 12, "cost_per_group_eur": 4000, "cost_per_trainer_day_eur": 1100, "trainer_days_per_group": 8
    });
    for (k, v) in change.as_object().expect("object") {
        s[k] = v.clone();
    }
    send(app.put_json(&format!("/api/v1/programmes/{p}/waitlist-settings"), Some(&bel), &s).await, 200).await;
}

async fn capacity(app: &TestApp, g: i64, n: i64) -> reqwest::Response {
    let bel = app.token(BEL).await;
    app.put_json(&format!("/api/v1/groups/{g}/capacity"), Some(&bel), &json!({"capacity": n})).await
}

async fn allocate(app: &TestApp, enrolment: i64, g: i64) -> reqwest::Response {
    let bel = app.token(BEL).await;
    app.post_json(&format!("/api/v1/enrolments/{enrolment}/allocate"), Some(&bel), &json!({"group_id": g})).await
}

async fn withdraw(app: &TestApp, who: &str, enrolment: i64) -> reqwest::Response {
    let t = app.token(who).await;
    app.post_json(&format!("/api/v1/enrolments/{enrolment}/withdraw"), Some(&t), &json!({"reason": "Langdurig ziek"})).await
}

/// The newest offer link sent to `to`.
async fn offer_token(app: &TestApp, to: &str) -> String {
    let body = app
        .db_text(&format!("SELECT body_text FROM email_outbox WHERE template = 'waitlist_offer' AND to_addr = '{to}' ORDER BY id DESC"))
        .await;
    let start = body.find("aanbod?token=").expect("offer link") + "aanbod?token=".len();
    body[start..].chars().take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.')).collect()
}

async fn answer(app: &TestApp, token: &str, accept: bool, keep: bool) -> reqwest::Response {
    app.post_json("/api/v1/offers/answer", None, &json!({"token": token, "accept": accept, "keep_on_list": keep})).await
}

async fn n(app: &TestApp, sql: &str) -> i64 {
    app.scalar::<i64>(&format!("SELECT CAST(COUNT(*) AS BIGINT) FROM {sql}")).await
}

async fn seats(app: &TestApp, g: i64) -> (i64, i64, i64) {
    let taken = app.scalar::<i64>(&format!("SELECT CAST(seats_taken AS BIGINT) FROM training_groups WHERE id = {g}")).await;
    let held = app.scalar::<i64>(&format!("SELECT CAST(seats_held AS BIGINT) FROM training_groups WHERE id = {g}")).await;
    let cap = app.scalar::<i64>(&format!("SELECT CAST(capacity AS BIGINT) FROM training_groups WHERE id = {g}")).await;
    (taken, held, cap)
}

/// The counters agree with the rows: seats taken are placed enrolments, seats held are open holds.
async fn assert_consistent(app: &TestApp, g: i64) {
    let (taken, held, cap) = seats(app, g).await;
    assert_eq!(taken, n(app, &format!("enrolments WHERE group_id = {g} AND status = 'placed'")).await, "taken = placed");
    assert_eq!(held, n(app, &format!("seat_holds WHERE group_id = {g} AND status = 'open'")).await, "held = open holds");
    assert!(taken + held <= cap, "{taken} taken + {held} held > {cap}");
}

async fn status(app: &TestApp, enrolment: i64) -> String {
    app.db_text(&format!("SELECT status FROM enrolments WHERE id = {enrolment}")).await
}

/// A group with one seat, taken by Sanne (Venlo); Bram and Fleur approved after her, on the list.
async fn one_seat_taken(app: &TestApp) -> (i64, Vec<i64>) {
    let g5 = group(app, "Groep 5").await;
    send(capacity(app, g5, 1).await, 200).await;
    let ids = approved(
        app,
        VENLO,
        NOORD,
        &[
            ("Sanne Willems", "s.willems@venlo.demo.local", false),
            ("Bram Jacobs", "b.jacobs@venlo.demo.local", false),
            ("Fleur Gielen", "f.gielen@venlo.demo.local", false),
        ],
    )
    .await;
    send(allocate(app, ids[0], g5).await, 200).await;
    (g5, ids)
}

async fn a_freed_seat_is_offered_in_order_and_accepted_by_link(app: TestApp) {
    settings(&app, json!({"substitution_hours": 0})).await;
    let (g5, ids) = one_seat_taken(&app).await;
    // Nothing is offered while the group is full.
    assert_eq!(n(&app, "seat_holds").await, 0);
    send(withdraw(&app, VENLO, ids[0]).await, 200).await;
    // The seat is held for the first on the list, Bram; his organisation is told too.
    assert_eq!(seats(&app, g5).await, (0, 1, 1));
    assert_eq!(n(&app, &format!("seat_holds WHERE enrolment_id = {} AND status = 'open'", ids[1])).await, 1);
    assert_eq!(n(&app, "email_outbox WHERE template = 'waitlist_offer_contact'").await, 1);
    let token = offer_token(&app, "b.jacobs@venlo.demo.local").await;

    // The link shows the offer without an account; an altered link is refused.
    let offer = send(app.post_json("/api/v1/offers/lookup", None, &json!({"token": token})).await, 200).await;
    assert_eq!((offer["professional"].as_str(), offer["status"].as_str()), (Some("Bram Jacobs"), Some("open")));
    assert_eq!(offer["days"].as_array().expect("days").len(), 4);
    let forged = token.replacen("offer.", "offer.9", 1);
    let body = send(app.post_json("/api/v1/offers/lookup", None, &json!({"token": forged})).await, 400).await;
    assert_eq!(body["code"], "token_invalid");
    send(app.post_json("/api/v1/offers/lookup", None, &json!({"token": "x"})).await, 400).await;

    // The organisation sees the offer in flight and its position.
    let contact = app.token(VENLO).await;
    let p = prog(&app).await;
    let mine = send(app.get(&format!("/api/v1/programmes/{p}/waitlist-overview"), Some(&contact)).await, 200).await;
    assert_eq!(mine["offers"][0]["professional"], "Bram Jacobs");
    assert_eq!(mine["entries"][0]["offer_group"], "Groep 5 - Noord-Limburg");

    let placed = send(answer(&app, &token, true, true).await, 200).await;
    assert_eq!(placed["status"], "accepted");
    assert_eq!(status(&app, ids[1]).await, "placed");
    assert_eq!(seats(&app, g5).await, (1, 0, 1));
    // The placement mail carries the calendar; the link works once.
    let ics = app.db_text("SELECT attachment FROM email_outbox WHERE template = 'placed_professional' AND to_addr = 'b.jacobs@venlo.demo.local'").await;
    assert!(ics.contains("BEGIN:VCALENDAR"));
    let body = send(answer(&app, &token, true, true).await, 409).await;
    assert_eq!(body["code"], "offer_not_open");
    // The timeline tells the story.
    let request = app.id_of(&format!("SELECT request_id FROM enrolments WHERE id = {}", ids[1])).await;
    let view = send(app.get(&format!("/api/v1/requests/{request}"), Some(&contact)).await, 200).await;
    let actions: Vec<&str> = view["timeline"].as_array().expect("timeline").iter().filter_map(|t| t["action"].as_str()).collect();
    assert!(actions.ends_with(&["offer", "offer_accepted"]), "{actions:?}");
    assert_consistent(&app, g5).await;
}

async fn two_accepts_of_one_offer_place_once(app: TestApp) {
    settings(&app, json!({"substitution_hours": 0})).await;
    let (g5, ids) = one_seat_taken(&app).await;
    send(withdraw(&app, VENLO, ids[0]).await, 200).await;
    let token = offer_token(&app, "b.jacobs@venlo.demo.local").await;
    let answers = (0..20).map(|_| {
        let client = app.client.clone();
        let url = app.url("/api/v1/offers/answer");
        let token = token.clone();
        tokio::spawn(async move {
            let res = client.post(url).json(&json!({"token": token, "accept": true})).send().await.expect("send");
            let status = res.status().as_u16();
            let body: Value = res.json().await.unwrap_or(Value::Null);
            (status, body["code"].as_str().unwrap_or_default().to_string())
        })
    });
    let mut codes = Vec::new();
    for h in answers {
        codes.push(h.await.expect("join"));
    }
    codes.sort();
    // The first wins; every later answer reads its outcome: the offer is no longer open.
    let mut want = vec![(200, String::new())];
    want.extend(std::iter::repeat_n((409, "offer_not_open".to_string()), 19));
    assert_eq!(codes, want);
    assert_eq!(seats(&app, g5).await, (1, 0, 1));
    assert_eq!(n(&app, "email_outbox WHERE template = 'placed_professional'").await, 2, "Sanne's and Bram's, once each");
    assert_consistent(&app, g5).await;
}

async fn an_answer_after_the_deadline_is_refused_and_the_seat_goes_on(app: TestApp) {
    settings(&app, json!({"substitution_hours": 0, "offer_hours": 24})).await;
    let (g5, ids) = one_seat_taken(&app).await;
    send(withdraw(&app, VENLO, ids[0]).await, 200).await;
    let bram = offer_token(&app, "b.jacobs@venlo.demo.local").await;

    // Just before the deadline nothing happens; after it, the job runner offers the seat on.
    app.state.settings.clock.advance(chrono::Duration::hours(23));
    assert_eq!(jobs::tick(&app.state).await.expect("tick").expired, 0);
    app.state.settings.clock.advance(chrono::Duration::hours(2));
    let t = jobs::tick(&app.state).await.expect("tick");
    assert_eq!(t.expired, 1);
    assert_eq!(jobs::tick(&app.state).await.expect("tick again").expired, 0, "nothing twice");
    let body = send(answer(&app, &bram, true, true).await, 409).await;
    assert_eq!(body["code"], "offer_expired");
    assert_eq!(status(&app, ids[1]).await, "approved", "Bram stays on the list");
    assert_eq!(n(&app, "email_outbox WHERE template = 'waitlist_offer_expired' AND to_addr = 'b.jacobs@venlo.demo.local'").await, 1);
    let fleur = offer_token(&app, "f.gielen@venlo.demo.local").await;
    assert_eq!(seats(&app, g5).await, (0, 1, 1));

    // Fleur answers late too, before the job runner ran: the answer itself finds the deadline passed.
    app.state.settings.clock.advance(chrono::Duration::hours(25));
    let body = send(answer(&app, &fleur, true, true).await, 409).await;
    assert_eq!(body["code"], "offer_expired");
    assert_eq!(n(&app, &format!("seat_holds WHERE enrolment_id = {} AND status = 'expired'", ids[2])).await, 1);
    // Bram answered this group already and Fleur too: nobody left to offer it to.
    assert_eq!(seats(&app, g5).await, (0, 0, 1));
    assert_consistent(&app, g5).await;
}

async fn a_declined_offer_keeps_or_drops_the_entry(app: TestApp) {
    settings(&app, json!({"substitution_hours": 0})).await;
    let (g5, ids) = one_seat_taken(&app).await;
    send(withdraw(&app, VENLO, ids[0]).await, 200).await;
    let bram = offer_token(&app, "b.jacobs@venlo.demo.local").await;
    // The seat board shows who holds an open offer, for which group and until when.
    let bel = app.token("bel@demo.local").await;
    let board = send(app.get(&format!("/api/v1/programmes/{}/seat-board", prog(&app).await), Some(&bel)).await, 200).await;
    let entries: Vec<&Value> = board["queue"].as_array().expect("queue").iter().chain(board["waitlist"].as_array().expect("waitlist")).collect();
    let held: Vec<&Value> = entries.iter().copied().filter(|e| !e["open_offer"].is_null()).collect();
    assert_eq!(held.len(), 1, "{board}");
    assert_eq!((held[0]["enrolment_id"].as_i64(), held[0]["open_offer"]["group"]["id"].as_i64()), (Some(ids[1]), Some(g5)));
    assert!(held[0]["open_offer"]["deadline"].is_string());
    let res = send(answer(&app, &bram, false, true).await, 200).await;
    assert_eq!((res["status"].as_str(), res["on_list"].as_bool()), (Some("declined"), Some(true)));
    assert_eq!(status(&app, ids[1]).await, "approved");
    let fleur = offer_token(&app, "f.gielen@venlo.demo.local").await;
    let res = send(answer(&app, &fleur, false, false).await, 200).await;
    assert_eq!((res["status"].as_str(), res["on_list"].as_bool()), (Some("declined"), Some(false)));
    assert_eq!(status(&app, ids[2]).await, "withdrawn");
    // Only leaving the list is news for the organisation.
    assert_eq!(n(&app, "email_outbox WHERE template = 'offer_declined_contact' AND to_addr = 'gemeente.venlo@demo.local'").await, 1);
    assert_eq!(seats(&app, g5).await, (0, 0, 1));
    assert_consistent(&app, g5).await;
}

async fn no_offer_or_substitution_once_a_group_has_started(app: TestApp) {
    let ids = approved(&app, VENLO, NOORD, &[("Sanne Willems", "s.willems@venlo.demo.local", false), ("Bram Jacobs", "b.jacobs@venlo.demo.local", false)]).await;
    // Groep 4 started in October 2026.
    let g4 = group(&app, "Groep 4").await;
    let bel = app.token(BEL).await;
    let path = format!("/api/v1/enrolments/{}/allocate", ids[0]);
    let refused = app.post_json(&path, Some(&bel), &json!({"group_id": g4})).await;
    assert_eq!(send(refused, 409).await["code"], "group_started", "a started group needs a confirmed late entry");
    send(app.post_json(&path, Some(&bel), &json!({"group_id": g4, "late_entry": true})).await, 200).await;
    send(withdraw(&app, VENLO, ids[0]).await, 200).await;
    assert_eq!(n(&app, "seat_holds").await, 0);
    let body = send(app.post_json("/api/v1/offers", Some(&bel), &json!({"enrolment_id": ids[1], "group_id": g4, "reason": "Spoed"})).await, 409).await;
    assert_eq!(body["code"], "group_started");

    // Groep 5: an offer made before the start ends at the latest the evening before the first day.
    let g5 = group(&app, "Groep 5").await;
    let days_to_start = (chrono::NaiveDate::from_ymd_opt(2027, 1, 19).expect("d") - app.state.settings.clock.today()).num_days();
    app.state.settings.clock.advance(chrono::Duration::days(days_to_start - 1));
    let offer = send(app.post_json("/api/v1/offers", Some(&bel), &json!({"enrolment_id": ids[1], "group_id": g5, "reason": "Start morgen"})).await, 201).await;
    let deadline: chrono::DateTime<chrono::Utc> = serde_json::from_value(offer["deadline"].clone()).expect("deadline");
    assert!(va_backend::clock::local_date(deadline) < chrono::NaiveDate::from_ymd_opt(2027, 1, 19).expect("d"));
    assert_eq!(offer["manual_reason"], "Start morgen");
    // On the first day the offer can no longer be accepted.
    app.state.settings.clock.advance(chrono::Duration::days(1));
    let token = offer_token(&app, "b.jacobs@venlo.demo.local").await;
    let body = send(answer(&app, &token, true, true).await, 409).await;
    assert!(body["code"] == "offer_expired" || body["code"] == "group_started", "{body}");
    assert_eq!(status(&app, ids[1]).await, "approved");
    assert_consistent(&app, g5).await;
}

async fn a_withdrawal_racing_allocations_never_double_books(app: TestApp) {
    settings(&app, json!({"substitution_hours": 0})).await;
    let g6 = group(&app, "Groep 6").await;
    send(capacity(&app, g6, 4).await, 200).await;
    let placed = approved(&app, VENLO, NOORD, &[
        ("A1", "a1@venlo.demo.local", false), ("A2", "a2@venlo.demo.local", false),
        ("A3", "a3@venlo.demo.local", false), ("A4", "a4@venlo.demo.local", false),
    ]).await;
    for id in &placed {
        send(allocate(&app, *id, g6).await, 200).await;
    }
    let waiting = approved(&app, GI, BEL, &[
        ("B1", "b1@bjzl.demo.local", false), ("B2", "b2@bjzl.demo.local", false),
        ("B3", "b3@bjzl.demo.local", false), ("B4", "b4@bjzl.demo.local", false),
    ]).await;
    let bel = app.token(BEL).await;
    let contact = app.token(VENLO).await;
    let mut jobs = Vec::new();
    for (a, b) in placed.iter().zip(&waiting) {
        let (client, url_w, url_a) = (app.client.clone(), app.url(&format!("/api/v1/enrolments/{a}/withdraw")), app.url(&format!("/api/v1/enrolments/{b}/allocate")));
        let (c1, bel, contact) = (client.clone(), bel.clone(), contact.clone());
        jobs.push(tokio::spawn(async move { c1.post(url_w).bearer_auth(contact).json(&json!({})).send().await.expect("send").status().as_u16() }));
        jobs.push(tokio::spawn(async move { client.post(url_a).bearer_auth(bel).json(&json!({"group_id": g6})).send().await.expect("send").status().as_u16() }));
    }
    for j in jobs {
        let code = j.await.expect("join");
        assert!(code == 200 || code == 409, "{code}");
    }
    assert_consistent(&app, g6).await;
    // Every B has at most one seat: placed, or an open offer, not both.
    for b in &waiting {
        let seats_of_b = n(&app, &format!("enrolments WHERE id = {b} AND status = 'placed'")).await
            + n(&app, &format!("seat_holds WHERE enrolment_id = {b} AND status = 'open'")).await;
        assert!(seats_of_b <= 1, "B {b} has {seats_of_b} seats");
    }
    assert_eq!(n(&app, &format!("enrolments WHERE group_id = {g6} AND status = 'placed'")).await, seats(&app, g6).await.0);
}

async fn withdrawals_in_four_groups_at_once_give_one_person_one_offer(app: TestApp) {
    settings(&app, json!({"substitution_hours": 0})).await;
    let groups = [group(&app, "Groep 5").await, group(&app, "Groep 6").await, group(&app, "Groep 7").await, group(&app, "Groep 8").await];
    let placed = approved(&app, VENLO, NOORD, &[
        ("A", "a@venlo.demo.local", false), ("B", "b@venlo.demo.local", false), ("C", "c@venlo.demo.local", false), ("D", "d@venlo.demo.local", false),
    ]).await;
    for (g, id) in groups.iter().zip(&placed) {
        send(capacity(&app, *g, 1).await, 200).await;
        send(allocate(&app, *id, *g).await, 200).await;
    }
    let x = approved(&app, GI, BEL, &[("X", "x@bjzl.demo.local", false)]).await[0];
    let contact = app.token(VENLO).await;
    let jobs: Vec<_> = placed
        .iter()
        .map(|id| {
            let (client, url, t) = (app.client.clone(), app.url(&format!("/api/v1/enrolments/{id}/withdraw")), contact.clone());
            tokio::spawn(async move { client.post(url).bearer_auth(t).json(&json!({})).send().await.expect("send").status().as_u16() })
        })
        .collect();
    for j in jobs {
        assert_eq!(j.await.expect("join"), 200);
    }
    assert_eq!(n(&app, &format!("seat_holds WHERE enrolment_id = {x} AND status = 'open'")).await, 1, "one offer for X");
    let mut held = 0;
    for g in groups {
        held += seats(&app, g).await.1;
        assert_consistent(&app, g).await;
    }
    assert_eq!(held, 1, "one seat held");
}

async fn an_open_offer_survives_a_restart(app: TestApp) {
    settings(&app, json!({"substitution_hours": 0})).await;
    let (g5, ids) = one_seat_taken(&app).await;
    send(withdraw(&app, VENLO, ids[0]).await, 200).await;
    let token = offer_token(&app, "b.jacobs@venlo.demo.local").await;
    let deadline = app.db_text("SELECT CAST(deadline AS TEXT) FROM seat_holds").await;
    let mails = n(&app, "email_outbox WHERE template = 'waitlist_offer'").await;

    // A second server on the same database, as after a restart; once the first
    // has delivered its mail, so two writers do not race on one SQLite file.
    for _ in 0..100 {
        if n(&app, "email_outbox WHERE sent_at IS NULL AND failed_at IS NULL").await == 0 {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    let again = va_backend::Application::build(app.settings.clone()).await.expect("restart");
    let state = again.state.clone();
    let base = format!("http://127.0.0.1:{}", again.port());
    tokio::spawn(again.run_until_stopped());
    jobs::tick(&state).await.expect("tick");
    assert_eq!(app.db_text("SELECT CAST(deadline AS TEXT) FROM seat_holds").await, deadline, "same deadline");
    assert_eq!(n(&app, "seat_holds WHERE status = 'open'").await, 1, "still open, not repeated");
    assert_eq!(n(&app, "email_outbox WHERE template = 'waitlist_offer'").await, mails, "no second offer mail");
    let res = app.client.post(format!("{base}/api/v1/offers/answer")).json(&json!({"token": token, "accept": true})).send().await.expect("send");
    assert_eq!(res.status(), 200);
    assert_eq!(seats(&app, g5).await, (1, 0, 1));
}

async fn an_organisation_names_a_substitute_within_the_window(app: TestApp) {
    let (g5, ids) = one_seat_taken(&app).await;
    let answer = send(withdraw(&app, VENLO, ids[0]).await, 200).await;
    // The answer names the window it opened.
    let sanne = answer["enrolments"].as_array().expect("enrolments").iter().find(|e| e["id"] == ids[0]).expect("sanne").clone();
    let opened = sanne["substitution"]["id"].as_i64().expect("the window in the answer");
    assert!(sanne["substitution"]["until"].is_string(), "{sanne}");
    // The seat is held for Venlo, not offered to the list yet.
    assert_eq!(seats(&app, g5).await, (0, 1, 1));
    assert_eq!(n(&app, "seat_holds WHERE kind = 'offer'").await, 0);
    assert_eq!(n(&app, "email_outbox WHERE template = 'substitution_window' AND to_addr = 'gemeente.venlo@demo.local'").await, 1);
    let contact = app.token(VENLO).await;
    let p = prog(&app).await;
    let mine = send(app.get(&format!("/api/v1/programmes/{p}/waitlist-overview"), Some(&contact)).await, 200).await;
    let window = mine["substitutions"][0]["id"].as_i64().expect("window");
    assert_eq!(window, opened);
    assert_eq!(mine["substitutions"][0]["withdrawn"], "Sanne Willems");

    let path = format!("/api/v1/substitutions/{window}/substitute");
    let body = send(app.post_json(&path, Some(&contact), &json!({"name": "Koen Peters", "email": "geen-adres"})).await, 422).await;
    assert_eq!(body["errors"][0]["field"], "email");
    let other = app.token("gemeente.maastricht@demo.local").await;
    send(app.post_json(&path, Some(&other), &json!({"name": "X", "email": "x@maastricht.nl"})).await, 404).await;
    // Bram is enrolled already: not a substitute.
    let body = send(app.post_json(&path, Some(&contact), &json!({"name": "Bram Jacobs", "email": "b.jacobs@venlo.demo.local"})).await, 409).await;
    assert_eq!(body["code"], "already_enrolled");
    assert_eq!(seats(&app, g5).await, (0, 1, 1), "a refusal changes nothing");
    let done = send(app.post_json(&path, Some(&contact), &json!({"name": "Koen Peters", "email": "k.peters@venlo.nl", "function": "Medewerker toegangsteam"})).await, 200).await;
    assert_eq!((done["status"].as_str(), done["substitute"].as_str()), (Some("substituted"), Some("Koen Peters")));
    assert_eq!(seats(&app, g5).await, (1, 0, 1));
    assert_eq!(n(&app, "email_outbox WHERE template = 'placed_professional' AND to_addr = 'k.peters@venlo.nl'").await, 1);
    let body = send(app.post_json(&path, Some(&contact), &json!({"name": "Y", "email": "y@venlo.nl"})).await, 409).await;
    assert_eq!(body["code"], "offer_not_open");
    // Another organisation learns nothing of the window's state: 404, not 409.
    send(app.post_json(&path, Some(&other), &json!({"name": "X", "email": "x@maastricht.nl"})).await, 404).await;
    send(app.post_json(&format!("/api/v1/substitutions/{window}/release"), Some(&other), &json!({})).await, 404).await;
    assert_consistent(&app, g5).await;

    // The next withdrawal: nobody named within 48 hours, so the list gets the seat.
    let koen = app.id_of("SELECT e.id FROM enrolments e JOIN professionals p ON p.id = e.professional_id WHERE p.email = 'k.peters@venlo.nl'").await;
    send(withdraw(&app, VENLO, koen).await, 200).await;
    app.state.settings.clock.advance(chrono::Duration::hours(47));
    assert_eq!(jobs::tick(&app.state).await.expect("tick").released, 0);
    app.state.settings.clock.advance(chrono::Duration::hours(2));
    assert_eq!(jobs::tick(&app.state).await.expect("tick").released, 1);
    assert_eq!(n(&app, &format!("seat_holds WHERE kind = 'offer' AND status = 'open' AND enrolment_id = {}", ids[1])).await, 1);
    assert_consistent(&app, g5).await;
}

async fn reserved_seats_keep_other_regions_out_until_the_cut_off(app: TestApp) {
    settings(&app, json!({"regional_quotas": true, "substitution_hours": 0})).await;
    let g5 = group(&app, "Groep 5").await;
    let noord = app.id_of("SELECT id FROM regions WHERE code = 'noord'").await;
    send(capacity(&app, g5, 2).await, 200).await;
    let bel = app.token(BEL).await;
    let path = format!("/api/v1/groups/{g5}/quotas");
    send(app.put_json(&path, Some(&bel), &json!({"quotas": [{"region_id": noord, "seats": 3}]})).await, 422).await;
    send(app.put_json(&path, Some(&bel), &json!({"quotas": [{"region_id": 999, "seats": 1}]})).await, 422).await;
    let seatsv = send(app.put_json(&path, Some(&bel), &json!({"quotas": [{"region_id": noord, "seats": 1}]})).await, 200).await;
    assert!(seatsv["quota_until"].is_string());

    let gi = approved(&app, GI, BEL, &[("GI Een", "een@bjzl.demo.local", false), ("GI Twee", "twee@bjzl.demo.local", false)]).await;
    send(allocate(&app, gi[0], g5).await, 200).await;
    let body = send(allocate(&app, gi[1], g5).await, 409).await;
    assert_eq!(body["code"], "seat_reserved");
    assert_eq!(seats(&app, g5).await, (1, 0, 2), "the refusal took no seat");

    // Three weeks before the first day the reservation ends and the seat is offered to the list.
    let cutoff = chrono::NaiveDate::from_ymd_opt(2026, 12, 29).expect("d");
    let days = (cutoff - app.state.settings.clock.today()).num_days();
    app.state.settings.clock.advance(chrono::Duration::days(days - 1));
    assert_eq!(jobs::tick(&app.state).await.expect("tick").quotas_released, 0);
    app.state.settings.clock.advance(chrono::Duration::days(1));
    assert_eq!(jobs::tick(&app.state).await.expect("tick").quotas_released, 1);
    assert_eq!(n(&app, &format!("seat_holds WHERE kind = 'offer' AND status = 'open' AND enrolment_id = {}", gi[1])).await, 1);
    assert_consistent(&app, g5).await;
}

async fn bel_changes_capacity_and_offers_out_of_order_only_with_a_reason(app: TestApp) {
    settings(&app, json!({"substitution_hours": 0})).await;
    let (g5, ids) = one_seat_taken(&app).await;
    // Lower than taken: refused. Raised: the new seats go to the list in order.
    let body = send(capacity(&app, g5, 0).await, 422).await;
    assert_eq!(body["errors"][0]["field"], "capacity");
    send(capacity(&app, g5, 3).await, 200).await;
    assert_eq!(seats(&app, g5).await, (1, 2, 3));
    let body = send(capacity(&app, g5, 2).await, 409).await;
    assert_eq!(body["code"], "capacity_too_low");
    assert_eq!(n(&app, "seat_holds WHERE kind = 'offer' AND status = 'open'").await, 2);

    // A manual offer needs a reason, a waiting entry without an open offer and a free seat.
    let bel = app.token(BEL).await;
    let g6 = group(&app, "Groep 6").await;
    send(app.post_json("/api/v1/offers", Some(&bel), &json!({"enrolment_id": ids[1], "group_id": g6, "reason": " "})).await, 422).await;
    let body = send(app.post_json("/api/v1/offers", Some(&bel), &json!({"enrolment_id": ids[1], "group_id": g6, "reason": "Voorkeur"})).await, 409).await;
    assert_eq!(body["code"], "conflict");
    let body = send(app.post_json("/api/v1/offers", Some(&bel), &json!({"enrolment_id": ids[0], "group_id": g6, "reason": "x"})).await, 409).await;
    assert_eq!(body["code"], "invalid_transition");
    let noord = app.token(NOORD).await;
    assert_eq!(app.post_json("/api/v1/offers", Some(&noord), &json!({"enrolment_id": ids[1], "group_id": g6, "reason": "x"})).await.status(), 403);
    let late = approved(&app, GI, BEL, &[("GI Drie", "drie@bjzl.demo.local", false)]).await;
    let offer = send(app.post_json("/api/v1/offers", Some(&bel), &json!({"enrolment_id": late[0], "group_id": g6, "reason": "Enige GI-medewerker met UHP-zaken"})).await, 201).await;
    assert_eq!(offer["manual_reason"], "Enige GI-medewerker met UHP-zaken");
    let p = prog(&app).await;
    let board = send(app.get(&format!("/api/v1/programmes/{p}/waitlist-board"), Some(&bel)).await, 200).await;
    assert_eq!(board["offers"].as_array().expect("offers").iter().filter(|o| o["status"] == "open").count(), 3);
    assert_eq!(app.get(&format!("/api/v1/programmes/{p}/waitlist-board"), Some(&noord)).await.status(), 403);
    assert_consistent(&app, g5).await;
    assert_consistent(&app, g6).await;
}

async fn settings_out_of_range_are_refused_field_by_field(app: TestApp) {
    let bel = app.token(BEL).await;
    let p = prog(&app).await;
    let body = send(
        app.put_json(&format!("/api/v1/programmes/{p}/waitlist-settings"), Some(&bel), &json!({
            "offer_hours": 0, "substitution_hours": 48, "regional_quotas": false, "quota_cutoff_days": 21,
            "extra_group_threshold": 0, "cost_per_group_eur": -1, "cost_per_trainer_day_eur": 1100, "trainer_days_per_group": 8
        })).await,
        422,
    )
    .await;
    let fields: Vec<&str> = body["errors"].as_array().expect("errors").iter().filter_map(|e| e["field"].as_str()).collect();
    assert_eq!(fields, vec!["offer_hours", "extra_group_threshold", "cost_per_group_eur"]);
    let programmes = send(app.get("/api/v1/programmes", Some(&bel)).await, 200).await;
    assert_eq!(programmes[0]["waitlist"]["offer_hours"], 72, "nothing changed");
}

async fn an_extra_group_is_proposed_at_the_threshold_within_the_budget(app: TestApp) {
    settings(&app, json!({"extra_group_threshold": 3})).await;
    let bel = app.token(BEL).await;
    let p = prog(&app).await;
    let board_path = format!("/api/v1/programmes/{p}/waitlist-board");
    approved(&app, VENLO, NOORD, &[("N1", "n1@venlo.demo.local", false), ("N2", "n2@venlo.demo.local", false)]).await;
    let board = send(app.get(&board_path, Some(&bel)).await, 200).await;
    assert_eq!(board["proposals"].as_array().expect("proposals").len(), 0, "below the threshold");
    approved(&app, VENLO, NOORD, &[("N3", "n3@venlo.demo.local", true)]).await;
    let board = send(app.get(&board_path, Some(&bel)).await, 200).await;
    let proposal = board["proposals"][0].clone();
    assert_eq!(proposal["scope_region"]["name"], "Noord-Limburg");
    assert_eq!((proposal["waiting_count"].as_i64(), proposal["suggested_size"].as_i64()), (Some(3), Some(3)));
    // 4,000 + 8 trainer days of 1,100, paid from the year the group can start in:
    // the next decision round is January 2027, which has no budget yet and Groep 5-8 committed.
    assert_eq!(proposal["cost_eur"], 12_800);
    assert_eq!((proposal["budget_year"].as_i64(), proposal["budget_eur"].as_i64()), (Some(2027), None));
    assert_eq!((proposal["remaining_eur"].as_i64(), proposal["fits"].as_bool()), (Some(-51_200), Some(false)));
    assert_eq!(n(&app, "email_outbox WHERE template = 'extra_group_proposal'").await, 1);
    // One proposal per scope: the job runner adds none.
    assert_eq!(jobs::tick(&app.state).await.expect("tick").proposals, 0);

    // The group would run in 2027, which has no budget yet: refused with what is missing.
    let id = proposal["id"].as_i64().expect("id");
    let trainer = app.id_of("SELECT id FROM users WHERE email = 'trainer@demo.local'").await;
    let approve = json!({"capacity": 12, "trainer_id": trainer, "days": [
        {"day": "2027-02-02", "starts_at": "09:30", "ends_at": "16:30", "place": "BEL trainingslocatie Venlo"},
        {"day": "2027-02-16", "starts_at": "09:30", "ends_at": "16:30", "place": "BEL trainingslocatie Venlo"}
    ]});
    let path = format!("/api/v1/proposals/{id}/approve");
    let body = send(app.post_json(&path, Some(&bel), &approve).await, 409).await;
    assert_eq!(body["code"], "over_budget");
    let groups_before = app.count("training_groups").await;
    send(app.put_json("/api/v1/budgets/2027", Some(&bel), &json!({"training_eur": 60_000})).await, 200).await;
    let body = send(app.post_json(&path, Some(&bel), &approve).await, 409).await;
    assert!(body["detail"].as_str().expect("detail").contains("EUR 4000"), "{body}");
    let bad = json!({"capacity": 0, "days": [{"day": "2026-01-01", "starts_at": "9", "ends_at": "08:00", "place": ""}]});
    let body = send(app.post_json(&path, Some(&bel), &bad).await, 422).await;
    assert!(body["errors"].as_array().expect("errors").len() >= 4, "{body}");
    assert_eq!(app.count("training_groups").await, groups_before, "refusals create nothing");
    let budget = send(app.put_json("/api/v1/budgets/2027", Some(&bel), &json!({"training_eur": 80_000})).await, 200).await;
    assert_eq!((budget["committed_eur"].as_i64(), budget["remaining_eur"].as_i64()), (Some(51_200), Some(28_800)));

    let done = send(app.post_json(&path, Some(&bel), &approve).await, 200).await;
    assert_eq!(done["status"], "approved");
    assert_eq!(done["group"]["name"], "Extra groep 1 - Noord-Limburg");
    // Its seats went out in list order: RET/UHP first.
    let g = done["group"]["id"].as_i64().expect("group");
    assert_eq!(seats(&app, g).await, (0, 3, 12));
    let first = app.db_text(&format!("SELECT p.name FROM seat_holds h JOIN enrolments e ON e.id = h.enrolment_id JOIN professionals p ON p.id = e.professional_id WHERE h.group_id = {g} ORDER BY h.id")).await;
    assert_eq!(first, "N3");
    let budgets = send(app.get("/api/v1/budgets", Some(&bel)).await, 200).await;
    let y2027 = budgets.as_array().expect("budgets").iter().find(|b| b["year"] == 2027).expect("2027").clone();
    assert_eq!(y2027["committed_eur"], 64_000);
    send(app.post_json(&path, Some(&bel), &approve).await, 409).await;
    assert_eq!(jobs::tick(&app.state).await.expect("tick").proposals, 0, "the waiting have offers now");

    // GI professionals have no region: the whole list gets a proposal; declined with a reason.
    approved(&app, GI, BEL, &[("G1", "g1@bjzl.demo.local", false), ("G2", "g2@bjzl.demo.local", false), ("G3", "g3@bjzl.demo.local", false)]).await;
    let board = send(app.get(&board_path, Some(&bel)).await, 200).await;
    let open: Vec<&Value> = board["proposals"].as_array().expect("proposals").iter().filter(|p| p["status"] == "open").collect();
    assert_eq!(open.len(), 1);
    assert!(open[0]["scope_region"].is_null());
    let id = open[0]["id"].as_i64().expect("id");
    send(app.post_json(&format!("/api/v1/proposals/{id}/decline"), Some(&bel), &json!({"reason": ""})).await, 422).await;
    // The list grows while the proposal waits: the decision sees four, not the three it was made for.
    approved(&app, GI, BEL, &[("G4", "g4@bjzl.demo.local", false)]).await;
    let declined = send(app.post_json(&format!("/api/v1/proposals/{id}/decline"), Some(&bel), &json!({"reason": "Wacht op voorjaarsgroepen"})).await, 200).await;
    assert_eq!(declined["decision_reason"], "Wacht op voorjaarsgroepen");
    assert_eq!(jobs::tick(&app.state).await.expect("tick").proposals, 0, "not again until the list grows past what the decision saw");
    approved(&app, GI, BEL, &[("G5", "g5@bjzl.demo.local", false)]).await;
    let board = send(app.get(&board_path, Some(&bel)).await, 200).await;
    assert_eq!(board["proposals"].as_array().expect("proposals").iter().filter(|p| p["status"] == "open").count(), 1, "grown: a new one");
}

db_tests!(
    a_freed_seat_is_offered_in_order_and_accepted_by_link,
    two_accepts_of_one_offer_place_once,
    an_answer_after_the_deadline_is_refused_and_the_seat_goes_on,
    a_declined_offer_keeps_or_drops_the_entry,
    no_offer_or_substitution_once_a_group_has_started,
    a_withdrawal_racing_allocations_never_double_books,
    withdrawals_in_four_groups_at_once_give_one_person_one_offer,
    an_open_offer_survives_a_restart,
    an_organisation_names_a_substitute_within_the_window,
    reserved_seats_keep_other_regions_out_until_the_cut_off,
    bel_changes_capacity_and_offers_out_of_order_only_with_a_reason,
    settings_out_of_range_are_refused_field_by_field,
    an_extra_group_is_proposed_at_the_threshold_within_the_budget,
);

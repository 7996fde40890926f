//! Training delivery: days and invitations, attendance within its window, closing a group.

use chrono::NaiveDate;
use serde_json::{json, Value};
use va_tests::expect_json as send;
use va_tests::{db_tests, TestApp};

use super::waitlist::approved;

pub(crate) async fn placed_in_groep_5(app: &TestApp, people: &[(&str, &str, bool)]) -> (i64, Vec<i64>) {
    let g5 = app.id_of("SELECT id FROM training_groups WHERE name LIKE 'Groep 5%'").await;
    let ids = approved(app, "gemeente.venlo@demo.local", "ambassadeur.noord@demo.local", people).await;
    let bel = app.token("bel@demo.local").await;
    for id in &ids {
        send(app.post_json(&format!("/api/v1/enrolments/{id}/allocate"), Some(&bel), &json!({"group_id": g5})).await, 200).await;
    }
    (g5, ids)
}

/// Moves the clock to a date (days ahead only).
pub(crate) fn go_to(app: &TestApp, date: NaiveDate) {
    let days = (date - app.state.settings.clock.today()).num_days();
    app.state.settings.clock.advance(chrono::Duration::days(days));
}

pub(crate) async fn mark(app: &TestApp, token: &str, day: i64, marks: Value) -> reqwest::Response {
    app.put_json(&format!("/api/v1/training-days/{day}/attendance"), Some(token), &json!({"marks": marks})).await
}

pub(crate) fn day_ids(view: &Value) -> Vec<i64> {
    view["days"].as_array().expect("days").iter().map(|d| d["id"].as_i64().expect("id")).collect()
}

async fn attendance_is_marked_in_its_window_and_closing_applies_the_completion_rule(app: TestApp) {
    let (g5, ids) = placed_in_groep_5(&app, &[("Sanne Willems", "s.willems@venlo.demo.local", false), ("Bram Jacobs", "b.jacobs@venlo.demo.local", false)]).await;
    let (sanne, bram) = (ids[0], ids[1]);
    let trainer = app.token("trainer@demo.local").await;
    let mine = send(app.get("/api/v1/trainer/groups", Some(&trainer)).await, 200).await;
    assert!(mine.as_array().expect("groups").iter().any(|g| g["id"] == g5), "the demo trainer runs Groep 5");
    let view = send(app.get(&format!("/api/v1/groups/{g5}/attendance"), Some(&trainer)).await, 200).await;
    let days = day_ids(&view);
    assert_eq!(days.len(), 4);
    let noord = app.token("ambassadeur.noord@demo.local").await;
    assert_eq!(app.get(&format!("/api/v1/groups/{g5}/attendance"), Some(&noord)).await.status(), 403);

    // Not before the day.
    let body = send(mark(&app, &trainer, days[0], json!([{"enrolment_id": sanne, "status": "present"}])).await, 409).await;
    assert_eq!(body["code"], "attendance_closed");
    let dates = [(2027, 1, 19), (2027, 2, 2), (2027, 2, 16), (2027, 3, 2)].map(|(y, m, d)| NaiveDate::from_ymd_opt(y, m, d).expect("date"));
    for (i, (day, date)) in days.iter().zip(dates).enumerate() {
        go_to(&app, date);
        // Bram misses day 2 without excuse; Sanne is excused once.
        let bram_mark = if i == 1 { "absent" } else { "present" };
        let sanne_mark = if i == 2 { "excused" } else { "present" };
        let view = send(
            mark(&app, &trainer, *day, json!([
                {"enrolment_id": sanne, "status": sanne_mark, "note": (i == 2).then_some("Ziek gemeld")},
                {"enrolment_id": bram, "status": bram_mark}
            ])).await,
            200,
        )
        .await;
        if i == 0 {
            // Closing before the last day is refused.
            let body = send(app.post_json(&format!("/api/v1/groups/{g5}/close"), Some(&trainer), &json!({})).await, 409).await;
            assert_eq!(body["code"], "attendance_incomplete");
            assert_eq!(view["can_close"], false);
        }
        if i == 2 {
            // Day 1's window (14 days) has closed by now.
            let body = send(mark(&app, &trainer, days[0], json!([{"enrolment_id": bram, "status": "absent"}])).await, 409).await;
            assert_eq!(body["code"], "attendance_closed");
            // Someone outside the group cannot be marked.
            let other = approved(&app, "gi@demo.local", "bel@demo.local", &[("GI Een", "een@bjzl.demo.local", false)]).await[0];
            let body = send(mark(&app, &trainer, *day, json!([{"enrolment_id": other, "status": "present"}])).await, 422).await;
            assert_eq!(body["errors"][0]["code"], "not_a_participant");
        }
    }
    let view = send(app.get(&format!("/api/v1/groups/{g5}/attendance"), Some(&trainer)).await, 200).await;
    assert_eq!(view["can_close"], true);
    let sanne_row = view["participants"].as_array().expect("p").iter().find(|p| p["enrolment_id"] == sanne).expect("sanne").clone();
    assert_eq!(sanne_row["marks"][2]["note"], "Ziek gemeld");

    let closed = send(app.post_json(&format!("/api/v1/groups/{g5}/close"), Some(&trainer), &json!({})).await, 200).await;
    assert!(closed["closed_at"].is_string());
    assert_eq!(closed["group"]["status"], "completed");
    assert_eq!(app.db_text(&format!("SELECT status FROM enrolments WHERE id = {sanne}")).await, "trained");
    assert_eq!(app.db_text(&format!("SELECT CAST(trained_on AS TEXT) FROM enrolments WHERE id = {sanne}")).await, "2027-03-02");
    assert_eq!(app.db_text(&format!("SELECT status FROM enrolments WHERE id = {bram}")).await, "not_completed");
    let reason = app.db_text(&format!("SELECT last_reason FROM enrolments WHERE id = {bram}")).await;
    assert!(reason.contains("afwezig"), "{reason}");
    // Closed once; and a closed group takes no more marks.
    send(app.post_json(&format!("/api/v1/groups/{g5}/close"), Some(&trainer), &json!({})).await, 409).await;
    let body = send(mark(&app, &trainer, days[3], json!([{"enrolment_id": sanne, "status": "present"}])).await, 409).await;
    assert_eq!(body["code"], "attendance_closed");
    // The organisation sees it on the request.
    let venlo = app.token("gemeente.venlo@demo.local").await;
    let request = app.id_of(&format!("SELECT request_id FROM enrolments WHERE id = {sanne}")).await;
    let view = send(app.get(&format!("/api/v1/requests/{request}"), Some(&venlo)).await, 200).await;
    let statuses: Vec<&str> = view["enrolments"].as_array().expect("e").iter().filter_map(|e| e["status"].as_str()).collect();
    assert_eq!(statuses, vec!["trained", "not_completed"]);
}

async fn a_changed_or_cancelled_day_updates_every_invitation(app: TestApp) {
    let (g5, ids) = placed_in_groep_5(&app, &[("Sanne Willems", "s.willems@venlo.demo.local", false)]).await;
    let bel = app.token("bel@demo.local").await;
    let view = send(app.get(&format!("/api/v1/groups/{g5}/attendance"), Some(&bel)).await, 200).await;
    let days = day_ids(&view);
    let change = |reason: &str| json!({"day": "2027-02-04", "starts_at": "10:00", "ends_at": "16:00", "place": "BEL trainingslocatie Venray", "reason": reason});
    let body = send(app.put_json(&format!("/api/v1/training-days/{}", days[1]), Some(&bel), &change(" ")).await, 422).await;
    assert_eq!(body["errors"][0]["field"], "reason");
    let mails_before = app.count("email_outbox").await;
    let view = send(app.put_json(&format!("/api/v1/training-days/{}", days[1]), Some(&bel), &change("Zaal niet beschikbaar")).await, 200).await;
    assert_eq!(view["days"][1]["sequence"], 1);
    assert_eq!(view["days"][1]["place"], "BEL trainingslocatie Venray");
    assert_eq!(app.count("email_outbox").await, mails_before + 1, "one mail per participant");
    let ics = app.db_text("SELECT attachment FROM email_outbox WHERE template = 'training_day_changed'").await;
    let uid = format!("UID:va-day-{}-enrolment-{}@va-planner.bel-limburg.nl", days[1], ids[0]);
    assert!(ics.contains(&uid) && ics.contains("SEQUENCE:1\r\n") && ics.contains("DTSTART;TZID=Europe/Amsterdam:20270204T100000"), "{ics}");
    // The placement invitation had the same UID at SEQUENCE 0: calendars replace the event.
    let first = app.db_text("SELECT attachment FROM email_outbox WHERE template = 'placed_professional'").await;
    assert!(first.contains(&uid) && first.contains("SEQUENCE:0\r\n"));
    let body = app.db_text("SELECT body_text FROM email_outbox WHERE template = 'training_day_changed'").await;
    assert!(body.contains("Zaal niet beschikbaar"));

    send(app.post_json(&format!("/api/v1/training-days/{}/cancel", days[2]), Some(&bel), &json!({"reason": ""})).await, 422).await;
    let view = send(app.post_json(&format!("/api/v1/training-days/{}/cancel", days[2]), Some(&bel), &json!({"reason": "Trainer ziek"})).await, 200).await;
    assert_eq!(view["days"][2]["cancelled"], true);
    let ics = app.db_text("SELECT attachment FROM email_outbox WHERE template = 'training_day_cancelled'").await;
    assert!(ics.contains("METHOD:CANCEL") && ics.contains("STATUS:CANCELLED") && ics.contains("SEQUENCE:1\r\n"), "{ics}");
    // Three held days remain for attendance.
    assert_eq!(view["participants"][0]["marks"].as_array().expect("marks").len(), 3);
    send(app.post_json(&format!("/api/v1/training-days/{}/cancel", days[2]), Some(&bel), &json!({"reason": "Nogmaals"})).await, 409).await;
    // A day that took place is history: neither changed nor cancelled.
    let today = app.state.settings.clock.today();
    let held = app.id_of(&format!("SELECT MAX(id) FROM training_days WHERE day < '{today}' AND status <> 'cancelled'")).await;
    let body = send(app.put_json(&format!("/api/v1/training-days/{held}"), Some(&bel), &change("Achteraf verplaatst")).await, 409).await;
    assert_eq!(body["code"], "conflict");
    let body = send(app.post_json(&format!("/api/v1/training-days/{held}/cancel"), Some(&bel), &json!({"reason": "Achteraf"})).await, 409).await;
    assert_eq!(body["code"], "conflict");
    // Trainers of other groups and other roles cannot change days.
    let venlo = app.token("gemeente.venlo@demo.local").await;
    assert_eq!(app.put_json(&format!("/api/v1/training-days/{}", days[1]), Some(&venlo), &change("x")).await.status(), 403);
}

db_tests!(
    attendance_is_marked_in_its_window_and_closing_applies_the_completion_rule,
    a_changed_or_cancelled_day_updates_every_invitation,
);

/// The reminder before each training day: the programme's number of days
/// before it, to every participant placed, once; 0 turns it off; a day past
/// its moment is not reminded afterwards.
async fn participants_are_reminded_before_each_training_day_once(app: TestApp) {
    let d = |m: u32, day: u32| NaiveDate::from_ymd_opt(2027, m, day).expect("date");
    placed_in_groep_5(&app, &[("Sanne Willems", "s.willems@venlo.demo.local", false), ("Bram Jacobs", "b.jacobs@venlo.demo.local", false)]).await;
    let tick = || async { va_backend::jobs::tick(&app.state).await.expect("tick").day_reminders };
    // Groep 5's first day is 19 January 2027; three days before by default.
    go_to(&app, d(1, 15));
    assert_eq!(tick().await, 0);
    go_to(&app, d(1, 16));
    assert_eq!(tick().await, 2);
    assert_eq!(tick().await, 0, "once");
    let mail = app.db_text("SELECT body_text FROM email_outbox WHERE template = 'training_day_reminder' AND to_addr = 's.willems@venlo.demo.local'").await;
    assert!(mail.contains("Op 19-01-2027 is trainingsdag 1 van 4 van Groep 5"), "{mail}");

    // The setting: 0-30 days, refused at its field outside; 0: no reminder for the second day.
    let bel = app.token("bel@demo.local").await;
    let prog = app.id_of("SELECT id FROM programmes").await;
    let url = format!("/api/v1/programmes/{prog}/delivery-settings");
    let mut s = send(app.get(&url, Some(&bel)).await, 200).await;
    assert_eq!(s["day_reminder_days"], 3);
    s["day_reminder_days"] = json!(31);
    let body = send(app.put_json(&url, Some(&bel), &s).await, 422).await;
    assert_eq!((body["errors"][0]["field"].as_str(), body["errors"][0]["code"].as_str()), (Some("day_reminder_days"), Some("out_of_range")));
    s["day_reminder_days"] = json!(0);
    send(app.put_json(&url, Some(&bel), &s).await, 200).await;
    go_to(&app, d(2, 1));
    assert_eq!(tick().await, 0, "off");
    // A week: the day of 2 February has passed and is not reminded afterwards; 16 February is, on the 9th.
    s["day_reminder_days"] = json!(7);
    send(app.put_json(&url, Some(&bel), &s).await, 200).await;
    go_to(&app, d(2, 8));
    assert_eq!(tick().await, 0);
    go_to(&app, d(2, 9));
    assert_eq!(tick().await, 2);
    assert_eq!(app.scalar::<i64>("SELECT COUNT(*) FROM email_outbox WHERE template = 'training_day_reminder'").await, 4);
    assert_eq!(app.scalar::<i64>("SELECT COUNT(*) FROM training_days WHERE reminder_sent_at IS NOT NULL").await, 2);
}

db_tests!(tweak crate::monitoring::own_ticks; participants_are_reminded_before_each_training_day_once);

//! The whole budget: a year's three lines (training, coaching and
//! supervision; learning questions; other) with spent and committed per line,
//! learning questions with the plan's conditions and their own budget, money
//! booked on the lines, and a line that would go over refused (409) until BEL
//! raises it; the same figures in the monitoring dashboard and report.

use chrono::Datelike;
use serde_json::{json, Value};
use va_tests::{db_tests, expect_json as send, TestApp};

fn fields(body: &Value) -> Vec<(String, String)> {
    body["errors"].as_array().expect("errors").iter().map(|e| (e["field"].as_str().unwrap_or("").to_string(), e["code"].as_str().unwrap_or("").to_string())).collect()
}

fn question(title: &str, region: Option<i64>, budget: i64, year: i32) -> Value {
    json!({
        "title": title, "region_id": region, "goal": "Onderzoeken hoe JIM en VA elkaar versterken.", "target_group": "Jeugdprofessionals",
        "partners": "BEL, trainers, JIM-coaches", "starts_on": format!("{year}-02-01"), "ends_on": format!("{year}-11-30"),
        "capacity": "Projectleider 8 uur per week", "outcomes": "Handvatten voor professionals", "sharing": "In het lerend netwerk",
        "budget_eur": budget, "budget_year": year
    })
}

/// (budget, spent, committed, remaining) of a line in a year's figures.
fn line(year: &Value, kind: &str) -> (i64, i64, i64, i64) {
    let l = year["lines"].as_array().expect("lines").iter().find(|l| l["line"] == kind).cloned().unwrap_or(Value::Null);
    let n = |f: &str| l[f].as_i64().unwrap_or(i64::MIN);
    (n("budget_eur"), n("spent_eur"), n("committed_eur"), n("remaining_eur"))
}

async fn year_of(app: &TestApp, token: &str, year: i32) -> Value {
    let o = send(app.get("/api/v1/budget", Some(token)).await, 200).await;
    o["years"].as_array().expect("years").iter().find(|y| y["year"] == year).cloned().expect("the year")
}

async fn decide(app: &TestApp, token: &str, id: i64, decision: &str, note: Option<&str>) -> reqwest::Response {
    app.post_json(&format!("/api/v1/learning-questions/{id}/decision"), Some(token), &json!({"decision": decision, "note": note})).await
}

async fn book(app: &TestApp, token: &str, line: &str, q: Option<i64>, eur: i64, on: chrono::NaiveDate) -> reqwest::Response {
    app.post_json("/api/v1/budget/expenses", Some(token), &json!({"line": line, "learning_question_id": q, "description": "Zaalhuur en catering", "amount_eur": eur, "spent_on": on})).await
}

async fn lines_questions_and_bookings(app: TestApp) {
    let bel = app.token("bel@demo.local").await;
    let noord = app.token("ambassadeur.noord@demo.local").await;
    let zuid = app.token("ambassadeur.zuid@demo.local").await;
    let venlo = app.token("gemeente.venlo@demo.local").await;
    let trainer = app.token("trainer@demo.local").await;
    let today = app.state.settings.clock.today();
    let y = today.year();
    // Days of this year on either side of today (clamped at the year's ends).
    let first = chrono::NaiveDate::from_ymd_opt(y, 1, 1).expect("day");
    let last = chrono::NaiveDate::from_ymd_opt(y, 12, 31).expect("day");
    let past = (today - chrono::Duration::days(10)).max(first);
    let to_come = (today + chrono::Duration::days(10)).min(last);

    // The plan's lines, set by BEL; others may not.
    let lines = json!({"training_eur": 115_000, "learning_questions_eur": 35_000, "other_eur": 25_000});
    for t in [&noord, &venlo, &trainer] {
        assert_eq!(app.put_json(&format!("/api/v1/budgets/{y}"), Some(t), &lines).await.status(), 403);
    }
    let bad = send(app.put_json(&format!("/api/v1/budgets/{y}"), Some(&bel), &json!({"training_eur": 115_000, "other_eur": -1})).await, 422).await;
    assert_eq!(fields(&bad), [("other_eur".to_string(), "out_of_range".to_string())]);
    let set = send(app.put_json(&format!("/api/v1/budgets/{y}"), Some(&bel), &lines).await, 200).await;
    assert_eq!(set["total"]["budget_eur"], 175_000);
    let training = line(&set, "training");
    assert_eq!(
        (training.0, training.1, training.2, training.3),
        (115_000, set["spent_eur"].as_i64().unwrap_or(-1), set["committed_eur"].as_i64().unwrap_or(-1), set["remaining_eur"].as_i64().unwrap_or(-1)),
        "the training line is the figures the waiting-list board and planner show"
    );
    assert_eq!(line(&set, "learning_questions"), (35_000, 0, 0, 35_000));
    assert_eq!(line(&set, "other"), (25_000, 0, 0, 25_000));
    // Leaving a line out keeps it.
    let kept = send(app.put_json(&format!("/api/v1/budgets/{y}"), Some(&bel), &json!({"training_eur": 115_000})).await, 200).await;
    assert_eq!(line(&kept, "other").0, 25_000);

    // Learning questions: registered by an ambassador for their own region, by BEL for any or supra-regional.
    for t in [&venlo, &trainer] {
        assert_eq!(app.get("/api/v1/learning-questions", Some(t)).await.status(), 403);
        assert_eq!(app.post_json("/api/v1/learning-questions", Some(t), &question("X", None, 1_000, y)).await.status(), 403);
    }
    let noord_id = app.id_of("SELECT id FROM regions WHERE code = 'noord'").await;
    let zuid_id = app.id_of("SELECT id FROM regions WHERE code = 'zuid'").await;
    let outside = send(app.post_json("/api/v1/learning-questions", Some(&noord), &question("VA in Heerlen", Some(zuid_id), 6_500, y)).await, 422).await;
    assert_eq!(fields(&outside), [("region_id".to_string(), "outside_scope".to_string())]);
    let mut broken = question("", None, -5, 1999);
    broken["goal"] = json!("   ");
    broken["starts_on"] = json!(format!("{y}-03-01"));
    broken["ends_on"] = json!(format!("{y}-01-15"));
    broken["partners"] = json!("");
    let errs = fields(&send(app.post_json("/api/v1/learning-questions", Some(&bel), &broken).await, 422).await);
    for f in ["title", "goal", "partners", "ends_on", "budget_eur", "budget_year"] {
        assert!(errs.iter().any(|(field, _)| field == f), "{f} in {errs:?}");
    }
    let mut nul = question("Leervraag", None, 1_000, y);
    nul["partners"] = json!("BEL\u{0}");
    assert_eq!(app.post_json("/api/v1/learning-questions", Some(&bel), &nul).await.status(), 400, "PostgreSQL keeps no NUL");
    assert_eq!(app.count("learning_questions").await, 0, "nothing stored by a refusal");
    let venray = send(app.post_json("/api/v1/learning-questions", Some(&noord), &question("VA in het jeugdteam Venray", None, 6_500, y)).await, 200).await;
    assert_eq!((venray["region"]["id"].as_i64(), venray["status"].as_str()), (Some(noord_id), Some("proposed")));
    assert!(venray["spent_eur"].is_null() && venray["committed_eur"].is_null(), "the money is BEL's to read");
    assert_eq!((venray["can_edit"].as_bool(), venray["can_decide"].as_bool()), (Some(true), Some(false)));
    let venray = venray["id"].as_i64().expect("id");
    let mails = |template: &str, to: &str| format!("SELECT COUNT(*) FROM email_outbox WHERE template = '{template}' AND to_addr = '{to}'");
    assert_eq!(app.scalar::<i64>(&mails("question_proposed", "bel@demo.local")).await, 1, "BEL hears of a region's question");
    let jim = send(app.post_json("/api/v1/learning-questions", Some(&bel), &question("Leervraag 1: JIM en VA", None, 35_000, y)).await, 200).await;
    assert!(jim["region"].is_null(), "supra-regional");
    let jim = jim["id"].as_i64().expect("id");
    // Everyone of the network reads them; a proposal holds no money.
    let listed = send(app.get("/api/v1/learning-questions", Some(&zuid)).await, 200).await;
    assert_eq!(listed.as_array().map(Vec::len), Some(2));
    assert_eq!(line(&year_of(&app, &bel, y).await, "learning_questions"), (35_000, 0, 0, 35_000));
    // Changed by its region's ambassador while proposed; not by another region's, and not decided by ambassadors.
    let mut changed = question("VA in het jeugdteam Venray", None, 6_000, y);
    changed["partners"] = json!("Gemeente Venray, jeugdteam");
    send(app.put_json(&format!("/api/v1/learning-questions/{venray}"), Some(&noord), &changed).await, 200).await;
    assert_eq!(app.put_json(&format!("/api/v1/learning-questions/{venray}"), Some(&zuid), &changed).await.status(), 403);
    assert_eq!(decide(&app, &noord, venray, "fund", None).await.status(), 403);
    let audit = app.db_text(&format!("SELECT changes FROM audit_log WHERE action = 'budget.question_changed' AND subject = 'learning_question:{venray}'")).await;
    assert!(audit.contains("partners") && audit.contains("6500") && !audit.contains("\"title\""), "before/after of what changed: {audit}");

    // Funding holds the budget on the line; what does not fit is refused until BEL raises the line.
    assert_eq!(decide(&app, &bel, jim, "fund", Some("Gefinancierd")).await.status(), 200);
    assert_eq!(line(&year_of(&app, &bel, y).await, "learning_questions"), (35_000, 0, 35_000, 0));
    let over = send(decide(&app, &bel, venray, "fund", None).await, 409).await;
    assert_eq!(over["code"], "over_budget");
    assert!(over["detail"].as_str().unwrap_or("").contains("EUR 6000 is missing"), "{over}");
    assert_eq!(app.db_text(&format!("SELECT status FROM learning_questions WHERE id = {venray}")).await, "proposed", "nothing changed");
    assert_eq!(send(decide(&app, &bel, jim, "fund", None).await, 409).await["code"], "invalid_transition");
    assert_eq!(fields(&send(decide(&app, &bel, venray, "decline", Some("  ")).await, 422).await), [("note".to_string(), "required".to_string())]);
    send(app.put_json(&format!("/api/v1/budgets/{y}"), Some(&bel), &json!({"training_eur": 115_000, "learning_questions_eur": 41_000})).await, 200).await;
    assert_eq!(send(decide(&app, &bel, venray, "fund", None).await, 200).await["status"], "funded");
    assert_eq!(app.scalar::<i64>(&mails("question_decided", "ambassadeur.noord@demo.local")).await, 1, "the ambassador hears the decision");
    assert_eq!(app.scalar::<i64>("SELECT COUNT(*) FROM email_outbox WHERE template LIKE 'question_%'").await, 2, "BEL's own question mails nobody");
    assert_eq!(line(&year_of(&app, &bel, y).await, "learning_questions"), (41_000, 0, 41_000, 0));
    assert_eq!(send(decide(&app, &bel, venray, "decline", Some("Te laat")).await, 409).await["code"], "invalid_transition");
    assert_eq!(app.put_json(&format!("/api/v1/learning-questions/{venray}"), Some(&noord), &changed).await.status(), 403, "funded: BEL's to change");

    // Bookings: on a funded question within its budget, on the other line within the line.
    for t in [&noord, &venlo, &trainer] {
        assert_eq!(book(&app, t, "other", None, 100, past).await.status(), 403);
        assert_eq!(app.get("/api/v1/budget", Some(t)).await.status(), 403);
    }
    let refused = [
        (book(&app, &bel, "training", None, 100, past).await, "line", "not_bookable"),
        (book(&app, &bel, "learning_questions", None, 100, past).await, "learning_question_id", "required"),
        (book(&app, &bel, "other", Some(jim), 100, past).await, "learning_question_id", "not_allowed"),
        (book(&app, &bel, "other", None, 0, past).await, "amount_eur", "out_of_range"),
    ];
    for (res, field, code) in refused {
        assert_eq!(fields(&send(res, 422).await), [(field.to_string(), code.to_string())]);
    }
    let paid = send(book(&app, &bel, "other", None, 3_000, past).await, 200).await;
    assert_eq!((paid["spent"].as_bool(), paid["budget_year"].as_i64()), (Some(true), Some(i64::from(y))));
    let too_much = send(book(&app, &bel, "other", None, 30_000, past).await, 409).await;
    assert_eq!(too_much["code"], "over_budget");
    assert!(too_much["detail"].as_str().unwrap_or("").contains("EUR 8000 is missing"), "{too_much}");
    let promised = send(book(&app, &bel, "other", None, 2_000, to_come).await, 200).await;
    assert_eq!(promised["spent"].as_bool(), Some(to_come <= today));
    let other = line(&year_of(&app, &bel, y).await, "other");
    assert_eq!((other.1 + other.2, other.3), (5_000, 20_000));
    send(book(&app, &bel, "learning_questions", Some(jim), 10_000, past).await, 200).await;
    assert_eq!(line(&year_of(&app, &bel, y).await, "learning_questions"), (41_000, 10_000, 31_000, 0), "spent moves out of committed; the line holds the same");
    let beyond = send(book(&app, &bel, "learning_questions", Some(jim), 30_000, past).await, 409).await;
    assert!(beyond["detail"].as_str().unwrap_or("").contains("EUR 5000 is missing"), "beyond the question's own budget: {beyond}");

    // Closing frees what was not spent; a funded question's budget may grow only within the line.
    assert_eq!(send(decide(&app, &bel, jim, "close", Some("Pilot afgerond")).await, 200).await["status"], "closed");
    assert_eq!(line(&year_of(&app, &bel, y).await, "learning_questions"), (41_000, 10_000, 6_000, 25_000));
    let closed_booking = send(book(&app, &bel, "learning_questions", Some(jim), 100, past).await, 422).await;
    assert_eq!(fields(&closed_booking), [("learning_question_id".to_string(), "not_funded".to_string())]);
    let mut raise = changed.clone();
    raise["budget_eur"] = json!(40_000);
    assert_eq!(send(app.put_json(&format!("/api/v1/learning-questions/{venray}"), Some(&bel), &raise).await, 409).await["code"], "over_budget");
    raise["budget_eur"] = json!(20_000);
    send(app.put_json(&format!("/api/v1/learning-questions/{venray}"), Some(&bel), &raise).await, 200).await;
    assert_eq!(line(&year_of(&app, &bel, y).await, "learning_questions"), (41_000, 10_000, 20_000, 11_000));
    send(book(&app, &bel, "learning_questions", Some(venray), 5_000, past).await, 200).await;
    raise["budget_eur"] = json!(4_000);
    assert_eq!(fields(&send(app.put_json(&format!("/api/v1/learning-questions/{venray}"), Some(&bel), &raise).await, 422).await), [("budget_eur".to_string(), "below_booked".to_string())]);
    raise["budget_year"] = json!(y + 1);
    raise["budget_eur"] = json!(20_000);
    assert_eq!(fields(&send(app.put_json(&format!("/api/v1/learning-questions/{venray}"), Some(&bel), &raise).await, 422).await), [("budget_year".to_string(), "fixed_once_funded".to_string())]);
    assert_eq!(send(app.put_json(&format!("/api/v1/learning-questions/{jim}"), Some(&bel), &question("Leervraag 1", None, 35_000, y)).await, 409).await["code"], "invalid_transition");

    // A booking removed gives its money back; twice is 404.
    let before = line(&year_of(&app, &bel, y).await, "other");
    let id = promised["id"].as_i64().expect("id");
    assert_eq!(app.delete(&format!("/api/v1/budget/expenses/{id}"), Some(&venlo)).await.status(), 403);
    assert_eq!(app.delete(&format!("/api/v1/budget/expenses/{id}"), Some(&bel)).await.status(), 204);
    assert_eq!(app.delete(&format!("/api/v1/budget/expenses/{id}"), Some(&bel)).await.status(), 404);
    assert_eq!(line(&year_of(&app, &bel, y).await, "other").3, before.3 + 2_000);

    // One figure: the dashboard and the monitoring report carry the same lines; ambassadors see none.
    let figures = year_of(&app, &bel, y).await;
    let dash = send(app.get("/api/v1/monitoring/dashboard", Some(&bel)).await, 200).await;
    let dash_year = dash["budgets"].as_array().expect("budgets").iter().find(|b| b["year"] == y).cloned().expect("year");
    assert_eq!((&dash_year["lines"], &dash_year["total"]), (&figures["lines"], &figures["total"]));
    assert_eq!(send(app.get("/api/v1/monitoring/dashboard", Some(&noord)).await, 200).await["budgets"], json!([]));
    let csv = app.get("/api/v1/exports/monitoring?format=csv", Some(&bel)).await.text().await.expect("csv");
    let lq = line(&figures, "learning_questions");
    let row = format!("{y};Leervragen;{};{};{};{}", lq.0, lq.1, lq.2, lq.3);
    assert!(csv.contains(&row), "{row} in the report");
    let t = &figures["total"];
    assert!(csv.contains(&format!("{y};Totaal;{};{};{};{}", t["budget_eur"], t["spent_eur"], t["committed_eur"], t["remaining_eur"])), "the total in the report");
    // Every decision and booking is in the audit.
    for action in ["budget.set", "budget.question_proposed", "budget.question_funded", "budget.question_closed", "budget.expense_booked", "budget.expense_removed"] {
        assert!(app.scalar::<i64>(&format!("SELECT COUNT(*) FROM audit_log WHERE action = '{action}'")).await > 0, "{action}");
    }
}

/// Five questions of 4,000 funded at once from a line of 10,000: two fit; six
/// bookings of 3,000 at once on a line of 10,000: three fit.
async fn concurrent_funding_and_booking_never_overspend_a_line(app: TestApp) {
    let bel = app.token("bel@demo.local").await;
    let today = app.state.settings.clock.today();
    let y = today.year();
    send(app.put_json(&format!("/api/v1/budgets/{y}"), Some(&bel), &json!({"training_eur": 115_000, "learning_questions_eur": 10_000, "other_eur": 10_000})).await, 200).await;
    let mut ids = Vec::new();
    for i in 0..5 {
        ids.push(send(app.post_json("/api/v1/learning-questions", Some(&bel), &question(&format!("Leervraag {i}"), None, 4_000, y)).await, 200).await["id"].as_i64().expect("id"));
    }
    let calls = ids.iter().map(|id| {
        let (app, bel) = (&app, bel.clone());
        async move { decide(app, &bel, *id, "fund", None).await.status().as_u16() }
    });
    let mut statuses = futures_util::future::join_all(calls).await;
    statuses.sort_unstable();
    assert_eq!(statuses, [200, 200, 409, 409, 409]);
    assert_eq!(app.scalar::<i64>("SELECT COUNT(*) FROM learning_questions WHERE status = 'funded'").await, 2);
    let calls = (0..6).map(|_| {
        let (app, bel) = (&app, bel.clone());
        async move { book(app, &bel, "other", None, 3_000, today).await.status().as_u16() }
    });
    let mut statuses = futures_util::future::join_all(calls).await;
    statuses.sort_unstable();
    assert_eq!(statuses, [200, 200, 200, 409, 409, 409]);
    assert_eq!(app.scalar::<i64>("SELECT CAST(COALESCE(SUM(amount_eur), 0) AS BIGINT) FROM budget_expenses WHERE line = 'other'").await, 9_000);
}

/// BEL's token, this year, a day a week ahead within it, and a supervision for
/// a professional trained before the programme on a given day.
async fn supervision(app: &TestApp) -> (String, i32, chrono::NaiveDate, impl Fn(chrono::NaiveDate) -> Value) {
    let bel = app.token("bel@demo.local").await;
    let today = app.state.settings.clock.today();
    let y = today.year();
    let day = (today + chrono::Duration::days(7)).min(chrono::NaiveDate::from_ymd_opt(y, 12, 31).expect("day"));
    crate::learning::earlier_trained(app).await;
    let trained = crate::learning::prof(app, "a.peeters@venlo.demo.local").await;
    let plan = move |on: chrono::NaiveDate| json!({"kind": "supervision", "professional_ids": [trained], "day": on, "starts_at": "13:00", "ends_at": "15:30", "place": "BEL Venlo", "trainer_id": null});
    (bel, y, day, plan)
}

/// A follow-up session costs the training line: planning one that does not fit
/// what is left of a budgeted year is refused (nothing stored) until BEL raises
/// the line; a year BEL has not budgeted yet refuses nothing.
async fn a_followup_session_over_the_training_line_waits_for_bel(app: TestApp) {
    let (bel, y, day, plan) = supervision(&app).await;
    let (_, spent, committed, _) = line(&year_of(&app, &bel, y).await, "training");
    send(app.put_json(&format!("/api/v1/budgets/{y}"), Some(&bel), &json!({"training_eur": spent + committed})).await, 200).await;
    let before = app.count("followup_sessions").await;
    let body = send(app.post_json("/api/v1/followup/sessions", Some(&bel), &plan(day)).await, 409).await;
    assert_eq!(body["code"], "over_budget");
    assert!(body["detail"].as_str().is_some_and(|d| d.contains("is missing")), "{body}");
    assert_eq!(app.count("followup_sessions").await, before, "nothing stored");
    assert_eq!(app.scalar::<i64>("SELECT COUNT(*) FROM email_outbox WHERE template = 'followup_planned'").await, 0);

    send(app.put_json(&format!("/api/v1/budgets/{y}"), Some(&bel), &json!({"training_eur": spent + committed + 10_000})).await, 200).await;
    let s = send(app.post_json("/api/v1/followup/sessions", Some(&bel), &plan(day)).await, 200).await;
    let price = s["cost_eur"].as_i64().expect("price");
    assert!(price > 0);
    assert_eq!(line(&year_of(&app, &bel, y).await, "training"), (spent + committed + 10_000, spent, committed + price, 10_000 - price), "committed by the same figure");

    // A year without a budget: follow-up goes on, the line shows the overrun.
    app.exec(&format!("DELETE FROM budgets WHERE year = {}", y + 1)).await;
    let next = chrono::NaiveDate::from_ymd_opt(y + 1, 2, 10).expect("day");
    send(app.post_json("/api/v1/followup/sessions", Some(&bel), &plan(next)).await, 200).await;
}

db_tests!(lines_questions_and_bookings, a_followup_session_over_the_training_line_waits_for_bel);
/// Follow-up sessions planned at once for the last money of the line: never more than fits.
async fn concurrent_followup_never_overspends_the_training_line(app: TestApp) {
    let (bel, y, day, plan) = supervision(&app).await;
    let plan = plan(day);
    // The price of one session, from a first one planned while there is room.
    let (_, spent, committed, _) = line(&year_of(&app, &bel, y).await, "training");
    send(app.put_json(&format!("/api/v1/budgets/{y}"), Some(&bel), &json!({"training_eur": spent + committed + 1_000_000})).await, 200).await;
    let price = send(app.post_json("/api/v1/followup/sessions", Some(&bel), &plan).await, 200).await["cost_eur"].as_i64().expect("price");
    // Room for exactly two more.
    let (_, spent, committed, _) = line(&year_of(&app, &bel, y).await, "training");
    send(app.put_json(&format!("/api/v1/budgets/{y}"), Some(&bel), &json!({"training_eur": spent + committed + 2 * price})).await, 200).await;
    let calls = (0..5).map(|_| {
        let (app, bel, plan) = (&app, bel.clone(), plan.clone());
        async move { app.post_json("/api/v1/followup/sessions", Some(&bel), &plan).await.status().as_u16() }
    });
    let mut statuses = futures_util::future::join_all(calls).await;
    statuses.sort_unstable();
    assert_eq!(statuses, [200, 200, 409, 409, 409]);
    assert_eq!(line(&year_of(&app, &bel, y).await, "training").3, 0, "the line is used to the euro, never over");
}

db_tests!(concurrent_funding_and_booking_never_overspend_a_line, concurrent_followup_never_overspends_the_training_line);

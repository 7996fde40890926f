//! The demo lives in the present: loaded on any day, every role finds current
//! work. Checked on three load days across a year.

use serde_json::Value;
use va_tests::expect_json as send;
use va_tests::{Backend, TestApp};

async fn demo_on(day: chrono::NaiveDate) -> TestApp {
    va_tests::spawn_app_with(Backend::Sqlite, move |s| {
        s.demo_activity = true;
        s.demo_day = Some(day);
        let ahead = (day - s.clock.today()).num_days();
        s.clock.advance(chrono::Duration::days(ahead));
        // Days of 24 hours across a change of summer time can end on the next
        // date (run in the last local hour of a winter day): one more step.
        let off = (day - s.clock.today()).num_days();
        s.clock.advance(chrono::Duration::days(off));
    })
    .await
    .expect("sqlite app")
}

async fn every_role_has_current_work(day: chrono::NaiveDate) {
    let app = demo_on(day).await;
    assert_eq!(app.state.settings.clock.today(), day);
    let pid = app.id_of("SELECT id FROM programmes WHERE name = 'VA-training 2026-2027'").await;

    // The trainer: a group with a day open for marking and someone not yet marked on it.
    let trainer = app.token("trainer@demo.local").await;
    let groups = send(app.get("/api/v1/trainer/groups", Some(&trainer)).await, 200).await;
    let mut to_mark = Vec::new();
    for g in groups.as_array().expect("groups") {
        let view = send(app.get(&format!("/api/v1/groups/{}/attendance", g["id"]), Some(&trainer)).await, 200).await;
        let days: Vec<&Value> = view["days"].as_array().expect("days").iter().filter(|d| d["cancelled"] == false).collect();
        for (i, d) in days.iter().enumerate() {
            let open = d["open_for_marking"] == true;
            let unmarked = view["participants"].as_array().expect("participants").iter().any(|p| p["marks"][i].is_null() && p["status"] == "placed");
            if open && unmarked {
                to_mark.push(g["name"].as_str().unwrap_or_default().to_string());
            }
        }
    }
    assert!(!to_mark.is_empty(), "{day}: the trainer has attendance to mark");

    // BEL: a completed group with the trainer's feedback and the evaluation results; a certificate.
    let bel = app.token("bel@demo.local").await;
    let feedback = send(app.get("/api/v1/feedback", Some(&bel)).await, 200).await;
    let done: Vec<&Value> = feedback.as_array().expect("feedback").iter().filter(|f| f["written"] == true && f["group"]["status"] == "completed").collect();
    assert!(!done.is_empty(), "{day}: a completed group with feedback");
    let evaluation = send(app.get(&format!("/api/v1/groups/{}/evaluation", done[0]["group"]["id"]), Some(&bel)).await, 200).await;
    assert!(evaluation["responded"].as_i64().unwrap_or(0) >= 5 && !evaluation["questions"].as_array().expect("questions").is_empty(), "{evaluation}");
    let trained = app.id_of("SELECT MIN(id) FROM enrolments WHERE status = 'trained'").await;
    send(app.get(&format!("/api/v1/enrolments/{trained}/certificate"), Some(&bel)).await, 200).await;
    let held = app.id_of("SELECT COUNT(*) FROM followup_sessions WHERE status = 'held'").await;
    assert!(held >= 1, "{day}: follow-up was held");

    // The ambassadors: a request waiting for a decision, and an offer in flight.
    let mut pending = false;
    let mut offers = false;
    for who in ["ambassadeur.noord@demo.local", "ambassadeur.midden@demo.local", "ambassadeur.zuid@demo.local"] {
        let token = app.token(who).await;
        let requests = send(app.get("/api/v1/requests", Some(&token)).await, 200).await;
        pending |= requests.as_array().expect("requests").iter().any(|r| r["pending"].as_i64().unwrap_or(0) > 0);
        let overview = send(app.get(&format!("/api/v1/programmes/{pid}/waitlist-overview"), Some(&token)).await, 200).await;
        offers |= !overview["offers"].as_array().expect("offers").is_empty();
    }
    assert!(pending, "{day}: an ambassador has a request to decide");
    assert!(offers, "{day}: an ambassador sees an offer in flight");

    // Groups in every state, and timestamps that are not all the same minute.
    let statuses: Vec<String> = send(app.get(&format!("/api/v1/programmes/{pid}/groups"), Some(&bel)).await, 200)
        .await
        .as_array()
        .expect("groups")
        .iter()
        .filter_map(|g| g["status"].as_str().map(String::from))
        .collect();
    for s in ["completed", "running", "open", "planned"] {
        assert!(statuses.iter().any(|x| x == s), "{day}: a {s} group in {statuses:?}");
    }
    let spread = app.id_of("SELECT COUNT(DISTINCT substr(CAST(created_at AS TEXT), 1, 10)) FROM enrolment_requests").await;
    assert!(spread >= 8, "{day}: requests over {spread} days");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_demo_is_current_on_1_february() {
    every_role_has_current_work(chrono::NaiveDate::from_ymd_opt(2027, 2, 1).expect("date")).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_demo_is_current_on_15_august() {
    every_role_has_current_work(chrono::NaiveDate::from_ymd_opt(2027, 8, 15).expect("date")).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_demo_is_current_on_2_december() {
    every_role_has_current_work(chrono::NaiveDate::from_ymd_opt(2027, 12, 2).expect("date")).await;
}

/// One definition of each budget figure: the start page's costs, the waiting
/// list's budget table and proposal, monitoring and the planner show the same
/// budget, spent, committed and remaining for a year.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn budget_figures_are_the_same_on_every_screen() {
    let app = demo_on(chrono::NaiveDate::from_ymd_opt(2026, 12, 2).expect("date")).await;
    let pid = app.id_of("SELECT id FROM programmes WHERE name = 'VA-training 2026-2027'").await;
    let bel = app.token("bel@demo.local").await;
    let budgets = send(app.get("/api/v1/budgets", Some(&bel)).await, 200).await;
    let dashboard = send(app.get(&format!("/api/v1/monitoring/dashboard?programme_id={pid}"), Some(&bel)).await, 200).await;
    let board = send(app.get(&format!("/api/v1/programmes/{pid}/waitlist-board"), Some(&bel)).await, 200).await;
    let params = serde_json::json!({"group_size": 16, "cost_per_group_eur": 4000, "cost_per_trainer_day_eur": 1100,
        "trainer_days_per_group": 8, "turnover_pct": 10.0, "extra_groups": []});
    let plan = send(app.post_json(&format!("/api/v1/planner/compute?programme_id={pid}"), Some(&bel), &params).await, 200).await;
    let figures = |v: &Value, budget: &str| {
        (v[budget].as_i64(), v["spent_eur"].as_i64().expect("spent"), v["committed_eur"].as_i64().expect("committed"), v["remaining_eur"].as_i64().expect("remaining"))
    };
    let open_proposals: Vec<&Value> = board["proposals"].as_array().expect("proposals").iter().filter(|p| p["status"] == "open").collect();
    assert!(!open_proposals.is_empty(), "the demo has a proposal waiting for BEL");
    let mut compared_proposal = false;
    let mut compared_plan = false;
    for b in budgets.as_array().expect("budgets") {
        let year = b["year"].as_i64().expect("year");
        let one = figures(b, "training_eur");
        assert_eq!(one.0.unwrap_or(0) - one.1 - one.2, one.3, "{year}: remaining is budget less spent and committed");
        let costs = send(app.get(&format!("/api/v1/budgets/{year}/costs"), Some(&bel)).await, 200).await;
        assert_eq!(figures(&costs, "budget_eur"), one, "{year}: start page costs");
        let on_board = board["budgets"].as_array().expect("board budgets").iter().find(|x| x["year"] == year).expect("board year");
        assert_eq!(figures(on_board, "training_eur"), one, "{year}: waiting list budget table");
        if let Some(d) = dashboard["budgets"].as_array().expect("dashboard budgets").iter().find(|x| x["year"] == year) {
            assert_eq!(figures(d, "budget_eur"), one, "{year}: monitoring");
        }
        for p in open_proposals.iter().filter(|p| p["budget_year"] == year) {
            assert_eq!(figures(p, "budget_eur"), one, "{year}: proposal");
            compared_proposal = true;
        }
        if let Some(y) = plan["years"].as_array().expect("plan years").iter().find(|y| y["year"] == year) {
            assert_eq!(y["remaining_eur"].as_i64(), Some(one.3), "{year}: planner");
            compared_plan = true;
        }
    }
    assert!(compared_proposal && compared_plan, "a proposal and a planner year were compared");
}

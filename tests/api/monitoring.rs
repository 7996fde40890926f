//! Monitoring: the dashboard against figures computed by hand, scope per role,
//! snapshots, the import of earlier-trained professionals, the yearly survey
//! with delegation and reminders, exports read back, and the planner.

use chrono::NaiveDate;
use serde_json::{json, Value};
use va_backend::jobs;
use va_tests::expect_json as send;
use va_tests::{db_tests, TestApp};

use super::followup::trained_groep_5;
use super::training::go_to;
use super::waitlist::approved;

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("date")
}

const EARLIER_CSV: &str = "naam;e-mail;organisatie;functie;getraind op
Ans Peeters;a.peeters@venlo.demo.local;Venlo;Medewerker toegangsteam;12-05-2024
Koen Hesen;k.hesen@venlo.demo.local;venlo;;03-10-2025
Mieke Smeets;m.smeets@weert.demo.local;Weert;Jeugdconsulent;2025-06-01
Ruud Claessens;r.claessens@bjzl.demo.local;Bureau Jeugdzorg Limburg;Jeugdbeschermer;20-01-2025
";

async fn import_earlier(app: &TestApp, csv: &str) -> Value {
    let bel = app.token("bel@demo.local").await;
    send(app.post_json("/api/v1/monitoring/import", Some(&bel), &json!({"csv": csv})).await, 200).await
}

fn region<'a>(d: &'a Value, name: &str) -> &'a Value {
    d["regions"].as_array().expect("regions").iter().find(|r| r["region"]["name"].as_str().unwrap_or("Bovenregionaal") == name).expect("region")
}

fn org<'a>(d: &'a Value, name: &str) -> &'a Value {
    d["regions"]
        .as_array()
        .expect("regions")
        .iter()
        .flat_map(|r| r["organisations"].as_array().expect("orgs").iter())
        .find(|o| o["organisation"]["name"] == name)
        .map(|o| &o["figures"])
        .expect("organisation")
}

/// (trained_programme, trained_earlier, trained, placed, waiting, still_to_train, coverage_pct, followed_up, followup_coverage_pct, surveyed, organisations)
fn key(f: &Value) -> (i64, i64, i64, i64, i64, Option<i64>, Option<f64>, i64, Option<f64>, i64, i64) {
    let i = |k: &str| f[k].as_i64().expect(k);
    (
        i("trained_programme"),
        i("trained_earlier"),
        i("trained"),
        i("placed"),
        i("waiting"),
        f["still_to_train"].as_i64(),
        f["coverage_pct"].as_f64(),
        i("followed_up"),
        f["followup_coverage_pct"].as_f64(),
        i("surveyed"),
        i("organisations"),
    )
}

fn venlo_answers() -> Value {
    json!({"trained": 3, "doing_vas": 3, "still_to_train": 10, "vas_done": 25, "hours_needed": 16.0, "hours_available": 12.5,
           "bottlenecks": "Weinig tijd naast de caseload.", "success_factors": "Vaste intervisie."})
}

/// The fixture: Groep 5 trained (Sanne for Venlo, Noor for Maastricht; Bram
/// not completed), Sanne at a held supervision, Lotte (Maastricht) placed in
/// Groep 6, Fleur (Venlo) waiting, four earlier-trained professionals
/// imported, and survey answers from Venlo and Bureau Jeugdzorg Limburg.
async fn fixture(app: &TestApp) {
    let (_, ids) = trained_groep_5(app).await; // the clock is on 2 March 2027
    let bel = app.token("bel@demo.local").await;
    let trainer = app.token("trainer@demo.local").await;
    let lotte = approved(app, "gemeente.maastricht@demo.local", "ambassadeur.zuid@demo.local", &[("Lotte Vroemen", "l.vroemen@maastricht.demo.local", false)]).await[0];
    let g6 = app.id_of("SELECT id FROM training_groups WHERE name LIKE 'Groep 6%'").await;
    send(app.post_json(&format!("/api/v1/enrolments/{lotte}/allocate"), Some(&bel), &json!({"group_id": g6})).await, 200).await;
    approved(app, "gemeente.venlo@demo.local", "ambassadeur.noord@demo.local", &[("Fleur Gielen", "f.gielen@venlo.demo.local", false)]).await;
    let sanne = app.id_of(&format!("SELECT professional_id FROM enrolments WHERE id = {}", ids[0])).await;
    let trainer_id = app.id_of("SELECT id FROM users WHERE email = 'trainer@demo.local'").await;
    let sup = send(
        app.post_json(
            "/api/v1/followup/sessions",
            Some(&bel),
            &json!({"kind": "supervision", "professional_ids": [sanne], "day": "2027-03-10", "starts_at": "13:00", "ends_at": "15:00", "place": "BEL Venlo", "trainer_id": trainer_id}),
        )
        .await,
        200,
    )
    .await;
    go_to(app, date(2027, 3, 10));
    send(
        app.put_json(&format!("/api/v1/followup/sessions/{}/attendance", sup["id"]), Some(&trainer), &json!({"marks": [{"professional_id": sanne, "status": "present"}]})).await,
        200,
    )
    .await;
    import_earlier(app, EARLIER_CSV).await;
}

async fn open_round(app: &TestApp, deadline: &str) -> i64 {
    let bel = app.token("bel@demo.local").await;
    send(app.post_json("/api/v1/surveys", Some(&bel), &json!({"year": 2027, "deadline": deadline})).await, 200).await["id"].as_i64().expect("id")
}

async fn answer_fixture_survey(app: &TestApp) {
    let round = open_round(app, "2027-04-01").await;
    let (venlo, bjzl) = (
        app.id_of("SELECT id FROM organisations WHERE name = 'Venlo'").await,
        app.id_of("SELECT id FROM organisations WHERE name = 'Bureau Jeugdzorg Limburg'").await,
    );
    let noord = app.token("ambassadeur.noord@demo.local").await;
    let bel = app.token("bel@demo.local").await;
    send(app.put_json(&format!("/api/v1/surveys/{round}/organisations/{venlo}"), Some(&noord), &json!({"answers": venlo_answers(), "submit": true})).await, 200).await;
    let gi = json!({"trained": 1, "doing_vas": 1, "still_to_train": 4, "vas_done": 6, "hours_needed": 8.0, "hours_available": 8.0});
    send(app.put_json(&format!("/api/v1/surveys/{round}/organisations/{bjzl}"), Some(&bel), &json!({"answers": gi, "submit": true})).await, 200).await;
}

async fn dashboard_figures_equal_the_hand_computed_fixture(app: TestApp) {
    fixture(&app).await;
    let bel = app.token("bel@demo.local").await;
    let before = send(app.post_json("/api/v1/monitoring/snapshots", Some(&bel), &json!({"label": "Overleg borging VA maart 2027"})).await, 200).await;
    assert!(before["previous"].is_null());
    answer_fixture_survey(&app).await;

    let d = send(app.get("/api/v1/monitoring/dashboard", Some(&bel)).await, 200).await;
    assert_eq!(d["survey_year"], 2027);
    // By hand: Venlo 1 trained in Groep 5 + 2 earlier; Fleur waiting; 10 still to train
    // (survey): coverage 3 / 13 = 23.1 %; Sanne at a held supervision: 1 of 1.
    assert_eq!(key(org(&d, "Venlo")), (1, 2, 3, 0, 1, Some(10), Some(23.1), 1, Some(100.0), 1, 1));
    assert_eq!(org(&d, "Venlo")["vas_done"], 25);
    assert_eq!(org(&d, "Venlo")["hours_available"], 12.5);
    // Maastricht: Noor trained, Lotte placed in Groep 6, no survey answer.
    assert_eq!(key(org(&d, "Maastricht")), (1, 0, 1, 1, 0, None, None, 0, Some(0.0), 0, 1));
    assert_eq!(key(&region(&d, "Noord-Limburg")["figures"]), (1, 2, 3, 0, 1, Some(10), Some(23.1), 1, Some(100.0), 1, 8));
    assert_eq!(key(&region(&d, "Midden-Limburg")["figures"]), (0, 1, 1, 0, 0, None, None, 0, None, 0, 8));
    assert_eq!(key(&region(&d, "Zuid-Limburg")["figures"]), (1, 0, 1, 1, 0, None, None, 0, Some(0.0), 0, 16));
    // GIs, care providers and Accare: Ruud earlier trained; 4 still to train: 1 / 5.
    assert_eq!(key(&region(&d, "Bovenregionaal")["figures"]), (0, 1, 1, 0, 0, Some(4), Some(20.0), 0, None, 1, 6));
    // Total: 6 trained of 6 + 14 = 30 %; follow-up 1 of 2 programme-trained.
    assert_eq!(key(&d["total"]), (2, 4, 6, 1, 1, Some(14), Some(30.0), 1, Some(50.0), 2, 38));
    assert_eq!((d["total"]["vas_done"].as_i64(), d["total"]["hours_needed"].as_f64(), d["total"]["hours_available"].as_f64()), (Some(31), Some(24.0), Some(20.5)));
    // The trend: 4 earlier from the start, the two of Groep 5 in March 2027.
    let trend = d["trend"].as_array().expect("trend");
    let point = |m: &str| trend.iter().find(|p| p["month"] == m).map(|p| (p["trained_programme"].as_i64(), p["trained"].as_i64())).expect("month");
    assert_eq!(point("2026-01-01"), (Some(0), Some(4)));
    assert_eq!(point("2027-02-01"), (Some(0), Some(4)));
    assert_eq!(point("2027-03-01"), (Some(2), Some(6)));
    assert_eq!(trend.last().map(|p| p["month"].clone()), Some(json!("2027-03-01")));
    assert!(!d["budgets"].as_array().expect("budgets").is_empty());

    // Scope: the Noord ambassador sees Noord in full and only totals elsewhere.
    let noord = send(app.get("/api/v1/monitoring/dashboard", Some(&app.token("ambassadeur.noord@demo.local").await)).await, 200).await;
    assert_eq!(region(&noord, "Noord-Limburg")["organisations"].as_array().map(Vec::len), Some(8));
    assert_eq!(region(&noord, "Zuid-Limburg")["organisations"].as_array().map(Vec::len), Some(0));
    assert_eq!(region(&noord, "Zuid-Limburg")["figures"], region(&d, "Zuid-Limburg")["figures"]);
    assert_eq!(noord["total"], d["total"]);
    assert!(noord["budgets"].as_array().expect("budgets").is_empty(), "the budget is BEL's, as GET /budgets says");
    send(app.get("/api/v1/budgets", Some(&app.token("ambassadeur.noord@demo.local").await)).await, 403).await;
    // An organisation contact sees their own organisation only, without the budget.
    let venlo = send(app.get("/api/v1/monitoring/dashboard", Some(&app.token("gemeente.venlo@demo.local").await)).await, 200).await;
    assert_eq!(venlo["regions"].as_array().map(Vec::len), Some(1));
    assert_eq!(key(&venlo["total"]), key(org(&d, "Venlo")));
    assert!(venlo["budgets"].as_array().expect("budgets").is_empty());
    assert_eq!(venlo["trend"].as_array().and_then(|t| t.last()).map(|p| p["trained"].clone()), Some(json!(3)));
    // Refused: trainers have no monitoring; snapshots are BEL's.
    let trainer = app.token("trainer@demo.local").await;
    send(app.get("/api/v1/monitoring/dashboard", Some(&trainer)).await, 403).await;
    send(app.get("/api/v1/monitoring/dashboard", None).await, 401).await;
    let amb = app.token("ambassadeur.noord@demo.local").await;
    send(app.post_json("/api/v1/monitoring/snapshots", Some(&amb), &json!({"label": "x"})).await, 403).await;
    let body = send(app.post_json("/api/v1/monitoring/snapshots", Some(&bel), &json!({"label": "  "})).await, 422).await;
    assert_eq!(body["errors"][0]["field"], "label");

    // The second snapshot against the first: the survey added what is still to train.
    let after = send(app.post_json("/api/v1/monitoring/snapshots", Some(&bel), &json!({"label": "Overleg borging VA mei 2027"})).await, 200).await;
    assert_eq!(after["previous"]["id"], before["current"]["id"]);
    let fig = |scope: &str, figure: &str| {
        after["figures"].as_array().expect("figures").iter().find(|f| f["scope"] == scope && f["figure"] == figure).map(|f| (f["before"].clone(), f["after"].clone(), f["change"].clone())).expect("figure")
    };
    assert_eq!(fig("Totaal", "trained"), (json!(6.0), json!(6.0), json!(0.0)));
    assert_eq!(fig("Totaal", "still_to_train"), (Value::Null, json!(14.0), Value::Null));
    assert_eq!(fig("Noord-Limburg", "coverage_pct"), (Value::Null, json!(23.1), Value::Null));
    let list = send(app.get("/api/v1/monitoring/snapshots", Some(&bel)).await, 200).await;
    assert_eq!(list.as_array().map(Vec::len), Some(2));
    assert_eq!(list[0]["label"], "Overleg borging VA mei 2027");
    // Frozen: later changes do not alter a snapshot.
    import_earlier(&app, "naam;e-mail;organisatie;getraind op\nNieuw;nieuw@venlo.demo.local;Venlo;01-01-2025\n").await;
    let again = send(app.get(&format!("/api/v1/monitoring/snapshots/{}", after["current"]["id"]), Some(&bel)).await, 200).await;
    assert_eq!(again["dashboard"]["total"]["trained"], 6);
    send(app.get("/api/v1/monitoring/snapshots/99999", Some(&bel)).await, 404).await;
}

async fn import_reports_bad_rows_by_line_and_is_idempotent(app: TestApp) {
    let bel = app.token("bel@demo.local").await;
    let professionals = app.count("professionals").await;
    let csv = "Naam,E-mail,Organisatie,Functie,Getraind op
Ans Peeters,a.peeters@venlo.demo.local,Venlo,Medewerker toegangsteam,12-05-2024
\"Hesen, Koen\",k.hesen@venlo.demo.local,Venlo,,03-10-2025

Bram Jacobs,b.jacobs@venlo.demo.local,Venlo,Gedragswetenschapper,01-09-2025
Zonder Organisatie,z@x.nl,Atlantis,,01-01-2025
Foute Mail,geen-adres,Venlo,,01-01-2025
Ans Peeters,a.peeters@venlo.demo.local,Venlo,,12-05-2024
Elders,n.brouwers@maastricht.demo.local,Venlo,,01-01-2025
Toekomst,t@venlo.demo.local,Venlo,,01-01-2030
";
    let preview = send(app.post_json("/api/v1/monitoring/import/preview", Some(&bel), &json!({"csv": csv})).await, 200).await;
    assert_eq!(app.count("professionals").await, professionals, "a preview writes nothing");
    let rows: Vec<(i64, String, Vec<String>)> = preview["rows"]
        .as_array()
        .expect("rows")
        .iter()
        .map(|r| (r["line"].as_i64().expect("line"), r["action"].as_str().expect("action").to_string(), serde_json::from_value(r["problems"].clone()).expect("problems")))
        .collect();
    let p = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    assert_eq!(
        rows,
        vec![
            (2, "create".into(), p(&[])),
            (3, "create".into(), p(&[])),
            (5, "mark".into(), p(&[])),
            (6, "reject".into(), p(&["unknown_organisation"])),
            (7, "reject".into(), p(&["bad_email"])),
            (8, "reject".into(), p(&["duplicate"])),
            (9, "reject".into(), p(&["other_organisation"])),
            (10, "reject".into(), p(&["date_in_future"])),
        ]
    );
    assert_eq!(preview["rows"][1]["name"], "Hesen, Koen");
    assert_eq!((preview["created"].as_i64(), preview["marked"].as_i64(), preview["rejected"].as_i64(), preview["imported"].as_bool()), (Some(2), Some(1), Some(5), Some(false)));

    let done = send(app.post_json("/api/v1/monitoring/import", Some(&bel), &json!({"csv": csv})).await, 200).await;
    assert_eq!((done["created"].as_i64(), done["marked"].as_i64(), done["imported"].as_bool()), (Some(2), Some(1), Some(true)));
    assert_eq!(app.count("professionals").await, professionals + 2);
    assert_eq!(app.db_text("SELECT CAST(trained_before_on AS TEXT) FROM professionals WHERE email = 'k.hesen@venlo.demo.local'").await, "2025-10-03");
    assert_eq!(app.db_text("SELECT CAST(trained_before_on AS TEXT) FROM professionals WHERE email = 'b.jacobs@venlo.demo.local'").await, "2025-09-01");
    assert_eq!(app.scalar::<i64>("SELECT COUNT(*) FROM professionals WHERE trained_before_on IS NOT NULL").await, 3);

    // The same file again changes nothing.
    let again = send(app.post_json("/api/v1/monitoring/import", Some(&bel), &json!({"csv": csv})).await, 200).await;
    assert_eq!((again["created"].as_i64(), again["marked"].as_i64(), again["unchanged"].as_i64(), again["rejected"].as_i64()), (Some(0), Some(0), Some(3), Some(5)));
    assert_eq!(app.count("professionals").await, professionals + 2);
    assert_eq!(app.scalar::<i64>("SELECT COUNT(*) FROM audit_log WHERE action = 'monitoring.import'").await, 1);
    // Counted as trained before the programme.
    let d = send(app.get("/api/v1/monitoring/dashboard", Some(&bel)).await, 200).await;
    assert_eq!((org(&d, "Venlo")["trained_earlier"].as_i64(), org(&d, "Venlo")["trained_programme"].as_i64()), (Some(3), Some(0)));

    // Refused: a file without the required columns, an empty file, other roles.
    let body = send(app.post_json("/api/v1/monitoring/import/preview", Some(&bel), &json!({"csv": "naam;organisatie\nA;Venlo\n"})).await, 422).await;
    assert_eq!((body["errors"][0]["field"].as_str(), body["errors"][0]["code"].as_str()), (Some("csv"), Some("missing_columns")));
    let body = send(app.post_json("/api/v1/monitoring/import", Some(&bel), &json!({"csv": "naam;e-mail;organisatie;getraind op\n"})).await, 422).await;
    assert_eq!(body["errors"][0]["code"], "empty");
    let amb = app.token("ambassadeur.noord@demo.local").await;
    send(app.post_json("/api/v1/monitoring/import", Some(&amb), &json!({"csv": csv})).await, 403).await;
    assert_eq!(app.count("professionals").await, professionals + 2);
}

async fn survey_scope_delegation_and_reminders(app: TestApp) {
    go_to(&app, date(2027, 2, 1));
    let bel = app.token("bel@demo.local").await;
    // Refused: a deadline in the past; the same year twice.
    let body = send(app.post_json("/api/v1/surveys", Some(&bel), &json!({"year": 2027, "deadline": "2027-01-15"})).await, 422).await;
    assert_eq!(body["errors"][0]["code"], "in_past");
    let round = open_round(&app, "2027-03-15").await;
    let body = send(app.post_json("/api/v1/surveys", Some(&bel), &json!({"year": 2027, "deadline": "2027-03-20"})).await, 409).await;
    assert_eq!(body["code"], "already_exists");
    let amb_noord = app.token("ambassadeur.noord@demo.local").await;
    send(app.post_json("/api/v1/surveys", Some(&amb_noord), &json!({"year": 2028, "deadline": "2028-03-20"})).await, 403).await;
    assert_eq!(app.scalar::<i64>("SELECT COUNT(*) FROM email_outbox WHERE template = 'survey_opened'").await, 3);

    let id = |name: &'static str| {
        let app = &app;
        async move { app.id_of(&format!("SELECT id FROM organisations WHERE name = '{name}'")).await }
    };
    let (venlo, maastricht, bjzl, accare) = (id("Venlo").await, id("Maastricht").await, id("Bureau Jeugdzorg Limburg").await, id("Accare").await);
    let form = |org: i64| format!("/api/v1/surveys/{round}/organisations/{org}");

    // Completion per organisation in each one's scope.
    let all = send(app.get(&format!("/api/v1/surveys/{round}"), Some(&bel)).await, 200).await;
    assert_eq!((all["round"]["total"].as_i64(), all["round"]["submitted"].as_i64()), (Some(37), Some(0)), "every organisation but the knowledge partner");
    let noord = send(app.get(&format!("/api/v1/surveys/{round}"), Some(&amb_noord)).await, 200).await;
    assert_eq!(noord["round"]["total"], 8);
    assert!(noord["lines"].as_array().expect("lines").iter().all(|l| l["region"]["name"] == "Noord-Limburg" && l["can_answer"] == true));
    // Refused: another region's municipality, a GI, the knowledge partner, trainers.
    send(app.get(&form(maastricht), Some(&amb_noord)).await, 404).await;
    send(app.put_json(&form(maastricht), Some(&amb_noord), &json!({"answers": venlo_answers(), "submit": true})).await, 404).await;
    send(app.get(&form(bjzl), Some(&amb_noord)).await, 404).await;
    send(app.get(&form(accare), Some(&bel)).await, 404).await;
    send(app.get(&format!("/api/v1/surveys/{round}"), Some(&app.token("trainer@demo.local").await)).await, 403).await;

    // The form is prefilled with what the system counts.
    let f = send(app.get(&form(venlo), Some(&amb_noord)).await, 200).await;
    assert_eq!((f["trained_in_system"].as_i64(), f["answers"]["trained"].as_i64(), f["line"]["status"].as_str()), (Some(0), Some(0), Some("not_started")));
    assert_eq!(f["contacts"][0]["name"], "Linda van den Berg");

    // Venlo's contact sees the form but answers only once handed it.
    let venlo_user = app.token("gemeente.venlo@demo.local").await;
    let seen = send(app.get(&form(venlo), Some(&venlo_user)).await, 200).await;
    assert_eq!((seen["line"]["can_answer"].as_bool(), seen["can_delegate"].as_bool()), (Some(false), Some(false)));
    send(app.put_json(&form(venlo), Some(&venlo_user), &json!({"answers": venlo_answers(), "submit": false})).await, 403).await;
    send(app.get(&form(maastricht), Some(&venlo_user)).await, 404).await;
    let maastricht_user = app.id_of("SELECT id FROM users WHERE email = 'gemeente.maastricht@demo.local'").await;
    let body = send(app.post_json(&format!("{}/delegate", form(venlo)), Some(&amb_noord), &json!({"user_id": maastricht_user})).await, 422).await;
    assert_eq!(body["errors"][0]["code"], "not_contact");
    let amb_zuid = app.token("ambassadeur.zuid@demo.local").await;
    let linda = app.id_of("SELECT id FROM users WHERE email = 'gemeente.venlo@demo.local'").await;
    send(app.post_json(&format!("{}/delegate", form(venlo)), Some(&amb_zuid), &json!({"user_id": linda})).await, 404).await;
    send(app.post_json(&format!("{}/delegate", form(venlo)), Some(&venlo_user), &json!({"user_id": linda})).await, 403).await;
    let handed = send(app.post_json(&format!("{}/delegate", form(venlo)), Some(&amb_noord), &json!({"user_id": linda})).await, 200).await;
    assert_eq!(handed["line"]["delegated_to"]["name"], "Linda van den Berg");
    let mail = app.db_text("SELECT body_text FROM email_outbox WHERE template = 'survey_delegated'").await;
    assert!(mail.contains(&format!("/monitoring/uitvraag/{round}/{venlo}")) && mail.contains("15-03-2027"), "{mail}");

    // Now Linda answers: a draft may be incomplete, a submission may not.
    let draft = send(app.put_json(&form(venlo), Some(&venlo_user), &json!({"answers": {"trained": 0, "doing_vas": 2}, "submit": false})).await, 200).await;
    assert_eq!(draft["line"]["status"], "draft");
    let body = send(app.put_json(&form(venlo), Some(&venlo_user), &json!({"answers": {"trained": 0, "doing_vas": 2}, "submit": true})).await, 422).await;
    let fields: Vec<&str> = body["errors"].as_array().expect("errors").iter().filter_map(|e| e["field"].as_str()).collect();
    assert_eq!(fields, vec!["still_to_train", "vas_done", "hours_needed", "hours_available"]);
    // A trained figure other than the system's needs a note.
    let body = send(app.put_json(&form(venlo), Some(&venlo_user), &json!({"answers": venlo_answers(), "submit": true})).await, 422).await;
    assert_eq!((body["errors"][0]["field"].as_str(), body["errors"][0]["code"].as_str()), (Some("trained_note"), Some("note_required")));
    let mut answers = venlo_answers();
    answers["trained_note"] = json!("Drie collega's volgden de training vóór 2026 bij Accare.");
    answers["hours_needed"] = json!(-1);
    let body = send(app.put_json(&form(venlo), Some(&venlo_user), &json!({"answers": answers.clone(), "submit": true})).await, 422).await;
    assert_eq!(body["errors"][0]["code"], "out_of_range");
    assert_eq!(app.scalar::<i64>("SELECT COUNT(*) FROM survey_responses WHERE submitted_at IS NOT NULL").await, 0, "refusals change nothing");
    answers["hours_needed"] = json!(16.0);
    let done = send(app.put_json(&form(venlo), Some(&venlo_user), &json!({"answers": answers, "submit": true})).await, 200).await;
    assert_eq!((done["line"]["status"].as_str(), done["submitted_by"].as_str()), (Some("submitted"), Some("Linda van den Berg")));
    let noord = send(app.get(&format!("/api/v1/surveys/{round}"), Some(&amb_noord)).await, 200).await;
    assert_eq!((noord["round"]["submitted"].as_i64(), noord["round"]["total"].as_i64()), (Some(1), Some(8)));

    // Reminders: a week before the deadline once, after it once, to whoever is waited for.
    go_to(&app, date(2027, 3, 7));
    assert_eq!(jobs::tick(&app.state).await.expect("tick").survey_reminders, 0);
    go_to(&app, date(2027, 3, 8));
    let sent = jobs::tick(&app.state).await.expect("tick").survey_reminders;
    // The three ambassadors (Noord still has 7 municipalities open) and BEL (GIs, care providers).
    assert_eq!(sent, 4);
    assert_eq!(jobs::tick(&app.state).await.expect("tick").survey_reminders, 0);
    let noord_mail = app.db_text("SELECT body_text FROM email_outbox WHERE template = 'survey_reminder' AND to_addr = 'ambassadeur.noord@demo.local'").await;
    assert!(noord_mail.contains("- Venray") && !noord_mail.contains("- Venlo"), "{noord_mail}");
    go_to(&app, date(2027, 3, 16));
    assert_eq!(jobs::tick(&app.state).await.expect("tick").survey_reminders, 4);
    go_to(&app, date(2027, 3, 20));
    assert_eq!(jobs::tick(&app.state).await.expect("tick").survey_reminders, 0);
    assert_eq!(app.scalar::<i64>("SELECT COUNT(*) FROM email_outbox WHERE template = 'survey_reminder'").await, 8);
}

async fn exports_are_read_back_cell_by_cell(app: TestApp) {
    use calamine::{Data, DataType, Reader, Xlsx};
    fixture(&app).await;
    answer_fixture_survey(&app).await;
    let bel = app.token("bel@demo.local").await;
    let res = app.get("/api/v1/exports/monitoring?format=xlsx", Some(&bel)).await;
    assert_eq!(res.status(), 200);
    assert_eq!(res.headers()["content-type"], "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    assert_eq!(res.headers()["content-disposition"], "attachment; filename=\"monitoring-10-03-2027.xlsx\"");
    let bytes = res.bytes().await.expect("body").to_vec();
    let mut book: Xlsx<_> = calamine::open_workbook_from_rs(std::io::Cursor::new(bytes)).expect("xlsx");
    assert_eq!(book.sheet_names(), vec!["Organisaties", "Regio's", "Budget", "Verloop"]);
    let orgs = book.worksheet_range("Organisaties").expect("sheet");
    let header: Vec<String> = orgs.rows().next().expect("header").iter().map(|c| c.to_string()).collect();
    assert_eq!(&header[..9], ["Regio", "Organisatie", "Soort", "Getraind (programma)", "Getraind (eerder)", "Getraind totaal", "Geplaatst", "Wachtend", "Nog te trainen"]);
    assert_eq!(orgs.rows().count(), 1 + 38);
    let venlo = orgs.rows().find(|r| r[1] == Data::String("Venlo".into())).expect("Venlo row");
    assert_eq!(venlo[0], Data::String("Noord-Limburg".into()));
    assert_eq!(venlo[2], Data::String("Gemeente".into()));
    let nums: Vec<f64> = venlo[3..13].iter().map(|c| c.as_f64().unwrap_or(f64::NAN)).collect();
    assert_eq!(nums[..9], [1.0, 2.0, 3.0, 0.0, 1.0, 10.0, 23.1, 3.0, 25.0]);
    assert_eq!(nums[9], 16.0);
    let maastricht = orgs.rows().find(|r| r[1] == Data::String("Maastricht".into())).expect("Maastricht row");
    assert_eq!(maastricht[8], Data::Empty, "no survey answer stays empty, not 0");
    let regions = book.worksheet_range("Regio's").expect("sheet");
    let total = regions.rows().last().expect("total");
    assert_eq!((total[0].clone(), total[3].as_f64(), total[6].as_f64()), (Data::String("Totaal".into()), Some(6.0), Some(14.0)));
    let trend = book.worksheet_range("Verloop").expect("sheet");
    let first = trend.rows().nth(1).expect("first month");
    assert_eq!(first[0].as_date(), Some(date(2026, 1, 1)));
    assert!(matches!(first[0], Data::DateTime(_)), "a real date cell: {:?}", first[0]);

    // Trained professionals with dates; CSV with semicolons and dd-mm-jjjj.
    let csv = app.get("/api/v1/exports/trained?format=csv", Some(&bel)).await;
    assert_eq!(csv.headers()["content-type"], "text/csv; charset=utf-8");
    let text = csv.text().await.expect("csv");
    let lines: Vec<&str> = text.trim_start_matches('\u{feff}').lines().collect();
    assert_eq!(lines[0], "Naam;E-mail;Organisatie;Regio;Functie;Getraind op;Bron;Groep");
    assert!(lines.contains(&"Ans Peeters;a.peeters@venlo.demo.local;Venlo;Noord-Limburg;Medewerker toegangsteam;12-05-2024;Eerder getraind;"), "{text}");
    assert!(lines.iter().any(|l| l.starts_with("Sanne Willems;") && l.contains(";Programma;Groep 5")), "{text}");
    assert_eq!(lines.len(), 1 + 6);

    // Scope: Venlo's contact exports its own row only; the Noord ambassador its region's people.
    let venlo_xlsx = app.get("/api/v1/exports/monitoring", Some(&app.token("gemeente.venlo@demo.local").await)).await.bytes().await.expect("xlsx").to_vec();
    let mut book: Xlsx<_> = calamine::open_workbook_from_rs(std::io::Cursor::new(venlo_xlsx)).expect("xlsx");
    let orgs = book.worksheet_range("Organisaties").expect("sheet");
    assert_eq!(orgs.rows().count(), 2);
    assert!(!book.sheet_names().contains(&"Budget".to_string()));
    let amb = app.token("ambassadeur.noord@demo.local").await;
    let text = app.get("/api/v1/exports/trained?format=csv", Some(&amb)).await.text().await.expect("csv");
    assert_eq!(text.lines().count(), 1 + 3, "{text}");
    let noord_id = app.id_of("SELECT id FROM regions WHERE code = 'noord'").await;
    let survey = app.get(&format!("/api/v1/exports/survey?format=csv&region={noord_id}"), Some(&bel)).await.text().await.expect("csv");
    assert!(survey.contains("Venlo;Noord-Limburg;Ingediend;3;;3;10;25;16;12,5;Weinig tijd naast de caseload.;Vaste intervisie.;10-03-2027"), "{survey}");
    assert_eq!(survey.lines().count(), 1 + 8);
    let wl = app.get("/api/v1/exports/waitlist?format=csv", Some(&bel)).await.text().await.expect("csv");
    assert!(wl.lines().nth(1).is_some_and(|l| l.starts_with("1;Fleur Gielen;Venlo;Noord-Limburg;")), "{wl}");
    // Every list: enrolments in scope, groups, follow-up, the planner's scenarios.
    let venlo_token = app.token("gemeente.venlo@demo.local").await;
    let req = app.get("/api/v1/exports/requests?format=csv", Some(&venlo_token)).await.text().await.expect("csv");
    let lines: Vec<&str> = req.trim_start_matches('\u{feff}').lines().collect();
    assert_eq!(lines[0], "Aangemeld op;Organisatie;Regio;Professional;Functie;RET/UHP;Status;Reden;Groep;Goedgekeurd op;Getraind op");
    assert!(lines[1..].iter().all(|l| l.contains(";Venlo;Noord-Limburg;")), "{req}");
    assert!(lines.iter().any(|l| l.contains(";Sanne Willems;") && l.contains(";Getraind;") && l.ends_with(";02-03-2027")), "{req}");
    assert!(lines.iter().any(|l| l.contains(";Fleur Gielen;") && l.contains(";Goedgekeurd;")), "{req}");
    let groups = app.get("/api/v1/exports/groups", Some(&bel)).await.bytes().await.expect("xlsx").to_vec();
    let mut book: Xlsx<_> = calamine::open_workbook_from_rs(std::io::Cursor::new(groups)).expect("xlsx");
    let sheet = book.worksheet_range("Trainingsgroepen").expect("sheet");
    assert_eq!(sheet.rows().count(), 1 + 8);
    let g6 = sheet.rows().find(|r| r[0] == Data::String("Groep 6 - Zuid-Limburg".into())).expect("Groep 6");
    assert_eq!((g6[2].as_date(), g6[5].as_f64(), g6[6].as_f64()), (Some(date(2027, 3, 9)), Some(16.0), Some(1.0)));
    let fu = app.get("/api/v1/exports/followup", Some(&bel)).await.bytes().await.expect("xlsx").to_vec();
    let mut book: Xlsx<_> = calamine::open_workbook_from_rs(std::io::Cursor::new(fu)).expect("xlsx");
    assert_eq!(book.sheet_names(), vec!["Nazorg per organisatie", "Getraind zonder nazorg", "Sessies"]);
    let sessions = book.worksheet_range("Sessies").expect("sheet");
    let first = sessions.rows().nth(1).expect("session");
    assert_eq!((first[0].as_date(), first[2].clone(), first[3].clone()), (Some(date(2027, 3, 10)), Data::String("Supervisie".into()), Data::String("Gehouden".into())));
    let without = book.worksheet_range("Getraind zonder nazorg").expect("sheet");
    // Everyone trained without follow-up, the earlier-trained (imported) among them, the longest waiting first.
    let waiting: Vec<Data> = without.rows().skip(1).map(|r| r[0].clone()).collect();
    assert!(waiting.contains(&Data::String("Noor Dassen".into())) && waiting.contains(&Data::String("Ans Peeters".into())), "{waiting:?}");
    assert_eq!(waiting.first(), Some(&Data::String("Ans Peeters".into())), "trained in May 2024");
    send(app.get("/api/v1/exports/scenarios", Some(&app.token("ambassadeur.noord@demo.local").await)).await, 403).await;
    let sc = app.get("/api/v1/exports/scenarios?format=csv", Some(&bel)).await.text().await.expect("csv");
    assert!(sc.contains("Scenario;Groepsgrootte;Verloop %"), "{sc}");

    // Refused: an unknown list, a bad format, trainers.
    send(app.get("/api/v1/exports/salaries", Some(&bel)).await, 404).await;
    send(app.get("/api/v1/exports/monitoring?format=pdf", Some(&bel)).await, 400).await;
    send(app.get("/api/v1/exports/monitoring", Some(&app.token("trainer@demo.local").await)).await, 403).await;
}

fn params(turnover: f64, extra: Value) -> Value {
    json!({"group_size": 16, "cost_per_group_eur": 4000, "cost_per_trainer_day_eur": 1100, "trainer_days_per_group": 8, "turnover_pct": turnover, "extra_groups": extra})
}

async fn planner_scenarios_are_compared_and_turned_into_proposals(app: TestApp) {
    fixture(&app).await;
    answer_fixture_survey(&app).await;
    let bel = app.token("bel@demo.local").await;
    let now = send(app.get("/api/v1/planner", Some(&bel)).await, 200).await;
    let noord = now["inputs"].as_array().expect("inputs").iter().find(|r| r["region"]["name"] == "Noord-Limburg").expect("noord").clone();
    // Venlo: 10 still to train less Fleur waiting = 9 not yet enrolled; 3 trained.
    assert_eq!((noord["still_to_train"].as_i64(), noord["waiting"].as_i64(), noord["trained_staff"].as_i64()), (Some(9), Some(1), Some(3)));
    assert_eq!(now["until"], "2027-12-31");
    let noord_id = noord["region"]["id"].as_i64().expect("id");

    // Refused: knobs out of range, an unknown region; ambassadors.
    let body = send(app.post_json("/api/v1/planner/compute", Some(&bel), &params(150.0, json!([{"region_id": 999, "groups": 1}]))).await, 422).await;
    let fields: Vec<&str> = body["errors"].as_array().expect("errors").iter().filter_map(|e| e["field"].as_str()).collect();
    assert_eq!(fields, vec!["turnover_pct", "extra_groups[0].region_id"]);
    send(app.get("/api/v1/planner", Some(&app.token("ambassadeur.noord@demo.local").await)).await, 403).await;

    let calm = send(app.post_json("/api/v1/planner/scenarios", Some(&bel), &json!({"name": "Rustig", "params": params(0.0, json!([]))})).await, 200).await;
    let busy = send(
        app.post_json("/api/v1/planner/scenarios", Some(&bel), &json!({"name": "Extra groep Noord", "params": params(30.0, json!([{"region_id": noord_id, "groups": 1}]))})).await,
        200,
    )
    .await;
    let list = send(app.get("/api/v1/planner/scenarios", Some(&bel)).await, 200).await;
    assert_eq!(list.as_array().map(Vec::len), Some(2));
    let cost = |s: &Value| s["plan"]["cost_eur"].as_i64().expect("cost");
    let groups = |s: &Value| s["plan"]["groups_to_fund"].as_i64().expect("groups");
    assert!(groups(&list[1]) >= groups(&list[0]), "more turnover and an extra group never fund fewer groups");
    assert_eq!(cost(&list[1]), groups(&list[1]) * 12_800);
    let busy_noord = busy["plan"]["regions"].as_array().expect("regions").iter().find(|r| r["region"]["id"] == noord_id).expect("noord").clone();
    assert!(busy_noord["supply"].as_i64().expect("supply") >= 16);
    let body = send(app.put_json(&format!("/api/v1/planner/scenarios/{}", calm["id"]), Some(&bel), &json!({"name": "", "params": params(0.0, json!([]))})).await, 422).await;
    assert_eq!(body["errors"][0]["field"], "name");

    // The scenario's Noord group becomes an open proposal on the waiting-list board; once.
    let prop = send(app.post_json(&format!("/api/v1/planner/scenarios/{}/propose", busy["id"]), Some(&bel), &json!({"region_id": noord_id})).await, 200).await;
    assert_eq!((prop["status"].as_str(), prop["suggested_size"].as_i64(), prop["cost_eur"].as_i64()), (Some("open"), Some(16), Some(12_800)));
    assert_eq!(prop["scope_region"]["name"], "Noord-Limburg");
    let body = send(app.post_json(&format!("/api/v1/planner/scenarios/{}/propose", busy["id"]), Some(&bel), &json!({"region_id": noord_id})).await, 409).await;
    assert_eq!(body["code"], "proposal_open");
    let midden_id = app.id_of("SELECT id FROM regions WHERE code = 'midden'").await;
    let body = send(app.post_json(&format!("/api/v1/planner/scenarios/{}/propose", calm["id"]), Some(&bel), &json!({"region_id": midden_id})).await, 422).await;
    assert_eq!(body["errors"][0]["code"], "no_group");
    assert_eq!(app.scalar::<i64>("SELECT COUNT(*) FROM extra_group_proposals").await, 1);

    let del = app.client.delete(app.url(&format!("/api/v1/planner/scenarios/{}", calm["id"]))).bearer_auth(&bel).send().await.expect("delete");
    assert_eq!(del.status(), 204);
    let del = app.client.delete(app.url(&format!("/api/v1/planner/scenarios/{}", calm["id"]))).bearer_auth(&bel).send().await.expect("delete");
    assert_eq!(del.status(), 404);
}

async fn concurrent_proposals_from_a_scenario_make_one(app: TestApp) {
    let bel = app.token("bel@demo.local").await;
    let zuid = app.id_of("SELECT id FROM regions WHERE code = 'zuid'").await;
    let s = send(app.post_json("/api/v1/planner/scenarios", Some(&bel), &json!({"name": "Zuid", "params": params(10.0, json!([{"region_id": zuid, "groups": 1}]))})).await, 200).await;
    let url = app.url(&format!("/api/v1/planner/scenarios/{}/propose", s["id"]));
    let tasks: Vec<_> = (0..10)
        .map(|_| {
            let (client, url, bel) = (app.client.clone(), url.clone(), bel.clone());
            tokio::spawn(async move { client.post(url).bearer_auth(bel).json(&json!({"region_id": zuid})).send().await.expect("send").status().as_u16() })
        })
        .collect();
    let mut codes = Vec::new();
    for t in tasks {
        codes.push(t.await.expect("task"));
    }
    codes.sort_unstable();
    assert_eq!(codes, [vec![200], vec![409; 9]].concat());
    assert_eq!(app.scalar::<i64>("SELECT COUNT(*) FROM extra_group_proposals WHERE status = 'open'").await, 1);
}

async fn concurrent_first_saves_of_a_form_make_one_answer(app: TestApp) {
    let round = open_round(&app, "2099-01-01").await;
    let bel = app.token("bel@demo.local").await;
    let koraal = app.id_of("SELECT id FROM organisations WHERE name = 'Koraal'").await;
    let url = app.url(&format!("/api/v1/surveys/{round}/organisations/{koraal}"));
    let tasks: Vec<_> = (0..10)
        .map(|i| {
            let (client, url, bel) = (app.client.clone(), url.clone(), bel.clone());
            tokio::spawn(async move {
                client.put(url).bearer_auth(bel).json(&json!({"answers": {"trained": 0, "doing_vas": i}, "submit": false})).send().await.expect("send").status().as_u16()
            })
        })
        .collect();
    for t in tasks {
        assert_eq!(t.await.expect("task"), 200);
    }
    assert_eq!(app.scalar::<i64>(&format!("SELECT COUNT(*) FROM survey_responses WHERE organisation_id = {koraal}")).await, 1);
}

db_tests!(
    concurrent_first_saves_of_a_form_make_one_answer,
    concurrent_proposals_from_a_scenario_make_one,
    dashboard_figures_equal_the_hand_computed_fixture,
    import_reports_bad_rows_by_line_and_is_idempotent,
    exports_are_read_back_cell_by_cell,
    planner_scenarios_are_compared_and_turned_into_proposals,
);

/// A test that drives the job runner's ticks itself: the background runner only
/// makes its first round, so it cannot send the reminders a tick is asked for.
pub(crate) fn own_ticks(s: &mut va_backend::config::Settings) {
    s.scheduler_interval = std::time::Duration::from_secs(24 * 3600);
}

db_tests!(tweak crate::monitoring::own_ticks; survey_scope_delegation_and_reminders);

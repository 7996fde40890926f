//! After the training: feedback for the right ambassadors, the anonymous
//! evaluation, follow-up with reflections, the certificate and the costs.

use chrono::NaiveDate;
use serde_json::{json, Value};
use va_backend::jobs;
use va_tests::expect_json as send;
use va_tests::{db_tests, TestApp};

use super::training::{day_ids, go_to, mark, placed_in_groep_5};
use super::waitlist::approved;

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("date")
}

/// Groep 5 with two Venlo professionals (Noord) and one from Maastricht (Zuid),
/// trained over its four days and closed; Bram misses a day and is not completed.
pub(crate) async fn trained_groep_5(app: &TestApp) -> (i64, Vec<i64>) {
    let (g5, mut ids) =
        placed_in_groep_5(app, &[("Sanne Willems", "s.willems@venlo.demo.local", false), ("Bram Jacobs", "b.jacobs@venlo.demo.local", false)]).await;
    let maastricht = approved(app, "gemeente.maastricht@demo.local", "ambassadeur.zuid@demo.local", &[("Noor Dassen", "n.dassen@maastricht.demo.local", false)])
        .await[0];
    let bel = app.token("bel@demo.local").await;
    send(app.post_json(&format!("/api/v1/enrolments/{maastricht}/allocate"), Some(&bel), &json!({"group_id": g5})).await, 200).await;
    ids.push(maastricht);
    let trainer = app.token("trainer@demo.local").await;
    let view = send(app.get(&format!("/api/v1/groups/{g5}/attendance"), Some(&trainer)).await, 200).await;
    let dates = [date(2027, 1, 19), date(2027, 2, 2), date(2027, 2, 16), date(2027, 3, 2)];
    for (i, (day, on)) in day_ids(&view).into_iter().zip(dates).enumerate() {
        go_to(app, on);
        let marks: Vec<Value> = ids
            .iter()
            .enumerate()
            .map(|(k, id)| json!({"enrolment_id": id, "status": if k == 1 && i < 2 { "absent" } else { "present" }}))
            .collect();
        send(mark(app, &trainer, day, json!(marks)).await, 200).await;
    }
    send(app.post_json(&format!("/api/v1/groups/{g5}/close"), Some(&trainer), &json!({})).await, 200).await;
    (g5, ids)
}

fn link_token(body: &str) -> String {
    let start = body.find("token=").expect("link") + "token=".len();
    body[start..].chars().take_while(|c| !c.is_whitespace() && *c != '&').collect()
}

fn feedback(share: bool, venlo: i64, maastricht: i64) -> Value {
    json!({
        "experiences": "De groep vond de casusoefeningen sterk; de hypothesevorming kostte tijd.",
        "went_well": "Actieve deelname, goede koppeling aan eigen casuïstiek.",
        "sharpen": "In Noord ontbreekt nog een vaste intervisiestructuur na de training.",
        "remarks": [
            {"organisation_id": venlo, "remark": "Venlo: teamleider wil VA inbedden in het casusoverleg."},
            {"organisation_id": maastricht, "remark": "Maastricht: weinig tijd voor VA's in de werkweek."}
        ],
        "share": share
    })
}

async fn feedback_reaches_the_ambassadors_of_the_participants_regions_only(app: TestApp) {
    let (g5, _) = trained_groep_5(&app).await;
    let venlo = app.id_of("SELECT id FROM organisations WHERE name = 'Venlo'").await;
    let maastricht = app.id_of("SELECT id FROM organisations WHERE name = 'Maastricht'").await;
    let trainer = app.token("trainer@demo.local").await;
    let (noord, zuid, midden) = (
        app.token("ambassadeur.noord@demo.local").await,
        app.token("ambassadeur.zuid@demo.local").await,
        app.token("ambassadeur.midden@demo.local").await,
    );
    let url = format!("/api/v1/groups/{g5}/feedback");

    // Refused: empty text, an organisation without participants.
    let mut bad = feedback(false, venlo, maastricht);
    bad["experiences"] = json!(" ");
    let body = send(app.put_json(&url, Some(&trainer), &bad).await, 422).await;
    assert_eq!(body["errors"][0]["field"], "experiences");
    let roermond = app.id_of("SELECT id FROM organisations WHERE name = 'Roermond'").await;
    let body = send(app.put_json(&url, Some(&trainer), &feedback(false, roermond, maastricht)).await, 422).await;
    assert_eq!(body["errors"][0]["code"], "not_participating");
    assert_eq!(app.count("group_feedback").await, 0, "refused input stored nothing");

    // A draft: no ambassador sees it yet.
    let draft = send(app.put_json(&url, Some(&trainer), &feedback(false, venlo, maastricht)).await, 200).await;
    assert!(draft["shared_at"].is_null());
    assert_eq!(app.get(&url, Some(&noord)).await.status(), 404);
    let body = send(app.post_json(&format!("{url}/actions"), Some(&app.token("bel@demo.local").await), &json!({"action": "x"})).await, 409).await;
    assert_eq!(body["code"], "conflict");

    // Shared: the ambassadors of Noord and Zuid get an email; Midden does not.
    let shared = send(app.put_json(&url, Some(&trainer), &feedback(true, venlo, maastricht)).await, 200).await;
    assert!(shared["shared_at"].is_string());
    let regions: Vec<&str> = shared["regions"].as_array().expect("regions").iter().filter_map(|r| r["name"].as_str()).collect();
    assert_eq!(regions.len(), 2, "{regions:?}");
    for (who, n) in [("ambassadeur.noord@demo.local", 1), ("ambassadeur.zuid@demo.local", 1), ("ambassadeur.midden@demo.local", 0)] {
        let sent: i64 = app.scalar(&format!("SELECT COUNT(*) FROM email_outbox WHERE template = 'feedback_shared' AND to_addr = '{who}'")).await;
        assert_eq!(sent, n, "{who}");
    }
    // Sharing again tells no one twice.
    send(app.put_json(&url, Some(&trainer), &feedback(true, venlo, maastricht)).await, 200).await;
    assert_eq!(app.scalar::<i64>("SELECT COUNT(*) FROM email_outbox WHERE template = 'feedback_shared'").await, 2);

    // Noord reads it with the remark about Venlo only; Midden and organisations cannot.
    let seen = send(app.get(&url, Some(&noord)).await, 200).await;
    assert!(seen["sharpen"].as_str().expect("sharpen").contains("intervisiestructuur"));
    let remarks: Vec<&str> = seen["remarks"].as_array().expect("remarks").iter().filter_map(|r| r["organisation"]["name"].as_str()).collect();
    assert_eq!(remarks, vec!["Venlo"]);
    assert_eq!(seen["can_edit"], false);
    assert_eq!(app.get(&url, Some(&midden)).await.status(), 404);
    assert_eq!(app.get(&url, Some(&app.token("gemeente.venlo@demo.local").await)).await.status(), 403);
    let body = send(app.put_json(&url, Some(&noord), &feedback(true, venlo, maastricht)).await, 403).await;
    assert_eq!(body["code"], "forbidden");

    // Agreed actions: for the ambassador's own region only.
    let body = send(app.post_json(&format!("{url}/actions"), Some(&noord), &json!({"action": "Intervisie", "region_id": 999})).await, 422).await;
    assert_eq!(body["errors"][0]["code"], "not_your_region");
    let with_action = send(
        app.post_json(&format!("{url}/actions"), Some(&noord), &json!({"action": "Intervisiestructuur opzetten met de teamleiders", "owner": "Mark Hendrix", "due_on": "2027-05-01"}))
            .await,
        200,
    )
    .await;
    assert_eq!(with_action["actions"][0]["region"]["name"], seen["regions"].as_array().expect("r").iter().find(|r| r["name"].as_str().is_some_and(|n| n.contains("Noord"))).expect("noord")["name"]);
    assert_eq!(app.post_json(&format!("{url}/actions"), Some(&midden), &json!({"action": "x"})).await.status(), 404);
    // Zuid sees the action of Noord too (it is the group's), but only Maastricht's remark.
    let zuid_view = send(app.get(&url, Some(&zuid)).await, 200).await;
    assert_eq!(zuid_view["actions"].as_array().expect("a").len(), 1);
    let remarks: Vec<&str> = zuid_view["remarks"].as_array().expect("remarks").iter().filter_map(|r| r["organisation"]["name"].as_str()).collect();
    assert_eq!(remarks, vec!["Maastricht"]);
    // The lists: Noord has it; Midden has nothing; BEL sees all remarks.
    let list = send(app.get("/api/v1/feedback", Some(&noord)).await, 200).await;
    assert!(list.as_array().expect("list").iter().any(|f| f["group"]["id"] == g5 && f["actions"] == 1));
    let list = send(app.get("/api/v1/feedback", Some(&midden)).await, 200).await;
    assert!(list.as_array().expect("list").iter().all(|f| f["group"]["id"] != g5));
    let bel_view = send(app.get(&url, Some(&app.token("bel@demo.local").await)).await, 200).await;
    assert_eq!(bel_view["remarks"].as_array().expect("r").len(), 2);
}

async fn evaluation_links_work_once_and_answers_are_reported_without_names(app: TestApp) {
    let (g5, _) = trained_groep_5(&app).await;
    // The job runner sends the links once after the last day: to the two who completed it.
    // (Groep 4, over by now too, gets its links in the same round.)
    let t = jobs::tick(&app.state).await.expect("tick");
    assert!(t.evaluations >= 1);
    assert_eq!(jobs::tick(&app.state).await.expect("tick").evaluations, 0, "never twice");
    let bodies: Vec<String> = ["s.willems@venlo.demo.local", "n.dassen@maastricht.demo.local"]
        .iter()
        .map(|to| format!("SELECT body_text FROM email_outbox WHERE template = 'evaluation_invite' AND to_addr = '{to}'"))
        .collect();
    assert_eq!(app.scalar::<i64>(&format!("SELECT COUNT(*) FROM evaluation_invites WHERE group_id = {g5}")).await, 2, "not completed: no link");
    let sanne = link_token(&app.db_text(&bodies[0]).await);
    let noor = link_token(&app.db_text(&bodies[1]).await);

    let public = send(app.post_json("/api/v1/evaluations/lookup", None, &json!({"token": sanne})).await, 200).await;
    assert_eq!((public["answered"].as_bool(), public["last_day"].as_str()), (Some(false), Some("2027-03-02")));
    let answer = |token: &str, overall: i32, valuable: &str| {
        json!({"token": token, "content": 4, "trainers": 5, "practice": 3, "overall": overall, "valuable": valuable, "improve": "Meer oefencasussen"})
    };
    // Refused: a rating out of range, an altered token.
    let body = send(app.post_json("/api/v1/evaluations/answer", None, &answer(&sanne, 6, "x")).await, 422).await;
    assert_eq!(body["errors"][0]["field"], "overall");
    let altered = sanne.replacen("evaluation.", "evaluation.9", 1);
    assert_eq!(send(app.post_json("/api/v1/evaluations/answer", None, &answer(&altered, 4, "x")).await, 400).await["code"], "token_invalid");
    assert_eq!(app.count("evaluation_responses").await, 0);

    let done = send(app.post_json("/api/v1/evaluations/answer", None, &answer(&sanne, 4, "Werken met de eigen casus")).await, 200).await;
    assert_eq!(done["answered"], true);
    let body = send(app.post_json("/api/v1/evaluations/answer", None, &answer(&sanne, 1, "Tweede keer")).await, 409).await;
    assert_eq!(body["code"], "already_answered");
    assert_eq!(app.count("evaluation_responses").await, 1, "the second answer changed nothing");

    // Below the minimum the trainer sees counts only.
    let trainer = app.token("trainer@demo.local").await;
    let summary = send(app.get(&format!("/api/v1/groups/{g5}/evaluation"), Some(&trainer)).await, 200).await;
    assert_eq!((summary["invited"].as_i64(), summary["responded"].as_i64()), (Some(2), Some(1)));
    assert!(summary["questions"].as_array().expect("q").is_empty() && summary["valuable"].as_array().expect("v").is_empty());
    send(app.post_json("/api/v1/evaluations/answer", None, &answer(&noor, 5, "Afbakening van de hypothesen")).await, 200).await;
    // Two of the three completed the training; a third answer, as a third link would store
    // it, brings the group to the minimum of three.
    app.exec(&format!(
        "INSERT INTO evaluation_responses (group_id, content, trainers, practice, overall, valuable, improve) VALUES ({g5}, 2, 4, 3, 3, NULL, 'Kortere dagen')"
    ))
    .await;
    let summary = send(app.get(&format!("/api/v1/groups/{g5}/evaluation"), Some(&trainer)).await, 200).await;
    let overall = summary["questions"].as_array().expect("q").iter().find(|q| q["key"] == "overall").expect("overall").clone();
    assert_eq!(overall["average"], 4.0);
    assert_eq!(overall["counts"], json!([0, 0, 1, 1, 1]));
    let content = summary["questions"].as_array().expect("q").iter().find(|q| q["key"] == "content").expect("content").clone();
    assert_eq!(content["average"], 3.3);
    // Open answers sorted, without names; nothing in the report names a participant.
    assert_eq!(summary["valuable"], json!(["Afbakening van de hypothesen", "Werken met de eigen casus"]));
    let text = summary.to_string();
    assert!(!text.contains("Sanne") && !text.contains("Noor") && !text.contains("enrolment"), "{text}");
    // Organisations and ambassadors do not get the group's evaluation.
    assert_eq!(app.get(&format!("/api/v1/groups/{g5}/evaluation"), Some(&app.token("ambassadeur.noord@demo.local").await)).await.status(), 403);
}

async fn follow_up_is_planned_recorded_listed_and_costed(app: TestApp) {
    let (_, ids) = trained_groep_5(&app).await;
    let (sanne_e, bram_e, noor_e) = (ids[0], ids[1], ids[2]);
    let prof = |e: i64| format!("SELECT professional_id FROM enrolments WHERE id = {e}");
    let (sanne, bram, noor) = (app.id_of(&prof(sanne_e)).await, app.id_of(&prof(bram_e)).await, app.id_of(&prof(noor_e)).await);
    let bel = app.token("bel@demo.local").await;
    let trainer = app.token("trainer@demo.local").await;
    let venlo = app.token("gemeente.venlo@demo.local").await;
    let noord = app.token("ambassadeur.noord@demo.local").await;

    // Lists: trained without follow-up; ambassadors see their region only.
    let all = send(app.get("/api/v1/followup", Some(&bel)).await, 200).await;
    let names = |v: &Value, key: &str| -> Vec<String> {
        v[key].as_array().expect("list").iter().filter_map(|p| p["professional"]["name"].as_str().map(String::from)).collect()
    };
    assert_eq!(names(&all, "without_followup"), vec!["Noor Dassen", "Sanne Willems"]);
    assert_eq!(all["without_followup"][0]["days_since_training"], 0);
    assert_eq!(names(&send(app.get("/api/v1/followup", Some(&noord)).await, 200).await, "without_followup"), vec!["Sanne Willems"]);

    // The organisation asks for supervision; only for its trained professionals.
    let body = send(app.post_json("/api/v1/followup/requests", Some(&venlo), &json!({"kind": "supervision", "professional_ids": [bram], "message": "Graag"})).await, 422).await;
    assert_eq!(body["errors"][0]["code"], "not_trained");
    let body = send(app.post_json("/api/v1/followup/requests", Some(&venlo), &json!({"kind": "supervision", "professional_ids": [noor], "message": "Graag"})).await, 422).await;
    assert_eq!(body["errors"][0]["code"], "unknown");
    let req = send(
        app.post_json("/api/v1/followup/requests", Some(&venlo), &json!({"kind": "supervision", "professional_ids": [sanne], "message": "Sanne wil haar eerste VA's bespreken."})).await,
        200,
    )
    .await;
    assert_eq!(req["status"], "open");
    assert_eq!(app.scalar::<i64>("SELECT COUNT(*) FROM email_outbox WHERE template = 'followup_requested'").await, 1);

    // BEL plans it; refused for someone not trained.
    let session = |kind: &str, people: Value, day: &str| {
        json!({"kind": kind, "professional_ids": people, "day": day, "starts_at": "13:00", "ends_at": "15:30", "place": "BEL Venlo", "trainer_id": null})
    };
    let body = send(app.post_json("/api/v1/followup/sessions", Some(&bel), &session("supervision", json!([bram]), "2027-03-10")).await, 422).await;
    assert_eq!(body["errors"][0]["code"], "not_trained");
    let trainer_id = app.id_of("SELECT id FROM users WHERE email = 'trainer@demo.local'").await;
    let mut plan = session("supervision", json!([sanne, noor]), "2027-03-10");
    plan["trainer_id"] = json!(trainer_id);
    plan["request_id"] = req["id"].clone();
    let sup = send(app.post_json("/api/v1/followup/sessions", Some(&bel), &plan).await, 200).await;
    assert_eq!((sup["status"].as_str(), sup["cost_eur"].as_i64()), (Some("planned"), Some(450)));
    assert_eq!(sup["participants"].as_array().expect("p").len(), 2);
    let ics = app.db_text("SELECT attachment FROM email_outbox WHERE template = 'followup_planned' AND to_addr = 's.willems@venlo.demo.local'").await;
    assert!(ics.contains("BEGIN:VEVENT") && ics.contains("20270310T130000"), "{ics}");
    assert_eq!(app.db_text(&format!("SELECT status FROM followup_requests WHERE id = {}", req["id"])).await, "planned");
    // The organisation contact sees the session with its own professional only.
    let org_view = send(app.get(&format!("/api/v1/followup/sessions/{}", sup["id"]), Some(&venlo)).await, 200).await;
    assert_eq!(org_view["participants"].as_array().expect("p").len(), 1);
    assert!(org_view["reflections"].as_array().expect("r").is_empty());
    let coaching = send(app.post_json("/api/v1/followup/sessions", Some(&trainer), &session("coaching", json!([noor]), "2027-04-07")).await, 200).await;
    assert_eq!(coaching["trainer"]["id"], trainer_id, "a trainer plans sessions they lead");

    // Costs of 2027 by hand, on 10 March: Groep 5 held in full (4,000 + 4 x 2,200),
    // Groep 6 started on 9 March (4,000 + its first day 2,200), the rest planned.
    let sup_id = sup["id"].as_i64().expect("id");
    let url = format!("/api/v1/followup/sessions/{sup_id}");
    go_to(&app, date(2027, 3, 10));
    let costs = send(app.get("/api/v1/budgets/2027/costs", Some(&bel)).await, 200).await;
    let line = |c: &Value, k: &str| {
        let l = c["lines"].as_array().expect("lines").iter().find(|l| l["kind"] == k).expect("line").clone();
        (l["spent_eur"].as_i64().expect("s"), l["committed_eur"].as_i64().expect("c"))
    };
    assert_eq!(line(&costs, "groups"), (8_000, 8_000));
    assert_eq!(line(&costs, "training_days"), (8_800 + 2_200, 35_200 - 11_000));
    assert_eq!(line(&costs, "supervision"), (0, 450));
    assert_eq!(line(&costs, "coaching"), (0, 350));
    assert_eq!((costs["spent_eur"].as_i64(), costs["committed_eur"].as_i64()), (Some(19_000), Some(32_200 + 800)));

    // Recording: before the day refused, then held; the money moves to spent.
    let body = send(app.put_json(&format!("{url}/attendance"), Some(&trainer), &json!({"marks": [{"professional_id": bram, "status": "present"}]})).await, 422).await;
    assert_eq!(body["errors"][0]["code"], "not_a_participant");
    let held = send(
        app.put_json(
            &format!("{url}/attendance"),
            Some(&trainer),
            &json!({"marks": [{"professional_id": sanne, "status": "present"}, {"professional_id": noor, "status": "excused", "note": "Ziek"}], "notes": "Twee VA's besproken."}),
        )
        .await,
        200,
    )
    .await;
    assert_eq!(held["status"], "held");
    let costs = send(app.get("/api/v1/budgets/2027/costs", Some(&bel)).await, 200).await;
    assert_eq!(line(&costs, "supervision"), (450, 0));
    let budget = send(app.get("/api/v1/budgets", Some(&bel)).await, 200).await;
    let y2027 = budget.as_array().expect("years").iter().find(|y| y["year"] == 2027).expect("2027").clone();
    assert_eq!((y2027["spent_eur"].as_i64(), y2027["committed_eur"].as_i64()), (Some(19_450), Some(32_550)));

    // Quality reflection: scores 1-4, nothing about the young person or family.
    let refl = |note: &str, score: i32| json!({"professional_id": sanne, "complete": 3, "economical": score, "coherent": 4, "predictive": 2, "note": note});
    let body = send(app.post_json(&format!("{url}/reflections"), Some(&trainer), &refl("Goed", 5)).await, 422).await;
    assert_eq!(body["errors"][0]["field"], "economical");
    let body = send(app.post_json(&format!("{url}/reflections"), Some(&trainer), &refl("Jeugdige geboren 03-04-2012", 3)).await, 422).await;
    assert_eq!(body["errors"][0]["code"], "personal_data");
    assert_eq!(app.count("quality_reflections").await, 0);
    let with = send(app.post_json(&format!("{url}/reflections"), Some(&trainer), &refl("Hypothesen hangen samen; voorspelling nog niet toetsbaar.", 3)).await, 200).await;
    assert_eq!(with["reflections"][0]["predictive"], 2);
    let body = send(app.post_json(&format!("/api/v1/followup/sessions/{}/reflections", coaching["id"]), Some(&trainer), &refl("x", 3)).await, 409).await;
    assert_eq!(body["code"], "conflict");

    // Lists after: Sanne has follow-up, Noor (excused) not yet; per organisation.
    let all = send(app.get("/api/v1/followup", Some(&bel)).await, 200).await;
    assert_eq!(names(&all, "without_followup"), vec!["Noor Dassen"]);
    let venlo_row = all["per_organisation"].as_array().expect("orgs").iter().find(|o| o["organisation"]["name"] == "Venlo").expect("venlo").clone();
    assert_eq!((venlo_row["trained"].as_i64(), venlo_row["with_followup"].as_i64()), (Some(1), Some(1)));
    assert_eq!(all["without_followup"][0]["planned"], true, "Noor has coaching planned");
    assert_eq!(all["without_followup"][0]["days_since_training"], 8);

    // Cancelling: a held session no, a planned one with a reason.
    assert_eq!(send(app.post_json(&format!("{url}/cancel"), Some(&bel), &json!({"reason": "Dubbel"})).await, 409).await["code"], "invalid_transition");
    send(app.post_json(&format!("/api/v1/followup/sessions/{}/cancel", coaching["id"]), Some(&trainer), &json!({"reason": ""})).await, 422).await;
    let cancelled = send(app.post_json(&format!("/api/v1/followup/sessions/{}/cancel", coaching["id"]), Some(&trainer), &json!({"reason": "Trainer ziek"})).await, 200).await;
    assert_eq!(cancelled["status"], "cancelled");
    let ics = app.db_text("SELECT attachment FROM email_outbox WHERE template = 'followup_cancelled'").await;
    assert!(ics.contains("METHOD:CANCEL"));
    assert_eq!(line(&send(app.get("/api/v1/budgets/2027/costs", Some(&bel)).await, 200).await, "coaching"), (0, 0));

    // The certificate: for the trained only, in scope only.
    let cert = send(app.get(&format!("/api/v1/enrolments/{sanne_e}/certificate"), Some(&venlo)).await, 200).await;
    assert_eq!((cert["professional"].as_str(), cert["trained_on"].as_str()), (Some("Sanne Willems"), Some("2027-03-02")));
    assert_eq!(cert["days"].as_array().expect("days").len(), 4);
    assert_eq!(send(app.get(&format!("/api/v1/enrolments/{bram_e}/certificate"), Some(&venlo)).await, 409).await["code"], "invalid_transition");
    assert_eq!(app.get(&format!("/api/v1/enrolments/{noor_e}/certificate"), Some(&venlo)).await.status(), 404);
}

async fn delivery_settings_change_the_completion_rule(app: TestApp) {
    let prog = app.id_of("SELECT id FROM programmes").await;
    let bel = app.token("bel@demo.local").await;
    let url = format!("/api/v1/programmes/{prog}/delivery-settings");
    let s = send(app.get(&url, Some(&bel)).await, 200).await;
    assert_eq!((s["attendance_window_days"].as_i64(), s["completion_max_excused"].as_i64(), s["supervision_session_eur"].as_i64()), (Some(14), Some(1), Some(450)));
    let mut bad = s.clone();
    bad["attendance_window_days"] = json!(-1);
    bad["completion_max_absent"] = json!(11);
    let body = send(app.put_json(&url, Some(&bel), &bad).await, 422).await;
    assert_eq!(body["errors"].as_array().expect("e").len(), 2);
    let mut ok = s.clone();
    ok["completion_max_absent"] = json!(1);
    assert_eq!(send(app.put_json(&url, Some(&bel), &ok).await, 200).await["completion_max_absent"], 1);
    assert_eq!(app.put_json(&url, Some(&app.token("trainer@demo.local").await), &ok).await.status(), 403);
    // With one absence allowed, Bram (absent twice) is still not completed; the rule is shown to trainers.
    let (g5, _) = trained_groep_5(&app).await;
    let view = send(app.get(&format!("/api/v1/groups/{g5}/attendance"), Some(&app.token("trainer@demo.local").await)).await, 200).await;
    assert_eq!(view["rule"]["max_absent"], 1);
    assert_eq!(app.db_text("SELECT status FROM enrolments WHERE professional_id = (SELECT id FROM professionals WHERE name = 'Bram Jacobs')").await, "not_completed");
}

db_tests!(
    feedback_reaches_the_ambassadors_of_the_participants_regions_only,
    evaluation_links_work_once_and_answers_are_reported_without_names,
    follow_up_is_planned_recorded_listed_and_costed,
    delivery_settings_change_the_completion_rule,
);

/// Plan action 12: follow-up is for everyone trained, in the programme or
/// before it (imported); Nazorg counts the same people as Monitoring.
async fn the_earlier_trained_get_follow_up_and_nazorg_counts_as_monitoring(app: TestApp) {
    let bel = app.token("bel@demo.local").await;
    let venlo = app.token("gemeente.venlo@demo.local").await;
    let overview = send(app.get("/api/v1/followup", Some(&bel)).await, 200).await;
    let dashboard = send(app.get("/api/v1/monitoring/dashboard", Some(&bel)).await, 200).await;
    let nazorg: std::collections::HashMap<i64, i64> = overview["per_organisation"]
        .as_array()
        .expect("per organisation")
        .iter()
        .filter_map(|o| Some((o["organisation"]["id"].as_i64()?, o["trained"].as_i64()?)))
        .collect();
    let mut compared = 0;
    for region in dashboard["regions"].as_array().expect("regions") {
        for o in region["organisations"].as_array().expect("organisations") {
            let (id, trained) = (o["organisation"]["id"].as_i64().expect("id"), o["figures"]["trained"].as_i64().expect("trained"));
            assert_eq!(nazorg.get(&id).copied().unwrap_or(0), trained, "{} trained: Nazorg and Monitoring", o["organisation"]["name"]);
            compared += i32::from(trained > 0);
        }
    }
    assert!(compared > 10, "{compared} organisations with trained people");
    let venlo_org = app.id_of("SELECT id FROM organisations WHERE name = 'Venlo'").await;
    assert!(nazorg[&venlo_org] >= 2, "Venlo's earlier-trained count");

    // Ans Peeters was trained in 2024, before the programme.
    let ans = app.id_of("SELECT id FROM professionals WHERE email = 'a.peeters@venlo.demo.local'").await;
    let koen = app.id_of("SELECT id FROM professionals WHERE email = 'k.hesen@venlo.demo.local'").await;
    let mine = send(app.get("/api/v1/followup", Some(&venlo)).await, 200).await;
    assert!(mine["trained"].as_array().expect("trained").iter().any(|t| t["professional"]["id"] == ans && t["trained_on"] == "2024-05-12"), "{}", mine["trained"]);
    let req = send(app.post_json("/api/v1/followup/requests", Some(&venlo), &json!({"kind": "coaching", "professional_ids": [koen], "message": "Koen wil zijn VA's opfrissen."})).await, 200).await;
    assert_eq!(req["status"], "open");
    let plan = json!({"kind": "supervision", "professional_ids": [ans], "day": "2027-02-10", "starts_at": "13:00", "ends_at": "15:30", "place": "BEL Venlo", "trainer_id": null});
    let session = send(app.post_json("/api/v1/followup/sessions", Some(&bel), &plan).await, 200).await;
    let programme = app.id_of("SELECT MIN(id) FROM programmes").await;
    assert_eq!(app.id_of(&format!("SELECT programme_id FROM followup_sessions WHERE id = {}", session["id"])).await, programme);
    // A trainer reaches those trained in the groups they ran, not the earlier-trained.
    let trainer = app.token("trainer@demo.local").await;
    let body = send(app.post_json("/api/v1/followup/sessions", Some(&trainer), &plan).await, 422).await;
    assert_eq!(body["errors"][0]["code"], "not_trained");
}

/// "Trained, not yet supervised" per kind, and the organisation reminded once
/// when a trained professional has had no follow-up twelve weeks after the
/// training (the earlier-trained by the newest programme's setting).
async fn not_yet_per_kind_and_the_organisation_reminded_once(app: TestApp) {
    let bel = app.token("bel@demo.local").await;
    // Sanne (Venlo) and Noor (Maastricht) trained on 2 March 2027; Bram did not complete.
    let (_g5, _) = trained_groep_5(&app).await;
    let csv = "naam;e-mail;organisatie;functie;getraind op\nAns Peeters;a.peeters@venlo.demo.local;Venlo;Medewerker toegangsteam;12-05-2026\n";
    send(app.post_json("/api/v1/monitoring/import", Some(&bel), &json!({"csv": csv})).await, 200).await;
    let id = |email: &'static str| {
        let app = &app;
        async move { app.id_of(&format!("SELECT id FROM professionals WHERE email = '{email}'")).await }
    };
    let (sanne, noor, ans) = (id("s.willems@venlo.demo.local").await, id("n.dassen@maastricht.demo.local").await, id("a.peeters@venlo.demo.local").await);
    // Sanne had a supervision; nobody a coaching or a deepening.
    let plan = json!({"kind": "supervision", "professional_ids": [sanne], "day": "2027-03-09", "starts_at": "13:00", "ends_at": "15:30", "place": "BEL Venlo", "trainer_id": null});
    let session = send(app.post_json("/api/v1/followup/sessions", Some(&bel), &plan).await, 200).await["id"].as_i64().expect("session");
    go_to(&app, date(2027, 3, 9));
    send(app.put_json(&format!("/api/v1/followup/sessions/{session}/attendance"), Some(&bel), &json!({"marks": [{"professional_id": sanne, "status": "present"}]})).await, 200).await;

    let o = send(app.get("/api/v1/followup", Some(&bel)).await, 200).await;
    let per_kind = |v: &Value| -> Vec<(String, i64, i64)> {
        v.as_array().expect("per kind").iter().map(|c| (c["kind"].as_str().unwrap_or("").to_string(), c["with"].as_i64().unwrap_or(-1), c["without"].as_i64().unwrap_or(-1))).collect()
    };
    let k = |kind: &str, with: i64, without: i64| (kind.to_string(), with, without);
    assert_eq!(per_kind(&o["per_kind"]), vec![k("supervision", 1, 2), k("coaching", 0, 3), k("deepening", 0, 3)]);
    let venlo_row = o["per_organisation"].as_array().expect("orgs").iter().find(|r| r["organisation"]["name"] == "Venlo").expect("Venlo").clone();
    assert_eq!(per_kind(&venlo_row["per_kind"]), vec![k("supervision", 1, 1), k("coaching", 0, 2), k("deepening", 0, 2)]);
    let sanne_row = o["trained"].as_array().expect("trained").iter().find(|t| t["professional"]["id"] == sanne).expect("Sanne").clone();
    assert_eq!(sanne_row["kinds"], json!(["supervision"]));
    // An organisation contact sees the same figures for their own people.
    let venlo = app.token("gemeente.venlo@demo.local").await;
    let mine = send(app.get("/api/v1/followup", Some(&venlo)).await, 200).await;
    assert_eq!(per_kind(&mine["per_kind"]), vec![k("supervision", 1, 1), k("coaching", 0, 2), k("deepening", 0, 2)]);

    // The setting: 0-52 weeks, refused at its field outside.
    let prog = app.id_of("SELECT id FROM programmes").await;
    let url = format!("/api/v1/programmes/{prog}/delivery-settings");
    let mut s = send(app.get(&url, Some(&bel)).await, 200).await;
    assert_eq!(s["followup_reminder_weeks"], 12);
    s["followup_reminder_weeks"] = json!(53);
    let body = send(app.put_json(&url, Some(&bel), &s).await, 422).await;
    assert_eq!((body["errors"][0]["field"].as_str(), body["errors"][0]["code"].as_str()), (Some("followup_reminder_weeks"), Some("out_of_range")));

    // Ans (trained before the programme, long ago) is due at once; Noor twelve weeks
    // after 2 March; Sanne never (she had a supervision). Each once.
    assert_eq!(jobs::tick(&app.state).await.expect("tick").followup_nudges, 1);
    let to_venlo = app.db_text("SELECT body_text FROM email_outbox WHERE template = 'followup_reminder' AND to_addr = 'gemeente.venlo@demo.local'").await;
    assert!(to_venlo.contains("- Ans Peeters (12-05-2026)") && !to_venlo.contains("Sanne") && to_venlo.contains("/nazorg"), "{to_venlo}");
    go_to(&app, date(2027, 5, 24));
    assert_eq!(jobs::tick(&app.state).await.expect("tick").followup_nudges, 0);
    go_to(&app, date(2027, 5, 25));
    assert_eq!(jobs::tick(&app.state).await.expect("tick").followup_nudges, 1);
    let to_maastricht = app.db_text("SELECT body_text FROM email_outbox WHERE template = 'followup_reminder' AND to_addr = 'gemeente.maastricht@demo.local'").await;
    assert!(to_maastricht.contains("Noor Dassen (02-03-2027)") && to_maastricht.contains("12 weken"), "{to_maastricht}");
    assert_eq!(jobs::tick(&app.state).await.expect("tick").followup_nudges, 0);
    assert_eq!(app.scalar::<i64>("SELECT COUNT(*) FROM email_outbox WHERE template = 'followup_reminder'").await, 2);
    assert_eq!(app.scalar::<i64>(&format!("SELECT COUNT(*) FROM professionals WHERE followup_reminded_at IS NOT NULL AND id IN ({sanne}, {noor}, {ans})")).await, 2);
    assert_eq!(app.scalar::<i64>("SELECT COUNT(*) FROM audit_log WHERE action = 'followup.reminded'").await, 2);

    // 0 weeks: no reminders at all.
    let mut off = send(app.get(&url, Some(&bel)).await, 200).await;
    off["followup_reminder_weeks"] = json!(0);
    send(app.put_json(&url, Some(&bel), &off).await, 200).await;
    app.exec("UPDATE professionals SET followup_reminded_at = NULL").await;
    assert_eq!(jobs::tick(&app.state).await.expect("tick").followup_nudges, 0);
}

fn with_activity(s: &mut va_backend::config::Settings) {
    va_tests::no_mail_sender(s);
    s.demo_activity = true;
}

db_tests!(tweak crate::followup::with_activity; the_earlier_trained_get_follow_up_and_nazorg_counts_as_monitoring);
db_tests!(tweak crate::monitoring::own_ticks; not_yet_per_kind_and_the_organisation_reminded_once);

//! The learning network: sessions announced by BEL or a region's ambassador,
//! trained professionals registered by their contact or ambassador, a waiting
//! list whose freed places are offered in order with a deadline, calendar
//! invitations and cancellations by the same UID, attendance and a report
//! shared with every ambassador, and the regions' learning needs.

use crate::training::go_to;
use serde_json::{json, Value};
use va_tests::{db_tests, expect_json as send, TestApp};

fn fields(body: &Value) -> Vec<(String, String)> {
    body["errors"].as_array().expect("errors").iter().map(|e| (e["field"].as_str().unwrap_or("").to_string(), e["code"].as_str().unwrap_or("").to_string())).collect()
}

fn session(scope: &str, region: Option<i64>, held_on: &str, capacity: i64) -> Value {
    json!({
        "scope": scope, "region_id": region, "title": "Casuïstiekleren", "held_on": held_on, "starts_at": "13:30", "ends_at": "16:00",
        "place": "Gemeentehuis Venlo", "capacity": capacity, "target_group": "Getrainde professionals", "description": "Neem een casus mee."
    })
}

/// Professionals trained before the programme, imported as BEL does: the trained people of these tests.
pub(crate) async fn earlier_trained(app: &TestApp) {
    let bel = app.token("bel@demo.local").await;
    let mut csv = String::from("naam;e-mail;organisatie;functie;getraind op\n");
    for (name, email, org) in [
        ("Ans Peeters", "a.peeters@venlo.demo.local", "Venlo"),
        ("Koen Hesen", "k.hesen@venlo.demo.local", "Venlo"),
        ("Lieke Verbeek", "l.verbeek@venray.demo.local", "Venray"),
        ("Tim Janssen", "t.janssen@horst.demo.local", "Horst aan de Maas"),
        ("Rob Kusters", "r.kusters@maastricht.demo.local", "Maastricht"),
        ("Eva Coenen", "e.coenen@roermond.demo.local", "Roermond"),
        ("Joris Moonen", "j.moonen@roermond.demo.local", "Roermond"),
        ("Ruud Claessens", "r.claessens@bjzl.demo.local", "Bureau Jeugdzorg Limburg"),
    ] {
        csv.push_str(&format!("{name};{email};{org};Jeugdconsulent;12-05-2024\n"));
    }
    send(app.post_json("/api/v1/monitoring/import", Some(&bel), &json!({ "csv": csv })).await, 200).await;
}

pub(crate) async fn prof(app: &TestApp, email: &str) -> i64 {
    app.id_of(&format!("SELECT id FROM professionals WHERE email = '{email}'")).await
}

fn reg_of(view: &Value, professional: i64) -> Value {
    view["registrations"].as_array().expect("registrations").iter().find(|r| r["professional"]["id"] == professional).cloned().unwrap_or(Value::Null)
}

/// The calendar's METHOD, and the UID and SEQUENCE of its one event.
fn ics(text: &str) -> (String, String, String, Vec<String>) {
    let unfolded = icalendar::parser::unfold(text);
    let cal = icalendar::parser::read_calendar(&unfolded).expect("the .ics parses");
    let method = cal.properties.iter().find(|p| p.name.as_str() == "METHOD").map(|p| p.val.as_str().to_string()).unwrap_or_default();
    let events: Vec<_> = cal.components.iter().filter(|c| c.name.as_str() == "VEVENT").collect();
    assert_eq!(events.len(), 1, "one event");
    let get = |n: &str| events[0].properties.iter().filter(|p| p.name.as_str() == n).map(|p| p.val.as_str().to_string()).collect::<Vec<_>>();
    (method, get("UID").concat(), get("SEQUENCE").concat(), get("ATTENDEE"))
}

async fn last_ics(app: &TestApp, to: &str, template: &str) -> (String, String, String, Vec<String>) {
    ics(&app.db_text(&format!("SELECT attachment FROM email_outbox WHERE to_addr = '{to}' AND template = '{template}' ORDER BY id DESC")).await)
}

async fn mails(app: &TestApp, to: &str, template: &str) -> i64 {
    app.scalar(&format!("SELECT COUNT(*) FROM email_outbox WHERE to_addr = '{to}' AND template = '{template}'")).await
}

async fn sessions_places_waiting_list_offers_and_calendars(app: TestApp) {
    let bel = app.token("bel@demo.local").await;
    let noord_amb = app.token("ambassadeur.noord@demo.local").await;
    let venlo = app.token("gemeente.venlo@demo.local").await;
    let noord = app.id_of("SELECT id FROM regions WHERE code = 'noord'").await;
    let zuid = app.id_of("SELECT id FROM regions WHERE code = 'zuid'").await;
    let soon = (app.state.settings.clock.today() + chrono::Duration::days(20)).to_string();
    earlier_trained(&app).await;

    // Who organises what, and bad input at its field.
    let body = send(app.post_json("/api/v1/learning/sessions", Some(&noord_amb), &session("regional", Some(zuid), &soon, 2)).await, 422).await;
    assert_eq!(fields(&body), [("region_id".to_string(), "outside_scope".to_string())]);
    send(app.post_json("/api/v1/learning/sessions", Some(&noord_amb), &session("supra_regional", None, &soon, 2)).await, 422).await;
    send(app.post_json("/api/v1/learning/sessions", Some(&venlo), &session("regional", Some(noord), &soon, 2)).await, 403).await;
    let mut bad = session("regional", None, &soon, 0);
    bad["ends_at"] = json!("12:00");
    bad["title"] = json!(" ");
    let body = send(app.post_json("/api/v1/learning/sessions", Some(&bel), &bad).await, 422).await;
    let mut got = fields(&body);
    got.sort();
    assert_eq!(got, [("capacity", "out_of_range"), ("ends_at", "before_start"), ("region_id", "required"), ("title", "required")].map(|(a, b)| (a.to_string(), b.to_string())));
    let mut nul = session("regional", Some(noord), &soon, 2);
    nul["place"] = json!("Ven\u{0}lo");
    let status = app.post_json("/api/v1/learning/sessions", Some(&bel), &nul).await.status().as_u16();
    assert!(status == 400 || status == 422, "{status}");
    let before = app.count("learning_sessions").await;

    let s = send(app.post_json("/api/v1/learning/sessions", Some(&noord_amb), &session("regional", Some(noord), &soon, 2)).await, 200).await;
    let id = s["summary"]["id"].as_i64().expect("id");
    assert_eq!(app.count("learning_sessions").await, before + 1);
    assert_eq!(s["summary"]["can_manage"], true);

    // Venlo's contact registers Venlo's trained professionals: two places.
    let (ans, koen) = (prof(&app, "a.peeters@venlo.demo.local").await, prof(&app, "k.hesen@venlo.demo.local").await);
    let (lieke, tim) = (prof(&app, "l.verbeek@venray.demo.local").await, prof(&app, "t.janssen@horst.demo.local").await);
    let maastricht = prof(&app, "r.kusters@maastricht.demo.local").await;
    let untrained = app
        .id_of(&format!(
            "SELECT MIN(p.id) FROM professionals p JOIN organisations o ON o.id = p.organisation_id WHERE o.name = 'Venlo' AND p.trained_before_on IS NULL \
             AND NOT EXISTS (SELECT 1 FROM enrolments e WHERE e.professional_id = p.id AND e.status = 'trained')"
        ))
        .await;
    let candidates = send(app.get(&format!("/api/v1/learning/sessions/{id}"), Some(&venlo)).await, 200).await["candidates"].clone();
    let cand: Vec<i64> = candidates.as_array().expect("candidates").iter().map(|c| c["professional"]["id"].as_i64().unwrap_or(0)).collect();
    assert!(cand.contains(&ans) && cand.contains(&koen) && !cand.contains(&lieke) && !cand.contains(&untrained), "{cand:?}");
    let reg = |ids: Vec<i64>| json!({ "professional_ids": ids });
    let path = format!("/api/v1/learning/sessions/{id}/registrations");
    let body = send(app.post_json(&path, Some(&venlo), &reg(vec![untrained, maastricht, ans, ans])).await, 422).await;
    assert_eq!(fields(&body), [("professional_ids[0]", "not_trained"), ("professional_ids[1]", "unknown"), ("professional_ids[3]", "duplicate")].map(|(a, b)| (a.to_string(), b.to_string())));
    send(app.post_json(&path, Some(&venlo), &reg(vec![])).await, 422).await;
    assert_eq!(app.count("learning_registrations").await, app.scalar::<i64>(&format!("SELECT COUNT(*) FROM learning_registrations WHERE session_id <> {id}")).await);
    let v = send(app.post_json(&path, Some(&venlo), &reg(vec![ans, koen])).await, 200).await;
    assert_eq!((reg_of(&v, ans)["status"].as_str(), reg_of(&v, koen)["status"].as_str()), (Some("registered"), Some("registered")));
    let (method, uid, seq, attendees) = last_ics(&app, "a.peeters@venlo.demo.local", "learning_registered").await;
    assert_eq!((method.as_str(), seq.as_str()), ("REQUEST", "1"));
    assert_eq!(uid, format!("va-learning-{id}-professional-{ans}@va-planner.bel-limburg.nl"));
    assert_eq!(attendees, ["mailto:a.peeters@venlo.demo.local"]);
    assert_eq!(send(app.post_json(&path, Some(&venlo), &reg(vec![ans])).await, 409).await["code"], "already_enrolled");
    // Nobody with a place to come is erased (their calendar and the list would lose them).
    let erase = format!("/api/v1/privacy/people/{koen}/erase");
    assert_eq!(send(app.post_json(&erase, Some(&bel), &json!({})).await, 409).await["code"], "person_active");
    // Their data on request lists the registration (and nobody else's).
    let data = send(app.get(&format!("/api/v1/privacy/people/{koen}"), Some(&bel)).await, 200).await;
    let learning = data["learning"].as_array().expect("learning");
    assert_eq!(learning.len(), 1);
    assert_eq!((learning[0]["session_id"].as_i64(), learning[0]["status"].as_str()), (Some(id), Some("registered")));

    // Full: the ambassador's next two wait, RET/UHP first; Venlo sees its own people only.
    let v = send(app.post_json(&path, Some(&noord_amb), &reg(vec![lieke, tim])).await, 200).await;
    assert_eq!((reg_of(&v, lieke)["status"].as_str(), reg_of(&v, lieke)["position"].as_i64()), (Some("waiting"), Some(1)));
    assert_eq!(reg_of(&v, tim)["position"].as_i64(), Some(2));
    assert_eq!(mails(&app, "l.verbeek@venray.demo.local", "learning_registered").await, 0);
    let v = send(app.get(&format!("/api/v1/learning/sessions/{id}"), Some(&venlo)).await, 200).await;
    assert_eq!(v["registrations"].as_array().map(Vec::len), Some(2));
    assert_eq!((v["summary"]["taken"].as_i64(), v["summary"]["waiting"].as_i64(), v["summary"]["mine"].as_i64()), (Some(2), Some(2), Some(2)));
    assert!(!v.to_string().contains("Verbeek"), "Venray's professional is not Venlo's to see");

    // Ans withdraws: her event is cancelled by the same UID; Lieke is offered the place.
    let ans_reg = reg_of(&v, ans)["id"].as_i64().expect("reg");
    send(app.delete(&format!("/api/v1/learning/registrations/{ans_reg}"), Some(&venlo)).await, 200).await;
    let (method, cancel_uid, seq, _) = last_ics(&app, "a.peeters@venlo.demo.local", "learning_withdrawn").await;
    assert_eq!((method.as_str(), cancel_uid.as_str(), seq.as_str()), ("CANCEL", uid.as_str(), "2"));
    assert_eq!(send(app.delete(&format!("/api/v1/learning/registrations/{ans_reg}"), Some(&venlo)).await, 409).await["code"], "invalid_transition");
    let v = send(app.get(&format!("/api/v1/learning/sessions/{id}"), Some(&noord_amb)).await, 200).await;
    let offer = reg_of(&v, lieke);
    assert_eq!(offer["status"], "offered");
    assert!(offer["offer_expires_at"].is_string());
    assert_eq!(mails(&app, "ambassadeur.noord@demo.local", "learning_offered").await, 1, "whoever registered Lieke hears of it");
    // A place is not offered twice; Venlo's contact cannot answer Venray's offer.
    let offer_id = offer["id"].as_i64().expect("id");
    send(app.post_json(&format!("/api/v1/learning/registrations/{offer_id}/answer"), Some(&venlo), &json!({"accept": true})).await, 404).await;
    let v = send(app.post_json(&format!("/api/v1/learning/registrations/{offer_id}/answer"), Some(&noord_amb), &json!({"accept": true})).await, 200).await;
    assert_eq!(reg_of(&v, lieke)["status"], "registered");
    assert_eq!(last_ics(&app, "l.verbeek@venray.demo.local", "learning_registered").await.0, "REQUEST");
    assert_eq!(send(app.post_json(&format!("/api/v1/learning/registrations/{offer_id}/answer"), Some(&noord_amb), &json!({"accept": true})).await, 409).await["code"], "offer_not_open");

    // A change of time updates the invitations (same UID, higher SEQUENCE); fewer places than taken is refused.
    let mut changed = session("regional", Some(noord), &soon, 2);
    changed["starts_at"] = json!("14:00");
    send(app.put_json(&format!("/api/v1/learning/sessions/{id}"), Some(&noord_amb), &changed).await, 200).await;
    let (method, _, seq, _) = last_ics(&app, "k.hesen@venlo.demo.local", "learning_changed").await;
    assert_eq!((method.as_str(), seq.as_str()), ("REQUEST", "2"));
    changed["capacity"] = json!(1);
    assert_eq!(send(app.put_json(&format!("/api/v1/learning/sessions/{id}"), Some(&noord_amb), &changed).await, 409).await["code"], "capacity_too_low");
    let zuid_amb = app.token("ambassadeur.zuid@demo.local").await;
    send(app.put_json(&format!("/api/v1/learning/sessions/{id}"), Some(&zuid_amb), &session("regional", Some(noord), &soon, 2)).await, 403).await;

    // Koen withdraws; Tim's offer runs out and nobody is left waiting.
    let koen_reg = reg_of(&v, koen)["id"].as_i64().expect("reg");
    let v = send(app.delete(&format!("/api/v1/learning/registrations/{koen_reg}"), Some(&noord_amb)).await, 200).await;
    assert_eq!(reg_of(&v, tim)["status"], "offered");
    send(app.post_json(&erase, Some(&bel), &json!({})).await, 200).await;
    app.state.settings.clock.advance(chrono::Duration::hours(49));
    let t = va_backend::jobs::tick(&app.state).await.expect("tick");
    assert_eq!(t.learning_offers, 1);
    assert_eq!(va_backend::jobs::tick(&app.state).await.expect("tick").learning_offers, 0, "expired once");
    let v = send(app.get(&format!("/api/v1/learning/sessions/{id}"), Some(&noord_amb)).await, 200).await;
    assert!(reg_of(&v, tim).is_null(), "an expired offer leaves the list");
    assert_eq!((v["summary"]["taken"].as_i64(), v["summary"]["waiting"].as_i64()), (Some(1), Some(0)));

    // Attendance and the report wait for the day; then the report reaches every ambassador once.
    let lieke_reg = reg_of(&v, lieke)["id"].as_i64().expect("reg");
    let att = json!({"entries": [{"registration_id": lieke_reg, "attended": true}]});
    assert_eq!(send(app.put_json(&format!("/api/v1/learning/sessions/{id}/attendance"), Some(&noord_amb), &att).await, 409).await["code"], "invalid_transition");
    go_to(&app, chrono::NaiveDate::parse_from_str(&soon, "%Y-%m-%d").expect("date"));
    send(app.post_json(&path, Some(&venlo), &reg(vec![ans])).await, 409).await;
    let wrong = json!({"entries": [{"registration_id": ans_reg, "attended": true}]});
    assert_eq!(fields(&send(app.put_json(&format!("/api/v1/learning/sessions/{id}/attendance"), Some(&noord_amb), &wrong).await, 422).await), [("entries[0].registration_id".to_string(), "unknown".to_string())]);
    let v = send(app.put_json(&format!("/api/v1/learning/sessions/{id}/attendance"), Some(&noord_amb), &att).await, 200).await;
    assert_eq!(reg_of(&v, lieke)["attended"], true);
    let report = json!({"report": "De stem van de jeugdige kwam sterker terug."});
    send(app.put_json(&format!("/api/v1/learning/sessions/{id}/report"), Some(&noord_amb), &json!({"report": ""})).await, 422).await;
    send(app.put_json(&format!("/api/v1/learning/sessions/{id}/report"), Some(&venlo), &report).await, 403).await;
    let before: i64 = app.scalar("SELECT COUNT(*) FROM email_outbox WHERE template = 'learning_report'").await;
    send(app.put_json(&format!("/api/v1/learning/sessions/{id}/report"), Some(&noord_amb), &report).await, 200).await;
    send(app.put_json(&format!("/api/v1/learning/sessions/{id}/report"), Some(&noord_amb), &json!({"report": "Aangevuld."})).await, 200).await;
    let ambassadors: i64 = app.scalar("SELECT COUNT(*) FROM users WHERE role = 'ambassador' AND active").await;
    assert_eq!(app.scalar::<i64>("SELECT COUNT(*) FROM email_outbox WHERE template = 'learning_report'").await - before, ambassadors);
    let zuid_view = send(app.get(&format!("/api/v1/learning/sessions/{id}"), Some(&zuid_amb)).await, 200).await;
    assert_eq!((zuid_view["report"].as_str(), zuid_view["summary"]["can_manage"].as_bool()), (Some("Aangevuld."), Some(false)));
}

fn link_token(body: &str) -> String {
    let start = body.find("leersessie?token=").expect("link") + "leersessie?token=".len();
    body[start..].chars().take_while(|c| !c.is_whitespace() && *c != '&').collect()
}

async fn last_link(app: &TestApp, to: &str, template: &str) -> String {
    link_token(&app.db_text(&format!("SELECT body_text FROM email_outbox WHERE to_addr = '{to}' AND template = '{template}' ORDER BY id DESC")).await)
}

/// A contact mails trained professionals a personal link; each registers,
/// waits, answers the place offered and withdraws with it, without an account,
/// under the same rules as a registration by the organiser.
async fn registration_by_the_professionals_own_link(app: TestApp) {
    let bel = app.token("bel@demo.local").await;
    let venlo = app.token("gemeente.venlo@demo.local").await;
    let trainer = app.token("trainer@demo.local").await;
    let day = app.state.settings.clock.today() + chrono::Duration::days(20);
    earlier_trained(&app).await;
    let id = send(app.post_json("/api/v1/learning/sessions", Some(&bel), &session("supra_regional", None, &day.to_string(), 1)).await, 200).await["summary"]["id"].as_i64().expect("id");
    let (ans, koen) = (prof(&app, "a.peeters@venlo.demo.local").await, prof(&app, "k.hesen@venlo.demo.local").await);
    let maastricht = prof(&app, "r.kusters@maastricht.demo.local").await;
    let path = format!("/api/v1/learning/sessions/{id}/links");

    // The organiser's rules: whom they may register, trained, each once.
    let body = send(app.post_json(&path, Some(&venlo), &json!({"professional_ids": [maastricht, ans, ans]})).await, 422).await;
    assert_eq!(fields(&body), [("professional_ids[0]", "unknown"), ("professional_ids[2]", "duplicate")].map(|(a, b)| (a.to_string(), b.to_string())));
    send(app.post_json(&path, Some(&trainer), &json!({"professional_ids": [ans]})).await, 403).await;
    send(app.post_json(&path, Some(&venlo), &json!({"professional_ids": []})).await, 422).await;
    assert_eq!(app.count("learning_links").await, 0, "refusals store nothing");
    let v = send(app.post_json(&path, Some(&venlo), &json!({"professional_ids": [ans, koen]})).await, 200).await;
    let sent: Vec<bool> = v["candidates"].as_array().expect("candidates").iter().filter(|c| [ans, koen].contains(&c["professional"]["id"].as_i64().unwrap_or(0))).map(|c| c["link_sent_at"].is_string()).collect();
    assert_eq!(sent, [true, true]);
    assert_eq!(app.count("learning_links").await, 2);
    assert_eq!(app.scalar::<i64>("SELECT COUNT(*) FROM audit_log WHERE action = 'learning.link_sent'").await, 2);
    assert_eq!(app.scalar::<i64>(&format!("SELECT COUNT(*) FROM learning_registrations WHERE session_id = {id}")).await, 0, "a link registers nobody by itself");
    let (ans_link, koen_link) = (last_link(&app, "a.peeters@venlo.demo.local", "learning_link").await, last_link(&app, "k.hesen@venlo.demo.local", "learning_link").await);
    assert!(app.scalar::<i64>(&format!("SELECT COUNT(*) FROM learning_links WHERE token_hash LIKE '%{}%'", &ans_link[..12])).await == 0, "only the hash is kept");

    // What the link shows, without an account; an altered link shows nothing.
    let look = |token: &str| json!({ "token": token });
    let p = send(app.post_json("/api/v1/learning/links/lookup", None, &look(&ans_link)).await, 200).await;
    assert_eq!((p["professional"].as_str(), p["status"].is_null(), p["places_left"].as_i64(), p["open"].as_bool()), (Some("Ans Peeters"), true, Some(1), Some(true)));
    assert_eq!(p["title"], "Casuïstiekleren");
    let altered = format!("{}x", &ans_link);
    assert_eq!(send(app.post_json("/api/v1/learning/links/lookup", None, &look(&altered)).await, 400).await["code"], "token_invalid");
    assert_eq!(send(app.post_json("/api/v1/learning/links/lookup", None, &look("")).await, 400).await["code"], "token_invalid");
    let act = |token: &str, action: &str| json!({ "token": token, "action": action });
    send(app.post_json("/api/v1/learning/links/act", None, &act(&ans_link, "dance")).await, 400).await;
    send(app.post_json("/api/v1/learning/links/act", None, &act(&altered, "register")).await, 400).await;

    // Ans takes the one place: the calendar invitation is hers, registered by herself.
    let p = send(app.post_json("/api/v1/learning/links/act", None, &act(&ans_link, "register")).await, 200).await;
    assert_eq!((p["status"].as_str(), p["places_left"].as_i64()), (Some("registered"), Some(0)));
    let (method, uid, _, attendees) = last_ics(&app, "a.peeters@venlo.demo.local", "learning_registered").await;
    assert_eq!((method.as_str(), attendees), ("REQUEST", vec!["mailto:a.peeters@venlo.demo.local".to_string()]));
    assert_eq!(app.scalar::<i64>(&format!("SELECT COUNT(*) FROM learning_registrations WHERE professional_id = {ans} AND registered_by IS NULL")).await, 1);
    assert_eq!(app.scalar::<i64>("SELECT COUNT(*) FROM audit_log WHERE action = 'learning.registered' AND detail LIKE '%by link%' AND actor_id IS NULL").await, 1);
    assert_eq!(send(app.post_json("/api/v1/learning/links/act", None, &act(&ans_link, "register")).await, 409).await["code"], "already_enrolled");
    // Her contact sees her registration as if they had made it.
    let v = send(app.get(&format!("/api/v1/learning/sessions/{id}"), Some(&venlo)).await, 200).await;
    assert_eq!(reg_of(&v, ans)["status"], "registered");

    // Koen waits; he has no offer to answer yet.
    let p = send(app.post_json("/api/v1/learning/links/act", None, &act(&koen_link, "register")).await, 200).await;
    assert_eq!((p["status"].as_str(), p["position"].as_i64()), (Some("waiting"), Some(1)));
    assert_eq!(send(app.post_json("/api/v1/learning/links/act", None, &act(&koen_link, "accept")).await, 409).await["code"], "offer_not_open");

    // Ans withdraws: her event is cancelled by the same UID; Koen is offered the place by a new link of his own.
    let p = send(app.post_json("/api/v1/learning/links/act", None, &act(&ans_link, "withdraw")).await, 200).await;
    assert!(p["status"].is_null());
    let (method, cancel_uid, _, _) = last_ics(&app, "a.peeters@venlo.demo.local", "learning_withdrawn").await;
    assert_eq!((method.as_str(), cancel_uid), ("CANCEL", uid));
    assert_eq!(send(app.post_json("/api/v1/learning/links/act", None, &act(&ans_link, "withdraw")).await, 409).await["code"], "invalid_transition");
    let offer_link = last_link(&app, "k.hesen@venlo.demo.local", "learning_offered").await;
    assert_ne!(offer_link, koen_link);
    assert_eq!(mails(&app, "gemeente.venlo@demo.local", "learning_offered").await, 1, "his contact hears of it too");
    let p = send(app.post_json("/api/v1/learning/links/lookup", None, &look(&koen_link)).await, 200).await;
    assert_eq!(p["status"], "offered");
    assert!(p["offer_expires_at"].is_string());
    let p = send(app.post_json("/api/v1/learning/links/act", None, &act(&offer_link, "accept")).await, 200).await;
    assert_eq!(p["status"], "registered");
    assert_eq!(last_ics(&app, "k.hesen@venlo.demo.local", "learning_registered").await.0, "REQUEST");
    assert_eq!(send(app.post_json("/api/v1/learning/links/act", None, &act(&koen_link, "decline")).await, 409).await["code"], "offer_not_open");

    // Ans again: the session is full, so she waits; on the day nothing changes any more.
    let p = send(app.post_json("/api/v1/learning/links/act", None, &act(&ans_link, "register")).await, 200).await;
    assert_eq!(p["status"], "waiting");
    go_to(&app, day);
    assert_eq!(send(app.post_json("/api/v1/learning/links/act", None, &act(&ans_link, "withdraw")).await, 409).await["code"], "invalid_transition");
    assert_eq!(send(app.post_json("/api/v1/learning/links/lookup", None, &look(&ans_link)).await, 200).await["open"], false);

    // Erased, her links lead nowhere; a month after the day the others go by the retention of used links.
    go_to(&app, day + chrono::Duration::days(1));
    send(app.post_json(&format!("/api/v1/privacy/people/{ans}/erase"), Some(&bel), &json!({})).await, 200).await;
    assert_eq!(send(app.post_json("/api/v1/learning/links/lookup", None, &look(&ans_link)).await, 400).await["code"], "token_invalid");
    assert_eq!(app.scalar::<i64>(&format!("SELECT COUNT(*) FROM learning_links WHERE professional_id = {ans}")).await, 0);
    let koens = app.scalar::<i64>(&format!("SELECT COUNT(*) FROM learning_links WHERE professional_id = {koen}")).await;
    assert_eq!(koens, 2);
    go_to(&app, day + chrono::Duration::days(30));
    va_backend::privacy::service::purge_due(&app.state).await.expect("purge");
    assert_eq!(app.count("learning_links").await, 2, "not yet due");
    go_to(&app, day + chrono::Duration::days(32));
    va_backend::privacy::service::purge_due(&app.state).await.expect("purge");
    assert_eq!(app.count("learning_links").await, 0);
    assert_eq!(app.scalar::<i64>("SELECT CAST(COALESCE(SUM(\"rows\"), 0) AS BIGINT) FROM purge_log WHERE kind = 'learning_link'").await, 2);
}

async fn the_demo_network_who_sees_what_cancelling_and_needs(app: TestApp) {
    let bel = app.token("bel@demo.local").await;
    // The demo: a held session with its report and a full supra-regional one.
    let list = send(app.get("/api/v1/learning/sessions", Some(&bel)).await, 200).await;
    assert_eq!(list["can_announce"], true);
    let supra = list["upcoming"].as_array().expect("upcoming").iter().find(|s| s["scope"] == "supra_regional").cloned().expect("a supra-regional session");
    assert_eq!((supra["taken"].as_i64(), supra["capacity"].as_i64(), supra["waiting"].as_i64()), (Some(4), Some(4), Some(2)));
    assert!(list["past"].as_array().expect("past").iter().any(|s| s["reported"] == true));
    let venlo = app.token("gemeente.venlo@demo.local").await;
    let maastricht = app.token("gemeente.maastricht@demo.local").await;
    let trainer = app.token("trainer@demo.local").await;
    let list = send(app.get("/api/v1/learning/sessions", Some(&venlo)).await, 200).await;
    assert_eq!(list["can_announce"], false);
    // A contact sees the supra-regional sessions and their own region's, not another region's.
    let regions: Vec<String> = list["upcoming"].as_array().expect("upcoming").iter().map(|s| s["region"]["name"].as_str().unwrap_or("-").to_string()).collect();
    assert!(regions.iter().all(|r| r == "-" || r == "Noord-Limburg"), "{regions:?}");
    let zuid_session = app.id_of("SELECT s.id FROM learning_sessions s JOIN regions r ON r.id = s.region_id WHERE r.code = 'zuid'").await;
    send(app.get(&format!("/api/v1/learning/sessions/{zuid_session}"), Some(&venlo)).await, 404).await;
    send(app.get("/api/v1/learning/sessions", Some(&trainer)).await, 403).await;
    // Maastricht sees its own registrations of the supra-regional session, no other organisation's.
    let supra = app.id_of("SELECT id FROM learning_sessions WHERE scope = 'supra_regional'").await;
    let v = send(app.get(&format!("/api/v1/learning/sessions/{supra}"), Some(&maastricht)).await, 200).await;
    let orgs: Vec<&str> = v["registrations"].as_array().expect("regs").iter().map(|r| r["organisation"]["name"].as_str().unwrap_or("")).collect();
    assert_eq!(orgs, ["Maastricht", "Maastricht"]);

    // BEL cancels it: everyone with a place gets the CANCEL of their event; then nothing changes any more.
    send(app.post_json(&format!("/api/v1/learning/sessions/{supra}/cancel"), Some(&bel), &json!({"reason": " "})).await, 422).await;
    send(app.post_json(&format!("/api/v1/learning/sessions/{supra}/cancel"), Some(&app.token("ambassadeur.zuid@demo.local").await), &json!({"reason": "x"})).await, 403).await;
    let v = send(app.post_json(&format!("/api/v1/learning/sessions/{supra}/cancel"), Some(&bel), &json!({"reason": "De spreker is ziek."})).await, 200).await;
    assert_eq!(v["summary"]["cancelled"], true);
    let (method, uid, _, _) = last_ics(&app, "s.ramakers@maastricht.demo.local", "learning_withdrawn").await;
    let sophie = prof(&app, "s.ramakers@maastricht.demo.local").await;
    assert_eq!((method.as_str(), uid), ("CANCEL", format!("va-learning-{supra}-professional-{sophie}@va-planner.bel-limburg.nl")));
    assert_eq!(mails(&app, "m.wetzels@bjzl.demo.local", "learning_withdrawn").await, 0, "a waiting professional had no event");
    assert_eq!(send(app.post_json(&format!("/api/v1/learning/sessions/{supra}/cancel"), Some(&bel), &json!({"reason": "x"})).await, 409).await["code"], "invalid_transition");
    let list = send(app.get("/api/v1/learning/sessions", Some(&bel)).await, 200).await;
    assert!(list["past"].as_array().expect("past").iter().any(|s| s["id"] == supra && s["cancelled"] == true));
    the_regions_learning_needs_side_by_side(&app).await;
}

async fn the_regions_learning_needs_side_by_side(app: &TestApp) {
    let bel = app.token("bel@demo.local").await;
    let noord_amb = app.token("ambassadeur.noord@demo.local").await;
    let zuid = app.id_of("SELECT id FROM regions WHERE code = 'zuid'").await;
    let need = json!({"topic": "VA bij huiselijk geweld", "description": "Veiligheid eerst, dan de analyse."});
    let v = send(app.post_json("/api/v1/learning/needs", Some(&noord_amb), &need).await, 200).await;
    let noord = v["regions"].as_array().expect("regions").iter().find(|r| r["own"] == true).cloned().expect("own region");
    assert_eq!(noord["region"]["name"], "Noord-Limburg");
    assert_eq!(noord["needs"][0]["topic"], "VA bij huiselijk geweld");
    assert_eq!(noord["needs"][0]["recorded_by"].as_str().map(|s| !s.is_empty()), Some(true));
    let body = send(app.post_json("/api/v1/learning/needs", Some(&noord_amb), &json!({"region_id": zuid, "topic": "x"})).await, 422).await;
    assert_eq!(fields(&body), [("region_id".to_string(), "outside_scope".to_string())]);
    assert_eq!(fields(&send(app.post_json("/api/v1/learning/needs", Some(&bel), &json!({"topic": "x"})).await, 422).await), [("region_id".to_string(), "required".to_string())]);
    send(app.post_json("/api/v1/learning/needs", Some(&bel), &json!({"region_id": zuid, "topic": " "})).await, 422).await;
    send(app.post_json("/api/v1/learning/needs", Some(&app.token("gemeente.venlo@demo.local").await), &need).await, 403).await;
    send(app.get("/api/v1/learning/needs", Some(&app.token("trainer@demo.local").await)).await, 403).await;

    // BEL sees every region with its needs; an ambassador removes their own region's only.
    let all = send(app.get("/api/v1/learning/needs", Some(&bel)).await, 200).await;
    let regions = all["regions"].as_array().expect("regions");
    assert_eq!(regions.len(), 3);
    assert!(regions.iter().all(|r| !r["needs"].as_array().expect("needs").is_empty()), "the demo has needs in every region");
    let zuid_need = app.id_of(&format!("SELECT MIN(id) FROM learning_needs WHERE region_id = {zuid}")).await;
    send(app.delete(&format!("/api/v1/learning/needs/{zuid_need}"), Some(&noord_amb)).await, 403).await;
    let mine = noord["needs"][0]["id"].as_i64().expect("id");
    let before = app.count("learning_needs").await;
    send(app.delete(&format!("/api/v1/learning/needs/{mine}"), Some(&noord_amb)).await, 200).await;
    assert_eq!(app.count("learning_needs").await, before - 1);
    send(app.delete(&format!("/api/v1/learning/needs/{mine}"), Some(&noord_amb)).await, 404).await;
}

/// Many registrations at once for the last places: never more places than the session has.
async fn concurrent_registrations_never_oversell(app: TestApp) {
    let bel = app.token("bel@demo.local").await;
    let soon = (app.state.settings.clock.today() + chrono::Duration::days(20)).to_string();
    earlier_trained(&app).await;
    let id = send(app.post_json("/api/v1/learning/sessions", Some(&bel), &session("supra_regional", None, &soon, 3)).await, 200).await["summary"]["id"].as_i64().expect("id");
    let trained: Vec<i64> = send(app.get(&format!("/api/v1/learning/sessions/{id}"), Some(&bel)).await, 200).await["candidates"]
        .as_array()
        .expect("candidates")
        .iter()
        .take(8)
        .map(|c| c["professional"]["id"].as_i64().unwrap_or(0))
        .collect();
    assert_eq!(trained.len(), 8);
    let calls = trained.iter().map(|p| {
        let (app, bel) = (&app, bel.clone());
        async move { app.post_json(&format!("/api/v1/learning/sessions/{id}/registrations"), Some(&bel), &json!({"professional_ids": [p]})).await.status().as_u16() }
    });
    let statuses = futures_util::future::join_all(calls).await;
    assert!(statuses.iter().all(|s| *s == 200), "{statuses:?}");
    let count = |status: &str| format!("SELECT COUNT(*) FROM learning_registrations WHERE session_id = {id} AND status = '{status}'");
    assert_eq!((app.scalar::<i64>(&count("registered")).await, app.scalar::<i64>(&count("waiting")).await), (3, 5));
}

db_tests!(tweak crate::monitoring::own_ticks; sessions_places_waiting_list_offers_and_calendars, registration_by_the_professionals_own_link);
pub(crate) fn with_demo_activity(s: &mut va_backend::config::Settings) {
    s.demo_activity = true;
}

db_tests!(tweak crate::learning::with_demo_activity; the_demo_network_who_sees_what_cancelling_and_needs);
/// Many professionals use their links at once for the last place: one place, the rest wait.
async fn concurrent_links_never_oversell(app: TestApp) {
    let bel = app.token("bel@demo.local").await;
    let soon = (app.state.settings.clock.today() + chrono::Duration::days(20)).to_string();
    earlier_trained(&app).await;
    let id = send(app.post_json("/api/v1/learning/sessions", Some(&bel), &session("supra_regional", None, &soon, 1)).await, 200).await["summary"]["id"].as_i64().expect("id");
    let trained: Vec<i64> = send(app.get(&format!("/api/v1/learning/sessions/{id}"), Some(&bel)).await, 200).await["candidates"]
        .as_array()
        .expect("candidates")
        .iter()
        .take(6)
        .map(|c| c["professional"]["id"].as_i64().unwrap_or(0))
        .collect();
    assert_eq!(trained.len(), 6);
    send(app.post_json(&format!("/api/v1/learning/sessions/{id}/links"), Some(&bel), &json!({"professional_ids": trained})).await, 200).await;
    let bodies: Vec<String> = {
        let mut out = Vec::new();
        for p in &trained {
            out.push(app.db_text(&format!("SELECT e.body_text FROM email_outbox e JOIN professionals p ON p.email = e.to_addr WHERE p.id = {p} AND e.template = 'learning_link'")).await);
        }
        out
    };
    let calls = bodies.iter().map(|b| {
        let app = &app;
        let token = link_token(b);
        async move { app.post_json("/api/v1/learning/links/act", None, &json!({"token": token, "action": "register"})).await.status().as_u16() }
    });
    let statuses = futures_util::future::join_all(calls).await;
    assert!(statuses.iter().all(|s| *s == 200), "{statuses:?}");
    let count = |status: &str| format!("SELECT COUNT(*) FROM learning_registrations WHERE session_id = {id} AND status = '{status}'");
    assert_eq!((app.scalar::<i64>(&count("registered")).await, app.scalar::<i64>(&count("waiting")).await), (1, 5));
}

db_tests!(concurrent_registrations_never_oversell, concurrent_links_never_oversell);

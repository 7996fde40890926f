//! The authorisation matrix, generated from `openapi/openapi.json`: every
//! operation, called by every role that is not BEL with the ids of another
//! scope (Maastricht's request, enrolment, professional and organisation, the
//! Zuid ambassador, a group the trainer does not run), must not read or change
//! anything of that scope. A new operation is covered without a new test.

use chrono::Datelike;
use serde_json::{json, Map, Value};
use va_tests::expect_json as send;
use va_tests::{db_tests, token_from_mail, TestApp};

/// Personal data of the other scope that no caller here may ever see.
const FOREIGN: [&str; 4] = ["n.dassen@maastricht.demo.local", "Noor Dassen", "ambassadeur.zuid@demo.local", "gemeente.maastricht@demo.local"];

/// The ids of the other scope, by the name of the collection they belong to.
struct Foreign {
    by_collection: Vec<(&'static str, i64)>,
}

impl Foreign {
    fn id(&self, collection: &str) -> i64 {
        self.by_collection.iter().find(|(c, _)| *c == collection).map(|(_, id)| *id).unwrap_or(999_999)
    }

    /// The path with each parameter replaced by the other scope's id of the collection before it.
    fn url(&self, path: &str) -> String {
        let mut out = String::new();
        let mut last = "";
        for seg in path.split('/').filter(|s| !s.is_empty()) {
            let value = match seg {
                "{list}" => "requests".to_string(),
                "{year}" => "2027".to_string(),
                "{org}" => self.id("organisations").to_string(),
                s if s.starts_with('{') => self.id(last).to_string(),
                s => {
                    last = s;
                    s.to_string()
                }
            };
            out.push('/');
            out.push_str(&value);
        }
        out
    }

    /// A body the operation's schema accepts in shape, with every id field
    /// pointing into the other scope.
    fn body(&self, spec: &Value, schema: &Value, field: &str, depth: usize) -> Value {
        let schema = resolve(spec, schema);
        if depth > 6 {
            return Value::Null;
        }
        if let Some(options) = schema.get("oneOf").or_else(|| schema.get("anyOf")).and_then(Value::as_array) {
            let pick = options.iter().find(|o| o.get("type") != Some(&json!("null"))).unwrap_or(&Value::Null);
            return self.body(spec, pick, field, depth + 1);
        }
        if let Some(values) = schema.get("enum").and_then(Value::as_array) {
            return values.iter().find(|v| !v.is_null()).cloned().unwrap_or(Value::Null);
        }
        let ty = match &schema["type"] {
            Value::Array(types) => types.iter().find(|t| *t != "null").and_then(Value::as_str).unwrap_or("null"),
            t => t.as_str().unwrap_or("object"),
        };
        let id_of = |f: &str| match f.trim_end_matches('s') {
            "organisation_id" => self.id("organisations"),
            "group_id" | "to_group_id" => self.id("groups"),
            "professional_id" => self.id("professionals"),
            "enrolment_id" => self.id("enrolments"),
            "request_id" => self.id("requests"),
            "user_id" | "trainer_id" => self.id("users"),
            "region_id" => self.id("regions"),
            "programme_id" => self.id("programmes"),
            _ => 1,
        };
        match ty {
            "string" => match schema["format"].as_str() {
                Some("date") => json!("2027-03-01"),
                Some("date-time") => json!("2027-03-01T09:00:00Z"),
                Some("email") => json!("x@maastricht.demo.local"),
                _ if field.ends_with("_at") && field != "starts_at" && field != "ends_at" => json!("2027-03-01T09:00:00Z"),
                _ if field == "starts_at" => json!("09:00"),
                _ if field == "ends_at" => json!("12:00"),
                _ => json!("Tekst"),
            },
            "integer" | "number" => json!(id_of(field)),
            "boolean" => json!(true),
            "array" => {
                let item = self.body(spec, &schema["items"], field, depth + 1);
                if item.is_null() { json!([]) } else { json!([item]) }
            }
            "object" => {
                let mut out = Map::new();
                let required: Vec<&str> = schema["required"].as_array().map(|r| r.iter().filter_map(Value::as_str).collect()).unwrap_or_default();
                for (name, prop) in schema["properties"].as_object().into_iter().flatten() {
                    // Ids are worth sending even where optional: they are what the matrix is about.
                    if required.contains(&name.as_str()) || name.ends_with("_id") || name.ends_with("_ids") {
                        out.insert(name.clone(), self.body(spec, prop, name, depth + 1));
                    }
                }
                Value::Object(out)
            }
            _ => Value::Null,
        }
    }
}

fn resolve<'a>(spec: &'a Value, schema: &'a Value) -> &'a Value {
    match schema.get("$ref").and_then(Value::as_str).and_then(|r| r.strip_prefix("#/components/schemas/")) {
        Some(name) => &spec["components"]["schemas"][name],
        None => schema,
    }
}

/// A second trainer who runs no group, logged in through the mailed link.
async fn trainer_without_groups(app: &TestApp) -> String {
    let bel = app.token("bel@demo.local").await;
    send(app.post_json("/api/v1/users", Some(&bel), &json!({"email": "trainer.matrix@demo.local", "name": "Tessa Matrix", "role": "trainer"})).await, 201).await;
    let link = token_from_mail(&app.wait_for_mail("trainer.matrix@demo.local").await);
    let res = app.post_json("/api/v1/auth/set-password", None, &json!({"token": link, "password": "een-goed-wachtwoord"})).await;
    assert_eq!(res.status(), 204);
    let body: Value = app.login("trainer.matrix@demo.local", "een-goed-wachtwoord").await.json().await.expect("json");
    body["token"].as_str().expect("token").to_string()
}

async fn snapshot(app: &TestApp) -> Vec<i64> {
    let mut out = Vec::new();
    // Reads are recorded (who downloaded their own scope's list); changes are not allowed.
    out.push(app.scalar::<i64>("SELECT COUNT(*) FROM audit_log WHERE action NOT LIKE '%.viewed' AND action NOT LIKE '%.downloaded' AND action NOT LIKE '%exported' AND action NOT LIKE 'feed.%'").await);
    for t in ["email_outbox", "enrolments", "enrolment_events", "seat_holds", "followup_sessions", "followup_requests", "professionals", "users", "training_days", "learning_sessions", "learning_registrations", "learning_links", "learning_needs", "learning_questions", "budget_expenses", "budgets"] {
        out.push(app.count(t).await);
    }
    out.push(app.scalar::<i64>("SELECT COUNT(*) FROM enrolments WHERE status = 'placed'").await);
    out
}

async fn nobody_reaches_another_scope(app: TestApp) {
    // Maastricht (Zuid) has a professional placed in Groep 6.
    let noor = super::waitlist::approved(&app, "gemeente.maastricht@demo.local", "ambassadeur.zuid@demo.local", &[("Noor Dassen", "n.dassen@maastricht.demo.local", false)]).await[0];
    let g6 = app.id_of("SELECT id FROM training_groups WHERE name LIKE 'Groep 6%'").await;
    let bel = app.token("bel@demo.local").await;
    send(app.post_json(&format!("/api/v1/enrolments/{noor}/allocate"), Some(&bel), &json!({"group_id": g6})).await, 200).await;
    let maastricht = app.id_of("SELECT id FROM organisations WHERE name = 'Maastricht'").await;
    let zuid = app.token("ambassadeur.zuid@demo.local").await;
    let check = send(app.post_json("/api/v1/readiness/checks", Some(&zuid), &json!({"organisation_id": maastricht})).await, 201).await["id"].as_i64().expect("check");
    let zuid_id = app.id_of("SELECT id FROM regions WHERE code = 'zuid'").await;
    let session = json!({"scope": "regional", "region_id": zuid_id, "title": "Casuïstiekleren Zuid", "held_on": "2027-02-10", "starts_at": "13:30", "ends_at": "16:00", "place": "Heerlen", "capacity": 10, "target_group": "Getrainden"});
    let session = send(app.post_json("/api/v1/learning/sessions", Some(&zuid), &session).await, 200).await["summary"]["id"].as_i64().expect("session");
    send(app.post_json("/api/v1/learning/needs", Some(&zuid), &json!({"topic": "VA bij uithuisplaatsing"})).await, 200).await;
    let need = app.id_of(&format!("SELECT id FROM learning_needs WHERE region_id = {zuid_id}")).await;
    // Zuid's learning question (proposed, so its ambassador could still change it) and a booking of BEL's.
    let year = app.state.settings.clock.today().year();
    let lq = json!({"title": "VA in het wijkteam Heerlen", "goal": "Leren", "target_group": "Wijkteam", "partners": "Gemeente Heerlen", "starts_on": format!("{year}-03-01"),
        "ends_on": format!("{year}-09-01"), "capacity": "Twee coaches", "outcomes": "Werkinstructie", "sharing": "Lerend netwerk", "budget_eur": 6500, "budget_year": year});
    let question = send(app.post_json("/api/v1/learning-questions", Some(&zuid), &lq).await, 200).await["id"].as_i64().expect("question");
    send(app.put_json(&format!("/api/v1/budgets/{year}"), Some(&bel), &json!({"training_eur": 115_000, "other_eur": 25_000})).await, 200).await;
    let booking = json!({"line": "other", "description": "Nieuwsbrief", "amount_eur": 500, "spent_on": app.state.settings.clock.today()});
    let expense = send(app.post_json("/api/v1/budget/expenses", Some(&bel), &booking).await, 200).await["id"].as_i64().expect("expense");
    let sql = |q: &str| q.replace("{E}", &noor.to_string());
    let foreign = Foreign {
        by_collection: vec![
            ("requests", app.id_of(&sql("SELECT request_id FROM enrolments WHERE id = {E}")).await),
            ("enrolments", noor),
            ("professionals", app.id_of(&sql("SELECT professional_id FROM enrolments WHERE id = {E}")).await),
            ("organisations", maastricht),
            ("checks", check),
            ("groups", g6),
            ("training-days", app.id_of(&format!("SELECT MIN(id) FROM training_days WHERE group_id = {g6}")).await),
            ("users", app.id_of("SELECT id FROM users WHERE email = 'ambassadeur.zuid@demo.local'").await),
            ("regions", app.id_of("SELECT id FROM regions WHERE code = 'zuid'").await),
            ("programmes", app.id_of("SELECT id FROM programmes").await),
            ("sessions", session),
            ("needs", need),
            ("learning-questions", question),
            ("expenses", expense),
        ],
    };
    let callers = [
        ("the Noord ambassador", app.token("ambassadeur.noord@demo.local").await),
        ("Venlo's contact", app.token("gemeente.venlo@demo.local").await),
        ("a trainer without groups", trainer_without_groups(&app).await),
    ];
    let spec: Value = serde_json::from_str(&va_backend::openapi_json().expect("spec")).expect("json");
    let before = snapshot(&app).await;
    let mut calls = 0;
    let mut problems = Vec::new();
    for (path, item) in spec["paths"].as_object().expect("paths") {
        for (method, op) in item.as_object().expect("item") {
            let secured = op["security"].as_array().is_some_and(|s| s.iter().any(|r| r.get("bearer").is_some()));
            if !secured {
                continue;
            }
            let url = foreign.url(path);
            let m = reqwest::Method::from_bytes(method.to_uppercase().as_bytes()).expect("method");
            let schema = &op["requestBody"]["content"]["application/json"]["schema"];
            let body = (!schema.is_null()).then(|| foreign.body(&spec, schema, "", 0));
            for (who, token) in &callers {
                let mut req = app.client.request(m.clone(), app.url(&url)).bearer_auth(token);
                if let Some(b) = &body {
                    req = req.json(b);
                }
                let res = req.send().await.expect("send");
                let status = res.status().as_u16();
                let text = res.text().await.unwrap_or_default();
                calls += 1;
                if let Some(leak) = FOREIGN.iter().find(|f| text.contains(**f)) {
                    problems.push(format!("{method} {url} as {who}: {status} shows {leak}"));
                }
                // `/me/...` changes the caller's own (no id of another scope in it).
                let write = m != reqwest::Method::GET && !path.starts_with("/api/v1/me/");
                if status >= 500 || (write && (200..300).contains(&status)) || (write && status == 409) {
                    problems.push(format!("{method} {url} as {who}: {status} {}", text.chars().take(160).collect::<String>()));
                }
            }
        }
    }
    assert!(problems.is_empty(), "{} of {calls} calls reached another scope:\n{}", problems.len(), problems.join("\n"));
    assert!(calls > 300, "{calls} calls");
    assert_eq!(snapshot(&app).await, before, "nothing changed");
}

db_tests!(nobody_reaches_another_scope);

use serde_json::Value;
use va_tests::{db_tests, TestApp};

#[test]
fn the_committed_openapi_json_is_what_the_server_generates() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../openapi/openapi.json");
    let committed = std::fs::read_to_string(&path).expect("openapi/openapi.json is committed");
    let generated = va_backend::openapi_json().expect("spec");
    assert!(
        committed == generated,
        "openapi/openapi.json differs from the generated spec: run `cargo run -p va-backend --bin backend -- export-openapi`"
    );
}

#[test]
fn every_operation_documents_its_security_and_errors() {
    let spec: Value = serde_json::from_str(&va_backend::openapi_json().expect("spec")).expect("json");
    let paths = spec["paths"].as_object().expect("paths");
    assert!(paths.len() >= 12, "{}", paths.len());
    for (path, item) in paths {
        for (method, op) in item.as_object().expect("item") {
            let security = op.get("security").unwrap_or_else(|| panic!("{method} {path} has no security"));
            let responses = op["responses"].as_object().expect("responses");
            let secured = security.as_array().is_some_and(|s| s.iter().any(|r| r.get("bearer").is_some()));
            if secured {
                assert!(responses.contains_key("401"), "{method} {path} lacks 401");
            }
            let has_error = responses.keys().any(|k| k.starts_with('4') || k.starts_with('5'));
            // These two answer anyone alike: the liveness probe, and logout (it only clears a cookie).
            if path != "/api/health" && path != "/api/v1/auth/logout" {
                assert!(has_error, "{method} {path} documents no error");
            }
            if op.get("requestBody").is_some() {
                assert!(responses.contains_key("400"), "{method} {path} lacks 400 for malformed bodies");
            }
        }
    }
    assert!(spec["components"]["securitySchemes"]["bearer"].is_object());
}

async fn the_spec_and_docs_ui_are_served(app: TestApp) {
    let served: Value = app.get("/api/openapi.json", None).await.json().await.expect("json");
    let generated: Value = serde_json::from_str(&va_backend::openapi_json().expect("spec")).expect("json");
    assert_eq!(served, generated);
    let res = app.get("/api/docs", None).await;
    assert_eq!(res.status(), 308);
    assert_eq!(res.headers()["location"], "/api/docs/");
    let res = app.get("/api/docs/", None).await;
    assert_eq!(res.status(), 200);
    let html = res.text().await.expect("html");
    assert!(html.to_lowercase().contains("swagger"), "{html}");
    let res = app.get("/api/docs/swagger-ui.css", None).await;
    assert_eq!(res.status(), 200, "docs assets come from the binary");
}

/// Generated from the spec, so every new operation is covered: each one that
/// needs a token answers 401 without one, and each operation of BEL's own tags
/// that takes no body refuses an organisation contact (403, or 404 where the
/// object is outside the caller's scope) and changes nothing.
async fn every_operation_is_guarded(app: TestApp) {
    let spec: Value = serde_json::from_str(&va_backend::openapi_json().expect("spec")).expect("json");
    let contact = app.token("gemeente.venlo@demo.local").await;
    let tables = ["users", "training_groups", "training_days", "programmes", "organisations", "enrolments"];
    let mut before = Vec::new();
    for t in tables {
        before.push(app.count(t).await);
    }
    let mut checked = 0;
    for (path, item) in spec["paths"].as_object().expect("paths") {
        let url = regex_lite_ids(path);
        for (method, op) in item.as_object().expect("item") {
            let secured = op["security"].as_array().is_some_and(|s| s.iter().any(|r| r.get("bearer").is_some()));
            if !secured {
                continue;
            }
            let m = reqwest::Method::from_bytes(method.to_uppercase().as_bytes()).expect("method");
            let call = |token: Option<&str>| {
                let mut req = app.client.request(m.clone(), app.url(&url));
                if let Some(t) = token {
                    req = req.bearer_auth(t);
                }
                if op.get("requestBody").is_some() {
                    req = req.json(&serde_json::json!({}));
                }
                req.send()
            };
            assert_eq!(call(None).await.expect("send").status(), 401, "{method} {path} without a token");
            let tags: Vec<&str> = op["tags"].as_array().map(|t| t.iter().filter_map(|x| x.as_str()).collect()).unwrap_or_default();
            let bel_only = tags.iter().any(|t| ["users", "groups", "planning", "audit"].contains(t));
            if bel_only && op.get("requestBody").is_none() {
                let status = call(Some(&contact)).await.expect("send").status().as_u16();
                assert!(status == 403 || status == 404, "{method} {path} as an organisation contact: {status}");
            }
            checked += 1;
        }
    }
    assert!(checked > 100, "{checked} operations");
    for (t, n) in tables.iter().zip(before) {
        assert_eq!(app.count(t).await, n, "{t} unchanged");
    }
}

/// `/x/{id}/y` with every path parameter set to 1.
fn regex_lite_ids(path: &str) -> String {
    let mut out = String::new();
    let mut inside = false;
    for c in path.chars() {
        match c {
            '{' => {
                inside = true;
                out.push('1');
            }
            '}' => inside = false,
            _ if !inside => out.push(c),
            _ => {}
        }
    }
    out
}

db_tests!(the_spec_and_docs_ui_are_served, every_operation_is_guarded);

/// Every `$ref` points at a schema that exists; the enrolment request's
/// statuses are not replaced by the follow-up request's (two Rust types once
/// shared the name, and the spec kept one); exports document both formats; a
/// number among the parameters documents its 400.
#[test]
fn the_spec_is_whole_and_unambiguous() {
    let text = va_backend::openapi_json().expect("spec");
    let spec: Value = serde_json::from_str(&text).expect("json");
    let schemas = spec["components"]["schemas"].as_object().expect("schemas");
    let mut rest = text.as_str();
    while let Some(i) = rest.find("#/components/schemas/") {
        rest = &rest[i + "#/components/schemas/".len()..];
        let name: String = rest.chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '_').collect();
        assert!(schemas.contains_key(&name), "dangling reference to {name}");
    }
    let enrolment_request = &schemas["RequestStatus"]["enum"];
    assert!(enrolment_request.as_array().is_some_and(|v| v.iter().any(|s| s == "submitted")), "the enrolment request's statuses: {enrolment_request}");
    assert!(schemas["FollowupRequestStatus"]["enum"].as_array().is_some_and(|v| v.iter().any(|s| s == "planned")));
    let export = &spec["paths"]["/api/v1/exports/{list}"]["get"]["responses"]["200"]["content"];
    assert!(export.get("text/csv").is_some() && export.get("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet").is_some(), "{export}");
    for (path, item) in spec["paths"].as_object().expect("paths") {
        for (method, op) in item.as_object().expect("item") {
            let numeric = op["parameters"].as_array().is_some_and(|ps| ps.iter().any(|p| p["schema"].to_string().contains("integer")));
            if numeric {
                assert!(op["responses"].get("400").is_some(), "{method} {path} takes a number but does not document 400");
            }
        }
    }
}

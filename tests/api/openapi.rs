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
            if path != "/api/health" {
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

db_tests!(the_spec_and_docs_ui_are_served);

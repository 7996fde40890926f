//! BEL's mail screen: failed mail is visible with its reason, can be sent
//! again (once it failed, not before), a test message checks the settings, and
//! only BEL sees any of it.

use chrono::Utc;
use serde_json::{json, Value};
use va_backend::email::{enqueue, OutgoingEmail};
use va_tests::smtp::free_port;
use va_tests::{db_tests, TestApp};

/// A message that failed for good: its only attempt went to a closed port.
/// It is queued for a day ahead in one transaction, so the app's own sender
/// (which delivers what is due now) never takes it first.
async fn failed_message(app: &TestApp, to: &str) -> i64 {
    use sea_orm::{sea_query::Expr, ColumnTrait, EntityTrait, QueryFilter, TransactionTrait};
    use va_backend::entities::email_outbox as outbox;
    let later = Utc::now() + chrono::Duration::days(1);
    let txn = app.db.begin().await.expect("txn");
    let id = enqueue(&txn, OutgoingEmail::new("test", to, "Mislukt", "Hallo".into())).await.expect("enqueue");
    outbox::Entity::update_many().col_expr(outbox::Column::NextAttemptAt, Expr::value(later)).filter(outbox::Column::Id.eq(id)).exec(&txn).await.expect("later");
    txn.commit().await.expect("commit");
    let mut settings = app.settings.clone();
    settings.smtp_url = Some(format!("smtp://127.0.0.1:{}", free_port()));
    let sender = va_backend::email::sender::Sender { max_attempts: 1, ..crate::email::sender_with(app, &settings) };
    sender.deliver_due(later).await.expect("round");
    id
}

async fn failed_mail_is_shown_and_can_be_sent_again(app: TestApp) {
    let bel = app.token("bel@demo.local").await;
    let id = failed_message(&app, "kapot@demo.local").await;
    let queue: Value = app.get("/api/v1/mail?status=failed", Some(&bel)).await.json().await.expect("queue");
    assert_eq!(queue["failed"], 1, "{queue}");
    assert!(queue["delivery"].as_str().is_some_and(|d| d.contains("eml")), "{queue}");
    let items = queue["items"].as_array().expect("items");
    assert_eq!(items.len(), 1);
    assert_eq!(items[0]["id"], id);
    assert_eq!(items[0]["status"], "failed");
    assert!(items[0]["last_error"].as_str().is_some_and(|e| !e.is_empty()));
    assert!(items[0].get("body_text").is_none(), "bodies are not shown");

    // Sending again: pending with fresh attempts, then out through the app's own sender.
    let res = app.post_json(&format!("/api/v1/mail/{id}/resend"), Some(&bel), &json!({})).await;
    assert_eq!(res.status(), 200);
    let item: Value = res.json().await.expect("item");
    assert_eq!(item["status"], "pending");
    assert_eq!(item["attempts"], 0);
    app.wait_for_mail("kapot@demo.local").await;
    let res = app.post_json(&format!("/api/v1/mail/{id}/resend"), Some(&bel), &json!({})).await;
    assert_eq!(res.status(), 409, "a message that did not fail is not sent again");
    assert_eq!(res.json::<Value>().await.expect("problem")["code"], "invalid_transition");
    assert_eq!(app.post_json("/api/v1/mail/999999/resend", Some(&bel), &json!({})).await.status(), 404);
    let audit = app.id_of("SELECT COUNT(*) FROM audit_log WHERE action = 'mail.resent'").await;
    assert_eq!(audit, 1);

    // All failed at once.
    failed_message(&app, "kapot2@demo.local").await;
    failed_message(&app, "kapot3@demo.local").await;
    let res: Value = app.post_json("/api/v1/mail/resend-failed", Some(&bel), &json!({})).await.json().await.expect("count");
    assert_eq!(res["count"], 2);
    app.wait_for_mail("kapot3@demo.local").await;
}

async fn a_test_message_checks_the_settings(app: TestApp) {
    let bel = app.token("bel@demo.local").await;
    let res = app.post_json("/api/v1/mail/test", Some(&bel), &json!({})).await;
    assert_eq!(res.status(), 201);
    let item: Value = res.json().await.expect("item");
    assert_eq!(item["to"], "bel@demo.local", "to the caller by default");
    let mail = app.wait_for_mail("bel@demo.local").await;
    assert!(mail.contains("Testbericht"), "{mail}");
    let res = app.post_json("/api/v1/mail/test", Some(&bel), &json!({"to": "geen adres"})).await;
    assert_eq!(res.status(), 422);
    let problem: Value = res.json().await.expect("problem");
    assert_eq!(problem["errors"][0]["field"], "to");
    // A NUL byte is refused at the edge, as everywhere.
    let res = app.post_json("/api/v1/mail/test", Some(&bel), &json!({"to": "x\u{0}@demo.local"})).await;
    assert_eq!(res.status(), 400);
}

async fn only_bel_sees_the_outbox(app: TestApp) {
    let id = failed_message(&app, "geheim@demo.local").await;
    for who in ["ambassadeur.noord@demo.local", "gemeente.venlo@demo.local", "trainer@demo.local"] {
        let t = app.token(who).await;
        assert_eq!(app.get("/api/v1/mail", Some(&t)).await.status(), 403, "{who}");
        assert_eq!(app.post_json(&format!("/api/v1/mail/{id}/resend"), Some(&t), &json!({})).await.status(), 403, "{who}");
        assert_eq!(app.post_json("/api/v1/mail/test", Some(&t), &json!({})).await.status(), 403, "{who}");
    }
    assert_eq!(app.get("/api/v1/mail", None).await.status(), 401);
}

db_tests!(failed_mail_is_shown_and_can_be_sent_again, a_test_message_checks_the_settings, only_bel_sees_the_outbox);

//! Mail delivery against servers that misbehave: one that accepts and never
//! answers (or an implicit-TLS port behind an `smtp://` URL), one that hangs
//! up, one that answers 451 or stalls for one recipient; a burst of
//! thousands; and a shutdown while a message is on its way.

use crate::email::sender_with;
use chrono::Utc;
use sea_orm::EntityTrait;
use std::time::{Duration, Instant};
use va_backend::email::{enqueue, OutgoingEmail};
use va_backend::entities::email_outbox;
use va_tests::smtp::{SilentSink, SmtpServer};
use va_tests::{Backend, TestApp};

async fn queue(app: &TestApp, to: &str) {
    enqueue(&app.db, OutgoingEmail::new("test", to, "Storing", "Hallo".into())).await.expect("enqueue");
}

fn smtp_settings(app: &TestApp, url: String) -> va_backend::config::Settings {
    let mut settings = app.settings.clone();
    settings.smtp_url = Some(url);
    settings.smtp_timeout = Duration::from_secs(1);
    settings.smtp_connect_timeout = Duration::from_secs(1);
    settings
}

async fn rows(app: &TestApp) -> Vec<email_outbox::Model> {
    email_outbox::Entity::find().all(&app.db).await.expect("rows")
}

/// A server that never answers holds no message longer than the SMTP timeout,
/// the attempt is recorded with a reason that names the likely cause, and the
/// mail goes out once a working server is configured.
async fn a_server_that_never_answers_costs_one_timeout_per_attempt(app: TestApp) {
    for i in 0..6 {
        queue(&app, &format!("stil{i}@demo.local")).await;
    }
    let silent = SilentSink::start(false).await;
    let sender = sender_with(&app, &smtp_settings(&app, silent.url()));
    let started = Instant::now();
    assert_eq!(sender.deliver_due(Utc::now()).await.expect("round"), 0);
    // Six messages, four at a time, one second each: two timeouts, not a hang.
    assert!(started.elapsed() < Duration::from_secs(20), "the round hung: {:?}", started.elapsed());
    for row in rows(&app).await {
        assert_eq!(row.attempts, 1, "{row:?}");
        assert!(row.sent_at.is_none() && row.claimed_until.is_none());
        let error = row.last_error.unwrap_or_default();
        assert!(error.contains("no answer from the SMTP server within 1 s") && error.contains("smtps://"), "{error}");
    }
    let smtp = SmtpServer::start().await;
    let up = sender_with(&app, &smtp_settings(&app, smtp.url()));
    assert_eq!(up.deliver_due(Utc::now() + chrono::Duration::minutes(1)).await.expect("round"), 6);
    assert_eq!(smtp.messages().len(), 6);
}

/// A server that hangs up at once: an error, a retry later, no hang.
async fn a_server_that_hangs_up_is_retried(app: TestApp) {
    queue(&app, "opgehangen@demo.local").await;
    let closing = SilentSink::start(true).await;
    let sender = sender_with(&app, &smtp_settings(&app, closing.url()));
    assert_eq!(sender.deliver_due(Utc::now()).await.expect("round"), 0);
    let row = rows(&app).await.remove(0);
    assert_eq!(row.attempts, 1);
    assert!(row.failed_at.is_none() && row.next_attempt_at > Utc::now());
    assert!(row.last_error.is_some_and(|e| !e.is_empty()));
}

/// One recipient answered 451 and one never answered do not hold the others:
/// those go out in the same round, the two are retried later.
async fn one_bad_recipient_does_not_hold_the_queue(app: TestApp) {
    queue(&app, "stall@demo.local").await;
    queue(&app, "later@demo.local").await;
    for i in 0..5 {
        queue(&app, &format!("goed{i}@demo.local")).await;
    }
    let smtp = SmtpServer::start_faulty().await;
    let sender = sender_with(&app, &smtp_settings(&app, smtp.url()));
    assert_eq!(sender.deliver_due(Utc::now()).await.expect("round"), 5);
    assert_eq!(smtp.messages().len(), 5);
    for row in rows(&app).await {
        match row.to_addr.as_str() {
            "stall@demo.local" => assert!(row.last_error.as_deref().is_some_and(|e| e.contains("no answer")), "{row:?}"),
            "later@demo.local" => assert!(row.last_error.as_deref().is_some_and(|e| e.contains("451")), "{row:?}"),
            _ => assert!(row.sent_at.is_some(), "{row:?}"),
        }
    }
}

/// A burst of messages drains completely, each exactly once (its speed is
/// measured by the `mail` benchmark, not here).
async fn a_burst_drains_completely_and_once(app: TestApp) {
    const N: usize = 600;
    for i in 0..N {
        queue(&app, &format!("burst{i}@demo.local")).await;
    }
    let sender = crate::email::sender_with(&app, &app.settings);
    let sent = sender.deliver_due(Utc::now()).await.expect("round");
    assert_eq!(sent, N);
    assert_eq!(app.mail_files().len(), N);
    assert_eq!(app.id_of("SELECT COUNT(*) FROM email_outbox WHERE sent_at IS NULL").await, 0);
}

/// A claim shorter than one send (a misconfiguration) starts nothing: the
/// round ends at once and leaves every message free, instead of claiming the
/// same full batch again and again.
async fn a_claim_too_short_for_a_send_ends_the_round(app: TestApp) {
    for i in 0..60 {
        queue(&app, &format!("kort{i}@demo.local")).await;
    }
    let sender = va_backend::email::sender::Sender { claim_for: Duration::from_secs(2), ..sender_with(&app, &app.settings) };
    let round = tokio::time::timeout(Duration::from_secs(30), sender.deliver_due(Utc::now())).await.expect("the round ended");
    assert_eq!(round.expect("round"), 0);
    assert_eq!(app.id_of("SELECT COUNT(*) FROM email_outbox WHERE claimed_by IS NOT NULL OR claimed_until IS NOT NULL").await, 0);
    assert!(app.mail_files().is_empty());
}

va_tests::db_tests!(
    tweak va_tests::no_mail_sender;
    a_server_that_never_answers_costs_one_timeout_per_attempt,
    a_server_that_hangs_up_is_retried,
    one_bad_recipient_does_not_hold_the_queue,
    a_burst_drains_completely_and_once,
    a_claim_too_short_for_a_send_ends_the_round,
);

/// Stopping the server (what SIGTERM does) while a message is with a slow SMTP
/// server: the stop waits for it, the row is marked sent, and an instance
/// started afterwards on the same database sends nothing again.
async fn a_stop_during_a_send_delivers_once(backend: Backend) {
    let smtp = SmtpServer::start_slow(Duration::from_secs(2)).await;
    let url = match backend {
        Backend::Sqlite => None,
        Backend::Postgres => match va_tests::fresh_postgres().await {
            Some(url) => Some(url),
            None => return,
        },
    };
    let mut settings = va_tests::test_settings(url);
    settings.smtp_url = Some(smtp.url());
    settings.email_poll_interval = Duration::from_millis(100);
    let app = va_backend::startup::Application::build(settings.clone()).await.expect("build");
    let db = app.state.db.clone();
    enqueue(&db, OutgoingEmail::new("test", "onderweg@demo.local", "Onderweg", "Hallo".into())).await.expect("enqueue");
    app.state.mail_notify.notify_one();
    let handle = app.handle();
    let running = tokio::spawn(app.run_until_stopped());
    // Wait until the server receives the message, then stop mid-send. (A claimed
    // message whose send has not begun is released at a stop, not sent: waiting
    // for the claim alone would make the test depend on that moment.)
    for _ in 0..200 {
        if smtp.receiving() > 0 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(25)).await;
    }
    assert_eq!(smtp.receiving(), 1, "the send began");
    handle.stop(true).await;
    running.await.expect("join").expect("served");
    let row = email_outbox::Entity::find().one(&db).await.expect("q").expect("row");
    assert!(row.sent_at.is_some(), "the message in flight finished before the stop: {row:?}");
    assert_eq!(smtp.messages().len(), 1);

    // The next instance finds nothing to send.
    let again = va_backend::startup::Application::build(settings).await.expect("restart");
    again.state.mail_notify.notify_one();
    let handle = again.handle();
    let running = tokio::spawn(again.run_until_stopped());
    tokio::time::sleep(Duration::from_secs(3)).await;
    handle.stop(true).await;
    running.await.expect("join").expect("served");
    assert_eq!(smtp.messages().len(), 1, "delivered once");
}

mod stop_during_send {
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn sqlite() {
        super::a_stop_during_a_send_delivers_once(va_tests::Backend::Sqlite).await;
    }
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn postgres() {
        super::a_stop_during_a_send_delivers_once(va_tests::Backend::Postgres).await;
    }
}

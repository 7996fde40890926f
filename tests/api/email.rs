use chrono::Utc;
use sea_orm::{ConnectionTrait, EntityTrait, Statement};
use serde_json::json;
use std::sync::Arc;
use va_backend::email::sender::Sender;
use va_backend::email::transport::Transport;
use va_backend::entities::email_outbox;
use va_tests::smtp::{free_port, SmtpServer};
use va_tests::{db_tests, spawn_app_with, Backend, TestApp};

async fn invite(app: &TestApp, email: &str) {
    let bel = app.token("bel@demo.local").await;
    let res = app.post_json("/api/v1/users", Some(&bel), &json!({"email": email, "name": "Test Persoon", "role": "trainer"})).await;
    assert_eq!(res.status(), 201);
}

fn file_sender(app: &TestApp) -> Sender {
    sender_with(app, &app.settings)
}

/// A sender of the app's state on `settings`' transport, never told to stop.
pub fn sender_with(app: &TestApp, settings: &va_backend::config::Settings) -> Sender {
    let (stop, stopped) = tokio::sync::watch::channel(false);
    std::mem::forget(stop);
    Sender::new(&app.state, Transport::from_settings(settings).expect("transport"), stopped)
}

async fn the_outbox_row_is_written_with_the_change_and_sent_exactly_once(app: TestApp) {
    invite(&app, "eenmalig@demo.local").await;
    let rows = email_outbox::Entity::find().all(&app.db).await.expect("rows");
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].template, "invitation");
    app.wait_for_mail("eenmalig@demo.local").await;

    // Further rounds, also concurrent ones, send nothing more.
    let s1 = Arc::new(file_sender(&app));
    let s2 = Arc::new(file_sender(&app));
    let (a, b) = tokio::join!(s1.deliver_due(Utc::now()), s2.deliver_due(Utc::now()));
    assert_eq!(a.expect("round") + b.expect("round"), 0);
    tokio::time::sleep(std::time::Duration::from_millis(400)).await;
    let mails: Vec<_> = app.mail_files().into_iter().filter(|m| m.contains("To: eenmalig@demo.local")).collect();
    assert_eq!(mails.len(), 1);
    let row = email_outbox::Entity::find_by_id(rows[0].id).one(&app.db).await.expect("q").expect("row");
    assert!(row.sent_at.is_some() && row.claimed_until.is_none());
    let mail = &mails[0];
    assert!(mail.contains(&format!("Message-ID: {}", row.message_id)), "{mail}");
}

async fn concurrent_senders_never_send_a_message_twice(app: TestApp) {
    // Queue messages without waking the server's own sender: straight into the outbox.
    for i in 0..6 {
        va_backend::email::enqueue(
            &app.db,
            va_backend::email::OutgoingEmail::new("test", &format!("ontvanger{i}@demo.local"), "Test", "Hallo".into()),
        )
        .await
        .expect("enqueue");
    }
    let senders: Vec<Arc<Sender>> = (0..3).map(|_| Arc::new(file_sender(&app))).collect();
    let handles: Vec<_> = senders.iter().map(|s| {
        let s = s.clone();
        tokio::spawn(async move { s.deliver_due(Utc::now()).await.expect("round") })
    }).collect();
    let mut total = 0;
    for h in handles {
        total += h.await.expect("join");
    }
    // The server's own sender may have taken some; together each message went out once.
    tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    for i in 0..6 {
        let n = app.mail_files().iter().filter(|m| m.contains(&format!("To: ontvanger{i}@demo.local"))).count();
        assert_eq!(n, 1, "message {i} sent {n} times");
    }
    assert!(total <= 6);
    let unsent = app.id_of("SELECT COUNT(*) FROM email_outbox WHERE sent_at IS NULL").await;
    assert_eq!(unsent, 0);
}

/// Runs without the server's own sender, so only the senders made here touch the row.
async fn a_failed_delivery_is_retried_later_with_backoff(app: TestApp) {
    va_backend::email::enqueue(&app.db, va_backend::email::OutgoingEmail::new("test", "later@demo.local", "Later", "Hallo".into()))
        .await
        .expect("enqueue");
    let mut settings = app.settings.clone();
    settings.smtp_url = Some(format!("smtp://127.0.0.1:{}", free_port()));
    let down = sender_with(&app, &settings);
    assert_eq!(down.deliver_due(Utc::now()).await.expect("round"), 0);
    let row = email_outbox::Entity::find().one(&app.db).await.expect("q").expect("row");
    assert!(row.sent_at.is_none());
    assert_eq!(row.attempts, 1);
    assert!(row.last_error.is_some());
    assert!(row.next_attempt_at > Utc::now() + chrono::Duration::seconds(20), "backoff of ~30 s");
    assert!(row.failed_at.is_none());
    // Not due yet: nothing happens.
    assert_eq!(down.deliver_due(Utc::now()).await.expect("round"), 0);
    assert_eq!(email_outbox::Entity::find().one(&app.db).await.expect("q").expect("row").attempts, 1);
    // Once the server is back and the time has come, it goes out, once.
    let mut smtp = SmtpServer::start().await;
    settings.smtp_url = Some(smtp.url());
    let up = sender_with(&app, &settings);
    let later = Utc::now() + chrono::Duration::seconds(31);
    assert_eq!(up.deliver_due(later).await.expect("round"), 1);
    assert_eq!(up.deliver_due(later).await.expect("round"), 0);
    assert_eq!(smtp.messages().len(), 1);
    smtp.stop();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_sender_gives_up_after_the_maximum_attempts() {
    let app = spawn_app_with(Backend::Sqlite, va_tests::no_mail_sender).await.expect("app");
    va_backend::email::enqueue(&app.db, va_backend::email::OutgoingEmail::new("test", "nooit@demo.local", "Nooit", "Hallo".into()))
        .await
        .expect("enqueue");
    let mut settings = app.settings.clone();
    settings.smtp_url = Some(format!("smtp://127.0.0.1:{}", free_port()));
    let down = Sender { max_attempts: 2, ..sender_with(&app, &settings) };
    let mut t = Utc::now();
    for _ in 0..3 {
        down.deliver_due(t).await.expect("round");
        t += chrono::Duration::hours(2);
    }
    let row = email_outbox::Entity::find().one(&app.db).await.expect("q").expect("row");
    assert_eq!(row.attempts, 2);
    assert!(row.failed_at.is_some() && row.sent_at.is_none());
}

async fn smtp_delivery_reaches_a_real_smtp_server(backend: Backend) {
    let smtp = SmtpServer::start().await;
    let url = smtp.url();
    let Some(app) = spawn_app_with(backend, |s| s.smtp_url = Some(url)).await else { return };
    invite(&app, "smtp.ontvanger@demo.local").await;
    let mut got = Vec::new();
    for _ in 0..100 {
        got = smtp.messages();
        if !got.is_empty() {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert_eq!(got.len(), 1, "one message over SMTP");
    let m = &got[0];
    assert!(m.contains("smtp.ontvanger@demo.local"));
    assert!(m.contains("Uitnodiging voor de VA-trainingsplanner"), "{m}");
    assert!(va_tests::token_from_mail(m).len() >= 40);
    assert!(app.mail_files().is_empty(), "no .eml files when SMTP is configured");
    tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    assert_eq!(smtp.messages().len(), 1, "still exactly one");
    let sent = app.db.query_one(Statement::from_string(app.db.get_database_backend(), "SELECT COUNT(*) AS n FROM email_outbox WHERE sent_at IS NOT NULL".to_string()))
        .await.expect("q").expect("row").try_get::<i64>("", "n").expect("n");
    assert_eq!(sent, 1);
}

mod smtp_delivery {
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn sqlite() {
        super::smtp_delivery_reaches_a_real_smtp_server(va_tests::Backend::Sqlite).await;
    }
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn postgres() {
        super::smtp_delivery_reaches_a_real_smtp_server(va_tests::Backend::Postgres).await;
    }
}

db_tests!(
    the_outbox_row_is_written_with_the_change_and_sent_exactly_once,
    concurrent_senders_never_send_a_message_twice,
);


/// Two instances behind a slow SMTP server: the first claims the whole batch,
/// but the server is too slow to send it all within the claim, while the
/// second runs round after round. A claim counts from the moment it is taken
/// and a message starts only while the claim outlasts the longest send, so the
/// first stops in time and releases the rest, which the second sends: no
/// message twice (one was, when claims counted from the start of the round).
async fn a_slow_server_never_makes_two_instances_send_a_message_twice(app: TestApp) {
    const N: usize = 8;
    for i in 0..N {
        let to = format!("traag{i}@demo.local");
        va_backend::email::enqueue(&app.db, va_backend::email::OutgoingEmail::new("test", &to, "Traag", "Hallo".into())).await.expect("enqueue");
    }
    let smtp = SmtpServer::start_slow(std::time::Duration::from_millis(500)).await;
    let mut settings = app.settings.clone();
    settings.smtp_url = Some(smtp.url());
    settings.smtp_timeout = std::time::Duration::from_secs(1);
    let sender = || Sender {
        // A send may start while 6 s (the 1 s limit and a margin) of the 7 s
        // claim remain: about two of the eight messages at 0.5 s each.
        claim_for: std::time::Duration::from_secs(7),
        parallel: 1,
        ..sender_with(&app, &settings)
    };
    let (a, b) = (Arc::new(sender()), Arc::new(sender()));
    let long = tokio::spawn(async move { a.deliver_due(Utc::now()).await.expect("round") });
    while app.id_of("SELECT COUNT(*) FROM email_outbox WHERE claimed_by IS NOT NULL").await == 0 {
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    let mut other = 0;
    while !long.is_finished() {
        other += b.deliver_due(Utc::now()).await.expect("round");
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    let first = long.await.expect("join");
    assert!(first >= 1 && first < N, "the first sent within its claim only: {first}");
    // Each of its rounds, too, sends what fits in its claim and releases the rest.
    for _ in 0..N {
        other += b.deliver_due(Utc::now()).await.expect("round");
    }
    assert_eq!(first + other, N, "every message sent by one of them");
    let sent = app.id_of("SELECT COUNT(*) FROM email_outbox WHERE sent_at IS NOT NULL").await;
    assert_eq!(sent, N as i64);
    assert_eq!(smtp.messages().len(), N, "the server received each message once");
}

db_tests!(
    tweak va_tests::no_mail_sender;
    a_failed_delivery_is_retried_later_with_backoff,
    a_slow_server_never_makes_two_instances_send_a_message_twice,
);

//! Alone in its own test binary, so the process-wide count of password hashes
//! belongs to this one test: refused set-password requests must cost no hash
//! (each argon2id hash takes about 19 MiB), and a good link costs exactly one.

use serde_json::json;
use va_backend::auth::password::hashes_computed;
use va_tests::{spawn_app_with, token_from_mail, Backend};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_bad_link_costs_no_password_hash() {
    // The per-address limit of the link endpoints lifted: this is about what each call costs.
    let app = spawn_app_with(Backend::Sqlite, |s| s.link_calls_per_minute = 1000).await.expect("app");
    let before = hashes_computed();
    let bodies: Vec<_> = (0..32).map(|i| json!({"token": format!("not-a-token-{i}"), "password": "een-goed-wachtwoord"})).collect();
    let calls: Vec<_> = bodies.iter().map(|b| app.post_json("/api/v1/auth/set-password", None, b)).collect();
    // Sent together: the requests are in flight at once on the server.
    for res in futures_util::future::join_all(calls).await {
        assert_eq!(res.status(), 400);
    }
    assert_eq!(hashes_computed(), before, "no hash for 32 bad links");

    let bel = app.token("bel@demo.local").await;
    let invited = app.post_json("/api/v1/users", Some(&bel), &json!({"email": "h@demo.local", "name": "H", "role": "trainer"})).await;
    assert_eq!(invited.status(), 201);
    let token = token_from_mail(&app.wait_for_mail("h@demo.local").await);
    let before = hashes_computed();
    let res = app.post_json("/api/v1/auth/set-password", None, &json!({"token": token, "password": "een-goed-wachtwoord"})).await;
    assert_eq!(res.status(), 204);
    assert_eq!(hashes_computed(), before + 1);
}

use base64::Engine;
use serde_json::{json, Value};
use va_tests::{db_tests, spawn_app_with, token_from_mail, Backend, TestApp, DEMO_PASSWORD};

const B64: base64::engine::GeneralPurpose = base64::engine::general_purpose::URL_SAFE_NO_PAD;

async fn assert_problem(res: reqwest::Response, status: u16, code: &str) -> Value {
    assert_eq!(res.status(), status);
    assert_eq!(res.headers()["content-type"], "application/problem+json");
    let body: Value = res.json().await.expect("problem json");
    assert_eq!(body["code"], code, "{body}");
    assert_eq!(body["status"], status);
    body
}

async fn login_returns_a_token_with_role_and_scope(app: TestApp) {
    let res = app.login("Ambassadeur.Noord@demo.local", DEMO_PASSWORD).await;
    assert_eq!(res.status(), 200);
    let body: Value = res.json().await.expect("json");
    assert_eq!(body["user"]["role"], "ambassador");
    assert_eq!(body["user"]["region"]["name"], "Noord-Limburg");
    let token = body["token"].as_str().expect("token");
    let header: Value = serde_json::from_slice(&B64.decode(token.split('.').next().expect("h")).expect("b64")).expect("json");
    assert_eq!(header["alg"], "HS256");
    let claims: Value = serde_json::from_slice(&B64.decode(token.split('.').nth(1).expect("p")).expect("b64")).expect("json");
    assert_eq!(claims["role"], "ambassador");
    assert!(claims["region"].is_i64() && claims["exp"].is_i64());

    let me: Value = app.get("/api/v1/auth/me", Some(token)).await.json().await.expect("me");
    assert_eq!(me["email"], "ambassadeur.noord@demo.local");
}

async fn wrong_password_and_unknown_account_get_the_same_401(app: TestApp) {
    assert_problem(app.login("bel@demo.local", "niet-het-wachtwoord").await, 401, "invalid_credentials").await;
    assert_problem(app.login("niemand@demo.local", DEMO_PASSWORD).await, 401, "invalid_credentials").await;
    assert_problem(app.login("", "").await, 401, "invalid_credentials").await;
}

async fn missing_expired_tampered_and_alg_none_tokens_get_401(app: TestApp) {
    assert_problem(app.get("/api/v1/auth/me", None).await, 401, "unauthenticated").await;
    assert_problem(app.get("/api/v1/regions", Some("not-a-jwt")).await, 401, "unauthenticated").await;

    let good = app.token("trainer@demo.local").await;
    let parts: Vec<&str> = good.split('.').collect();
    let mut claims: Value = serde_json::from_slice(&B64.decode(parts[1]).expect("b64")).expect("json");

    // Tampered: role raised, old signature kept.
    claims["role"] = json!("bel_coordinator");
    let forged = format!("{}.{}.{}", parts[0], B64.encode(claims.to_string()), parts[2]);
    assert_problem(app.get("/api/v1/users", Some(&forged)).await, 401, "unauthenticated").await;

    // alg none: no signature at all.
    let none_header = B64.encode(r#"{"alg":"none","typ":"JWT"}"#);
    let unsigned = format!("{none_header}.{}.", B64.encode(claims.to_string()));
    assert_problem(app.get("/api/v1/users", Some(&unsigned)).await, 401, "unauthenticated").await;

    // Expired, correctly signed with the server's secret.
    let secret = app.settings.jwt_secret.clone().expect("secret");
    let keys = va_backend::auth::JwtKeys::from_secret(secret.as_bytes());
    let past = chrono::Utc::now() - chrono::Duration::hours(3);
    let (expired, _) = keys
        .issue(va_openapi::UserId(1), va_openapi::auth::Role::BelCoordinator, None, None, 0, past, std::time::Duration::from_secs(3600))
        .expect("issue");
    assert_problem(app.get("/api/v1/users", Some(&expired)).await, 401, "unauthenticated").await;

    // Signed with another secret.
    let other = va_backend::auth::JwtKeys::from_secret(b"another-secret-another-secret-another");
    let (foreign, _) = other
        .issue(va_openapi::UserId(1), va_openapi::auth::Role::BelCoordinator, None, None, 0, chrono::Utc::now(), std::time::Duration::from_secs(3600))
        .expect("issue");
    assert_problem(app.get("/api/v1/users", Some(&foreign)).await, 401, "unauthenticated").await;

    // The untouched token still works.
    assert_eq!(app.get("/api/v1/regions", Some(&good)).await.status(), 200);
}

async fn login_is_throttled_per_account(app: TestApp) {
    for _ in 0..5 {
        assert_problem(app.login("gi@demo.local", "fout-wachtwoord").await, 401, "invalid_credentials").await;
    }
    // Even the right password is refused now, with Retry-After.
    let res = app.login("gi@demo.local", DEMO_PASSWORD).await;
    assert!(res.headers().contains_key("retry-after"));
    assert_problem(res, 429, "rate_limited").await;
    // Another account from the same address is not locked by it.
    assert_eq!(app.login("trainer@demo.local", DEMO_PASSWORD).await.status(), 200);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn login_is_throttled_per_client_address_across_accounts() {
    let app = spawn_app_with(Backend::Sqlite, |s| s.max_failures_per_address = 3).await.expect("app");
    for who in ["a@demo.local", "b@demo.local", "c@demo.local"] {
        assert_problem(app.login(who, "fout-wachtwoord").await, 401, "invalid_credentials").await;
    }
    assert_problem(app.login("bel@demo.local", DEMO_PASSWORD).await, 429, "rate_limited").await;
}

/// Behind a trusted proxy (the tests' 127.0.0.1), `X-Forwarded-For` names the client.
async fn login_from(app: &TestApp, client: &str, email: &str, password: &str) -> reqwest::Response {
    let body = json!({"email": email, "password": password});
    app.client.post(app.url("/api/v1/auth/login")).header("x-forwarded-for", client).json(&body).send().await.expect("request")
}

/// A server behind a trusted proxy at 127.0.0.1 (where the tests connect from).
async fn behind_proxy(tweak: impl FnOnce(&mut va_backend::Settings)) -> TestApp {
    let trusted = va_backend::client::parse_trusted("127.0.0.1").expect("trusted");
    spawn_app_with(Backend::Sqlite, |s| {
        s.trusted_proxies = trusted;
        tweak(s);
    })
    .await
    .expect("app")
}

/// Five wrong passwords lock an account from the guesser's address only: its
/// owner elsewhere still logs in. Many addresses together lock the account.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_guesser_does_not_lock_the_owner_out() {
    let app = behind_proxy(|s| s.max_failures_per_account = 8).await;
    for _ in 0..5 {
        assert_problem(login_from(&app, "198.51.100.7", "gi@demo.local", "fout-wachtwoord").await, 401, "invalid_credentials").await;
    }
    assert_problem(login_from(&app, "198.51.100.7", "gi@demo.local", DEMO_PASSWORD).await, 429, "rate_limited").await;
    assert_eq!(login_from(&app, "203.0.113.9", "gi@demo.local", DEMO_PASSWORD).await.status(), 200, "the owner from another address");
    assert_eq!(login_from(&app, "198.51.100.7", "trainer@demo.local", DEMO_PASSWORD).await.status(), 200, "another account from the guesser's address");
    // Three more addresses bring the account to 8 failures: now refused everywhere.
    for client in ["192.0.2.1", "192.0.2.2", "192.0.2.3"] {
        assert_problem(login_from(&app, client, "gi@demo.local", "fout-wachtwoord").await, 401, "invalid_credentials").await;
    }
    assert_problem(login_from(&app, "203.0.113.9", "gi@demo.local", DEMO_PASSWORD).await, 429, "rate_limited").await;
}

/// Without a trusted proxy the header is the client's own writing and changes nothing.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_forged_forwarded_for_does_not_escape_the_lock() {
    let app = spawn_app_with(Backend::Sqlite, |_| {}).await.expect("app");
    for i in 0..5 {
        assert_problem(login_from(&app, &format!("198.51.100.{i}"), "gi@demo.local", "fout-wachtwoord").await, 401, "invalid_credentials").await;
    }
    assert_problem(login_from(&app, "203.0.113.9", "gi@demo.local", DEMO_PASSWORD).await, 429, "rate_limited").await;
}

/// The public link endpoints answer 429 with Retry-After once an address made
/// too many calls in a minute; another client behind the proxy is not affected.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn public_link_endpoints_are_throttled_per_client() {
    let app = behind_proxy(|s| s.link_calls_per_minute = 3).await;
    let call = |client: &'static str, path: &'static str| {
        let body = json!({"token": "geen-echte-token", "password": "een-goed-wachtwoord"});
        app.client.post(app.url(path)).header("x-forwarded-for", client).json(&body).send()
    };
    for path in ["/api/v1/auth/set-password", "/api/v1/offers/lookup", "/api/v1/evaluations/lookup"] {
        assert_ne!(call("198.51.100.7", path).await.expect("request").status(), 429, "{path}");
    }
    let res = call("198.51.100.7", "/api/v1/auth/set-password").await.expect("request");
    assert!(res.headers().contains_key("retry-after"));
    assert_problem(res, 429, "rate_limited").await;
    assert_eq!(call("203.0.113.9", "/api/v1/auth/set-password").await.expect("request").status(), 400, "another client");
    assert_eq!(app.login("bel@demo.local", DEMO_PASSWORD).await.status(), 200, "login has its own throttle");
}

/// The SPA's session travels in an HttpOnly cookie that no script can read; a
/// write with only the cookie needs the SPA's header, so another site cannot
/// make the browser act; logout clears it.
async fn the_browser_session_is_an_httponly_cookie(app: TestApp) {
    let res = app.login("gemeente.venlo@demo.local", DEMO_PASSWORD).await;
    let set = res.headers().get("set-cookie").and_then(|v| v.to_str().ok()).unwrap_or_default().to_string();
    for part in ["va_session=ey", "HttpOnly", "SameSite=Strict", "Path=/api", "Max-Age="] {
        assert!(set.contains(part), "{part} in {set}");
    }
    let token = set.trim_start_matches("va_session=").split(';').next().unwrap_or_default().to_string();
    let cookie = format!("va_session={token}");
    let with_cookie = |m: reqwest::Method, path: &str| app.client.request(m, app.url(path)).header("cookie", &cookie);
    let me: Value = with_cookie(reqwest::Method::GET, "/api/v1/auth/me").send().await.expect("send").json().await.expect("json");
    assert_eq!(me["email"], "gemeente.venlo@demo.local");
    let prog = app.id_of("SELECT id FROM programmes").await;
    let body = json!({"programme_id": prog, "professionals": [{"name": "Cookie Test", "email": "c.test@venlo.demo.local", "works_on_ret_uhp": false}]});
    let requests = app.count("enrolment_requests").await;
    let res = with_cookie(reqwest::Method::POST, "/api/v1/requests").json(&body).send().await.expect("send");
    assert_problem(res, 403, "forbidden").await;
    assert_eq!(app.count("enrolment_requests").await, requests, "a cross-site write changes nothing");
    let res = with_cookie(reqwest::Method::POST, "/api/v1/requests").header("x-requested-with", "va-planner").json(&body).send().await.expect("send");
    assert_eq!(res.status(), 201, "the SPA's own call");
    let bad = app.client.get(app.url("/api/v1/auth/me")).header("cookie", "va_session=nep").send().await.expect("send");
    assert_problem(bad, 401, "unauthenticated").await;
    let out = app.client.post(app.url("/api/v1/auth/logout")).header("cookie", &cookie).send().await.expect("send");
    assert_eq!(out.status(), 204);
    let cleared = out.headers().get("set-cookie").and_then(|v| v.to_str().ok()).unwrap_or_default();
    assert!(cleared.starts_with("va_session=;") && cleared.contains("Max-Age=0"), "{cleared}");
}

async fn an_invited_user_sets_a_password_once_and_logs_in(app: TestApp) {
    let bel = app.token("bel@demo.local").await;
    let region = app.id_of("SELECT id FROM regions WHERE code = 'midden'").await;
    let res = app
        .post_json("/api/v1/users", Some(&bel), &json!({"email": "Nieuw.Ambassadeur@Midden.nl", "name": "Nina Nieuw", "role": "ambassador", "region_id": region}))
        .await;
    assert_eq!(res.status(), 201);
    let user: Value = res.json().await.expect("json");
    assert_eq!(user["email"], "nieuw.ambassadeur@midden.nl");
    assert_eq!(user["active"], false);

    // Not active yet: no login.
    assert_problem(app.login("nieuw.ambassadeur@midden.nl", "een-goed-wachtwoord").await, 401, "invalid_credentials").await;

    let mail = app.wait_for_mail("nieuw.ambassadeur@midden.nl").await;
    assert!(mail.contains("Uitnodiging"), "{mail}");
    let token = token_from_mail(&mail);

    // Too short: refused, and the link keeps working.
    let res = app.post_json("/api/v1/auth/set-password", None, &json!({"token": token, "password": "kort"})).await;
    let body = assert_problem(res, 422, "validation_failed").await;
    assert_eq!(body["errors"][0]["field"], "password");
    assert_eq!(body["errors"][0]["code"], "too_short");

    let res = app.post_json("/api/v1/auth/set-password", None, &json!({"token": token, "password": "een-goed-wachtwoord"})).await;
    assert_eq!(res.status(), 204);
    let res = app.login("nieuw.ambassadeur@midden.nl", "een-goed-wachtwoord").await;
    assert_eq!(res.status(), 200);
    let body: Value = res.json().await.expect("json");
    assert_eq!(body["user"]["region"]["name"], "Midden-Limburg");

    // Single use.
    let res = app.post_json("/api/v1/auth/set-password", None, &json!({"token": token, "password": "nog-een-wachtwoord"})).await;
    assert_problem(res, 400, "token_invalid").await;

    let audit: Value = app.get("/api/v1/audit", Some(&bel)).await.json().await.expect("audit");
    let actions: Vec<&str> = audit["entries"].as_array().expect("list").iter().filter_map(|e| e["action"].as_str()).collect();
    assert!(actions.contains(&"user.invited") && actions.contains(&"auth.password_set"), "{actions:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_expired_invitation_link_is_refused() {
    let app = spawn_app_with(Backend::Sqlite, |s| s.invite_ttl = std::time::Duration::from_secs(0)).await.expect("app");
    let bel = app.token("bel@demo.local").await;
    let res = app.post_json("/api/v1/users", Some(&bel), &json!({"email": "laat@demo.local", "name": "Laat", "role": "trainer"})).await;
    assert_eq!(res.status(), 201);
    let token = token_from_mail(&app.wait_for_mail("laat@demo.local").await);
    let res = app.post_json("/api/v1/auth/set-password", None, &json!({"token": token, "password": "een-goed-wachtwoord"})).await;
    assert_problem(res, 400, "token_invalid").await;
    assert_problem(app.login("laat@demo.local", "een-goed-wachtwoord").await, 401, "invalid_credentials").await;
}

async fn a_password_reset_replaces_the_old_password(app: TestApp) {
    let res = app.post_json("/api/v1/auth/password-reset", None, &json!({"email": "onbekend@demo.local"})).await;
    assert_eq!(res.status(), 202, "no hint whether an account exists");
    let res = app.post_json("/api/v1/auth/password-reset", None, &json!({"email": "gemeente.venlo@demo.local"})).await;
    assert_eq!(res.status(), 202);
    let mail = app.wait_for_mail("gemeente.venlo@demo.local").await;
    assert!(mail.contains("Nieuw wachtwoord"), "{mail}");
    assert!(app.mail_files().iter().all(|m| !m.contains("onbekend@demo.local")));
    let token = token_from_mail(&mail);
    let res = app.post_json("/api/v1/auth/set-password", None, &json!({"token": token, "password": "venlo-nieuw-2026"})).await;
    assert_eq!(res.status(), 204);
    assert_problem(app.login("gemeente.venlo@demo.local", DEMO_PASSWORD).await, 401, "invalid_credentials").await;
    assert_eq!(app.login("gemeente.venlo@demo.local", "venlo-nieuw-2026").await.status(), 200);
}

db_tests!(
    login_returns_a_token_with_role_and_scope,
    wrong_password_and_unknown_account_get_the_same_401,
    missing_expired_tampered_and_alg_none_tokens_get_401,
    login_is_throttled_per_account,
    the_browser_session_is_an_httponly_cookie,
    an_invited_user_sets_a_password_once_and_logs_in,
    a_password_reset_replaces_the_old_password,
);

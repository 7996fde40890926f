//! Test support: the real server on port 0 with a fresh database per test
//! (a SQLite file, or a new PostgreSQL database when `TEST_DATABASE_URL` is set),
//! mail written as `.eml` files or sent to a real SMTP server, and Chromium
//! driven through chromedriver.

pub mod browser;
pub mod smtp;

use sea_orm::{ConnectionTrait, Database, DatabaseConnection};
use serde_json::Value;
use std::path::PathBuf;
use std::time::Duration;
use va_backend::{Application, Settings};

pub const DEMO_PASSWORD: &str = "demo-wachtwoord-2026";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

pub fn flag(name: &str) -> bool {
    matches!(std::env::var(name).as_deref(), Ok("1") | Ok("true") | Ok("yes"))
}

pub struct TestApp {
    pub address: String,
    pub port: u16,
    pub backend: Backend,
    pub db: DatabaseConnection,
    pub data_dir: PathBuf,
    pub client: reqwest::Client,
    pub settings: Settings,
    pub state: va_backend::state::AppState,
}

fn workspace_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).parent().map(PathBuf::from).unwrap_or_default()
}

/// Replaces the database name of a PostgreSQL URL.
pub fn with_database(url: &str, db: &str) -> String {
    let (base, query) = match url.split_once('?') {
        Some((b, q)) => (b, Some(q)),
        None => (url, None),
    };
    let scheme_end = base.find("://").map(|i| i + 3).unwrap_or(0);
    let host_part = &base[scheme_end..];
    let prefix = match host_part.find('/') {
        Some(i) => &base[..scheme_end + i],
        None => base,
    };
    match query {
        Some(q) => format!("{prefix}/{db}?{q}"),
        None => format!("{prefix}/{db}"),
    }
}

/// A new empty PostgreSQL database on `TEST_DATABASE_URL` (`None`: not configured, not required).
pub async fn fresh_postgres() -> Option<String> {
    let Ok(url) = std::env::var("TEST_DATABASE_URL") else {
        if flag("REQUIRE_POSTGRES") {
            panic!("REQUIRE_POSTGRES is set but TEST_DATABASE_URL is not");
        }
        eprintln!("skipping PostgreSQL variant: TEST_DATABASE_URL is not set");
        return None;
    };
    let name = format!("va_test_{}", uuid::Uuid::new_v4().simple());
    let admin = Database::connect(url.clone()).await.expect("connect to TEST_DATABASE_URL");
    admin.execute_unprepared(&format!("CREATE DATABASE \"{name}\"")).await.expect("create test database");
    admin.close().await.ok();
    Some(with_database(&url, &name))
}

/// Settings of a test server: port 0, own data dir, quick mail polling.
pub fn test_settings(backend_url: Option<String>) -> Settings {
    let data_dir = std::env::temp_dir().join("va-planner-tests").join(uuid::Uuid::new_v4().simple().to_string());
    std::fs::create_dir_all(&data_dir).expect("data dir");
    Settings {
        port: 0,
        data_dir,
        database_url: backend_url,
        jwt_secret: Some("test-secret-test-secret-test-secret-0123".into()),
        static_dir: workspace_root().join("frontend/dist"),
        demo: true,
        // Tests start from the reference data only and make their own activity.
        demo_activity: false,
        demo_password: Some(DEMO_PASSWORD.into()),
        // The demo as laid out on 2 December 2026, which the tests' dates assume.
        demo_day: chrono::NaiveDate::from_ymd_opt(2026, 12, 2),
        email_poll_interval: Duration::from_millis(100),
        public_url: "http://localhost".into(),
        workers: 1,
        ..Settings::default()
    }
}

/// Starts the server on `backend` with the demo data; `None` when PostgreSQL
/// is not configured (and not required).
pub async fn spawn_app(backend: Backend) -> Option<TestApp> {
    spawn_app_with(backend, |_| {}).await
}

pub async fn spawn_app_with(backend: Backend, tweak: impl FnOnce(&mut Settings)) -> Option<TestApp> {
    let url = match backend {
        Backend::Sqlite => None,
        Backend::Postgres => Some(fresh_postgres().await?),
    };
    // Server errors show in a failing test's output.
    va_backend::telemetry::init_with_default("error");
    let mut settings = test_settings(url);
    tweak(&mut settings);
    let app = Application::build(settings.clone()).await.expect("build app");
    let port = app.port();
    let db = app.state.db.clone();
    let state = app.state.clone();
    tokio::spawn(app.run_until_stopped());
    Some(TestApp {
        address: format!("http://127.0.0.1:{port}"),
        port,
        backend,
        db,
        data_dir: settings.data_dir.clone(),
        client: reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build().expect("client"),
        settings,
        state,
    })
}

impl TestApp {
    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.address, path)
    }

    pub async fn login(&self, email: &str, password: &str) -> reqwest::Response {
        self.client
            .post(self.url("/api/v1/auth/login"))
            .json(&serde_json::json!({"email": email, "password": password}))
            .send()
            .await
            .expect("request")
    }

    /// Token of a demo user.
    pub async fn token(&self, email: &str) -> String {
        let res = self.login(email, DEMO_PASSWORD).await;
        assert_eq!(res.status(), 200, "login of {email}");
        let body: Value = res.json().await.expect("json");
        body["token"].as_str().expect("token").to_string()
    }

    pub async fn get(&self, path: &str, token: Option<&str>) -> reqwest::Response {
        let mut req = self.client.get(self.url(path));
        if let Some(t) = token {
            req = req.bearer_auth(t);
        }
        req.send().await.expect("request")
    }

    pub async fn post_json(&self, path: &str, token: Option<&str>, body: &Value) -> reqwest::Response {
        let mut req = self.client.post(self.url(path)).json(body);
        if let Some(t) = token {
            req = req.bearer_auth(t);
        }
        req.send().await.expect("request")
    }

    pub async fn put_json(&self, path: &str, token: Option<&str>, body: &Value) -> reqwest::Response {
        let mut req = self.client.put(self.url(path)).json(body);
        if let Some(t) = token {
            req = req.bearer_auth(t);
        }
        req.send().await.expect("request")
    }

    pub async fn delete(&self, path: &str, token: Option<&str>) -> reqwest::Response {
        let mut req = self.client.delete(self.url(path));
        if let Some(t) = token {
            req = req.bearer_auth(t);
        }
        req.send().await.expect("request")
    }

    pub async fn post_raw(&self, path: &str, token: Option<&str>, body: &str) -> reqwest::Response {
        let mut req = self.client.post(self.url(path)).header("content-type", "application/json").body(body.to_string());
        if let Some(t) = token {
            req = req.bearer_auth(t);
        }
        req.send().await.expect("request")
    }

    /// Number of rows in a table: to prove that a refused request changed nothing.
    pub async fn count(&self, table: &str) -> i64 {
        let row = self
            .db
            .query_one(sea_orm::Statement::from_string(
                self.db.get_database_backend(),
                format!("SELECT COUNT(*) AS n FROM {table}"),
            ))
            .await
            .expect("count query")
            .expect("row");
        row.try_get::<i64>("", "n").expect("n")
    }

    /// The first column of the first row of `sql`.
    pub async fn scalar<T: sea_orm::TryGetable>(&self, sql: &str) -> T {
        let row = self
            .db
            .query_one(sea_orm::Statement::from_string(self.db.get_database_backend(), sql.to_string()))
            .await
            .expect("query")
            .expect("row");
        row.try_get_by_index::<T>(0).expect("value")
    }

    pub async fn id_of(&self, sql: &str) -> i64 {
        self.scalar(sql).await
    }

    /// A change behind the application's back (as an operator's SQL would be):
    /// the application is told, as its own writes tell it, so kept answers go.
    pub async fn exec(&self, sql: &str) {
        self.db.execute_unprepared(sql).await.expect("exec");
        self.state.answers.changed();
    }

    pub async fn db_text(&self, sql: &str) -> String {
        self.scalar(sql).await
    }

    /// `.eml` files written so far.
    pub fn mail_files(&self) -> Vec<String> {
        let dir = self.settings.mail_dir();
        let mut out = Vec::new();
        if let Ok(rd) = std::fs::read_dir(dir) {
            for e in rd.flatten() {
                if e.path().extension().is_some_and(|x| x == "eml") {
                    out.push(std::fs::read_to_string(e.path()).unwrap_or_default());
                }
            }
        }
        out
    }

    /// Waits (up to 10 s) for an `.eml` file addressed to `to`.
    pub async fn wait_for_mail(&self, to: &str) -> String {
        for _ in 0..100 {
            if let Some(m) = self.mail_files().into_iter().find(|m| m.contains(&format!("To: {to}"))) {
                return m;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        panic!("no mail to {to} within 10 s");
    }
}

/// Asserts the status of a response and returns its JSON body (null when empty).
pub async fn expect_json(res: reqwest::Response, status: u16) -> Value {
    let code = res.status().as_u16();
    let body: Value = res.json().await.unwrap_or(Value::Null);
    assert_eq!(code, status, "{body}");
    body
}

/// Decodes quoted-printable soft line breaks and `=3D` so links can be read from a message.
pub fn unfold_qp(s: &str) -> String {
    s.replace("=\r\n", "").replace("=\n", "").replace("=3D", "=")
}

/// The one-time token in a set-password link of a message.
pub fn token_from_mail(mail: &str) -> String {
    let text = unfold_qp(mail);
    let start = text.find("token=").expect("link with token") + "token=".len();
    text[start..].chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_').collect()
}

/// Declares each listed `async fn name(app: TestApp)` as two tests,
/// `name::sqlite` and `name::postgres`, on a fresh server each.
#[macro_export]
macro_rules! db_tests {
    (tweak $tweak:expr; $($name:ident),* $(,)?) => {$(
        mod $name {
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn sqlite() {
                let app = $crate::spawn_app_with($crate::Backend::Sqlite, $tweak).await.expect("sqlite app");
                super::$name(app).await;
            }

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn postgres() {
                if let Some(app) = $crate::spawn_app_with($crate::Backend::Postgres, $tweak).await {
                    super::$name(app).await;
                }
            }
        }
    )*};
    ($($name:ident),* $(,)?) => {
        $crate::db_tests!(tweak |_| {}; $($name),*);
    };
}

#[cfg(test)]
mod tests {
    #[test]
    fn database_name_is_replaced_or_appended() {
        use super::with_database as w;
        assert_eq!(w("postgres://postgres@127.0.0.1:5432", "x"), "postgres://postgres@127.0.0.1:5432/x");
        assert_eq!(w("postgres://postgres@127.0.0.1:5432/postgres", "x"), "postgres://postgres@127.0.0.1:5432/x");
        assert_eq!(w("postgres://u:p@h/db?sslmode=disable", "x"), "postgres://u:p@h/x?sslmode=disable");
    }
}

/// The text between the first `start` and the next `end` after it.
pub fn between(text: &str, start: &str, end: &str) -> Option<String> {
    let from = text.find(start)? + start.len();
    let len = text[from..].find(end)?;
    Some(text[from..from + len].to_string())
}

/// Settings for a server without its own mail sender, so only the senders a
/// test makes touch the outbox (`db_tests!(tweak va_tests::no_mail_sender; …)`).
pub fn no_mail_sender(s: &mut Settings) {
    s.run_email_sender = false;
}

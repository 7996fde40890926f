//! One `Settings` struct, read from the environment (and CLI flags in `main.rs`).
//! Tests build it directly and change what they need before `startup::build`.

use std::path::PathBuf;
use std::time::Duration;

#[derive(Debug, Clone)]
pub struct Settings {
    /// Port to listen on; 0 picks a free port (tests).
    pub port: u16,
    pub host: String,
    /// Holds the SQLite file, the generated JWT secret and `.eml` files.
    pub data_dir: PathBuf,
    /// `postgres://...` or `sqlite://...`; default: SQLite file in `data_dir`.
    pub database_url: Option<String>,
    pub jwt_secret: Option<String>,
    pub token_ttl: Duration,
    /// `smtp://host:port` (plain), `smtp://host:port?tls=required`, or `smtps://...`.
    pub smtp_url: Option<String>,
    pub mail_from: String,
    /// Base URL put into links in emails.
    pub public_url: String,
    /// Built SPA bundle (index.html, wasm, css).
    pub static_dir: PathBuf,
    pub demo: bool,
    /// With `demo`: also sample requests, a placement and a completed readiness check.
    pub demo_activity: bool,
    pub demo_password: Option<String>,
    /// The day the demo is laid out around; `None`: today. Tests pin it.
    pub demo_day: Option<chrono::NaiveDate>,
    pub invite_ttl: Duration,
    pub reset_ttl: Duration,
    pub login_window: Duration,
    /// Failed logins within the window before one account is refused from one address.
    pub max_failures_per_pair: u64,
    /// ... before an account is refused from everywhere (guessing from many addresses).
    pub max_failures_per_account: u64,
    /// ... before an address is refused for every account (guessing many accounts).
    pub max_failures_per_address: u64,
    /// Proxies whose `X-Forwarded-For` is believed (`TRUSTED_PROXIES`).
    pub trusted_proxies: Vec<crate::client::Net>,
    /// Calls per minute and client address to the public link endpoints.
    pub link_calls_per_minute: u32,
    pub email_poll_interval: Duration,
    pub email_max_attempts: i32,
    /// SMTP: how long opening the connection may take (TCP connect).
    pub smtp_connect_timeout: Duration,
    /// SMTP: how long one message may take from connecting to the server's
    /// answer after DATA; it bounds the greeting and every command, so a
    /// server that accepts and never answers cannot hold the sender.
    pub smtp_timeout: Duration,
    /// HTTP worker threads.
    pub workers: usize,
    /// Run the outbox sender in this process (tests that drive senders themselves turn it off).
    pub run_email_sender: bool,
    /// How often the job runner (`jobs.rs`) looks at deadlines, cut-offs and reminders.
    pub scheduler_interval: Duration,
    /// The time deadlines are measured against (tests move it forward).
    pub clock: crate::clock::Clock,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            port: 8080,
            host: "127.0.0.1".into(),
            data_dir: PathBuf::from("./data"),
            database_url: None,
            jwt_secret: None,
            token_ttl: Duration::from_secs(8 * 3600),
            smtp_url: None,
            mail_from: "VA-trainingsplanner BEL <noreply@bel-limburg.local>".into(),
            public_url: "http://localhost:8080".into(),
            static_dir: PathBuf::from("frontend/dist"),
            demo: false,
            demo_activity: true,
            demo_password: None,
            demo_day: None,
            invite_ttl: Duration::from_secs(7 * 24 * 3600),
            reset_ttl: Duration::from_secs(3600),
            login_window: Duration::from_secs(15 * 60),
            max_failures_per_pair: 5,
            max_failures_per_account: 50,
            max_failures_per_address: 100,
            trusted_proxies: Vec::new(),
            link_calls_per_minute: 30,
            email_poll_interval: Duration::from_secs(2),
            email_max_attempts: 8,
            smtp_connect_timeout: Duration::from_secs(10),
            smtp_timeout: Duration::from_secs(30),
            run_email_sender: true,
            scheduler_interval: Duration::from_secs(30),
            clock: crate::clock::Clock::default(),
            workers: std::thread::available_parallelism().map(|n| n.get()).unwrap_or(2),
        }
    }
}

fn env(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.trim().is_empty())
}

impl Settings {
    /// The address calendar invitations come from (`ORGANIZER`): the mail sender's.
    pub fn organizer(&self) -> String {
        crate::email::calendar::address_of(&self.mail_from)
    }

    /// Defaults overlaid with the environment variables listed in the README.
    pub fn from_env() -> anyhow::Result<Settings> {
        let mut s = Settings::default();
        if let Some(v) = env("PORT") {
            s.port = v.parse().map_err(|_| anyhow::anyhow!("PORT must be a number, got {v:?}"))?;
        }
        if let Some(v) = env("HOST") {
            s.host = v;
        }
        if let Some(v) = env("DATA_DIR") {
            s.data_dir = PathBuf::from(v);
        }
        s.database_url = env("DATABASE_URL");
        s.jwt_secret = env("JWT_SECRET");
        s.smtp_url = env("SMTP_URL");
        if let Some(v) = env("MAIL_FROM") {
            s.mail_from = v;
        }
        if let Some(v) = env("PUBLIC_URL") {
            s.public_url = v;
        }
        if let Some(v) = env("STATIC_DIR") {
            s.static_dir = PathBuf::from(v);
        }
        s.demo_password = env("DEMO_PASSWORD");
        if let Some(v) = env("DEMO_DAY") {
            s.demo_day = Some(v.parse().map_err(|_| anyhow::anyhow!("DEMO_DAY must be a date, e.g. 2027-02-01"))?);
        }
        if let Some(v) = env("TRUSTED_PROXIES") {
            s.trusted_proxies = crate::client::parse_trusted(&v).map_err(|bad| anyhow::anyhow!("TRUSTED_PROXIES: {bad:?} is no address or network (e.g. 10.0.0.0/8)"))?;
        }
        if let Some(v) = env("LINK_CALLS_PER_MINUTE") {
            s.link_calls_per_minute = v.parse().ok().filter(|n| *n > 0).ok_or_else(|| anyhow::anyhow!("LINK_CALLS_PER_MINUTE must be a positive number"))?;
        }
        if let Some(v) = env("SMTP_TIMEOUT_SECS") {
            // Below the sender's claim (120 s), so a send always ends before another instance may take the row.
            let secs: u64 = v.parse().ok().filter(|n| (1..=90).contains(n)).ok_or_else(|| anyhow::anyhow!("SMTP_TIMEOUT_SECS must be a number from 1 to 90"))?;
            s.smtp_timeout = Duration::from_secs(secs);
            s.smtp_connect_timeout = s.smtp_connect_timeout.min(s.smtp_timeout);
        }
        if let Some(v) = env("TOKEN_TTL_MINUTES") {
            let m: u64 = v.parse().map_err(|_| anyhow::anyhow!("TOKEN_TTL_MINUTES must be a number"))?;
            s.token_ttl = Duration::from_secs(m * 60);
        }
        Ok(s)
    }

    /// The database URL actually used: `DATABASE_URL` or the embedded SQLite file.
    pub fn effective_database_url(&self) -> String {
        match &self.database_url {
            Some(u) => u.clone(),
            None => format!("sqlite://{}?mode=rwc", self.data_dir.join("planner.db").display()),
        }
    }

    pub fn mail_dir(&self) -> PathBuf {
        self.data_dir.join("mail")
    }
}

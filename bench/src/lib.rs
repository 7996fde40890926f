//! Shared parts of the load benchmarks: a real server on a scratch database,
//! logins, the bare health endpoint as the yardstick, latency statistics, and
//! running on SQLite and (when configured) PostgreSQL.

use anyhow::{Context, Result};
use sea_orm::{ConnectionTrait, Database};
use serde_json::{json, Value};
use std::sync::Arc;
use std::time::{Duration, Instant};
use va_backend::{Application, Settings};

pub const CLIENTS: usize = 50;
pub const PASSWORD: &str = "bench-wachtwoord-2026";

pub struct Stats {
    pub count: usize,
    pub elapsed: Duration,
    pub p50: Duration,
    pub p99: Duration,
    pub errors: usize,
}

impl Stats {
    pub fn of(mut lat: Vec<Duration>, elapsed: Duration, errors: usize) -> Stats {
        lat.sort();
        let pick = |q: f64| lat.get(((lat.len() as f64 * q).ceil() as usize).saturating_sub(1)).copied().unwrap_or_default();
        Stats { count: lat.len(), elapsed, p50: pick(0.50), p99: pick(0.99), errors }
    }
    pub fn rps(&self) -> f64 {
        self.count as f64 / self.elapsed.as_secs_f64()
    }
}

pub async fn start(database_url: Option<String>) -> Result<(String, Application)> {
    let data_dir = std::env::temp_dir().join(format!("va-bench-{}", uuid::Uuid::new_v4().simple()));
    let settings = Settings {
        port: 0,
        data_dir,
        database_url,
        demo: true,
        demo_activity: false,
        demo_password: Some(PASSWORD.into()),
        static_dir: "/nonexistent".into(),
        ..Settings::default()
    };
    let app = Application::build(settings).await?;
    Ok((format!("http://127.0.0.1:{}", app.port()), app))
}

pub async fn token(client: &reqwest::Client, base: &str, email: &str) -> Result<String> {
    let res: Value = client
        .post(format!("{base}/api/v1/auth/login"))
        .json(&json!({"email": email, "password": PASSWORD}))
        .send()
        .await?
        .json()
        .await?;
    Ok(res["token"].as_str().context("token")?.to_string())
}

pub async fn health(client: &reqwest::Client, base: &str, total: usize) -> Stats {
    let counter = Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let started = Instant::now();
    let mut tasks = Vec::new();
    for _ in 0..CLIENTS {
        let (client, url, counter) = (client.clone(), format!("{base}/api/health"), counter.clone());
        tasks.push(tokio::spawn(async move {
            let mut lat = Vec::new();
            let mut errors = 0;
            while counter.fetch_add(1, std::sync::atomic::Ordering::Relaxed) < total {
                let t = Instant::now();
                match client.get(&url).send().await {
                    Ok(r) if r.status().is_success() => lat.push(t.elapsed()),
                    _ => errors += 1,
                }
            }
            (lat, errors)
        }));
    }
    collect(tasks, started).await
}

pub async fn collect(tasks: Vec<tokio::task::JoinHandle<(Vec<Duration>, usize)>>, started: Instant) -> Stats {
    let mut all = Vec::new();
    let mut errors = 0;
    for t in tasks {
        if let Ok((lat, e)) = t.await {
            all.extend(lat);
            errors += e;
        }
    }
    Stats::of(all, started.elapsed(), errors)
}

pub fn ms(d: Duration) -> String {
    format!("{:.2} ms", d.as_secs_f64() * 1000.0)
}

/// Runs `bench` on SQLite and, with `BENCH_DATABASE_URL` or `TEST_DATABASE_URL`, on a new PostgreSQL database.
pub async fn on_both<F, Fut>(bench: F) -> Result<()>
where
    F: Fn(&'static str, Option<String>) -> Fut,
    Fut: std::future::Future<Output = Result<()>>,
{
    bench("SQLite (file)", None).await?;
    let pg = std::env::var("BENCH_DATABASE_URL").or_else(|_| std::env::var("TEST_DATABASE_URL")).ok();
    if let Some(url) = pg {
        let name = format!("va_bench_{}", uuid::Uuid::new_v4().simple());
        let admin = Database::connect(url.clone()).await?;
        admin.execute_unprepared(&format!("CREATE DATABASE \"{name}\"")).await?;
        let db_url = match url.rsplit_once('/') {
            Some((head, tail)) if !head.ends_with('/') && !tail.contains('@') => format!("{head}/{name}"),
            _ => format!("{url}/{name}"),
        };
        bench("PostgreSQL", Some(db_url)).await?;
        let _ = admin.execute_unprepared(&format!("DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)")).await;
    } else {
        println!("\n(PostgreSQL skipped: set BENCH_DATABASE_URL or TEST_DATABASE_URL)");
    }
    Ok(())
}

/// One value of the first row of `sql`.
pub async fn scalar<C: ConnectionTrait>(db: &C, sql: &str) -> Result<i64> {
    db.query_one(sea_orm::Statement::from_string(db.get_database_backend(), sql.to_string()))
        .await?
        .and_then(|r| r.try_get_by_index::<i64>(0).ok())
        .context("no value")
}

/// Submits `n` GI professionals in requests of four and has BEL approve them.
pub async fn approved(client: &reqwest::Client, base: &str, gi: &str, bel: &str, n: usize) -> Result<Vec<i64>> {
    const PER_REQUEST: usize = 4;
    let programmes: Value = client.get(format!("{base}/api/v1/programmes")).bearer_auth(bel).send().await?.json().await?;
    let prog = programmes[0]["id"].as_i64().context("programme")?;
    let mut ids = Vec::new();
    for r in 0..n.div_ceil(PER_REQUEST) {
        let pros: Vec<Value> =
            (0..PER_REQUEST).map(|i| json!({"name": format!("Bench {r}-{i}"), "email": format!("bench{r}-{i}@bench.local")})).collect();
        let view: Value = client
            .post(format!("{base}/api/v1/requests"))
            .bearer_auth(gi)
            .json(&json!({"programme_id": prog, "submit": true, "professionals": pros}))
            .send()
            .await?
            .json()
            .await?;
        ids.extend(view["enrolments"].as_array().context("enrolments")?.iter().filter_map(|e| e["id"].as_i64()));
    }
    let queue = Arc::new(tokio::sync::Mutex::new(ids.clone()));
    let mut tasks = Vec::new();
    for _ in 0..8 {
        let (client, base, bel, queue) = (client.clone(), base.to_string(), bel.to_string(), queue.clone());
        tasks.push(tokio::spawn(async move {
            loop {
                let Some(id) = queue.lock().await.pop() else { break };
                let _ = client
                    .post(format!("{base}/api/v1/enrolments/{id}/decision"))
                    .bearer_auth(&bel)
                    .json(&json!({"decision": "approve"}))
                    .send()
                    .await;
            }
        }));
    }
    for t in tasks {
        t.await?;
    }
    Ok(ids)
}

/// Inserts bulk rows (SQL value tuples in the columns below) of professionals,
/// their requests and enrolments: the same on both databases.
pub async fn insert_people<C: ConnectionTrait>(db: &C, professionals: &[String], requests: &[String], enrolments: &[String]) -> Result<()> {
    db.execute_unprepared(&format!(
        "INSERT INTO professionals (id, organisation_id, name, email, function, created_at, trained_before_on, imported_at) VALUES {}",
        professionals.join(",")
    ))
    .await?;
    db.execute_unprepared(&format!(
        "INSERT INTO enrolment_requests (id, programme_id, organisation_id, created_by, route, region_id, preferred_period, preferred_region_id, remarks, submitted_at, readiness_check_id, created_at, updated_at) VALUES {}",
        requests.join(",")
    ))
    .await?;
    db.execute_unprepared(&format!(
        "INSERT INTO enrolments (id, request_id, programme_id, professional_id, function, ret_uhp, remarks, status, group_id, waitlist_position, last_reason, approved_at, priority_adjustment, priority_reason, trained_on, created_at, updated_at) VALUES {}",
        enrolments.join(",")
    ))
    .await?;
    Ok(())
}

/// After rows with explicit ids on PostgreSQL: the sequences move past them
/// and the planner gets fresh statistics.
pub async fn after_bulk(db: &sea_orm::DatabaseConnection) -> Result<()> {
    if db.get_database_backend() == sea_orm::DbBackend::Postgres {
        for t in ["professionals", "enrolment_requests", "enrolments"] {
            db.execute_unprepared(&format!("SELECT setval(pg_get_serial_sequence('{t}', 'id'), (SELECT MAX(id) FROM {t}))")).await?;
        }
        db.execute_unprepared("ANALYZE").await?;
    }
    Ok(())
}

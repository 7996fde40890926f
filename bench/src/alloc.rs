//! Allocation under load: 50 concurrent clients place approved professionals
//! into training groups through `POST /api/v1/enrolments/{id}/allocate`, beside
//! `GET /api/health` in the same run, on SQLite and (with `BENCH_DATABASE_URL`
//! or `TEST_DATABASE_URL`) on PostgreSQL. Prints throughput, p50 and p99 and the
//! ratio of allocation to health throughput. Run: `cargo run --release -p va-bench --bin alloc`.

use anyhow::{Context, Result};
use sea_orm::{ConnectionTrait, Database};
use serde_json::{json, Value};
use std::sync::Arc;
use std::time::{Duration, Instant};
use tokio::sync::Mutex;
use va_backend::{Application, Settings};

const CLIENTS: usize = 50;
const ENROLMENTS: usize = 2000;
const PASSWORD: &str = "bench-wachtwoord-2026";

struct Stats {
    count: usize,
    elapsed: Duration,
    p50: Duration,
    p99: Duration,
    errors: usize,
}

impl Stats {
    fn of(mut lat: Vec<Duration>, elapsed: Duration, errors: usize) -> Stats {
        lat.sort();
        let pick = |q: f64| lat.get(((lat.len() as f64 * q).ceil() as usize).saturating_sub(1)).copied().unwrap_or_default();
        Stats { count: lat.len(), elapsed, p50: pick(0.50), p99: pick(0.99), errors }
    }
    fn rps(&self) -> f64 {
        self.count as f64 / self.elapsed.as_secs_f64()
    }
}

async fn start(database_url: Option<String>) -> Result<(String, Application)> {
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

async fn token(client: &reqwest::Client, base: &str, email: &str) -> Result<String> {
    let res: Value = client
        .post(format!("{base}/api/v1/auth/login"))
        .json(&json!({"email": email, "password": PASSWORD}))
        .send()
        .await?
        .json()
        .await?;
    Ok(res["token"].as_str().context("token")?.to_string())
}

/// Professionals per request, as organisations typically enrol a few at a time.
const PER_REQUEST: usize = 4;

/// Creates `ENROLMENTS` approved professionals (GI requests, approved by BEL).
async fn prepare(client: &reqwest::Client, base: &str, gi: &str, bel: &str) -> Result<Vec<i64>> {
    let programmes: Value = client.get(format!("{base}/api/v1/programmes")).bearer_auth(bel).send().await?.json().await?;
    let prog = programmes[0]["id"].as_i64().context("programme")?;
    let mut ids = Vec::new();
    for r in 0..ENROLMENTS / PER_REQUEST {
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
    let queue = Arc::new(Mutex::new(ids.clone()));
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

async fn health(client: &reqwest::Client, base: &str, total: usize) -> Stats {
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

async fn collect(tasks: Vec<tokio::task::JoinHandle<(Vec<Duration>, usize)>>, started: Instant) -> Stats {
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

async fn allocations(client: &reqwest::Client, base: &str, bel: &str, ids: Vec<i64>, groups: Vec<i64>) -> Stats {
    let queue = Arc::new(Mutex::new(ids));
    let started = Instant::now();
    let mut tasks = Vec::new();
    for c in 0..CLIENTS {
        let (client, base, bel, queue, groups) = (client.clone(), base.to_string(), bel.to_string(), queue.clone(), groups.clone());
        tasks.push(tokio::spawn(async move {
            let mut lat = Vec::new();
            let mut errors = 0;
            let mut n = c;
            loop {
                let Some(id) = queue.lock().await.pop() else { break };
                let group = groups[n % groups.len()];
                n += 1;
                let t = Instant::now();
                match client
                    .post(format!("{base}/api/v1/enrolments/{id}/allocate"))
                    .bearer_auth(&bel)
                    .json(&json!({"group_id": group}))
                    .send()
                    .await
                {
                    Ok(r) if r.status().is_success() => lat.push(t.elapsed()),
                    _ => errors += 1,
                }
            }
            (lat, errors)
        }));
    }
    collect(tasks, started).await
}

fn ms(d: Duration) -> String {
    format!("{:.2} ms", d.as_secs_f64() * 1000.0)
}

async fn run(label: &str, database_url: Option<String>) -> Result<()> {
    let (base, app) = start(database_url.clone()).await?;
    let db = app.state.db.clone();
    tokio::spawn(app.run_until_stopped());
    let client = reqwest::Client::builder().pool_max_idle_per_host(CLIENTS).build()?;
    let gi = token(&client, &base, "gi@demo.local").await?;
    let bel = token(&client, &base, "bel@demo.local").await?;
    let ids = prepare(&client, &base, &gi, &bel).await?;
    // Room for everyone in the groups that take placements.
    db.execute_unprepared("UPDATE training_groups SET capacity = 100000 WHERE status IN ('planned', 'open', 'running')").await?;
    let groups: Vec<i64> = db
        .query_all(sea_orm::Statement::from_string(
            db.get_database_backend(),
            "SELECT id FROM training_groups WHERE status IN ('planned', 'open', 'running')".to_string(),
        ))
        .await?
        .iter()
        .filter_map(|r| r.try_get_by_index::<i64>(0).ok())
        .collect();

    health(&client, &base, 2000).await; // warm-up
    let h = health(&client, &base, 20000).await;
    let a = allocations(&client, &base, &bel, ids, groups).await;
    println!("\n{label}: {CLIENTS} concurrent clients");
    println!("  GET /api/health           {:>8.0} req/s  p50 {:>9}  p99 {:>9}  ({} requests, {} errors)", h.rps(), ms(h.p50), ms(h.p99), h.count, h.errors);
    println!("  POST .../allocate         {:>8.0} req/s  p50 {:>9}  p99 {:>9}  ({} placements, {} errors)", a.rps(), ms(a.p50), ms(a.p99), a.count, a.errors);
    println!("  ratio allocate/health     {:.4}", a.rps() / h.rps());
    let placed = db
        .query_one(sea_orm::Statement::from_string(db.get_database_backend(), "SELECT COUNT(*) FROM enrolments WHERE status = 'placed'".to_string()))
        .await?
        .and_then(|r| r.try_get_by_index::<i64>(0).ok())
        .unwrap_or(-1);
    let seats = db
        .query_one(sea_orm::Statement::from_string(db.get_database_backend(), "SELECT CAST(SUM(seats_taken) AS BIGINT) FROM training_groups".to_string()))
        .await?
        .and_then(|r| r.try_get_by_index::<i64>(0).ok())
        .unwrap_or(-1);
    println!("  check: placed {placed}, seats taken {seats}");
    Ok(())
}

#[tokio::main]
async fn main() -> Result<()> {
    run("SQLite (file)", None).await?;
    let pg = std::env::var("BENCH_DATABASE_URL").or_else(|_| std::env::var("TEST_DATABASE_URL")).ok();
    if let Some(url) = pg {
        let name = format!("va_bench_{}", uuid::Uuid::new_v4().simple());
        let admin = Database::connect(url.clone()).await?;
        admin.execute_unprepared(&format!("CREATE DATABASE \"{name}\"")).await?;
        let db_url = match url.rsplit_once('/') {
            Some((head, tail)) if !head.ends_with('/') && !tail.contains('@') => format!("{head}/{name}"),
            _ => format!("{url}/{name}"),
        };
        run("PostgreSQL", Some(db_url)).await?;
        let _ = admin.execute_unprepared(&format!("DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)")).await;
    } else {
        println!("\n(PostgreSQL skipped: set BENCH_DATABASE_URL or TEST_DATABASE_URL)");
    }
    Ok(())
}

//! Reads (and one write) under load, in one run: each endpoint's req/s, p50 and
//! p99 at 16 and 50 connections from `wrk`, beside `GET /api/health` as the
//! ceiling, on SQLite and PostgreSQL. `SCALE` (1, 10 or 100) multiplies the
//! data: 200 / 2,000 / 20,000 waiting and 1,000 / 10,000 / 100,000 enrolments.
//! `DUR` sets the seconds per measurement (10).

use anyhow::{Context, Result};
use sea_orm::ConnectionTrait;
use std::path::PathBuf;
use std::process::Command;
use va_bench::{on_both, scalar, start, token};

struct Run {
    rps: f64,
    p50: f64,
    p99: f64,
    failed: u64,
}

fn field(line: &str, key: &str) -> f64 {
    line.split_whitespace().find_map(|kv| kv.strip_prefix(key)?.strip_prefix('=')?.parse().ok()).unwrap_or(0.0)
}

/// One wrk measurement: two threads, `conns` connections, `DUR` seconds.
fn wrk(url: &str, token: Option<&str>, conns: u32, script: &str, env: &[(&str, String)]) -> Result<Run> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("wrk");
    let secs = std::env::var("DUR").unwrap_or_else(|_| "10".into());
    let mut cmd = Command::new("wrk");
    cmd.args(["-t2", &format!("-c{conns}"), &format!("-d{secs}s"), "--timeout", "10s", "--latency"])
        .arg("-s")
        .arg(dir.join(script))
        .env("BENCH_WRK", &dir)
        .envs(env.iter().map(|(k, v)| (*k, v.as_str())));
    if let Some(t) = token {
        cmd.args(["-H", &format!("Authorization: Bearer {t}")]);
    }
    let out = cmd.arg(url).output().context("running wrk (apt-get install wrk)")?;
    let text = String::from_utf8_lossy(&out.stdout);
    let line = text.lines().find(|l| l.starts_with("RESULT")).context("wrk printed no RESULT line")?;
    Ok(Run {
        rps: field(line, "rps"),
        p50: field(line, "p50_ms"),
        p99: field(line, "p99_ms"),
        failed: (field(line, "non2xx") + field(line, "errors")) as u64,
    })
}

/// `200 * scale` approved professionals waiting and `800 * scale` other
/// enrolments (trained, placed, withdrawn), by plain SQL on both databases.
async fn seed(db: &sea_orm::DatabaseConnection, scale: usize) -> Result<()> {
    let backend = db.get_database_backend();
    let orgs: Vec<i64> = db
        .query_all(sea_orm::Statement::from_string(backend, "SELECT id FROM organisations ORDER BY id".to_string()))
        .await?
        .iter()
        .filter_map(|r| r.try_get_by_index::<i64>(0).ok())
        .collect();
    let prog = scalar(db, "SELECT MIN(id) FROM programmes").await?;
    let group = scalar(db, "SELECT MIN(id) FROM training_groups").await?;
    let bel = scalar(db, "SELECT id FROM users WHERE email = 'bel@demo.local'").await?;
    let base_p = scalar(db, "SELECT COALESCE(MAX(id), 0) FROM professionals").await? + 1;
    let base_r = scalar(db, "SELECT COALESCE(MAX(id), 0) FROM enrolment_requests").await? + 1;
    let base_e = scalar(db, "SELECT COALESCE(MAX(id), 0) FROM enrolments").await? + 1;
    let total = 1000 * scale;
    let txn = sea_orm::TransactionTrait::begin(db).await?;
    for chunk in (0..total).collect::<Vec<_>>().chunks(500) {
        let (mut p, mut r, mut e) = (Vec::new(), Vec::new(), Vec::new());
        for &i in chunk {
            let org = orgs[i % orgs.len()];
            let (pid, rid, eid) = (base_p + i as i64, base_r + i as i64, base_e + i as i64);
            // Every fifth is waiting; approval times spread over a year, some with RET/UHP.
            let at = format!("'2026-{:02}-{:02} 10:00:00+00:00'", 1 + i % 11, 1 + i % 28);
            p.push(format!("({pid}, {org}, 'Bench {i}', 'bench{i}@bench.local', 'jeugdconsulent', {at}, NULL, NULL)"));
            r.push(format!("({rid}, {prog}, {org}, {bel}, 'bel', NULL, NULL, NULL, NULL, {at}, NULL, {at}, {at})"));
            let (status, g, trained) = match i % 5 {
                0 => ("approved", "NULL".to_string(), "NULL".to_string()),
                1 | 2 => ("trained", group.to_string(), format!("'2026-{:02}-15'", 1 + i % 11)),
                3 => ("placed", group.to_string(), "NULL".to_string()),
                _ => ("withdrawn", "NULL".to_string(), "NULL".to_string()),
            };
            let ret = if i % 3 == 0 { "true" } else { "false" };
            e.push(format!("({eid}, {rid}, {prog}, {pid}, 'jeugdconsulent', {ret}, NULL, '{status}', {g}, NULL, NULL, {at}, 0, NULL, {trained}, {at}, {at})"));
        }
        va_bench::insert_people(&txn, &p, &r, &e).await?;
    }
    txn.commit().await?;
    va_bench::after_bulk(db).await?;
    Ok(())
}

async fn run(label: &str, database_url: Option<String>) -> Result<()> {
    let scale: usize = std::env::var("SCALE").ok().and_then(|s| s.parse().ok()).unwrap_or(1);
    let (base, app) = start(database_url).await?;
    let db = app.state.db.clone();
    tokio::spawn(app.run_until_stopped());
    seed(&db, scale).await?;
    let client = reqwest::Client::new();
    let bel = token(&client, &base, "bel@demo.local").await?;
    let gi = token(&client, &base, "gi@demo.local").await?;
    let amb = token(&client, &base, "ambassadeur.zuid@demo.local").await?;
    let prog = scalar(&db, "SELECT MIN(id) FROM programmes").await?;
    let waiting = scalar(&db, "SELECT COUNT(*) FROM enrolments WHERE status IN ('approved', 'waitlisted')").await?;
    let enrolments = scalar(&db, "SELECT COUNT(*) FROM enrolments").await?;
    let post_env = [("BENCH_PROGRAMME", prog.to_string()), ("BENCH_RUN", uuid::Uuid::new_v4().simple().to_string())];
    let api = |path: &str| format!("{base}/api/v1{path}");
    let endpoints: Vec<(&str, String, Option<&str>, &str)> = vec![
        ("GET /api/health (ceiling)", format!("{base}/api/health"), None, "report.lua"),
        ("GET waiting list (BEL, all)", api(&format!("/programmes/{prog}/waitlist")), Some(&bel), "report.lua"),
        ("GET seat board (BEL)", api(&format!("/programmes/{prog}/seat-board")), Some(&bel), "report.lua"),
        ("GET waiting-list overview (ambassador)", api(&format!("/programmes/{prog}/waitlist-overview")), Some(&amb), "report.lua"),
        ("GET waiting list, page of 50 (BEL)", api(&format!("/programmes/{prog}/waitlist?offset=50&limit=50")), Some(&bel), "report.lua"),
        ("GET requests (BEL)", api("/requests"), Some(&bel), "report.lua"),
        ("GET requests, page of 50 (BEL)", api("/requests?offset=50&limit=50"), Some(&bel), "report.lua"),
        ("GET monitoring dashboard (BEL)", api("/monitoring/dashboard"), Some(&bel), "report.lua"),
        ("GET waiting-list export, CSV (BEL)", api(&format!("/exports/waitlist?format=csv&programme_id={prog}")), Some(&bel), "report.lua"),
        ("GET organisations (BEL)", api("/organisations"), Some(&bel), "report.lua"),
    ];
    println!("\n{label}: {waiting} waiting, {enrolments} enrolments (SCALE={scale}); wrk -t2, {}s each", std::env::var("DUR").unwrap_or_else(|_| "10".into()));
    println!("| request | conns | req/s | p50 ms | p99 ms | failed | / health |");
    println!("|---|---|---|---|---|---|---|");
    for conns in [16, 50] {
        // Warm-up: caches, prepared statements, the pool's connections.
        for (_, url, tok, _) in &endpoints {
            let auth = tok.map(|t| vec!["-H".to_string(), format!("Authorization: Bearer {t}")]).unwrap_or_default();
            let _ = Command::new("wrk").args(["-t1", "-c4", "-d1s"]).args(auth).arg(url).output();
        }
        let mut health = 0.0;
        for (name, url, tok, script) in &endpoints {
            let r = wrk(url, *tok, conns, script, &[])?;
            if health == 0.0 {
                health = r.rps;
            }
            println!("| {name} | {conns} | {:.0} | {:.2} | {:.2} | {} | {:.3} |", r.rps, r.p50, r.p99, r.failed, r.rps / health);
        }
    }
    let r = wrk(&base, Some(&gi), 16, "post-request.lua", &post_env)?;
    println!("| POST request, submitted (GI) | 16 | {:.0} | {:.2} | {:.2} | {} | — |", r.rps, r.p50, r.p99, r.failed);
    Ok(())
}

#[tokio::main]
async fn main() -> Result<()> {
    on_both(run).await
}

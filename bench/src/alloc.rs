//! Allocation under load: 50 concurrent clients place approved professionals
//! into training groups through `POST /api/v1/enrolments/{id}/allocate`, beside
//! `GET /api/health` in the same run, on SQLite and (with `BENCH_DATABASE_URL`
//! or `TEST_DATABASE_URL`) on PostgreSQL. Prints throughput, p50 and p99 and the
//! ratio of allocation to health throughput. Run: `cargo run --release -p va-bench --bin alloc`.

use anyhow::Result;
use sea_orm::ConnectionTrait;
use serde_json::json;
use std::sync::Arc;
use std::time::Instant;
use tokio::sync::Mutex;
use va_bench::*;

const ENROLMENTS: usize = 2000;

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

async fn run(label: &str, database_url: Option<String>) -> Result<()> {
    let (base, app) = start(database_url.clone()).await?;
    let db = app.state.db.clone();
    tokio::spawn(app.run_until_stopped());
    let client = reqwest::Client::builder().pool_max_idle_per_host(CLIENTS).build()?;
    let gi = token(&client, &base, "gi@demo.local").await?;
    let bel = token(&client, &base, "bel@demo.local").await?;
    let ids = approved(&client, &base, &gi, &bel, ENROLMENTS).await?;
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
    let placed = scalar(&db, "SELECT COUNT(*) FROM enrolments WHERE status = 'placed'").await?;
    let seats = scalar(&db, "SELECT CAST(SUM(seats_taken) AS BIGINT) FROM training_groups").await?;
    println!("  check: placed {placed}, seats taken {seats}");
    Ok(())
}

#[tokio::main]
async fn main() -> Result<()> {
    on_both(run).await
}

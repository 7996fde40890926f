//! The monitoring dashboard over 10,000 professionals, 10,000 enrolments and
//! 100,000 enrolment events, and the planner, beside the bare health endpoint;
//! plus the aggregates and one planner scenario timed without HTTP.

use anyhow::Result;
use sea_orm::ConnectionTrait;
use std::time::{Duration, Instant};
use va_bench::{ms, on_both, scalar, start, token};

const PROFESSIONALS: usize = 10_000;
const EVENTS_PER_ENROLMENT: usize = 10;
const ROUNDS: usize = 41;

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

/// Bulk rows by plain SQL (the same on both databases): professionals spread
/// over the organisations, each enrolled once in a status mix, ten events each.
async fn seed(db: &sea_orm::DatabaseConnection) -> Result<()> {
    let orgs: Vec<i64> = db
        .query_all(sea_orm::Statement::from_string(db.get_database_backend(), "SELECT id FROM organisations ORDER BY id".to_string()))
        .await?
        .iter()
        .filter_map(|r| r.try_get_by_index::<i64>(0).ok())
        .collect();
    let prog = scalar(db, "SELECT id FROM programmes").await?;
    let group = scalar(db, "SELECT MIN(id) FROM training_groups").await?;
    let bel = scalar(db, "SELECT id FROM users WHERE email = 'bel@demo.local'").await?;
    let ts = "'2026-11-01 10:00:00+00:00'";
    let statuses = ["trained", "trained", "trained", "placed", "approved", "waitlisted", "submitted", "withdrawn", "not_completed", "trained"];
    // Read before the transaction: on SQLite a transaction that reads first cannot write
    // once the server's scheduler has committed in between.
    let base_p = scalar(db, "SELECT COALESCE(MAX(id), 0) FROM professionals").await? + 1;
    let base_r = scalar(db, "SELECT COALESCE(MAX(id), 0) FROM enrolment_requests").await? + 1;
    let base_e = scalar(db, "SELECT COALESCE(MAX(id), 0) FROM enrolments").await? + 1;
    let txn = sea_orm::TransactionTrait::begin(db).await?;
    for chunk in (0..PROFESSIONALS).collect::<Vec<_>>().chunks(500) {
        let mut p = Vec::new();
        let mut r = Vec::new();
        let mut e = Vec::new();
        let mut ev = Vec::new();
        for &i in chunk {
            let org = orgs[i % orgs.len()];
            let (pid, rid, eid) = (base_p + i as i64, base_r + i as i64, base_e + i as i64);
            let earlier = if i % 7 == 0 { "'2025-03-01'" } else { "NULL" };
            p.push(format!("({pid}, {org}, 'Bench {i}', 'bench{i}@bench.local', NULL, {ts}, {earlier}, NULL)"));
            r.push(format!("({rid}, {prog}, {org}, {bel}, 'bel', NULL, NULL, NULL, NULL, {ts}, NULL, {ts}, {ts})"));
            let status = statuses[i % statuses.len()];
            let (g, trained) = match status {
                "trained" => (group.to_string(), format!("'2026-{:02}-15'", 1 + i % 11)),
                "placed" | "not_completed" => (group.to_string(), "NULL".into()),
                _ => ("NULL".into(), "NULL".into()),
            };
            e.push(format!("({eid}, {rid}, {prog}, {pid}, NULL, false, NULL, '{status}', {g}, NULL, NULL, {ts}, 0, NULL, {trained}, {ts}, {ts})"));
            for k in 0..EVENTS_PER_ENROLMENT {
                ev.push(format!("({rid}, {eid}, {ts}, {bel}, 'bench{k}', 'submitted', '{status}', NULL)"));
            }
        }
        va_bench::insert_people(&txn, &p, &r, &e).await?;
        txn.execute_unprepared(&format!("INSERT INTO enrolment_events (request_id, enrolment_id, at, actor_id, action, from_status, to_status, reason) VALUES {}", ev.join(","))).await?;
    }
    txn.commit().await?;
    va_bench::after_bulk(db).await?;
    Ok(())
}

async fn sequential(req: impl Fn() -> reqwest::RequestBuilder) -> Duration {
    let mut lat = Vec::new();
    for _ in 0..ROUNDS {
        let t = Instant::now();
        let res = req().send().await.expect("request");
        assert!(res.status().is_success(), "status {}", res.status());
        let _ = res.bytes().await;
        lat.push(t.elapsed());
    }
    median(lat)
}

async fn run(label: &str, database_url: Option<String>) -> Result<()> {
    let (base, app) = start(database_url).await?;
    let db = app.state.db.clone();
    let state = app.state.clone();
    tokio::spawn(app.run_until_stopped());
    let t = Instant::now();
    seed(&db).await?;
    let seeded = t.elapsed();
    let client = reqwest::Client::new();
    let bel = token(&client, &base, "bel@demo.local").await?;
    // Warm-up of both paths.
    for _ in 0..5 {
        client.get(format!("{base}/api/health")).send().await?;
        client.get(format!("{base}/api/v1/monitoring/dashboard")).bearer_auth(&bel).send().await?;
    }
    let health = sequential(|| client.get(format!("{base}/api/health"))).await;
    let dash = sequential(|| client.get(format!("{base}/api/v1/monitoring/dashboard")).bearer_auth(&bel)).await;
    let params = serde_json::json!({"group_size": 16, "cost_per_group_eur": 4000, "cost_per_trainer_day_eur": 1100, "trainer_days_per_group": 8, "turnover_pct": 10.0, "extra_groups": []});
    let plan = sequential(|| client.post(format!("{base}/api/v1/planner/compute")).bearer_auth(&bel).json(&params)).await;
    let programme = va_backend::reference::lookup::programme_in_view(&db, None).await?;
    let mut facts = Vec::new();
    for _ in 0..ROUNDS {
        let t = Instant::now();
        va_backend::monitoring::dashboard::facts(&db, programme.as_ref()).await?;
        facts.push(t.elapsed());
    }
    let inputs = va_backend::planning::service::inputs(&db, state.settings.clock.today(), None).await?;
    let p = va_backend::planning::service::default_params(&inputs.programme);
    let mut pure = Vec::new();
    for _ in 0..1001 {
        let t = Instant::now();
        std::hint::black_box(va_backend::planning::service::plan_of(&inputs, &p)?);
        pure.push(t.elapsed());
    }
    let profs = scalar(&db, "SELECT COUNT(*) FROM professionals").await?;
    let events = scalar(&db, "SELECT COUNT(*) FROM enrolment_events").await?;
    println!("\n{label}: {profs} professionals, {events} enrolment events (seeded in {}); medians of {ROUNDS} sequential requests", ms(seeded));
    println!("  GET /api/health                      {:>10}", ms(health));
    println!("  GET /api/v1/monitoring/dashboard     {:>10}  ratio {:.1}x health", ms(dash), dash.as_secs_f64() / health.as_secs_f64());
    println!("  POST /api/v1/planner/compute         {:>10}  ratio {:.1}x health", ms(plan), plan.as_secs_f64() / health.as_secs_f64());
    println!("  dashboard aggregates (no HTTP)       {:>10}", ms(median(facts)));
    println!("  one planner scenario (pure, {} regions) {:>7.1} µs", inputs.regions.len(), median(pure).as_secs_f64() * 1e6);
    Ok(())
}

#[tokio::main]
async fn main() -> Result<()> {
    on_both(run).await
}

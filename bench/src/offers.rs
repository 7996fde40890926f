//! Offer acceptance under load: 1,000 waiting professionals get an offer for a
//! freed seat; 50 concurrent clients accept them through the signed links
//! (`POST /api/v1/offers/answer`, no account), beside `GET /api/health` in the
//! same run, on SQLite and (with `BENCH_DATABASE_URL` or `TEST_DATABASE_URL`)
//! PostgreSQL. Prints throughput, p50 and p99 and the ratio to health.
//! Run: `cargo run --release -p va-bench --bin offers`.

use anyhow::{Context, Result};
use sea_orm::{ConnectionTrait, EntityTrait, QueryFilter, ColumnTrait};
use serde_json::json;
use std::sync::Arc;
use std::time::Instant;
use tokio::sync::Mutex;
use va_backend::entities::email_outbox;
use va_backend::waitlist::offers::{offer_seats, Ctx};
use va_bench::*;

const OFFERS: usize = 1000;

/// The token of each offer link in the outbox.
async fn tokens(db: &sea_orm::DatabaseConnection) -> Result<Vec<String>> {
    let mails = email_outbox::Entity::find().filter(email_outbox::Column::Template.eq("waitlist_offer")).all(db).await?;
    mails
        .iter()
        .map(|m| {
            let start = m.body_text.find("token=").context("link")? + "token=".len();
            Ok(m.body_text[start..].chars().take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.')).collect())
        })
        .collect()
}

async fn accept_all(client: &reqwest::Client, base: &str, tokens: Vec<String>) -> Stats {
    let queue = Arc::new(Mutex::new(tokens));
    let started = Instant::now();
    let mut tasks = Vec::new();
    for _ in 0..CLIENTS {
        let (client, url, queue) = (client.clone(), format!("{base}/api/v1/offers/answer"), queue.clone());
        tasks.push(tokio::spawn(async move {
            let mut lat = Vec::new();
            let mut errors = 0;
            loop {
                let Some(token) = queue.lock().await.pop() else { break };
                let t = Instant::now();
                match client.post(&url).json(&json!({"token": token, "accept": true})).send().await {
                    Ok(r) if r.status().is_success() => lat.push(t.elapsed()),
                    _ => errors += 1,
                }
            }
            (lat, errors)
        }));
    }
    collect(tasks, started).await
}

async fn run(label: &'static str, database_url: Option<String>) -> Result<()> {
    let (base, app) = start(database_url).await?;
    let state = app.state.clone();
    let db = state.db.clone();
    tokio::spawn(app.run_until_stopped());
    let client = reqwest::Client::builder().pool_max_idle_per_host(CLIENTS).build()?;
    let gi = token(&client, &base, "gi@demo.local").await?;
    let bel = token(&client, &base, "bel@demo.local").await?;
    approved(&client, &base, &gi, &bel, OFFERS).await?;
    // One big group not yet started; its seats are offered to the whole list in order.
    let g = scalar(&db, "SELECT id FROM training_groups WHERE name LIKE 'Groep 8%'").await?;
    db.execute_unprepared(&format!("UPDATE training_groups SET capacity = {OFFERS} WHERE id = {g}")).await?;
    let ctx = Ctx::of(&state);
    let made = va_backend::db::write_txn(&state, move |txn| Box::pin(async move { offer_seats(txn, &ctx, g, OFFERS as i32, None).await })).await
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    let tokens = tokens(&db).await?;
    anyhow::ensure!(made == OFFERS && tokens.len() == OFFERS, "{made} offers, {} links", tokens.len());

    health(&client, &base, 2000).await; // warm-up
    let h = health(&client, &base, 20000).await;
    let a = accept_all(&client, &base, tokens).await;
    println!("\n{label}: {CLIENTS} concurrent clients");
    println!("  GET /api/health           {:>8.0} req/s  p50 {:>9}  p99 {:>9}  ({} requests, {} errors)", h.rps(), ms(h.p50), ms(h.p99), h.count, h.errors);
    println!("  POST /offers/answer       {:>8.0} req/s  p50 {:>9}  p99 {:>9}  ({} accepted, {} errors)", a.rps(), ms(a.p50), ms(a.p99), a.count, a.errors);
    println!("  ratio accept/health       {:.4}", a.rps() / h.rps());
    let placed = scalar(&db, &format!("SELECT COUNT(*) FROM enrolments WHERE status = 'placed' AND group_id = {g}")).await?;
    let taken = scalar(&db, &format!("SELECT CAST(seats_taken AS BIGINT) FROM training_groups WHERE id = {g}")).await?;
    let held = scalar(&db, &format!("SELECT CAST(seats_held AS BIGINT) FROM training_groups WHERE id = {g}")).await?;
    println!("  check: placed {placed}, seats taken {taken}, held {held}");
    Ok(())
}

#[tokio::main]
async fn main() -> Result<()> {
    on_both(run).await
}

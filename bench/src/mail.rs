//! Mail drain under write load: 3,000 messages land in the outbox at once
//! (a burst, as when a group's invitations go out), while 8 clients keep
//! saving draft requests; measures how long the server's own sender takes to
//! deliver all of them (`.eml` files, the embedded default) and the drafts'
//! throughput beside it, on SQLite and (with `BENCH_DATABASE_URL` or
//! `TEST_DATABASE_URL`) PostgreSQL.
//! Run: `cargo run --release -p va-bench --bin mail`.

use anyhow::{Context, Result};
use sea_orm::TransactionTrait;
use serde_json::json;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};
use va_backend::email::{enqueue, OutgoingEmail};
use va_bench::*;

const MAILS: usize = 3000;
const WRITERS: usize = 8;

async fn run(label: &'static str, url: Option<String>) -> Result<()> {
    let (base, app) = start(url).await?;
    let db = app.state.db.clone();
    let notify = app.state.mail_notify.clone();
    tokio::spawn(app.run_until_stopped());
    let client = reqwest::Client::new();
    let gi = token(&client, &base, "gi@demo.local").await?;
    let bel = token(&client, &base, "bel@demo.local").await?;
    let programmes: serde_json::Value = client.get(format!("{base}/api/v1/programmes")).bearer_auth(&bel).send().await?.json().await?;
    let programme = programmes[0]["id"].as_i64().context("programme")?;

    // The write load, for as long as the drain lasts.
    let stop = Arc::new(AtomicBool::new(false));
    let mut writers = Vec::new();
    for w in 0..WRITERS {
        let (client, base, gi, stop) = (client.clone(), base.clone(), gi.clone(), stop.clone());
        writers.push(tokio::spawn(async move {
            let (mut lat, mut errors, mut i) = (Vec::new(), 0, 0);
            while !stop.load(Ordering::Relaxed) {
                i += 1;
                let body = json!({"programme_id": programme, "submit": false,
                    "professionals": [{"name": format!("Concept {w}-{i}"), "email": format!("concept{w}-{i}@bench.local")}]});
                let t = Instant::now();
                match client.post(format!("{base}/api/v1/requests")).bearer_auth(&gi).json(&body).send().await {
                    Ok(r) if r.status().is_success() => lat.push(t.elapsed()),
                    _ => errors += 1,
                }
            }
            (lat, errors)
        }));
    }

    // One transaction: the burst lands at once, as a change that mails many does.
    let load_started = Instant::now();
    let queued = Instant::now();
    let txn = db.begin().await?;
    for i in 0..MAILS {
        enqueue(&txn, OutgoingEmail::new("bench", &format!("ontvanger{i}@bench.local"), "Uitnodiging", "Hallo".into())).await?;
    }
    txn.commit().await?;
    let queueing = queued.elapsed();
    notify.notify_one();
    let started = Instant::now();
    loop {
        let pending = scalar(&db, "SELECT COUNT(*) FROM email_outbox WHERE sent_at IS NULL").await?;
        if pending == 0 || started.elapsed() > Duration::from_secs(300) {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let drain = started.elapsed();
    stop.store(true, Ordering::Relaxed);
    let writes = collect(writers, load_started).await;
    let sent = scalar(&db, "SELECT COUNT(*) FROM email_outbox WHERE sent_at IS NOT NULL").await?;
    println!("\n== {label}: {MAILS} mails queued in {:.1} s, beside {WRITERS} clients saving drafts", queueing.as_secs_f64());
    println!("drained       {sent} sent in {:.1} s = {:.0} mails/s", drain.as_secs_f64(), sent as f64 / drain.as_secs_f64());
    println!("drafts        {:>8.0} req/s  p50 {}  p99 {}  errors {}", writes.rps(), ms(writes.p50), ms(writes.p99), writes.errors);
    Ok(())
}

#[tokio::main]
async fn main() -> Result<()> {
    on_both(run).await
}

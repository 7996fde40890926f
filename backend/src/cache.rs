//! Answers that many read and few change (the waiting list, the seat board,
//! the requests list, the monitoring dashboard), kept serialised so a burst of reads costs one query set and one
//! serialisation. An answer is reused only while nothing was written since it
//! was made: every change of this instance (a write transaction, a changing
//! HTTP request, a job round that did something) starts a new generation; a
//! change made by another instance on the same database is seen within
//! `FRESH`, the same bound the session check has.

use actix_web::http::header;
use actix_web::web::Bytes;
use actix_web::HttpResponse;
use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

pub const FRESH: Duration = Duration::from_secs(1);
/// More keys than this (programmes × scopes) and the cache starts over.
const MAX_ENTRIES: usize = 1_000;

struct Entry {
    generation: u64,
    made: Instant,
    day: chrono::NaiveDate,
    body: Bytes,
}

#[derive(Default)]
pub struct Answers {
    generation: AtomicU64,
    entries: Mutex<HashMap<String, Entry>>,
    /// One maker per key at a time: when an answer goes stale under load, one
    /// request makes the new one and the others wait for it instead of all
    /// making it at once.
    makers: Mutex<HashMap<String, Arc<tokio::sync::Mutex<()>>>>,
}

impl Answers {
    /// Something changed: every kept answer is stale.
    pub fn changed(&self) {
        self.generation.fetch_add(1, Ordering::SeqCst);
    }

    /// The generation to stamp an answer with: read before the data is, so an
    /// answer made while a change commits is never taken for a later one.
    pub fn generation(&self) -> u64 {
        self.generation.load(Ordering::SeqCst)
    }

    /// The kept answer, if it was made with nothing changed since generation
    /// `since` (the generation a request saw when it arrived).
    pub fn get(&self, key: &str, day: chrono::NaiveDate, since: u64) -> Option<Bytes> {
        let entries = self.entries.lock().ok()?;
        let e = entries.get(key)?;
        (e.generation >= since && e.day == day && e.made.elapsed() < FRESH).then(|| e.body.clone())
    }

    pub fn put(&self, key: String, generation: u64, day: chrono::NaiveDate, body: Bytes) {
        if let Ok(mut entries) = self.entries.lock() {
            if entries.len() >= MAX_ENTRIES {
                entries.clear();
            }
            entries.insert(key, Entry { generation, made: Instant::now(), day, body });
        }
    }

    fn maker(&self, key: &str) -> Arc<tokio::sync::Mutex<()>> {
        match self.makers.lock() {
            Ok(mut makers) => {
                if makers.len() >= MAX_ENTRIES {
                    makers.clear();
                }
                makers.entry(key.to_string()).or_default().clone()
            }
            Err(_) => Arc::default(),
        }
    }
}

/// A JSON answer from the cache, else made by `make`, serialised once and kept.
/// `day` is part of its validity: views that show a status by date change at midnight.
pub async fn json<T, F>(answers: &Answers, key: String, day: chrono::NaiveDate, make: F) -> Result<HttpResponse, crate::error::AppError>
where
    T: serde::Serialize,
    F: std::future::Future<Output = Result<T, crate::error::AppError>>,
{
    let arrived = answers.generation();
    let body = match answers.get(&key, day, arrived) {
        Some(body) => body,
        None => {
            let maker = answers.maker(&key);
            let _turn = maker.lock().await;
            // Made by the request this one waited for, from data no older than this request:
            // while changes go on, waiting readers share one answer instead of queueing.
            match answers.get(&key, day, arrived) {
                Some(body) => body,
                None => {
                    let generation = answers.generation();
                    let value = make.await?;
                    let body = Bytes::from(serde_json::to_vec(&value).map_err(|e| crate::error::AppError::Internal(e.into()))?);
                    answers.put(key, generation, day, body.clone());
                    body
                }
            }
        }
    };
    Ok(HttpResponse::Ok().insert_header((header::CONTENT_TYPE, "application/json")).body(body))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day() -> chrono::NaiveDate {
        chrono::NaiveDate::from_ymd_opt(2026, 12, 2).expect("date")
    }

    #[test]
    fn an_answer_is_kept_until_a_change() {
        let a = Answers::default();
        let g = a.generation();
        a.put("k".into(), g, day(), Bytes::from_static(b"[1]"));
        assert_eq!(a.get("k", day(), a.generation()).as_deref(), Some(&b"[1]"[..]));
        a.changed();
        assert_eq!(a.get("k", day(), a.generation()), None);
        // A request that arrived before the change may take it.
        assert!(a.get("k", day(), g).is_some());
    }

    #[test]
    fn an_answer_made_while_something_changed_is_not_kept() {
        let a = Answers::default();
        let g = a.generation();
        a.changed(); // a write committed while the answer was being made
        a.put("k".into(), g, day(), Bytes::from_static(b"[]"));
        assert_eq!(a.get("k", day(), a.generation()), None);
    }

    #[test]
    fn a_new_day_makes_a_new_answer() {
        let a = Answers::default();
        a.put("k".into(), a.generation(), day(), Bytes::from_static(b"[]"));
        assert_eq!(a.get("k", day().succ_opt().expect("next day"), a.generation()), None);
        assert_eq!(a.get("other", day(), a.generation()), None);
    }
}

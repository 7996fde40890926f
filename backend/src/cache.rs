//! Answers that many read and few change (the waiting list, the seat board,
//! the requests list, the monitoring dashboard), kept serialised so a burst of reads costs one query set and one
//! serialisation. An answer is reused only while nothing was written since it
//! was made: every change of this instance (a write transaction, a changing
//! HTTP request, a job round that did something) starts a new generation; a
//! change made by another instance on the same database is seen within
//! `FRESH`, the same bound the session check has: an answer older than that is
//! made again only if the database's version (`Version`) moved since.

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
    /// The database's version when the answer was made (`Version`), if known.
    version: Option<String>,
    answer: Kept,
}

impl Entry {
    /// Made for `day` with nothing changed on this instance since generation `since`.
    fn holds(&self, day: chrono::NaiveDate, since: u64) -> bool {
        self.generation >= since && self.day == day
    }
}

/// Says whether anything was committed to the database, by anyone: the value
/// changes with every commit (it may change without one, never the reverse).
/// An answer older than `FRESH` whose version is still the database's is
/// still true and is kept on without being made again.
pub trait Version: Send + Sync {
    fn version(&self) -> futures_util::future::BoxFuture<'_, Option<String>>;
}

/// A serialised answer; a page of a list also keeps the list's length, a
/// download its type and file name.
#[derive(Clone, Debug, PartialEq)]
pub struct Kept {
    pub body: Bytes,
    pub total: Option<usize>,
    pub file: Option<(&'static str, String)>,
    /// A list's rows, each serialised: any page of it is put together from them.
    pub rows: Option<Arc<[Bytes]>>,
}

impl From<Bytes> for Kept {
    fn from(body: Bytes) -> Kept {
        Kept { body, total: None, file: None, rows: None }
    }
}

/// A slice of a long list (`offset`, `limit` in the query); the answer says the
/// list's length in `X-Total-Count`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Page {
    pub offset: usize,
    pub limit: usize,
}

impl Page {
    /// At most this many rows per page.
    pub const MAX_LIMIT: u64 = 1_000;

    /// The page asked for; `limit` 1 to `MAX_LIMIT`, the whole list without one.
    pub fn of(offset: Option<u64>, limit: Option<u64>) -> Result<Page, crate::error::AppError> {
        let mut errs = crate::error::validate::Errors::default();
        if limit.is_some_and(|l| l == 0 || l > Page::MAX_LIMIT) {
            errs.add("limit", "out_of_range", format!("limit is 1 to {}", Page::MAX_LIMIT));
        }
        if offset.is_some_and(|o| o > i32::MAX as u64) {
            errs.add("offset", "out_of_range", "offset is too large");
        }
        errs.finish()?;
        Ok(Page { offset: offset.unwrap_or(0) as usize, limit: limit.map_or(usize::MAX, |l| l as usize) })
    }

    fn slice<'a, T>(&self, all: &'a [T]) -> &'a [T] {
        let start = self.offset.min(all.len());
        &all[start..start.saturating_add(self.limit).min(all.len())]
    }
}

#[derive(Default)]
pub struct Answers {
    generation: AtomicU64,
    entries: Mutex<HashMap<String, Entry>>,
    /// The database's version (`db::version_probe`); without one an answer is made
    /// again once it is older than `FRESH`.
    probe: std::sync::OnceLock<Box<dyn Version>>,
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
    pub fn get(&self, key: &str, day: chrono::NaiveDate, since: u64) -> Option<Kept> {
        let entries = self.entries.lock().ok()?;
        let e = entries.get(key)?;
        (e.holds(day, since) && e.made.elapsed() < FRESH).then(|| e.answer.clone())
    }

    /// Sets how the database's version is read (once, at start-up).
    pub fn set_probe(&self, probe: Box<dyn Version>) {
        let _ = self.probe.set(probe);
    }

    async fn version(&self) -> Option<String> {
        match self.probe.get() {
            Some(p) => p.version().await,
            None => None,
        }
    }

    /// An aged answer made at database version `version`, renewed for another
    /// `FRESH` if nothing changed here since `since`.
    fn renewed(&self, key: &str, day: chrono::NaiveDate, since: u64, version: &str) -> Option<Kept> {
        let mut entries = self.entries.lock().ok()?;
        let e = entries.get_mut(key)?;
        if e.holds(day, since) && e.version.as_deref() == Some(version) {
            e.made = Instant::now();
            return Some(e.answer.clone());
        }
        None
    }

    /// The kept answer whatever its age, if nothing changed here since `since`.
    fn aged(&self, key: &str, day: chrono::NaiveDate, since: u64) -> Option<Kept> {
        let entries = self.entries.lock().ok()?;
        let e = entries.get(key)?;
        e.holds(day, since).then(|| e.answer.clone())
    }

    pub fn put(&self, key: String, generation: u64, day: chrono::NaiveDate, answer: impl Into<Kept>) {
        self.put_at(key, generation, None, day, answer.into());
    }

    fn put_at(&self, key: String, generation: u64, version: Option<String>, day: chrono::NaiveDate, answer: Kept) {
        if let Ok(mut entries) = self.entries.lock() {
            if entries.len() >= MAX_ENTRIES {
                entries.clear();
            }
            entries.insert(key, Entry { generation, made: Instant::now(), day, version, answer });
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
    keep(answers, key, day, async { Ok(Kept::from(to_json(&make.await?)?)) }).await
}

/// A page of a list from the cache, else made from the whole list by `make`;
/// `X-Total-Count` says how long the list is. The list is kept once, row by
/// row, whatever pages are asked of it.
pub async fn page<T, F>(answers: &Answers, key: String, day: chrono::NaiveDate, page: Page, make: F) -> Result<HttpResponse, crate::error::AppError>
where
    T: serde::Serialize,
    F: std::future::Future<Output = Result<Vec<T>, crate::error::AppError>>,
{
    let list = answer(answers, key, day, async {
        let rows = make.await?.iter().map(to_json).collect::<Result<Vec<Bytes>, _>>()?;
        Ok(Kept { body: joined(&rows), total: Some(rows.len()), file: None, rows: Some(rows.into()) })
    })
    .await?;
    let rows = list.rows.unwrap_or_else(|| Arc::from(Vec::new()));
    let slice = page.slice(&rows);
    // The whole list is kept as it goes out; a page is a few rows put together.
    let body = if slice.len() == rows.len() { list.body } else { joined(slice) };
    Ok(respond(Kept { body, total: Some(rows.len()), file: None, rows: None }))
}

/// Serialised rows as one JSON array.
fn joined(rows: &[Bytes]) -> Bytes {
    let mut out = Vec::with_capacity(rows.iter().map(|r| r.len() + 1).sum::<usize>() + 2);
    out.push(b'[');
    for (i, row) in rows.iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        out.extend_from_slice(row);
    }
    out.push(b']');
    Bytes::from(out)
}

/// A download (an export) from the cache, else made by `make`: its bytes,
/// content type and file name.
pub async fn file<F>(answers: &Answers, key: String, day: chrono::NaiveDate, make: F) -> Result<HttpResponse, crate::error::AppError>
where
    F: std::future::Future<Output = Result<(Vec<u8>, &'static str, String), crate::error::AppError>>,
{
    keep(answers, key, day, async {
        let (bytes, content_type, name) = make.await?;
        Ok(Kept { body: Bytes::from(bytes), total: None, file: Some((content_type, name)), rows: None })
    })
    .await
}

fn to_json<T: serde::Serialize + ?Sized>(value: &T) -> Result<Bytes, crate::error::AppError> {
    Ok(Bytes::from(serde_json::to_vec(value).map_err(|e| crate::error::AppError::Internal(e.into()))?))
}

async fn keep<F>(answers: &Answers, key: String, day: chrono::NaiveDate, make: F) -> Result<HttpResponse, crate::error::AppError>
where
    F: std::future::Future<Output = Result<Kept, crate::error::AppError>>,
{
    Ok(respond(answer(answers, key, day, make).await?))
}

async fn answer<F>(answers: &Answers, key: String, day: chrono::NaiveDate, make: F) -> Result<Kept, crate::error::AppError>
where
    F: std::future::Future<Output = Result<Kept, crate::error::AppError>>,
{
    let arrived = answers.generation();
    if let Some(answer) = answers.get(&key, day, arrived) {
        return Ok(answer);
    }
    let maker = answers.maker(&key);
    let _turn = match maker.try_lock() {
        Ok(turn) => turn,
        Err(_) => {
            // Another request is making this answer. When the kept one only grew
            // older than FRESH (nothing changed here since this request arrived),
            // it serves meanwhile: a long list's remaking then costs one request,
            // not a queue of them, and another instance's change shows within
            // FRESH and the time of one making.
            if let Some(answer) = answers.aged(&key, day, arrived) {
                return Ok(answer);
            }
            maker.lock().await
        }
    };
    // Made by the request this one waited for, from data no older than this request:
    // while changes go on, waiting readers share one answer instead of queueing.
    if let Some(answer) = answers.get(&key, day, arrived) {
        return Ok(answer);
    }
    // Read before the data, like the generation: a commit in between makes it differ.
    let generation = answers.generation();
    let version = answers.version().await;
    if let Some(answer) = version.as_deref().and_then(|v| answers.renewed(&key, day, arrived, v)) {
        return Ok(answer);
    }
    let answer = make.await?;
    answers.put_at(key, generation, version, day, answer.clone());
    Ok(answer)
}

fn respond(answer: Kept) -> HttpResponse {
    let mut response = HttpResponse::Ok();
    match &answer.file {
        Some((content_type, name)) => {
            response.insert_header((header::CONTENT_TYPE, *content_type));
            response.insert_header((header::CONTENT_DISPOSITION, format!("attachment; filename=\"{name}\"")));
        }
        None => {
            response.insert_header((header::CONTENT_TYPE, "application/json"));
        }
    }
    if let Some(total) = answer.total {
        response.insert_header((TOTAL_COUNT, total.to_string()));
    }
    response.body(answer.body)
}

/// The header that carries a paged list's length.
pub const TOTAL_COUNT: &str = "x-total-count";

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
        assert_eq!(a.get("k", day(), a.generation()).map(|k| k.body).as_deref(), Some(&b"[1]"[..]));
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

    #[test]
    fn a_page_is_a_slice_within_the_list_and_a_bad_limit_is_refused() {
        let all: Vec<u32> = (1..=5).collect();
        let page = |o, l| Page::of(o, l).expect("page");
        assert_eq!(page(None, None).slice(&all), &all[..]);
        assert_eq!(page(Some(2), Some(2)).slice(&all), &[3, 4]);
        assert_eq!(page(Some(4), Some(2)).slice(&all), &[5]);
        assert!(page(Some(9), Some(2)).slice(&all).is_empty());
        assert!(page(Some(0), Some(1_000)).slice(&all).len() == 5);
        for (o, l) in [(None, Some(0)), (None, Some(1_001)), (Some(u64::MAX), None)] {
            assert!(matches!(Page::of(o, l), Err(crate::error::AppError::Validation(_))), "{o:?} {l:?}");
        }
        // Every offset and limit: the pages in order are the list.
        for limit in 1..7u64 {
            let joined: Vec<u32> = (0..6).step_by(limit as usize).flat_map(|o| page(Some(o), Some(limit)).slice(&all).to_vec()).collect();
            assert_eq!(joined, all, "limit {limit}");
        }
    }

    #[tokio::test]
    async fn while_one_request_remakes_an_aged_answer_the_others_take_the_aged_one() {
        let a = Answers::default();
        a.put("k".into(), a.generation(), day(), Bytes::from_static(b"[1]"));
        if let Ok(mut entries) = a.entries.lock() {
            if let Some(e) = entries.get_mut("k") {
                e.made = Instant::now() - FRESH * 2;
            }
        }
        let maker = a.maker("k");
        let turn = maker.lock().await;
        // Someone is making it: the aged answer serves.
        let got = answer(&a, "k".into(), day(), async { Ok(Kept::from(Bytes::from_static(b"[2]"))) }).await.expect("answer");
        assert_eq!(&got.body[..], b"[1]");
        drop(turn);
        // Nobody is: this request makes the new one.
        let got = answer(&a, "k".into(), day(), async { Ok(Kept::from(Bytes::from_static(b"[2]"))) }).await.expect("answer");
        assert_eq!(&got.body[..], b"[2]");
        // After a change here, an aged answer never serves, even while another makes it.
        a.changed();
        let turn = maker.lock().await;
        let waiting = answer(&a, "k".into(), day(), async { Ok(Kept::from(Bytes::from_static(b"[3]"))) });
        tokio::pin!(waiting);
        assert!(tokio::time::timeout(std::time::Duration::from_millis(50), &mut waiting).await.is_err(), "it waits for the maker");
        drop(turn);
        assert_eq!(&waiting.await.expect("answer").body[..], b"[3]");
    }

    #[test]
    fn rows_put_together_are_the_list_serialised_whole() {
        let list = vec![serde_json::json!({"a": 1, "b": "x,]"}), serde_json::json!([2, 3]), serde_json::json!(null)];
        let rows: Vec<Bytes> = list.iter().map(to_json).collect::<Result<_, _>>().expect("rows");
        assert_eq!(joined(&rows), to_json(&list).expect("whole"));
        assert_eq!(&joined(&rows[1..2])[..], b"[[2,3]]");
        assert_eq!(&joined(&[])[..], b"[]");
    }

    /// A database whose version the test sets.
    struct Fixed(Arc<Mutex<u32>>);

    impl Version for Fixed {
        fn version(&self) -> futures_util::future::BoxFuture<'_, Option<String>> {
            let v = self.0.lock().map(|v| v.to_string()).ok();
            Box::pin(async move { v })
        }
    }

    #[tokio::test]
    async fn an_aged_answer_is_kept_on_while_the_database_version_stays() {
        let a = Answers::default();
        let db = Arc::new(Mutex::new(1));
        a.set_probe(Box::new(Fixed(db.clone())));
        let age = |a: &Answers| {
            if let Ok(mut entries) = a.entries.lock() {
                entries.values_mut().for_each(|e| e.made = Instant::now() - FRESH * 2);
            }
        };
        let made = Arc::new(AtomicU64::new(0));
        async fn ask(a: &Answers, made: &Arc<AtomicU64>) -> Bytes {
            let made = made.clone();
            answer(a, "k".into(), day(), async move { Ok(Kept::from(Bytes::from(made.fetch_add(1, Ordering::SeqCst).to_string()))) }).await.expect("answer").body
        }
        assert_eq!(&ask(&a, &made).await[..], b"0");
        age(&a);
        // Nothing committed since: the same answer, not made again.
        assert_eq!(&ask(&a, &made).await[..], b"0");
        assert_eq!(made.load(Ordering::SeqCst), 1);
        // Something committed (by anyone): made again.
        age(&a);
        *db.lock().expect("lock") = 2;
        assert_eq!(&ask(&a, &made).await[..], b"1");
        // A change here makes it again whatever the version says.
        a.changed();
        assert_eq!(&ask(&a, &made).await[..], b"2");
    }
}

//! A full SQLite file (every connection's `max_page_count` at the file's size):
//! writes are refused with 503 and leave nothing behind, readiness says the
//! database cannot write, and once there is room again everything writes
//! again without a restart (a connection whose transaction failed used to go
//! back to the pool still inside it, and every later write waited on it).

use serde_json::{json, Value};
use va_tests::{spawn_app_with, Backend, TestApp};

/// Sets `PRAGMA max_page_count` on every pooled connection, the readers' four
/// and the writer's one (all held at once, so none is missed); `None` lifts the limit.
async fn limit_pages(app: &TestApp, full: bool) {
    use sea_orm::sqlx;
    let mut held = Vec::new();
    let writer = app.state.writer.as_ref().expect("SQLite has a writer connection");
    for (db, connections) in [(&app.db, 4), (writer, 1)] {
        let pool = db.get_sqlite_connection_pool();
        for _ in 0..connections {
            held.push(pool.acquire().await.expect("connection"));
        }
    }
    for c in held.iter_mut() {
        let pages: i64 = sqlx::query_scalar("PRAGMA page_count").fetch_one(&mut **c).await.expect("page_count");
        let max = if full { pages } else { 1_073_741_823 };
        sqlx::query(&format!("PRAGMA max_page_count = {max}")).execute(&mut **c).await.expect("max_page_count");
    }
}

async fn invite(app: &TestApp, token: &str, i: usize) -> reqwest::Response {
    let body = json!({"email": format!("vol{i}@demo.local"), "name": format!("Volle Schijf {i} {}", "x".repeat(170)), "role": "trainer"});
    app.post_json("/api/v1/users", Some(token), &body).await
}

/// Invites until a write is refused: how many were accepted, and the refusal's status and body.
async fn write_until_refused(app: &TestApp, token: &str) -> (i64, u16, String) {
    let mut accepted = 0;
    for i in 0..400 {
        let res = invite(app, token, i).await;
        match res.status().as_u16() {
            201 => accepted += 1,
            status => return (accepted, status, res.text().await.unwrap_or_default()),
        }
    }
    panic!("400 writes and none was refused: the database never filled up");
}

/// With room again: the next write (invitation number `i`) succeeds at once,
/// readiness is back, and the job runner and the mail sender write too.
async fn writes_again(app: &TestApp, token: &str, i: usize, users: i64) {
    let started = std::time::Instant::now();
    let res = invite(app, token, i).await;
    assert_eq!(res.status(), 201, "{}", res.text().await.unwrap_or_default());
    assert!(started.elapsed() < std::time::Duration::from_secs(10), "did not wait out a busy timeout");
    assert_eq!(app.get("/api/ready", None).await.status(), 200);
    va_backend::jobs::tick(&app.state).await.expect("job round");
    app.wait_for_mail(&format!("vol{i}@demo.local")).await;
    assert_eq!(app.count("users").await, users + 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_full_sqlite_file_refuses_writes_cleanly_and_recovers_without_a_restart() {
    let app = spawn_app_with(Backend::Sqlite, |_| {}).await.expect("app");
    let bel = app.token("bel@demo.local").await;
    let users_before = app.count("users").await;
    limit_pages(&app, true).await;

    // Write until the file is full: the refusal is a 503 problem, never a 500.
    let (accepted, status, body) = write_until_refused(&app, &bel).await;
    assert_eq!(status, 503, "{body}");
    let body: Value = serde_json::from_str(&body).expect("problem");
    assert_eq!(body["code"], "unavailable");
    // A connection whose transaction failed is replaced by a fresh one without the
    // limit: put it on every connection again before asking readiness.
    limit_pages(&app, true).await;
    let ready = app.get("/api/ready", None).await;
    assert_eq!(ready.status(), 503, "readiness reports a database that cannot write");
    // Readiness's refused probe replaced the writer's connection too.
    limit_pages(&app, true).await;
    // A second refused write, and nothing half-written is visible.
    assert_eq!(invite(&app, &bel, 1000).await.status(), 503);
    assert_eq!(app.count("users").await, users_before + accepted);
    let listed: Value = app.get("/api/v1/users", Some(&bel)).await.json().await.expect("users");
    let listed = listed.as_array().expect("array");
    assert!(!listed.iter().any(|u| u["email"] == "vol1000@demo.local"), "a refused write is not listed");

    // Room again: the next write succeeds at once, no restart, no busy wait.
    limit_pages(&app, false).await;
    writes_again(&app, &bel, 2000, users_before + accepted).await;
}

/// A small file system of its own (tmpfs), unmounted when dropped.
struct SmallDisk(std::path::PathBuf);

impl SmallDisk {
    /// `None` where mounting is not allowed (not root); `REQUIRE_MOUNT=1` makes that a failure.
    fn mount(megabytes: u32) -> Option<SmallDisk> {
        let dir = std::env::temp_dir().join("va-planner-tests").join(format!("disk-{}", uuid::Uuid::new_v4().simple()));
        std::fs::create_dir_all(&dir).expect("mount point");
        let ok = std::process::Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={megabytes}m"), "tmpfs"])
            .arg(&dir)
            .status()
            .is_ok_and(|s| s.success());
        if !ok {
            assert!(std::env::var("REQUIRE_MOUNT").is_err(), "REQUIRE_MOUNT is set but tmpfs cannot be mounted");
            eprintln!("skipped: cannot mount a tmpfs here (needs root)");
            return None;
        }
        Some(SmallDisk(dir))
    }

    /// Fills what is left with a ballast file; returns its path.
    fn fill(&self) -> std::path::PathBuf {
        use std::io::Write;
        let path = self.0.join("ballast");
        let mut f = std::fs::File::create(&path).expect("ballast");
        let chunk = vec![0u8; 64 * 1024];
        while f.write_all(&chunk).is_ok() {}
        let _ = f.sync_all();
        path
    }
}

impl Drop for SmallDisk {
    fn drop(&mut self) {
        let _ = std::process::Command::new("umount").arg("-l").arg(&self.0).status();
    }
}

/// The disk that holds the database and the mail files runs full for real:
/// writes (and their COMMITs) fail with 503, readiness fails, and once space
/// is freed the same process writes, runs its jobs and sends mail again.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_full_disk_refuses_writes_and_the_planner_recovers_when_space_is_freed() {
    let Some(disk) = SmallDisk::mount(64) else { return };
    let dir = disk.0.clone();
    let app = spawn_app_with(Backend::Sqlite, move |s| s.data_dir = dir).await.expect("app");
    let bel = app.token("bel@demo.local").await;
    let users_before = app.count("users").await;
    let ballast = disk.fill();

    let (accepted, status, body) = write_until_refused(&app, &bel).await;
    assert_eq!(status, 503, "{body}");
    assert_eq!(app.get("/api/ready", None).await.status(), 503, "readiness reports a disk that takes no write");

    std::fs::remove_file(&ballast).expect("free space");
    writes_again(&app, &bel, 3000, users_before + accepted).await;
    let listed: Value = app.get("/api/v1/users", Some(&bel)).await.json().await.expect("users");
    assert_eq!(listed.as_array().expect("array").iter().filter(|u| u["email"].as_str().is_some_and(|e| e.starts_with("vol"))).count(), accepted as usize + 1);
    drop(app);
}

/// A connection that goes back to the pool inside a transaction holding the
/// write lock (as one whose COMMIT failed on a full disk did: sqlx begun it,
/// and neither COMMIT nor ROLLBACK ended it) is closed, not handed to the
/// next writer: the next write goes through at once instead of failing with
/// "database is locked" after the busy timeout.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_connection_left_inside_a_transaction_never_returns_to_the_pool() {
    use sea_orm::sqlx::{self, TransactionManager as _};
    let app = spawn_app_with(Backend::Sqlite, |_| {}).await.expect("app");
    let bel = app.token("bel@demo.local").await;
    let pool = app.db.get_sqlite_connection_pool();
    for _ in 0..2 {
        let mut conn = pool.acquire().await.expect("connection");
        <sqlx::Sqlite as sqlx::Database>::TransactionManager::begin(&mut conn, Some("BEGIN IMMEDIATE".into())).await.expect("begin");
        sqlx::query("UPDATE regions SET name = name").execute(&mut *conn).await.expect("write inside");
        drop(conn);
    }
    let started = std::time::Instant::now();
    for i in 0..3 {
        let res = invite(&app, &bel, 4000 + i).await;
        assert_eq!(res.status(), 201, "{}", res.text().await.unwrap_or_default());
    }
    assert!(started.elapsed() < std::time::Duration::from_secs(5), "writes waited on a held lock: {:?}", started.elapsed());
    assert_eq!(app.get("/api/ready", None).await.status(), 200);
}

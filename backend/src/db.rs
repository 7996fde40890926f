//! Connection and migrations: one code path for SQLite and PostgreSQL.

use crate::config::Settings;
use anyhow::Context;
use std::str::FromStr;
use sea_orm::{ConnectOptions, Database, DatabaseConnection};
use va_migrations::{Migrator, MigratorTrait};

pub async fn connect(settings: &Settings) -> anyhow::Result<DatabaseConnection> {
    let url = settings.effective_database_url();
    if url.starts_with("sqlite:") {
        std::fs::create_dir_all(&settings.data_dir)
            .with_context(|| format!("creating data directory {}", settings.data_dir.display()))?;
        return connect_sqlite(&url, 4).await;
    }
    let mut opts = ConnectOptions::new(url.clone());
    opts.sqlx_logging(false).max_connections(10).min_connections(1);
    let db = Database::connect(opts).await.with_context(|| format!("connecting to {}", redact(&url)))?;
    Ok(db)
}

/// SQLite's writer: a connection of its own for `write_txn`, so that a write,
/// which holds the write gate, never waits for a reader to give a connection
/// back. `None` on PostgreSQL, where every connection writes.
pub async fn connect_writer(settings: &Settings) -> anyhow::Result<Option<DatabaseConnection>> {
    let url = settings.effective_database_url();
    if !url.starts_with("sqlite:") {
        return Ok(None);
    }
    Ok(Some(connect_sqlite(&url, 1).await?))
}

/// How the kept answers (`cache.rs`) learn that anything was committed, by this
/// instance, another or a hand on the database: SQLite's `data_version` on a
/// connection of its own (it changes when any other connection commits),
/// PostgreSQL's WAL position (it moves with every commit in the cluster).
pub async fn version_probe(settings: &Settings, db: &DatabaseConnection) -> anyhow::Result<Box<dyn crate::cache::Version>> {
    use sea_orm::sqlx::ConnectOptions as _;
    let url = settings.effective_database_url();
    if !url.starts_with("sqlite:") {
        return Ok(Box::new(WalPosition(db.clone())));
    }
    let conn = sea_orm::sqlx::sqlite::SqliteConnectOptions::from_str(&url)
        .with_context(|| format!("reading the database URL {}", redact(&url)))?
        .disable_statement_logging()
        .connect()
        .await
        .with_context(|| format!("connecting to {}", redact(&url)))?;
    Ok(Box::new(DataVersion(tokio::sync::Mutex::new(conn))))
}

struct DataVersion(tokio::sync::Mutex<sea_orm::sqlx::SqliteConnection>);

impl crate::cache::Version for DataVersion {
    fn version(&self) -> futures_util::future::BoxFuture<'_, Option<String>> {
        Box::pin(async move {
            let mut conn = self.0.lock().await;
            let v: Option<i64> = sea_orm::sqlx::query_scalar("PRAGMA data_version").fetch_one(&mut *conn).await.ok();
            v.map(|v| v.to_string())
        })
    }
}

struct WalPosition(DatabaseConnection);

impl crate::cache::Version for WalPosition {
    fn version(&self) -> futures_util::future::BoxFuture<'_, Option<String>> {
        Box::pin(async move {
            use sea_orm::ConnectionTrait;
            let row = self.0.query_one(sea_orm::Statement::from_string(sea_orm::DbBackend::Postgres, "SELECT pg_current_wal_lsn()::text AS v")).await.ok()??;
            row.try_get::<String>("", "v").ok()
        })
    }
}

/// SQLite allows one writer: a small pool with a busy timeout queues writers
/// instead of failing, and WAL lets readers proceed during a write. A
/// connection whose transaction could not end cleanly (a full disk fails the
/// COMMIT, or SQLite rolled back by itself and the ROLLBACK found nothing) is
/// closed instead of going back to the pool: still inside its transaction it
/// would hold the write lock and show its own unwritten rows to readers.
async fn connect_sqlite(url: &str, connections: u32) -> anyhow::Result<DatabaseConnection> {
    use sea_orm::sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
    use sea_orm::sqlx::{ConnectOptions as _, TransactionManager};
    let options = SqliteConnectOptions::from_str(url)
        .with_context(|| format!("reading the database URL {}", redact(url)))?
        .journal_mode(SqliteJournalMode::Wal)
        // In WAL mode NORMAL syncs at checkpoints, not at every commit: a
        // committed change survives the planner crashing; a power cut may
        // lose the last commits, never the file's integrity (SQLite's advice for WAL).
        .synchronous(SqliteSynchronous::Normal)
        .busy_timeout(std::time::Duration::from_secs(15))
        .foreign_keys(true)
        .disable_statement_logging();
    let pool = SqlitePoolOptions::new()
        .max_connections(connections)
        .min_connections(1)
        .after_release(|conn, _| {
            Box::pin(async move {
                // A transaction whose COMMIT failed, or that SQLite ended by itself
                // before a ROLLBACK that then failed, leaves sqlx's depth above zero.
                let depth = <sea_orm::sqlx::Sqlite as sea_orm::sqlx::Database>::TransactionManager::get_transaction_depth(conn);
                if depth != 0 {
                    tracing::warn!(depth, "closing a database connection left inside a transaction");
                }
                Ok(depth == 0)
            })
        })
        .connect_with(options)
        .await
        .with_context(|| format!("connecting to {}", redact(url)))?;
    Ok(sea_orm::SqlxSqliteConnector::from_sqlx_sqlite_pool(pool))
}

/// Runs `f` in one write transaction: committed when it returns `Ok`, rolled
/// back otherwise. On SQLite the process-wide write gate is held throughout, and
/// the transaction takes the database's write lock with its first statement (as
/// `BEGIN IMMEDIATE` would): a transaction that read first could otherwise not
/// write after another connection committed (SQLITE_BUSY_SNAPSHOT).
pub async fn write_txn<T, F>(state: &crate::state::AppState, f: F) -> Result<T, crate::error::AppError>
where
    T: Send,
    F: for<'c> FnOnce(
            &'c sea_orm::DatabaseTransaction,
        ) -> std::pin::Pin<Box<dyn std::future::Future<Output = Result<T, crate::error::AppError>> + Send + 'c>>
        + Send
        + 'static,
{
    use sea_orm::{ConnectionTrait, TransactionTrait};
    let _guard = match &state.write_gate {
        Some(gate) => Some(gate.lock().await),
        None => None,
    };
    let txn = state.writer.as_ref().unwrap_or(&state.db).begin().await?;
    if state.write_gate.is_some() {
        txn.execute_unprepared("UPDATE regions SET id = id WHERE id < 0").await?;
    }
    match f(&txn).await {
        Ok(value) => {
            let committed = txn.commit().await;
            // Even a failed COMMIT may have written: kept answers are stale either way.
            state.answers.changed();
            committed?;
            Ok(value)
        }
        Err(e) => {
            // The failure is what the caller must hear: SQLite may have rolled
            // back by itself already (a full disk), and then ROLLBACK fails too.
            if let Err(rollback) = txn.rollback().await {
                tracing::warn!(error = %rollback, "rollback after a failed transaction");
            }
            Err(e)
        }
    }
}

/// Proves the database takes a write: a row big enough to need fresh pages (a
/// few free ones are left over by any file), written and removed in one
/// committed transaction (`/api/ready`).
pub async fn write_probe(state: &crate::state::AppState) -> Result<(), crate::error::AppError> {
    write_txn(state, |txn| {
        Box::pin(async move {
            use sea_orm::ConnectionTrait;
            let backend = txn.get_database_backend();
            let filler = "x".repeat(64 * 1024);
            txn.execute(sea_orm::Statement::from_sql_and_values(
                backend,
                match backend {
                    sea_orm::DbBackend::Postgres => "INSERT INTO write_probes (payload) VALUES ($1)",
                    _ => "INSERT INTO write_probes (payload) VALUES (?)",
                },
                [filler.into()],
            ))
            .await?;
            txn.execute_unprepared("DELETE FROM write_probes").await?;
            Ok(())
        })
    })
    .await
}

/// Brings the schema up to date, one instance at a time (`startup_lock`).
pub async fn migrate(db: &DatabaseConnection) -> anyhow::Result<()> {
    let lock = startup_lock(db).await?;
    migrate_holding_lock(db).await?;
    if let Some(lock) = lock {
        lock.commit().await?;
    }
    Ok(())
}

/// Migrations for a caller that holds the start-up lock already (taking it
/// again from another connection would wait for ever).
pub async fn migrate_holding_lock(db: &DatabaseConnection) -> anyhow::Result<()> {
    Migrator::up(db, None).await.context("running migrations")?;
    Ok(())
}

/// Any number: the key of the advisory lock that instances take to start.
const STARTUP_LOCK: i64 = 0x5641_5354; // "VAST"

/// Instances that start together on one PostgreSQL database take turns:
/// the first migrates and seeds while the others wait on a transaction-scoped
/// advisory lock (held by this transaction's connection, released on commit
/// or when the connection goes), then find everything in place. SQLite needs
/// none: its writer lock already orders migrations on one file.
pub async fn startup_lock(db: &DatabaseConnection) -> anyhow::Result<Option<sea_orm::DatabaseTransaction>> {
    use sea_orm::{ConnectionTrait, TransactionTrait};
    if db.get_database_backend() != sea_orm::DbBackend::Postgres {
        return Ok(None);
    }
    let txn = db.begin().await?;
    txn.execute_unprepared(&format!("SELECT pg_advisory_xact_lock({STARTUP_LOCK})")).await.context("waiting for the start-up lock")?;
    Ok(Some(txn))
}

/// A consistent copy of the SQLite database while the planner runs
/// (`VACUUM INTO`: one transaction, readers and the writer go on). PostgreSQL
/// is backed up with `pg_dump` (README, "Backup and restore").
pub async fn backup(db: &DatabaseConnection, to: &std::path::Path) -> anyhow::Result<()> {
    use sea_orm::ConnectionTrait;
    anyhow::ensure!(
        db.get_database_backend() == sea_orm::DbBackend::Sqlite,
        "backup copies the SQLite file; for PostgreSQL use pg_dump (see the README)"
    );
    anyhow::ensure!(!to.exists(), "{} exists already; choose a new file", to.display());
    let path = to.to_str().context("the backup path is not UTF-8")?;
    db.execute(sea_orm::Statement::from_sql_and_values(sea_orm::DbBackend::Sqlite, "VACUUM INTO ?", [path.into()]))
        .await
        .with_context(|| format!("writing {}", to.display()))?;
    Ok(())
}

/// Hides a password in a database URL before it is logged.
pub fn redact(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(s), Some(at)) if at > s => {
            let creds = &url[s + 3..at];
            match creds.split_once(':') {
                Some((user, _)) => format!("{}://{}:***{}", &url[..s], user, &url[at..]),
                None => url.to_string(),
            }
        }
        _ => url.to_string(),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn passwords_in_urls_are_redacted() {
        assert_eq!(super::redact("postgres://u:secret@h/db"), "postgres://u:***@h/db");
        assert_eq!(super::redact("postgres://u@h/db"), "postgres://u@h/db");
        assert_eq!(super::redact("sqlite://data/x.db"), "sqlite://data/x.db");
    }
}

/// Serialises writers on one row for the rest of the transaction: an update
/// that changes nothing takes the row lock on PostgreSQL (SQLite's single
/// writer is exclusive already). Used before "check, then insert" rules.
pub async fn lock_row<E, C>(db: &C, id: E::Column, value: i64) -> Result<(), sea_orm::DbErr>
where
    E: sea_orm::EntityTrait,
    C: sea_orm::ConnectionTrait,
{
    use sea_orm::{ColumnTrait, QueryFilter};
    E::update_many().col_expr(id, sea_orm::sea_query::Expr::col(id).into()).filter(id.eq(value)).exec(db).await?;
    Ok(())
}

//! The application state every handler, service and job receives. It sits
//! below the domains: it knows the database, the settings and the keys, and
//! nothing of what the domains do with them.

use crate::auth::JwtKeys;
use crate::config::Settings;
use sea_orm::{ConnectionTrait, DatabaseConnection};
use std::sync::Arc;
use tokio::sync::Notify;

/// Shared by every handler through `web::Data`.
#[derive(Clone)]
pub struct AppState {
    pub db: DatabaseConnection,
    pub settings: Arc<Settings>,
    pub keys: Arc<JwtKeys>,
    /// Wakes the email sender right after a message is queued.
    pub mail_notify: Arc<Notify>,
    /// SQLite has one writer: write transactions queue here instead of failing
    /// with a busy snapshot. `None` on PostgreSQL, whose row locks do this.
    pub write_gate: Option<Arc<tokio::sync::Mutex<()>>>,
    /// SQLite: the connection `write_txn` writes with (`db::connect_writer`); else `db`.
    pub writer: Option<DatabaseConnection>,
    /// Token versions accounts accept (deactivation and password changes end older tokens).
    pub sessions: Arc<crate::auth::sessions::Sessions>,
    /// Serialised answers of the busiest reads, dropped on every change.
    pub answers: Arc<crate::cache::Answers>,
}

impl AppState {
    pub fn new(db: DatabaseConnection, settings: Settings, keys: Arc<JwtKeys>) -> AppState {
        let sqlite = db.get_database_backend() == sea_orm::DbBackend::Sqlite;
        AppState {
            db,
            settings: Arc::new(settings),
            keys,
            mail_notify: Arc::new(Notify::new()),
            write_gate: sqlite.then(|| Arc::new(tokio::sync::Mutex::new(()))),
            writer: None,
            sessions: Arc::default(),
            answers: Arc::default(),
        }
    }
}

impl AppState {
    /// A busy read's JSON answer, kept until a change (`cache.rs`); `view`
    /// names it with everything it depends on, the caller's scope included.
    pub async fn kept<T, F>(&self, view: impl std::fmt::Debug, make: F) -> Result<actix_web::HttpResponse, crate::error::AppError>
    where
        T: serde::Serialize,
        F: std::future::Future<Output = Result<T, crate::error::AppError>>,
    {
        crate::cache::json(&self.answers, format!("{view:?}"), self.settings.clock.today(), make).await
    }

    /// A download (an export), kept like `kept`: its bytes, content type and file name.
    pub async fn kept_file<F>(&self, view: impl std::fmt::Debug, make: F) -> Result<actix_web::HttpResponse, crate::error::AppError>
    where
        F: std::future::Future<Output = Result<(Vec<u8>, &'static str, String), crate::error::AppError>>,
    {
        crate::cache::file(&self.answers, format!("{view:?}"), self.settings.clock.today(), make).await
    }

    /// A page of a busy list, kept like `kept`; the whole list is made once per change.
    pub async fn kept_page<T, F>(&self, view: impl std::fmt::Debug, page: crate::cache::Page, make: F) -> Result<actix_web::HttpResponse, crate::error::AppError>
    where
        T: serde::Serialize,
        F: std::future::Future<Output = Result<Vec<T>, crate::error::AppError>>,
    {
        crate::cache::page(&self.answers, format!("{view:?}"), self.settings.clock.today(), page, make).await
    }
}

//! Starting the planner the way `serve` does: connect, migrate, the default
//! readiness template, the demo when asked for, then the application. Tests
//! and benchmarks start it the same way, with port 0 and their own settings.

use crate::config::Settings;
use crate::startup::Application;
use crate::{db, demo, readiness};

impl Application {
    pub async fn build(settings: Settings) -> anyhow::Result<Application> {
        let db = db::connect(&settings).await?;
        // Migrations and seeding by one instance at a time (two starting on one PostgreSQL).
        let lock = db::startup_lock(&db).await?;
        db::migrate_holding_lock(&db).await?;
        readiness::template::ensure_default_template(&db).await?;
        if settings.demo {
            let day = settings.demo_day.unwrap_or_else(|| settings.clock.today());
            let logins = demo::seed(&db, settings.demo_password.clone(), day).await?;
            demo::print_logins(&logins, settings.demo_password.is_some());
        }
        if let Some(lock) = lock {
            lock.commit().await?;
        }
        let activity = settings.demo && settings.demo_activity;
        let app = Self::build_with(settings, db).await?;
        if activity {
            demo::seed_activity(&app.state).await?;
        }
        Ok(app)
    }
}

/// What an empty installation still needs, said at start-up so that the
/// operator's first day does not end at an empty login page.
pub async fn first_run_hints(db: &sea_orm::DatabaseConnection) -> anyhow::Result<Vec<String>> {
    use crate::entities::region;
    use crate::reference::lookup::active_users;
    use sea_orm::{EntityTrait, PaginatorTrait};
    let mut hints = Vec::new();
    if region::Entity::find().count(db).await? == 0 {
        hints.push("Nog geen regio's en organisaties: laad ze met `backend seed-reference` (of --file eigen-bestand.toml).".into());
    }
    if active_users(va_openapi::auth::Role::BelCoordinator).count(db).await? == 0 {
        hints.push("Nog geen BEL-coördinator: maak de eerste met `backend create-admin --email … --name …`.".into());
    }
    Ok(hints)
}

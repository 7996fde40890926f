//! Starting the planner the way `serve` does: connect, migrate, the default
//! readiness template, the demo when asked for, then the application. Tests
//! and benchmarks start it the same way, with port 0 and their own settings.

use crate::config::Settings;
use crate::startup::Application;
use crate::{db, demo, readiness};

impl Application {
    pub async fn build(settings: Settings) -> anyhow::Result<Application> {
        let db = db::connect(&settings).await?;
        db::migrate(&db).await?;
        readiness::template::ensure_default_template(&db).await?;
        if settings.demo {
            let logins = demo::seed(&db, settings.demo_password.clone()).await?;
            demo::print_logins(&logins, settings.demo_password.is_some());
        }
        let activity = settings.demo && settings.demo_activity;
        let app = Self::build_with(settings, db).await?;
        if activity {
            demo::seed_activity(&app.state).await?;
        }
        Ok(app)
    }
}

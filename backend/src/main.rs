//! `backend`: serve the planner, run migrations, load reference or demo data, create an admin,
//! export the OpenAPI document.

use clap::{Parser, Subcommand};
use std::path::PathBuf;
use anyhow::Context;
use va_backend::{db, demo, reference, Application, Settings};

#[derive(Parser)]
#[command(name = "backend", about = "VA-trainingsplanner (BEL Limburg)")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(clap::Args, Clone)]
struct Common {
    /// Data directory: SQLite file, JWT secret, .eml files.
    #[arg(long, env = "DATA_DIR")]
    data_dir: Option<PathBuf>,
}

#[derive(Subcommand)]
enum Command {
    /// Start the server (runs migrations first).
    Serve {
        #[command(flatten)]
        common: Common,
        #[arg(long, env = "PORT")]
        port: Option<u16>,
        /// Load demo data and print the demo logins.
        #[arg(long)]
        demo: bool,
    },
    /// Run database migrations and exit.
    Migrate {
        #[command(flatten)]
        common: Common,
    },
    /// Load the reference data (regions, organisations, the programme and its groups) without any user;
    /// idempotent. Without --file: the Limburg data shipped with the planner.
    SeedReference {
        #[command(flatten)]
        common: Common,
        /// A reference file of the same shape as backend/data/reference.toml.
        #[arg(long)]
        file: Option<PathBuf>,
    },
    /// Load demo data (idempotent) and print the demo logins.
    SeedDemo {
        #[command(flatten)]
        common: Common,
    },
    /// Create a BEL coordinator account; prints a generated password unless ADMIN_PASSWORD is set.
    CreateAdmin {
        #[command(flatten)]
        common: Common,
        #[arg(long)]
        email: String,
        #[arg(long)]
        name: String,
    },
    /// Copy the SQLite database to a new file while the planner may run (PostgreSQL: pg_dump).
    Backup {
        #[command(flatten)]
        common: Common,
        /// The file to write (must not exist).
        to: PathBuf,
    },
    /// Write the OpenAPI document (default: openapi/openapi.json).
    ExportOpenapi {
        #[arg(default_value = "openapi/openapi.json")]
        path: PathBuf,
    },
}

fn settings(common: &Common) -> anyhow::Result<Settings> {
    let mut s = Settings::from_env()?;
    if let Some(d) = &common.data_dir {
        s.data_dir = d.clone();
    }
    Ok(s)
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    va_backend::telemetry::init();
    match Cli::parse().command {
        Command::Serve { common, port, demo } => {
            let mut s = settings(&common)?;
            if let Some(p) = port {
                s.port = p;
            }
            s.demo = demo;
            let app = Application::build(s.clone()).await?;
            va_backend::say!("VA-trainingsplanner draait op http://{}:{}/  (API-documentatie: /api/docs/)", s.host, app.port());
            for hint in va_backend::launch::first_run_hints(&app.state.db).await? {
                va_backend::say!("  {hint}");
            }
            app.run_until_stopped().await?;
        }
        Command::Migrate { common } => {
            let s = settings(&common)?;
            let conn = db::connect(&s).await?;
            db::migrate(&conn).await?;
            va_backend::say!("Migrations applied to {}", db::redact(&s.effective_database_url()));
        }
        Command::SeedReference { common, file } => {
            let s = settings(&common)?;
            let text = match &file {
                Some(path) => std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?,
                None => reference::seed::BUILTIN.to_string(),
            };
            let data = reference::seed::ReferenceData::parse(&text)?;
            let conn = db::connect(&s).await?;
            db::migrate(&conn).await?;
            let n = reference::seed::load(&conn, &data).await?;
            va_backend::say!(
                "Referentiegegevens geladen: {} regio's, {} organisaties, {} programma's, {} groepen nieuw",
                n.regions, n.organisations, n.programmes, n.groups
            );
        }
        Command::SeedDemo { common } => {
            let s = settings(&common)?;
            let conn = db::connect(&s).await?;
            db::migrate(&conn).await?;
            let day = s.demo_day.unwrap_or_else(|| s.clock.today());
            let logins = demo::seed(&conn, s.demo_password.clone(), day).await?;
            demo::print_logins(&logins, s.demo_password.is_some());
        }
        Command::CreateAdmin { common, email, name } => {
            let s = settings(&common)?;
            let conn = db::connect(&s).await?;
            db::migrate(&conn).await?;
            let pw = std::env::var("ADMIN_PASSWORD").ok().filter(|p| !p.is_empty());
            let generated = pw.is_none();
            let pw = pw.unwrap_or_else(va_backend::auth::password::generate);
            va_backend::auth::service::create_admin(&conn, &email, &name, &pw).await?;
            if generated {
                va_backend::say!("BEL-coördinator {email} aangemaakt; wachtwoord: {pw}");
            } else {
                va_backend::say!("BEL-coördinator {email} aangemaakt met ADMIN_PASSWORD");
            }
        }
        Command::Backup { common, to } => {
            let s = settings(&common)?;
            let conn = db::connect(&s).await?;
            db::backup(&conn, &to).await?;
            va_backend::say!("Back-up geschreven naar {}", to.display());
        }
        Command::ExportOpenapi { path } => {
            std::fs::write(&path, va_backend::openapi_json()?)?;
            va_backend::say!("wrote {}", path.display());
        }
    }
    Ok(())
}

//! Builds the application on a prepared database: state, routes, the job
//! runner and the mail sender, the HTTP server. Preparing the database
//! (migrations, reference defaults, the demo) is `launch`.

use crate::auth::JwtKeys;
use crate::config::Settings;
use crate::email::sender::Sender;
use crate::email::transport::Transport;
use crate::error::AppError;
use crate::state::AppState;
use crate::{audit, auth, budget, db, enrolment, exports, followup, groups, health, feeds, jobs, learning, meetings, monitoring, planning, privacy, readiness, reference, spa, survey, training, waitlist};
use actix_web::dev::Server;
use actix_web::{web, App, HttpServer};
use sea_orm::DatabaseConnection;
use std::net::TcpListener;
use std::sync::Arc;
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi};
use utoipa_actix_web::{scope, AppExt};
use utoipa_swagger_ui::SwaggerUi;

#[derive(OpenApi)]
#[openapi(
    info(
        title = "VA-trainingsplanner API",
        description = "Enrolment and capacity planning of the Verklarende Analyse training programme of BEL \
                       (Bovenregionaal Expertisecentrum Jeugdhulp Limburg). Errors are application/problem+json \
                       (RFC 9457) with a stable `code`.",
        version = "1.0.0"
    ),
    modifiers(&BearerAuth),
    tags(
        (name = "auth", description = "Login, the caller's identity, password links"),
        (name = "users", description = "User accounts and invitations (BEL)"),
        (name = "reference", description = "Regions, organisations, professionals, programmes, groups"),
        (name = "enrolment", description = "Enrolment requests, decisions per professional, seat allocation"),
        (name = "waitlist", description = "The waiting list: priorities, offers with signed links, substitution windows, quotas, extra-group proposals, budget"),
        (name = "groups", description = "Planning training groups: create, change, cancel; days and trainers (BEL)"),
        (name = "training", description = "Training delivery: days and their invitations, attendance, closing a group"),
        (name = "readiness", description = "Readiness-check template, interviews and follow-up activities"),
        (name = "survey", description = "The yearly survey per organisation: rounds, forms, delegation, reminders"),
        (name = "monitoring", description = "Monitoring dashboard, snapshots, import of earlier-trained professionals, exports (CSV/XLSX)"),
        (name = "meetings", description = "The monitoring meeting (overleg borging VA): three a year, the snapshot discussed, decisions and follow-up actions (BEL keeps, ambassadors read)"),
        (name = "calendar", description = "Personal calendar feeds: a secret, revocable address per user and per professional with their training days and sessions"),
        (name = "budget", description = "The whole budget: the three lines per year with spent and committed, learning questions with their own budget, bookings"),
        (name = "learning", description = "The learning network: regional and supra-regional sessions for trained professionals, registrations with a waiting list, attendance, the shared report, and the regions' learning needs"),
        (name = "planning", description = "Capacity planner: demand against supply per region, scenarios, extra-group proposals (BEL)"),
        (name = "privacy", description = "Retention periods of personal data: those in force for the privacy statement (anyone), their settings and the purges made under them (BEL)"),
        (name = "audit", description = "Audit log (BEL)"),
        (name = "mail", description = "The outbox (BEL): pending, failed and sent messages, re-sending, a test message"),
        (name = "health", description = "Liveness and readiness"),
    )
)]
struct ApiDoc;

struct BearerAuth;

impl Modify for BearerAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).bearer_format("JWT").build()),
        );
    }
}

/// Every API route, in one place for the server and for the spec.
fn api_routes(cfg: &mut utoipa_actix_web::service_config::ServiceConfig) {
    cfg.service(health::health).service(health::ready).service(
        scope::scope("/api/v1")
            .configure(auth::routes::configure)
            .configure(reference::configure)
            .configure(enrolment::configure)
            .configure(readiness::configure)
            .configure(waitlist::configure)
            .configure(groups::configure)
            .configure(training::configure)
            .configure(followup::configure)
            .configure(survey::configure)
            .configure(monitoring::configure)
            .configure(meetings::configure)
            .configure(learning::configure)
            .configure(feeds::configure)
            .configure(exports::configure)
            .configure(planning::configure)
            .configure(budget::configure)
            .configure(privacy::configure)
            .configure(audit::configure)
            .configure(crate::email::admin::configure),
    );
}

/// The OpenAPI document the server serves, built without starting it (`export-openapi`).
pub fn openapi_spec() -> utoipa::openapi::OpenApi {
    let (_, mut api) = App::new().into_utoipa_app().openapi(ApiDoc::openapi()).configure(api_routes).split_for_parts();
    crate::problems::document_edge_errors(&mut api);
    api
}

pub fn openapi_json() -> anyhow::Result<String> {
    let mut s = openapi_spec().to_pretty_json()?;
    s.push('\n');
    Ok(s)
}

fn json_config() -> web::JsonConfig {
    web::JsonConfig::default().limit(crate::edge::BODY_LIMIT).error_handler(|err, _req| crate::edge::json_error(err).into())
}

pub struct Application {
    port: u16,
    server: Server,
    pub state: AppState,
    /// Tells the mail sender to stop starting messages.
    stop: tokio::sync::watch::Sender<bool>,
    mail: Option<tokio::task::JoinHandle<()>>,
}

impl Application {
    pub async fn build_with(settings: Settings, db: DatabaseConnection) -> anyhow::Result<Application> {
        let keys = Arc::new(JwtKeys::load(&settings)?);
        let transport = Transport::from_settings(&settings)?;
        tracing::info!(mail = transport.describe(), database = %db::redact(&settings.effective_database_url()), "starting");
        let mut state = AppState::new(db, settings.clone(), keys);
        state.writer = crate::db::connect_writer(&settings).await?;
        state.answers.set_probe(crate::db::version_probe(&settings, &state.db).await?);
        let (stop, stopped) = tokio::sync::watch::channel(false);
        let sender = Arc::new(Sender::new(&state, transport, stopped));
        let mut mail = None;
        if settings.run_email_sender {
            mail = Some(tokio::spawn(sender.run(settings.email_poll_interval, state.mail_notify.clone())));
            tokio::spawn(jobs::run(state.clone()));
        }

        let listener = TcpListener::bind((settings.host.as_str(), settings.port))?;
        let port = listener.local_addr()?.port();
        let data = web::Data::new(state.clone());
        let static_dir = settings.static_dir.clone();
        let links = web::Data::new(crate::client::LinkGuard::new(settings.link_calls_per_minute, settings.trusted_proxies.clone()));
        let server = HttpServer::new(move || {
            let (app, mut api) = App::new()
                .wrap(tracing_actix_web::TracingLogger::default())
                .wrap(actix_web::middleware::Compress::default())
                .wrap(actix_web::middleware::from_fn(crate::edge::check_body))
                .wrap(actix_web::middleware::from_fn(crate::edge::invalidate_on_change))
                .wrap(actix_web::middleware::from_fn(crate::client::throttle_links))
                .wrap(actix_web::middleware::from_fn(crate::headers::add))
                .app_data(data.clone())
                .app_data(links.clone())
                .app_data(json_config())
                .app_data(web::PathConfig::default().error_handler(|err, _| AppError::Malformed(err.to_string()).into()))
                .app_data(web::QueryConfig::default().error_handler(|err, _| AppError::Malformed(err.to_string()).into()))
                .into_utoipa_app()
                .openapi(ApiDoc::openapi())
                .configure(api_routes)
                .split_for_parts();
            crate::problems::document_edge_errors(&mut api);
            app.service(SwaggerUi::new("/api/docs/{_:.*}").url("/api/openapi.json", api))
                .route(
                    "/api/docs",
                    web::get().to(|| async {
                        actix_web::HttpResponse::PermanentRedirect()
                            .insert_header((actix_web::http::header::LOCATION, "/api/docs/"))
                            .finish()
                    }),
                )
                .configure(|cfg| spa::configure(cfg, &static_dir))
        })
        .workers(settings.workers.max(1))
        .listen(listener)?
        .run();
        Ok(Application { port, server, state, stop, mail })
    }

    pub fn port(&self) -> u16 {
        self.port
    }

    /// Stops the server the way SIGTERM does (graceful), for whoever embeds it.
    pub fn handle(&self) -> actix_web::dev::ServerHandle {
        self.server.handle()
    }

    /// Serves until SIGTERM or SIGINT: the server answers the requests in
    /// flight, then the mail sender finishes the messages it is sending and
    /// releases the rest of its batch, so nothing is sent twice after a restart.
    pub async fn run_until_stopped(self) -> std::io::Result<()> {
        let served = self.server.await;
        let _ = self.stop.send(true);
        if let Some(mail) = self.mail {
            let limit = self.state.settings.smtp_timeout + std::time::Duration::from_secs(5);
            if tokio::time::timeout(limit, mail).await.is_err() {
                tracing::warn!("the mail sender did not stop in time; its claims expire by themselves");
            }
        }
        served
    }
}

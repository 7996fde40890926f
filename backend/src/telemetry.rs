//! tracing setup: `RUST_LOG` filter, compact lines with the request id span.

pub fn init() {
    init_with_default("info,sqlx=warn,sea_orm=warn,actix_server=warn");
}

/// `RUST_LOG` if set, else `default` (tests use `error` so that only failures speak).
pub fn init_with_default(default: &str) {
    use tracing_subscriber::EnvFilter;
    let filter = EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new(default));
    // A line when each request span closes: method, route, status, request id and duration.
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_target(false)
        .with_span_events(tracing_subscriber::fmt::format::FmtSpan::CLOSE)
        .try_init();
}

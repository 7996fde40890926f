//! tracing setup: `RUST_LOG` filter, compact lines with the request id span.

pub fn init() {
    init_with_default("info,sqlx=warn,sea_orm=warn,actix_server=warn");
}

/// `RUST_LOG` if set, else `default` (tests use `error` so that only failures speak).
pub fn init_with_default(default: &str) {
    use tracing_subscriber::EnvFilter;
    let filter = EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new(default));
    // A line when each request span closes: method, route, status, request id and duration.
    // A log line that cannot be written (a full disk under stdout) is dropped:
    // with internal-error reporting on, the subscriber would report it on
    // stderr, and a failing report inside a span's drop aborted the process.
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .log_internal_errors(false)
        .with_target(false)
        .with_span_events(tracing_subscriber::fmt::format::FmtSpan::CLOSE)
        .try_init();
}

/// `println!` that never panics: start-up lines on a stdout that cannot be
/// written (full disk, closed pipe) are lost, not the process.
#[macro_export]
macro_rules! say {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stdout().lock(), $($arg)*);
    }};
}

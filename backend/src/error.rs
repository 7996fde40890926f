//! The one error type. Every failure leaves as `application/problem+json`
//! (RFC 9457) with a stable `code`; internals are logged, never returned.

use actix_web::http::{header, StatusCode};
use actix_web::{HttpResponse, ResponseError};
use va_openapi::{ErrorCode, FieldError, Problem};

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error("malformed request: {0}")]
    Malformed(String),
    #[error("request body over {limit} bytes")]
    TooLarge { limit: usize },
    #[error("validation failed")]
    Validation(Vec<FieldError>),
    #[error("unauthenticated")]
    Unauthenticated,
    #[error("invalid credentials")]
    InvalidCredentials,
    #[error("rate limited")]
    RateLimited { retry_after_secs: u64 },
    #[error("forbidden")]
    Forbidden,
    #[error("not found")]
    NotFound,
    #[error("already exists: {field}")]
    AlreadyExists { field: &'static str },
    #[error("token invalid")]
    TokenInvalid,
    /// A state conflict with its own stable code (`invalid_transition`, `group_full` ...).
    #[error("conflict {code:?}: {detail}")]
    Conflict { code: ErrorCode, detail: String },
    #[error("database unavailable")]
    Unavailable,
    #[error(transparent)]
    Internal(#[from] anyhow::Error),
}

pub type AppResult<T> = Result<T, AppError>;

impl From<sea_orm::DbErr> for AppError {
    fn from(e: sea_orm::DbErr) -> Self {
        if is_storage_failure(&e) {
            tracing::error!(error = %e, "the database cannot write");
            return AppError::Unavailable;
        }
        AppError::Internal(anyhow::Error::new(e))
    }
}

/// A database that refuses writes for lack of room or permission (disk full,
/// read-only file or file system, I/O error): the request is refused with 503
/// and readiness fails until a write succeeds again.
pub fn is_storage_failure(e: &sea_orm::DbErr) -> bool {
    use sea_orm::{sqlx, DbErr, RuntimeErr};
    let db_error = match e {
        DbErr::Exec(RuntimeErr::SqlxError(sqlx::Error::Database(d)))
        | DbErr::Query(RuntimeErr::SqlxError(sqlx::Error::Database(d)))
        | DbErr::Conn(RuntimeErr::SqlxError(sqlx::Error::Database(d))) => d,
        DbErr::Exec(RuntimeErr::SqlxError(sqlx::Error::Io(_)))
        | DbErr::Query(RuntimeErr::SqlxError(sqlx::Error::Io(_)))
        | DbErr::Conn(RuntimeErr::SqlxError(sqlx::Error::Io(_))) => return true,
        _ => return false,
    };
    let Some(code) = db_error.code() else { return false };
    match code.parse::<i32>() {
        // SQLite's primary result code is the low byte: IOERR 10, FULL 13, READONLY 8, CANTOPEN 14.
        Ok(n) => matches!(n & 0xff, 8 | 10 | 13 | 14),
        // PostgreSQL: disk_full, insufficient_resources (53xxx), read_only_sql_transaction.
        Err(_) => code.starts_with("53") || code == "25006" || code.starts_with("58"),
    }
}

impl From<sea_orm::TransactionError<AppError>> for AppError {
    fn from(e: sea_orm::TransactionError<AppError>) -> Self {
        match e {
            sea_orm::TransactionError::Connection(db) => db.into(),
            sea_orm::TransactionError::Transaction(app) => app,
        }
    }
}

impl AppError {
    pub fn code(&self) -> ErrorCode {
        match self {
            AppError::Malformed(_) => ErrorCode::MalformedRequest,
            AppError::TooLarge { .. } => ErrorCode::PayloadTooLarge,
            AppError::Validation(_) => ErrorCode::ValidationFailed,
            AppError::Unauthenticated => ErrorCode::Unauthenticated,
            AppError::InvalidCredentials => ErrorCode::InvalidCredentials,
            AppError::RateLimited { .. } => ErrorCode::RateLimited,
            AppError::Forbidden => ErrorCode::Forbidden,
            AppError::NotFound => ErrorCode::NotFound,
            AppError::AlreadyExists { .. } => ErrorCode::AlreadyExists,
            AppError::TokenInvalid => ErrorCode::TokenInvalid,
            AppError::Conflict { code, .. } => *code,
            AppError::Unavailable => ErrorCode::Unavailable,
            AppError::Internal(_) => ErrorCode::Internal,
        }
    }

    fn title(&self) -> &'static str {
        match self {
            AppError::Malformed(_) => "The request body could not be read",
            AppError::TooLarge { .. } => "The request body is too large",
            AppError::Validation(_) => "One or more fields are invalid",
            AppError::Unauthenticated => "Authentication required",
            AppError::InvalidCredentials => "Email or password is incorrect",
            AppError::RateLimited { .. } => "Too many attempts",
            AppError::Forbidden => "Not allowed for your role or scope",
            AppError::NotFound => "Not found",
            AppError::AlreadyExists { .. } => "Already exists",
            AppError::TokenInvalid => "The link is invalid, used or expired",
            AppError::Conflict { .. } => "Conflict with the current state",
            AppError::Unavailable => "Service unavailable",
            AppError::Internal(_) => "Internal error",
        }
    }

    fn detail(&self) -> Option<String> {
        match self {
            AppError::Malformed(d) | AppError::Conflict { detail: d, .. } => Some(d.clone()),
            AppError::RateLimited { retry_after_secs } => Some(format!("Try again in {retry_after_secs} seconds")),
            AppError::TooLarge { limit } => Some(format!("At most {limit} bytes")),
            _ => None,
        }
    }

    pub fn problem(&self) -> Problem {
        let errors = match self {
            AppError::Validation(errs) => errs.clone(),
            AppError::AlreadyExists { field } => vec![FieldError {
                field: (*field).to_string(),
                code: "already_exists".into(),
                message: format!("this {field} is already in use"),
            }],
            _ => Vec::new(),
        };
        Problem {
            type_: format!("urn:va-planner:problem:{}", self.code().as_str()),
            title: self.title().into(),
            status: self.status_code().as_u16(),
            detail: self.detail(),
            code: self.code(),
            errors,
        }
    }

    pub fn conflict(code: ErrorCode, detail: impl Into<String>) -> AppError {
        AppError::Conflict { code, detail: detail.into() }
    }

    /// Shorthand for a single invalid field.
    pub fn field(field: &str, code: &str, message: impl Into<String>) -> AppError {
        AppError::Validation(vec![FieldError { field: field.into(), code: code.into(), message: message.into() }])
    }
}

impl ResponseError for AppError {
    fn status_code(&self) -> StatusCode {
        match self {
            AppError::Malformed(_) => StatusCode::BAD_REQUEST,
            AppError::TooLarge { .. } => StatusCode::PAYLOAD_TOO_LARGE,
            AppError::Validation(_) => StatusCode::UNPROCESSABLE_ENTITY,
            AppError::Unauthenticated | AppError::InvalidCredentials => StatusCode::UNAUTHORIZED,
            AppError::RateLimited { .. } => StatusCode::TOO_MANY_REQUESTS,
            AppError::Forbidden => StatusCode::FORBIDDEN,
            AppError::NotFound => StatusCode::NOT_FOUND,
            AppError::AlreadyExists { .. } | AppError::Conflict { .. } => StatusCode::CONFLICT,
            AppError::TokenInvalid => StatusCode::BAD_REQUEST,
            AppError::Unavailable => StatusCode::SERVICE_UNAVAILABLE,
            AppError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    fn error_response(&self) -> HttpResponse {
        if let AppError::Internal(e) = self {
            tracing::error!(error = ?e, "internal error");
        }
        let mut res = HttpResponse::build(self.status_code());
        res.insert_header((header::CONTENT_TYPE, "application/problem+json"));
        match self {
            AppError::Unauthenticated | AppError::InvalidCredentials => {
                res.insert_header((header::WWW_AUTHENTICATE, "Bearer"));
            }
            AppError::RateLimited { retry_after_secs } => {
                res.insert_header((header::RETRY_AFTER, retry_after_secs.to_string()));
            }
            _ => {}
        }
        let body = serde_json::to_string(&self.problem())
            .unwrap_or_else(|_| r#"{"type":"about:blank","title":"Internal error","status":500,"code":"internal"}"#.into());
        res.body(body)
    }
}

/// Field validation helpers used at the edge, before any write.
pub mod validate {
    use va_openapi::FieldError;

    #[derive(Default)]
    pub struct Errors(pub Vec<FieldError>);

    impl Errors {
        pub fn add(&mut self, field: &str, code: &str, message: impl Into<String>) {
            self.0.push(FieldError { field: field.into(), code: code.into(), message: message.into() });
        }

        /// Trimmed, non-empty, at most `max` characters.
        pub fn text(&mut self, field: &str, value: &str, max: usize) -> String {
            let v = value.trim();
            if v.is_empty() {
                self.add(field, "required", format!("{field} is required"));
            } else if v.chars().count() > max {
                self.add(field, "too_long", format!("{field} must be at most {max} characters"));
            }
            v.to_string()
        }

        /// A number within `lo..=hi` (settings).
        pub fn range(&mut self, field: &str, value: i64, lo: i64, hi: i64) {
            if !(lo..=hi).contains(&value) {
                self.add(field, "out_of_range", format!("between {lo} and {hi}"));
            }
        }

        /// Optional text: empty becomes `None`.
        pub fn opt_text(&mut self, field: &str, value: Option<&str>, max: usize) -> Option<String> {
            let v = value.map(str::trim).filter(|v| !v.is_empty())?;
            if v.chars().count() > max {
                self.add(field, "too_long", format!("{field} must be at most {max} characters"));
            }
            Some(v.to_string())
        }

        /// An optional search or filter text of a query string: trimmed, at
        /// most `max` characters, no NUL (PostgreSQL cannot compare it).
        pub fn search(&mut self, field: &str, value: Option<&str>, max: usize) -> Option<String> {
            let v = value.map(str::trim).filter(|v| !v.is_empty())?;
            if v.contains('\0') {
                self.add(field, "invalid", format!("{field} must not contain a NUL character"));
            } else if v.chars().count() > max {
                self.add(field, "too_long", format!("{field} must be at most {max} characters"));
            }
            Some(v.to_string())
        }

        /// A start and end time, each HH:MM on a 24-hour clock, the end after
        /// the start (`prefix` names the fields' parent, e.g. `days[0].`).
        pub fn times(&mut self, prefix: &str, starts_at: &str, ends_at: &str) {
            if !hhmm(starts_at) {
                self.add(&format!("{prefix}starts_at"), "invalid_time", "HH:MM");
            }
            if !hhmm(ends_at) || ends_at <= starts_at {
                self.add(&format!("{prefix}ends_at"), "invalid_time", "HH:MM after the start");
            }
        }

        /// Lower-cased email address with a plausible shape.
        pub fn email(&mut self, field: &str, value: &str) -> String {
            let v = value.trim().to_lowercase();
            if v.is_empty() {
                self.add(field, "required", format!("{field} is required"));
            } else if v.len() > va_openapi::MAX_EMAIL_LEN {
                self.add(field, "too_long", format!("{field} must be at most {} characters", va_openapi::MAX_EMAIL_LEN));
            } else if !is_plausible_email(&v) {
                self.add(field, "invalid_email", format!("{field} is not a valid email address"));
            }
            v
        }

        pub fn finish(self) -> Result<(), super::AppError> {
            if self.0.is_empty() {
                Ok(())
            } else {
                Err(super::AppError::Validation(self.0))
            }
        }
    }

    /// HH:MM on a 24-hour clock.
    pub fn hhmm(s: &str) -> bool {
        s.len() == 5 && chrono::NaiveTime::parse_from_str(s, "%H:%M").is_ok()
    }

    /// One `@`, a non-empty local part, a dotted domain, no spaces or control characters.
    pub fn is_plausible_email(v: &str) -> bool {
        if v.chars().any(|c| c.is_whitespace() || c.is_control() || c == '<' || c == '>' || c == ',') {
            return false;
        }
        let Some((local, domain)) = v.split_once('@') else { return false };
        !local.is_empty()
            && local.len() <= 64
            && !domain.contains('@')
            && domain.contains('.')
            && !domain.starts_with('.')
            && !domain.ends_with('.')
            && !domain.contains("..")
            && v.parse::<lettre::Address>().is_ok()
    }

    #[cfg(test)]
    mod tests {
        use super::*;

        #[test]
        fn plausible_emails_are_accepted_and_others_refused() {
            assert!(is_plausible_email("a.b@venlo.nl"));
            assert!(is_plausible_email("bel@demo.local"));
            for bad in ["", "a", "a@b", "@venlo.nl", "a@@venlo.nl", "a b@venlo.nl", "a@venlo..nl", "a@.nl", "<a@b.nl>"] {
                assert!(!is_plausible_email(bad), "{bad} accepted");
            }
        }

        #[test]
        fn times_are_hh_mm_and_end_after_the_start() {
            assert!(hhmm("09:30") && hhmm("23:59") && !hhmm("9:30") && !hhmm("24:00") && !hhmm("09:30:00"));
            let mut e = Errors::default();
            e.times("", "09:00", "12:00");
            assert!(e.0.is_empty());
            e.times("days[1].", "9u", "08:00");
            let got: Vec<(&str, &str)> = e.0.iter().map(|f| (f.field.as_str(), f.code.as_str())).collect();
            assert_eq!(got, [("days[1].starts_at", "invalid_time"), ("days[1].ends_at", "invalid_time")]);
            let mut e = Errors::default();
            e.times("", "12:00", "12:00");
            assert_eq!(e.0.len(), 1, "the end is not after the start");
        }

        #[test]
        fn text_is_trimmed_and_bounded() {
            let mut e = Errors::default();
            assert_eq!(e.text("name", "  Anna  ", 10), "Anna");
            assert!(e.0.is_empty());
            e.text("name", "   ", 10);
            e.text("title", &"x".repeat(11), 10);
            let codes: Vec<_> = e.0.iter().map(|f| (f.field.as_str(), f.code.as_str())).collect();
            assert_eq!(codes, vec![("name", "required"), ("title", "too_long")]);
        }
    }
}

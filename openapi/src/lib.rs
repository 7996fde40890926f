//! The API contract shared by the server and the SPA.
//!
//! Every request and response body of `/api/v1` is declared here once, so the
//! generated spec (`openapi.json` beside this crate), the server and the SPA
//! cannot drift apart. Schema derives sit behind the `server` feature because
//! the SPA is compiled to wasm without them.

pub mod auth;
pub mod enrolment;
pub mod error;
pub mod followup;
pub mod ids;
pub mod monitoring;
pub mod planning;
pub mod readiness;
pub mod survey;
pub mod reference;
pub mod training;
pub mod waitlist;

pub use error::{ErrorCode, FieldError, Problem};
pub use ids::*;

/// Maximum length of short text fields (names, titles).
pub const MAX_NAME_LEN: usize = 200;
/// Maximum length of an email address (RFC 5321 path limit).
pub const MAX_EMAIL_LEN: usize = 254;
/// Password length bounds.
pub const MIN_PASSWORD_LEN: usize = 10;
pub const MAX_PASSWORD_LEN: usize = 128;

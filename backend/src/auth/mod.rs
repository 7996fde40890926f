//! Authentication and authorisation: JWT issue/verify, the `Caller` extractor,
//! password hashing, login rate limiting, invitations and password resets.

pub mod caller;
pub mod jwt;
pub mod links;
pub mod password;
pub mod routes;
pub mod rules;
pub mod service;
pub mod sessions;
pub mod accounts;

pub use caller::Caller;
pub use jwt::JwtKeys;

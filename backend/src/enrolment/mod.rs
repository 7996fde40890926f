//! Enrolment requests, routing through ambassadors, decisions per professional,
//! and seat allocation that never oversells.

pub mod notify;
pub mod routes;
pub mod rules;
pub mod board;
pub mod placement;
pub mod service;

pub use routes::configure;

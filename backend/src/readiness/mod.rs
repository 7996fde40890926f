//! Readiness checks (plan actions 10 and 11): BEL's versioned template, the
//! interview attached to an enrolment request, and its follow-up activities.

pub mod overview;
pub mod routes;
pub mod rules;
pub mod service;

pub use routes::configure;

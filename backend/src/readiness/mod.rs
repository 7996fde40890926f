//! Readiness checks (plan actions 10 and 11): BEL's versioned template, the
//! interview attached to an enrolment request, and its follow-up activities.

pub mod invitations;
pub mod overview;
pub mod routes;
pub mod rules;
pub mod service;
pub mod template;

pub use routes::configure;

//! Training delivery: training days and their invitations, attendance within
//! its window, and closing a group by the completion rule.

pub mod notify;
pub mod reminders;
pub mod routes;
pub mod rules;
pub mod service;

pub use routes::configure;

//! The waiting list: approved professionals without a seat, in priority order;
//! offers of freed seats with signed single-use links, substitution windows,
//! regional quotas and extra-group proposals within the budget. Their deadlines
//! are handled by the job runner (`crate::jobs`).

pub mod notify;
pub mod offers;
pub mod proposals;
pub mod routes;
pub mod quotas;
pub mod rules;
pub mod seats;
pub mod service;
pub mod substitutions;
pub mod views;

pub use routes::configure;

//! The waiting list: approved professionals without a seat, in priority order;
//! offers of freed seats with signed single-use links, substitution windows,
//! regional quotas, extra-group proposals within the budget, and the scheduler
//! that handles their deadlines.

pub mod notify;
pub mod offers;
pub mod proposals;
pub mod routes;
pub mod rules;
pub mod scheduler;
pub mod seats;
pub mod service;
pub mod views;

pub use routes::configure;

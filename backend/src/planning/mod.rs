//! The capacity planner: demand for training against the seats planned, per
//! region, up to the end of the programme, and what the groups still needed
//! cost against the budget left. `rules.rs` holds the computation (pure).

pub mod routes;
pub mod rules;
pub mod service;

pub use routes::configure;

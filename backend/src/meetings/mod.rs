//! The monitoring meeting ("overleg borging VA", plan action 20): BEL schedules
//! the three meetings of a year, attaches the snapshot discussed and records
//! decisions and follow-up actions; ambassadors read all of it. `rules.rs`
//! holds the checks and the derived facts (pure).

pub mod routes;
pub mod rules;
pub mod service;

pub use routes::configure;

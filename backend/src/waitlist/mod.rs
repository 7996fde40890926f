//! The waiting list: approved professionals without a seat, in priority order.

pub mod routes;
pub mod rules;
pub mod service;

pub use routes::configure;

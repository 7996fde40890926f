//! Reference data: regions, organisations and their professionals, programmes
//! and training groups. Reads are scoped by the caller's role.

pub mod routes;
pub mod service;

pub use routes::configure;

//! Reference data: regions, organisations and their professionals, programmes
//! and training groups. Reads are scoped by the caller's role.

pub mod lookup;
pub mod organisations;
pub mod programmes;
pub mod rules;
pub mod routes;
pub mod seed;
pub mod service;

pub use routes::configure;

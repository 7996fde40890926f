//! The yearly survey (plan action 9): BEL opens a round for a year with a
//! deadline; ambassadors answer for the municipalities and CJG of their region,
//! BEL for GIs and care providers, and either may hand a form to the
//! organisation's contact. Reminders before and after the deadline go out once.

pub mod routes;
pub mod rules;
pub mod service;

pub use routes::configure;

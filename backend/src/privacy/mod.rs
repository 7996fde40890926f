//! Privacy (AVG/GDPR): how long each kind of personal data is kept (BEL sets
//! it within floors the process needs) and the job that purges what is due,
//! recording each purge without the data. `rules.rs` holds the periods'
//! floors and the cut-offs (pure).

pub mod account;
pub mod erasure;
pub mod page;
pub mod person;
pub mod register;
pub mod routes;
pub mod rules;
pub mod service;

pub use routes::configure;

//! The whole budget (plan sections 6 and 8): a year's three lines (training,
//! coaching and supervision; learning questions; other activities), learning
//! questions with their own budget (`questions`), money booked on the two new
//! lines (`expenses`), and each line's spent and committed figures (`lines`).
//! The training line's costs come from the groups and follow-up sessions
//! (`costs`). `rules.rs` holds the computation (pure).

pub mod costs;
pub mod expenses;
pub mod lines;
mod notify;
pub mod questions;
pub mod routes;
pub mod rules;

pub use routes::configure;

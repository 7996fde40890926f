//! Personal calendar feeds: a secret address per user (`/me/calendar-feed`)
//! and per professional (made by whoever may see them, mailed to the
//! professional), revocable; the feed itself (`/calendar/{token}.ics`) holds
//! their training days, follow-up and learning-network sessions
//! (`events.rs`). Only the token's hash is kept.

pub mod events;
pub mod routes;
pub mod rules;
pub mod service;

pub use routes::configure;

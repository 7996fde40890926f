//! Email through a transactional outbox: `outbox::enqueue` writes the message in
//! the caller's transaction; `sender` delivers it with retries and backoff.

pub mod admin;
pub mod calendar;
pub mod outbox;
pub mod sender;
pub mod templates;
pub mod transport;

pub use outbox::{enqueue, OutgoingEmail};

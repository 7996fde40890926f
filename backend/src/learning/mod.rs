//! The learning network (plan actions 15-16): sessions of case-based learning
//! for trained professionals, announced by BEL or a region's ambassador
//! (`sessions`), registrations with a waiting list by the organiser
//! (`registrations`) or by the professional's own link (`links`), and the
//! regions' learning needs (`needs`). `rules.rs` holds the checks (pure).

pub mod links;
pub mod needs;
mod notify;
pub mod registrations;
pub mod routes;
pub mod rules;
pub mod sessions;
pub mod store;

pub use routes::configure;

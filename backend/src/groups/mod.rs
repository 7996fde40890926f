//! Planning training groups: BEL creates a group with its days and trainer,
//! changes or cancels it, adds and removes days. The group's status follows
//! its days (`reference::rules::group_status`).

pub mod days;
pub mod notify;
pub mod routes;
pub mod rules;
pub mod service;

pub use routes::configure;

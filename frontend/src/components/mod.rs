//! Small shared components.

pub mod layout;
pub mod common;
pub mod guard;

//! Small shared components.

pub mod layout;
pub mod guard;

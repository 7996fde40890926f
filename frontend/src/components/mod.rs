//! Shared components: layout, guards, fields and tables, the load-show-reload
//! block, badges and labels, formatting, exports. Pages use these; they never
//! import each other's helpers.

pub mod budget;
pub mod common;
pub mod exports;
pub mod form;
pub mod format;
pub mod guard;
pub mod labels;
pub mod layout;
pub mod loaded;
pub mod notice;
pub mod programme;
pub mod title;

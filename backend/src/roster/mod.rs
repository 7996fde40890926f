//! The enrolment store, below the domains that change enrolments (requests,
//! the waiting list, training): the state machine (`rules`), loading and the
//! guarded status change with its timeline event (`store`), and the placement
//! mails and calendars (`notify`).

pub mod notify;
pub mod rules;
pub mod store;

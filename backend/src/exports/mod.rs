//! Exports of every list (monitoring report, trained, survey, waiting list,
//! enrolments, groups, follow-up, planner scenarios) as XLSX or CSV, in the
//! caller's scope. Above the domains whose lists it reads.

pub mod reports;
pub mod routes;
pub mod sheet;

pub use routes::configure;

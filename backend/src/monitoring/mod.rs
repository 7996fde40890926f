//! Monitoring (plan actions 17-20 and 19): the dashboard of trained against
//! needed per region and organisation, frozen snapshots, the import of
//! professionals trained before the programme. The exports are `crate::exports`.

pub mod dashboard;
pub mod import;
pub mod routes;
pub mod rules;
pub mod snapshots;

pub use routes::configure;

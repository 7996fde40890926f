//! The VA training enrolment and capacity planner: API server library.

pub mod audit;
pub mod cache;
pub mod auth;
pub mod client;
pub mod clock;
pub mod config;
pub mod csv_in;
pub mod db;
pub mod edge;
pub mod demo;
pub mod email;
pub mod enrolment;
pub mod entities;
pub mod error;
pub mod exports;
pub mod followup;
pub mod groups;
pub mod headers;
pub mod health;
pub mod jobs;
pub mod launch;
pub mod monitoring;
pub mod planning;
pub mod problems;
pub mod readiness;
pub mod reference;
pub mod roster;
pub mod spa;
pub mod startup;
pub mod state;
pub mod survey;
pub mod telemetry;
pub mod training;
pub mod waitlist;

pub use config::Settings;
pub use startup::{openapi_json, Application};

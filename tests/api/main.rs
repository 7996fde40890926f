//! API tests against the real server, each on SQLite and (when configured) PostgreSQL.

mod administration;
mod auth;
mod bundle;
mod calendar;
mod demo;
mod email;
mod enrolment;
mod followup;
mod health;
mod input;
mod learning;
mod mail_admin;
mod mail_faults;
mod matrix;
mod meetings;
mod monitoring;
mod openapi;
mod person;
mod privacy;
mod readiness;
mod scope;
mod security;
mod storage;
mod training;
mod offers;
mod waitlist;

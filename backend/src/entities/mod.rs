//! sea-orm entities, hand-kept in one place to match `migrations/`.

pub mod audit_log;
pub mod email_outbox;
pub mod enrolment;
pub mod enrolment_event;
pub mod enrolment_request;
pub mod login_attempt;
pub mod one_time_token;
pub mod organisation;
pub mod professional;
pub mod programme;
pub mod region;
pub mod training_day;
pub mod training_group;
pub mod user;

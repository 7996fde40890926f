//! sea-orm entities, hand-kept in one place to match `migrations/`.

pub mod attendance;
pub mod audit_log;
pub mod budget;
pub mod email_outbox;
pub mod enrolment;
pub mod enrolment_event;
pub mod enrolment_request;
pub mod extra_group_proposal;
pub mod followup_activity;
pub mod group_quota;
pub mod login_attempt;
pub mod one_time_token;
pub mod organisation;
pub mod professional;
pub mod programme;
pub mod readiness_answer;
pub mod readiness_check;
pub mod readiness_item;
pub mod readiness_template;
pub mod region;
pub mod seat_hold;
pub mod training_day;
pub mod training_group;
pub mod user;

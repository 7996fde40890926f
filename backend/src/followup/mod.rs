//! After the training: the trainer's feedback for the ambassadors, the
//! anonymous participant evaluation, follow-up sessions with quality
//! reflections (`sessions`), organisations' requests for follow-up
//! (`requests`), the overview, certificate and delivery settings
//! (`delivery`). What delivery costs is the budget's (`budget::costs`).

pub mod delivery;
pub mod evaluation;
pub mod feedback;
pub mod reminders;
mod notify;
pub mod requests;
pub mod routes;
pub mod rules;
pub mod sessions;

pub use routes::configure;

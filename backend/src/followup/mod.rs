//! After the training: the trainer's feedback for the ambassadors, the
//! anonymous participant evaluation, follow-up sessions with quality
//! reflections, the certificate, and what delivery costs.

pub mod costs;
pub mod evaluation;
pub mod feedback;
mod notify;
pub mod routes;
pub mod rules;
pub mod sessions;

pub use routes::configure;

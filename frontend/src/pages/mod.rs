//! Pages, one module per domain.

pub mod auth;
pub mod enrolment;
pub mod followup;
pub mod monitoring;
pub mod planner;
pub mod readiness;
pub mod start;
pub mod survey;
pub mod training;
pub mod users;
pub mod waitlist;

use leptos::prelude::*;

#[component]
pub fn NotFound() -> impl IntoView {
    view! {
        <h1 class="utrecht-heading-1">{t!("notfound.title")}</h1>
        <p class="utrecht-paragraph">{t!("notfound.text")}</p>
    }
}

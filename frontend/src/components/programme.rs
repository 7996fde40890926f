//! Which programme the screens show: the one the user chose last (kept in this
//! browser), else the first. The choice sits under the menu once there is more
//! than one programme; changing it reloads the page's figures.

use crate::api::{self, ApiError};
use crate::i18n::{lookup, use_lang};
use leptos::prelude::*;
use leptos::task::spawn_local;
use va_openapi::reference::Programme;
use va_openapi::ProgrammeId;

/// The programme in view among `list`.
pub fn pick(list: &[Programme]) -> Option<&Programme> {
    let chosen = crate::session::chosen_programme();
    list.iter().find(|p| Some(p.id) == chosen).or_else(|| list.first())
}

/// The programme the screens show.
pub async fn current() -> Result<ProgrammeId, ApiError> {
    let list = api::programmes().await?;
    pick(&list).map(|p| p.id).ok_or(ApiError::Network)
}

#[component]
pub fn ProgrammeChoice() -> impl IntoView {
    let lang = use_lang();
    let list: RwSignal<Vec<Programme>> = RwSignal::new(Vec::new());
    // Read again on every move to another screen, so a programme just created shows up.
    let path = leptos_router::hooks::use_location().pathname;
    Effect::new(move || {
        path.track();
        spawn_local(async move {
            if let Ok(l) = api::programmes().await {
                // A choice that no longer exists here is forgotten.
                if crate::session::chosen_programme().is_some_and(|c| !l.iter().any(|p| p.id == c)) {
                    crate::session::choose_programme(None);
                }
                list.set(l);
            }
        });
    });
    let change = move |ev: leptos::ev::Event| {
        crate::session::choose_programme(event_target_value(&ev).parse().ok().map(ProgrammeId));
        if let Some(w) = web_sys::window() {
            let _ = w.location().reload();
        }
    };
    move || {
        let l = list.get();
        (l.len() > 1).then(|| {
            let current = pick(&l).map(|p| p.id);
            view! {
                <div class="va-programme">
                    <label class="utrecht-form-label" for="va-programme">{move || lookup(lang.get(), k!("adm.programme"))}</label>
                    " "
                    <select id="va-programme" class="utrecht-select utrecht-select--html-select" data-testid="programme-choice" on:change=change>
                        {l.iter().map(|p| view! { <option value=p.id.0.to_string() selected=Some(p.id) == current>{p.name.clone()}</option> }).collect_view()}
                    </select>
                </div>
            }
        })
    }
}

//! Download buttons of an export (Excel and CSV), with what was downloaded.

use crate::api::{self, ApiError};
use crate::components::common::error_alert;
use leptos::prelude::*;
use leptos::task::spawn_local;

/// Download buttons for one list: Excel and CSV.
#[component]
pub fn Exports(list: &'static str) -> impl IntoView {
    let status: RwSignal<Option<String>> = RwSignal::new(None);
    let error: RwSignal<Option<ApiError>> = RwSignal::new(None);
    let get = move |format: &'static str| {
        spawn_local(async move {
            match api::download(&format!("/api/v1/exports/{list}?format={format}{}", api::programme_query('&'))).await {
                Ok(name) => {
                    error.set(None);
                    status.set(Some(name));
                }
                Err(e) => error.set(Some(e)),
            }
        });
    };
    view! {
        <div class="va-actions va-noprint">
            <button type="button" class="utrecht-button utrecht-button--secondary-action" data-testid=format!("export-{list}-xlsx") on:click=move |_| get("xlsx")>{t!("mon.download_xlsx")}</button>
            <button type="button" class="utrecht-button utrecht-button--subtle" data-testid=format!("export-{list}-csv") on:click=move |_| get("csv")>{t!("mon.download_csv")}</button>
            <span role="status" data-testid="download-status">{move || status.get().map(|n| view! { {t!("mon.downloaded")}" "{n} })}</span>
        </div>
        {error_alert(error)}
    }
}

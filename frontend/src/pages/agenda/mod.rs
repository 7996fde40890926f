//! `/agenda`: the caller's personal calendar feed. Its secret address is
//! shown once, when made; a new one replaces it, and it can be revoked.

use crate::api::{self, ApiError};
use crate::components::common::error_alert;
use crate::components::format::local_time;
use crate::components::guard::RequireAnyRole;
use crate::components::loaded::{load, loaded};
use crate::components::notice;
use crate::session::Session;
use leptos::prelude::*;
use leptos::task::spawn_local;
use va_openapi::auth::Role;
use va_openapi::feeds::CalendarFeed;

const EVERYONE: &[Role] = &[Role::BelCoordinator, Role::Ambassador, Role::OrgContact, Role::Trainer];

#[component]
pub fn AgendaPage() -> impl IntoView {
    view! { <RequireAnyRole roles=EVERYONE render=|_: Session| view! { <Agenda/> }/> }
}

#[component]
fn Agenda() -> impl IntoView {
    let reload = RwSignal::new(0u32);
    let error: RwSignal<Option<ApiError>> = RwSignal::new(None);
    // The address of a feed just made: shown until the page is left.
    let made: RwSignal<Option<String>> = RwSignal::new(None);
    let data = load(Some(reload), move || async move { api::my_feed().await });
    let renew = move |_| {
        spawn_local(async move {
            match api::renew_my_feed().await {
                Ok(f) => {
                    error.set(None);
                    made.set(f.url);
                    reload.update(|n| *n += 1);
                    notice::confirm(k!("ag.made"), None);
                }
                Err(e) => error.set(Some(e)),
            }
        });
    };
    let revoke = move |_| {
        spawn_local(async move {
            match api::revoke_my_feed().await {
                Ok(_) => {
                    error.set(None);
                    made.set(None);
                    reload.update(|n| *n += 1);
                    notice::confirm(k!("ag.revoked"), None);
                }
                Err(e) => error.set(Some(e)),
            }
        });
    };
    view! {
        <h1 class="utrecht-heading-1">{t!("ag.title")}</h1>
        <p class="utrecht-paragraph utrecht-paragraph--lead">{t!("ag.intro")}</p>
        {error_alert(error)}
        {loaded(data, move |f: CalendarFeed| view! {
            <section class="va-section" data-testid="agenda-feed">
                <p class="utrecht-paragraph" data-testid="agenda-status">
                    {if f.active { t!("ag.active").into_any() } else { t!("ag.none").into_any() }}
                    {f.created_at.map(|t| view! { " " {t!("ag.since")} " " {local_time(t)} "." })}
                    {f.last_read_at.map(|t| view! { " " {t!("ag.read")} " " {local_time(t)} "." })}
                </p>
                {move || made.get().map(|url| view! {
                    <div class="utrecht-form-field">
                        <div class="utrecht-form-field__label"><label class="utrecht-form-label" for="agenda-url">{t!("ag.url")}</label></div>
                        <div class="utrecht-form-field__input">
                            <input id="agenda-url" class="utrecht-textbox utrecht-textbox--html-input" readonly=true data-testid="agenda-url" prop:value=url aria-describedby="agenda-url-hint"/>
                        </div>
                        <p class="utrecht-form-field-description" id="agenda-url-hint">{t!("ag.url_hint")}</p>
                    </div>
                })}
                <div class="va-actions">
                    <button type="button" class="utrecht-button utrecht-button--primary-action" data-testid="agenda-renew" on:click=renew>
                        {if f.active { t!("ag.renew").into_any() } else { t!("ag.make").into_any() }}</button>
                    {f.active.then(|| view! {
                        " "<button type="button" class="utrecht-button utrecht-button--secondary-action" data-testid="agenda-revoke" on:click=revoke>{t!("ag.revoke")}</button>
                    })}
                </div>
            </section>
        })}
    }
}

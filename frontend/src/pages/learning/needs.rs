//! `/leernetwerk/behoeften`: every region's learning needs side by side; an
//! ambassador records their region's, BEL any region's.

use crate::api::{self, ApiError};
use crate::components::common::{error_alert, field_error, TextArea, TextField};
use crate::components::format::local_time;
use crate::components::guard::RequireAnyRole;
use crate::components::loaded::{load, loaded};
use crate::components::notice;
use crate::session::Session;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use va_openapi::auth::Role;
use va_openapi::learning::*;
use va_openapi::RegionId;

const ORGANISERS: &[Role] = &[Role::BelCoordinator, Role::Ambassador];

#[component]
pub fn NeedsPage() -> impl IntoView {
    view! { <RequireAnyRole roles=ORGANISERS render=|s: Session| view! { <Needs s/> }/> }
}

#[component]
fn Needs(s: Session) -> impl IntoView {
    let reload = RwSignal::new(0u32);
    let data = load(Some(reload), move || async move { api::learning_needs().await });
    let bel = s.user.role == Role::BelCoordinator;
    view! {
        <p class="utrecht-paragraph"><A href="/leernetwerk" attr:class="utrecht-link">{t!("ln.back")}</A></p>
        <h1 class="utrecht-heading-1">{t!("ln.needs")}</h1>
        <p class="utrecht-paragraph utrecht-paragraph--lead">{t!("ln.needs_intro")}</p>
        {loaded(data, move |n| view! {
            <div class="va-columns" data-testid="learning-needs">
                {n.regions.iter().cloned().map(|r| view! { <Region r reload/> }).collect_view()}
            </div>
            <RecordNeed regions=n.regions.iter().map(|r| (r.region.id, r.region.name.clone())).collect() bel reload/>
        })}
    }
}

#[component]
fn Region(r: RegionNeeds, reload: RwSignal<u32>) -> impl IntoView {
    let error: RwSignal<Option<ApiError>> = RwSignal::new(None);
    view! {
        <section class="va-section" class:va-own=r.own data-testid=format!("needs-{}", r.region.id)>
            <h2 class="utrecht-heading-2">{r.region.name.clone()}</h2>
            {error_alert(error)}
            {if r.needs.is_empty() {
                view! { <p class="utrecht-paragraph va-empty">{t!("ln.no_needs")}</p> }.into_any()
            } else {
                view! {
                    <ul class="va-list">
                        {r.needs.into_iter().map(|n| {
                            let topic = n.topic.clone();
                            view! {
                                <li>
                                    <strong>{n.topic.clone()}</strong>
                                    {(!n.description.is_empty()).then(|| view! { <br/><span class="va-pre">{n.description.clone()}</span> })}
                                    <br/><span class="va-muted">{n.recorded_by.clone()}", "{local_time(n.recorded_at)}</span>
                                    {n.can_remove.then(|| view! {
                                        " "
                                        <button type="button" class="utrecht-button utrecht-button--subtle" data-testid="need-remove"
                                            on:click=move |_| {
                                                let topic = topic.clone();
                                                spawn_local(async move {
                                                    match api::remove_learning_need(n.id).await {
                                                        Ok(_) => { reload.update(|x| *x += 1); notice::confirm(k!("ln.need_removed"), Some(topic)); }
                                                        Err(e) => error.set(Some(e)),
                                                    }
                                                });
                                            }>{t!("ln.remove")}<span class="va-visually-hidden">": "{n.topic.clone()}</span></button>
                                    })}
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </section>
    }
}

#[component]
fn RecordNeed(regions: Vec<(RegionId, String)>, bel: bool, reload: RwSignal<u32>) -> impl IntoView {
    let error: RwSignal<Option<ApiError>> = RwSignal::new(None);
    let topic = RwSignal::new(String::new());
    let description = RwSignal::new(String::new());
    let region = RwSignal::new(String::new());
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let input = LearningNeedInput { region_id: region.get_untracked().parse().ok().map(RegionId), topic: topic.get_untracked(), description: Some(description.get_untracked()) };
        spawn_local(async move {
            match api::record_learning_need(&input).await {
                Ok(_) => {
                    error.set(None);
                    reload.update(|x| *x += 1);
                    notice::confirm(k!("ln.need_recorded"), Some(input.topic));
                    topic.set(String::new());
                    description.set(String::new());
                }
                Err(e) => error.set(Some(e)),
            }
        });
    };
    view! {
        <section class="va-section" data-testid="need-form">
            <h2 class="utrecht-heading-2">{t!("ln.record_need")}</h2>
            {error_alert(error)}
            <form class="va-form va-form--grid" novalidate=true on:submit=submit>
                {bel.then(|| view! {
                    <div class="utrecht-form-field">
                        <div class="utrecht-form-field__label"><label class="utrecht-form-label" for="need-region">{t!("ln.region")}</label></div>
                        <div class="utrecht-form-field__input">
                            <select id="need-region" class="utrecht-select utrecht-select--html-select" data-testid="need-region" aria-describedby="need-region-err"
                                on:change=move |ev| region.set(event_target_value(&ev))>
                                <option value="">"–"</option>
                                {regions.into_iter().map(|(id, name)| view! { <option value=id.0.to_string()>{name}</option> }).collect_view()}
                            </select>
                        </div>
                        <p class="utrecht-form-field-error-message" id="need-region-err">{move || field_error(error, "region_id").get()}</p>
                    </div>
                })}
                <TextField id="need-topic" required=true label=k!("ln.topic") value=topic error=field_error(error, "topic")/>
                <TextArea id="need-description".into() label=k!("ln.description") value=description error=field_error(error, "description")/>
                <div class="va-actions">
                    <button type="submit" class="utrecht-button utrecht-button--primary-action" data-testid="need-submit">{t!("ln.record_submit")}</button>
                </div>
            </form>
        </section>
    }
}

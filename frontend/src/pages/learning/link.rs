//! `/leersessie?token=…`: a trained professional's personal link to a
//! learning-network session: what, when, where, the places left and their
//! own registration; they register, withdraw or answer an offered place
//! without an account.

use crate::api::{self, ApiError};
use crate::components::common::{error_alert, LoadError, Loading};
use crate::components::format::{local_time, nl_date};
use crate::components::loaded::load;
use crate::components::notice;
use crate::i18n::Key;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_query_map;
use va_openapi::learning::*;

#[component]
pub fn LearningLinkPage() -> impl IntoView {
    let token = use_query_map().read_untracked().get("token").unwrap_or_default();
    let tok = token.clone();
    let data = load(None, move || api::learning_link(tok.clone()));
    let token = StoredValue::new(token);
    view! {
        <div class="va-narrow">
            <Suspense fallback=Loading>
                {move || data.get().map(|res| match res {
                    Err(e) => view! { <h1 class="utrecht-heading-1">{t!("ll.title")}</h1><LoadError err=e/> }.into_any(),
                    Ok(p) => view! { <LinkView first=p token/> }.into_any(),
                })}
            </Suspense>
        </div>
    }
}

#[component]
fn LinkView(first: PublicLearningSession, token: StoredValue<String>) -> impl IntoView {
    let shown = RwSignal::new(first);
    let error: RwSignal<Option<ApiError>> = RwSignal::new(None);
    let busy = RwSignal::new(false);
    let act = move |action: LearningLinkAction| {
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        spawn_local(async move {
            match api::learning_link_act(token.get_value(), action).await {
                Ok(p) => {
                    error.set(None);
                    shown.set(p);
                    notice::confirm(done_key(action), None);
                }
                Err(e) => error.set(Some(e)),
            }
            busy.set(false);
        });
    };
    let button = move |action: LearningLinkAction, key: Key, primary: bool| view! {
        <button type="button" class=if primary { "utrecht-button utrecht-button--primary-action" } else { "utrecht-button utrecht-button--secondary-action" }
            data-testid=format!("ll-{}", action.as_str()) aria-disabled=move || busy.get().then_some("true") on:click=move |_| act(action)>{crate::i18n::tr(key)}</button>
    };
    view! {
        {move || {
            let p = shown.get();
            view! {
                <h1 class="utrecht-heading-1" data-testid="ll-title">{p.title.clone()}</h1>
                <p class="utrecht-paragraph">{t!("ll.for_you")}" "<strong>{p.professional.clone()}</strong>". "{t!("ll.personal")}</p>
                <dl class="va-facts">
                    <dt>{t!("ln.date")}</dt><dd>{nl_date(p.held_on)}", "{p.starts_at.clone()}"–"{p.ends_at.clone()}</dd>
                    <dt>{t!("ln.place")}</dt><dd>{p.place.clone()}</dd>
                    <dt>{t!("ll.region")}</dt><dd>{p.region.clone().map(|r| r.into_any()).unwrap_or_else(|| t!("ll.supra").into_any())}</dd>
                    <dt>{t!("ln.target")}</dt><dd>{p.target_group.clone()}</dd>
                    <dt>{t!("ll.places_left")}</dt><dd data-testid="ll-places">{p.places_left}</dd>
                </dl>
                {(!p.description.is_empty()).then(|| view! { <p class="utrecht-paragraph va-pre">{p.description.clone()}</p> })}
                <div class="utrecht-alert utrecht-alert--info va-alert" role="status" data-testid="ll-status">
                    <p class="utrecht-paragraph">{status_text(&p)}</p>
                </div>
                {error_alert(error)}
                {p.open.then(|| view! {
                    <div class="va-actions">
                        {match p.status {
                            None | Some(RegistrationStatus::Cancelled) => button(LearningLinkAction::Register, if p.places_left > 0 { k!("ll.register") } else { k!("ll.register_full") }, true).into_any(),
                            Some(RegistrationStatus::Offered) => view! {
                                {button(LearningLinkAction::Accept, k!("ll.accept"), true)}
                                {button(LearningLinkAction::Decline, k!("ll.decline"), false)}
                            }.into_any(),
                            Some(_) => button(LearningLinkAction::Withdraw, k!("ll.withdraw"), false).into_any(),
                        }}
                    </div>
                })}
            }
        }}
    }
}

fn done_key(a: LearningLinkAction) -> Key {
    match a {
        LearningLinkAction::Register => k!("ll.done_register"),
        LearningLinkAction::Withdraw => k!("ll.done_withdraw"),
        LearningLinkAction::Accept => k!("ll.done_accept"),
        LearningLinkAction::Decline => k!("ll.done_decline"),
    }
}

/// Their registration in a sentence; a closed or cancelled session says so.
fn status_text(p: &PublicLearningSession) -> impl IntoView {
    if p.cancelled {
        return t!("ll.cancelled").into_any();
    }
    let state = match p.status {
        None | Some(RegistrationStatus::Cancelled) => t!("ll.none").into_any(),
        Some(RegistrationStatus::Registered) => t!("ll.registered").into_any(),
        Some(RegistrationStatus::Waiting) => view! { {t!("ll.waiting")}" "{p.position.unwrap_or(0)}"." }.into_any(),
        Some(RegistrationStatus::Offered) => view! { {t!("ll.offered")}" "<strong>{p.offer_expires_at.map(local_time).unwrap_or_default()}</strong>"." }.into_any(),
    };
    if p.open {
        state
    } else {
        view! { {state}" "{t!("ll.closed")} }.into_any()
    }
}

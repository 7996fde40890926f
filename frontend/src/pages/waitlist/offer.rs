//! The professional's accept / decline page (no login).

use crate::api::{self, ApiError};
use crate::components::format::local_time;
use crate::components::common::{error_alert, LoadError, Loading};
use crate::components::loaded::load;
use crate::i18n::{lookup, use_lang};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_query_map;
use va_openapi::waitlist::*;

/// `/aanbod?token=…&antwoord=ja|nee`: the professional answers an offer without an account.
#[component]
pub fn OfferPage() -> impl IntoView {
    let lang = use_lang();
    let query = use_query_map();
    let token = query.read_untracked().get("token").unwrap_or_default();
    let accept = RwSignal::new(query.read_untracked().get("antwoord").as_deref() != Some("nee"));
    let keep = RwSignal::new(true);
    let error: RwSignal<Option<ApiError>> = RwSignal::new(None);
    let result: RwSignal<Option<PublicOffer>> = RwSignal::new(None);
    let busy = RwSignal::new(false);
    let tok = token.clone();
    let data = load(None, move || api::offer_lookup(tok.clone()));
    let token = StoredValue::new(token);
    let confirm = move |_| {
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        let input = OfferAnswer { token: token.get_value(), accept: accept.get_untracked(), keep_on_list: keep.get_untracked() };
        spawn_local(async move {
            match api::offer_answer(input).await {
                Ok(o) => {
                    error.set(None);
                    result.set(Some(o));
                }
                Err(e) => error.set(Some(e)),
            }
            busy.set(false);
        });
    };
    view! {
        <div class="va-narrow va-offer">
            <Suspense fallback=Loading>
                {move || data.get().map(|res| match res {
                    Err(e) => view! {
                        <h1 class="utrecht-heading-1">{t!("offer.title_plain")}</h1>
                        <LoadError err=e/>
                    }.into_any(),
                    Ok(o) => {
                        let loaded = StoredValue::new(o);
                        let shown = move || result.get().unwrap_or_else(|| loaded.get_value());
                        view! {
                            <h1 class="utrecht-heading-1" data-testid="offer-title">{t!("offer.title")}" "{shown().group}</h1>
                            <p class="utrecht-paragraph">{t!("offer.dear")}" "{shown().professional}","</p>
                            {move || {
                                let o = shown();
                                match o.status {
                                    OfferStatus::Open => view! {
                                        <p class="utrecht-paragraph utrecht-paragraph--lead">{t!("offer.intro")}</p>
                                        <crate::components::common::DaysTable days=o.days.clone()/>
                                        <p class="utrecht-paragraph va-deadline" data-testid="offer-deadline">
                                            {t!("offer.deadline")}" "<strong>{local_time(o.deadline)}</strong>
                                        </p>
                                    }.into_any(),
                                    s => view! {
                                        <div class="utrecht-alert utrecht-alert--info va-alert" role="status" data-testid="offer-result">
                                            <p class="utrecht-paragraph">{move || lookup(lang.get(), match (s, o.on_list) {
                                                (OfferStatus::Accepted, _) => k!("offer.done_accepted"),
                                                (OfferStatus::Declined, true) => k!("offer.done_declined_keep"),
                                                (OfferStatus::Declined, false) => k!("offer.done_declined_drop"),
                                                (OfferStatus::Expired, _) => k!("offer.done_expired"),
                                                _ => k!("offer.done_cancelled"),
                                            })}</p>
                                        </div>
                                    }.into_any(),
                                }
                            }}
                            {error_alert(error)}
                            <Show when=move || shown().status == OfferStatus::Open>
                                <form class="va-form" novalidate=true on:submit=move |ev: leptos::ev::SubmitEvent| { ev.prevent_default(); confirm(()); }>
                                    <fieldset class="utrecht-form-fieldset va-fieldset">
                                        <legend class="utrecht-form-fieldset__legend">{t!("offer.question")}</legend>
                                        <div class="utrecht-form-field utrecht-form-field--radio va-check">
                                            <input type="radio" class="utrecht-radio-button utrecht-radio-button--html-input" name="antwoord" id="offer-accept"
                                                prop:checked=move || accept.get() on:change=move |_| accept.set(true)/>
                                            <label class="utrecht-form-label utrecht-form-label--radio" for="offer-accept">{t!("offer.accept")}</label>
                                        </div>
                                        <div class="utrecht-form-field utrecht-form-field--radio va-check">
                                            <input type="radio" class="utrecht-radio-button utrecht-radio-button--html-input" name="antwoord" id="offer-decline"
                                                prop:checked=move || !accept.get() on:change=move |_| accept.set(false)/>
                                            <label class="utrecht-form-label utrecht-form-label--radio" for="offer-decline">{t!("offer.decline")}</label>
                                        </div>
                                        <Show when=move || !accept.get()>
                                            <div class="utrecht-form-field utrecht-form-field--checkbox va-check va-indent">
                                                <input type="checkbox" class="utrecht-checkbox utrecht-checkbox--html-input" id="offer-keep"
                                                    prop:checked=move || keep.get() on:change=move |ev| keep.set(event_target_checked(&ev))/>
                                                <label class="utrecht-form-label utrecht-form-label--checkbox" for="offer-keep">{t!("offer.keep")}</label>
                                            </div>
                                        </Show>
                                    </fieldset>
                                    <div class="va-actions">
                                        <button type="submit" class="utrecht-button utrecht-button--primary-action" data-testid="offer-confirm"
                                            aria-disabled=move || busy.get().then_some("true")>{t!("offer.confirm")}</button>
                                    </div>
                                    <p class="utrecht-paragraph va-muted">{t!("offer.once")}</p>
                                </form>
                            </Show>
                        }.into_any()
                    }
                })}
            </Suspense>
        </div>
    }
}

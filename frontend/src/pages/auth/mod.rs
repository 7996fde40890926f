//! Login, forgotten password, setting a password from an email link.

use crate::api;
use crate::components::common::TextField;
use crate::i18n::{lookup, use_lang, Key};
use crate::session::{self, home_path, use_session};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::{Redirect, A};
use leptos_router::hooks::{use_navigate, use_query_map};

/// `/`: the start page of the logged-in role, or the login page.
#[component]
pub fn Home() -> impl IntoView {
    let sess = use_session();
    move || match sess.get() {
        Some(s) => view! { <Redirect path=home_path(s.user.role)/> }.into_any(),
        None => view! { <Redirect path="/inloggen"/> }.into_any(),
    }
}

#[component]
fn ErrorAlert(message: Signal<Option<&'static str>>) -> impl IntoView {
    move || {
        message.get().map(|m| {
            view! {
                <div class="utrecht-alert utrecht-alert--error va-alert" role="alert" data-testid="error">
                    <p class="utrecht-paragraph">{m}</p>
                </div>
            }
        })
    }
}

#[component]
pub fn Login() -> impl IntoView {
    let lang = use_lang();
    let sess = use_session();
    let navigate = use_navigate();
    let email = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let error_key: RwSignal<Option<Key>> = RwSignal::new(None);
    let busy = RwSignal::new(false);

    // The page asked for before login (`?terug=`), only a path of this site:
    // not `//host` nor `/\host`, which a browser reads as another site.
    let query = use_query_map();
    let back = move || query.read_untracked().get("terug").filter(|p| p.starts_with('/') && !p.starts_with("//") && !p.contains('\\') && !p.starts_with("/inloggen"));
    // Already logged in (e.g. reload on /inloggen): go on.
    if let Some(s) = sess.get_untracked() {
        navigate(&back().unwrap_or_else(|| home_path(s.user.role).to_string()), Default::default());
    }

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        let (e, p) = (email.get_untracked(), password.get_untracked());
        if e.trim().is_empty() || p.is_empty() {
            error_key.set(Some(k!("login.required")));
            return;
        }
        busy.set(true);
        error_key.set(None);
        let navigate = navigate.clone();
        spawn_local(async move {
            match api::login(e, p).await {
                Ok(res) => {
                    let next = back().unwrap_or_else(|| home_path(res.user.role).to_string());
                    sess.set(Some(session::keep(res)));
                    navigate(&next, Default::default());
                }
                Err(err) => {
                    password.set(String::new());
                    error_key.set(Some(err.text_key()));
                }
            }
            busy.set(false);
        });
    };
    let message = Signal::derive(move || error_key.get().map(|k| lookup(lang.get(), k)));
    view! {
        <section class="va-narrow" aria-labelledby="login-title">
            <h1 class="utrecht-heading-1" id="login-title">{t!("login.title")}</h1>
            <p class="utrecht-paragraph">{t!("login.intro")}</p>
            <ErrorAlert message=message/>
            <form class="va-form" on:submit=submit novalidate=true>
                <TextField id="email" required=true label=k!("login.email") kind="email" autocomplete="username" value=email/>
                <TextField id="password" required=true label=k!("login.password") kind="password" autocomplete="current-password" value=password/>
                <div class="va-actions">
                    <button type="submit" class="utrecht-button utrecht-button--primary-action" data-testid="login-submit"
                        aria-disabled=move || busy.get().to_string()>
                        {move || if busy.get() { lookup(lang.get(), k!("login.busy")) } else { lookup(lang.get(), k!("login.submit")) }}
                    </button>
                    <A href="/wachtwoord-vergeten" attr:class="utrecht-link">{t!("login.forgot")}</A>
                </div>
            </form>
        </section>
    }
}

#[component]
pub fn ForgotPassword() -> impl IntoView {
    let lang = use_lang();
    let email = RwSignal::new(String::new());
    let sent = RwSignal::new(false);
    let error_key: RwSignal<Option<Key>> = RwSignal::new(None);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let e = email.get_untracked();
        if e.trim().is_empty() {
            error_key.set(Some(k!("field.required")));
            return;
        }
        spawn_local(async move {
            match api::request_reset(e).await {
                Ok(()) => {
                    error_key.set(None);
                    sent.set(true);
                }
                Err(err) => error_key.set(Some(err.text_key())),
            }
        });
    };
    let message = Signal::derive(move || error_key.get().map(|k| lookup(lang.get(), k)));
    view! {
        <section class="va-narrow" aria-labelledby="forgot-title">
            <h1 class="utrecht-heading-1" id="forgot-title">{t!("forgot.title")}</h1>
            <Show when=move || !sent.get() fallback=move || view! {
                <div class="utrecht-alert utrecht-alert--ok" role="status">
                    <p class="utrecht-paragraph">{t!("forgot.sent")}</p>
                </div>
                <p class="utrecht-paragraph"><A href="/inloggen" attr:class="utrecht-link">{t!("back.login")}</A></p>
            }>
                <p class="utrecht-paragraph">{t!("forgot.intro")}</p>
                <ErrorAlert message=message/>
                <form class="va-form" on:submit=submit novalidate=true>
                    <TextField id="reset-email" required=true label=k!("login.email") kind="email" autocomplete="email" value=email/>
                    <div class="va-actions">
                        <button type="submit" class="utrecht-button utrecht-button--primary-action">{t!("forgot.submit")}</button>
                        <A href="/inloggen" attr:class="utrecht-link">{t!("back.login")}</A>
                    </div>
                </form>
            </Show>
        </section>
    }
}

#[component]
pub fn SetPassword() -> impl IntoView {
    let lang = use_lang();
    let query = use_query_map();
    let token = move || query.read().get("token").unwrap_or_default();
    let pw = RwSignal::new(String::new());
    let pw2 = RwSignal::new(String::new());
    let done = RwSignal::new(false);
    let error_key: RwSignal<Option<Key>> = RwSignal::new(None);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let (a, b) = (pw.get_untracked(), pw2.get_untracked());
        if a.chars().count() < 10 {
            error_key.set(Some(k!("field.too_short")));
            return;
        }
        if a != b {
            error_key.set(Some(k!("setpw.mismatch")));
            return;
        }
        let tok = token();
        spawn_local(async move {
            match api::set_password(tok, a).await {
                Ok(()) => {
                    error_key.set(None);
                    done.set(true);
                }
                Err(err) => error_key.set(Some(err.text_key())),
            }
        });
    };
    let message = Signal::derive(move || error_key.get().map(|k| lookup(lang.get(), k)));
    view! {
        <section class="va-narrow" aria-labelledby="setpw-title">
            <h1 class="utrecht-heading-1" id="setpw-title">{t!("setpw.title")}</h1>
            {move || if token().is_empty() {
                view! { <div class="utrecht-alert utrecht-alert--warning" role="alert"><p class="utrecht-paragraph">{t!("setpw.no_token")}</p></div> }.into_any()
            } else if done.get() {
                view! {
                    <div class="utrecht-alert utrecht-alert--ok" role="status"><p class="utrecht-paragraph">{t!("setpw.done")}</p></div>
                    <p class="utrecht-paragraph"><A href="/inloggen" attr:class="utrecht-link">{t!("back.login")}</A></p>
                }.into_any()
            } else {
                view! {
                    <p class="utrecht-paragraph">{t!("setpw.intro")}</p>
                    <ErrorAlert message=message/>
                    <form class="va-form" on:submit=submit novalidate=true>
                        <TextField id="new-password" required=true label=k!("setpw.password") kind="password" autocomplete="new-password" value=pw/>
                        <TextField id="repeat-password" required=true label=k!("setpw.repeat") kind="password" autocomplete="new-password" value=pw2/>
                        <div class="va-actions">
                            <button type="submit" class="utrecht-button utrecht-button--primary-action">{t!("setpw.submit")}</button>
                        </div>
                    </form>
                }.into_any()
            }}
        </section>
    }
}

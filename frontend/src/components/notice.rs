//! The confirmation after an action: one live region (`role=status`) at the top
//! of the content that says what just happened and takes the focus, so sighted,
//! keyboard and screen-reader users all learn the outcome (WCAG 4.1.3). It stays
//! on the page it was given for and goes when the user moves to another page.

use crate::i18n::{lookup, use_lang, Key};
use leptos::prelude::*;

#[derive(Clone, PartialEq)]
struct Shown {
    key: Key,
    /// Who or what the action was about (a name, a group), after the text.
    subject: Option<String>,
    /// The page the confirmation belongs to.
    path: String,
}

#[derive(Clone, Copy)]
struct Notice(RwSignal<Option<Shown>>);

// Actions confirm from async tasks, where no reactive owner (and so no context) is current.
thread_local! {
    static NOTICE: std::cell::Cell<Option<Notice>> = const { std::cell::Cell::new(None) };
}

fn notice() -> Option<Notice> {
    NOTICE.with(|n| n.get())
}

/// Creates the confirmation's signal; the app calls this once, at its root.
pub fn provide() {
    NOTICE.with(|n| n.set(Some(Notice(RwSignal::new(None)))));
}

fn current_path() -> String {
    web_sys::window().and_then(|w| w.location().pathname().ok()).unwrap_or_default()
}

/// Confirms an action on the current page.
pub fn confirm(key: Key, subject: Option<String>) {
    confirm_at(&current_path(), key, subject);
}

/// Confirms an action whose outcome is shown at `path` (the caller navigates there next).
pub fn confirm_at(path: &str, key: Key, subject: Option<String>) {
    if let Some(Notice(n)) = notice() {
        n.set(Some(Shown { key, subject, path: path.split('?').next().unwrap_or(path).to_string() }));
        focus_later();
    }
}

/// Focus after the region has rendered (and after the move-to-content focus of a new page).
fn focus_later() {
    set_timeout(
        || {
            if let Some(el) = web_sys::window()
                .and_then(|w| w.document())
                .and_then(|d| d.get_element_by_id("va-notice"))
                .and_then(|e| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(e).ok())
            {
                let _ = el.focus();
            }
        },
        std::time::Duration::from_millis(60),
    );
}

/// True when a confirmation waits to be shown at `path` (the layout then focuses it, not the content).
pub fn pending_at(path: &str) -> bool {
    notice().is_some_and(|Notice(n)| n.with_untracked(|s| s.as_ref().is_some_and(|s| s.path == path)))
}

/// Drops a confirmation that belongs to another page.
pub fn leave(path: &str) {
    if let Some(Notice(n)) = notice() {
        if n.with_untracked(|s| s.as_ref().is_some_and(|s| s.path != path)) {
            n.set(None);
        }
    }
}

/// The region itself: always present (a live region must exist before its text changes).
#[component]
pub fn NoticeRegion() -> impl IntoView {
    let lang = use_lang();
    let Some(Notice(n)) = notice() else { return ().into_any() };
    view! {
        <div role="status" class="va-notice-region">
            {move || n.get().map(|s| view! {
                <div id="va-notice" tabindex="-1" class="utrecht-alert utrecht-alert--ok va-alert va-notice" data-testid="notice">
                    <p class="utrecht-paragraph">
                        {lookup(lang.get(), s.key)}
                        {s.subject.map(|x| view! { ": "<strong>{x}</strong> })}
                    </p>
                    <button type="button" class="utrecht-button utrecht-button--subtle va-notice__close" on:click=move |_| n.set(None)>
                        {lookup(lang.get(), k!("notice.close"))}
                    </button>
                </div>
            })}
        </div>
    }
    .into_any()
}

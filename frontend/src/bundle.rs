//! Which bundle this build is (features `entry-*`), and what it does with a
//! page it does not carry. The whole app carries every page; the login bundle
//! the pages without a session; the trainer's and the partners' (ambassadors,
//! organisation contacts) their roles' pages. `index.html` starts the bundle
//! of the role in the stored session, so a page another role's bundle carries
//! is loaded anew when someone else logs in in this tab.

use crate::pages::NotFound;
use crate::session::use_session;
use leptos::prelude::*;
use va_openapi::auth::Role;

/// The roles whose pages this bundle carries (all of them for the whole app).
#[cfg(feature = "entry-login")]
const ROLES: &[Role] = &[];
#[cfg(feature = "entry-trainer")]
const ROLES: &[Role] = &[Role::Trainer];
#[cfg(feature = "entry-partner")]
const ROLES: &[Role] = &[Role::Ambassador, Role::OrgContact];
#[cfg(not(any(feature = "entry-login", feature = "entry-trainer", feature = "entry-partner")))]
const ROLES: &[Role] = &[Role::BelCoordinator, Role::Ambassador, Role::OrgContact, Role::Trainer];

/// The page this tab last loaded anew to get another bundle, taken (and
/// forgotten) at start: a second attempt at the same page is not made.
#[derive(Clone)]
struct LoadedAnew(Option<String>);

const KEY: &str = "va-planner.loaded-anew";

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.session_storage().ok().flatten()
}

/// Takes the page loaded anew, for the pages below.
pub fn provide() {
    let storage = storage();
    let page = storage.as_ref().and_then(|s| s.get_item(KEY).ok().flatten());
    if let Some(s) = storage {
        let _ = s.remove_item(KEY);
    }
    provide_context(LoadedAnew(page));
}

/// What to show for a page this bundle does not have, given the role logged
/// in: `None` when the page is to be loaded anew (and it is, once).
fn load_anew(role: Role, page: &str) -> Option<()> {
    let tried = use_context::<LoadedAnew>().and_then(|l| l.0);
    if ROLES.contains(&role) || tried.as_deref() == Some(page) {
        return Some(());
    }
    if let Some(s) = storage() {
        let _ = s.set_item(KEY, page);
    }
    if let Some(w) = web_sys::window() {
        let _ = w.location().replace(page);
    }
    None
}

/// The page asked for. Read untracked: leaving it (logging out, say) unmounts
/// these views, which must not redirect again on the way out.
fn here() -> impl Fn() -> String + Copy {
    let location = leptos_router::hooks::use_location();
    move || format!("{}{}", location.pathname.get_untracked(), location.search.get_untracked())
}

fn loading() -> AnyView {
    view! { <p class="utrecht-paragraph" role="status">{t!("loading")}</p> }.into_any()
}

/// A page of the app another bundle carries: without a session the login
/// page (which brings the reader back), for a role this bundle serves the
/// explanation a wrong role gets, else the page loaded anew.
#[component]
pub fn NotInBundle() -> impl IntoView {
    let sess = use_session();
    let here = here();
    move || match sess.get() {
        None => {
            let back = js_sys::encode_uri_component(&here()).as_string().unwrap_or_default();
            view! { <leptos_router::components::Redirect path=format!("/inloggen?terug={back}")/> }.into_any()
        }
        Some(s) => match load_anew(s.user.role, &here()) {
            Some(()) => view! { <crate::components::guard::Forbidden/> }.into_any(),
            None => loading(),
        },
    }
}

/// A page the app does not have: not found, after loading it anew when
/// another role's bundle might know it.
#[component]
pub fn Unknown() -> impl IntoView {
    let sess = use_session();
    let here = here();
    move || match sess.get().map(|s| load_anew(s.user.role, &here())) {
        Some(None) => loading(),
        _ => view! { <NotFound/> }.into_any(),
    }
}

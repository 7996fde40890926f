//! Protected pages: no session sends the user to the login page; a wrong role
//! gets an explanation instead of the page.

use crate::session::{use_session, Session};
use leptos::prelude::*;
use leptos_router::components::Redirect;
use va_openapi::auth::Role;

#[component]
pub fn RequireRole<F, V>(role: Role, render: F) -> impl IntoView
where
    F: Fn(Session) -> V + Send + Sync + 'static,
    V: IntoView + 'static,
{
    guard(move |r| r == role, render)
}

/// No session: to the login page; a role `allowed` rejects: an explanation; else the page.
fn guard<F, V>(allowed: impl Fn(Role) -> bool + Send + Sync + 'static, render: F) -> impl IntoView
where
    F: Fn(Session) -> V + Send + Sync + 'static,
    V: IntoView + 'static,
{
    let sess = use_session();
    let location = leptos_router::hooks::use_location();
    move || match sess.get() {
        // The page asked for comes back after login (a link from a mail, a bookmark).
        None => {
            let here = format!("{}{}", location.pathname.get_untracked(), location.search.get_untracked());
            let back = js_sys::encode_uri_component(&here).as_string().unwrap_or_default();
            view! { <Redirect path=format!("/inloggen?terug={back}")/> }.into_any()
        }
        Some(s) if allowed(s.user.role) => render(s).into_view().into_any(),
        Some(_) => view! { <Forbidden/> }.into_any(),
    }
}

/// What a role gets for a page that is not meant for it.
#[component]
pub fn Forbidden() -> impl IntoView {
    view! {
        <div class="utrecht-alert utrecht-alert--warning" role="alert">
            <p class="utrecht-paragraph">{t!("forbidden.text")}</p>
        </div>
    }
}

/// As `RequireRole`, for pages several roles share (each sees its own scope).
#[component]
pub fn RequireAnyRole<F, V>(roles: &'static [Role], render: F) -> impl IntoView
where
    F: Fn(Session) -> V + Send + Sync + 'static,
    V: IntoView + 'static,
{
    guard(move |r| roles.contains(&r), render)
}

pub const MONITORING_ROLES: &[Role] = &[Role::BelCoordinator, Role::Ambassador, Role::OrgContact];

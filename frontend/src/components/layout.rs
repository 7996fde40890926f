//! Page frame: skip link, header with navigation per role, language switch, logout, footer.

use crate::i18n::{lookup, tr, use_lang, Key, Lang};
use crate::components::labels::role_key;
use crate::session::{self, home_path, use_session};
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;
use va_openapi::auth::Role;

/// The menu of a role: (path, text key).
fn nav_items(role: Role) -> Vec<(&'static str, Key)> {
    let mut items = vec![(home_path(role), k!("nav.start"))];
    match role {
        Role::BelCoordinator => {
            items.push(("/bel/plaatsing", k!("nav.board")));
            items.push(("/bel/wachtlijst", k!("nav.waitlist")));
            items.push(("/readiness", k!("nav.readiness")));
            items.push(("/nazorg", k!("nav.followup")));
            items.push(("/monitoring", k!("nav.monitoring")));
            items.push(("/monitoring/overleg", k!("nav.meetings")));
            items.push(("/leernetwerk", k!("nav.learning")));
            items.push(("/bel/planner", k!("nav.planner")));
            items.push(("/bel/begroting", k!("nav.budget")));
            items.push(("/bel/beheer", k!("nav.admin")));
            items.push(("/bel/organisaties", k!("nav.orgs")));
            items.push(("/bel/vragenlijst", k!("nav.template")));
            items.push(("/bel/gebruikers", k!("nav.users")));
            items.push(("/bel/berichten", k!("nav.mail")));
            items.push(("/bel/privacy", k!("nav.privacy")));
            items.push(("/bel/personen", k!("nav.people")));
            items.push(("/bel/logboek", k!("nav.audit")));
        }
        Role::Ambassador => {
            items.push(("/organisatie/aanmelden", k!("nav.on_behalf")));
            items.push(("/readiness", k!("nav.readiness")));
            items.push(("/nazorg", k!("nav.followup")));
            items.push(("/monitoring", k!("nav.monitoring")));
            items.push(("/monitoring/overleg", k!("nav.meetings")));
            items.push(("/leernetwerk", k!("nav.learning")));
            items.push(("/leervragen", k!("nav.questions")));
        }
        Role::OrgContact => {
            items.push(("/organisatie/aanmelden", k!("nav.new_request")));
            items.push(("/nazorg", k!("nav.followup")));
            items.push(("/leernetwerk", k!("nav.learning")));
            items.push(("/monitoring", k!("nav.monitoring")));
        }
        Role::Trainer => items.push(("/nazorg", k!("nav.followup"))),
    }
    items.push(("/agenda", k!("nav.agenda")));
    items
}

#[component]
pub fn Layout(children: Children) -> impl IntoView {
    let lang = use_lang();
    let sess = use_session();
    let navigate = use_navigate();
    let logout = move |_| {
        leptos::task::spawn_local(async {
            let _ = crate::api::logout().await;
        });
        session::clear();
        sess.set(None);
        navigate("/inloggen", Default::default());
    };
    let switch = move |_| lang.update(|l| *l = if *l == Lang::Nl { Lang::En } else { Lang::Nl });
    // After a client-side navigation, move focus to the content, as a full page load
    // would, so keyboard and screen-reader users start at the new page (not on the first load).
    let location = leptos_router::hooks::use_location();
    Effect::new(move |previous: Option<String>| {
        let path = location.pathname.get();
        crate::components::notice::leave(&path);
        // A confirmation given for this page takes the focus itself.
        if previous.is_some_and(|p| p != path) && !crate::components::notice::pending_at(&path) {
            if let Some(main) = web_sys::window()
                .and_then(|w| w.document())
                .and_then(|d| d.get_element_by_id("inhoud"))
                .and_then(|e| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(e).ok())
            {
                let _ = main.focus();
            }
        }
        path
    });
    view! {
        <div class="utrecht-page va-page">
            <a class="utrecht-link va-skip" href="#inhoud">{t!("app.skip")}</a>
            <header class="utrecht-page-header va-header">
                <div class="va-header__brand">
                    <span class="va-header__org">{t!("app.org")}</span>
                    <span class="va-header__title">{t!("app.title")}</span>
                </div>
                <div class="va-header__tools">
                    <button type="button" class="utrecht-button utrecht-button--subtle va-lang" on:click=switch
                        aria-label=move || lookup(lang.get(), k!("lang.switch.label"))
                        lang=move || if lang.get() == Lang::Nl { "en" } else { "nl" }>
                        {t!("lang.switch")}
                    </button>
                    {move || sess.get().map(|s| {
                        let logout = logout.clone();
                        view! {
                            <span class="va-user" data-testid="current-user">
                                <span class="va-visually-hidden">{t!("nav.logged_in_as")}" "</span>
                                {s.user.name.clone()}" · "{move || lookup(lang.get(), role_key(s.user.role))}
                            </span>
                            <button type="button" class="utrecht-button utrecht-button--secondary-action" on:click=logout data-testid="logout">
                                {t!("nav.logout")}
                            </button>
                        }
                    })}
                </div>
            </header>
            {move || sess.get().map(|s| view! {
                <nav class="va-nav" aria-label=move || lookup(lang.get(), k!("nav.label"))>
                    <ul class="va-nav__list">
                        {nav_items(s.user.role).into_iter().map(|(href, key)| view! {
                            <li><A href=href exact=true attr:class="va-nav__link">{tr(key)}</A></li>
                        }).collect_view()}
                    </ul>
                    <crate::components::programme::ProgrammeChoice/>
                </nav>
            })}
            <crate::components::title::PageTitle/>
            <main id="inhoud" class="utrecht-page-content va-main" tabindex="-1">
                <crate::components::notice::NoticeRegion/>
                {children()}
            </main>
            <footer class="utrecht-page-footer va-footer">
                <p class="utrecht-paragraph">{t!("app.footer")}" · "
                    <A href="/privacy" attr:class="utrecht-link" attr:data-testid="privacy-link">{t!("priv.link")}</A>
                </p>
            </footer>
        </div>
    }
}

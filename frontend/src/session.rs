//! The login session: who is logged in, kept in localStorage so it survives a
//! reload, dropped at expiry, on logout and when the server answers 401. The
//! token itself is never kept: it lives in the server's HttpOnly cookie, out
//! of reach of any script.

use leptos::prelude::*;
use va_openapi::auth::{LoginResponse, Role};

const KEY: &str = "va-planner.session";
const LANG_KEY: &str = "va-planner.lang";

pub type Session = LoginResponse;

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

fn now_ms() -> f64 {
    js_sys::Date::now()
}

/// The stored session, if it has not expired. One stored with a token (by an
/// older version) is dropped: its login starts again, with the cookie.
pub fn load() -> Option<Session> {
    let raw = storage()?.get_item(KEY).ok().flatten()?;
    let s: Session = serde_json::from_str(&raw).ok()?;
    if (s.expires_at.timestamp_millis() as f64) <= now_ms() || !s.token.is_empty() {
        clear();
        return None;
    }
    Some(s)
}

/// Keeps a new login without its token, and returns what was kept.
pub fn keep(mut s: Session) -> Session {
    s.token.clear();
    if let (Some(st), Ok(raw)) = (storage(), serde_json::to_string(&s)) {
        let _ = st.set_item(KEY, &raw);
    }
    s
}

pub fn clear() {
    if let Some(st) = storage() {
        let _ = st.remove_item(KEY);
    }
}

pub fn load_lang() -> crate::i18n::Lang {
    match storage().and_then(|s| s.get_item(LANG_KEY).ok().flatten()).as_deref() {
        Some("en") => crate::i18n::Lang::En,
        _ => crate::i18n::Lang::Nl,
    }
}

pub fn save_lang(lang: crate::i18n::Lang) {
    if let Some(st) = storage() {
        let _ = st.set_item(LANG_KEY, lang.code());
    }
}

thread_local! {
    // The app's session signal, so that API calls outside a reactive owner can end the session.
    static SIGNAL: std::cell::Cell<Option<RwSignal<Option<Session>>>> = const { std::cell::Cell::new(None) };
}

pub fn register(sig: RwSignal<Option<Session>>) {
    SIGNAL.with(|c| c.set(Some(sig)));
}

/// The server no longer accepts the token: forget it; protected pages then send the user to login.
pub fn expire() {
    clear();
    if let Some(sig) = SIGNAL.with(|c| c.get()) {
        sig.set(None);
    }
}

/// The session signal, provided by `App`.
pub fn use_session() -> RwSignal<Option<Session>> {
    expect_context::<RwSignal<Option<Session>>>()
}

/// Path of a role's start page.
pub fn home_path(role: Role) -> &'static str {
    match role {
        Role::BelCoordinator => "/bel",
        Role::Ambassador => "/ambassadeur",
        Role::OrgContact => "/organisatie",
        Role::Trainer => "/trainer",
    }
}

const PROGRAMME_KEY: &str = "va-planner.programme";

/// The programme the user chose last in this browser (see `components::programme`).
pub fn chosen_programme() -> Option<va_openapi::ProgrammeId> {
    storage()?.get_item(PROGRAMME_KEY).ok().flatten()?.parse().ok().map(va_openapi::ProgrammeId)
}

pub fn choose_programme(id: Option<va_openapi::ProgrammeId>) {
    if let Some(s) = storage() {
        let _ = match id {
            Some(id) => s.set_item(PROGRAMME_KEY, &id.0.to_string()),
            None => s.remove_item(PROGRAMME_KEY),
        };
    }
}

//! A page title per route (WCAG 2.4.2): the page's own name, then the
//! application's, in the chosen language; set on every move to another page.

use crate::i18n::{lookup, use_lang, Key};
use leptos::prelude::*;

/// The name of the page at `path`; the longest matching prefix wins.
pub fn page_key(path: &str) -> Key {
    const PAGES: &[(&str, Key)] = &[
        ("/inloggen", k!("login.title")),
        ("/wachtwoord-vergeten", k!("forgot.title")),
        ("/wachtwoord-instellen", k!("setpw.title")),
        ("/bel/gebruikers", k!("users.title")),
        ("/bel/berichten", k!("mail.title")),
        ("/bel/beheer", k!("adm.title")),
        ("/bel/organisaties", k!("nav.orgs")),
        ("/bel/plaatsing", k!("board.title")),
        ("/bel/wachtlijst", k!("wl.title")),
        ("/bel/groepen/", k!("groups.title")),
        ("/bel/vragenlijst", k!("tpl.title")),
        ("/bel/nazorg", k!("nav.followup")),
        ("/bel/planner", k!("plan.title")),
        ("/bel/privacy", k!("ret.title")),
        ("/bel/personen", k!("ppl.title")),
        ("/bel/logboek", k!("aud.title")),
        ("/privacy", k!("priv.title")),
        ("/aanbod", k!("offer.title_plain")),
        ("/organisatie/aanmelden", k!("nav.new_request")),
        ("/aanmeldingen/", k!("req.title")),
        ("/readiness", k!("nav.readiness")),
        ("/trainer/groepen/", k!("groups.title")),
        ("/terugkoppeling/", k!("fb.list_title")),
        ("/evaluatie", k!("ev.title")),
        ("/leersessie", k!("ll.title")),
        ("/nazorg/sessies/", k!("fu.title")),
        ("/nazorg", k!("nav.followup")),
        ("/certificaat/", k!("cert.title")),
        ("/monitoring/rapport", k!("mon.report_title")),
        ("/monitoring/overleg", k!("mtg.title")),
        ("/leernetwerk", k!("ln.title")),
        ("/agenda", k!("ag.title")),
        ("/bel/begroting", k!("bud.title")),
        ("/leervragen", k!("lq.title")),
        ("/leernetwerk/behoeften", k!("ln.needs")),
        ("/monitoring/import", k!("imp.title")),
        ("/monitoring/uitvraag", k!("sv.title")),
        ("/monitoring", k!("mon.title")),
    ];
    const STARTS: [&str; 5] = ["/", "/bel", "/ambassadeur", "/organisatie", "/trainer"];
    let trimmed = path.trim_end_matches('/');
    if STARTS.contains(&if trimmed.is_empty() { "/" } else { trimmed }) {
        return k!("nav.start");
    }
    PAGES.iter().filter(|(p, _)| path == *p || path.starts_with(p) && (p.ends_with('/') || path[p.len()..].starts_with('/'))).max_by_key(|(p, _)| p.len()).map(|(_, k)| *k).unwrap_or(k!("notfound.title"))
}

/// Keeps `document.title` on the current page's name.
#[component]
pub fn PageTitle() -> impl IntoView {
    let lang = use_lang();
    let path = leptos_router::hooks::use_location().pathname;
    Effect::new(move || {
        let text = format!("{} · {}", lookup(lang.get(), page_key(&path.get())), lookup(lang.get(), k!("app.title")));
        if let Some(doc) = web_sys::window().and_then(|w| w.document()) {
            doc.set_title(&text);
        }
    });
}

#[cfg(test)]
mod tests {
    use super::page_key;

    #[test]
    fn each_route_has_its_own_name() {
        assert_eq!(page_key("/bel"), k!("nav.start"));
        assert_eq!(page_key("/"), k!("nav.start"));
        assert_eq!(page_key("/monitoring"), k!("mon.title"));
        assert_eq!(page_key("/monitoring/uitvraag/3/12"), k!("sv.title"));
        assert_eq!(page_key("/bel/beheer/groepen/4"), k!("adm.title"));
        assert_eq!(page_key("/readiness/7"), k!("nav.readiness"));
        assert_eq!(page_key("/monitoringx"), k!("notfound.title"));
        assert_eq!(page_key("/nergens"), k!("notfound.title"));
    }
}

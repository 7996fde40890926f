//! Pages, one module per domain.

pub mod admin;
pub mod auth;
pub mod budget;
pub mod enrolment;
pub mod followup;
pub mod mail;
pub mod agenda;
pub mod learning;
pub mod meetings;
pub mod monitoring;
pub mod planner;
pub mod privacy;
pub mod readiness;
pub mod start;
pub mod survey;
pub mod training;
pub mod users;
pub mod waitlist;

use leptos::prelude::*;

#[component]
pub fn NotFound() -> impl IntoView {
    view! {
        <h1 class="utrecht-heading-1">{t!("notfound.title")}</h1>
        <p class="utrecht-paragraph">{t!("notfound.text")}</p>
        <p class="utrecht-paragraph"><leptos_router::components::A href="/" attr:class="utrecht-link" attr:data-testid="notfound-home">{t!("notfound.home")}</leptos_router::components::A></p>
    }
}

#[cfg(test)]
mod tests {
    use std::path::{Path, PathBuf};

    fn files(dir: &Path, out: &mut Vec<PathBuf>) {
        for e in std::fs::read_dir(dir).expect("read dir").flatten() {
            let p = e.path();
            if p.is_dir() {
                files(&p, out);
            } else if p.extension().is_some_and(|x| x == "rs") {
                out.push(p);
            }
        }
    }

    /// Pages share through `components/`; only the start pages compose other
    /// pages' sections. Files stay short enough to read without scrolling far.
    #[test]
    fn pages_use_components_not_each_other_and_stay_short() {
        let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        let mut all = Vec::new();
        files(&src, &mut all);
        assert!(all.len() > 30, "the scan found the sources");
        for f in &all {
            let text = std::fs::read_to_string(f).expect("read");
            let rel = f.strip_prefix(&src).expect("under src").to_string_lossy().replace('\\', "/");
            if rel != "i18n/texts.rs" {
                assert!(text.lines().count() <= 400, "{rel} has {} lines: split it", text.lines().count());
            }
            let Some(page) = rel.strip_prefix("pages/").and_then(|r| r.split('/').next()).filter(|p| !p.ends_with(".rs")) else { continue };
            for (i, line) in text.lines().enumerate() {
                let mut rest = line;
                while let Some(at) = rest.find("crate::pages::") {
                    let other: String = rest[at + 14..].chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect();
                    assert!(other == page || page == "start", "{rel}:{}: uses the page {other}; move what is shared to components/", i + 1);
                    rest = &rest[at + 14..];
                }
            }
        }
    }
}

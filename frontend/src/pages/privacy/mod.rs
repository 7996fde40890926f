//! Privacy: the statement anyone may read (what is kept, why, how long, who
//! sees it), made from the retention periods in force; and BEL's screen that
//! sets those periods and shows what the job runner purged.

pub mod audit;
pub mod people;
pub mod person;

use crate::api::{self, ApiError};
use crate::components::common::{error_alert, field_error, Table, TextField};
use crate::components::format::local_time;
use crate::components::guard::RequireRole;
use crate::components::loaded::{load, loaded};
use crate::components::notice;
use crate::i18n::{lookup, use_lang, Key};
use crate::session::Session;
use leptos::prelude::*;
use leptos::task::spawn_local;
use va_openapi::auth::Role;
use va_openapi::privacy::RetentionSettings;

/// The kinds of data with a period: field, label, why it is kept, who sees it.
const KINDS: [(&str, Key, Key, Key); 7] = [
    ("mail_body_days", k!("priv.mail"), k!("priv.mail_why"), k!("priv.who_bel")),
    ("login_attempt_days", k!("priv.attempts"), k!("priv.attempts_why"), k!("priv.who_nobody")),
    ("token_days", k!("priv.tokens"), k!("priv.tokens_why"), k!("priv.who_nobody")),
    ("evaluation_link_days", k!("priv.evaluation"), k!("priv.evaluation_why"), k!("priv.who_nobody")),
    ("audit_days", k!("priv.audit"), k!("priv.audit_why"), k!("priv.who_bel")),
    ("session_notes_days", k!("priv.notes"), k!("priv.notes_why"), k!("priv.who_followup")),
    ("untrained_days", k!("priv.untrained"), k!("priv.untrained_why"), k!("priv.who_enrolment")),
];

fn days_of(s: &RetentionSettings, field: &str) -> Option<i32> {
    match field {
        "mail_body_days" => Some(s.mail_body_days),
        "login_attempt_days" => Some(s.login_attempt_days),
        "token_days" => Some(s.token_days),
        "evaluation_link_days" => Some(s.evaluation_link_days),
        "audit_days" => Some(s.audit_days),
        "untrained_days" => Some(s.untrained_days),
        _ => s.session_notes_days,
    }
}

/// `/privacy`: the privacy statement, for anyone.
#[component]
pub fn PrivacyPage() -> impl IntoView {
    let lang = use_lang();
    let data = load(None, move || api::privacy_statement());
    view! {
        <h1 class="utrecht-heading-1">{t!("priv.title")}</h1>
        <p class="utrecht-paragraph utrecht-paragraph--lead">{t!("priv.intro")}</p>
        <section class="va-section" aria-labelledby="priv-people">
            <h2 class="utrecht-heading-2" id="priv-people">{t!("priv.people")}</h2>
            <p class="utrecht-paragraph">{t!("priv.people_text")}</p>
        </section>
        <section class="va-section" aria-labelledby="priv-periods">
            <h2 class="utrecht-heading-2" id="priv-periods">{t!("priv.periods")}</h2>
            {loaded(data, move |s| view! {
                <Table testid="privacy-periods" headers=vec![(k!("priv.what"), false), (k!("priv.why"), false), (k!("priv.how_long"), false), (k!("priv.who"), false)]>
                    {KINDS.iter().map(|(field, what, why, who)| {
                        let days = days_of(&s, field);
                        view! {
                            <tr class="utrecht-table__row" data-testid=format!("privacy-{field}")>
                                <th class="utrecht-table__header-cell" scope="row">{move || lookup(lang.get(), *what)}</th>
                                <td class="utrecht-table__cell">{move || lookup(lang.get(), *why)}</td>
                                <td class="utrecht-table__cell">{move || match days {
                                    Some(d) => format!("{d} {}", lookup(lang.get(), k!("priv.days"))),
                                    None => lookup(lang.get(), k!("priv.kept")).to_string(),
                                }}</td>
                                <td class="utrecht-table__cell">{move || lookup(lang.get(), *who)}</td>
                            </tr>
                        }
                    }).collect_view()}
                </Table>
            }.into_any())}
            <p class="utrecht-paragraph">{t!("priv.contact")}</p>
        </section>
    }
}

/// `/bel/privacy`: BEL sets the retention periods and sees the purges.
#[component]
pub fn RetentionPage() -> impl IntoView {
    view! { <RequireRole role=Role::BelCoordinator render=|_: Session| view! { <Retention/> }/> }
}

#[component]
fn Retention() -> impl IntoView {
    let lang = use_lang();
    let reload = RwSignal::new(0u32);
    let data = load(Some(reload), move || api::retention());
    let error: RwSignal<Option<ApiError>> = RwSignal::new(None);
    let fields: [RwSignal<String>; 7] = std::array::from_fn(|_| RwSignal::new(String::new()));
    // The form shows what is in force once it has loaded.
    Effect::new(move |_| {
        if let Some(Ok(r)) = data.get() {
            for (signal, (field, ..)) in fields.iter().zip(KINDS) {
                signal.set(days_of(&r.settings, field).map(|d| d.to_string()).unwrap_or_default());
            }
        }
    });
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        // A number that does not parse is sent as one out of range, so the
        // server names its field; an empty notes period keeps the notes.
        let n = |i: usize| fields[i].get_untracked().trim().parse::<i32>().unwrap_or(-1);
        let notes = fields[5].get_untracked();
        let s = RetentionSettings {
            mail_body_days: n(0),
            login_attempt_days: n(1),
            token_days: n(2),
            evaluation_link_days: n(3),
            audit_days: n(4),
            session_notes_days: (!notes.trim().is_empty()).then(|| n(5)),
            untrained_days: n(6),
        };
        spawn_local(async move {
            match api::save_retention(&s).await {
                Ok(_) => {
                    error.set(None);
                    notice::confirm(k!("ret.saved"), None);
                    reload.update(|n| *n += 1);
                }
                Err(e) => error.set(Some(e)),
            }
        });
    };
    view! {
        <h1 class="utrecht-heading-1">{t!("ret.title")}</h1>
        <p class="utrecht-paragraph utrecht-paragraph--lead">{t!("ret.intro")}" "
            <leptos_router::components::A href="/privacy" attr:class="utrecht-link">{t!("ret.statement")}</leptos_router::components::A>
        </p>
        {error_alert(error)}
        <section class="va-section" aria-labelledby="ret-periods">
            <h2 class="utrecht-heading-2" id="ret-periods">{t!("ret.periods")}</h2>
            <form class="va-form va-form--grid" on:submit=save novalidate=true data-testid="retention-form">
                <TextField id="ret-mail" required=true label=k!("ret.mail") kind="number" value=fields[0] error=field_error(error, "mail_body_days")/>
                <TextField id="ret-attempts" required=true label=k!("ret.attempts") kind="number" value=fields[1] error=field_error(error, "login_attempt_days")/>
                <TextField id="ret-tokens" required=true label=k!("ret.tokens") kind="number" value=fields[2] error=field_error(error, "token_days")/>
                <TextField id="ret-evaluation" required=true label=k!("ret.evaluation") kind="number" value=fields[3] error=field_error(error, "evaluation_link_days")/>
                <TextField id="ret-audit" required=true label=k!("ret.audit") kind="number" value=fields[4] error=field_error(error, "audit_days")/>
                <TextField id="ret-notes" label=k!("ret.notes") kind="number" value=fields[5] error=field_error(error, "session_notes_days")/>
                <TextField id="ret-untrained" required=true label=k!("ret.untrained") kind="number" value=fields[6] error=field_error(error, "untrained_days")/>
                <div class="va-actions">
                    <button type="submit" class="utrecht-button utrecht-button--primary-action" data-testid="retention-save">{t!("org.save")}</button>
                </div>
            </form>
            <p class="utrecht-paragraph">{t!("ret.floors")}</p>
        </section>
        <section class="va-section" aria-labelledby="ret-purges">
            <h2 class="utrecht-heading-2" id="ret-purges">{t!("ret.purges")}</h2>
            {loaded(data, move |r| if r.purges.is_empty() {
                view! { <p class="utrecht-paragraph" data-testid="purges-none">{t!("ret.no_purges")}</p> }.into_any()
            } else {
                view! {
                    <Table testid="purges" headers=vec![(k!("ret.when"), false), (k!("priv.what"), false), (k!("ret.rows"), true)]>
                        {r.purges.into_iter().map(|p| {
                            let what = KINDS.iter().find(|(f, ..)| f.trim_end_matches("_days") == p.kind).map(|(_, w, ..)| *w);
                            view! {
                                <tr class="utrecht-table__row">
                                    <th class="utrecht-table__header-cell" scope="row">{local_time(p.at)}</th>
                                    <td class="utrecht-table__cell">{move || what.map(|w| lookup(lang.get(), w).to_string()).unwrap_or_else(|| p.kind.clone())}</td>
                                    <td class="utrecht-table__cell utrecht-table__cell--numeric">{p.rows}</td>
                                </tr>
                            }
                        }).collect_view()}
                    </Table>
                }.into_any()
            })}
        </section>
    }
}

//! `/bel/logboek`: the audit log BEL reads: who did what, when, to which
//! object; a change with the fields it changed (before → after); who opened
//! or downloaded personal data. Filtered by who, what kind, object and period.

use crate::api::{self, ApiError, AuditFilter, AUDIT_PAGE};
use crate::components::common::{error_alert, field_error, Table, TextField};
use crate::components::format::local_time;
use crate::components::guard::RequireRole;
use crate::components::loaded::{load, loaded};
use crate::components::notice;
use crate::i18n::{lookup, tr, use_lang, Key};
use crate::session::Session;
use leptos::prelude::*;
use va_openapi::auth::Role;
use va_openapi::reference::AuditEntry;

/// Dutch names of the kinds of entry; another kind shows as it is stored.
const KINDS: [(&str, Key); 20] = [
    ("auth", k!("aud.k_auth")),
    ("budget", k!("aud.k_budget")),
    ("enrolment", k!("aud.k_enrolment")),
    ("evaluation", k!("aud.k_evaluation")),
    ("export", k!("aud.k_export")),
    ("feedback", k!("aud.k_feedback")),
    ("followup", k!("aud.k_followup")),
    ("group", k!("aud.k_group")),
    ("mail", k!("aud.k_mail")),
    ("monitoring", k!("aud.k_monitoring")),
    ("organisation", k!("aud.k_organisation")),
    ("planner", k!("aud.k_planner")),
    ("privacy", k!("aud.k_privacy")),
    ("professional", k!("aud.k_professional")),
    ("programme", k!("aud.k_programme")),
    ("readiness", k!("aud.k_readiness")),
    ("request", k!("aud.k_request")),
    ("survey", k!("aud.k_survey")),
    ("training", k!("aud.k_training")),
    ("user", k!("aud.k_user")),
];

fn kind_label(lang: crate::i18n::Lang, kind: &str) -> String {
    KINDS.iter().find(|(k, _)| *k == kind).map(|(_, key)| lookup(lang, *key).to_string()).unwrap_or_else(|| kind.to_string())
}

#[component]
pub fn AuditPage() -> impl IntoView {
    view! { <RequireRole role=Role::BelCoordinator render=|_: Session| view! { <Audit/> }/> }
}

#[component]
fn Audit() -> impl IntoView {
    let lang = use_lang();
    let applied = RwSignal::new(AuditFilter::default());
    let error: RwSignal<Option<ApiError>> = RwSignal::new(None);
    let page = load(None, move || {
        let f = applied.get();
        async move { api::audit(&f).await }
    });
    // The form's fields; applied on submit.
    let (actor, kind, subject, from, to) = (RwSignal::new(String::new()), RwSignal::new(String::new()), RwSignal::new(String::new()), RwSignal::new(String::new()), RwSignal::new(String::new()));
    // The filters are tried first: a refused one shows at its field and the
    // list keeps what it showed.
    let apply = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let f = AuditFilter { actor: actor.get_untracked(), kind: kind.get_untracked(), subject: subject.get_untracked(), from: from.get_untracked(), to: to.get_untracked(), offset: 0 };
        leptos::task::spawn_local(async move {
            match api::audit(&f).await {
                Ok(p) => {
                    error.set(None);
                    applied.set(f);
                    notice::confirm(k!("aud.applied"), Some(p.entries.len().to_string()));
                }
                Err(e) => error.set(Some(e)),
            }
        });
    };
    let turn = move |forward: bool| {
        applied.update(|f| f.offset = if forward { f.offset + AUDIT_PAGE } else { f.offset.saturating_sub(AUDIT_PAGE) });
    };
    // The choices come with every page; the first answer fills the selects.
    let choices = RwSignal::new((Vec::new(), Vec::new()));
    Effect::new(move |_| {
        if let Some(Ok(p)) = page.get() {
            choices.set((p.actors.clone(), p.kinds.clone()));
        }
    });
    view! {
        <h1 class="utrecht-heading-1">{t!("aud.title")}</h1>
        <p class="utrecht-paragraph utrecht-paragraph--lead">{t!("aud.intro")}</p>
        {error_alert(error)}
        <form class="va-form va-filters" on:submit=apply novalidate=true data-testid="audit-filters">
            <div class="utrecht-form-field">
                <div class="utrecht-form-field__label"><label class="utrecht-form-label" for="aud-actor">{t!("aud.who")}</label></div>
                <div class="utrecht-form-field__input">
                    <select id="aud-actor" class="utrecht-select utrecht-select--html-select" on:change=move |ev| actor.set(event_target_value(&ev))>
                        <option value="">{t!("aud.anyone")}</option>
                        {move || choices.get().0.into_iter().map(|a| view! { <option value=a.id.to_string() selected=actor.get_untracked() == a.id.to_string()>{a.name}</option> }).collect_view()}
                    </select>
                </div>
            </div>
            <div class="utrecht-form-field">
                <div class="utrecht-form-field__label"><label class="utrecht-form-label" for="aud-kind">{t!("aud.kind")}</label></div>
                <div class="utrecht-form-field__input">
                    <select id="aud-kind" class="utrecht-select utrecht-select--html-select" on:change=move |ev| kind.set(event_target_value(&ev))>
                        <option value="">{t!("aud.any_kind")}</option>
                        {move || choices.get().1.into_iter().map(|k| {
                            let label = kind_label(lang.get(), &k);
                            view! { <option value=k.clone() selected=kind.get_untracked() == k>{label}</option> }
                        }).collect_view()}
                    </select>
                </div>
            </div>
            <TextField id="aud-subject" label=k!("aud.subject") value=subject error=field_error(error, "subject")/>
            <TextField id="aud-from" label=k!("aud.from") kind="date" value=from error=field_error(error, "from")/>
            <TextField id="aud-to" label=k!("aud.to") kind="date" value=to error=field_error(error, "to")/>
            <div class="va-actions">
                <button type="submit" class="utrecht-button utrecht-button--primary-action" data-testid="audit-apply">{t!("aud.apply")}</button>
            </div>
        </form>
        <section class="va-section" aria-labelledby="aud-list">
            <h2 class="utrecht-heading-2" id="aud-list">{t!("aud.entries")}</h2>
            {loaded(page, move |p| {
                let (first, more) = (applied.get_untracked().offset == 0, p.more);
                view! {
                    {if p.entries.is_empty() {
                        view! { <p class="utrecht-paragraph" data-testid="audit-none">{t!("aud.none")}</p> }.into_any()
                    } else {
                        view! { <AuditTable entries=p.entries/> }.into_any()
                    }}
                    <nav class="va-pager" aria-label=move || lookup(lang.get(), k!("pager.label"))>
                        {(!first).then(|| view! { <button type="button" class="utrecht-button utrecht-button--secondary-action" data-testid="audit-newer" on:click=move |_| turn(false)>{t!("aud.newer")}</button> })}
                        {more.then(|| view! { <button type="button" class="utrecht-button utrecht-button--secondary-action" data-testid="audit-older" on:click=move |_| turn(true)>{t!("aud.older")}</button> })}
                    </nav>
                }.into_any()
            })}
        </section>
    }
}

/// Audit entries as a table: when, who, what, which object, what changed.
#[component]
pub fn AuditTable(entries: Vec<AuditEntry>) -> impl IntoView {
    let lang = use_lang();
    view! {
        <Table testid="audit" headers=vec![(k!("aud.when"), false), (k!("aud.who"), false), (k!("aud.what"), false), (k!("aud.object"), false), (k!("aud.changes"), false)]>
            {entries.into_iter().map(|e| {
                let kind = e.action.split('.').next().unwrap_or_default().to_string();
                view! {
                    <tr class="utrecht-table__row" data-testid=format!("audit-{}", e.id)>
                        <th class="utrecht-table__header-cell" scope="row">{local_time(e.at)}</th>
                        <td class="utrecht-table__cell">{match e.actor.clone() { Some(a) => a.into_any(), None => tr(k!("aud.system")).into_any() }}</td>
                        <td class="utrecht-table__cell"><span class="va-break">{move || kind_label(lang.get(), &kind)}" · "{e.action.clone()}</span></td>
                        <td class="utrecht-table__cell va-break">{e.subject.clone()}</td>
                        <td class="utrecht-table__cell va-break">
                            {(!e.changes.is_empty()).then(|| view! {
                                <ul class="va-changes">{e.changes.iter().map(|c| view! {
                                    <li>{format!("{}: {} → {}", c.field, c.before.clone().unwrap_or_else(|| "–".into()), c.after.clone().unwrap_or_else(|| "–".into()))}</li>
                                }).collect_view()}</ul>
                            })}
                            {e.detail.clone()}
                        </td>
                    </tr>
                }
            }).collect_view()}
        </Table>
    }
}

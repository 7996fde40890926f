//! `/bel/personen/:id`: everything the planner holds about one professional,
//! the files to hand over (JSON, a readable page) and erasure. Opening the
//! page is recorded in the audit log (the server does it).

use super::audit::AuditTable;
use crate::api::{self, ApiError};
use crate::components::common::{error_alert, param_id, Table};
use crate::components::format::{local_time, nl_date, opt};
use crate::components::guard::RequireRole;
use crate::components::loaded::{load, loaded};
use crate::components::notice;
use crate::components::labels::{enrolment_status_key, followup_kind_key as kind_key, mark_key, session_status_key, timeline_action_key as action_key};
use crate::i18n::{lookup, use_lang, Key};
use crate::session::Session;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_params_map;
use va_openapi::auth::Role;
use va_openapi::enrolment::EnrolmentStatus;
use va_openapi::followup::{FollowupKind, SessionStatus};
use va_openapi::training::AttendanceStatus;
use va_openapi::privacy::PersonData;
use va_openapi::ProfessionalId;

#[component]
pub fn PersonPage() -> impl IntoView {
    let params = use_params_map();
    view! {
        <RequireRole role=Role::BelCoordinator render=move |_: Session| {
            let id = ProfessionalId(param_id(params, "id"));
            view! { <Person id/> }
        }/>
    }
}

#[component]
fn Person(id: ProfessionalId) -> impl IntoView {
    let reload = RwSignal::new(0u32);
    let data = load(Some(reload), move || api::person(id));
    let error: RwSignal<Option<ApiError>> = RwSignal::new(None);
    let asking = RwSignal::new(false);
    let download = move |format: &'static str| {
        spawn_local(async move {
            match api::download(&format!("/api/v1/privacy/people/{id}/export?format={format}")).await {
                Ok(name) => notice::confirm(k!("ppl.downloaded"), Some(name)),
                Err(e) => error.set(Some(e)),
            }
        });
    };
    let erase = move |_| {
        spawn_local(async move {
            match api::erase_person(id).await {
                Ok(done) => {
                    error.set(None);
                    asking.set(false);
                    notice::confirm(k!("ppl.erased_done"), Some(done.pseudonym));
                    reload.update(|n| *n += 1);
                }
                Err(e) => {
                    asking.set(false);
                    error.set(Some(e));
                }
            }
        });
    };
    view! {
        {loaded(data, move |d: PersonData| {
            let erased = d.profile.erased_at.is_some();
            view! {
                <h1 class="utrecht-heading-1">{d.profile.name.clone()}</h1>
                <p class="utrecht-paragraph utrecht-paragraph--lead">{t!("ppl.person_intro")}</p>
                {error_alert(error)}
                <dl class="va-facts" data-testid="person-profile">
                    <dt>{t!("ppl.email")}</dt><dd>{d.profile.email.clone()}</dd>
                    <dt>{t!("ppl.function")}</dt><dd>{opt(d.profile.function.clone())}</dd>
                    <dt>{t!("ppl.org")}</dt><dd>{d.profile.organisation.name.clone()}</dd>
                    <dt>{t!("ppl.since")}</dt><dd>{local_time(d.profile.created_at)}</dd>
                    <dt>{t!("ppl.trained_before")}</dt><dd>{opt(d.profile.trained_before_on.map(nl_date))}</dd>
                    {d.profile.erased_at.map(|at| view! { <dt>{t!("ppl.erased")}</dt><dd data-testid="person-erased">{local_time(at)}</dd> })}
                </dl>
                <div class="va-actions">
                    <button type="button" class="utrecht-button utrecht-button--secondary-action" data-testid="person-json" on:click=move |_| download("json")>{t!("ppl.download_json")}</button>
                    <button type="button" class="utrecht-button utrecht-button--secondary-action" data-testid="person-html" on:click=move |_| download("html")>{t!("ppl.download_html")}</button>
                    {(!erased).then(|| view! {
                        <button type="button" class="utrecht-button utrecht-button--subtle" data-testid="person-erase" aria-expanded=move || asking.get().to_string()
                            on:click=move |_| asking.set(true)>{t!("ppl.erase")}</button>
                    })}
                </div>
                <Show when=move || asking.get()>
                    <div class="utrecht-alert utrecht-alert--warning va-dialog" role="group" aria-labelledby="erase-q" data-testid="erase-confirm">
                        <p class="utrecht-paragraph" id="erase-q"><strong>{t!("ppl.erase_q")}</strong></p>
                        <p class="utrecht-paragraph">{t!("ppl.erase_text")}</p>
                        <div class="va-actions">
                            <button type="button" class="utrecht-button utrecht-button--primary-action" data-testid="erase-yes" on:click=erase>{t!("ppl.erase_yes")}</button>
                            <button type="button" class="utrecht-button utrecht-button--secondary-action" on:click=move |_| asking.set(false)>{t!("req.cancel")}</button>
                        </div>
                    </div>
                </Show>
                <Sections d/>
            }.into_any()
        })}
    }
}

/// A stored value by its name in the reader's language (as it is stored when unknown).
fn named(key: Option<Key>, raw: String) -> impl IntoView {
    let lang = use_lang();
    move || key.map(|k| lookup(lang.get(), k).to_string()).unwrap_or_else(|| raw.clone())
}

/// The person's data by kind, as tables.
#[component]
fn Sections(d: PersonData) -> impl IntoView {
    let section = |id: &'static str, title, empty: bool, body: AnyView| view! {
        <section class="va-section" aria-labelledby=id>
            <h2 class="utrecht-heading-2" id=id>{crate::i18n::tr(title)}</h2>
            {if empty { view! { <p class="utrecht-paragraph">{t!("ppl.nothing")}</p> }.into_any() } else { body }}
        </section>
    };
    view! {
        {section("p-enrolments", k!("ppl.enrolments"), d.enrolments.is_empty(), view! {
            <Table testid="person-enrolments" headers=vec![(k!("ppl.programme"), false), (k!("ppl.status"), false), (k!("ppl.group"), false), (k!("ppl.trained_on"), false), (k!("ppl.timeline"), false)]>
                {d.enrolments.into_iter().map(|e| view! {
                    <tr class="utrecht-table__row">
                        <th class="utrecht-table__header-cell" scope="row">{e.programme}</th>
                        <td class="utrecht-table__cell">{named(EnrolmentStatus::parse(&e.status).map(enrolment_status_key), e.status.clone())}</td>
                        <td class="utrecht-table__cell">{opt(e.group.map(|g| g.name))}</td>
                        <td class="utrecht-table__cell">{opt(e.trained_on.map(nl_date))}</td>
                        <td class="utrecht-table__cell"><ul class="va-changes">{e.timeline.into_iter().map(|t| view! {
                            <li>{local_time(t.at)}": "{named(Some(action_key(&t.action)), t.action.clone())}</li>
                        }).collect_view()}</ul></td>
                    </tr>
                }).collect_view()}
            </Table>
        }.into_any())}
        {section("p-attendance", k!("ppl.attendance"), d.attendance.is_empty(), view! {
            <Table testid="person-attendance" headers=vec![(k!("ppl.day"), false), (k!("ppl.group"), false), (k!("ppl.status"), false)]>
                {d.attendance.into_iter().map(|a| view! {
                    <tr class="utrecht-table__row">
                        <th class="utrecht-table__header-cell" scope="row">{nl_date(a.day)}</th>
                        <td class="utrecht-table__cell">{a.group}</td>
                        <td class="utrecht-table__cell">{named(AttendanceStatus::parse(&a.status).map(mark_key), a.status.clone())}</td>
                    </tr>
                }).collect_view()}
            </Table>
        }.into_any())}
        {section("p-followup", k!("ppl.followup"), d.followup.is_empty(), view! {
            <Table testid="person-followup" headers=vec![(k!("ppl.day"), false), (k!("ppl.kind"), false), (k!("ppl.status"), false)]>
                {d.followup.into_iter().map(|f| view! {
                    <tr class="utrecht-table__row">
                        <th class="utrecht-table__header-cell" scope="row">{nl_date(f.day)}</th>
                        <td class="utrecht-table__cell">{named(FollowupKind::parse(&f.kind).map(kind_key), f.kind.clone())}</td>
                        <td class="utrecht-table__cell">{named(SessionStatus::parse(&f.status).map(session_status_key), f.status.clone())}
                            {f.attendance.map(|a| view! { " · "{named(AttendanceStatus::parse(&a).map(mark_key), a.clone())} })}</td>
                    </tr>
                }).collect_view()}
            </Table>
        }.into_any())}
        {section("p-learning", k!("nav.learning"), d.learning.is_empty(), view! {
            <Table testid="person-learning" headers=vec![(k!("ppl.day"), false), (k!("ln.session_title"), false), (k!("ppl.status"), false)]>
                {d.learning.into_iter().map(|l| view! {
                    <tr class="utrecht-table__row">
                        <th class="utrecht-table__header-cell" scope="row">{nl_date(l.held_on)}</th>
                        <td class="utrecht-table__cell">{l.title}</td>
                        <td class="utrecht-table__cell">{named(va_openapi::learning::RegistrationStatus::parse(&l.status).map(crate::components::labels::registration_status_key), l.status.clone())}</td>
                    </tr>
                }).collect_view()}
            </Table>
        }.into_any())}
        {section("p-mails", k!("ppl.mails"), d.mails.is_empty(), view! {
            <Table testid="person-mails" headers=vec![(k!("ppl.when"), false), (k!("mail.subject"), false)]>
                {d.mails.into_iter().map(|m| view! {
                    <tr class="utrecht-table__row">
                        <th class="utrecht-table__header-cell" scope="row">{local_time(m.sent_at.unwrap_or(m.created_at))}</th>
                        <td class="utrecht-table__cell">{m.subject}</td>
                    </tr>
                }).collect_view()}
            </Table>
        }.into_any())}
        {section("p-audit", k!("ppl.audit"), d.audit.is_empty(), view! { <AuditTable entries=d.audit/> }.into_any())}
    }
}

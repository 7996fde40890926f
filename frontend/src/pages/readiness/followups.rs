//! Follow-up activities and the overview for BEL and ambassadors.

use super::*;
use crate::api::{self, ApiError};
use crate::components::labels::{answer_key, check_status_key};
use crate::components::format::{local_time, nl_date};
use crate::components::common::Table;
use crate::components::loaded::{load, loaded};
use crate::i18n::{lookup, use_lang};
use crate::session::use_session;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::{Redirect, A};
use va_openapi::readiness::*;

/// Follow-up activities with their status, which those involved can update.
#[component]
pub fn FollowupTable(items: Vec<Followup>, editable: bool, show_org: bool) -> impl IntoView {
    let lang = use_lang();
    let today = chrono::Local::now().date_naive();
    let mut headers = vec![(k!("rc.description"), false), (k!("rc.owner"), false), (k!("rc.due"), false), (k!("groups.status"), false)];
    if show_org {
        headers.insert(0, (k!("orgs.name"), false));
    }
    view! {
        <section class="va-section" data-testid="followups">
            <h2 class="utrecht-heading-2">{t!("rc.followups")}" ("{items.len()}")"</h2>
            {if items.is_empty() {
                view! { <p class="utrecht-paragraph va-empty">{t!("rc.no_followups")}</p> }.into_any()
            } else {
                view! {
                    <Table headers=headers>
                        {items.into_iter().map(|f| {
                            let status = RwSignal::new(f.status);
                            let overdue = f.due_on < today && f.status != FollowupStatus::Done;
                            let fid = f.id;
                            let sel = format!("fs-{fid}");
                            view! {
                                <tr class="utrecht-table__row">
                                    {show_org.then(|| view! { <td class="utrecht-table__cell">{f.organisation.name.clone()}</td> })}
                                    <th class="utrecht-table__header-cell" scope="row">{f.description.clone()}</th>
                                    <td class="utrecht-table__cell">{move || lookup(lang.get(), owner_key(f.owner))}</td>
                                    <td class="utrecht-table__cell">{nl_date(f.due_on)}{overdue.then(|| view! { " " <span class="va-status va-status--rejected">{t!("rc.overdue")}</span> })}</td>
                                    <td class="utrecht-table__cell">
                                        {if editable {
                                            view! {
                                                <label class="va-visually-hidden" for=sel.clone()>{t!("groups.status")}</label>
                                                <select id=sel class="utrecht-select utrecht-select--html-select"
                                                    on:change=move |ev| {
                                                        let s = FollowupStatus::parse(&event_target_value(&ev)).unwrap_or(FollowupStatus::Open);
                                                        spawn_local(async move { if api::update_followup(fid, s).await.is_ok() { status.set(s); } });
                                                    }>
                                                    {FollowupStatus::ALL.iter().copied().map(|s| view! {
                                                        <option value=s.as_str() selected=move || status.get() == s>{move || lookup(lang.get(), followup_status_key(s))}</option>
                                                    }).collect_view()}
                                                </select>
                                            }.into_any()
                                        } else {
                                            view! { <span>{move || lookup(lang.get(), followup_status_key(status.get()))}</span> }.into_any()
                                        }}
                                    </td>
                                </tr>
                            }
                        }).collect_view()}
                    </Table>
                }.into_any()
            }}
        </section>
    }
}

/// The organisation's follow-up activities (its contact's start page).
#[component]
pub fn OrgFollowups() -> impl IntoView {
    let data = load(None, move || async move { api::followups().await });
    view! {
        {loaded(data, move |list| view! { <FollowupTable items=list editable=true show_org=false/> }.into_any())}
    }
}

/// `/readiness`: items x organisations, open follow-ups, and the checks (BEL, ambassadors).
#[component]
pub fn OverviewPage() -> impl IntoView {
    let sess = use_session();
    move || match sess.get() {
        None => view! { <Redirect path="/inloggen"/> }.into_any(),
        Some(_) => view! { <OverviewView/> }.into_any(),
    }
}

pub(super) async fn load_overview() -> Result<(Overview, Vec<CheckSummary>), ApiError> {
    Ok((api::readiness_overview().await?, api::readiness_checks().await?))
}

#[component]
pub(super) fn OverviewView() -> impl IntoView {
    let lang = use_lang();
    let data = load(None, move || load_overview());
    view! {
        <h1 class="utrecht-heading-1">{t!("rc.overview")}</h1>
        <p class="utrecht-paragraph utrecht-paragraph--lead">{t!("rc.overview_intro")}</p>
        {loaded(data, move |(ov, checks)| {
                    let orgs = ov.organisations.clone();
                    view! {
                        <section class="va-section">
                            <h2 class="utrecht-heading-2">{t!("rc.matrix")}</h2>
                            {if orgs.is_empty() {
                                view! { <p class="utrecht-paragraph va-empty">{t!("rc.no_checks")}</p> }.into_any()
                            } else {
                                view! {
                                    <div class="va-table-wrap" tabindex="0">
                                    <table class="utrecht-table va-table va-matrix" data-testid="matrix">
                                        <thead class="utrecht-table__header"><tr class="utrecht-table__row">
                                            <th class="utrecht-table__header-cell" scope="col">{t!("rc.item")}</th>
                                            {orgs.clone().into_iter().map(|o| view! {
                                                <th class="utrecht-table__header-cell" scope="col">
                                                    <A href=format!("/readiness/{}", o.check_id) attr:class="utrecht-link">{o.organisation.name}</A>
                                                </th>
                                            }).collect_view()}
                                        </tr></thead>
                                        <tbody class="utrecht-table__body">
                                            {ov.items.iter().map(|item| view! {
                                                <tr class="utrecht-table__row">
                                                    <th class="utrecht-table__header-cell" scope="row">{item.title.clone()}</th>
                                                    {orgs.iter().map(|o| {
                                                        let a = o.answers.iter().find(|a| a.code == item.code).map(|a| a.answer);
                                                        let class = a.map(|a| format!("va-ans va-ans--{}", a.as_str())).unwrap_or_else(|| "va-ans".into());
                                                        view! { <td class=format!("utrecht-table__cell {class}")>{move || a.map(|a| lookup(lang.get(), answer_key(a))).unwrap_or("—")}</td> }
                                                    }).collect_view()}
                                                </tr>
                                            }).collect_view()}
                                        </tbody>
                                    </table>
                                    </div>
                                }.into_any()
                            }}
                        </section>
                        <FollowupTable items=ov.open_followups.clone() editable=false show_org=true/>
                        <section class="va-section">
                            <h2 class="utrecht-heading-2">{t!("rc.checks")}</h2>
                            <Table testid="checks" headers=vec![(k!("orgs.name"), false), (k!("groups.status"), false), (k!("rc.when"), false), (k!("rc.version"), true)]>
                                {checks.into_iter().map(|c| {
                                    let s = c.status;
                                    view! {
                                        <tr class="utrecht-table__row">
                                            <th class="utrecht-table__header-cell" scope="row">
                                                <A href=format!("/readiness/{}", c.id) attr:class="utrecht-link">{c.organisation.name}</A>
                                            </th>
                                            <td class="utrecht-table__cell">{move || lookup(lang.get(), check_status_key(s))}</td>
                                            <td class="utrecht-table__cell">{c.scheduled_at.map(local_time).unwrap_or_else(|| "—".into())}</td>
                                            <td class="utrecht-table__cell utrecht-table__cell--numeric">{c.template_version}</td>
                                        </tr>
                                    }
                                }).collect_view()}
                            </Table>
                        </section>
                    }.into_any()
                })}
    }
}

//! The follow-up page: requests, sessions, the trained without follow-up, per organisation.

use super::*;
use crate::api::{self, ApiError};
use crate::components::common::badge;
use crate::components::format::{eur, local_time, nl_date};
use crate::components::common::{error_alert, ListSection, reload_on_ok, Table};
use crate::components::loaded::{load, loaded};
use crate::components::guard::RequireAnyRole;
use crate::i18n::{lookup, tr, use_lang};
use crate::session::Session;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use va_openapi::auth::Role;
use va_openapi::followup::*;

pub(super) const FOLLOWUP_ROLES: &[Role] = &[Role::BelCoordinator, Role::Ambassador, Role::OrgContact, Role::Trainer];

/// `/nazorg`: the trained and their follow-up in the caller's scope; BEL and trainers plan, organisations request.
#[component]
pub fn FollowupPage() -> impl IntoView {
    view! { <RequireAnyRole roles=FOLLOWUP_ROLES render=|s: Session| view! { <Followup role=s.user.role/> }/> }
}

#[component]
pub(super) fn Followup(role: Role) -> impl IntoView {
    let reload = RwSignal::new(0u32);
    let error: RwSignal<Option<ApiError>> = RwSignal::new(None);
    let from_request: RwSignal<Option<FollowupRequestView>> = RwSignal::new(None);
    let data = load(Some(reload), move || async move { api::followup().await });
    let plans = matches!(role, Role::BelCoordinator | Role::Trainer);
    view! {
        <h1 class="utrecht-heading-1" data-testid="followup-title">{t!("fu.title")}</h1>
        <crate::components::exports::Exports list="followup"/>
        <p class="utrecht-paragraph utrecht-paragraph--lead">{tr(match role {
            Role::BelCoordinator => k!("fu.intro.bel"),
            Role::Trainer => k!("fu.intro.trainer"),
            Role::Ambassador => k!("fu.intro.amb"),
            Role::OrgContact => k!("fu.intro.org"),
        })}</p>
        {error_alert(error)}
        {loaded(data, move |o| {
                    let planned = o.sessions.iter().filter(|s| s.status == SessionStatus::Planned).count();
                    view! {
                        <p class="utrecht-paragraph va-summary" data-testid="followup-summary">
                            <strong>{o.trained.len()}</strong>" "{t!("fu.trained")}" · "
                            <strong>{o.without_followup.len()}</strong>" "{t!("fu.without")}" · "
                            <strong>{planned}</strong>" "{t!("fu.planned_sessions")}
                        </p>
                        // "Trained, not yet supervised" means exactly that, per kind of follow-up.
                        <p class="utrecht-paragraph va-summary" data-testid="followup-per-kind">
                            {o.per_kind.iter().enumerate().map(|(i, c)| view! {
                                {(i > 0).then_some(" · ")}<strong>{c.without}</strong>" "{tr(not_yet_key(c.kind, false))}
                            }).collect_view()}
                        </p>
                        {(role != Role::Trainer).then(|| view! {
                            <Requests requests=o.requests.clone() role=role reload=reload error=error from_request=from_request/>
                        })}
                        {plans.then(|| view! { <PlanForm role=role trained=o.trained.clone() reload=reload error=error from_request=from_request/> })}
                        {(role == Role::OrgContact).then(|| view! { <RequestForm trained=o.trained.clone() reload=reload error=error/> })}
                        <Sessions sessions=o.sessions.clone()/>
                        <WithoutFollowup people=o.without_followup.clone()/>
                        {(role != Role::OrgContact).then(|| view! { <PerOrganisation rows=o.per_organisation.clone()/> })}
                        {(role == Role::BelCoordinator).then(|| view! { <DeliverySettingsForm/> })}
                    }.into_any()
                })}
    }
}

#[component]
pub(super) fn Requests(
    requests: Vec<FollowupRequestView>,
    role: Role,
    reload: RwSignal<u32>,
    error: RwSignal<Option<ApiError>>,
    from_request: RwSignal<Option<FollowupRequestView>>,
) -> impl IntoView {
    let lang = use_lang();
    view! {
        <section class="va-section" data-testid="followup-requests">
            <h2 class="utrecht-heading-2">{tr(if role == Role::OrgContact { k!("fu.requests_mine") } else { k!("fu.requests") })}</h2>
            {if requests.is_empty() {
                view! { <p class="utrecht-paragraph va-empty">{t!("fu.no_requests")}</p> }.into_any()
            } else {
                view! {
                    <Table headers={
                        let mut h = vec![(k!("fu.requested_on"), false), (k!("fu.kind"), false), (k!("orgs.name"), false), (k!("fu.who"), false), (k!("groups.status"), false)];
                        if role == Role::BelCoordinator { h.push((k!("req.actions"), false)); }
                        h
                    }>
                        {requests.into_iter().map(|r| {
                            let status = r.status;
                            let reason = RwSignal::new(String::new());
                            let declining = RwSignal::new(false);
                            let rid = r.id;
                            let for_plan = r.clone();
                            let decline = move |_| {
                                let why = reason.get_untracked();
                                spawn_local(async move { reload_on_ok(reload, error)(api::decline_followup_request(rid, why).await) });
                            };
                            view! {
                                <tr class="utrecht-table__row" data-testid="request-row">
                                    <th class="utrecht-table__header-cell" scope="row">{local_time(r.created_at)}</th>
                                    <td class="utrecht-table__cell">{move || lookup(lang.get(), kind_key(r.kind))}</td>
                                    <td class="utrecht-table__cell">{r.organisation.name.clone()}</td>
                                    <td class="utrecht-table__cell">{names(&r.professionals)}<div class="va-muted va-pre">{r.message.clone()}</div></td>
                                    <td class="utrecht-table__cell">
                                        {badge(status.as_str(), request_status_key(status))}
                                        {r.reason.clone().map(|why| view! { <div class="va-muted">{why}</div> })}
                                        {r.session_id.map(|s| view! { <div><A href=format!("/nazorg/sessies/{s}") attr:class="utrecht-link">{t!("fu.to_session")}</A></div> })}
                                    </td>
                                    {(role == Role::BelCoordinator).then(|| view! { <td class="utrecht-table__cell">
                                        {(status == FollowupRequestStatus::Open).then(|| view! {
                                            <div class="va-row-actions">
                                                <button type="button" class="utrecht-button utrecht-button--secondary-action" data-testid="request-plan"
                                                    on:click=move |_| {
                                                        from_request.set(Some(for_plan.clone()));
                                                        if let Some(el) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.get_element_by_id("plan-kind")) {
                                                            if let Ok(el) = wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(el) { let _ = el.focus(); }
                                                        }
                                                    }>{t!("fu.plan_this")}</button>
                                                <button type="button" class="utrecht-button utrecht-button--subtle" aria-expanded=move || declining.get().to_string()
                                                    on:click=move |_| declining.update(|d| *d = !*d)>{t!("fu.decline")}</button>
                                            </div>
                                            <Show when=move || declining.get()>
                                                <div class="va-dialog">
                                                    <label class="utrecht-form-label" for=format!("decline-{rid}")>{t!("fu.decline_reason")}</label>
                                                    <textarea id=format!("decline-{rid}") class="utrecht-textarea utrecht-textarea--html-textarea" rows="2"
                                                        prop:value=move || reason.get() on:input=move |ev| reason.set(event_target_value(&ev))></textarea>
                                                    <div><button type="button" class="utrecht-button utrecht-button--secondary-action" on:click=decline>{t!("fu.decline_confirm")}</button></div>
                                                </div>
                                            </Show>
                                        })}
                                    </td> })}
                                </tr>
                            }
                        }).collect_view()}
                    </Table>
                }.into_any()
            }}
        </section>
    }
}

#[component]
pub(super) fn Sessions(sessions: Vec<SessionView>) -> impl IntoView {
    let lang = use_lang();
    view! {
        <ListSection testid="sessions" title=k!("fu.sessions") empty=k!("fu.no_sessions") is_empty=sessions.is_empty()>
                    <Table headers=vec![(k!("group.day"), false), (k!("fu.kind"), false), (k!("fu.who"), false), (k!("wl.trainer"), false), (k!("groups.status"), false), (k!("fu.cost"), true)]>
                        {sessions.into_iter().map(|s| {
                            let kind = s.kind;
                            let status = s.status;
                            let who = s.group.as_ref().map(|g| g.name.clone()).unwrap_or_else(|| s.participants.iter().map(|p| p.name.clone()).collect::<Vec<_>>().join(", "));
                            view! {
                                <tr class="utrecht-table__row" data-testid="session-row">
                                    <th class="utrecht-table__header-cell" scope="row">
                                        <A href=format!("/nazorg/sessies/{}", s.id) attr:class="utrecht-link">{nl_date(s.day)}</A>
                                        <div class="va-muted">{s.starts_at.clone()}" – "{s.ends_at.clone()}" · "{s.place.clone()}</div>
                                    </th>
                                    <td class="utrecht-table__cell">{move || lookup(lang.get(), kind_key(kind))}</td>
                                    <td class="utrecht-table__cell">{who}<div class="va-muted">{s.participants.len()}" "{t!("tr.participants")}</div></td>
                                    <td class="utrecht-table__cell">{s.trainer.as_ref().map(|t| t.name.clone()).unwrap_or_default()}</td>
                                    <td class="utrecht-table__cell">{badge(status.as_str(), session_status_key(status))}</td>
                                    <td class="utrecht-table__cell utrecht-table__cell--numeric">{eur(s.cost_eur)}</td>
                                </tr>
                            }
                        }).collect_view()}
                    </Table>
        </ListSection>
    }
}

#[component]
pub(super) fn WithoutFollowup(people: Vec<TrainedProfessional>) -> impl IntoView {
    view! {
        <ListSection testid="without-followup" title=k!("fu.without_title") empty=k!("fu.everyone_followed") is_empty=people.is_empty()>
                    <Table headers=vec![(k!("pros.name"), false), (k!("orgs.name"), false), (k!("groups.region"), false), (k!("fu.trained_on"), false), (k!("fu.days_since"), true), (k!("groups.status"), false)]>
                        {people.into_iter().map(|p| view! {
                            <tr class="utrecht-table__row" data-testid="without-row">
                                <th class="utrecht-table__header-cell" scope="row">{p.professional.name.clone()}</th>
                                <td class="utrecht-table__cell">{p.organisation.name.clone()}</td>
                                <td class="utrecht-table__cell">{p.region.as_ref().map(|r| r.name.clone()).unwrap_or_default()}</td>
                                <td class="utrecht-table__cell">{nl_date(p.trained_on)}</td>
                                <td class="utrecht-table__cell utrecht-table__cell--numeric">{p.days_since_training}</td>
                                <td class="utrecht-table__cell">{if p.planned { badge("open", k!("fu.is_planned")).into_any() } else { badge("returned", k!("fu.nothing_yet")).into_any() }}</td>
                            </tr>
                        }).collect_view()}
                    </Table>
        </ListSection>
    }
}

/// "Not yet had" a kind: in a sentence, or as a column header.
fn not_yet_key(kind: FollowupKind, header: bool) -> crate::i18n::Key {
    match (kind, header) {
        (FollowupKind::Supervision, false) => k!("fu.no_supervision"),
        (FollowupKind::Coaching, false) => k!("fu.no_coaching"),
        (FollowupKind::Deepening, false) => k!("fu.no_deepening"),
        (FollowupKind::Supervision, true) => k!("fu.col_no_supervision"),
        (FollowupKind::Coaching, true) => k!("fu.col_no_coaching"),
        (FollowupKind::Deepening, true) => k!("fu.col_no_deepening"),
    }
}

#[component]
pub(super) fn PerOrganisation(rows: Vec<OrganisationFollowup>) -> impl IntoView {
    view! {
        <ListSection testid="per-organisation" title=k!("fu.per_org") empty=k!("fu.none_trained") is_empty=rows.is_empty()>
                    <Table headers=[(k!("orgs.name"), false), (k!("groups.region"), false), (k!("fu.trained_col"), true), (k!("fu.with_followup"), true), (k!("fu.attended"), true)]
                        .into_iter().chain(FollowupKind::ALL.iter().map(|k| (not_yet_key(*k, true), true))).collect()>
                        {rows.into_iter().map(|r| view! {
                            <tr class="utrecht-table__row">
                                <th class="utrecht-table__header-cell" scope="row">{r.organisation.name.clone()}</th>
                                <td class="utrecht-table__cell">{r.region.as_ref().map(|x| x.name.clone()).unwrap_or_default()}</td>
                                <td class="utrecht-table__cell utrecht-table__cell--numeric">{r.trained}</td>
                                <td class="utrecht-table__cell utrecht-table__cell--numeric">{r.with_followup}</td>
                                <td class="utrecht-table__cell utrecht-table__cell--numeric">{r.sessions_attended}</td>
                                {r.per_kind.iter().map(|c| view! { <td class="utrecht-table__cell utrecht-table__cell--numeric">{c.without}</td> }).collect_view()}
                            </tr>
                        }).collect_view()}
                    </Table>
        </ListSection>
    }
}

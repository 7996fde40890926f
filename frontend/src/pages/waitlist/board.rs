//! BEL's board: the list with priorities and reasons, and what goes with it.

use super::*;
use crate::api::{self, ApiError};
use crate::components::common::badge;
use crate::components::format::local_time;
use crate::components::common::{error_alert, reload_on_ok, Pager, Table};
use crate::components::loaded::{load, loaded};
use crate::components::guard::RequireRole;
use crate::i18n::{lookup, use_lang};
use crate::session::Session;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use va_openapi::auth::Role;
use va_openapi::enrolment::WaitlistEntry;
use va_openapi::waitlist::*;
use va_openapi::{EnrolmentId, GroupId};

#[component]
pub fn WaitlistBoardPage() -> impl IntoView {
    view! { <RequireRole role=Role::BelCoordinator render=|_: Session| view! { <Board/> }/> }
}

pub(super) type BoardData = (WaitlistBoard, Vec<va_openapi::admin::Account>, Vec<va_openapi::reference::Region>);

pub(super) async fn load_board() -> Result<BoardData, ApiError> {
    let p = first_programme().await?;
    let board = api::waitlist_board(p).await?;
    let trainers = api::trainers().await?;
    Ok((board, trainers, api::regions().await?))
}

#[component]
pub(super) fn Board() -> impl IntoView {
    let reload = RwSignal::new(0u32);
    let error: RwSignal<Option<ApiError>> = RwSignal::new(None);
    let data = load(Some(reload), move || load_board());
    let list_page = RwSignal::new(0usize);
    view! {
        <h1 class="utrecht-heading-1">{t!("wl.title")}</h1>
        <p class="utrecht-paragraph utrecht-paragraph--lead">{t!("wl.intro")}</p>
        <crate::components::exports::Exports list="waitlist"/>
        {error_alert(error)}
        {loaded(data, move |(b, trainers, regions)| {
                    let open_offers = b.offers.iter().filter(|o| o.status == OfferStatus::Open).count();
                    let free: i32 = b.groups.iter().filter(|g| !g.started).map(|g| g.free).sum();
                    let open_groups: Vec<(GroupId, String, i32)> = b.groups.iter().filter(|g| !g.started && g.free > 0).map(|g| (g.group.id, g.group.name.clone(), g.free)).collect();
                    let subs: Vec<SubstitutionView> = b.substitutions.clone();
                    view! {
                        <p class="utrecht-paragraph va-summary" data-testid="wl-summary">
                            <strong>{b.entries.len()}</strong>" "{t!("wl.s_waiting")}" · "<strong>{open_offers}</strong>" "{t!("wl.s_offers")}
                            " · "<strong>{free}</strong>" "{t!("wl.s_free")}
                        </p>
                        <Proposals proposals=b.proposals.clone() trainers=trainers reload=reload error=error/>
                        <section class="va-section" data-testid="board-offers">
                            <h2 class="utrecht-heading-2">{t!("wl.offers_title")}</h2>
                            {if b.offers.is_empty() {
                                view! { <p class="utrecht-paragraph va-empty">{t!("wl.no_offers")}</p> }.into_any()
                            } else {
                                view! { <OffersTable offers=b.offers.clone() title=k!("wl.offers_sub")/> }.into_any()
                            }}
                        </section>
                        {(!subs.is_empty()).then(|| view! {
                            <section class="va-section">
                                <h2 class="utrecht-heading-2">{t!("wl.subs_title")}</h2>
                                <Table headers=vec![(k!("orgs.name"), false), (k!("wl.withdrawn"), false), (k!("req.group"), false), (k!("wl.deadline"), false), (k!("groups.status"), false)]>
                                    {subs.into_iter().map(|s| view! {
                                        <tr class="utrecht-table__row">
                                            <th class="utrecht-table__header-cell" scope="row">{s.organisation.name.clone()}</th>
                                            <td class="utrecht-table__cell">{s.withdrawn.clone()}{s.substitute.clone().map(|n| view! { <div class="va-muted">"→ "{n}</div> })}</td>
                                            <td class="utrecht-table__cell">{s.group.name.clone()}</td>
                                            <td class="utrecht-table__cell">{local_time(s.deadline)}</td>
                                            <td class="utrecht-table__cell">{badge(s.status.as_str(), subst_status_key(s.status))}</td>
                                        </tr>
                                    }).collect_view()}
                                </Table>
                            </section>
                        })}
                        <ListTable entries=b.entries.clone() groups=open_groups offset=list_page reload=reload error=error/>
                        <GroupSeatsTable groups=b.groups.clone() regions=regions reload=reload error=error/>
                        <Budgets budgets=b.budgets.clone() reload=reload error=error/>
                        <SettingsForm settings=b.settings.clone() programme=b.programme_id reload=reload error=error/>
                    }.into_any()
                })}
    }
}

#[component]
pub(super) fn ListTable(
    entries: Vec<WaitlistEntry>,
    groups: Vec<(GroupId, String, i32)>,
    /// The page shown; the page owns it, so a reload after an action keeps the reader's page.
    offset: RwSignal<usize>,
    reload: RwSignal<u32>,
    error: RwSignal<Option<ApiError>>,
) -> impl IntoView {
    let lang = use_lang();
    let total = entries.len();
    let entries = StoredValue::new(entries);
    view! {
        <section class="va-section" data-testid="board-list">
            <h2 class="utrecht-heading-2">{t!("wl.list_title")}" ("{total}")"</h2>
            <p class="utrecht-paragraph va-muted">{t!("wl.list_rule")}</p>
            {if total == 0 {
                view! { <p class="utrecht-paragraph va-empty">{t!("board.empty")}</p> }.into_any()
            } else {
                view! {
                    <Table headers=vec![(k!("wl.position"), true), (k!("pros.name"), false), (k!("orgs.name"), false), (k!("groups.region"), false),
                                        (k!("wl.priority"), true), (k!("board.approved_at"), false), (k!("wl.offer"), false), (k!("req.actions"), false)]>
                        {move || entries.get_value().into_iter().skip(offset.get()).take(crate::api::PAGE).map(|e| {
                            let open = RwSignal::new(None::<&'static str>);
                            let adj = RwSignal::new(e.priority_adjustment.to_string());
                            let reason = RwSignal::new(String::new());
                            let group = RwSignal::new(groups.first().map(|g| g.0 .0.to_string()).unwrap_or_default());
                            let id: EnrolmentId = e.enrolment_id;
                            let has_offer = e.offer_group.is_some();
                            let groups = StoredValue::new(groups.clone());
                            let confirm = move |_| {
                                let r = reason.get_untracked();
                                let kind = open.get_untracked();
                                spawn_local(async move {
                                    let res = match kind {
                                        Some("priority") => api::set_priority(id, adj.get_untracked().parse().unwrap_or(0), r).await.map(|_| ()),
                                        _ => {
                                            let g = group.get_untracked().parse::<i64>().unwrap_or(0);
                                            api::manual_offer(&ManualOfferInput { enrolment_id: id, group_id: GroupId(g), reason: r }).await.map(|_| ())
                                        }
                                    };
                                    if res.is_ok() {
                                        open.set(None);
                                    }
                                    reload_on_ok(reload, error)(res);
                                });
                            };
                            view! {
                                <tr class="utrecht-table__row" data-testid="list-row">
                                    <td class="utrecht-table__cell utrecht-table__cell--numeric">{e.position}</td>
                                    <th class="utrecht-table__header-cell" scope="row">
                                        <A href=format!("/aanmeldingen/{}", e.request_id) attr:class="utrecht-link">{e.professional.clone()}</A>
                                        {e.works_on_ret_uhp.then(|| view! { <span class="va-tag">"RET/UHP"</span> })}
                                    </th>
                                    <td class="utrecht-table__cell">{e.organisation.name.clone()}</td>
                                    <td class="utrecht-table__cell">{e.region.clone().map(|r| r.name).unwrap_or_else(|| lookup(lang.get_untracked(), k!("region.none")).to_string())}</td>
                                    <td class="utrecht-table__cell utrecht-table__cell--numeric">
                                        {e.priority}
                                        {e.priority_reason.clone().map(|r| view! { <div class="va-muted">{r}</div> })}
                                    </td>
                                    <td class="utrecht-table__cell">{e.approved_at.map(local_time).unwrap_or_default()}</td>
                                    <td class="utrecht-table__cell">{match (e.offer_group.clone(), e.offer_deadline) {
                                        (Some(g), Some(d)) => view! { <span>{g}<div class="va-muted">{t!("wl.until")}" "{local_time(d)}</div></span> }.into_any(),
                                        _ => view! { <span class="va-muted">"—"</span> }.into_any(),
                                    }}</td>
                                    <td class="utrecht-table__cell"><div class="va-row-actions">
                                        <button type="button" class="utrecht-button utrecht-button--secondary-action" data-testid="priority"
                                            on:click=move |_| open.set(Some("priority"))>{t!("wl.priority_change")}</button>
                                        {(!has_offer).then(|| view! {
                                            <button type="button" class="utrecht-button utrecht-button--secondary-action" data-testid="offer-manual"
                                                on:click=move |_| open.set(Some("offer"))>{t!("wl.offer_manual")}</button>
                                        })}
                                    </div></td>
                                </tr>
                                <Show when=move || open.get().is_some()>
                                    <tr class="utrecht-table__row va-dialog-row">
                                        <td class="utrecht-table__cell" colspan="8">
                                            <div class="va-dialog va-form--grid" role="group">
                                                <Show when=move || open.get() == Some("priority")>
                                                    <div class="utrecht-form-field">
                                                        <label class="utrecht-form-label" for=format!("adj-{id}")>{t!("wl.adjustment")}</label>
                                                        <select id=format!("adj-{id}") class="utrecht-select utrecht-select--html-select"
                                                            on:change=move |ev| adj.set(event_target_value(&ev))>
                                                            {(-5..=5).map(|n| view! { <option value=n.to_string() selected=adj.get_untracked() == n.to_string()>{format!("{n:+}")}</option> }).collect_view()}
                                                        </select>
                                                    </div>
                                                </Show>
                                                <Show when=move || open.get() == Some("offer")>
                                                    <div class="utrecht-form-field">
                                                        <label class="utrecht-form-label" for=format!("offer-group-{id}")>{t!("req.group")}</label>
                                                        <select id=format!("offer-group-{id}") class="utrecht-select utrecht-select--html-select"
                                                            on:change=move |ev| group.set(event_target_value(&ev))>
                                                            {groups.get_value().into_iter().map(|(g, name, free)| view! { <option value=g.0.to_string()>{move || format!("{name} ({free} {})", lookup(lang.get(), k!("common.free")))}</option> }).collect_view()}
                                                        </select>
                                                    </div>
                                                </Show>
                                                <div class="utrecht-form-field va-wide">
                                                    <label class="utrecht-form-label" for=format!("reason-{id}")>{t!("wl.reason")}</label>
                                                    <textarea id=format!("reason-{id}") class="utrecht-textarea utrecht-textarea--html-textarea" rows="2" data-testid="wl-reason"
                                                        prop:value=move || reason.get() on:input=move |ev| reason.set(event_target_value(&ev))></textarea>
                                                </div>
                                                <div class="va-actions">
                                                    <button type="button" class="utrecht-button utrecht-button--primary-action" data-testid="wl-confirm" on:click=confirm>{t!("wl.confirm")}</button>
                                                    <button type="button" class="utrecht-button utrecht-button--subtle" on:click=move |_| open.set(None)>{t!("wl.cancel")}</button>
                                                </div>
                                            </div>
                                        </td>
                                    </tr>
                                </Show>
                            }
                        }).collect_view()}
                    </Table>
                    <Pager offset total=Signal::stored(total) testid="board-list"/>
                }.into_any()
            }}
        </section>
    }
}

//! The organisation's and ambassador's view of positions, offers and substitution windows.

use super::*;
use crate::api::{self, ApiError};
use crate::components::common::badge;
use crate::components::format::local_time;
use crate::components::common::{error_alert, reload_on_ok, Table, TextField};
use crate::components::loaded::{load, loaded};
use crate::i18n::{lookup, tr, use_lang, Key};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use va_openapi::waitlist::*;

/// Positions, offers in flight and substitution windows in the caller's scope.
#[component]
pub fn WaitlistOverview(#[prop(default = false)] can_substitute: bool) -> impl IntoView {
    let lang = use_lang();
    let reload = RwSignal::new(0u32);
    let error: RwSignal<Option<ApiError>> = RwSignal::new(None);
    let data = load(Some(reload), move || async move {
            let p = first_programme().await?;
            api::waitlist_overview(p).await
        });
    let done = reload_on_ok(reload, error);
    view! {
        <section class="va-section" aria-labelledby="wl-title" data-testid="waitlist-overview">
            <h2 class="utrecht-heading-2" id="wl-title">{t!("wl.mine_title")}</h2>
            {error_alert(error)}
            {loaded(data, move |o| {
                        let open_subs: Vec<SubstitutionView> = o.substitutions.iter().filter(|s| s.status == SubstitutionStatus::Open).cloned().collect();
                        view! {
                            {(!open_subs.is_empty()).then(|| view! {
                                <div class="va-subs" data-testid="substitutions">
                                    {open_subs.into_iter().map(|s| view! {
                                        <SubstitutionCard s=s can_act=can_substitute on_done=done/>
                                    }).collect_view()}
                                </div>
                            })}
                            {if o.entries.is_empty() {
                                view! { <p class="utrecht-paragraph va-empty">{t!("wl.none_waiting")}</p> }.into_any()
                            } else {
                                view! {
                                    <Table testid="my-waitlist" headers=vec![(k!("wl.position"), true), (k!("pros.name"), false), (k!("orgs.name"), false), (k!("wl.offer"), false)]>
                                        {o.entries.into_iter().map(|e| view! {
                                            <tr class="utrecht-table__row">
                                                <td class="utrecht-table__cell utrecht-table__cell--numeric">
                                                    {move || lookup(lang.get(), k!("req.waitlist_pos")).replace("{}", &e.position.to_string())}
                                                </td>
                                                <th class="utrecht-table__header-cell" scope="row">
                                                    <A href=format!("/aanmeldingen/{}", e.request_id) attr:class="utrecht-link">{e.professional.clone()}</A>
                                                </th>
                                                <td class="utrecht-table__cell">{e.organisation.name.clone()}</td>
                                                <td class="utrecht-table__cell">{match (e.offer_group.clone(), e.offer_deadline) {
                                                    (Some(g), Some(d)) => view! { <span>{g}" · "{t!("wl.until")}" "{local_time(d)}</span> }.into_any(),
                                                    _ => view! { <span class="va-muted">"—"</span> }.into_any(),
                                                }}</td>
                                            </tr>
                                        }).collect_view()}
                                    </Table>
                                }.into_any()
                            }}
                            {(!o.offers.is_empty()).then(|| view! { <OffersTable offers=o.offers.clone() title=k!("wl.offers_recent")/> })}
                        }.into_any()
                    })}
        </section>
    }
}

#[component]
pub(super) fn SubstitutionCard<F>(s: SubstitutionView, can_act: bool, on_done: F) -> impl IntoView
where
    F: Fn(Result<SubstitutionView, ApiError>) + Copy + Send + Sync + 'static,
{
    let name = RwSignal::new(String::new());
    let email = RwSignal::new(String::new());
    let function = RwSignal::new(String::new());
    let id = s.id;
    view! {
        <div class="va-card va-sub" role="group" aria-label=s.withdrawn.clone()>
            <p class="utrecht-paragraph">
                <strong>{s.withdrawn.clone()}</strong>" "{t!("wl.sub_text")}" "<strong>{s.group.name.clone()}</strong>". "
                {t!("wl.sub_until")}" "<strong>{local_time(s.deadline)}</strong>"."
            </p>
            {can_act.then(|| view! {
                <div class="va-form--grid">
                    <TextField id=leak(format!("sub-{id}-name")) required=true label=k!("pros.name") value=name/>
                    <TextField id=leak(format!("sub-{id}-email")) required=true label=k!("login.email") kind="email" value=email/>
                    <TextField id=leak(format!("sub-{id}-function")) label=k!("pros.function") value=function/>
                </div>
                <div class="va-actions">
                    <button type="button" class="utrecht-button utrecht-button--primary-action" data-testid="substitute"
                        on:click=move |_| {
                            let input = SubstituteInput {
                                name: name.get_untracked(),
                                email: email.get_untracked(),
                                function: Some(function.get_untracked()).filter(|f| !f.trim().is_empty()),
                                works_on_ret_uhp: false,
                            };
                            spawn_local(async move { on_done(api::substitute(id, &input).await) });
                        }>{t!("wl.sub_name")}</button>
                    <button type="button" class="utrecht-button utrecht-button--secondary-action" data-testid="release"
                        on:click=move |_| {
                            spawn_local(async move { on_done(api::release_substitution(id).await) });
                        }>{t!("wl.sub_release")}</button>
                </div>
            })}
        </div>
    }
}

pub(super) fn leak(s: String) -> &'static str {
    Box::leak(s.into_boxed_str())
}

#[component]
pub(super) fn OffersTable(offers: Vec<OfferView>, title: Key) -> impl IntoView {
    view! {
        <h3 class="utrecht-heading-3">{tr(title)}</h3>
        <Table testid="offers" headers=vec![(k!("pros.name"), false), (k!("orgs.name"), false), (k!("req.group"), false), (k!("wl.sent"), false), (k!("wl.deadline"), false), (k!("groups.status"), false)]>
            {offers.into_iter().map(|o| {
                let status = o.status;
                view! {
                    <tr class="utrecht-table__row" data-testid="offer-row">
                        <th class="utrecht-table__header-cell" scope="row">
                            <A href=format!("/aanmeldingen/{}", o.request_id) attr:class="utrecht-link">{o.professional.clone()}</A>
                            {o.manual_reason.clone().map(|r| view! { <div class="va-muted">{t!("wl.manual")}": "{r}</div> })}
                        </th>
                        <td class="utrecht-table__cell">{o.organisation.name.clone()}</td>
                        <td class="utrecht-table__cell">{o.group.name.clone()}</td>
                        <td class="utrecht-table__cell">{local_time(o.created_at)}</td>
                        <td class="utrecht-table__cell">{local_time(o.deadline)}</td>
                        <td class="utrecht-table__cell">{badge(status.as_str(), offer_status_key(status))}</td>
                    </tr>
                }
            }).collect_view()}
        </Table>
    }
}

//! Seats per group, the yearly budgets and the waiting-list settings.

use crate::api::{self, ApiError};
use crate::components::format::{eur, nl_date};
use crate::components::common::{reload_on_ok, Table, TextField};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use va_openapi::waitlist::*;
use va_openapi::ProgrammeId;

#[component]
pub(super) fn GroupSeatsTable(groups: Vec<GroupSeats>, regions: Vec<va_openapi::reference::Region>, reload: RwSignal<u32>, error: RwSignal<Option<ApiError>>) -> impl IntoView {
    view! {
        <section class="va-section" data-testid="board-groups">
            <h2 class="utrecht-heading-2">{t!("wl.groups_title")}</h2>
            <Table headers=vec![(k!("groups.name"), false), (k!("wl.first_day"), false), (k!("board.taken"), true), (k!("wl.held"), true), (k!("board.free"), true), (k!("wl.quotas"), false), (k!("groups.capacity"), false)]>
                {groups.into_iter().map(|g| {
                    let cap = RwSignal::new(g.group.capacity.to_string());
                    let gid = g.group.id;
                    let input_id = format!("cap-{gid}");
                    let editing = RwSignal::new(false);
                    // One input per region, filled with the current reservation.
                    let quota_inputs: Vec<(va_openapi::RegionId, String, RwSignal<String>)> = regions
                        .iter()
                        .map(|r| {
                            let now = g.quotas.iter().find(|q| q.region_id == r.id).map(|q| q.seats).unwrap_or(0);
                            (r.id, r.name.clone(), RwSignal::new(now.to_string()))
                        })
                        .collect();
                    let quota_inputs = StoredValue::new(quota_inputs);
                    let save_quotas = move |_| {
                        let quotas = quota_inputs
                            .get_value()
                            .iter()
                            .map(|(id, _, v)| RegionQuota { region_id: *id, seats: v.get_untracked().trim().parse().unwrap_or(-1) })
                            .collect();
                        spawn_local(async move { reload_on_ok(reload, error)(api::set_quotas(gid, &QuotasInput { quotas }).await) });
                    };
                    view! {
                        <tr class="utrecht-table__row">
                            <th class="utrecht-table__header-cell" scope="row">
                                <A href=format!("/bel/groepen/{gid}") attr:class="utrecht-link">{g.group.name.clone()}</A>
                                {g.started.then(|| view! { <div class="va-muted">{t!("wl.started")}</div> })}
                            </th>
                            <td class="utrecht-table__cell">{g.first_day.map(nl_date).unwrap_or_default()}</td>
                            <td class="utrecht-table__cell utrecht-table__cell--numeric">{g.group.seats_taken}</td>
                            <td class="utrecht-table__cell utrecht-table__cell--numeric">{g.group.seats_held}</td>
                            <td class="utrecht-table__cell utrecht-table__cell--numeric">{g.free}</td>
                            <td class="utrecht-table__cell">
                                {if g.quotas.is_empty() { "—".to_string() } else {
                                    g.quotas.iter().map(|q| {
                                        let name = regions.iter().find(|r| r.id == q.region_id).map(|r| r.name.clone()).unwrap_or_default();
                                        format!("{} × {name}", q.seats)
                                    }).collect::<Vec<_>>().join(", ")
                                }}
                                {g.quota_until.map(|d| view! { <div class="va-muted">{t!("wl.until")}" "{nl_date(d)}</div> })}
                                {(!g.started).then(|| view! {
                                    <button type="button" class="utrecht-button utrecht-button--subtle" data-testid="quotas-edit"
                                        aria-expanded=move || editing.get().to_string()
                                        on:click=move |_| editing.update(|e| *e = !*e)>{t!("wl.quotas_edit")}</button>
                                })}
                                <Show when=move || editing.get()>
                                    <div class="va-quota-form">
                                        {quota_inputs.get_value().into_iter().map(|(rid, name, v)| {
                                            let id = format!("quota-{gid}-{rid}");
                                            view! {
                                                <label class="utrecht-form-label" for=id.clone()>{name}</label>
                                                <input id=id type="number" min="0" class="utrecht-textbox utrecht-textbox--html-input va-num"
                                                    prop:value=move || v.get() on:input=move |ev| v.set(event_target_value(&ev))/>
                                            }
                                        }).collect_view()}
                                        <button type="button" class="utrecht-button utrecht-button--secondary-action" data-testid="quotas-save"
                                            on:click=save_quotas>{t!("wl.save")}</button>
                                    </div>
                                </Show>
                            </td>
                            <td class="utrecht-table__cell"><div class="va-row-actions">
                                <label class="va-visually-hidden" for=input_id.clone()>{t!("groups.capacity")}</label>
                                <input id=input_id type="number" min="1" max="40" class="utrecht-textbox utrecht-textbox--html-input va-num"
                                    prop:value=move || cap.get() on:input=move |ev| cap.set(event_target_value(&ev))/>
                                <button type="button" class="utrecht-button utrecht-button--secondary-action" data-testid="capacity-save"
                                    on:click=move |_| {
                                        let n = cap.get_untracked().parse().unwrap_or(0);
                                        spawn_local(async move { reload_on_ok(reload, error)(api::set_capacity(gid, n).await) });
                                    }>{t!("wl.save")}</button>
                            </div></td>
                        </tr>
                    }
                }).collect_view()}
            </Table>
            <p class="utrecht-paragraph va-muted">{t!("wl.quota_rule")}</p>
        </section>
    }
}

#[component]
pub(super) fn Budgets(budgets: Vec<BudgetYear>, reload: RwSignal<u32>, error: RwSignal<Option<ApiError>>) -> impl IntoView {
    view! {
        <section class="va-section" data-testid="budgets">
            <h2 class="utrecht-heading-2">{t!("wl.budget_title")}</h2>
            <Table headers=vec![(k!("wl.year"), false), (k!("wl.budget"), false), (k!("cost.spent"), true), (k!("cost.committed"), true), (k!("cost.remaining"), true), (k!("wl.groups"), true)]>
                {budgets.into_iter().map(|b| {
                    let value = RwSignal::new(b.training_eur.map(|v| v.to_string()).unwrap_or_default());
                    let year = b.year;
                    let input_id = format!("budget-{year}");
                    view! {
                        <tr class="utrecht-table__row">
                            <th class="utrecht-table__header-cell" scope="row">{year}</th>
                            <td class="utrecht-table__cell"><div class="va-row-actions">
                                <label class="va-visually-hidden" for=input_id.clone()>{t!("wl.budget")}" "{year}</label>
                                <input id=input_id type="number" min="0" class="utrecht-textbox utrecht-textbox--html-input va-num-wide"
                                    prop:value=move || value.get() on:input=move |ev| value.set(event_target_value(&ev))/>
                                <button type="button" class="utrecht-button utrecht-button--secondary-action"
                                    on:click=move |_| {
                                        let v = value.get_untracked().trim().parse().unwrap_or(-1);
                                        spawn_local(async move { reload_on_ok(reload, error)(api::set_budget(year, v).await) });
                                    }>{t!("wl.save")}</button>
                            </div></td>
                            <td class="utrecht-table__cell utrecht-table__cell--numeric">{eur(b.spent_eur)}</td>
                            <td class="utrecht-table__cell utrecht-table__cell--numeric">{eur(b.committed_eur)}</td>
                            <td class="utrecht-table__cell utrecht-table__cell--numeric">{eur(b.remaining_eur)}</td>
                            <td class="utrecht-table__cell utrecht-table__cell--numeric">{b.groups}</td>
                        </tr>
                    }
                }).collect_view()}
            </Table>
            <p class="utrecht-paragraph va-muted">{t!("cost.rule")}</p>
        </section>
    }
}

#[component]
pub(super) fn SettingsForm(settings: WaitlistSettings, programme: ProgrammeId, reload: RwSignal<u32>, error: RwSignal<Option<ApiError>>) -> impl IntoView {
    let s = settings;
    let offer = RwSignal::new(s.offer_hours.to_string());
    let subst = RwSignal::new(s.substitution_hours.to_string());
    let quotas = RwSignal::new(s.regional_quotas);
    let cutoff = RwSignal::new(s.quota_cutoff_days.to_string());
    let threshold = RwSignal::new(s.extra_group_threshold.to_string());
    let per_group = RwSignal::new(s.cost_per_group_eur.to_string());
    let per_day = RwSignal::new(s.cost_per_trainer_day_eur.to_string());
    let days = RwSignal::new(s.trainer_days_per_group.to_string());
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let n = |v: RwSignal<String>| v.get_untracked().trim().parse::<i64>().unwrap_or(-1);
        let input = WaitlistSettings {
            offer_hours: n(offer) as i32,
            substitution_hours: n(subst) as i32,
            regional_quotas: quotas.get_untracked(),
            quota_cutoff_days: n(cutoff) as i32,
            extra_group_threshold: n(threshold) as i32,
            cost_per_group_eur: n(per_group),
            cost_per_trainer_day_eur: n(per_day),
            trainer_days_per_group: n(days) as i32,
        };
        spawn_local(async move { reload_on_ok(reload, error)(api::waitlist_settings(programme, &input).await) });
    };
    view! {
        <section class="va-section">
            <h2 class="utrecht-heading-2">{t!("wl.settings_title")}</h2>
            <form class="va-form va-form--grid" novalidate=true on:submit=save>
                <TextField id="wl-offer-hours" label=k!("wl.set_offer_hours") kind="number" value=offer/>
                <TextField id="wl-subst-hours" label=k!("wl.set_subst_hours") kind="number" value=subst/>
                <TextField id="wl-threshold" label=k!("wl.set_threshold") kind="number" value=threshold/>
                <TextField id="wl-cutoff" label=k!("wl.set_cutoff") kind="number" value=cutoff/>
                <div class="utrecht-form-field utrecht-form-field--checkbox va-check">
                    <input type="checkbox" class="utrecht-checkbox utrecht-checkbox--html-input" id="wl-quotas"
                        prop:checked=move || quotas.get() on:change=move |ev| quotas.set(event_target_checked(&ev))/>
                    <label class="utrecht-form-label utrecht-form-label--checkbox" for="wl-quotas">{t!("wl.set_quotas")}</label>
                </div>
                <TextField id="wl-cost-group" label=k!("wl.set_cost_group") kind="number" value=per_group/>
                <TextField id="wl-cost-day" label=k!("wl.set_cost_day") kind="number" value=per_day/>
                <TextField id="wl-days" label=k!("wl.set_days") kind="number" value=days/>
                <div class="va-actions">
                    <button type="submit" class="utrecht-button utrecht-button--primary-action">{t!("wl.save")}</button>
                </div>
            </form>
        </section>
    }
}

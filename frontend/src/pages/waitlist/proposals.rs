//! Extra-group proposals with cost and budget.

use super::*;
use crate::api::{self, ApiError};
use crate::components::common::badge;
use crate::components::format::{eur, local_time};
use crate::components::common::{reload_on_ok, Table, TextField};
use crate::i18n::{lookup, use_lang};
use leptos::prelude::*;
use leptos::task::spawn_local;
use va_openapi::waitlist::*;

#[component]
pub(super) fn Proposals(
    proposals: Vec<ProposalView>,
    trainers: Vec<va_openapi::admin::Account>,
    reload: RwSignal<u32>,
    error: RwSignal<Option<ApiError>>,
) -> impl IntoView {
    let (open, decided): (Vec<ProposalView>, Vec<ProposalView>) = proposals.into_iter().partition(|p| p.status == ProposalStatus::Open);
    view! {
        <section class="va-section" data-testid="proposals">
            <h2 class="utrecht-heading-2">{t!("wl.proposals_title")}</h2>
            {open.is_empty().then(|| view! { <p class="utrecht-paragraph va-empty">{t!("wl.no_proposals")}</p> })}
            {open.into_iter().map(|p| view! { <ProposalCard p=p trainers=trainers.clone() reload=reload error=error/> }).collect_view()}
            {(!decided.is_empty()).then(|| view! {
                <h3 class="utrecht-heading-3">{t!("wl.proposals_decided")}</h3>
                <Table headers=vec![(k!("wl.made"), false), (k!("wl.scope"), false), (k!("wl.waiting"), true), (k!("wl.cost"), true), (k!("groups.status"), false), (k!("wl.outcome"), false)]>
                    {decided.into_iter().map(|p| {
                        let status = p.status;
                        view! {
                            <tr class="utrecht-table__row">
                                <td class="utrecht-table__cell">{local_time(p.created_at)}</td>
                                <th class="utrecht-table__header-cell" scope="row">{p.scope_region.clone().map(|r| r.name).unwrap_or_default()}</th>
                                <td class="utrecht-table__cell utrecht-table__cell--numeric">{p.waiting_count}</td>
                                <td class="utrecht-table__cell utrecht-table__cell--numeric">{eur(p.cost_eur)}</td>
                                <td class="utrecht-table__cell">{badge(status.as_str(), if status == ProposalStatus::Approved { k!("ps.approved") } else { k!("ps.declined") })}</td>
                                <td class="utrecht-table__cell">{p.group.clone().map(|g| g.name).or(p.decision_reason.clone()).unwrap_or_default()}</td>
                            </tr>
                        }
                    }).collect_view()}
                </Table>
            })}
        </section>
    }
}

#[component]
pub(super) fn ProposalCard(p: ProposalView, trainers: Vec<va_openapi::admin::Account>, reload: RwSignal<u32>, error: RwSignal<Option<ApiError>>) -> impl IntoView {
    let lang = use_lang();
    let id = p.id;
    let capacity = RwSignal::new(p.suggested_size.clamp(12, 16).to_string());
    let first_day = RwSignal::new(String::new());
    let count = RwSignal::new("4".to_string());
    let every = RwSignal::new("14".to_string());
    let starts = RwSignal::new("09:30".to_string());
    let ends = RwSignal::new("16:30".to_string());
    let place = RwSignal::new(String::new());
    let trainer = RwSignal::new(trainers.first().map(|u| u.id.0.to_string()).unwrap_or_default());
    let reason = RwSignal::new(String::new());
    let approve = move |_| {
        let first = chrono::NaiveDate::parse_from_str(&first_day.get_untracked(), "%Y-%m-%d").ok();
        let n: u64 = count.get_untracked().parse().unwrap_or(0);
        let step: u64 = every.get_untracked().parse().unwrap_or(14);
        let days = first
            .map(|f| {
                (0..n)
                    .map(|i| NewTrainingDay {
                        day: f + chrono::Days::new(i * step),
                        starts_at: starts.get_untracked(),
                        ends_at: ends.get_untracked(),
                        place: place.get_untracked(),
                    })
                    .collect()
            })
            .unwrap_or_default();
        let input = ApproveProposal {
            name: None,
            capacity: capacity.get_untracked().parse().unwrap_or(0),
            trainer_id: trainer.get_untracked().parse::<i64>().ok().map(va_openapi::UserId),
            days,
        };
        spawn_local(async move { reload_on_ok(reload, error)(api::approve_proposal(id, &input).await) });
    };
    let decline = move |_| {
        let r = reason.get_untracked();
        spawn_local(async move { reload_on_ok(reload, error)(api::decline_proposal(id, r).await) });
    };
    let scope = p.scope_region.clone().map(|r| r.name);
    view! {
        <article class="va-card va-proposal" data-testid="proposal">
            <h3 class="utrecht-heading-3">
                {t!("wl.proposal_for")}" "{move || scope.clone().unwrap_or_else(|| lookup(lang.get(), k!("wl.whole_list")).to_string())}
            </h3>
            <dl class="va-facts">
                <dt>{t!("wl.waiting")}</dt><dd>{p.waiting_count}" ("{t!("wl.now")}" "{p.waiting_now}")"</dd>
                <dt>{t!("wl.suggestion")}</dt>
                <dd>{p.suggested_size}" "{t!("wl.seats")}", "{move || p.suggested_region.clone().map(|r| r.name).unwrap_or_else(|| lookup(lang.get(), k!("region.none")).to_string())}</dd>
                <dt>{t!("wl.cost")}</dt><dd data-testid="proposal-cost">{eur(p.cost_eur)}</dd>
                <dt>{t!("wl.budget")}" "{p.budget_year}</dt>
                <dd data-testid="proposal-budget">{p.budget_eur.map(eur).unwrap_or_else(|| "—".into())}" · "{t!("cost.spent")}" "{eur(p.spent_eur)}" · "{t!("cost.committed")}" "{eur(p.committed_eur)}" · "{t!("cost.remaining")}" "<strong>{eur(p.remaining_eur)}</strong></dd>
                <dt>{t!("wl.fits")}</dt>
                <dd data-testid="proposal-fit">{if p.fits {
                    view! { <span class="va-status va-status--approved">{t!("wl.fits_yes")}</span> }.into_any()
                } else {
                    view! { <span class="va-status va-status--rejected">{t!("wl.fits_no")}" "{eur(p.missing_eur)}</span> }.into_any()
                }}</dd>
            </dl>
            <details class="va-details">
                <summary class="va-summary-toggle">{t!("wl.approve_open")}</summary>
                <div class="va-form--grid">
                    <div class="utrecht-form-field">
                        <label class="utrecht-form-label" for=format!("p{id}-first")>{t!("wl.first_day")}</label>
                        <input id=format!("p{id}-first") type="date" class="utrecht-textbox utrecht-textbox--html-input"
                            prop:value=move || first_day.get() on:input=move |ev| first_day.set(event_target_value(&ev))/>
                    </div>
                    <TextField id=leak(format!("p{id}-count")) label=k!("wl.day_count") kind="number" value=count/>
                    <TextField id=leak(format!("p{id}-every")) label=k!("wl.every_days") kind="number" value=every/>
                    <TextField id=leak(format!("p{id}-starts")) label=k!("wl.starts") kind="time" value=starts/>
                    <TextField id=leak(format!("p{id}-ends")) label=k!("wl.ends") kind="time" value=ends/>
                    <TextField id=leak(format!("p{id}-place")) label=k!("group.place") value=place/>
                    <TextField id=leak(format!("p{id}-capacity")) label=k!("groups.capacity") kind="number" value=capacity/>
                    <div class="utrecht-form-field">
                        <label class="utrecht-form-label" for=format!("p{id}-trainer")>{t!("wl.trainer")}</label>
                        <select id=format!("p{id}-trainer") class="utrecht-select utrecht-select--html-select" on:change=move |ev| trainer.set(event_target_value(&ev))>
                            {trainers.iter().map(|u| view! { <option value=u.id.0.to_string()>{u.name.clone()}</option> }).collect_view()}
                        </select>
                    </div>
                    <div class="va-actions">
                        <button type="button" class="utrecht-button utrecht-button--primary-action" data-testid="proposal-approve" on:click=approve>{t!("wl.approve")}</button>
                    </div>
                </div>
            </details>
            <details class="va-details">
                <summary class="va-summary-toggle">{t!("wl.decline_open")}</summary>
                <div class="utrecht-form-field">
                    <label class="utrecht-form-label" for=format!("p{id}-reason")>{t!("wl.reason")}</label>
                    <textarea id=format!("p{id}-reason") class="utrecht-textarea utrecht-textarea--html-textarea" rows="2"
                        prop:value=move || reason.get() on:input=move |ev| reason.set(event_target_value(&ev))></textarea>
                </div>
                <div class="va-actions">
                    <button type="button" class="utrecht-button utrecht-button--secondary-action" data-testid="proposal-decline" on:click=decline>{t!("wl.decline")}</button>
                </div>
            </details>
        </article>
    }
}

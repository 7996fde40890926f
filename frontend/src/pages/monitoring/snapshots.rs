//! Snapshots compared, and the printable report.

use super::*;
use crate::api::{self, ApiError};
use crate::components::guard::MONITORING_ROLES;
use crate::components::labels::kind_key;
use crate::components::format::{dec, local_time};
use crate::components::common::{error_alert, Table, TextField};
use crate::components::loaded::{load, loaded};
use crate::components::guard::RequireAnyRole;
use crate::i18n::{lookup, use_lang, Key};
use crate::session::Session;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use va_openapi::monitoring::*;

/// The compared figures grouped by scope (total first), in the server's order.
pub(super) fn by_scope(figures: Vec<ComparedFigure>) -> Vec<(String, Vec<ComparedFigure>)> {
    let mut out: Vec<(String, Vec<ComparedFigure>)> = Vec::new();
    for f in figures {
        match out.iter_mut().find(|(s, _)| *s == f.scope) {
            Some((_, v)) => v.push(f),
            None => out.push((f.scope.clone(), vec![f])),
        }
    }
    for (_, v) in &mut out {
        v.sort_by_key(|f| COMPARED_FIGURES.iter().position(|k| *k == f.figure).unwrap_or(usize::MAX));
    }
    out
}

pub(super) fn figure_key(name: &str) -> Key {
    match name {
        "trained" => k!("mon.h.trained_total"),
        "placed" => k!("mon.h.placed"),
        "waiting" => k!("mon.h.waiting"),
        "still_to_train" => k!("mon.h.still"),
        "coverage_pct" => k!("mon.h.coverage"),
        "vas_done" => k!("mon.h.vas"),
        _ => k!("mon.h.followed"),
    }
}

/// BEL freezes the figures for the monitoring meeting and compares with the previous snapshot.
#[component]
pub(super) fn Snapshots() -> impl IntoView {
    let lang = use_lang();
    let reload = RwSignal::new(0u32);
    let error: RwSignal<Option<ApiError>> = RwSignal::new(None);
    let label = RwSignal::new(String::new());
    let shown: RwSignal<Option<SnapshotComparison>> = RwSignal::new(None);
    let list = load(Some(reload), move || async move { api::snapshots().await });
    let take = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let l = label.get_untracked();
        spawn_local(async move {
            match api::take_snapshot(l).await {
                Ok(c) => {
                    error.set(None);
                    label.set(String::new());
                    shown.set(Some(c));
                    reload.update(|n| *n += 1);
                }
                Err(e) => error.set(Some(e)),
            }
        });
    };
    let open = move |id: va_openapi::SnapshotId| {
        spawn_local(async move {
            match api::snapshot(id).await {
                Ok(c) => shown.set(Some(c)),
                Err(e) => error.set(Some(e)),
            }
        });
    };
    view! {
        <section class="va-section va-noprint" data-testid="snapshots">
            <h2 class="utrecht-heading-2">{t!("mon.snapshots")}</h2>
            <p class="utrecht-paragraph va-muted">{t!("mon.snapshots_help")}</p>
            <form class="va-form va-form--inline" novalidate=true on:submit=take>
                <TextField id="snap-label" label=k!("mon.snapshot_label") value=label/>
                <div class="va-actions"><button type="submit" class="utrecht-button utrecht-button--primary-action" data-testid="snap-take">{t!("mon.snapshot_take")}</button></div>
            </form>
            {error_alert(error)}
            {loaded(list, move |v| match v {
                    items if items.is_empty() => view! { <p class="utrecht-paragraph va-empty">{t!("mon.no_snapshots")}</p> }.into_any(),
                    items => view! {
                        <Table headers=vec![(k!("mon.snapshot_label"), false), (k!("mon.taken_at"), false), (k!("mon.taken_by"), false), (k!("mon.h.trained_total"), true), (k!("req.actions"), false)] testid="snapshot-list">
                            {items.into_iter().map(|s| {
                                let id = s.id;
                                view! {
                                    <tr class="utrecht-table__row">
                                        <th scope="row" class="utrecht-table__header-cell">{s.label.clone()}</th>
                                        <td class="utrecht-table__cell">{local_time(s.taken_at)}</td>
                                        <td class="utrecht-table__cell">{s.taken_by.clone()}</td>
                                        <td class="utrecht-table__cell utrecht-table__cell--numeric">{s.total.trained}</td>
                                        <td class="utrecht-table__cell"><button type="button" class="utrecht-button utrecht-button--subtle" on:click=move |_| open(id)>{t!("mon.compare")}</button></td>
                                    </tr>
                                }
                            }).collect_view()}
                        </Table>
                    }.into_any(),
            })}
            {move || shown.get().map(|c| view! {
                <div class="va-card" data-testid="comparison">
                    <h3 class="utrecht-heading-3">{c.current.label.clone()}" · "{local_time(c.current.taken_at)}</h3>
                    <p class="utrecht-paragraph va-muted">{match c.previous.clone() {
                        Some(p) => view! { {t!("mon.compared_with")}" "{p.label}" ("{local_time(p.taken_at)}")" }.into_any(),
                        None => view! { {t!("mon.first_snapshot")} }.into_any(),
                    }}</p>
                    <p class="utrecht-paragraph va-muted">{t!("mon.compare_help")}</p>
                    <Table headers=std::iter::once((k!("mon.region"), false)).chain(COMPARED_FIGURES.iter().map(|k| (figure_key(k), true))).collect() testid="comparison-table">
                        {by_scope(c.figures).into_iter().map(|(scope, figs)| view! {
                            <tr class="utrecht-table__row">
                                <th scope="row" class="utrecht-table__header-cell">{scope}</th>
                                {figs.into_iter().map(|f| {
                                    let show = |v: Option<f64>| v.map(dec).unwrap_or_else(|| "–".into());
                                    let before = format!("{}: {}", lookup(lang.get_untracked(), k!("mon.before")), show(f.before));
                                    let change = match (f.before, f.after, f.change) {
                                        (_, _, Some(d)) if d > 0.0 => format!(" (+{})", dec(d)),
                                        (_, _, Some(d)) if d < 0.0 => format!(" ({})", dec(d)),
                                        (None, Some(_), _) => format!(" ({})", lookup(lang.get_untracked(), k!("mon.new"))),
                                        _ => String::new(),
                                    };
                                    let changed = !change.is_empty();
                                    view! { <td class="utrecht-table__cell utrecht-table__cell--numeric" title=before>
                                        {show(f.after)}{changed.then(|| view! { <span class="va-change">{change}</span> })}
                                    </td> }
                                }).collect_view()}
                            </tr>
                        }).collect_view()}
                    </Table>
                </div>
            })}
        </section>
    }
}

/// `/monitoring/rapport`: the report for the monitoring meeting, laid out for paper.
#[component]
pub fn ReportPage() -> impl IntoView {
    view! {
        <RequireAnyRole roles=MONITORING_ROLES render=|_: Session| {
            let data = load(None, move || async move { api::dashboard().await });
            view! {
                <div class="va-report">
                    <p class="utrecht-paragraph va-noprint"><A href="/monitoring" attr:class="utrecht-link">{t!("mon.back")}</A></p>
                    <h1 class="utrecht-heading-1">{t!("mon.report_title")}</h1>
                    <div class="va-actions va-noprint">
                        <button type="button" class="utrecht-button utrecht-button--primary-action" on:click=|_| { if let Some(w) = web_sys::window() { let _ = w.print(); } }>{t!("mon.print")}</button>
                    </div>
                    {loaded(data, move |d| view! {
                                <p class="utrecht-paragraph" data-testid="report-date">{t!("mon.as_of")}" "{local_time(d.generated_at)}</p>
                                <Kpis f=d.total.clone()/>
                                <h2 class="utrecht-heading-2">{t!("mon.regions")}</h2>
                                <FiguresTable rows=d.regions.iter().map(|r| (region_name(r), None, r.figures.clone())).chain(std::iter::once(("Totaal".to_string(), None, d.total.clone()))).collect() testid="report-regions" first=k!("mon.region")/>
                                {d.regions.iter().filter(|r| r.detail).map(|r| view! {
                                    <h2 class="utrecht-heading-2 va-page-break">{region_name(r)}</h2>
                                    <FiguresTable rows=r.organisations.iter().map(|o| (o.organisation.name.clone(), Some(kind_key(o.kind)), o.figures.clone())).collect() testid="report-orgs" first=k!("mon.org")/>
                                }).collect_view()}
                                <h2 class="utrecht-heading-2">{t!("mon.chart.regions")}</h2>
                                <RegionChart regions=d.regions.clone()/>
                            }.into_any())}
                </div>
            }
        }/>
    }
}

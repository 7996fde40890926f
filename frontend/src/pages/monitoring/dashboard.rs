//! The dashboard: key figures, regions and organisations, budget.

use super::*;
use crate::api::{self};
use crate::components::guard::MONITORING_ROLES;
use crate::components::labels::kind_key;
use crate::components::format::{local_time, opt, pct};
use crate::components::common::Table;
use crate::components::loaded::{load, loaded};
use crate::components::guard::RequireAnyRole;
use crate::i18n::{lookup, tr, use_lang, Key};
use crate::session::Session;
use leptos::prelude::*;
use leptos_router::components::A;
use va_openapi::auth::Role;
use va_openapi::monitoring::*;

/// `/monitoring`: BEL everything, ambassadors their region in full, organisations their own.
#[component]
pub fn MonitoringPage() -> impl IntoView {
    view! {
        <RequireAnyRole roles=MONITORING_ROLES render=|s: Session| view! { <DashboardView role=s.user.role/> }/>
    }
}

#[component]
pub(super) fn DashboardView(role: Role) -> impl IntoView {
    let data = load(None, move || async move { api::dashboard().await });
    let intro = match role {
        Role::BelCoordinator => k!("mon.intro.bel"),
        Role::Ambassador => k!("mon.intro.amb"),
        _ => k!("mon.intro.org"),
    };
    view! {
        <h1 class="utrecht-heading-1">{t!("mon.title")}</h1>
        <p class="utrecht-paragraph">{tr(intro)}</p>
        <MonitoringLinks role=role/>
        {loaded(data, move |d| view! { <Dashboard d=d role=role/> }.into_any())}
    }
}

/// The monitoring screens of a role, as a row of links.
#[component]
pub(super) fn MonitoringLinks(role: Role) -> impl IntoView {
    view! {
        <nav class="va-subnav" aria-label="Monitoring">
            <A href="/monitoring/uitvraag" attr:class="utrecht-link">{t!("mon.to_survey")}</A>
            <A href="/monitoring/rapport" attr:class="utrecht-link">{t!("mon.to_report")}</A>
            {(role == Role::BelCoordinator).then(|| view! {
                <A href="/monitoring/import" attr:class="utrecht-link">{t!("mon.to_import")}</A>
                <A href="/bel/planner" attr:class="utrecht-link">{t!("mon.to_planner")}</A>
            })}
        </nav>
    }
}

#[component]
pub(super) fn Dashboard(d: Dashboard, role: Role) -> impl IntoView {
    // The first region the caller sees in detail (an ambassador's own).
    let first = d.regions.iter().find(|r| r.detail).map(region_key).unwrap_or_default();
    let selected = RwSignal::new(first);
    let regions = StoredValue::new(d.regions.clone());
    let detail: Vec<(String, String)> = d.regions.iter().filter(|r| r.detail).map(|r| (region_key(r), region_name(r))).collect();
    let many = detail.len() > 1;
    let budgets = d.budgets.clone();
    view! {
        <p class="utrecht-paragraph va-muted" data-testid="mon-stand">
            {t!("mon.as_of")}" "{local_time(d.generated_at)}
            {d.survey_year.map(|y| view! { " · "{t!("mon.survey_of")}" "{y} })}
        </p>
        <crate::components::exports::Exports list="monitoring"/>
        <Kpis f=d.total.clone()/>
        <section class="va-section va-charts">
            <figure class="va-chart" data-testid="region-chart">
                <figcaption class="utrecht-heading-3">{t!("mon.chart.regions")}</figcaption>
                <RegionChart regions=d.regions.clone()/>
            </figure>
            <figure class="va-chart" data-testid="trend-chart">
                <figcaption class="utrecht-heading-3">{t!("mon.chart.trend")}</figcaption>
                <TrendChart trend=d.trend.clone()/>
            </figure>
        </section>
        <section class="va-section">
            <h2 class="utrecht-heading-2">{t!("mon.regions")}</h2>
            <FiguresTable rows=d.regions.iter().map(|r| (region_name(r), None, r.figures.clone())).chain(std::iter::once(("Totaal".to_string(), None, d.total.clone()))).collect() testid="region-table" first=k!("mon.region")/>
        </section>
        {(!detail.is_empty()).then(|| view! {
            <section class="va-section" data-testid="org-figures">
                <h2 class="utrecht-heading-2">{t!("mon.orgs")}</h2>
                {many.then(|| view! {
                    <div class="utrecht-form-field">
                        <label class="utrecht-form-label" for="region-select">{t!("mon.choose_region")}</label>
                        <select id="region-select" class="utrecht-select utrecht-select--html-select" data-testid="region-select"
                            prop:value=move || selected.get() on:change=move |ev| selected.set(event_target_value(&ev))>
                            {detail.iter().map(|(k, n)| view! { <option value=k.clone()>{n.clone()}</option> }).collect_view()}
                        </select>
                    </div>
                })}
                {move || {
                    let key = selected.get();
                    regions.with_value(|rs| rs.iter().find(|r| region_key(r) == key).map(|r| {
                        let rows = r.organisations.iter().map(|o| (o.organisation.name.clone(), Some(kind_key(o.kind)), o.figures.clone())).collect();
                        view! {
                            <h3 class="utrecht-heading-3" data-testid="org-region">{region_name(r)}</h3>
                            <FiguresTable rows=rows testid="org-table" first=k!("mon.org")/>
                        }
                    }))
                }}
            </section>
        })}
        {(!budgets.is_empty()).then(|| {
            // Snapshots from before the lines existed hold the training line only.
            let years = budgets.into_iter().map(|b| {
                let lines = if b.lines.is_empty() {
                    vec![va_openapi::budget::BudgetLine { line: va_openapi::budget::BudgetLineKind::Training, budget_eur: b.budget_eur.unwrap_or(0), spent_eur: b.spent_eur, committed_eur: b.committed_eur, remaining_eur: b.remaining_eur }]
                } else {
                    b.lines
                };
                crate::components::budget::YearLines { year: b.year, lines, total: b.total }
            }).collect();
            view! {
                <section class="va-section">
                    <h2 class="utrecht-heading-2">{t!("mon.budget")}</h2>
                    <crate::components::budget::BudgetLinesTable years testid="budget-table"/>
                </section>
            }
        })}
        {(role == Role::BelCoordinator).then(|| view! { <Snapshots/> })}
    }
}

#[component]
pub(super) fn Kpis(f: Figures) -> impl IntoView {
    let items: Vec<(Key, String, Option<Key>)> = vec![
        (k!("mon.k.trained"), f.trained.to_string(), Some(k!("mon.k.trained_sub"))),
        (k!("mon.k.placed"), f.placed.to_string(), None),
        (k!("mon.k.waiting"), f.waiting.to_string(), None),
        (k!("mon.k.still"), opt(f.still_to_train), None),
        (k!("mon.k.coverage"), pct(f.coverage_pct), None),
        (k!("mon.k.vas"), opt(f.vas_done), None),
        (k!("mon.k.capacity"), format!("{} / {}", hours(f.hours_needed), hours(f.hours_available)), Some(k!("mon.k.capacity_sub"))),
        (k!("mon.k.followup"), pct(f.followup_coverage_pct), None),
    ];
    let sub = format!("{} + {}", f.trained_programme, f.trained_earlier);
    view! {
        <dl class="va-kpis" data-testid="kpis">
            {items.into_iter().map(|(k, v, s)| {
                let sub = sub.clone();
                view! {
                    <div class="va-kpi">
                        <dt>{tr(k)}</dt>
                        <dd>{v}</dd>
                        {s.map(|s| view! { <dd class="va-kpi__sub">{tr(s)}{(s == k!("mon.k.trained_sub")).then(|| format!(": {sub}"))}</dd> })}
                    </div>
                }
            }).collect_view()}
        </dl>
    }
}

/// Figures as rows: (name, kind text key, figures).
#[component]
pub(super) fn FiguresTable(rows: Vec<(String, Option<Key>, Figures)>, testid: &'static str, first: Key) -> impl IntoView {
    let lang = use_lang();
    let with_kind = rows.iter().any(|r| r.1.is_some());
    let mut headers = vec![(first, false)];
    if with_kind {
        headers.push((k!("mon.kind"), false));
    }
    headers.extend([
        (k!("mon.h.trained"), true),
        (k!("mon.h.earlier"), true),
        (k!("mon.h.placed"), true),
        (k!("mon.h.waiting"), true),
        (k!("mon.h.still"), true),
        (k!("mon.h.coverage"), true),
        (k!("mon.h.vas"), true),
        (k!("mon.h.hours"), true),
        (k!("mon.h.followup"), true),
        (k!("mon.h.surveyed"), true),
    ]);
    view! {
        <Table headers=headers testid=testid>
            {rows.into_iter().map(|(name, kind, f)| {
                let cell = |v: String| view! { <td class="utrecht-table__cell utrecht-table__cell--numeric">{v}</td> };
                view! {
                    <tr class="utrecht-table__row">
                        <th scope="row" class="utrecht-table__header-cell">{name}</th>
                        {with_kind.then(|| view! { <td class="utrecht-table__cell">{move || kind.map(|k| lookup(lang.get(), k)).unwrap_or_default()}</td> })}
                        {cell(f.trained_programme.to_string())}
                        {cell(f.trained_earlier.to_string())}
                        {cell(f.placed.to_string())}
                        {cell(f.waiting.to_string())}
                        {cell(opt(f.still_to_train))}
                        {cell(pct(f.coverage_pct))}
                        {cell(opt(f.vas_done))}
                        {cell(format!("{} / {}", hours(f.hours_needed), hours(f.hours_available)))}
                        {cell(pct(f.followup_coverage_pct))}
                        {cell(format!("{} / {}", f.surveyed, f.organisations))}
                    </tr>
                }
            }).collect_view()}
        </Table>
    }
}

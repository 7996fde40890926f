//! Monitoring screens: the dashboard with its charts (SVG drawn here, no
//! external scripts), organisations per region, the budget, BEL's snapshots
//! compared, the printable report, exports and the import of professionals
//! trained before the programme.

use crate::api::{self, ApiError};
use crate::components::common::{error_alert, local_time, nl_date, LoadError, Loading, Table, TextField};
use crate::components::guard::{RequireAnyRole, RequireRole};
use crate::i18n::{lookup, tr, use_lang, Key};
use crate::pages::start::kind_key;
use crate::pages::waitlist::{badge, eur};
use crate::session::Session;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use va_openapi::auth::Role;
use va_openapi::monitoring::*;

pub const MONITORING_ROLES: &[Role] = &[Role::BelCoordinator, Role::Ambassador, Role::OrgContact];

/// "23,1 %", or a dash when there is nothing to divide.
pub fn pct(v: Option<f64>) -> String {
    v.map(|p| format!("{} %", dec(p))).unwrap_or_else(|| "–".into())
}

/// A decimal with a Dutch comma, without a needless ",0".
pub fn dec(v: f64) -> String {
    let s = if v.fract() == 0.0 { format!("{v:.0}") } else { format!("{v:.1}") };
    s.replace('.', ",")
}

pub fn opt<T: ToString>(v: Option<T>) -> String {
    v.map(|x| x.to_string()).unwrap_or_else(|| "–".into())
}

fn hours(v: Option<f64>) -> String {
    v.map(dec).unwrap_or_else(|| "–".into())
}

pub fn region_name(r: &RegionFigures) -> String {
    region_label(r.region.as_ref())
}

fn region_key(r: &RegionFigures) -> String {
    r.region.as_ref().map(|x| x.id.to_string()).unwrap_or_else(|| "boven".into())
}

/// `/monitoring`: BEL everything, ambassadors their region in full, organisations their own.
#[component]
pub fn MonitoringPage() -> impl IntoView {
    view! {
        <RequireAnyRole roles=MONITORING_ROLES render=|s: Session| view! { <DashboardView role=s.user.role/> }/>
    }
}

#[component]
fn DashboardView(role: Role) -> impl IntoView {
    let data = LocalResource::new(move || {
        async move { api::dashboard().await }
    });
    let intro = match role {
        Role::BelCoordinator => k!("mon.intro.bel"),
        Role::Ambassador => k!("mon.intro.amb"),
        _ => k!("mon.intro.org"),
    };
    view! {
        <h1 class="utrecht-heading-1">{t!("mon.title")}</h1>
        <p class="utrecht-paragraph">{tr(intro)}</p>
        <MonitoringLinks role=role/>
        <Transition fallback=Loading>
            {move || data.get().map(|res| match res {
                Err(e) => view! { <LoadError err=e/> }.into_any(),
                Ok(d) => view! { <Dashboard d=d role=role/> }.into_any(),
            })}
        </Transition>
    }
}

/// The monitoring screens of a role, as a row of links.
#[component]
fn MonitoringLinks(role: Role) -> impl IntoView {
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
fn Dashboard(d: Dashboard, role: Role) -> impl IntoView {
    let lang = use_lang();
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
        <Exports list="monitoring"/>
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
        {(!budgets.is_empty()).then(|| view! {
            <section class="va-section">
                <h2 class="utrecht-heading-2">{t!("mon.budget")}</h2>
                <Table headers=vec![(k!("mon.year"), false), (k!("mon.budget_eur"), true), (k!("mon.spent"), true), (k!("mon.committed"), true), (k!("mon.remaining"), true)] testid="budget-table">
                    {budgets.into_iter().map(|b| view! {
                        <tr class="utrecht-table__row">
                            <th scope="row" class="utrecht-table__header-cell">{b.year}</th>
                            <td class="utrecht-table__cell utrecht-table__cell--numeric">{move || b.budget_eur.map(eur).unwrap_or_else(|| lookup(lang.get(), k!("mon.no_budget")).into())}</td>
                            <td class="utrecht-table__cell utrecht-table__cell--numeric">{eur(b.spent_eur)}</td>
                            <td class="utrecht-table__cell utrecht-table__cell--numeric">{eur(b.committed_eur)}</td>
                            <td class="utrecht-table__cell utrecht-table__cell--numeric">{eur(b.remaining_eur)}</td>
                        </tr>
                    }).collect_view()}
                </Table>
            </section>
        })}
        {(role == Role::BelCoordinator).then(|| view! { <Snapshots/> })}
    }
}

/// Download buttons for one list: Excel and CSV.
#[component]
pub fn Exports(list: &'static str) -> impl IntoView {
    let status: RwSignal<Option<String>> = RwSignal::new(None);
    let error: RwSignal<Option<ApiError>> = RwSignal::new(None);
    let get = move |format: &'static str| {
        spawn_local(async move {
            match api::download(&format!("/api/v1/exports/{list}?format={format}")).await {
                Ok(name) => {
                    error.set(None);
                    status.set(Some(name));
                }
                Err(e) => error.set(Some(e)),
            }
        });
    };
    view! {
        <div class="va-actions va-noprint">
            <button type="button" class="utrecht-button utrecht-button--secondary-action" data-testid=format!("export-{list}-xlsx") on:click=move |_| get("xlsx")>{t!("mon.download_xlsx")}</button>
            <button type="button" class="utrecht-button utrecht-button--subtle" data-testid=format!("export-{list}-csv") on:click=move |_| get("csv")>{t!("mon.download_csv")}</button>
            <span role="status" data-testid="download-status">{move || status.get().map(|n| view! { {t!("mon.downloaded")}" "{n} })}</span>
        </div>
        {error_alert(error)}
    }
}

#[component]
fn Kpis(f: Figures) -> impl IntoView {
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
fn FiguresTable(rows: Vec<(String, Option<Key>, Figures)>, testid: &'static str, first: Key) -> impl IntoView {
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

/// Bars per region: trained, placed, waiting and still to train, with their values written out.
#[component]
fn RegionChart(regions: Vec<RegionFigures>) -> impl IntoView {
    let lang = use_lang();
    let series: [(Key, &'static str); 4] =
        [(k!("mon.s.trained"), "va-bar--trained"), (k!("mon.s.placed"), "va-bar--placed"), (k!("mon.s.waiting"), "va-bar--waiting"), (k!("mon.s.still"), "va-bar--still")];
    let value = |f: &Figures, i: usize| match i {
        0 => f.trained,
        1 => f.placed,
        2 => f.waiting,
        _ => f.still_to_train.unwrap_or(0),
    };
    let max = regions.iter().flat_map(|r| (0..4).map(|i| value(&r.figures, i))).max().unwrap_or(0).max(1);
    let (label_w, bar_w, bar_h, gap) = (150.0, 380.0, 12.0, 14.0);
    let block = bar_h * 4.0 + gap;
    let height = block * regions.len() as f64 + 10.0;
    let desc = regions
        .iter()
        .map(|r| format!("{}: {} getraind, {} geplaatst, {} wachtend, {} nog te trainen", region_name(r), r.figures.trained, r.figures.placed, r.figures.waiting, opt(r.figures.still_to_train)))
        .collect::<Vec<_>>()
        .join("; ");
    view! {
        <svg class="va-svg" viewBox=format!("0 0 600 {height}") role="img" aria-labelledby="rc-title rc-desc" data-testid="region-svg">
            <title id="rc-title">{move || lookup(lang.get(), k!("mon.chart.regions"))}</title>
            <desc id="rc-desc">{desc}</desc>
            {regions.iter().enumerate().map(|(ri, r)| {
                let y0 = 5.0 + block * ri as f64;
                view! {
                    <g>
                        <text x="0" y=format!("{}", y0 + bar_h * 2.0 + 4.0) class="va-svg__label">{region_name(r)}</text>
                        {(0..4).map(|i| {
                            let v = value(&r.figures, i);
                            let w = bar_w * f64::from(v) / f64::from(max);
                            let y = y0 + bar_h * i as f64;
                            view! {
                                <rect x=format!("{label_w}") y=format!("{y}") width=format!("{:.1}", w.max(1.0)) height=format!("{}", bar_h - 2.0) class=format!("va-bar {}", series[i].1)>
                                    <title>{move || format!("{}: {v}", lookup(lang.get(), series[i].0))}</title>
                                </rect>
                                <text x=format!("{:.1}", label_w + w.max(1.0) + 4.0) y=format!("{}", y + bar_h - 3.0) class="va-svg__value">{v}</text>
                            }
                        }).collect_view()}
                    </g>
                }
            }).collect_view()}
        </svg>
        <ul class="va-legend">
            {series.iter().map(|(k, c)| view! { <li><span class=format!("va-swatch {c}") aria-hidden="true"></span>{tr(*k)}</li> }).collect_view()}
        </ul>
    }
}

/// Trained so far per month: all trained, and in the programme.
#[component]
fn TrendChart(trend: Vec<TrendPoint>) -> impl IntoView {
    let lang = use_lang();
    let (w, h, left, bottom, top) = (600.0, 220.0, 40.0, 30.0, 10.0);
    let max = trend.iter().map(|p| p.trained).max().unwrap_or(0).max(1);
    let n = trend.len().max(2) - 1;
    let x = move |i: usize| left + (w - left - 10.0) * i as f64 / n as f64;
    let y = move |v: i32| top + (h - top - bottom) * (1.0 - f64::from(v) / f64::from(max));
    let line = |f: fn(&TrendPoint) -> i32| trend.iter().enumerate().map(|(i, p)| format!("{:.1},{:.1}", x(i), y(f(p)))).collect::<Vec<_>>().join(" ");
    let all = line(|p| p.trained);
    let programme = line(|p| p.trained_programme);
    let ticks: Vec<i32> = (0..=4).map(|k| max * k / 4).collect();
    let labels: Vec<(usize, String)> = trend.iter().enumerate().filter(|(i, _)| *i == 0 || *i == trend.len() - 1 || i % 6 == 0).map(|(i, p)| (i, p.month.format("%m-%Y").to_string())).collect();
    let desc = trend.last().map(|p| format!("{}: {} getraind, waarvan {} in het programma", p.month.format("%m-%Y"), p.trained, p.trained_programme)).unwrap_or_default();
    let points = trend.clone();
    let last = trend.len().saturating_sub(1);
    view! {
        <svg class="va-svg" viewBox=format!("0 0 {w} {h}") role="img" aria-labelledby="tc-title tc-desc" data-testid="trend-svg">
            <title id="tc-title">{move || lookup(lang.get(), k!("mon.chart.trend"))}</title>
            <desc id="tc-desc">{desc}</desc>
            {ticks.into_iter().map(|v| view! {
                <line x1=format!("{left}") x2=format!("{}", w - 10.0) y1=format!("{:.1}", y(v)) y2=format!("{:.1}", y(v)) class="va-svg__grid"/>
                <text x=format!("{}", left - 6.0) y=format!("{:.1}", y(v) + 4.0) class="va-svg__axis" text-anchor="end">{v}</text>
            }).collect_view()}
            {labels.into_iter().map(|(i, l)| {
                // The first and last labels stay inside the drawing.
                let anchor = if i == 0 { "start" } else if i == last { "end" } else { "middle" };
                view! { <text x=format!("{:.1}", x(i)) y=format!("{}", h - 8.0) class="va-svg__axis" text-anchor=anchor>{l}</text> }
            }).collect_view()}
            <polyline points=all class="va-line va-line--all"/>
            <polyline points=programme class="va-line va-line--programme"/>
            {points.iter().enumerate().map(|(i, p)| {
                let label = format!("{}: {} ({})", p.month.format("%m-%Y"), p.trained, p.trained_programme);
                view! { <circle cx=format!("{:.1}", x(i)) cy=format!("{:.1}", y(p.trained)) r="3" class="va-dot"><title>{label}</title></circle> }
            }).collect_view()}
        </svg>
        <ul class="va-legend">
            <li><span class="va-swatch va-line--all" aria-hidden="true"></span>{t!("mon.s.all")}</li>
            <li><span class="va-swatch va-line--programme" aria-hidden="true"></span>{t!("mon.s.programme")}</li>
        </ul>
    }
}

/// The compared figures grouped by scope (total first), in the server's order.
fn by_scope(figures: Vec<ComparedFigure>) -> Vec<(String, Vec<ComparedFigure>)> {
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

fn figure_key(name: &str) -> Key {
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
fn Snapshots() -> impl IntoView {
    let lang = use_lang();
    let reload = RwSignal::new(0u32);
    let error: RwSignal<Option<ApiError>> = RwSignal::new(None);
    let label = RwSignal::new(String::new());
    let shown: RwSignal<Option<SnapshotComparison>> = RwSignal::new(None);
    let list = LocalResource::new(move || {
        reload.get();
        async move { api::snapshots().await }
    });
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
            <Transition fallback=Loading>
                {move || list.get().map(|res| match res {
                    Err(e) => view! { <LoadError err=e/> }.into_any(),
                    Ok(items) if items.is_empty() => view! { <p class="utrecht-paragraph va-empty">{t!("mon.no_snapshots")}</p> }.into_any(),
                    Ok(items) => view! {
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
            </Transition>
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
            let data = LocalResource::new(move || {
                async move { api::dashboard().await }
            });
            view! {
                <div class="va-report">
                    <p class="utrecht-paragraph va-noprint"><A href="/monitoring" attr:class="utrecht-link">{t!("mon.back")}</A></p>
                    <h1 class="utrecht-heading-1">{t!("mon.report_title")}</h1>
                    <div class="va-actions va-noprint">
                        <button type="button" class="utrecht-button utrecht-button--primary-action" on:click=|_| { if let Some(w) = web_sys::window() { let _ = w.print(); } }>{t!("mon.print")}</button>
                    </div>
                    <Transition fallback=Loading>
                        {move || data.get().map(|res| match res {
                            Err(e) => view! { <LoadError err=e/> }.into_any(),
                            Ok(d) => view! {
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
                            }.into_any(),
                        })}
                    </Transition>
                </div>
            }
        }/>
    }
}

fn action_key(a: ImportAction) -> (&'static str, Key) {
    match a {
        ImportAction::Create => ("open", k!("imp.a.create")),
        ImportAction::Mark => ("placed", k!("imp.a.mark")),
        ImportAction::Unchanged => ("planned", k!("imp.a.unchanged")),
        ImportAction::Reject => ("rejected", k!("imp.a.reject")),
    }
}

fn problem_key(p: &str) -> Key {
    match p {
        "missing_name" => k!("imp.p.missing_name"),
        "bad_email" => k!("imp.p.bad_email"),
        "unknown_organisation" => k!("imp.p.unknown_organisation"),
        "bad_date" => k!("imp.p.bad_date"),
        "date_in_future" => k!("imp.p.date_in_future"),
        "duplicate" => k!("imp.p.duplicate"),
        _ => k!("imp.p.other_organisation"),
    }
}

/// `/monitoring/import`: BEL reads in the knowledge partner's records of professionals trained before.
#[component]
pub fn ImportPage() -> impl IntoView {
    view! {
        <RequireRole role=Role::BelCoordinator render=|_: Session| {
            let lang = use_lang();
            let csv: RwSignal<Option<String>> = RwSignal::new(None);
            let report: RwSignal<Option<ImportReport>> = RwSignal::new(None);
            let error: RwSignal<Option<ApiError>> = RwSignal::new(None);
            let run = move |import: bool| {
                spawn_local(async move {
                    let text = match (import, csv.get_untracked()) {
                        (true, Some(t)) => Some(t),
                        _ => api::chosen_file_text("import-file").await,
                    };
                    let Some(text) = text else {
                        error.set(Some(ApiError::Problem(va_openapi::Problem {
                            type_: "about:blank".into(), title: "".into(), status: 422, detail: None,
                            code: va_openapi::ErrorCode::ValidationFailed, errors: vec![],
                        })));
                        return;
                    };
                    csv.set(Some(text.clone()));
                    match api::import_earlier(text, import).await {
                        Ok(r) => { error.set(None); report.set(Some(r)); }
                        Err(e) => error.set(Some(e)),
                    }
                });
            };
            view! {
                <p class="utrecht-paragraph"><A href="/monitoring" attr:class="utrecht-link">{t!("mon.back")}</A></p>
                <h1 class="utrecht-heading-1">{t!("imp.title")}</h1>
                <p class="utrecht-paragraph">{t!("imp.intro")}</p>
                <pre class="va-example">"naam;e-mail;organisatie;functie;getraind op\nAns Peeters;a.peeters@venlo.nl;Venlo;Medewerker toegangsteam;12-05-2024"</pre>
                <div class="utrecht-form-field">
                    <label class="utrecht-form-label" for="import-file">{t!("imp.file")}</label>
                    <input id="import-file" type="file" accept=".csv,text/csv" class="utrecht-textbox" data-testid="import-file" on:change=move |_| { csv.set(None); report.set(None); }/>
                </div>
                <div class="va-actions">
                    <button type="button" class="utrecht-button utrecht-button--secondary-action" data-testid="import-preview" on:click=move |_| run(false)>{t!("imp.preview")}</button>
                    {move || report.get().filter(|r| !r.imported && r.created + r.marked > 0).map(|r| view! {
                        <button type="button" class="utrecht-button utrecht-button--primary-action" data-testid="import-run" on:click=move |_| run(true)>
                            {move || lookup(lang.get(), k!("imp.run")).replace("{n}", &(r.created + r.marked).to_string())}
                        </button>
                    })}
                </div>
                {error_alert(error)}
                {move || report.get().map(|r| view! {
                    <div class=if r.imported { "utrecht-alert utrecht-alert--info va-alert" } else { "va-card" } role="status" data-testid="import-summary">
                        <p class="utrecht-paragraph">
                            {tr(if r.imported { k!("imp.done") } else { k!("imp.would") })}" "
                            {move || lookup(lang.get(), k!("imp.counts")).replace("{c}", &r.created.to_string()).replace("{m}", &r.marked.to_string()).replace("{u}", &r.unchanged.to_string()).replace("{r}", &r.rejected.to_string())}
                        </p>
                    </div>
                    <Table headers=vec![(k!("imp.line"), true), (k!("imp.name"), false), (k!("imp.email"), false), (k!("mon.org"), false), (k!("imp.date"), false), (k!("imp.action"), false), (k!("imp.problems"), false)] testid="import-rows">
                        {r.rows.into_iter().map(|row| {
                            let (class, key) = action_key(row.action);
                            let problems = row.problems.clone();
                            view! {
                                <tr class="utrecht-table__row" data-testid="import-row">
                                    <td class="utrecht-table__cell utrecht-table__cell--numeric">{row.line}</td>
                                    <th scope="row" class="utrecht-table__header-cell">{row.name}</th>
                                    <td class="utrecht-table__cell">{row.email}</td>
                                    <td class="utrecht-table__cell">{row.organisation}</td>
                                    <td class="utrecht-table__cell">{row.trained_on.map(nl_date).unwrap_or_default()}</td>
                                    <td class="utrecht-table__cell">{badge(class, key)}</td>
                                    <td class="utrecht-table__cell">{move || problems.iter().map(|p| lookup(lang.get(), problem_key(p))).collect::<Vec<_>>().join("; ")}</td>
                                </tr>
                            }
                        }).collect_view()}
                    </Table>
                })}
            }
        }/>
    }
}

//! Bars per region and the monthly trend, drawn in SVG (no scripts).

use super::*;
use crate::components::format::opt;
use crate::i18n::{lookup, tr, use_lang, Key};
use leptos::prelude::*;
use va_openapi::monitoring::*;

/// Bars per region: trained, placed, waiting and still to train, with their values written out.
#[component]
pub(super) fn RegionChart(regions: Vec<RegionFigures>) -> impl IntoView {
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
pub(super) fn TrendChart(trend: Vec<TrendPoint>) -> impl IntoView {
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

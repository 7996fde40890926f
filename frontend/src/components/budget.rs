//! A year's three budget lines and their total, as the budget page and the
//! monitoring dashboard show them (the same words and figures on both).

use crate::components::common::Table;
use crate::components::format::eur;
use crate::components::labels::budget_line_key;
use crate::i18n::tr;
use leptos::prelude::*;
use va_openapi::budget::{BudgetLine, BudgetTotal};

/// One year's lines and total.
#[derive(Clone)]
pub struct YearLines {
    pub year: i32,
    pub lines: Vec<BudgetLine>,
    pub total: Option<BudgetTotal>,
}

fn cells(budget: i64, spent: i64, committed: i64, remaining: i64) -> impl IntoView {
    view! {
        <td class="utrecht-table__cell utrecht-table__cell--numeric">{eur(budget)}</td>
        <td class="utrecht-table__cell utrecht-table__cell--numeric">{eur(spent)}</td>
        <td class="utrecht-table__cell utrecht-table__cell--numeric">{eur(committed)}</td>
        <td class="utrecht-table__cell utrecht-table__cell--numeric" class:va-negative=remaining < 0>{eur(remaining)}</td>
    }
}

#[component]
pub fn BudgetLinesTable(years: Vec<YearLines>, testid: &'static str) -> impl IntoView {
    view! {
        <Table headers=vec![(k!("bud.year"), false), (k!("bud.line"), false), (k!("wl.budget"), true), (k!("cost.spent"), true), (k!("cost.committed"), true), (k!("cost.remaining"), true)] testid=testid>
            {years.into_iter().map(|y| {
                let year = y.year;
                view! {
                    {y.lines.into_iter().map(|l| view! {
                        <tr class="utrecht-table__row" data-line=l.line.as_str() data-year=year>
                            <td class="utrecht-table__cell">{year}</td>
                            <th scope="row" class="utrecht-table__header-cell">{tr(budget_line_key(l.line))}</th>
                            {cells(l.budget_eur, l.spent_eur, l.committed_eur, l.remaining_eur)}
                        </tr>
                    }).collect_view()}
                    {y.total.map(|t| view! {
                        <tr class="utrecht-table__row va-total" data-line="total" data-year=year>
                            <td class="utrecht-table__cell">{year}</td>
                            <th scope="row" class="utrecht-table__header-cell">{t!("bud.total")}</th>
                            {cells(t.budget_eur, t.spent_eur, t.committed_eur, t.remaining_eur)}
                        </tr>
                    })}
                }
            }).collect_view()}
        </Table>
    }
}

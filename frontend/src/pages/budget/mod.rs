//! `/bel/begroting`: BEL's whole budget (plan section 8): every year's three
//! lines, setting or raising them, the learning questions' figures and the
//! bookings on the learning-questions and other lines. `/leervragen`: the
//! learning questions (plan section 6) for BEL and the ambassadors.

mod expenses;
mod question_form;
mod questions;

pub use questions::QuestionsPage;

use crate::api::{self, ApiError};
use crate::components::common::{error_alert, field_error, Table};
use crate::components::form::input;
use crate::components::format::eur;
use crate::components::guard::RequireAnyRole;
use crate::components::labels::question_status_key;
use crate::components::loaded::{load, loaded};
use crate::components::notice;
use crate::i18n::tr;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use crate::components::budget::{BudgetLinesTable, YearLines};
use va_openapi::auth::Role;
use va_openapi::budget::*;
use va_openapi::waitlist::{BudgetInput, BudgetYear};

#[component]
pub fn BudgetPage() -> impl IntoView {
    view! { <RequireAnyRole roles=&[Role::BelCoordinator] render=|_| view! { <Budget/> }/> }
}

#[component]
fn Budget() -> impl IntoView {
    let reload = RwSignal::new(0u32);
    let data = load(Some(reload), move || async move { api::budget_overview().await });
    view! {
        <h1 class="utrecht-heading-1">{t!("bud.title")}</h1>
        <p class="utrecht-paragraph utrecht-paragraph--lead">{t!("bud.intro")}</p>
        {loaded(data, move |o| {
            let years: Vec<YearLines> = o.years.iter().map(|y| YearLines { year: y.year, lines: y.lines.clone(), total: Some(y.total.clone()) }).collect();
            view! {
                <section class="va-section">
                    <h2 class="utrecht-heading-2">{t!("bud.year_heading")}</h2>
                    <BudgetLinesTable years testid="budget-lines"/>
                </section>
                <SetLines years=o.years.clone() reload/>
                <Questions questions=o.questions.clone()/>
                <expenses::Expenses expenses=o.expenses.clone() questions=o.questions.clone() reload/>
            }
        })}
    }
}

/// BEL sets a year's three lines (prefilled with the chosen year's amounts).
#[component]
fn SetLines(years: Vec<BudgetYear>, reload: RwSignal<u32>) -> impl IntoView {
    let error: RwSignal<Option<ApiError>> = RwSignal::new(None);
    let this_year = js_sys::Date::new_0().get_full_year() as i32;
    let years = StoredValue::new(years);
    let year = RwSignal::new(this_year.to_string());
    let amount = move |y: &str, line: BudgetLineKind| -> String {
        years.with_value(|ys| ys.iter().find(|b| b.year.to_string() == y).and_then(|b| b.lines.iter().find(|l| l.line == line)).map(|l| l.budget_eur.to_string())).unwrap_or_default()
    };
    let training = RwSignal::new(amount(&this_year.to_string(), BudgetLineKind::Training));
    let questions = RwSignal::new(amount(&this_year.to_string(), BudgetLineKind::LearningQuestions));
    let other = RwSignal::new(amount(&this_year.to_string(), BudgetLineKind::Other));
    // Choosing another year shows that year's amounts.
    Effect::new(move || {
        let y = year.get();
        training.set(amount(&y, BudgetLineKind::Training));
        questions.set(amount(&y, BudgetLineKind::LearningQuestions));
        other.set(amount(&y, BudgetLineKind::Other));
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        // Not a number is sent as -1: the server names the field.
        let num = |s: RwSignal<String>| s.get_untracked().trim().parse::<i64>().unwrap_or(-1);
        let y: i32 = year.get_untracked().trim().parse().unwrap_or(0);
        let body = BudgetInput { training_eur: num(training), learning_questions_eur: Some(num(questions)), other_eur: Some(num(other)) };
        spawn_local(async move {
            match api::set_budget_lines(y, &body).await {
                Ok(b) => {
                    error.set(None);
                    reload.update(|n| *n += 1);
                    notice::confirm(k!("bud.saved"), Some(format!("{}: {}", b.year, eur(b.total.budget_eur))));
                }
                Err(e) => error.set(Some(e)),
            }
        });
    };
    view! {
        <section class="va-section" data-testid="budget-set">
            <h2 class="utrecht-heading-2">{t!("bud.set")}</h2>
            <p class="utrecht-paragraph">{t!("bud.set_intro")}</p>
            {error_alert(error)}
            <form class="va-form va-form--grid" novalidate=true on:submit=submit>
                {input("bud-year".into(), k!("bud.year"), "number", year, field_error(error, "year"))}
                {input("bud-training".into(), k!("bud.line.training"), "number", training, field_error(error, "training_eur"))}
                {input("bud-questions".into(), k!("bud.line.learning_questions"), "number", questions, field_error(error, "learning_questions_eur"))}
                {input("bud-other".into(), k!("bud.line.other"), "number", other, field_error(error, "other_eur"))}
                <div class="va-actions">
                    <button type="submit" class="utrecht-button utrecht-button--primary-action" data-testid="budget-save">{t!("bud.save")}</button>
                </div>
            </form>
        </section>
    }
}

/// The learning questions with what each holds; decisions are taken on `/leervragen`.
#[component]
fn Questions(questions: Vec<LearningQuestion>) -> impl IntoView {
    view! {
        <section class="va-section" data-testid="budget-questions">
            <h2 class="utrecht-heading-2">{t!("bud.questions")}</h2>
            <p class="utrecht-paragraph"><A href="/leervragen" attr:class="utrecht-link">{t!("bud.to_questions")}</A></p>
            <Table headers=vec![(k!("lq.q_title"), false), (k!("lq.budget_year"), false), (k!("lq.status"), false), (k!("wl.budget"), true), (k!("lq.spent"), true), (k!("lq.committed"), true)]>
                {questions.into_iter().map(|q| view! {
                    <tr class="utrecht-table__row">
                        <th scope="row" class="utrecht-table__header-cell">{q.title.clone()}</th>
                        <td class="utrecht-table__cell">{q.budget_year}</td>
                        <td class="utrecht-table__cell">{tr(question_status_key(q.status))}</td>
                        <td class="utrecht-table__cell utrecht-table__cell--numeric">{eur(q.budget_eur)}</td>
                        <td class="utrecht-table__cell utrecht-table__cell--numeric">{q.spent_eur.map(eur).unwrap_or_default()}</td>
                        <td class="utrecht-table__cell utrecht-table__cell--numeric">{q.committed_eur.map(eur).unwrap_or_default()}</td>
                    </tr>
                }).collect_view()}
            </Table>
        </section>
    }
}

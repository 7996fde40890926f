//! The bookings on the learning-questions and other lines, and BEL's form to
//! book one (refused with the missing amount when it does not fit).

use crate::api::{self, ApiError};
use crate::components::common::{error_alert, field_error, Table, TextField};
use crate::components::form::{date, input, missing, select};
use crate::components::format::{eur, nl_date};
use crate::components::labels::budget_line_key;
use crate::components::notice;
use crate::i18n::tr;
use leptos::prelude::*;
use leptos::task::spawn_local;
use va_openapi::budget::*;
use va_openapi::LearningQuestionId;

#[component]
pub(super) fn Expenses(expenses: Vec<BudgetExpense>, questions: Vec<LearningQuestion>, reload: RwSignal<u32>) -> impl IntoView {
    let error: RwSignal<Option<ApiError>> = RwSignal::new(None);
    view! {
        <section class="va-section" data-testid="budget-expenses">
            <h2 class="utrecht-heading-2">{t!("bud.expenses")}</h2>
            {error_alert(error)}
            {if expenses.is_empty() {
                view! { <p class="utrecht-paragraph va-empty">{t!("bud.no_expenses")}</p> }.into_any()
            } else {
                view! {
                    <Table headers=vec![(k!("bud.date"), false), (k!("bud.description"), false), (k!("bud.line"), false), (k!("bud.amount"), true), (k!("bud.state"), false), (k!("bud.remove"), false)]>
                        {expenses.into_iter().map(|e| {
                            let what = e.description.clone();
                            view! {
                                <tr class="utrecht-table__row">
                                    <td class="utrecht-table__cell">{nl_date(e.spent_on)}</td>
                                    <th scope="row" class="utrecht-table__header-cell">{e.description.clone()}</th>
                                    <td class="utrecht-table__cell">{tr(budget_line_key(e.line))}{e.learning_question.clone().map(|q| view! { <br/><span class="va-muted">{q.name}</span> })}</td>
                                    <td class="utrecht-table__cell utrecht-table__cell--numeric">{eur(e.amount_eur)}</td>
                                    <td class="utrecht-table__cell">{tr(if e.spent { k!("bud.spent_state") } else { k!("bud.committed_state") })}</td>
                                    <td class="utrecht-table__cell">
                                        <button type="button" class="utrecht-button utrecht-button--subtle" data-testid="expense-remove"
                                            on:click=move |_| {
                                                let what = what.clone();
                                                spawn_local(async move {
                                                    match api::remove_expense(e.id).await {
                                                        Ok(()) => { reload.update(|n| *n += 1); notice::confirm(k!("bud.removed"), Some(what)); }
                                                        Err(err) => error.set(Some(err)),
                                                    }
                                                });
                                            }>{t!("bud.remove")}<span class="va-visually-hidden">": "{e.description.clone()}</span></button>
                                    </td>
                                </tr>
                            }
                        }).collect_view()}
                    </Table>
                }.into_any()
            }}
            <Book questions reload/>
        </section>
    }
}

#[component]
fn Book(questions: Vec<LearningQuestion>, reload: RwSignal<u32>) -> impl IntoView {
    let error: RwSignal<Option<ApiError>> = RwSignal::new(None);
    let line = RwSignal::new(BudgetLineKind::Other.as_str().to_string());
    let question = RwSignal::new(String::new());
    let description = RwSignal::new(String::new());
    let amount = RwSignal::new(String::new());
    let on = RwSignal::new(String::new());
    let funded: Vec<(LearningQuestionId, String)> = questions.into_iter().filter(|q| q.status == LearningQuestionStatus::Funded).map(|q| (q.id, q.title)).collect();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Ok(day) = on.get_untracked().parse() else {
            error.set(Some(ApiError::Problem(missing(&[("spent_on", String::new())]))));
            return;
        };
        let line = BudgetLineKind::parse(&line.get_untracked()).unwrap_or(BudgetLineKind::Other);
        let body = BudgetExpenseInput {
            line,
            learning_question_id: (line == BudgetLineKind::LearningQuestions).then(|| question.get_untracked().parse().ok().map(LearningQuestionId)).flatten(),
            description: description.get_untracked(),
            // Not a number is sent as 0: the server names the field.
            amount_eur: amount.get_untracked().trim().parse().unwrap_or(0),
            spent_on: day,
        };
        spawn_local(async move {
            match api::book_expense(&body).await {
                Ok(e) => {
                    error.set(None);
                    description.set(String::new());
                    amount.set(String::new());
                    reload.update(|n| *n += 1);
                    notice::confirm(k!("bud.booked"), Some(format!("{} ({})", e.description, eur(e.amount_eur))));
                }
                Err(e) => error.set(Some(e)),
            }
        });
    };
    view! {
        <h3 class="utrecht-heading-3">{t!("bud.book")}</h3>
        <p class="utrecht-paragraph">{t!("bud.book_intro")}</p>
        {error_alert(error)}
        <form class="va-form va-form--grid" novalidate=true on:submit=submit data-testid="expense-form">
            {select("exp-line", k!("bud.line"), vec![("other".into(), k!("bud.line.other")), ("learning_questions".into(), k!("bud.line.learning_questions"))], line.into(), move |v| line.set(v))}
            <div class="utrecht-form-field" class:va-hidden=move || line.get() != "learning_questions">
                <div class="utrecht-form-field__label"><label class="utrecht-form-label" for="exp-question">{t!("bud.question")}</label></div>
                <div class="utrecht-form-field__input">
                    <select id="exp-question" class="utrecht-select utrecht-select--html-select" data-testid="exp-question" aria-describedby="exp-question-err"
                        on:change=move |ev| question.set(event_target_value(&ev))>
                        <option value="">"–"</option>
                        {funded.into_iter().map(|(id, title)| view! { <option value=id.0.to_string()>{title}</option> }).collect_view()}
                    </select>
                </div>
                <p class="utrecht-form-field-error-message" id="exp-question-err">{move || field_error(error, "learning_question_id").get()}</p>
            </div>
            <TextField id="exp-description" required=true label=k!("bud.description") value=description error=field_error(error, "description")/>
            {input("exp-amount".into(), k!("bud.amount"), "number", amount, field_error(error, "amount_eur"))}
            {date("exp-date", k!("bud.date"), on, field_error(error, "spent_on"))}
            <div class="va-actions">
                <button type="submit" class="utrecht-button utrecht-button--primary-action" data-testid="expense-submit">{t!("bud.book_submit")}</button>
            </div>
        </form>
    }
}

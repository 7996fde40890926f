//! The participant's evaluation: the public page and the aggregates.

use super::*;
use crate::api::{self, ApiError};
use crate::components::format::{nl_date, nl_decimal};
use crate::components::common::{error_alert, LoadError, Loading, Table, TextArea};
use crate::components::loaded::{load, loaded};
use crate::i18n::{tr, Key};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_query_map;
use va_openapi::followup::*;
use va_openapi::GroupId;

/// Per-group aggregates of the participants' evaluation: no single answer is tied to a name.
#[component]
pub(super) fn EvaluationResults(id: GroupId) -> impl IntoView {
    let data = load(None, move || async move { api::evaluation_summary(id).await });
    view! {
        <section class="va-section" data-testid="evaluation">
            <h2 class="utrecht-heading-2">{t!("ev.results")}</h2>
            {loaded(data, move |s| {
                        let enough = s.responded >= s.min_responses;
                        view! {
                            <p class="utrecht-paragraph va-summary" data-testid="ev-counts">
                                <strong>{s.responded}</strong>" "{t!("ev.of")}" "<strong>{s.invited}</strong>" "{t!("ev.answered")}
                            </p>
                            {if !enough {
                                view! { <p class="utrecht-paragraph va-empty">{t!("ev.too_few")}" "{s.min_responses}"."</p> }.into_any()
                            } else {
                                view! {
                                    <Table headers=vec![(k!("ev.question"), false), (k!("ev.average"), true), (k!("ev.spread"), false)]>
                                        {s.questions.iter().map(|q| {
                                            let total: i32 = q.counts.iter().sum::<i32>().max(1);
                                            view! {
                                                <tr class="utrecht-table__row">
                                                    <th class="utrecht-table__header-cell" scope="row">{question_text(&q.key)}</th>
                                                    <td class="utrecht-table__cell utrecht-table__cell--numeric">{q.average.map(nl_decimal).unwrap_or_default()}</td>
                                                    <td class="utrecht-table__cell">
                                                        <div class="va-spread">
                                                            {q.counts.iter().enumerate().map(|(i, c)| view! {
                                                                <span class="va-spread__bar" style=format!("--share: {}%", c * 100 / total)
                                                                    title=format!("{}: {c}", i + 1)>{format!("{}: {c}", i + 1)}</span>
                                                            }).collect_view()}
                                                        </div>
                                                    </td>
                                                </tr>
                                            }
                                        }).collect_view()}
                                    </Table>
                                    <OpenAnswers title=k!("ev.valuable") items=s.valuable.clone()/>
                                    <OpenAnswers title=k!("ev.improve") items=s.improve.clone()/>
                                }.into_any()
                            }}
                        }.into_any()
                    })}
        </section>
    }
}

pub(super) fn question_text(key: &str) -> impl Fn() -> &'static str + Copy {
    match key {
        "content" => t!("ev.q.content"),
        "trainers" => t!("ev.q.trainers"),
        "practice" => t!("ev.q.practice"),
        _ => t!("ev.q.overall"),
    }
}

#[component]
pub(super) fn OpenAnswers(title: Key, items: Vec<String>) -> impl IntoView {
    (!items.is_empty()).then(|| view! {
        <h3 class="utrecht-heading-3">{tr(title)}</h3>
        <ul class="utrecht-unordered-list">
            {items.into_iter().map(|i| view! { <li class="utrecht-unordered-list__item va-pre">{i}</li> }).collect_view()}
        </ul>
    })
}

/// `/evaluatie?token=…`: the participant answers once, without an account.
#[component]
pub fn EvaluationPage() -> impl IntoView {
    let query = use_query_map();
    let token = query.read_untracked().get("token").unwrap_or_default();
    let ratings: [RwSignal<i32>; 4] = std::array::from_fn(|_| RwSignal::new(0));
    let valuable = RwSignal::new(String::new());
    let improve = RwSignal::new(String::new());
    let error: RwSignal<Option<ApiError>> = RwSignal::new(None);
    let missing = RwSignal::new(false);
    let done = RwSignal::new(false);
    let busy = RwSignal::new(false);
    let tok = token.clone();
    let data = load(None, move || api::evaluation_lookup(tok.clone()));
    let token = StoredValue::new(token);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        let r: Vec<i32> = ratings.iter().map(|s| s.get_untracked()).collect();
        if r.contains(&0) {
            missing.set(true);
            return;
        }
        missing.set(false);
        busy.set(true);
        let input = EvaluationInput {
            token: token.get_value(),
            content: r[0],
            trainers: r[1],
            practice: r[2],
            overall: r[3],
            valuable: non_empty(valuable.get_untracked()),
            improve: non_empty(improve.get_untracked()),
        };
        spawn_local(async move {
            match api::evaluation_answer(input).await {
                Ok(_) => {
                    error.set(None);
                    done.set(true);
                }
                Err(e) => error.set(Some(e)),
            }
            busy.set(false);
        });
    };
    view! {
        <div class="va-narrow va-evaluation">
            <Suspense fallback=Loading>
                {move || data.get().map(|res| match res {
                    Err(e) => view! { <h1 class="utrecht-heading-1">{t!("ev.title")}</h1><LoadError err=e/> }.into_any(),
                    Ok(p) => view! {
                        <h1 class="utrecht-heading-1" data-testid="ev-title">{t!("ev.title")}</h1>
                        <p class="utrecht-paragraph va-summary">
                            {p.programme.clone()}" · "{p.group.clone()}
                            {p.first_day.zip(p.last_day).map(|(a, b)| format!(" · {} – {}", nl_date(a), nl_date(b)))}
                        </p>
                        {if p.answered {
                            view! { <div class="utrecht-alert utrecht-alert--info va-alert" role="status"><p class="utrecht-paragraph">{t!("ev.already")}</p></div> }.into_any()
                        } else {
                            view! {
                                <Show when=move || done.get() fallback=move || view! {
                                    <p class="utrecht-paragraph utrecht-paragraph--lead">{t!("ev.intro")}</p>
                                    <form class="va-form" novalidate=true on:submit=submit data-testid="ev-form">
                                        {QUESTIONS.iter().zip(ratings).map(|(q, value)| view! { <Rating key=q.key value=value/> }).collect_view()}
                                        <TextArea id="ev-valuable".into() label=k!("ev.valuable_q") value=valuable rows=3/>
                                        <TextArea id="ev-improve".into() label=k!("ev.improve_q") value=improve rows=3/>
                                        <Show when=move || missing.get()>
                                            <div class="utrecht-alert utrecht-alert--error va-alert" role="alert"><p class="utrecht-paragraph">{t!("ev.missing")}</p></div>
                                        </Show>
                                        {error_alert(error)}
                                        <div class="va-actions">
                                            <button type="submit" class="utrecht-button utrecht-button--primary-action" data-testid="ev-submit"
                                                aria-disabled=move || busy.get().then_some("true")>{t!("ev.submit")}</button>
                                        </div>
                                        <p class="utrecht-paragraph va-muted">{t!("ev.anonymous")}</p>
                                    </form>
                                }>
                                    <div class="utrecht-alert utrecht-alert--info va-alert" role="status" data-testid="ev-done"><p class="utrecht-paragraph">{t!("ev.thanks")}</p></div>
                                </Show>
                            }.into_any()
                        }}
                    }.into_any(),
                })}
            </Suspense>
        </div>
    }
}

/// A 1-5 rating as a radio group.
#[component]
pub(super) fn Rating(key: &'static str, value: RwSignal<i32>) -> impl IntoView {
    view! {
        <fieldset class="utrecht-form-fieldset va-fieldset" data-testid="ev-rating">
            <legend class="utrecht-form-fieldset__legend">{question_text(key)}</legend>
            <div class="va-answers">
                {(1..=5).map(|n| {
                    let id = format!("ev-{key}-{n}");
                    view! {
                        <div class="utrecht-form-field utrecht-form-field--radio va-check">
                            <input type="radio" class="utrecht-radio-button utrecht-radio-button--html-input" name=format!("ev-{key}") id=id.clone()
                                prop:checked=move || value.get() == n on:change=move |_| value.set(n)/>
                            <label class="utrecht-form-label utrecht-form-label--radio" for=id>{n}" "{tr(match n { 1 => k!("ev.r1"), 2 => k!("ev.r2"), 3 => k!("ev.r3"), 4 => k!("ev.r4"), _ => k!("ev.r5") })}</label>
                        </div>
                    }
                }).collect_view()}
            </div>
        </fieldset>
    }
}

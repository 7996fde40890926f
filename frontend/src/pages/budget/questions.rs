//! `/leervragen`: every learning question with the plan's conditions (BEL and
//! the ambassadors; the money figures for BEL). An ambassador registers and
//! changes their region's while proposed; BEL funds, declines or closes.

use super::question_form::QuestionForm;
use crate::api::{self, ApiError};
use crate::components::common::{badge, error_alert, field_error, TextArea};
use crate::components::format::{eur, nl_date};
use crate::components::guard::RequireAnyRole;
use crate::components::labels::question_status_key;
use crate::components::loaded::{load, loaded};
use crate::components::notice;
use crate::i18n::{lookup, tr, use_lang, Key};
use crate::session::Session;
use leptos::prelude::*;
use leptos::task::spawn_local;
use va_openapi::auth::Role;
use va_openapi::budget::*;

const READERS: &[Role] = &[Role::BelCoordinator, Role::Ambassador];

#[component]
pub fn QuestionsPage() -> impl IntoView {
    view! { <RequireAnyRole roles=READERS render=|s: Session| view! { <Questions s/> }/> }
}

fn status_class(s: LearningQuestionStatus) -> &'static str {
    match s {
        LearningQuestionStatus::Proposed => "submitted",
        LearningQuestionStatus::Funded => "approved",
        LearningQuestionStatus::Declined => "declined",
        LearningQuestionStatus::Closed => "completed",
    }
}

#[component]
fn Questions(s: Session) -> impl IntoView {
    let reload = RwSignal::new(0u32);
    let data = load(Some(reload), move || async move { api::learning_questions().await });
    let s2 = s.clone();
    view! {
        <h1 class="utrecht-heading-1">{t!("lq.title")}</h1>
        <p class="utrecht-paragraph utrecht-paragraph--lead">{t!("lq.intro")}</p>
        {loaded(data, move |qs| {
            let s = s.clone();
            if qs.is_empty() {
                view! { <p class="utrecht-paragraph va-empty">{t!("lq.none")}</p> }.into_any()
            } else {
                view! { <div data-testid="questions">{qs.into_iter().map(|q| view! { <Question q s=s.clone() reload/> }).collect_view()}</div> }.into_any()
            }
        })}
        <section class="va-section" data-testid="question-new">
            <h2 class="utrecht-heading-2">{t!("lq.register")}</h2>
            <QuestionForm s=s2 existing=None reload/>
        </section>
    }
}

#[component]
fn Question(q: LearningQuestion, s: Session, reload: RwSignal<u32>) -> impl IntoView {
    let lang = use_lang();
    let region = q.region.as_ref().map(|r| r.name.clone());
    let fact = |k: Key, v: String| view! { <dt>{tr(k)}</dt><dd class="va-pre">{v}</dd> };
    let edit = q.can_edit.then(|| q.clone());
    view! {
        <article class="va-card" data-testid="question" data-status=q.status.as_str()>
            <h2 class="utrecht-heading-3">{q.title.clone()}" "{badge(status_class(q.status), question_status_key(q.status))}</h2>
            <dl class="va-facts">
                <dt>{t!("lq.region")}</dt><dd>{move || region.clone().unwrap_or_else(|| lookup(lang.get(), k!("lq.supra")).into())}</dd>
                {fact(k!("lq.goal"), q.goal.clone())}
                {fact(k!("lq.target"), q.target_group.clone())}
                {fact(k!("lq.partners"), q.partners.clone())}
                {fact(k!("lq.period"), format!("{} – {}", nl_date(q.starts_on), nl_date(q.ends_on)))}
                {fact(k!("lq.capacity"), q.capacity.clone())}
                {fact(k!("lq.outcomes"), q.outcomes.clone())}
                {fact(k!("lq.sharing"), q.sharing.clone())}
                <dt>{t!("lq.budget")}</dt>
                <dd data-testid="question-budget">{eur(q.budget_eur)}" ("{q.budget_year}")"
                    {q.spent_eur.zip(q.committed_eur).map(|(s, c)| view! { " · "{t!("lq.spent")}" "{eur(s)}" · "{t!("lq.committed")}" "{eur(c)} })}
                </dd>
                {fact(k!("lq.proposed_by"), q.proposed_by.clone())}
                {(!q.decision_note.is_empty()).then(|| fact(k!("lq.note"), q.decision_note.clone()))}
            </dl>
            {q.can_decide.then(|| view! { <Decide q=q.clone() reload/> })}
            {edit.map(|e| view! {
                <details class="va-details" data-testid="question-edit">
                    <summary class="va-summary-toggle">{t!("lq.edit")}</summary>
                    <QuestionForm s existing=Some(e) reload/>
                </details>
            })}
        </article>
    }
}

/// BEL's decision: fund or decline a proposed question, close a funded one.
#[component]
fn Decide(q: LearningQuestion, reload: RwSignal<u32>) -> impl IntoView {
    let error: RwSignal<Option<ApiError>> = RwSignal::new(None);
    let note = RwSignal::new(String::new());
    let id = q.id;
    let title = q.title.clone();
    let run = move |d: QuestionDecision| {
        let title = title.clone();
        let text = note.get_untracked();
        spawn_local(async move {
            match api::decide_question(id, d, (!text.trim().is_empty()).then_some(text)).await {
                Ok(_) => {
                    error.set(None);
                    reload.update(|n| *n += 1);
                    let key = match d {
                        QuestionDecision::Fund => k!("lq.funded"),
                        QuestionDecision::Decline => k!("lq.declined"),
                        QuestionDecision::Close => k!("lq.closed"),
                    };
                    notice::confirm(key, Some(title));
                }
                Err(e) => error.set(Some(e)),
            }
        });
    };
    let proposed = q.status == LearningQuestionStatus::Proposed;
    let (fund, decline, close) = (run.clone(), run.clone(), run);
    view! {
        <div class="va-decision" data-testid="question-decide">
            <h3 class="utrecht-heading-4">{t!("lq.decide")}</h3>
            {error_alert(error)}
            <TextArea id=format!("lq-note-{}", q.id) label=k!("lq.note") value=note error=field_error(error, "note")/>
            <div class="va-actions">
                {if proposed {
                    view! {
                        <button type="button" class="utrecht-button utrecht-button--primary-action" data-testid="question-fund" on:click=move |_| fund(QuestionDecision::Fund)>{t!("lq.fund")}</button>
                        <button type="button" class="utrecht-button utrecht-button--secondary-action" data-testid="question-decline" on:click=move |_| decline(QuestionDecision::Decline)>{t!("lq.decline")}</button>
                    }.into_any()
                } else {
                    view! { <button type="button" class="utrecht-button utrecht-button--secondary-action" data-testid="question-close" on:click=move |_| close(QuestionDecision::Close)>{t!("lq.close")}</button> }.into_any()
                }}
            </div>
        </div>
    }
}

//! The interview page: scheduling, the form with autosave, completion.

use super::*;
use crate::api::{self, ApiError};
use crate::components::labels::{answer_key, check_status_key};
use crate::components::format::local_time;
use crate::components::common::{error_alert as alert, reload_on_ok, Loading, TextField};
use crate::components::loaded::{load, loaded};
use crate::i18n::{lookup, use_lang};
use crate::session::{use_session, Session};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::Redirect;
use leptos_router::hooks::use_params_map;
use va_openapi::auth::Role;
use va_openapi::readiness::*;
use va_openapi::readiness::Owner;

/// `/readiness/:id`
#[component]
pub fn CheckPage() -> impl IntoView {
    let sess = use_session();
    let params = use_params_map();
    move || match sess.get() {
        None => view! { <Redirect path="/inloggen"/> }.into_any(),
        Some(s) => {
            let id = params.read().get("id").and_then(|v| v.parse::<i64>().ok()).unwrap_or(0);
            view! { <CheckDetail session=s id=id/> }.into_any()
        }
    }
}

#[component]
pub(super) fn CheckDetail(session: Session, id: i64) -> impl IntoView {
    let lang = use_lang();
    let conduct = matches!(session.user.role, Role::BelCoordinator | Role::Ambassador);
    let reload = RwSignal::new(0u32);
    let error: RwSignal<Option<ApiError>> = RwSignal::new(None);
    let data = load(Some(reload), move || async move { api::readiness_check(id).await });
    view! {
        {loaded(data, move |c| {
                    let status = c.status;
                    let open = matches!(status, CheckStatus::Planned | CheckStatus::Scheduled);
                    view! {
                        <div class="va-print-only va-print-header">"BEL Limburg · VA-trainingsplanner"</div>
                        <h1 class="utrecht-heading-1" data-testid="check-title">
                            {move || lookup(lang.get(), k!("rc.title"))}" — "{c.organisation.name.clone()}
                        </h1>
                        <dl class="va-facts">
                            <dt>{t!("groups.status")}</dt>
                            <dd data-testid="check-status"><span class="va-status">{move || lookup(lang.get(), check_status_key(status))}</span></dd>
                            <dt>{t!("rc.version")}</dt><dd>{c.template_version}</dd>
                            <dt>{t!("rc.when")}</dt><dd>{match c.scheduled_at { Some(at) => local_time(at).into_any(), None => t!("rc.not_scheduled").into_any() }}</dd>
                            <dt>{t!("rc.where")}</dt><dd>{c.location.clone().unwrap_or_else(|| "—".into())}</dd>
                            <dt>{t!("rc.ambassador")}</dt><dd>{c.ambassador.clone().map(|a| a.name).unwrap_or_else(|| "—".into())}</dd>
                            <dt>{t!("rc.project_leader")}</dt><dd>{c.project_leader.clone().map(|a| a.name).unwrap_or_else(|| "—".into())}</dd>
                            {c.completed_at.map(|d| view! { <dt>{t!("rc.completed_at")}</dt><dd>{local_time(d)}</dd> })}
                        </dl>
                        <p class="va-no-print">
                            <button type="button" class="utrecht-button utrecht-button--secondary-action" data-testid="print"
                                on:click=move |_| { if let Some(w) = web_sys::window() { let _ = w.print(); } }>{t!("rc.print")}</button>
                        </p>
                        {alert(error)}
                        {(conduct && open).then(|| view! { <Schedule id=id reload=reload error=error/> })}
                        <Interview check=c.clone() editable=conduct && open error=error/>
                        {if conduct && open {
                            view! { <Complete id=id reload=reload error=error/> }.into_any()
                        } else {
                            view! {
                                {c.summary.clone().map(|s| view! {
                                    <section class="va-section"><h2 class="utrecht-heading-2">{t!("rc.summary")}</h2><p class="utrecht-paragraph" data-testid="summary">{s}</p></section>
                                })}
                                <FollowupTable items=c.followups.clone() editable=true show_org=false/>
                            }.into_any()
                        }}
                    }.into_any()
                })}
    }
}

#[component]
pub(super) fn Schedule(id: i64, reload: RwSignal<u32>, error: RwSignal<Option<ApiError>>) -> impl IntoView {
    let when = RwSignal::new(String::new());
    let place = RwSignal::new(String::new());
    let leader = RwSignal::new(String::new());
    let leaders = load(None, move || async move { api::project_leaders().await });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        // `datetime-local` is local time; the browser knows its offset.
        let local = when.get_untracked();
        let js = js_sys::Date::new(&wasm_bindgen::JsValue::from_str(&local));
        let ms = js.get_time();
        if ms.is_nan() {
            error.set(Some(ApiError::Problem(va_openapi::Problem {
                type_: "about:blank".into(), title: String::new(), status: 422, detail: None,
                code: va_openapi::ErrorCode::ValidationFailed, errors: vec![],
            })));
            return;
        }
        let Some(at) = chrono::DateTime::from_timestamp_millis(ms as i64) else { return };
        let Ok(pl) = leader.get_untracked().parse::<i64>() else { return };
        let input = ScheduleInput { at, location: place.get_untracked(), project_leader_id: va_openapi::UserId(pl) };
        spawn_local(async move {
            reload_on_ok(reload, error)(api::schedule_check(id, &input).await)
        });
    };
    view! {
        <section class="va-section va-no-print">
            <h2 class="utrecht-heading-2">{t!("rc.schedule")}</h2>
            <form class="va-form va-form--grid" on:submit=submit novalidate=true>
                <TextField id="rc-when" label=k!("rc.when") kind="datetime-local" value=when/>
                <TextField id="rc-where" label=k!("rc.where_hint") value=place/>
                <div class="utrecht-form-field">
                    <div class="utrecht-form-field__label"><label class="utrecht-form-label" for="rc-leader">{t!("rc.project_leader")}</label></div>
                    <div class="utrecht-form-field__input">
                        <Suspense fallback=Loading>
                            {move || leaders.get().map(|res| {
                                let list = res.unwrap_or_default();
                                if leader.get_untracked().is_empty() {
                                    if let Some(first) = list.first() { leader.set(first.id.0.to_string()); }
                                }
                                view! {
                                    <select id="rc-leader" class="utrecht-select utrecht-select--html-select" on:change=move |ev| leader.set(event_target_value(&ev))>
                                        {list.into_iter().map(|l| view! { <option value=l.id.0.to_string()>{l.name}</option> }).collect_view()}
                                    </select>
                                }
                            })}
                        </Suspense>
                    </div>
                </div>
                <div class="va-actions">
                    <button type="submit" class="utrecht-button utrecht-button--primary-action" data-testid="schedule">{t!("rc.send_invitation")}</button>
                    <button type="button" class="utrecht-button utrecht-button--subtle" data-testid="cancel-check"
                        on:click=move |_| {
                            spawn_local(async move {
                                reload_on_ok(reload, error)(api::cancel_check(id).await)
                            });
                        }>{t!("rc.cancel")}</button>
                </div>
            </form>
        </section>
    }
}

/// The form: items by section, an answer and a note each, saved as you go.
#[component]
pub(super) fn Interview(check: CheckView, editable: bool, error: RwSignal<Option<ApiError>>) -> impl IntoView {
    let lang = use_lang();
    let saved = RwSignal::new(None::<String>);
    let id = check.id;
    let mut sections: Vec<(String, Vec<TemplateItem>)> = Vec::new();
    for item in check.items.iter().cloned() {
        match sections.last_mut() {
            Some((s, items)) if *s == item.section => items.push(item),
            _ => sections.push((item.section.clone(), vec![item])),
        }
    }
    let answers = check.answers.clone();
    view! {
        <section class="va-section">
            <h2 class="utrecht-heading-2">{t!("rc.interview")}</h2>
            <p class="utrecht-paragraph va-muted va-no-print" aria-live="polite" data-testid="saved">{move || saved.get()}</p>
            {sections.into_iter().map(|(section, items)| view! {
                <h3 class="utrecht-heading-3">{section}</h3>
                {items.into_iter().map(|item| {
                    let current = answers.iter().find(|a| a.item_id == item.id);
                    let answer = RwSignal::new(current.map(|a| a.answer));
                    let note = RwSignal::new(current.and_then(|a| a.note.clone()).unwrap_or_default());
                    let item_id = item.id;
                    let save = move || {
                        let Some(a) = answer.get_untracked() else { return };
                        let input = AnswerInput { item_id, answer: a, note: Some(note.get_untracked()).filter(|n| !n.trim().is_empty()) };
                        spawn_local(async move {
                            match api::answer(id, &input).await {
                                Ok(_) => { error.set(None); saved.set(Some(format!("{} {}", lookup(lang.get_untracked(), k!("rc.saved")), chrono::Local::now().format("%H:%M:%S")))); }
                                Err(e) => error.set(Some(e)),
                            }
                        });
                    };
                    let save2 = save.clone();
                    if !editable {
                        // Held or cancelled: the answers read as text, not as greyed-out controls.
                        let given = answer.get_untracked();
                        let note = note.get_untracked();
                        return view! {
                            <div class="va-item va-item--read" data-testid=format!("item-{}", item.code)>
                                <h4 class="utrecht-heading-4">{item.title.clone()}</h4>
                                <p class="utrecht-paragraph">
                                    {t!("rc.answer")}": "
                                    <strong data-testid="answer">{move || given.map(|a| lookup(lang.get(), answer_key(a))).unwrap_or("—")}</strong>
                                </p>
                                {(!note.is_empty()).then(|| view! { <p class="utrecht-paragraph va-note">{t!("rc.note")}": "{note}</p> })}
                            </div>
                        }.into_any();
                    }
                    view! {
                        <fieldset class="utrecht-form-fieldset va-item" data-testid=format!("item-{}", item.code)>
                            <legend class="utrecht-form-fieldset__legend">{item.title.clone()}</legend>
                            <p class="utrecht-paragraph va-guidance">{item.guidance.clone()}</p>
                            <div class="va-answers">
                                {Answer::ALL.iter().copied().map(|a| {
                                    let rid = format!("a-{}-{}", item.id, a.as_str());
                                    let save = save.clone();
                                    view! {
                                        <span class="va-check">
                                            <input type="radio" class="utrecht-radio-button utrecht-radio-button--html-input" name=format!("a-{}", item.id) id=rid.clone()
                                                value=a.as_str() disabled=!editable prop:checked=move || answer.get() == Some(a)
                                                on:change=move |_| { answer.set(Some(a)); save(); }/>
                                            <label class="utrecht-form-label utrecht-form-label--radio" for=rid>{move || lookup(lang.get(), answer_key(a))}</label>
                                        </span>
                                    }
                                }).collect_view()}
                            </div>
                            <label class="utrecht-form-label" for=format!("n-{}", item.id)>{t!("rc.note")}</label>
                            <textarea id=format!("n-{}", item.id) class="utrecht-textarea utrecht-textarea--html-textarea" rows="2" disabled=!editable
                                prop:value=move || note.get() on:input=move |ev| note.set(event_target_value(&ev))
                                on:change=move |_| save2()></textarea>
                        </fieldset>
                    }.into_any()
                }).collect_view()}
            }).collect_view()}
        </section>
    }
}

#[derive(Clone, Copy)]
pub(super) struct FollowupRow {
    key: u32,
    item_id: Option<i64>,
    description: RwSignal<String>,
    owner: RwSignal<Owner>,
    due: RwSignal<String>,
}

#[component]
pub(super) fn Complete(id: i64, reload: RwSignal<u32>, error: RwSignal<Option<ApiError>>) -> impl IntoView {
    let lang = use_lang();
    let summary = RwSignal::new(String::new());
    let rows: RwSignal<Vec<FollowupRow>> = RwSignal::new(Vec::new());
    let next = RwSignal::new(0u32);
    let add = move |item_id: Option<i64>, d: String, o: Owner, due: String| {
        let k = next.get_untracked();
        next.set(k + 1);
        rows.update(|r| r.push(FollowupRow { key: k, item_id, description: RwSignal::new(d), owner: RwSignal::new(o), due: RwSignal::new(due) }));
    };
    let propose = move |_| {
        spawn_local(async move {
            match api::proposals(id).await {
                Ok(list) => {
                    rows.set(Vec::new());
                    for p in list {
                        add(p.item_id, p.description, p.owner, p.due_on.to_string());
                    }
                }
                Err(e) => error.set(Some(e)),
            }
        });
    };
    let complete = move |_| {
        let followups: Vec<FollowupInput> = rows
            .get_untracked()
            .iter()
            .filter_map(|r| {
                Some(FollowupInput {
                    item_id: r.item_id,
                    description: r.description.get_untracked(),
                    owner: r.owner.get_untracked(),
                    due_on: r.due.get_untracked().parse().ok()?,
                })
            })
            .collect();
        let input = CompleteInput { summary: summary.get_untracked(), followups };
        spawn_local(async move {
            reload_on_ok(reload, error)(api::complete_check(id, &input).await)
        });
    };
    view! {
        <section class="va-section va-no-print">
            <h2 class="utrecht-heading-2">{t!("rc.complete_title")}</h2>
            <div class="utrecht-form-field utrecht-form-field--text">
                <div class="utrecht-form-field__label"><label class="utrecht-form-label" for="rc-summary">{t!("rc.summary")}</label></div>
                <div class="utrecht-form-field__input">
                    <textarea id="rc-summary" class="utrecht-textarea utrecht-textarea--html-textarea" rows="3"
                        prop:value=move || summary.get() on:input=move |ev| summary.set(event_target_value(&ev))></textarea>
                </div>
            </div>
            <h3 class="utrecht-heading-3">{t!("rc.followups")}</h3>
            <div class="va-actions">
                <button type="button" class="utrecht-button utrecht-button--secondary-action" data-testid="propose" on:click=propose>{t!("rc.propose")}</button>
                <button type="button" class="utrecht-button utrecht-button--subtle" on:click=move |_| add(None, String::new(), Owner::Organisation, String::new())>{t!("rc.add_followup")}</button>
            </div>
            <For each=move || rows.get() key=|r| r.key children=move |r: FollowupRow| {
                let did = format!("f-{}-desc", r.key);
                let oid = format!("f-{}-owner", r.key);
                let uid = format!("f-{}-due", r.key);
                view! {
                    <div class="va-prof-row" data-testid="followup-row">
                        <div class="utrecht-form-field">
                            <div class="utrecht-form-field__label"><label class="utrecht-form-label" for=did.clone()>{t!("rc.description")}</label></div>
                            <input id=did class="utrecht-textbox utrecht-textbox--html-input" prop:value=move || r.description.get()
                                on:input=move |ev| r.description.set(event_target_value(&ev))/>
                        </div>
                        <div class="utrecht-form-field">
                            <div class="utrecht-form-field__label"><label class="utrecht-form-label" for=oid.clone()>{t!("rc.owner")}</label></div>
                            <select id=oid class="utrecht-select utrecht-select--html-select"
                                on:change=move |ev| r.owner.set(Owner::parse(&event_target_value(&ev)).unwrap_or(Owner::Organisation))>
                                {Owner::ALL.iter().copied().map(|o| view! {
                                    <option value=o.as_str() selected=move || r.owner.get() == o>{move || lookup(lang.get(), owner_key(o))}</option>
                                }).collect_view()}
                            </select>
                        </div>
                        <div class="utrecht-form-field">
                            <div class="utrecht-form-field__label"><label class="utrecht-form-label" for=uid.clone()>{t!("rc.due")}</label></div>
                            <input id=uid type="date" class="utrecht-textbox utrecht-textbox--html-input" prop:value=move || r.due.get()
                                on:input=move |ev| r.due.set(event_target_value(&ev))/>
                        </div>
                        <button type="button" class="utrecht-button utrecht-button--subtle" on:click=move |_| rows.update(|v| v.retain(|x| x.key != r.key))>{t!("new.remove")}</button>
                    </div>
                }
            }/>
            <div class="va-actions">
                <button type="button" class="utrecht-button utrecht-button--primary-action" data-testid="complete" on:click=complete>{t!("rc.complete")}</button>
            </div>
        </section>
    }
}

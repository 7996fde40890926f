//! Readiness checks: the interview page (scheduling, the form with autosave,
//! completion with follow-up activities, print view), the organisation's
//! follow-ups, and the overview for BEL and ambassadors.

use crate::api::{self, ApiError};
use crate::components::common::{error_alert as alert, local_time, nl_date, reload_on_ok, LoadError, Loading, Table, TextField};
use crate::i18n::{lookup, tr, use_lang, Key};
use crate::session::{use_session, Session};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::{Redirect, A};
use leptos_router::hooks::use_params_map;
use va_openapi::auth::Role;
use va_openapi::readiness::*;
use va_openapi::readiness::Owner;

pub fn answer_key(a: Answer) -> Key {
    match a {
        Answer::InPlace => k!("ans.in_place"),
        Answer::InProgress => k!("ans.in_progress"),
        Answer::NotYet => k!("ans.not_yet"),
        Answer::NotApplicable => k!("ans.not_applicable"),
    }
}

pub fn check_status_key(s: CheckStatus) -> Key {
    match s {
        CheckStatus::Planned => k!("cs.planned"),
        CheckStatus::Scheduled => k!("cs.scheduled"),
        CheckStatus::Completed => k!("cs.completed"),
        CheckStatus::Cancelled => k!("cs.cancelled"),
    }
}

fn owner_key(o: Owner) -> Key {
    match o {
        Owner::Organisation => k!("own.organisation"),
        Owner::Ambassador => k!("own.ambassador"),
        Owner::Bel => k!("own.bel"),
    }
}

fn followup_status_key(s: FollowupStatus) -> Key {
    match s {
        FollowupStatus::Open => k!("fs.open"),
        FollowupStatus::InProgress => k!("fs.in_progress"),
        FollowupStatus::Done => k!("fs.done"),
    }
}

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
fn CheckDetail(session: Session, id: i64) -> impl IntoView {
    let lang = use_lang();
    let conduct = matches!(session.user.role, Role::BelCoordinator | Role::Ambassador);
    let reload = RwSignal::new(0u32);
    let error: RwSignal<Option<ApiError>> = RwSignal::new(None);
    let data = LocalResource::new(move || {
        reload.get();
        async move { api::readiness_check(id).await }
    });
    view! {
        <Transition fallback=Loading>
            {move || data.get().map(|res| match res {
                Err(e) => view! { <LoadError err=e/> }.into_any(),
                Ok(c) => {
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
                            <dt>{t!("rc.when")}</dt><dd>{c.scheduled_at.map(local_time).unwrap_or_else(|| "—".into())}</dd>
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
                }
            })}
        </Transition>
    }
}

#[component]
fn Schedule(id: i64, reload: RwSignal<u32>, error: RwSignal<Option<ApiError>>) -> impl IntoView {
    let when = RwSignal::new(String::new());
    let place = RwSignal::new(String::new());
    let leader = RwSignal::new(String::new());
    let leaders = LocalResource::new(move || {
        async move { api::project_leaders().await }
    });
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
fn Interview(check: CheckView, editable: bool, error: RwSignal<Option<ApiError>>) -> impl IntoView {
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
                    }
                }).collect_view()}
            }).collect_view()}
        </section>
    }
}

#[derive(Clone, Copy)]
struct FollowupRow {
    key: u32,
    item_id: Option<i64>,
    description: RwSignal<String>,
    owner: RwSignal<Owner>,
    due: RwSignal<String>,
}

#[component]
fn Complete(id: i64, reload: RwSignal<u32>, error: RwSignal<Option<ApiError>>) -> impl IntoView {
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

/// Follow-up activities with their status, which those involved can update.
#[component]
pub fn FollowupTable(items: Vec<Followup>, editable: bool, show_org: bool) -> impl IntoView {
    let lang = use_lang();
    let today = chrono::Local::now().date_naive();
    let mut headers = vec![(k!("rc.description"), false), (k!("rc.owner"), false), (k!("rc.due"), false), (k!("groups.status"), false)];
    if show_org {
        headers.insert(0, (k!("orgs.name"), false));
    }
    view! {
        <section class="va-section" data-testid="followups">
            <h2 class="utrecht-heading-2">{t!("rc.followups")}" ("{items.len()}")"</h2>
            {if items.is_empty() {
                view! { <p class="utrecht-paragraph va-empty">{t!("rc.no_followups")}</p> }.into_any()
            } else {
                view! {
                    <Table headers=headers>
                        {items.into_iter().map(|f| {
                            let status = RwSignal::new(f.status);
                            let overdue = f.due_on < today && f.status != FollowupStatus::Done;
                            let fid = f.id;
                            let sel = format!("fs-{fid}");
                            view! {
                                <tr class="utrecht-table__row">
                                    {show_org.then(|| view! { <td class="utrecht-table__cell">{f.organisation.name.clone()}</td> })}
                                    <th class="utrecht-table__header-cell" scope="row">{f.description.clone()}</th>
                                    <td class="utrecht-table__cell">{move || lookup(lang.get(), owner_key(f.owner))}</td>
                                    <td class="utrecht-table__cell">{nl_date(f.due_on)}{overdue.then(|| view! { " " <span class="va-status va-status--rejected">{t!("rc.overdue")}</span> })}</td>
                                    <td class="utrecht-table__cell">
                                        {if editable {
                                            view! {
                                                <label class="va-visually-hidden" for=sel.clone()>{t!("groups.status")}</label>
                                                <select id=sel class="utrecht-select utrecht-select--html-select"
                                                    on:change=move |ev| {
                                                        let s = FollowupStatus::parse(&event_target_value(&ev)).unwrap_or(FollowupStatus::Open);
                                                        spawn_local(async move { if api::update_followup(fid, s).await.is_ok() { status.set(s); } });
                                                    }>
                                                    {FollowupStatus::ALL.iter().copied().map(|s| view! {
                                                        <option value=s.as_str() selected=move || status.get() == s>{move || lookup(lang.get(), followup_status_key(s))}</option>
                                                    }).collect_view()}
                                                </select>
                                            }.into_any()
                                        } else {
                                            view! { <span>{move || lookup(lang.get(), followup_status_key(status.get()))}</span> }.into_any()
                                        }}
                                    </td>
                                </tr>
                            }
                        }).collect_view()}
                    </Table>
                }.into_any()
            }}
        </section>
    }
}

/// The organisation's follow-up activities (its contact's start page).
#[component]
pub fn OrgFollowups() -> impl IntoView {
    let data = LocalResource::new(move || {
        async move { api::followups().await }
    });
    view! {
        <Suspense fallback=Loading>
            {move || data.get().map(|res| match res {
                Err(e) => view! { <LoadError err=e/> }.into_any(),
                Ok(list) => view! { <FollowupTable items=list editable=true show_org=false/> }.into_any(),
            })}
        </Suspense>
    }
}

/// `/readiness`: items x organisations, open follow-ups, and the checks (BEL, ambassadors).
#[component]
pub fn OverviewPage() -> impl IntoView {
    let sess = use_session();
    move || match sess.get() {
        None => view! { <Redirect path="/inloggen"/> }.into_any(),
        Some(_) => view! { <OverviewView/> }.into_any(),
    }
}

async fn load_overview() -> Result<(Overview, Vec<CheckSummary>), ApiError> {
    Ok((api::readiness_overview().await?, api::readiness_checks().await?))
}

#[component]
fn OverviewView() -> impl IntoView {
    let lang = use_lang();
    let data = LocalResource::new(move || load_overview());
    view! {
        <h1 class="utrecht-heading-1">{t!("rc.overview")}</h1>
        <p class="utrecht-paragraph utrecht-paragraph--lead">{t!("rc.overview_intro")}</p>
        <Suspense fallback=Loading>
            {move || data.get().map(|res| match res {
                Err(e) => view! { <LoadError err=e/> }.into_any(),
                Ok((ov, checks)) => {
                    let orgs = ov.organisations.clone();
                    view! {
                        <section class="va-section">
                            <h2 class="utrecht-heading-2">{t!("rc.matrix")}</h2>
                            {if orgs.is_empty() {
                                view! { <p class="utrecht-paragraph va-empty">{t!("rc.no_checks")}</p> }.into_any()
                            } else {
                                view! {
                                    <div class="va-table-wrap">
                                    <table class="utrecht-table va-table va-matrix" data-testid="matrix">
                                        <thead class="utrecht-table__header"><tr class="utrecht-table__row">
                                            <th class="utrecht-table__header-cell" scope="col">{t!("rc.item")}</th>
                                            {orgs.clone().into_iter().map(|o| view! {
                                                <th class="utrecht-table__header-cell" scope="col">
                                                    <A href=format!("/readiness/{}", o.check_id) attr:class="utrecht-link">{o.organisation.name}</A>
                                                </th>
                                            }).collect_view()}
                                        </tr></thead>
                                        <tbody class="utrecht-table__body">
                                            {ov.items.iter().map(|item| view! {
                                                <tr class="utrecht-table__row">
                                                    <th class="utrecht-table__header-cell" scope="row">{item.title.clone()}</th>
                                                    {orgs.iter().map(|o| {
                                                        let a = o.answers.iter().find(|a| a.code == item.code).map(|a| a.answer);
                                                        let class = a.map(|a| format!("va-ans va-ans--{}", a.as_str())).unwrap_or_else(|| "va-ans".into());
                                                        view! { <td class=format!("utrecht-table__cell {class}")>{move || a.map(|a| lookup(lang.get(), answer_key(a))).unwrap_or("—")}</td> }
                                                    }).collect_view()}
                                                </tr>
                                            }).collect_view()}
                                        </tbody>
                                    </table>
                                    </div>
                                }.into_any()
                            }}
                        </section>
                        <FollowupTable items=ov.open_followups.clone() editable=false show_org=true/>
                        <section class="va-section">
                            <h2 class="utrecht-heading-2">{t!("rc.checks")}</h2>
                            <Table testid="checks" headers=vec![(k!("orgs.name"), false), (k!("groups.status"), false), (k!("rc.when"), false), (k!("rc.version"), true)]>
                                {checks.into_iter().map(|c| {
                                    let s = c.status;
                                    view! {
                                        <tr class="utrecht-table__row">
                                            <th class="utrecht-table__header-cell" scope="row">
                                                <A href=format!("/readiness/{}", c.id) attr:class="utrecht-link">{c.organisation.name}</A>
                                            </th>
                                            <td class="utrecht-table__cell">{move || lookup(lang.get(), check_status_key(s))}</td>
                                            <td class="utrecht-table__cell">{c.scheduled_at.map(local_time).unwrap_or_else(|| "—".into())}</td>
                                            <td class="utrecht-table__cell utrecht-table__cell--numeric">{c.template_version}</td>
                                        </tr>
                                    }
                                }).collect_view()}
                            </Table>
                        </section>
                    }.into_any()
                }
            })}
        </Suspense>
    }
}

#[derive(Clone, Copy)]
struct ItemRow {
    key: u32,
    section: RwSignal<String>,
    code: RwSignal<String>,
    title: RwSignal<String>,
    guidance: RwSignal<String>,
}

/// BEL: the template. Editing works on a draft; publishing makes the next version.
#[component]
pub fn TemplatePage() -> impl IntoView {
    view! {
        <crate::components::guard::RequireRole role=Role::BelCoordinator render=|_: Session| view! { <TemplateEditor/> }/>
    }
}

async fn load_templates() -> Result<(Template, Option<Template>), ApiError> {
    Ok((api::readiness_template().await?, api::readiness_draft().await?))
}

#[component]
fn TemplateEditor() -> impl IntoView {
    let reload = RwSignal::new(0u32);
    let error: RwSignal<Option<ApiError>> = RwSignal::new(None);
    let notice = RwSignal::new(None::<Key>);
    let rows: RwSignal<Vec<ItemRow>> = RwSignal::new(Vec::new());
    let next = RwSignal::new(0u32);
    let add = move |section: String, code: String, title: String, guidance: String| {
        let k = next.get_untracked();
        next.set(k + 1);
        rows.update(|r| {
            r.push(ItemRow {
                key: k,
                section: RwSignal::new(section),
                code: RwSignal::new(code),
                title: RwSignal::new(title),
                guidance: RwSignal::new(guidance),
            })
        });
    };
    let data = LocalResource::new(move || {
        reload.get();
        load_templates()
    });
    // The editor starts from the draft, or from the published version.
    Effect::new(move |_| {
        if let Some(Ok((published, draft))) = data.get() {
            rows.set(Vec::new());
            for i in draft.unwrap_or(published).items {
                add(i.section, i.code, i.title, i.guidance);
            }
        }
    });
    let save = move |publish: bool| {
        let input = TemplateDraftInput {
            items: rows
                .get_untracked()
                .iter()
                .map(|r| TemplateItemInput {
                    section: r.section.get_untracked(),
                    code: r.code.get_untracked(),
                    title: r.title.get_untracked(),
                    guidance: r.guidance.get_untracked(),
                })
                .collect(),
        };
        spawn_local(async move {
            let res = match api::save_draft(&input).await {
                Ok(_) if publish => api::publish_draft().await.map(|_| ()),
                Ok(_) => Ok(()),
                Err(e) => Err(e),
            };
            match res {
                Ok(()) => {
                    error.set(None);
                    notice.set(Some(if publish { k!("tpl.published") } else { k!("tpl.saved") }));
                    reload.update(|n| *n += 1);
                }
                Err(e) => error.set(Some(e)),
            }
        });
    };
    let save2 = save.clone();
    view! {
        <h1 class="utrecht-heading-1">{t!("tpl.title")}</h1>
        <p class="utrecht-paragraph utrecht-paragraph--lead">{t!("tpl.intro")}</p>
        <ProgrammeSettingsForm/>
        <Suspense fallback=Loading>
            {move || data.get().map(|res| match res {
                Err(e) => view! { <LoadError err=e/> }.into_any(),
                Ok((published, draft)) => view! {
                    <p class="utrecht-paragraph va-summary" data-testid="template-version">
                        {t!("tpl.current")}" "<strong>{published.version.unwrap_or(0)}</strong>
                        {draft.is_some().then(|| view! { " · " {t!("tpl.has_draft")} })}
                    </p>
                }.into_any(),
            })}
        </Suspense>
        {move || notice.get().map(|k| view! { <div class="utrecht-alert utrecht-alert--ok" role="status"><p class="utrecht-paragraph">{tr(k)}</p></div> })}
        {alert(error)}
        <For each=move || rows.get() key=|r| r.key children=move |r: ItemRow| {
            let ids = (format!("t-{}-s", r.key), format!("t-{}-c", r.key), format!("t-{}-t", r.key), format!("t-{}-g", r.key));
            view! {
                <div class="va-prof-row" data-testid="template-row">
                    <div class="utrecht-form-field">
                        <div class="utrecht-form-field__label"><label class="utrecht-form-label" for=ids.0.clone()>{t!("tpl.section")}</label></div>
                        <input id=ids.0 class="utrecht-textbox utrecht-textbox--html-input" prop:value=move || r.section.get() on:input=move |ev| r.section.set(event_target_value(&ev))/>
                    </div>
                    <div class="utrecht-form-field">
                        <div class="utrecht-form-field__label"><label class="utrecht-form-label" for=ids.1.clone()>{t!("tpl.code")}</label></div>
                        <input id=ids.1 class="utrecht-textbox utrecht-textbox--html-input" prop:value=move || r.code.get() on:input=move |ev| r.code.set(event_target_value(&ev))/>
                    </div>
                    <div class="utrecht-form-field">
                        <div class="utrecht-form-field__label"><label class="utrecht-form-label" for=ids.2.clone()>{t!("rc.item")}</label></div>
                        <input id=ids.2 class="utrecht-textbox utrecht-textbox--html-input" prop:value=move || r.title.get() on:input=move |ev| r.title.set(event_target_value(&ev))/>
                    </div>
                    <div class="utrecht-form-field va-wide">
                        <div class="utrecht-form-field__label"><label class="utrecht-form-label" for=ids.3.clone()>{t!("tpl.guidance")}</label></div>
                        <textarea id=ids.3 class="utrecht-textarea utrecht-textarea--html-textarea" rows="2" prop:value=move || r.guidance.get() on:input=move |ev| r.guidance.set(event_target_value(&ev))></textarea>
                    </div>
                    <button type="button" class="utrecht-button utrecht-button--subtle" on:click=move |_| rows.update(|v| v.retain(|x| x.key != r.key))>{t!("new.remove")}</button>
                </div>
            }
        }/>
        <div class="va-actions">
            <button type="button" class="utrecht-button utrecht-button--subtle" data-testid="add-item"
                on:click=move |_| add(String::new(), String::new(), String::new(), String::new())>{t!("tpl.add")}</button>
            <button type="button" class="utrecht-button utrecht-button--secondary-action" data-testid="save-draft" on:click=move |_| save(false)>{t!("tpl.save")}</button>
            <button type="button" class="utrecht-button utrecht-button--primary-action" data-testid="publish" on:click=move |_| save2(true)>{t!("tpl.publish")}</button>
        </div>
    }
}

/// BEL: how long a completed check counts, and whether placement needs one.
#[component]
fn ProgrammeSettingsForm() -> impl IntoView {
    let months = RwSignal::new(String::new());
    let gate = RwSignal::new(false);
    let programme = RwSignal::new(None::<va_openapi::ProgrammeId>);
    let status = RwSignal::new(None::<Key>);
    spawn_local(async move {
        if let Ok(list) = api::programmes().await {
            if let Some(p) = list.into_iter().next() {
                months.set(p.settings.readiness_validity_months.to_string());
                gate.set(p.settings.readiness_gate);
                programme.set(Some(p.id));
            }
        }
    });
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(p) = programme.get_untracked() else { return };
        let settings = va_openapi::reference::ProgrammeSettings {
            readiness_validity_months: months.get_untracked().trim().parse().unwrap_or(0),
            readiness_gate: gate.get_untracked(),
        };
        spawn_local(async move {
            status.set(Some(if api::update_settings(p, &settings).await.is_ok() { k!("tpl.settings_saved") } else { k!("tpl.settings_invalid") }));
        });
    };
    view! {
        <section class="va-section" aria-labelledby="settings-title">
            <h2 class="utrecht-heading-2" id="settings-title">{t!("tpl.settings")}</h2>
            <form class="va-form va-form--grid" on:submit=save novalidate=true>
                <TextField id="validity-months" label=k!("tpl.validity") kind="number" value=months/>
                <div class="utrecht-form-field utrecht-form-field--checkbox va-check">
                    <input type="checkbox" class="utrecht-checkbox utrecht-checkbox--html-input" id="readiness-gate"
                        prop:checked=move || gate.get() on:change=move |ev| gate.set(event_target_checked(&ev))/>
                    <label class="utrecht-form-label utrecht-form-label--checkbox" for="readiness-gate">{t!("tpl.gate")}</label>
                </div>
                <div class="va-actions">
                    <button type="submit" class="utrecht-button utrecht-button--secondary-action" data-testid="save-settings">{t!("tpl.save_settings")}</button>
                    <span role="status">{move || status.get().map(tr)}</span>
                </div>
            </form>
        </section>
    }
}

//! After the training: the trainer's feedback and the ambassadors' agreed
//! actions, the participant evaluation (public page and aggregates), follow-up
//! (supervision, coaching on the job, deepening) with requests, sessions and
//! quality reflections, the printable certificate, and the year's costs.

use crate::api::{self, ApiError};
use crate::components::common::{error_alert, ListSection, local_time, nl_date, param_id, reload_on_ok, LoadError, Loading, Table, TextArea, TextField};
use crate::components::guard::RequireAnyRole;
use crate::i18n::{lookup, tr, use_lang, Key};
use crate::pages::training::mark_key;
use crate::pages::waitlist::{badge, eur};
use crate::session::Session;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use leptos_router::hooks::{use_params_map, use_query_map};
use va_openapi::auth::{NamedRef, Role};
use va_openapi::followup::*;
use va_openapi::training::AttendanceStatus;
use va_openapi::{EnrolmentId, FollowupSessionId, GroupId, ProfessionalId, RegionId};

pub fn kind_key(k: FollowupKind) -> Key {
    match k {
        FollowupKind::Supervision => k!("fk.supervision"),
        FollowupKind::Coaching => k!("fk.coaching"),
        FollowupKind::Deepening => k!("fk.deepening"),
    }
}

fn session_status_key(s: SessionStatus) -> Key {
    match s {
        SessionStatus::Planned => k!("fs.planned"),
        SessionStatus::Held => k!("fs.held"),
        SessionStatus::Cancelled => k!("fs.cancelled"),
    }
}

fn request_status_key(s: RequestStatus) -> Key {
    match s {
        RequestStatus::Open => k!("frq.open"),
        RequestStatus::Planned => k!("frq.planned"),
        RequestStatus::Declined => k!("frq.declined"),
    }
}


fn names<T>(refs: &[NamedRef<T>]) -> String {
    refs.iter().map(|r| r.name.as_str()).collect::<Vec<_>>().join(", ")
}

/// One decimal with a Dutch comma: `4,3`.
pub fn nl_decimal(v: f64) -> String {
    format!("{v:.1}").replace('.', ",")
}

fn non_empty(s: String) -> Option<String> {
    let s = s.trim().to_string();
    (!s.is_empty()).then_some(s)
}

// ---------------------------------------------------------------- feedback

/// The groups whose feedback the caller may read or write, with its state.
#[component]
pub fn FeedbackList() -> impl IntoView {
    let data = LocalResource::new(move || {
        async move { api::feedback_list().await }
    });
    view! {
        <section class="va-section" data-testid="feedback-list">
            <h2 class="utrecht-heading-2">{t!("fb.list_title")}</h2>
            <Suspense fallback=Loading>
                {move || data.get().map(|res| match res {
                    Err(e) => view! { <LoadError err=e/> }.into_any(),
                    Ok(list) if list.is_empty() => view! { <p class="utrecht-paragraph va-empty">{t!("fb.none")}</p> }.into_any(),
                    Ok(list) => view! {
                        <Table headers=vec![(k!("groups.name"), false), (k!("groups.period"), false), (k!("wl.trainer"), false), (k!("fb.regions"), false), (k!("groups.status"), false), (k!("fb.actions_count"), true)]>
                            {list.into_iter().map(|f| view! {
                                <tr class="utrecht-table__row" data-testid="feedback-row">
                                    <th class="utrecht-table__header-cell" scope="row">
                                        <A href=format!("/terugkoppeling/{}", f.group.id) attr:class="utrecht-link">{f.group.name.clone()}</A>
                                    </th>
                                    <td class="utrecht-table__cell">{nl_date(f.group.starts_on)}" – "{nl_date(f.group.ends_on)}</td>
                                    <td class="utrecht-table__cell">{f.trainer.clone().unwrap_or_default()}</td>
                                    <td class="utrecht-table__cell">{names(&f.regions)}</td>
                                    <td class="utrecht-table__cell">
                                        {match (f.written, f.shared_at) {
                                            (_, Some(at)) => view! { {badge("approved", k!("fb.shared"))}<div class="va-muted">{local_time(at)}</div> }.into_any(),
                                            (true, None) => badge("draft", k!("fb.draft")).into_any(),
                                            (false, None) => badge("planned", k!("fb.to_write")).into_any(),
                                        }}
                                    </td>
                                    <td class="utrecht-table__cell utrecht-table__cell--numeric">{f.actions}</td>
                                </tr>
                            }).collect_view()}
                        </Table>
                    }.into_any(),
                })}
            </Suspense>
        </section>
    }
}

/// `/terugkoppeling/:id`: the trainer (and BEL) write, the ambassadors read and add actions.
#[component]
pub fn FeedbackPage() -> impl IntoView {
    let params = use_params_map();
    view! {
        <RequireAnyRole roles=&[Role::BelCoordinator, Role::Trainer, Role::Ambassador] render=move |s: Session| {
            let id = GroupId(param_id(params, "id"));
            view! { <Feedback id=id role=s.user.role/> }
        }/>
    }
}

#[component]
fn Feedback(id: GroupId, role: Role) -> impl IntoView {
    let reload = RwSignal::new(0u32);
    let error: RwSignal<Option<ApiError>> = RwSignal::new(None);
    let saved = RwSignal::new(false);
    let data = LocalResource::new(move || {
        reload.get();
        async move { api::group_feedback(id).await }
    });
    view! {
        <p class="utrecht-paragraph"><A href="/" attr:class="utrecht-link">{t!("req.back")}</A></p>
        {error_alert(error)}
        <Show when=move || saved.get()>
            <div class="utrecht-alert utrecht-alert--info va-alert" role="status" data-testid="saved"><p class="utrecht-paragraph">{t!("fb.saved")}</p></div>
        </Show>
        <Transition fallback=Loading>
            {move || data.get().map(|res| match res {
                Err(e) => view! { <LoadError err=e/> }.into_any(),
                Ok(f) => view! {
                    <h1 class="utrecht-heading-1" data-testid="feedback-title">{t!("fb.title")}" "{f.group.name.clone()}</h1>
                    <p class="utrecht-paragraph va-summary">
                        {nl_date(f.group.starts_on)}" – "{nl_date(f.group.ends_on)}
                        {f.trainer.clone().map(|tr| view! { " · "{t!("wl.trainer")}": "<strong>{tr}</strong> })}
                        " · "{t!("fb.regions")}": "{names(&f.regions)}
                    </p>
                    {match f.shared_at {
                        Some(at) => view! {
                            <p class="utrecht-paragraph" data-testid="shared-at">{badge("approved", k!("fb.shared"))}" "{local_time(at)}" · "{t!("fb.shared_with")}</p>
                        }.into_any(),
                        None => view! { <p class="utrecht-paragraph">{badge("draft", k!("fb.not_shared"))}</p> }.into_any(),
                    }}
                    {if f.can_edit {
                        view! { <FeedbackForm f=f.clone() reload=reload error=error saved=saved/> }.into_any()
                    } else {
                        view! { <FeedbackRead f=f.clone()/> }.into_any()
                    }}
                    <Actions f=f.clone() reload=reload error=error/>
                    {matches!(role, Role::BelCoordinator | Role::Trainer).then(|| view! { <EvaluationResults id=id/> })}
                }.into_any(),
            })}
        </Transition>
    }
}

#[component]
fn FeedbackRead(f: GroupFeedback) -> impl IntoView {
    view! {
        <section class="va-section va-read" data-testid="feedback-read">
            <h2 class="utrecht-heading-2">{t!("fb.from_trainer")}</h2>
            <h3 class="utrecht-heading-3">{t!("fb.experiences")}</h3>
            <p class="utrecht-paragraph va-pre" data-testid="fb-experiences">{f.experiences.clone()}</p>
            <h3 class="utrecht-heading-3">{t!("fb.went_well")}</h3>
            <p class="utrecht-paragraph va-pre">{f.went_well.clone()}</p>
            <h3 class="utrecht-heading-3">{t!("fb.sharpen")}</h3>
            <p class="utrecht-paragraph va-pre" data-testid="fb-sharpen">{f.sharpen.clone()}</p>
            {(!f.remarks.is_empty()).then(|| view! {
                <h3 class="utrecht-heading-3">{t!("fb.remarks")}</h3>
                <dl class="va-facts">
                    {f.remarks.iter().map(|r| view! { <dt>{r.organisation.name.clone()}</dt><dd class="va-pre">{r.remark.clone()}</dd> }).collect_view()}
                </dl>
            })}
        </section>
    }
}

#[component]
fn FeedbackForm(f: GroupFeedback, reload: RwSignal<u32>, error: RwSignal<Option<ApiError>>, saved: RwSignal<bool>) -> impl IntoView {
    let experiences = RwSignal::new(f.experiences.clone());
    let went_well = RwSignal::new(f.went_well.clone());
    let sharpen = RwSignal::new(f.sharpen.clone());
    let already_shared = f.shared_at.is_some();
    let share = RwSignal::new(already_shared);
    let remarks: Vec<(va_openapi::OrganisationId, String, RwSignal<String>)> = f
        .organisations
        .iter()
        .map(|o| {
            let existing = f.remarks.iter().find(|r| r.organisation.id == o.id).map(|r| r.remark.clone()).unwrap_or_default();
            (o.id, o.name.clone(), RwSignal::new(existing))
        })
        .collect();
    let remarks = StoredValue::new(remarks);
    let id = f.group.id;
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let input = FeedbackInput {
            experiences: experiences.get_untracked(),
            went_well: went_well.get_untracked(),
            sharpen: sharpen.get_untracked(),
            remarks: remarks
                .get_value()
                .iter()
                .filter_map(|(org, _, r)| non_empty(r.get_untracked()).map(|remark| RemarkInput { organisation_id: *org, remark }))
                .collect(),
            share: share.get_untracked(),
        };
        spawn_local(async move {
            let res = api::save_feedback(id, &input).await;
            saved.set(res.is_ok());
            reload_on_ok(reload, error)(res);
        });
    };
    view! {
        <form class="va-form va-section" novalidate=true on:submit=submit data-testid="feedback-form">
            <p class="utrecht-paragraph va-muted">{t!("fb.form_help")}</p>
            <TextArea id="fb-experiences".into() label=k!("fb.experiences") value=experiences rows=4/>
            <TextArea id="fb-went-well".into() label=k!("fb.went_well") value=went_well rows=3/>
            <TextArea id="fb-sharpen".into() label=k!("fb.sharpen") value=sharpen rows=3 hint=k!("fb.sharpen_hint")/>
            <fieldset class="utrecht-form-fieldset va-fieldset">
                <legend class="utrecht-form-fieldset__legend">{t!("fb.remarks")}</legend>
                <p class="utrecht-paragraph va-muted">{t!("fb.remarks_help")}</p>
                {remarks.get_value().into_iter().map(|(org, name, value)| {
                    let id = format!("fb-remark-{org}");
                    view! {
                        <div class="utrecht-form-field utrecht-form-field--textarea">
                            <div class="utrecht-form-field__label"><label class="utrecht-form-label" for=id.clone()>{name}</label></div>
                            <div class="utrecht-form-field__input">
                                <textarea id=id class="utrecht-textarea utrecht-textarea--html-textarea" rows="2" data-testid="fb-remark"
                                    prop:value=move || value.get() on:input=move |ev| value.set(event_target_value(&ev))></textarea>
                            </div>
                        </div>
                    }
                }).collect_view()}
            </fieldset>
            <div class="utrecht-form-field utrecht-form-field--checkbox va-check">
                <input type="checkbox" class="utrecht-checkbox utrecht-checkbox--html-input" id="fb-share" data-testid="fb-share"
                    disabled=already_shared prop:checked=move || share.get() on:change=move |ev| share.set(event_target_checked(&ev))/>
                <label class="utrecht-form-label utrecht-form-label--checkbox" for="fb-share">{tr(if already_shared { k!("fb.share_done") } else { k!("fb.share") })}</label>
            </div>
            <div class="va-actions">
                <button type="submit" class="utrecht-button utrecht-button--primary-action" data-testid="fb-save">{t!("fb.save")}</button>
            </div>
        </form>
    }
}

/// Actions agreed after the feedback; ambassadors add them for their region, BEL for any.
#[component]
fn Actions(f: GroupFeedback, reload: RwSignal<u32>, error: RwSignal<Option<ApiError>>) -> impl IntoView {
    let action = RwSignal::new(String::new());
    let owner = RwSignal::new(String::new());
    let due = RwSignal::new(String::new());
    let region = RwSignal::new(String::new());
    let id = f.group.id;
    let regions = f.regions.clone();
    let pick_region = regions.len() > 1;
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let input = ActionInput {
            action: action.get_untracked(),
            owner: non_empty(owner.get_untracked()),
            due_on: chrono::NaiveDate::parse_from_str(&due.get_untracked(), "%Y-%m-%d").ok(),
            region_id: region.get_untracked().parse::<i64>().ok().map(RegionId),
        };
        spawn_local(async move {
            let res = api::add_feedback_action(id, &input).await;
            if res.is_ok() {
                action.set(String::new());
                owner.set(String::new());
                due.set(String::new());
            }
            reload_on_ok(reload, error)(res);
        });
    };
    view! {
        <section class="va-section" data-testid="actions">
            <h2 class="utrecht-heading-2">{t!("fb.actions")}</h2>
            {if f.actions.is_empty() {
                view! { <p class="utrecht-paragraph va-empty">{t!("fb.no_actions")}</p> }.into_any()
            } else {
                view! {
                    <Table headers=vec![(k!("fb.action"), false), (k!("groups.region"), false), (k!("fb.owner"), false), (k!("fb.due"), false), (k!("fb.by"), false)]>
                        {f.actions.iter().map(|a| view! {
                            <tr class="utrecht-table__row" data-testid="action-row">
                                <th class="utrecht-table__header-cell va-pre" scope="row">{a.action.clone()}</th>
                                <td class="utrecht-table__cell">{a.region.as_ref().map(|r| r.name.clone()).unwrap_or_default()}</td>
                                <td class="utrecht-table__cell">{a.owner.clone().unwrap_or_default()}</td>
                                <td class="utrecht-table__cell">{a.due_on.map(nl_date).unwrap_or_default()}</td>
                                <td class="utrecht-table__cell">{a.author.clone()}<div class="va-muted">{local_time(a.created_at)}</div></td>
                            </tr>
                        }).collect_view()}
                    </Table>
                }.into_any()
            }}
            {f.can_add_action.then(|| view! {
                <form class="va-form--grid va-fieldset va-section" novalidate=true on:submit=submit data-testid="action-form">
                    <div class="va-wide"><TextArea id="act-text".into() label=k!("fb.action_new") value=action rows=2/></div>
                    <TextField id="act-owner" label=k!("fb.owner") value=owner/>
                    <div class="utrecht-form-field">
                        <label class="utrecht-form-label" for="act-due">{t!("fb.due")}</label>
                        <input id="act-due" type="date" class="utrecht-textbox utrecht-textbox--html-input"
                            prop:value=move || due.get() on:input=move |ev| due.set(event_target_value(&ev))/>
                    </div>
                    {pick_region.then(|| view! {
                        <div class="utrecht-form-field">
                            <label class="utrecht-form-label" for="act-region">{t!("groups.region")}</label>
                            <select id="act-region" class="utrecht-select utrecht-select--html-select" on:change=move |ev| region.set(event_target_value(&ev))>
                                <option value="">"—"</option>
                                {regions.iter().map(|r| view! { <option value=r.id.to_string()>{r.name.clone()}</option> }).collect_view()}
                            </select>
                        </div>
                    })}
                    <div class="va-actions">
                        <button type="submit" class="utrecht-button utrecht-button--secondary-action" data-testid="action-add">{t!("fb.action_add")}</button>
                    </div>
                </form>
            })}
        </section>
    }
}

/// Per-group aggregates of the participants' evaluation: no single answer is tied to a name.
#[component]
fn EvaluationResults(id: GroupId) -> impl IntoView {
    let data = LocalResource::new(move || {
        async move { api::evaluation_summary(id).await }
    });
    view! {
        <section class="va-section" data-testid="evaluation">
            <h2 class="utrecht-heading-2">{t!("ev.results")}</h2>
            <Suspense fallback=Loading>
                {move || data.get().map(|res| match res {
                    Err(e) => view! { <LoadError err=e/> }.into_any(),
                    Ok(s) => {
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
                    }
                })}
            </Suspense>
        </section>
    }
}

fn question_text(key: &str) -> impl Fn() -> &'static str + Copy {
    match key {
        "content" => t!("ev.q.content"),
        "trainers" => t!("ev.q.trainers"),
        "practice" => t!("ev.q.practice"),
        _ => t!("ev.q.overall"),
    }
}

#[component]
fn OpenAnswers(title: Key, items: Vec<String>) -> impl IntoView {
    (!items.is_empty()).then(|| view! {
        <h3 class="utrecht-heading-3">{tr(title)}</h3>
        <ul class="utrecht-unordered-list">
            {items.into_iter().map(|i| view! { <li class="utrecht-unordered-list__item va-pre">{i}</li> }).collect_view()}
        </ul>
    })
}

// ---------------------------------------------------------------- the participant's evaluation

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
    let data = LocalResource::new(move || api::evaluation_lookup(tok.clone()));
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
fn Rating(key: &'static str, value: RwSignal<i32>) -> impl IntoView {
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

// ---------------------------------------------------------------- follow-up overview

const FOLLOWUP_ROLES: &[Role] = &[Role::BelCoordinator, Role::Ambassador, Role::OrgContact, Role::Trainer];

/// `/nazorg`: the trained and their follow-up in the caller's scope; BEL and trainers plan, organisations request.
#[component]
pub fn FollowupPage() -> impl IntoView {
    view! { <RequireAnyRole roles=FOLLOWUP_ROLES render=|s: Session| view! { <Followup role=s.user.role/> }/> }
}

#[component]
fn Followup(role: Role) -> impl IntoView {
    let reload = RwSignal::new(0u32);
    let error: RwSignal<Option<ApiError>> = RwSignal::new(None);
    let from_request: RwSignal<Option<FollowupRequestView>> = RwSignal::new(None);
    let data = LocalResource::new(move || {
        reload.get();
        async move { api::followup().await }
    });
    let plans = matches!(role, Role::BelCoordinator | Role::Trainer);
    view! {
        <h1 class="utrecht-heading-1" data-testid="followup-title">{t!("fu.title")}</h1>
        <crate::pages::monitoring::Exports list="followup"/>
        <p class="utrecht-paragraph utrecht-paragraph--lead">{tr(match role {
            Role::BelCoordinator => k!("fu.intro.bel"),
            Role::Trainer => k!("fu.intro.trainer"),
            Role::Ambassador => k!("fu.intro.amb"),
            Role::OrgContact => k!("fu.intro.org"),
        })}</p>
        {error_alert(error)}
        <Transition fallback=Loading>
            {move || data.get().map(|res| match res {
                Err(e) => view! { <LoadError err=e/> }.into_any(),
                Ok(o) => {
                    let planned = o.sessions.iter().filter(|s| s.status == SessionStatus::Planned).count();
                    view! {
                        <p class="utrecht-paragraph va-summary" data-testid="followup-summary">
                            <strong>{o.trained.len()}</strong>" "{t!("fu.trained")}" · "
                            <strong>{o.without_followup.len()}</strong>" "{t!("fu.without")}" · "
                            <strong>{planned}</strong>" "{t!("fu.planned_sessions")}
                        </p>
                        {(role != Role::Trainer).then(|| view! {
                            <Requests requests=o.requests.clone() role=role reload=reload error=error from_request=from_request/>
                        })}
                        {plans.then(|| view! { <PlanForm role=role trained=o.trained.clone() reload=reload error=error from_request=from_request/> })}
                        {(role == Role::OrgContact).then(|| view! { <RequestForm trained=o.trained.clone() reload=reload error=error/> })}
                        <Sessions sessions=o.sessions.clone()/>
                        <WithoutFollowup people=o.without_followup.clone()/>
                        {(role != Role::OrgContact).then(|| view! { <PerOrganisation rows=o.per_organisation.clone()/> })}
                        {(role == Role::BelCoordinator).then(|| view! { <DeliverySettingsForm/> })}
                    }.into_any()
                }
            })}
        </Transition>
    }
}

#[component]
fn Requests(
    requests: Vec<FollowupRequestView>,
    role: Role,
    reload: RwSignal<u32>,
    error: RwSignal<Option<ApiError>>,
    from_request: RwSignal<Option<FollowupRequestView>>,
) -> impl IntoView {
    let lang = use_lang();
    view! {
        <section class="va-section" data-testid="followup-requests">
            <h2 class="utrecht-heading-2">{tr(if role == Role::OrgContact { k!("fu.requests_mine") } else { k!("fu.requests") })}</h2>
            {if requests.is_empty() {
                view! { <p class="utrecht-paragraph va-empty">{t!("fu.no_requests")}</p> }.into_any()
            } else {
                view! {
                    <Table headers={
                        let mut h = vec![(k!("fu.requested_on"), false), (k!("fu.kind"), false), (k!("orgs.name"), false), (k!("fu.who"), false), (k!("groups.status"), false)];
                        if role == Role::BelCoordinator { h.push((k!("req.actions"), false)); }
                        h
                    }>
                        {requests.into_iter().map(|r| {
                            let status = r.status;
                            let reason = RwSignal::new(String::new());
                            let declining = RwSignal::new(false);
                            let rid = r.id;
                            let for_plan = r.clone();
                            let decline = move |_| {
                                let why = reason.get_untracked();
                                spawn_local(async move { reload_on_ok(reload, error)(api::decline_followup_request(rid, why).await) });
                            };
                            view! {
                                <tr class="utrecht-table__row" data-testid="request-row">
                                    <th class="utrecht-table__header-cell" scope="row">{local_time(r.created_at)}</th>
                                    <td class="utrecht-table__cell">{move || lookup(lang.get(), kind_key(r.kind))}</td>
                                    <td class="utrecht-table__cell">{r.organisation.name.clone()}</td>
                                    <td class="utrecht-table__cell">{names(&r.professionals)}<div class="va-muted va-pre">{r.message.clone()}</div></td>
                                    <td class="utrecht-table__cell">
                                        {badge(status.as_str(), request_status_key(status))}
                                        {r.reason.clone().map(|why| view! { <div class="va-muted">{why}</div> })}
                                        {r.session_id.map(|s| view! { <div><A href=format!("/nazorg/sessies/{s}") attr:class="utrecht-link">{t!("fu.to_session")}</A></div> })}
                                    </td>
                                    {(role == Role::BelCoordinator).then(|| view! { <td class="utrecht-table__cell">
                                        {(status == RequestStatus::Open).then(|| view! {
                                            <div class="va-row-actions">
                                                <button type="button" class="utrecht-button utrecht-button--secondary-action" data-testid="request-plan"
                                                    on:click=move |_| {
                                                        from_request.set(Some(for_plan.clone()));
                                                        if let Some(el) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.get_element_by_id("plan-kind")) {
                                                            if let Ok(el) = wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(el) { let _ = el.focus(); }
                                                        }
                                                    }>{t!("fu.plan_this")}</button>
                                                <button type="button" class="utrecht-button utrecht-button--subtle" aria-expanded=move || declining.get().to_string()
                                                    on:click=move |_| declining.update(|d| *d = !*d)>{t!("fu.decline")}</button>
                                            </div>
                                            <Show when=move || declining.get()>
                                                <div class="va-dialog">
                                                    <label class="utrecht-form-label" for=format!("decline-{rid}")>{t!("fu.decline_reason")}</label>
                                                    <textarea id=format!("decline-{rid}") class="utrecht-textarea utrecht-textarea--html-textarea" rows="2"
                                                        prop:value=move || reason.get() on:input=move |ev| reason.set(event_target_value(&ev))></textarea>
                                                    <div><button type="button" class="utrecht-button utrecht-button--secondary-action" on:click=decline>{t!("fu.decline_confirm")}</button></div>
                                                </div>
                                            </Show>
                                        })}
                                    </td> })}
                                </tr>
                            }
                        }).collect_view()}
                    </Table>
                }.into_any()
            }}
        </section>
    }
}

/// Trained professionals as checkboxes (name, organisation, trained on).
#[component]
fn PeoplePicker(people: Vec<TrainedProfessional>, chosen: RwSignal<Vec<ProfessionalId>>, prefix: &'static str) -> impl IntoView {
    view! {
        <fieldset class="utrecht-form-fieldset va-fieldset va-wide">
            <legend class="utrecht-form-fieldset__legend">{t!("fu.who")}</legend>
            <div class="va-people">
                {people.into_iter().map(|p| {
                    let pid = p.professional.id;
                    let id = format!("{prefix}-{pid}");
                    view! {
                        <div class="utrecht-form-field utrecht-form-field--checkbox va-check">
                            <input type="checkbox" class="utrecht-checkbox utrecht-checkbox--html-input" id=id.clone() data-testid="pick-person"
                                prop:checked=move || chosen.get().contains(&pid)
                                on:change=move |ev| {
                                    let on = event_target_checked(&ev);
                                    chosen.update(|c| { c.retain(|x| *x != pid); if on { c.push(pid); } });
                                }/>
                            <label class="utrecht-form-label utrecht-form-label--checkbox" for=id>
                                {p.professional.name.clone()}<span class="va-muted">" · "{p.organisation.name.clone()}" · "{nl_date(p.trained_on)}</span>
                            </label>
                        </div>
                    }
                }).collect_view()}
            </div>
        </fieldset>
    }
}

fn kind_select(id: &'static str, kind: RwSignal<String>) -> impl IntoView {
    let lang = use_lang();
    view! {
        <div class="utrecht-form-field">
            <label class="utrecht-form-label" for=id>{t!("fu.kind")}</label>
            <select id=id class="utrecht-select utrecht-select--html-select" on:change=move |ev| kind.set(event_target_value(&ev))>
                {FollowupKind::ALL.into_iter().map(|k| view! {
                    <option value=k.as_str() selected=move || kind.get() == k.as_str()>{move || lookup(lang.get(), kind_key(k))}</option>
                }).collect_view()}
            </select>
        </div>
    }
}

async fn plan_choices(role: Role) -> Result<(Vec<va_openapi::reference::TrainingGroup>, Vec<va_openapi::auth::UserSummary>), ApiError> {
    // Groups with trained participants are the closed ones; the feedback list holds exactly those in scope.
    let groups = api::feedback_list().await?.into_iter().map(|f| f.group).collect();
    let trainers = if role == Role::BelCoordinator {
        api::users().await?.into_iter().filter(|u| u.role == Role::Trainer && u.active).collect()
    } else {
        Vec::new()
    };
    Ok((groups, trainers))
}

#[component]
fn PlanForm(
    role: Role,
    trained: Vec<TrainedProfessional>,
    reload: RwSignal<u32>,
    error: RwSignal<Option<ApiError>>,
    from_request: RwSignal<Option<FollowupRequestView>>,
) -> impl IntoView {
    let kind = RwSignal::new(FollowupKind::Supervision.as_str().to_string());
    let group = RwSignal::new(String::new());
    let chosen: RwSignal<Vec<ProfessionalId>> = RwSignal::new(Vec::new());
    let day = RwSignal::new(String::new());
    let starts = RwSignal::new("13:00".to_string());
    let ends = RwSignal::new("16:00".to_string());
    let place = RwSignal::new(String::new());
    let trainer = RwSignal::new(String::new());
    // Planning from a request: its kind and people.
    Effect::new(move |_| {
        if let Some(r) = from_request.get() {
            kind.set(r.kind.as_str().to_string());
            chosen.set(r.professionals.iter().map(|p| p.id).collect());
            group.set(String::new());
        }
    });
    let choices = LocalResource::new(move || plan_choices(role));
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(k) = FollowupKind::parse(&kind.get_untracked()) else { return };
        let Ok(d) = chrono::NaiveDate::parse_from_str(&day.get_untracked(), "%Y-%m-%d") else {
            error.set(Some(ApiError::Problem(va_openapi::Problem {
                type_: "about:blank".into(),
                title: "day".into(),
                status: 422,
                detail: None,
                code: va_openapi::ErrorCode::ValidationFailed,
                errors: vec![],
            })));
            return;
        };
        let input = NewSession {
            kind: k,
            group_id: group.get_untracked().parse::<i64>().ok().map(GroupId),
            professional_ids: chosen.get_untracked(),
            request_id: from_request.get_untracked().map(|r| r.id),
            day: d,
            starts_at: starts.get_untracked(),
            ends_at: ends.get_untracked(),
            place: place.get_untracked(),
            trainer_id: trainer.get_untracked().parse::<i64>().ok().map(va_openapi::UserId),
        };
        spawn_local(async move {
            let res = api::plan_session(&input).await;
            if res.is_ok() {
                from_request.set(None);
            }
            reload_on_ok(reload, error)(res);
        });
    };
    view! {
        <section class="va-section" data-testid="plan-session">
            <h2 class="utrecht-heading-2">{t!("fu.plan")}</h2>
            {move || from_request.get().map(|r| view! {
                <p class="utrecht-paragraph va-detail" data-testid="plan-from-request">{t!("fu.plan_for_request")}" "{r.organisation.name.clone()}
                    " " <button type="button" class="utrecht-button utrecht-button--subtle" on:click=move |_| from_request.set(None)>{t!("fu.plan_clear")}</button>
                </p>
            })}
            <form class="va-form--grid va-fieldset" novalidate=true on:submit=submit>
                {kind_select("plan-kind", kind)}
                <Suspense fallback=Loading>
                    {move || choices.get().map(|res| match res {
                        Err(e) => view! { <LoadError err=e/> }.into_any(),
                        Ok((groups, trainers)) => view! {
                            <div class="utrecht-form-field">
                                <label class="utrecht-form-label" for="plan-group">{t!("fu.whole_group")}</label>
                                <select id="plan-group" class="utrecht-select utrecht-select--html-select" data-testid="plan-group"
                                    on:change=move |ev| group.set(event_target_value(&ev))>
                                    <option value="" selected=move || group.get().is_empty()>{t!("fu.no_group")}</option>
                                    {groups.into_iter().map(|g| {
                                        let v = g.id.to_string();
                                        let v2 = v.clone();
                                        view! { <option value=v selected=move || group.get() == v2>{g.name}</option> }
                                    }).collect_view()}
                                </select>
                            </div>
                            {(!trainers.is_empty()).then(|| view! {
                                <div class="utrecht-form-field">
                                    <label class="utrecht-form-label" for="plan-trainer">{t!("wl.trainer")}</label>
                                    <select id="plan-trainer" class="utrecht-select utrecht-select--html-select" on:change=move |ev| trainer.set(event_target_value(&ev))>
                                        <option value="">"—"</option>
                                        {trainers.into_iter().map(|u| view! { <option value=u.id.to_string()>{u.name}</option> }).collect_view()}
                                    </select>
                                </div>
                            })}
                        }.into_any(),
                    })}
                </Suspense>
                <div class="utrecht-form-field">
                    <label class="utrecht-form-label" for="plan-day">{t!("group.day")}</label>
                    <input id="plan-day" type="date" class="utrecht-textbox utrecht-textbox--html-input" data-testid="plan-day"
                        prop:value=move || day.get() on:input=move |ev| day.set(event_target_value(&ev))/>
                </div>
                <TextField id="plan-starts" label=k!("wl.starts") kind="time" value=starts/>
                <TextField id="plan-ends" label=k!("wl.ends") kind="time" value=ends/>
                <TextField id="plan-place" label=k!("group.place") value=place/>
                {(!trained.is_empty()).then(|| view! { <PeoplePicker people=trained.clone() chosen=chosen prefix="plan-p"/> })}
                <div class="va-actions">
                    <button type="submit" class="utrecht-button utrecht-button--primary-action" data-testid="plan-submit">{t!("fu.plan_submit")}</button>
                    <span class="va-muted">{tr(if role == Role::Trainer { k!("fu.plan_help_trainer") } else { k!("fu.plan_help") })}</span>
                </div>
            </form>
        </section>
    }
}

#[component]
fn RequestForm(trained: Vec<TrainedProfessional>, reload: RwSignal<u32>, error: RwSignal<Option<ApiError>>) -> impl IntoView {
    let kind = RwSignal::new(FollowupKind::Supervision.as_str().to_string());
    let chosen: RwSignal<Vec<ProfessionalId>> = RwSignal::new(Vec::new());
    let message = RwSignal::new(String::new());
    let sent = RwSignal::new(false);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(k) = FollowupKind::parse(&kind.get_untracked()) else { return };
        let input = NewFollowupRequest { kind: k, professional_ids: chosen.get_untracked(), message: message.get_untracked() };
        spawn_local(async move {
            let res = api::request_followup(&input).await;
            sent.set(res.is_ok());
            if res.is_ok() {
                chosen.set(Vec::new());
                message.set(String::new());
            }
            reload_on_ok(reload, error)(res);
        });
    };
    view! {
        <ListSection testid="request-followup" title=k!("fu.request") empty=k!("fu.none_trained") is_empty=trained.is_empty()>
                    <form class="va-form--grid va-fieldset" novalidate=true on:submit=submit>
                        {kind_select("req-kind", kind)}
                        <PeoplePicker people=trained.clone() chosen=chosen prefix="req-p"/>
                        <div class="va-wide"><TextArea id="req-message".into() label=k!("fu.message") value=message rows=3 hint=k!("fu.message_hint")/></div>
                        <div class="va-actions">
                            <button type="submit" class="utrecht-button utrecht-button--primary-action" data-testid="request-submit">{t!("fu.request_submit")}</button>
                            <Show when=move || sent.get()><span role="status">{t!("fu.request_sent")}</span></Show>
                        </div>
                    </form>
        </ListSection>
    }
}

#[component]
fn Sessions(sessions: Vec<SessionView>) -> impl IntoView {
    let lang = use_lang();
    view! {
        <ListSection testid="sessions" title=k!("fu.sessions") empty=k!("fu.no_sessions") is_empty=sessions.is_empty()>
                    <Table headers=vec![(k!("group.day"), false), (k!("fu.kind"), false), (k!("fu.who"), false), (k!("wl.trainer"), false), (k!("groups.status"), false), (k!("fu.cost"), true)]>
                        {sessions.into_iter().map(|s| {
                            let kind = s.kind;
                            let status = s.status;
                            let who = s.group.as_ref().map(|g| g.name.clone()).unwrap_or_else(|| s.participants.iter().map(|p| p.name.clone()).collect::<Vec<_>>().join(", "));
                            view! {
                                <tr class="utrecht-table__row" data-testid="session-row">
                                    <th class="utrecht-table__header-cell" scope="row">
                                        <A href=format!("/nazorg/sessies/{}", s.id) attr:class="utrecht-link">{nl_date(s.day)}</A>
                                        <div class="va-muted">{s.starts_at.clone()}" – "{s.ends_at.clone()}" · "{s.place.clone()}</div>
                                    </th>
                                    <td class="utrecht-table__cell">{move || lookup(lang.get(), kind_key(kind))}</td>
                                    <td class="utrecht-table__cell">{who}<div class="va-muted">{s.participants.len()}" "{t!("tr.participants")}</div></td>
                                    <td class="utrecht-table__cell">{s.trainer.as_ref().map(|t| t.name.clone()).unwrap_or_default()}</td>
                                    <td class="utrecht-table__cell">{badge(status.as_str(), session_status_key(status))}</td>
                                    <td class="utrecht-table__cell utrecht-table__cell--numeric">{eur(s.cost_eur)}</td>
                                </tr>
                            }
                        }).collect_view()}
                    </Table>
        </ListSection>
    }
}

#[component]
fn WithoutFollowup(people: Vec<TrainedProfessional>) -> impl IntoView {
    view! {
        <ListSection testid="without-followup" title=k!("fu.without_title") empty=k!("fu.everyone_followed") is_empty=people.is_empty()>
                    <Table headers=vec![(k!("pros.name"), false), (k!("orgs.name"), false), (k!("groups.region"), false), (k!("fu.trained_on"), false), (k!("fu.days_since"), true), (k!("groups.status"), false)]>
                        {people.into_iter().map(|p| view! {
                            <tr class="utrecht-table__row" data-testid="without-row">
                                <th class="utrecht-table__header-cell" scope="row">{p.professional.name.clone()}</th>
                                <td class="utrecht-table__cell">{p.organisation.name.clone()}</td>
                                <td class="utrecht-table__cell">{p.region.as_ref().map(|r| r.name.clone()).unwrap_or_default()}</td>
                                <td class="utrecht-table__cell">{nl_date(p.trained_on)}</td>
                                <td class="utrecht-table__cell utrecht-table__cell--numeric">{p.days_since_training}</td>
                                <td class="utrecht-table__cell">{if p.planned { badge("open", k!("fu.is_planned")).into_any() } else { badge("returned", k!("fu.nothing_yet")).into_any() }}</td>
                            </tr>
                        }).collect_view()}
                    </Table>
        </ListSection>
    }
}

#[component]
fn PerOrganisation(rows: Vec<OrganisationFollowup>) -> impl IntoView {
    view! {
        <ListSection testid="per-organisation" title=k!("fu.per_org") empty=k!("fu.none_trained") is_empty=rows.is_empty()>
                    <Table headers=vec![(k!("orgs.name"), false), (k!("groups.region"), false), (k!("fu.trained_col"), true), (k!("fu.with_followup"), true), (k!("fu.attended"), true)]>
                        {rows.into_iter().map(|r| view! {
                            <tr class="utrecht-table__row">
                                <th class="utrecht-table__header-cell" scope="row">{r.organisation.name.clone()}</th>
                                <td class="utrecht-table__cell">{r.region.as_ref().map(|x| x.name.clone()).unwrap_or_default()}</td>
                                <td class="utrecht-table__cell utrecht-table__cell--numeric">{r.trained}</td>
                                <td class="utrecht-table__cell utrecht-table__cell--numeric">{r.with_followup}</td>
                                <td class="utrecht-table__cell utrecht-table__cell--numeric">{r.sessions_attended}</td>
                            </tr>
                        }).collect_view()}
                    </Table>
        </ListSection>
    }
}

// ---------------------------------------------------------------- one session

/// `/nazorg/sessies/:id`: attendance and notes, cancel, quality reflections.
#[component]
pub fn SessionPage() -> impl IntoView {
    let params = use_params_map();
    view! {
        <RequireAnyRole roles=FOLLOWUP_ROLES render=move |s: Session| {
            let id = FollowupSessionId(param_id(params, "id"));
            view! { <SessionDetail id=id role=s.user.role/> }
        }/>
    }
}

#[component]
fn SessionDetail(id: FollowupSessionId, role: Role) -> impl IntoView {
    let lang = use_lang();
    let reload = RwSignal::new(0u32);
    let error: RwSignal<Option<ApiError>> = RwSignal::new(None);
    let data = LocalResource::new(move || {
        reload.get();
        async move { api::session(id).await }
    });
    view! {
        <p class="utrecht-paragraph"><A href="/nazorg" attr:class="utrecht-link">{t!("fu.back")}</A></p>
        {error_alert(error)}
        <Transition fallback=Loading>
            {move || data.get().map(|res| match res {
                Err(e) => view! { <LoadError err=e/> }.into_any(),
                Ok(s) => {
                    let kind = s.kind;
                    let status = s.status;
                    view! {
                        <h1 class="utrecht-heading-1" data-testid="session-title">{move || lookup(lang.get(), kind_key(kind))}" "{nl_date(s.day)}</h1>
                        <dl class="va-facts">
                            <dt>{t!("group.time")}</dt><dd>{s.starts_at.clone()}" – "{s.ends_at.clone()}</dd>
                            <dt>{t!("group.place")}</dt><dd>{s.place.clone()}</dd>
                            {s.group.clone().map(|g| view! { <dt>{t!("fu.group")}</dt><dd>{g.name}</dd> })}
                            <dt>{t!("wl.trainer")}</dt><dd>{s.trainer.clone().map(|t| t.name).unwrap_or_default()}</dd>
                            <dt>{t!("groups.status")}</dt><dd data-testid="session-status">{badge(status.as_str(), session_status_key(status))}</dd>
                            <dt>{t!("fu.cost")}</dt><dd>{eur(s.cost_eur)}</dd>
                            {s.reason.clone().map(|r| view! { <dt>{t!("fu.reason")}</dt><dd>{r}</dd> })}
                        </dl>
                        <SessionAttendance s=s.clone() may_cancel=matches!(role, Role::BelCoordinator | Role::Trainer) reload=reload error=error/>
                        {(kind == FollowupKind::Supervision).then(|| view! { <Reflections s=s.clone() reload=reload error=error/> })}
                    }.into_any()
                }
            })}
        </Transition>
    }
}

#[component]
fn SessionAttendance(s: SessionView, may_cancel: bool, reload: RwSignal<u32>, error: RwSignal<Option<ApiError>>) -> impl IntoView {
    let lang = use_lang();
    let open = s.can_mark;
    let planned = s.status == SessionStatus::Planned;
    let rows: Vec<(ProfessionalId, String, String, RwSignal<String>, RwSignal<String>)> = s
        .participants
        .iter()
        .map(|p| {
            (
                p.professional_id,
                p.name.clone(),
                p.organisation.name.clone(),
                RwSignal::new(p.attendance.map(|a| a.as_str().to_string()).unwrap_or_default()),
                RwSignal::new(p.note.clone().unwrap_or_default()),
            )
        })
        .collect();
    let rows = StoredValue::new(rows);
    let notes = RwSignal::new(s.notes.clone().unwrap_or_default());
    let reason = RwSignal::new(String::new());
    let id = s.id;
    let save = move |_| {
        let marks = rows
            .get_value()
            .iter()
            .filter_map(|(pid, _, _, st, note)| {
                AttendanceStatus::parse(&st.get_untracked()).map(|status| SessionMark { professional_id: *pid, status, note: non_empty(note.get_untracked()) })
            })
            .collect();
        let input = SessionRecord { marks, notes: non_empty(notes.get_untracked()) };
        spawn_local(async move { reload_on_ok(reload, error)(api::record_session(id, &input).await) });
    };
    let cancel = move |_| {
        let why = reason.get_untracked();
        spawn_local(async move { reload_on_ok(reload, error)(api::cancel_session(id, why).await) });
    };
    view! {
        <section class="va-section" data-testid="session-attendance">
            <h2 class="utrecht-heading-2">{t!("tr.attendance")}</h2>
            {(!open && planned).then(|| view! { <p class="utrecht-paragraph va-muted">{t!("fu.mark_from_day")}</p> })}
            <div class="va-att-grid">
                {rows.get_value().into_iter().map(|(pid, name, org, status, note)| {
                    let sel = format!("satt-{pid}");
                    let note_id = format!("snote-{pid}");
                    view! {
                        <label class="utrecht-form-label" for=sel.clone()>{name}<div class="va-muted">{org}</div></label>
                        <select id=sel class="utrecht-select utrecht-select--html-select" disabled=!open data-testid="session-mark"
                            on:change=move |ev| status.set(event_target_value(&ev))>
                            <option value="" selected=status.get_untracked().is_empty()>"—"</option>
                            {AttendanceStatus::ALL.into_iter().map(|a| view! {
                                <option value=a.as_str() selected=status.get_untracked() == a.as_str()>{move || lookup(lang.get(), mark_key(a))}</option>
                            }).collect_view()}
                        </select>
                        <label class="va-visually-hidden" for=note_id.clone()>{t!("tr.note")}</label>
                        <input id=note_id class="utrecht-textbox utrecht-textbox--html-input" disabled=!open placeholder=move || lookup(lang.get(), k!("tr.note"))
                            prop:value=move || note.get() on:input=move |ev| note.set(event_target_value(&ev))/>
                    }
                }).collect_view()}
            </div>
            {open.then(|| view! {
                <TextArea id="session-notes".into() label=k!("fu.notes") value=notes rows=3 hint=k!("fu.no_client_data")/>
                <div class="va-actions">
                    <button type="button" class="utrecht-button utrecht-button--primary-action" data-testid="session-save" on:click=save>{t!("fu.record")}</button>
                </div>
            })}
            {(!open).then(|| s.notes.clone().map(|n| view! { <h3 class="utrecht-heading-3">{t!("fu.notes")}</h3><p class="utrecht-paragraph va-pre">{n}</p> }))}
            {(planned && may_cancel).then(|| view! {
                <details class="va-section">
                    <summary>{t!("fu.cancel")}</summary>
                    <div class="va-dialog">
                        <label class="utrecht-form-label" for="session-cancel-reason">{t!("tr.reason")}</label>
                        <textarea id="session-cancel-reason" class="utrecht-textarea utrecht-textarea--html-textarea" rows="2"
                            prop:value=move || reason.get() on:input=move |ev| reason.set(event_target_value(&ev))></textarea>
                        <div><button type="button" class="utrecht-button utrecht-button--secondary-action" on:click=cancel>{t!("fu.cancel_confirm")}</button></div>
                    </div>
                </details>
            })}
        </section>
    }
}

const CRITERIA: [(&str, Key); 4] = [
    ("complete", k!("rf.complete")),
    ("economical", k!("rf.economical")),
    ("coherent", k!("rf.coherent")),
    ("predictive", k!("rf.predictive")),
];

/// Quality reflections on a VA a professional brought to supervision: four criteria scored 1-4.
#[component]
fn Reflections(s: SessionView, reload: RwSignal<u32>, error: RwSignal<Option<ApiError>>) -> impl IntoView {
    let who = RwSignal::new(String::new());
    let scores: [RwSignal<String>; 4] = std::array::from_fn(|_| RwSignal::new(String::new()));
    let note = RwSignal::new(String::new());
    let id = s.id;
    let can_add = s.can_mark;
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Ok(pid) = who.get_untracked().parse::<i64>() else { return };
        let v: Vec<i32> = scores.iter().map(|s| s.get_untracked().parse().unwrap_or(0)).collect();
        let input = ReflectionInput {
            professional_id: ProfessionalId(pid),
            complete: v[0],
            economical: v[1],
            coherent: v[2],
            predictive: v[3],
            note: non_empty(note.get_untracked()),
        };
        spawn_local(async move {
            let res = api::add_reflection(id, &input).await;
            if res.is_ok() {
                note.set(String::new());
                for s in scores {
                    s.set(String::new());
                }
            }
            reload_on_ok(reload, error)(res);
        });
    };
    view! {
        <section class="va-section" data-testid="reflections">
            <h2 class="utrecht-heading-2">{t!("rf.title")}</h2>
            <p class="utrecht-paragraph va-muted">{t!("rf.help")}</p>
            {if s.reflections.is_empty() {
                view! { <p class="utrecht-paragraph va-empty">{t!("rf.none")}</p> }.into_any()
            } else {
                view! {
                    <Table headers=vec![(k!("pros.name"), false), (k!("rf.complete"), true), (k!("rf.economical"), true), (k!("rf.coherent"), true), (k!("rf.predictive"), true), (k!("tr.note"), false)]>
                        {s.reflections.iter().map(|r| view! {
                            <tr class="utrecht-table__row" data-testid="reflection-row">
                                <th class="utrecht-table__header-cell" scope="row">{r.professional.name.clone()}<div class="va-muted">{r.recorded_by.clone()}" · "{local_time(r.created_at)}</div></th>
                                <td class="utrecht-table__cell utrecht-table__cell--numeric">{r.complete}</td>
                                <td class="utrecht-table__cell utrecht-table__cell--numeric">{r.economical}</td>
                                <td class="utrecht-table__cell utrecht-table__cell--numeric">{r.coherent}</td>
                                <td class="utrecht-table__cell utrecht-table__cell--numeric">{r.predictive}</td>
                                <td class="utrecht-table__cell va-pre">{r.note.clone().unwrap_or_default()}</td>
                            </tr>
                        }).collect_view()}
                    </Table>
                }.into_any()
            }}
            {can_add.then(|| view! {
                <form class="va-form--grid va-fieldset va-section" novalidate=true on:submit=submit data-testid="reflection-form">
                    <div class="utrecht-alert utrecht-alert--warning va-wide" role="note"><p class="utrecht-paragraph">{t!("rf.no_client_data")}</p></div>
                    <div class="utrecht-form-field">
                        <label class="utrecht-form-label" for="rf-who">{t!("rf.professional")}</label>
                        <select id="rf-who" class="utrecht-select utrecht-select--html-select" on:change=move |ev| who.set(event_target_value(&ev))>
                            <option value="">"—"</option>
                            {s.participants.iter().map(|p| view! { <option value=p.professional_id.to_string()>{p.name.clone()}</option> }).collect_view()}
                        </select>
                    </div>
                    {CRITERIA.into_iter().zip(scores).map(|((key, label), score)| {
                        let id = format!("rf-{key}");
                        view! {
                            <div class="utrecht-form-field">
                                <label class="utrecht-form-label" for=id.clone()>{tr(label)}" (1–4)"</label>
                                <select id=id class="utrecht-select utrecht-select--html-select" on:change=move |ev| score.set(event_target_value(&ev))>
                                    <option value="" selected=move || score.get().is_empty()>"—"</option>
                                    {(1..=4).map(|n| view! { <option value=n.to_string()>{n}</option> }).collect_view()}
                                </select>
                            </div>
                        }
                    }).collect_view()}
                    <div class="va-wide"><TextArea id="rf-note".into() label=k!("rf.note") value=note rows=3 hint=k!("rf.note_hint")/></div>
                    <div class="va-actions">
                        <button type="submit" class="utrecht-button utrecht-button--secondary-action" data-testid="reflection-add">{t!("rf.add")}</button>
                    </div>
                </form>
            })}
        </section>
    }
}

// ---------------------------------------------------------------- certificate and costs

/// `/certificaat/:id`: a printable certificate of participation for a trained professional.
#[component]
pub fn CertificatePage() -> impl IntoView {
    let params = use_params_map();
    view! {
        <RequireAnyRole roles=FOLLOWUP_ROLES render=move |_: Session| {
            let id = EnrolmentId(param_id(params, "id"));
            let data = LocalResource::new(move || {
                async move { api::certificate(id).await }
            });
            view! {
                <Suspense fallback=Loading>
                    {move || data.get().map(|res| match res {
                        Err(e) => view! { <LoadError err=e/> }.into_any(),
                        Ok(c) => view! {
                            <div class="va-actions va-no-print">
                                <button type="button" class="utrecht-button utrecht-button--secondary-action"
                                    on:click=|_| { if let Some(w) = web_sys::window() { let _ = w.print(); } }>{t!("cert.print")}</button>
                            </div>
                            <article class="va-certificate" data-testid="certificate">
                                <p class="va-certificate__org">{t!("app.org")}</p>
                                <h1 class="utrecht-heading-1">{t!("cert.title")}</h1>
                                <p class="utrecht-paragraph">{t!("cert.declares")}</p>
                                <p class="va-certificate__name" data-testid="cert-name">{c.professional.clone()}</p>
                                <p class="utrecht-paragraph">{c.organisation.clone()}</p>
                                <p class="utrecht-paragraph">{t!("cert.completed")}" "<strong>{c.programme.clone()}</strong>", "{c.group.clone()}"."</p>
                                <p class="utrecht-paragraph">{t!("cert.days")}" "{c.days.iter().map(|d| nl_date(*d)).collect::<Vec<_>>().join(", ")}</p>
                                <p class="utrecht-paragraph">{t!("cert.trained_on")}" "<strong>{nl_date(c.trained_on)}</strong></p>
                                {c.trainer.clone().map(|tr| view! { <p class="va-certificate__sign">{tr}<br/><span class="va-muted">{t!("role.trainer")}</span></p> })}
                            </article>
                        }.into_any(),
                    })}
                </Suspense>
            }
        }/>
    }
}

/// Spent and committed money of a year by kind, against the training budget.
#[component]
pub fn YearCosts() -> impl IntoView {
    let year = RwSignal::new(2026);
    let data = LocalResource::new(move || {
        let y = year.get();
        async move { api::year_costs(y).await }
    });
    view! {
        <section class="va-section" data-testid="costs">
            <h2 class="utrecht-heading-2">{t!("cost.title")}</h2>
            <div class="utrecht-form-field va-inline-field">
                <label class="utrecht-form-label" for="cost-year">{t!("wl.year")}</label>
                <select id="cost-year" class="utrecht-select utrecht-select--html-select" on:change=move |ev| year.set(event_target_value(&ev).parse().unwrap_or(2026))>
                    {[2026, 2027].into_iter().map(|y| view! { <option value=y.to_string() selected=move || year.get() == y>{y}</option> }).collect_view()}
                </select>
            </div>
            <Transition fallback=Loading>
                {move || data.get().map(|res| match res {
                    Err(e) => view! { <LoadError err=e/> }.into_any(),
                    Ok(c) => view! {
                        <p class="utrecht-paragraph va-summary" data-testid="cost-summary">
                            {t!("wl.budget")}": "<strong>{c.budget_eur.map(eur).unwrap_or_else(|| "—".into())}</strong>" · "
                            {t!("cost.spent")}": "<strong>{eur(c.spent_eur)}</strong>" · "
                            {t!("cost.committed")}": "<strong>{eur(c.committed_eur)}</strong>" · "
                            {t!("cost.remaining")}": "<strong>{eur(c.remaining_eur)}</strong>
                        </p>
                        <Table headers=vec![(k!("cost.kind"), false), (k!("cost.count"), true), (k!("cost.spent"), true), (k!("cost.committed"), true)]>
                            {c.lines.into_iter().map(|l| view! {
                                <tr class="utrecht-table__row">
                                    <th class="utrecht-table__header-cell" scope="row">{cost_label(&l.kind, l.label.clone())}</th>
                                    <td class="utrecht-table__cell utrecht-table__cell--numeric">{l.count}</td>
                                    <td class="utrecht-table__cell utrecht-table__cell--numeric">{eur(l.spent_eur)}</td>
                                    <td class="utrecht-table__cell utrecht-table__cell--numeric">{eur(l.committed_eur)}</td>
                                </tr>
                            }).collect_view()}
                        </Table>
                        <p class="utrecht-paragraph va-muted">{t!("cost.rule")}</p>
                    }.into_any(),
                })}
            </Transition>
        </section>
    }
}

fn cost_label(kind: &str, fallback: String) -> impl IntoView {
    let lang = use_lang();
    let key = match kind {
        "groups" => Some(k!("cost.group")),
        "training_days" => Some(k!("cost.trainer_days")),
        "supervision" => Some(k!("fk.supervision")),
        "coaching" => Some(k!("fk.coaching")),
        "deepening" => Some(k!("fk.deepening")),
        _ => None,
    };
    move || key.map(|k| lookup(lang.get(), k).to_string()).unwrap_or_else(|| fallback.clone())
}

// ---------------------------------------------------------------- delivery settings

async fn load_delivery_settings() -> Result<(va_openapi::ProgrammeId, DeliverySettings), ApiError> {
    let programme = api::programmes().await?.first().map(|p| p.id).ok_or(ApiError::Network)?;
    Ok((programme, api::delivery_settings(programme).await?))
}

/// BEL's settings for delivery: the attendance window, the completion rule and the session prices.
#[component]
fn DeliverySettingsForm() -> impl IntoView {
    let error: RwSignal<Option<ApiError>> = RwSignal::new(None);
    let saved = RwSignal::new(false);
    let data = LocalResource::new(move || load_delivery_settings());
    view! {
        <section class="va-section" data-testid="delivery-settings">
            <h2 class="utrecht-heading-2">{t!("ds.title")}</h2>
            <p class="utrecht-paragraph va-muted">{t!("ds.help")}</p>
            <Suspense fallback=Loading>
                {move || data.get().map(|res| match res {
                    Err(e) => view! { <LoadError err=e/> }.into_any(),
                    Ok((programme, s)) => {
                        let window = RwSignal::new(s.attendance_window_days.to_string());
                        let excused = RwSignal::new(s.completion_max_excused.to_string());
                        let absent = RwSignal::new(s.completion_max_absent.to_string());
                        let supervision = RwSignal::new(s.supervision_session_eur.to_string());
                        let coaching = RwSignal::new(s.coaching_session_eur.to_string());
                        let deepening = RwSignal::new(s.deepening_session_eur.to_string());
                        let save = move |ev: leptos::ev::SubmitEvent| {
                            ev.prevent_default();
                            // Unreadable numbers go to the server as -1, which it refuses with the field named.
                            let n = |v: RwSignal<String>| v.get_untracked().trim().parse::<i64>().unwrap_or(-1);
                            let small = |v: RwSignal<String>| i32::try_from(n(v)).unwrap_or(-1);
                            let input = DeliverySettings {
                                attendance_window_days: small(window),
                                completion_max_excused: small(excused),
                                completion_max_absent: small(absent),
                                supervision_session_eur: n(supervision),
                                coaching_session_eur: n(coaching),
                                deepening_session_eur: n(deepening),
                            };
                            spawn_local(async move {
                                match api::save_delivery_settings(programme, &input).await {
                                    Ok(_) => {
                                        error.set(None);
                                        saved.set(true);
                                    }
                                    Err(e) => {
                                        saved.set(false);
                                        error.set(Some(e));
                                    }
                                }
                            });
                        };
                        view! {
                            <form class="va-form va-form--grid" novalidate=true on:submit=save>
                                <TextField id="ds-window" label=k!("ds.window") kind="number" value=window/>
                                <TextField id="ds-excused" label=k!("ds.excused") kind="number" value=excused/>
                                <TextField id="ds-absent" label=k!("ds.absent") kind="number" value=absent/>
                                <TextField id="ds-supervision" label=k!("ds.supervision") kind="number" value=supervision/>
                                <TextField id="ds-coaching" label=k!("ds.coaching") kind="number" value=coaching/>
                                <TextField id="ds-deepening" label=k!("ds.deepening") kind="number" value=deepening/>
                                <div class="va-actions">
                                    <button type="submit" class="utrecht-button utrecht-button--secondary-action" data-testid="ds-save">{t!("wl.save")}</button>
                                    <Show when=move || saved.get()><span role="status" data-testid="ds-saved">{t!("ds.saved")}</span></Show>
                                </div>
                            </form>
                            {error_alert(error)}
                        }.into_any()
                    }
                })}
            </Suspense>
        </section>
    }
}

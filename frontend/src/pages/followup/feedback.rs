//! The trainer's feedback on a group and the ambassadors' agreed actions.

use super::*;
use crate::api::{self, ApiError};
use crate::components::common::badge;
use crate::components::format::{local_time, nl_date};
use crate::components::common::{error_alert, param_id, reload_on_ok, Table, TextArea, TextField};
use crate::components::loaded::{load, loaded};
use crate::components::guard::RequireAnyRole;
use crate::i18n::tr;
use crate::session::Session;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;
use va_openapi::auth::Role;
use va_openapi::followup::*;
use va_openapi::{GroupId, RegionId};

/// The groups whose feedback the caller may read or write, with its state.
#[component]
pub fn FeedbackList() -> impl IntoView {
    let data = load(None, move || async move { api::feedback_list().await });
    view! {
        <section class="va-section" data-testid="feedback-list">
            <h2 class="utrecht-heading-2">{t!("fb.list_title")}</h2>
            {loaded(data, move |v| match v {
                    list if list.is_empty() => view! { <p class="utrecht-paragraph va-empty">{t!("fb.none")}</p> }.into_any(),
                    list => view! {
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
pub(super) fn Feedback(id: GroupId, role: Role) -> impl IntoView {
    let reload = RwSignal::new(0u32);
    let error: RwSignal<Option<ApiError>> = RwSignal::new(None);
    let saved = RwSignal::new(false);
    let data = load(Some(reload), move || async move { api::group_feedback(id).await });
    view! {
        <p class="utrecht-paragraph"><A href="/" attr:class="utrecht-link">{t!("req.back")}</A></p>
        {error_alert(error)}
        <Show when=move || saved.get()>
            <div class="utrecht-alert utrecht-alert--info va-alert" role="status" data-testid="saved"><p class="utrecht-paragraph">{t!("fb.saved")}</p></div>
        </Show>
        {loaded(data, move |f| view! {
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
                }.into_any())}
    }
}

#[component]
pub(super) fn FeedbackRead(f: GroupFeedback) -> impl IntoView {
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
pub(super) fn FeedbackForm(f: GroupFeedback, reload: RwSignal<u32>, error: RwSignal<Option<ApiError>>, saved: RwSignal<bool>) -> impl IntoView {
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
pub(super) fn Actions(f: GroupFeedback, reload: RwSignal<u32>, error: RwSignal<Option<ApiError>>) -> impl IntoView {
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

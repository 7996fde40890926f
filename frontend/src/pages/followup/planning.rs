//! Planning a session and requesting follow-up.

use super::*;
use crate::api::{self, ApiError};
use crate::components::format::nl_date;
use crate::components::common::{ListSection, reload_on_ok, TextArea, TextField};
use crate::components::loaded::{load, loaded};
use crate::i18n::{lookup, tr, use_lang};
use leptos::prelude::*;
use leptos::task::spawn_local;
use va_openapi::auth::Role;
use va_openapi::followup::*;
use va_openapi::{GroupId, ProfessionalId};

/// Trained professionals as checkboxes (name, organisation, trained on).
#[component]
pub(super) fn PeoplePicker(people: Vec<TrainedProfessional>, chosen: RwSignal<Vec<ProfessionalId>>, prefix: &'static str) -> impl IntoView {
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

pub(super) fn kind_select(id: &'static str, kind: RwSignal<String>) -> impl IntoView {
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

pub(super) async fn plan_choices(role: Role) -> Result<(Vec<va_openapi::reference::TrainingGroup>, Vec<va_openapi::admin::Account>), ApiError> {
    // Groups with trained participants are the closed ones; the feedback list holds exactly those in scope.
    let groups = api::feedback_list().await?.into_iter().map(|f| f.group).collect();
    let trainers = if role == Role::BelCoordinator {
        api::trainers().await?
    } else {
        Vec::new()
    };
    Ok((groups, trainers))
}

#[component]
pub(super) fn PlanForm(
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
    let choices = load(None, move || plan_choices(role));
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
                {loaded(choices, move |(groups, trainers)| view! {
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
                        }.into_any())}
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
pub(super) fn RequestForm(trained: Vec<TrainedProfessional>, reload: RwSignal<u32>, error: RwSignal<Option<ApiError>>) -> impl IntoView {
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

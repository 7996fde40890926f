//! `/bel/beheer/groepen/:id`: one group's plan: its days (add, remove), and
//! cancelling the group with a reason.

use super::done_alert;
use super::form::date;
use crate::api::{self, ApiError};
use crate::components::common::{error_alert, param_id, Table, TextArea, TextField};
use crate::components::format::nl_date;
use crate::components::guard::RequireRole;
use crate::components::labels::group_status_key;
use crate::components::loaded::{load, loaded};
use crate::i18n::{lookup, use_lang, Key};
use crate::session::Session;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;
use va_openapi::admin::{GroupPlan, NewTrainingDay};
use va_openapi::auth::Role;
use va_openapi::reference::GroupStatus;
use va_openapi::GroupId;

#[component]
pub fn GroupPlanPage() -> impl IntoView {
    let params = use_params_map();
    view! {
        <RequireRole role=Role::BelCoordinator render=move |_: Session| {
            let id = GroupId(param_id(params, "id"));
            view! { <Plan id/> }
        }/>
    }
}

#[component]
fn Plan(id: GroupId) -> impl IntoView {
    let lang = use_lang();
    let reload = RwSignal::new(0u32);
    let error: RwSignal<Option<ApiError>> = RwSignal::new(None);
    let done: RwSignal<Option<Key>> = RwSignal::new(None);
    let plan = load(Some(reload), move || async move { Ok::<_, ApiError>((api::group_plan(id).await?, api::trainers().await?)) });
    // Every action answers with the new plan; the page shows it and says what happened.
    let after = move |res: Result<GroupPlan, ApiError>, key: Key| match res {
        Ok(_) => {
            error.set(None);
            done.set(Some(key));
            reload.update(|n| *n += 1);
        }
        Err(e) => {
            done.set(None);
            error.set(Some(e));
        }
    };
    let day = RwSignal::new(String::new());
    let from = RwSignal::new("09:30".to_string());
    let until = RwSignal::new("16:30".to_string());
    let add = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Ok(d) = day.get_untracked().parse() else {
            error.set(Some(ApiError::Problem(super::form::missing(&[("day", day.get_untracked())]))));
            return;
        };
        let input = NewTrainingDay { day: d, starts_at: from.get_untracked(), ends_at: until.get_untracked(), place: String::new(), trainer_id: None };
        spawn_local(async move { after(api::add_day(id, &input).await, k!("adm.day_added")) });
    };
    let reason = RwSignal::new(String::new());
    let cancel = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let r = reason.get_untracked();
        spawn_local(async move { after(api::cancel_group(id, r).await, k!("adm.group_cancelled")) });
    };
    let err = move |field: &'static str| crate::components::common::field_error(error, field);
    view! {
        {loaded(plan, move |(p, trainers)| {
            let status = p.group.status;
            let whole = p.clone();
            let closed = matches!(status, GroupStatus::Cancelled | GroupStatus::Completed);
            view! {
                <p class="utrecht-paragraph"><A href="/bel/beheer" attr:class="utrecht-link">{t!("adm.title")}</A></p>
                <h1 class="utrecht-heading-1" data-testid="plan-title">{p.group.name.clone()}</h1>
                <p class="utrecht-paragraph">
                    <span class="va-status">{move || lookup(lang.get(), group_status_key(status))}</span>
                    " · "{p.group.location.clone()}" · "{p.trainer.clone().map(|t| t.name).unwrap_or_default()}
                    " · "{format!("{}/{}", p.group.seats_taken, p.group.capacity)}" "{t!("groups.seats")}
                </p>
                {p.cancel_reason.clone().map(|r| view! { <p class="utrecht-paragraph">{t!("adm.cancelled_because")}" "{r}</p> })}
                {done_alert(done)}
                {error_alert(error)}
                <section class="va-section" aria-labelledby="days-title">
                    <h2 class="utrecht-heading-2" id="days-title">{t!("adm.days")}</h2>
                    <Table testid="plan-days" headers=vec![(k!("adm.day_n"), false), (k!("adm.from"), false), (k!("adm.until"), false), (k!("adm.location"), false), (k!("adm.trainer"), false), (k!("req.actions"), false)]>
                        {p.days.iter().map(|d| {
                            let (did, label, removable) = (d.id, nl_date(d.day), !d.has_attendance && !closed);
                            let day_trainer = d.trainer.as_ref().map(|t| t.id);
                            view! {
                                <tr class="utrecht-table__row">
                                    <th class="utrecht-table__header-cell" scope="row">{label.clone()}{d.cancelled.then(|| " (vervallen)")}</th>
                                    <td class="utrecht-table__cell">{d.starts_at.clone()}</td>
                                    <td class="utrecht-table__cell">{d.ends_at.clone()}</td>
                                    <td class="utrecht-table__cell">{d.place.clone()}</td>
                                    <td class="utrecht-table__cell">
                                        <label class="va-visually-hidden" for=format!("day-trainer-{did}")>{t!("adm.trainer")}" "{label.clone()}</label>
                                        <select id=format!("day-trainer-{did}") class="utrecht-select utrecht-select--html-select" disabled=closed
                                            on:change=move |ev| {
                                                let trainer_id = event_target_value(&ev).parse().ok().map(va_openapi::UserId);
                                                spawn_local(async move { after(api::set_day_trainer(did, trainer_id).await, k!("adm.day_trainer_saved")) });
                                            }>
                                            <option value="" selected=day_trainer.is_none()>{t!("adm.group_trainer")}</option>
                                            {trainers.iter().map(|t| view! { <option value=t.id.0.to_string() selected=day_trainer == Some(t.id)>{t.name.clone()}</option> }).collect_view()}
                                        </select>
                                    </td>
                                    <td class="utrecht-table__cell">
                                        {removable.then(|| view! {
                                            <button type="button" class="utrecht-button utrecht-button--secondary-action"
                                                aria-label=move || format!("{} {}", lookup(lang.get(), k!("adm.remove_day")), label)
                                                on:click=move |_| spawn_local(async move { after(api::remove_day(did).await, k!("adm.day_removed")) })>
                                                {t!("adm.remove_day")}
                                            </button>
                                        })}
                                    </td>
                                </tr>
                            }
                        }).collect_view()}
                    </Table>
                </section>
                {(!closed).then(|| view! { <super::edit::EditGroup plan=whole.clone() reload done/> })}
                {(!closed).then(|| view! {
                    <section class="va-section" aria-labelledby="add-day-title">
                        <h2 class="utrecht-heading-2" id="add-day-title">{t!("adm.add_day")}</h2>
                        <form class="va-form va-form--grid" on:submit=add novalidate=true>
                            {date("pl-day", k!("adm.day_n"), day, err("day"))}
                            <TextField id="pl-from" label=k!("adm.from") kind="time" value=from error=err("starts_at")/>
                            <TextField id="pl-until" label=k!("adm.until") kind="time" value=until error=err("ends_at")/>
                            <div class="va-actions">
                                <button type="submit" class="utrecht-button utrecht-button--primary-action" data-testid="pl-add">{t!("adm.add_day")}</button>
                            </div>
                        </form>
                    </section>
                    <section class="va-section" aria-labelledby="cancel-title">
                        <h2 class="utrecht-heading-2" id="cancel-title">{t!("adm.cancel_group")}</h2>
                        <form class="va-form" on:submit=cancel novalidate=true>
                            <TextArea id="pl-reason".to_string() label=k!("adm.cancel_reason") value=reason/>
                            <p class="utrecht-form-field-error-message">{move || err("reason").get()}</p>
                            <div class="va-actions">
                                <button type="submit" class="utrecht-button utrecht-button--secondary-action" data-testid="pl-cancel">{t!("adm.cancel_group")}</button>
                            </div>
                        </form>
                    </section>
                })}
            }.into_any()
        })}
    }
}

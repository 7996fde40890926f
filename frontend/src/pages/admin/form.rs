//! The new-group form of the administration pages.

use crate::api::{self, ApiError};
use crate::components::common::{error_alert, TextField};
use crate::i18n::{tr, Key};
use leptos::prelude::*;
use leptos::task::spawn_local;
use va_openapi::admin::{Account, NewGroup, NewTrainingDay};
use va_openapi::reference::Region;
use va_openapi::{ProgrammeId, RegionId, UserId};

pub(super) use crate::components::form::{date, input, missing, select};

/// One training day of the new-group form.
#[derive(Clone, Copy)]
struct DayRow {
    day: RwSignal<String>,
    from: RwSignal<String>,
    until: RwSignal<String>,
}

impl DayRow {
    fn new() -> DayRow {
        DayRow { day: RwSignal::new(String::new()), from: RwSignal::new("09:30".into()), until: RwSignal::new("16:30".into()) }
    }
}

#[component]
pub(super) fn NewGroupForm(programme: ProgrammeId, default_size: i32, regions: Vec<Region>, trainers: Vec<Account>, reload: RwSignal<u32>, done: RwSignal<Option<Key>>) -> impl IntoView {
    let error: RwSignal<Option<ApiError>> = RwSignal::new(None);
    let name = RwSignal::new(String::new());
    let region = RwSignal::new(String::new());
    let capacity = RwSignal::new(default_size.to_string());
    let location = RwSignal::new(String::new());
    let trainer = RwSignal::new(String::new());
    let open = RwSignal::new(true);
    let days = RwSignal::new(vec![DayRow::new(), DayRow::new(), DayRow::new()]);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let rows = days.get_untracked();
        let input = NewGroup {
            name: name.get_untracked(),
            region_id: region.get_untracked().parse().ok().map(RegionId),
            capacity: capacity.get_untracked().trim().parse().unwrap_or(0),
            location: location.get_untracked(),
            trainer_id: trainer.get_untracked().parse().ok().map(UserId),
            open_for_placement: open.get_untracked(),
            days: rows
                .iter()
                .filter_map(|r| {
                    Some(NewTrainingDay {
                        day: r.day.get_untracked().parse().ok()?,
                        starts_at: r.from.get_untracked(),
                        ends_at: r.until.get_untracked(),
                        place: String::new(),
                        trainer_id: None,
                    })
                })
                .collect(),
        };
        spawn_local(async move {
            match api::create_group(programme, &input).await {
                Ok(_) => {
                    error.set(None);
                    done.set(Some(k!("adm.group_created")));
                    reload.update(|n| *n += 1);
                }
                Err(e) => {
                    done.set(None);
                    error.set(Some(e));
                }
            }
        });
    };
    let err = move |field: String| crate::components::common::field_error(error, field);
    view! {
        <details class="va-details" open=true>
            <summary>{t!("adm.new_group")}</summary>
            {move || done.get().filter(|k| *k == k!("adm.group_created")).map(|k| view! {
                <div class="utrecht-alert utrecht-alert--ok" role="status" data-testid="admin-ok"><p class="utrecht-paragraph">{tr(k)}</p></div>
            })}
            {error_alert(error)}
            <form class="va-form va-form--grid" on:submit=submit novalidate=true data-testid="group-form">
                <TextField id="gr-name" required=true label=k!("groups.name") value=name error=err("name".into())/>
                <div class="utrecht-form-field">
                    <div class="utrecht-form-field__label"><label class="utrecht-form-label" for="gr-region">{t!("groups.region")}</label></div>
                    <div class="utrecht-form-field__input">
                        <select id="gr-region" class="utrecht-select utrecht-select--html-select" data-testid="gr-region" on:change=move |ev| region.set(event_target_value(&ev))>
                            <option value="">{t!("region.none")}</option>
                            {regions.iter().map(|r| view! { <option value=r.id.0.to_string()>{r.name.clone()}</option> }).collect_view()}
                        </select>
                    </div>
                </div>
                <TextField id="gr-capacity" required=true label=k!("groups.capacity") kind="number" value=capacity error=err("capacity".into())/>
                <TextField id="gr-location" label=k!("adm.location") value=location error=err("location".into())/>
                <div class="utrecht-form-field">
                    <div class="utrecht-form-field__label"><label class="utrecht-form-label" for="gr-trainer">{t!("adm.trainer")}</label></div>
                    <div class="utrecht-form-field__input">
                        <select id="gr-trainer" class="utrecht-select utrecht-select--html-select" data-testid="gr-trainer" on:change=move |ev| trainer.set(event_target_value(&ev))>
                            <option value="">{t!("adm.no_trainer")}</option>
                            {trainers.iter().map(|t| view! { <option value=t.id.0.to_string()>{t.name.clone()}</option> }).collect_view()}
                        </select>
                    </div>
                    <p class="utrecht-form-field-error-message">{move || err("trainer_id".into()).get()}</p>
                </div>
                <div class="utrecht-form-field utrecht-form-field--checkbox">
                    <label class="utrecht-form-label utrecht-form-label--checkbox">
                        <input type="checkbox" class="utrecht-checkbox utrecht-checkbox--html-input" prop:checked=move || open.get()
                            on:change=move |ev| open.set(event_target_checked(&ev))/>
                        " "{t!("adm.open")}
                    </label>
                </div>
                <fieldset class="utrecht-form-fieldset va-fieldset">
                    <legend class="utrecht-form-fieldset__legend">{t!("adm.days")}</legend>
                    <p class="utrecht-form-field-error-message">{move || err("days".into()).get()}</p>
                    {move || days.get().into_iter().enumerate().map(|(i, r)| view! {
                        <div class="va-form va-form--grid">
                            {input(format!("gr-day-{i}"), k!("adm.day_n"), "date", r.day, err(format!("days[{i}].day")))}
                            {input(format!("gr-from-{i}"), k!("adm.from"), "time", r.from, err(format!("days[{i}].starts_at")))}
                            {input(format!("gr-until-{i}"), k!("adm.until"), "time", r.until, err(format!("days[{i}].ends_at")))}
                        </div>
                    }).collect_view()}
                    <button type="button" class="utrecht-button utrecht-button--secondary-action" data-testid="gr-more-days"
                        on:click=move |_| days.update(|d| d.push(DayRow::new()))>{t!("adm.add_day_field")}</button>
                </fieldset>
                <div class="va-actions">
                    <button type="submit" class="utrecht-button utrecht-button--primary-action" data-testid="group-create">{t!("adm.create_group")}</button>
                </div>
            </form>
        </details>
    }
}

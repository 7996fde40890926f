//! Changing a planned group: name, region, seats, location, trainer, open for
//! placement. More seats go to the waiting list; fewer than the seats taken is refused.

use crate::api::{self, ApiError};
use crate::components::common::{error_alert, TextField};
use crate::components::loaded::{load, loaded};
use crate::i18n::{tr, Key};
use leptos::prelude::*;
use leptos::task::spawn_local;
use va_openapi::admin::{GroupInput, GroupPlan};
use va_openapi::{RegionId, UserId};

#[component]
pub(super) fn EditGroup(plan: GroupPlan, reload: RwSignal<u32>, done: RwSignal<Option<Key>>) -> impl IntoView {
    let error: RwSignal<Option<ApiError>> = RwSignal::new(None);
    let refs = load(None, move || async move { Ok::<_, ApiError>((api::regions().await?, api::trainers().await?)) });
    let g = plan.group.clone();
    let id = g.id;
    let name = RwSignal::new(g.name.clone());
    let region = RwSignal::new(g.region_id.map(|r| r.0.to_string()).unwrap_or_default());
    let capacity = RwSignal::new(g.capacity.to_string());
    let location = RwSignal::new(g.location.clone());
    let trainer = RwSignal::new(g.trainer_id.map(|t| t.0.to_string()).unwrap_or_default());
    let open = RwSignal::new(plan.open_for_placement);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let input = GroupInput {
            name: name.get_untracked(),
            region_id: region.get_untracked().parse().ok().map(RegionId),
            capacity: capacity.get_untracked().trim().parse().unwrap_or(0),
            location: location.get_untracked(),
            trainer_id: trainer.get_untracked().parse().ok().map(UserId),
            open_for_placement: open.get_untracked(),
        };
        spawn_local(async move {
            match api::update_group(id, &input).await {
                Ok(_) => {
                    error.set(None);
                    done.set(Some(k!("adm.group_saved")));
                    reload.update(|n| *n += 1);
                }
                Err(e) => error.set(Some(e)),
            }
        });
    };
    let err = move |field: &'static str| crate::components::common::field_error(error, field);
    view! {
        <section class="va-section" aria-labelledby="edit-title">
            <h2 class="utrecht-heading-2" id="edit-title">{t!("adm.edit_group")}</h2>
            {error_alert(error)}
            {loaded(refs, move |(regions, trainers)| view! {
                <form class="va-form va-form--grid" on:submit=submit novalidate=true data-testid="edit-group">
                    <TextField id="ed-name" required=true label=k!("groups.name") value=name error=err("name")/>
                    <div class="utrecht-form-field">
                        <div class="utrecht-form-field__label"><label class="utrecht-form-label" for="ed-region">{t!("groups.region")}</label></div>
                        <div class="utrecht-form-field__input">
                            <select id="ed-region" class="utrecht-select utrecht-select--html-select" on:change=move |ev| region.set(event_target_value(&ev))>
                                <option value="" selected=move || region.get().is_empty()>{t!("region.none")}</option>
                                {regions.iter().map(|r| { let v = r.id.0.to_string(); let v2 = v.clone(); view! { <option value=v selected=move || region.get() == v2>{r.name.clone()}</option> } }).collect_view()}
                            </select>
                        </div>
                    </div>
                    <TextField id="ed-capacity" required=true label=k!("groups.capacity") kind="number" value=capacity error=err("capacity")/>
                    <TextField id="ed-location" label=k!("adm.location") value=location error=err("location")/>
                    <div class="utrecht-form-field">
                        <div class="utrecht-form-field__label"><label class="utrecht-form-label" for="ed-trainer">{t!("adm.trainer")}</label></div>
                        <div class="utrecht-form-field__input">
                            <select id="ed-trainer" class="utrecht-select utrecht-select--html-select" data-testid="ed-trainer" on:change=move |ev| trainer.set(event_target_value(&ev))>
                                <option value="" selected=move || trainer.get().is_empty()>{t!("adm.no_trainer")}</option>
                                {trainers.iter().map(|t| { let v = t.id.0.to_string(); let v2 = v.clone(); view! { <option value=v selected=move || trainer.get() == v2>{t.name.clone()}</option> } }).collect_view()}
                            </select>
                        </div>
                    </div>
                    <div class="utrecht-form-field utrecht-form-field--checkbox">
                        <label class="utrecht-form-label utrecht-form-label--checkbox">
                            <input type="checkbox" class="utrecht-checkbox utrecht-checkbox--html-input" prop:checked=move || open.get()
                                on:change=move |ev| open.set(event_target_checked(&ev))/>
                            " "{tr(k!("adm.open"))}
                        </label>
                    </div>
                    <div class="va-actions">
                        <button type="submit" class="utrecht-button utrecht-button--primary-action" data-testid="ed-save">{t!("adm.save_group")}</button>
                    </div>
                </form>
            }.into_any())}
        </section>
    }
}

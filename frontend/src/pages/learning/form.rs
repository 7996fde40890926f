//! The organiser's form of a session: announce a new one or change one. BEL
//! chooses regional (and the region) or supra-regional; an ambassador
//! announces for their own region.

use crate::api::{self, ApiError};
use crate::components::common::{error_alert, field_error, TextArea, TextField};
use crate::components::form::{date, input, missing, select};
use crate::components::notice;
use crate::session::Session;
use leptos::prelude::*;
use leptos::task::spawn_local;
use va_openapi::auth::Role;
use va_openapi::learning::*;
use va_openapi::RegionId;

#[component]
pub fn SessionForm(s: Session, existing: Option<LearningSession>, reload: RwSignal<u32>) -> impl IntoView {
    let error: RwSignal<Option<ApiError>> = RwSignal::new(None);
    let bel = s.user.role == Role::BelCoordinator;
    let own_region = s.user.region.as_ref().map(|r| r.id);
    let e = existing.as_ref().map(|x| x.summary.clone());
    let scope = RwSignal::new(e.as_ref().map(|x| x.scope).unwrap_or(LearningScope::Regional).as_str().to_string());
    let region = RwSignal::new(e.as_ref().and_then(|x| x.region.as_ref().map(|r| r.id.0.to_string())).or(own_region.map(|r| r.0.to_string())).unwrap_or_default());
    let title = RwSignal::new(e.as_ref().map(|x| x.title.clone()).unwrap_or_default());
    let held_on = RwSignal::new(e.as_ref().map(|x| x.held_on.to_string()).unwrap_or_default());
    let starts_at = RwSignal::new(e.as_ref().map(|x| x.starts_at.clone()).unwrap_or_else(|| "13:30".into()));
    let ends_at = RwSignal::new(e.as_ref().map(|x| x.ends_at.clone()).unwrap_or_else(|| "16:30".into()));
    let place = RwSignal::new(e.as_ref().map(|x| x.place.clone()).unwrap_or_default());
    let capacity = RwSignal::new(e.as_ref().map(|x| x.capacity.to_string()).unwrap_or_else(|| "16".into()));
    let target = RwSignal::new(e.as_ref().map(|x| x.target_group.clone()).unwrap_or_default());
    let description = RwSignal::new(existing.as_ref().map(|x| x.description.clone()).unwrap_or_default());
    let id = e.as_ref().map(|x| x.id);
    let regions = LocalResource::new(|| async { api::regions().await.unwrap_or_default() });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Ok(day) = held_on.get_untracked().parse() else {
            error.set(Some(ApiError::Problem(missing(&[("held_on", String::new())]))));
            return;
        };
        let scope = LearningScope::parse(&scope.get_untracked()).unwrap_or(LearningScope::Regional);
        let input = LearningSessionInput {
            scope,
            region_id: (scope == LearningScope::Regional).then(|| region.get_untracked().parse().ok().map(RegionId)).flatten(),
            title: title.get_untracked(),
            held_on: day,
            starts_at: starts_at.get_untracked(),
            ends_at: ends_at.get_untracked(),
            place: place.get_untracked(),
            // Not a number is sent as 0: the server names the field.
            capacity: capacity.get_untracked().trim().parse().unwrap_or(0),
            target_group: target.get_untracked(),
            description: Some(description.get_untracked()),
        };
        spawn_local(async move {
            let res = match id {
                Some(id) => api::update_learning_session(id, &input).await,
                None => api::announce_session(&input).await,
            };
            match res {
                Ok(v) => {
                    error.set(None);
                    if id.is_none() {
                        title.set(String::new());
                        held_on.set(String::new());
                    }
                    reload.update(|n| *n += 1);
                    notice::confirm(if id.is_some() { k!("ln.changed") } else { k!("ln.announced") }, Some(v.summary.title));
                }
                Err(e) => error.set(Some(e)),
            }
        });
    };
    let heading = if id.is_some() { k!("ln.change") } else { k!("ln.announce") };
    view! {
        <section class="va-section" data-testid="learning-form">
            <h2 class="utrecht-heading-2">{crate::i18n::tr(heading)}</h2>
            {error_alert(error)}
            <form class="va-form va-form--grid" novalidate=true on:submit=submit>
                {bel.then(|| select("ln-scope", k!("ln.scope"), vec![("regional".into(), k!("ln.regional")), ("supra_regional".into(), k!("ln.supra"))], scope.into(), move |v| scope.set(v)))}
                <div class="utrecht-form-field" class:va-hidden=move || scope.get() != "regional">
                    <div class="utrecht-form-field__label"><label class="utrecht-form-label" for="ln-region">{t!("ln.region")}</label></div>
                    <div class="utrecht-form-field__input">
                        <select id="ln-region" class="utrecht-select utrecht-select--html-select" data-testid="ln-region" disabled=!bel
                            aria-describedby="ln-region-err" on:change=move |ev| region.set(event_target_value(&ev))>
                            <option value="">"–"</option>
                            {move || regions.get().unwrap_or_default().into_iter().map(|r| {
                                let v = r.id.0.to_string();
                                let v2 = v.clone();
                                view! { <option value=v selected=move || region.get() == v2>{r.name}</option> }
                            }).collect_view()}
                        </select>
                    </div>
                    <p class="utrecht-form-field-error-message" id="ln-region-err">{move || field_error(error, "region_id").get()}</p>
                </div>
                <TextField id="ln-title" required=true label=k!("ln.session_title") value=title error=field_error(error, "title")/>
                {date("ln-date", k!("ln.date"), held_on, field_error(error, "held_on"))}
                {input("ln-from".into(), k!("adm.from"), "time", starts_at, field_error(error, "starts_at"))}
                {input("ln-until".into(), k!("adm.until"), "time", ends_at, field_error(error, "ends_at"))}
                <TextField id="ln-place" required=true label=k!("ln.place") value=place error=field_error(error, "place")/>
                {input("ln-capacity".into(), k!("ln.capacity"), "number", capacity, field_error(error, "capacity"))}
                <TextField id="ln-target" required=true label=k!("ln.target") value=target error=field_error(error, "target_group")/>
                <TextArea id="ln-description".into() label=k!("ln.description") value=description error=field_error(error, "description")/>
                <div class="va-actions">
                    <button type="submit" class="utrecht-button utrecht-button--primary-action" data-testid="ln-submit">{crate::i18n::tr(if id.is_some() { k!("ln.save") } else { k!("ln.announce_submit") })}</button>
                </div>
            </form>
        </section>
    }
}

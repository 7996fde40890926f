//! The form of a learning question with the plan's conditions: register a new
//! one or change one. BEL chooses a region or supra-regional; an ambassador
//! registers for their own region.

use crate::api::{self, ApiError};
use crate::components::common::{error_alert, field_error, TextArea, TextField};
use crate::components::form::{input, missing};
use crate::components::notice;
use crate::i18n::tr;
use crate::session::Session;
use leptos::prelude::*;
use leptos::task::spawn_local;
use va_openapi::auth::Role;
use va_openapi::budget::*;
use va_openapi::RegionId;

#[component]
pub(super) fn QuestionForm(s: Session, existing: Option<LearningQuestion>, reload: RwSignal<u32>) -> impl IntoView {
    let error: RwSignal<Option<ApiError>> = RwSignal::new(None);
    let bel = s.user.role == Role::BelCoordinator;
    let e = existing.as_ref();
    let text = |f: fn(&LearningQuestion) -> String| RwSignal::new(e.map(f).unwrap_or_default());
    let title = text(|q| q.title.clone());
    let goal = text(|q| q.goal.clone());
    let target = text(|q| q.target_group.clone());
    let partners = text(|q| q.partners.clone());
    let capacity = text(|q| q.capacity.clone());
    let outcomes = text(|q| q.outcomes.clone());
    let sharing = text(|q| q.sharing.clone());
    let starts = text(|q| q.starts_on.to_string());
    let ends = text(|q| q.ends_on.to_string());
    let budget = text(|q| q.budget_eur.to_string());
    let year = RwSignal::new(e.map(|q| q.budget_year.to_string()).unwrap_or_else(|| (js_sys::Date::new_0().get_full_year()).to_string()));
    let own = s.user.region.as_ref().map(|r| r.id.0.to_string());
    let region = RwSignal::new(e.map(|q| q.region.as_ref().map(|r| r.id.0.to_string()).unwrap_or_default()).or(own).unwrap_or_default());
    let id = e.map(|q| q.id);
    let regions = LocalResource::new(|| async { api::regions().await.unwrap_or_default() });
    let p = if id.is_some() { "lqe" } else { "lq" };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let (Ok(starts_on), Ok(ends_on)) = (starts.get_untracked().parse(), ends.get_untracked().parse()) else {
            // The dates cannot be sent empty: name them, and the other required fields left empty.
            let mut p = missing(&[("starts_on", starts.get_untracked()), ("ends_on", ends.get_untracked())]);
            let texts = [("title", title), ("goal", goal), ("target_group", target), ("partners", partners), ("capacity", capacity), ("outcomes", outcomes), ("sharing", sharing)];
            p.errors.extend(texts.iter().filter(|(_, v)| v.get_untracked().trim().is_empty()).map(|(f, _)| va_openapi::FieldError { field: (*f).into(), code: "required".into(), message: String::new() }));
            error.set(Some(ApiError::Problem(p)));
            return;
        };
        let input = LearningQuestionInput {
            title: title.get_untracked(),
            region_id: region.get_untracked().parse().ok().map(RegionId),
            goal: goal.get_untracked(),
            target_group: target.get_untracked(),
            partners: partners.get_untracked(),
            starts_on,
            ends_on,
            capacity: capacity.get_untracked(),
            outcomes: outcomes.get_untracked(),
            sharing: sharing.get_untracked(),
            // Not a number is sent out of range: the server names the field.
            budget_eur: budget.get_untracked().trim().parse().unwrap_or(-1),
            budget_year: year.get_untracked().trim().parse().unwrap_or(0),
        };
        spawn_local(async move {
            let res = match id {
                Some(id) => api::update_question(id, &input).await,
                None => api::propose_question(&input).await,
            };
            match res {
                Ok(q) => {
                    error.set(None);
                    if id.is_none() {
                        for s in [title, goal, target, partners, capacity, outcomes, sharing, starts, ends, budget] {
                            s.set(String::new());
                        }
                    }
                    reload.update(|n| *n += 1);
                    notice::confirm(if id.is_some() { k!("lq.changed") } else { k!("lq.registered") }, Some(q.title));
                }
                Err(e) => error.set(Some(e)),
            }
        });
    };
    let id_of = move |f: &str| format!("{p}-{f}");
    view! {
        {error_alert(error)}
        <form class="va-form va-form--grid" novalidate=true on:submit=submit data-testid=format!("{p}-form")>
            <div class="utrecht-form-field">
                <div class="utrecht-form-field__label"><label class="utrecht-form-label" for=id_of("region")>{t!("lq.region")}</label></div>
                <div class="utrecht-form-field__input">
                    <select id=id_of("region") class="utrecht-select utrecht-select--html-select" disabled=!bel aria-describedby=format!("{p}-region-err")
                        on:change=move |ev| region.set(event_target_value(&ev))>
                        <option value="" selected=move || region.get().is_empty()>{tr(k!("lq.supra"))}</option>
                        {move || regions.get().unwrap_or_default().into_iter().map(|r| {
                            let v = r.id.0.to_string();
                            let v2 = v.clone();
                            view! { <option value=v selected=move || region.get() == v2>{r.name}</option> }
                        }).collect_view()}
                    </select>
                </div>
                <p class="utrecht-form-field-error-message" id=format!("{p}-region-err")>{move || field_error(error, "region_id").get()}</p>
            </div>
            <TextField id=id_of("title") required=true label=k!("lq.q_title") value=title error=field_error(error, "title")/>
            <TextArea id=format!("{p}-goal") label=k!("lq.goal") value=goal error=field_error(error, "goal")/>
            <TextField id=id_of("target") required=true label=k!("lq.target") value=target error=field_error(error, "target_group")/>
            <TextField id=id_of("partners") required=true label=k!("lq.partners") value=partners error=field_error(error, "partners")/>
            {input(id_of("starts"), k!("lq.starts"), "date", starts, field_error(error, "starts_on"))}
            {input(id_of("ends"), k!("lq.ends"), "date", ends, field_error(error, "ends_on"))}
            <TextField id=id_of("capacity") required=true label=k!("lq.capacity") value=capacity error=field_error(error, "capacity")/>
            <TextArea id=format!("{p}-outcomes") label=k!("lq.outcomes") value=outcomes error=field_error(error, "outcomes")/>
            <TextArea id=format!("{p}-sharing") label=k!("lq.sharing") value=sharing error=field_error(error, "sharing")/>
            {input(format!("{p}-budget"), k!("lq.budget"), "number", budget, field_error(error, "budget_eur"))}
            {input(format!("{p}-year"), k!("lq.budget_year"), "number", year, field_error(error, "budget_year"))}
            <div class="va-actions">
                <button type="submit" class="utrecht-button utrecht-button--primary-action" data-testid=format!("{p}-submit")>{tr(if id.is_some() { k!("lq.save") } else { k!("lq.register_submit") })}</button>
            </div>
        </form>
    }
}

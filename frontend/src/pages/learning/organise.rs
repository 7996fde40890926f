//! The organiser's part of a session's page: before it, change or cancel it;
//! from its day on, record who attended and the lessons learned (shared with
//! every ambassador).

use super::form::SessionForm;
use super::run;
use crate::api::{self, ApiError};
use crate::components::common::{error_alert, field_error, TextArea};
use crate::session::Session;
use leptos::prelude::*;
use va_openapi::learning::*;
use va_openapi::LearningRegistrationId;

#[component]
pub fn Organise(v: LearningSession, s: Session, reload: RwSignal<u32>) -> impl IntoView {
    if v.summary.cancelled {
        return ().into_any();
    }
    if v.held {
        view! { <Attendance v=v.clone() reload/> <Report v reload/> }.into_any()
    } else {
        // Changing or cancelling is rare: folded away under the registrations.
        view! {
            <details class="va-details" data-testid="learning-edit">
                <summary>{t!("ln.change_or_cancel")}</summary>
                <SessionForm s existing=Some(v.clone()) reload/>
                <Cancel v reload/>
            </details>
        }
        .into_any()
    }
}

#[component]
fn Cancel(v: LearningSession, reload: RwSignal<u32>) -> impl IntoView {
    let error: RwSignal<Option<ApiError>> = RwSignal::new(None);
    let reason = RwSignal::new(String::new());
    let id = v.summary.id;
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        run(error, reload, k!("ln.cancelled_done"), None, api::cancel_learning_session(id, reason.get_untracked()));
    };
    view! {
        <section class="va-section" data-testid="learning-cancel">
            <h2 class="utrecht-heading-2">{t!("ln.cancel")}</h2>
            <p class="utrecht-paragraph">{t!("ln.cancel_help")}</p>
            {error_alert(error)}
            <form class="va-form" novalidate=true on:submit=submit>
                <TextArea id="ln-cancel-reason".into() label=k!("ln.reason") value=reason error=field_error(error, "reason")/>
                <div class="va-actions">
                    <button type="submit" class="utrecht-button utrecht-button--secondary-action" data-testid="ln-cancel">{t!("ln.cancel_submit")}</button>
                </div>
            </form>
        </section>
    }
}

/// One checkbox per registration with a place: ticked is present.
#[component]
fn Attendance(v: LearningSession, reload: RwSignal<u32>) -> impl IntoView {
    let error: RwSignal<Option<ApiError>> = RwSignal::new(None);
    let placed: Vec<LearningRegistration> = v.registrations.iter().filter(|r| r.status == RegistrationStatus::Registered).cloned().collect();
    if placed.is_empty() {
        return ().into_any();
    }
    let present: RwSignal<Vec<LearningRegistrationId>> = RwSignal::new(placed.iter().filter(|r| r.attended != Some(false)).map(|r| r.id).collect());
    let all: Vec<LearningRegistrationId> = placed.iter().map(|r| r.id).collect();
    let id = v.summary.id;
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let here = present.get_untracked();
        let entries = all.iter().map(|r| LearningAttendance { registration_id: *r, attended: here.contains(r) }).collect();
        run(error, reload, k!("ln.attendance_saved"), None, api::learning_attendance(id, entries));
    };
    view! {
        <section class="va-section" data-testid="learning-attendance">
            <h2 class="utrecht-heading-2">{t!("ln.attendance")}</h2>
            {error_alert(error)}
            <form class="va-form" novalidate=true on:submit=submit>
                <fieldset class="utrecht-form-fieldset va-fieldset">
                    <legend class="utrecht-form-fieldset__legend">{t!("ln.present")}</legend>
                    <ul class="va-checklist">
                        {placed.into_iter().map(|r| {
                            let rid = r.id;
                            view! {
                                <li><label class="utrecht-form-label utrecht-form-label--checkbox">
                                    <input type="checkbox" class="utrecht-checkbox utrecht-checkbox--html-input" data-testid=format!("ln-present-{rid}")
                                        prop:checked=move || present.get().contains(&rid)
                                        on:change=move |ev| { let on = event_target_checked(&ev); present.update(|p| { p.retain(|x| *x != rid); if on { p.push(rid); } }); }/>
                                    " "{r.professional.name.clone()}<span class="va-muted">" · "{r.organisation.name.clone()}</span>
                                </label></li>
                            }
                        }).collect_view()}
                    </ul>
                </fieldset>
                <div class="va-actions">
                    <button type="submit" class="utrecht-button utrecht-button--primary-action" data-testid="ln-attendance">{t!("ln.attendance_submit")}</button>
                </div>
            </form>
        </section>
    }
    .into_any()
}

#[component]
fn Report(v: LearningSession, reload: RwSignal<u32>) -> impl IntoView {
    let error: RwSignal<Option<ApiError>> = RwSignal::new(None);
    let text = RwSignal::new(v.report.clone());
    let id = v.summary.id;
    let first = v.reported_at.is_none();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        run(error, reload, if first { k!("ln.report_shared") } else { k!("ln.report_saved") }, None, api::learning_report(id, text.get_untracked()));
    };
    view! {
        <section class="va-section" data-testid="learning-report-form">
            <h2 class="utrecht-heading-2">{t!("ln.report_edit")}</h2>
            <p class="utrecht-paragraph">{t!("ln.report_help")}</p>
            {error_alert(error)}
            <form class="va-form" novalidate=true on:submit=submit>
                <TextArea id="ln-report".into() label=k!("ln.report") value=text rows=6 error=field_error(error, "report")/>
                <div class="va-actions">
                    <button type="submit" class="utrecht-button utrecht-button--primary-action" data-testid="ln-report-submit">{crate::i18n::tr(if first { k!("ln.report_share") } else { k!("ln.save") })}</button>
                </div>
            </form>
        </section>
    }
}

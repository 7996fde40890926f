//! `/leernetwerk/:id`: one session: when, where, for whom, the places; the
//! registrations the caller may see (withdraw one, answer an offered place),
//! and the trained professionals they may still register. The organiser's
//! part is `organise.rs`.

use super::organise::Organise;
use super::{for_whom, run, MEMBERS};
use crate::api::{self, ApiError};
use crate::components::common::{badge, error_alert, field_error, param_id, Table};
use crate::components::format::{local_time, nl_date};
use crate::components::guard::RequireAnyRole;
use crate::components::loaded::{load, loaded};
use crate::i18n::Key;
use crate::session::Session;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;
use va_openapi::learning::*;
use va_openapi::{LearningSessionId, ProfessionalId};

#[component]
pub fn LearningSessionPage() -> impl IntoView {
    let params = use_params_map();
    view! {
        <RequireAnyRole roles=MEMBERS render=move |s: Session| {
            let reload = RwSignal::new(0u32);
            let data = load(Some(reload), move || {
                let id = LearningSessionId(param_id(params, "id"));
                async move { api::learning_session(id).await }
            });
            view! {
                <p class="utrecht-paragraph"><A href="/leernetwerk" attr:class="utrecht-link">{t!("ln.back")}</A></p>
                {loaded(data, move |v| view! { <SessionView v s=s.clone() reload/> })}
            }
        }/>
    }
}

fn status_key(s: RegistrationStatus) -> (&'static str, Key) {
    let class = match s {
        RegistrationStatus::Registered => "approved",
        RegistrationStatus::Waiting => "waitlisted",
        RegistrationStatus::Offered => "open",
        RegistrationStatus::Cancelled => "cancelled",
    };
    (class, crate::components::labels::registration_status_key(s))
}

#[component]
fn SessionView(v: LearningSession, s: Session, reload: RwSignal<u32>) -> impl IntoView {
    let sum = v.summary.clone();
    view! {
        <h1 class="utrecht-heading-1" data-testid="learning-title">{sum.title.clone()}</h1>
        <dl class="va-facts" data-testid="learning-facts">
            <dt>{t!("ln.date")}</dt><dd>{nl_date(sum.held_on)}", "{sum.starts_at.clone()}"–"{sum.ends_at.clone()}</dd>
            <dt>{t!("ln.place")}</dt><dd>{sum.place.clone()}</dd>
            <dt>{t!("ln.for")}</dt><dd>{for_whom(&sum)}</dd>
            <dt>{t!("ln.target")}</dt><dd>{sum.target_group.clone()}</dd>
            <dt>{t!("ln.places")}</dt><dd data-testid="learning-places">{format!("{} / {}", sum.taken, sum.capacity)}
                {(sum.waiting > 0).then(|| view! { ", " {sum.waiting} " " {t!("ln.on_list")} })}</dd>
        </dl>
        {sum.cancelled.then(|| view! {
            <p class="utrecht-paragraph" data-testid="learning-cancelled">{badge("cancelled", k!("ln.cancelled"))}" "{v.cancel_reason.clone().unwrap_or_default()}</p>
        })}
        {(!v.description.is_empty()).then(|| view! { <p class="utrecht-paragraph va-pre">{v.description.clone()}</p> })}
        {(!v.report.is_empty()).then(|| view! {
            <section class="va-section" data-testid="learning-report">
                <h2 class="utrecht-heading-2">{t!("ln.report")}</h2>
                <p class="utrecht-paragraph va-pre">{v.report.clone()}</p>
                {v.reported_at.map(|t| view! { <p class="utrecht-paragraph va-muted">{t!("ln.shared_at")}" "{local_time(t)}</p> })}
            </section>
        })}
        <Registrations v=v.clone() reload/>
        {(!v.candidates.is_empty()).then(|| view! { <Register v=v.clone() reload/> })}
        {sum.can_manage.then(|| view! { <Organise v=v.clone() s=s.clone() reload/> })}
    }
}

/// The registrations the caller sees, with a withdrawal and an offer's answer.
#[component]
fn Registrations(v: LearningSession, reload: RwSignal<u32>) -> impl IntoView {
    let error: RwSignal<Option<ApiError>> = RwSignal::new(None);
    view! {
        <section class="va-section" data-testid="learning-registrations">
            <h2 class="utrecht-heading-2">{t!("ln.registrations")}</h2>
            {error_alert(error)}
            {if v.registrations.is_empty() {
                view! { <p class="utrecht-paragraph va-empty">{t!("ln.no_registrations")}</p> }.into_any()
            } else {
                view! {
                    <Table testid="learning-registration-list" headers=vec![(k!("ln.professional"), false), (k!("orgs.name"), false), (k!("ln.status"), false), (k!("ln.actions"), false)]>
                        {v.registrations.iter().cloned().map(|r| {
                            let (class, key) = status_key(r.status);
                            let name = r.professional.name.clone();
                            let (n1, n2, n3) = (name.clone(), name.clone(), name.clone());
                            view! {
                                <tr class="utrecht-table__row">
                                    <th scope="row" class="utrecht-table__header-cell">{name.clone()}</th>
                                    <td class="utrecht-table__cell">{r.organisation.name.clone()}</td>
                                    <td class="utrecht-table__cell">{badge(class, key)}
                                        {r.position.map(|p| view! { " " {t!("ln.number")} " " {p} })}
                                        {r.offer_expires_at.map(|t| view! { <br/><span class="va-muted">{t!("ln.answer_before")}" "{local_time(t)}</span> })}
                                        {r.attended.map(|a| view! { <br/>{badge(if a { "approved" } else { "cancelled" }, if a { k!("ln.present") } else { k!("ln.absent") })} })}</td>
                                    <td class="utrecht-table__cell">
                                        {(r.can_change && r.status == RegistrationStatus::Offered).then(|| view! {
                                            <button type="button" class="utrecht-button utrecht-button--primary-action" data-testid="ln-accept"
                                                on:click=move |_| run(error, reload, k!("ln.accepted"), Some(n1.clone()), api::answer_learning_offer(r.id, true))>{t!("ln.accept")}</button>
                                            " "
                                            <button type="button" class="utrecht-button utrecht-button--secondary-action" data-testid="ln-decline"
                                                on:click=move |_| run(error, reload, k!("ln.declined"), Some(n2.clone()), api::answer_learning_offer(r.id, false))>{t!("ln.decline")}</button>
                                        })}
                                        {r.can_change.then(|| view! {
                                            " "
                                            <button type="button" class="utrecht-button utrecht-button--subtle" data-testid="ln-withdraw"
                                                on:click=move |_| run(error, reload, k!("ln.withdrawn"), Some(n3.clone()), api::withdraw_registration(r.id))>{t!("ln.withdraw")}</button>
                                        })}
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

/// Tick the trained professionals to register (they get a place or join the
/// waiting list), or to mail a personal link with which they register themselves.
#[component]
fn Register(v: LearningSession, reload: RwSignal<u32>) -> impl IntoView {
    let error: RwSignal<Option<ApiError>> = RwSignal::new(None);
    let chosen: RwSignal<Vec<ProfessionalId>> = RwSignal::new(Vec::new());
    let id = v.summary.id;
    let full = v.summary.taken >= v.summary.capacity;
    let names: Vec<(ProfessionalId, String)> = v.candidates.iter().map(|c| (c.professional.id, c.professional.name.clone())).collect();
    let names = StoredValue::new(names);
    let send = move |links: bool| {
        let ids = chosen.get_untracked();
        let who = names.with_value(|n| n.iter().filter(|(p, _)| ids.contains(p)).map(|(_, n)| n.as_str()).collect::<Vec<_>>().join(", "));
        if links {
            run(error, reload, k!("ln.links_sent"), Some(who), api::send_learning_links(id, ids));
        } else {
            run(error, reload, k!("ln.registered"), Some(who), api::register_for_session(id, ids));
        }
    };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        send(false);
    };
    view! {
        <section class="va-section" data-testid="learning-register">
            <h2 class="utrecht-heading-2">{t!("ln.register")}</h2>
            <p class="utrecht-paragraph">{t!("ln.register_help")}{full.then(|| view! { " " {t!("ln.full_help")} })}" "{t!("ln.links_help")}</p>
            {error_alert(error)}
            <form class="va-form" novalidate=true on:submit=submit>
                <fieldset class="utrecht-form-fieldset va-fieldset" aria-describedby="ln-pick-err">
                    <legend class="utrecht-form-fieldset__legend">{t!("ln.trained")}</legend>
                    <ul class="va-checklist">
                        {v.candidates.iter().map(|c| {
                            let pid = c.professional.id;
                            view! {
                                <li>
                                    <label class="utrecht-form-label utrecht-form-label--checkbox">
                                        <input type="checkbox" class="utrecht-checkbox utrecht-checkbox--html-input" data-testid=format!("ln-pick-{pid}")
                                            prop:checked=move || chosen.get().contains(&pid)
                                            on:change=move |ev| {
                                                let on = event_target_checked(&ev);
                                                chosen.update(|c| { c.retain(|x| *x != pid); if on { c.push(pid); } });
                                            }/>
                                        " "{c.professional.name.clone()}
                                        <span class="va-muted">" · "{c.organisation.name.clone()}" · "{t!("ln.trained_on")}" "{nl_date(c.trained_on)}
                                            {c.link_sent_at.map(|t| view! { " · "{t!("ln.link_sent_on")}" "{local_time(t)} })}</span>
                                    </label>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                    <p class="utrecht-form-field-error-message" id="ln-pick-err">{move || field_error(error, "professional_ids").get()}</p>
                </fieldset>
                <div class="va-actions">
                    <button type="submit" class="utrecht-button utrecht-button--primary-action" data-testid="ln-register">{t!("ln.register_submit")}</button>
                    <button type="button" class="utrecht-button utrecht-button--secondary-action" data-testid="ln-send-links" on:click=move |_| send(true)>{t!("ln.send_links")}</button>
                </div>
            </form>
        </section>
    }
}

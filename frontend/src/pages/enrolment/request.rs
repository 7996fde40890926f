//! The request page: decisions per professional, withdrawals and the timeline.

use super::*;
use crate::api::{self, ApiError};
use crate::components::format::local_time;
use crate::components::common::{error_alert, field_error, reload_on_ok, Table, TextField};
use crate::components::notice;
use crate::components::loaded::{load, loaded};
use crate::i18n::{lookup, tr, use_lang};
use crate::session::{use_session, Session};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;
use va_openapi::auth::Role;
use va_openapi::enrolment::*;
use va_openapi::{EnrolmentId, RequestId};

/// One request: professionals with their status and the actions the caller may take, and the timeline.
#[component]
pub fn RequestPage() -> impl IntoView {
    let sess = use_session();
    let params = use_params_map();
    move || match sess.get() {
        None => view! { <leptos_router::components::Redirect path="/inloggen"/> }.into_any(),
        Some(s) => {
            let id = params.read().get("id").and_then(|v| v.parse::<i64>().ok()).unwrap_or(0);
            view! { <RequestDetail session=s id=RequestId(id)/> }.into_any()
        }
    }
}

#[component]
pub(super) fn RequestDetail(session: Session, id: RequestId) -> impl IntoView {
    let lang = use_lang();
    let role = session.user.role;
    let reload = RwSignal::new(0u32);
    let error: RwSignal<Option<ApiError>> = RwSignal::new(None);
    let data = load(Some(reload), move || async move { api::get_request(id).await });
    let done = reload_on_ok(reload, error);
    view! {
        {loaded(data, move |v| {
                    let decider = match v.route {
                        Route::Ambassador => role == Role::Ambassador,
                        Route::Bel => role == Role::BelCoordinator,
                    };
                    let owner = role == Role::OrgContact;
                    let can_submit = owner && v.enrolments.iter().any(|e| matches!(e.status, EnrolmentStatus::Draft | EnrolmentStatus::Returned));
                    let route_text = match (&v.route, &v.region) {
                        (Route::Ambassador, Some(r)) => format!("{} {}", lookup(lang.get_untracked(), k!("req.route_amb")), r.name),
                        _ => lookup(lang.get_untracked(), k!("req.route_bel")).to_string(),
                    };
                    let status = v.status;
                    let timeline = v.timeline.clone();
                    view! {
                        <p class="utrecht-paragraph"><A href="/" attr:class="utrecht-link">{t!("req.back")}</A></p>
                        <h1 class="utrecht-heading-1" data-testid="request-title">
                            {move || format!("{} #{}", lookup(lang.get(), k!("req.title")), v.id)}" — "{v.organisation.name.clone()}
                        </h1>
                        <dl class="va-facts">
                            <dt>{t!("groups.status")}</dt>
                            <dd data-testid="request-status"><span class="va-status">{move || lookup(lang.get(), request_status_key(status))}</span></dd>
                            <dt>{t!("req.route")}</dt><dd>{route_text}</dd>
                            <dt>{t!("req.submitted_at")}</dt><dd>{v.submitted_at.map(local_time).unwrap_or_else(|| "—".into())}</dd>
                            {v.readiness_check.clone().map(|rc| {
                                let st = rc.status;
                                view! {
                                    <dt>{t!("rc.short")}</dt>
                                    <dd data-testid="request-readiness">
                                        {if role == Role::Trainer {
                                            view! { <span>{move || lookup(lang.get(), crate::components::labels::check_status_key(st))}</span> }.into_any()
                                        } else {
                                            view! { <A href=format!("/readiness/{}", rc.id) attr:class="utrecht-link">{move || lookup(lang.get(), crate::components::labels::check_status_key(st))}</A> }.into_any()
                                        }}
                                    </dd>
                                }
                            })}
                            {v.preferred_period.clone().map(|p| view! { <dt>{t!("new.period")}</dt><dd>{p}</dd> })}
                            {v.remarks.clone().map(|r| view! { <dt>{t!("new.remarks")}</dt><dd>{r}</dd> })}
                        </dl>
                        {error_alert(error)}
                        {(matches!(role, Role::BelCoordinator | Role::Ambassador)
                            && (v.readiness_check.as_ref().is_none_or(|rc| rc.status == va_openapi::readiness::CheckStatus::Completed))
                            && (role == Role::Ambassador || v.readiness_check.is_none())).then(|| {
                            let org = v.organisation.id;
                            let key = if v.readiness_check.is_some() { k!("rc.start_new") } else { k!("rc.attach") };
                            view! {
                                <p class="utrecht-paragraph">
                                    <button type="button" class="utrecht-button utrecht-button--secondary-action" data-testid="new-check"
                                        on:click=move |_| {
                                            spawn_local(async move {
                                                reload_on_ok(reload, error)(api::create_check_for_request(org, id).await)
                                            });
                                        }>{tr(key)}</button>
                                </p>
                            }
                        })}
                        {can_submit.then(|| view! {
                            <div class="va-actions va-section">
                                <button type="button" class="utrecht-button utrecht-button--primary-action" data-testid="submit-request"
                                    on:click=move |_| { spawn_local(async move {
                                        let res = api::submit_request(id).await;
                                        let ok = res.is_ok();
                                        done(res);
                                        if ok { notice::confirm(k!("notice.submitted"), Some(format!("#{}", id.0))); }
                                    }); }>
                                    {t!("req.submit")}
                                </button>
                            </div>
                        })}
                        <section class="va-section">
                            <h2 class="utrecht-heading-2">{t!("new.professionals")}</h2>
                            <Table testid="enrolments" headers=vec![(k!("pros.name"), false), (k!("pros.function"), false), (k!("new.ret_short"), false),
                                (k!("groups.status"), false), (k!("req.group"), false), (k!("req.reason"), false), (k!("req.actions"), false)]>
                                {v.enrolments.into_iter().map(|e| view! {
                                    <EnrolmentRow e=e decider=decider owner=owner bel=role == Role::BelCoordinator on_done=done/>
                                }).collect_view()}
                            </Table>
                        </section>
                        <section class="va-section">
                            <h2 class="utrecht-heading-2">{t!("req.timeline")}</h2>
                            <ol class="va-timeline" data-testid="timeline">
                                {timeline.into_iter().map(|ev| {
                                    let action = ev.action.clone();
                                    view! {
                                        <li class="va-timeline__item">
                                            <span class="va-timeline__when">{local_time(ev.at)}</span>" "
                                            <strong>{move || lookup(lang.get(), action_key(&action))}</strong>
                                            {ev.professional.map(|p| view! { " · "{p} })}
                                            {ev.actor.map(|a| view! { <span class="va-muted">" — "{a}</span> })}
                                            {ev.reason.map(|r| view! { <div class="va-timeline__reason">{r}</div> })}
                                        </li>
                                    }
                                }).collect_view()}
                            </ol>
                        </section>
                    }.into_any()
                })}
    }
}

#[component]
pub(super) fn EnrolmentRow<F>(e: EnrolmentView, decider: bool, owner: bool, bel: bool, on_done: F) -> impl IntoView
where
    F: Fn(Result<EnrolmentRequestView, ApiError>) + Copy + Send + Sync + 'static,
{
    let lang = use_lang();
    let open = RwSignal::new(None::<&'static str>);
    let decision = RwSignal::new(Decision::Approve);
    let reason = RwSignal::new(String::new());
    let pname = RwSignal::new(e.professional.name.clone());
    let pemail = RwSignal::new(e.professional_email.clone());
    let function = RwSignal::new(e.function.clone().unwrap_or_default());
    let ret_uhp = RwSignal::new(e.works_on_ret_uhp);
    let remarks = RwSignal::new(e.remarks.clone().unwrap_or_default());
    let can_edit = owner && matches!(e.status, EnrolmentStatus::Draft | EnrolmentStatus::Returned);
    let id: EnrolmentId = e.id;
    let can_decide = decider && e.status == EnrolmentStatus::Submitted;
    let can_withdraw = (owner || bel)
        && matches!(
            e.status,
            EnrolmentStatus::Draft
                | EnrolmentStatus::Submitted
                | EnrolmentStatus::Returned
                | EnrolmentStatus::Approved
                | EnrolmentStatus::Waitlisted
                | EnrolmentStatus::Placed
        );
    let where_ = match (&e.group, e.waitlist_position) {
        (Some(g), _) => g.name.clone(),
        (None, Some(p)) => lookup(lang.get_untracked(), k!("req.waitlist_pos")).replace("{}", &p.to_string()),
        _ => "—".into(),
    };
    let name = e.professional.name.clone();
    let stored_name = StoredValue::new(name.clone());
    // The dialog's own error, shown inside it beside the field it is about.
    let error: RwSignal<Option<ApiError>> = RwSignal::new(None);
    let reason_error = field_error(error, "reason");
    let confirm = move |_| {
        let r = Some(reason.get_untracked()).filter(|r| !r.trim().is_empty());
        let kind = open.get_untracked();
        let d = decision.get_untracked();
        spawn_local(async move {
            let said = match (kind, d) {
                (Some("decide"), Decision::Approve) => k!("notice.approved"),
                (Some("decide"), Decision::Reject) => k!("notice.rejected"),
                (Some("decide"), Decision::Return) => k!("notice.returned"),
                (Some("edit"), _) => k!("notice.edited"),
                _ => k!("notice.withdrawn"),
            };
            let res = match kind {
                Some("decide") => api::decide(id, d, r).await,
                Some("edit") => {
                    let edit = EnrolmentEdit {
                        name: Some(pname.get_untracked()),
                        email: Some(pemail.get_untracked()),
                        function: Some(function.get_untracked()).filter(|f| !f.trim().is_empty()),
                        works_on_ret_uhp: ret_uhp.get_untracked(),
                        remarks: Some(remarks.get_untracked()).filter(|f| !f.trim().is_empty()),
                    };
                    api::edit_enrolment(id, &edit).await
                }
                _ => api::withdraw(id, r).await,
            };
            match res {
                Ok(v) => {
                    open.set(None);
                    error.set(None);
                    on_done(Ok(v));
                    notice::confirm(said, Some(stored_name.get_value()));
                }
                Err(e) => error.set(Some(e)),
            }
        });
    };
    view! {
        <tr class="utrecht-table__row" data-testid="enrolment-row">
            <th class="utrecht-table__header-cell" scope="row">{name}<div class="va-muted">{e.professional_email.clone()}</div></th>
            <td class="utrecht-table__cell">{e.function.clone().unwrap_or_default()}</td>
            <td class="utrecht-table__cell">{move || lookup(lang.get(), if e.works_on_ret_uhp { k!("yes") } else { k!("no") })}</td>
            <td class="utrecht-table__cell" data-testid="enrolment-status">{status_badge(e.status)}</td>
            <td class="utrecht-table__cell">{where_}</td>
            <td class="utrecht-table__cell" data-testid="enrolment-reason">
                {e.last_reason.clone().unwrap_or_default()}
                {e.substitution.clone().map(|w| view! {
                    <div class="va-muted" data-testid="substitution-window">{t!("req.substitute_until")}" "{local_time(w.until)}</div>
                })}
            </td>
            <td class="utrecht-table__cell va-row-actions">
                {can_decide.then(|| view! {
                    <button type="button" class="utrecht-button utrecht-button--primary-action" data-testid="decide"
                        on:click=move |_| open.set(Some("decide"))>{t!("req.decide")}</button>
                })}
                {can_edit.then(|| view! {
                    <button type="button" class="utrecht-button utrecht-button--secondary-action" data-testid="edit"
                        on:click=move |_| open.set(Some("edit"))>{t!("req.edit")}</button>
                })}
                {can_withdraw.then(|| view! {
                    <button type="button" class="utrecht-button utrecht-button--secondary-action" data-testid="withdraw"
                        on:click=move |_| open.set(Some("withdraw"))>{t!("req.withdraw")}</button>
                })}
            </td>
        </tr>
        <Show when=move || open.get().is_some()>
            <tr class="utrecht-table__row va-dialog-row">
                <td class="utrecht-table__cell" colspan="7">
                    <div class="va-dialog" role="group" aria-label=move || lookup(lang.get(), match open.get() { Some("decide") => k!("req.decide"), Some("edit") => k!("req.edit"), _ => k!("req.withdraw") })>
                        <Show when=move || open.get() == Some("decide")>
                            <fieldset class="utrecht-form-fieldset">
                                <legend class="utrecht-form-fieldset__legend">{t!("req.decision_for")}" "{move || stored_name.get_value()}</legend>
                                {[(Decision::Approve, k!("dec.approve")), (Decision::Reject, k!("dec.reject")), (Decision::Return, k!("dec.return"))].into_iter().map(|(d, key)| {
                                    let rid = format!("dec-{}-{}", id, key.name());
                                    view! {
                                        <div class="utrecht-form-field utrecht-form-field--radio va-check">
                                            <input type="radio" class="utrecht-radio-button utrecht-radio-button--html-input" name=format!("dec-{id}") id=rid.clone()
                                                data-testid=key.name() prop:checked=move || decision.get() == d on:change=move |_| decision.set(d)/>
                                            <label class="utrecht-form-label utrecht-form-label--radio" for=rid>{tr(key)}</label>
                                        </div>
                                    }
                                }).collect_view()}
                            </fieldset>
                        </Show>
                        <Show when=move || open.get() == Some("edit")>
                            <TextField id=leak(format!("edit-name-{id}")) label=k!("pros.name") value=pname required=true error=field_error(error, "name")/>
                            <TextField id=leak(format!("edit-email-{id}")) label=k!("login.email") kind="email" value=pemail required=true error=field_error(error, "email")/>
                            <TextField id=leak(format!("edit-function-{id}")) label=k!("pros.function") value=function/>
                            <div class="utrecht-form-field utrecht-form-field--checkbox va-check">
                                <input type="checkbox" class="utrecht-checkbox utrecht-checkbox--html-input" id=format!("edit-ret-{id}")
                                    prop:checked=move || ret_uhp.get() on:change=move |ev| ret_uhp.set(event_target_checked(&ev))/>
                                <label class="utrecht-form-label utrecht-form-label--checkbox" for=format!("edit-ret-{id}")>{t!("new.ret_uhp")}</label>
                            </div>
                            <TextField id=leak(format!("edit-remarks-{id}")) label=k!("new.remarks") value=remarks/>
                        </Show>
                        <Show when=move || open.get() != Some("edit")>
                        <div class="utrecht-form-field utrecht-form-field--text" class:utrecht-form-field--invalid=move || reason_error.get().is_some()>
                            <div class="utrecht-form-field__label">
                                <label class="utrecht-form-label" for=format!("reason-{id}")>{move || lookup(lang.get(), if open.get() == Some("decide") { k!("req.reason_hint") } else { k!("req.withdraw_reason") })}</label>
                            </div>
                            <div class="utrecht-form-field__input">
                                <textarea id=format!("reason-{id}") data-testid="reason" class="utrecht-textarea utrecht-textarea--html-textarea" rows="2"
                                    aria-invalid=move || reason_error.get().map(|_| "true") aria-describedby=format!("reason-{id}-err")
                                    prop:value=move || reason.get() on:input=move |ev| reason.set(event_target_value(&ev))></textarea>
                            </div>
                            <p class="utrecht-form-field-error-message" id=format!("reason-{id}-err") data-testid="reason-error">{move || reason_error.get()}</p>
                        </div>
                        </Show>
                        {error_alert(error)}
                        <div class="va-actions">
                            <button type="button" class="utrecht-button utrecht-button--primary-action" data-testid="confirm" on:click=confirm.clone()>{t!("req.confirm")}</button>
                            <button type="button" class="utrecht-button utrecht-button--subtle" on:click=move |_| open.set(None)>{t!("req.cancel")}</button>
                        </div>
                    </div>
                </td>
            </tr>
        </Show>
    }
}

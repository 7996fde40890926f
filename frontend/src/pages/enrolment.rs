//! Enrolment screens: request lists (inboxes), a new request with several
//! professionals, the request page with decisions, withdrawals and timeline,
//! BEL's seat board and the group page.

use crate::api::{self, ApiError};
use crate::components::common::{error_alert, local_time, nl_date, reload_on_ok, LoadError, Loading, Table, TextField};
use crate::components::guard::RequireRole;
use crate::i18n::{lookup, tr, use_lang, Key};
use crate::session::{use_session, Session};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_params_map};
use va_openapi::auth::Role;
use va_openapi::enrolment::*;
use va_openapi::{EnrolmentId, GroupId, RequestId};

pub fn enrolment_status_key(s: EnrolmentStatus) -> Key {
    match s {
        EnrolmentStatus::Draft => k!("es.draft"),
        EnrolmentStatus::Submitted => k!("es.submitted"),
        EnrolmentStatus::Returned => k!("es.returned"),
        EnrolmentStatus::Approved => k!("es.approved"),
        EnrolmentStatus::Rejected => k!("es.rejected"),
        EnrolmentStatus::Placed => k!("es.placed"),
        EnrolmentStatus::Waitlisted => k!("es.waitlisted"),
        EnrolmentStatus::Withdrawn => k!("es.withdrawn"),
        EnrolmentStatus::Trained => k!("es.trained"),
        EnrolmentStatus::NotCompleted => k!("es.not_completed"),
    }
}

fn request_status_key(s: RequestStatus) -> Key {
    match s {
        RequestStatus::Draft => k!("rs.draft"),
        RequestStatus::Submitted => k!("rs.submitted"),
        RequestStatus::Returned => k!("rs.returned"),
        RequestStatus::Decided => k!("rs.decided"),
        RequestStatus::Withdrawn => k!("rs.withdrawn"),
    }
}

fn action_key(a: &str) -> Key {
    match a {
        "created" => k!("act.created"),
        "submit" => k!("act.submit"),
        "approve" => k!("act.approve"),
        "reject" => k!("act.reject"),
        "return" => k!("act.return"),
        "allocate" => k!("act.allocate"),
        "move" => k!("act.move"),
        "waitlist" => k!("act.waitlist"),
        "withdraw" => k!("act.withdraw"),
        "edit" => k!("act.edit"),
        "offer" => k!("act.offer"),
        "offer_accepted" => k!("act.offer_accepted"),
        "offer_declined" => k!("act.offer_declined"),
        "offer_expired" => k!("act.offer_expired"),
        "substitute" => k!("act.substitute"),
        "priority" => k!("act.priority"),
        "complete" => k!("act.complete"),
        "not_complete" => k!("act.not_complete"),
        _ => k!("act.other"),
    }
}

fn badge(status_class: &'static str, key: Key) -> impl IntoView {
    let lang = use_lang();
    view! { <span class=format!("va-status va-status--{status_class}")>{move || lookup(lang.get(), key)}</span> }
}

fn status_badge(s: EnrolmentStatus) -> impl IntoView {
    badge(s.as_str(), enrolment_status_key(s))
}

/// A list of requests in the caller's scope; `pending` gives the decider's inbox.
#[component]
pub fn RequestsTable(pending: bool, title: Key, #[prop(default = "requests")] testid: &'static str) -> impl IntoView {
    let lang = use_lang();
    let data = LocalResource::new(move || {
        async move { api::list_requests(pending).await }
    });
    view! {
        <section class="va-section" data-testid=testid>
            <h2 class="utrecht-heading-2">{tr(title)}</h2>
            <Suspense fallback=Loading>
                {move || data.get().map(|res| match res {
                    Err(e) => view! { <LoadError err=e/> }.into_any(),
                    Ok(list) if list.is_empty() => view! {
                        <p class="utrecht-paragraph va-empty">{tr(if pending { k!("req.none_pending") } else { k!("req.none") })}</p>
                    }.into_any(),
                    Ok(list) => view! {
                        <Table headers=vec![(k!("req.number"), false), (k!("orgs.name"), false), (k!("req.submitted_at"), false),
                                            (k!("req.professionals"), true), (k!("req.pending"), true), (k!("groups.status"), false)]>
                            {list.into_iter().map(|r| {
                                let status = r.status;
                                view! {
                                    <tr class="utrecht-table__row">
                                        <th class="utrecht-table__header-cell" scope="row">
                                            <A href=format!("/aanmeldingen/{}", r.id) attr:class="utrecht-link">{format!("#{}", r.id)}</A>
                                        </th>
                                        <td class="utrecht-table__cell">{r.organisation.name}</td>
                                        <td class="utrecht-table__cell">{r.submitted_at.map(local_time).unwrap_or_else(|| "—".into())}</td>
                                        <td class="utrecht-table__cell utrecht-table__cell--numeric">{r.professionals}</td>
                                        <td class="utrecht-table__cell utrecht-table__cell--numeric">{r.pending}</td>
                                        <td class="utrecht-table__cell">
                                            <span class="va-status">{move || lookup(lang.get(), request_status_key(status))}</span>
                                        </td>
                                    </tr>
                                }
                            }).collect_view()}
                        </Table>
                    }.into_any(),
                })}
            </Suspense>
        </section>
    }
}

#[derive(Clone, Copy)]
struct Row {
    key: u32,
    name: RwSignal<String>,
    email: RwSignal<String>,
    function: RwSignal<String>,
    ret_uhp: RwSignal<bool>,
}

impl Row {
    fn new(key: u32) -> Row {
        Row {
            key,
            name: RwSignal::new(String::new()),
            email: RwSignal::new(String::new()),
            function: RwSignal::new(String::new()),
            ret_uhp: RwSignal::new(false),
        }
    }
}

fn field_key(code: &str) -> Key {
    match code {
        "required" => k!("field.required"),
        "too_long" => k!("field.too_long"),
        "invalid_email" => k!("field.invalid_email"),
        "duplicate" => k!("field.duplicate"),
        _ => k!("field.invalid"),
    }
}

/// Organisation contact: a new request with one or more professionals.
#[component]
pub fn NewRequestPage() -> impl IntoView {
    view! { <RequireRole role=Role::OrgContact render=|_: Session| view! { <NewRequest/> }/> }
}

#[component]
fn NewRequest() -> impl IntoView {
    let lang = use_lang();
    let navigate = use_navigate();
    let next_key = RwSignal::new(2u32);
    let rows = RwSignal::new(vec![Row::new(0), Row::new(1)]);
    let period = RwSignal::new(String::new());
    let remarks = RwSignal::new(String::new());
    let error: RwSignal<Option<ApiError>> = RwSignal::new(None);
    let busy = RwSignal::new(false);
    let programmes = LocalResource::new(move || {
        async move { api::programmes().await }
    });

    // The server names fields `professionals[i].email`; i is the row's position.
    let row_error = move |pos: usize, field: &'static str| {
        move || {
            error.with(|e| match e {
                Some(ApiError::Problem(p)) => p
                    .errors
                    .iter()
                    .find(|f| f.field == format!("professionals[{pos}].{field}"))
                    .map(|f| lookup(lang.get(), field_key(&f.code))),
                _ => None,
            })
        }
    };

    let send = move |submit: bool| {
        if busy.get_untracked() {
            return;
        }
        let Some(Ok(progs)) = programmes.get_untracked() else { return };
        let Some(programme) = progs.first().map(|p| p.id) else { return };
        let professionals = rows
            .get_untracked()
            .iter()
            .filter(|r| !(r.name.get_untracked().trim().is_empty() && r.email.get_untracked().trim().is_empty()))
            .map(|r| NewEnrolment {
                name: r.name.get_untracked(),
                email: r.email.get_untracked(),
                function: Some(r.function.get_untracked()).filter(|f| !f.trim().is_empty()),
                works_on_ret_uhp: r.ret_uhp.get_untracked(),
                remarks: None,
            })
            .collect();
        let req = NewEnrolmentRequest {
            programme_id: programme,
            preferred_period: Some(period.get_untracked()).filter(|p| !p.trim().is_empty()),
            preferred_region_id: None,
            remarks: Some(remarks.get_untracked()).filter(|p| !p.trim().is_empty()),
            professionals,
            submit,
        };
        busy.set(true);
        let navigate = navigate.clone();
        spawn_local(async move {
            match api::create_request(&req).await {
                Ok(view) => navigate(&format!("/aanmeldingen/{}", view.id), Default::default()),
                Err(e) => error.set(Some(e)),
            }
            busy.set(false);
        });
    };
    let send2 = send.clone();

    view! {
        <h1 class="utrecht-heading-1">{t!("new.title")}</h1>
        <p class="utrecht-paragraph utrecht-paragraph--lead">{t!("new.intro")}</p>
        {error_alert(error)}
        <form class="va-form" novalidate=true on:submit=move |ev: leptos::ev::SubmitEvent| { ev.prevent_default(); send(true); }>
            <fieldset class="utrecht-form-fieldset va-fieldset">
                <legend class="utrecht-form-fieldset__legend utrecht-form-fieldset__legend--distanced">{t!("new.professionals")}</legend>
                <For
                    each={move || rows.get().into_iter().enumerate().collect::<Vec<_>>()}
                    key={|item: &(usize, Row)| (item.0, item.1.key)}
                    children={move |(pos, row): (usize, Row)| {
                        let n = pos + 1;
                        view! {
                            <div class="va-prof-row" data-testid="prof-row">
                                <p class="utrecht-paragraph va-prof-row__title"><strong>{move || format!("{} {n}", lookup(lang.get(), k!("new.professional")))}</strong></p>
                                <TextField id=leak(format!("p{}-name", row.key)) label=k!("pros.name") value=row.name error=Signal::derive(row_error(pos, "name"))/>
                                <TextField id=leak(format!("p{}-email", row.key)) label=k!("login.email") kind="email" value=row.email error=Signal::derive(row_error(pos, "email"))/>
                                <TextField id=leak(format!("p{}-function", row.key)) label=k!("pros.function") value=row.function/>
                                <div class="utrecht-form-field utrecht-form-field--checkbox va-check">
                                    <input type="checkbox" class="utrecht-checkbox utrecht-checkbox--html-input" id=format!("p{}-ret", row.key)
                                        prop:checked=move || row.ret_uhp.get()
                                        on:change=move |ev| row.ret_uhp.set(event_target_checked(&ev))/>
                                    <label class="utrecht-form-label utrecht-form-label--checkbox" for=format!("p{}-ret", row.key)>{t!("new.ret_uhp")}</label>
                                </div>
                                <Show when=move || { rows.with(|r| r.len() > 1) }>
                                    <button type="button" class="utrecht-button utrecht-button--subtle"
                                        on:click=move |_| rows.update(|r| r.retain(|x| x.key != row.key))>
                                        {t!("new.remove")}
                                    </button>
                                </Show>
                            </div>
                        }
                    }}
                />
                <button type="button" class="utrecht-button utrecht-button--secondary-action" data-testid="add-row"
                    on:click=move |_| { let k = next_key.get_untracked(); next_key.set(k + 1); rows.update(|r| r.push(Row::new(k))); }>
                    {t!("new.add")}
                </button>
            </fieldset>
            <TextField id="preferred-period" label=k!("new.period") value=period/>
            <div class="utrecht-form-field utrecht-form-field--text">
                <div class="utrecht-form-field__label"><label class="utrecht-form-label" for="remarks">{t!("new.remarks")}</label></div>
                <div class="utrecht-form-field__input">
                    <textarea id="remarks" class="utrecht-textarea utrecht-textarea--html-textarea" rows="3"
                        prop:value=move || remarks.get() on:input=move |ev| remarks.set(event_target_value(&ev))></textarea>
                </div>
            </div>
            <div class="va-actions">
                <button type="submit" class="utrecht-button utrecht-button--primary-action" data-testid="submit-request">{t!("new.submit")}</button>
                <button type="button" class="utrecht-button utrecht-button--secondary-action" on:click=move |_| send2(false)>{t!("new.draft")}</button>
            </div>
        </form>
    }
}

/// Stable ids for generated inputs (a handful per page view).
fn leak(s: String) -> &'static str {
    Box::leak(s.into_boxed_str())
}

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
fn RequestDetail(session: Session, id: RequestId) -> impl IntoView {
    let lang = use_lang();
    let role = session.user.role;
    let reload = RwSignal::new(0u32);
    let error: RwSignal<Option<ApiError>> = RwSignal::new(None);
    let data = LocalResource::new(move || {
        reload.get();
        async move { api::get_request(id).await }
    });
    let done = reload_on_ok(reload, error);
    view! {
        <Transition fallback=Loading>
            {move || data.get().map(|res| match res {
                Err(e) => view! { <LoadError err=e/> }.into_any(),
                Ok(v) => {
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
                                            view! { <span>{move || lookup(lang.get(), crate::pages::readiness::check_status_key(st))}</span> }.into_any()
                                        } else {
                                            view! { <A href=format!("/readiness/{}", rc.id) attr:class="utrecht-link">{move || lookup(lang.get(), crate::pages::readiness::check_status_key(st))}</A> }.into_any()
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
                                    on:click=move |_| { spawn_local(async move { done(api::submit_request(id).await) }); }>
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
                }
            })}
        </Transition>
    }
}

#[component]
fn EnrolmentRow<F>(e: EnrolmentView, decider: bool, owner: bool, bel: bool, on_done: F) -> impl IntoView
where
    F: Fn(Result<EnrolmentRequestView, ApiError>) + Copy + Send + Sync + 'static,
{
    let lang = use_lang();
    let open = RwSignal::new(None::<&'static str>);
    let decision = RwSignal::new(Decision::Approve);
    let reason = RwSignal::new(String::new());
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
    let confirm = move |_| {
        let r = Some(reason.get_untracked()).filter(|r| !r.trim().is_empty());
        let kind = open.get_untracked();
        spawn_local(async move {
            let res = match kind {
                Some("decide") => api::decide(id, decision.get_untracked(), r).await,
                Some("edit") => {
                    let edit = EnrolmentEdit {
                        function: Some(function.get_untracked()).filter(|f| !f.trim().is_empty()),
                        works_on_ret_uhp: ret_uhp.get_untracked(),
                        remarks: Some(remarks.get_untracked()).filter(|f| !f.trim().is_empty()),
                    };
                    api::edit_enrolment(id, &edit).await
                }
                _ => api::withdraw(id, r).await,
            };
            if res.is_ok() {
                open.set(None);
            }
            on_done(res);
        });
    };
    view! {
        <tr class="utrecht-table__row" data-testid="enrolment-row">
            <th class="utrecht-table__header-cell" scope="row">{name}<div class="va-muted">{e.professional_email.clone()}</div></th>
            <td class="utrecht-table__cell">{e.function.clone().unwrap_or_default()}</td>
            <td class="utrecht-table__cell">{move || lookup(lang.get(), if e.works_on_ret_uhp { k!("yes") } else { k!("no") })}</td>
            <td class="utrecht-table__cell" data-testid="enrolment-status">{status_badge(e.status)}</td>
            <td class="utrecht-table__cell">{where_}</td>
            <td class="utrecht-table__cell" data-testid="enrolment-reason">{e.last_reason.clone().unwrap_or_default()}</td>
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
                            <TextField id=leak(format!("edit-function-{id}")) label=k!("pros.function") value=function/>
                            <div class="utrecht-form-field utrecht-form-field--checkbox va-check">
                                <input type="checkbox" class="utrecht-checkbox utrecht-checkbox--html-input" id=format!("edit-ret-{id}")
                                    prop:checked=move || ret_uhp.get() on:change=move |ev| ret_uhp.set(event_target_checked(&ev))/>
                                <label class="utrecht-form-label utrecht-form-label--checkbox" for=format!("edit-ret-{id}")>{t!("new.ret_uhp")}</label>
                            </div>
                            <TextField id=leak(format!("edit-remarks-{id}")) label=k!("new.remarks") value=remarks/>
                        </Show>
                        <Show when=move || open.get() != Some("edit")>
                        <div class="utrecht-form-field utrecht-form-field--text">
                            <div class="utrecht-form-field__label">
                                <label class="utrecht-form-label" for=format!("reason-{id}")>{move || lookup(lang.get(), if open.get() == Some("decide") { k!("req.reason_hint") } else { k!("req.withdraw_reason") })}</label>
                            </div>
                            <div class="utrecht-form-field__input">
                                <textarea id=format!("reason-{id}") data-testid="reason" class="utrecht-textarea utrecht-textarea--html-textarea" rows="2"
                                    prop:value=move || reason.get() on:input=move |ev| reason.set(event_target_value(&ev))></textarea>
                            </div>
                        </div>
                        </Show>
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

/// BEL: groups with seats, the allocation queue and the waiting list.
#[component]
pub fn SeatBoardPage() -> impl IntoView {
    view! { <RequireRole role=Role::BelCoordinator render=|_: Session| view! { <SeatBoardView/> }/> }
}

async fn load_board() -> Result<Option<SeatBoard>, ApiError> {
    match api::programmes().await?.first() {
        Some(p) => Ok(Some(api::seat_board(p.id).await?)),
        None => Ok(None),
    }
}

#[component]
fn SeatBoardView() -> impl IntoView {
    let reload = RwSignal::new(0u32);
    let error: RwSignal<Option<ApiError>> = RwSignal::new(None);
    let data = LocalResource::new(move || {
        reload.get();
        load_board()
    });
    let done = reload_on_ok(reload, error);
    view! {
        <h1 class="utrecht-heading-1">{t!("board.title")}</h1>
        <p class="utrecht-paragraph utrecht-paragraph--lead">{t!("board.intro")}</p>
        <div class="va-export-row">
            <span class="va-muted">{t!("mon.export_groups")}</span><crate::pages::monitoring::Exports list="groups"/>
            <span class="va-muted">{t!("mon.export_requests")}</span><crate::pages::monitoring::Exports list="requests"/>
        </div>
        {error_alert(error)}
        <Transition fallback=Loading>
            {move || data.get().map(|res| match res {
                Err(e) => view! { <LoadError err=e/> }.into_any(),
                Ok(None) => view! { <p class="utrecht-paragraph">{t!("board.no_programme")}</p> }.into_any(),
                Ok(Some(board)) => {
                    let open_groups: Vec<(GroupId, String, i32)> = board.groups.iter()
                        .filter(|g| matches!(g.status, va_openapi::reference::GroupStatus::Planned | va_openapi::reference::GroupStatus::Open | va_openapi::reference::GroupStatus::Running))
                        .map(|g| (g.id, g.name.clone(), (g.capacity - g.seats_taken - g.seats_held).max(0)))
                        .collect();
                    let taken: i32 = board.groups.iter().map(|g| g.seats_taken).sum();
                    let capacity: i32 = board.groups.iter().map(|g| g.capacity).sum();
                    view! {
                        <p class="utrecht-paragraph va-summary" data-testid="board-summary">
                            <strong>{taken}</strong>" / "<strong>{capacity}</strong>" "{t!("board.seats_taken")}
                            " · "<strong>{board.queue.len()}</strong>" "{t!("board.in_queue")}
                            " · "<strong>{board.waitlist.len()}</strong>" "{t!("board.on_waitlist")}
                        </p>
                        <section class="va-section">
                            <h2 class="utrecht-heading-2">{t!("groups.title")}</h2>
                            <Table testid="board-groups" headers=vec![(k!("groups.name"), false), (k!("groups.period"), false), (k!("board.taken"), true), (k!("board.free"), true), (k!("groups.status"), false)]>
                                {board.groups.clone().into_iter().map(|g| {
                                    let status = g.status;
                                    let free = (g.capacity - g.seats_taken - g.seats_held).max(0);
                                    view! {
                                        <tr class="utrecht-table__row">
                                            <th class="utrecht-table__header-cell" scope="row">
                                                <A href=format!("/bel/groepen/{}", g.id) attr:class="utrecht-link">{g.name}</A>
                                            </th>
                                            <td class="utrecht-table__cell">{nl_date(g.starts_on)}" – "{nl_date(g.ends_on)}</td>
                                            <td class="utrecht-table__cell utrecht-table__cell--numeric">{g.seats_taken}" / "{g.capacity}</td>
                                            <td class="utrecht-table__cell utrecht-table__cell--numeric">{free}</td>
                                            <td class="utrecht-table__cell">{badge(status.as_str(), match status {
                                                va_openapi::reference::GroupStatus::Planned => k!("status.planned"),
                                                va_openapi::reference::GroupStatus::Open => k!("status.open"),
                                                va_openapi::reference::GroupStatus::Running => k!("status.running"),
                                                va_openapi::reference::GroupStatus::Completed => k!("status.completed"),
                                                va_openapi::reference::GroupStatus::Cancelled => k!("status.cancelled"),
                                            })}</td>
                                        </tr>
                                    }
                                }).collect_view()}
                            </Table>
                        </section>
                        <QueueTable title=k!("board.queue") entries=board.queue.clone() groups=open_groups.clone() on_done=done testid="queue"/>
                        <QueueTable title=k!("board.waitlist") entries=board.waitlist.clone() groups=open_groups on_done=done testid="waitlist"/>
                    }.into_any()
                }
            })}
        </Transition>
    }
}

#[component]
fn QueueTable<F>(
    title: Key,
    entries: Vec<QueueEntry>,
    groups: Vec<(GroupId, String, i32)>,
    on_done: F,
    testid: &'static str,
) -> impl IntoView
where
    F: Fn(Result<EnrolmentRequestView, ApiError>) + Copy + Send + Sync + 'static,
{
    let lang = use_lang();
    view! {
        <section class="va-section" data-testid=testid>
            <h2 class="utrecht-heading-2">{tr(title)}" ("{entries.len()}")"</h2>
            {if entries.is_empty() {
                view! { <p class="utrecht-paragraph va-empty">{t!("board.empty")}</p> }.into_any()
            } else {
                view! {
                    <Table headers=vec![(k!("pros.name"), false), (k!("orgs.name"), false), (k!("groups.region"), false), (k!("new.ret_short"), false),
                                        (k!("board.approved_at"), false), (k!("board.place_in"), false), (k!("req.actions"), false)]>
                        {entries.into_iter().map(|q| {
                            let choice = RwSignal::new(groups.iter().find(|g| g.2 > 0).map(|g| g.0.0.to_string()).unwrap_or_default());
                            let id = q.enrolment_id;
                            let waiting = q.status == EnrolmentStatus::Waitlisted;
                            let select_id = format!("group-{}", id);
                            view! {
                                <tr class="utrecht-table__row" data-testid="queue-row">
                                    <th class="utrecht-table__header-cell" scope="row">
                                        {q.waitlist_position.map(|p| format!("{p}. "))}
                                        <A href=format!("/aanmeldingen/{}", q.request_id) attr:class="utrecht-link">{q.professional.clone()}</A>
                                    </th>
                                    <td class="utrecht-table__cell">{q.organisation.name.clone()}</td>
                                    <td class="utrecht-table__cell">{q.region.clone().map(|r| r.name).unwrap_or_else(|| lookup(lang.get_untracked(), k!("region.none")).to_string())}</td>
                                    <td class="utrecht-table__cell">{move || lookup(lang.get(), if q.works_on_ret_uhp { k!("yes") } else { k!("no") })}</td>
                                    <td class="utrecht-table__cell">{q.approved_at.map(local_time).unwrap_or_default()}</td>
                                    <td class="utrecht-table__cell">
                                        <label class="va-visually-hidden" for=select_id.clone()>{t!("board.place_in")}</label>
                                        <select id=select_id class="utrecht-select utrecht-select--html-select" data-testid="group-select"
                                            on:change=move |ev| choice.set(event_target_value(&ev))>
                                            {groups.iter().map(|(gid, name, free)| {
                                                let value = gid.0.to_string();
                                                let selected = choice.get_untracked() == value;
                                                view! { <option value=value selected=selected>{format!("{name} ({free} vrij)")}</option> }
                                            }).collect_view()}
                                        </select>
                                    </td>
                                    <td class="utrecht-table__cell va-row-actions">
                                        <button type="button" class="utrecht-button utrecht-button--primary-action" data-testid="allocate"
                                            on:click=move |_| {
                                                let Ok(g) = choice.get_untracked().parse::<i64>() else { return };
                                                spawn_local(async move { on_done(api::allocate(id, GroupId(g)).await) });
                                            }>{t!("board.allocate")}</button>
                                        {(!waiting).then(|| view! {
                                            <button type="button" class="utrecht-button utrecht-button--secondary-action" data-testid="to-waitlist"
                                                on:click=move |_| {
                                                    spawn_local(async move { on_done(api::waitlist(id).await) });
                                                }>{t!("board.to_waitlist")}</button>
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

/// A training group: its days and participants.
#[component]
pub fn GroupPage() -> impl IntoView {
    let params = use_params_map();
    view! {
        <RequireRole role=Role::BelCoordinator render=move |_: Session| {
            let id = params.read_untracked().get("id").and_then(|v| v.parse::<i64>().ok()).unwrap_or(0);
            view! { <GroupView id=GroupId(id)/> }
        }/>
    }
}

async fn load_group(id: GroupId) -> Result<(GroupDetail, Vec<va_openapi::reference::TrainingGroup>), ApiError> {
    let d = api::group_detail(id).await?;
    let all = api::groups(d.group.programme_id).await?;
    Ok((d, all))
}

#[component]
fn GroupView(id: GroupId) -> impl IntoView {
    let reload = RwSignal::new(0u32);
    let error: RwSignal<Option<ApiError>> = RwSignal::new(None);
    let data = LocalResource::new(move || {
        reload.get();
        load_group(id)
    });
    let done = reload_on_ok(reload, error);
    view! {
        <p class="utrecht-paragraph"><A href="/bel/plaatsing" attr:class="utrecht-link">{t!("group.back")}</A></p>
        {error_alert(error)}
        <Transition fallback=Loading>
            {move || data.get().map(|res| match res {
                Err(e) => view! { <LoadError err=e/> }.into_any(),
                Ok((d, all)) => {
                    let targets: Vec<(GroupId, String)> = all.iter()
                        .filter(|g| g.id != id && matches!(g.status, va_openapi::reference::GroupStatus::Planned | va_openapi::reference::GroupStatus::Open | va_openapi::reference::GroupStatus::Running))
                        .map(|g| (g.id, format!("{} ({} vrij)", g.name, (g.capacity - g.seats_taken - g.seats_held).max(0))))
                        .collect();
                    view! {
                    <h1 class="utrecht-heading-1" data-testid="group-title">{d.group.name.clone()}</h1>
                    <p class="utrecht-paragraph">
                        <A href=format!("/trainer/groepen/{}", d.group.id) attr:class="utrecht-link" attr:data-testid="delivery-link">{t!("tr.delivery_link")}</A>
                    </p>
                    <p class="utrecht-paragraph va-summary">
                        <strong>{d.group.seats_taken}</strong>" / "<strong>{d.group.capacity}</strong>" "{t!("board.seats_taken")}
                    </p>
                    <section class="va-section">
                        <h2 class="utrecht-heading-2">{t!("group.days")}</h2>
                        <crate::components::common::DaysTable days=d.days.clone()/>
                    </section>
                    <section class="va-section">
                        <h2 class="utrecht-heading-2">{t!("group.participants")}" ("{d.participants.len()}")"</h2>
                        {if d.participants.is_empty() {
                            view! { <p class="utrecht-paragraph va-empty">{t!("group.no_participants")}</p> }.into_any()
                        } else {
                            view! {
                                <Table testid="participants" headers=vec![(k!("pros.name"), false), (k!("orgs.name"), false), (k!("pros.function"), false), (k!("login.email"), false), (k!("group.move_to"), false)]>
                                    {d.participants.iter().map(|p| {
                                        let choice = RwSignal::new(targets.first().map(|t| t.0.0.to_string()).unwrap_or_default());
                                        let eid = p.enrolment_id;
                                        let sel = format!("move-{eid}");
                                        view! {
                                            <tr class="utrecht-table__row">
                                                <th class="utrecht-table__header-cell" scope="row">{p.professional.clone()}</th>
                                                <td class="utrecht-table__cell">{p.organisation.name.clone()}</td>
                                                <td class="utrecht-table__cell">{p.function.clone().unwrap_or_default()}</td>
                                                <td class="utrecht-table__cell">{p.email.clone()}</td>
                                                <td class="utrecht-table__cell va-row-actions">
                                                    <label class="va-visually-hidden" for=sel.clone()>{t!("group.move_to")}</label>
                                                    <select id=sel class="utrecht-select utrecht-select--html-select" on:change=move |ev| choice.set(event_target_value(&ev))>
                                                        {targets.iter().map(|(gid, label)| view! { <option value=gid.0.to_string()>{label.clone()}</option> }).collect_view()}
                                                    </select>
                                                    <button type="button" class="utrecht-button utrecht-button--secondary-action" data-testid="move"
                                                        on:click=move |_| {
                                                            let Ok(g) = choice.get_untracked().parse::<i64>() else { return };
                                                            spawn_local(async move { done(api::move_to(eid, GroupId(g)).await) });
                                                        }>{t!("group.move")}</button>
                                                </td>
                                            </tr>
                                        }
                                    }).collect_view()}
                                </Table>
                            }.into_any()
                        }}
                    </section>
                    }.into_any()
                }
            })}
        </Transition>
    }
}

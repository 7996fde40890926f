//! Request lists (inboxes) and a new request with several professionals.

use super::*;
use crate::api::{self, ApiError};
use crate::components::format::local_time;
use crate::components::common::{error_alert, field_error, Pager, Table, TextField};
use crate::components::loaded::{load, loaded};
use crate::components::guard::RequireAnyRole;
use crate::i18n::{lookup, tr, use_lang, Key};
use crate::session::Session;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;
use va_openapi::auth::Role;
use va_openapi::enrolment::*;

/// A list of requests in the caller's scope; `pending` gives the decider's inbox.
#[component]
pub fn RequestsTable(pending: bool, title: Key, #[prop(default = "requests")] testid: &'static str) -> impl IntoView {
    let lang = use_lang();
    let offset = RwSignal::new(0usize);
    let data = load(None, move || {
        let at = offset.get();
        async move { api::list_requests(pending, at).await }
    });
    view! {
        <section class="va-section" data-testid=testid>
            <h2 class="utrecht-heading-2">{tr(title)}</h2>
            {loaded(data, move |v| match v {
                    list if list.rows.is_empty() => view! {
                        <p class="utrecht-paragraph va-empty">{tr(if pending { k!("req.none_pending") } else { k!("req.none") })}</p>
                    }.into_any(),
                    api::Paged { rows, .. } => view! {
                        <Table headers=vec![(k!("req.number"), false), (k!("orgs.name"), false), (k!("req.submitted_at"), false),
                                            (k!("req.professionals"), true), (k!("req.pending"), true), (k!("groups.status"), false)]>
                            {rows.into_iter().map(|r| {
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
            <Pager offset total=Signal::derive(move || data.get().and_then(|r| r.ok()).map_or(0, |p| p.total)) testid/>
        </section>
    }
}

#[derive(Clone, Copy)]
pub(super) struct Row {
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

/// Organisation contact: a new request with one or more professionals.
#[component]
pub fn NewRequestPage() -> impl IntoView {
    // Contacts for their own organisation; BEL and ambassadors on behalf of one (ambassadors: of their region).
    view! {
        <RequireAnyRole roles=&[Role::OrgContact, Role::BelCoordinator, Role::Ambassador]
            render=|s: Session| view! { <NewRequest on_behalf=s.user.role != Role::OrgContact/> }/>
    }
}

#[component]
pub(super) fn NewRequest(#[prop(optional)] on_behalf: bool) -> impl IntoView {
    let lang = use_lang();
    let for_org = RwSignal::new(String::new());
    let orgs = load(None, move || async move {
        if on_behalf { Ok(api::organisations().await?.into_iter().filter(|o| o.active).collect()) } else { Ok::<_, ApiError>(Vec::new()) }
    });
    let navigate = use_navigate();
    let next_key = RwSignal::new(2u32);
    let rows = RwSignal::new(vec![Row::new(0), Row::new(1)]);
    let period = RwSignal::new(String::new());
    let remarks = RwSignal::new(String::new());
    let error: RwSignal<Option<ApiError>> = RwSignal::new(None);
    let busy = RwSignal::new(false);
    let pros_error = field_error(error, "professionals");
    let programmes = load(None, move || async move { api::programmes().await });
    // The organisation's professionals known from earlier requests, to add without retyping.
    let own_org = crate::session::use_session().get_untracked().and_then(|s| s.user.organisation.map(|o| o.id));
    let known = load(None, move || {
        let org = if on_behalf { for_org.get().parse().ok().map(va_openapi::OrganisationId) } else { own_org };
        async move { match org { Some(o) => api::professionals(o).await, None => Ok(Vec::new()) } }
    });
    // The preferred period is one of the groups still to start.
    let periods = load(None, move || async move {
        let progs = api::programmes().await?;
        let Some(p) = crate::components::programme::pick(&progs).map(|p| p.id) else { return Ok(Vec::new()) };
        Ok::<_, ApiError>(api::groups(p).await?.into_iter()
            .filter(|g| matches!(g.status, va_openapi::reference::GroupStatus::Planned | va_openapi::reference::GroupStatus::Open))
            .map(|g| format!("{} ({} – {})", g.name, crate::components::format::nl_date(g.starts_on), crate::components::format::nl_date(g.ends_on)))
            .collect())
    });
    let add_known = move |p: va_openapi::reference::Professional| {
        // Fill the first empty row, or add one.
        let empty = rows.get_untracked().into_iter().find(|r| r.name.get_untracked().trim().is_empty() && r.email.get_untracked().trim().is_empty());
        let row = empty.unwrap_or_else(|| {
            let k = next_key.get_untracked();
            next_key.set(k + 1);
            let r = Row::new(k);
            rows.update(|v| v.push(r));
            r
        });
        row.name.set(p.name);
        row.email.set(p.email);
        row.function.set(p.function.unwrap_or_default());
    };

    // The server names fields `professionals[i].email`; i is the row's position.
    let row_error = move |pos: usize, field: &str| field_error(error, format!("professionals[{pos}].{field}"));

    let send = move |submit: bool| {
        if busy.get_untracked() {
            return;
        }
        let Some(Ok(progs)) = programmes.get_untracked() else { return };
        let Some(programme) = crate::components::programme::pick(&progs).map(|p| p.id) else { return };
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
            organisation_id: if on_behalf { for_org.get_untracked().parse().ok().map(va_openapi::OrganisationId) } else { None },
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
                Ok(view) => {
                    let path = format!("/aanmeldingen/{}", view.id);
                    crate::components::notice::confirm_at(&path, if submit { k!("notice.submitted") } else { k!("notice.draft") }, Some(format!("#{}", view.id)));
                    navigate(&path, Default::default())
                }
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
            {on_behalf.then(|| view! {
                <p class="utrecht-paragraph">{t!("new.on_behalf_intro")}</p>
                {loaded(orgs, move |orgs| view! {
                    <div class="utrecht-form-field">
                        <div class="utrecht-form-field__label"><label class="utrecht-form-label" for="for-org">{t!("orgs.name")}</label></div>
                        <div class="utrecht-form-field__input">
                            <select id="for-org" class="utrecht-select utrecht-select--html-select" data-testid="for-org" aria-describedby="for-org-err"
                                aria-invalid=move || error.with(|e| matches!(e, Some(ApiError::Problem(p)) if p.errors.iter().any(|f| f.field == "organisation_id"))).then_some("true")
                                on:change=move |ev| for_org.set(event_target_value(&ev))>
                                <option value="">{t!("users.choose")}</option>
                                {orgs.iter().map(|o| view! { <option value=o.id.0.to_string()>{o.name.clone()}</option> }).collect_view()}
                            </select>
                        </div>
                        <p class="utrecht-form-field-error-message" id="for-org-err">
                            {move || error.with(|e| matches!(e, Some(ApiError::Problem(p)) if p.errors.iter().any(|f| f.field == "organisation_id"))).then(|| lookup(lang.get(), k!("field.required")))}
                        </p>
                    </div>
                }.into_any())}
            })}
            <fieldset class="utrecht-form-fieldset va-fieldset">
                <legend class="utrecht-form-fieldset__legend utrecht-form-fieldset__legend--distanced">{t!("new.professionals")}</legend>
                {move || pros_error.get().map(|m| view! { <p class="utrecht-form-field-error-message" id="professionals-err" data-testid="professionals-error">{m}</p> })}
                <For
                    each={move || rows.get().into_iter().enumerate().collect::<Vec<_>>()}
                    key={|item: &(usize, Row)| (item.0, item.1.key)}
                    children={move |(pos, row): (usize, Row)| {
                        let n = pos + 1;
                        view! {
                            <div class="va-prof-row" data-testid="prof-row">
                                <p class="utrecht-paragraph va-prof-row__title"><strong>{move || format!("{} {n}", lookup(lang.get(), k!("new.professional")))}</strong></p>
                                <TextField id=leak(format!("p{}-name", row.key)) label=k!("pros.name") value=row.name required=true error=row_error(pos, "name")/>
                                <TextField id=leak(format!("p{}-email", row.key)) label=k!("login.email") kind="email" value=row.email required=true error=row_error(pos, "email")/>
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
                {loaded(known, move |list| (!list.is_empty()).then(|| {
                    let all = StoredValue::new(list.clone());
                    view! {
                        <div class="utrecht-form-field">
                            <div class="utrecht-form-field__label"><label class="utrecht-form-label" for="known-prof">{t!("new.known")}</label></div>
                            <div class="utrecht-form-field__input">
                                <select id="known-prof" class="utrecht-select utrecht-select--html-select" data-testid="known-prof"
                                    on:change=move |ev| {
                                        let v = event_target_value(&ev);
                                        if let Some(p) = all.get_value().into_iter().find(|p| p.id.0.to_string() == v) { add_known(p); }
                                    }>
                                    <option value="">{t!("users.choose")}</option>
                                    {list.into_iter().map(|p| view! { <option value=p.id.0.to_string()>{format!("{} ({})", p.name, p.email)}</option> }).collect_view()}
                                </select>
                            </div>
                        </div>
                    }
                }))}
                <button type="button" class="utrecht-button utrecht-button--secondary-action" data-testid="add-row"
                    on:click=move |_| { let k = next_key.get_untracked(); next_key.set(k + 1); rows.update(|r| r.push(Row::new(k))); }>
                    {t!("new.add")}
                </button>
            </fieldset>
            {loaded(periods, move |list| view! {
                <div class="utrecht-form-field">
                    <div class="utrecht-form-field__label"><label class="utrecht-form-label" for="preferred-period">{t!("new.period")}</label></div>
                    <div class="utrecht-form-field__input">
                        <select id="preferred-period" class="utrecht-select utrecht-select--html-select" on:change=move |ev| period.set(event_target_value(&ev))>
                            <option value="">{t!("new.no_preference")}</option>
                            {list.into_iter().map(|g| { let v = g.clone(); view! { <option value=v selected=move || period.get() == g>{g.clone()}</option> } }).collect_view()}
                        </select>
                    </div>
                </div>
            })}
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

//! BEL: user accounts and invitations.

use crate::api::{self, ApiError};
use crate::components::common::{Table, TextField};
use crate::components::loaded::{load, loaded};
use crate::components::guard::RequireRole;
use crate::i18n::{lookup, tr, use_lang, Key};
use crate::components::labels::role_key;
use crate::session::Session;
use leptos::prelude::*;
use leptos::task::spawn_local;
use va_openapi::admin::{Account, AccountState};
use va_openapi::auth::{InviteUserRequest, Role};
use va_openapi::reference::{Organisation, Region};
use va_openapi::{OrganisationId, RegionId};

#[component]
pub fn UsersPage() -> impl IntoView {
    view! {
        <RequireRole role=Role::BelCoordinator render=|_: Session| view! { <Users/> }/>
    }
}

async fn load_refs() -> Result<(Vec<Region>, Vec<Organisation>), ApiError> {
    Ok((api::regions().await?, api::organisations().await?))
}

fn field_error(err: &Option<ApiError>, field: &str) -> Option<Key> {
    match err {
        Some(ApiError::Problem(p)) => p.errors.iter().find(|e| e.field == field).map(|e| match e.code.as_str() {
            "required" => k!("field.required"),
            "too_long" => k!("field.too_long"),
            "invalid_email" => k!("field.invalid_email"),
            "already_exists" => k!("users.email_taken"),
            _ => k!("field.invalid"),
        }),
        _ => None,
    }
}

fn state_key(s: AccountState) -> Key {
    match s {
        AccountState::Invited => k!("users.invited"),
        AccountState::InviteExpired => k!("users.invite_expired"),
        AccountState::Active => k!("users.active"),
        AccountState::Deactivated => k!("users.deactivated_state"),
    }
}

#[component]
fn Users() -> impl IntoView {
    let lang = use_lang();
    let reload = RwSignal::new(0u32);
    // Regions and organisations load once; the user list again after each invitation,
    // without re-rendering (and so resetting) the form.
    let refs = load(None, move || load_refs());
    let users = load(Some(reload), move || async move { api::accounts().await });

    let name = RwSignal::new(String::new());
    let email = RwSignal::new(String::new());
    let role = RwSignal::new(Role::OrgContact);
    let region = RwSignal::new(String::new());
    let org = RwSignal::new(String::new());
    let error: RwSignal<Option<ApiError>> = RwSignal::new(None);
    let sent_to: RwSignal<Option<String>> = RwSignal::new(None);
    // The last action on an account, announced: (text key, the account's name).
    let done: RwSignal<Option<(Key, String)>> = RwSignal::new(None);
    let act = move |id: va_openapi::UserId, action: &'static str, key: Key| {
        spawn_local(async move {
            match api::account_action(id, action).await {
                Ok(a) => {
                    error.set(None);
                    done.set(Some((key, a.name)));
                    reload.update(|n| *n += 1);
                }
                Err(e) => {
                    done.set(None);
                    error.set(Some(e));
                }
            }
        });
    };

    // The form invites a new user, or changes the name, role and scope of the account chosen with "Wijzigen".
    let editing: RwSignal<Option<va_openapi::UserId>> = RwSignal::new(None);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let r = role.get_untracked();
        if let Some(id) = editing.get_untracked() {
            let change = va_openapi::admin::AccountChange {
                name: name.get_untracked(),
                role: r,
                region_id: if r == Role::Ambassador { region.get_untracked().parse().ok().map(RegionId) } else { None },
                organisation_id: if r == Role::OrgContact { org.get_untracked().parse().ok().map(OrganisationId) } else { None },
            };
            spawn_local(async move {
                match api::update_account(id, &change).await {
                    Ok(a) => {
                        error.set(None);
                        sent_to.set(None);
                        done.set(Some((k!("users.changed"), a.name)));
                        editing.set(None);
                        name.set(String::new());
                        email.set(String::new());
                        reload.update(|n| *n += 1);
                    }
                    Err(e) => error.set(Some(e)),
                }
            });
            return;
        }
        let req = InviteUserRequest {
            email: email.get_untracked(),
            name: name.get_untracked(),
            role: r,
            region_id: if r == Role::Ambassador { region.get_untracked().parse().ok().map(RegionId) } else { None },
            organisation_id: if r == Role::OrgContact { org.get_untracked().parse().ok().map(OrganisationId) } else { None },
        };
        spawn_local(async move {
            match api::invite_user(&req).await {
                Ok(u) => {
                    error.set(None);
                    sent_to.set(Some(u.email));
                    name.set(String::new());
                    email.set(String::new());
                    reload.update(|n| *n += 1);
                }
                Err(e) => {
                    sent_to.set(None);
                    error.set(Some(e));
                }
            }
        });
    };

    let err_text = move |field: &'static str| {
        move || error.with(|e| field_error(e, field)).map(|k| lookup(lang.get(), k))
    };
    let general_error = move || {
        error.with(|e| match e {
            Some(ApiError::Problem(p)) if !p.errors.is_empty() => Some(lookup(lang.get(), k!("err.validation_failed"))),
            Some(e) => Some(lookup(lang.get(), e.text_key())),
            None => None,
        })
    };

    view! {
        <h1 class="utrecht-heading-1" data-testid="users-title">{t!("users.title")}</h1>
        <p class="utrecht-paragraph utrecht-paragraph--lead">{t!("users.intro")}</p>
        {loaded(refs, move |(regions, orgs)| {
                    let scope_name = {
                        let regions = regions.clone();
                        let orgs = orgs.clone();
                        move |u: &Account| {
                            u.region_id.and_then(|r| regions.iter().find(|x| x.id == r).map(|x| x.name.clone()))
                                .or_else(|| u.organisation_id.and_then(|o| orgs.iter().find(|x| x.id == o).map(|x| x.name.clone())))
                                .unwrap_or_default()
                        }
                    };
                    view! {
                        <section class="va-section" aria-labelledby="invite-title">
                            <h2 class="utrecht-heading-2" id="invite-title">{move || lookup(lang.get(), if editing.get().is_some() { k!("users.edit") } else { k!("users.invite") })}</h2>
                            {move || sent_to.get().map(|to| view! {
                                <div class="utrecht-alert utrecht-alert--ok" role="status" data-testid="invite-ok">
                                    <p class="utrecht-paragraph">{t!("users.sent")}" "<strong>{to}</strong></p>
                                </div>
                            })}
                            {move || general_error().map(|m| view! {
                                <div class="utrecht-alert utrecht-alert--error" role="alert" data-testid="error"><p class="utrecht-paragraph">{m}</p></div>
                            })}
                            <form class="va-form va-form--grid" on:submit=submit.clone() novalidate=true>
                                <TextField id="inv-name" required=true label=k!("pros.name") value=name error=Signal::derive(err_text("name"))/>
                                <TextField id="inv-email" required=true label=k!("login.email") kind="email" value=email error=Signal::derive(err_text("email"))/>
                                <div class="utrecht-form-field">
                                    <div class="utrecht-form-field__label"><label class="utrecht-form-label" for="inv-role">{t!("users.role")}</label></div>
                                    <div class="utrecht-form-field__input">
                                        <select id="inv-role" class="utrecht-select utrecht-select--html-select"
                                            on:change=move |ev| role.set(Role::parse(&event_target_value(&ev)).unwrap_or(Role::OrgContact))>
                                            {Role::ALL.into_iter().map(|r| view! {
                                                <option value=r.as_str() selected=move || role.get() == r>{move || lookup(lang.get(), role_key(r))}</option>
                                            }).collect_view()}
                                        </select>
                                    </div>
                                </div>
                                <Show when=move || role.get() == Role::Ambassador>
                                    <div class="utrecht-form-field">
                                        <div class="utrecht-form-field__label"><label class="utrecht-form-label" for="inv-region">{t!("groups.region")}</label></div>
                                        <div class="utrecht-form-field__input">
                                            <select id="inv-region" class="utrecht-select utrecht-select--html-select"
                                                on:change=move |ev| region.set(event_target_value(&ev))>
                                                <option value="">{t!("users.choose")}</option>
                                                {regions.iter().map(|r| { let v = r.id.0.to_string(); let v2 = v.clone(); view! { <option value=v selected=move || region.get() == v2>{r.name.clone()}</option> } }).collect_view()}
                                            </select>
                                        </div>
                                        <p class="utrecht-form-field-error-message">{err_text("region_id")}</p>
                                    </div>
                                </Show>
                                <Show when=move || role.get() == Role::OrgContact>
                                    <div class="utrecht-form-field">
                                        <div class="utrecht-form-field__label"><label class="utrecht-form-label" for="inv-org">{t!("orgs.name")}</label></div>
                                        <div class="utrecht-form-field__input">
                                            <select id="inv-org" class="utrecht-select utrecht-select--html-select"
                                                on:change=move |ev| org.set(event_target_value(&ev))>
                                                <option value="">{t!("users.choose")}</option>
                                                {orgs.iter().map(|o| { let v = o.id.0.to_string(); let v2 = v.clone(); view! { <option value=v selected=move || org.get() == v2>{o.name.clone()}</option> } }).collect_view()}
                                            </select>
                                        </div>
                                        <p class="utrecht-form-field-error-message">{err_text("organisation_id")}</p>
                                    </div>
                                </Show>
                                <div class="va-actions">
                                    <button type="submit" class="utrecht-button utrecht-button--primary-action" data-testid="invite-submit">{move || lookup(lang.get(), if editing.get().is_some() { k!("org.save") } else { k!("users.send") })}</button>
                                </div>
                            </form>
                        </section>
                        <section class="va-section" aria-labelledby="users-list-title">
                            {loaded(users, move |users| {
                            let count = users.len();
                            let scope_name = scope_name.clone();
                            view! {
                            <h2 class="utrecht-heading-2" id="users-list-title">{t!("users.list")}" ("{count}")"</h2>
                            {move || done.get().map(|(key, who)| view! {
                                <div class="utrecht-alert utrecht-alert--ok" role="status" data-testid="account-ok">
                                    <p class="utrecht-paragraph">{tr(key)}": "<strong>{who}</strong></p>
                                </div>
                            })}
                            <Table testid="users-table" headers=vec![(k!("pros.name"), false), (k!("login.email"), false), (k!("users.role"), false), (k!("users.scope"), false), (k!("groups.status"), false), (k!("users.last_login"), false), (k!("users.actions"), false)]>
                                    {users.into_iter().map(|u| {
                                        let scope = scope_name(&u);
                                        let (r, state, id) = (u.role, u.state, u.id);
                                        let active = state == AccountState::Active;
                                        let last = u.last_login_at.map(crate::components::format::local_time).unwrap_or_else(|| "—".into());
                                        let label = u.name.clone();
                                        let label2 = u.name.clone();
                                        let label3 = u.name.clone();
                                        // The account's data on request (AVG art. 15), as a readable page; the download is recorded.
                                        let data = move |_| spawn_local(async move {
                                            match api::download(&format!("/api/v1/privacy/users/{id}/export?format=html")).await {
                                                Ok(file) => crate::components::notice::confirm(k!("ppl.downloaded"), Some(file)),
                                                Err(e) => error.set(Some(e)),
                                            }
                                        });
                                        let row = u.clone();
                                        let edit = move |_| {
                                            editing.set(Some(row.id));
                                            name.set(row.name.clone());
                                            email.set(row.email.clone());
                                            role.set(row.role);
                                            region.set(row.region_id.map(|r| r.0.to_string()).unwrap_or_default());
                                            org.set(row.organisation_id.map(|o| o.0.to_string()).unwrap_or_default());
                                            done.set(None);
                                        };
                                        view! {
                                            <tr class="utrecht-table__row">
                                                <th class="utrecht-table__header-cell" scope="row">{u.name}</th>
                                                <td class="utrecht-table__cell">{u.email}</td>
                                                <td class="utrecht-table__cell">{move || lookup(lang.get(), role_key(r))}</td>
                                                <td class="utrecht-table__cell">{scope}</td>
                                                <td class="utrecht-table__cell">
                                                    <span class=if active { "va-status va-status--open" } else { "va-status va-status--running" }>
                                                        {move || lookup(lang.get(), state_key(state))}
                                                    </span>
                                                </td>
                                                <td class="utrecht-table__cell">{last}</td>
                                                <td class="utrecht-table__cell va-row-actions">
                                                    <button type="button" class="utrecht-button utrecht-button--subtle" data-testid=format!("edit-{id}")
                                                        aria-label=move || format!("{} {}", lookup(lang.get(), k!("org.change")), label2)
                                                        on:click=edit>{t!("org.change")}</button>
                                                    <button type="button" class="utrecht-button utrecht-button--subtle" data-testid=format!("data-{id}")
                                                        aria-label=move || format!("{} {}", lookup(lang.get(), k!("users.data")), label3)
                                                        on:click=data>{t!("users.data")}</button>
                                                    {match state {
                                                        AccountState::Active => view! {
                                                            <button type="button" class="utrecht-button utrecht-button--secondary-action" data-testid=format!("deactivate-{id}")
                                                                aria-label=move || format!("{} {}", lookup(lang.get(), k!("users.deactivate")), label)
                                                                on:click=move |_| act(id, "deactivate", k!("users.deactivated"))>{t!("users.deactivate")}</button>
                                                        }.into_any(),
                                                        AccountState::Deactivated => view! {
                                                            <button type="button" class="utrecht-button utrecht-button--secondary-action" data-testid=format!("reactivate-{id}")
                                                                aria-label=move || format!("{} {}", lookup(lang.get(), k!("users.reactivate")), label)
                                                                on:click=move |_| act(id, "reactivate", k!("users.reactivated"))>{t!("users.reactivate")}</button>
                                                        }.into_any(),
                                                        AccountState::Invited | AccountState::InviteExpired => view! {
                                                            <button type="button" class="utrecht-button utrecht-button--secondary-action" data-testid=format!("reinvite-{id}")
                                                                aria-label=move || format!("{} {}", lookup(lang.get(), k!("users.reinvite")), label)
                                                                on:click=move |_| act(id, "invite", k!("users.reinvited"))>{t!("users.reinvite")}</button>
                                                        }.into_any(),
                                                    }}
                                                </td>
                                            </tr>
                                        }
                                    }).collect_view()}
                            </Table>
                            }.into_any()
                            })}
                        </section>
                    }.into_any()
                })}
    }
}

//! A meeting's decisions and actions; BEL records them, marks actions done
//! and removes one recorded by mistake.

use crate::api::{self, ApiError};
use crate::components::common::{badge, error_alert, field_error, Table, TextArea, TextField};
use crate::components::form::{date, select};
use crate::components::format::nl_date;
use crate::components::loaded::{load, loaded};
use crate::components::notice;
use crate::i18n::Key;
use leptos::prelude::*;
use leptos::task::spawn_local;
use va_openapi::meetings::*;
use va_openapi::{MeetingItemId, RegionId};

fn kind_key(k: MeetingItemKind) -> Key {
    match k {
        MeetingItemKind::Decision => k!("mtg.decision"),
        MeetingItemKind::Action => k!("mtg.action"),
    }
}

#[component]
pub(super) fn Items(m: Meeting, reload: RwSignal<u32>) -> impl IntoView {
    let error: RwSignal<Option<ApiError>> = RwSignal::new(None);
    let edit = m.can_edit;
    // Each change answers with the meeting; the page reloads it with the list of snapshots.
    let act = move |call: std::pin::Pin<Box<dyn std::future::Future<Output = Result<Meeting, ApiError>>>>, done: Key| {
        spawn_local(async move {
            match call.await {
                Ok(_) => {
                    error.set(None);
                    reload.update(|n| *n += 1);
                    notice::confirm(done, None);
                }
                Err(e) => error.set(Some(e)),
            }
        });
    };
    let remove = move |id: MeetingItemId| act(Box::pin(api::delete_meeting_item(id)), k!("mtg.removed"));
    let set_done = move |id: MeetingItemId, done: bool| act(Box::pin(api::set_item_done(id, done)), if done { k!("mtg.done_saved") } else { k!("mtg.reopened") });
    let (decisions, actions): (Vec<MeetingItem>, Vec<MeetingItem>) = m.items.iter().cloned().partition(|i| i.kind == MeetingItemKind::Decision);
    view! {
        {error_alert(error)}
        <section class="va-section" data-testid="meeting-decisions">
            <h2 class="utrecht-heading-2">{t!("mtg.decisions")}</h2>
            {if decisions.is_empty() {
                view! { <p class="utrecht-paragraph va-empty">{t!("mtg.no_decisions")}</p> }.into_any()
            } else {
                view! {
                    <ul class="utrecht-unordered-list">
                        {decisions.into_iter().map(|d| view! {
                            <li class="utrecht-unordered-list__item">
                                {d.text.clone()}{d.region.as_ref().map(|r| view! { <span class="va-muted">" · "{r.name.clone()}</span> })}
                                {edit.then(|| view! { " " <button type="button" class="utrecht-button utrecht-button--subtle" on:click=move |_| remove(d.id)>{t!("mtg.remove")}</button> })}
                            </li>
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </section>
        <section class="va-section" data-testid="meeting-actions">
            <h2 class="utrecht-heading-2">{t!("mtg.actions")}</h2>
            {if actions.is_empty() {
                view! { <p class="utrecht-paragraph va-empty">{t!("mtg.no_actions")}</p> }.into_any()
            } else {
                let mut headers = vec![(k!("mtg.action"), false), (k!("mtg.owner"), false), (k!("mtg.region"), false), (k!("mtg.due"), false), (k!("mtg.status"), false)];
                if edit {
                    headers.push((k!("req.actions"), false));
                }
                view! {
                    <Table testid="action-list" headers>
                        {actions.into_iter().map(|a| {
                            let (id, done) = (a.id, a.done_at.is_some());
                            view! {
                                <tr class="utrecht-table__row" class:va-own=a.own_region>
                                    <th scope="row" class="utrecht-table__header-cell">{a.text.clone()}</th>
                                    <td class="utrecht-table__cell">{a.owner.clone().unwrap_or_default()}</td>
                                    <td class="utrecht-table__cell">{a.region.as_ref().map(|r| r.name.clone()).unwrap_or_else(|| "–".into())}</td>
                                    <td class="utrecht-table__cell">{a.due_on.map(nl_date).unwrap_or_default()}</td>
                                    <td class="utrecht-table__cell">{match (done, a.overdue) {
                                        (true, _) => badge("completed", k!("mtg.done")).into_any(),
                                        (false, true) => badge("cancelled", k!("mtg.overdue")).into_any(),
                                        (false, false) => badge("open", k!("mtg.open")).into_any(),
                                    }}</td>
                                    {edit.then(|| view! {
                                        <td class="utrecht-table__cell">
                                            <button type="button" class="utrecht-button utrecht-button--secondary-action" data-testid="action-done" on:click=move |_| set_done(id, !done)>
                                                {if done { t!("mtg.reopen").into_any() } else { t!("mtg.mark_done").into_any() }}
                                            </button>
                                            " "<button type="button" class="utrecht-button utrecht-button--subtle" on:click=move |_| remove(id)>{t!("mtg.remove")}</button>
                                        </td>
                                    })}
                                </tr>
                            }
                        }).collect_view()}
                    </Table>
                }.into_any()
            }}
        </section>
        {edit.then(|| view! { <NewItemForm m=m.clone() reload/> })}
    }
}

/// BEL records a decision, or an action with owner and date.
#[component]
fn NewItemForm(m: Meeting, reload: RwSignal<u32>) -> impl IntoView {
    let error: RwSignal<Option<ApiError>> = RwSignal::new(None);
    let kind = RwSignal::new(MeetingItemKind::Decision.as_str().to_string());
    let text = RwSignal::new(String::new());
    let owner = RwSignal::new(String::new());
    let region = RwSignal::new(String::new());
    let due = RwSignal::new(String::new());
    let regions = load(None, move || async move { api::regions().await });
    let id = m.summary.id;
    let is_action = move || kind.get() == MeetingItemKind::Action.as_str();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let k = MeetingItemKind::parse(&kind.get_untracked()).unwrap_or(MeetingItemKind::Decision);
        let action = k == MeetingItemKind::Action;
        let input = NewMeetingItem {
            kind: k,
            text: text.get_untracked(),
            owner: action.then(|| owner.get_untracked()),
            region_id: region.get_untracked().parse().ok().map(RegionId),
            due_on: if action { due.get_untracked().parse().ok() } else { None },
        };
        spawn_local(async move {
            match api::add_meeting_item(id, &input).await {
                Ok(_) => {
                    error.set(None);
                    text.set(String::new());
                    owner.set(String::new());
                    due.set(String::new());
                    reload.update(|n| *n += 1);
                    notice::confirm(if action { k!("mtg.action_saved") } else { k!("mtg.decision_saved") }, None);
                }
                Err(e) => error.set(Some(e)),
            }
        });
    };
    view! {
        <section class="va-section" data-testid="meeting-new-item">
            <h2 class="utrecht-heading-2">{t!("mtg.record")}</h2>
            {error_alert(error)}
            <form class="va-form va-form--grid" novalidate=true on:submit=submit>
                {select("mtg-kind", k!("mtg.kind"), MeetingItemKind::ALL.iter().map(|k| (k.as_str().to_string(), kind_key(*k))).collect(), kind.into(), move |v| kind.set(v))}
                <TextArea id="mtg-text".to_string() label=k!("mtg.text") value=text rows=3 error=field_error(error, "text")/>
                {loaded(regions, move |rs| view! {
                    <div class="utrecht-form-field">
                        <div class="utrecht-form-field__label"><label class="utrecht-form-label" for="mtg-region">{t!("mtg.region")}</label></div>
                        <div class="utrecht-form-field__input">
                            <select id="mtg-region" class="utrecht-select utrecht-select--html-select" data-testid="mtg-region" on:change=move |ev| region.set(event_target_value(&ev))>
                                <option value="">{t!("mtg.all_regions")}</option>
                                {rs.into_iter().map(|r| view! { <option value=r.id.to_string()>{r.name}</option> }).collect_view()}
                            </select>
                        </div>
                    </div>
                })}
                <Show when=is_action>
                    <TextField id="mtg-owner" required=true label=k!("mtg.owner") value=owner error=field_error(error, "owner")/>
                    {date("mtg-due", k!("mtg.due"), due, field_error(error, "due_on"))}
                </Show>
                <div class="va-actions">
                    <button type="submit" class="utrecht-button utrecht-button--primary-action" data-testid="mtg-record">{t!("mtg.record_submit")}</button>
                </div>
            </form>
        </section>
    }
}

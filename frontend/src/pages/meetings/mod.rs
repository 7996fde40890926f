//! `/monitoring/overleg`: the monitoring meetings ("overleg borging VA", three
//! a year) by year and every open action; BEL schedules them. A meeting's own
//! page (`meeting.rs`) holds the snapshot discussed and its decisions and
//! actions (`items.rs`).

pub mod items;
pub mod meeting;

use crate::api::{self, ApiError};
use crate::components::common::{badge, error_alert, field_error, Table, TextField};
use crate::components::form::{date, missing};
use crate::components::format::nl_date;
use crate::components::guard::RequireAnyRole;
use crate::components::loaded::{load, loaded};
use crate::components::notice;
use crate::i18n::{lookup, use_lang};
use crate::session::Session;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use va_openapi::auth::Role;
use va_openapi::meetings::*;

/// The meeting's members: BEL keeps it, ambassadors read it.
pub(crate) const MEMBERS: &[Role] = &[Role::BelCoordinator, Role::Ambassador];

#[component]
pub fn MeetingsPage() -> impl IntoView {
    view! { <RequireAnyRole roles=MEMBERS render=|_: Session| view! { <Meetings/> }/> }
}

#[component]
fn Meetings() -> impl IntoView {
    let reload = RwSignal::new(0u32);
    let list = load(Some(reload), move || async move { api::meetings().await });
    view! {
        <h1 class="utrecht-heading-1">{t!("mtg.title")}</h1>
        <p class="utrecht-paragraph utrecht-paragraph--lead">{t!("mtg.intro")}</p>
        {loaded(list, move |l| view! {
            {l.can_edit.then(|| view! { <ScheduleForm reload/> })}
            <OpenActions items=l.open_actions.clone()/>
            {if l.years.is_empty() {
                view! { <p class="utrecht-paragraph va-empty" data-testid="meetings-none">{t!("mtg.none")}</p> }.into_any()
            } else {
                l.years.into_iter().map(|y| view! { <Year year=y/> }).collect_view().into_any()
            }}
        })}
    }
}

#[component]
fn Year(year: MeetingYear) -> impl IntoView {
    let lang = use_lang();
    let planned = year.meetings.len();
    view! {
        <section class="va-section" data-testid=format!("meetings-{}", year.year)>
            <h2 class="utrecht-heading-2">{year.year}</h2>
            <p class="utrecht-paragraph va-muted">{move || format!("{planned} {} {MEETINGS_PER_YEAR} {}", lookup(lang.get(), k!("mtg.of")), lookup(lang.get(), k!("mtg.planned")))}</p>
            <Table testid="meeting-list" headers=vec![(k!("mtg.date"), false), (k!("mtg.label"), false), (k!("mtg.snapshot"), false), (k!("mtg.decisions"), true), (k!("mtg.open_actions"), true)]>
                {year.meetings.into_iter().map(|m| view! {
                    <tr class="utrecht-table__row">
                        <td class="utrecht-table__cell">{nl_date(m.held_on)}</td>
                        <th scope="row" class="utrecht-table__header-cell">
                            <A href=format!("/monitoring/overleg/{}", m.id) attr:class="utrecht-link">{m.label.clone()}</A>
                            {m.location.clone().map(|l| view! { <span class="va-muted">" · "{l}</span> })}
                        </th>
                        <td class="utrecht-table__cell">{m.snapshot.as_ref().map(|s| s.label.clone()).unwrap_or_else(|| "–".into())}</td>
                        <td class="utrecht-table__cell utrecht-table__cell--numeric">{m.decisions}</td>
                        <td class="utrecht-table__cell utrecht-table__cell--numeric">{m.actions_open}</td>
                    </tr>
                }).collect_view()}
            </Table>
        </section>
    }
}

/// Every open action by date, the overdue ones marked.
#[component]
fn OpenActions(items: Vec<MeetingItem>) -> impl IntoView {
    view! {
        <section class="va-section" data-testid="open-actions">
            <h2 class="utrecht-heading-2">{t!("mtg.open_actions")}</h2>
            {if items.is_empty() {
                view! { <p class="utrecht-paragraph va-empty">{t!("mtg.no_open_actions")}</p> }.into_any()
            } else {
                view! {
                    <Table testid="open-action-list" headers=vec![(k!("mtg.action"), false), (k!("mtg.owner"), false), (k!("mtg.region"), false), (k!("mtg.due"), false), (k!("mtg.meeting"), false)]>
                        {items.into_iter().map(|i| view! {
                            <tr class="utrecht-table__row" class:va-own=i.own_region>
                                <th scope="row" class="utrecht-table__header-cell">{i.text.clone()}</th>
                                <td class="utrecht-table__cell">{i.owner.clone().unwrap_or_default()}</td>
                                <td class="utrecht-table__cell">{i.region.as_ref().map(|r| r.name.clone()).unwrap_or_else(|| "–".into())}</td>
                                <td class="utrecht-table__cell">{i.due_on.map(nl_date).unwrap_or_default()}
                                    {i.overdue.then(|| view! { " " {badge("cancelled", k!("mtg.overdue"))} })}</td>
                                <td class="utrecht-table__cell"><A href=format!("/monitoring/overleg/{}", i.meeting.id) attr:class="utrecht-link">{i.meeting.name.clone()}</A></td>
                            </tr>
                        }).collect_view()}
                    </Table>
                }.into_any()
            }}
        </section>
    }
}

/// BEL schedules a meeting (date, name, place).
#[component]
fn ScheduleForm(reload: RwSignal<u32>) -> impl IntoView {
    let error: RwSignal<Option<ApiError>> = RwSignal::new(None);
    let held_on = RwSignal::new(String::new());
    let label = RwSignal::new(String::new());
    let location = RwSignal::new(String::new());
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Ok(day) = held_on.get_untracked().parse() else {
            error.set(Some(ApiError::Problem(missing(&[("held_on", String::new())]))));
            return;
        };
        let input = MeetingInput { held_on: day, label: label.get_untracked(), location: Some(location.get_untracked()), snapshot_id: None, notes: None };
        spawn_local(async move {
            match api::schedule_meeting(&input).await {
                Ok(m) => {
                    error.set(None);
                    label.set(String::new());
                    held_on.set(String::new());
                    reload.update(|n| *n += 1);
                    notice::confirm(k!("mtg.scheduled"), Some(m.summary.label));
                }
                Err(e) => error.set(Some(e)),
            }
        });
    };
    view! {
        <section class="va-section" data-testid="meeting-schedule">
            <h2 class="utrecht-heading-2">{t!("mtg.schedule")}</h2>
            {error_alert(error)}
            <form class="va-form va-form--grid" novalidate=true on:submit=submit>
                {date("mtg-date", k!("mtg.date"), held_on, field_error(error, "held_on"))}
                <TextField id="mtg-label" required=true label=k!("mtg.label") value=label error=field_error(error, "label")/>
                <TextField id="mtg-location" label=k!("mtg.location") value=location error=field_error(error, "location")/>
                <div class="va-actions">
                    <button type="submit" class="utrecht-button utrecht-button--primary-action" data-testid="mtg-schedule">{t!("mtg.schedule_submit")}</button>
                </div>
            </form>
        </section>
    }
}

//! `/monitoring/overleg/:id`: one meeting, the snapshot discussed (ambassadors
//! see the organisations of their own region), its notes, decisions and
//! actions; BEL changes the meeting and attaches a snapshot.

use super::items::Items;
use super::MEMBERS;
use crate::api::{self, ApiError};
use crate::components::common::{error_alert, field_error, param_id, Table, TextArea, TextField};
use crate::components::form::{date, missing};
use crate::components::format::{dec, local_time, nl_date};
use crate::components::guard::RequireAnyRole;
use crate::components::loaded::{load, loaded};
use crate::components::notice;
use crate::i18n::{lookup, use_lang};
use crate::session::Session;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;
use va_openapi::meetings::*;
use va_openapi::monitoring::{region_label, Figures, SnapshotComparison, SnapshotSummary};
use va_openapi::{MeetingId, SnapshotId};

#[component]
pub fn MeetingPage() -> impl IntoView {
    let params = use_params_map();
    view! {
        <RequireAnyRole roles=MEMBERS render=move |_: Session| {
            let reload = RwSignal::new(0u32);
            let data = load(Some(reload), move || {
                let id = MeetingId(param_id(params, "id"));
                async move { Ok((api::meeting(id).await?, api::snapshots().await?)) }
            });
            view! {
                <p class="utrecht-paragraph"><A href="/monitoring/overleg" attr:class="utrecht-link">{t!("mtg.back")}</A></p>
                {loaded(data, move |(m, snaps)| view! { <MeetingView m snaps reload/> })}
            }
        }/>
    }
}

#[component]
fn MeetingView(m: Meeting, snaps: Vec<SnapshotSummary>, reload: RwSignal<u32>) -> impl IntoView {
    let lang = use_lang();
    let s = m.summary.clone();
    let year = chrono::Datelike::year(&s.held_on);
    view! {
        <h1 class="utrecht-heading-1" data-testid="meeting-title">{s.label.clone()}</h1>
        <p class="utrecht-paragraph utrecht-paragraph--lead">
            {nl_date(s.held_on)}{s.location.clone().map(|l| format!(" · {l}"))}
            {move || format!(" · {} {} {} {MEETINGS_PER_YEAR} {} {year}", lookup(lang.get(), k!("mtg.meeting")), s.number, lookup(lang.get(), k!("mtg.of")), lookup(lang.get(), k!("mtg.in")))}
        </p>
        {(!m.notes.is_empty()).then(|| view! { <p class="utrecht-paragraph va-pre" data-testid="meeting-notes">{m.notes.clone()}</p> })}
        // In the order of the meeting: the figures discussed, then what was decided and agreed.
        {match m.snapshot.clone() {
            Some(c) => view! { <Snapshot c/> }.into_any(),
            None => view! { <p class="utrecht-paragraph va-empty">{t!("mtg.no_snapshot")}</p> }.into_any(),
        }}
        <Items m=m.clone() reload/>
        {m.can_edit.then(|| view! { <EditForm m=m.clone() snaps reload/> })}
    }
}

/// The regions' figures of the snapshot discussed, and the organisations the caller may see.
#[component]
fn Snapshot(c: SnapshotComparison) -> impl IntoView {
    let headers = || vec![(k!("mtg.scope"), false), (k!("mon.h.trained_total"), true), (k!("mon.h.placed"), true), (k!("mon.h.waiting"), true), (k!("mon.h.still"), true)];
    let row = |name: String, f: &Figures| view! {
        <tr class="utrecht-table__row">
            <th scope="row" class="utrecht-table__header-cell">{name}</th>
            <td class="utrecht-table__cell utrecht-table__cell--numeric">{f.trained}</td>
            <td class="utrecht-table__cell utrecht-table__cell--numeric">{f.placed}</td>
            <td class="utrecht-table__cell utrecht-table__cell--numeric">{f.waiting}</td>
            <td class="utrecht-table__cell utrecht-table__cell--numeric">{f.still_to_train.map(|v| dec(f64::from(v))).unwrap_or_else(|| "–".into())}</td>
        </tr>
    };
    let d = c.dashboard.clone();
    let regions = d.regions.iter().map(|r| row(region_label(r.region.as_ref()), &r.figures)).collect_view();
    let total = row("Totaal".into(), &d.total);
    let details = d.regions.iter().filter(|r| r.detail).map(|r| {
        let orgs = r.organisations.iter().map(|o| row(o.organisation.name.clone(), &o.figures)).collect_view();
        view! {
            <details class="va-details" data-testid="snapshot-detail">
                <summary>{region_label(r.region.as_ref())}</summary>
                <Table headers=headers()>{orgs}</Table>
            </details>
        }
    }).collect_view();
    view! {
        <section class="va-section" data-testid="meeting-snapshot">
            <h2 class="utrecht-heading-2">{t!("mtg.snapshot")}": "{c.current.label.clone()}</h2>
            <p class="utrecht-paragraph va-muted">{t!("mon.taken_at")}" "{local_time(c.current.taken_at)}" · "{c.current.taken_by.clone()}</p>
            <Table testid="snapshot-regions" headers=headers()>
                {regions}
                {total}
            </Table>
            {details}
        </section>
    }
}

/// BEL changes the date, name, place, notes and the snapshot discussed.
#[component]
fn EditForm(m: Meeting, snaps: Vec<SnapshotSummary>, reload: RwSignal<u32>) -> impl IntoView {
    let error: RwSignal<Option<ApiError>> = RwSignal::new(None);
    let s = m.summary.clone();
    let held_on = RwSignal::new(s.held_on.to_string());
    let label = RwSignal::new(s.label.clone());
    let location = RwSignal::new(s.location.clone().unwrap_or_default());
    let notes = RwSignal::new(m.notes.clone());
    let snapshot = RwSignal::new(s.snapshot.as_ref().map(|x| x.id.to_string()).unwrap_or_default());
    let id = s.id;
    // Only a meeting without decisions or actions can go (the server says so too).
    let removable = m.items.is_empty();
    let navigate = leptos_router::hooks::use_navigate();
    let remove = move |_| {
        let navigate = navigate.clone();
        spawn_local(async move {
            match api::remove_meeting(id).await {
                Ok(()) => {
                    notice::confirm_at("/monitoring/overleg", k!("mtg.meeting_removed"), None);
                    navigate("/monitoring/overleg", Default::default());
                }
                Err(e) => error.set(Some(e)),
            }
        });
    };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Ok(day) = held_on.get_untracked().parse() else {
            error.set(Some(ApiError::Problem(missing(&[("held_on", String::new())]))));
            return;
        };
        let input = MeetingInput {
            held_on: day,
            label: label.get_untracked(),
            location: Some(location.get_untracked()),
            snapshot_id: snapshot.get_untracked().parse().ok().map(SnapshotId),
            notes: Some(notes.get_untracked()),
        };
        spawn_local(async move {
            match api::update_meeting(id, &input).await {
                Ok(_) => {
                    error.set(None);
                    reload.update(|n| *n += 1);
                    notice::confirm(k!("notice.saved"), None);
                }
                Err(e) => error.set(Some(e)),
            }
        });
    };
    view! {
        <details class="va-details" data-testid="meeting-edit">
            <summary>{t!("mtg.edit")}</summary>
            {error_alert(error)}
            <form class="va-form va-form--grid" novalidate=true on:submit=submit>
                {date("mtg-edit-date", k!("mtg.date"), held_on, field_error(error, "held_on"))}
                <TextField id="mtg-edit-label" required=true label=k!("mtg.label") value=label error=field_error(error, "label")/>
                <TextField id="mtg-edit-location" label=k!("mtg.location") value=location error=field_error(error, "location")/>
                <div class="utrecht-form-field">
                    <div class="utrecht-form-field__label"><label class="utrecht-form-label" for="mtg-edit-snapshot">{t!("mtg.snapshot")}</label></div>
                    <div class="utrecht-form-field__input">
                        <select id="mtg-edit-snapshot" class="utrecht-select utrecht-select--html-select" data-testid="mtg-edit-snapshot" on:change=move |ev| snapshot.set(event_target_value(&ev))>
                            <option value="" selected=move || snapshot.get().is_empty()>{t!("mtg.no_snapshot_choice")}</option>
                            {snaps.into_iter().map(|x| {
                                let v = x.id.to_string();
                                let v2 = v.clone();
                                view! { <option value=v selected=move || snapshot.get() == v2>{format!("{} ({})", x.label, local_time(x.taken_at))}</option> }
                            }).collect_view()}
                        </select>
                    </div>
                </div>
                <TextArea id="mtg-edit-notes".to_string() label=k!("mtg.notes") value=notes rows=4 error=field_error(error, "notes")/>
                <div class="va-actions">
                    <button type="submit" class="utrecht-button utrecht-button--primary-action" data-testid="mtg-save">{t!("mtg.save")}</button>
                    <A href="/monitoring" attr:class="utrecht-link">{t!("mtg.take_snapshot")}</A>
                    {removable.then(|| view! {
                        <button type="button" class="utrecht-button utrecht-button--subtle" data-testid="mtg-remove" on:click=remove.clone()>{t!("mtg.remove_meeting")}</button>
                    })}
                </div>
            </form>
        </details>
    }
}

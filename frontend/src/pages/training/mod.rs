//! Training delivery screens: the trainer's groups, and a group's page with its
//! days (change or cancel with a reason), attendance per day within its window,
//! and closing the group by the completion rule. BEL sees the same pages.

mod due;
pub use due::AttendanceDue;

use crate::api::{self, ApiError};
use crate::components::labels::{enrolment_status_key, mark_key};
use crate::components::format::{local_time, nl_date};
use crate::components::common::{error_alert, reload_on_ok, Table, TextField};
use crate::components::loaded::{load, loaded};
use crate::components::guard::RequireRole;
use crate::i18n::{lookup, use_lang};
use crate::session::{use_session, Session};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::{Redirect, A};
use leptos_router::hooks::use_params_map;
use va_openapi::auth::Role;
use va_openapi::enrolment::EnrolmentStatus;
use va_openapi::training::*;
use va_openapi::{GroupId, TrainingDayId};

/// The trainer's groups, with a link to each group's page.
#[component]
pub fn TrainerGroups() -> impl IntoView {
    let data = load(None, move || async move { api::trainer_groups().await });
    view! {
        <section class="va-section" data-testid="my-groups">
            <h2 class="utrecht-heading-2">{t!("tr.my_groups")}</h2>
            {loaded(data, move |v| match v {
                    groups if groups.is_empty() => view! { <p class="utrecht-paragraph va-empty">{t!("tr.no_groups")}</p> }.into_any(),
                    groups => view! {
                        <Table headers=vec![(k!("groups.name"), false), (k!("groups.period"), false), (k!("board.taken"), true), (k!("groups.status"), false)]>
                            {groups.into_iter().map(|g| {
                                let status = g.status;
                                view! {
                                    <tr class="utrecht-table__row">
                                        <th class="utrecht-table__header-cell" scope="row">
                                            <A href=format!("/trainer/groepen/{}", g.id) attr:class="utrecht-link">{g.name.clone()}</A>
                                        </th>
                                        <td class="utrecht-table__cell">{nl_date(g.starts_on)}" – "{nl_date(g.ends_on)}</td>
                                        <td class="utrecht-table__cell utrecht-table__cell--numeric">{g.seats_taken}</td>
                                        <td class="utrecht-table__cell"><span class=format!("va-status va-status--{}", status.as_str())>{crate::i18n::tr(crate::components::labels::group_status_key(status))}</span></td>
                                    </tr>
                                }
                            }).collect_view()}
                        </Table>
                    }.into_any(),
            })}
        </section>
    }
}

#[component]
pub fn TrainerStartGroups() -> impl IntoView {
    view! { <RequireRole role=Role::Trainer render=|_: Session| view! { <TrainerGroups/> }/> }
}

/// `/trainer/groepen/:id`: trainers of the group and BEL.
#[component]
pub fn GroupDeliveryPage() -> impl IntoView {
    let sess = use_session();
    let params = use_params_map();
    move || match sess.get() {
        None => view! { <Redirect path="/inloggen"/> }.into_any(),
        Some(s) if matches!(s.user.role, Role::Trainer | Role::BelCoordinator) => {
            let id = params.read().get("id").and_then(|v| v.parse::<i64>().ok()).unwrap_or(0);
            view! { <Delivery id=GroupId(id)/> }.into_any()
        }
        Some(_) => view! { <crate::components::guard::Forbidden/> }.into_any(),
    }
}

#[component]
fn Delivery(id: GroupId) -> impl IntoView {
    let lang = use_lang();
    let reload = RwSignal::new(0u32);
    let error: RwSignal<Option<ApiError>> = RwSignal::new(None);
    let data = load(Some(reload), move || async move { api::group_attendance(id).await });
    view! {
        <p class="utrecht-paragraph"><A href="/" attr:class="utrecht-link">{t!("req.back")}</A></p>
        {error_alert(error)}
        {loaded(data, move |v| {
                    let held: Vec<DayView> = v.days.iter().filter(|d| !d.cancelled).cloned().collect();
                    let can_close = v.can_close;
                    let closed = v.closed_at;
                    let people = v.participants.clone();
                    view! {
                        <h1 class="utrecht-heading-1" data-testid="delivery-title">{v.group.name.clone()}</h1>
                        <p class="utrecht-paragraph va-summary">
                            {v.trainer.clone().map(|tr| view! { {t!("wl.trainer")}": "<strong>{tr.name}</strong>" · " })}
                            <strong>{v.participants.len()}</strong>" "{t!("tr.participants")}
                            " · "{t!("tr.rule")}" "{v.rule.max_excused}" · "{t!("tr.rule_absent")}" "{v.rule.max_absent}
                        </p>
                        {closed.map(|c| view! {
                            <div class="utrecht-alert utrecht-alert--info va-alert" role="status" data-testid="closed">
                                <p class="utrecht-paragraph">{t!("tr.closed")}" "{local_time(c)}</p>
                                <p class="utrecht-paragraph">
                                    <A href=format!("/terugkoppeling/{id}") attr:class="utrecht-link" attr:data-testid="to-feedback">{t!("tr.write_feedback")}</A>
                                </p>
                            </div>
                        })}
                        <DaysSection days=v.days.clone() closed=closed.is_some() reload=reload error=error/>
                        <section class="va-section">
                            <h2 class="utrecht-heading-2">{t!("tr.attendance")}</h2>
                            <p class="utrecht-paragraph va-muted">{t!("tr.attendance_help")}</p>
                            <Table testid="attendance" headers=vec![(k!("pros.name"), false), (k!("groups.status"), false)]>
                                {v.participants.iter().map(|p| {
                                    let status = p.status;
                                    view! {
                                        <tr class="utrecht-table__row" data-testid="attendance-row">
                                            <th class="utrecht-table__header-cell" scope="row">
                                                {p.professional.clone()}<div class="va-muted">{p.organisation.name.clone()}</div>
                                            </th>
                                            <td class="utrecht-table__cell">
                                                <span class=format!("va-status va-status--{}", status.as_str()) data-testid="participant-status">
                                                    {move || lookup(lang.get(), enrolment_status_key(status))}
                                                </span>
                                                {p.trained_on.map(|d| view! {
                                                    <div class="va-muted">{nl_date(d)}" · "
                                                        <A href=format!("/certificaat/{}", p.enrolment_id) attr:class="utrecht-link" attr:data-testid="certificate-link">{t!("tr.certificate")}</A>
                                                    </div>
                                                })}
                                                {p.reason.clone().map(|r| view! { <div class="va-muted">{r}</div> })}
                                            </td>
                                        </tr>
                                    }
                                }).collect_view()}
                            </Table>
                            {held.iter().enumerate().map(|(i, d)| view! {
                                <DayAttendance index=i day=d.clone() participants=people.clone() reload=reload error=error/>
                            }).collect_view()}
                        </section>
                        {can_close.then(|| view! {
                            <div class="va-actions va-section">
                                <button type="button" class="utrecht-button utrecht-button--primary-action" data-testid="close-group"
                                    on:click=move |_| {
                                        spawn_local(async move { reload_on_ok(reload, error)(api::close_group(id).await) });
                                    }>{t!("tr.close")}</button>
                                <span class="va-muted">{t!("tr.close_help")}</span>
                            </div>
                        })}
                    }.into_any()
                })}
    }
}

/// One held day: a mark and a note per participant, editable while the window is open.
#[component]
fn DayAttendance(index: usize, day: DayView, participants: Vec<ParticipantAttendance>, reload: RwSignal<u32>, error: RwSignal<Option<ApiError>>) -> impl IntoView {
    let lang = use_lang();
    let open = day.open_for_marking;
    let rows: Vec<(va_openapi::EnrolmentId, String, RwSignal<String>, RwSignal<String>)> = participants
        .iter()
        .filter(|p| p.status == EnrolmentStatus::Placed || p.marks.get(index).is_some_and(Option::is_some))
        .map(|p| {
            let m = p.marks.get(index).cloned().flatten();
            (
                p.enrolment_id,
                p.professional.clone(),
                RwSignal::new(m.as_ref().map(|m| m.status.as_str().to_string()).unwrap_or_default()),
                RwSignal::new(m.and_then(|m| m.note).unwrap_or_default()),
            )
        })
        .collect();
    let rows = StoredValue::new(rows);
    let day_id: TrainingDayId = day.id;
    let save = move |_| {
        let marks: Vec<MarkInput> = rows
            .get_value()
            .iter()
            .filter_map(|(id, _, status, note)| {
                AttendanceStatus::parse(&status.get_untracked()).map(|s| MarkInput {
                    enrolment_id: *id,
                    status: s,
                    note: Some(note.get_untracked()).filter(|n| !n.trim().is_empty()),
                })
            })
            .collect();
        let day_name = format!("{} {}", lookup(lang.get_untracked(), k!("tr.day")), index + 1);
        spawn_local(async move {
            let res = api::mark_attendance(day_id, &AttendanceInput { marks }).await;
            let ok = res.is_ok();
            reload_on_ok(reload, error)(res);
            if ok { crate::components::notice::confirm(k!("notice.attendance"), Some(day_name)); }
        });
    };
    view! {
        <fieldset class="utrecht-form-fieldset va-fieldset va-day" data-testid="day-attendance">
            <legend class="utrecht-form-fieldset__legend">
                {move || format!("{} {}", lookup(lang.get(), k!("tr.day")), index + 1)}": "{nl_date(day.day)}" · "{day.starts_at.clone()}"–"{day.ends_at.clone()}
                <span class="va-muted">" · "{if open { lookup(lang.get_untracked(), k!("tr.open_until")).to_string() + " " + &nl_date(day.marking_until) } else { lookup(lang.get_untracked(), k!("tr.not_open")).to_string() }}</span>
            </legend>
            <div class="va-att-grid">
                {rows.get_value().into_iter().map(|(eid, name, status, note)| {
                    let sel = format!("att-{day_id}-{eid}");
                    let note_id = format!("note-{day_id}-{eid}");
                    view! {
                        <label class="utrecht-form-label" for=sel.clone()>{name}</label>
                        <select id=sel class="utrecht-select utrecht-select--html-select" disabled=!open data-testid="mark"
                            on:change=move |ev| status.set(event_target_value(&ev))>
                            <option value="" selected=status.get_untracked().is_empty()>"—"</option>
                            {AttendanceStatus::ALL.into_iter().map(|s| view! {
                                <option value=s.as_str() selected=status.get_untracked() == s.as_str()>{move || lookup(lang.get(), mark_key(s))}</option>
                            }).collect_view()}
                        </select>
                        <label class="va-visually-hidden" for=note_id.clone()>{t!("tr.note")}</label>
                        <input id=note_id class="utrecht-textbox utrecht-textbox--html-input" disabled=!open placeholder=move || lookup(lang.get(), k!("tr.note"))
                            prop:value=move || note.get() on:input=move |ev| note.set(event_target_value(&ev))/>
                    }
                }).collect_view()}
            </div>
            {open.then(|| view! {
                <div class="va-actions">
                    <button type="button" class="utrecht-button utrecht-button--secondary-action" data-testid="save-day" on:click=save>{t!("tr.save_day")}</button>
                </div>
            })}
        </fieldset>
    }
}

/// The days with change and cancel (both need a reason; participants are told).
#[component]
fn DaysSection(days: Vec<DayView>, closed: bool, reload: RwSignal<u32>, error: RwSignal<Option<ApiError>>) -> impl IntoView {
    let today = due::today();
    view! {
        <section class="va-section">
            <h2 class="utrecht-heading-2">{t!("group.days")}</h2>
            <Table testid="days" headers=vec![(k!("group.day"), false), (k!("group.time"), false), (k!("group.place"), false), (k!("wl.trainer"), false), (k!("req.actions"), false)]>
                {days.into_iter().map(|d| {
                    let editing = RwSignal::new(false);
                    let date = RwSignal::new(d.day.format("%Y-%m-%d").to_string());
                    let starts = RwSignal::new(d.starts_at.clone());
                    let ends = RwSignal::new(d.ends_at.clone());
                    let place = RwSignal::new(d.place.clone());
                    let reason = RwSignal::new(String::new());
                    let id = d.id;
                    let change = move |_| {
                        let Ok(day) = chrono::NaiveDate::parse_from_str(&date.get_untracked(), "%Y-%m-%d") else { return };
                        let input = DayChange { day, starts_at: starts.get_untracked(), ends_at: ends.get_untracked(), place: place.get_untracked(), reason: reason.get_untracked() };
                        spawn_local(async move { reload_on_ok(reload, error)(api::change_day(id, &input).await) });
                    };
                    let cancel = move |_| {
                        let input = DayCancel { reason: reason.get_untracked() };
                        spawn_local(async move { reload_on_ok(reload, error)(api::cancel_day(id, &input).await) });
                    };
                    let cancelled = d.cancelled;
                    // A day that took place is history: no change or cancellation.
                    let past = d.day < today;
                    view! {
                        <tr class="utrecht-table__row">
                            <th class="utrecht-table__header-cell" scope="row">
                                {nl_date(d.day)}{cancelled.then(|| view! { <div><span class="va-status va-status--cancelled">{t!("tr.cancelled")}</span></div> })}
                            </th>
                            <td class="utrecht-table__cell">{d.starts_at.clone()}" – "{d.ends_at.clone()}</td>
                            <td class="utrecht-table__cell">{d.place.clone()}</td>
                            <td class="utrecht-table__cell">{d.trainer.clone().map(|t| t.name).unwrap_or_default()}</td>
                            <td class="utrecht-table__cell">
                                {(!cancelled && !closed && !past).then(|| view! {
                                    <button type="button" class="utrecht-button utrecht-button--subtle" aria-expanded=move || editing.get().to_string()
                                        on:click=move |_| editing.update(|e| *e = !*e)>{t!("tr.change")}</button>
                                })}
                            </td>
                        </tr>
                        <Show when=move || editing.get()>
                            <tr class="utrecht-table__row va-dialog-row">
                                <td class="utrecht-table__cell" colspan="5">
                                    <div class="va-form--grid">
                                        <div class="utrecht-form-field">
                                            <label class="utrecht-form-label" for=format!("day-{id}-date")>{t!("group.day")}</label>
                                            <input id=format!("day-{id}-date") type="date" class="utrecht-textbox utrecht-textbox--html-input"
                                                prop:value=move || date.get() on:input=move |ev| date.set(event_target_value(&ev))/>
                                        </div>
                                        <TextField id=leak(format!("day-{id}-starts")) label=k!("wl.starts") kind="time" value=starts/>
                                        <TextField id=leak(format!("day-{id}-ends")) label=k!("wl.ends") kind="time" value=ends/>
                                        <TextField id=leak(format!("day-{id}-place")) label=k!("group.place") value=place/>
                                        <div class="utrecht-form-field va-wide">
                                            <label class="utrecht-form-label" for=format!("day-{id}-reason")>{t!("tr.reason")}</label>
                                            <textarea id=format!("day-{id}-reason") class="utrecht-textarea utrecht-textarea--html-textarea" rows="2"
                                                prop:value=move || reason.get() on:input=move |ev| reason.set(event_target_value(&ev))></textarea>
                                        </div>
                                        <div class="va-actions">
                                            <button type="button" class="utrecht-button utrecht-button--primary-action" on:click=change>{t!("tr.save_change")}</button>
                                            <button type="button" class="utrecht-button utrecht-button--secondary-action" on:click=cancel>{t!("tr.cancel_day")}</button>
                                        </div>
                                    </div>
                                </td>
                            </tr>
                        </Show>
                    }
                }).collect_view()}
            </Table>
        </section>
    }
}

fn leak(s: String) -> &'static str {
    Box::leak(s.into_boxed_str())
}

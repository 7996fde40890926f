//! A session's page: attendance, notes and quality reflections.

use super::*;
use crate::api::{self, ApiError};
use crate::components::common::badge;
use crate::components::labels::mark_key;
use crate::components::format::{eur, local_time, nl_date};
use crate::components::common::{error_alert, param_id, reload_on_ok, Table, TextArea};
use crate::components::loaded::{load, loaded};
use crate::components::guard::RequireAnyRole;
use crate::i18n::{lookup, tr, use_lang, Key};
use crate::session::Session;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;
use va_openapi::auth::Role;
use va_openapi::followup::*;
use va_openapi::training::AttendanceStatus;
use va_openapi::{FollowupSessionId, ProfessionalId};

/// `/nazorg/sessies/:id`: attendance and notes, cancel, quality reflections.
#[component]
pub fn SessionPage() -> impl IntoView {
    let params = use_params_map();
    view! {
        <RequireAnyRole roles=FOLLOWUP_ROLES render=move |s: Session| {
            let id = FollowupSessionId(param_id(params, "id"));
            view! { <SessionDetail id=id role=s.user.role/> }
        }/>
    }
}

#[component]
pub(super) fn SessionDetail(id: FollowupSessionId, role: Role) -> impl IntoView {
    let lang = use_lang();
    let reload = RwSignal::new(0u32);
    let error: RwSignal<Option<ApiError>> = RwSignal::new(None);
    let data = load(Some(reload), move || async move { api::session(id).await });
    view! {
        <p class="utrecht-paragraph"><A href="/nazorg" attr:class="utrecht-link">{t!("fu.back")}</A></p>
        {error_alert(error)}
        {loaded(data, move |s| {
                    let kind = s.kind;
                    let status = s.status;
                    view! {
                        <h1 class="utrecht-heading-1" data-testid="session-title">{move || lookup(lang.get(), kind_key(kind))}" "{nl_date(s.day)}</h1>
                        <dl class="va-facts">
                            <dt>{t!("group.time")}</dt><dd>{s.starts_at.clone()}" – "{s.ends_at.clone()}</dd>
                            <dt>{t!("group.place")}</dt><dd>{s.place.clone()}</dd>
                            {s.group.clone().map(|g| view! { <dt>{t!("fu.group")}</dt><dd>{g.name}</dd> })}
                            <dt>{t!("wl.trainer")}</dt><dd>{s.trainer.clone().map(|t| t.name).unwrap_or_default()}</dd>
                            <dt>{t!("groups.status")}</dt><dd data-testid="session-status">{badge(status.as_str(), session_status_key(status))}</dd>
                            <dt>{t!("fu.cost")}</dt><dd>{eur(s.cost_eur)}</dd>
                            {s.reason.clone().map(|r| view! { <dt>{t!("fu.reason")}</dt><dd>{r}</dd> })}
                        </dl>
                        <SessionAttendance s=s.clone() may_cancel=matches!(role, Role::BelCoordinator | Role::Trainer) reload=reload error=error/>
                        {(kind == FollowupKind::Supervision).then(|| view! { <Reflections s=s.clone() reload=reload error=error/> })}
                    }.into_any()
                })}
    }
}

#[component]
pub(super) fn SessionAttendance(s: SessionView, may_cancel: bool, reload: RwSignal<u32>, error: RwSignal<Option<ApiError>>) -> impl IntoView {
    let lang = use_lang();
    let open = s.can_mark;
    let planned = s.status == SessionStatus::Planned;
    let rows: Vec<(ProfessionalId, String, String, RwSignal<String>, RwSignal<String>)> = s
        .participants
        .iter()
        .map(|p| {
            (
                p.professional_id,
                p.name.clone(),
                p.organisation.name.clone(),
                RwSignal::new(p.attendance.map(|a| a.as_str().to_string()).unwrap_or_default()),
                RwSignal::new(p.note.clone().unwrap_or_default()),
            )
        })
        .collect();
    let rows = StoredValue::new(rows);
    let notes = RwSignal::new(s.notes.clone().unwrap_or_default());
    let reason = RwSignal::new(String::new());
    let id = s.id;
    let save = move |_| {
        let marks = rows
            .get_value()
            .iter()
            .filter_map(|(pid, _, _, st, note)| {
                AttendanceStatus::parse(&st.get_untracked()).map(|status| SessionMark { professional_id: *pid, status, note: non_empty(note.get_untracked()) })
            })
            .collect();
        let input = SessionRecord { marks, notes: non_empty(notes.get_untracked()) };
        spawn_local(async move { reload_on_ok(reload, error)(api::record_session(id, &input).await) });
    };
    let cancel = move |_| {
        let why = reason.get_untracked();
        spawn_local(async move { reload_on_ok(reload, error)(api::cancel_session(id, why).await) });
    };
    view! {
        <section class="va-section" data-testid="session-attendance">
            <h2 class="utrecht-heading-2">{t!("tr.attendance")}</h2>
            {(!open && planned).then(|| view! { <p class="utrecht-paragraph va-muted">{t!("fu.mark_from_day")}</p> })}
            <div class="va-att-grid">
                {rows.get_value().into_iter().map(|(pid, name, org, status, note)| {
                    let sel = format!("satt-{pid}");
                    let note_id = format!("snote-{pid}");
                    view! {
                        <label class="utrecht-form-label" for=sel.clone()>{name}<div class="va-muted">{org}</div></label>
                        <select id=sel class="utrecht-select utrecht-select--html-select" disabled=!open data-testid="session-mark"
                            on:change=move |ev| status.set(event_target_value(&ev))>
                            <option value="" selected=status.get_untracked().is_empty()>"—"</option>
                            {AttendanceStatus::ALL.into_iter().map(|a| view! {
                                <option value=a.as_str() selected=status.get_untracked() == a.as_str()>{move || lookup(lang.get(), mark_key(a))}</option>
                            }).collect_view()}
                        </select>
                        <label class="va-visually-hidden" for=note_id.clone()>{t!("tr.note")}</label>
                        <input id=note_id class="utrecht-textbox utrecht-textbox--html-input" disabled=!open placeholder=move || lookup(lang.get(), k!("tr.note"))
                            prop:value=move || note.get() on:input=move |ev| note.set(event_target_value(&ev))/>
                    }
                }).collect_view()}
            </div>
            {open.then(|| view! {
                <TextArea id="session-notes".into() label=k!("fu.notes") value=notes rows=3 hint=k!("fu.no_client_data")/>
                <div class="va-actions">
                    <button type="button" class="utrecht-button utrecht-button--primary-action" data-testid="session-save" on:click=save>{t!("fu.record")}</button>
                </div>
            })}
            {(!open).then(|| s.notes.clone().map(|n| view! { <h3 class="utrecht-heading-3">{t!("fu.notes")}</h3><p class="utrecht-paragraph va-pre">{n}</p> }))}
            {(planned && may_cancel).then(|| view! {
                <details class="va-section">
                    <summary>{t!("fu.cancel")}</summary>
                    <div class="va-dialog">
                        <label class="utrecht-form-label" for="session-cancel-reason">{t!("tr.reason")}</label>
                        <textarea id="session-cancel-reason" class="utrecht-textarea utrecht-textarea--html-textarea" rows="2"
                            prop:value=move || reason.get() on:input=move |ev| reason.set(event_target_value(&ev))></textarea>
                        <div><button type="button" class="utrecht-button utrecht-button--secondary-action" on:click=cancel>{t!("fu.cancel_confirm")}</button></div>
                    </div>
                </details>
            })}
        </section>
    }
}

pub(super) const CRITERIA: [(&str, Key); 4] = [
    ("complete", k!("rf.complete")),
    ("economical", k!("rf.economical")),
    ("coherent", k!("rf.coherent")),
    ("predictive", k!("rf.predictive")),
];

/// Quality reflections on a VA a professional brought to supervision: four criteria scored 1-4.
#[component]
pub(super) fn Reflections(s: SessionView, reload: RwSignal<u32>, error: RwSignal<Option<ApiError>>) -> impl IntoView {
    let who = RwSignal::new(String::new());
    let scores: [RwSignal<String>; 4] = std::array::from_fn(|_| RwSignal::new(String::new()));
    let note = RwSignal::new(String::new());
    let id = s.id;
    let can_add = s.can_mark;
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Ok(pid) = who.get_untracked().parse::<i64>() else { return };
        let v: Vec<i32> = scores.iter().map(|s| s.get_untracked().parse().unwrap_or(0)).collect();
        let input = ReflectionInput {
            professional_id: ProfessionalId(pid),
            complete: v[0],
            economical: v[1],
            coherent: v[2],
            predictive: v[3],
            note: non_empty(note.get_untracked()),
        };
        spawn_local(async move {
            let res = api::add_reflection(id, &input).await;
            if res.is_ok() {
                note.set(String::new());
                for s in scores {
                    s.set(String::new());
                }
            }
            reload_on_ok(reload, error)(res);
        });
    };
    view! {
        <section class="va-section" data-testid="reflections">
            <h2 class="utrecht-heading-2">{t!("rf.title")}</h2>
            <p class="utrecht-paragraph va-muted">{t!("rf.help")}</p>
            {if s.reflections.is_empty() {
                view! { <p class="utrecht-paragraph va-empty">{t!("rf.none")}</p> }.into_any()
            } else {
                view! {
                    <Table headers=vec![(k!("pros.name"), false), (k!("rf.complete"), true), (k!("rf.economical"), true), (k!("rf.coherent"), true), (k!("rf.predictive"), true), (k!("tr.note"), false)]>
                        {s.reflections.iter().map(|r| view! {
                            <tr class="utrecht-table__row" data-testid="reflection-row">
                                <th class="utrecht-table__header-cell" scope="row">{r.professional.name.clone()}<div class="va-muted">{r.recorded_by.clone()}" · "{local_time(r.created_at)}</div></th>
                                <td class="utrecht-table__cell utrecht-table__cell--numeric">{r.complete}</td>
                                <td class="utrecht-table__cell utrecht-table__cell--numeric">{r.economical}</td>
                                <td class="utrecht-table__cell utrecht-table__cell--numeric">{r.coherent}</td>
                                <td class="utrecht-table__cell utrecht-table__cell--numeric">{r.predictive}</td>
                                <td class="utrecht-table__cell va-pre">{r.note.clone().unwrap_or_default()}</td>
                            </tr>
                        }).collect_view()}
                    </Table>
                }.into_any()
            }}
            {can_add.then(|| view! {
                <form class="va-form--grid va-fieldset va-section" novalidate=true on:submit=submit data-testid="reflection-form">
                    <div class="utrecht-alert utrecht-alert--warning va-wide" role="note"><p class="utrecht-paragraph">{t!("rf.no_client_data")}</p></div>
                    <div class="utrecht-form-field">
                        <label class="utrecht-form-label" for="rf-who">{t!("rf.professional")}</label>
                        <select id="rf-who" class="utrecht-select utrecht-select--html-select" on:change=move |ev| who.set(event_target_value(&ev))>
                            <option value="">"—"</option>
                            {s.participants.iter().map(|p| view! { <option value=p.professional_id.to_string()>{p.name.clone()}</option> }).collect_view()}
                        </select>
                    </div>
                    {CRITERIA.into_iter().zip(scores).map(|((key, label), score)| {
                        let id = format!("rf-{key}");
                        view! {
                            <div class="utrecht-form-field">
                                <label class="utrecht-form-label" for=id.clone()>{tr(label)}" (1–4)"</label>
                                <select id=id class="utrecht-select utrecht-select--html-select" on:change=move |ev| score.set(event_target_value(&ev))>
                                    <option value="" selected=move || score.get().is_empty()>"—"</option>
                                    {(1..=4).map(|n| view! { <option value=n.to_string()>{n}</option> }).collect_view()}
                                </select>
                            </div>
                        }
                    }).collect_view()}
                    <div class="va-wide"><TextArea id="rf-note".into() label=k!("rf.note") value=note rows=3 hint=k!("rf.note_hint")/></div>
                    <div class="va-actions">
                        <button type="submit" class="utrecht-button utrecht-button--secondary-action" data-testid="reflection-add">{t!("rf.add")}</button>
                    </div>
                </form>
            })}
        </section>
    }
}

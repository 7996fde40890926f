//! The certificate, the year's costs and the delivery settings.

use super::*;
use crate::api::{self, ApiError};
use crate::components::format::{eur, nl_date};
use crate::components::common::{error_alert, param_id, Table, TextField};
use crate::components::loaded::{load, loaded};
use crate::components::guard::RequireAnyRole;
use crate::i18n::{lookup, use_lang};
use crate::session::Session;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_params_map;
use va_openapi::followup::*;
use va_openapi::EnrolmentId;

/// `/certificaat/:id`: a printable certificate of participation for a trained professional.
#[component]
pub fn CertificatePage() -> impl IntoView {
    let params = use_params_map();
    view! {
        <RequireAnyRole roles=FOLLOWUP_ROLES render=move |_: Session| {
            let id = EnrolmentId(param_id(params, "id"));
            let data = load(None, move || async move { api::certificate(id).await });
            view! {
                {loaded(data, move |c| view! {
                            <div class="va-actions va-no-print">
                                <button type="button" class="utrecht-button utrecht-button--secondary-action"
                                    on:click=|_| { if let Some(w) = web_sys::window() { let _ = w.print(); } }>{t!("cert.print")}</button>
                            </div>
                            <article class="va-certificate" data-testid="certificate">
                                <p class="va-certificate__org">{t!("app.org")}</p>
                                <h1 class="utrecht-heading-1">{t!("cert.title")}</h1>
                                <p class="utrecht-paragraph">{t!("cert.declares")}</p>
                                <p class="va-certificate__name" data-testid="cert-name">{c.professional.clone()}</p>
                                <p class="utrecht-paragraph">{c.organisation.clone()}</p>
                                <p class="utrecht-paragraph">{t!("cert.completed")}" "<strong>{c.programme.clone()}</strong>", "{c.group.clone()}"."</p>
                                <p class="utrecht-paragraph">{t!("cert.days")}" "{c.days.iter().map(|d| nl_date(*d)).collect::<Vec<_>>().join(", ")}</p>
                                <p class="utrecht-paragraph">{t!("cert.trained_on")}" "<strong>{nl_date(c.trained_on)}</strong></p>
                                {c.trainer.clone().map(|tr| view! { <p class="va-certificate__sign">{tr}<br/><span class="va-muted">{t!("role.trainer")}</span></p> })}
                            </article>
                        }.into_any())}
            }
        }/>
    }
}

/// Spent and committed money of a year by kind, against the training budget.
#[component]
pub fn YearCosts() -> impl IntoView {
    let year = RwSignal::new(js_sys::Date::new_0().get_full_year() as i32);
    let data = load(None, move || {
        let y = year.get();
        async move { api::year_costs(y).await }
    });
    view! {
        <section class="va-section" data-testid="costs">
            <h2 class="utrecht-heading-2">{t!("cost.title")}</h2>
            <div class="utrecht-form-field va-inline-field">
                <label class="utrecht-form-label" for="cost-year">{t!("wl.year")}</label>
                <select id="cost-year" class="utrecht-select utrecht-select--html-select" on:change=move |ev| year.set(event_target_value(&ev).parse().unwrap_or_else(|_| year.get_untracked()))>
                    {{ let now = js_sys::Date::new_0().get_full_year() as i32; [now, now + 1] }.into_iter().map(|y| view! { <option value=y.to_string() selected=move || year.get() == y>{y}</option> }).collect_view()}
                </select>
            </div>
            {loaded(data, move |c| view! {
                        <p class="utrecht-paragraph va-summary" data-testid="cost-summary">
                            {t!("wl.budget")}": "<strong>{c.budget_eur.map(eur).unwrap_or_else(|| "—".into())}</strong>" · "
                            {t!("cost.spent")}": "<strong>{eur(c.spent_eur)}</strong>" · "
                            {t!("cost.committed")}": "<strong>{eur(c.committed_eur)}</strong>" · "
                            {t!("cost.remaining")}": "<strong>{eur(c.remaining_eur)}</strong>
                        </p>
                        <Table headers=vec![(k!("cost.kind"), false), (k!("cost.count"), true), (k!("cost.spent"), true), (k!("cost.committed"), true)]>
                            {c.lines.into_iter().map(|l| view! {
                                <tr class="utrecht-table__row">
                                    <th class="utrecht-table__header-cell" scope="row">{cost_label(&l.kind, l.label.clone())}</th>
                                    <td class="utrecht-table__cell utrecht-table__cell--numeric">{l.count}</td>
                                    <td class="utrecht-table__cell utrecht-table__cell--numeric">{eur(l.spent_eur)}</td>
                                    <td class="utrecht-table__cell utrecht-table__cell--numeric">{eur(l.committed_eur)}</td>
                                </tr>
                            }).collect_view()}
                        </Table>
                        <p class="utrecht-paragraph va-muted">{t!("cost.rule")}</p>
                    }.into_any())}
        </section>
    }
}

pub(super) fn cost_label(kind: &str, fallback: String) -> impl IntoView {
    let lang = use_lang();
    let key = match kind {
        "groups" => Some(k!("cost.group")),
        "training_days" => Some(k!("cost.trainer_days")),
        "supervision" => Some(k!("fk.supervision")),
        "coaching" => Some(k!("fk.coaching")),
        "deepening" => Some(k!("fk.deepening")),
        _ => None,
    };
    move || key.map(|k| lookup(lang.get(), k).to_string()).unwrap_or_else(|| fallback.clone())
}

pub(super) async fn load_delivery_settings() -> Result<(va_openapi::ProgrammeId, DeliverySettings), ApiError> {
    let programme = crate::components::programme::current().await?;
    Ok((programme, api::delivery_settings(programme).await?))
}

/// BEL's settings for delivery: the attendance window, the completion rule and the session prices.
#[component]
pub(super) fn DeliverySettingsForm() -> impl IntoView {
    let error: RwSignal<Option<ApiError>> = RwSignal::new(None);
    let saved = RwSignal::new(false);
    let data = load(None, move || load_delivery_settings());
    view! {
        <section class="va-section" data-testid="delivery-settings">
            <h2 class="utrecht-heading-2">{t!("ds.title")}</h2>
            <p class="utrecht-paragraph va-muted">{t!("ds.help")}</p>
            {loaded(data, move |(programme, s)| {
                        let window = RwSignal::new(s.attendance_window_days.to_string());
                        let excused = RwSignal::new(s.completion_max_excused.to_string());
                        let absent = RwSignal::new(s.completion_max_absent.to_string());
                        let supervision = RwSignal::new(s.supervision_session_eur.to_string());
                        let coaching = RwSignal::new(s.coaching_session_eur.to_string());
                        let deepening = RwSignal::new(s.deepening_session_eur.to_string());
                        let reminder = RwSignal::new(s.followup_reminder_weeks.to_string());
                        let day_reminder = RwSignal::new(s.day_reminder_days.to_string());
                        let save = move |ev: leptos::ev::SubmitEvent| {
                            ev.prevent_default();
                            // Unreadable numbers go to the server as -1, which it refuses with the field named.
                            let n = |v: RwSignal<String>| v.get_untracked().trim().parse::<i64>().unwrap_or(-1);
                            let small = |v: RwSignal<String>| i32::try_from(n(v)).unwrap_or(-1);
                            let input = DeliverySettings {
                                attendance_window_days: small(window),
                                completion_max_excused: small(excused),
                                completion_max_absent: small(absent),
                                supervision_session_eur: n(supervision),
                                coaching_session_eur: n(coaching),
                                deepening_session_eur: n(deepening),
                                followup_reminder_weeks: small(reminder),
                                day_reminder_days: small(day_reminder),
                            };
                            spawn_local(async move {
                                match api::save_delivery_settings(programme, &input).await {
                                    Ok(_) => {
                                        error.set(None);
                                        saved.set(true);
                                    }
                                    Err(e) => {
                                        saved.set(false);
                                        error.set(Some(e));
                                    }
                                }
                            });
                        };
                        view! {
                            <form class="va-form va-form--grid" novalidate=true on:submit=save>
                                <TextField id="ds-window" label=k!("ds.window") kind="number" value=window/>
                                <TextField id="ds-excused" label=k!("ds.excused") kind="number" value=excused/>
                                <TextField id="ds-absent" label=k!("ds.absent") kind="number" value=absent/>
                                <TextField id="ds-supervision" label=k!("ds.supervision") kind="number" value=supervision/>
                                <TextField id="ds-coaching" label=k!("ds.coaching") kind="number" value=coaching/>
                                <TextField id="ds-deepening" label=k!("ds.deepening") kind="number" value=deepening/>
                                <TextField id="ds-reminder" label=k!("ds.reminder") kind="number" value=reminder error=crate::components::common::field_error(error, "followup_reminder_weeks")/>
                                <TextField id="ds-day-reminder" label=k!("ds.day_reminder") kind="number" value=day_reminder error=crate::components::common::field_error(error, "day_reminder_days")/>
                                <div class="va-actions">
                                    <button type="submit" class="utrecht-button utrecht-button--secondary-action" data-testid="ds-save">{t!("wl.save")}</button>
                                    <Show when=move || saved.get()><span role="status" data-testid="ds-saved">{t!("ds.saved")}</span></Show>
                                </div>
                            </form>
                            {error_alert(error)}
                        }.into_any()
                    })}
        </section>
    }
}

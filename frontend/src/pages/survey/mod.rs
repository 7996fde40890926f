//! The yearly survey: BEL opens a round; ambassadors and BEL see which
//! organisations answered, fill in forms or hand them to the organisation's
//! contact; the contact answers a form handed to them.

use crate::api::{self, ApiError};
use crate::components::guard::MONITORING_ROLES;
use crate::components::common::badge;
use crate::components::labels::kind_key;
use crate::components::format::{local_time, nl_date};
use crate::components::common::{error_alert, param_id, Table, TextArea, TextField};
use crate::components::loaded::{load, loaded};
use crate::components::guard::{RequireAnyRole};
use crate::i18n::{lookup, tr, use_lang, Key};
use crate::session::Session;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;
use va_openapi::auth::Role;
use va_openapi::survey::*;
use va_openapi::{OrganisationId, SurveyRoundId, UserId};

fn status_badge(s: SurveyStatus) -> impl IntoView {
    match s {
        SurveyStatus::NotStarted => badge("planned", k!("sv.s.not_started")),
        SurveyStatus::Draft => badge("draft", k!("sv.s.draft")),
        SurveyStatus::Submitted => badge("approved", k!("sv.s.submitted")),
    }
}

/// `/monitoring/uitvraag`: rounds and the completion per organisation.
#[component]
pub fn SurveyPage() -> impl IntoView {
    view! {
        <RequireAnyRole roles=MONITORING_ROLES render=|s: Session| view! { <Rounds role=s.user.role/> }/>
    }
}

#[component]
fn Rounds(role: Role) -> impl IntoView {
    let reload = RwSignal::new(0u32);
    let error: RwSignal<Option<ApiError>> = RwSignal::new(None);
    let chosen: RwSignal<Option<SurveyRoundId>> = RwSignal::new(None);
    let data = load(None, move || {
        reload.get();
        let pick = chosen.get();
        async move {
            let rounds = api::survey_rounds().await?;
            let current = pick.or_else(|| rounds.first().map(|r| r.id));
            let overview = match current {
                Some(id) => Some(api::survey_overview(id).await?),
                None => None,
            };
            Ok::<_, ApiError>((rounds, overview))
        }
    });
    let year = RwSignal::new((chrono::Local::now().date_naive().format("%Y").to_string().parse::<i32>().unwrap_or(2027) + 1).to_string());
    let deadline = RwSignal::new(String::new());
    let open = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        // Unreadable input goes to the server as values it refuses with the field named.
        let input = NewSurveyRound {
            year: year.get_untracked().trim().parse().unwrap_or(0),
            deadline: chrono::NaiveDate::parse_from_str(&deadline.get_untracked(), "%Y-%m-%d").unwrap_or(chrono::NaiveDate::MIN),
            programme_id: crate::session::chosen_programme(),
        };
        spawn_local(async move {
            match api::open_survey(&input).await {
                Ok(r) => {
                    error.set(None);
                    chosen.set(Some(r.id));
                    reload.update(|n| *n += 1);
                }
                Err(e) => error.set(Some(e)),
            }
        });
    };
    view! {
        <p class="utrecht-paragraph"><A href="/monitoring" attr:class="utrecht-link">{t!("mon.back")}</A></p>
        <h1 class="utrecht-heading-1">{t!("sv.title")}</h1>
        <p class="utrecht-paragraph">{tr(match role { Role::BelCoordinator => k!("sv.intro.bel"), Role::Ambassador => k!("sv.intro.amb"), _ => k!("sv.intro.org") })}</p>
        {(role == Role::BelCoordinator).then(|| view! {
            <section class="va-section" data-testid="survey-open">
                <h2 class="utrecht-heading-2">{t!("sv.open")}</h2>
                <form class="va-form va-form--grid" novalidate=true on:submit=open>
                    <TextField id="sv-year" label=k!("sv.year") kind="number" value=year/>
                    <div class="utrecht-form-field">
                        <label class="utrecht-form-label" for="sv-deadline">{t!("sv.deadline")}</label>
                        <input id="sv-deadline" type="date" class="utrecht-textbox utrecht-textbox--html-input" data-testid="sv-deadline"
                            prop:value=move || deadline.get() on:input=move |ev| deadline.set(event_target_value(&ev))/>
                    </div>
                    <div class="va-actions"><button type="submit" class="utrecht-button utrecht-button--primary-action" data-testid="sv-open">{t!("sv.open_button")}</button></div>
                </form>
            </section>
        })}
        {error_alert(error)}
        {loaded(data, move |v| match v {
                (rounds, _) if rounds.is_empty() => view! { <p class="utrecht-paragraph va-empty">{t!("sv.none")}</p> }.into_any(),
                (rounds, overview) => {
                    let current = overview.as_ref().map(|o| o.round.id);
                    view! {
                        {(rounds.len() > 1).then(|| view! {
                            <div class="utrecht-form-field">
                                <label class="utrecht-form-label" for="sv-round">{t!("sv.round")}</label>
                                <select id="sv-round" class="utrecht-select utrecht-select--html-select"
                                    on:change=move |ev| chosen.set(event_target_value(&ev).parse().ok().map(SurveyRoundId))>
                                    {rounds.iter().map(|r| view! { <option value=r.id.to_string() selected=Some(r.id) == current>{r.year}</option> }).collect_view()}
                                </select>
                            </div>
                        })}
                        {overview.map(|o| view! { <Overview o=o/> })}
                    }.into_any()
                }
            ,
        })}
    }
}

#[component]
fn Overview(o: SurveyOverview) -> impl IntoView {
    let lang = use_lang();
    let r = o.round.clone();
    view! {
        <section class="va-section" data-testid="survey-overview">
            <h2 class="utrecht-heading-2">{t!("sv.round")}" "{r.year}</h2>
            {r.programme.clone().map(|p| view! { <p class="utrecht-paragraph va-muted" data-testid="sv-programme">{t!("adm.programme")}": "{p.name}</p> })}
            <p class="utrecht-paragraph">
                {t!("sv.deadline")}": "<strong>{nl_date(r.deadline)}</strong>" · "
                <span data-testid="sv-completion">{move || lookup(lang.get(), k!("sv.completion")).replace("{s}", &r.submitted.to_string()).replace("{t}", &r.total.to_string())}</span>
            </p>
            <crate::components::exports::Exports list="survey"/>
            <progress class="va-progress" max=r.total.max(1) value=r.submitted aria-label=move || lookup(lang.get(), k!("sv.progress"))></progress>
            {r.reminder_before_at.map(|at| view! { <p class="utrecht-paragraph va-muted">{t!("sv.reminded_before")}" "{local_time(at)}</p> })}
            {r.reminder_after_at.map(|at| view! { <p class="utrecht-paragraph va-muted">{t!("sv.reminded_after")}" "{local_time(at)}</p> })}
            <Table headers=vec![(k!("mon.org"), false), (k!("mon.kind"), false), (k!("mon.region"), false), (k!("groups.status"), false), (k!("sv.delegated"), false), (k!("sv.submitted_at"), false), (k!("req.actions"), false)] testid="survey-lines">
                {o.lines.into_iter().map(|l| {
                    let href = format!("/monitoring/uitvraag/{}/{}", r.id, l.organisation.id);
                    let kind = kind_key(l.kind);
                    view! {
                        <tr class="utrecht-table__row" data-testid="survey-line">
                            <th scope="row" class="utrecht-table__header-cell">{l.organisation.name.clone()}</th>
                            <td class="utrecht-table__cell">{move || lookup(lang.get(), kind)}</td>
                            <td class="utrecht-table__cell">{va_openapi::monitoring::region_label(l.region.as_ref())}</td>
                            <td class="utrecht-table__cell">{status_badge(l.status)}</td>
                            <td class="utrecht-table__cell">{l.delegated_to.map(|u| u.name).unwrap_or_default()}</td>
                            <td class="utrecht-table__cell">{l.submitted_at.map(local_time).unwrap_or_default()}</td>
                            <td class="utrecht-table__cell"><A href=href attr:class="utrecht-link">{tr(if l.can_answer { k!("sv.answer") } else { k!("sv.view") })}</A></td>
                        </tr>
                    }
                }).collect_view()}
            </Table>
        </section>
    }
}

/// `/monitoring/uitvraag/:round/:org`: one organisation's form.
#[component]
pub fn SurveyFormPage() -> impl IntoView {
    let params = use_params_map();
    view! {
        <RequireAnyRole roles=MONITORING_ROLES render=move |_: Session| {
            let round = SurveyRoundId(param_id(params, "round"));
            let org = OrganisationId(param_id(params, "org"));
            view! { <Form round=round org=org/> }
        }/>
    }
}

fn num<T: ToString>(v: Option<T>) -> String {
    v.map(|x| x.to_string()).unwrap_or_default()
}

#[component]
fn Form(round: SurveyRoundId, org: OrganisationId) -> impl IntoView {
    let reload = RwSignal::new(0u32);
    let error: RwSignal<Option<ApiError>> = RwSignal::new(None);
    let saved: RwSignal<Option<Key>> = RwSignal::new(None);
    let data = load(Some(reload), move || async move { api::survey_form(round, org).await });
    view! {
        <p class="utrecht-paragraph"><A href="/monitoring/uitvraag" attr:class="utrecht-link">{t!("sv.back")}</A></p>
        {loaded(data, move |f| {
                    let a = f.answers.clone();
                    let trained = RwSignal::new(num(a.trained));
                    let note = RwSignal::new(a.trained_note.clone().unwrap_or_default());
                    let doing = RwSignal::new(num(a.doing_vas));
                    let still = RwSignal::new(num(a.still_to_train));
                    let vas = RwSignal::new(num(a.vas_done));
                    let needed = RwSignal::new(a.hours_needed.map(|h| h.to_string().replace('.', ",")).unwrap_or_default());
                    let available = RwSignal::new(a.hours_available.map(|h| h.to_string().replace('.', ",")).unwrap_or_default());
                    let bottlenecks = RwSignal::new(a.bottlenecks.clone().unwrap_or_default());
                    let success = RwSignal::new(a.success_factors.clone().unwrap_or_default());
                    let can = f.line.can_answer;
                    let save = move |submit: bool| {
                        // Empty stays empty; unreadable numbers go as -1, which the server refuses with the field named.
                        let int = |v: RwSignal<String>| { let s = v.get_untracked(); let s = s.trim(); (!s.is_empty()).then(|| s.parse::<i32>().unwrap_or(-1)) };
                        let dec = |v: RwSignal<String>| { let s = v.get_untracked().trim().replace(',', "."); (!s.is_empty()).then(|| s.parse::<f64>().unwrap_or(-1.0)) };
                        let text = |v: RwSignal<String>| Some(v.get_untracked()).filter(|s| !s.trim().is_empty());
                        let input = SurveySave {
                            answers: SurveyAnswers {
                                trained: int(trained), trained_note: text(note), doing_vas: int(doing), still_to_train: int(still), vas_done: int(vas),
                                hours_needed: dec(needed), hours_available: dec(available), bottlenecks: text(bottlenecks), success_factors: text(success),
                            },
                            submit,
                        };
                        spawn_local(async move {
                            match api::save_survey(round, org, &input).await {
                                Ok(_) => { error.set(None); saved.set(Some(if submit { k!("sv.submitted") } else { k!("sv.saved") })); reload.update(|n| *n += 1); }
                                Err(e) => { saved.set(None); error.set(Some(e)); }
                            }
                        });
                    };
                    view! {
                        <h1 class="utrecht-heading-1">{t!("sv.form_title")}" "{f.round.year}": "{f.line.organisation.name.clone()}</h1>
                        <p class="utrecht-paragraph">{status_badge(f.line.status)}" · "{t!("sv.deadline")}" "{nl_date(f.round.deadline)}
                            {f.submitted_by.clone().map(|b| view! { " · "{t!("sv.submitted_by")}" "{b} })}</p>
                        {(!can).then(|| view! { <div class="utrecht-alert utrecht-alert--info va-alert"><p class="utrecht-paragraph">{t!("sv.read_only")}</p></div> })}
                        {f.can_delegate.then(|| view! { <Delegate form=f.clone() reload=reload error=error/> })}
                        {move || saved.get().map(|k| view! { <div class="utrecht-alert utrecht-alert--info va-alert" role="status" data-testid="sv-saved"><p class="utrecht-paragraph">{tr(k)}</p></div> })}
                        {error_alert(error)}
                        <form class="va-form" novalidate=true on:submit=move |ev: leptos::ev::SubmitEvent| { ev.prevent_default(); save(true); }>
                            <fieldset class="va-fieldset" disabled=!can>
                                <legend class="utrecht-heading-3">{t!("sv.people")}</legend>
                                <div class="va-form--grid">
                                    <TextField id="sv-trained" label=k!("sv.trained") kind="number" value=trained/>
                                    <TextField id="sv-doing" label=k!("sv.doing") kind="number" value=doing/>
                                    <TextField id="sv-still" label=k!("sv.still") kind="number" value=still/>
                                    <TextField id="sv-vas" label=k!("sv.vas") kind="number" value=vas/>
                                </div>
                                <p class="utrecht-paragraph va-muted" data-testid="sv-system">{t!("sv.in_system")}" "{f.trained_in_system}</p>
                                <TextArea id="sv-note".to_string() label=k!("sv.note") value=note rows=2 hint=k!("sv.note_hint")/>
                            </fieldset>
                            <fieldset class="va-fieldset" disabled=!can>
                                <legend class="utrecht-heading-3">{t!("sv.capacity")}</legend>
                                <div class="va-form--grid">
                                    <TextField id="sv-needed" label=k!("sv.needed") value=needed/>
                                    <TextField id="sv-available" label=k!("sv.available") value=available/>
                                </div>
                                <TextArea id="sv-bottlenecks".to_string() label=k!("sv.bottlenecks") value=bottlenecks/>
                                <TextArea id="sv-success".to_string() label=k!("sv.success") value=success/>
                            </fieldset>
                            {can.then(|| view! {
                                <div class="va-actions">
                                    <button type="button" class="utrecht-button utrecht-button--secondary-action" data-testid="sv-draft" on:click=move |_| save(false)>{t!("sv.save_draft")}</button>
                                    <button type="submit" class="utrecht-button utrecht-button--primary-action" data-testid="sv-submit">{t!("sv.submit")}</button>
                                </div>
                            })}
                        </form>
                    }.into_any()
                })}
    }
}

#[component]
fn Delegate(form: SurveyForm, reload: RwSignal<u32>, error: RwSignal<Option<ApiError>>) -> impl IntoView {
    let chosen = RwSignal::new(form.contacts.first().map(|c| c.id.to_string()).unwrap_or_default());
    let round = form.round.id;
    let org = form.line.organisation.id;
    let send = move |user: Option<UserId>| {
        spawn_local(async move {
            match api::delegate_survey(round, org, &SurveyDelegate { user_id: user }).await {
                Ok(_) => { error.set(None); reload.update(|n| *n += 1); }
                Err(e) => error.set(Some(e)),
            }
        });
    };
    view! {
        <section class="va-card" data-testid="sv-delegate">
            <h2 class="utrecht-heading-3">{t!("sv.delegate_title")}</h2>
            {match form.line.delegated_to.clone() {
                Some(u) => view! {
                    <p class="utrecht-paragraph">{t!("sv.delegated_to")}" "<strong>{u.name}</strong></p>
                    <button type="button" class="utrecht-button utrecht-button--subtle" on:click=move |_| send(None)>{t!("sv.take_back")}</button>
                }.into_any(),
                None if form.contacts.is_empty() => view! { <p class="utrecht-paragraph va-muted">{t!("sv.no_contacts")}</p> }.into_any(),
                None => view! {
                    <p class="utrecht-paragraph va-muted">{t!("sv.delegate_help")}</p>
                    <div class="va-form--inline">
                        <div class="utrecht-form-field">
                            <label class="utrecht-form-label" for="sv-contact">{t!("sv.contact")}</label>
                            <select id="sv-contact" class="utrecht-select utrecht-select--html-select" prop:value=move || chosen.get() on:change=move |ev| chosen.set(event_target_value(&ev))>
                                {form.contacts.iter().map(|c| view! { <option value=c.id.to_string()>{c.name.clone()}</option> }).collect_view()}
                            </select>
                        </div>
                        <button type="button" class="utrecht-button utrecht-button--secondary-action" data-testid="sv-delegate-button"
                            on:click=move |_| send(chosen.get_untracked().parse().ok().map(UserId))>{t!("sv.delegate")}</button>
                    </div>
                }.into_any(),
            }}
        </section>
    }
}

//! BEL: programmes and their training groups (`/bel/beheer`), and one group's
//! plan with its days (`/bel/beheer/groepen/:id`, in `group.rs`).

mod edit;
mod form;
mod group;
mod organisations;

pub use group::GroupPlanPage;
pub use organisations::OrganisationsPage;

use crate::api::{self, ApiError};
use crate::components::common::{error_alert, Table, TextField};
use crate::components::format::nl_date;
use crate::components::guard::RequireRole;
use crate::components::labels::{course_key, group_status_key};
use crate::components::loaded::{load, loaded};
use crate::i18n::{lookup, tr, use_lang, Key};
use crate::session::Session;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use va_openapi::admin::{CourseType, ProgrammeInput};
use va_openapi::auth::Role;
use va_openapi::ProgrammeId;

#[component]
pub fn AdminPage() -> impl IntoView {
    view! { <RequireRole role=Role::BelCoordinator render=|_: Session| view! { <Programmes/> }/> }
}

/// The announced result of the last action on this page.
pub(super) fn done_alert(done: RwSignal<Option<Key>>) -> impl IntoView {
    move || done.get().map(|k| view! {
        <div class="utrecht-alert utrecht-alert--ok" role="status" data-testid="admin-ok"><p class="utrecht-paragraph">{tr(k)}</p></div>
    })
}

#[component]
fn Programmes() -> impl IntoView {
    let lang = use_lang();
    let reload = RwSignal::new(0u32);
    let error: RwSignal<Option<ApiError>> = RwSignal::new(None);
    let done: RwSignal<Option<Key>> = RwSignal::new(None);
    let chosen: RwSignal<Option<ProgrammeId>> = RwSignal::new(None);
    let data = load(Some(reload), move || async move {
        Ok::<_, ApiError>((api::programmes().await?, api::regions().await?, api::trainers().await?))
    });
    let name = RwSignal::new(String::new());
    let course = RwSignal::new(CourseType::VaTraining);
    let starts = RwSignal::new(String::new());
    let ends = RwSignal::new(String::new());
    let size = RwSignal::new("16".to_string());
    // The form makes a new programme, or changes the one chosen with "Wijzigen".
    let editing: RwSignal<Option<ProgrammeId>> = RwSignal::new(None);
    let create = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let (Ok(s), Ok(e)) = (starts.get_untracked().parse(), ends.get_untracked().parse()) else {
            error.set(Some(ApiError::Problem(form::missing(&[("starts_on", starts.get_untracked()), ("ends_on", ends.get_untracked())]))));
            return;
        };
        let input = ProgrammeInput {
            name: name.get_untracked(),
            course_type: course.get_untracked(),
            starts_on: s,
            ends_on: e,
            default_group_size: size.get_untracked().trim().parse().unwrap_or(0),
        };
        let id = editing.get_untracked();
        spawn_local(async move {
            let res = match id {
                Some(id) => api::update_programme(id, &input).await,
                None => api::create_programme(&input).await,
            };
            match res {
                Ok(p) => {
                    error.set(None);
                    done.set(Some(if id.is_some() { k!("adm.programme_saved") } else { k!("adm.programme_created") }));
                    chosen.set(Some(p.id));
                    editing.set(None);
                    name.set(String::new());
                    reload.update(|n| *n += 1);
                }
                Err(e) => {
                    done.set(None);
                    error.set(Some(e));
                }
            }
        });
    };
    let err = move |field: &'static str| crate::components::common::field_error(error, field);
    view! {
        <h1 class="utrecht-heading-1">{t!("adm.title")}</h1>
        <p class="utrecht-paragraph utrecht-paragraph--lead">{t!("adm.intro")}</p>
        {move || done.get().filter(|k| *k == k!("adm.programme_created") || *k == k!("adm.programme_saved")).map(|k| view! {
            <div class="utrecht-alert utrecht-alert--ok" role="status" data-testid="admin-ok"><p class="utrecht-paragraph">{tr(k)}</p></div>
        })}
        {error_alert(error)}
        {loaded(data, move |(programmes, regions, trainers)| {
            let current = chosen.get_untracked().or_else(|| programmes.last().map(|p| p.id));
            let listed = programmes.clone();
            view! {
                <section class="va-section" aria-labelledby="prog-title">
                    <h2 class="utrecht-heading-2" id="prog-title">{t!("adm.programmes")}</h2>
                    <Table testid="programmes" headers=vec![(k!("pros.name"), false), (k!("adm.course"), false), (k!("groups.period"), false), (k!("adm.size"), true), (k!("req.actions"), false)]>
                        {listed.iter().map(|p| {
                            let c = p.course_type;
                            let row = p.clone();
                            let label = p.name.clone();
                            let edit = move |_| {
                                editing.set(Some(row.id));
                                name.set(row.name.clone());
                                course.set(row.course_type);
                                starts.set(row.starts_on.to_string());
                                ends.set(row.ends_on.to_string());
                                size.set(row.default_group_size.to_string());
                            };
                            view! {
                                <tr class="utrecht-table__row">
                                    <th class="utrecht-table__header-cell" scope="row">{p.name.clone()}</th>
                                    <td class="utrecht-table__cell">{move || lookup(lang.get(), course_key(c))}</td>
                                    <td class="utrecht-table__cell">{format!("{} – {}", nl_date(p.starts_on), nl_date(p.ends_on))}</td>
                                    <td class="utrecht-table__cell utrecht-table__cell--numeric">{p.default_group_size}</td>
                                    <td class="utrecht-table__cell">
                                        <button type="button" class="utrecht-button utrecht-button--subtle" on:click=edit
                                            aria-label=move || format!("{} {}", lookup(lang.get(), k!("org.change")), label)>{t!("org.change")}</button>
                                    </td>
                                </tr>
                            }
                        }).collect_view()}
                    </Table>
                    <details class="va-details" prop:open=move || editing.get().is_some()>
                        <summary>{move || lookup(lang.get(), if editing.get().is_some() { k!("adm.edit_programme") } else { k!("adm.new_programme") })}</summary>
                        <form class="va-form va-form--grid" on:submit=create novalidate=true data-testid="programme-form">
                            <TextField id="pg-name" required=true label=k!("pros.name") value=name error=err("name")/>
                            {form::select("pg-course", k!("adm.course"), CourseType::ALL.iter().map(|c| (c.as_str().to_string(), course_key(*c))).collect(),
                                Signal::derive(move || course.get().as_str().to_string()), move |v| course.set(CourseType::parse(&v).unwrap_or(CourseType::VaTraining)))}
                            {form::date("pg-starts", k!("adm.starts"), starts, err("starts_on"))}
                            {form::date("pg-ends", k!("adm.ends"), ends, err("ends_on"))}
                            <TextField id="pg-size" required=true label=k!("adm.size") kind="number" value=size error=err("default_group_size")/>
                            <div class="va-actions">
                                <button type="submit" class="utrecht-button utrecht-button--primary-action" data-testid="programme-create">
                                    {move || lookup(lang.get(), if editing.get().is_some() { k!("org.save") } else { k!("adm.create_programme") })}
                                </button>
                            </div>
                        </form>
                    </details>
                </section>
                {current.map(|pid| {
                    let default_size = programmes.iter().find(|p| p.id == pid).map(|p| p.default_group_size).unwrap_or(16);
                    view! {
                        <section class="va-section" aria-labelledby="groups-title">
                            <h2 class="utrecht-heading-2" id="groups-title">{t!("adm.groups_of")}</h2>
                            <div class="utrecht-form-field">
                                <div class="utrecht-form-field__label"><label class="utrecht-form-label" for="adm-programme">{t!("adm.programme")}</label></div>
                                <div class="utrecht-form-field__input">
                                    <select id="adm-programme" class="utrecht-select utrecht-select--html-select" data-testid="adm-programme"
                                        on:change=move |ev| { chosen.set(event_target_value(&ev).parse().ok().map(ProgrammeId)); reload.update(|n| *n += 1); }>
                                        {programmes.iter().map(|p| view! { <option value=p.id.0.to_string() selected=p.id == pid>{p.name.clone()}</option> }).collect_view()}
                                    </select>
                                </div>
                            </div>
                            <GroupList programme=pid/>
                            <form::NewGroupForm programme=pid default_size regions=regions.clone() trainers=trainers.clone() reload done/>
                        </section>
                    }
                })}
            }.into_any()
        })}
    }
}

#[component]
fn GroupList(programme: ProgrammeId) -> impl IntoView {
    let lang = use_lang();
    let groups = load(None, move || api::groups(programme));
    view! {
        {loaded(groups, move |groups| {
            if groups.is_empty() {
                return view! { <p class="utrecht-paragraph va-empty">{t!("adm.no_groups")}</p> }.into_any();
            }
            view! {
                <Table testid="admin-groups" headers=vec![(k!("groups.name"), false), (k!("groups.period"), false), (k!("groups.status"), false), (k!("groups.capacity"), true), (k!("req.actions"), false)]>
                    {groups.into_iter().map(|g| {
                        let s = g.status;
                        view! {
                            <tr class="utrecht-table__row">
                                <th class="utrecht-table__header-cell" scope="row">{g.name.clone()}</th>
                                <td class="utrecht-table__cell">{format!("{} – {}", nl_date(g.starts_on), nl_date(g.ends_on))}</td>
                                <td class="utrecht-table__cell">{move || lookup(lang.get(), group_status_key(s))}</td>
                                <td class="utrecht-table__cell utrecht-table__cell--numeric">{format!("{}/{}", g.seats_taken, g.capacity)}</td>
                                <td class="utrecht-table__cell">
                                    <A href=format!("/bel/beheer/groepen/{}", g.id) attr:class="utrecht-link">{t!("adm.plan")}<span class="va-visually-hidden">" "{g.name.clone()}</span></A>
                                </td>
                            </tr>
                        }
                    }).collect_view()}
                </Table>
            }.into_any()
        })}
    }
}

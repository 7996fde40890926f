//! `/bel/organisaties`: BEL's organisations: the list, a new one or a change
//! in one form, retiring and reactivating, and a CSV import with a preview
//! that names each bad line.

use crate::api::{self, ApiError};
use crate::components::common::{badge, error_alert, Table, TextField};
use crate::components::guard::RequireRole;
use crate::components::labels::kind_key;
use crate::components::loaded::{load, loaded};
use crate::i18n::{lookup, tr, use_lang, Key};
use crate::session::Session;
use leptos::prelude::*;
use leptos::task::spawn_local;
use va_openapi::admin::{OrganisationImport, OrganisationImportAction as Action, OrganisationInput};
use va_openapi::auth::Role;
use va_openapi::reference::{Organisation, OrganisationKind};
use va_openapi::{OrganisationId, RegionId};

#[component]
pub fn OrganisationsPage() -> impl IntoView {
    view! { <RequireRole role=Role::BelCoordinator render=|_: Session| view! { <Organisations/> }/> }
}

fn action_key(a: Action) -> (&'static str, Key) {
    match a {
        Action::New => ("open", k!("org.a.new")),
        Action::Changed => ("placed", k!("org.a.changed")),
        Action::Unchanged => ("planned", k!("org.a.unchanged")),
        Action::Skipped => ("rejected", k!("org.a.skipped")),
    }
}

fn problem_key(p: &str) -> Key {
    match p {
        "missing_name" => k!("imp.p.missing_name"),
        "bad_kind" => k!("org.p.bad_kind"),
        "bad_region" => k!("org.p.bad_region"),
        "region_required" => k!("org.p.region_required"),
        "duplicate" => k!("org.p.duplicate"),
        _ => k!("field.too_long"),
    }
}

#[component]
fn Organisations() -> impl IntoView {
    let lang = use_lang();
    let reload = RwSignal::new(0u32);
    let error: RwSignal<Option<ApiError>> = RwSignal::new(None);
    let done: RwSignal<Option<(Key, String)>> = RwSignal::new(None);
    let data = load(Some(reload), move || async move { Ok::<_, ApiError>((api::organisations().await?, api::regions().await?)) });
    // The form: a new organisation, or the one being changed.
    let editing: RwSignal<Option<OrganisationId>> = RwSignal::new(None);
    let name = RwSignal::new(String::new());
    let kind = RwSignal::new(OrganisationKind::Municipality);
    let region = RwSignal::new(String::new());
    let save = move |input: OrganisationInput, id: Option<OrganisationId>, key: Key| {
        spawn_local(async move {
            let res = match id {
                Some(id) => api::update_organisation(id, &input).await,
                None => api::create_organisation(&input).await,
            };
            match res {
                Ok(o) => {
                    error.set(None);
                    done.set(Some((key, o.name)));
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
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let input = OrganisationInput { name: name.get_untracked(), kind: kind.get_untracked(), region_id: region.get_untracked().parse().ok().map(RegionId), active: true };
        let id = editing.get_untracked();
        save(input, id, if id.is_some() { k!("org.saved") } else { k!("org.created") });
    };
    let edit = move |o: &Organisation| {
        editing.set(Some(o.id));
        name.set(o.name.clone());
        kind.set(o.kind);
        region.set(o.region_id.map(|r| r.0.to_string()).unwrap_or_default());
    };
    let err = move |field: &'static str| crate::components::common::field_error(error, field);
    view! {
        <h1 class="utrecht-heading-1">{t!("org.title")}</h1>
        <p class="utrecht-paragraph utrecht-paragraph--lead">{t!("org.intro")}</p>
        <p class="utrecht-paragraph"><leptos_router::components::A href="/organisatie/aanmelden" attr:class="utrecht-link">{t!("nav.on_behalf")}</leptos_router::components::A></p>
        {move || done.get().map(|(k, who)| view! {
            <div class="utrecht-alert utrecht-alert--ok" role="status" data-testid="org-ok"><p class="utrecht-paragraph">{tr(k)}": "<strong>{who}</strong></p></div>
        })}
        {error_alert(error)}
        {loaded(data, move |(orgs, regions)| {
            let region_name = {
                let regions = regions.clone();
                move |r: Option<RegionId>| r.and_then(|r| regions.iter().find(|x| x.id == r).map(|x| x.name.clone()))
            };
            view! {
                <section class="va-section" aria-labelledby="org-form-title">
                    <h2 class="utrecht-heading-2" id="org-form-title">{move || lookup(lang.get(), if editing.get().is_some() { k!("org.edit") } else { k!("org.new") })}</h2>
                    <form class="va-form va-form--grid" on:submit=submit novalidate=true data-testid="org-form">
                        <TextField id="org-name" required=true label=k!("pros.name") value=name error=err("name")/>
                        <div class="utrecht-form-field">
                            <div class="utrecht-form-field__label"><label class="utrecht-form-label" for="org-kind">{t!("org.kind")}</label></div>
                            <div class="utrecht-form-field__input">
                                <select id="org-kind" class="utrecht-select utrecht-select--html-select" on:change=move |ev| kind.set(OrganisationKind::parse(&event_target_value(&ev)).unwrap_or(OrganisationKind::Other))>
                                    {OrganisationKind::ALL.into_iter().map(|k| view! { <option value=k.as_str() selected=move || kind.get() == k>{tr(kind_key(k))}</option> }).collect_view()}
                                </select>
                            </div>
                        </div>
                        <div class="utrecht-form-field">
                            <div class="utrecht-form-field__label"><label class="utrecht-form-label" for="org-region">{t!("groups.region")}</label></div>
                            <div class="utrecht-form-field__input">
                                <select id="org-region" class="utrecht-select utrecht-select--html-select" aria-describedby="org-region-err"
                                    aria-invalid=move || err("region_id").get().map(|_| "true") on:change=move |ev| region.set(event_target_value(&ev))>
                                    <option value="" selected=move || region.get().is_empty()>{t!("region.none")}</option>
                                    {regions.iter().map(|r| { let v = r.id.0.to_string(); let v2 = v.clone(); view! { <option value=v selected=move || region.get() == v2>{r.name.clone()}</option> } }).collect_view()}
                                </select>
                            </div>
                            <p class="utrecht-form-field-error-message" id="org-region-err">{move || err("region_id").get()}</p>
                        </div>
                        <div class="va-actions">
                            <button type="submit" class="utrecht-button utrecht-button--primary-action" data-testid="org-save">
                                {move || lookup(lang.get(), if editing.get().is_some() { k!("org.save") } else { k!("org.create") })}
                            </button>
                        </div>
                    </form>
                </section>
                <section class="va-section" aria-labelledby="org-list-title">
                    <h2 class="utrecht-heading-2" id="org-list-title">{t!("org.list")}" ("{orgs.len()}")"</h2>
                    <Table testid="org-list" headers=vec![(k!("pros.name"), false), (k!("org.kind"), false), (k!("groups.region"), false), (k!("groups.status"), false), (k!("req.actions"), false)]>
                        {orgs.into_iter().map(|o| {
                            let region = region_name(o.region_id).unwrap_or_else(|| lookup(lang.get_untracked(), k!("region.none")).to_string());
                            let flip = OrganisationInput { name: o.name.clone(), kind: o.kind, region_id: o.region_id, active: !o.active };
                            let (id, active, k, label) = (o.id, o.active, o.kind, o.name.clone());
                            let label2 = label.clone();
                            let row = o.clone();
                            view! {
                                <tr class="utrecht-table__row">
                                    <th class="utrecht-table__header-cell" scope="row">{o.name.clone()}</th>
                                    <td class="utrecht-table__cell">{tr(kind_key(k))}</td>
                                    <td class="utrecht-table__cell">{region}</td>
                                    <td class="utrecht-table__cell">{if active { badge("open", k!("org.active")) } else { badge("rejected", k!("org.retired")) }}</td>
                                    <td class="utrecht-table__cell va-row-actions">
                                        <button type="button" class="utrecht-button utrecht-button--subtle" aria-label=move || format!("{} {}", lookup(lang.get(), k!("org.change")), label)
                                            on:click=move |_| edit(&row)>{t!("org.change")}</button>
                                        <button type="button" class="utrecht-button utrecht-button--secondary-action" data-testid=format!("org-flip-{id}")
                                            aria-label=move || format!("{} {}", lookup(lang.get(), if active { k!("org.retire") } else { k!("org.reactivate") }), label2)
                                            on:click=move |_| save(flip.clone(), Some(id), if active { k!("org.retired_done") } else { k!("org.reactivated") })>
                                            {tr(if active { k!("org.retire") } else { k!("org.reactivate") })}
                                        </button>
                                    </td>
                                </tr>
                            }
                        }).collect_view()}
                    </Table>
                </section>
            }.into_any()
        })}
        <Import reload/>
    }
}

#[component]
fn Import(reload: RwSignal<u32>) -> impl IntoView {
    let lang = use_lang();
    let csv: RwSignal<Option<String>> = RwSignal::new(None);
    let report: RwSignal<Option<OrganisationImport>> = RwSignal::new(None);
    let error: RwSignal<Option<ApiError>> = RwSignal::new(None);
    let run = move |write: bool| {
        spawn_local(async move {
            let text = match (write, csv.get_untracked()) {
                (true, Some(t)) => Some(t),
                _ => api::chosen_file_text("org-file").await,
            };
            let Some(text) = text else {
                error.set(Some(ApiError::Problem(super::form::missing(&[("csv", String::new())]))));
                return;
            };
            csv.set(Some(text.clone()));
            match api::import_organisations(text, write).await {
                Ok(r) => {
                    error.set(None);
                    if r.written {
                        reload.update(|n| *n += 1);
                    }
                    report.set(Some(r));
                }
                Err(e) => error.set(Some(e)),
            }
        });
    };
    view! {
        <section class="va-section" aria-labelledby="org-import-title">
            <h2 class="utrecht-heading-2" id="org-import-title">{t!("org.import")}</h2>
            <p class="utrecht-paragraph">{t!("org.import_intro")}</p>
            <pre class="va-example">"naam;soort;regio\nGemeente Peel en Maas;gemeente;Noord-Limburg\nXonar;zorgaanbieder;"</pre>
            <div class="utrecht-form-field">
                <label class="utrecht-form-label" for="org-file">{t!("imp.file")}</label>
                <input id="org-file" type="file" accept=".csv,text/csv" class="utrecht-textbox" data-testid="org-file" on:change=move |_| { csv.set(None); report.set(None); }/>
            </div>
            <div class="va-actions">
                <button type="button" class="utrecht-button utrecht-button--secondary-action" data-testid="org-preview" on:click=move |_| run(false)>{t!("imp.preview")}</button>
                {move || report.get().filter(|r| !r.written && r.new + r.changed > 0).map(|r| view! {
                    <button type="button" class="utrecht-button utrecht-button--primary-action" data-testid="org-import" on:click=move |_| run(true)>
                        {move || lookup(lang.get(), k!("imp.run")).replace("{n}", &(r.new + r.changed).to_string())}
                    </button>
                })}
            </div>
            {error_alert(error)}
            {move || report.get().map(|r| view! {
                <div class="utrecht-alert utrecht-alert--info va-alert" role="status" data-testid="org-import-summary">
                    <p class="utrecht-paragraph">
                        {tr(if r.written { k!("imp.done") } else { k!("imp.would") })}" "
                        {move || lookup(lang.get(), k!("org.counts")).replace("{n}", &r.new.to_string()).replace("{c}", &r.changed.to_string()).replace("{u}", &r.unchanged.to_string()).replace("{s}", &r.skipped.to_string())}
                    </p>
                </div>
                <Table headers=vec![(k!("imp.line"), true), (k!("imp.name"), false), (k!("org.kind"), false), (k!("groups.region"), false), (k!("imp.action"), false), (k!("imp.problems"), false)] testid="org-import-rows">
                    {r.rows.into_iter().map(|row| {
                        let (class, key) = action_key(row.action);
                        let problems = row.problems.clone();
                        view! {
                            <tr class="utrecht-table__row">
                                <td class="utrecht-table__cell utrecht-table__cell--numeric">{row.line}</td>
                                <th scope="row" class="utrecht-table__header-cell">{row.name}</th>
                                <td class="utrecht-table__cell">{row.kind.map(|k| lookup(lang.get_untracked(), kind_key(k))).unwrap_or_default()}</td>
                                <td class="utrecht-table__cell">{row.region.unwrap_or_default()}</td>
                                <td class="utrecht-table__cell">{badge(class, key)}</td>
                                <td class="utrecht-table__cell">{move || problems.iter().map(|p| lookup(lang.get(), problem_key(p))).collect::<Vec<_>>().join("; ")}</td>
                            </tr>
                        }
                    }).collect_view()}
                </Table>
            })}
        </section>
    }
}

//! The import of professionals trained before the programme.

use crate::api::{self, ApiError};
use crate::components::common::badge;
use crate::components::format::nl_date;
use crate::components::common::{error_alert, Table};
use crate::components::guard::RequireRole;
use crate::i18n::{lookup, tr, use_lang, Key};
use crate::session::Session;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use va_openapi::auth::Role;
use va_openapi::monitoring::*;

pub(super) fn action_key(a: ImportAction) -> (&'static str, Key) {
    match a {
        ImportAction::Create => ("open", k!("imp.a.create")),
        ImportAction::Mark => ("placed", k!("imp.a.mark")),
        ImportAction::Unchanged => ("planned", k!("imp.a.unchanged")),
        ImportAction::Reject => ("rejected", k!("imp.a.reject")),
    }
}

pub(super) fn problem_key(p: &str) -> Key {
    match p {
        "missing_name" => k!("imp.p.missing_name"),
        "bad_email" => k!("imp.p.bad_email"),
        "unknown_organisation" => k!("imp.p.unknown_organisation"),
        "bad_date" => k!("imp.p.bad_date"),
        "date_in_future" => k!("imp.p.date_in_future"),
        "duplicate" => k!("imp.p.duplicate"),
        _ => k!("imp.p.other_organisation"),
    }
}

/// `/monitoring/import`: BEL reads in the knowledge partner's records of professionals trained before.
#[component]
pub fn ImportPage() -> impl IntoView {
    view! {
        <RequireRole role=Role::BelCoordinator render=|_: Session| {
            let lang = use_lang();
            let csv: RwSignal<Option<String>> = RwSignal::new(None);
            let report: RwSignal<Option<ImportReport>> = RwSignal::new(None);
            let error: RwSignal<Option<ApiError>> = RwSignal::new(None);
            let run = move |import: bool| {
                spawn_local(async move {
                    let text = match (import, csv.get_untracked()) {
                        (true, Some(t)) => Some(t),
                        _ => api::chosen_file_text("import-file").await,
                    };
                    let Some(text) = text else {
                        error.set(Some(ApiError::Problem(va_openapi::Problem {
                            type_: "about:blank".into(), title: "".into(), status: 422, detail: None,
                            code: va_openapi::ErrorCode::ValidationFailed, errors: vec![],
                        })));
                        return;
                    };
                    csv.set(Some(text.clone()));
                    match api::import_earlier(text, import).await {
                        Ok(r) => { error.set(None); report.set(Some(r)); }
                        Err(e) => error.set(Some(e)),
                    }
                });
            };
            view! {
                <p class="utrecht-paragraph"><A href="/monitoring" attr:class="utrecht-link">{t!("mon.back")}</A></p>
                <h1 class="utrecht-heading-1">{t!("imp.title")}</h1>
                <p class="utrecht-paragraph">{t!("imp.intro")}</p>
                <pre class="va-example">"naam;e-mail;organisatie;functie;getraind op\nAns Peeters;a.peeters@venlo.nl;Venlo;Medewerker toegangsteam;12-05-2024"</pre>
                <div class="utrecht-form-field">
                    <label class="utrecht-form-label" for="import-file">{t!("imp.file")}</label>
                    <input id="import-file" type="file" accept=".csv,text/csv" class="utrecht-textbox" data-testid="import-file" on:change=move |_| { csv.set(None); report.set(None); }/>
                </div>
                <div class="va-actions">
                    <button type="button" class="utrecht-button utrecht-button--secondary-action" data-testid="import-preview" on:click=move |_| run(false)>{t!("imp.preview")}</button>
                    {move || report.get().filter(|r| !r.imported && r.created + r.marked > 0).map(|r| view! {
                        <button type="button" class="utrecht-button utrecht-button--primary-action" data-testid="import-run" on:click=move |_| run(true)>
                            {move || lookup(lang.get(), k!("imp.run")).replace("{n}", &(r.created + r.marked).to_string())}
                        </button>
                    })}
                </div>
                {error_alert(error)}
                {move || report.get().map(|r| view! {
                    <div class=if r.imported { "utrecht-alert utrecht-alert--info va-alert" } else { "va-card" } role="status" data-testid="import-summary">
                        <p class="utrecht-paragraph">
                            {tr(if r.imported { k!("imp.done") } else { k!("imp.would") })}" "
                            {move || lookup(lang.get(), k!("imp.counts")).replace("{c}", &r.created.to_string()).replace("{m}", &r.marked.to_string()).replace("{u}", &r.unchanged.to_string()).replace("{r}", &r.rejected.to_string())}
                        </p>
                    </div>
                    <Table headers=vec![(k!("imp.line"), true), (k!("imp.name"), false), (k!("imp.email"), false), (k!("mon.org"), false), (k!("imp.date"), false), (k!("imp.action"), false), (k!("imp.problems"), false)] testid="import-rows">
                        {r.rows.into_iter().map(|row| {
                            let (class, key) = action_key(row.action);
                            let problems = row.problems.clone();
                            view! {
                                <tr class="utrecht-table__row" data-testid="import-row">
                                    <td class="utrecht-table__cell utrecht-table__cell--numeric">{row.line}</td>
                                    <th scope="row" class="utrecht-table__header-cell">{row.name}</th>
                                    <td class="utrecht-table__cell">{row.email}</td>
                                    <td class="utrecht-table__cell">{row.organisation}</td>
                                    <td class="utrecht-table__cell">{row.trained_on.map(nl_date).unwrap_or_default()}</td>
                                    <td class="utrecht-table__cell">{badge(class, key)}</td>
                                    <td class="utrecht-table__cell">{move || problems.iter().map(|p| lookup(lang.get(), problem_key(p))).collect::<Vec<_>>().join("; ")}</td>
                                </tr>
                            }
                        }).collect_view()}
                    </Table>
                })}
            }
        }/>
    }
}

//! `/bel/personen`: BEL finds a professional whose data is asked for (to see,
//! hand over or erase it) and downloads the register of processing.

use crate::api::{self, ApiError};
use crate::components::common::{error_alert, field_error, Table, TextField};
use crate::components::guard::RequireRole;
use crate::components::notice;
use crate::session::Session;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use va_openapi::auth::Role;
use va_openapi::privacy::PersonHit;

#[component]
pub fn PeoplePage() -> impl IntoView {
    view! { <RequireRole role=Role::BelCoordinator render=|_: Session| view! { <People/> }/> }
}

#[component]
fn People() -> impl IntoView {
    let q = RwSignal::new(String::new());
    let error: RwSignal<Option<ApiError>> = RwSignal::new(None);
    let hits: RwSignal<Option<Vec<PersonHit>>> = RwSignal::new(None);
    let search = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let text = q.get_untracked();
        spawn_local(async move {
            match api::people(&text).await {
                Ok(found) => {
                    error.set(None);
                    notice::confirm(k!("ppl.found"), Some(found.len().to_string()));
                    hits.set(Some(found));
                }
                Err(e) => error.set(Some(e)),
            }
        });
    };
    let register = move |format: &'static str| {
        spawn_local(async move {
            match api::download(&format!("/api/v1/privacy/register/export?format={format}")).await {
                Ok(name) => notice::confirm(k!("ppl.downloaded"), Some(name)),
                Err(e) => error.set(Some(e)),
            }
        });
    };
    view! {
        <h1 class="utrecht-heading-1">{t!("ppl.title")}</h1>
        <p class="utrecht-paragraph utrecht-paragraph--lead">{t!("ppl.intro")}</p>
        {error_alert(error)}
        <section class="va-section" aria-labelledby="ppl-find">
            <h2 class="utrecht-heading-2" id="ppl-find">{t!("ppl.find")}</h2>
            <form class="va-form" role="search" on:submit=search novalidate=true data-testid="people-search">
                <TextField id="ppl-q" required=true label=k!("ppl.q") value=q error=field_error(error, "q")/>
                <div class="va-actions">
                    <button type="submit" class="utrecht-button utrecht-button--primary-action" data-testid="people-find">{t!("ppl.search")}</button>
                </div>
            </form>
            {move || hits.get().map(|list| if list.is_empty() {
                view! { <p class="utrecht-paragraph" data-testid="people-none">{t!("ppl.none")}</p> }.into_any()
            } else {
                view! {
                    <Table testid="people" headers=vec![(k!("ppl.name"), false), (k!("ppl.email"), false), (k!("ppl.org"), false)]>
                        {list.into_iter().map(|p| view! {
                            <tr class="utrecht-table__row" data-testid=format!("person-{}", p.id)>
                                <th class="utrecht-table__header-cell" scope="row">
                                    <A href=format!("/bel/personen/{}", p.id) attr:class="utrecht-link">{p.name.clone()}</A>
                                    {p.erased.then(|| view! { " " <span class="va-status va-status--cancelled">{t!("ppl.erased")}</span> })}
                                </th>
                                <td class="utrecht-table__cell va-break">{p.email.clone()}</td>
                                <td class="utrecht-table__cell">{p.organisation.clone()}</td>
                            </tr>
                        }).collect_view()}
                    </Table>
                }.into_any()
            })}
        </section>
        <section class="va-section" aria-labelledby="ppl-register">
            <h2 class="utrecht-heading-2" id="ppl-register">{t!("ppl.register")}</h2>
            <p class="utrecht-paragraph">{t!("ppl.register_text")}</p>
            <div class="va-actions">
                <button type="button" class="utrecht-button utrecht-button--secondary-action" data-testid="register-xlsx" on:click=move |_| register("xlsx")>{t!("mon.download_xlsx")}</button>
                <button type="button" class="utrecht-button utrecht-button--subtle" data-testid="register-csv" on:click=move |_| register("csv")>{t!("mon.download_csv")}</button>
            </div>
            <p class="utrecht-paragraph">
                <A href="/bel/logboek" attr:class="utrecht-link">{t!("ppl.to_audit")}</A>" · "
                <A href="/bel/privacy" attr:class="utrecht-link">{t!("ret.title")}</A>
            </p>
        </section>
    }
}

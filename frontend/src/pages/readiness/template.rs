//! The template versions and the programme's readiness settings (BEL).

use crate::api::{self, ApiError};
use crate::components::common::{error_alert as alert, TextField};
use crate::components::loaded::{load, loaded};
use crate::i18n::{tr, Key};
use crate::session::Session;
use leptos::prelude::*;
use leptos::task::spawn_local;
use va_openapi::auth::Role;
use va_openapi::readiness::*;

#[derive(Clone, Copy)]
pub(super) struct ItemRow {
    key: u32,
    section: RwSignal<String>,
    code: RwSignal<String>,
    title: RwSignal<String>,
    guidance: RwSignal<String>,
}

/// BEL: the template. Editing works on a draft; publishing makes the next version.
#[component]
pub fn TemplatePage() -> impl IntoView {
    view! {
        <crate::components::guard::RequireRole role=Role::BelCoordinator render=|_: Session| view! { <TemplateEditor/> }/>
    }
}

pub(super) async fn load_templates() -> Result<(Template, Option<Template>), ApiError> {
    Ok((api::readiness_template().await?, api::readiness_draft().await?))
}

#[component]
pub(super) fn TemplateEditor() -> impl IntoView {
    let reload = RwSignal::new(0u32);
    let error: RwSignal<Option<ApiError>> = RwSignal::new(None);
    let notice = RwSignal::new(None::<Key>);
    let rows: RwSignal<Vec<ItemRow>> = RwSignal::new(Vec::new());
    let next = RwSignal::new(0u32);
    let add = move |section: String, code: String, title: String, guidance: String| {
        let k = next.get_untracked();
        next.set(k + 1);
        rows.update(|r| {
            r.push(ItemRow {
                key: k,
                section: RwSignal::new(section),
                code: RwSignal::new(code),
                title: RwSignal::new(title),
                guidance: RwSignal::new(guidance),
            })
        });
    };
    let data = load(Some(reload), move || load_templates());
    // The editor starts from the draft, or from the published version.
    Effect::new(move |_| {
        if let Some(Ok((published, draft))) = data.get() {
            rows.set(Vec::new());
            for i in draft.unwrap_or(published).items {
                add(i.section, i.code, i.title, i.guidance);
            }
        }
    });
    let save = move |publish: bool| {
        let input = TemplateDraftInput {
            items: rows
                .get_untracked()
                .iter()
                .map(|r| TemplateItemInput {
                    section: r.section.get_untracked(),
                    code: r.code.get_untracked(),
                    title: r.title.get_untracked(),
                    guidance: r.guidance.get_untracked(),
                })
                .collect(),
        };
        spawn_local(async move {
            let res = match api::save_draft(&input).await {
                Ok(_) if publish => api::publish_draft().await.map(|_| ()),
                Ok(_) => Ok(()),
                Err(e) => Err(e),
            };
            match res {
                Ok(()) => {
                    error.set(None);
                    notice.set(Some(if publish { k!("tpl.published") } else { k!("tpl.saved") }));
                    reload.update(|n| *n += 1);
                }
                Err(e) => error.set(Some(e)),
            }
        });
    };
    let save2 = save.clone();
    view! {
        <h1 class="utrecht-heading-1">{t!("tpl.title")}</h1>
        <p class="utrecht-paragraph utrecht-paragraph--lead">{t!("tpl.intro")}</p>
        <ProgrammeSettingsForm/>
        {loaded(data, move |(published, draft)| view! {
                    <p class="utrecht-paragraph va-summary" data-testid="template-version">
                        {t!("tpl.current")}" "<strong>{published.version.unwrap_or(0)}</strong>
                        {draft.is_some().then(|| view! { " · " {t!("tpl.has_draft")} })}
                    </p>
                }.into_any())}
        {move || notice.get().map(|k| view! { <div class="utrecht-alert utrecht-alert--ok" role="status"><p class="utrecht-paragraph">{tr(k)}</p></div> })}
        {alert(error)}
        <For each=move || rows.get() key=|r| r.key children=move |r: ItemRow| {
            let ids = (format!("t-{}-s", r.key), format!("t-{}-c", r.key), format!("t-{}-t", r.key), format!("t-{}-g", r.key));
            view! {
                <div class="va-prof-row" data-testid="template-row">
                    <div class="utrecht-form-field">
                        <div class="utrecht-form-field__label"><label class="utrecht-form-label" for=ids.0.clone()>{t!("tpl.section")}</label></div>
                        <input id=ids.0 class="utrecht-textbox utrecht-textbox--html-input" prop:value=move || r.section.get() on:input=move |ev| r.section.set(event_target_value(&ev))/>
                    </div>
                    <div class="utrecht-form-field">
                        <div class="utrecht-form-field__label"><label class="utrecht-form-label" for=ids.1.clone()>{t!("tpl.code")}</label></div>
                        <input id=ids.1 class="utrecht-textbox utrecht-textbox--html-input" prop:value=move || r.code.get() on:input=move |ev| r.code.set(event_target_value(&ev))/>
                    </div>
                    <div class="utrecht-form-field">
                        <div class="utrecht-form-field__label"><label class="utrecht-form-label" for=ids.2.clone()>{t!("rc.item")}</label></div>
                        <input id=ids.2 class="utrecht-textbox utrecht-textbox--html-input" prop:value=move || r.title.get() on:input=move |ev| r.title.set(event_target_value(&ev))/>
                    </div>
                    <div class="utrecht-form-field va-wide">
                        <div class="utrecht-form-field__label"><label class="utrecht-form-label" for=ids.3.clone()>{t!("tpl.guidance")}</label></div>
                        <textarea id=ids.3 class="utrecht-textarea utrecht-textarea--html-textarea" rows="2" prop:value=move || r.guidance.get() on:input=move |ev| r.guidance.set(event_target_value(&ev))></textarea>
                    </div>
                    <button type="button" class="utrecht-button utrecht-button--subtle" on:click=move |_| rows.update(|v| v.retain(|x| x.key != r.key))>{t!("new.remove")}</button>
                </div>
            }
        }/>
        <div class="va-actions">
            <button type="button" class="utrecht-button utrecht-button--subtle" data-testid="add-item"
                on:click=move |_| add(String::new(), String::new(), String::new(), String::new())>{t!("tpl.add")}</button>
            <button type="button" class="utrecht-button utrecht-button--secondary-action" data-testid="save-draft" on:click=move |_| save(false)>{t!("tpl.save")}</button>
            <button type="button" class="utrecht-button utrecht-button--primary-action" data-testid="publish" on:click=move |_| save2(true)>{t!("tpl.publish")}</button>
        </div>
    }
}

/// BEL: how long a completed check counts, and whether placement needs one.
#[component]
pub(super) fn ProgrammeSettingsForm() -> impl IntoView {
    let months = RwSignal::new(String::new());
    let gate = RwSignal::new(false);
    let programme = RwSignal::new(None::<va_openapi::ProgrammeId>);
    let status = RwSignal::new(None::<Key>);
    spawn_local(async move {
        if let Ok(list) = api::programmes().await {
            if let Some(p) = crate::components::programme::pick(&list).cloned() {
                months.set(p.settings.readiness_validity_months.to_string());
                gate.set(p.settings.readiness_gate);
                programme.set(Some(p.id));
            }
        }
    });
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(p) = programme.get_untracked() else { return };
        let settings = va_openapi::reference::ProgrammeSettings {
            readiness_validity_months: months.get_untracked().trim().parse().unwrap_or(0),
            readiness_gate: gate.get_untracked(),
        };
        spawn_local(async move {
            status.set(Some(if api::update_settings(p, &settings).await.is_ok() { k!("tpl.settings_saved") } else { k!("tpl.settings_invalid") }));
        });
    };
    view! {
        <section class="va-section" aria-labelledby="settings-title">
            <h2 class="utrecht-heading-2" id="settings-title">{t!("tpl.settings")}</h2>
            <form class="va-form va-form--grid" on:submit=save novalidate=true>
                <TextField id="validity-months" label=k!("tpl.validity") kind="number" value=months/>
                <div class="utrecht-form-field utrecht-form-field--checkbox va-check">
                    <input type="checkbox" class="utrecht-checkbox utrecht-checkbox--html-input" id="readiness-gate"
                        prop:checked=move || gate.get() on:change=move |ev| gate.set(event_target_checked(&ev))/>
                    <label class="utrecht-form-label utrecht-form-label--checkbox" for="readiness-gate">{t!("tpl.gate")}</label>
                </div>
                <div class="va-actions">
                    <button type="submit" class="utrecht-button utrecht-button--secondary-action" data-testid="save-settings">{t!("tpl.save_settings")}</button>
                    <span role="status">{move || status.get().map(tr)}</span>
                </div>
            </form>
        </section>
    }
}

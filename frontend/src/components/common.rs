//! Shared building blocks: form fields, tables, loading and error states.

use crate::api::ApiError;
use crate::components::format::nl_date;
use crate::i18n::{lookup, tr, use_lang, Key};
use leptos::prelude::*;

/// A labelled text input in the NL Design System form-field pattern, with an
/// optional error message tied to it for screen readers.
#[component]
pub fn TextField(
    id: &'static str,
    label: Key,
    value: RwSignal<String>,
    #[prop(default = "text")] kind: &'static str,
    #[prop(default = "off")] autocomplete: &'static str,
    #[prop(optional, into)] error: Option<Signal<Option<&'static str>>>,
) -> impl IntoView {
    let err_id = format!("{id}-err");
    let has_error = move || error.and_then(|e| e.get()).is_some();
    view! {
        <div class="utrecht-form-field utrecht-form-field--text">
            <div class="utrecht-form-field__label">
                <label class="utrecht-form-label" for=id>{tr(label)}</label>
            </div>
            <div class="utrecht-form-field__input">
                <input id=id name=id type=kind autocomplete=autocomplete aria-required="true"
                    class="utrecht-textbox utrecht-textbox--html-input"
                    aria-invalid=move || has_error().then_some("true")
                    aria-describedby=error.map(|_| err_id.clone())
                    prop:value=move || value.get()
                    on:input=move |ev| value.set(event_target_value(&ev))/>
            </div>
            {error.map(|e| view! {
                <p class="utrecht-form-field-error-message" id=format!("{id}-err")>{move || e.get()}</p>
            })}
        </div>
    }
}

/// A table with translated column headers (`(text key, numeric)`); rows are the children.
#[component]
pub fn Table(
    headers: Vec<(Key, bool)>,
    #[prop(optional)] testid: &'static str,
    children: Children,
) -> impl IntoView {
    view! {
        <div class="va-table-wrap" tabindex="0">
            <table class="utrecht-table va-table" data-testid=testid>
                <thead class="utrecht-table__header">
                    <tr class="utrecht-table__row">
                        {headers.into_iter().map(|(key, numeric)| view! {
                            <th scope="col" class=if numeric {
                                "utrecht-table__header-cell utrecht-table__header-cell--numeric"
                            } else {
                                "utrecht-table__header-cell"
                            }>{tr(key)}</th>
                        }).collect_view()}
                    </tr>
                </thead>
                <tbody class="utrecht-table__body">{children()}</tbody>
            </table>
        </div>
    }
}

#[component]
pub fn LoadError(err: ApiError) -> impl IntoView {
    view! {
        <div class="utrecht-alert utrecht-alert--error" role="alert">
            <p class="utrecht-paragraph">{tr(err.text_key())}</p>
        </div>
    }
}

#[component]
pub fn Loading() -> impl IntoView {
    view! { <p class="utrecht-paragraph" aria-live="polite">{t!("loading")}</p> }
}

/// After an action: reload the page's data on success, show the error otherwise.
pub fn reload_on_ok<T>(
    reload: RwSignal<u32>,
    error: RwSignal<Option<ApiError>>,
) -> impl Fn(Result<T, ApiError>) + Copy + Send + Sync + 'static {
    move |res| match res {
        Ok(_) => {
            error.set(None);
            reload.update(|n| *n += 1);
        }
        Err(e) => error.set(Some(e)),
    }
}

/// The error of the last action, translated; names the existing enrolment for `already_enrolled`.
pub fn error_alert(err: RwSignal<Option<ApiError>>) -> impl IntoView {
    let lang = use_lang();
    move || {
        err.get().map(|e| {
            // The server's detail is English: shown in the English screens only.
            let detail = match &e {
                ApiError::Problem(p) if p.code == va_openapi::ErrorCode::AlreadyEnrolled && lang.get() == crate::i18n::Lang::En => p.detail.clone(),
                _ => None,
            };
            // Field rules with a text of their own are named (e.g. personal data in a note).
            let rules: Vec<&'static str> = match &e {
                ApiError::Problem(p) => {
                    let mut v: Vec<&'static str> = p.errors.iter().filter_map(|f| field_rule_text(lang.get(), &f.code)).collect();
                    v.dedup();
                    v
                }
                ApiError::Network => Vec::new(),
            };
            view! {
                <div class="utrecht-alert utrecht-alert--error va-alert" role="alert" data-testid="error">
                    <p class="utrecht-paragraph">{lookup(lang.get(), e.text_key())}</p>
                    {detail.map(|d| view! { <p class="utrecht-paragraph va-detail">{d}</p> })}
                    {rules.into_iter().map(|r| view! { <p class="utrecht-paragraph va-detail">{r}</p> }).collect_view()}
                </div>
            }
        })
    }
}

fn field_rule_text(lang: crate::i18n::Lang, code: &str) -> Option<&'static str> {
    Some(match code {
        "personal_data" => lookup(lang, k!("field.personal_data")),
        "in_past" => lookup(lang, k!("field.in_past")),
        "invalid_time" => lookup(lang, k!("field.invalid_time")),
        "not_trained" => lookup(lang, k!("field.not_trained")),
        "note_required" => lookup(lang, k!("field.note_required")),
        "no_group" => lookup(lang, k!("field.no_group")),
        "not_contact" => lookup(lang, k!("field.not_contact")),
        "out_of_range" => lookup(lang, k!("field.out_of_range")),
        _ => return None,
    })
}

/// The training days of a group: date, times, place.
#[component]
pub fn DaysTable(days: Vec<va_openapi::enrolment::TrainingDay>) -> impl IntoView {
    view! {
        <Table headers=vec![(k!("group.day"), false), (k!("group.time"), false), (k!("group.place"), false)]>
            {days.into_iter().map(|d| view! {
                <tr class="utrecht-table__row">
                    <th class="utrecht-table__header-cell" scope="row">{nl_date(d.day)}</th>
                    <td class="utrecht-table__cell">{d.starts_at}" – "{d.ends_at}</td>
                    <td class="utrecht-table__cell">{d.place}</td>
                </tr>
            }).collect_view()}
        </Table>
    }
}

/// A labelled multi-line text field.
#[component]
pub fn TextArea(id: String, label: Key, value: RwSignal<String>, #[prop(default = 3)] rows: u32, #[prop(optional)] hint: Option<Key>) -> impl IntoView {
    let hint_id = format!("{id}-hint");
    view! {
        <div class="utrecht-form-field utrecht-form-field--textarea">
            <div class="utrecht-form-field__label">
                <label class="utrecht-form-label" for=id.clone()>{tr(label)}</label>
            </div>
            {hint.map(|h| view! { <p class="utrecht-form-field-description" id=hint_id.clone()>{tr(h)}</p> })}
            <div class="utrecht-form-field__input">
                <textarea id=id.clone() name=id class="utrecht-textarea utrecht-textarea--html-textarea" rows=rows
                    aria-describedby=hint.map(|_| hint_id.clone())
                    prop:value=move || value.get() on:input=move |ev| value.set(event_target_value(&ev))></textarea>
            </div>
        </div>
    }
}

/// A page parameter as a number, tracked (0 when absent, which the server answers with 404).
pub fn param_id(params: Memo<leptos_router::params::ParamsMap>, name: &'static str) -> i64 {
    params.read().get(name).and_then(|v| v.parse().ok()).unwrap_or(0)
}

/// A section with a heading that shows its list, or a sentence when there is nothing to list.
#[component]
pub fn ListSection(testid: &'static str, title: Key, empty: Key, is_empty: bool, children: Children) -> impl IntoView {
    view! {
        <section class="va-section" data-testid=testid>
            <h2 class="utrecht-heading-2">{tr(title)}</h2>
            {if is_empty {
                view! { <p class="utrecht-paragraph va-empty">{tr(empty)}</p> }.into_any()
            } else {
                children().into_any()
            }}
        </section>
    }
}

/// A status as a coloured label with its text.
pub fn badge(class: &'static str, key: Key) -> impl IntoView {
    let lang = use_lang();
    view! { <span class=format!("va-status va-status--{class}")>{move || lookup(lang.get(), key)}</span> }
}

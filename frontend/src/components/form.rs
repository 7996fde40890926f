//! Form parts in the NL Design System pattern: selects, dates and inputs with
//! their error message tied to them, and the problem for dates left empty.

use crate::i18n::{tr, Key};
use leptos::prelude::*;
use va_openapi::FieldError;

/// A problem for date fields left empty, before anything is sent.
pub fn missing(fields: &[(&str, String)]) -> va_openapi::Problem {
    va_openapi::Problem {
        type_: String::new(),
        title: String::new(),
        status: 422,
        detail: None,
        code: va_openapi::ErrorCode::ValidationFailed,
        errors: fields
            .iter()
            .filter(|(_, v)| v.parse::<chrono::NaiveDate>().is_err())
            .map(|(f, _)| FieldError { field: f.to_string(), code: "required".into(), message: String::new() })
            .collect(),
    }
}

pub fn select(id: &'static str, label: Key, options: Vec<(String, Key)>, current: Signal<String>, on: impl Fn(String) + 'static) -> impl IntoView {
    view! {
        <div class="utrecht-form-field">
            <div class="utrecht-form-field__label"><label class="utrecht-form-label" for=id>{tr(label)}</label></div>
            <div class="utrecht-form-field__input">
                <select id=id class="utrecht-select utrecht-select--html-select" data-testid=id on:change=move |ev| on(event_target_value(&ev))>
                    {options.into_iter().map(|(v, k)| { let v2 = v.clone(); view! { <option value=v selected=move || current.get() == v2>{tr(k)}</option> } }).collect_view()}
                </select>
            </div>
        </div>
    }
}

pub fn date(id: &'static str, label: Key, value: RwSignal<String>, error: Signal<Option<&'static str>>) -> impl IntoView {
    input(id.to_string(), label, "date", value, error)
}

pub fn input(id: String, label: Key, kind: &'static str, value: RwSignal<String>, error: Signal<Option<&'static str>>) -> impl IntoView {
    let err_id = format!("{id}-err");
    view! {
        <div class="utrecht-form-field">
            <div class="utrecht-form-field__label"><label class="utrecht-form-label" for=id.clone()>{tr(label)}</label></div>
            <div class="utrecht-form-field__input">
                <input id=id.clone() type=kind class="utrecht-textbox utrecht-textbox--html-input" data-testid=id.clone()
                    aria-invalid=move || error.get().map(|_| "true") aria-describedby=err_id.clone()
                    prop:value=move || value.get() on:input=move |ev| value.set(event_target_value(&ev))/>
            </div>
            <p class="utrecht-form-field-error-message" id=err_id>{move || error.get()}</p>
        </div>
    }
}

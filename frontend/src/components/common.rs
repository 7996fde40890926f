//! Shared building blocks: form fields, tables, loading and error states.

use crate::api::ApiError;
use crate::components::format::nl_date;
use crate::i18n::{lookup, tr, use_lang, Key};
use leptos::prelude::*;

/// A labelled text input in the NL Design System form-field pattern, with an
/// optional error message tied to it for screen readers.
#[component]
pub fn TextField(
    #[prop(into)] id: String,
    label: Key,
    value: RwSignal<String>,
    #[prop(default = "text")] kind: &'static str,
    #[prop(default = "off")] autocomplete: &'static str,
    #[prop(optional, into)] error: Option<Signal<Option<&'static str>>>,
    /// Marked as required for assistive technology (optional fields are not).
    #[prop(optional)] required: bool,
) -> impl IntoView {
    let err_id = format!("{id}-err");
    let err_p = err_id.clone();
    let has_error = move || error.and_then(|e| e.get()).is_some();
    view! {
        <div class="utrecht-form-field utrecht-form-field--text">
            <div class="utrecht-form-field__label">
                <label class="utrecht-form-label" for=id.clone()>{tr(label)}</label>
            </div>
            <div class="utrecht-form-field__input">
                <input id=id.clone() name=id type=kind autocomplete=autocomplete aria-required=required.then_some("true")
                    class="utrecht-textbox utrecht-textbox--html-input"
                    aria-invalid=move || has_error().then_some("true")
                    aria-describedby=error.map(|_| err_id.clone())
                    prop:value=move || value.get()
                    on:input=move |ev| value.set(event_target_value(&ev))/>
            </div>
            {error.map(|e| view! {
                <p class="utrecht-form-field-error-message" id=err_p>{move || e.get()}</p>
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

/// After an action: reload the page's data and confirm ("Wijziging opgeslagen") on
/// success, show the error otherwise. An action with a confirmation of its own
/// gives it afterwards with `notice::confirm` (the later one is shown).
pub fn reload_on_ok<T>(
    reload: RwSignal<u32>,
    error: RwSignal<Option<ApiError>>,
) -> impl Fn(Result<T, ApiError>) + Copy + Send + Sync + 'static {
    move |res| match res {
        Ok(_) => {
            error.set(None);
            reload.update(|n| *n += 1);
            crate::components::notice::confirm(k!("notice.saved"), None);
        }
        Err(e) => error.set(Some(e)),
    }
}

/// The error of the last action, translated; names the existing enrolment for `already_enrolled`.
/// A refused form lists each field it is about, so the summary never points at nothing.
pub fn error_alert(err: RwSignal<Option<ApiError>>) -> impl IntoView {
    let lang = use_lang();
    move || {
        err.get().map(|e| {
            let l = lang.get();
            // The server's detail is English: shown in the English screens only.
            let detail = match &e {
                ApiError::Problem(p) if p.code == va_openapi::ErrorCode::AlreadyEnrolled && l == crate::i18n::Lang::En => p.detail.clone(),
                _ => None,
            };
            let mut fields: Vec<String> = match &e {
                ApiError::Problem(p) => p.errors.iter().map(|f| match field_label(l, &f.field) {
                    Some(label) => format!("{label}: {}", field_message(l, &f.code)),
                    None => field_message(l, &f.code).to_string(),
                }).collect(),
                ApiError::Network => Vec::new(),
            };
            fields.dedup();
            view! {
                <div class="utrecht-alert utrecht-alert--error va-alert" role="alert" data-testid="error">
                    // One block inside the (flex) alert, so the field list reads below the message.
                    <div>
                        <p class="utrecht-paragraph">{lookup(l, e.text_key())}</p>
                        {detail.map(|d| view! { <p class="utrecht-paragraph va-detail">{d}</p> })}
                        {(!fields.is_empty()).then(|| view! {
                            <ul class="utrecht-unordered-list va-field-errors" data-testid="field-errors">
                                {fields.into_iter().map(|f| view! { <li class="utrecht-unordered-list__item">{f}</li> }).collect_view()}
                            </ul>
                        })}
                    </div>
                </div>
            }
        })
    }
}

/// The text of a field rule the server names by code.
pub fn field_message(lang: crate::i18n::Lang, code: &str) -> &'static str {
    lookup(lang, match code {
        "required" => k!("field.required"),
        "too_long" => k!("field.too_long"),
        "invalid_email" => k!("field.invalid_email"),
        "duplicate" => k!("field.duplicate"),
        "personal_data" => k!("field.personal_data"),
        "in_past" => k!("field.in_past"),
        "invalid_time" => k!("field.invalid_time"),
        "not_trained" => k!("field.not_trained"),
        "note_required" => k!("field.note_required"),
        "no_group" => k!("field.no_group"),
        "not_contact" => k!("field.not_contact"),
        "out_of_range" => k!("field.out_of_range"),
        "outside_programme" | "days_outside" => k!("field.outside_programme"),
        "before_start" => k!("field.before_start"),
        "before_meeting" => k!("field.before_meeting"),
        "unknown" => k!("field.unknown"),
        "outside_scope" => k!("field.outside_scope"),
        "outside_region" => k!("field.outside_region"),
        "below_booked" => k!("field.below_booked"),
        "not_funded" => k!("field.not_funded"),
        "fixed_once_funded" => k!("field.fixed_once_funded"),
        "not_bookable" => k!("field.not_bookable"),
        _ => k!("field.invalid"),
    })
}

/// The name of a field the server refers to (`professionals[1].email` is the second professional's email).
fn field_label(lang: crate::i18n::Lang, field: &str) -> Option<String> {
    let (row, name) = match field.strip_prefix("professionals[").and_then(|r| r.split_once("].")) {
        Some((i, name)) => (i.parse::<usize>().ok().map(|i| i + 1), name),
        None => (None, field),
    };
    let key = match name {
        "name" => k!("pros.name"),
        "email" => k!("login.email"),
        "function" => k!("pros.function"),
        "reason" => k!("req.reason"),
        "professionals" | "professional_ids" => k!("new.professionals"),
        "organisation_id" => k!("orgs.name"),
        "preferred_period" => k!("new.period"),
        "remarks" => k!("new.remarks"),
        "password" => k!("login.password"),
        "group_id" => k!("fu.group"),
        "mail_body_days" => k!("ret.mail"),
        "login_attempt_days" => k!("ret.attempts"),
        "token_days" => k!("ret.tokens"),
        "evaluation_link_days" => k!("ret.evaluation"),
        "audit_days" => k!("ret.audit"),
        "session_notes_days" => k!("ret.notes"),
        "untrained_days" => k!("ret.untrained"),
        "q" => k!("ppl.q"),
        "held_on" => k!("mtg.date"),
        "owner" => k!("mtg.owner"),
        "due_on" => k!("mtg.due"),
        "snapshot_id" => k!("mtg.snapshot"),
        "followup_reminder_weeks" => k!("ds.reminder"),
        "day_reminder_days" => k!("ds.day_reminder"),
        "region_id" => k!("ln.region"),
        "title" => k!("ln.session_title"),
        "starts_at" => k!("adm.from"),
        "ends_at" => k!("adm.until"),
        "place" => k!("ln.place"),
        "capacity" => k!("ln.capacity"),
        "target_group" => k!("ln.target"),
        "description" => k!("ln.description"),
        "topic" => k!("ln.topic"),
        "report" => k!("ln.report"),
        "goal" => k!("lq.goal"),
        "partners" => k!("lq.partners"),
        "outcomes" => k!("lq.outcomes"),
        "sharing" => k!("lq.sharing"),
        "starts_on" => k!("lq.starts"),
        "ends_on" => k!("lq.ends"),
        "budget_eur" => k!("lq.budget"),
        "budget_year" => k!("lq.budget_year"),
        "note" => k!("lq.note"),
        "line" => k!("bud.line"),
        "learning_question_id" => k!("bud.question"),
        "amount_eur" => k!("bud.amount"),
        "spent_on" => k!("bud.date"),
        "year" => k!("bud.year"),
        "training_eur" => k!("bud.line.training"),
        "learning_questions_eur" => k!("bud.line.learning_questions"),
        "other_eur" => k!("bud.line.other"),
        _ => return None,
    };
    let label = lookup(lang, key);
    Some(match row {
        Some(n) => format!("{} {n}, {}", lookup(lang, k!("new.professional")), label.to_lowercase()),
        None => label.to_string(),
    })
}

/// The translated message of `field` in the last problem, for the input it belongs to.
pub fn field_error(err: RwSignal<Option<ApiError>>, field: impl Into<String>) -> Signal<Option<&'static str>> {
    let lang = use_lang();
    let field: String = field.into();
    Signal::derive(move || {
        err.with(|e| match e {
            Some(ApiError::Problem(p)) => p.errors.iter().find(|f| f.field == field).map(|f| field_message(lang.get(), &f.code)),
            _ => None,
        })
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
pub fn TextArea(
    id: String,
    label: Key,
    value: RwSignal<String>,
    #[prop(default = 3)] rows: u32,
    #[prop(optional)] hint: Option<Key>,
    #[prop(optional, into)] error: Option<Signal<Option<&'static str>>>,
) -> impl IntoView {
    let hint_id = format!("{id}-hint");
    let err_id = format!("{id}-err");
    // The hint and the error message both describe the field.
    let described = [hint.map(|_| hint_id.clone()), error.map(|_| err_id.clone())].into_iter().flatten().collect::<Vec<_>>().join(" ");
    view! {
        <div class="utrecht-form-field utrecht-form-field--textarea">
            <div class="utrecht-form-field__label">
                <label class="utrecht-form-label" for=id.clone()>{tr(label)}</label>
            </div>
            {hint.map(|h| view! { <p class="utrecht-form-field-description" id=hint_id.clone()>{tr(h)}</p> })}
            <div class="utrecht-form-field__input">
                <textarea id=id.clone() name=id class="utrecht-textarea utrecht-textarea--html-textarea" rows=rows
                    aria-describedby=(!described.is_empty()).then_some(described)
                    aria-invalid=move || error.and_then(|e| e.get()).map(|_| "true")
                    prop:value=move || value.get() on:input=move |ev| value.set(event_target_value(&ev))></textarea>
            </div>
            {error.map(|e| view! { <p class="utrecht-form-field-error-message" id=err_id.clone()>{move || e.get()}</p> })}
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

/// Pages through a long list: which rows are shown ("1–50 van 213", announced
/// when it changes) and the previous and next page; hidden while one page holds
/// all. It stays while the rows reload, and a button at the end of the list is
/// `aria-disabled` rather than disabled, so the button pressed keeps the focus.
#[component]
pub fn Pager(offset: RwSignal<usize>, #[prop(into)] total: Signal<usize>, testid: &'static str) -> impl IntoView {
    let lang = use_lang();
    let page = crate::api::PAGE;
    let look = |end: bool| {
        if end {
            "utrecht-button utrecht-button--secondary-action utrecht-button--disabled"
        } else {
            "utrecht-button utrecht-button--secondary-action"
        }
    };
    let first = move || offset.get() == 0;
    let last = move || offset.get() + page >= total.get();
    // A new page starts at the top of its list, as a page of a book would.
    let nav = NodeRef::<leptos::html::Nav>::new();
    let turn = move |to: usize| {
        offset.set(to);
        if let Some(list) = nav.get_untracked().and_then(|n| n.closest("section").ok().flatten()) {
            list.scroll_into_view();
        }
    };
    let range = move || {
        let (at, n) = (offset.get(), total.get());
        lookup(lang.get(), k!("pager.range"))
            .replace("{a}", &(at + 1).min(n).to_string())
            .replace("{b}", &(at + page).min(n).to_string())
            .replace("{n}", &n.to_string())
    };
    view! {
        <nav class="va-pager" node_ref=nav hidden=move || { total.get() <= page }
            aria-label=move || lookup(lang.get(), k!("pager.label")) data-testid=format!("{testid}-pager")>
            <button type="button" class=move || look(first())
                aria-disabled=move || first().then_some("true")
                on:click=move |_| if !first() { turn(offset.get_untracked().saturating_sub(page)) }>{tr(k!("pager.prev"))}</button>
            <p class="utrecht-paragraph" aria-live="polite">{range}</p>
            <button type="button" class=move || look(last())
                aria-disabled=move || last().then_some("true")
                on:click=move |_| if !last() { turn(offset.get_untracked() + page) }>{tr(k!("pager.next"))}</button>
        </nav>
    }
}

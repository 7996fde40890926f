//! BEL: the outbox. What waits, what failed and why, what went out; sending a
//! failed message again, and a test message that checks the mail settings.
//! `MailAlert` warns on BEL's start page when mail has failed.

use crate::api::{self, ApiError};
use crate::components::common::{error_alert, field_error, Table, TextField};
use crate::components::format::local_time;
use crate::components::guard::RequireRole;
use crate::components::loaded::{load, loaded};
use crate::components::notice;
use crate::i18n::{lookup, use_lang, Key};
use crate::session::Session;
use leptos::prelude::*;
use leptos::task::spawn_local;
use va_openapi::auth::Role;
use va_openapi::mail::{MailItem, MailStatus};

#[component]
pub fn MailPage() -> impl IntoView {
    view! {
        <RequireRole role=Role::BelCoordinator render=|s: Session| view! { <Mail own=s.user.email.clone()/> }/>
    }
}

fn status_key(s: MailStatus) -> Key {
    match s {
        MailStatus::Pending => k!("mail.pending"),
        MailStatus::Failed => k!("mail.failed"),
        MailStatus::Sent => k!("mail.sent"),
    }
}

fn status_class(s: MailStatus) -> &'static str {
    match s {
        MailStatus::Pending => "va-status va-status--running",
        MailStatus::Failed => "va-status va-status--cancelled",
        MailStatus::Sent => "va-status va-status--open",
    }
}

#[component]
fn Mail(own: String) -> impl IntoView {
    let lang = use_lang();
    let reload = RwSignal::new(0u32);
    // Failed first: that is what BEL comes here for.
    let filter: RwSignal<Option<MailStatus>> = RwSignal::new(Some(MailStatus::Failed));
    let queue = load(Some(reload), move || {
        let f = filter.get();
        async move { api::mail_queue(f).await }
    });
    let error: RwSignal<Option<ApiError>> = RwSignal::new(None);
    let to = RwSignal::new(own);
    let refresh = move || reload.update(|n| *n += 1);

    let resend = move |item: MailItem| {
        spawn_local(async move {
            match api::resend_mail(item.id).await {
                Ok(_) => {
                    error.set(None);
                    notice::confirm(k!("mail.resent"), Some(item.to));
                    refresh();
                }
                Err(e) => error.set(Some(e)),
            }
        });
    };
    let resend_all = move |_| {
        spawn_local(async move {
            match api::resend_failed_mail().await {
                Ok(r) => {
                    error.set(None);
                    notice::confirm(k!("mail.resent_all"), Some(r.count.to_string()));
                    refresh();
                }
                Err(e) => error.set(Some(e)),
            }
        });
    };
    let send_test = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let address = to.get_untracked();
        spawn_local(async move {
            match api::test_mail(Some(address)).await {
                Ok(item) => {
                    error.set(None);
                    notice::confirm(k!("mail.test_queued"), Some(item.to));
                    filter.set(None);
                    refresh();
                }
                Err(e) => error.set(Some(e)),
            }
        });
    };
    let choose = move |ev: leptos::ev::Event| filter.set(MailStatus::parse(&event_target_value(&ev)));

    view! {
        <h1 class="utrecht-heading-1">{t!("mail.title")}</h1>
        <p class="utrecht-paragraph utrecht-paragraph--lead">{t!("mail.intro")}</p>
        {error_alert(error)}
        {loaded(queue, move |q| {
            let stuck = q.oldest_pending_at.map(local_time);
            view! {
                <section class="va-section" aria-labelledby="mail-state">
                    <h2 class="utrecht-heading-2" id="mail-state">{t!("mail.state")}</h2>
                    <dl class="va-facts" data-testid="mail-counts">
                        <dt>{t!("mail.delivery")}</dt><dd>{q.delivery.clone()}</dd>
                        <dt>{t!("mail.pending")}</dt><dd>{q.pending}{stuck.map(|t| format!(" ({} {t})", lookup(lang.get_untracked(), k!("mail.oldest"))))}</dd>
                        <dt>{t!("mail.failed")}</dt><dd data-testid="mail-failed">{q.failed}</dd>
                        <dt>{t!("mail.sent")}</dt><dd>{q.sent}</dd>
                    </dl>
                    {(q.failed > 0).then(|| view! {
                        <div class="va-actions">
                            <button type="button" class="utrecht-button utrecht-button--primary-action" data-testid="mail-resend-all" on:click=resend_all>
                                {t!("mail.resend_all")}
                            </button>
                        </div>
                    })}
                </section>
                <section class="va-section" aria-labelledby="mail-list">
                    <h2 class="utrecht-heading-2" id="mail-list">{t!("mail.messages")}</h2>
                    <div class="utrecht-form-field">
                        <div class="utrecht-form-field__label"><label class="utrecht-form-label" for="mail-filter">{t!("mail.show")}</label></div>
                        <div class="utrecht-form-field__input">
                            <select id="mail-filter" class="utrecht-select utrecht-select--html-select" on:change=choose>
                                <option value="" selected=move || filter.get().is_none()>{t!("mail.all")}</option>
                                {MailStatus::ALL.into_iter().map(|s| view! {
                                    <option value=s.as_str() selected=move || filter.get() == Some(s)>{move || lookup(lang.get(), status_key(s))}</option>
                                }).collect_view()}
                            </select>
                        </div>
                    </div>
                    {if q.items.is_empty() {
                        view! { <p class="utrecht-paragraph" data-testid="mail-empty">{t!("mail.none")}</p> }.into_any()
                    } else {
                        view! { <MailTable items=q.items resend=resend/> }.into_any()
                    }}
                </section>
            }.into_any()
        })}
        <section class="va-section" aria-labelledby="mail-test">
            <h2 class="utrecht-heading-2" id="mail-test">{t!("mail.test_title")}</h2>
            <p class="utrecht-paragraph">{t!("mail.test_intro")}</p>
            <form class="va-form" on:submit=send_test novalidate=true>
                <TextField id="mail-to" required=true label=k!("mail.to") kind="email" value=to error=field_error(error, "to")/>
                <div class="va-actions">
                    <button type="submit" class="utrecht-button utrecht-button--secondary-action" data-testid="mail-test-send">{t!("mail.test_send")}</button>
                </div>
            </form>
        </section>
    }
}

#[component]
fn MailTable(items: Vec<MailItem>, resend: impl Fn(MailItem) + Copy + Send + Sync + 'static) -> impl IntoView {
    let lang = use_lang();
    view! {
        <Table testid="mail-table" headers=vec![(k!("mail.to"), false), (k!("mail.subject"), false), (k!("mail.status"), false), (k!("mail.attempts"), true), (k!("mail.when"), false), (k!("mail.error"), false), (k!("users.actions"), false)]>
            {items.into_iter().map(|m| {
                let status = m.status;
                let when = m.sent_at.or(m.failed_at).unwrap_or(m.created_at);
                let row = m.clone();
                let label = format!("{} {}", m.subject, m.to);
                view! {
                    <tr class="utrecht-table__row" data-testid=format!("mail-{}", m.id)>
                        <th class="utrecht-table__header-cell" scope="row">{m.to.clone()}</th>
                        <td class="utrecht-table__cell">{m.subject.clone()}</td>
                        <td class="utrecht-table__cell"><span class=status_class(status)>{move || lookup(lang.get(), status_key(status))}</span></td>
                        <td class="utrecht-table__cell utrecht-table__cell--numeric">{m.attempts}</td>
                        <td class="utrecht-table__cell">{local_time(when)}</td>
                        <td class="utrecht-table__cell va-mail-error">{m.last_error.clone().unwrap_or_default()}</td>
                        <td class="utrecht-table__cell va-row-actions">
                            {(status == MailStatus::Failed).then(|| view! {
                                <button type="button" class="utrecht-button utrecht-button--secondary-action" data-testid=format!("mail-resend-{}", m.id)
                                    aria-label=move || format!("{} {}", lookup(lang.get(), k!("mail.resend")), label)
                                    on:click=move |_| resend(row.clone())>{t!("mail.resend")}</button>
                            })}
                        </td>
                    </tr>
                }
            }).collect_view()}
        </Table>
    }
}

/// On BEL's start page: mail that could not be delivered, with the way to the mail screen.
#[component]
pub fn MailAlert() -> impl IntoView {
    let queue = load(None, move || async move { api::mail_counts().await });
    move || {
        queue.get().and_then(|r| r.ok()).filter(|q| q.failed > 0).map(|q| view! {
            <div class="utrecht-alert utrecht-alert--warning" role="status" data-testid="mail-alert">
                <p class="utrecht-paragraph">
                    <strong>{q.failed}" "</strong>{t!("mail.alert")}" "
                    <leptos_router::components::A href="/bel/berichten" attr:class="utrecht-link">{t!("mail.alert_link")}</leptos_router::components::A>
                </p>
            </div>
        })
    }
}

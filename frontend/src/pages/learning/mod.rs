//! `/leernetwerk`: the learning network's sessions to come and held, with
//! how many places are taken; BEL and ambassadors announce one here
//! (`form.rs`). A session's own page is `session.rs` (registrations) with
//! `organise.rs` (change, cancel, attendance, report); the regions' learning
//! needs are `needs.rs`; a professional's personal link opens `link.rs`.

pub mod form;
pub mod link;
pub mod needs;
pub mod organise;
pub mod session;

use crate::api::{self, ApiError};
use crate::components::common::{badge, Table};
use crate::components::format::nl_date;
use crate::components::guard::RequireAnyRole;
use crate::components::loaded::{load, loaded};
use crate::i18n::Key;
use crate::session::Session;
use leptos::prelude::*;
use leptos_router::components::A;
use va_openapi::auth::Role;
use va_openapi::learning::*;

/// Runs a call that answers the session: on success the page reloads and the
/// confirmation names `who` (else the session); on failure the problem shows.
pub(crate) fn run(error: RwSignal<Option<ApiError>>, reload: RwSignal<u32>, key: Key, who: Option<String>, call: impl std::future::Future<Output = Result<LearningSession, ApiError>> + 'static) {
    leptos::task::spawn_local(async move {
        match call.await {
            Ok(v) => {
                error.set(None);
                reload.update(|n| *n += 1);
                crate::components::notice::confirm(key, Some(who.unwrap_or(v.summary.title)));
            }
            Err(e) => error.set(Some(e)),
        }
    });
}

/// Who takes part through the planner (trainers do not).
pub(crate) const MEMBERS: &[Role] = &[Role::BelCoordinator, Role::Ambassador, Role::OrgContact];

pub(crate) fn scope_key(s: LearningScope) -> Key {
    match s {
        LearningScope::Regional => k!("ln.regional"),
        LearningScope::SupraRegional => k!("ln.supra"),
    }
}

/// "Noord-Limburg" for a regional session, "Bovenregionaal" otherwise.
pub(crate) fn for_whom(s: &LearningSessionSummary) -> impl IntoView {
    match &s.region {
        Some(r) => view! { <span>{r.name.clone()}</span> }.into_any(),
        None => view! { <span>{crate::i18n::tr(scope_key(s.scope))}</span> }.into_any(),
    }
}

#[component]
pub fn LearningPage() -> impl IntoView {
    view! { <RequireAnyRole roles=MEMBERS render=|s: Session| view! { <Learning s/> }/> }
}

#[component]
fn Learning(s: Session) -> impl IntoView {
    let reload = RwSignal::new(0u32);
    let list = load(Some(reload), move || async move { api::learning_sessions().await });
    let organiser = s.user.role != Role::OrgContact;
    view! {
        <h1 class="utrecht-heading-1">{t!("ln.title")}</h1>
        <p class="utrecht-paragraph utrecht-paragraph--lead">{t!("ln.intro")}</p>
        {organiser.then(|| view! {
            <p class="utrecht-paragraph"><A href="/leernetwerk/behoeften" attr:class="utrecht-link">{t!("ln.needs_link")}</A></p>
        })}
        {loaded(list, move |l| {
            let s = s.clone();
            view! {
                <Sessions testid="learning-upcoming" title=k!("ln.upcoming") empty=k!("ln.none_upcoming") list=l.upcoming/>
                {l.can_announce.then(|| view! { <form::SessionForm s=s.clone() existing=None reload/> })}
                <Sessions testid="learning-past" title=k!("ln.past") empty=k!("ln.none_past") list=l.past/>
            }
        })}
    }
}

#[component]
fn Sessions(testid: &'static str, title: Key, empty: Key, list: Vec<LearningSessionSummary>) -> impl IntoView {
    view! {
        <section class="va-section" data-testid=testid>
            <h2 class="utrecht-heading-2">{crate::i18n::tr(title)}</h2>
            {if list.is_empty() {
                view! { <p class="utrecht-paragraph va-empty">{crate::i18n::tr(empty)}</p> }.into_any()
            } else {
                view! {
                    <Table testid="learning-list" headers=vec![(k!("ln.date"), false), (k!("ln.session"), false), (k!("ln.for"), false), (k!("ln.places"), true), (k!("ln.waiting"), true), (k!("ln.mine"), true)]>
                        {list.into_iter().map(|s| { let whom = for_whom(&s); view! {
                            <tr class="utrecht-table__row">
                                <td class="utrecht-table__cell">{nl_date(s.held_on)}" "{s.starts_at.clone()}</td>
                                <th scope="row" class="utrecht-table__header-cell">
                                    <A href=format!("/leernetwerk/{}", s.id) attr:class="utrecht-link">{s.title.clone()}</A>
                                    <span class="va-muted">" · "{s.place.clone()}</span>
                                    {s.cancelled.then(|| view! { " " {badge("cancelled", k!("ln.cancelled"))} })}
                                    {s.reported.then(|| view! { " " {badge("completed", k!("ln.reported"))} })}
                                </th>
                                <td class="utrecht-table__cell">{whom}</td>
                                <td class="utrecht-table__cell utrecht-table__cell--numeric">{format!("{} / {}", s.taken, s.capacity)}</td>
                                <td class="utrecht-table__cell utrecht-table__cell--numeric">{s.waiting}</td>
                                <td class="utrecht-table__cell utrecht-table__cell--numeric">{s.mine}</td>
                            </tr>
                        } }).collect_view()}
                    </Table>
                }.into_any()
            }}
        </section>
    }
}

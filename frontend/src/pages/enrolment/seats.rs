//! BEL's seat board with the allocation queue, and a group's page.

use crate::api::{self, ApiError};
use crate::components::common::badge;
use crate::components::format::{local_time, nl_date};
use crate::components::common::{error_alert, reload_on_ok, Pager, Table};
use crate::components::loaded::{load, loaded};
use crate::components::guard::RequireRole;
use crate::i18n::{lookup, tr, use_lang, Key};
use crate::session::Session;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;
use va_openapi::auth::Role;
use va_openapi::enrolment::*;
use va_openapi::GroupId;

/// BEL: groups with seats, the allocation queue and the waiting list.
#[component]
pub fn SeatBoardPage() -> impl IntoView {
    view! { <RequireRole role=Role::BelCoordinator render=|_: Session| view! { <SeatBoardView/> }/> }
}

pub(super) async fn load_board() -> Result<Option<SeatBoard>, ApiError> {
    match crate::components::programme::pick(&api::programmes().await?) {
        Some(p) => Ok(Some(api::seat_board(p.id).await?)),
        None => Ok(None),
    }
}

#[component]
pub(super) fn SeatBoardView() -> impl IntoView {
    let reload = RwSignal::new(0u32);
    let error: RwSignal<Option<ApiError>> = RwSignal::new(None);
    let data = load(Some(reload), move || load_board());
    let done = reload_on_ok(reload, error);
    // The pages shown outlive a reload after an action.
    let (queue_page, waitlist_page) = (RwSignal::new(0usize), RwSignal::new(0usize));
    view! {
        <h1 class="utrecht-heading-1">{t!("board.title")}</h1>
        <p class="utrecht-paragraph utrecht-paragraph--lead">{t!("board.intro")}</p>
        <div class="va-export-row">
            <span class="va-muted">{t!("mon.export_groups")}</span><crate::components::exports::Exports list="groups"/>
            <span class="va-muted">{t!("mon.export_requests")}</span><crate::components::exports::Exports list="requests"/>
        </div>
        {error_alert(error)}
        {loaded(data, move |v| match v {
                None => view! { <p class="utrecht-paragraph">{t!("board.no_programme")}</p> }.into_any(),
                Some(board) => {
                    let open_groups: Vec<(GroupId, String, i32)> = board.groups.iter()
                        .filter(|g| matches!(g.status, va_openapi::reference::GroupStatus::Planned | va_openapi::reference::GroupStatus::Open | va_openapi::reference::GroupStatus::Running))
                        .map(|g| (g.id, g.name.clone(), (g.capacity - g.seats_taken - g.seats_held).max(0)))
                        .collect();
                    let taken: i32 = board.groups.iter().map(|g| g.seats_taken).sum();
                    let capacity: i32 = board.groups.iter().map(|g| g.capacity).sum();
                    view! {
                        <p class="utrecht-paragraph va-summary" data-testid="board-summary">
                            <strong>{taken}</strong>" / "<strong>{capacity}</strong>" "{t!("board.seats_taken")}
                            // "Waiting" as on the waiting-list page and in monitoring: approved, no seat yet.
                            " · "<strong data-testid="board-waiting">{board.queue.len() + board.waitlist.len()}</strong>" "{t!("wl.s_waiting")}
                        </p>
                        <section class="va-section">
                            <h2 class="utrecht-heading-2">{t!("groups.title")}</h2>
                            <Table testid="board-groups" headers=vec![(k!("groups.name"), false), (k!("groups.period"), false), (k!("board.taken"), true), (k!("board.free"), true), (k!("groups.status"), false)]>
                                {board.groups.clone().into_iter().map(|g| {
                                    let status = g.status;
                                    let free = (g.capacity - g.seats_taken - g.seats_held).max(0);
                                    view! {
                                        <tr class="utrecht-table__row">
                                            <th class="utrecht-table__header-cell" scope="row">
                                                <A href=format!("/bel/groepen/{}", g.id) attr:class="utrecht-link">{g.name}</A>
                                            </th>
                                            <td class="utrecht-table__cell">{nl_date(g.starts_on)}" – "{nl_date(g.ends_on)}</td>
                                            <td class="utrecht-table__cell utrecht-table__cell--numeric">{g.seats_taken}" / "{g.capacity}</td>
                                            <td class="utrecht-table__cell utrecht-table__cell--numeric">{free}</td>
                                            <td class="utrecht-table__cell">{badge(status.as_str(), match status {
                                                va_openapi::reference::GroupStatus::Planned => k!("status.planned"),
                                                va_openapi::reference::GroupStatus::Open => k!("status.open"),
                                                va_openapi::reference::GroupStatus::Running => k!("status.running"),
                                                va_openapi::reference::GroupStatus::Completed => k!("status.completed"),
                                                va_openapi::reference::GroupStatus::Cancelled => k!("status.cancelled"),
                                            })}</td>
                                        </tr>
                                    }
                                }).collect_view()}
                            </Table>
                        </section>
                        <QueueTable title=k!("board.queue") entries=board.queue.clone() groups=open_groups.clone() offset=queue_page on_done=done testid="queue"/>
                        <QueueTable title=k!("board.waitlist") entries=board.waitlist.clone() groups=open_groups offset=waitlist_page on_done=done testid="waitlist"/>
                    }.into_any()
                }
            ,
        })}
    }
}

/// Places (or moves) someone; a group that has started asks BEL to confirm a late entry first.
/// Places or moves `who`, asking first when the group has started; hands the result to `done`
/// and confirms with the person's name and group.
async fn place<F>(id: va_openapi::EnrolmentId, g: GroupId, moving: bool, question: &'static str, done: F, who: String)
where
    F: Fn(Result<EnrolmentRequestView, ApiError>),
{
    let go = |late: bool| async move { if moving { api::move_to(id, g, late).await } else { api::allocate(id, g, late).await } };
    let res = match go(false).await {
        Err(e) if e.code() == Some(va_openapi::ErrorCode::GroupStarted) => {
            let yes = web_sys::window().and_then(|w| w.confirm_with_message(question).ok()).unwrap_or(false);
            if yes { go(true).await } else { Err(e) }
        }
        other => other,
    };
    let group = res.as_ref().ok().and_then(|v| v.enrolments.iter().find(|e| e.id == id)).and_then(|e| e.group.as_ref()).map(|g| g.name.clone());
    done(res);
    if let Some(group) = group {
        crate::components::notice::confirm(k!("notice.placed"), Some(format!("{who} → {group}")));
    }
}

#[component]
pub(super) fn QueueTable<F>(
    title: Key,
    entries: Vec<QueueEntry>,
    groups: Vec<(GroupId, String, i32)>,
    /// The page shown, owned by the page so that a reload keeps it.
    offset: RwSignal<usize>,
    on_done: F,
    testid: &'static str,
) -> impl IntoView
where
    F: Fn(Result<EnrolmentRequestView, ApiError>) + Copy + Send + Sync + 'static,
{
    let lang = use_lang();
    // A long queue is shown a page at a time: thousands of rows with a choice each would stall the page.
    let total = entries.len();
    let entries = StoredValue::new(entries);
    let groups = StoredValue::new(groups);
    view! {
        <section class="va-section" data-testid=testid>
            <h2 class="utrecht-heading-2">{tr(title)}" ("{total}")"</h2>
            {if total == 0 {
                view! { <p class="utrecht-paragraph va-empty">{t!("board.empty")}</p> }.into_any()
            } else {
                view! {
                    <Table headers=vec![(k!("pros.name"), false), (k!("orgs.name"), false), (k!("groups.region"), false), (k!("new.ret_short"), false),
                                        (k!("board.approved_at"), false), (k!("board.place_in"), false), (k!("req.actions"), false)]>
                        {move || entries.get_value().into_iter().skip(offset.get()).take(crate::api::PAGE).map(|q| {
                            // The server's one placement rule: the person's region's next group with a seat, never a started one.
                            let choice = RwSignal::new(q.suggested_group_id.map(|g| g.0.to_string()).unwrap_or_default());
                            let id = q.enrolment_id;
                            let waiting = q.status == EnrolmentStatus::Waitlisted;
                            let select_id = format!("group-{}", id);
                            let who = StoredValue::new(q.professional.clone());
                            let offer = q.open_offer.clone();
                            let offer_group = offer.as_ref().map(|o| o.group.id);
                            // Placing someone elsewhere withdraws their open offer: BEL says so first.
                            let offer_question = offer.as_ref().map(|o| {
                                lookup(lang.get_untracked(), k!("board.offer_question"))
                                    .replace("{p}", &q.professional)
                                    .replace("{g}", &o.group.name)
                                    .replace("{d}", &local_time(o.deadline))
                            });
                            let offer_question = StoredValue::new(offer_question);
                            view! {
                                <tr class="utrecht-table__row" data-testid="queue-row">
                                    <th class="utrecht-table__header-cell" scope="row">
                                        {q.waitlist_position.map(|p| format!("{p}. "))}
                                        <A href=format!("/aanmeldingen/{}", q.request_id) attr:class="utrecht-link">{q.professional.clone()}</A>
                                        {(q.priority_adjustment != 0).then(|| view! {
                                            <div class="va-muted" data-testid="priority">{t!("board.priority")}" "{format!("{:+}", q.priority_adjustment)}</div>
                                        })}
                                        {offer.clone().map(|o| view! {
                                            <div class="va-muted" data-testid="open-offer">{t!("board.open_offer")}" "{o.group.name}" "{t!("board.until")}" "{local_time(o.deadline)}</div>
                                        })}
                                    </th>
                                    <td class="utrecht-table__cell">{q.organisation.name.clone()}</td>
                                    <td class="utrecht-table__cell">{q.region.clone().map(|r| r.name).unwrap_or_else(|| lookup(lang.get_untracked(), k!("region.none")).to_string())}</td>
                                    <td class="utrecht-table__cell">{move || lookup(lang.get(), if q.works_on_ret_uhp { k!("yes") } else { k!("no") })}</td>
                                    <td class="utrecht-table__cell">{q.approved_at.map(local_time).unwrap_or_default()}</td>
                                    <td class="utrecht-table__cell">
                                        <label class="va-visually-hidden" for=select_id.clone()>{t!("board.place_in")}</label>
                                        <select id=select_id class="utrecht-select utrecht-select--html-select" data-testid="group-select"
                                            on:change=move |ev| choice.set(event_target_value(&ev))>
                                            <option value="" selected=choice.get_untracked().is_empty()>{t!("board.choose_group")}</option>
                                            {groups.get_value().into_iter().map(|(gid, name, free)| {
                                                let value = gid.0.to_string();
                                                let selected = choice.get_untracked() == value;
                                                view! { <option value=value selected=selected>{format!("{name} ({free} {})", lookup(lang.get_untracked(), k!("common.free")))}</option> }
                                            }).collect_view()}
                                        </select>
                                    </td>
                                    <td class="utrecht-table__cell va-row-actions">
                                        <button type="button" class="utrecht-button utrecht-button--primary-action" data-testid="allocate"
                                            disabled=move || choice.get().is_empty()
                                            on:click=move |_| {
                                                let Ok(g) = choice.get_untracked().parse::<i64>() else { return };
                                                if offer_group != Some(GroupId(g)) {
                                                    if let Some(q) = offer_question.get_value() {
                                                        let go = web_sys::window().and_then(|w| w.confirm_with_message(&q).ok()).unwrap_or(false);
                                                        if !go { return; }
                                                    }
                                                }
                                                let question = lookup(lang.get_untracked(), k!("board.late_entry"));
                                                let who = who.get_value();
                                                spawn_local(place(id, GroupId(g), false, question, on_done, who));
                                            }>{t!("board.allocate")}</button>
                                        {(!waiting).then(|| view! {
                                            <button type="button" class="utrecht-button utrecht-button--secondary-action" data-testid="to-waitlist"
                                                on:click=move |_| {
                                                    let who = who.get_value();
                                                    spawn_local(async move {
                                                        let res = api::waitlist(id).await;
                                                        let ok = res.is_ok();
                                                        on_done(res);
                                                        if ok { crate::components::notice::confirm(k!("notice.waitlisted"), Some(who)); }
                                                    });
                                                }>{t!("board.to_waitlist")}</button>
                                        })}
                                    </td>
                                </tr>
                            }
                        }).collect_view()}
                    </Table>
                    <Pager offset total=Signal::stored(total) testid/>
                }.into_any()
            }}
        </section>
    }
}

/// A training group: its days and participants.
#[component]
pub fn GroupPage() -> impl IntoView {
    let params = use_params_map();
    view! {
        <RequireRole role=Role::BelCoordinator render=move |_: Session| {
            let id = params.read_untracked().get("id").and_then(|v| v.parse::<i64>().ok()).unwrap_or(0);
            view! { <GroupView id=GroupId(id)/> }
        }/>
    }
}

pub(super) async fn load_group(id: GroupId) -> Result<(GroupDetail, Vec<va_openapi::reference::TrainingGroup>), ApiError> {
    let d = api::group_detail(id).await?;
    let all = api::groups(d.group.programme_id).await?;
    Ok((d, all))
}

#[component]
pub(super) fn GroupView(id: GroupId) -> impl IntoView {
    let reload = RwSignal::new(0u32);
    let error: RwSignal<Option<ApiError>> = RwSignal::new(None);
    let data = load(Some(reload), move || load_group(id));
    let done = reload_on_ok(reload, error);
    view! {
        <p class="utrecht-paragraph"><A href="/bel/plaatsing" attr:class="utrecht-link">{t!("group.back")}</A></p>
        {error_alert(error)}
        {loaded(data, move |(d, all)| {
                    let targets: Vec<(GroupId, String)> = all.iter()
                        .filter(|g| g.id != id && matches!(g.status, va_openapi::reference::GroupStatus::Planned | va_openapi::reference::GroupStatus::Open | va_openapi::reference::GroupStatus::Running))
                        .map(|g| (g.id, format!("{} ({} {})", g.name, (g.capacity - g.seats_taken - g.seats_held).max(0), lookup(use_lang().get_untracked(), k!("common.free")))))
                        .collect();
                    view! {
                    <h1 class="utrecht-heading-1" data-testid="group-title">{d.group.name.clone()}</h1>
                    <p class="utrecht-paragraph">
                        <A href=format!("/trainer/groepen/{}", d.group.id) attr:class="utrecht-link" attr:data-testid="delivery-link">{t!("tr.delivery_link")}</A>
                    </p>
                    <p class="utrecht-paragraph va-summary">
                        <strong>{d.group.seats_taken}</strong>" / "<strong>{d.group.capacity}</strong>" "{t!("board.seats_taken")}
                    </p>
                    <section class="va-section">
                        <h2 class="utrecht-heading-2">{t!("group.days")}</h2>
                        <crate::components::common::DaysTable days=d.days.clone()/>
                    </section>
                    <section class="va-section">
                        <h2 class="utrecht-heading-2">{t!("group.participants")}" ("{d.participants.len()}")"</h2>
                        {if d.participants.is_empty() {
                            view! { <p class="utrecht-paragraph va-empty">{t!("group.no_participants")}</p> }.into_any()
                        } else {
                            view! {
                                <Table testid="participants" headers=vec![(k!("pros.name"), false), (k!("orgs.name"), false), (k!("pros.function"), false), (k!("login.email"), false), (k!("group.move_to"), false)]>
                                    {d.participants.iter().map(|p| {
                                        let choice = RwSignal::new(targets.first().map(|t| t.0.0.to_string()).unwrap_or_default());
                                        let eid = p.enrolment_id;
                                        let sel = format!("move-{eid}");
                                        let who = StoredValue::new(p.professional.clone());
                                        view! {
                                            <tr class="utrecht-table__row">
                                                <th class="utrecht-table__header-cell" scope="row">{p.professional.clone()}</th>
                                                <td class="utrecht-table__cell">{p.organisation.name.clone()}</td>
                                                <td class="utrecht-table__cell">{p.function.clone().unwrap_or_default()}</td>
                                                <td class="utrecht-table__cell">{p.email.clone()}</td>
                                                <td class="utrecht-table__cell va-row-actions">
                                                    <label class="va-visually-hidden" for=sel.clone()>{t!("group.move_to")}</label>
                                                    <select id=sel class="utrecht-select utrecht-select--html-select" on:change=move |ev| choice.set(event_target_value(&ev))>
                                                        {targets.iter().map(|(gid, label)| view! { <option value=gid.0.to_string()>{label.clone()}</option> }).collect_view()}
                                                    </select>
                                                    <button type="button" class="utrecht-button utrecht-button--secondary-action" data-testid="move"
                                                        on:click=move |_| {
                                                            let Ok(g) = choice.get_untracked().parse::<i64>() else { return };
                                                            let question = lookup(use_lang().get_untracked(), k!("board.late_entry"));
                                                            spawn_local(place(eid, GroupId(g), true, question, done, who.get_value()));
                                                        }>{t!("group.move")}</button>
                                                </td>
                                            </tr>
                                        }
                                    }).collect_view()}
                                </Table>
                            }.into_any()
                        }}
                    </section>
                    }.into_any()
                })}
    }
}

//! The waiting list: BEL's board (order with reasons, offers in flight,
//! substitution windows, extra-group proposals with cost and budget, group
//! seats, settings), the organisation's and ambassador's view of positions
//! and offers, and the professional's accept / decline page (no login).

use crate::api::{self, ApiError};
use crate::components::common::{error_alert, local_time, nl_date, reload_on_ok, LoadError, Loading, Table, TextField};
use crate::components::guard::RequireRole;
use crate::i18n::{lookup, tr, use_lang, Key};
use crate::session::Session;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use leptos_router::hooks::use_query_map;
use va_openapi::auth::Role;
use va_openapi::enrolment::WaitlistEntry;
use va_openapi::waitlist::*;
use va_openapi::{EnrolmentId, GroupId, ProgrammeId};

/// Whole euros the Dutch way: `€ 12.800`.
pub fn eur(n: i64) -> String {
    let digits = n.unsigned_abs().to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(c);
    }
    format!("{}€ {out}", if n < 0 { "-" } else { "" })
}

fn offer_status_key(s: OfferStatus) -> Key {
    match s {
        OfferStatus::Open => k!("os.open"),
        OfferStatus::Accepted => k!("os.accepted"),
        OfferStatus::Declined => k!("os.declined"),
        OfferStatus::Expired => k!("os.expired"),
        OfferStatus::Cancelled => k!("os.cancelled"),
    }
}

fn subst_status_key(s: SubstitutionStatus) -> Key {
    match s {
        SubstitutionStatus::Open => k!("ss.open"),
        SubstitutionStatus::Substituted => k!("ss.substituted"),
        SubstitutionStatus::Released => k!("ss.released"),
    }
}

pub fn badge(class: &'static str, key: Key) -> impl IntoView {
    let lang = use_lang();
    view! { <span class=format!("va-status va-status--{class}")>{move || lookup(lang.get(), key)}</span> }
}

async fn first_programme() -> Result<ProgrammeId, ApiError> {
    api::programmes().await?.first().map(|p| p.id).ok_or(ApiError::Network)
}

// ---------------------------------------------------------------- the professional's page

/// `/aanbod?token=…&antwoord=ja|nee`: the professional answers an offer without an account.
#[component]
pub fn OfferPage() -> impl IntoView {
    let lang = use_lang();
    let query = use_query_map();
    let token = query.read_untracked().get("token").unwrap_or_default();
    let accept = RwSignal::new(query.read_untracked().get("antwoord").as_deref() != Some("nee"));
    let keep = RwSignal::new(true);
    let error: RwSignal<Option<ApiError>> = RwSignal::new(None);
    let result: RwSignal<Option<PublicOffer>> = RwSignal::new(None);
    let busy = RwSignal::new(false);
    let tok = token.clone();
    let data = LocalResource::new(move || api::offer_lookup(tok.clone()));
    let token = StoredValue::new(token);
    let confirm = move |_| {
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        let input = OfferAnswer { token: token.get_value(), accept: accept.get_untracked(), keep_on_list: keep.get_untracked() };
        spawn_local(async move {
            match api::offer_answer(input).await {
                Ok(o) => {
                    error.set(None);
                    result.set(Some(o));
                }
                Err(e) => error.set(Some(e)),
            }
            busy.set(false);
        });
    };
    view! {
        <div class="va-narrow va-offer">
            <Suspense fallback=Loading>
                {move || data.get().map(|res| match res {
                    Err(e) => view! {
                        <h1 class="utrecht-heading-1">{t!("offer.title_plain")}</h1>
                        <LoadError err=e/>
                    }.into_any(),
                    Ok(o) => {
                        let loaded = StoredValue::new(o);
                        let shown = move || result.get().unwrap_or_else(|| loaded.get_value());
                        view! {
                            <h1 class="utrecht-heading-1" data-testid="offer-title">{t!("offer.title")}" "{shown().group}</h1>
                            <p class="utrecht-paragraph">{t!("offer.dear")}" "{shown().professional}","</p>
                            {move || {
                                let o = shown();
                                match o.status {
                                    OfferStatus::Open => view! {
                                        <p class="utrecht-paragraph utrecht-paragraph--lead">{t!("offer.intro")}</p>
                                        <crate::components::common::DaysTable days=o.days.clone()/>
                                        <p class="utrecht-paragraph va-deadline" data-testid="offer-deadline">
                                            {t!("offer.deadline")}" "<strong>{local_time(o.deadline)}</strong>
                                        </p>
                                    }.into_any(),
                                    s => view! {
                                        <div class="utrecht-alert utrecht-alert--info va-alert" role="status" data-testid="offer-result">
                                            <p class="utrecht-paragraph">{move || lookup(lang.get(), match (s, o.on_list) {
                                                (OfferStatus::Accepted, _) => k!("offer.done_accepted"),
                                                (OfferStatus::Declined, true) => k!("offer.done_declined_keep"),
                                                (OfferStatus::Declined, false) => k!("offer.done_declined_drop"),
                                                (OfferStatus::Expired, _) => k!("offer.done_expired"),
                                                _ => k!("offer.done_cancelled"),
                                            })}</p>
                                        </div>
                                    }.into_any(),
                                }
                            }}
                            {error_alert(error)}
                            <Show when=move || shown().status == OfferStatus::Open>
                                <form class="va-form" novalidate=true on:submit=move |ev: leptos::ev::SubmitEvent| { ev.prevent_default(); confirm(()); }>
                                    <fieldset class="utrecht-form-fieldset va-fieldset">
                                        <legend class="utrecht-form-fieldset__legend">{t!("offer.question")}</legend>
                                        <div class="utrecht-form-field utrecht-form-field--radio va-check">
                                            <input type="radio" class="utrecht-radio-button utrecht-radio-button--html-input" name="antwoord" id="offer-accept"
                                                prop:checked=move || accept.get() on:change=move |_| accept.set(true)/>
                                            <label class="utrecht-form-label utrecht-form-label--radio" for="offer-accept">{t!("offer.accept")}</label>
                                        </div>
                                        <div class="utrecht-form-field utrecht-form-field--radio va-check">
                                            <input type="radio" class="utrecht-radio-button utrecht-radio-button--html-input" name="antwoord" id="offer-decline"
                                                prop:checked=move || !accept.get() on:change=move |_| accept.set(false)/>
                                            <label class="utrecht-form-label utrecht-form-label--radio" for="offer-decline">{t!("offer.decline")}</label>
                                        </div>
                                        <Show when=move || !accept.get()>
                                            <div class="utrecht-form-field utrecht-form-field--checkbox va-check va-indent">
                                                <input type="checkbox" class="utrecht-checkbox utrecht-checkbox--html-input" id="offer-keep"
                                                    prop:checked=move || keep.get() on:change=move |ev| keep.set(event_target_checked(&ev))/>
                                                <label class="utrecht-form-label utrecht-form-label--checkbox" for="offer-keep">{t!("offer.keep")}</label>
                                            </div>
                                        </Show>
                                    </fieldset>
                                    <div class="va-actions">
                                        <button type="submit" class="utrecht-button utrecht-button--primary-action" data-testid="offer-confirm"
                                            aria-disabled=move || busy.get().then_some("true")>{t!("offer.confirm")}</button>
                                    </div>
                                    <p class="utrecht-paragraph va-muted">{t!("offer.once")}</p>
                                </form>
                            </Show>
                        }.into_any()
                    }
                })}
            </Suspense>
        </div>
    }
}

// ---------------------------------------------------------------- organisations and ambassadors

/// Positions, offers in flight and substitution windows in the caller's scope.
#[component]
pub fn WaitlistOverview(#[prop(default = false)] can_substitute: bool) -> impl IntoView {
    let lang = use_lang();
    let reload = RwSignal::new(0u32);
    let error: RwSignal<Option<ApiError>> = RwSignal::new(None);
    let data = LocalResource::new(move || {
        reload.get();
        async move {
            let p = first_programme().await?;
            api::waitlist_overview(p).await
        }
    });
    let done = reload_on_ok(reload, error);
    view! {
        <section class="va-section" aria-labelledby="wl-title" data-testid="waitlist-overview">
            <h2 class="utrecht-heading-2" id="wl-title">{t!("wl.mine_title")}</h2>
            {error_alert(error)}
            <Transition fallback=Loading>
                {move || data.get().map(|res| match res {
                    Err(e) => view! { <LoadError err=e/> }.into_any(),
                    Ok(o) => {
                        let open_subs: Vec<SubstitutionView> = o.substitutions.iter().filter(|s| s.status == SubstitutionStatus::Open).cloned().collect();
                        view! {
                            {(!open_subs.is_empty()).then(|| view! {
                                <div class="va-subs" data-testid="substitutions">
                                    {open_subs.into_iter().map(|s| view! {
                                        <SubstitutionCard s=s can_act=can_substitute on_done=done/>
                                    }).collect_view()}
                                </div>
                            })}
                            {if o.entries.is_empty() {
                                view! { <p class="utrecht-paragraph va-empty">{t!("wl.none_waiting")}</p> }.into_any()
                            } else {
                                view! {
                                    <Table testid="my-waitlist" headers=vec![(k!("wl.position"), true), (k!("pros.name"), false), (k!("orgs.name"), false), (k!("wl.offer"), false)]>
                                        {o.entries.into_iter().map(|e| view! {
                                            <tr class="utrecht-table__row">
                                                <td class="utrecht-table__cell utrecht-table__cell--numeric">
                                                    {move || lookup(lang.get(), k!("req.waitlist_pos")).replace("{}", &e.position.to_string())}
                                                </td>
                                                <th class="utrecht-table__header-cell" scope="row">
                                                    <A href=format!("/aanmeldingen/{}", e.request_id) attr:class="utrecht-link">{e.professional.clone()}</A>
                                                </th>
                                                <td class="utrecht-table__cell">{e.organisation.name.clone()}</td>
                                                <td class="utrecht-table__cell">{match (e.offer_group.clone(), e.offer_deadline) {
                                                    (Some(g), Some(d)) => view! { <span>{g}" · "{t!("wl.until")}" "{local_time(d)}</span> }.into_any(),
                                                    _ => view! { <span class="va-muted">"—"</span> }.into_any(),
                                                }}</td>
                                            </tr>
                                        }).collect_view()}
                                    </Table>
                                }.into_any()
                            }}
                            {(!o.offers.is_empty()).then(|| view! { <OffersTable offers=o.offers.clone() title=k!("wl.offers_recent")/> })}
                        }.into_any()
                    }
                })}
            </Transition>
        </section>
    }
}

#[component]
fn SubstitutionCard<F>(s: SubstitutionView, can_act: bool, on_done: F) -> impl IntoView
where
    F: Fn(Result<SubstitutionView, ApiError>) + Copy + Send + Sync + 'static,
{
    let name = RwSignal::new(String::new());
    let email = RwSignal::new(String::new());
    let function = RwSignal::new(String::new());
    let id = s.id;
    view! {
        <div class="va-card va-sub" role="group" aria-label=s.withdrawn.clone()>
            <p class="utrecht-paragraph">
                <strong>{s.withdrawn.clone()}</strong>" "{t!("wl.sub_text")}" "<strong>{s.group.name.clone()}</strong>". "
                {t!("wl.sub_until")}" "<strong>{local_time(s.deadline)}</strong>"."
            </p>
            {can_act.then(|| view! {
                <div class="va-form--grid">
                    <TextField id=leak(format!("sub-{id}-name")) label=k!("pros.name") value=name/>
                    <TextField id=leak(format!("sub-{id}-email")) label=k!("login.email") kind="email" value=email/>
                    <TextField id=leak(format!("sub-{id}-function")) label=k!("pros.function") value=function/>
                </div>
                <div class="va-actions">
                    <button type="button" class="utrecht-button utrecht-button--primary-action" data-testid="substitute"
                        on:click=move |_| {
                            let input = SubstituteInput {
                                name: name.get_untracked(),
                                email: email.get_untracked(),
                                function: Some(function.get_untracked()).filter(|f| !f.trim().is_empty()),
                                works_on_ret_uhp: false,
                            };
                            spawn_local(async move { on_done(api::substitute(id, &input).await) });
                        }>{t!("wl.sub_name")}</button>
                    <button type="button" class="utrecht-button utrecht-button--secondary-action" data-testid="release"
                        on:click=move |_| {
                            spawn_local(async move { on_done(api::release_substitution(id).await) });
                        }>{t!("wl.sub_release")}</button>
                </div>
            })}
        </div>
    }
}

fn leak(s: String) -> &'static str {
    Box::leak(s.into_boxed_str())
}

#[component]
fn OffersTable(offers: Vec<OfferView>, title: Key) -> impl IntoView {
    view! {
        <h3 class="utrecht-heading-3">{tr(title)}</h3>
        <Table testid="offers" headers=vec![(k!("pros.name"), false), (k!("orgs.name"), false), (k!("req.group"), false), (k!("wl.sent"), false), (k!("wl.deadline"), false), (k!("groups.status"), false)]>
            {offers.into_iter().map(|o| {
                let status = o.status;
                view! {
                    <tr class="utrecht-table__row" data-testid="offer-row">
                        <th class="utrecht-table__header-cell" scope="row">
                            <A href=format!("/aanmeldingen/{}", o.request_id) attr:class="utrecht-link">{o.professional.clone()}</A>
                            {o.manual_reason.clone().map(|r| view! { <div class="va-muted">{t!("wl.manual")}": "{r}</div> })}
                        </th>
                        <td class="utrecht-table__cell">{o.organisation.name.clone()}</td>
                        <td class="utrecht-table__cell">{o.group.name.clone()}</td>
                        <td class="utrecht-table__cell">{local_time(o.created_at)}</td>
                        <td class="utrecht-table__cell">{local_time(o.deadline)}</td>
                        <td class="utrecht-table__cell">{badge(status.as_str(), offer_status_key(status))}</td>
                    </tr>
                }
            }).collect_view()}
        </Table>
    }
}

// ---------------------------------------------------------------- BEL's board

#[component]
pub fn WaitlistBoardPage() -> impl IntoView {
    view! { <RequireRole role=Role::BelCoordinator render=|_: Session| view! { <Board/> }/> }
}

type BoardData = (WaitlistBoard, Vec<va_openapi::auth::UserSummary>, Vec<va_openapi::reference::Region>);

async fn load_board() -> Result<BoardData, ApiError> {
    let p = first_programme().await?;
    let board = api::waitlist_board(p).await?;
    let trainers = api::users().await?.into_iter().filter(|u| u.role == Role::Trainer && u.active).collect();
    Ok((board, trainers, api::regions().await?))
}

#[component]
fn Board() -> impl IntoView {
    let reload = RwSignal::new(0u32);
    let error: RwSignal<Option<ApiError>> = RwSignal::new(None);
    let data = LocalResource::new(move || {
        reload.get();
        load_board()
    });
    view! {
        <h1 class="utrecht-heading-1">{t!("wl.title")}</h1>
        <p class="utrecht-paragraph utrecht-paragraph--lead">{t!("wl.intro")}</p>
        <crate::pages::monitoring::Exports list="waitlist"/>
        {error_alert(error)}
        <Transition fallback=Loading>
            {move || data.get().map(|res| match res {
                Err(e) => view! { <LoadError err=e/> }.into_any(),
                Ok((b, trainers, regions)) => {
                    let open_offers = b.offers.iter().filter(|o| o.status == OfferStatus::Open).count();
                    let free: i32 = b.groups.iter().filter(|g| !g.started).map(|g| g.free).sum();
                    let open_groups: Vec<(GroupId, String, i32)> = b.groups.iter().filter(|g| !g.started && g.free > 0).map(|g| (g.group.id, g.group.name.clone(), g.free)).collect();
                    let subs: Vec<SubstitutionView> = b.substitutions.clone();
                    view! {
                        <p class="utrecht-paragraph va-summary" data-testid="wl-summary">
                            <strong>{b.entries.len()}</strong>" "{t!("wl.s_waiting")}" · "<strong>{open_offers}</strong>" "{t!("wl.s_offers")}
                            " · "<strong>{free}</strong>" "{t!("wl.s_free")}
                        </p>
                        <Proposals proposals=b.proposals.clone() trainers=trainers reload=reload error=error/>
                        <section class="va-section" data-testid="board-offers">
                            <h2 class="utrecht-heading-2">{t!("wl.offers_title")}</h2>
                            {if b.offers.is_empty() {
                                view! { <p class="utrecht-paragraph va-empty">{t!("wl.no_offers")}</p> }.into_any()
                            } else {
                                view! { <OffersTable offers=b.offers.clone() title=k!("wl.offers_sub")/> }.into_any()
                            }}
                        </section>
                        {(!subs.is_empty()).then(|| view! {
                            <section class="va-section">
                                <h2 class="utrecht-heading-2">{t!("wl.subs_title")}</h2>
                                <Table headers=vec![(k!("orgs.name"), false), (k!("wl.withdrawn"), false), (k!("req.group"), false), (k!("wl.deadline"), false), (k!("groups.status"), false)]>
                                    {subs.into_iter().map(|s| view! {
                                        <tr class="utrecht-table__row">
                                            <th class="utrecht-table__header-cell" scope="row">{s.organisation.name.clone()}</th>
                                            <td class="utrecht-table__cell">{s.withdrawn.clone()}{s.substitute.clone().map(|n| view! { <div class="va-muted">"→ "{n}</div> })}</td>
                                            <td class="utrecht-table__cell">{s.group.name.clone()}</td>
                                            <td class="utrecht-table__cell">{local_time(s.deadline)}</td>
                                            <td class="utrecht-table__cell">{badge(s.status.as_str(), subst_status_key(s.status))}</td>
                                        </tr>
                                    }).collect_view()}
                                </Table>
                            </section>
                        })}
                        <ListTable entries=b.entries.clone() groups=open_groups reload=reload error=error/>
                        <GroupSeatsTable groups=b.groups.clone() regions=regions reload=reload error=error/>
                        <Budgets budgets=b.budgets.clone() reload=reload error=error/>
                        <SettingsForm settings=b.settings.clone() programme=b.programme_id reload=reload error=error/>
                    }.into_any()
                }
            })}
        </Transition>
    }
}

#[component]
fn ListTable(entries: Vec<WaitlistEntry>, groups: Vec<(GroupId, String, i32)>, reload: RwSignal<u32>, error: RwSignal<Option<ApiError>>) -> impl IntoView {
    let lang = use_lang();
    view! {
        <section class="va-section" data-testid="board-list">
            <h2 class="utrecht-heading-2">{t!("wl.list_title")}" ("{entries.len()}")"</h2>
            <p class="utrecht-paragraph va-muted">{t!("wl.list_rule")}</p>
            {if entries.is_empty() {
                view! { <p class="utrecht-paragraph va-empty">{t!("board.empty")}</p> }.into_any()
            } else {
                view! {
                    <Table headers=vec![(k!("wl.position"), true), (k!("pros.name"), false), (k!("orgs.name"), false), (k!("groups.region"), false),
                                        (k!("wl.priority"), true), (k!("board.approved_at"), false), (k!("wl.offer"), false), (k!("req.actions"), false)]>
                        {entries.into_iter().map(|e| {
                            let open = RwSignal::new(None::<&'static str>);
                            let adj = RwSignal::new(e.priority_adjustment.to_string());
                            let reason = RwSignal::new(String::new());
                            let group = RwSignal::new(groups.first().map(|g| g.0 .0.to_string()).unwrap_or_default());
                            let id: EnrolmentId = e.enrolment_id;
                            let has_offer = e.offer_group.is_some();
                            let groups = StoredValue::new(groups.clone());
                            let confirm = move |_| {
                                let r = reason.get_untracked();
                                let kind = open.get_untracked();
                                spawn_local(async move {
                                    let res = match kind {
                                        Some("priority") => api::set_priority(id, adj.get_untracked().parse().unwrap_or(0), r).await.map(|_| ()),
                                        _ => {
                                            let g = group.get_untracked().parse::<i64>().unwrap_or(0);
                                            api::manual_offer(&ManualOfferInput { enrolment_id: id, group_id: GroupId(g), reason: r }).await.map(|_| ())
                                        }
                                    };
                                    if res.is_ok() {
                                        open.set(None);
                                    }
                                    reload_on_ok(reload, error)(res);
                                });
                            };
                            view! {
                                <tr class="utrecht-table__row" data-testid="list-row">
                                    <td class="utrecht-table__cell utrecht-table__cell--numeric">{e.position}</td>
                                    <th class="utrecht-table__header-cell" scope="row">
                                        <A href=format!("/aanmeldingen/{}", e.request_id) attr:class="utrecht-link">{e.professional.clone()}</A>
                                        {e.works_on_ret_uhp.then(|| view! { <span class="va-tag">"RET/UHP"</span> })}
                                    </th>
                                    <td class="utrecht-table__cell">{e.organisation.name.clone()}</td>
                                    <td class="utrecht-table__cell">{e.region.clone().map(|r| r.name).unwrap_or_else(|| lookup(lang.get_untracked(), k!("region.none")).to_string())}</td>
                                    <td class="utrecht-table__cell utrecht-table__cell--numeric">
                                        {e.priority}
                                        {e.priority_reason.clone().map(|r| view! { <div class="va-muted">{r}</div> })}
                                    </td>
                                    <td class="utrecht-table__cell">{e.approved_at.map(local_time).unwrap_or_default()}</td>
                                    <td class="utrecht-table__cell">{match (e.offer_group.clone(), e.offer_deadline) {
                                        (Some(g), Some(d)) => view! { <span>{g}<div class="va-muted">{t!("wl.until")}" "{local_time(d)}</div></span> }.into_any(),
                                        _ => view! { <span class="va-muted">"—"</span> }.into_any(),
                                    }}</td>
                                    <td class="utrecht-table__cell"><div class="va-row-actions">
                                        <button type="button" class="utrecht-button utrecht-button--secondary-action" data-testid="priority"
                                            on:click=move |_| open.set(Some("priority"))>{t!("wl.priority_change")}</button>
                                        {(!has_offer).then(|| view! {
                                            <button type="button" class="utrecht-button utrecht-button--secondary-action" data-testid="offer-manual"
                                                on:click=move |_| open.set(Some("offer"))>{t!("wl.offer_manual")}</button>
                                        })}
                                    </div></td>
                                </tr>
                                <Show when=move || open.get().is_some()>
                                    <tr class="utrecht-table__row va-dialog-row">
                                        <td class="utrecht-table__cell" colspan="8">
                                            <div class="va-dialog va-form--grid" role="group">
                                                <Show when=move || open.get() == Some("priority")>
                                                    <div class="utrecht-form-field">
                                                        <label class="utrecht-form-label" for=format!("adj-{id}")>{t!("wl.adjustment")}</label>
                                                        <select id=format!("adj-{id}") class="utrecht-select utrecht-select--html-select"
                                                            on:change=move |ev| adj.set(event_target_value(&ev))>
                                                            {(-5..=5).map(|n| view! { <option value=n.to_string() selected=adj.get_untracked() == n.to_string()>{format!("{n:+}")}</option> }).collect_view()}
                                                        </select>
                                                    </div>
                                                </Show>
                                                <Show when=move || open.get() == Some("offer")>
                                                    <div class="utrecht-form-field">
                                                        <label class="utrecht-form-label" for=format!("offer-group-{id}")>{t!("req.group")}</label>
                                                        <select id=format!("offer-group-{id}") class="utrecht-select utrecht-select--html-select"
                                                            on:change=move |ev| group.set(event_target_value(&ev))>
                                                            {groups.get_value().into_iter().map(|(g, name, free)| view! { <option value=g.0.to_string()>{format!("{name} ({free} vrij)")}</option> }).collect_view()}
                                                        </select>
                                                    </div>
                                                </Show>
                                                <div class="utrecht-form-field va-wide">
                                                    <label class="utrecht-form-label" for=format!("reason-{id}")>{t!("wl.reason")}</label>
                                                    <textarea id=format!("reason-{id}") class="utrecht-textarea utrecht-textarea--html-textarea" rows="2" data-testid="wl-reason"
                                                        prop:value=move || reason.get() on:input=move |ev| reason.set(event_target_value(&ev))></textarea>
                                                </div>
                                                <div class="va-actions">
                                                    <button type="button" class="utrecht-button utrecht-button--primary-action" data-testid="wl-confirm" on:click=confirm>{t!("wl.confirm")}</button>
                                                    <button type="button" class="utrecht-button utrecht-button--subtle" on:click=move |_| open.set(None)>{t!("wl.cancel")}</button>
                                                </div>
                                            </div>
                                        </td>
                                    </tr>
                                </Show>
                            }
                        }).collect_view()}
                    </Table>
                }.into_any()
            }}
        </section>
    }
}

#[component]
fn Proposals(
    proposals: Vec<ProposalView>,
    trainers: Vec<va_openapi::auth::UserSummary>,
    reload: RwSignal<u32>,
    error: RwSignal<Option<ApiError>>,
) -> impl IntoView {
    let (open, decided): (Vec<ProposalView>, Vec<ProposalView>) = proposals.into_iter().partition(|p| p.status == ProposalStatus::Open);
    view! {
        <section class="va-section" data-testid="proposals">
            <h2 class="utrecht-heading-2">{t!("wl.proposals_title")}</h2>
            {open.is_empty().then(|| view! { <p class="utrecht-paragraph va-empty">{t!("wl.no_proposals")}</p> })}
            {open.into_iter().map(|p| view! { <ProposalCard p=p trainers=trainers.clone() reload=reload error=error/> }).collect_view()}
            {(!decided.is_empty()).then(|| view! {
                <h3 class="utrecht-heading-3">{t!("wl.proposals_decided")}</h3>
                <Table headers=vec![(k!("wl.made"), false), (k!("wl.scope"), false), (k!("wl.waiting"), true), (k!("wl.cost"), true), (k!("groups.status"), false), (k!("wl.outcome"), false)]>
                    {decided.into_iter().map(|p| {
                        let status = p.status;
                        view! {
                            <tr class="utrecht-table__row">
                                <td class="utrecht-table__cell">{local_time(p.created_at)}</td>
                                <th class="utrecht-table__header-cell" scope="row">{p.scope_region.clone().map(|r| r.name).unwrap_or_default()}</th>
                                <td class="utrecht-table__cell utrecht-table__cell--numeric">{p.waiting_count}</td>
                                <td class="utrecht-table__cell utrecht-table__cell--numeric">{eur(p.cost_eur)}</td>
                                <td class="utrecht-table__cell">{badge(status.as_str(), if status == ProposalStatus::Approved { k!("ps.approved") } else { k!("ps.declined") })}</td>
                                <td class="utrecht-table__cell">{p.group.clone().map(|g| g.name).or(p.decision_reason.clone()).unwrap_or_default()}</td>
                            </tr>
                        }
                    }).collect_view()}
                </Table>
            })}
        </section>
    }
}

#[component]
fn ProposalCard(p: ProposalView, trainers: Vec<va_openapi::auth::UserSummary>, reload: RwSignal<u32>, error: RwSignal<Option<ApiError>>) -> impl IntoView {
    let lang = use_lang();
    let id = p.id;
    let capacity = RwSignal::new(p.suggested_size.clamp(12, 16).to_string());
    let first_day = RwSignal::new(String::new());
    let count = RwSignal::new("4".to_string());
    let every = RwSignal::new("14".to_string());
    let starts = RwSignal::new("09:30".to_string());
    let ends = RwSignal::new("16:30".to_string());
    let place = RwSignal::new(String::new());
    let trainer = RwSignal::new(trainers.first().map(|u| u.id.0.to_string()).unwrap_or_default());
    let reason = RwSignal::new(String::new());
    let approve = move |_| {
        let first = chrono::NaiveDate::parse_from_str(&first_day.get_untracked(), "%Y-%m-%d").ok();
        let n: u64 = count.get_untracked().parse().unwrap_or(0);
        let step: u64 = every.get_untracked().parse().unwrap_or(14);
        let days = first
            .map(|f| {
                (0..n)
                    .map(|i| NewTrainingDay {
                        day: f + chrono::Days::new(i * step),
                        starts_at: starts.get_untracked(),
                        ends_at: ends.get_untracked(),
                        place: place.get_untracked(),
                    })
                    .collect()
            })
            .unwrap_or_default();
        let input = ApproveProposal {
            name: None,
            capacity: capacity.get_untracked().parse().unwrap_or(0),
            trainer_id: trainer.get_untracked().parse::<i64>().ok().map(va_openapi::UserId),
            days,
        };
        spawn_local(async move { reload_on_ok(reload, error)(api::approve_proposal(id, &input).await) });
    };
    let decline = move |_| {
        let r = reason.get_untracked();
        spawn_local(async move { reload_on_ok(reload, error)(api::decline_proposal(id, r).await) });
    };
    let scope = p.scope_region.clone().map(|r| r.name);
    view! {
        <article class="va-card va-proposal" data-testid="proposal">
            <h3 class="utrecht-heading-3">
                {t!("wl.proposal_for")}" "{move || scope.clone().unwrap_or_else(|| lookup(lang.get(), k!("wl.whole_list")).to_string())}
            </h3>
            <dl class="va-facts">
                <dt>{t!("wl.waiting")}</dt><dd>{p.waiting_count}" ("{t!("wl.now")}" "{p.waiting_now}")"</dd>
                <dt>{t!("wl.suggestion")}</dt>
                <dd>{p.suggested_size}" "{t!("wl.seats")}", "{move || p.suggested_region.clone().map(|r| r.name).unwrap_or_else(|| lookup(lang.get(), k!("region.none")).to_string())}</dd>
                <dt>{t!("wl.cost")}</dt><dd data-testid="proposal-cost">{eur(p.cost_eur)}</dd>
                <dt>{t!("wl.budget")}" "{p.budget_year}</dt>
                <dd>{p.budget_eur.map(eur).unwrap_or_else(|| "—".into())}" · "{t!("wl.committed")}" "{eur(p.committed_eur)}" · "{t!("wl.remaining")}" "<strong>{eur(p.remaining_eur)}</strong></dd>
                <dt>{t!("wl.fits")}</dt>
                <dd data-testid="proposal-fit">{if p.fits {
                    view! { <span class="va-status va-status--approved">{t!("wl.fits_yes")}</span> }.into_any()
                } else {
                    view! { <span class="va-status va-status--rejected">{t!("wl.fits_no")}" "{eur(p.missing_eur)}</span> }.into_any()
                }}</dd>
            </dl>
            <details class="va-details">
                <summary class="va-summary-toggle">{t!("wl.approve_open")}</summary>
                <div class="va-form--grid">
                    <div class="utrecht-form-field">
                        <label class="utrecht-form-label" for=format!("p{id}-first")>{t!("wl.first_day")}</label>
                        <input id=format!("p{id}-first") type="date" class="utrecht-textbox utrecht-textbox--html-input"
                            prop:value=move || first_day.get() on:input=move |ev| first_day.set(event_target_value(&ev))/>
                    </div>
                    <TextField id=leak(format!("p{id}-count")) label=k!("wl.day_count") kind="number" value=count/>
                    <TextField id=leak(format!("p{id}-every")) label=k!("wl.every_days") kind="number" value=every/>
                    <TextField id=leak(format!("p{id}-starts")) label=k!("wl.starts") kind="time" value=starts/>
                    <TextField id=leak(format!("p{id}-ends")) label=k!("wl.ends") kind="time" value=ends/>
                    <TextField id=leak(format!("p{id}-place")) label=k!("group.place") value=place/>
                    <TextField id=leak(format!("p{id}-capacity")) label=k!("groups.capacity") kind="number" value=capacity/>
                    <div class="utrecht-form-field">
                        <label class="utrecht-form-label" for=format!("p{id}-trainer")>{t!("wl.trainer")}</label>
                        <select id=format!("p{id}-trainer") class="utrecht-select utrecht-select--html-select" on:change=move |ev| trainer.set(event_target_value(&ev))>
                            {trainers.iter().map(|u| view! { <option value=u.id.0.to_string()>{u.name.clone()}</option> }).collect_view()}
                        </select>
                    </div>
                    <div class="va-actions">
                        <button type="button" class="utrecht-button utrecht-button--primary-action" data-testid="proposal-approve" on:click=approve>{t!("wl.approve")}</button>
                    </div>
                </div>
            </details>
            <details class="va-details">
                <summary class="va-summary-toggle">{t!("wl.decline_open")}</summary>
                <div class="utrecht-form-field">
                    <label class="utrecht-form-label" for=format!("p{id}-reason")>{t!("wl.reason")}</label>
                    <textarea id=format!("p{id}-reason") class="utrecht-textarea utrecht-textarea--html-textarea" rows="2"
                        prop:value=move || reason.get() on:input=move |ev| reason.set(event_target_value(&ev))></textarea>
                </div>
                <div class="va-actions">
                    <button type="button" class="utrecht-button utrecht-button--secondary-action" data-testid="proposal-decline" on:click=decline>{t!("wl.decline")}</button>
                </div>
            </details>
        </article>
    }
}

#[component]
fn GroupSeatsTable(groups: Vec<GroupSeats>, regions: Vec<va_openapi::reference::Region>, reload: RwSignal<u32>, error: RwSignal<Option<ApiError>>) -> impl IntoView {
    view! {
        <section class="va-section" data-testid="board-groups">
            <h2 class="utrecht-heading-2">{t!("wl.groups_title")}</h2>
            <Table headers=vec![(k!("groups.name"), false), (k!("wl.first_day"), false), (k!("board.taken"), true), (k!("wl.held"), true), (k!("board.free"), true), (k!("wl.quotas"), false), (k!("groups.capacity"), false)]>
                {groups.into_iter().map(|g| {
                    let cap = RwSignal::new(g.group.capacity.to_string());
                    let gid = g.group.id;
                    let input_id = format!("cap-{gid}");
                    let editing = RwSignal::new(false);
                    // One input per region, filled with the current reservation.
                    let quota_inputs: Vec<(va_openapi::RegionId, String, RwSignal<String>)> = regions
                        .iter()
                        .map(|r| {
                            let now = g.quotas.iter().find(|q| q.region_id == r.id).map(|q| q.seats).unwrap_or(0);
                            (r.id, r.name.clone(), RwSignal::new(now.to_string()))
                        })
                        .collect();
                    let quota_inputs = StoredValue::new(quota_inputs);
                    let save_quotas = move |_| {
                        let quotas = quota_inputs
                            .get_value()
                            .iter()
                            .map(|(id, _, v)| RegionQuota { region_id: *id, seats: v.get_untracked().trim().parse().unwrap_or(-1) })
                            .collect();
                        spawn_local(async move { reload_on_ok(reload, error)(api::set_quotas(gid, &QuotasInput { quotas }).await) });
                    };
                    view! {
                        <tr class="utrecht-table__row">
                            <th class="utrecht-table__header-cell" scope="row">
                                <A href=format!("/bel/groepen/{gid}") attr:class="utrecht-link">{g.group.name.clone()}</A>
                                {g.started.then(|| view! { <div class="va-muted">{t!("wl.started")}</div> })}
                            </th>
                            <td class="utrecht-table__cell">{g.first_day.map(nl_date).unwrap_or_default()}</td>
                            <td class="utrecht-table__cell utrecht-table__cell--numeric">{g.group.seats_taken}</td>
                            <td class="utrecht-table__cell utrecht-table__cell--numeric">{g.group.seats_held}</td>
                            <td class="utrecht-table__cell utrecht-table__cell--numeric">{g.free}</td>
                            <td class="utrecht-table__cell">
                                {if g.quotas.is_empty() { "—".to_string() } else {
                                    g.quotas.iter().map(|q| {
                                        let name = regions.iter().find(|r| r.id == q.region_id).map(|r| r.name.clone()).unwrap_or_default();
                                        format!("{} × {name}", q.seats)
                                    }).collect::<Vec<_>>().join(", ")
                                }}
                                {g.quota_until.map(|d| view! { <div class="va-muted">{t!("wl.until")}" "{nl_date(d)}</div> })}
                                {(!g.started).then(|| view! {
                                    <button type="button" class="utrecht-button utrecht-button--subtle" data-testid="quotas-edit"
                                        aria-expanded=move || editing.get().to_string()
                                        on:click=move |_| editing.update(|e| *e = !*e)>{t!("wl.quotas_edit")}</button>
                                })}
                                <Show when=move || editing.get()>
                                    <div class="va-quota-form">
                                        {quota_inputs.get_value().into_iter().map(|(rid, name, v)| {
                                            let id = format!("quota-{gid}-{rid}");
                                            view! {
                                                <label class="utrecht-form-label" for=id.clone()>{name}</label>
                                                <input id=id type="number" min="0" class="utrecht-textbox utrecht-textbox--html-input va-num"
                                                    prop:value=move || v.get() on:input=move |ev| v.set(event_target_value(&ev))/>
                                            }
                                        }).collect_view()}
                                        <button type="button" class="utrecht-button utrecht-button--secondary-action" data-testid="quotas-save"
                                            on:click=save_quotas>{t!("wl.save")}</button>
                                    </div>
                                </Show>
                            </td>
                            <td class="utrecht-table__cell"><div class="va-row-actions">
                                <label class="va-visually-hidden" for=input_id.clone()>{t!("groups.capacity")}</label>
                                <input id=input_id type="number" min="1" max="40" class="utrecht-textbox utrecht-textbox--html-input va-num"
                                    prop:value=move || cap.get() on:input=move |ev| cap.set(event_target_value(&ev))/>
                                <button type="button" class="utrecht-button utrecht-button--secondary-action" data-testid="capacity-save"
                                    on:click=move |_| {
                                        let n = cap.get_untracked().parse().unwrap_or(0);
                                        spawn_local(async move { reload_on_ok(reload, error)(api::set_capacity(gid, n).await) });
                                    }>{t!("wl.save")}</button>
                            </div></td>
                        </tr>
                    }
                }).collect_view()}
            </Table>
            <p class="utrecht-paragraph va-muted">{t!("wl.quota_rule")}</p>
        </section>
    }
}

#[component]
fn Budgets(budgets: Vec<BudgetYear>, reload: RwSignal<u32>, error: RwSignal<Option<ApiError>>) -> impl IntoView {
    view! {
        <section class="va-section" data-testid="budgets">
            <h2 class="utrecht-heading-2">{t!("wl.budget_title")}</h2>
            <Table headers=vec![(k!("wl.year"), false), (k!("wl.budget"), false), (k!("wl.committed"), true), (k!("wl.remaining"), true), (k!("wl.groups"), true)]>
                {budgets.into_iter().map(|b| {
                    let value = RwSignal::new(b.training_eur.map(|v| v.to_string()).unwrap_or_default());
                    let year = b.year;
                    let input_id = format!("budget-{year}");
                    view! {
                        <tr class="utrecht-table__row">
                            <th class="utrecht-table__header-cell" scope="row">{year}</th>
                            <td class="utrecht-table__cell"><div class="va-row-actions">
                                <label class="va-visually-hidden" for=input_id.clone()>{t!("wl.budget")}" "{year}</label>
                                <input id=input_id type="number" min="0" class="utrecht-textbox utrecht-textbox--html-input va-num-wide"
                                    prop:value=move || value.get() on:input=move |ev| value.set(event_target_value(&ev))/>
                                <button type="button" class="utrecht-button utrecht-button--secondary-action"
                                    on:click=move |_| {
                                        let v = value.get_untracked().trim().parse().unwrap_or(-1);
                                        spawn_local(async move { reload_on_ok(reload, error)(api::set_budget(year, v).await) });
                                    }>{t!("wl.save")}</button>
                            </div></td>
                            <td class="utrecht-table__cell utrecht-table__cell--numeric">{eur(b.committed_eur)}</td>
                            <td class="utrecht-table__cell utrecht-table__cell--numeric">{eur(b.remaining_eur)}</td>
                            <td class="utrecht-table__cell utrecht-table__cell--numeric">{b.groups}</td>
                        </tr>
                    }
                }).collect_view()}
            </Table>
            <p class="utrecht-paragraph va-muted">{t!("wl.budget_rule")}</p>
        </section>
    }
}

#[component]
fn SettingsForm(settings: WaitlistSettings, programme: ProgrammeId, reload: RwSignal<u32>, error: RwSignal<Option<ApiError>>) -> impl IntoView {
    let s = settings;
    let offer = RwSignal::new(s.offer_hours.to_string());
    let subst = RwSignal::new(s.substitution_hours.to_string());
    let quotas = RwSignal::new(s.regional_quotas);
    let cutoff = RwSignal::new(s.quota_cutoff_days.to_string());
    let threshold = RwSignal::new(s.extra_group_threshold.to_string());
    let per_group = RwSignal::new(s.cost_per_group_eur.to_string());
    let per_day = RwSignal::new(s.cost_per_trainer_day_eur.to_string());
    let days = RwSignal::new(s.trainer_days_per_group.to_string());
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let n = |v: RwSignal<String>| v.get_untracked().trim().parse::<i64>().unwrap_or(-1);
        let input = WaitlistSettings {
            offer_hours: n(offer) as i32,
            substitution_hours: n(subst) as i32,
            regional_quotas: quotas.get_untracked(),
            quota_cutoff_days: n(cutoff) as i32,
            extra_group_threshold: n(threshold) as i32,
            cost_per_group_eur: n(per_group),
            cost_per_trainer_day_eur: n(per_day),
            trainer_days_per_group: n(days) as i32,
        };
        spawn_local(async move { reload_on_ok(reload, error)(api::waitlist_settings(programme, &input).await) });
    };
    view! {
        <section class="va-section">
            <h2 class="utrecht-heading-2">{t!("wl.settings_title")}</h2>
            <form class="va-form va-form--grid" novalidate=true on:submit=save>
                <TextField id="wl-offer-hours" label=k!("wl.set_offer_hours") kind="number" value=offer/>
                <TextField id="wl-subst-hours" label=k!("wl.set_subst_hours") kind="number" value=subst/>
                <TextField id="wl-threshold" label=k!("wl.set_threshold") kind="number" value=threshold/>
                <TextField id="wl-cutoff" label=k!("wl.set_cutoff") kind="number" value=cutoff/>
                <div class="utrecht-form-field utrecht-form-field--checkbox va-check">
                    <input type="checkbox" class="utrecht-checkbox utrecht-checkbox--html-input" id="wl-quotas"
                        prop:checked=move || quotas.get() on:change=move |ev| quotas.set(event_target_checked(&ev))/>
                    <label class="utrecht-form-label utrecht-form-label--checkbox" for="wl-quotas">{t!("wl.set_quotas")}</label>
                </div>
                <TextField id="wl-cost-group" label=k!("wl.set_cost_group") kind="number" value=per_group/>
                <TextField id="wl-cost-day" label=k!("wl.set_cost_day") kind="number" value=per_day/>
                <TextField id="wl-days" label=k!("wl.set_days") kind="number" value=days/>
                <div class="va-actions">
                    <button type="submit" class="utrecht-button utrecht-button--primary-action">{t!("wl.save")}</button>
                </div>
            </form>
        </section>
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn euros_have_dutch_thousands_separators() {
        assert_eq!(super::eur(12_800), "€ 12.800");
        assert_eq!(super::eur(115_000), "€ 115.000");
        assert_eq!(super::eur(0), "€ 0");
        assert_eq!(super::eur(-31_200), "-€ 31.200");
        assert_eq!(super::eur(1_234_567), "€ 1.234.567");
    }
}

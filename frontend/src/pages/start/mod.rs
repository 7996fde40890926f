//! Start page per role: what the role does here, its first real data, and what comes next.

use crate::api::{self, ApiError};
use crate::components::labels::kind_key;
use crate::components::format::nl_date;
use crate::components::common::Table;
use crate::components::loaded::{load, loaded};
use crate::components::guard::RequireRole;
use crate::pages::enrolment::RequestsTable;
use leptos_router::components::A;
use crate::i18n::{lookup, tr, use_lang, Key};
use crate::session::Session;
use leptos::prelude::*;
use va_openapi::auth::Role;
use va_openapi::reference::{Region, TrainingGroup};


async fn load_groups() -> Result<(Vec<TrainingGroup>, Vec<Region>), ApiError> {
    let regions = api::regions().await?;
    let groups = api::groups(crate::components::programme::current().await?).await?;
    Ok((groups, regions))
}

#[component]
fn GroupsTable() -> impl IntoView {
    let lang = use_lang();
    let data = load(None, move || load_groups());
    view! {
        <section class="va-section" aria-labelledby="groups-title">
            <h2 class="utrecht-heading-2" id="groups-title">{t!("groups.title")}</h2>
            {loaded(data, move |(groups, regions)| {
                        let seats: i32 = groups.iter().map(|g| g.capacity).sum();
                        let count = groups.len();
                        let region_name = move |id: Option<va_openapi::RegionId>| {
                            id.and_then(|id| regions.iter().find(|r| r.id == id).map(|r| r.name.clone()))
                        };
                        view! {
                            <p class="utrecht-paragraph va-summary" data-testid="groups-summary">
                                <strong>{count}</strong>" "{t!("groups.total")}" "<strong>{seats}</strong>" "{t!("groups.seats")}
                            </p>
                            <Table headers=vec![(k!("groups.name"), false), (k!("groups.region"), false), (k!("groups.period"), false), (k!("groups.capacity"), true), (k!("groups.status"), false)]>
                                    {groups.into_iter().map(|g| {
                                        let region = region_name(g.region_id);
                                        let status = g.status;
                                        view! {
                                            <tr class="utrecht-table__row">
                                                <th class="utrecht-table__header-cell" scope="row">{g.name}</th>
                                                <td class="utrecht-table__cell">{move || region.clone().unwrap_or_else(|| lookup(lang.get(), k!("region.none")).to_string())}</td>
                                                <td class="utrecht-table__cell">{nl_date(g.starts_on)}" – "{nl_date(g.ends_on)}</td>
                                                <td class="utrecht-table__cell utrecht-table__cell--numeric">{g.capacity}</td>
                                                <td class="utrecht-table__cell"><span class=format!("va-status va-status--{}", status.as_str())>{move || lookup(lang.get(), crate::components::labels::group_status_key(status))}</span></td>
                                            </tr>
                                        }
                                    }).collect_view()}
                            </Table>
                        }.into_any()
                    })}
        </section>
    }
}

#[component]
fn Intro(title: Key, intro: Key, scope: Option<String>) -> impl IntoView {
    view! {
        <h1 class="utrecht-heading-1" data-testid="start-title">{tr(title)}</h1>
        {scope.map(|s| view! { <p class="utrecht-paragraph va-scope" data-testid="scope">{s}</p> })}
        <p class="utrecht-paragraph utrecht-paragraph--lead">{tr(intro)}</p>
    }
}

#[component]
pub fn BelStart() -> impl IntoView {
    view! {
        <RequireRole role=Role::BelCoordinator render=|_: Session| view! {
            <Intro title=k!("start.bel.title") intro=k!("start.bel.intro") scope=None/>
            <crate::pages::mail::MailAlert/>
            <crate::pages::waitlist::BelPending/>
            <RequestsTable pending=true title=k!("inbox.bel") testid="inbox"/>
            <crate::pages::followup::FeedbackList/>
            <crate::pages::followup::YearCosts/>
            <GroupsTable/>
        }/>
    }
}

#[component]
pub fn TrainerStart() -> impl IntoView {
    view! {
        <RequireRole role=Role::Trainer render=|_: Session| view! {
            <Intro title=k!("start.trainer.title") intro=k!("start.trainer.intro") scope=None/>
            <crate::pages::training::AttendanceDue/>
            <crate::pages::training::TrainerGroups/>
            <crate::pages::followup::FeedbackList/>
        }/>
    }
}

#[component]
fn RegionOrganisations() -> impl IntoView {
    let lang = use_lang();
    let data = load(None, move || async move { api::organisations().await });
    view! {
        <section class="va-section" aria-labelledby="orgs-title">
            <h2 class="utrecht-heading-2" id="orgs-title">{t!("orgs.title")}</h2>
            {loaded(data, move |orgs| view! {
                        <p class="utrecht-paragraph va-summary"><strong>{orgs.len()}</strong></p>
                        <Table headers=vec![(k!("orgs.name"), false), (k!("orgs.kind"), false)]>
                                {orgs.into_iter().map(|o| {
                                    let kind = o.kind;
                                    view! {
                                        <tr class="utrecht-table__row">
                                            <th class="utrecht-table__header-cell" scope="row">{o.name}</th>
                                            <td class="utrecht-table__cell">{move || lookup(lang.get(), kind_key(kind))}</td>
                                        </tr>
                                    }
                                }).collect_view()}
                        </Table>
                    }.into_any())}
        </section>
    }
}

#[component]
pub fn AmbassadorStart() -> impl IntoView {
    view! {
        <RequireRole role=Role::Ambassador render=|s: Session| view! {
            <Intro title=k!("start.amb.title") intro=k!("start.amb.intro") scope=s.user.region.as_ref().map(|r| r.name.clone())/>
            <RequestsTable pending=true title=k!("inbox.amb") testid="inbox"/>
            <RequestsTable pending=false title=k!("requests.region")/>
            <crate::pages::followup::FeedbackList/>
            <crate::pages::waitlist::WaitlistOverview/>
            <RegionOrganisations/>
        }/>
    }
}

/// Mails a professional a personal calendar address (the old one stops), or revokes it.
#[component]
fn FeedButtons(id: va_openapi::ProfessionalId, name: String, error: RwSignal<Option<crate::api::ApiError>>) -> impl IntoView {
    let act = move |revoke: bool, name: String| {
        leptos::task::spawn_local(async move {
            let res = if revoke { api::revoke_professional_feed(id).await } else { api::mail_professional_feed(id).await };
            match res {
                Ok(_) => {
                    error.set(None);
                    crate::components::notice::confirm(if revoke { k!("ag.revoked_for") } else { k!("ag.mailed") }, Some(name));
                }
                Err(e) => error.set(Some(e)),
            }
        });
    };
    let (n1, n2, n3, n4) = (name.clone(), name.clone(), name.clone(), name);
    view! {
        <button type="button" class="utrecht-button utrecht-button--subtle" data-testid=format!("feed-mail-{id}") on:click=move |_| act(false, n1.clone())>
            {t!("ag.mail")}<span class="va-visually-hidden">" "{n3}</span></button>
        " "
        <button type="button" class="utrecht-button utrecht-button--subtle" data-testid=format!("feed-revoke-{id}") on:click=move |_| act(true, n2.clone())>
            {t!("ag.revoke")}<span class="va-visually-hidden">" "{n4}</span></button>
    }
}

#[component]
fn OrgProfessionals(org: va_openapi::OrganisationId) -> impl IntoView {
    let data = load(None, move || async move { api::professionals(org).await });
    let error: RwSignal<Option<crate::api::ApiError>> = RwSignal::new(None);
    view! {
        <section class="va-section" aria-labelledby="pros-title">
            <h2 class="utrecht-heading-2" id="pros-title">{t!("pros.title")}</h2>
            {crate::components::common::error_alert(error)}
            {loaded(data, move |v| match v {
                    pros if pros.is_empty() => view! { <p class="utrecht-paragraph">{t!("pros.empty")}</p> }.into_any(),
                    pros => view! {
                        <Table headers=vec![(k!("pros.name"), false), (k!("pros.function"), false), (k!("pros.email"), false), (k!("ag.col"), false)]>
                                {pros.into_iter().map(|p| view! {
                                    <tr class="utrecht-table__row">
                                        <th class="utrecht-table__header-cell" scope="row">{p.name.clone()}</th>
                                        <td class="utrecht-table__cell">{p.function.unwrap_or_default()}</td>
                                        <td class="utrecht-table__cell">{p.email}</td>
                                        <td class="utrecht-table__cell"><FeedButtons id=p.id name=p.name error/></td>
                                    </tr>
                                }).collect_view()}
                        </Table>
                    }.into_any(),
            })}
        </section>
    }
}

#[component]
pub fn OrgStart() -> impl IntoView {
    view! {
        <RequireRole role=Role::OrgContact render=|s: Session| {
            let org = s.user.organisation.clone();
            view! {
                <Intro title=k!("start.org.title") intro=k!("start.org.intro") scope=org.as_ref().map(|o| o.name.clone())/>
                <p class="utrecht-paragraph">
                    <A href="/organisatie/aanmelden" attr:class="utrecht-button-link utrecht-button-link--html-a utrecht-button-link--primary-action" attr:data-testid="new-request">{t!("nav.new_request")}</A>
                </p>
                <RequestsTable pending=false title=k!("requests.mine")/>
                <crate::pages::waitlist::WaitlistOverview can_substitute=true/>
                <crate::pages::readiness::OrgFollowups/>
                {org.map(|o| view! { <OrgProfessionals org=o.id/> })}
            }
        }/>
    }
}

//! Start page per role: what the role does here, its first real data, and what comes next.

use crate::api::{self, ApiError};
use crate::components::common::{nl_date, LoadError, Loading, Table};
use crate::components::guard::RequireRole;
use crate::pages::enrolment::RequestsTable;
use leptos_router::components::A;
use crate::i18n::{lookup, t, use_lang};
use crate::session::Session;
use leptos::prelude::*;
use va_openapi::auth::Role;
use va_openapi::reference::{GroupStatus, OrganisationKind, Region, TrainingGroup};

fn status_key(s: GroupStatus) -> &'static str {
    match s {
        GroupStatus::Planned => "status.planned",
        GroupStatus::Open => "status.open",
        GroupStatus::Running => "status.running",
        GroupStatus::Completed => "status.completed",
        GroupStatus::Cancelled => "status.cancelled",
    }
}

pub fn kind_key(k: OrganisationKind) -> &'static str {
    match k {
        OrganisationKind::Municipality => "kind.municipality",
        OrganisationKind::Cjg => "kind.cjg",
        OrganisationKind::Gi => "kind.gi",
        OrganisationKind::CareProvider => "kind.care_provider",
        OrganisationKind::Other => "kind.other",
    }
}

async fn load_groups(token: String) -> Result<(Vec<TrainingGroup>, Vec<Region>), ApiError> {
    let regions = api::regions(&token).await?;
    let mut groups = Vec::new();
    for p in api::programmes(&token).await? {
        groups.extend(api::groups(&token, p.id).await?);
    }
    Ok((groups, regions))
}

#[component]
fn GroupsTable(token: String) -> impl IntoView {
    let lang = use_lang();
    let data = LocalResource::new(move || load_groups(token.clone()));
    view! {
        <section class="va-section" aria-labelledby="groups-title">
            <h2 class="utrecht-heading-2" id="groups-title">{t("groups.title")}</h2>
            <Suspense fallback=Loading>
                {move || data.get().map(|res| match res {
                    Err(e) => view! { <LoadError err=e/> }.into_any(),
                    Ok((groups, regions)) => {
                        let seats: i32 = groups.iter().map(|g| g.capacity).sum();
                        let count = groups.len();
                        let region_name = move |id: Option<va_openapi::RegionId>| {
                            id.and_then(|id| regions.iter().find(|r| r.id == id).map(|r| r.name.clone()))
                        };
                        view! {
                            <p class="utrecht-paragraph va-summary" data-testid="groups-summary">
                                <strong>{count}</strong>" "{t("groups.total")}" "<strong>{seats}</strong>" "{t("groups.seats")}
                            </p>
                            <Table headers=vec![("groups.name", false), ("groups.region", false), ("groups.period", false), ("groups.capacity", true), ("groups.status", false)]>
                                    {groups.into_iter().map(|g| {
                                        let region = region_name(g.region_id);
                                        let status = g.status;
                                        view! {
                                            <tr class="utrecht-table__row">
                                                <th class="utrecht-table__header-cell" scope="row">{g.name}</th>
                                                <td class="utrecht-table__cell">{move || region.clone().unwrap_or_else(|| lookup(lang.get(), "region.none").to_string())}</td>
                                                <td class="utrecht-table__cell">{nl_date(g.starts_on)}" – "{nl_date(g.ends_on)}</td>
                                                <td class="utrecht-table__cell utrecht-table__cell--numeric">{g.capacity}</td>
                                                <td class="utrecht-table__cell"><span class=format!("va-status va-status--{}", status.as_str())>{move || lookup(lang.get(), status_key(status))}</span></td>
                                            </tr>
                                        }
                                    }).collect_view()}
                            </Table>
                        }.into_any()
                    }
                })}
            </Suspense>
        </section>
    }
}

#[component]
fn Intro(title: &'static str, intro: &'static str, scope: Option<String>) -> impl IntoView {
    view! {
        <h1 class="utrecht-heading-1" data-testid="start-title">{t(title)}</h1>
        {scope.map(|s| view! { <p class="utrecht-paragraph va-scope" data-testid="scope">{s}</p> })}
        <p class="utrecht-paragraph utrecht-paragraph--lead">{t(intro)}</p>
    }
}

#[component]
pub fn BelStart() -> impl IntoView {
    view! {
        <RequireRole role=Role::BelCoordinator render=|s: Session| view! {
            <Intro title="start.bel.title" intro="start.bel.intro" scope=None/>
            <RequestsTable token=s.token.clone() pending=true title="inbox.bel" testid="inbox"/>
            <crate::pages::followup::FeedbackList token=s.token.clone()/>
            <crate::pages::followup::YearCosts token=s.token.clone()/>
            <GroupsTable token=s.token.clone()/>
        }/>
    }
}

#[component]
pub fn TrainerStart() -> impl IntoView {
    view! {
        <RequireRole role=Role::Trainer render=|s: Session| view! {
            <Intro title="start.trainer.title" intro="start.trainer.intro" scope=None/>
            <crate::pages::training::TrainerGroups token=s.token.clone()/>
            <crate::pages::followup::FeedbackList token=s.token.clone()/>
        }/>
    }
}

#[component]
fn RegionOrganisations(token: String) -> impl IntoView {
    let lang = use_lang();
    let data = LocalResource::new(move || {
        let token = token.clone();
        async move { api::organisations(&token).await }
    });
    view! {
        <section class="va-section" aria-labelledby="orgs-title">
            <h2 class="utrecht-heading-2" id="orgs-title">{t("orgs.title")}</h2>
            <Suspense fallback=Loading>
                {move || data.get().map(|res| match res {
                    Err(e) => view! { <LoadError err=e/> }.into_any(),
                    Ok(orgs) => view! {
                        <p class="utrecht-paragraph va-summary"><strong>{orgs.len()}</strong></p>
                        <Table headers=vec![("orgs.name", false), ("orgs.kind", false)]>
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
                    }.into_any(),
                })}
            </Suspense>
        </section>
    }
}

#[component]
pub fn AmbassadorStart() -> impl IntoView {
    view! {
        <RequireRole role=Role::Ambassador render=|s: Session| view! {
            <Intro title="start.amb.title" intro="start.amb.intro" scope=s.user.region.as_ref().map(|r| r.name.clone())/>
            <RequestsTable token=s.token.clone() pending=true title="inbox.amb" testid="inbox"/>
            <RequestsTable token=s.token.clone() pending=false title="requests.region"/>
            <crate::pages::followup::FeedbackList token=s.token.clone()/>
            <crate::pages::waitlist::WaitlistOverview token=s.token.clone()/>
            <RegionOrganisations token=s.token.clone()/>
        }/>
    }
}

#[component]
fn OrgProfessionals(token: String, org: va_openapi::OrganisationId) -> impl IntoView {
    let data = LocalResource::new(move || {
        let token = token.clone();
        async move { api::professionals(&token, org).await }
    });
    view! {
        <section class="va-section" aria-labelledby="pros-title">
            <h2 class="utrecht-heading-2" id="pros-title">{t("pros.title")}</h2>
            <Suspense fallback=Loading>
                {move || data.get().map(|res| match res {
                    Err(e) => view! { <LoadError err=e/> }.into_any(),
                    Ok(pros) if pros.is_empty() => view! { <p class="utrecht-paragraph">{t("pros.empty")}</p> }.into_any(),
                    Ok(pros) => view! {
                        <Table headers=vec![("pros.name", false), ("pros.function", false), ("pros.email", false)]>
                                {pros.into_iter().map(|p| view! {
                                    <tr class="utrecht-table__row">
                                        <th class="utrecht-table__header-cell" scope="row">{p.name}</th>
                                        <td class="utrecht-table__cell">{p.function.unwrap_or_default()}</td>
                                        <td class="utrecht-table__cell">{p.email}</td>
                                    </tr>
                                }).collect_view()}
                        </Table>
                    }.into_any(),
                })}
            </Suspense>
        </section>
    }
}

#[component]
pub fn OrgStart() -> impl IntoView {
    view! {
        <RequireRole role=Role::OrgContact render=|s: Session| {
            let org = s.user.organisation.clone();
            view! {
                <Intro title="start.org.title" intro="start.org.intro" scope=org.as_ref().map(|o| o.name.clone())/>
                <p class="utrecht-paragraph">
                    <A href="/organisatie/aanmelden" attr:class="utrecht-button-link utrecht-button-link--html-a utrecht-button-link--primary-action" attr:data-testid="new-request">{t("nav.new_request")}</A>
                </p>
                <RequestsTable token=s.token.clone() pending=false title="requests.mine"/>
                <crate::pages::waitlist::WaitlistOverview token=s.token.clone() can_substitute=true/>
                <crate::pages::readiness::OrgFollowups token=s.token.clone()/>
                {org.map(|o| view! { <OrgProfessionals token=s.token.clone() org=o.id/> })}
            }
        }/>
    }
}

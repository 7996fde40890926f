//! The capacity planner (BEL): demand against supply per region until the end
//! of the programme, a scenario computed as you try it, scenarios saved and
//! compared side by side, and a scenario's group proposed as an extra group.

use crate::api::{self, ApiError};
use crate::components::format::{eur, nl_date};
use crate::components::common::{error_alert, Table, TextField};
use crate::components::loaded::{load, loaded};
use crate::components::guard::RequireRole;
use crate::i18n::{lookup, tr, use_lang, Key};
use crate::session::Session;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use va_openapi::auth::Role;
use va_openapi::planning::*;
use va_openapi::RegionId;

fn region_name(r: &Option<va_openapi::auth::NamedRef<RegionId>>) -> String {
    va_openapi::monitoring::region_label(r.as_ref())
}

fn months(starts: &[chrono::NaiveDate]) -> String {
    starts.iter().map(|d| d.format("%m-%Y").to_string()).collect::<Vec<_>>().join(", ")
}

/// `/bel/planner`
#[component]
pub fn PlannerPage() -> impl IntoView {
    view! {
        <RequireRole role=Role::BelCoordinator render=|_: Session| view! { <Planner/> }/>
    }
}

#[component]
fn Planner() -> impl IntoView {
    let reload = RwSignal::new(0u32);
    let data = load(Some(reload), move || async move { Ok::<_, ApiError>((api::planner().await?, api::scenarios().await?)) });
    view! {
        <p class="utrecht-paragraph"><A href="/monitoring" attr:class="utrecht-link">{t!("mon.back")}</A></p>
        <h1 class="utrecht-heading-1">{t!("plan.title")}</h1>
        <p class="utrecht-paragraph">{t!("plan.intro")}</p>
        {loaded(data, move |(now, saved)| view! {
                    <section class="va-section">
                        <h2 class="utrecht-heading-2">{t!("plan.now")}</h2>
                        <p class="utrecht-paragraph va-muted">{t!("plan.period")}" "{nl_date(now.today)}" – "{nl_date(now.until)}</p>
                        <PlanTable plan=now.clone() testid="plan-now"/>
                    </section>
                    <ScenarioForm plan=now reload=reload/>
                    <Compare scenarios=saved reload=reload/>
                }.into_any())}
    }
}

/// Demand, supply and the groups still needed per region, with the money.
#[component]
fn PlanTable(plan: PlanView, testid: &'static str) -> impl IntoView {
    let lang = use_lang();
    let fits = plan.fits;
    let years = plan.years.clone();
    view! {
        <Table headers=vec![(k!("mon.region"), false), (k!("plan.still"), true), (k!("plan.waiting"), true), (k!("plan.new_staff"), true), (k!("plan.demand"), true), (k!("plan.free"), true), (k!("plan.supply"), true), (k!("plan.shortfall"), true), (k!("plan.groups"), true), (k!("plan.starts"), false)] testid=testid>
            {plan.regions.iter().zip(plan.inputs.iter()).map(|(r, i)| view! {
                <tr class="utrecht-table__row">
                    <th scope="row" class="utrecht-table__header-cell">{region_name(&r.region)}</th>
                    <td class="utrecht-table__cell utrecht-table__cell--numeric">{i.still_to_train}</td>
                    <td class="utrecht-table__cell utrecht-table__cell--numeric">{i.waiting}</td>
                    <td class="utrecht-table__cell utrecht-table__cell--numeric">{r.new_staff}</td>
                    <td class="utrecht-table__cell utrecht-table__cell--numeric"><strong>{r.demand}</strong></td>
                    <td class="utrecht-table__cell utrecht-table__cell--numeric">{i.free_seats}</td>
                    <td class="utrecht-table__cell utrecht-table__cell--numeric">{r.supply}</td>
                    <td class="utrecht-table__cell utrecht-table__cell--numeric">{r.shortfall}</td>
                    <td class="utrecht-table__cell utrecht-table__cell--numeric"><strong>{r.groups_needed}</strong></td>
                    <td class="utrecht-table__cell">{months(&r.starts)}</td>
                </tr>
            }).collect_view()}
        </Table>
        <p class="utrecht-paragraph" data-testid=format!("{testid}-money")>
            {move || lookup(lang.get(), k!("plan.money")).replace("{g}", &plan.groups_to_fund.to_string()).replace("{c}", &eur(plan.cost_eur)).replace("{b}", &eur(plan.budget_left_eur))}" "
            {if fits { view! { <strong class="va-ok">{t!("plan.fits")}</strong> }.into_any() } else {
                view! { <strong class="va-warn">{move || lookup(lang.get(), k!("plan.missing")).replace("{m}", &eur(plan.missing_eur))}</strong> }.into_any()
            }}
        </p>
        <ul class="va-years" data-testid=format!("{testid}-years")>
            {years.into_iter().filter(|y| y.groups > 0).map(|y| view! {
                <li>{move || lookup(lang.get(), k!("plan.year")).replace("{y}", &y.year.to_string()).replace("{g}", &y.groups.to_string()).replace("{c}", &eur(y.cost_eur)).replace("{b}", &eur(y.remaining_eur))}" "
                    {if y.fits { view! { <span class="va-ok">{t!("plan.fits")}</span> }.into_any() } else { view! { <span class="va-warn">{move || lookup(lang.get(), k!("plan.missing")).replace("{m}", &eur(y.cost_eur - y.remaining_eur))}</span> }.into_any() }}
                </li>
            }).collect_view()}
        </ul>
    }
}

#[component]
fn ScenarioForm(plan: PlanView, reload: RwSignal<u32>) -> impl IntoView {
    let error: RwSignal<Option<ApiError>> = RwSignal::new(None);
    let preview: RwSignal<Option<PlanView>> = RwSignal::new(None);
    let name = RwSignal::new(String::new());
    let size = RwSignal::new("16".to_string());
    let per_group = RwSignal::new("4000".to_string());
    let per_day = RwSignal::new("1100".to_string());
    let days = RwSignal::new("8".to_string());
    let turnover = RwSignal::new("10".to_string());
    let extra: Vec<(Option<RegionId>, String, RwSignal<String>)> =
        plan.inputs.iter().map(|i| (i.region.as_ref().map(|r| r.id), region_name(&i.region), RwSignal::new("0".to_string()))).collect();
    let extra = StoredValue::new(extra);
    let params = move || {
        // Unreadable numbers go as -1: the server names the field.
        let n = |v: RwSignal<String>| v.get_untracked().trim().parse::<i64>().unwrap_or(-1);
        ScenarioParams {
            group_size: i32::try_from(n(size)).unwrap_or(-1),
            cost_per_group_eur: n(per_group),
            cost_per_trainer_day_eur: n(per_day),
            trainer_days_per_group: i32::try_from(n(days)).unwrap_or(-1),
            turnover_pct: turnover.get_untracked().trim().replace(',', ".").parse().unwrap_or(-1.0),
            extra_groups: extra.with_value(|e| {
                e.iter().filter_map(|(r, _, v)| {
                    let g = i32::try_from(n(*v)).unwrap_or(-1);
                    (g != 0).then_some(ExtraGroups { region_id: *r, groups: g })
                }).collect()
            }),
        }
    };
    let compute = move |_| {
        let p = params();
        spawn_local(async move {
            match api::compute_plan(&p).await {
                Ok(v) => { error.set(None); preview.set(Some(v)); }
                Err(e) => error.set(Some(e)),
            }
        });
    };
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let input = ScenarioInput { name: name.get_untracked(), params: params() };
        spawn_local(async move {
            match api::save_scenario(&input).await {
                Ok(_) => { error.set(None); preview.set(None); name.set(String::new()); reload.update(|n| *n += 1); }
                Err(e) => error.set(Some(e)),
            }
        });
    };
    view! {
        <section class="va-section" data-testid="scenario-form">
            <h2 class="utrecht-heading-2">{t!("plan.try")}</h2>
            <form class="va-form" novalidate=true on:submit=save>
                <div class="va-form--grid">
                    <TextField id="sc-size" label=k!("plan.size") kind="number" value=size/>
                    <TextField id="sc-group" label=k!("plan.per_group") kind="number" value=per_group/>
                    <TextField id="sc-day" label=k!("plan.per_day") kind="number" value=per_day/>
                    <TextField id="sc-days" label=k!("plan.days") kind="number" value=days/>
                    <TextField id="sc-turnover" label=k!("plan.turnover") value=turnover/>
                </div>
                <fieldset class="va-fieldset">
                    <legend class="utrecht-heading-3">{t!("plan.extra")}</legend>
                    <div class="va-form--grid">
                        {extra.with_value(|e| e.iter().enumerate().map(|(i, (_, n, v))| {
                            let id = format!("sc-extra-{i}");
                            let v = *v;
                            view! {
                                <div class="utrecht-form-field">
                                    <label class="utrecht-form-label" for=id.clone()>{n.clone()}</label>
                                    <input id=id type="number" min="0" class="utrecht-textbox utrecht-textbox--html-input" prop:value=move || v.get() on:input=move |ev| v.set(event_target_value(&ev))/>
                                </div>
                            }
                        }).collect_view())}
                    </div>
                </fieldset>
                <div class="va-actions">
                    <button type="button" class="utrecht-button utrecht-button--secondary-action" data-testid="sc-compute" on:click=compute>{t!("plan.compute")}</button>
                </div>
                {error_alert(error)}
                {move || preview.get().map(|p| view! { <div class="va-card"><PlanTable plan=p testid="plan-preview"/></div> })}
                <div class="va-form--inline">
                    <TextField id="sc-name" required=true label=k!("plan.name") value=name/>
                    <button type="submit" class="utrecht-button utrecht-button--primary-action" data-testid="sc-save">{t!("plan.save")}</button>
                </div>
            </form>
        </section>
    }
}

/// Saved scenarios side by side.
#[component]
fn Compare(scenarios: Vec<Scenario>, reload: RwSignal<u32>) -> impl IntoView {
    let lang = use_lang();
    let error: RwSignal<Option<ApiError>> = RwSignal::new(None);
    let proposed: RwSignal<Option<String>> = RwSignal::new(None);
    if scenarios.is_empty() {
        return view! { <section class="va-section"><h2 class="utrecht-heading-2">{t!("plan.compare")}</h2><p class="utrecht-paragraph va-empty">{t!("plan.none")}</p></section> }.into_any();
    }
    let regions: Vec<Option<va_openapi::auth::NamedRef<RegionId>>> = scenarios[0].plan.regions.iter().map(|r| r.region.clone()).collect();
    let propose = move |id: va_openapi::ScenarioId, region: Option<RegionId>, label: String| {
        spawn_local(async move {
            match api::propose_from_scenario(id, &ProposeGroup { region_id: region }).await {
                Ok(_) => { error.set(None); proposed.set(Some(label)); }
                Err(e) => error.set(Some(e)),
            }
        });
    };
    let remove = move |id: va_openapi::ScenarioId| {
        spawn_local(async move {
            match api::delete_scenario(id).await {
                Ok(()) => { error.set(None); reload.update(|n| *n += 1); }
                Err(e) => error.set(Some(e)),
            }
        });
    };
    let row = |key: Key, cells: Vec<String>| view! {
        <tr class="utrecht-table__row">
            <th scope="row" class="utrecht-table__header-cell">{tr(key)}</th>
            {cells.into_iter().map(|c| view! { <td class="utrecht-table__cell utrecht-table__cell--numeric">{c}</td> }).collect_view()}
        </tr>
    };
    let s = scenarios.clone();
    view! {
        <section class="va-section" data-testid="scenario-compare">
            <h2 class="utrecht-heading-2">{t!("plan.compare")}</h2>
            <crate::components::exports::Exports list="scenarios"/>
            {error_alert(error)}
            {move || proposed.get().map(|l| view! {
                <div class="utrecht-alert utrecht-alert--info va-alert" role="status" data-testid="proposed">
                    <p class="utrecht-paragraph">{move || lookup(lang.get(), k!("plan.proposed")).replace("{r}", &l)}" "<A href="/bel/wachtlijst" attr:class="utrecht-link">{t!("plan.to_board")}</A></p>
                </div>
            })}
            <div class="va-table-wrap" tabindex="0">
                <table class="utrecht-table va-table">
                    <thead class="utrecht-table__header"><tr class="utrecht-table__row">
                        <th scope="col" class="utrecht-table__header-cell">{t!("plan.scenario")}</th>
                        {s.iter().map(|x| view! { <th scope="col" class="utrecht-table__header-cell utrecht-table__header-cell--numeric">{x.name.clone()}</th> }).collect_view()}
                    </tr></thead>
                    <tbody class="utrecht-table__body">
                        {row(k!("plan.size"), s.iter().map(|x| x.params.group_size.to_string()).collect())}
                        {row(k!("plan.turnover"), s.iter().map(|x| format!("{} %", x.params.turnover_pct).replace('.', ",")).collect())}
                        {row(k!("plan.extra_total"), s.iter().map(|x| x.params.extra_groups.iter().map(|e| e.groups).sum::<i32>().to_string()).collect())}
                        {regions.iter().enumerate().map(|(i, r)| {
                            let name = region_name(r);
                            view! {
                                <tr class="utrecht-table__row">
                                    <th scope="row" class="utrecht-table__header-cell">{t!("plan.groups_in")}" "{name}</th>
                                    {s.iter().map(|x| {
                                        let rp = x.plan.regions.get(i).cloned();
                                        let extra: i32 = x.params.extra_groups.iter().filter(|e| e.region_id == r.as_ref().map(|r| r.id)).map(|e| e.groups).sum();
                                        view! { <td class="utrecht-table__cell utrecht-table__cell--numeric">
                                            {rp.as_ref().map(|p| if extra > 0 { format!("{extra} extra + {}", p.groups_needed) } else { p.groups_needed.to_string() })}
                                            {rp.as_ref().filter(|p| !p.starts.is_empty()).map(|p| view! { <div class="va-muted">{months(&p.starts)}</div> })}
                                        </td> }
                                    }).collect_view()}
                                </tr>
                            }
                        }).collect_view()}
                        {row(k!("plan.to_fund"), s.iter().map(|x| x.plan.groups_to_fund.to_string()).collect())}
                        {row(k!("plan.cost"), s.iter().map(|x| eur(x.plan.cost_eur)).collect())}
                        {row(k!("plan.budget_left"), s.iter().map(|x| eur(x.plan.budget_left_eur)).collect())}
                        {row(k!("plan.missing_row"), s.iter().map(|x| if x.plan.fits { "–".to_string() } else { eur(x.plan.missing_eur) }).collect())}
                        <tr class="utrecht-table__row">
                            <th scope="row" class="utrecht-table__header-cell">{t!("req.actions")}</th>
                            {s.iter().map(|x| {
                                let id = x.id;
                                let options: Vec<(Option<RegionId>, String)> = x.plan.regions.iter().filter(|p| {
                                    let extra: i32 = x.params.extra_groups.iter().filter(|e| e.region_id == p.region.as_ref().map(|r| r.id)).map(|e| e.groups).sum();
                                    extra + p.groups_needed > 0
                                }).map(|p| (p.region.as_ref().map(|r| r.id), region_name(&p.region))).collect();
                                view! { <td class="utrecht-table__cell">
                                    <div class="va-row-actions va-row-actions--column">
                                        {options.into_iter().map(|(r, n)| {
                                            let label = n.clone();
                                            view! { <button type="button" class="utrecht-button utrecht-button--secondary-action" data-testid="sc-propose"
                                                on:click=move |_| propose(id, r, label.clone())>{t!("plan.propose")}" "{n}</button> }
                                        }).collect_view()}
                                        <button type="button" class="utrecht-button utrecht-button--subtle" on:click=move |_| remove(id)>{t!("plan.delete")}</button>
                                    </div>
                                </td> }
                            }).collect_view()}
                        </tr>
                    </tbody>
                </table>
            </div>
        </section>
    }.into_any()
}

//! The lists behind the exports, each as a sheet with Dutch headers, in the
//! caller's scope: the monitoring report, trained professionals, the survey
//! answers, the waiting list.

use super::sheet::{Cell, Sheet};
use crate::auth::Caller;
use crate::entities::{enrolment, organisation, professional, region, survey_response, training_group};
use crate::error::{AppError, AppResult};
use crate::state::AppState;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use std::collections::HashMap;
use va_openapi::auth::Role;
use crate::monitoring::dashboard::detail_of;
use va_openapi::monitoring::{region_label, Dashboard, Figures, NO_REGION};
use va_openapi::reference::OrganisationKind;
use va_openapi::survey::SurveyStatus;
use va_openapi::{ProgrammeId, RegionId};

pub fn kind_nl(k: OrganisationKind) -> &'static str {
    match k {
        OrganisationKind::Municipality => "Gemeente",
        OrganisationKind::Cjg => "CJG",
        OrganisationKind::Gi => "Gecertificeerde instelling",
        OrganisationKind::CareProvider => "Zorgaanbieder",
        OrganisationKind::Other => "Overig",
    }
}

const FIGURE_HEADERS: [&str; 15] = [
    "Getraind (programma)",
    "Getraind (eerder)",
    "Getraind totaal",
    "Geplaatst",
    "Wachtend",
    "Nog te trainen",
    "Dekking %",
    "Doen VA's",
    "VA's gedaan",
    "Uren nodig per week",
    "Uren beschikbaar per week",
    "Nazorg gehad",
    "Nazorgdekking %",
    "Uitvraag ingevuld",
    "Organisaties",
];

fn figure_cells(f: &Figures) -> Vec<Cell> {
    vec![
        f.trained_programme.into(),
        f.trained_earlier.into(),
        f.trained.into(),
        f.placed.into(),
        f.waiting.into(),
        f.still_to_train.into(),
        f.coverage_pct.into(),
        f.doing_vas.into(),
        f.vas_done.into(),
        f.hours_needed.into(),
        f.hours_available.into(),
        f.followed_up.into(),
        f.followup_coverage_pct.into(),
        f.surveyed.into(),
        f.organisations.into(),
    ]
}

fn headers(first: &[&'static str]) -> Vec<&'static str> {
    first.iter().copied().chain(FIGURE_HEADERS).collect()
}

fn region_name(r: &va_openapi::monitoring::RegionFigures) -> String {
    region_label(r.region.as_ref())
}

/// A region by id from `regions`, or "Bovenregionaal".
fn region_of(regions: &HashMap<i64, String>, id: Option<i64>) -> Cell {
    id.and_then(|r| regions.get(&r).cloned()).unwrap_or_else(|| NO_REGION.into()).into()
}

/// A budget line's name as the screens show it.
pub fn line_nl(l: va_openapi::budget::BudgetLineKind) -> &'static str {
    use va_openapi::budget::BudgetLineKind as L;
    match l {
        L::Training => "Training, coaching en supervisie",
        L::LearningQuestions => "Leervragen",
        L::Other => "Overige borgingsactiviteiten",
    }
}

/// The monitoring report: organisations, regions with the total, budget per line.
pub fn monitoring(d: &Dashboard, region: Option<RegionId>) -> Vec<Sheet> {
    let in_filter = |r: &va_openapi::monitoring::RegionFigures| region.is_none() || r.region.as_ref().map(|x| x.id) == region;
    let orgs = d
        .regions
        .iter()
        .filter(|r| in_filter(r))
        .flat_map(|r| {
            r.organisations.iter().map(move |o| {
                let mut row: Vec<Cell> = vec![region_name(r).into(), o.organisation.name.clone().into(), kind_nl(o.kind).into()];
                row.extend(figure_cells(&o.figures));
                row
            })
        })
        .collect();
    let mut regions: Vec<Vec<Cell>> = d
        .regions
        .iter()
        .filter(|r| in_filter(r))
        .map(|r| {
            let mut row: Vec<Cell> = vec![region_name(r).into()];
            row.extend(figure_cells(&r.figures));
            row
        })
        .collect();
    if region.is_none() {
        let mut total: Vec<Cell> = vec!["Totaal".into()];
        total.extend(figure_cells(&d.total));
        regions.push(total);
    }
    let mut sheets = vec![
        Sheet { title: "Organisaties".into(), headers: headers(&["Regio", "Organisatie", "Soort"]), rows: orgs },
        Sheet { title: "Regio's".into(), headers: headers(&["Regio"]), rows: regions },
    ];
    if !d.budgets.is_empty() {
        // Per year each line with the words of the screens, then the year's total.
        let rows = d
            .budgets
            .iter()
            .flat_map(|b| {
                let lines = b.lines.iter().map(move |l| vec![b.year.into(), line_nl(l.line).into(), l.budget_eur.into(), l.spent_eur.into(), l.committed_eur.into(), l.remaining_eur.into()]);
                let total = b.total.iter().map(move |t| vec![b.year.into(), "Totaal".into(), t.budget_eur.into(), t.spent_eur.into(), t.committed_eur.into(), t.remaining_eur.into()]);
                lines.chain(total)
            })
            .collect();
        sheets.push(Sheet { title: "Budget".into(), headers: vec!["Jaar", "Post", "Budget (EUR)", "Uitgegeven (EUR)", "Vastgelegd (EUR)", "Resterend (EUR)"], rows });
    }
    sheets.push(Sheet {
        title: "Verloop".into(),
        headers: vec!["Maand", "Getraind in programma (cumulatief)", "Getraind totaal (cumulatief)"],
        rows: d.trend.iter().map(|t| vec![t.month.into(), t.trained_programme.into(), t.trained.into()]).collect(),
    });
    sheets
}

/// Trained professionals: in the programme (with group and date) and before it.
pub async fn trained(state: &AppState, caller: &Caller, region: Option<RegionId>, programme: i64) -> AppResult<Vec<Sheet>> {
    caller.require(&[Role::BelCoordinator, Role::Ambassador, Role::OrgContact])?;
    let db = &state.db;
    let orgs: HashMap<i64, organisation::Model> = organisation::Entity::find().all(db).await?.into_iter().map(|o| (o.id, o)).collect();
    let regions: HashMap<i64, String> = region::Entity::find().all(db).await?.into_iter().map(|r| (r.id, r.name)).collect();
    let groups: HashMap<i64, String> = training_group::Entity::find().all(db).await?.into_iter().map(|g| (g.id, g.name)).collect();
    let trained: Vec<enrolment::Model> =
        enrolment::Entity::find().filter(enrolment::Column::Status.eq("trained")).filter(enrolment::Column::ProgrammeId.eq(programme)).all(db).await?;
    let by_prof: HashMap<i64, &enrolment::Model> = trained.iter().map(|e| (e.professional_id, e)).collect();
    let mut rows = Vec::new();
    for p in professional::Entity::find().order_by_asc(professional::Column::Name).all(db).await? {
        let Some(o) = orgs.get(&p.organisation_id) else { continue };
        if !detail_of(caller, o) || (region.is_some() && o.region_id != region.map(|r| r.0)) {
            continue;
        }
        let region_name = region_of(&regions, o.region_id);
        if let Some(e) = by_prof.get(&p.id) {
            let group: Cell = e.group_id.and_then(|g| groups.get(&g).cloned()).into();
            rows.push(vec![p.name.clone().into(), p.email.clone().into(), o.name.clone().into(), region_name, p.function.clone().into(), e.trained_on.into(), "Programma".into(), group]);
        } else if let Some(on) = p.trained_before_on {
            rows.push(vec![p.name.clone().into(), p.email.clone().into(), o.name.clone().into(), region_name, p.function.clone().into(), on.into(), "Eerder getraind".into(), Cell::Empty]);
        }
    }
    Ok(vec![Sheet {
        title: "Getrainde professionals".into(),
        headers: vec!["Naam", "E-mail", "Organisatie", "Regio", "Functie", "Getraind op", "Bron", "Groep"],
        rows,
    }])
}

fn status_nl(s: SurveyStatus) -> &'static str {
    match s {
        SurveyStatus::NotStarted => "Niet begonnen",
        SurveyStatus::Draft => "Concept",
        SurveyStatus::Submitted => "Ingediend",
    }
}

/// The answers of the programme's latest survey round in the caller's scope.
pub async fn survey(state: &AppState, caller: &Caller, region: Option<RegionId>, programme: Option<va_openapi::ProgrammeId>) -> AppResult<Vec<Sheet>> {
    let rounds = crate::survey::service::list(state, caller, programme).await?;
    let Some(round) = rounds.first() else { return Err(AppError::NotFound) };
    let ov = crate::survey::service::overview(state, caller, round.id).await?;
    let answers: HashMap<i64, survey_response::Model> = survey_response::Entity::find()
        .filter(survey_response::Column::RoundId.eq(round.id.0))
        .all(&state.db)
        .await?
        .into_iter()
        .map(|r| (r.organisation_id, r))
        .collect();
    let rows = ov
        .lines
        .iter()
        .filter(|l| region.is_none() || l.region.as_ref().map(|r| r.id) == region)
        .map(|l| {
            let a = answers.get(&l.organisation.id.0);
            vec![
                l.organisation.name.clone().into(),
                region_label(l.region.as_ref()).into(),
                status_nl(l.status).into(),
                a.and_then(|a| a.trained_reported).into(),
                a.and_then(|a| a.trained_note.clone()).into(),
                a.and_then(|a| a.doing_vas).into(),
                a.and_then(|a| a.still_to_train).into(),
                a.and_then(|a| a.vas_done).into(),
                a.and_then(|a| a.hours_needed).into(),
                a.and_then(|a| a.hours_available).into(),
                a.and_then(|a| a.bottlenecks.clone()).into(),
                a.and_then(|a| a.success_factors.clone()).into(),
                l.submitted_at.map(crate::clock::local_date).into(),
            ]
        })
        .collect();
    Ok(vec![Sheet {
        title: format!("Uitvraag {}", round.year),
        headers: vec![
            "Organisatie",
            "Regio",
            "Status",
            "Getraind",
            "Toelichting getraind",
            "Doen VA's",
            "Nog te trainen",
            "VA's gedaan",
            "Uren nodig per week",
            "Uren beschikbaar per week",
            "Knelpunten",
            "Succesfactoren",
            "Ingediend op",
        ],
        rows,
    }])
}

/// The waiting list of the (first) programme in order.
pub async fn waitlist(state: &AppState, caller: &Caller, region: Option<RegionId>, programme: i64) -> AppResult<Vec<Sheet>> {
    let list = crate::waitlist::service::list(state, caller, ProgrammeId(programme)).await?;
    let rows = list
        .into_iter()
        .filter(|e| region.is_none() || e.region.as_ref().map(|r| r.id) == region)
        .map(|e| {
            vec![
                e.position.into(),
                e.professional.into(),
                e.organisation.name.into(),
                region_label(e.region.as_ref()).into(),
                e.priority.into(),
                e.priority_reason.into(),
                e.approved_at.map(crate::clock::local_date).into(),
                e.offer_group.into(),
                e.offer_deadline.map(crate::clock::local_date).into(),
            ]
        })
        .collect();
    Ok(vec![Sheet {
        title: "Wachtlijst".into(),
        headers: vec!["Positie", "Professional", "Organisatie", "Regio", "Prioriteit", "Reden prioriteit", "Goedgekeurd op", "Aanbod in groep", "Aanbod geldig tot"],
        rows,
    }])
}

fn enrolment_nl(s: &str) -> &'static str {
    match s {
        "draft" => "Concept",
        "submitted" => "Ingediend",
        "returned" => "Teruggestuurd",
        "approved" => "Goedgekeurd",
        "rejected" => "Afgewezen",
        "placed" => "Geplaatst",
        "waitlisted" => "Op de wachtlijst",
        "withdrawn" => "Teruggetrokken",
        "trained" => "Getraind",
        "not_completed" => "Niet afgerond",
        _ => "Onbekend",
    }
}

fn group_nl(s: &str) -> &'static str {
    match s {
        "planned" => "Gepland",
        "open" => "Open voor aanmelding",
        "running" => "Loopt",
        "completed" => "Afgerond",
        "cancelled" => "Geannuleerd",
        _ => "Onbekend",
    }
}

/// Every enrolment in scope: who, for which organisation, its status and group.
pub async fn requests(state: &AppState, caller: &Caller, region: Option<RegionId>, programme: i64) -> AppResult<Vec<Sheet>> {
    caller.require(&[Role::BelCoordinator, Role::Ambassador, Role::OrgContact])?;
    let db = &state.db;
    let orgs: HashMap<i64, organisation::Model> = organisation::Entity::find().all(db).await?.into_iter().map(|o| (o.id, o)).collect();
    let regions: HashMap<i64, String> = region::Entity::find().all(db).await?.into_iter().map(|r| (r.id, r.name)).collect();
    let groups: HashMap<i64, String> = training_group::Entity::find().all(db).await?.into_iter().map(|g| (g.id, g.name)).collect();
    let profs: HashMap<i64, professional::Model> = professional::Entity::find().all(db).await?.into_iter().map(|p| (p.id, p)).collect();
    let mut rows = Vec::new();
    for e in enrolment::Entity::find().order_by_asc(enrolment::Column::CreatedAt).order_by_asc(enrolment::Column::Id).all(db).await? {
        let Some(p) = profs.get(&e.professional_id) else { continue };
        let Some(o) = orgs.get(&p.organisation_id) else { continue };
        if !detail_of(caller, o) || (region.is_some() && o.region_id != region.map(|r| r.0)) || e.status == "draft" || e.programme_id != programme {
            continue;
        }
        rows.push(vec![
            crate::clock::local_date(e.created_at).into(),
            o.name.clone().into(),
            region_of(&regions, o.region_id),
            p.name.clone().into(),
            e.function.clone().or_else(|| p.function.clone()).into(),
            (if e.ret_uhp { "ja" } else { "nee" }).into(),
            enrolment_nl(&e.status).into(),
            e.last_reason.clone().into(),
            e.group_id.and_then(|g| groups.get(&g).cloned()).into(),
            e.approved_at.map(crate::clock::local_date).into(),
            e.trained_on.into(),
        ]);
    }
    Ok(vec![Sheet {
        title: "Aanmeldingen".into(),
        headers: vec!["Aangemeld op", "Organisatie", "Regio", "Professional", "Functie", "RET/UHP", "Status", "Reden", "Groep", "Goedgekeurd op", "Getraind op"],
        rows,
    }])
}

/// The training groups with their seats.
pub async fn groups(state: &AppState, caller: &Caller, region: Option<RegionId>, programme: i64) -> AppResult<Vec<Sheet>> {
    caller.require(&[Role::BelCoordinator, Role::Ambassador, Role::OrgContact, Role::Trainer])?;
    let db = &state.db;
    let today = state.settings.clock.today();
    let regions: HashMap<i64, String> = region::Entity::find().all(db).await?.into_iter().map(|r| (r.id, r.name)).collect();
    let rows = training_group::Entity::find()
        .order_by_asc(training_group::Column::StartsOn)
        .all(db)
        .await?
        .into_iter()
        .filter(|g| g.programme_id == programme && (region.is_none() || g.region_id == region.map(|r| r.0)))
        .map(|g| {
            let status = crate::reference::lookup::group_status(&g, today);
            vec![
                g.name.into(),
                region_of(&regions, g.region_id),
                g.starts_on.into(),
                g.ends_on.into(),
                group_nl(status.as_str()).into(),
                g.capacity.into(),
                g.seats_taken.into(),
                g.seats_held.into(),
                (g.capacity - g.seats_taken - g.seats_held).max(0).into(),
            ]
        })
        .collect();
    Ok(vec![Sheet {
        title: "Trainingsgroepen".into(),
        headers: vec!["Groep", "Regio", "Start", "Einde", "Status", "Plaatsen", "Bezet", "Vastgehouden", "Vrij"],
        rows,
    }])
}

/// Follow-up in the caller's scope: per organisation, the trained without follow-up, the sessions.
pub async fn followup(state: &AppState, caller: &Caller, region: Option<RegionId>) -> AppResult<Vec<Sheet>> {
    let ov = crate::followup::delivery::overview(state, caller).await?;
    let in_region = |r: &Option<va_openapi::auth::NamedRef<RegionId>>| region.is_none() || r.as_ref().map(|x| x.id) == region;
    let name = |r: &Option<va_openapi::auth::NamedRef<RegionId>>| -> Cell { region_label(r.as_ref()).into() };
    let per_org = ov
        .per_organisation
        .iter()
        .filter(|o| in_region(&o.region))
        .map(|o| vec![o.organisation.name.clone().into(), name(&o.region), o.trained.into(), o.with_followup.into(), o.sessions_attended.into()])
        .collect();
    let without = ov
        .without_followup
        .iter()
        .filter(|t| in_region(&t.region))
        .map(|t| {
            vec![
                t.professional.name.clone().into(),
                t.organisation.name.clone().into(),
                name(&t.region),
                t.trained_on.into(),
                t.days_since_training.into(),
                (if t.planned { "ja" } else { "nee" }).into(),
            ]
        })
        .collect();
    let sessions = ov
        .sessions
        .iter()
        .map(|s| {
            let status = match s.status {
                va_openapi::followup::SessionStatus::Planned => "Gepland",
                va_openapi::followup::SessionStatus::Held => "Gehouden",
                va_openapi::followup::SessionStatus::Cancelled => "Geannuleerd",
            };
            vec![
                s.day.into(),
                format!("{}-{}", s.starts_at, s.ends_at).into(),
                s.kind.nl().into(),
                status.into(),
                s.place.clone().into(),
                s.trainer.as_ref().map(|t| t.name.clone()).into(),
                i32::try_from(s.participants.len()).unwrap_or(i32::MAX).into(),
            ]
        })
        .collect();
    Ok(vec![
        Sheet { title: "Nazorg per organisatie".into(), headers: vec!["Organisatie", "Regio", "Getraind", "Met nazorg", "Sessies bijgewoond"], rows: per_org },
        Sheet { title: "Getraind zonder nazorg".into(), headers: vec!["Professional", "Organisatie", "Regio", "Getraind op", "Dagen sinds training", "Sessie gepland"], rows: without },
        Sheet { title: "Sessies".into(), headers: vec!["Datum", "Tijd", "Soort", "Status", "Plaats", "Begeleider", "Deelnemers"], rows: sessions },
    ])
}

/// The saved planner scenarios side by side, one row per scenario and region (BEL).
pub async fn scenarios(state: &AppState, caller: &Caller, programme: Option<va_openapi::ProgrammeId>) -> AppResult<Vec<Sheet>> {
    let list = crate::planning::service::list(state, caller, programme).await?;
    let mut totals = Vec::new();
    let mut regions = Vec::new();
    for s in &list {
        let extra: i32 = s.params.extra_groups.iter().map(|e| e.groups).sum();
        totals.push(vec![
            s.name.clone().into(),
            s.params.group_size.into(),
            s.params.turnover_pct.into(),
            extra.into(),
            s.plan.groups_to_fund.into(),
            s.plan.cost_eur.into(),
            s.plan.budget_left_eur.into(),
            (if s.plan.fits { "ja" } else { "nee" }).into(),
            s.plan.missing_eur.into(),
        ]);
        for r in &s.plan.regions {
            regions.push(vec![
                s.name.clone().into(),
                region_label(r.region.as_ref()).into(),
                r.demand.into(),
                r.new_staff.into(),
                r.supply.into(),
                r.shortfall.into(),
                r.groups_needed.into(),
                r.starts.iter().map(|d| d.format("%m-%Y").to_string()).collect::<Vec<_>>().join(", ").into(),
            ]);
        }
    }
    Ok(vec![
        Sheet {
            title: "Scenario's".into(),
            headers: vec!["Scenario", "Groepsgrootte", "Verloop %", "Extra groepen", "Groepen te financieren", "Kosten (EUR)", "Resterend budget (EUR)", "Past", "Tekort (EUR)"],
            rows: totals,
        },
        Sheet {
            title: "Per regio".into(),
            headers: vec!["Scenario", "Regio", "Vraag", "Nieuw door verloop", "Aanbod", "Tekort", "Groepen nodig", "Start"],
            rows: regions,
        },
    ])
}

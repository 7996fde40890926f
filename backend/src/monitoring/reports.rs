//! The lists behind the exports, each as a sheet with Dutch headers, in the
//! caller's scope: the monitoring report, trained professionals, the survey
//! answers, the waiting list.

use super::export::{Cell, Sheet};
use crate::auth::Caller;
use crate::entities::{enrolment, organisation, professional, programme, region, survey_response, training_group};
use crate::error::{AppError, AppResult};
use crate::startup::AppState;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use std::collections::HashMap;
use va_openapi::auth::Role;
use va_openapi::monitoring::{Dashboard, Figures};
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
    r.region.as_ref().map(|x| x.name.clone()).unwrap_or_else(|| "Bovenregionaal".into())
}

/// The monitoring report: organisations, regions with the total, budget.
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
        sheets.push(Sheet {
            title: "Budget".into(),
            headers: vec!["Jaar", "Budget (EUR)", "Uitgegeven (EUR)", "Verplicht (EUR)", "Resterend (EUR)"],
            rows: d.budgets.iter().map(|b| vec![b.year.into(), b.budget_eur.into(), b.spent_eur.into(), b.committed_eur.into(), b.remaining_eur.into()]).collect(),
        });
    }
    sheets.push(Sheet {
        title: "Verloop".into(),
        headers: vec!["Maand", "Getraind in programma (cumulatief)", "Getraind totaal (cumulatief)"],
        rows: d.trend.iter().map(|t| vec![t.month.into(), t.trained_programme.into(), t.trained.into()]).collect(),
    });
    sheets
}

/// Whether the caller sees an organisation's people.
fn sees(caller: &Caller, o: &organisation::Model) -> bool {
    match caller.role {
        Role::BelCoordinator => true,
        Role::Ambassador => o.region_id.is_some() && o.region_id == caller.region().map(|r| r.0),
        Role::OrgContact => Some(o.id) == caller.organisation().map(|x| x.0),
        Role::Trainer => false,
    }
}

/// Trained professionals: in the programme (with group and date) and before it.
pub async fn trained(state: &AppState, caller: &Caller, region: Option<RegionId>) -> AppResult<Vec<Sheet>> {
    caller.require(&[Role::BelCoordinator, Role::Ambassador, Role::OrgContact])?;
    let db = &state.db;
    let orgs: HashMap<i64, organisation::Model> = organisation::Entity::find().all(db).await?.into_iter().map(|o| (o.id, o)).collect();
    let regions: HashMap<i64, String> = region::Entity::find().all(db).await?.into_iter().map(|r| (r.id, r.name)).collect();
    let groups: HashMap<i64, String> = training_group::Entity::find().all(db).await?.into_iter().map(|g| (g.id, g.name)).collect();
    let trained: Vec<enrolment::Model> = enrolment::Entity::find().filter(enrolment::Column::Status.eq("trained")).all(db).await?;
    let by_prof: HashMap<i64, &enrolment::Model> = trained.iter().map(|e| (e.professional_id, e)).collect();
    let mut rows = Vec::new();
    for p in professional::Entity::find().order_by_asc(professional::Column::Name).all(db).await? {
        let Some(o) = orgs.get(&p.organisation_id) else { continue };
        if !sees(caller, o) || (region.is_some() && o.region_id != region.map(|r| r.0)) {
            continue;
        }
        let region_name: Cell = o.region_id.and_then(|r| regions.get(&r).cloned()).unwrap_or_else(|| "Bovenregionaal".into()).into();
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

/// The answers of the latest survey round in the caller's scope.
pub async fn survey(state: &AppState, caller: &Caller, region: Option<RegionId>) -> AppResult<Vec<Sheet>> {
    let rounds = crate::survey::service::list(state, caller).await?;
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
                l.region.as_ref().map(|r| r.name.clone()).unwrap_or_else(|| "Bovenregionaal".into()).into(),
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
                l.submitted_at.map(|t| crate::clock::local_date(t)).into(),
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
pub async fn waitlist(state: &AppState, caller: &Caller, region: Option<RegionId>) -> AppResult<Vec<Sheet>> {
    let p = programme::Entity::find().order_by_asc(programme::Column::Id).one(&state.db).await?.ok_or(AppError::NotFound)?;
    let list = crate::waitlist::service::list(state, caller, ProgrammeId(p.id)).await?;
    let rows = list
        .into_iter()
        .filter(|e| region.is_none() || e.region.as_ref().map(|r| r.id) == region)
        .map(|e| {
            vec![
                e.position.into(),
                e.professional.into(),
                e.organisation.name.into(),
                e.region.map(|r| r.name).unwrap_or_else(|| "Bovenregionaal".into()).into(),
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

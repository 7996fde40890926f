//! Queries and conversions for reference data.

use crate::auth::rules::{may_see_professionals, org_access, OrgAccess, Scope};
use crate::auth::Caller;
use crate::entities::{organisation, professional, programme, region, training_group};
use crate::error::{validate::Errors, AppError, AppResult};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder, Set,
};
use va_openapi::reference::{
    NewProfessional, Organisation, OrganisationKind, Professional, Programme, ProgrammeSettings, Region, TrainingGroup,
};
use va_openapi::*;

pub fn to_region(m: region::Model) -> Region {
    Region { id: RegionId(m.id), code: m.code, name: m.name }
}

pub fn to_org(m: organisation::Model) -> Organisation {
    Organisation {
        id: OrganisationId(m.id),
        name: m.name,
        kind: OrganisationKind::parse(&m.kind).unwrap_or(OrganisationKind::Other),
        region_id: m.region_id.map(RegionId),
        active: m.active,
    }
}

pub fn to_professional(m: professional::Model) -> Professional {
    Professional {
        id: ProfessionalId(m.id),
        organisation_id: OrganisationId(m.organisation_id),
        name: m.name,
        email: m.email,
        function: m.function,
        created_at: m.created_at,
    }
}

pub fn to_programme(m: programme::Model) -> Programme {
    let waitlist = super::lookup::settings_of(&m);
    Programme {
        id: ProgrammeId(m.id),
        name: m.name,
        course_type: va_openapi::admin::CourseType::parse(&m.course_type).unwrap_or(va_openapi::admin::CourseType::VaTraining),
        starts_on: m.starts_on,
        ends_on: m.ends_on,
        default_group_size: m.default_group_size,
        settings: ProgrammeSettings { readiness_validity_months: m.readiness_validity_months, readiness_gate: m.readiness_gate },
        waitlist,
    }
}

pub fn to_group(m: training_group::Model, today: chrono::NaiveDate) -> TrainingGroup {
    TrainingGroup {
        status: crate::reference::lookup::group_status(&m, today),
        id: GroupId(m.id),
        programme_id: ProgrammeId(m.programme_id),
        name: m.name,
        region_id: m.region_id.map(RegionId),
        capacity: m.capacity,
        seats_taken: m.seats_taken,
        seats_held: m.seats_held,
        starts_on: m.starts_on,
        ends_on: m.ends_on,
        location: m.location,
        trainer_id: m.trainer_id.map(UserId),
    }
}

pub async fn regions(db: &DatabaseConnection) -> AppResult<Vec<Region>> {
    Ok(region::Entity::find().order_by_asc(region::Column::Id).all(db).await?.into_iter().map(to_region).collect())
}

/// Organisations the caller may see: all for BEL and trainers, the own region
/// for ambassadors, and all (names are public) for organisation contacts.
pub async fn organisations(db: &DatabaseConnection, caller: &Caller) -> AppResult<Vec<Organisation>> {
    let mut q = organisation::Entity::find().order_by_asc(organisation::Column::Name);
    if let Scope::Region(r) = caller.scope {
        q = q.filter(organisation::Column::RegionId.eq(r.0));
    }
    Ok(q.all(db).await?.into_iter().map(to_org).collect())
}

/// One organisation with the caller's access to it; hidden ones are 404.
pub async fn organisation_for<C: ConnectionTrait>(
    db: &C,
    caller: &Caller,
    id: OrganisationId,
) -> AppResult<(organisation::Model, OrgAccess)> {
    let org = organisation::Entity::find_by_id(id.0).one(db).await?.ok_or(AppError::NotFound)?;
    match org_access(caller.scope, id, org.region_id.map(RegionId)) {
        OrgAccess::Hidden => Err(AppError::NotFound),
        access => Ok((org, access)),
    }
}

pub async fn professionals(db: &DatabaseConnection, caller: &Caller, org: OrganisationId) -> AppResult<Vec<Professional>> {
    let (o, _) = organisation_for(db, caller, org).await?;
    if !may_see_professionals(caller.scope, org, o.region_id.map(RegionId)) {
        return Err(AppError::Forbidden);
    }
    Ok(professional::Entity::find()
        .filter(professional::Column::OrganisationId.eq(org.0))
        .order_by_asc(professional::Column::Name)
        .all(db)
        .await?
        .into_iter()
        .map(to_professional)
        .collect())
}

/// Registers a professional of an organisation (BEL or the organisation's own contact).
pub async fn add_professional(
    state: &crate::state::AppState,
    caller: &Caller,
    org: OrganisationId,
    input: NewProfessional,
) -> AppResult<Professional> {
    let mut errs = Errors::default();
    let name = errs.text("name", &input.name, MAX_NAME_LEN);
    let email = errs.email("email", &input.email);
    let function = errs.opt_text("function", input.function.as_deref(), MAX_NAME_LEN);
    let caller = *caller;
    let created = crate::db::write_txn(state, move |txn| {
            Box::pin(async move {
                let (_, access) = organisation_for(txn, &caller, org).await?;
                if access != OrgAccess::Manage {
                    return Err(AppError::Forbidden);
                }
                errs.finish()?;
                let taken = professional::Entity::find()
                    .filter(professional::Column::Email.eq(email.clone()))
                    .one(txn)
                    .await?
                    .is_some();
                if taken {
                    return Err(AppError::AlreadyExists { field: "email" });
                }
                let p = professional::ActiveModel {
                    organisation_id: Set(org.0),
                    name: Set(name),
                    email: Set(email),
                    function: Set(function),
                    created_at: Set(chrono::Utc::now()),
                    ..Default::default()
                }
                .insert(txn)
                .await?;
                crate::audit::record(
                    txn,
                    Some(caller.user_id),
                    "professional.created",
                    &format!("professional:{}", p.id),
                    Some(format!("organisation {}", org.0)),
                )
                .await?;
                Ok(p)
            })
        })
        .await?;
    Ok(to_professional(created))
}

pub async fn programmes(db: &DatabaseConnection) -> AppResult<Vec<Programme>> {
    Ok(programme::Entity::find()
        .order_by_asc(programme::Column::StartsOn)
        .all(db)
        .await?
        .into_iter()
        .map(to_programme)
        .collect())
}

pub async fn groups(db: &DatabaseConnection, programme: ProgrammeId, today: chrono::NaiveDate) -> AppResult<Vec<TrainingGroup>> {
    programme::Entity::find_by_id(programme.0).one(db).await?.ok_or(AppError::NotFound)?;
    Ok(training_group::Entity::find()
        .filter(training_group::Column::ProgrammeId.eq(programme.0))
        .order_by_asc(training_group::Column::StartsOn)
        .order_by_asc(training_group::Column::Name)
        .all(db)
        .await?
        .into_iter()
        .map(|g| to_group(g, today))
        .collect())
}

/// Writes settings of a programme in one transaction with their audit entry
/// (`action`, `detail`), and returns the programme as it is now. Every
/// settings form of BEL (readiness, waiting list, delivery) goes through it.
pub async fn write_programme(
    state: &crate::state::AppState,
    caller: &Caller,
    id: ProgrammeId,
    action: &'static str,
    detail: String,
    set: impl FnOnce(sea_orm::UpdateMany<programme::Entity>) -> sea_orm::UpdateMany<programme::Entity> + Send + 'static,
) -> AppResult<programme::Model> {
    let actor = caller.user_id;
    crate::db::write_txn(state, move |txn| {
        Box::pin(async move {
            programme::Entity::find_by_id(id.0).one(txn).await?.ok_or(AppError::NotFound)?;
            set(programme::Entity::update_many()).filter(programme::Column::Id.eq(id.0)).exec(txn).await?;
            crate::audit::record(txn, Some(actor), action, &format!("programme:{}", id.0), Some(detail)).await?;
            Ok(())
        })
    })
    .await?;
    programme::Entity::find_by_id(id.0).one(&state.db).await?.ok_or(AppError::NotFound)
}

/// BEL changes a programme's settings.
pub async fn update_settings(
    state: &crate::state::AppState,
    caller: &Caller,
    id: ProgrammeId,
    input: ProgrammeSettings,
) -> AppResult<Programme> {
    caller.require(&[va_openapi::auth::Role::BelCoordinator])?;
    if !(1..=60).contains(&input.readiness_validity_months) {
        return Err(AppError::field("readiness_validity_months", "out_of_range", "between 1 and 60 months"));
    }
    let detail = format!("validity {} months, gate {}", input.readiness_validity_months, input.readiness_gate);
    let p = write_programme(state, caller, id, "programme.settings_changed", detail, move |q| {
        q.col_expr(programme::Column::ReadinessValidityMonths, Expr::value(input.readiness_validity_months))
            .col_expr(programme::Column::ReadinessGate, Expr::value(input.readiness_gate))
    })
    .await?;
    Ok(to_programme(p))
}

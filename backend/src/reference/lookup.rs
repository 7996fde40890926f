//! Lookups every domain shares: professionals of enrolments, organisation and
//! region names, active users by role, an organisation's contacts, the region
//! a professional's seat counts for, a programme's settings.

use crate::entities::{enrolment, organisation, professional, programme, region, training_group, user};
use crate::error::{AppError, AppResult};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};
use std::collections::HashMap;
use va_openapi::auth::{NamedRef, Role};
use va_openapi::waitlist::WaitlistSettings;
use va_openapi::{OrganisationId, RegionId};

/// The professionals of the given enrolments, by id.
pub async fn professionals_of<C: ConnectionTrait>(db: &C, enrolments: &[enrolment::Model]) -> AppResult<HashMap<i64, professional::Model>> {
    let ids: Vec<i64> = enrolments.iter().map(|e| e.professional_id).collect();
    Ok(professional::Entity::find()
        .filter(professional::Column::Id.is_in(ids))
        .all(db)
        .await?
        .into_iter()
        .map(|p| (p.id, p))
        .collect())
}

/// Organisations and regions by id, loaded once per answer.
pub struct Names {
    orgs: HashMap<i64, organisation::Model>,
    regions: HashMap<i64, String>,
}

pub async fn names<C: ConnectionTrait>(db: &C) -> AppResult<Names> {
    Ok(Names {
        orgs: organisation::Entity::find().all(db).await?.into_iter().map(|o| (o.id, o)).collect(),
        regions: region::Entity::find().all(db).await?.into_iter().map(|r| (r.id, r.name)).collect(),
    })
}

impl Names {
    pub fn org(&self, id: i64) -> NamedRef<OrganisationId> {
        NamedRef { id: OrganisationId(id), name: self.orgs.get(&id).map(|o| o.name.clone()).unwrap_or_default() }
    }

    pub fn organisation(&self, id: i64) -> Option<&organisation::Model> {
        self.orgs.get(&id)
    }

    /// The region of an organisation (none for GIs and care providers).
    pub fn org_region(&self, id: i64) -> Option<NamedRef<RegionId>> {
        self.region(self.orgs.get(&id).and_then(|o| o.region_id))
    }
    pub fn region(&self, id: Option<i64>) -> Option<NamedRef<RegionId>> {
        id.map(|id| NamedRef { id: RegionId(id), name: self.regions.get(&id).cloned().unwrap_or_default() })
    }
}

/// Active users of a role (a query to narrow further).
pub fn active_users(role: Role) -> sea_orm::Select<user::Entity> {
    user::Entity::find().filter(user::Column::Role.eq(role.as_str())).filter(user::Column::Active.eq(true))
}

/// The active contacts of an organisation.
pub async fn org_contacts<C: ConnectionTrait>(db: &C, org_id: i64) -> AppResult<Vec<user::Model>> {
    Ok(active_users(Role::OrgContact).filter(user::Column::OrganisationId.eq(org_id)).all(db).await?)
}

/// The organisation and region a professional's seat counts for.
pub async fn org_and_region<C: ConnectionTrait>(db: &C, professional_id: i64) -> AppResult<(i64, Option<i64>)> {
    let p = professional::Entity::find_by_id(professional_id).one(db).await?.ok_or(AppError::NotFound)?;
    let o = organisation::Entity::find_by_id(p.organisation_id).one(db).await?.ok_or(AppError::NotFound)?;
    Ok((o.id, o.region_id))
}

/// A programme's waiting-list settings as the contract shows them.
pub fn settings_of(p: &programme::Model) -> WaitlistSettings {
    WaitlistSettings {
        offer_hours: p.offer_hours,
        substitution_hours: p.substitution_hours,
        regional_quotas: p.regional_quotas,
        quota_cutoff_days: p.quota_cutoff_days,
        extra_group_threshold: p.extra_group_threshold,
        cost_per_group_eur: p.cost_per_group_eur,
        cost_per_trainer_day_eur: p.cost_per_trainer_day_eur,
        trainer_days_per_group: p.trainer_days_per_group,
    }
}

/// The group's status today (see `rules::group_status`).
pub fn group_status(g: &training_group::Model, today: chrono::NaiveDate) -> va_openapi::reference::GroupStatus {
    super::rules::group_status(&g.status, g.starts_on, g.ends_on, g.closed_at.is_some(), today)
}

/// The programme a figure is about: the one asked for (404 when unknown), else
/// the first VA training, else the first programme; `None` before any exists.
pub async fn programme_in_view<C: ConnectionTrait>(db: &C, asked: Option<va_openapi::ProgrammeId>) -> AppResult<Option<programme::Model>> {
    if let Some(id) = asked {
        return programme::Entity::find_by_id(id.0).one(db).await?.ok_or(AppError::NotFound).map(Some);
    }
    let all = programme::Entity::find().all(db).await?;
    let mut sorted: Vec<&programme::Model> = all.iter().collect();
    sorted.sort_by_key(|p| (p.course_type != "va_training", p.id));
    Ok(sorted.first().map(|p| (*p).clone()))
}

/// 409 `already_exists` (field `name`) when another of `rows` (id, name) has
/// this name, ignoring case: organisations, programmes, a programme's groups.
pub fn name_free<'a>(name: &str, except: Option<i64>, rows: impl IntoIterator<Item = (i64, &'a str)>) -> AppResult<()> {
    let lower = name.to_lowercase();
    if rows.into_iter().any(|(id, n)| n.to_lowercase() == lower && Some(id) != except) {
        return Err(AppError::AlreadyExists { field: "name" });
    }
    Ok(())
}

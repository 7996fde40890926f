//! Read models of the waiting list: offers, substitution windows, group seats,
//! BEL's board and the scoped overview for ambassadors and organisations.

use super::offers::{OFFER, SUBSTITUTION};
use super::{proposals, rules, seats};
use crate::auth::rules::Scope;
use crate::auth::Caller;
use crate::reference::lookup::{names, Names};
use crate::entities::{enrolment, group_quota, professional, programme, seat_hold, training_group};
use crate::error::{AppError, AppResult};
use crate::reference::service::to_group;
use crate::state::AppState;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
use std::collections::HashMap;
use va_openapi::auth::{NamedRef, Role};
use va_openapi::waitlist::*;
use va_openapi::*;


struct Lookup {
    names: Names,
    enrolments: HashMap<i64, enrolment::Model>,
    profs: HashMap<i64, professional::Model>,
    groups: HashMap<i64, String>,
}

async fn lookup<C: ConnectionTrait>(db: &C, holds: &[seat_hold::Model]) -> AppResult<Lookup> {
    let mut ids: Vec<i64> = holds.iter().map(|h| h.enrolment_id).collect();
    ids.extend(holds.iter().filter_map(|h| h.substitute_enrolment_id));
    let enrolments: HashMap<i64, enrolment::Model> =
        enrolment::Entity::find().filter(enrolment::Column::Id.is_in(ids)).all(db).await?.into_iter().map(|e| (e.id, e)).collect();
    let list: Vec<enrolment::Model> = enrolments.values().cloned().collect();
    let profs = crate::reference::lookup::professionals_of(db, &list).await?;
    let groups = training_group::Entity::find()
        .filter(training_group::Column::Id.is_in(holds.iter().map(|h| h.group_id)))
        .all(db)
        .await?
        .into_iter()
        .map(|g| (g.id, g.name))
        .collect();
    Ok(Lookup { names: names(db).await?, enrolments, profs, groups })
}

impl Lookup {
    fn prof_name(&self, enrolment_id: i64) -> String {
        self.enrolments
            .get(&enrolment_id)
            .and_then(|e| self.profs.get(&e.professional_id))
            .map(|p| p.name.clone())
            .unwrap_or_default()
    }

    fn group(&self, id: i64) -> NamedRef<GroupId> {
        NamedRef { id: GroupId(id), name: self.groups.get(&id).cloned().unwrap_or_default() }
    }
}

pub async fn offers<C: ConnectionTrait>(db: &C, holds: Vec<seat_hold::Model>) -> AppResult<Vec<OfferView>> {
    let l = lookup(db, &holds).await?;
    Ok(holds
        .into_iter()
        .filter(|h| h.kind == OFFER)
        .map(|h| OfferView {
            id: OfferId(h.id),
            enrolment_id: EnrolmentId(h.enrolment_id),
            request_id: RequestId(l.enrolments.get(&h.enrolment_id).map(|e| e.request_id).unwrap_or_default()),
            professional: l.prof_name(h.enrolment_id),
            organisation: l.names.org(h.organisation_id),
            region: l.names.region(h.region_id),
            group: l.group(h.group_id),
            status: OfferStatus::parse(&h.status).unwrap_or(OfferStatus::Cancelled),
            created_at: h.created_at,
            deadline: h.deadline,
            resolved_at: h.resolved_at,
            manual_reason: h.manual_reason,
        })
        .collect())
}

pub async fn substitutions<C: ConnectionTrait>(db: &C, holds: Vec<seat_hold::Model>) -> AppResult<Vec<SubstitutionView>> {
    let l = lookup(db, &holds).await?;
    Ok(holds
        .into_iter()
        .filter(|h| h.kind == SUBSTITUTION)
        .map(|h| SubstitutionView {
            id: SubstitutionId(h.id),
            group: l.group(h.group_id),
            organisation: l.names.org(h.organisation_id),
            request_id: RequestId(l.enrolments.get(&h.enrolment_id).map(|e| e.request_id).unwrap_or_default()),
            withdrawn: l.prof_name(h.enrolment_id),
            status: SubstitutionStatus::parse(&h.status).unwrap_or(SubstitutionStatus::Released),
            deadline: h.deadline,
            resolved_at: h.resolved_at,
            substitute: h.substitute_enrolment_id.map(|s| l.prof_name(s)),
        })
        .collect())
}

/// Holds of a programme's groups: open ones first (by deadline), then the latest `recent` resolved ones.
async fn holds_of<C: ConnectionTrait>(db: &C, programme_id: i64, kind: &str, org: Option<i64>, recent: u64) -> AppResult<Vec<seat_hold::Model>> {
    let group_ids: Vec<i64> = training_group::Entity::find()
        .filter(training_group::Column::ProgrammeId.eq(programme_id))
        .all(db)
        .await?
        .into_iter()
        .map(|g| g.id)
        .collect();
    let base = || {
        let q = seat_hold::Entity::find().filter(seat_hold::Column::Kind.eq(kind)).filter(seat_hold::Column::GroupId.is_in(group_ids.clone()));
        match org {
            Some(o) => q.filter(seat_hold::Column::OrganisationId.eq(o)),
            None => q,
        }
    };
    let mut out = base().filter(seat_hold::Column::Status.eq("open")).order_by_asc(seat_hold::Column::Deadline).all(db).await?;
    out.extend(
        base().filter(seat_hold::Column::Status.ne("open")).order_by_desc(seat_hold::Column::Id).limit(recent).all(db).await?,
    );
    Ok(out)
}

pub async fn group_seats<C: ConnectionTrait>(db: &C, p: &programme::Model, today: chrono::NaiveDate) -> AppResult<Vec<GroupSeats>> {
    let groups = training_group::Entity::find()
        .filter(training_group::Column::ProgrammeId.eq(p.id))
        .order_by_asc(training_group::Column::StartsOn)
        .all(db)
        .await?;
    let mut quotas: HashMap<i64, Vec<RegionQuota>> = HashMap::new();
    for q in group_quota::Entity::find().filter(group_quota::Column::GroupId.is_in(groups.iter().map(|g| g.id))).all(db).await? {
        quotas.entry(q.group_id).or_default().push(RegionQuota { region_id: RegionId(q.region_id), seats: q.seats });
    }
    let mut out = Vec::new();
    for g in groups {
        let first = seats::first_day(db, &g).await?;
        let qs = quotas.remove(&g.id).unwrap_or_default();
        let cutoff = rules::quota_cutoff(first, p.quota_cutoff_days);
        let quota_until = (p.regional_quotas && g.quota_released_at.is_none() && !qs.is_empty() && today < cutoff).then_some(cutoff);
        out.push(GroupSeats {
            free: crate::roster::rules::free_seats(g.capacity, g.seats_taken + g.seats_held),
            started: rules::started(today, first),
            first_day: Some(first),
            quotas: qs,
            quota_until,
            group: to_group(g, today),
        });
    }
    Ok(out)
}

/// BEL's waiting-list board.
pub async fn board(state: &AppState, caller: &Caller, programme_id: ProgrammeId) -> AppResult<WaitlistBoard> {
    caller.require(&[Role::BelCoordinator])?;
    let db = &state.db;
    let p = programme::Entity::find_by_id(programme_id.0).one(db).await?.ok_or(AppError::NotFound)?;
    let today = state.settings.clock.today();
    Ok(WaitlistBoard {
        programme_id,
        settings: crate::reference::lookup::settings_of(&p),
        entries: super::service::list(state, caller, programme_id).await?,
        offers: offers(db, holds_of(db, p.id, OFFER, None, 30).await?).await?,
        substitutions: substitutions(db, holds_of(db, p.id, SUBSTITUTION, None, 10).await?).await?,
        proposals: proposals::views(state, p.id).await?,
        groups: group_seats(db, &p, today).await?,
        budgets: crate::budget::lines::budget_years(db, state.settings.clock.now()).await?,
    })
}

/// The list, offers and substitution windows in the caller's scope:
/// ambassadors their region, organisation contacts their own organisation.
pub async fn overview(state: &AppState, caller: &Caller, programme_id: ProgrammeId) -> AppResult<OrganisationWaitlist> {
    let db = &state.db;
    let p = programme::Entity::find_by_id(programme_id.0).one(db).await?.ok_or(AppError::NotFound)?;
    let entries = super::service::list(state, caller, programme_id).await?;
    let (org, region) = match caller.scope {
        Scope::All => (None, None),
        Scope::Region(r) => (None, Some(r.0)),
        Scope::Organisation(o) => (Some(o.0), None),
        Scope::Groups => return Err(AppError::Forbidden),
    };
    let keep = |h: &seat_hold::Model| region.is_none_or(|r| h.region_id == Some(r));
    let o: Vec<seat_hold::Model> = holds_of(db, p.id, OFFER, org, 20).await?.into_iter().filter(keep).collect();
    let s: Vec<seat_hold::Model> = holds_of(db, p.id, SUBSTITUTION, org, 10).await?.into_iter().filter(keep).collect();
    Ok(OrganisationWaitlist { entries, offers: offers(db, o).await?, substitutions: substitutions(db, s).await? })
}

//! BEL's seat board (groups and the allocation queue in waiting-list order) and a group's page.

use crate::roster::store::status_of;
use crate::auth::Caller;
use crate::entities::{
    enrolment, professional, programme, seat_hold, training_group,
};
use crate::error::{AppError, AppResult};
use crate::reference::lookup::{names, professionals_of, Names};
use crate::reference::service::to_group;
use crate::state::AppState;
use sea_orm::{
    ColumnTrait, EntityTrait, QueryFilter, QueryOrder,
};
use std::collections::HashMap;
use va_openapi::auth::{NamedRef, Role};
use va_openapi::enrolment::*;
use va_openapi::reference::TrainingGroup;
use va_openapi::*;

fn queue_entry(
    e: &enrolment::Model,
    profs: &HashMap<i64, professional::Model>,
    n: &Names,
    position: Option<i32>,
    groups: &[TrainingGroup],
    offers: &HashMap<i64, seat_hold::Model>,
) -> AppResult<QueueEntry> {
    let p = profs.get(&e.professional_id);
    let org_id = p.map(|p| p.organisation_id).unwrap_or_default();
    let region = n.org_region(org_id);
    Ok(QueueEntry {
        suggested_group_id: super::rules::suggested_group(region.as_ref().map(|r| r.id.0), groups),
        enrolment_id: EnrolmentId(e.id),
        request_id: RequestId(e.request_id),
        professional: p.map(|p| p.name.clone()).unwrap_or_default(),
        organisation: n.org(org_id),
        region,
        function: e.function.clone(),
        works_on_ret_uhp: e.ret_uhp,
        approved_at: e.approved_at,
        status: status_of(e)?,
        waitlist_position: position,
        priority_adjustment: e.priority_adjustment,
        open_offer: offers.get(&e.id).map(|h| HeldSeat {
            group: NamedRef { id: GroupId(h.group_id), name: groups.iter().find(|g| g.id.0 == h.group_id).map(|g| g.name.clone()).unwrap_or_default() },
            deadline: h.deadline,
        }),
    })
}

/// BEL's seat board: groups with seats taken and free, the allocation queue and the waiting list.
pub async fn seat_board(state: &AppState, caller: &Caller, programme_id: ProgrammeId) -> AppResult<SeatBoard> {
    caller.require(&[Role::BelCoordinator])?;
    let db = &state.db;
    programme::Entity::find_by_id(programme_id.0).one(db).await?.ok_or(AppError::NotFound)?;
    let groups = training_group::Entity::find()
        .filter(training_group::Column::ProgrammeId.eq(programme_id.0))
        .order_by_asc(training_group::Column::StartsOn)
        .all(db)
        .await?;
    let waiting = crate::waitlist::service::waiting(db, programme_id.0).await?;
    let positions = crate::waitlist::rules::positions(&waiting.iter().map(crate::waitlist::service::entry_of).collect::<Vec<_>>());
    let profs = professionals_of(db, &waiting).await?;
    let n = names(db).await?;
    let groups: Vec<TrainingGroup> = groups.into_iter().map(|g| to_group(g, state.settings.clock.today())).collect();
    let offers = crate::waitlist::offers::open_holds(db, crate::waitlist::offers::OFFER, waiting.iter().map(|e| e.id)).await?;
    let mut queue = Vec::new();
    let mut waitlist = Vec::new();
    for e in &waiting {
        let entry = queue_entry(e, &profs, &n, positions.get(&e.id).copied(), &groups, &offers)?;
        if entry.status == EnrolmentStatus::Waitlisted {
            waitlist.push(entry);
        } else {
            queue.push(entry);
        }
    }
    queue.sort_by_key(|e| e.waitlist_position.unwrap_or(i32::MAX));
    waitlist.sort_by_key(|e| e.waitlist_position.unwrap_or(i32::MAX));
    Ok(SeatBoard { programme_id, groups, queue, waitlist })
}

/// A group with its training days and participants (BEL and trainers).
pub async fn group_detail(state: &AppState, caller: &Caller, id: GroupId) -> AppResult<GroupDetail> {
    let db = &state.db;
    // BEL, or a trainer who runs the group: the one ownership rule of every group-scoped operation.
    let (g, days) = crate::training::service::load(db, caller, id.0).await?;
    let placed = enrolment::Entity::find()
        .filter(enrolment::Column::GroupId.eq(g.id))
        .filter(enrolment::Column::Status.eq(EnrolmentStatus::Placed.as_str()))
        .all(db)
        .await?;
    let profs = professionals_of(db, &placed).await?;
    let n = names(db).await?;
    let mut participants: Vec<Participant> = placed
        .iter()
        .map(|e| {
            let p = profs.get(&e.professional_id);
            Participant {
                enrolment_id: EnrolmentId(e.id),
                professional: p.map(|p| p.name.clone()).unwrap_or_default(),
                email: p.map(|p| p.email.clone()).unwrap_or_default(),
                organisation: n.org(p.map(|p| p.organisation_id).unwrap_or_default()),
                function: e.function.clone(),
            }
        })
        .collect();
    participants.sort_by(|a, b| a.professional.cmp(&b.professional));
    Ok(GroupDetail {
        group: to_group(g, state.settings.clock.today()),
        days: days
            .into_iter()
            .map(|d| TrainingDay { day: d.day, starts_at: d.starts_at, ends_at: d.ends_at, place: d.place })
            .collect(),
        participants,
    })
}

//! Meetings and their items: reads for BEL and ambassadors, changes by BEL,
//! each change in one transaction with its audit entry.

use super::rules;
use crate::audit::Changes;
use crate::auth::Caller;
use crate::db::write_txn;
use crate::entities::{meeting_item as item, monitoring_meeting as meeting, monitoring_snapshot as snap, region};
use crate::error::{validate::Errors, AppError, AppResult};
use crate::monitoring::snapshots;
use crate::state::AppState;
use chrono::{Datelike, NaiveDate};
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, Set};
use std::collections::HashMap;
use va_openapi::auth::{NamedRef, Role};
use va_openapi::meetings::*;
use va_openapi::{ErrorCode, MeetingId, MeetingItemId, RegionId, SnapshotId};

/// Who takes part: BEL keeps the meetings, the ambassadors read them.
const MEMBERS: [Role; 2] = [Role::BelCoordinator, Role::Ambassador];

fn kind_of(m: &item::Model) -> MeetingItemKind {
    MeetingItemKind::parse(&m.kind).unwrap_or(MeetingItemKind::Decision)
}

/// Everything a page needs to describe meetings and items.
struct Facts {
    meetings: Vec<meeting::Model>,
    items: Vec<item::Model>,
    regions: HashMap<i64, String>,
    numbers: HashMap<i64, i32>,
}

async fn facts(state: &AppState) -> AppResult<Facts> {
    let db = &state.db;
    let meetings = meeting::Entity::find().order_by_asc(meeting::Column::HeldOn).order_by_asc(meeting::Column::Id).all(db).await?;
    let items = item::Entity::find().order_by_asc(item::Column::Id).all(db).await?;
    let regions = region::Entity::find().all(db).await?.into_iter().map(|r| (r.id, r.name)).collect();
    let numbers = rules::numbers(&meetings.iter().map(|m| (m.id, m.held_on)).collect::<Vec<_>>()).into_iter().collect();
    Ok(Facts { meetings, items, regions, numbers })
}

impl Facts {
    fn item(&self, caller: &Caller, i: &item::Model, today: NaiveDate) -> MeetingItem {
        let kind = kind_of(i);
        let m = self.meetings.iter().find(|m| m.id == i.meeting_id);
        MeetingItem {
            id: MeetingItemId(i.id),
            meeting: NamedRef { id: MeetingId(i.meeting_id), name: m.map(|m| m.label.clone()).unwrap_or_default() },
            kind,
            text: i.text.clone(),
            owner: i.owner.clone(),
            region: i.region_id.map(|r| NamedRef { id: RegionId(r), name: self.regions.get(&r).cloned().unwrap_or_default() }),
            due_on: i.due_on,
            done_at: i.done_at,
            overdue: rules::overdue(kind, i.due_on, i.done_at.is_some(), today),
            own_region: i.region_id.is_some() && i.region_id.map(RegionId) == caller.region(),
        }
    }

    async fn summary(&self, state: &AppState, m: &meeting::Model) -> AppResult<MeetingSummary> {
        let mine: Vec<&item::Model> = self.items.iter().filter(|i| i.meeting_id == m.id).collect();
        let actions = |done: bool| mine.iter().filter(|i| kind_of(i) == MeetingItemKind::Action && i.done_at.is_some() == done).count() as i32;
        let snapshot = match m.snapshot_id {
            Some(id) => match snap::Entity::find_by_id(id).one(&state.db).await? {
                Some(s) => Some(snapshots::summary(state, &s).await?),
                None => None,
            },
            None => None,
        };
        Ok(MeetingSummary {
            id: MeetingId(m.id),
            held_on: m.held_on,
            label: m.label.clone(),
            location: m.location.clone(),
            number: self.numbers.get(&m.id).copied().unwrap_or(1),
            snapshot,
            decisions: mine.iter().filter(|i| kind_of(i) == MeetingItemKind::Decision).count() as i32,
            actions_open: actions(false),
            actions_done: actions(true),
        })
    }
}

/// The meetings by year (newest first) and every open action by date.
pub async fn list(state: &AppState, caller: &Caller) -> AppResult<MeetingList> {
    caller.require(&MEMBERS)?;
    let f = facts(state).await?;
    let today = state.settings.clock.today();
    let mut years: Vec<MeetingYear> = Vec::new();
    for m in &f.meetings {
        let s = f.summary(state, m).await?;
        match years.iter_mut().find(|y| y.year == m.held_on.year()) {
            Some(y) => y.meetings.push(s),
            None => years.push(MeetingYear { year: m.held_on.year(), meetings: vec![s] }),
        }
    }
    years.sort_by_key(|y| std::cmp::Reverse(y.year));
    let mut open_actions: Vec<MeetingItem> =
        f.items.iter().filter(|i| kind_of(i) == MeetingItemKind::Action && i.done_at.is_none()).map(|i| f.item(caller, i, today)).collect();
    open_actions.sort_by_key(|i| (i.due_on, i.id));
    Ok(MeetingList { years, open_actions, can_edit: caller.role == Role::BelCoordinator })
}

/// One meeting with its items and the snapshot discussed, as the caller may see it.
pub async fn get(state: &AppState, caller: &Caller, id: MeetingId) -> AppResult<Meeting> {
    caller.require(&MEMBERS)?;
    let f = facts(state).await?;
    let m = f.meetings.iter().find(|m| m.id == id.0).ok_or(AppError::NotFound)?;
    let today = state.settings.clock.today();
    let snapshot = match m.snapshot_id {
        Some(s) => Some(snapshots::compare(state, caller, SnapshotId(s)).await?),
        None => None,
    };
    Ok(Meeting {
        summary: f.summary(state, m).await?,
        notes: m.notes.clone(),
        items: f.items.iter().filter(|i| i.meeting_id == m.id).map(|i| f.item(caller, i, today)).collect(),
        snapshot,
        can_edit: caller.role == Role::BelCoordinator,
    })
}

/// Checks the input; the snapshot must exist.
async fn checked(state: &AppState, input: &MeetingInput) -> AppResult<rules::MeetingFields> {
    let mut errs = Errors::default();
    let fields = rules::meeting(&mut errs, input.held_on, &input.label, input.location.as_deref(), input.notes.as_deref());
    if let Some(s) = input.snapshot_id {
        if snap::Entity::find_by_id(s.0).one(&state.db).await?.is_none() {
            errs.add("snapshot_id", "unknown", "no such snapshot");
        }
    }
    errs.finish()?;
    Ok(fields)
}

/// 409 `meetings_full` when the year of `held_on` has its three meetings (`except` not counted).
async fn room_in_year<C: ConnectionTrait>(txn: &C, held_on: NaiveDate, except: Option<i64>) -> AppResult<()> {
    let (from, to) = (NaiveDate::from_ymd_opt(held_on.year(), 1, 1), NaiveDate::from_ymd_opt(held_on.year(), 12, 31));
    let mut q = meeting::Entity::find().filter(meeting::Column::HeldOn.gte(from)).filter(meeting::Column::HeldOn.lte(to));
    if let Some(id) = except {
        q = q.filter(meeting::Column::Id.ne(id));
    }
    let others = q.count(txn).await? as usize;
    if rules::year_has_room(others) {
        Ok(())
    } else {
        Err(AppError::Conflict {
            code: ErrorCode::MeetingsFull,
            detail: format!("{} already has its {MEETINGS_PER_YEAR} monitoring meetings", held_on.year()),
        })
    }
}

/// BEL schedules a meeting.
pub async fn create(state: &AppState, caller: &Caller, input: MeetingInput) -> AppResult<Meeting> {
    caller.require(&[Role::BelCoordinator])?;
    let f = checked(state, &input).await?;
    let (actor, now) = (caller.user_id, state.settings.clock.now());
    let id = write_txn(state, move |txn| {
        Box::pin(async move {
            room_in_year(txn, f.held_on, None).await?;
            let row = meeting::ActiveModel {
                held_on: Set(f.held_on),
                label: Set(f.label),
                location: Set(f.location),
                snapshot_id: Set(input.snapshot_id.map(|s| s.0)),
                notes: Set(f.notes),
                created_by: Set(actor.0),
                created_at: Set(now),
                ..Default::default()
            }
            .insert(txn)
            .await?;
            crate::audit::record(txn, Some(actor), "meeting.created", &format!("meeting:{}", row.id), Some(format!("{} {}", row.held_on, row.label))).await?;
            Ok(row.id)
        })
    })
    .await?;
    get(state, caller, MeetingId(id)).await
}

/// BEL changes a meeting: its date (within a year with room), label, place, snapshot and notes.
pub async fn update(state: &AppState, caller: &Caller, id: MeetingId, input: MeetingInput) -> AppResult<Meeting> {
    caller.require(&[Role::BelCoordinator])?;
    let before = meeting::Entity::find_by_id(id.0).one(&state.db).await?.ok_or(AppError::NotFound)?;
    let f = checked(state, &input).await?;
    let actor = caller.user_id;
    write_txn(state, move |txn| {
        Box::pin(async move {
            room_in_year(txn, f.held_on, Some(before.id)).await?;
            let changes = Changes::new()
                .field("held_on", before.held_on, f.held_on)
                .field("label", before.label.as_str(), f.label.as_str())
                .opt("location", before.location.as_deref(), f.location.as_deref())
                .opt("snapshot_id", before.snapshot_id, input.snapshot_id.map(|s| s.0))
                .field("notes", before.notes.as_str(), f.notes.as_str());
            let mut row: meeting::ActiveModel = before.clone().into();
            row.held_on = Set(f.held_on);
            row.label = Set(f.label.clone());
            row.location = Set(f.location.clone());
            row.snapshot_id = Set(input.snapshot_id.map(|s| s.0));
            row.notes = Set(f.notes.clone());
            row.update(txn).await?;
            crate::audit::record_change(txn, actor, "meeting.updated", &format!("meeting:{}", before.id), None, changes).await?;
            Ok(())
        })
    })
    .await?;
    get(state, caller, id).await
}

/// BEL removes a meeting scheduled by mistake; one with decisions or actions
/// is a record of what was agreed and stays (409 until they are removed).
pub async fn remove(state: &AppState, caller: &Caller, id: MeetingId) -> AppResult<()> {
    caller.require(&[Role::BelCoordinator])?;
    let m = meeting::Entity::find_by_id(id.0).one(&state.db).await?.ok_or(AppError::NotFound)?;
    let actor = caller.user_id;
    write_txn(state, move |txn| {
        Box::pin(async move {
            if item::Entity::find().filter(item::Column::MeetingId.eq(m.id)).count(txn).await? > 0 {
                return Err(AppError::Conflict { code: ErrorCode::Conflict, detail: "the meeting has decisions or actions; remove those first".into() });
            }
            meeting::Entity::delete_by_id(m.id).exec(txn).await?;
            crate::audit::record(txn, Some(actor), "meeting.removed", &format!("meeting:{}", m.id), Some(format!("{} {}", m.held_on, m.label))).await?;
            Ok(())
        })
    })
    .await
}

/// BEL records a decision or an action.
pub async fn add_item(state: &AppState, caller: &Caller, id: MeetingId, input: NewMeetingItem) -> AppResult<Meeting> {
    caller.require(&[Role::BelCoordinator])?;
    let m = meeting::Entity::find_by_id(id.0).one(&state.db).await?.ok_or(AppError::NotFound)?;
    let mut errs = Errors::default();
    let f = rules::item(&mut errs, input.kind, &input.text, input.owner.as_deref(), input.due_on, m.held_on);
    if let Some(r) = input.region_id {
        if region::Entity::find_by_id(r.0).one(&state.db).await?.is_none() {
            errs.add("region_id", "unknown", "no such region");
        }
    }
    errs.finish()?;
    let (actor, now) = (caller.user_id, state.settings.clock.now());
    write_txn(state, move |txn| {
        Box::pin(async move {
            let row = item::ActiveModel {
                meeting_id: Set(m.id),
                kind: Set(input.kind.as_str().to_string()),
                text: Set(f.text),
                owner: Set(f.owner),
                region_id: Set(input.region_id.map(|r| r.0)),
                due_on: Set(f.due_on),
                done_at: Set(None),
                created_by: Set(actor.0),
                created_at: Set(now),
                ..Default::default()
            }
            .insert(txn)
            .await?;
            crate::audit::record(txn, Some(actor), &format!("meeting.{}", input.kind.as_str()), &format!("meeting:{}", m.id), Some(format!("item {}", row.id))).await?;
            Ok(())
        })
    })
    .await?;
    get(state, caller, id).await
}

async fn item_of(state: &AppState, id: MeetingItemId) -> AppResult<item::Model> {
    item::Entity::find_by_id(id.0).one(&state.db).await?.ok_or(AppError::NotFound)
}

/// BEL marks an action done or open again; a decision has no such state (409).
pub async fn set_done(state: &AppState, caller: &Caller, id: MeetingItemId, input: ItemDone) -> AppResult<Meeting> {
    caller.require(&[Role::BelCoordinator])?;
    let i = item_of(state, id).await?;
    if kind_of(&i) != MeetingItemKind::Action {
        return Err(AppError::Conflict { code: ErrorCode::InvalidTransition, detail: "a decision is not done or open; only actions are".into() });
    }
    let (actor, now) = (caller.user_id, state.settings.clock.now());
    let meeting_id = i.meeting_id;
    write_txn(state, move |txn| {
        Box::pin(async move {
            // Done once: marking a done action done again keeps its first date.
            let done_at = match (input.done, i.done_at) {
                (true, Some(t)) => Some(t),
                (true, None) => Some(now),
                (false, _) => None,
            };
            let changes = Changes::new().field("done", i.done_at.is_some(), input.done);
            let mut row: item::ActiveModel = i.clone().into();
            row.done_at = Set(done_at);
            row.update(txn).await?;
            crate::audit::record_change(txn, actor, "meeting.action_done", &format!("meeting:{}", i.meeting_id), Some(format!("item {}", i.id)), changes).await?;
            Ok(())
        })
    })
    .await?;
    get(state, caller, MeetingId(meeting_id)).await
}

/// BEL removes an item recorded by mistake.
pub async fn delete_item(state: &AppState, caller: &Caller, id: MeetingItemId) -> AppResult<Meeting> {
    caller.require(&[Role::BelCoordinator])?;
    let i = item_of(state, id).await?;
    let (actor, meeting_id) = (caller.user_id, i.meeting_id);
    write_txn(state, move |txn| {
        Box::pin(async move {
            item::Entity::delete_by_id(i.id).exec(txn).await?;
            crate::audit::record(txn, Some(actor), "meeting.item_removed", &format!("meeting:{}", i.meeting_id), Some(format!("{}: {}", i.kind, i.text))).await?;
            Ok(())
        })
    })
    .await?;
    get(state, caller, MeetingId(meeting_id)).await
}

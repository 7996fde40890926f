//! Frozen monitoring figures for the "overleg borging VA" (three times a year),
//! each compared with the one before it. BEL takes them; ambassadors read them
//! too, with the organisations of their own region only.

use crate::auth::Caller;
use crate::db::write_txn;
use crate::entities::{monitoring_snapshot as snap, user};
use crate::error::{validate::Errors, AppError, AppResult};
use crate::state::AppState;
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, QueryOrder, Set};
use va_openapi::auth::Role;
use va_openapi::monitoring::{Dashboard, NewSnapshot, SnapshotComparison, SnapshotSummary};
use va_openapi::SnapshotId;

fn parse(s: &snap::Model) -> AppResult<Dashboard> {
    serde_json::from_str(&s.data).map_err(|e| AppError::Internal(anyhow::anyhow!("snapshot {}: {e}", s.id)))
}

pub(crate) async fn summary(state: &AppState, s: &snap::Model) -> AppResult<SnapshotSummary> {
    let by = user::Entity::find_by_id(s.taken_by).one(&state.db).await?.map(|u| u.name).unwrap_or_default();
    Ok(SnapshotSummary { id: SnapshotId(s.id), label: s.label.clone(), taken_at: s.taken_at, taken_by: by, total: parse(s)?.total })
}

/// Who reads snapshots: BEL and the ambassadors (the meeting's members).
pub const READERS: [Role; 2] = [Role::BelCoordinator, Role::Ambassador];

pub async fn list(state: &AppState, caller: &Caller) -> AppResult<Vec<SnapshotSummary>> {
    caller.require(&READERS)?;
    let mut out = Vec::new();
    for s in snap::Entity::find().order_by_desc(snap::Column::Id).all(&state.db).await? {
        out.push(summary(state, &s).await?);
    }
    Ok(out)
}

/// BEL freezes today's dashboard (BEL's full view).
pub async fn take(state: &AppState, caller: &Caller, input: NewSnapshot) -> AppResult<SnapshotComparison> {
    caller.require(&[Role::BelCoordinator])?;
    let mut errs = Errors::default();
    let label = errs.text("label", &input.label, va_openapi::MAX_NAME_LEN);
    errs.finish()?;
    let dashboard = super::dashboard::dashboard(state, caller, None).await?;
    let data = serde_json::to_string(&dashboard).map_err(|e| AppError::Internal(e.into()))?;
    let now = state.settings.clock.now();
    let actor = caller.user_id;
    let id = write_txn(state, move |txn| {
        Box::pin(async move {
            let row = snap::ActiveModel { label: Set(label), taken_by: Set(actor.0), taken_at: Set(now), data: Set(data), ..Default::default() }.insert(txn).await?;
            crate::audit::record(txn, Some(actor), "monitoring.snapshot", &format!("snapshot:{}", row.id), Some(row.label.clone())).await?;
            Ok(row.id)
        })
    })
    .await?;
    compare(state, caller, SnapshotId(id)).await
}

/// A snapshot against the one taken before it.
pub async fn compare(state: &AppState, caller: &Caller, id: SnapshotId) -> AppResult<SnapshotComparison> {
    caller.require(&READERS)?;
    let db = &state.db;
    let cur = snap::Entity::find_by_id(id.0).one(db).await?.ok_or(AppError::NotFound)?;
    let prev = snap::Entity::find().filter(snap::Column::Id.lt(cur.id)).order_by_desc(snap::Column::Id).one(db).await?;
    let after = parse(&cur)?;
    let before = prev.as_ref().map(parse).transpose()?;
    Ok(SnapshotComparison {
        current: summary(state, &cur).await?,
        previous: match &prev {
            Some(p) => Some(summary(state, p).await?),
            None => None,
        },
        figures: super::rules::compare(before.as_ref(), &after),
        dashboard: scoped(caller, after),
    })
}

/// The frozen dashboard as the caller may see it: every region's figures, the
/// organisations of those the caller sees in detail (BEL all, an ambassador
/// their own).
fn scoped(caller: &Caller, mut d: Dashboard) -> Dashboard {
    if caller.role != Role::BelCoordinator {
        let own = caller.region();
        for r in &mut d.regions {
            if own.is_none() || r.region.as_ref().map(|x| x.id) != own {
                r.organisations.clear();
                r.detail = false;
            }
        }
    }
    d
}

//! The seat counters of a group: taken (placed professionals) and held (open
//! offers and substitution windows). Every change is one guarded update, so
//! `seats_taken + seats_held <= capacity` holds under any concurrency: on
//! PostgreSQL the update locks the group row and re-checks the condition; on
//! SQLite write transactions run one at a time. A regional-quota check after
//! the update sees every committed change because the row lock is held.

use super::rules::{self, Occupancy};
use crate::entities::{group_quota, programme, seat_hold, training_day, training_group};
use crate::error::{AppError, AppResult};
use chrono::NaiveDate;
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Statement};
use std::collections::HashMap;
use va_openapi::ErrorCode;

/// The first training day (the group's start date when it has no days yet).
pub async fn first_day<C: ConnectionTrait>(db: &C, g: &training_group::Model) -> AppResult<NaiveDate> {
    let first = training_day::Entity::find()
        .filter(training_day::Column::GroupId.eq(g.id))
        .order_by_asc(training_day::Column::Day)
        .one(db)
        .await?;
    Ok(first.map(|d| d.day).unwrap_or(g.starts_on))
}

/// Reserved seats per region that still apply today: quotas on, not released, before the cut-off.
pub async fn active_quotas<C: ConnectionTrait>(
    db: &C,
    g: &training_group::Model,
    p: &programme::Model,
    today: NaiveDate,
) -> AppResult<HashMap<i64, i32>> {
    if !p.regional_quotas || g.quota_released_at.is_some() {
        return Ok(HashMap::new());
    }
    if today >= rules::quota_cutoff(first_day(db, g).await?, p.quota_cutoff_days) {
        return Ok(HashMap::new());
    }
    Ok(group_quota::Entity::find()
        .filter(group_quota::Column::GroupId.eq(g.id))
        .all(db)
        .await?
        .into_iter()
        .filter(|q| q.seats > 0)
        .map(|q| (q.region_id, q.seats))
        .collect())
}

/// Who uses the group's seats, per region; the region counts only matter (and
/// are only read) when quotas apply.
pub async fn occupancy<C: ConnectionTrait>(db: &C, g: &training_group::Model, quotas: HashMap<i64, i32>) -> AppResult<Occupancy> {
    let mut used_by_region: HashMap<i64, i32> = HashMap::new();
    if !quotas.is_empty() {
        let sql = format!(
            "SELECT o.region_id AS region_id, COUNT(*) AS n FROM enrolments e \
             JOIN professionals p ON p.id = e.professional_id JOIN organisations o ON o.id = p.organisation_id \
             WHERE e.group_id = {} AND e.status = 'placed' AND o.region_id IS NOT NULL GROUP BY o.region_id",
            g.id
        );
        for row in db.query_all(Statement::from_string(db.get_database_backend(), sql)).await? {
            let r: i64 = row.try_get("", "region_id")?;
            let n: i64 = row.try_get("", "n")?;
            *used_by_region.entry(r).or_default() += i32::try_from(n).unwrap_or(i32::MAX);
        }
        for h in seat_hold::Entity::find()
            .filter(seat_hold::Column::GroupId.eq(g.id))
            .filter(seat_hold::Column::Status.eq("open"))
            .all(db)
            .await?
        {
            if let Some(r) = h.region_id {
                *used_by_region.entry(r).or_default() += 1;
            }
        }
    }
    Ok(Occupancy { capacity: g.capacity, used: g.seats_taken + g.seats_held, used_by_region, quotas })
}

async fn reload<C: ConnectionTrait>(db: &C, id: i64) -> AppResult<training_group::Model> {
    training_group::Entity::find_by_id(id).one(db).await?.ok_or(AppError::NotFound)
}

/// After a guarded update: would the group, as it is now, still keep every
/// other region's reserved seats? `region` is the professional the seat went to.
async fn check_quota<C: ConnectionTrait>(
    db: &C,
    group_id: i64,
    region: Option<i64>,
    today: NaiveDate,
) -> AppResult<()> {
    let g = reload(db, group_id).await?;
    let p = programme::Entity::find_by_id(g.programme_id).one(db).await?.ok_or(AppError::NotFound)?;
    let quotas = active_quotas(db, &g, &p, today).await?;
    if quotas.is_empty() {
        return Ok(());
    }
    let mut occ = occupancy(db, &g, quotas).await?;
    // The counter already has the new seat; the rows naming its holder come
    // after this check. Ask as if it were still free: may this region take it?
    occ.used -= 1;
    if occ.allows(region) {
        Ok(())
    } else {
        Err(AppError::conflict(ErrorCode::SeatReserved, format!("the free seats of {} are reserved for other regions until the cut-off", g.name)))
    }
}

/// Takes a free seat for a placement (BEL's allocation or move).
pub async fn take<C: ConnectionTrait>(db: &C, g: &training_group::Model, region: Option<i64>, today: NaiveDate) -> AppResult<()> {
    claim(db, g, training_group::Column::SeatsTaken, region, today).await
}

/// Holds a free seat for an offer or a substitution window.
pub async fn hold<C: ConnectionTrait>(db: &C, g: &training_group::Model, region: Option<i64>, today: NaiveDate) -> AppResult<()> {
    claim(db, g, training_group::Column::SeatsHeld, region, today).await
}

/// Counts one more in `counter` only while a seat is neither taken nor held.
async fn claim<C: ConnectionTrait>(
    db: &C,
    g: &training_group::Model,
    counter: training_group::Column,
    region: Option<i64>,
    today: NaiveDate,
) -> AppResult<()> {
    let res = training_group::Entity::update_many()
        .col_expr(counter, Expr::col(counter).add(1))
        .filter(training_group::Column::Id.eq(g.id))
        .filter(
            Expr::expr(Expr::col(training_group::Column::SeatsTaken).add(Expr::col(training_group::Column::SeatsHeld)))
                .lt(Expr::col(training_group::Column::Capacity)),
        )
        .exec(db)
        .await?;
    if res.rows_affected != 1 {
        return Err(AppError::conflict(ErrorCode::GroupFull, format!("{} has no free seat", g.name)));
    }
    check_quota(db, g.id, region, today).await
}

/// Gives a held seat back.
pub async fn release<C: ConnectionTrait>(db: &C, group_id: i64) -> AppResult<()> {
    training_group::Entity::update_many()
        .col_expr(training_group::Column::SeatsHeld, Expr::col(training_group::Column::SeatsHeld).sub(1))
        .filter(training_group::Column::Id.eq(group_id))
        .filter(training_group::Column::SeatsHeld.gt(0))
        .exec(db)
        .await?;
    Ok(())
}

/// Turns a held seat into a taken one (an accepted offer, a named substitute).
pub async fn convert<C: ConnectionTrait>(db: &C, group_id: i64) -> AppResult<()> {
    let res = training_group::Entity::update_many()
        .col_expr(training_group::Column::SeatsHeld, Expr::col(training_group::Column::SeatsHeld).sub(1))
        .col_expr(training_group::Column::SeatsTaken, Expr::col(training_group::Column::SeatsTaken).add(1))
        .filter(training_group::Column::Id.eq(group_id))
        .filter(training_group::Column::SeatsHeld.gt(0))
        .exec(db)
        .await?;
    if res.rows_affected != 1 {
        return Err(AppError::Internal(anyhow::anyhow!("group {group_id} has no held seat to convert")));
    }
    Ok(())
}

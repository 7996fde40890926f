//! Regional quota cut-offs: reserved seats still empty when the cut-off passes
//! go to everyone and are offered to the list. Run by the job runner
//! (`crate::jobs`); the state is `quota_released_at`, set by a guarded update,
//! so a restart loses nothing and a second run repeats nothing.

use super::offers::{self, Ctx};
use super::{rules, seats};
use crate::entities::{group_quota, programme, training_group};
use crate::error::AppResult;
use crate::state::AppState;
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

/// Groups past their quota cut-off: reserved seats still empty go to everyone,
/// and are offered to the list.
pub async fn release_due(state: &AppState) -> AppResult<usize> {
    let today = state.settings.clock.today();
    let with_quotas: Vec<i64> = group_quota::Entity::find().all(&state.db).await?.into_iter().map(|q| q.group_id).collect();
    let groups = training_group::Entity::find()
        .filter(training_group::Column::Id.is_in(with_quotas))
        .filter(training_group::Column::QuotaReleasedAt.is_null())
        .all(&state.db)
        .await?;
    let mut n = 0;
    for g in groups {
        let Some(p) = programme::Entity::find_by_id(g.programme_id).one(&state.db).await? else { continue };
        if !p.regional_quotas || today < rules::quota_cutoff(seats::first_day(&state.db, &g).await?, p.quota_cutoff_days) {
            continue;
        }
        let ctx = Ctx::of(state);
        n += crate::db::write_txn(state, move |txn| {
            Box::pin(async move {
                let Some(g) = training_group::Entity::find_by_id(g.id).one(txn).await? else { return Ok(0) };
                // Seats no one outside the reserving regions could take until now.
                let quotas = group_quota::Entity::find()
                    .filter(group_quota::Column::GroupId.eq(g.id))
                    .all(txn)
                    .await?
                    .into_iter()
                    .map(|q| (q.region_id, q.seats))
                    .collect();
                let occ = seats::occupancy(txn, &g, quotas).await?;
                let blocked = occ.free() - free_for_anyone(&occ);
                let res = training_group::Entity::update_many()
                    .col_expr(training_group::Column::QuotaReleasedAt, Expr::value(Some(ctx.now)))
                    .filter(training_group::Column::Id.eq(g.id))
                    .filter(training_group::Column::QuotaReleasedAt.is_null())
                    .exec(txn)
                    .await?;
                if res.rows_affected != 1 {
                    return Ok(0);
                }
                crate::audit::record(txn, None, "group.quotas_released", &format!("group:{}", g.id), Some(format!("{blocked} reserved seats free"))).await?;
                offers::offer_seats(txn, &ctx, g.id, blocked, None).await?;
                Ok(1)
            })
        })
        .await?;
    }
    Ok(n)
}

/// Free seats a professional of no region could take under the quotas.
fn free_for_anyone(occ: &rules::Occupancy) -> i32 {
    let mut o = occ.clone();
    let mut n = 0;
    while o.allows(None) {
        o.take(None);
        n += 1;
    }
    n
}

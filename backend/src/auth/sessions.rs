//! Which token version each account accepts now. A deactivated account accepts
//! none. Looked up per request, kept for a second so a burst of requests costs
//! one query; a change made here is forgotten at once, one made by another
//! instance is seen within `FRESH`.

use crate::entities::user;
use crate::error::AppResult;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QuerySelect};
use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

const FRESH: Duration = Duration::from_secs(1);

#[derive(Default)]
pub struct Sessions {
    seen: Mutex<HashMap<i64, (Option<i32>, Instant)>>,
}

impl Sessions {
    /// The token version the account accepts, `None` when it is deactivated or gone.
    pub async fn accepted<C: ConnectionTrait>(&self, db: &C, user_id: i64) -> AppResult<Option<i32>> {
        if let Ok(seen) = self.seen.lock() {
            if let Some((v, at)) = seen.get(&user_id) {
                if at.elapsed() < FRESH {
                    return Ok(*v);
                }
            }
        }
        let row: Option<(i32, bool, Option<chrono::DateTime<chrono::Utc>>)> = user::Entity::find()
            .select_only()
            .column(user::Column::TokenVersion)
            .column(user::Column::Active)
            .column(user::Column::DeactivatedAt)
            .filter(user::Column::Id.eq(user_id))
            .into_tuple()
            .one(db)
            .await?;
        let v = row.and_then(|(v, active, off)| (active && off.is_none()).then_some(v));
        if let Ok(mut seen) = self.seen.lock() {
            if seen.len() > 10_000 {
                seen.clear();
            }
            seen.insert(user_id, (v, Instant::now()));
        }
        Ok(v)
    }

    /// After a change to the account: the next request looks it up again.
    pub fn forget(&self, user_id: i64) {
        if let Ok(mut seen) = self.seen.lock() {
            seen.remove(&user_id);
        }
    }
}

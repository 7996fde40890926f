//! The regions' learning needs (plan action 15): each ambassador records
//! what their region wants to learn from cases; BEL and the ambassadors see
//! every region's side by side.

use super::sessions::ORGANISERS;
use crate::auth::Caller;
use crate::db::write_txn;
use crate::entities::{learning_need as need, region, user};
use crate::error::{validate::Errors, AppError, AppResult};
use crate::state::AppState;
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, ModelTrait, QueryFilter, QueryOrder, Set};
use std::collections::HashMap;
use va_openapi::auth::{NamedRef, Role};
use va_openapi::learning::*;
use va_openapi::{LearningNeedId, RegionId};

/// BEL, or the ambassador of the need's region.
fn may_change(caller: &Caller, region_id: i64) -> bool {
    caller.role == Role::BelCoordinator || caller.region() == Some(RegionId(region_id))
}

pub async fn list(state: &AppState, caller: &Caller) -> AppResult<LearningNeeds> {
    caller.require(&ORGANISERS)?;
    let db = &state.db;
    let regions = region::Entity::find().order_by_asc(region::Column::Id).all(db).await?;
    let needs = need::Entity::find().order_by_desc(need::Column::CreatedAt).order_by_desc(need::Column::Id).all(db).await?;
    let authors: HashMap<i64, String> =
        user::Entity::find().filter(user::Column::Id.is_in(needs.iter().map(|n| n.created_by))).all(db).await?.into_iter().map(|u| (u.id, u.name)).collect();
    Ok(LearningNeeds {
        regions: regions
            .into_iter()
            .map(|r| RegionNeeds {
                own: caller.region() == Some(RegionId(r.id)),
                needs: needs
                    .iter()
                    .filter(|n| n.region_id == r.id)
                    .map(|n| LearningNeed {
                        id: LearningNeedId(n.id),
                        topic: n.topic.clone(),
                        description: n.description.clone(),
                        recorded_by: authors.get(&n.created_by).cloned().unwrap_or_default(),
                        recorded_at: n.created_at,
                        can_remove: may_change(caller, n.region_id),
                    })
                    .collect(),
                region: NamedRef { id: RegionId(r.id), name: r.name },
            })
            .collect(),
    })
}

/// An ambassador records a need of their region (BEL: of the region named).
pub async fn create(state: &AppState, caller: &Caller, input: LearningNeedInput) -> AppResult<LearningNeeds> {
    caller.require(&ORGANISERS)?;
    let mut errs = Errors::default();
    let topic = errs.text("topic", &input.topic, MAX_TITLE_LEN);
    let description = errs.opt_text("description", input.description.as_deref(), MAX_TEXT_LEN).unwrap_or_default();
    let region_id = match (caller.region(), input.region_id) {
        (Some(own), None) => Some(own.0),
        (_, Some(r)) if may_change(caller, r.0) => Some(r.0),
        (_, Some(_)) => {
            errs.add("region_id", "outside_scope", "an ambassador records the needs of their own region");
            None
        }
        (None, None) => {
            errs.add("region_id", "required", "which region's need");
            None
        }
    };
    if let Some(r) = region_id {
        if region::Entity::find_by_id(r).one(&state.db).await?.is_none() {
            errs.add("region_id", "unknown", "no such region");
        }
    }
    errs.finish()?;
    let (actor, now, region_id) = (caller.user_id, state.settings.clock.now(), region_id.unwrap_or_default());
    write_txn(state, move |txn| {
        Box::pin(async move {
            let row = need::ActiveModel { region_id: Set(region_id), topic: Set(topic), description: Set(description), created_by: Set(actor.0), created_at: Set(now), ..Default::default() }
                .insert(txn)
                .await?;
            crate::audit::record(txn, Some(actor), "learning.need_recorded", &format!("learning_need:{}", row.id), Some(row.topic.clone())).await?;
            Ok(())
        })
    })
    .await?;
    list(state, caller).await
}

/// BEL or the region's ambassador removes a need (met, or recorded by mistake).
pub async fn remove(state: &AppState, caller: &Caller, id: LearningNeedId) -> AppResult<LearningNeeds> {
    caller.require(&ORGANISERS)?;
    let n = need::Entity::find_by_id(id.0).one(&state.db).await?.ok_or(AppError::NotFound)?;
    if !may_change(caller, n.region_id) {
        return Err(AppError::Forbidden);
    }
    let actor = caller.user_id;
    write_txn(state, move |txn| {
        Box::pin(async move {
            let topic = n.topic.clone();
            n.delete(txn).await?;
            crate::audit::record(txn, Some(actor), "learning.need_removed", &format!("learning_need:{}", id.0), Some(topic)).await?;
            Ok(())
        })
    })
    .await?;
    list(state, caller).await
}

//! BEL creates and changes programmes: the VA training, an attitude training,
//! a refresher; more than one may run at a time. Their waiting-list and
//! readiness settings have their own forms (`service::write_programme`).

use super::service::to_programme;
use crate::auth::Caller;
use crate::db::write_txn;
use crate::entities::{programme, training_day, training_group};
use crate::error::{validate::Errors, AppError, AppResult};
use crate::state::AppState;
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveModelTrait, ColumnTrait, DatabaseTransaction, EntityTrait, QueryFilter, Set};
use va_openapi::admin::ProgrammeInput;
use va_openapi::auth::Role;
use va_openapi::reference::Programme;
use va_openapi::{ProgrammeId, MAX_NAME_LEN};

fn checked(input: &ProgrammeInput) -> AppResult<String> {
    let mut errs = Errors::default();
    let name = errs.text("name", &input.name, MAX_NAME_LEN);
    if input.ends_on <= input.starts_on {
        errs.add("ends_on", "before_start", "the programme ends after it starts");
    }
    if (input.ends_on - input.starts_on).num_days() > 366 * 6 {
        errs.add("ends_on", "too_long", "a programme runs at most six years");
    }
    errs.range("default_group_size", i64::from(input.default_group_size), 4, 40);
    errs.finish()?;
    Ok(name)
}

async fn name_free(txn: &DatabaseTransaction, name: &str, except: Option<i64>) -> AppResult<()> {
    let all = programme::Entity::find().all(txn).await?;
    super::lookup::name_free(name, except, all.iter().map(|p| (p.id, p.name.as_str())))
}

pub async fn create(state: &AppState, caller: &Caller, input: ProgrammeInput) -> AppResult<Programme> {
    caller.require(&[Role::BelCoordinator])?;
    let name = checked(&input)?;
    let actor = caller.user_id;
    let p = write_txn(state, move |txn| {
        Box::pin(async move {
            name_free(txn, &name, None).await?;
            let p = programme::ActiveModel {
                name: Set(name.clone()),
                course_type: Set(input.course_type.as_str().into()),
                starts_on: Set(input.starts_on),
                ends_on: Set(input.ends_on),
                default_group_size: Set(input.default_group_size),
                ..Default::default()
            }
            .insert(txn)
            .await?;
            crate::audit::record(txn, Some(actor), "programme.created", &format!("programme:{}", p.id), Some(name)).await?;
            Ok(p)
        })
    })
    .await?;
    Ok(to_programme(p))
}

/// Change name, course type, period or default group size; the period must
/// still hold every training day of its groups.
pub async fn update(state: &AppState, caller: &Caller, id: ProgrammeId, input: ProgrammeInput) -> AppResult<Programme> {
    caller.require(&[Role::BelCoordinator])?;
    let name = checked(&input)?;
    let actor = caller.user_id;
    let p = write_txn(state, move |txn| {
        Box::pin(async move {
            let before = programme::Entity::find_by_id(id.0).one(txn).await?.ok_or(AppError::NotFound)?;
            name_free(txn, &name, Some(id.0)).await?;
            let groups: Vec<i64> = training_group::Entity::find()
                .filter(training_group::Column::ProgrammeId.eq(id.0))
                .all(txn)
                .await?
                .into_iter()
                .map(|g| g.id)
                .collect();
            let days = training_day::Entity::find().filter(training_day::Column::GroupId.is_in(groups)).all(txn).await?;
            let mut errs = Errors::default();
            if days.iter().any(|d| d.day < input.starts_on) {
                errs.add("starts_on", "days_outside", "a training day of this programme falls before this date");
            }
            if days.iter().any(|d| d.day > input.ends_on) {
                errs.add("ends_on", "days_outside", "a training day of this programme falls after this date");
            }
            errs.finish()?;
            programme::Entity::update_many()
                .col_expr(programme::Column::Name, Expr::value(name.clone()))
                .col_expr(programme::Column::CourseType, Expr::value(input.course_type.as_str()))
                .col_expr(programme::Column::StartsOn, Expr::value(input.starts_on))
                .col_expr(programme::Column::EndsOn, Expr::value(input.ends_on))
                .col_expr(programme::Column::DefaultGroupSize, Expr::value(input.default_group_size))
                .filter(programme::Column::Id.eq(id.0))
                .exec(txn)
                .await?;
            let changes = crate::audit::Changes::new()
                .field("name", before.name.as_str(), name.as_str())
                .field("course_type", before.course_type.as_str(), input.course_type.as_str())
                .field("starts_on", before.starts_on, input.starts_on)
                .field("ends_on", before.ends_on, input.ends_on)
                .field("default_group_size", before.default_group_size, input.default_group_size);
            crate::audit::record_change(txn, actor, "programme.changed", &format!("programme:{}", id.0), Some(name), changes).await?;
            programme::Entity::find_by_id(id.0).one(txn).await?.ok_or(AppError::NotFound)
        })
    })
    .await?;
    Ok(to_programme(p))
}

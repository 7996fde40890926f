//! The versioned readiness template: the default, drafts and publishing (BEL).

use super::service::MAX_TEXT;
use super::rules::{self};
use crate::auth::Caller;
use crate::db::write_txn;
use crate::entities::{
    readiness_item,
    readiness_template,
};
use crate::error::{validate::Errors, AppError, AppResult};
use crate::state::AppState;
use chrono::Utc;
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder, Set};
use va_openapi::auth::Role;
use va_openapi::readiness::*;
use va_openapi::{ErrorCode, MAX_NAME_LEN};

/// Creates version 1 from the plan's list when no template exists yet.
pub async fn ensure_default_template(db: &DatabaseConnection) -> anyhow::Result<()> {
    if readiness_template::Entity::find().one(db).await?.is_some() {
        return Ok(());
    }
    let now = Utc::now();
    let t = readiness_template::ActiveModel {
        version: Set(Some(1)),
        status: Set(TemplateStatus::Published.as_str().into()),
        created_at: Set(now),
        published_at: Set(Some(now)),
        ..Default::default()
    }
    .insert(db)
    .await?;
    for (i, (section, code, title, guidance)) in rules::DEFAULT_TEMPLATE.iter().enumerate() {
        readiness_item::ActiveModel {
            template_id: Set(t.id),
            position: Set(i as i32 + 1),
            section: Set((*section).into()),
            code: Set((*code).into()),
            title: Set((*title).into()),
            guidance: Set((*guidance).into()),
            ..Default::default()
        }
        .insert(db)
        .await?;
    }
    Ok(())
}

pub async fn items_of<C: ConnectionTrait>(db: &C, template_id: i64) -> AppResult<Vec<TemplateItem>> {
    Ok(readiness_item::Entity::find()
        .filter(readiness_item::Column::TemplateId.eq(template_id))
        .order_by_asc(readiness_item::Column::Position)
        .all(db)
        .await?
        .into_iter()
        .map(|i| TemplateItem { id: i.id, position: i.position, section: i.section, code: i.code, title: i.title, guidance: i.guidance })
        .collect())
}

pub async fn latest_published<C: ConnectionTrait>(db: &C) -> AppResult<readiness_template::Model> {
    readiness_template::Entity::find()
        .filter(readiness_template::Column::Status.eq(TemplateStatus::Published.as_str()))
        .order_by_desc(readiness_template::Column::Version)
        .one(db)
        .await?
        .ok_or_else(|| AppError::Internal(anyhow::anyhow!("no published readiness template")))
}

async fn to_template<C: ConnectionTrait>(db: &C, t: readiness_template::Model) -> AppResult<Template> {
    Ok(Template {
        id: t.id,
        version: t.version,
        status: TemplateStatus::parse(&t.status).unwrap_or(TemplateStatus::Draft),
        published_at: t.published_at,
        items: items_of(db, t.id).await?,
    })
}

/// The current published template, or (BEL) the draft.
pub async fn template(state: &AppState, caller: &Caller, draft: bool) -> AppResult<Template> {
    caller.require(&[Role::BelCoordinator, Role::Ambassador])?;
    if draft {
        caller.require(&[Role::BelCoordinator])?;
        let d = readiness_template::Entity::find()
            .filter(readiness_template::Column::Status.eq(TemplateStatus::Draft.as_str()))
            .one(&state.db)
            .await?
            .ok_or(AppError::NotFound)?;
        return to_template(&state.db, d).await;
    }
    to_template(&state.db, latest_published(&state.db).await?).await
}

/// BEL replaces the draft (creating it when there is none); published versions never change.
pub async fn save_draft(state: &AppState, caller: &Caller, input: TemplateDraftInput) -> AppResult<Template> {
    caller.require(&[Role::BelCoordinator])?;
    let mut errs = Errors::default();
    if input.items.is_empty() {
        errs.add("items", "required", "a template needs at least one item");
    }
    let mut seen = std::collections::HashSet::new();
    let mut items = Vec::new();
    for (i, it) in input.items.iter().enumerate() {
        let section = errs.text(&format!("items[{i}].section"), &it.section, MAX_NAME_LEN);
        let code = errs.text(&format!("items[{i}].code"), &it.code, 64);
        let title = errs.text(&format!("items[{i}].title"), &it.title, 300);
        let guidance = errs.opt_text(&format!("items[{i}].guidance"), Some(&it.guidance), MAX_TEXT).unwrap_or_default();
        if !code.is_empty() && !seen.insert(code.clone()) {
            errs.add(&format!("items[{i}].code"), "duplicate", "codes must be unique within a template");
        }
        items.push((section, code, title, guidance));
    }
    errs.finish()?;
    let actor = caller.user_id;
    let id = write_txn(state, move |txn| {
        Box::pin(async move {
            let draft = match readiness_template::Entity::find()
                .filter(readiness_template::Column::Status.eq(TemplateStatus::Draft.as_str()))
                .one(txn)
                .await?
            {
                Some(d) => {
                    readiness_item::Entity::delete_many().filter(readiness_item::Column::TemplateId.eq(d.id)).exec(txn).await?;
                    d
                }
                None => {
                    readiness_template::ActiveModel {
                        version: Set(None),
                        status: Set(TemplateStatus::Draft.as_str().into()),
                        created_at: Set(Utc::now()),
                        published_at: Set(None),
                        ..Default::default()
                    }
                    .insert(txn)
                    .await?
                }
            };
            for (i, (section, code, title, guidance)) in items.into_iter().enumerate() {
                readiness_item::ActiveModel {
                    template_id: Set(draft.id),
                    position: Set(i as i32 + 1),
                    section: Set(section),
                    code: Set(code),
                    title: Set(title),
                    guidance: Set(guidance),
                    ..Default::default()
                }
                .insert(txn)
                .await?;
            }
            crate::audit::record(txn, Some(actor), "readiness.template_draft_saved", &format!("template:{}", draft.id), None).await?;
            Ok(draft.id)
        })
    })
    .await?;
    let t = readiness_template::Entity::find_by_id(id).one(&state.db).await?.ok_or(AppError::NotFound)?;
    to_template(&state.db, t).await
}

/// BEL publishes the draft as the next version; new interviews use it, old ones keep theirs.
pub async fn publish(state: &AppState, caller: &Caller) -> AppResult<Template> {
    caller.require(&[Role::BelCoordinator])?;
    let actor = caller.user_id;
    let id = write_txn(state, move |txn| {
        Box::pin(async move {
            let draft = readiness_template::Entity::find()
                .filter(readiness_template::Column::Status.eq(TemplateStatus::Draft.as_str()))
                .one(txn)
                .await?
                .ok_or_else(|| AppError::conflict(ErrorCode::InvalidTransition, "there is no draft to publish"))?;
            let next = latest_published(txn).await?.version.unwrap_or(0) + 1;
            readiness_template::Entity::update_many()
                .col_expr(readiness_template::Column::Status, Expr::value(TemplateStatus::Published.as_str()))
                .col_expr(readiness_template::Column::Version, Expr::value(Some(next)))
                .col_expr(readiness_template::Column::PublishedAt, Expr::value(Some(Utc::now())))
                .filter(readiness_template::Column::Id.eq(draft.id))
                .filter(readiness_template::Column::Status.eq(TemplateStatus::Draft.as_str()))
                .exec(txn)
                .await?;
            crate::audit::record(txn, Some(actor), "readiness.template_published", &format!("template:{}", draft.id), Some(format!("version {next}")))
                .await?;
            Ok(draft.id)
        })
    })
    .await?;
    let t = readiness_template::Entity::find_by_id(id).one(&state.db).await?.ok_or(AppError::NotFound)?;
    to_template(&state.db, t).await
}

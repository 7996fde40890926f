//! Post-training feedback (plan action 21): the trainer records participants'
//! experiences, what went well, what needs sharpening in the regional or local
//! embedding and remarks per organisation. Shared, it goes to the ambassadors
//! of the participants' regions, who add the actions agreed on. BEL sees all.

use super::notify;
use crate::auth::Caller;
use crate::db::write_txn;
use crate::email;
use crate::entities::{feedback_action, feedback_remark, group_feedback, professional, training_group, user};
use crate::reference::lookup::{names, Names};
use crate::error::{validate::Errors, AppError, AppResult};
use crate::reference::service::to_group;
use crate::state::AppState;
use crate::training::service::{days_of, load, may_run, participants};
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set};
use std::collections::{BTreeMap, BTreeSet, HashMap};
use va_openapi::auth::{NamedRef, Role};
use va_openapi::followup::*;
use va_openapi::*;

const MAX_TEXT: usize = 5000;

/// Organisations and regions of a group's participants.
pub(crate) async fn participant_orgs<C: ConnectionTrait>(db: &C, n: &Names, group_id: i64) -> AppResult<(BTreeSet<i64>, BTreeSet<i64>)> {
    let people = participants(db, group_id).await?;
    let ids: Vec<i64> = people.iter().map(|e| e.professional_id).collect();
    let orgs: BTreeSet<i64> =
        professional::Entity::find().filter(professional::Column::Id.is_in(ids)).all(db).await?.into_iter().map(|p| p.organisation_id).collect();
    let regions = orgs.iter().filter_map(|o| n.organisation(*o).and_then(|o| o.region_id)).collect();
    Ok((orgs, regions))
}

/// Who reads a group's feedback: BEL, its trainers, and, once shared, the
/// ambassadors of the participants' regions.
fn may_read(caller: &Caller, runs: bool, regions: &BTreeSet<i64>, shared: bool) -> AppResult<()> {
    match caller.role {
        Role::BelCoordinator => Ok(()),
        Role::Trainer if runs => Ok(()),
        Role::Ambassador if shared && caller.region().is_some_and(|r| regions.contains(&r.0)) => Ok(()),
        Role::Ambassador | Role::Trainer => Err(AppError::NotFound),
        Role::OrgContact => Err(AppError::Forbidden),
    }
}

async fn author_names<C: ConnectionTrait>(db: &C, ids: impl IntoIterator<Item = i64>) -> AppResult<HashMap<i64, String>> {
    Ok(user::Entity::find().filter(user::Column::Id.is_in(ids)).all(db).await?.into_iter().map(|u| (u.id, u.name)).collect())
}

/// The group's feedback as the caller may see it.
pub async fn view(state: &AppState, caller: &Caller, group_id: GroupId) -> AppResult<GroupFeedback> {
    let db = &state.db;
    let g = training_group::Entity::find_by_id(group_id.0).one(db).await?.ok_or(AppError::NotFound)?;
    let days = days_of(db, g.id).await?;
    let runs = may_run(caller, &g, &days).is_ok();
    let n = names(db).await?;
    let (orgs, regions) = participant_orgs(db, &n, g.id).await?;
    let fb = group_feedback::Entity::find().filter(group_feedback::Column::GroupId.eq(g.id)).one(db).await?;
    may_read(caller, runs, &regions, fb.as_ref().is_some_and(|f| f.shared_at.is_some()))?;
    // An ambassador reads the remarks about their own region's organisations only.
    let own_region = |org: i64| caller.role != Role::Ambassador || n.organisation(org).and_then(|o| o.region_id) == caller.region().map(|r| r.0);
    let remarks = feedback_remark::Entity::find()
        .filter(feedback_remark::Column::GroupId.eq(g.id))
        .order_by_asc(feedback_remark::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .filter(|r| own_region(r.organisation_id))
        .map(|r| OrganisationRemark { organisation: n.org(r.organisation_id), remark: r.remark })
        .collect();
    let actions_rows = feedback_action::Entity::find()
        .filter(feedback_action::Column::GroupId.eq(g.id))
        .order_by_asc(feedback_action::Column::CreatedAt)
        .order_by_asc(feedback_action::Column::Id)
        .all(db)
        .await?;
    let people = author_names(db, actions_rows.iter().map(|a| a.created_by).chain(g.trainer_id)).await?;
    let actions = actions_rows
        .into_iter()
        .map(|a| AgreedAction {
            id: FeedbackActionId(a.id),
            region: n.region(a.region_id),
            action: a.action,
            owner: a.owner,
            due_on: a.due_on,
            author: people.get(&a.created_by).cloned().unwrap_or_default(),
            created_at: a.created_at,
        })
        .collect();
    let shared = fb.as_ref().is_some_and(|f| f.shared_at.is_some());
    Ok(GroupFeedback {
        trainer: g.trainer_id.and_then(|t| people.get(&t).cloned()),
        experiences: fb.as_ref().map(|f| f.experiences.clone()).unwrap_or_default(),
        went_well: fb.as_ref().map(|f| f.went_well.clone()).unwrap_or_default(),
        sharpen: fb.as_ref().map(|f| f.sharpen.clone()).unwrap_or_default(),
        remarks,
        actions,
        regions: regions.iter().filter_map(|r| n.region(Some(*r))).collect(),
        organisations: orgs.iter().map(|o| n.org(*o)).collect(),
        updated_at: fb.as_ref().map(|f| f.updated_at),
        shared_at: fb.as_ref().and_then(|f| f.shared_at),
        can_edit: caller.role == Role::BelCoordinator || runs,
        can_add_action: shared && matches!(caller.role, Role::BelCoordinator | Role::Ambassador),
        group: to_group(g, state.settings.clock.today()),
    })
}

/// The trainer writes the feedback; sharing tells the ambassadors once.
pub async fn save(state: &AppState, caller: &Caller, group_id: GroupId, input: FeedbackInput) -> AppResult<GroupFeedback> {
    caller.require(&[Role::BelCoordinator, Role::Trainer])?;
    let mut errs = Errors::default();
    let experiences = errs.text("experiences", &input.experiences, MAX_TEXT);
    let went_well = errs.text("went_well", &input.went_well, MAX_TEXT);
    let sharpen = errs.text("sharpen", &input.sharpen, MAX_TEXT);
    let remarks: Vec<(i64, String)> = input
        .remarks
        .iter()
        .enumerate()
        .map(|(i, r)| (r.organisation_id.0, errs.text(&format!("remarks[{i}].remark"), &r.remark, MAX_TEXT)))
        .collect();
    errs.finish()?;
    let now = state.settings.clock.now();
    let public_url = state.settings.public_url.trim_end_matches('/').to_string();
    let c = *caller;
    write_txn(state, move |txn| {
        Box::pin(async move {
            let (g, _) = load(txn, &c, group_id.0).await?;
            let n = names(txn).await?;
            let (orgs, regions) = participant_orgs(txn, &n, g.id).await?;
            let mut per_org: BTreeMap<i64, String> = BTreeMap::new();
            for (i, (org, remark)) in remarks.into_iter().enumerate() {
                if !orgs.contains(&org) {
                    return Err(AppError::field(&format!("remarks[{i}].organisation_id"), "not_participating", "no participant of this group works there"));
                }
                if per_org.insert(org, remark).is_some() {
                    return Err(AppError::field(&format!("remarks[{i}].organisation_id"), "duplicate", "one remark per organisation"));
                }
            }
            let existing = group_feedback::Entity::find().filter(group_feedback::Column::GroupId.eq(g.id)).one(txn).await?;
            let first_share = input.share && existing.as_ref().is_none_or(|f| f.shared_at.is_none());
            let shared_at = existing.as_ref().and_then(|f| f.shared_at).or(input.share.then_some(now));
            match existing {
                Some(f) => {
                    group_feedback::Entity::update_many()
                        .col_expr(group_feedback::Column::Experiences, Expr::value(experiences))
                        .col_expr(group_feedback::Column::WentWell, Expr::value(went_well))
                        .col_expr(group_feedback::Column::Sharpen, Expr::value(sharpen))
                        .col_expr(group_feedback::Column::UpdatedBy, Expr::value(c.user_id.0))
                        .col_expr(group_feedback::Column::UpdatedAt, Expr::value(now))
                        .col_expr(group_feedback::Column::SharedAt, Expr::value(shared_at))
                        .filter(group_feedback::Column::Id.eq(f.id))
                        .exec(txn)
                        .await?;
                }
                None => {
                    group_feedback::ActiveModel {
                        group_id: Set(g.id),
                        experiences: Set(experiences),
                        went_well: Set(went_well),
                        sharpen: Set(sharpen),
                        updated_by: Set(c.user_id.0),
                        updated_at: Set(now),
                        shared_at: Set(shared_at),
                        ..Default::default()
                    }
                    .insert(txn)
                    .await?;
                }
            }
            feedback_remark::Entity::delete_many().filter(feedback_remark::Column::GroupId.eq(g.id)).exec(txn).await?;
            for (org, remark) in per_org {
                feedback_remark::ActiveModel { group_id: Set(g.id), organisation_id: Set(org), remark: Set(remark), ..Default::default() }.insert(txn).await?;
            }
            if first_share {
                let ambassadors = user::Entity::find()
                    .filter(user::Column::Role.eq(Role::Ambassador.as_str()))
                    .filter(user::Column::Active.eq(true))
                    .filter(user::Column::RegionId.is_in(regions.iter().copied()))
                    .all(txn)
                    .await?;
                let link = format!("{public_url}/terugkoppeling/{}", g.id);
                for a in &ambassadors {
                    email::enqueue(txn, notify::feedback_shared(a, &g, &link)).await?;
                }
            }
            crate::audit::record(txn, Some(c.user_id), if first_share { "feedback.shared" } else { "feedback.saved" }, &format!("group:{}", g.id), None)
                .await?;
            Ok(())
        })
    })
    .await?;
    state.mail_notify.notify_one();
    view(state, caller, group_id).await
}

/// An ambassador (for their region) or BEL adds an action agreed on after the feedback.
pub async fn add_action(state: &AppState, caller: &Caller, group_id: GroupId, input: ActionInput) -> AppResult<GroupFeedback> {
    caller.require(&[Role::BelCoordinator, Role::Ambassador])?;
    let mut errs = Errors::default();
    let action = errs.text("action", &input.action, 2000);
    let owner = errs.opt_text("owner", input.owner.as_deref(), MAX_NAME_LEN);
    if caller.role == Role::Ambassador && input.region_id.is_some_and(|r| Some(r) != caller.region()) {
        errs.add("region_id", "not_your_region", "an ambassador adds actions for their own region");
    }
    errs.finish()?;
    // The view answers 404/403 for anyone who may not read the feedback.
    let before = view(state, caller, group_id).await?;
    if before.shared_at.is_none() {
        return Err(AppError::conflict(ErrorCode::Conflict, "the feedback has not been shared yet"));
    }
    let region = if caller.role == Role::Ambassador { caller.region().map(|r| r.0) } else { input.region_id.map(|r| r.0) };
    if region.is_some_and(|r| !before.regions.iter().any(|x| x.id.0 == r)) {
        return Err(AppError::field("region_id", "not_participating", "no participant of this group comes from that region"));
    }
    let now = state.settings.clock.now();
    feedback_action::ActiveModel {
        group_id: Set(group_id.0),
        region_id: Set(region),
        action: Set(action),
        owner: Set(owner),
        due_on: Set(input.due_on),
        created_by: Set(caller.user_id.0),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(&state.db)
    .await?;
    view(state, caller, group_id).await
}

/// The feedback list of the caller: BEL all groups with feedback or closed,
/// trainers their groups, ambassadors what was shared with their region.
pub async fn list(state: &AppState, caller: &Caller) -> AppResult<Vec<FeedbackSummary>> {
    caller.require(&[Role::BelCoordinator, Role::Trainer, Role::Ambassador])?;
    let db = &state.db;
    let n = names(db).await?;
    let all_fb: HashMap<i64, group_feedback::Model> = group_feedback::Entity::find().all(db).await?.into_iter().map(|f| (f.group_id, f)).collect();
    let mut counts: HashMap<i64, i32> = HashMap::new();
    for a in feedback_action::Entity::find().all(db).await? {
        *counts.entry(a.group_id).or_default() += 1;
    }
    let groups = training_group::Entity::find().order_by_desc(training_group::Column::StartsOn).all(db).await?;
    let trainers = author_names(db, groups.iter().filter_map(|g| g.trainer_id)).await?;
    let mut out = Vec::new();
    for g in groups {
        let fb = all_fb.get(&g.id);
        if fb.is_none() && g.closed_at.is_none() {
            continue;
        }
        let days = days_of(db, g.id).await?;
        let runs = may_run(caller, &g, &days).is_ok();
        let (_, regions) = participant_orgs(db, &n, g.id).await?;
        if may_read(caller, runs, &regions, fb.is_some_and(|f| f.shared_at.is_some())).is_err() {
            continue;
        }
        out.push(FeedbackSummary {
            trainer: g.trainer_id.and_then(|t| trainers.get(&t).cloned()),
            regions: regions.iter().filter_map(|r| n.region(Some(*r))).collect::<Vec<NamedRef<RegionId>>>(),
            written: fb.is_some(),
            shared_at: fb.and_then(|f| f.shared_at),
            actions: counts.get(&g.id).copied().unwrap_or(0),
            group: to_group(g, state.settings.clock.today()),
        });
    }
    Ok(out)
}

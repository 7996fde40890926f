//! The readiness overview and follow-up reminders.

use super::service::to_followup;
use super::template::{items_of, latest_published};
use crate::auth::rules::Scope;
use crate::auth::Caller;
use crate::email::{self, OutgoingEmail};
use crate::entities::{followup_activity, organisation, readiness_answer, readiness_check, readiness_item, readiness_template, user};
use crate::error::{AppError, AppResult};
use crate::state::AppState;
use chrono::{NaiveDate, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder, TransactionTrait};
use std::collections::HashMap;
use va_openapi::auth::{NamedRef, Role};
use va_openapi::readiness::*;
use va_openapi::OrganisationId;

/// Days before the due date that the reminder goes out.
pub const REMINDER_DAYS: i64 = 7;

/// What a follow-up needs on `today`: a reminder (due within a week), an
/// overdue notice (past due), or nothing. Each goes out once.
pub fn reminder_due(due_on: NaiveDate, today: NaiveDate, status: FollowupStatus, reminded: bool, overdue_sent: bool) -> Option<&'static str> {
    if status == FollowupStatus::Done {
        return None;
    }
    if due_on < today {
        return (!overdue_sent).then_some("overdue");
    }
    if (due_on - today).num_days() <= REMINDER_DAYS && !reminded {
        return Some("reminder");
    }
    None
}

pub async fn overview(state: &AppState, caller: &Caller) -> AppResult<Overview> {
    caller.require(&[Role::BelCoordinator, Role::Ambassador])?;
    let db = &state.db;
    let mut orgs_q = organisation::Entity::find().order_by_asc(organisation::Column::Name);
    if let Scope::Region(r) = caller.scope {
        orgs_q = orgs_q.filter(organisation::Column::RegionId.eq(r.0));
    }
    let orgs: HashMap<i64, organisation::Model> = orgs_q.all(db).await?.into_iter().map(|o| (o.id, o)).collect();
    let versions: HashMap<i64, i32> =
        readiness_template::Entity::find().all(db).await?.into_iter().map(|t| (t.id, t.version.unwrap_or(0))).collect();
    let checks = readiness_check::Entity::find()
        .filter(readiness_check::Column::OrganisationId.is_in(orgs.keys().copied().collect::<Vec<_>>()))
        .filter(readiness_check::Column::Status.ne(CheckStatus::Cancelled.as_str()))
        .order_by_desc(readiness_check::Column::Id)
        .all(db)
        .await?;
    // The latest check per organisation: completed ones first, else the newest open one.
    let mut latest: HashMap<i64, readiness_check::Model> = HashMap::new();
    for c in checks {
        let better = match latest.get(&c.organisation_id) {
            None => true,
            Some(cur) => cur.completed_at.is_none() && c.completed_at.is_some(),
        };
        if better {
            latest.insert(c.organisation_id, c);
        }
    }
    let check_ids: Vec<i64> = latest.values().map(|c| c.id).collect();
    let item_codes: HashMap<i64, String> = readiness_item::Entity::find().all(db).await?.into_iter().map(|i| (i.id, i.code)).collect();
    let mut answers: HashMap<i64, Vec<CodeAnswer>> = HashMap::new();
    for a in readiness_answer::Entity::find().filter(readiness_answer::Column::CheckId.is_in(check_ids.clone())).all(db).await? {
        if let (Some(code), Some(answer)) = (item_codes.get(&a.item_id), Answer::parse(&a.answer)) {
            answers.entry(a.check_id).or_default().push(CodeAnswer { code: code.clone(), answer });
        }
    }
    let today = Utc::now().date_naive();
    let followups = followup_activity::Entity::find()
        .filter(followup_activity::Column::OrganisationId.is_in(orgs.keys().copied().collect::<Vec<_>>()))
        .filter(followup_activity::Column::Status.ne(FollowupStatus::Done.as_str()))
        .order_by_asc(followup_activity::Column::DueOn)
        .all(db)
        .await?;
    let mut open_count: HashMap<i64, (i64, i64)> = HashMap::new();
    for f in &followups {
        let e = open_count.entry(f.organisation_id).or_default();
        e.0 += 1;
        if f.due_on < today {
            e.1 += 1;
        }
    }
    let mut rows: Vec<OverviewRow> = latest
        .into_values()
        .filter_map(|c| {
            let o = orgs.get(&c.organisation_id)?;
            let (open, overdue) = open_count.get(&o.id).copied().unwrap_or_default();
            Some(OverviewRow {
                organisation: NamedRef { id: OrganisationId(o.id), name: o.name.clone() },
                check_id: c.id,
                status: CheckStatus::parse(&c.status).unwrap_or(CheckStatus::Planned),
                template_version: versions.get(&c.template_id).copied().unwrap_or(0),
                completed_at: c.completed_at,
                answers: answers.remove(&c.id).unwrap_or_default(),
                open_followups: open,
                overdue_followups: overdue,
            })
        })
        .collect();
    rows.sort_by(|a, b| a.organisation.name.cmp(&b.organisation.name));
    let template = latest_published(db).await?;
    let items = items_of(db, template.id).await?;
    let open_followups = followups
        .into_iter()
        .filter_map(|f| {
            let o = orgs.get(&f.organisation_id)?;
            Some(to_followup(f, NamedRef { id: OrganisationId(o.id), name: o.name.clone() }))
        })
        .collect();
    Ok(Overview { items, organisations: rows, open_followups })
}

async fn responsible<C: ConnectionTrait>(db: &C, f: &followup_activity::Model, org: &organisation::Model) -> AppResult<Vec<user::Model>> {
    let q = user::Entity::find().filter(user::Column::Active.eq(true));
    Ok(match Owner::parse(&f.owner).unwrap_or(Owner::Organisation) {
        Owner::Organisation => {
            q.filter(user::Column::Role.eq(Role::OrgContact.as_str())).filter(user::Column::OrganisationId.eq(org.id)).all(db).await?
        }
        Owner::Ambassador => {
            q.filter(user::Column::Role.eq(Role::Ambassador.as_str())).filter(user::Column::RegionId.eq(org.region_id)).all(db).await?
        }
        Owner::Bel => q.filter(user::Column::Role.eq(Role::BelCoordinator.as_str())).all(db).await?,
    })
}

fn reminder_mail(to: &user::Model, org: &str, f: &followup_activity::Model, kind: &str) -> OutgoingEmail {
    let due = f.due_on.format("%d-%m-%Y");
    let (subject, nl, en) = if kind == "overdue" {
        (
            format!("Verlopen borgingsactiviteit {org} / Follow-up overdue"),
            format!("De borgingsactiviteit \"{}\" voor {org} had op {due} klaar moeten zijn.\nVolgende stap: rond haar af of spreek een nieuwe datum af en zet de status in de VA-trainingsplanner.", f.description),
            format!("The follow-up \"{}\" for {org} was due on {due}.\nNext step: finish it or agree on a new date, and update its status in the planner.", f.description),
        )
    } else {
        (
            format!("Herinnering borgingsactiviteit {org} / Follow-up due soon"),
            format!("De borgingsactiviteit \"{}\" voor {org} moet op {due} klaar zijn.\nVolgende stap: werk de status bij in de VA-trainingsplanner als zij klaar is.", f.description),
            format!("The follow-up \"{}\" for {org} is due on {due}.\nNext step: update its status in the planner when it is done.", f.description),
        )
    };
    OutgoingEmail::new(
        if kind == "overdue" { "followup_overdue" } else { "followup_reminder" },
        &to.email,
        &subject,
        crate::email::templates::bilingual(&format!("Beste {},\n\n{nl}", to.name), &format!("Dear {},\n\n{en}", to.name)),
    )
}

/// Sends the reminders due on `today`. Each follow-up is marked in the same
/// transaction as its messages with a guarded update, so a reminder goes out
/// once even when two runs overlap or the process restarts. Returns the count.
pub async fn send_reminders(db: &DatabaseConnection, today: NaiveDate) -> AppResult<usize> {
    let candidates = followup_activity::Entity::find()
        .filter(followup_activity::Column::Status.ne(FollowupStatus::Done.as_str()))
        .filter(followup_activity::Column::DueOn.lte(today + chrono::Days::new(REMINDER_DAYS as u64)))
        // Once the overdue mail went out a row is never due again; the job runner asks every round.
        .filter(followup_activity::Column::OverdueSentAt.is_null())
        .all(db)
        .await?;
    let mut sent = 0;
    for f in candidates {
        let status = FollowupStatus::parse(&f.status).unwrap_or(FollowupStatus::Open);
        let Some(kind) = reminder_due(f.due_on, today, status, f.reminder_sent_at.is_some(), f.overdue_sent_at.is_some()) else {
            continue;
        };
        let txn = db.begin().await?;
        let col = if kind == "overdue" { followup_activity::Column::OverdueSentAt } else { followup_activity::Column::ReminderSentAt };
        let claimed = followup_activity::Entity::update_many()
            .col_expr(col, Expr::value(Some(Utc::now())))
            .filter(followup_activity::Column::Id.eq(f.id))
            .filter(col.is_null())
            .exec(&txn)
            .await?;
        if claimed.rows_affected != 1 {
            txn.rollback().await?;
            continue;
        }
        let org = organisation::Entity::find_by_id(f.organisation_id).one(&txn).await?.ok_or(AppError::NotFound)?;
        for u in responsible(&txn, &f, &org).await? {
            email::enqueue(&txn, reminder_mail(&u, &org.name, &f, kind)).await?;
        }
        txn.commit().await?;
        sent += 1;
    }
    Ok(sent)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2027, m, day).expect("date")
    }

    #[test]
    fn a_reminder_comes_a_week_before_and_an_overdue_notice_after_each_once() {
        let open = FollowupStatus::Open;
        assert_eq!(reminder_due(d(3, 1), d(2, 20), open, false, false), None);
        assert_eq!(reminder_due(d(3, 1), d(2, 22), open, false, false), Some("reminder"));
        assert_eq!(reminder_due(d(3, 1), d(2, 22), open, true, false), None);
        assert_eq!(reminder_due(d(3, 1), d(3, 1), open, true, false), None);
        assert_eq!(reminder_due(d(3, 1), d(3, 2), open, true, false), Some("overdue"));
        assert_eq!(reminder_due(d(3, 1), d(3, 2), open, true, true), None);
        assert_eq!(reminder_due(d(3, 1), d(3, 2), FollowupStatus::Done, false, false), None);
    }
}

//! Reminders to an organisation whose trained professionals have had no
//! follow-up some weeks after their training (the programme's setting; the
//! earlier-trained follow the newest programme's). Once per professional: each
//! is claimed by a conditional update, so two instances remind once.

use super::delivery::followup_had;
use super::rules;
use super::sessions::{profs, trained};
use crate::db::write_txn;
use crate::email::{self, templates::bilingual, OutgoingEmail};
use crate::entities::{organisation, professional, programme, user};
use crate::error::AppResult;
use crate::reference::lookup::{active_users, org_contacts};
use crate::state::AppState;
use chrono::NaiveDate;
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use std::collections::{BTreeMap, HashMap};
use va_openapi::auth::Role;

/// One professional to remind about: (id, name, trained on, weeks).
type Due = (i64, String, NaiveDate, i32);

/// Reminds what is due today; returns the mails queued.
pub async fn send_due(state: &AppState) -> AppResult<usize> {
    let db = &state.db;
    let (today, now) = (state.settings.clock.today(), state.settings.clock.now());
    let programmes = programme::Entity::find().order_by_desc(programme::Column::StartsOn).all(db).await?;
    let newest = programmes.first().map(|p| p.followup_reminder_weeks).unwrap_or(0);
    let weeks_of: HashMap<i64, i32> = programmes.iter().map(|p| (p.id, p.followup_reminder_weeks)).collect();
    let trained = trained(db).await?;
    let had = followup_had(db).await?;
    let people = profs(db, trained.keys().copied()).await?;
    let mut due: BTreeMap<i64, Vec<Due>> = BTreeMap::new();
    for (pid, t) in &trained {
        let Some(p) = people.get(pid).filter(|p| p.erased_at.is_none()) else { continue };
        let weeks = t.programme_id.and_then(|id| weeks_of.get(&id).copied()).unwrap_or(newest);
        if rules::followup_reminder_due(t.on, weeks, today, had.attended.contains_key(pid), had.planned.contains(pid), p.followup_reminded_at.is_some()) {
            due.entry(p.organisation_id).or_default().push((p.id, p.name.clone(), t.on, weeks));
        }
    }
    let link = format!("{}/nazorg", state.settings.public_url.trim_end_matches('/'));
    let mut sent = 0;
    for (org, mut list) in due {
        list.sort_by(|a, b| a.2.cmp(&b.2).then_with(|| a.1.cmp(&b.1)));
        let link = link.clone();
        sent += write_txn(state, move |txn| {
            Box::pin(async move {
                // The guard: only the run that sets the timestamp reminds.
                let mut mine = Vec::new();
                for d in list {
                    let res = professional::Entity::update_many()
                        .col_expr(professional::Column::FollowupRemindedAt, Expr::value(Some(now)))
                        .filter(professional::Column::Id.eq(d.0))
                        .filter(professional::Column::FollowupRemindedAt.is_null())
                        .exec(txn)
                        .await?;
                    if res.rows_affected == 1 {
                        mine.push(d);
                    }
                }
                if mine.is_empty() {
                    return Ok(0);
                }
                let name = organisation::Entity::find_by_id(org).one(txn).await?.map(|o| o.name).unwrap_or_default();
                // An organisation without an active contact: BEL follows it up.
                let mut to = org_contacts(txn, org).await?;
                if to.is_empty() {
                    to = active_users(Role::BelCoordinator).all(txn).await?;
                }
                for u in &to {
                    email::enqueue(txn, reminder_mail(u, &name, &mine, &link)).await?;
                }
                crate::audit::record(txn, None, "followup.reminded", &format!("organisation:{org}"), Some(format!("{} professionals, {} mails", mine.len(), to.len()))).await?;
                Ok(to.len())
            })
        })
        .await?;
    }
    Ok(sent)
}

fn reminder_mail(to: &user::Model, org: &str, people: &[Due], link: &str) -> OutgoingEmail {
    let list = people.iter().map(|(_, name, on, _)| format!("- {name} ({})", on.format("%d-%m-%Y"))).collect::<Vec<_>>().join("\n");
    let weeks = people.iter().map(|d| d.3).min().unwrap_or(0);
    OutgoingEmail::new(
        "followup_reminder",
        &to.email,
        &format!("Nog geen nazorg na de VA-training: {org} / No follow-up yet after the VA training"),
        bilingual(
            &format!(
                "Beste {},\n\nDeze professionals van {org} zijn {weeks} weken of langer geleden getraind in de Verklarende Analyse en hadden nog geen supervisie, coaching of verdieping:\n{list}\n\nVolgende stap: vraag nazorg voor hen aan via {link}",
                to.name
            ),
            &format!(
                "Dear {},\n\nThese professionals of {org} were trained in the explanatory analysis {weeks} weeks ago or more and have had no supervision, coaching or deepening yet:\n{list}\n\nNext step: request follow-up for them at {link}",
                to.name
            ),
        ),
    )
}

//! The demo (`serve --demo`, `seed-demo`, tests): on top of the reference data
//! (`reference::seed`), one user per role and region with one password, a few
//! professionals, the demo trainer on every group, and activity in every
//! domain (`activity`). Idempotent: rows are matched by their natural keys and
//! never duplicated. Only `launch` (for `--demo`), `seed-demo` and tests call it.

mod activity;
mod calendar;
mod history;
mod budget;
mod learning;
mod monitoring;
mod waitlist;

pub use activity::seed_activity;

use crate::auth::password;
use crate::entities::{organisation, professional, programme, region, training_group, user};
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, Set, TransactionTrait};
use std::collections::HashMap;

pub const PROGRAMME: &str = "VA-training 2026-2027";

pub struct DemoUser {
    pub email: &'static str,
    pub name: &'static str,
    pub role: &'static str,
    pub region: Option<&'static str>,
    pub org: Option<&'static str>,
}

pub const USERS: [DemoUser; 8] = [
    DemoUser { email: "bel@demo.local", name: "Ingrid Janssen", role: "bel_coordinator", region: None, org: None },
    DemoUser { email: "ambassadeur.noord@demo.local", name: "Mark Hendrix", role: "ambassador", region: Some("noord"), org: None },
    DemoUser { email: "ambassadeur.midden@demo.local", name: "Sandra Peeters", role: "ambassador", region: Some("midden"), org: None },
    DemoUser { email: "ambassadeur.zuid@demo.local", name: "Tom Ramakers", role: "ambassador", region: Some("zuid"), org: None },
    DemoUser { email: "gemeente.venlo@demo.local", name: "Linda van den Berg", role: "org_contact", region: None, org: Some("Venlo") },
    DemoUser { email: "gemeente.maastricht@demo.local", name: "Rachid El Idrissi", role: "org_contact", region: None, org: Some("Maastricht") },
    DemoUser { email: "gi@demo.local", name: "Esther Vossen", role: "org_contact", region: None, org: Some("Bureau Jeugdzorg Limburg") },
    DemoUser { email: "trainer@demo.local", name: "Joost Smeets", role: "trainer", region: None, org: None },
];

const PROFESSIONALS: [(&str, &str, &str, &str); 6] = [
    ("Venlo", "Sanne Willems", "s.willems@venlo.demo.local", "Medewerker toegangsteam"),
    ("Venlo", "Bram Jacobs", "b.jacobs@venlo.demo.local", "Gedragswetenschapper"),
    ("Venlo", "Fleur Gielen", "f.gielen@venlo.demo.local", "Medewerker toegangsteam"),
    ("Maastricht", "Noah Brouwers", "n.brouwers@maastricht.demo.local", "Medewerker toegangsteam"),
    ("Maastricht", "Julia Lemmens", "j.lemmens@maastricht.demo.local", "Gedragswetenschapper"),
    ("Bureau Jeugdzorg Limburg", "Daan Hermans", "d.hermans@bjzl.demo.local", "Jeugdbeschermer (GI)"),
];

/// Seeds (or tops up) the demo data and sets the demo users' password.
/// Returns the logins with the password in force.
pub async fn seed(db: &DatabaseConnection, password: Option<String>, day: chrono::NaiveDate) -> anyhow::Result<Vec<(String, String, String)>> {
    let password = password.unwrap_or_else(password::generate);
    let hash = password::hash_blocking(password.clone()).await?;
    let reference = crate::reference::seed::ReferenceData::builtin()?;
    crate::reference::seed::load(db, &reference).await?;
    calendar::lay_out(db, &reference, day).await?;
    let txn = db.begin().await?;
    let region_ids: HashMap<String, i64> = region::Entity::find().all(&txn).await?.into_iter().map(|r| (r.code, r.id)).collect();
    let org_ids: HashMap<String, i64> = organisation::Entity::find().all(&txn).await?.into_iter().map(|o| (o.name, o.id)).collect();
    let programme_id = programme::Entity::find()
        .filter(programme::Column::Name.eq(PROGRAMME))
        .one(&txn)
        .await?
        .ok_or_else(|| anyhow::anyhow!("the reference data has no programme {PROGRAMME}"))?
        .id;
    let mut logins = Vec::new();
    for u in USERS.iter() {
        match user::Entity::find().filter(user::Column::Email.eq(u.email)).one(&txn).await? {
            Some(existing) => {
                user::Entity::update_many()
                    .col_expr(user::Column::PasswordHash, Expr::value(Some(hash.clone())))
                    .col_expr(user::Column::Active, Expr::value(true))
                    .filter(user::Column::Id.eq(existing.id))
                    .exec(&txn)
                    .await?;
            }
            None => {
                user::ActiveModel {
                    email: Set(u.email.into()),
                    name: Set(u.name.into()),
                    role: Set(u.role.into()),
                    region_id: Set(u.region.and_then(|r| region_ids.get(r).copied())),
                    organisation_id: Set(u.org.and_then(|o| org_ids.get(o).copied())),
                    password_hash: Set(Some(hash.clone())),
                    active: Set(true),
                    created_at: Set(chrono::Utc::now()),
                    ..Default::default()
                }
                .insert(&txn)
                .await?;
            }
        }
        logins.push((u.email.to_string(), u.role.to_string(), password.clone()));
    }
    for (org, name, email, function) in PROFESSIONALS {
        let exists = professional::Entity::find().filter(professional::Column::Email.eq(email)).one(&txn).await?.is_some();
        if let (false, Some(org_id)) = (exists, org_ids.get(org)) {
            professional::ActiveModel {
                organisation_id: Set(*org_id),
                name: Set(name.into()),
                email: Set(email.into()),
                function: Set(Some(function.into())),
                created_at: Set(chrono::Utc::now()),
                ..Default::default()
            }
            .insert(&txn)
            .await?;
        }
    }
    // The demo trainer runs the demo groups that have no trainer yet.
    if let Some(trainer) = user::Entity::find().filter(user::Column::Role.eq("trainer")).one(&txn).await? {
        training_group::Entity::update_many()
            .col_expr(training_group::Column::TrainerId, Expr::value(Some(trainer.id)))
            .filter(training_group::Column::ProgrammeId.eq(programme_id))
            .filter(training_group::Column::TrainerId.is_null())
            .exec(&txn)
            .await?;
    }
    txn.commit().await?;
    Ok(logins)
}

pub fn print_logins(logins: &[(String, String, String)], from_env: bool) {
    crate::say!("\nDemo-logins (wachtwoord {}):", if from_env { "uit DEMO_PASSWORD" } else { "gegenereerd bij deze start" });
    for (email, role, password) in logins {
        crate::say!("  {email:<34} {role:<16} {password}");
    }
    crate::say!();
}

async fn caller_for(state: &crate::state::AppState, email: &str) -> anyhow::Result<crate::auth::Caller> {
    use crate::auth::rules::scope_of;
    use va_openapi::auth::Role;
    let u = user::Entity::find()
        .filter(user::Column::Email.eq(email))
        .one(&state.db)
        .await?
        .ok_or_else(|| anyhow::anyhow!("demo user {email} missing"))?;
    let role = Role::parse(&u.role).ok_or_else(|| anyhow::anyhow!("role"))?;
    let scope = scope_of(role, u.region_id.map(va_openapi::RegionId), u.organisation_id.map(va_openapi::OrganisationId))
        .ok_or_else(|| anyhow::anyhow!("scope"))?;
    Ok(crate::auth::Caller { user_id: va_openapi::UserId(u.id), role, scope })
}

/// "september 2026": how the demo's texts name a month.
fn month_nl(d: chrono::NaiveDate) -> String {
    const MONTHS: [&str; 12] = ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober", "november", "december"];
    use chrono::Datelike;
    format!("{} {}", MONTHS[d.month0() as usize % 12], d.year())
}

/// "voorjaar 2027": a preferred period some months ahead.
fn season_nl(d: chrono::NaiveDate) -> String {
    use chrono::Datelike;
    let part = match d.month() {
        1..=4 => "voorjaar",
        5..=8 => "zomer",
        _ => "najaar",
    };
    format!("{part} {}", d.year())
}

fn app_err(e: crate::error::AppError) -> anyhow::Error {
    anyhow::anyhow!("demo activity: {e} ({:?})", e.problem().detail)
}


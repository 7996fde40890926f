//! Demo data (`--demo`, `seed-demo`): the regions and municipalities of Limburg,
//! CJG Midden-Limburg, GIs, care providers, the programme with 8 groups of 16
//! seats and one user per role and region. Idempotent: rows are matched by
//! their natural keys and never duplicated.

use crate::auth::password;
use crate::entities::{organisation, professional, programme, region, training_day, training_group, user};
use base64::Engine;
use chrono::NaiveDate;
use rand::RngCore;
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, Set, TransactionTrait};

pub const REGIONS: [(&str, &str); 3] = [("noord", "Noord-Limburg"), ("midden", "Midden-Limburg"), ("zuid", "Zuid-Limburg")];

pub const MUNICIPALITIES: [(&str, &[&str]); 3] = [
    ("noord", &["Beesel", "Bergen", "Gennep", "Horst aan de Maas", "Mook en Middelaar", "Peel en Maas", "Venlo", "Venray"]),
    ("midden", &["Echt-Susteren", "Leudal", "Maasgouw", "Nederweert", "Roerdalen", "Roermond", "Weert"]),
    (
        "zuid",
        &[
            "Beek", "Beekdaelen", "Brunssum", "Eijsden-Margraten", "Gulpen-Wittem", "Heerlen", "Kerkrade", "Landgraaf",
            "Maastricht", "Meerssen", "Simpelveld", "Sittard-Geleen", "Stein", "Vaals", "Valkenburg aan de Geul",
            "Voerendaal",
        ],
    ),
];

const OTHER_ORGS: [(&str, &str, Option<&str>); 7] = [
    ("CJG Midden-Limburg", "cjg", Some("midden")),
    ("Bureau Jeugdzorg Limburg", "gi", None),
    ("William Schrikker Stichting Jeugdbescherming & Jeugdreclassering", "gi", None),
    ("Leger des Heils Jeugdbescherming & Reclassering", "gi", None),
    ("Koraal", "care_provider", None),
    ("Xonar", "care_provider", None),
    ("Accare", "other", None),
];

pub const PROGRAMME: &str = "VA-training 2026-2027";

/// (name, region code, starts, ends, status)
const GROUPS: [(&str, Option<&str>, (i32, u32, u32), (i32, u32, u32), &str); 8] = [
    ("Groep 1 - Zuid-Limburg", Some("zuid"), (2026, 3, 3), (2026, 4, 14), "completed"),
    ("Groep 2 - Noord-Limburg", Some("noord"), (2026, 4, 7), (2026, 5, 19), "completed"),
    ("Groep 3 - Midden-Limburg", Some("midden"), (2026, 9, 15), (2026, 10, 27), "completed"),
    ("Groep 4 - Zuid-Limburg", Some("zuid"), (2026, 10, 20), (2026, 12, 8), "running"),
    ("Groep 5 - Noord-Limburg", Some("noord"), (2027, 1, 19), (2027, 3, 2), "open"),
    ("Groep 6 - Zuid-Limburg", Some("zuid"), (2027, 3, 9), (2027, 4, 20), "open"),
    ("Groep 7 - Midden-Limburg", Some("midden"), (2027, 5, 11), (2027, 6, 22), "planned"),
    ("Groep 8 - bovenregionaal (GI's)", None, (2027, 9, 14), (2027, 10, 26), "planned"),
];

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

fn date((y, m, d): (i32, u32, u32)) -> anyhow::Result<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, d).ok_or_else(|| anyhow::anyhow!("bad date {y}-{m}-{d}"))
}

pub fn generate_password() -> String {
    let mut bytes = [0u8; 12];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

/// Seeds (or tops up) the demo data and sets the demo users' password.
/// Returns the logins with the password in force.
pub async fn seed(db: &DatabaseConnection, password: Option<String>) -> anyhow::Result<Vec<(String, String, String)>> {
    let password = password.unwrap_or_else(generate_password);
    let hash = password::hash_blocking(password.clone()).await?;
    let txn = db.begin().await?;
    let mut region_ids = std::collections::HashMap::new();
    for (code, name) in REGIONS {
        let id = match region::Entity::find().filter(region::Column::Code.eq(code)).one(&txn).await? {
            Some(r) => r.id,
            None => region::ActiveModel { code: Set(code.into()), name: Set(name.into()), ..Default::default() }.insert(&txn).await?.id,
        };
        region_ids.insert(code, id);
    }
    let mut org_ids = std::collections::HashMap::new();
    let all_orgs = MUNICIPALITIES
        .iter()
        .flat_map(|(r, names)| names.iter().map(move |n| (*n, "municipality", Some(*r))))
        .chain(OTHER_ORGS.iter().copied());
    for (name, kind, reg) in all_orgs {
        let id = match organisation::Entity::find().filter(organisation::Column::Name.eq(name)).one(&txn).await? {
            Some(o) => o.id,
            None => organisation::ActiveModel {
                name: Set(name.into()),
                kind: Set(kind.into()),
                region_id: Set(reg.and_then(|r| region_ids.get(r).copied())),
                ..Default::default()
            }
            .insert(&txn)
            .await?
            .id,
        };
        org_ids.insert(name, id);
    }
    let programme_id = match programme::Entity::find().filter(programme::Column::Name.eq(PROGRAMME)).one(&txn).await? {
        Some(p) => p.id,
        None => programme::ActiveModel {
            name: Set(PROGRAMME.into()),
            course_type: Set("va_training".into()),
            starts_on: Set(date((2026, 1, 1))?),
            ends_on: Set(date((2027, 12, 31))?),
            readiness_validity_months: Set(12),
            readiness_gate: Set(false),
            ..Default::default()
        }
        .insert(&txn)
        .await?
        .id,
    };
    for (name, reg, start, end, status) in GROUPS {
        let exists = training_group::Entity::find()
            .filter(training_group::Column::ProgrammeId.eq(programme_id))
            .filter(training_group::Column::Name.eq(name))
            .one(&txn)
            .await?
            .is_some();
        if !exists {
            let group = training_group::ActiveModel {
                programme_id: Set(programme_id),
                name: Set(name.into()),
                region_id: Set(reg.and_then(|r| region_ids.get(r).copied())),
                capacity: Set(16),
                seats_taken: Set(0),
                status: Set(status.into()),
                starts_on: Set(date(start)?),
                ends_on: Set(date(end)?),
                ..Default::default()
            }
            .insert(&txn)
            .await?;
            // Four training days: the first, two weeks and four weeks later, and the last.
            let first = date(start)?;
            let place = match reg {
                Some("noord") => "BEL trainingslocatie Venlo",
                Some("midden") => "BEL trainingslocatie Roermond",
                Some("zuid") => "BEL trainingslocatie Heerlen",
                _ => "BEL trainingslocatie Roermond (bovenregionaal)",
            };
            for day in [first, first + chrono::Days::new(14), first + chrono::Days::new(28), date(end)?] {
                training_day::ActiveModel {
                    group_id: Set(group.id),
                    day: Set(day),
                    starts_at: Set("09:30".into()),
                    ends_at: Set("16:30".into()),
                    place: Set(place.into()),
                    sequence: Set(0),
                    ..Default::default()
                }
                .insert(&txn)
                .await?;
            }
        }
    }
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
    txn.commit().await?;
    Ok(logins)
}

pub fn print_logins(logins: &[(String, String, String)], from_env: bool) {
    println!("\nDemo-logins (wachtwoord {}):", if from_env { "uit DEMO_PASSWORD" } else { "gegenereerd bij deze start" });
    for (email, role, password) in logins {
        println!("  {email:<34} {role:<16} {password}");
    }
    println!();
}

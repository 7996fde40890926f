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
                // Groups run before the planner: no evaluation links go out for them.
                evaluation_sent_at: Set((status == "completed").then(chrono::Utc::now)),
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
    println!("\nDemo-logins (wachtwoord {}):", if from_env { "uit DEMO_PASSWORD" } else { "gegenereerd bij deze start" });
    for (email, role, password) in logins {
        println!("  {email:<34} {role:<16} {password}");
    }
    println!();
}

async fn caller_for(state: &crate::startup::AppState, email: &str) -> anyhow::Result<crate::auth::Caller> {
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

fn app_err(e: crate::error::AppError) -> anyhow::Error {
    anyhow::anyhow!("demo activity: {e} ({:?})", e.problem().detail)
}

/// Demo activity, so every screen shows something real: requests at each stage,
/// a placement, a returned professional, and a completed readiness check with
/// follow-ups. Goes through the services (rules, timeline, outbox) and runs
/// only when there are no requests yet.
pub async fn seed_activity(state: &crate::startup::AppState) -> anyhow::Result<()> {
    use crate::entities::{enrolment_request, training_group};
    use va_openapi::enrolment::{Decision, DecisionRequest, NewEnrolment, NewEnrolmentRequest};
    use va_openapi::readiness::{Answer, AnswerInput, CompleteInput};
    if enrolment_request::Entity::find().one(&state.db).await?.is_some() {
        return Ok(());
    }
    let programme = programme::Entity::find().filter(programme::Column::Name.eq(PROGRAMME)).one(&state.db).await?;
    let Some(programme) = programme else { return Ok(()) };
    let pid = va_openapi::ProgrammeId(programme.id);
    let person = |name: &str, email: &str, function: &str, ret: bool| NewEnrolment {
        name: name.into(),
        email: email.into(),
        function: Some(function.into()),
        works_on_ret_uhp: ret,
        remarks: None,
    };
    let request = |pros: Vec<NewEnrolment>, period: &str| NewEnrolmentRequest {
        programme_id: pid,
        preferred_period: Some(period.into()),
        preferred_region_id: None,
        remarks: None,
        professionals: pros,
        submit: true,
    };
    use crate::enrolment::service as es;

    // Venlo: waiting for the Noord ambassador.
    let venlo = caller_for(state, "gemeente.venlo@demo.local").await?;
    es::create_request(
        state,
        &venlo,
        request(
            vec![
                person("Sanne Willems", "s.willems@venlo.demo.local", "Medewerker toegangsteam", true),
                person("Bram Jacobs", "b.jacobs@venlo.demo.local", "Gedragswetenschapper", false),
            ],
            "voorjaar 2027",
        ),
    )
    .await
    .map_err(app_err)?;

    // Maastricht: one approved and placed, one returned for more information.
    let maastricht = caller_for(state, "gemeente.maastricht@demo.local").await?;
    let zuid = caller_for(state, "ambassadeur.zuid@demo.local").await?;
    let bel = caller_for(state, "bel@demo.local").await?;
    let m = es::create_request(
        state,
        &maastricht,
        request(
            vec![
                person("Noah Brouwers", "n.brouwers@maastricht.demo.local", "Medewerker toegangsteam", true),
                person("Julia Lemmens", "j.lemmens@maastricht.demo.local", "Gedragswetenschapper", false),
            ],
            "zo snel mogelijk",
        ),
    )
    .await
    .map_err(app_err)?;
    let (noah, julia) = (m.enrolments[0].id, m.enrolments[1].id);
    es::decide(state, &zuid, noah, DecisionRequest { decision: Decision::Approve, reason: None }).await.map_err(app_err)?;
    es::decide(
        state,
        &zuid,
        julia,
        DecisionRequest { decision: Decision::Return, reason: Some("Graag aanvullen: werkt Julia aan RET- of UHP-casussen?".into()) },
    )
    .await
    .map_err(app_err)?;
    if let Some(g6) = training_group::Entity::find()
        .filter(training_group::Column::ProgrammeId.eq(programme.id))
        .filter(training_group::Column::Name.eq("Groep 6 - Zuid-Limburg"))
        .one(&state.db)
        .await?
    {
        es::allocate(state, &bel, noah, va_openapi::GroupId(g6.id)).await.map_err(app_err)?;
    }

    // Maastricht's readiness check, held and completed.
    if let Some(check) = m.readiness_check.as_ref() {
        use crate::readiness::service as rs;
        let view = rs::get_check(state, &zuid, check.id).await.map_err(app_err)?;
        for item in &view.items {
            let answer = match item.code.as_str() {
                "wp.ret_uhp" | "kw.toetsing" => Answer::InProgress,
                "beg.supervisie" => Answer::NotYet,
                _ => Answer::InPlace,
            };
            let note = (answer != Answer::InPlace).then(|| "Besproken in het gesprek van november.".to_string());
            rs::answer(state, &zuid, check.id, AnswerInput { item_id: item.id, answer, note }).await.map_err(app_err)?;
        }
        let followups = rs::proposals(state, &zuid, check.id).await.map_err(app_err)?;
        rs::complete(
            state,
            &zuid,
            check.id,
            CompleteInput {
                summary: "Maastricht werkt met de VA in de toegang; supervisie en toetsing krijgen in 2027 vorm.".into(),
                followups,
            },
        )
        .await
        .map_err(app_err)?;
    }

    // A GI professional, approved by BEL and waiting for a seat.
    let gi = caller_for(state, "gi@demo.local").await?;
    let g = es::create_request(state, &gi, request(vec![person("Daan Hermans", "d.hermans@bjzl.demo.local", "Jeugdbeschermer (GI)", true)], "najaar 2027"))
        .await
        .map_err(app_err)?;
    es::decide(state, &bel, g.enrolments[0].id, DecisionRequest { decision: Decision::Approve, reason: None }).await.map_err(app_err)?;
    seed_waitlist(state, &programme, &maastricht, &zuid, &gi, &bel).await?;
    seed_monitoring(state, &bel).await
}

/// Professionals trained before the programme (Accare's records), in CSV as BEL imports them.
const EARLIER_TRAINED: &str = "naam;e-mail;organisatie;functie;getraind op
Ans Peeters;a.peeters@venlo.demo.local;Venlo;Medewerker toegangsteam;12-05-2024
Koen Hesen;k.hesen@venlo.demo.local;Venlo;Gedragswetenschapper;12-05-2024
Lieke Verbeek;l.verbeek@venray.demo.local;Venray;Medewerker toegangsteam;03-10-2024
Tim Janssen;t.janssen@horst.demo.local;Horst aan de Maas;Jeugdconsulent;03-10-2024
Eva Coenen;e.coenen@roermond.demo.local;Roermond;Medewerker toegangsteam;14-03-2025
Joris Moonen;j.moonen@roermond.demo.local;Roermond;Gedragswetenschapper;14-03-2025
Mieke Smeets;m.smeets@weert.demo.local;Weert;Jeugdconsulent;01-06-2025
Femke Driessen;f.driessen@cjgml.demo.local;CJG Midden-Limburg;Jeugdverpleegkundige;01-06-2025
Rob Kusters;r.kusters@maastricht.demo.local;Maastricht;Medewerker toegangsteam;20-01-2025
Sophie Ramakers;s.ramakers@maastricht.demo.local;Maastricht;Gedragswetenschapper;20-01-2025
Niels Bemelmans;n.bemelmans@heerlen.demo.local;Heerlen;Medewerker toegangsteam;20-01-2025
Iris Lenders;i.lenders@sittard.demo.local;Sittard-Geleen;Jeugdconsulent;09-09-2025
Ruud Claessens;r.claessens@bjzl.demo.local;Bureau Jeugdzorg Limburg;Jeugdbeschermer;15-11-2024
Marloes Wetzels;m.wetzels@bjzl.demo.local;Bureau Jeugdzorg Limburg;Gedragswetenschapper;15-11-2024
Dirk Schoenmakers;d.schoenmakers@koraal.demo.local;Koraal;Gedragswetenschapper;09-09-2025
";

/// Monitoring: earlier-trained professionals imported, a snapshot for the
/// meeting, this year's survey partly answered (one form handed to the
/// municipality), a second snapshot, and two planner scenarios.
async fn seed_monitoring(state: &crate::startup::AppState, bel: &crate::auth::Caller) -> anyhow::Result<()> {
    use va_openapi::monitoring::{ImportInput, NewSnapshot};
    use va_openapi::planning::{ExtraGroups, ScenarioInput};
    use va_openapi::survey::{NewSurveyRound, SurveyAnswers, SurveyDelegate, SurveySave};
    crate::monitoring::import::import(state, bel, ImportInput { csv: EARLIER_TRAINED.into() }).await.map_err(app_err)?;
    let label = |l: &str| NewSnapshot { label: l.into() };
    crate::monitoring::snapshots::take(state, bel, label("Overleg borging VA september 2026")).await.map_err(app_err)?;

    let today = state.settings.clock.today();
    let round = crate::survey::service::open(state, bel, NewSurveyRound { year: chrono::Datelike::year(&today), deadline: today + chrono::Duration::days(21) })
        .await
        .map_err(app_err)?;
    // (who answers, organisation, doing VAs, still to train, VAs done, hours needed, hours available, submit)
    let answers: [(&str, &str, i32, i32, i32, f64, f64, bool); 9] = [
        ("ambassadeur.noord@demo.local", "Venlo", 4, 18, 40, 24.0, 16.0, true),
        ("ambassadeur.noord@demo.local", "Venray", 1, 9, 12, 10.0, 6.0, true),
        ("ambassadeur.noord@demo.local", "Horst aan de Maas", 1, 7, 6, 8.0, 4.0, false),
        ("ambassadeur.midden@demo.local", "Roermond", 2, 12, 22, 14.0, 12.0, true),
        ("ambassadeur.midden@demo.local", "Weert", 1, 8, 9, 8.0, 8.0, true),
        ("ambassadeur.zuid@demo.local", "Heerlen", 1, 15, 10, 16.0, 8.0, true),
        ("ambassadeur.zuid@demo.local", "Sittard-Geleen", 1, 11, 7, 12.0, 6.0, true),
        ("bel@demo.local", "Bureau Jeugdzorg Limburg", 2, 20, 18, 20.0, 12.0, true),
        ("bel@demo.local", "Koraal", 1, 6, 5, 6.0, 4.0, true),
    ];
    for (who, org, doing, still, vas, needed, available, submit) in answers {
        let caller = caller_for(state, who).await?;
        let Some(o) = organisation::Entity::find().filter(organisation::Column::Name.eq(org)).one(&state.db).await? else { continue };
        let oid = va_openapi::OrganisationId(o.id);
        let form = crate::survey::service::form(state, &caller, round.id, oid).await.map_err(app_err)?;
        let a = SurveyAnswers {
            trained: Some(form.trained_in_system),
            trained_note: None,
            doing_vas: Some(doing),
            still_to_train: Some(still),
            vas_done: Some(vas),
            hours_needed: Some(needed),
            hours_available: Some(available),
            bottlenecks: Some("Weinig tijd naast de caseload; VA's worden nog niet overal in het casusoverleg besproken.".into()),
            success_factors: Some("Vaste intervisie en een teamleider die de VA vraagt.".into()),
        };
        crate::survey::service::save(state, &caller, round.id, oid, SurveySave { answers: a, submit }).await.map_err(app_err)?;
    }
    // Zuid hands Maastricht's form to the municipality; it is still open.
    let zuid = caller_for(state, "ambassadeur.zuid@demo.local").await?;
    if let Some(o) = organisation::Entity::find().filter(organisation::Column::Name.eq("Maastricht")).one(&state.db).await? {
        let contact = user::Entity::find().filter(user::Column::Email.eq("gemeente.maastricht@demo.local")).one(&state.db).await?;
        let user_id = contact.map(|u| va_openapi::UserId(u.id));
        crate::survey::service::delegate(state, &zuid, round.id, va_openapi::OrganisationId(o.id), SurveyDelegate { user_id }).await.map_err(app_err)?;
    }
    crate::monitoring::snapshots::take(state, bel, label("Overleg borging VA november 2026")).await.map_err(app_err)?;

    let Some(p) = programme::Entity::find().filter(programme::Column::Name.eq(PROGRAMME)).one(&state.db).await? else { return Ok(()) };
    let base = crate::planning::service::default_params(&p);
    crate::planning::service::save(state, bel, None, ScenarioInput { name: "Basis: instellingen van het programma".into(), params: base.clone() })
        .await
        .map_err(app_err)?;
    let zuid_id = crate::entities::region::Entity::find().filter(crate::entities::region::Column::Code.eq("zuid")).one(&state.db).await?.map(|r| va_openapi::RegionId(r.id));
    let mut extra = base;
    extra.turnover_pct = 12.0;
    extra.extra_groups = vec![ExtraGroups { region_id: zuid_id, groups: 1 }];
    crate::planning::service::save(state, bel, None, ScenarioInput { name: "Extra groep Zuid, 12 % verloop".into(), params: extra }).await.map_err(app_err)?;
    Ok(())
}

/// The waiting list in motion: Groep 6 full, one participant withdrew and
/// Maastricht let the seat go (an offer is open), another withdrew just now
/// (Maastricht may still name a substitute), and twelve people waiting, which
/// brings an extra-group proposal.
async fn seed_waitlist(
    state: &crate::startup::AppState,
    programme: &programme::Model,
    maastricht: &crate::auth::Caller,
    zuid: &crate::auth::Caller,
    gi: &crate::auth::Caller,
    bel: &crate::auth::Caller,
) -> anyhow::Result<()> {
    use crate::enrolment::service as es;
    use crate::entities::{seat_hold, training_group};
    use va_openapi::enrolment::{Decision, DecisionRequest, NewEnrolment, NewEnrolmentRequest, WithdrawRequest};
    let pid = va_openapi::ProgrammeId(programme.id);
    let people = |list: &[(&str, &str, &str, bool)]| -> Vec<NewEnrolment> {
        list.iter()
            .map(|(name, email, function, ret)| NewEnrolment {
                name: (*name).into(),
                email: (*email).into(),
                function: Some((*function).into()),
                works_on_ret_uhp: *ret,
                remarks: None,
            })
            .collect()
    };
    let request = |pros: Vec<NewEnrolment>| NewEnrolmentRequest {
        programme_id: pid,
        preferred_period: Some("2027".into()),
        preferred_region_id: None,
        remarks: None,
        professionals: pros,
        submit: true,
    };
    let m = es::create_request(
        state,
        maastricht,
        request(people(&[
            ("Lotte Janssen", "l.janssen@maastricht.demo.local", "Medewerker toegangsteam", false),
            ("Sem Hendriks", "s.hendriks@maastricht.demo.local", "Medewerker toegangsteam", false),
            ("Eva Smeets", "e.smeets@maastricht.demo.local", "Gedragswetenschapper", true),
            ("Luuk Vermeulen", "l.vermeulen@maastricht.demo.local", "Medewerker toegangsteam", false),
            ("Anouk Coenen", "a.coenen@maastricht.demo.local", "Medewerker toegangsteam", false),
            ("Milan Dassen", "m.dassen@maastricht.demo.local", "Jeugdconsulent", false),
            ("Roos Kessels", "r.kessels@maastricht.demo.local", "Jeugdconsulent", true),
        ])),
    )
    .await
    .map_err(app_err)?;
    for e in &m.enrolments {
        es::decide(state, zuid, e.id, DecisionRequest { decision: Decision::Approve, reason: None }).await.map_err(app_err)?;
    }
    let g = es::create_request(
        state,
        gi,
        request(people(&[
            ("Fenna Bosch", "f.bosch@bjzl.demo.local", "Jeugdbeschermer (GI)", true),
            ("Thijs Wouters", "t.wouters@bjzl.demo.local", "Jeugdreclasseerder (GI)", false),
            ("Iris Maas", "i.maas@bjzl.demo.local", "Jeugdbeschermer (GI)", false),
            ("Jesse Lenders", "j.lenders@bjzl.demo.local", "Jeugdbeschermer (GI)", false),
            ("Lisa Peeters", "l.peeters@bjzl.demo.local", "Gedragswetenschapper (GI)", false),
            ("Ruben Claessens", "r.claessens@bjzl.demo.local", "Jeugdbeschermer (GI)", false),
            ("Maud Geurts", "m.geurts@bjzl.demo.local", "Jeugdreclasseerder (GI)", false),
        ])),
    )
    .await
    .map_err(app_err)?;
    for e in &g.enrolments {
        es::decide(state, bel, e.id, DecisionRequest { decision: Decision::Approve, reason: None }).await.map_err(app_err)?;
    }
    let Some(g6) = training_group::Entity::find()
        .filter(training_group::Column::ProgrammeId.eq(programme.id))
        .filter(training_group::Column::Name.eq("Groep 6 - Zuid-Limburg"))
        .one(&state.db)
        .await?
    else {
        return Ok(());
    };
    let g6_id = va_openapi::GroupId(g6.id);
    // A small group (the training room of that week holds three), full with Noah, Lotte and Sem.
    crate::waitlist::service::set_capacity(state, bel, g6_id, va_openapi::waitlist::CapacityInput { capacity: 3 }).await.map_err(app_err)?;
    let (lotte, sem) = (m.enrolments[0].id, m.enrolments[1].id);
    es::allocate(state, bel, lotte, g6_id).await.map_err(app_err)?;
    es::allocate(state, bel, sem, g6_id).await.map_err(app_err)?;
    es::withdraw(state, maastricht, sem, WithdrawRequest { reason: Some("Andere functie per januari.".into()) }).await.map_err(app_err)?;
    let window = seat_hold::Entity::find()
        .filter(seat_hold::Column::EnrolmentId.eq(sem.0))
        .filter(seat_hold::Column::Status.eq("open"))
        .one(&state.db)
        .await?;
    if let Some(w) = window {
        crate::waitlist::offers::release_substitution(state, maastricht, va_openapi::SubstitutionId(w.id)).await.map_err(app_err)?;
    }
    es::withdraw(state, maastricht, lotte, WithdrawRequest { reason: Some("Zwangerschapsverlof.".into()) }).await.map_err(app_err)?;
    Ok(())
}

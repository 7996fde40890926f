use serde_json::Value;
use va_tests::{db_tests, TestApp};

async fn health_and_readiness_answer(app: TestApp) {
    let res = app.get("/api/health", None).await;
    assert_eq!(res.status(), 200);
    assert_eq!(res.json::<Value>().await.expect("json")["status"], "ok");
    let res = app.get("/api/ready", None).await;
    assert_eq!(res.status(), 200);
    assert_eq!(res.json::<Value>().await.expect("json")["status"], "ready");
}

async fn unknown_api_paths_are_problem_404_and_client_routes_get_the_spa(app: TestApp) {
    let res = app.get("/api/v1/does-not-exist", None).await;
    assert_eq!(res.status(), 404);
    assert_eq!(res.headers()["content-type"], "application/problem+json");
    let body: Value = res.json().await.expect("json");
    assert_eq!(body["code"], "not_found");

    let res = app.get("/bel", None).await;
    assert_eq!(res.status(), 200, "client route is served index.html");
    assert_eq!(res.headers()["cache-control"], "no-cache", "the shell is revalidated: it names the current bundle");
    let html = res.text().await.expect("text");
    let boot = va_tests::between(&html, "<script type=\"module\" src=\"", "\"").expect("boot script");
    assert!(boot.starts_with("/boot.") && !html.contains("import init"), "index.html of the SPA, no inline script: {html}");
    let res = app.get(&boot, None).await;
    assert_eq!(res.status(), 200);
    assert!(res.headers()["content-type"].to_str().unwrap_or_default().contains("javascript"));
    let script = res.text().await.expect("text");
    // The boot script names each role's bundle; every one of them is served.
    let wasm = script.split('"').find(|s| s.starts_with("/pkg/") && s.ends_with(".wasm")).expect("wasm path").to_string();
    let res = app.get(&wasm, None).await;
    assert_eq!(res.status(), 200);
    assert_eq!(res.headers()["content-type"], "application/wasm");
    assert_eq!(res.headers()["cache-control"], "public, max-age=31536000, immutable", "hashed names are kept a year");
    assert_eq!(app.get("/pkg/.verborgen", None).await.status(), 404);
    assert_eq!(app.get("/pkg/geen-bestand.js", None).await.status(), 404);
}

async fn demo_seed_is_idempotent_and_has_the_plans_numbers(app: TestApp) {
    let before: Vec<i64> = futures_counts(&app).await;
    assert_eq!(before, vec![3, 31, 1, 8, 8], "regions, municipalities, programmes, groups, users");
    let seats = app.id_of("SELECT CAST(SUM(capacity) AS BIGINT) FROM training_groups").await;
    assert_eq!(seats, 128);
    va_backend::demo::seed(&app.db, Some(va_tests::DEMO_PASSWORD.into()), app.state.settings.clock.today()).await.expect("second seed");
    assert_eq!(futures_counts(&app).await, before);
    let cjg = app.id_of("SELECT COUNT(*) FROM organisations WHERE kind = 'cjg'").await;
    let gis = app.id_of("SELECT COUNT(*) FROM organisations WHERE kind = 'gi'").await;
    assert_eq!((cjg, gis), (1, 3));
    // Demo logins still work after a re-seed.
    app.token("ambassadeur.zuid@demo.local").await;
}

async fn futures_counts(app: &TestApp) -> Vec<i64> {
    vec![
        app.count("regions").await,
        app.id_of("SELECT COUNT(*) FROM organisations WHERE kind = 'municipality'").await,
        app.count("programmes").await,
        app.count("training_groups").await,
        app.count("users").await,
    ]
}

db_tests!(
    health_and_readiness_answer,
    unknown_api_paths_are_problem_404_and_client_routes_get_the_spa,
    demo_seed_is_idempotent_and_has_the_plans_numbers,
);

/// With the database gone, readiness says so and other requests get a bare
/// 500 problem: nothing about the database leaks to the client.
async fn database_failures_are_logged_not_returned(app: TestApp) {
    let bel = app.token("bel@demo.local").await;
    app.db.clone().close().await.expect("close pool");
    let res = app.get("/api/ready", None).await;
    assert_eq!(res.status(), 503);
    let body: Value = res.json().await.expect("json");
    assert_eq!(body["code"], "unavailable");
    let res = app.get("/api/v1/regions", Some(&bel)).await;
    assert_eq!(res.status(), 500);
    assert_eq!(res.headers()["content-type"], "application/problem+json");
    let text = res.text().await.expect("text");
    let body: Value = serde_json::from_str(&text).expect("json");
    assert_eq!(body["code"], "internal");
    for leak in ["sqlx", "pool", "Pool", "SELECT", "sqlite", "postgres", "closed"] {
        assert!(!text.contains(leak), "{leak} leaked: {text}");
    }
    // The liveness probe still answers.
    assert_eq!(app.get("/api/health", None).await.status(), 200);
}

db_tests!(database_failures_are_logged_not_returned);

async fn demo_activity_fills_every_stage_once(backend: va_tests::Backend) {
    let Some(app) = va_tests::spawn_app_with(backend, |s| s.demo_activity = true).await else { return };
    // Five requests made through the services, and the past: four organisations' requests for each of Groep 1-4.
    assert_eq!(app.count("enrolment_requests").await, 5 + 16);
    let placed = app.id_of("SELECT COUNT(*) FROM enrolments WHERE status = 'placed'").await;
    let returned = app.id_of("SELECT COUNT(*) FROM enrolments WHERE status = 'returned'").await;
    let submitted = app.id_of("SELECT COUNT(*) FROM enrolments WHERE status = 'submitted'").await;
    let approved = app.id_of("SELECT COUNT(*) FROM enrolments WHERE status = 'approved'").await;
    let withdrawn = app.id_of("SELECT COUNT(*) FROM enrolments WHERE status = 'withdrawn'").await;
    assert_eq!((placed, returned, submitted, approved, withdrawn), (1 + 10, 1, 2, 13, 2));
    let trained = app.id_of("SELECT COUNT(*) FROM enrolments WHERE status = 'trained'").await;
    let not_completed = app.id_of("SELECT COUNT(*) FROM enrolments WHERE status = 'not_completed'").await;
    assert_eq!((trained, not_completed), (33, 3), "Groep 1-3 ran with twelve each");
    // The waiting list in motion: Daan's offer for Groep 6, Lotte's substitution window, the proposal for twelve waiting.
    let open = |kind: &str| format!("SELECT COUNT(*) FROM seat_holds WHERE kind = '{kind}' AND status = 'open'");
    assert_eq!((app.id_of(&open("offer")).await, app.id_of(&open("substitution")).await), (2, 1), "Daan's and Eva's offers");
    assert_eq!(app.id_of("SELECT COUNT(*) FROM extra_group_proposals WHERE status = 'open'").await, 1);
    assert_eq!(app.id_of("SELECT COUNT(*) FROM readiness_checks WHERE status = 'completed'").await, 1);
    assert!(app.count("followup_activities").await >= 3);
    // Seeding again (a restart with --demo) adds nothing.
    va_backend::demo::seed_activity(&app.state).await.expect("again");
    assert_eq!(app.count("enrolment_requests").await, 21);
    assert_eq!(app.count("seat_holds").await, 4);
}

mod demo_activity {
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn sqlite() {
        super::demo_activity_fills_every_stage_once(va_tests::Backend::Sqlite).await;
    }
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn postgres() {
        super::demo_activity_fills_every_stage_once(va_tests::Backend::Postgres).await;
    }
}

/// A production install: no demo, the reference data loaded from the shipped
/// file (no user created, loading twice changes nothing), a first BEL
/// coordinator created, who then sees the organisations.
async fn reference_data_loads_without_users_and_only_once(app: TestApp) {
    use va_backend::reference::seed::{load, Loaded, ReferenceData};
    assert_eq!((app.count("regions").await, app.count("organisations").await, app.count("users").await), (0, 0, 0), "an empty start");
    assert_eq!(va_backend::launch::first_run_hints(&app.db).await.expect("hints").len(), 2, "reference data and a coordinator are missing");
    let data = ReferenceData::builtin().expect("the shipped file");
    let first = load(&app.db, &data).await.expect("load");
    assert_eq!(first, Loaded { regions: 3, organisations: 38, programmes: 1, groups: 8 });
    assert_eq!(load(&app.db, &data).await.expect("again"), Loaded::default(), "nothing twice");
    let counts = (app.count("regions").await, app.count("organisations").await, app.count("training_groups").await, app.count("training_days").await);
    assert_eq!(counts, (3, 38, 8, 32));
    assert_eq!(app.count("users").await, 0, "reference data creates no account");
    assert_eq!(app.id_of("SELECT CAST(SUM(capacity) AS BIGINT) FROM training_groups").await, 128);

    va_backend::auth::service::create_admin(&app.db, "coordinator@bel.example", "Eerste Coördinator", "een-lang-wachtwoord-1").await.expect("admin");
    assert!(va_backend::launch::first_run_hints(&app.db).await.expect("hints").is_empty(), "nothing left to do");
    let res = app.login("coordinator@bel.example", "een-lang-wachtwoord-1").await;
    assert_eq!(res.status(), 200);
    let token = res.json::<Value>().await.expect("json")["token"].as_str().expect("token").to_string();
    let orgs: Value = app.get("/api/v1/organisations", Some(&token)).await.json().await.expect("json");
    assert_eq!(orgs.as_array().expect("list").len(), 38);
}

mod production_start {
    async fn app(backend: va_tests::Backend) -> Option<va_tests::TestApp> {
        va_tests::spawn_app_with(backend, |s| s.demo = false).await
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn sqlite() {
        super::reference_data_loads_without_users_and_only_once(app(va_tests::Backend::Sqlite).await.expect("sqlite app")).await;
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn postgres() {
        if let Some(a) = app(va_tests::Backend::Postgres).await {
            super::reference_data_loads_without_users_and_only_once(a).await;
        }
    }
}

/// `backend backup` copies the SQLite file while the server runs; the copy
/// opens with every row, and a second backup to the same file is refused.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_sqlite_backup_is_a_complete_database() {
    let app = va_tests::spawn_app(va_tests::Backend::Sqlite).await.expect("sqlite app");
    let to = app.data_dir.join("backup-test.db");
    va_backend::db::backup(&app.db, &to).await.expect("backup");
    assert!(va_backend::db::backup(&app.db, &to).await.is_err(), "never overwrites");
    let url = format!("sqlite://{}?mode=ro", to.display());
    let copy = sea_orm::Database::connect(url).await.expect("open the copy");
    use sea_orm::ConnectionTrait;
    let row = copy
        .query_one(sea_orm::Statement::from_string(sea_orm::DbBackend::Sqlite, "SELECT COUNT(*) AS n FROM users"))
        .await
        .expect("query")
        .expect("row");
    let n: i64 = row.try_get("", "n").expect("n");
    assert_eq!(n, app.count("users").await);
    assert!(n > 0);
}

/// The survey and the planner's scenarios became per programme: rounds,
/// answers and scenarios made before keep every row and go to the VA
/// training, the answers still point at their round (SQLite rebuilds the two
/// tables), and the year is unique per programme instead of overall.
async fn survey_rounds_move_to_their_programme(backend: va_tests::Backend) {
    use sea_orm::ConnectionTrait;
    use va_migrations::MigratorTrait;
    let url = match backend {
        va_tests::Backend::Sqlite => None,
        va_tests::Backend::Postgres => match va_tests::fresh_postgres().await {
            Some(u) => Some(u),
            None => return,
        },
    };
    let settings = va_tests::test_settings(url);
    let db = va_backend::db::connect(&settings).await.expect("connect");
    va_migrations::Migrator::up(&db, Some(9)).await.expect("the schema before");
    va_backend::reference::seed::load(&db, &va_backend::reference::seed::ReferenceData::builtin().expect("data")).await.expect("reference");
    let run = |sql: &'static str| {
        let db = db.clone();
        async move { db.execute_unprepared(sql).await }
    };
    run("INSERT INTO programmes (name, course_type, starts_on, ends_on, readiness_validity_months, readiness_gate, offer_hours, substitution_hours, regional_quotas, quota_cutoff_days, \
         extra_group_threshold, cost_per_group_eur, cost_per_trainer_day_eur, trainer_days_per_group, attendance_window_days, completion_max_excused, \
         completion_max_absent, supervision_session_eur, coaching_session_eur, deepening_session_eur, default_group_size) \
         SELECT 'Opfrisdag 2027', 'refresher', starts_on, ends_on, readiness_validity_months, readiness_gate, offer_hours, substitution_hours, regional_quotas, quota_cutoff_days, \
         extra_group_threshold, cost_per_group_eur, cost_per_trainer_day_eur, trainer_days_per_group, attendance_window_days, completion_max_excused, \
         completion_max_absent, supervision_session_eur, coaching_session_eur, deepening_session_eur, default_group_size FROM programmes")
        .await
        .expect("a second programme");
    run("INSERT INTO survey_rounds (year, deadline, opened_by, opened_at) VALUES (2026, '2026-12-20', 1, '2026-12-01T09:00:00Z')").await.expect("round");
    run("INSERT INTO survey_responses (round_id, organisation_id, still_to_train, updated_at) SELECT r.id, o.id, 7, '2026-12-01T10:00:00Z' FROM survey_rounds r, organisations o WHERE o.name = 'Venlo'")
        .await
        .expect("answer");
    run("INSERT INTO planner_scenarios (name, params, created_by, updated_at) VALUES ('Basis', '{}', 1, '2026-12-01T09:00:00Z')").await.expect("scenario");

    va_migrations::Migrator::up(&db, None).await.expect("the migration");
    let text = |sql: &'static str| {
        let db = db.clone();
        async move {
            let row = db.query_one(sea_orm::Statement::from_string(db.get_database_backend(), sql)).await.expect("query").expect("row");
            row.try_get::<i64>("", "n").expect("n")
        }
    };
    let va = text("SELECT id AS n FROM programmes WHERE course_type = 'va_training'").await;
    assert_eq!(text("SELECT programme_id AS n FROM survey_rounds").await, va);
    assert_eq!(text("SELECT programme_id AS n FROM planner_scenarios").await, va);
    assert_eq!(text("SELECT COUNT(*) AS n FROM survey_responses s JOIN survey_rounds r ON r.id = s.round_id WHERE s.still_to_train = 7").await, 1);
    assert!(run("INSERT INTO survey_responses (round_id, organisation_id, updated_at) VALUES (999, 1, '2026-12-01T10:00:00Z')").await.is_err(), "the answers' key still holds");
    assert!(run("INSERT INTO survey_rounds (programme_id, year, deadline, opened_by, opened_at) SELECT MIN(id), 2026, '2026-12-20', 1, '2026-12-01T09:00:00Z' FROM programmes").await.is_err(), "one round per programme and year");
    run("INSERT INTO survey_rounds (programme_id, year, deadline, opened_by, opened_at) SELECT MAX(id), 2026, '2026-12-20', 1, '2026-12-01T09:00:00Z' FROM programmes")
        .await
        .expect("the same year for another programme");
}

mod survey_migration {
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn sqlite() {
        super::survey_rounds_move_to_their_programme(va_tests::Backend::Sqlite).await;
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn postgres() {
        super::survey_rounds_move_to_their_programme(va_tests::Backend::Postgres).await;
    }
}

/// Instances started together on one empty PostgreSQL database take turns at
/// migrating and seeding (an advisory lock): all start, nothing is there twice.
mod instances_starting_together {
    use va_backend::startup::Application;

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn postgres() {
        for _round in 0..3 {
            let Some(url) = va_tests::fresh_postgres().await else { return };
            let settings = || {
                let mut s = va_tests::test_settings(Some(url.clone()));
                s.run_email_sender = false;
                s
            };
            let (a, b, c) = tokio::join!(Application::build(settings()), Application::build(settings()), Application::build(settings()));
            let apps = [a.expect("first starts"), b.expect("second starts"), c.expect("third starts")];
            let db = apps[0].state.db.clone();
            use sea_orm::{ConnectionTrait, Statement};
            let one = |sql: &'static str| {
                let db = db.clone();
                async move {
                    let row = db.query_one(Statement::from_string(db.get_database_backend(), sql)).await.expect("query").expect("row");
                    row.try_get_by_index::<i64>(0).expect("count")
                }
            };
            assert_eq!(one("SELECT COUNT(*) FROM users WHERE email = 'bel@demo.local'").await, 1);
            assert_eq!(one("SELECT COUNT(*) FROM readiness_templates").await, 1);
            assert_eq!(one("SELECT COUNT(*) FROM programmes").await, 1);
        }
    }
}

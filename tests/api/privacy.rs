//! Retention: BEL's periods with their floors, and the job runner's purge,
//! which takes exactly what is due under the injected clock and records each
//! purge without the data.

use chrono::{Duration, Utc};
use sea_orm::{ActiveModelTrait, ActiveValue::NotSet, ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use serde_json::json;
use va_backend::entities::{audit_log, email_outbox, enrolment, evaluation_invite, login_attempt, one_time_token, professional, programme};
use va_backend::privacy::service::purge_due;
use va_tests::{db_tests, expect_json, TestApp};

/// A mail of `days` ago: sent, failed, or still pending.
async fn mail(app: &TestApp, days: i64, state: &str) {
    let at = app.state.settings.clock.now() - Duration::days(days);
    email_outbox::ActiveModel {
        message_id: Set(format!("<{}-{state}-{days}@test>", uuid_like(days))),
        template: Set("test".into()),
        to_addr: Set("iemand@example.org".into()),
        subject: Set("Onderwerp".into()),
        body_text: Set("Beste Iemand, de tekst met een link.".into()),
        attachment_name: Set(Some("uitnodiging.ics".into())),
        attachment_content_type: Set(Some("text/calendar".into())),
        attachment: Set(Some("BEGIN:VCALENDAR".into())),
        attempts: Set(1),
        next_attempt_at: Set(at),
        sent_at: Set((state == "sent").then_some(at)),
        failed_at: Set((state == "failed").then_some(at)),
        created_at: Set(at),
        ..Default::default()
    }
    .insert(&app.state.db)
    .await
    .expect("mail");
}

fn uuid_like(n: i64) -> String {
    format!("{:x}{:x}", n, Utc::now().timestamp_nanos_opt().unwrap_or_default())
}

async fn counts(app: &TestApp) -> [i64; 7] {
    [
        app.scalar("SELECT COUNT(*) FROM email_outbox WHERE body_text <> '' OR attachment IS NOT NULL").await,
        app.count("login_attempts").await,
        app.count("one_time_tokens").await,
        app.count("evaluation_invites").await,
        // (an erasure by the purge writes an entry of its own)
        app.scalar("SELECT COUNT(*) FROM audit_log WHERE action <> 'privacy.erased'").await,
        app.scalar("SELECT COUNT(*) FROM followup_sessions WHERE notes IS NOT NULL").await,
        app.scalar("SELECT COUNT(*) FROM professionals WHERE erased_at IS NULL").await,
    ]
}

/// A programme that ended `days` ago, with one enrolment (of `status`) of a
/// new professional, trained before the programme or not; the professional's id.
async fn old_enrolment(app: &TestApp, days: i64, status: &str, trained_before: bool) -> i64 {
    let db = &app.state.db;
    let today = app.state.settings.clock.today();
    let base = programme::Entity::find().order_by_asc(programme::Column::Id).one(db).await.expect("read").expect("a programme");
    let mut old: programme::ActiveModel = base.into();
    old.id = NotSet;
    old.name = Set(format!("VA-training {days} dagen geleden ({status})"));
    old.starts_on = Set(today - Duration::days(days + 300));
    old.ends_on = Set(today - Duration::days(days));
    let old = old.insert(db).await.expect("programme");
    let model = enrolment::Entity::find().order_by_asc(enrolment::Column::Id).one(db).await.expect("read").expect("an enrolment");
    let p = professional::ActiveModel {
        organisation_id: Set(app.id_of(&format!("SELECT organisation_id FROM professionals WHERE id = {}", model.professional_id)).await),
        name: Set(format!("Oud Deelnemer {days} {status}")),
        email: Set(format!("oud.{days}.{status}.{trained_before}@example.org")),
        created_at: Set(app.state.settings.clock.now() - Duration::days(days + 300)),
        trained_before_on: Set(trained_before.then(|| today - Duration::days(days + 400))),
        ..Default::default()
    }
    .insert(db)
    .await
    .expect("professional");
    let mut e: enrolment::ActiveModel = model.into();
    e.id = NotSet;
    e.programme_id = Set(old.id);
    e.professional_id = Set(p.id);
    e.status = Set(status.into());
    e.group_id = Set(None);
    e.waitlist_position = Set(None);
    e.trained_on = Set((status == "trained").then(|| today - Duration::days(days + 10)));
    e.insert(db).await.expect("enrolment");
    p.id
}

async fn purge_removes_exactly_what_is_due(app: TestApp) {
    let bel = app.token("bel@demo.local").await;
    // Notes of follow-up sessions go after 30 days (kept by default).
    let mut settings = expect_json(app.get("/api/v1/privacy/retention", Some(&bel)).await, 200).await["settings"].clone();
    assert_eq!(settings, json!({"mail_body_days": 90, "login_attempt_days": 30, "token_days": 30, "evaluation_link_days": 90, "audit_days": 730, "session_notes_days": null, "untrained_days": 730}));
    settings["session_notes_days"] = json!(30);
    expect_json(app.put_json("/api/v1/privacy/retention", Some(&bel), &settings).await, 200).await;
    // What the demo holds that is already due goes first.
    purge_due(&app.state).await.expect("first purge");
    let logged = app.count("purge_log").await;
    let now = app.state.settings.clock.now();
    let ago = |days: i64| now - Duration::days(days);

    for (days, state) in [(91, "sent"), (89, "sent"), (100, "failed"), (200, "pending")] {
        mail(&app, days, state).await;
    }
    for days in [31, 29] {
        login_attempt::ActiveModel { key: Set("acct:iemand@example.org".into()), at: Set(ago(days)), ..Default::default() }.insert(&app.state.db).await.expect("attempt");
    }
    let user = app.id_of("SELECT id FROM users WHERE email = 'gemeente.venlo@demo.local'").await;
    // Used a month ago, expired a month ago, used last week, still valid.
    for (n, used, expires) in [(1, Some(ago(31)), ago(30)), (2, None, ago(31)), (3, Some(ago(7)), ago(6)), (4, None, now + Duration::days(3))] {
        one_time_token::ActiveModel {
            user_id: Set(user),
            purpose: Set("reset".into()),
            token_hash: Set(format!("privacy-test-{n}")),
            expires_at: Set(expires),
            used_at: Set(used),
            created_at: Set(expires - Duration::days(7)),
            ..Default::default()
        }
        .insert(&app.state.db)
        .await
        .expect("token");
    }
    // One link per enrolment: two enrolments without one.
    let group = app.id_of("SELECT MIN(id) FROM training_groups").await;
    let free = "FROM enrolments WHERE id NOT IN (SELECT enrolment_id FROM evaluation_invites)";
    let enrolments = [app.id_of(&format!("SELECT MIN(id) {free}")).await, app.id_of(&format!("SELECT MAX(id) {free}")).await];
    assert_ne!(enrolments[0], enrolments[1]);
    for (n, (days, enrolment)) in [91, 89].into_iter().zip(enrolments).enumerate() {
        evaluation_invite::ActiveModel { group_id: Set(group), enrolment_id: Set(enrolment), token_hash: Set(format!("privacy-eval-{n}")), sent_at: Set(ago(days)), used_at: Set(None), ..Default::default() }
            .insert(&app.state.db)
            .await
            .expect("invite");
    }
    for days in [731, 729] {
        audit_log::ActiveModel { at: Set(ago(days)), actor_id: Set(None), action: Set("test.old".into()), subject: Set("test".into()), detail: Set(None), ..Default::default() }
            .insert(&app.state.db)
            .await
            .expect("audit");
    }
    let today = app.state.settings.clock.today();
    let sessions: Vec<i64> = {
        let first = app.id_of("SELECT MIN(id) FROM followup_sessions").await;
        let last = app.id_of("SELECT MAX(id) FROM followup_sessions").await;
        assert_ne!(first, last, "the demo has follow-up sessions");
        vec![first, last]
    };
    for (id, days) in sessions.iter().zip([31, 29]) {
        app.exec(&format!("UPDATE followup_sessions SET notes = 'Casus van mevrouw X besproken', day = '{}' WHERE id = {id}", today - Duration::days(days))).await;
    }
    // Never trained, the programme ended 731 days ago: erased; 729 days: not
    // yet; trained in it, or trained before the programme: kept.
    let gone = old_enrolment(&app, 731, "withdrawn", false).await;
    let next = old_enrolment(&app, 729, "not_completed", false).await;
    let trained = old_enrolment(&app, 731, "trained", false).await;
    let before_programme = old_enrolment(&app, 731, "rejected", true).await;

    let before = counts(&app).await;
    let purged = purge_due(&app.state).await.expect("purge");
    let after = counts(&app).await;
    // Two mail bodies (sent 91, failed 100 days ago), one attempt, two tokens,
    // one evaluation link, one audit entry, one session's notes, one person never trained.
    let due = [2, 1, 2, 1, 1, 1, 1];
    for (i, kind) in ["mail_body", "login_attempt", "token", "evaluation_link", "audit", "session_notes", "untrained"].iter().enumerate() {
        assert_eq!(before[i] - after[i], due[i], "{kind}: before {before:?}, after {after:?}");
        let rows: i64 = app.scalar(&format!("SELECT CAST(COALESCE(SUM(\"rows\"), 0) AS BIGINT) FROM purge_log WHERE kind = '{kind}' AND id > {logged}")).await;
        assert_eq!(rows, due[i], "{kind} recorded");
    }
    assert_eq!(purged, 9);
    let erased = |id: i64| professional::Entity::find().filter(professional::Column::Id.eq(id)).one(&app.state.db);
    let p = erased(gone).await.expect("read").expect("still there");
    assert!(p.erased_at.is_some() && p.name == format!("Verwijderd #{gone}"), "{p:?}");
    // The enrolment stays for the figures.
    assert_eq!(app.scalar::<i64>(&format!("SELECT COUNT(*) FROM enrolments WHERE professional_id = {gone}")).await, 1);
    for id in [next, trained, before_programme] {
        assert!(erased(id).await.expect("read").expect("there").erased_at.is_none(), "{id} kept");
    }
    // The mails' rows stay: to whom, what, when.
    assert_eq!(app.scalar::<i64>("SELECT COUNT(*) FROM email_outbox WHERE template = 'test'").await, 4);
    assert_eq!(app.db_text("SELECT subject FROM email_outbox WHERE template = 'test' AND failed_at IS NOT NULL").await, "Onderwerp");
    // The record holds no data: kind, count, time.
    let record = expect_json(app.get("/api/v1/privacy/retention", Some(&bel)).await, 200).await;
    let purges = record["purges"].as_array().expect("purges");
    assert!(purges.iter().any(|p| p["kind"] == "token" && p["rows"] == 2), "{record}");

    // Nothing twice; and two days on, what has come due.
    assert_eq!(purge_due(&app.state).await.expect("again"), 0);
    assert_eq!(counts(&app).await, after);
    app.state.settings.clock.advance(Duration::days(2));
    let later = purge_due(&app.state).await.expect("two days on");
    let moved = counts(&app).await;
    assert_eq!([after[0] - moved[0], after[1] - moved[1], after[3] - moved[3], after[4] - moved[4], after[5] - moved[5], after[6] - moved[6]], [1, 1, 1, 1, 1, 1], "{after:?} → {moved:?}");
    assert!(erased(next).await.expect("read").expect("there").erased_at.is_some());
    assert!(later >= 6, "{later}");
    // The job runner purges as one of its steps.
    app.state.settings.clock.advance(Duration::days(400));
    assert!(va_backend::jobs::tick(&app.state).await.expect("tick").purged > 0);
}

async fn retention_periods_are_bels_and_keep_their_floors(app: TestApp) {
    let bel = app.token("bel@demo.local").await;
    let ok = json!({"mail_body_days": 60, "login_attempt_days": 14, "token_days": 7, "evaluation_link_days": 45, "audit_days": 1095, "session_notes_days": 365, "untrained_days": 365});
    let saved = expect_json(app.put_json("/api/v1/privacy/retention", Some(&bel), &ok).await, 200).await;
    assert_eq!(saved["settings"], ok);
    assert_eq!(expect_json(app.get("/api/v1/privacy/retention", Some(&bel)).await, 200).await["settings"], ok);
    assert_eq!(app.scalar::<i64>("SELECT COUNT(*) FROM audit_log WHERE action = 'privacy.retention_changed'").await, 1);
    for (field, value) in [("mail_body_days", json!(6)), ("audit_days", json!(364)), ("evaluation_link_days", json!(29)), ("token_days", json!(0)), ("session_notes_days", json!(3651)), ("login_attempt_days", json!(-5)), ("untrained_days", json!(89))] {
        let mut bad = ok.clone();
        bad[field] = value;
        let body = expect_json(app.put_json("/api/v1/privacy/retention", Some(&bel), &bad).await, 422).await;
        assert_eq!(body["errors"][0]["field"], field, "{body}");
        assert_eq!(body["errors"][0]["code"], "out_of_range", "{body}");
    }
    // Nothing was lost by the refusals.
    assert_eq!(expect_json(app.get("/api/v1/privacy/retention", Some(&bel)).await, 200).await["settings"], ok);
    // Out of the integer's range, or an unknown field: 400.
    let mut huge = ok.clone();
    huge["audit_days"] = json!(1u64 << 40);
    expect_json(app.put_json("/api/v1/privacy/retention", Some(&bel), &huge).await, 400).await;
    let mut extra = ok.clone();
    extra["forever"] = json!(true);
    expect_json(app.put_json("/api/v1/privacy/retention", Some(&bel), &extra).await, 400).await;
    // BEL's alone.
    for who in ["ambassadeur.noord@demo.local", "gemeente.venlo@demo.local", "trainer@demo.local"] {
        let token = app.token(who).await;
        expect_json(app.get("/api/v1/privacy/retention", Some(&token)).await, 403).await;
        expect_json(app.put_json("/api/v1/privacy/retention", Some(&token), &ok).await, 403).await;
    }
}

/// The demo with its activity (enrolments, follow-up sessions), without a mail sender.
fn with_activity(s: &mut va_backend::config::Settings) {
    va_tests::no_mail_sender(s);
    s.demo_activity = true;
}

db_tests!(tweak crate::privacy::with_activity; purge_removes_exactly_what_is_due);
db_tests!(tweak va_tests::no_mail_sender; retention_periods_are_bels_and_keep_their_floors);

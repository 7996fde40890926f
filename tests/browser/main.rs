//! Browser tests: headless Chromium against the real server (SQLite) and the built SPA.


/// All browser tests live in `chromium::`, so a run without a browser can leave them out by name.
mod chromium {
use fantoccini::Locator;
use va_tests::browser::Browser;
use va_tests::{spawn_app, Backend, TestApp, DEMO_PASSWORD};

async fn setup() -> Option<(TestApp, Browser)> {
    let browser = Browser::start().await?;
    let app = spawn_app(Backend::Sqlite).await.expect("app");
    Some((app, browser))
}

async fn log_in(app: &TestApp, b: &Browser, email: &str, password: &str) {
    b.client.goto(&app.url("/")).await.expect("goto");
    b.wait_path("/inloggen").await;
    b.find("#email").await.send_keys(email).await.expect("type email");
    b.find("#password").await.send_keys(password).await.expect("type password");
    b.find("[data-testid=login-submit]").await.click().await.expect("submit");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bel_coordinator_logs_in_and_sees_the_bel_start_page() {
    let Some((app, b)) = setup().await else { return };
    log_in(&app, &b, "bel@demo.local", DEMO_PASSWORD).await;
    b.wait_path("/bel").await;
    b.wait_text("[data-testid=start-title]", "BEL-coördinator").await;
    b.wait_text("[data-testid=groups-summary]", "128").await;
    b.wait_text("main", "Groep 8 - bovenregionaal").await;
    b.wait_text("[data-testid=current-user]", "Ingrid Janssen").await;
    // The year's money: spent (days that took place) and committed (still to come).
    b.wait_text("[data-testid=cost-summary]", "Uitgegeven").await;
    b.wait_text("[data-testid=costs]", "Trainersdagen").await;
    let lang = b.client.execute("return document.documentElement.lang", vec![]).await.expect("js");
    assert_eq!(lang, "nl");
    b.screenshot("bel-start").await;

    // The session survives a reload.
    b.client.refresh().await.expect("reload");
    b.wait_text("[data-testid=start-title]", "BEL-coördinator").await;
    b.wait_path("/bel").await;
    // No script can read the token: not in storage, and the cookie is HttpOnly.
    let stored = b.client.execute("return window.localStorage.getItem('va-planner.session') || ''", vec![]).await.expect("js");
    assert!(stored.as_str().is_some_and(|s| s.contains("Ingrid") && !s.contains("eyJ")), "{stored}");
    let cookies = b.client.execute("return document.cookie", vec![]).await.expect("js");
    assert!(!cookies.to_string().contains("va_session"), "{cookies}");

    // English on request, and back.
    b.find(".va-lang").await.click().await.expect("switch");
    b.wait_text("[data-testid=start-title]", "Home — BEL coordinator").await;
    b.find(".va-lang").await.click().await.expect("switch back");
    b.wait_text("[data-testid=start-title]", "Start — BEL-coördinator").await;
    b.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_wrong_password_shows_a_dutch_error() {
    let Some((app, b)) = setup().await else { return };
    log_in(&app, &b, "bel@demo.local", "helemaal-fout").await;
    let text = b.wait_text("[data-testid=error]", "E-mailadres of wachtwoord klopt niet.").await;
    assert!(text.contains("klopt niet"));
    b.wait_path("/inloggen").await;
    // The password field is emptied, the email kept.
    let pw = b.find("#password").await.prop("value").await.expect("prop");
    assert_eq!(pw.as_deref(), Some(""));
    b.screenshot("login-error").await;
    b.close().await;
}

async fn wait_title(b: &Browser, want: &str) {
    let mut seen = serde_json::Value::Null;
    for _ in 0..50 {
        seen = b.client.execute("return document.title", vec![]).await.expect("js");
        if seen == want {
            return;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    panic!("title {seen}, wanted {want}");
}

/// A link into the planner (from a mail, a bookmark) leads there after login;
/// every page has a title of its own; the 404 page leads home.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_deep_link_survives_login_and_every_page_has_its_title() {
    let Some((app, b)) = setup().await else { return };
    b.client.goto(&app.url("/monitoring/uitvraag")).await.expect("goto");
    b.wait_path("/inloggen").await;
    let url = b.client.current_url().await.expect("url");
    assert_eq!(url.query(), Some("terug=%2Fmonitoring%2Fuitvraag"), "{url}");
    wait_title(&b, "Inloggen · VA-trainingsplanner").await;
    b.find("#email").await.send_keys("ambassadeur.noord@demo.local").await.expect("type email");
    b.find("#password").await.send_keys(DEMO_PASSWORD).await.expect("type password");
    b.find("[data-testid=login-submit]").await.click().await.expect("submit");
    b.wait_path("/monitoring/uitvraag").await;
    wait_title(&b, "Jaarlijkse uitvraag · VA-trainingsplanner").await;
    b.client.goto(&app.url("/nergens")).await.expect("goto");
    wait_title(&b, "Pagina niet gevonden · VA-trainingsplanner").await;
    b.find("[data-testid=notfound-home]").await.click().await.expect("home");
    b.wait_path("/ambassadeur").await;
    wait_title(&b, "Start · VA-trainingsplanner").await;
    // A link elsewhere is not followed after login.
    for elsewhere in ["%2F%2Fevil.test%2F", "%2F%5Cevil.test"] {
        b.client.goto(&app.url(&format!("/inloggen?terug={elsewhere}"))).await.expect("goto");
        b.wait_path("/ambassadeur").await;
        assert_eq!(b.client.current_url().await.expect("url").host_str(), Some("127.0.0.1"), "{elsewhere}");
    }
    b.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn logout_ends_the_session() {
    let Some((app, b)) = setup().await else { return };
    log_in(&app, &b, "ambassadeur.zuid@demo.local", DEMO_PASSWORD).await;
    b.wait_path("/ambassadeur").await;
    b.wait_text("[data-testid=scope]", "Zuid-Limburg").await;
    b.wait_text("table", "Maastricht").await;
    b.find("[data-testid=logout]").await.click().await.expect("logout");
    b.wait_path("/inloggen").await;
    let stored = b.client.execute("return window.localStorage.getItem('va-planner.session')", vec![]).await.expect("js");
    assert!(stored.is_null(), "session removed: {stored}");
    // The server's cookie is gone too: the browser's own call is no longer anyone's.
    let status = b.client.execute_async("fetch('/api/v1/auth/me').then(r => arguments[0](r.status))", vec![]).await.expect("js");
    assert_eq!(status, serde_json::json!(401));
    // Protected pages now send the visitor to the login page, also after a reload.
    b.client.goto(&app.url("/ambassadeur")).await.expect("goto");
    b.wait_path("/inloggen").await;
    assert!(b.client.find(Locator::Css("[data-testid=logout]")).await.is_err());
    b.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn each_role_lands_on_its_own_start_page() {
    let Some((app, b)) = setup().await else { return };
    for (email, path, title, content) in [
        ("gemeente.venlo@demo.local", "/organisatie", "contactpersoon", "Sanne Willems"),
        ("trainer@demo.local", "/trainer", "trainer", "Groep 1 - Zuid-Limburg"),
        ("ambassadeur.noord@demo.local", "/ambassadeur", "VA-ambassadeur", "Venlo"),
    ] {
        log_in(&app, &b, email, DEMO_PASSWORD).await;
        b.wait_path(path).await;
        b.wait_text("[data-testid=start-title]", title).await;
        b.wait_text("main", content).await;
        b.screenshot(&format!("start-{}", path.trim_start_matches('/'))).await;
        // Another role's page is not shown to this role.
        if path != "/trainer" {
            b.client.goto(&app.url("/trainer")).await.expect("goto");
            b.wait_text("main", "niet voor uw rol").await;
        }
        b.find("[data-testid=logout]").await.click().await.expect("logout");
        b.wait_path("/inloggen").await;
    }
    b.close().await;
}

/// The wasm this page runs (its name, without the hash).
async fn bundle(b: &Browser) -> String {
    let names = b
        .client
        .execute("return performance.getEntriesByType('resource').map(e => e.name).filter(n => n.endsWith('.wasm'))", vec![])
        .await
        .expect("js");
    let names: Vec<String> = serde_json::from_value(names).expect("names");
    assert_eq!(names.len(), 1, "one wasm per page: {names:?}");
    names[0].rsplit('/').next().and_then(|n| n.split('.').next()).unwrap_or_default().to_string()
}

/// Each role runs the bundle with its pages; when someone else logs in in the
/// same tab, a page their bundle lacks comes with their own bundle (the whole
/// app has every page, so after BEL a reload brings the role's own); a page of
/// another role's bundle gets the explanation a wrong role gets, an unknown
/// page "not found".
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn each_role_runs_its_own_bundle_and_the_next_login_brings_its_own() {
    let Some((app, b)) = setup().await else { return };
    b.client.goto(&app.url("/inloggen")).await.expect("goto");
    b.wait_path("/inloggen").await;
    assert_eq!(bundle(&b).await, "va_login_bg");
    for (email, path, title, running, own) in [
        ("trainer@demo.local", "/trainer", "trainer", "va_trainer_bg", "va_trainer_bg"),
        ("bel@demo.local", "/bel", "BEL-coördinator", "va_frontend_bg", "va_frontend_bg"),
        ("gemeente.venlo@demo.local", "/organisatie", "contactpersoon", "va_frontend_bg", "va_partner_bg"),
        ("ambassadeur.noord@demo.local", "/ambassadeur", "VA-ambassadeur", "va_partner_bg", "va_partner_bg"),
        ("trainer@demo.local", "/trainer", "trainer", "va_trainer_bg", "va_trainer_bg"),
    ] {
        // Logging in where the last one logged out, as someone in the same tab would.
        b.wait_path("/inloggen").await;
        b.find("#email").await.send_keys(email).await.expect("type email");
        b.find("#password").await.send_keys(DEMO_PASSWORD).await.expect("type password");
        b.find("[data-testid=login-submit]").await.click().await.expect("submit");
        b.wait_path(path).await;
        b.wait_text("[data-testid=start-title]", title).await;
        assert_eq!(bundle(&b).await, running, "{email}");
        b.client.refresh().await.expect("reload");
        b.wait_text("[data-testid=start-title]", title).await;
        assert_eq!(bundle(&b).await, own, "{email} after a reload");
        b.find("[data-testid=logout]").await.click().await.expect("logout");
    }
    b.wait_path("/inloggen").await;
    log_in(&app, &b, "gemeente.venlo@demo.local", DEMO_PASSWORD).await;
    b.wait_path("/organisatie").await;
    for page in ["/bel/plaatsing", "/trainer/groepen/1"] {
        b.client.goto(&app.url(page)).await.expect("goto");
        b.wait_text("main", "niet voor uw rol").await;
        assert_eq!(bundle(&b).await, "va_partner_bg", "{page}");
    }
    b.client.goto(&app.url("/nergens")).await.expect("goto");
    b.wait_text("main", "Pagina niet gevonden").await;
    // A deep link into another bundle's page survives logging in.
    b.find("[data-testid=logout]").await.click().await.expect("logout");
    b.client.goto(&app.url("/nazorg")).await.expect("goto");
    b.wait_path("/inloggen").await;
    b.find("#email").await.send_keys("trainer@demo.local").await.expect("type email");
    b.find("#password").await.send_keys(DEMO_PASSWORD).await.expect("type password");
    b.find("[data-testid=login-submit]").await.click().await.expect("submit");
    b.wait_path("/nazorg").await;
    wait_title(&b, "Nazorg · VA-trainingsplanner").await;
    assert_eq!(bundle(&b).await, "va_trainer_bg");
    b.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bel_invites_a_contact_who_sets_a_password_and_logs_in() {
    let Some((app, b)) = setup().await else { return };
    log_in(&app, &b, "bel@demo.local", DEMO_PASSWORD).await;
    b.wait_path("/bel").await;
    b.find("a[href='/bel/gebruikers']").await.click().await.expect("menu");
    b.wait_path("/bel/gebruikers").await;
    b.wait_text("[data-testid=users-table]", "Ingrid Janssen").await;
    // Focus moved to the content after the navigation.
    let focused = b.client.execute("return document.activeElement && document.activeElement.id", vec![]).await.expect("js");
    assert_eq!(focused, "inhoud");

    // A bad email is refused field by field, in Dutch.
    b.find("#inv-name").await.send_keys("Pieter Peeters").await.expect("type");
    b.find("#inv-email").await.send_keys("geen-adres").await.expect("type");
    b.find("[data-testid=invite-submit]").await.click().await.expect("submit");
    b.wait_text("#inv-email-err", "Geen geldig e-mailadres.").await;
    let users_before = app.count("users").await;

    b.find("#inv-email").await.clear().await.expect("clear");
    b.find("#inv-email").await.send_keys("p.peeters@venray.nl").await.expect("type");
    b.find("#inv-org").await.select_by_label("Venray").await.expect("select org");
    b.find("[data-testid=invite-submit]").await.click().await.expect("submit");
    b.wait_text("[data-testid=invite-ok]", "p.peeters@venray.nl").await;
    b.wait_text("[data-testid=users-table]", "Uitgenodigd").await;
    assert_eq!(app.count("users").await, users_before + 1);
    b.screenshot("bel-users").await;
    b.find("[data-testid=logout]").await.click().await.expect("logout");

    // The invitee follows the link from the email.
    let token = va_tests::token_from_mail(&app.wait_for_mail("p.peeters@venray.nl").await);
    b.client.goto(&app.url(&format!("/wachtwoord-instellen?token={token}"))).await.expect("goto");
    b.find("#new-password").await.send_keys("venray-wachtwoord-1").await.expect("type");
    b.find("#repeat-password").await.send_keys("venray-wachtwoord-1").await.expect("type");
    b.find("button[type=submit]").await.click().await.expect("submit");
    b.wait_text("main", "Uw wachtwoord is ingesteld").await;
    b.screenshot("set-password-done").await;

    log_in(&app, &b, "p.peeters@venray.nl", "venray-wachtwoord-1").await;
    b.wait_path("/organisatie").await;
    b.wait_text("[data-testid=scope]", "Venray").await;
    b.close().await;
}


async fn log_out(b: &Browser) {
    b.find("[data-testid=logout]").await.click().await.expect("logout");
    b.wait_path("/inloggen").await;
}

/// The whole path: a municipality submits two professionals, the ambassador
/// approves one and rejects one with a reason, BEL places the approved one,
/// and the contact sees "Geplaatst" and the reason; the emails are in the outbox.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_request_travels_from_municipality_through_ambassador_to_a_seat() {
    let Some((app, b)) = setup().await else { return };
    log_in(&app, &b, "gemeente.venlo@demo.local", DEMO_PASSWORD).await;
    b.wait_path("/organisatie").await;
    b.find("[data-testid=new-request]").await.click().await.expect("new request");
    b.wait_path("/organisatie/aanmelden").await;
    b.find("#p0-name").await.send_keys("Sanne Willems").await.expect("type");
    b.find("#p0-email").await.send_keys("s.willems@venlo.demo.local").await.expect("type");
    b.find("#p0-function").await.send_keys("Medewerker toegangsteam").await.expect("type");
    b.find("#p0-ret").await.click().await.expect("check");
    b.find("#p1-name").await.send_keys("Koen Peters").await.expect("type");
    b.find("#p1-email").await.send_keys("k.peters@venlo.nl").await.expect("type");
    b.find("#preferred-period").await.select_by_index(1).await.expect("a group to start");
    b.screenshot("new-request").await;
    b.find("[data-testid=submit-request]").await.click().await.expect("submit");
    b.wait_text("[data-testid=request-status]", "In behandeling").await;
    b.wait_text("[data-testid=enrolments]", "Koen Peters").await;
    log_out(&b).await;

    log_in(&app, &b, "ambassadeur.noord@demo.local", DEMO_PASSWORD).await;
    b.wait_path("/ambassadeur").await;
    b.wait_text("[data-testid=inbox]", "Venlo").await;
    b.find("[data-testid=inbox] a").await.click().await.expect("open request");
    b.wait_text("[data-testid=enrolments]", "Sanne Willems").await;
    b.find("[data-testid=decide]").await.click().await.expect("decide");
    b.find("[data-testid='dec.approve']").await.click().await.expect("approve");
    b.find("[data-testid=confirm]").await.click().await.expect("confirm");
    b.wait_text("[data-testid=enrolments]", "Goedgekeurd").await;
    b.find("[data-testid=decide]").await.click().await.expect("decide second");
    b.find("[data-testid='dec.reject']").await.click().await.expect("reject");
    b.find("[data-testid=reason]").await.send_keys("Werkt niet met RET- of UHP-casuïstiek.").await.expect("reason");
    b.screenshot("ambassador-decision").await;
    b.find("[data-testid=confirm]").await.click().await.expect("confirm");
    b.wait_text("[data-testid=enrolments]", "Afgewezen").await;
    b.wait_text("[data-testid=request-status]", "Besloten").await;
    log_out(&b).await;

    log_in(&app, &b, "bel@demo.local", DEMO_PASSWORD).await;
    b.wait_path("/bel").await;
    b.find("a[href='/bel/plaatsing']").await.click().await.expect("menu");
    b.wait_text("[data-testid=queue]", "Sanne Willems").await;
    let g5 = app.id_of("SELECT id FROM training_groups WHERE name LIKE 'Groep 5%'").await;
    b.find("[data-testid=queue] [data-testid=group-select]").await.select_by_value(&g5.to_string()).await.expect("select group");
    b.find("[data-testid=queue] [data-testid=allocate]").await.click().await.expect("allocate");
    b.wait_text("[data-testid=board-summary]", "1 / 128").await;
    b.wait_text("[data-testid=queue]", "Niemand").await;
    b.screenshot("seat-board").await;
    b.find(&format!("a[href='/bel/groepen/{g5}']")).await.click().await.expect("group page");
    b.wait_text("[data-testid=participants]", "Sanne Willems").await;
    b.screenshot("group-page").await;
    log_out(&b).await;

    log_in(&app, &b, "gemeente.venlo@demo.local", DEMO_PASSWORD).await;
    b.wait_path("/organisatie").await;
    b.find("[data-testid=requests] a").await.click().await.expect("open request");
    b.wait_text("[data-testid=enrolments]", "Geplaatst").await;
    b.wait_text("[data-testid=enrolments]", "Werkt niet met RET- of UHP-casuïstiek.").await;
    b.wait_text("[data-testid=timeline]", "Afgewezen").await;
    b.screenshot("request-contact").await;
    for (to, template) in [
        ("ambassadeur.noord@demo.local", "request_submitted"),
        ("gemeente.venlo@demo.local", "enrolment_decided"),
        ("s.willems@venlo.demo.local", "placed_professional"),
        ("gemeente.venlo@demo.local", "placed_contact"),
    ] {
        let n = app.id_of(&format!("SELECT COUNT(*) FROM email_outbox WHERE to_addr = '{to}' AND template = '{template}'")).await;
        assert!(n >= 1, "no {template} mail to {to}");
    }
    b.close().await;
}

/// A returned professional is completed and resubmitted in the browser; BEL
/// then moves the placed professional to another group on the group page.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_returned_professional_is_completed_and_bel_moves_a_participant() {
    let Some((app, b)) = setup().await else { return };
    let prog = app.id_of("SELECT id FROM programmes").await;
    let gi = app.token("gi@demo.local").await;
    let bel = app.token("bel@demo.local").await;
    let view: serde_json::Value = app
        .post_json("/api/v1/requests", Some(&gi), &serde_json::json!({"programme_id": prog, "submit": true,
            "professionals": [{"name": "Daan Hermans", "email": "d.hermans@bjzl.demo.local"}]}))
        .await
        .json()
        .await
        .expect("json");
    let (req, daan) = (view["id"].as_i64().expect("id"), view["enrolments"][0]["id"].as_i64().expect("id"));
    let res = app
        .post_json(&format!("/api/v1/enrolments/{daan}/decision"), Some(&bel), &serde_json::json!({"decision": "return", "reason": "Vul de functie aan."}))
        .await;
    assert_eq!(res.status(), 200);

    log_in(&app, &b, "gi@demo.local", DEMO_PASSWORD).await;
    b.wait_path("/organisatie").await;
    b.client.goto(&app.url(&format!("/aanmeldingen/{req}"))).await.expect("goto");
    b.wait_text("[data-testid=enrolments]", "Vul de functie aan.").await;
    b.find("[data-testid=edit]").await.click().await.expect("edit");
    b.find(&format!("#edit-function-{daan}")).await.send_keys("Jeugdbeschermer").await.expect("type");
    b.find("[data-testid=confirm]").await.click().await.expect("save");
    b.wait_text("[data-testid=enrolments]", "Jeugdbeschermer").await;
    b.find("[data-testid=submit-request]").await.click().await.expect("resubmit");
    b.wait_text("[data-testid=request-status]", "In behandeling").await;
    log_out(&b).await;

    let g5 = app.id_of("SELECT id FROM training_groups WHERE name LIKE 'Groep 5%'").await;
    let g6 = app.id_of("SELECT id FROM training_groups WHERE name LIKE 'Groep 6%'").await;
    assert_eq!(app.post_json(&format!("/api/v1/enrolments/{daan}/decision"), Some(&bel), &serde_json::json!({"decision": "approve"})).await.status(), 200);
    assert_eq!(app.post_json(&format!("/api/v1/enrolments/{daan}/allocate"), Some(&bel), &serde_json::json!({"group_id": g5})).await.status(), 200);

    log_in(&app, &b, "bel@demo.local", DEMO_PASSWORD).await;
    b.wait_path("/bel").await;
    b.client.goto(&app.url(&format!("/bel/groepen/{g5}"))).await.expect("goto");
    b.wait_text("[data-testid=participants]", "Daan Hermans").await;
    b.find(&format!("#move-{daan}")).await.select_by_value(&g6.to_string()).await.expect("select");
    b.find("[data-testid=move]").await.click().await.expect("move");
    b.wait_text("main", "Nog geen deelnemers").await;
    let (t5, t6) = (
        app.id_of(&format!("SELECT CAST(seats_taken AS BIGINT) FROM training_groups WHERE id = {g5}")).await,
        app.id_of(&format!("SELECT CAST(seats_taken AS BIGINT) FROM training_groups WHERE id = {g6}")).await,
    );
    assert_eq!((t5, t6), (0, 1));
    b.close().await;
}

/// The ambassador conducts the readiness-check interview and completes it; the
/// follow-up activities then appear on the organisation's page.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_ambassador_conducts_a_readiness_interview_and_the_follow_ups_reach_the_organisation() {
    let Some((app, b)) = setup().await else { return };
    let prog = app.id_of("SELECT id FROM programmes").await;
    let venlo = app.token("gemeente.venlo@demo.local").await;
    let req: serde_json::Value = app
        .post_json("/api/v1/requests", Some(&venlo), &serde_json::json!({"programme_id": prog, "submit": true,
            "professionals": [{"name": "Sanne Willems", "email": "s.willems@venlo.demo.local"}]}))
        .await
        .json()
        .await
        .expect("json");
    let check = req["readiness_check"]["id"].as_i64().expect("check attached");
    let noord = app.token("ambassadeur.noord@demo.local").await;
    let view: serde_json::Value = app.get(&format!("/api/v1/readiness/checks/{check}"), Some(&noord)).await.json().await.expect("json");
    let item = |code: &str| view["items"].as_array().expect("items").iter().find(|i| i["code"] == code).expect("item")["id"].as_i64().expect("id");

    log_in(&app, &b, "ambassadeur.noord@demo.local", DEMO_PASSWORD).await;
    b.wait_path("/ambassadeur").await;
    b.find("a[href='/readiness']").await.click().await.expect("menu");
    b.wait_text("[data-testid=checks]", "Venlo").await;
    b.find(&format!("[data-testid=checks] a[href='/readiness/{check}']")).await.click().await.expect("open");
    b.wait_text("[data-testid=check-title]", "Venlo").await;
    for (code, answer) in [("wp.toegang", "in_place"), ("wp.ret_uhp", "not_yet"), ("beg.supervisie", "in_progress"), ("bo.bestuur", "in_place")] {
        b.find(&format!("#a-{}-{answer}", item(code))).await.click().await.expect("answer");
        b.wait_text("[data-testid=saved]", "Opgeslagen").await;
    }
    b.find(&format!("#n-{}", item("wp.ret_uhp"))).await.send_keys("RET-casussen nog zonder VA").await.expect("note");
    b.find("#rc-summary").await.send_keys("Venlo is goed op weg; RET-casussen en supervisie vragen aandacht.").await.expect("summary");
    // The note is saved when the field is left.
    b.find("[data-testid=propose]").await.click().await.expect("propose");
    b.wait_text("main", "Activiteit").await;
    let rows = b.client.find_all(Locator::Css("[data-testid=followup-row]")).await.expect("rows");
    assert_eq!(rows.len(), 2, "one proposal per item not in place");
    b.screenshot("readiness-interview").await;
    b.find("[data-testid=complete]").await.click().await.expect("complete");
    b.wait_text("[data-testid=check-status]", "Afgerond").await;
    b.wait_text("[data-testid=followups]", "RET-casussen nog zonder VA").await;
    b.screenshot("readiness-completed").await;
    let answers = app.id_of(&format!("SELECT COUNT(*) FROM readiness_answers WHERE check_id = {check}")).await;
    assert_eq!(answers, 4);
    log_out(&b).await;

    log_in(&app, &b, "gemeente.venlo@demo.local", DEMO_PASSWORD).await;
    b.wait_path("/organisatie").await;
    b.wait_text("[data-testid=followups]", "Lokale begeleiding van VA-makers").await;
    b.wait_text("[data-testid=followups]", "RET-casussen nog zonder VA").await;
    b.screenshot("org-followups").await;
    b.close().await;
}

/// BEL edits the template and publishes version 2.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bel_publishes_a_new_version_of_the_readiness_template() {
    let Some((app, b)) = setup().await else { return };
    log_in(&app, &b, "bel@demo.local", DEMO_PASSWORD).await;
    b.wait_path("/bel").await;
    b.find("a[href='/bel/vragenlijst']").await.click().await.expect("menu");
    b.wait_text("[data-testid=template-version]", "1").await;
    let rows = b.client.find_all(Locator::Css("[data-testid=template-row]")).await.expect("rows");
    assert_eq!(rows.len(), 11);
    b.find("[data-testid=add-item]").await.click().await.expect("add");
    b.find("#t-11-s").await.send_keys("Borging").await.expect("type");
    b.find("#t-11-c").await.send_keys("bo.jim").await.expect("type");
    b.find("#t-11-t").await.send_keys("Deelname aan de JIM-pilot").await.expect("type");
    b.screenshot("template-editor").await;
    b.find("[data-testid=publish]").await.click().await.expect("publish");
    b.wait_text("[data-testid=template-version]", "2").await;
    let items = app.id_of("SELECT COUNT(*) FROM readiness_items i JOIN readiness_templates t ON t.id = i.template_id WHERE t.version = 2").await;
    assert_eq!(items, 12);
    // The programme settings: the placement gate on.
    b.find("#readiness-gate").await.click().await.expect("gate");
    b.find("[data-testid=save-settings]").await.click().await.expect("save");
    b.wait_text("main", "Opgeslagen.").await;
    let gate = app.id_of("SELECT CASE WHEN readiness_gate THEN 1 ELSE 0 END FROM programmes").await;
    assert_eq!(gate, 1);
    b.close().await;
}

/// With the demo activity every role's screens show real data.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_demo_activity_shows_on_each_roles_screens() {
    let Some(b) = Browser::start().await else { return };
    let app = va_tests::spawn_app_with(Backend::Sqlite, |s| s.demo_activity = true).await.expect("app");
    log_in(&app, &b, "bel@demo.local", DEMO_PASSWORD).await;
    b.wait_path("/bel").await;
    // The start page says what waits: people without a seat, offers running.
    b.wait_text("[data-testid=pending-work]", "op de wachtlijst").await;
    b.wait_text("[data-testid=pending-work]", "aanbieding").await;
    b.find("a[href='/bel/plaatsing']").await.click().await.expect("menu");
    b.wait_text("[data-testid=queue]", "Daan Hermans").await;
    b.wait_text("[data-testid=board-summary]", "47 / 115").await;
    b.screenshot("demo-bel-board").await;
    // Plaatsing and Wachtlijst count the same people as waiting.
    let waiting = b.find("[data-testid=board-waiting]").await.text().await.expect("text");
    b.find("a[href='/bel/wachtlijst']").await.click().await.expect("menu");
    let summary = b.wait_text("[data-testid=wl-summary]", "op de wachtlijst").await;
    assert!(summary.starts_with(&format!("{waiting} op de wachtlijst")), "Plaatsing: {waiting}; Wachtlijst: {summary}");
    log_out(&b).await;

    log_in(&app, &b, "ambassadeur.zuid@demo.local", DEMO_PASSWORD).await;
    b.wait_path("/ambassadeur").await;
    b.wait_text("main", "Maastricht").await;
    b.find("a[href='/readiness']").await.click().await.expect("menu");
    b.wait_text("[data-testid=matrix]", "Op orde").await;
    b.screenshot("demo-readiness-overview").await;
    log_out(&b).await;

    log_in(&app, &b, "gemeente.maastricht@demo.local", DEMO_PASSWORD).await;
    b.wait_path("/organisatie").await;
    b.wait_text("[data-testid=followups]", "Lokale begeleiding").await;
    // Maastricht may still name a substitute for Lotte, and sees its waiting professionals.
    b.wait_text("[data-testid=substitutions]", "Lotte Janssen").await;
    b.wait_text("[data-testid=my-waitlist]", "op de wachtlijst").await;
    b.screenshot_full("demo-contact-waitlist").await;
    // The oldest request holds the placement and the returned professional.
    b.find("[data-testid=requests] a").await;
    let links = b.client.find_all(Locator::Css("[data-testid=requests] a")).await.expect("links");
    links.last().expect("a request").click().await.expect("open");
    b.wait_text("[data-testid=enrolments]", "Geplaatst").await;
    b.wait_text("[data-testid=enrolments]", "Teruggestuurd").await;
    b.screenshot("demo-contact-request").await;
    log_out(&b).await;

    // BEL's waiting-list board: the open offer, the substitution window and the proposal.
    log_in(&app, &b, "bel@demo.local", DEMO_PASSWORD).await;
    b.wait_path("/bel").await;
    b.find("a[href='/bel/wachtlijst']").await.click().await.expect("menu");
    b.wait_text("[data-testid=board-offers]", "Daan Hermans").await;
    b.wait_text("[data-testid=proposals]", "de hele wachtlijst").await;
    b.wait_text("[data-testid=proposal-cost]", "€ 12.800").await;
    b.screenshot_full("demo-bel-waitlist").await;
    b.close().await;
}

/// A placed professional withdraws, the organisation lets the seat go, and the
/// next on the list accepts by the link in the email (no account) and shows
/// up as placed; BEL sees it on the waiting-list board.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_next_on_the_list_accepts_a_freed_seat_by_link() {
    let Some((app, b)) = setup().await else { return };
    use serde_json::json;
    use va_tests::expect_json as send;
    let bel = app.token("bel@demo.local").await;
    let prog = app.id_of("SELECT id FROM programmes").await;
    let g5 = app.id_of("SELECT id FROM training_groups WHERE name LIKE 'Groep 5%'").await;
    send(app.put_json(&format!("/api/v1/groups/{g5}/capacity"), Some(&bel), &json!({"capacity": 1})).await, 200).await;
    send(app.put_json(&format!("/api/v1/programmes/{prog}/waitlist-settings"), Some(&bel), &json!({
        "offer_hours": 72, "substitution_hours": 48, "regional_quotas": false, "quota_cutoff_days": 21,
        "extra_group_threshold": 3, "cost_per_group_eur": 4000, "cost_per_trainer_day_eur": 1100, "trainer_days_per_group": 8
    })).await, 200).await;
    let venlo = app.token("gemeente.venlo@demo.local").await;
    let noord = app.token("ambassadeur.noord@demo.local").await;
    let req = send(app.post_json("/api/v1/requests", Some(&venlo), &json!({"programme_id": prog, "submit": true, "professionals": [
        {"name": "Sanne Willems", "email": "s.willems@venlo.demo.local", "function": "Medewerker toegangsteam"},
        {"name": "Bram Jacobs", "email": "b.jacobs@venlo.demo.local", "function": "Gedragswetenschapper", "works_on_ret_uhp": true},
        {"name": "Fleur Gielen", "email": "f.gielen@venlo.demo.local", "function": "Medewerker toegangsteam"}
    ]})).await, 201).await;
    let ids: Vec<i64> = req["enrolments"].as_array().expect("enrolments").iter().map(|e| e["id"].as_i64().expect("id")).collect();
    for id in &ids {
        send(app.post_json(&format!("/api/v1/enrolments/{id}/decision"), Some(&noord), &json!({"decision": "approve"})).await, 200).await;
    }
    send(app.post_json(&format!("/api/v1/enrolments/{}/allocate", ids[0]), Some(&bel), &json!({"group_id": g5})).await, 200).await;
    let gi = app.token("gi@demo.local").await;
    let gireq = send(app.post_json("/api/v1/requests", Some(&gi), &json!({"programme_id": prog, "submit": true, "professionals": [
        {"name": "Fenna Bosch", "email": "f.bosch@bjzl.demo.local", "function": "Jeugdbeschermer (GI)"},
        {"name": "Thijs Wouters", "email": "t.wouters@bjzl.demo.local", "function": "Jeugdreclasseerder (GI)"}
    ]})).await, 201).await;
    for e in gireq["enrolments"].as_array().expect("enrolments") {
        send(app.post_json(&format!("/api/v1/enrolments/{}/decision", e["id"]), Some(&bel), &json!({"decision": "approve"})).await, 200).await;
    }

    // The contact sees Bram first on the list, then withdraws Sanne on the request page.
    log_in(&app, &b, "gemeente.venlo@demo.local", DEMO_PASSWORD).await;
    b.wait_path("/organisatie").await;
    b.wait_text("[data-testid=my-waitlist]", "nr. 1 op de wachtlijst").await;
    b.wait_text("[data-testid=my-waitlist]", "Bram Jacobs").await;
    b.find("[data-testid=requests] a").await.click().await.expect("open request");
    b.wait_text("[data-testid=enrolments]", "Groep 5").await;
    b.find("[data-testid=withdraw]").await.click().await.expect("withdraw");
    b.find("[data-testid=reason]").await.send_keys("Langdurig ziek.").await.expect("reason");
    b.find("[data-testid=confirm]").await.click().await.expect("confirm");
    b.wait_text("[data-testid=enrolments]", "Ingetrokken").await;
    // Back on the start page: name a substitute, or let the seat go to the list.
    b.find("a[href='/organisatie']").await.click().await.expect("start");
    b.wait_text("[data-testid=substitutions]", "Sanne Willems").await;
    b.screenshot("waitlist-substitution").await;
    b.find("[data-testid=release]").await.click().await.expect("release");
    b.wait_text("[data-testid=my-waitlist]", "Groep 5").await;
    log_out(&b).await;

    // Bram follows the link from his email.
    let body = app.db_text("SELECT body_text FROM email_outbox WHERE template = 'waitlist_offer' AND to_addr = 'b.jacobs@venlo.demo.local'").await;
    let start = body.find("/aanbod?token=").expect("link");
    let link: String = body[start..].chars().take_while(|c| !c.is_whitespace()).collect();
    b.client.goto(&app.url(&link)).await.expect("goto");
    b.wait_text("[data-testid=offer-title]", "Groep 5 - Noord-Limburg").await;
    b.wait_text("main", "Bram Jacobs").await;
    b.wait_text("[data-testid=offer-deadline]", "tot").await;
    let accept_checked = b.find("#offer-accept").await.prop("checked").await.expect("prop");
    assert_eq!(accept_checked.as_deref(), Some("true"), "the link preselects the answer");
    b.screenshot("waitlist-offer-page").await;
    b.find("[data-testid=offer-confirm]").await.click().await.expect("confirm");
    b.wait_text("[data-testid=offer-result]", "U bent geplaatst").await;
    b.screenshot("waitlist-offer-accepted").await;
    assert_eq!(app.db_text(&format!("SELECT status FROM enrolments WHERE id = {}", ids[1])).await, "placed");

    // The contact sees Bram placed; BEL sees the accepted offer and the proposal the three Venlo approvals brought.
    log_in(&app, &b, "gemeente.venlo@demo.local", DEMO_PASSWORD).await;
    b.wait_path("/organisatie").await;
    b.find("[data-testid=requests] a").await.click().await.expect("open request");
    b.wait_text("[data-testid=enrolments]", "Geplaatst").await;
    b.wait_text("[data-testid=timeline]", "Aanbod aangenomen").await;
    log_out(&b).await;
    log_in(&app, &b, "bel@demo.local", DEMO_PASSWORD).await;
    b.wait_path("/bel").await;
    b.find("a[href='/bel/wachtlijst']").await.click().await.expect("menu");
    b.wait_text("[data-testid=board-offers]", "Aangenomen").await;
    b.wait_text("[data-testid=board-list]", "Fleur Gielen").await;
    b.wait_text("[data-testid=proposals]", "Extra groep voor Noord-Limburg").await;
    b.screenshot("waitlist-bel-board").await;
    // BEL reserves Groep 5's seat for Noord-Limburg.
    b.find("[data-testid=quotas-edit]").await.click().await.expect("edit quotas");
    let noord = b.find(&format!("#quota-{g5}-{}", app.id_of("SELECT id FROM regions WHERE code = 'noord'").await)).await;
    noord.clear().await.expect("clear");
    noord.send_keys("1").await.expect("type");
    b.find("[data-testid=quotas-save]").await.click().await.expect("save");
    b.wait_text("[data-testid=board-groups]", "1 × Noord-Limburg").await;
    assert_eq!(app.id_of(&format!("SELECT CAST(seats AS BIGINT) FROM group_quotas WHERE group_id = {g5}")).await, 1);
    b.close().await;
}

/// Venlo enrols Sanne Willems and Bram Jacobs, Noord approves, BEL places both in Groep 5.
async fn two_venlo_professionals_in_groep_5(app: &TestApp) -> (i64, Vec<i64>) {
    use serde_json::json;
    use va_tests::expect_json as send;
    let g5 = app.id_of("SELECT id FROM training_groups WHERE name LIKE 'Groep 5%'").await;
    let prog = app.id_of("SELECT id FROM programmes").await;
    let venlo = app.token("gemeente.venlo@demo.local").await;
    let noord = app.token("ambassadeur.noord@demo.local").await;
    let bel = app.token("bel@demo.local").await;
    let req = send(app.post_json("/api/v1/requests", Some(&venlo), &json!({"programme_id": prog, "submit": true, "professionals": [
        {"name": "Sanne Willems", "email": "s.willems@venlo.demo.local", "function": "Medewerker toegangsteam"},
        {"name": "Bram Jacobs", "email": "b.jacobs@venlo.demo.local", "function": "Gedragswetenschapper"}
    ]})).await, 201).await;
    let ids: Vec<i64> = req["enrolments"].as_array().expect("enrolments").iter().map(|e| e["id"].as_i64().expect("id")).collect();
    for id in &ids {
        send(app.post_json(&format!("/api/v1/enrolments/{id}/decision"), Some(&noord), &json!({"decision": "approve"})).await, 200).await;
        send(app.post_json(&format!("/api/v1/enrolments/{id}/allocate"), Some(&bel), &json!({"group_id": g5})).await, 200).await;
    }
    (g5, ids)
}

/// The trainer marks attendance for every day as the days come, closes the
/// group, and the participants become "Getraind".
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_trainer_marks_every_day_and_closes_the_group() {
    let Some((app, b)) = setup().await else { return };
    let (g5, _) = two_venlo_professionals_in_groep_5(&app).await;

    log_in(&app, &b, "trainer@demo.local", DEMO_PASSWORD).await;
    b.wait_path("/trainer").await;
    b.find(&format!("[data-testid=my-groups] a[href='/trainer/groepen/{g5}']")).await.click().await.expect("open group");
    b.wait_text("[data-testid=delivery-title]", "Groep 5 - Noord-Limburg").await;
    b.wait_text("[data-testid=attendance]", "Bram Jacobs").await;
    let dates = [(2027, 1, 19), (2027, 2, 2), (2027, 2, 16), (2027, 3, 2)];
    for (i, (y, m, d)) in dates.into_iter().enumerate() {
        let date = chrono::NaiveDate::from_ymd_opt(y, m, d).expect("date");
        let days = (date - app.state.settings.clock.today()).num_days();
        app.state.settings.clock.advance(chrono::Duration::days(days));
        b.client.refresh().await.expect("reload");
        b.wait_text("[data-testid=attendance]", "Bram Jacobs").await;
        b.find("[data-testid=day-attendance]").await;
        let fieldsets = b.client.find_all(Locator::Css("[data-testid=day-attendance]")).await.expect("days");
        let day = &fieldsets[i];
        for select in day.find_all(Locator::Css("select")).await.expect("selects") {
            select.select_by_value("present").await.expect("mark present");
        }
        if i == 0 {
            b.screenshot("trainer-attendance").await;
        }
        day.find(Locator::Css("[data-testid=save-day]")).await.expect("save").click().await.expect("save");
        let marked = (i + 1) as i64;
        for _ in 0..50 {
            if app.id_of("SELECT COUNT(*) FROM attendance").await == marked * 2 {
                break;
            }
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        }
        assert_eq!(app.id_of("SELECT COUNT(*) FROM attendance").await, marked * 2, "day {} saved", i + 1);
    }
    b.find("[data-testid=close-group]").await.click().await.expect("close");
    b.wait_text("[data-testid=closed]", "afgesloten").await;
    b.wait_text("[data-testid=attendance]", "Getraind").await;
    b.screenshot_full("trainer-group-closed").await;
    assert_eq!(app.id_of("SELECT COUNT(*) FROM enrolments WHERE status = 'trained'").await, 2);

    // The certificate of a trained participant.
    b.find("[data-testid=certificate-link]").await.click().await.expect("certificate");
    b.wait_text("[data-testid=certificate]", "Bewijs van deelname").await;
    b.wait_text("[data-testid=cert-name]", "Bram Jacobs").await;
    b.screenshot("certificate").await;
    b.client.back().await.expect("back");

    // The trainer writes the feedback and shares it with the ambassadors.
    b.find("[data-testid=to-feedback]").await.click().await.expect("to feedback");
    b.wait_text("[data-testid=feedback-title]", "Groep 5").await;
    b.find("#fb-experiences").await.send_keys("Deelnemers vonden de casusoefeningen sterk; de tijd tussen dag 2 en 3 was krap.").await.expect("type");
    b.find("#fb-went-well").await.send_keys("Actieve inbreng van de gedragswetenschappers.").await.expect("type");
    b.find("#fb-sharpen").await.send_keys("Teamleiders plannen nog geen tijd voor VA's in.").await.expect("type");
    b.find("[data-testid=fb-remark]").await.send_keys("Venlo: intervisie over VA's starten.").await.expect("type");
    b.find("[data-testid=fb-share]").await.click().await.expect("share");
    b.screenshot_full("trainer-feedback-form").await;
    b.find("[data-testid=fb-save]").await.click().await.expect("save");
    b.wait_text("[data-testid=shared-at]", "Gedeeld").await;
    assert_eq!(app.id_of("SELECT COUNT(*) FROM group_feedback WHERE shared_at IS NOT NULL").await, 1);
    log_out(&b).await;

    // The ambassador of the participants' region reads it and records an agreed action.
    log_in(&app, &b, "ambassadeur.noord@demo.local", DEMO_PASSWORD).await;
    b.wait_path("/ambassadeur").await;
    b.find(&format!("[data-testid=feedback-list] a[href='/terugkoppeling/{g5}']")).await.click().await.expect("open feedback");
    b.wait_text("[data-testid=fb-experiences]", "casusoefeningen").await;
    b.wait_text("[data-testid=feedback-read]", "Venlo: intervisie").await;
    b.find("#act-text").await.send_keys("Teamleiders Venlo bespreken VA-tijd in het managementoverleg.").await.expect("type");
    b.find("#act-owner").await.send_keys("Ambassadeur Noord").await.expect("type");
    b.find("[data-testid=action-add]").await.click().await.expect("add action");
    b.wait_text("[data-testid=actions]", "managementoverleg").await;
    b.screenshot_full("ambassador-feedback").await;
    assert_eq!(app.count("feedback_actions").await, 1);
    log_out(&b).await;

    // Another region's ambassador does not get to read it.
    log_in(&app, &b, "ambassadeur.zuid@demo.local", DEMO_PASSWORD).await;
    b.wait_path("/ambassadeur").await;
    b.client.goto(&app.url(&format!("/terugkoppeling/{g5}"))).await.expect("goto");
    b.wait_text("main", "Niet gevonden").await;
    assert!(b.client.find(Locator::Css("[data-testid=fb-experiences]")).await.is_err());
    b.close().await;
}

/// BEL creates a programme and a group with three days and its trainer in the
/// SPA; the trainer then finds the group on their start page.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bel_plans_a_programme_and_a_group_that_the_trainer_sees() {
    let Some((app, b)) = setup().await else { return };
    let today = app.state.settings.clock.today();
    let on = |days: i64| (today + chrono::Duration::days(days)).to_string();
    let trainer = app.id_of("SELECT id FROM users WHERE email = 'trainer@demo.local'").await;
    log_in(&app, &b, "bel@demo.local", DEMO_PASSWORD).await;
    b.wait_path("/bel").await;
    b.client.goto(&app.url("/bel/beheer")).await.expect("goto");
    b.find("[data-testid=programme-form]").await;
    b.client.execute("document.querySelector('[data-testid=programme-form]').closest('details').open = true", vec![]).await.expect("open");
    b.find("#pg-name").await.send_keys("Grondhoudingstraining 2027").await.expect("name");
    b.find("#pg-course").await.select_by_value("basic_attitude").await.expect("course");
    set_date(&b, "pg-starts", &on(0)).await;
    set_date(&b, "pg-ends", &on(365)).await;
    b.find("[data-testid=programme-create]").await.click().await.expect("create");
    b.wait_text("[data-testid=admin-ok]", "Programma aangemaakt").await;
    b.wait_text("[data-testid=programmes]", "Grondhoudingstraining").await;

    b.find("#gr-name").await.send_keys("Groep G1 - Noord").await.expect("group name");
    b.find("#gr-location").await.send_keys("BEL Venlo").await.expect("location");
    b.find("#gr-trainer").await.select_by_value(&trainer.to_string()).await.expect("trainer");
    for (i, d) in [10, 17, 24].into_iter().enumerate() {
        set_date(&b, &format!("gr-day-{i}"), &on(d)).await;
    }
    b.screenshot("bel-admin-new-group").await;
    b.find("[data-testid=group-create]").await.click().await.expect("create group");
    b.wait_text("[data-testid=admin-ok]", "Groep aangemaakt").await;
    b.wait_text("[data-testid=admin-groups]", "Groep G1 - Noord").await;
    let gid = app.id_of("SELECT id FROM training_groups WHERE name = 'Groep G1 - Noord'").await;
    assert_eq!(app.id_of(&format!("SELECT COUNT(*) FROM training_days WHERE group_id = {gid}")).await, 3);
    b.find(&format!("a[href='/bel/beheer/groepen/{gid}']")).await.click().await.expect("plan");
    b.wait_text("[data-testid=plan-title]", "Groep G1 - Noord").await;
    b.wait_text("[data-testid=plan-days]", "09:30").await;

    // Two programmes now: the choice under the menu is remembered and the seat board follows it.
    b.find("a[href='/bel/plaatsing']").await.click().await.expect("menu");
    b.wait_text("main", "Groep 5 - Noord-Limburg").await;
    b.find("[data-testid=programme-choice]").await.select_by_label("Grondhoudingstraining 2027").await.expect("choose");
    b.wait_text("main", "Groep G1 - Noord").await;
    let board = b.find("main").await.text().await.expect("text");
    assert!(!board.contains("Groep 5 - Noord-Limburg"), "the seat board shows the chosen programme");

    log_out(&b).await;
    log_in(&app, &b, "trainer@demo.local", DEMO_PASSWORD).await;
    b.wait_path("/trainer").await;
    b.wait_text("[data-testid=my-groups]", "Groep G1 - Noord").await;
    b.close().await;
}

/// BEL adds an organisation, retires it, and reads in a list whose preview names the bad line.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bel_adds_retires_and_imports_organisations() {
    let Some((app, b)) = setup().await else { return };
    log_in(&app, &b, "bel@demo.local", DEMO_PASSWORD).await;
    b.wait_path("/bel").await;
    b.find("a[href='/bel/organisaties']").await.click().await.expect("menu");
    b.wait_text("[data-testid=org-list]", "Venlo").await;
    b.find("[data-testid=org-save]").await.click().await.expect("save empty");
    b.wait_text("[data-testid=error]", "Controleer").await;
    b.find("#org-name").await.send_keys("Gemeente Peel en Maas").await.expect("name");
    b.find("#org-region").await.select_by_label("Noord-Limburg").await.expect("region");
    b.find("[data-testid=org-save]").await.click().await.expect("save");
    b.wait_text("[data-testid=org-ok]", "Organisatie toegevoegd").await;
    let id = app.id_of("SELECT id FROM organisations WHERE name = 'Gemeente Peel en Maas'").await;
    b.find(&format!("[data-testid=org-flip-{id}]")).await.click().await.expect("retire");
    b.wait_text("[data-testid=org-ok]", "Buiten gebruik gesteld").await;
    assert_eq!(app.db_text(&format!("SELECT CASE WHEN active THEN 'ja' ELSE 'nee' END FROM organisations WHERE id = {id}")).await, "nee");

    let file = app.data_dir.join("organisaties.csv");
    std::fs::write(&file, "naam;soort;regio\nGemeente Horst;gemeente;noord\nCJG Zonder;cjg;\n").expect("csv");
    b.find("#org-file").await.send_keys(&file.display().to_string()).await.expect("file");
    b.find("[data-testid=org-preview]").await.click().await.expect("preview");
    b.wait_text("[data-testid=org-import-rows]", "Gemeenten en CJG horen bij een regio").await;
    b.find("[data-testid=org-import]").await.click().await.expect("import");
    b.wait_text("[data-testid=org-import-summary]", "Ingelezen").await;
    b.wait_text("[data-testid=org-list]", "Gemeente Horst").await;
    b.screenshot("bel-organisations").await;
    b.close().await;
}

/// The Noord ambassador files a request on behalf of Beesel, which has no contact yet.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_ambassador_files_a_request_on_behalf_of_a_municipality() {
    let Some((app, b)) = setup().await else { return };
    log_in(&app, &b, "ambassadeur.noord@demo.local", DEMO_PASSWORD).await;
    b.wait_path("/ambassadeur").await;
    b.find("a[href='/organisatie/aanmelden']").await.click().await.expect("menu");
    let beesel = app.id_of("SELECT id FROM organisations WHERE name = 'Beesel'").await;
    b.find("#for-org").await.select_by_value(&beesel.to_string()).await.expect("organisation");
    b.find("#p0-name").await.send_keys("Mila Smeets").await.expect("name");
    b.find("#p0-email").await.send_keys("m.smeets@beesel.demo.local").await.expect("email");
    b.find("[data-testid=submit-request]").await.click().await.expect("submit");
    b.wait_text("main", "Beesel").await;
    let rid = app.id_of("SELECT MAX(id) FROM enrolment_requests").await;
    assert_eq!(app.db_text(&format!("SELECT action FROM enrolment_events WHERE request_id = {rid} ORDER BY id LIMIT 1")).await, "created_on_behalf");
    b.close().await;
}

/// Sets a date input the way a person's date picker does (typing is locale-dependent).
async fn set_date(b: &Browser, id: &str, value: &str) {
    b.find(&format!("#{id}")).await;
    b.client
        .execute(
            "const el = document.getElementById(arguments[0]); el.value = arguments[1]; el.dispatchEvent(new Event('input', {bubbles: true}));",
            vec![serde_json::json!(id), serde_json::json!(value)],
        )
        .await
        .expect("set date");
}

/// After the training: a participant answers the evaluation by link, the
/// municipality requests supervision, BEL plans it from the request, and the
/// trainer records attendance and a quality reflection on the day.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn evaluation_and_follow_up_from_request_to_reflection() {
    let Some((app, b)) = setup().await else { return };
    use serde_json::json;
    use va_tests::expect_json as send;
    let (g5, ids) = two_venlo_professionals_in_groep_5(&app).await;
    let trainer = app.token("trainer@demo.local").await;
    let view = send(app.get(&format!("/api/v1/groups/{g5}/attendance"), Some(&trainer)).await, 200).await;
    let days: Vec<(i64, chrono::NaiveDate)> = view["days"].as_array().expect("days").iter()
        .map(|d| (d["id"].as_i64().expect("id"), d["day"].as_str().expect("day").parse().expect("date")))
        .collect();
    let go_to = |date: chrono::NaiveDate| {
        let n = (date - app.state.settings.clock.today()).num_days();
        app.state.settings.clock.advance(chrono::Duration::days(n));
    };
    for (day, on) in &days {
        go_to(*on);
        let marks: Vec<serde_json::Value> = ids.iter().map(|id| json!({"enrolment_id": id, "status": "present"})).collect();
        send(app.put_json(&format!("/api/v1/training-days/{day}/attendance"), Some(&trainer), &json!({"marks": marks})).await, 200).await;
    }
    send(app.post_json(&format!("/api/v1/groups/{g5}/close"), Some(&trainer), &json!({})).await, 200).await;
    go_to(chrono::NaiveDate::from_ymd_opt(2027, 3, 3).expect("date"));
    va_backend::jobs::tick(&app.state).await.expect("tick");

    // Sanne answers the evaluation from the link in her email; the link works once.
    let body = app.db_text("SELECT body_text FROM email_outbox WHERE template = 'evaluation_invite' AND to_addr = 's.willems@venlo.demo.local'").await;
    let start = body.find("/evaluatie?token=").expect("link");
    let link: String = body[start..].chars().take_while(|c| !c.is_whitespace()).collect();
    b.client.goto(&app.url(&link)).await.expect("goto");
    b.wait_text("[data-testid=ev-title]", "Evaluatie").await;
    b.wait_text("main", "Groep 5 - Noord-Limburg").await;
    // Not every part rated: refused on the page, nothing stored.
    b.find("#ev-content-4").await.click().await.expect("rate");
    b.find("[data-testid=ev-submit]").await.click().await.expect("submit");
    b.wait_text("main", "Geef bij elk onderdeel een cijfer").await;
    assert_eq!(app.count("evaluation_responses").await, 0);
    for id in ["ev-trainers-5", "ev-practice-3", "ev-overall-4"] {
        b.find(&format!("#{id}")).await.click().await.expect("rate");
    }
    b.find("#ev-valuable").await.send_keys("Oefenen met de eigen casus.").await.expect("type");
    b.screenshot_full("evaluation-page").await;
    b.find("[data-testid=ev-submit]").await.click().await.expect("submit");
    b.wait_text("[data-testid=ev-done]", "Dank u wel").await;
    assert_eq!(app.count("evaluation_responses").await, 1);
    b.client.goto(&app.url(&link)).await.expect("goto");
    b.wait_text("main", "al ingevuld").await;
    assert!(b.client.find(Locator::Css("[data-testid=ev-form]")).await.is_err());

    // The municipality requests supervision for both.
    log_in(&app, &b, "gemeente.venlo@demo.local", DEMO_PASSWORD).await;
    b.wait_path("/organisatie").await;
    b.find("a[href='/nazorg']").await.click().await.expect("menu");
    b.wait_text("[data-testid=request-followup]", "Sanne Willems").await;
    for el in b.client.find_all(Locator::Css("[data-testid=pick-person]")).await.expect("people") {
        el.click().await.expect("pick");
    }
    b.find("#req-message").await.send_keys("Graag supervisie in maart, bij voorkeur op dinsdag.").await.expect("type");
    b.find("[data-testid=request-submit]").await.click().await.expect("request");
    b.wait_text("[data-testid=followup-requests]", "Open").await;
    b.screenshot_full("followup-organisation").await;
    assert_eq!(app.count("followup_requests").await, 1);
    log_out(&b).await;

    // BEL plans it from the request.
    log_in(&app, &b, "bel@demo.local", DEMO_PASSWORD).await;
    b.wait_path("/bel").await;
    b.find("a[href='/nazorg']").await.click().await.expect("menu");
    b.wait_text("[data-testid=without-followup]", "Bram Jacobs").await;
    b.find("[data-testid=request-plan]").await.click().await.expect("plan from request");
    b.wait_text("[data-testid=plan-from-request]", "Venlo").await;
    // Without a date the form is refused and nothing is planned.
    b.find("[data-testid=plan-submit]").await.click().await.expect("submit");
    b.find("[data-testid=error]").await;
    assert_eq!(app.count("followup_sessions").await, 0);
    set_date(&b, "plan-day", "2027-03-16").await;
    b.find("#plan-place").await.send_keys("BEL trainingslocatie Venlo").await.expect("type");
    b.find("#plan-trainer").await.select_by_label("Joost Smeets").await.expect("trainer");
    b.find("[data-testid=plan-submit]").await.click().await.expect("submit");
    b.wait_text("[data-testid=sessions]", "16-03-2027").await;
    b.wait_text("[data-testid=followup-requests]", "Ingepland").await;
    b.wait_text("[data-testid=without-followup]", "Sessie gepland").await;
    b.screenshot_full("followup-bel").await;
    // BEL's delivery settings: an out-of-range window is refused and changes nothing.
    let window = b.find("#ds-window").await;
    window.clear().await.expect("clear");
    window.send_keys("90").await.expect("type");
    b.find("[data-testid=ds-save]").await.click().await.expect("save");
    b.wait_text("[data-testid=delivery-settings] [data-testid=error]", "Controleer").await;
    assert_eq!(app.id_of("SELECT CAST(attendance_window_days AS BIGINT) FROM programmes").await, 14);
    window.clear().await.expect("clear");
    window.send_keys("21").await.expect("type");
    b.find("[data-testid=ds-save]").await.click().await.expect("save");
    b.wait_text("[data-testid=ds-saved]", "Opgeslagen").await;
    assert_eq!(app.id_of("SELECT CAST(attendance_window_days AS BIGINT) FROM programmes").await, 21);
    log_out(&b).await;

    // On the day the trainer records attendance and a reflection.
    go_to(chrono::NaiveDate::from_ymd_opt(2027, 3, 16).expect("date"));
    log_in(&app, &b, "trainer@demo.local", DEMO_PASSWORD).await;
    b.wait_path("/trainer").await;
    b.find("a[href='/nazorg']").await.click().await.expect("menu");
    b.find("[data-testid=session-row] a").await.click().await.expect("open session");
    b.wait_text("[data-testid=session-title]", "Supervisie").await;
    for select in b.client.find_all(Locator::Css("[data-testid=session-mark]")).await.expect("marks") {
        select.select_by_value("present").await.expect("present");
    }
    b.find("#session-notes").await.send_keys("Twee VA's besproken; hypothesen aangescherpt.").await.expect("type");
    b.find("[data-testid=session-save]").await.click().await.expect("save");
    b.wait_text("[data-testid=session-status]", "Gehouden").await;
    b.find("#rf-who").await.select_by_label("Sanne Willems").await.expect("who");
    for (id, v) in [("rf-complete", "3"), ("rf-economical", "2"), ("rf-coherent", "4"), ("rf-predictive", "3")] {
        b.find(&format!("#{id}")).await.select_by_value(v).await.expect("score");
    }
    // A citizen number in the note is refused: no data about the young person or family.
    b.find("#rf-note").await.send_keys("Casus van jeugdige 123456782").await.expect("type");
    b.find("[data-testid=reflection-add]").await.click().await.expect("add");
    b.find("[data-testid=error]").await;
    assert_eq!(app.count("quality_reflections").await, 0);
    b.find("#rf-note").await.clear().await.expect("clear");
    b.find("#rf-note").await.send_keys("Hypothesen goed onderbouwd; voorspelling nog niet toetsbaar geformuleerd.").await.expect("type");
    b.find("[data-testid=reflection-add]").await.click().await.expect("add");
    b.wait_text("[data-testid=reflections]", "voorspelling nog niet toetsbaar").await;
    b.screenshot_full("followup-session").await;
    assert_eq!(app.count("quality_reflections").await, 1);
    assert_eq!(app.id_of("SELECT COUNT(*) FROM followup_sessions WHERE status = 'held'").await, 1);
    b.close().await;
}

/// BEL opens the dashboard on the demo data, reads the chart, switches region,
/// freezes a snapshot and downloads the Excel report; the Zuid ambassador sees
/// Zuid in detail and answers a survey form; BEL previews an import.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bel_reads_the_dashboard_switches_region_and_downloads_the_xlsx() {
    use calamine::{Data, Reader, Xlsx};
    let Some(b) = Browser::start().await else { return };
    let app = va_tests::spawn_app_with(Backend::Sqlite, |s| s.demo_activity = true).await.expect("app");
    log_in(&app, &b, "bel@demo.local", DEMO_PASSWORD).await;
    b.wait_path("/bel").await;
    // The start page says what waits: people without a seat, offers running.
    b.wait_text("[data-testid=pending-work]", "op de wachtlijst").await;
    b.wait_text("[data-testid=pending-work]", "aanbieding").await;
    b.find("a[href='/monitoring']").await.click().await.expect("menu");
    b.wait_path("/monitoring").await;
    // The chart: one bar group per region with its name and values.
    let chart = b.wait_text("[data-testid=region-chart]", "Noord-Limburg").await;
    assert!(chart.contains("Zuid-Limburg") && chart.contains("Bovenregionaal"), "{chart}");
    let bars = b.client.find_all(Locator::Css("[data-testid=region-svg] rect")).await.expect("bars");
    assert_eq!(bars.len(), 4 * 4, "four bars for each of three regions and bovenregionaal");
    b.find("[data-testid=trend-svg] polyline").await;
    // Groep 1-3 trained 33, 15 earlier trained (Accare's records), and the survey's figures.
    b.wait_text("[data-testid=kpis]", "33 + 15").await;
    b.wait_text("[data-testid=region-table]", "Totaal").await;
    b.wait_text("[data-testid=org-region]", "Noord-Limburg").await;
    b.wait_text("[data-testid=org-table]", "Venlo").await;
    b.screenshot_full("monitoring-bel").await;

    // Another region's organisations.
    b.find("#region-select").await.select_by_label("Zuid-Limburg").await.expect("select");
    b.wait_text("[data-testid=org-region]", "Zuid-Limburg").await;
    b.wait_text("[data-testid=org-table]", "Maastricht").await;
    let table = b.find("[data-testid=org-table]").await.text().await.expect("text");
    assert!(!table.contains("Venlo"), "{table}");

    // A snapshot for the meeting, compared with the previous one; an empty name is refused.
    b.find("[data-testid=snap-take]").await.click().await.expect("take");
    b.wait_text("[data-testid=error]", "Controleer").await;
    b.find("#snap-label").await.send_keys("Overleg borging VA januari 2027").await.expect("label");
    b.find("[data-testid=snap-take]").await.click().await.expect("take");
    b.wait_text("[data-testid=comparison]", "Vergeleken met Overleg borging VA ").await;
    b.wait_text("[data-testid=snapshot-list]", "Overleg borging VA januari 2027").await;

    // The Excel report, downloaded and read back.
    b.find("[data-testid=export-monitoring-xlsx]").await.click().await.expect("download");
    b.wait_text("[data-testid=download-status]", "monitoring-").await;
    let file = b.downloaded("monitoring-").await;
    assert_eq!(file.extension().and_then(|e| e.to_str()), Some("xlsx"));
    let mut book: Xlsx<_> = calamine::open_workbook(&file).expect("xlsx");
    let orgs = book.worksheet_range("Organisaties").expect("sheet");
    let venlo = orgs.rows().find(|r| r[1] == Data::String("Venlo".into())).expect("Venlo");
    assert_eq!(venlo[4], Data::Float(2.0), "Venlo's two earlier-trained professionals");
    b.screenshot_full("monitoring-bel-snapshot").await;

    // The printable report.
    b.client.goto(&app.url("/monitoring/rapport")).await.expect("report");
    b.wait_text("[data-testid=report-regions]", "Totaal").await;
    b.screenshot_full("monitoring-report").await;

    // The planner: the saved scenarios side by side.
    b.client.goto(&app.url("/bel/planner")).await.expect("planner");
    b.wait_text("[data-testid=scenario-compare]", "Extra groep Zuid").await;
    b.screenshot_full("planner").await;

    // The import preview names each problem with its line.
    b.client.goto(&app.url("/monitoring/import")).await.expect("import");
    let csv = std::env::temp_dir().join(format!("accare-{}.csv", uuid::Uuid::new_v4().simple()));
    std::fs::write(&csv, "naam;e-mail;organisatie;getraind op\nAnne Vos;a.vos@venlo.demo.local;Venlo;01-02-2025\nOnbekend;x@y.nl;Atlantis;01-02-2025\n").expect("csv");
    b.find("#import-file").await.send_keys(&csv.display().to_string()).await.expect("file");
    b.find("[data-testid=import-preview]").await.click().await.expect("preview");
    b.wait_text("[data-testid=import-rows]", "onbekende organisatie").await;
    b.wait_text("[data-testid=import-summary]", "1 nieuw").await;
    b.find("[data-testid=import-run]").await.click().await.expect("import");
    b.wait_text("[data-testid=import-summary]", "Ingelezen").await;
    b.screenshot_full("monitoring-import").await;
    log_out(&b).await;

    // The Zuid ambassador: Zuid in detail, the others as totals; a survey form answered.
    log_in(&app, &b, "ambassadeur.zuid@demo.local", DEMO_PASSWORD).await;
    b.wait_path("/ambassadeur").await;
    b.find("a[href='/monitoring']").await.click().await.expect("menu");
    b.wait_text("[data-testid=org-region]", "Zuid-Limburg").await;
    assert!(b.client.find(Locator::Css("#region-select")).await.is_err(), "one region in detail: no choice");
    b.client.goto(&app.url("/monitoring/uitvraag")).await.expect("survey");
    b.wait_text("[data-testid=survey-lines]", "Maastricht").await;
    b.wait_text("[data-testid=sv-completion]", "2 van 16").await;
    b.screenshot_full("survey-zuid").await;
    let kerkrade = app.id_of("SELECT id FROM organisations WHERE name = 'Kerkrade'").await;
    let round = app.id_of("SELECT id FROM survey_rounds").await;
    b.client.goto(&app.url(&format!("/monitoring/uitvraag/{round}/{kerkrade}"))).await.expect("form");
    b.find("#sv-doing").await.send_keys("2").await.expect("doing");
    b.find("[data-testid=sv-submit]").await.click().await.expect("submit");
    b.wait_text("[data-testid=error]", "Controleer").await;
    for (id, v) in [("#sv-still", "9"), ("#sv-vas", "14"), ("#sv-needed", "12"), ("#sv-available", "7,5")] {
        b.find(id).await.send_keys(v).await.expect("type");
    }
    b.find("[data-testid=sv-submit]").await.click().await.expect("submit");
    b.wait_text("[data-testid=sv-saved]", "Ingediend").await;
    b.screenshot_full("survey-form").await;
    assert_eq!(app.scalar::<f64>(&format!("SELECT hours_available FROM survey_responses WHERE organisation_id = {kerkrade}")).await, 7.5);
    b.close().await;
}

/// Rows of a table in the section `testid`.
async fn rows_in(b: &Browser, testid: &str) -> u64 {
    let js = format!("return document.querySelectorAll('[data-testid={testid}] tbody tr').length");
    b.client.execute(&js, vec![]).await.expect("js").as_u64().unwrap_or(0)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn long_lists_show_fifty_rows_a_page_with_where_the_reader_is() {
    let Some((app, b)) = setup().await else { return };
    // 55 requests from the GI (decided by BEL), one professional each.
    let prog = app.id_of("SELECT id FROM programmes").await;
    let gi = app.token("gi@demo.local").await;
    let mut enrolments = Vec::new();
    for i in 0..55 {
        let body = serde_json::json!({"programme_id": prog, "submit": true, "professionals": [{"name": format!("Lang {i:02}"), "email": format!("lang{i}@bjzl.demo.local")}]});
        let view: serde_json::Value = app.post_json("/api/v1/requests", Some(&gi), &body).await.json().await.expect("request");
        enrolments.push(view["enrolments"][0]["id"].as_i64().expect("enrolment"));
    }
    let pending = app.id_of("SELECT COUNT(DISTINCT request_id) FROM enrolments WHERE status = 'submitted'").await;
    assert!(pending > 50, "{pending}");

    // BEL's inbox: a page of 50 from the server, then the rest.
    b.resize(1366, 900).await;
    log_in(&app, &b, "bel@demo.local", DEMO_PASSWORD).await;
    b.wait_path("/bel").await;
    b.wait_text("[data-testid=inbox-pager]", &format!("1–50 van {pending}")).await;
    assert_eq!(rows_in(&b, "inbox").await, 50);
    let violations = b.axe().await;
    assert!(violations.is_empty(), "{violations:?}");
    b.find("[data-testid=inbox-pager] button:last-of-type").await.click().await.expect("next page");
    b.wait_text("[data-testid=inbox-pager]", &format!("51–{pending} van {pending}")).await;
    for _ in 0..50 {
        if rows_in(&b, "inbox").await == (pending - 50) as u64 {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert_eq!(rows_in(&b, "inbox").await, (pending - 50) as u64);
    b.assert_no_overflow("BEL start, second page of the inbox").await;
    b.screenshot("pager-inbox-1366").await;

    // Approved, they wait for a seat: the seat board's queue pages in the browser.
    let bel = app.token("bel@demo.local").await;
    for id in enrolments {
        let r = app.post_json(&format!("/api/v1/enrolments/{id}/decision"), Some(&bel), &serde_json::json!({"decision": "approve"})).await;
        assert_eq!(r.status(), 200);
    }
    let queued = app.id_of("SELECT COUNT(*) FROM enrolments WHERE status = 'approved'").await;
    b.client.goto(&app.url("/bel/plaatsing")).await.expect("seat board");
    b.wait_text("[data-testid=queue-pager]", &format!("1–50 van {queued}")).await;
    assert_eq!(rows_in(&b, "queue").await, 50);
    b.resize(390, 844).await;
    // Fifty rows of links, choices and buttons lie before it: focus it, then use the keyboard.
    b.client.execute("document.querySelector('[data-testid=queue-pager] button:last-of-type').focus()", vec![]).await.expect("focus");
    b.press("\u{E007}").await;
    b.wait_text("[data-testid=queue-pager]", &format!("51–{queued} van {queued}")).await;
    assert_eq!(rows_in(&b, "queue").await, (queued - 50) as u64);
    assert!(b.focused_is("[data-testid=queue-pager] button:last-of-type").await, "the focus stays on the pager");
    b.assert_no_overflow("seat board, second page").await;
    let violations = b.axe().await;
    assert!(violations.is_empty(), "{violations:?}");
    b.screenshot("pager-seat-board-390").await;
    b.close().await;
}

mod agenda;
mod budget;
mod learning;
mod meetings;
mod privacy;
mod screens;
}

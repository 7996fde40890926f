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
    b.wait_text("table", "Groep 8 - bovenregionaal").await;
    b.wait_text("[data-testid=current-user]", "Ingrid Janssen").await;
    let lang = b.client.execute("return document.documentElement.lang", vec![]).await.expect("js");
    assert_eq!(lang, "nl");
    b.screenshot("bel-start").await;

    // The session survives a reload.
    b.client.refresh().await.expect("reload");
    b.wait_text("[data-testid=start-title]", "BEL-coördinator").await;
    b.wait_path("/bel").await;

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

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bel_invites_a_contact_who_sets_a_password_and_logs_in() {
    let Some((app, b)) = setup().await else { return };
    log_in(&app, &b, "bel@demo.local", DEMO_PASSWORD).await;
    b.wait_path("/bel").await;
    b.find("a[href='/bel/gebruikers']").await.click().await.expect("menu");
    b.wait_path("/bel/gebruikers").await;
    b.wait_text("[data-testid=users-table]", "Ingrid Janssen").await;

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

}

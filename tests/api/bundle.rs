//! The SPA's download, as a browser gets it: every file of the first screen
//! precompressed (brotli, else gzip), under a content-hashed name kept for a
//! year; the total is held to a budget (a size, not a time).

use va_tests::{between, spawn_app, Backend, TestApp};

/// What the login page may download, compressed: login.html, the three
/// stylesheets, the boot script, the JS glue and the login bundle's wasm.
const LOGIN_BUDGET: u64 = 350 * 1024;
/// The same for any page of the whole app (BEL's pages: every screen of every
/// role, over forty routes, used at the office; the roles in the field get
/// the smaller bundles below).
const APP_BUDGET: u64 = 850 * 1024;
/// A trainer's pages: their groups, attendance, feedback and follow-up.
const TRAINER_BUDGET: u64 = 450 * 1024;
/// The pages of ambassadors and organisation contacts.
const PARTNER_BUDGET: u64 = 650 * 1024;

async fn fetch(app: &TestApp, path: &str, accept: Option<&str>) -> reqwest::Response {
    let mut req = app.client.get(app.url(path));
    if let Some(a) = accept {
        req = req.header("accept-encoding", a);
    }
    req.send().await.expect("request")
}

/// The bytes that travel for `path` with `accept`, and the encoding used.
async fn travels(app: &TestApp, path: &str, accept: &str) -> (u64, String) {
    let res = fetch(app, path, Some(accept)).await;
    assert_eq!(res.status(), 200, "{path}");
    let encoding = res.headers().get("content-encoding").and_then(|v| v.to_str().ok()).unwrap_or("identity").to_string();
    (res.bytes().await.expect("body").len() as u64, encoding)
}

/// The page `page` (its stylesheets and boot script) and, in its boot
/// script, the bundles it may start: `(role, glue, wasm)`, the role `*` for
/// the bundle started without a stored session.
async fn page(app: &TestApp, page: &str, cookie: Option<&str>) -> (String, Vec<String>, Vec<(String, String, String)>) {
    let mut req = app.client.get(app.url(page));
    if let Some(c) = cookie {
        req = req.header("cookie", c);
    }
    let res = req.send().await.expect("page");
    assert_eq!(res.headers()["cache-control"], "no-cache", "{page}: the page names the current bundles");
    let html = res.text().await.expect("page");
    let mut files: Vec<String> = html.split("href=\"/css/").skip(1).filter_map(|s| s.split('"').next()).map(|c| format!("/css/{c}")).collect();
    assert_eq!(files.len(), 3, "{html}");
    let boot = between(&html, "src=\"", "\"").expect("boot");
    let script = fetch(app, &boot, None).await.text().await.expect("boot script");
    files.push(boot);
    let bundles = match between(&script, "const bundles = {", "};") {
        // The role's bundle, by the stored session.
        Some(map) => {
            let pair = |text: &str| {
                let glue = between(text, "[\"", "\"").expect("glue");
                let wasm = between(text, "\", \"", "\"").expect("wasm");
                (glue, wasm)
            };
            let mut bundles: Vec<(String, String, String)> = map
                .split("], ")
                .map(|entry| {
                    let (role, rest) = entry.trim().split_once(':').expect("role: bundle");
                    let (glue, wasm) = pair(rest);
                    (role.trim().to_string(), glue, wasm)
                })
                .collect();
            let (glue, wasm) = pair(&between(&script, "bundles[role] || ", ";").expect("the bundle without a role"));
            bundles.push(("*".into(), glue, wasm));
            bundles
        }
        // One bundle, named in the page too so it loads with the stylesheets.
        None => {
            let glue = format!("/pkg/{}", between(&script, "from \"/pkg/", "\"").expect("glue"));
            let wasm = between(&script, "module_or_path: \"", "\"").expect("wasm");
            assert!(html.contains(&format!("<link rel=\"modulepreload\" href=\"{glue}\">")), "{html}");
            assert!(html.contains(&format!("<link rel=\"preload\" href=\"{wasm}\" as=\"fetch\"")), "{html}");
            vec![("*".into(), glue, wasm)]
        }
    };
    (html, files, bundles)
}

/// What a page with `bundle` downloads, as it travels (brotli), each file
/// checked for its compressed copies and caching; the total and one line per file.
async fn download(app: &TestApp, html: &str, files: &[String], (glue, wasm): (&str, &str)) -> (u64, Vec<String>) {
    let mut total = html.len() as u64;
    let mut lines = Vec::new();
    for path in files.iter().map(String::as_str).chain([glue, wasm]) {
        let (br, encoding) = travels(app, path, "gzip, deflate, br, zstd").await;
        assert_eq!(encoding, "br", "{path} is sent as its brotli copy");
        let (gz, encoding) = travels(app, path, "gzip").await;
        assert_eq!(encoding, "gzip", "{path}");
        let (raw, encoding) = travels(app, path, "identity").await;
        assert_eq!(encoding, "identity", "{path}");
        assert!(br < gz && gz < raw, "{path}: br {br}, gzip {gz}, raw {raw}");
        let res = fetch(app, path, Some("br")).await;
        assert_eq!(res.headers()["cache-control"], "public, max-age=31536000, immutable", "{path}");
        assert_eq!(res.headers()["vary"], "accept-encoding", "{path}");
        total += br;
        lines.push(format!("{path}: {br} B (gzip {gz}, raw {raw})"));
    }
    (total, lines)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_login_page_and_each_roles_bundle_download_within_their_budgets() {
    let app = spawn_app(Backend::Sqlite).await.expect("app");
    let (html, files, login) = page(&app, "/inloggen", None).await;
    assert_eq!(login.len(), 1, "{login:?}");
    let (_, login_glue, login_wasm) = login[0].clone();
    let (login_size, lines) = download(&app, &html, &files, (&login_glue, &login_wasm)).await;
    eprintln!("login page download, brotli: {login_size} B\n{}", lines.join("\n"));
    assert!(login_size <= LOGIN_BUDGET, "the login page downloads {login_size} B compressed, over its budget of {LOGIN_BUDGET} B:\n{}", lines.join("\n"));
    // Without a session the start page is the login page, and so are the pages
    // answered from a mail without an account; with one, the role's bundle.
    for path in ["/", "/aanbod", "/evaluatie"] {
        assert_eq!(page(&app, path, None).await.2[0].2, login_wasm, "{path}");
    }
    let (html, files, bundles) = page(&app, "/", Some("va_session=abc")).await;
    for path in ["/bel", "/organisatie/aanmelden", "/trainer", "/aanbod/x"] {
        assert_eq!(page(&app, path, None).await.2, bundles, "{path}");
    }
    let wasm_of = |role: &str| bundles.iter().find(|b| b.0 == role).map(|b| (b.1.clone(), b.2.clone())).expect(role);
    // Without a stored session a page starts the login bundle, which sends to the login page.
    assert_eq!(wasm_of("*"), (login_glue.clone(), login_wasm.clone()));
    let whole = wasm_of("bel_coordinator");
    assert_eq!(wasm_of("ambassador"), wasm_of("org_contact"), "ambassadors and organisation contacts share a bundle");
    let mut sizes = Vec::new();
    for (role, budget) in [("bel_coordinator", APP_BUDGET), ("trainer", TRAINER_BUDGET), ("org_contact", PARTNER_BUDGET)] {
        let (glue, wasm) = wasm_of(role);
        assert!(role == "bel_coordinator" || wasm != whole.1, "{role} has a bundle of its own");
        assert_ne!(wasm, login_wasm);
        let (size, lines) = download(&app, &html, &files, (&glue, &wasm)).await;
        eprintln!("{role} download, brotli: {size} B\n{}", lines.join("\n"));
        assert!(size <= budget, "{role}'s pages download {size} B compressed, over their budget of {budget} B:\n{}", lines.join("\n"));
        sizes.push(size);
    }
    let [whole, trainer, partner] = sizes[..] else { unreachable!() };
    assert!(login_size * 2 < whole, "the login page loads a fraction of the app: {login_size} of {whole} B");
    assert!(trainer < partner && partner < whole, "each role loads only its pages: trainer {trainer}, partner {partner}, whole {whole} B");
}

//! The SPA's download, as a browser gets it: every file of the first screen
//! precompressed (brotli, else gzip), under a content-hashed name kept for a
//! year; the total is held to a budget (a size, not a time).

use va_tests::{between, spawn_app, Backend, TestApp};

/// What the login page may download, compressed: login.html, the three
/// stylesheets, the boot script, the JS glue and the login bundle's wasm.
const LOGIN_BUDGET: u64 = 350 * 1024;
/// The same for any page of the whole app.
const APP_BUDGET: u64 = 800 * 1024;

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

/// Every file `page` loads, as it travels (brotli), checked for its
/// compressed copies and caching; the total and one line per file.
async fn download(app: &TestApp, page: &str, cookie: Option<&str>) -> (u64, String, Vec<String>) {
    let mut req = app.client.get(app.url(page));
    if let Some(c) = cookie {
        req = req.header("cookie", c);
    }
    let res = req.send().await.expect("page");
    assert_eq!(res.headers()["cache-control"], "no-cache", "{page}: the page names the current bundle");
    let html = res.text().await.expect("page");
    let mut files: Vec<String> = html.split("href=\"/css/").skip(1).filter_map(|s| s.split('"').next()).map(|c| format!("/css/{c}")).collect();
    assert_eq!(files.len(), 3, "{html}");
    let boot = between(&html, "src=\"", "\"").expect("boot");
    let script = fetch(app, &boot, None).await.text().await.expect("boot script");
    files.push(boot);
    let wasm = between(&script, "module_or_path: \"", "\"").expect("wasm");
    files.push(format!("/pkg/{}", between(&script, "from \"/pkg/", "\"").expect("glue")));
    files.push(wasm.clone());

    let mut total = html.len() as u64;
    let mut lines = Vec::new();
    for path in &files {
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
    (total, wasm, lines)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_login_page_and_the_whole_app_download_within_their_budgets() {
    let app = spawn_app(Backend::Sqlite).await.expect("app");
    let (login, login_wasm, lines) = download(&app, "/inloggen", None).await;
    eprintln!("login page download, brotli: {login} B\n{}", lines.join("\n"));
    assert!(login <= LOGIN_BUDGET, "the login page downloads {login} B compressed, over its budget of {LOGIN_BUDGET} B:\n{}", lines.join("\n"));
    // Without a session the start page is the login page; with one, the whole app.
    assert_eq!(download(&app, "/", None).await.1, login_wasm);
    let (whole, whole_wasm, lines) = download(&app, "/", Some("va_session=abc")).await;
    assert_ne!(whole_wasm, login_wasm, "the whole app is another bundle");
    for page in ["/bel", "/organisatie/aanmelden", "/aanbod"] {
        assert_eq!(download(&app, page, None).await.1, whole_wasm, "{page}");
    }
    eprintln!("whole app download, brotli: {whole} B\n{}", lines.join("\n"));
    assert!(whole <= APP_BUDGET, "the whole app downloads {whole} B compressed, over its budget of {APP_BUDGET} B:\n{}", lines.join("\n"));
    assert!(login * 2 < whole, "the login page loads a fraction of the app: {login} of {whole} B");
}

//! The SPA's download, as a browser gets it: every file of the first screen
//! precompressed (brotli, else gzip), under a content-hashed name kept for a
//! year; the total is held to a budget (a size, not a time).

use va_tests::{between, spawn_app, Backend, TestApp};

/// What the login page may download, compressed: index.html, the three
/// stylesheets, the boot script, the JS glue and the wasm. The whole app is
/// one bundle today, so this is also the whole app's budget.
const LOGIN_BUDGET: u64 = 800 * 1024;

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

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_login_page_download_stays_within_its_budget() {
    let app = spawn_app(Backend::Sqlite).await.expect("app");
    let html = fetch(&app, "/inloggen", None).await.text().await.expect("index");
    let mut files: Vec<String> = html.split("href=\"/css/").skip(1).filter_map(|s| s.split('"').next()).map(|c| format!("/css/{c}")).collect();
    assert_eq!(files.len(), 3, "{html}");
    let boot = between(&html, "src=\"", "\"").expect("boot");
    let script = fetch(&app, &boot, None).await.text().await.expect("boot script");
    files.push(boot);
    files.push(format!("/pkg/{}", between(&script, "from \"/pkg/", "\"").expect("glue")));
    files.push(between(&script, "module_or_path: \"", "\"").expect("wasm"));

    let mut total = html.len() as u64;
    let mut lines = Vec::new();
    for path in &files {
        let (br, encoding) = travels(&app, path, "gzip, deflate, br, zstd").await;
        assert_eq!(encoding, "br", "{path} is sent as its brotli copy");
        let (gz, encoding) = travels(&app, path, "gzip").await;
        assert_eq!(encoding, "gzip", "{path}");
        let (raw, encoding) = travels(&app, path, "identity").await;
        assert_eq!(encoding, "identity", "{path}");
        assert!(br < gz && gz < raw, "{path}: br {br}, gzip {gz}, raw {raw}");
        let res = fetch(&app, path, Some("br")).await;
        assert_eq!(res.headers()["cache-control"], "public, max-age=31536000, immutable", "{path}");
        assert_eq!(res.headers()["vary"], "accept-encoding", "{path}");
        total += br;
        lines.push(format!("{path}: {br} B (gzip {gz}, raw {raw})"));
    }
    eprintln!("login page download, brotli: {total} B\n{}", lines.join("\n"));
    assert!(total <= LOGIN_BUDGET, "the login page downloads {total} B compressed, over its budget of {LOGIN_BUDGET} B:\n{}", lines.join("\n"));
}

//! Schemathesis over the whole spec, as an organisation contact and as BEL:
//! generated valid and invalid calls to every operation must get no server
//! error, only documented statuses and answers that match their schema.
//! Alone in its own test binary: it runs for about two minutes on two cores.
//! `cargo xtask test` installs schemathesis (pinned) and says where it is.

use std::process::Command;
use va_tests::{spawn_app_with, Backend, TestApp};

/// `SCHEMATHESIS` (set by `cargo xtask test`), else the place xtask installs it.
fn st() -> Option<std::path::PathBuf> {
    let path = std::env::var_os("SCHEMATHESIS")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../target/schemathesis/bin/st"));
    path.exists().then_some(path)
}

fn run(st: &std::path::Path, app: &TestApp, token: &str, who: &str) {
    let spec = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../openapi/openapi.json");
    // Its caches go to the test's own data directory, not into the source tree.
    let out = Command::new(st)
        .current_dir(&app.data_dir)
        .args(["run", &spec.to_string_lossy(), "--url", &app.address])
        .args(["-H", &format!("Authorization: Bearer {token}")])
        .args(["-c", "not_a_server_error,status_code_conformance,response_schema_conformance"])
        .args(["-n", "25", "--workers", "2", "--generation-deterministic", "--phases", "examples,coverage,fuzzing", "--no-color"])
        .output()
        .expect("start schemathesis");
    let report = String::from_utf8_lossy(&out.stdout);
    let cases = report.lines().skip_while(|l| !l.starts_with("Test cases:")).nth(1).unwrap_or_default().trim().to_string();
    eprintln!("schemathesis as {who}: {cases}");
    assert!(out.status.success(), "schemathesis as {who} found failures:\n{report}\n{}", String::from_utf8_lossy(&out.stderr));
    assert!(cases.contains("passed"), "no cases ran as {who}:\n{report}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn schemathesis_finds_nothing_as_a_contact_and_as_bel() {
    let Some(st) = st() else {
        assert!(!va_tests::flag("REQUIRE_SCHEMATHESIS"), "REQUIRE_SCHEMATHESIS is set but schemathesis is not installed (cargo xtask test installs it)");
        eprintln!("skipping: schemathesis is not installed (cargo xtask test installs it)");
        return;
    };
    // The link endpoints' per-address limit lifted: thousands of calls come from one address.
    let app = spawn_app_with(Backend::Sqlite, |s| s.link_calls_per_minute = 1_000_000).await.expect("app");
    let contact = app.token("gemeente.venlo@demo.local").await;
    let st_path = st.clone();
    // Blocking subprocesses on the blocking pool, so the server keeps answering.
    let app = std::sync::Arc::new(app);
    let (app1, c1) = (app.clone(), contact.clone());
    tokio::task::spawn_blocking(move || run(&st_path, &app1, &c1, "Venlo's contact")).await.expect("contact run");
    let bel = app.token("bel@demo.local").await;
    let app2 = app.clone();
    tokio::task::spawn_blocking(move || run(&st, &app2, &bel, "BEL")).await.expect("BEL run");
}

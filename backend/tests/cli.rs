//! The `backend` binary's commands on a scratch data directory.

use std::process::Command;

fn backend(data_dir: &std::path::Path, args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_backend"))
        .args(args)
        .env("DATA_DIR", data_dir)
        .env_remove("DATABASE_URL")
        .env("DEMO_PASSWORD", "demo-wachtwoord-cli")
        .env("RUST_LOG", "warn")
        .output()
        .expect("run backend")
}

fn scratch() -> std::path::PathBuf {
    let d = std::env::temp_dir().join("va-planner-tests").join(format!("cli-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    d
}

#[test]
fn migrate_seed_demo_create_admin_and_export_openapi_work_from_the_command_line() {
    let dir = scratch();
    let out = backend(&dir, &["migrate"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(dir.join("planner.db").exists());

    for _ in 0..2 {
        let out = backend(&dir, &["seed-demo"]);
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(text.contains("bel@demo.local") && text.contains("demo-wachtwoord-cli"), "{text}");
    }

    let out = backend(&dir, &["create-admin", "--email", "Beheer@BEL.nl", "--name", "Beheerder"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stdout).contains("wachtwoord:"));
    // The same email twice is refused with a clear message and a failing exit code.
    let out = backend(&dir, &["create-admin", "--email", "beheer@bel.nl", "--name", "Beheerder"]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("already exists"));
    let out = backend(&dir, &["create-admin", "--email", "geen-adres", "--name", "X"]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("email: invalid_email"));

    let spec = dir.join("spec.json");
    let out = backend(&dir, &["export-openapi", spec.to_str().expect("path")]);
    assert!(out.status.success());
    let written = std::fs::read_to_string(&spec).expect("spec written");
    assert_eq!(written, va_backend::openapi_json().expect("spec"));

    let out = backend(&dir, &["serve", "--port", "not-a-port"]);
    assert!(!out.status.success());
}

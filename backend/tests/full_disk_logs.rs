//! The server with stdout and stderr on a full disk (`/dev/full`): every log
//! line fails to be written, and the server still starts, answers, logs
//! nothing it cannot, and stops cleanly on SIGTERM (it used to abort on the
//! first failed log write).

use std::io::{Read, Write};
use std::net::TcpStream;
use std::process::{Command, Stdio};
use std::time::Duration;

fn get(port: u16, path: &str) -> Option<String> {
    let mut s = TcpStream::connect(("127.0.0.1", port)).ok()?;
    s.set_read_timeout(Some(Duration::from_secs(10))).ok()?;
    write!(s, "GET {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n").ok()?;
    let mut out = String::new();
    s.read_to_string(&mut out).ok()?;
    Some(out)
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").and_then(|l| l.local_addr()).map(|a| a.port()).expect("port")
}

#[test]
fn a_full_disk_under_the_logs_does_not_stop_the_server() {
    let Ok(full) = std::fs::OpenOptions::new().write(true).open("/dev/full") else {
        eprintln!("skipped: no /dev/full");
        return;
    };
    let data = std::env::temp_dir().join(format!("va-full-logs-{}", std::process::id()));
    let port = free_port();
    let mut child = Command::new(env!("CARGO_BIN_EXE_backend"))
        .args(["serve", "--demo", "--port", &port.to_string()])
        .env("DATA_DIR", &data)
        .env("DEMO_PASSWORD", "demo-wachtwoord-2026")
        .env("STATIC_DIR", data.join("geen-spa"))
        .env("RUST_LOG", "debug")
        .stdout(Stdio::from(full.try_clone().expect("clone")))
        .stderr(Stdio::from(full))
        .spawn()
        .expect("start the server");
    let mut ready = false;
    for _ in 0..300 {
        if get(port, "/api/ready").is_some_and(|r| r.starts_with("HTTP/1.1 200")) {
            ready = true;
            break;
        }
        assert!(child.try_wait().expect("wait").is_none(), "the server died while starting");
        std::thread::sleep(Duration::from_millis(100));
    }
    assert!(ready, "the server did not become ready");
    // Every request logs (at debug: spans, SQL warnings, 404s, refusals).
    for i in 0..100 {
        let path = ["/api/health", "/api/v1/regions", "/api/v1/does-not-exist", "/api/ready"][i % 4];
        let answer = get(port, path).expect("answer");
        assert!(answer.starts_with("HTTP/1.1 "), "{answer}");
    }
    assert!(child.try_wait().expect("wait").is_none(), "the server is still running");
    let _ = Command::new("kill").args(["-TERM", &child.id().to_string()]).status();
    let status = child.wait().expect("exit");
    assert!(status.success(), "a clean stop, not an abort: {status:?}");
    let _ = std::fs::remove_dir_all(&data);
}

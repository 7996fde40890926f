//! SIGTERM while a message is with the SMTP server: the real binary waits for
//! the server's answer, records the message as sent and exits cleanly; the
//! next start sends nothing again. The SMTP server here answers the message
//! only two seconds after it arrived.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{mpsc, Arc};
use std::time::Duration;

/// A minimal SMTP server: counts messages it accepted; tells `arrived` when a
/// message's data is in, and accepts it two seconds later.
fn slow_smtp(accepted: Arc<AtomicUsize>, arrived: mpsc::Sender<()>) -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = listener.local_addr().expect("addr").port();
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let (accepted, arrived) = (accepted.clone(), arrived.clone());
            std::thread::spawn(move || {
                let _ = converse(stream, &accepted, &arrived);
            });
        }
    });
    port
}

fn converse(stream: TcpStream, accepted: &AtomicUsize, arrived: &mpsc::Sender<()>) -> std::io::Result<()> {
    let mut out = stream.try_clone()?;
    let mut lines = BufReader::new(stream);
    out.write_all(b"220 slow.test ESMTP\r\n")?;
    let mut line = String::new();
    loop {
        line.clear();
        if lines.read_line(&mut line)? == 0 {
            return Ok(());
        }
        let cmd = line.trim_end().to_ascii_uppercase();
        if cmd.starts_with("DATA") {
            out.write_all(b"354 go ahead\r\n")?;
            let mut data = String::new();
            while !data.ends_with("\r\n.\r\n") {
                let mut l = String::new();
                if lines.read_line(&mut l)? == 0 {
                    return Ok(());
                }
                data.push_str(&l);
            }
            let _ = arrived.send(());
            std::thread::sleep(Duration::from_secs(2));
            accepted.fetch_add(1, Ordering::SeqCst);
            out.write_all(b"250 queued\r\n")?;
        } else if cmd.starts_with("QUIT") {
            out.write_all(b"221 bye\r\n")?;
            return Ok(());
        } else {
            out.write_all(b"250 ok\r\n")?;
        }
    }
}

fn http(port: u16, method: &str, path: &str, token: Option<&str>, body: &str) -> (u16, String) {
    let mut s = TcpStream::connect(("127.0.0.1", port)).expect("connect");
    s.set_read_timeout(Some(Duration::from_secs(20))).expect("timeout");
    let auth = token.map(|t| format!("Authorization: Bearer {t}\r\n")).unwrap_or_default();
    write!(
        s,
        "{method} {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\nContent-Type: application/json\r\n{auth}Content-Length: {}\r\n\r\n{body}",
        body.len()
    )
    .expect("write");
    let mut out = String::new();
    s.read_to_string(&mut out).expect("read");
    let status = out.get(9..12).and_then(|c| c.parse().ok()).unwrap_or(0);
    let body = out.split_once("\r\n\r\n").map(|(_, b)| b.to_string()).unwrap_or_default();
    (status, body)
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").and_then(|l| l.local_addr()).map(|a| a.port()).expect("port")
}

fn serve(dir: &std::path::Path, port: u16, smtp: u16) -> Child {
    let child = Command::new(env!("CARGO_BIN_EXE_backend"))
        .args(["serve", "--port", &port.to_string()])
        .env("DATA_DIR", dir)
        .env_remove("DATABASE_URL")
        .env("SMTP_URL", format!("smtp://127.0.0.1:{smtp}"))
        .env("STATIC_DIR", dir.join("geen-spa"))
        .env("RUST_LOG", "warn")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("serve");
    for _ in 0..300 {
        if TcpStream::connect(("127.0.0.1", port)).is_ok() && http(port, "GET", "/api/ready", None, "").0 == 200 {
            return child;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    panic!("the server did not start");
}

fn terminate(mut child: Child) {
    let _ = Command::new("kill").args(["-TERM", &child.id().to_string()]).status();
    let status = child.wait().expect("exit");
    assert!(status.success(), "a clean stop: {status:?}");
}

#[test]
fn sigterm_during_a_send_delivers_the_message_once() {
    let dir = std::env::temp_dir().join("va-planner-tests").join(format!("sigterm-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let admin = |args: &[&str]| {
        let out = Command::new(env!("CARGO_BIN_EXE_backend")).args(args).env("DATA_DIR", &dir).env_remove("DATABASE_URL").env("ADMIN_PASSWORD", "beheer-wachtwoord-2026").env("RUST_LOG", "warn").output().expect("run");
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    };
    admin(&["migrate"]);
    admin(&["create-admin", "--email", "beheer@bel.test", "--name", "Beheerder"]);
    let accepted = Arc::new(AtomicUsize::new(0));
    let (tx, arrived) = mpsc::channel();
    let smtp = slow_smtp(accepted.clone(), tx);
    let port = free_port();
    let server = serve(&dir, port, smtp);

    let (status, body) = http(port, "POST", "/api/v1/auth/login", None, r#"{"email":"beheer@bel.test","password":"beheer-wachtwoord-2026"}"#);
    assert_eq!(status, 200, "{body}");
    let token = body.split("\"token\":\"").nth(1).and_then(|t| t.split('"').next()).expect("token").to_string();
    let (status, body) = http(port, "POST", "/api/v1/users", Some(&token), r#"{"email":"nieuw@bel.test","name":"Nieuwe Trainer","role":"trainer"}"#);
    assert_eq!(status, 201, "{body}");

    arrived.recv_timeout(Duration::from_secs(30)).expect("the invitation reached the SMTP server");
    terminate(server);
    assert_eq!(accepted.load(Ordering::SeqCst), 1, "the stop waited for the server's answer");

    // The next start finds the message recorded as sent: nothing goes out again.
    let again = serve(&dir, port, smtp);
    std::thread::sleep(Duration::from_secs(5));
    terminate(again);
    assert_eq!(accepted.load(Ordering::SeqCst), 1, "delivered once");
    assert!(arrived.try_recv().is_err(), "no second attempt reached the server");
    let _ = std::fs::remove_dir_all(&dir);
}

//! A real SMTP server for tests: aiosmtpd in a child process, storing what it
//! receives in a maildir.

use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

pub struct SmtpServer {
    pub port: u16,
    pub maildir: PathBuf,
    child: Child,
}

/// A Python that has aiosmtpd: the first `python3` on PATH or Debian's.
fn python_with_aiosmtpd() -> Option<String> {
    ["python3", "/usr/bin/python3"].into_iter().map(String::from).find(|p| {
        Command::new(p)
            .args(["-c", "import aiosmtpd"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success())
    })
}

pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").and_then(|l| l.local_addr()).map(|a| a.port()).expect("free port")
}

/// aiosmtpd's Mailbox with faults: each message is answered only after
/// `delay` seconds (a slow server); a recipient whose address starts with
/// `stall` is never answered, one starting with `later` gets
/// "451 try again later".
const FAULTY_HANDLER: &str = r#"import asyncio
import os
import uuid
from aiosmtpd.handlers import Mailbox


class FaultyMailbox(Mailbox):
    def __init__(self, path, delay):
        super().__init__(path)
        self.delay = float(delay)
        self.receiving = str(path) + ".receiving"
        os.makedirs(self.receiving, exist_ok=True)

    @classmethod
    def from_cli(cls, parser, *args):
        return cls(args[0], args[1])

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.startswith("stall"):
            await asyncio.sleep(3600)
        if address.startswith("later"):
            return "451 4.3.0 Try again later"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        # A message on its way: tests wait for this before they interrupt a send.
        open(os.path.join(self.receiving, uuid.uuid4().hex), "w").close()
        await asyncio.sleep(self.delay)
        return await super().handle_DATA(server, session, envelope)
"#;

impl SmtpServer {
    pub async fn start() -> SmtpServer {
        Self::start_with(None).await
    }

    /// A server that takes `delay` to accept each message, and stalls or
    /// answers 451 for some recipients (`FAULTY_HANDLER`).
    pub async fn start_slow(delay: Duration) -> SmtpServer {
        Self::start_with(Some(delay)).await
    }

    /// No delay, the recipient faults only.
    pub async fn start_faulty() -> SmtpServer {
        Self::start_with(Some(Duration::ZERO)).await
    }

    async fn start_with(delay: Option<Duration>) -> SmtpServer {
        let python = python_with_aiosmtpd().expect("aiosmtpd is not installed (pip install aiosmtpd or apt install python3-aiosmtpd)");
        let port = free_port();
        let maildir = std::env::temp_dir().join("va-planner-tests").join(format!("maildir-{}", uuid::Uuid::new_v4().simple()));
        // aiosmtpd's Mailbox handler creates the maildir (with tmp/new/cur) itself.
        std::fs::create_dir_all(maildir.parent().expect("parent")).expect("maildir parent");
        let mut cmd = Command::new(python);
        cmd.args(["-m", "aiosmtpd", "-n", "-l", &format!("127.0.0.1:{port}")]);
        match delay {
            None => {
                cmd.args(["-c", "aiosmtpd.handlers.Mailbox"]).arg(&maildir);
            }
            Some(d) => {
                let dir = maildir.with_extension("handler");
                std::fs::create_dir_all(&dir).expect("handler dir");
                std::fs::write(dir.join("va_faulty_smtp.py"), FAULTY_HANDLER).expect("handler");
                cmd.env("PYTHONPATH", &dir).args(["-c", "va_faulty_smtp.FaultyMailbox"]).arg(&maildir).arg(d.as_secs_f64().to_string());
            }
        }
        let child = cmd
            .stdout(Stdio::null())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("start aiosmtpd");
        for _ in 0..100 {
            if tokio::net::TcpStream::connect(("127.0.0.1", port)).await.is_ok() {
                return SmtpServer { port, maildir, child };
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        panic!("aiosmtpd did not start on port {port}");
    }

    pub fn url(&self) -> String {
        format!("smtp://127.0.0.1:{}", self.port)
    }

    /// Messages received so far (maildir `new/` and `cur/`).
    pub fn messages(&self) -> Vec<String> {
        let mut out = Vec::new();
        for sub in ["new", "cur"] {
            if let Ok(rd) = std::fs::read_dir(self.maildir.join(sub)) {
                for e in rd.flatten() {
                    out.push(std::fs::read_to_string(e.path()).unwrap_or_default());
                }
            }
        }
        out
    }

    /// Messages whose data the server has begun to receive (slow and faulty
    /// servers only): a send is under way once this grows.
    pub fn receiving(&self) -> usize {
        std::fs::read_dir(self.maildir.with_extension("receiving")).map(|rd| rd.count()).unwrap_or(0)
    }

    pub fn stop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Drop for SmtpServer {
    fn drop(&mut self) {
        self.stop();
    }
}

/// A port that accepts connections and then never says a word (a server that
/// hangs, or an implicit-TLS port that waits for a TLS hello that an
/// `smtp://` client never sends); with `close`, it hangs up at once instead.
pub struct SilentSink {
    pub port: u16,
    task: tokio::task::JoinHandle<()>,
}

impl SilentSink {
    pub async fn start(close: bool) -> SilentSink {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind");
        let port = listener.local_addr().expect("addr").port();
        let task = tokio::spawn(async move {
            let mut held = Vec::new();
            while let Ok((socket, _)) = listener.accept().await {
                if !close {
                    held.push(socket);
                }
            }
        });
        SilentSink { port, task }
    }

    pub fn url(&self) -> String {
        format!("smtp://127.0.0.1:{}", self.port)
    }
}

impl Drop for SilentSink {
    fn drop(&mut self) {
        self.task.abort();
    }
}

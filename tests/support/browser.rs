//! Headless Chromium through chromedriver (Debian's `chromium` + `chromium-driver`).

use fantoccini::{Client, ClientBuilder, Locator};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

pub struct Browser {
    pub client: Client,
    driver: Child,
    /// Where the browser saves downloads.
    pub downloads: std::path::PathBuf,
}

fn require() -> bool {
    matches!(std::env::var("REQUIRE_BROWSER").as_deref(), Ok("1") | Ok("true") | Ok("yes"))
}

fn chromium_binary() -> Option<&'static str> {
    ["/usr/bin/chromium", "/usr/bin/chromium-browser"].into_iter().find(|p| std::path::Path::new(p).exists())
}

impl Browser {
    /// `None` (test skipped) when Chromium or chromedriver is missing and not required.
    pub async fn start() -> Option<Browser> {
        let have_driver = Command::new("chromedriver").arg("--version").stdout(Stdio::null()).status().is_ok_and(|s| s.success());
        let Some(binary) = chromium_binary().filter(|_| have_driver) else {
            if require() {
                panic!("REQUIRE_BROWSER is set but chromium or chromedriver is missing");
            }
            eprintln!("skipping browser test: chromium/chromedriver not installed");
            return None;
        };
        let port = super::smtp::free_port();
        let driver = Command::new("chromedriver")
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start chromedriver");
        let profile = std::env::temp_dir().join("va-planner-tests").join(format!("chrome-{}", uuid::Uuid::new_v4().simple()));
        let downloads = profile.join("downloads");
        std::fs::create_dir_all(&downloads).expect("download dir");
        let caps: serde_json::Map<String, serde_json::Value> = serde_json::from_value(serde_json::json!({
            "browserName": "chrome",
            "goog:chromeOptions": {
                "binary": binary,
                "args": [
                    "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
                    "--no-first-run", "--disable-background-networking", "--disable-component-update",
                    "--disable-sync", "--window-size=1280,900", "--lang=nl-NL",
                    format!("--user-data-dir={}", profile.display()),
                ],
                "prefs": {
                    "download.default_directory": downloads.display().to_string(),
                    "download.prompt_for_download": false,
                }
            }
        }))
        .expect("caps");
        let mut last_err = None;
        for _ in 0..50 {
            let mut builder = ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new());
            builder.capabilities(caps.clone());
            match builder.connect(&format!("http://127.0.0.1:{port}")).await {
                Ok(client) => return Some(Browser { client, driver, downloads }),
                Err(e) => {
                    last_err = Some(e.to_string());
                    tokio::time::sleep(Duration::from_millis(200)).await;
                }
            }
        }
        panic!("could not start a WebDriver session: {last_err:?}");
    }

    /// Waits up to 10 s for an element.
    pub async fn find(&self, css: &str) -> fantoccini::elements::Element {
        self.client
            .wait()
            .at_most(Duration::from_secs(10))
            .for_element(Locator::Css(css))
            .await
            .unwrap_or_else(|e| panic!("element {css} did not appear: {e}"))
    }

    /// Waits up to 10 s until the element's text contains `needle`.
    pub async fn wait_text(&self, css: &str, needle: &str) -> String {
        let mut last = String::new();
        for _ in 0..100 {
            if let Ok(el) = self.client.find(Locator::Css(css)).await {
                last = el.text().await.unwrap_or_default();
                if last.contains(needle) {
                    return last;
                }
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        panic!("{css} never contained {needle:?}; last text {last:?}");
    }

    pub async fn wait_path(&self, path: &str) {
        for _ in 0..100 {
            if self.client.current_url().await.map(|u| u.path() == path).unwrap_or(false) {
                return;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        let now = self.client.current_url().await.map(|u| u.to_string()).unwrap_or_default();
        panic!("never reached {path}; at {now}");
    }

    /// Saves a PNG of the page under `target/screenshots/` for people to look at.
    pub async fn screenshot(&self, name: &str) {
        if let Ok(png) = self.client.screenshot().await {
            let dir = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../target/screenshots");
            let _ = std::fs::create_dir_all(&dir);
            let _ = std::fs::write(dir.join(format!("{name}.png")), png);
        }
    }

    /// Like `screenshot`, with the window as tall as the page, to see a whole board.
    pub async fn screenshot_full(&self, name: &str) {
        let h = self
            .client
            .execute("return document.documentElement.scrollHeight", vec![])
            .await
            .ok()
            .and_then(|v| v.as_u64())
            .unwrap_or(900)
            .clamp(900, 8000);
        let _ = self.client.set_window_size(1280, h as u32).await;
        self.screenshot(name).await;
        let _ = self.client.set_window_size(1280, 900).await;
    }

    /// Waits up to 10 s for a finished download whose name starts with `prefix`.
    pub async fn downloaded(&self, prefix: &str) -> std::path::PathBuf {
        for _ in 0..100 {
            let found = std::fs::read_dir(&self.downloads).ok().and_then(|d| {
                d.filter_map(Result::ok).map(|e| e.path()).find(|p| {
                    let name = p.file_name().and_then(|n| n.to_str()).unwrap_or_default();
                    name.starts_with(prefix) && !name.ends_with(".crdownload")
                })
            });
            if let Some(p) = found {
                return p;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        panic!("no download starting with {prefix} in {}", self.downloads.display());
    }

    pub async fn close(mut self) {
        let _ = self.client.clone().close().await;
        let _ = self.driver.kill();
        let _ = self.driver.wait();
    }
}

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

    /// Waits up to 20 s until the element's text contains `needle` (a loaded
    /// machine running the tests side by side can take that long).
    pub async fn wait_text(&self, css: &str, needle: &str) -> String {
        let mut last = String::new();
        for _ in 0..200 {
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

    /// Whether the element's text comes to contain `needle` within `secs` seconds.
    pub async fn has_text(&self, css: &str, needle: &str, secs: u64) -> bool {
        for _ in 0..secs * 10 {
            if let Ok(el) = self.client.find(Locator::Css(css)).await {
                if el.text().await.unwrap_or_default().contains(needle) {
                    return true;
                }
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        false
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

    /// The window's size in CSS pixels (390x844 a phone, 1366x900 a laptop).
    pub async fn resize(&self, width: u32, height: u32) {
        self.client.set_window_size(width, height).await.expect("window size");
        // Outer size includes nothing in headless mode, but check what the page sees.
        let inner = self.client.execute("return window.innerWidth", vec![]).await.expect("js").as_u64().unwrap_or(0);
        if inner != u64::from(width) {
            let extra = u32::try_from(inner).unwrap_or(width).abs_diff(width);
            self.client.set_window_size(width + extra, height).await.expect("window size");
        }
    }

    /// Waits until the page shows no loading text (up to 10 s), then a moment for the last render.
    pub async fn wait_loaded(&self) {
        for _ in 0..100 {
            let busy = self
                .client
                .execute("const m = document.querySelector('main'); return !m || m.innerText.trim() === '' || /Laden…|Loading…/.test(m.innerText)", vec![])
                .await
                .ok()
                .and_then(|v| v.as_bool())
                .unwrap_or(true);
            if !busy {
                break;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        tokio::time::sleep(Duration::from_millis(300)).await;
    }

    /// WCAG 1.4.10: the page never scrolls sideways (`what` names the screen in the failure).
    pub async fn assert_no_overflow(&self, what: &str) {
        let v = self
            .client
            .execute("return [document.documentElement.scrollWidth, window.innerWidth]", vec![])
            .await
            .expect("js");
        let (scroll, inner) = (v[0].as_u64().unwrap_or(0), v[1].as_u64().unwrap_or(0));
        assert!(scroll <= inner, "{what}: the page is {scroll} px wide in a {inner} px window");
    }

    /// axe-core's WCAG 2.1 A and AA rules on the page as it is: each violation as `rule: targets`.
    pub async fn axe(&self) -> Vec<String> {
        static SOURCE: std::sync::OnceLock<String> = std::sync::OnceLock::new();
        let source = SOURCE.get_or_init(|| {
            let path = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../frontend/node_modules/axe-core/axe.min.js");
            std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("axe-core from npm at {} ({e}): run cargo xtask frontend", path.display()))
        });
        self.client.execute(source, vec![]).await.expect("inject axe-core");
        let found = self
            .client
            .execute_async(
                "const done = arguments[arguments.length - 1];
                 axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } })
                    .then(r => done(r.violations.map(v => v.id + ': ' + v.nodes.map(n => n.target.join(' ')).slice(0, 3).join(' | '))))
                    .catch(e => done(['axe failed: ' + e]));",
                vec![],
            )
            .await
            .expect("run axe-core");
        found.as_array().map(|a| a.iter().filter_map(|v| v.as_str().map(String::from)).collect()).unwrap_or_default()
    }

    /// Presses Tab until the focused element matches `css` (at most 150 times): proof that it
    /// is reachable by keyboard. Panics when it never gets focus.
    pub async fn tab_to(&self, css: &str) {
        for _ in 0..150 {
            if self.focused_is(css).await {
                return;
            }
            self.press("\u{E004}").await;
        }
        let at = self.client.execute("const a = document.activeElement; return a ? a.outerHTML.slice(0, 120) : ''", vec![]).await.unwrap_or_default();
        panic!("Tab never reached {css}; focus is on {at}");
    }

    /// Types keys into the focused element (`\u{E007}` is Enter, `\u{E004}` Tab, `\u{E00D}` Space).
    pub async fn press(&self, keys: &str) {
        let el = self.client.active_element().await.expect("focused element");
        el.send_keys(keys).await.expect("keys");
    }

    /// The element that has the focus matches `css`.
    pub async fn focused_is(&self, css: &str) -> bool {
        let check = format!("return !!document.activeElement && document.activeElement.matches({})", serde_json::to_string(css).expect("css"));
        self.client.execute(&check, vec![]).await.ok().and_then(|v| v.as_bool()).unwrap_or(false)
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

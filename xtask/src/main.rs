//! `cargo run -p xtask -- frontend`: builds the SPA bundle into `frontend/dist`:
//! the wasm crate (release), its JS glue (wasm-bindgen, same version as the
//! crate), index.html, our stylesheet and the NL Design System CSS from npm.

use anyhow::{bail, Context, Result};
use std::path::{Path, PathBuf};
use std::process::Command;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().map(Path::to_path_buf).unwrap_or_else(|| PathBuf::from("."))
}

fn run(cmd: &mut Command) -> Result<()> {
    eprintln!("xtask: {cmd:?}");
    let status = cmd.status().with_context(|| format!("starting {cmd:?}"))?;
    if !status.success() {
        bail!("{cmd:?} failed with {status}");
    }
    Ok(())
}

fn copy(from: &Path, to: &Path) -> Result<()> {
    if let Some(parent) = to.parent() {
        std::fs::create_dir_all(parent)?;
    }
    std::fs::copy(from, to).with_context(|| format!("copying {} to {}", from.display(), to.display()))?;
    Ok(())
}

fn npm_assets(frontend: &Path) -> Result<()> {
    let marker = frontend.join("node_modules/.package-lock.json");
    let lock = frontend.join("package-lock.json");
    let fresh = match (std::fs::metadata(&marker), std::fs::metadata(&lock)) {
        (Ok(m), Ok(l)) => m.modified()? >= l.modified()?,
        _ => false,
    };
    if !fresh {
        run(Command::new("npm").args(["ci", "--no-audit", "--no-fund", "--loglevel=error"]).current_dir(frontend))?;
    }
    Ok(())
}

fn build_frontend() -> Result<()> {
    let root = root();
    let frontend = root.join("frontend");
    let dist = frontend.join("dist");
    npm_assets(&frontend)?;

    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    run(Command::new(cargo)
        .args(["build", "-p", "va-frontend", "--target", "wasm32-unknown-unknown", "--release"])
        .current_dir(&root))?;
    let target_dir = std::env::var("CARGO_TARGET_DIR").map(PathBuf::from).unwrap_or_else(|_| root.join("target"));
    let wasm = target_dir.join("wasm32-unknown-unknown/release/va_frontend.wasm");

    if dist.exists() {
        std::fs::remove_dir_all(&dist)?;
    }
    std::fs::create_dir_all(dist.join("pkg"))?;
    wasm_bindgen_cli_support::Bindgen::new()
        .input_path(&wasm)
        .web(true)?
        .omit_default_module_path(false)
        .out_name("va_frontend")
        .generate(dist.join("pkg"))
        .context("wasm-bindgen")?;

    copy(&frontend.join("index.html"), &dist.join("index.html"))?;
    copy(&frontend.join("style/app.css"), &dist.join("css/app.css"))?;
    copy(&frontend.join("style/favicon.svg"), &dist.join("favicon.svg"))?;
    let nlds = frontend.join("node_modules/@utrecht");
    copy(&nlds.join("component-library-css/dist/index.css"), &dist.join("css/utrecht-components.css"))?;
    copy(&nlds.join("design-tokens/dist/theme.css"), &dist.join("css/utrecht-theme.css"))?;

    let size = std::fs::metadata(dist.join("pkg/va_frontend_bg.wasm"))?.len();
    eprintln!("xtask: frontend/dist ready (wasm {} KiB)", size / 1024);
    Ok(())
}

fn main() -> Result<()> {
    match std::env::args().nth(1).as_deref() {
        Some("frontend") => build_frontend(),
        _ => bail!("usage: cargo run -p xtask -- frontend"),
    }
}

//! Project tasks (`cargo xtask <task>`, an alias in `.cargo/config.toml`):
//! - `frontend`: builds the SPA's four bundles into `frontend/dist` (the whole
//!   app, the login pages, the trainer's, and those of ambassadors and
//!   organisation contacts): the wasm crate (Leptos with `erase_components`), its JS glue (wasm-bindgen, same version
//!   as the crate, without the name section), binaryen's `wasm-opt -Oz` from
//!   npm, index.html, our stylesheet and the NL Design System CSS from npm;
//!   every asset content-hashed and written beside its brotli and gzip copies.
//! - `serve`: builds the SPA and starts the planner on SQLite with demo data.
//! - `test`: builds the SPA and runs the whole test suite, ending with one
//!   `summary: N passed, N failed` line.

mod css;

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

    if dist.exists() {
        std::fs::remove_dir_all(&dist)?;
    }
    let pkg = dist.join("pkg");
    std::fs::create_dir_all(&pkg)?;
    // Each bundle's wasm is optimised on a thread of its own while the next one
    // compiles (both are single-threaded): the four take about the time of
    // their compilations.
    let mut built = Vec::new();
    for (feature, out_name) in BUNDLES {
        let (wasm, js) = bundle(&root, &pkg, feature, out_name)?;
        let frontend = frontend.clone();
        built.push(std::thread::spawn(move || -> Result<(String, String)> {
            optimise_wasm(&frontend, &wasm)?;
            // Every asset gets its content's hash in its name, so browsers may keep it
            // for a year and a new build can never pair stale wasm with fresh JS.
            Ok((hashed(&js)?, hashed(&wasm)?))
        }));
    }
    let mut files = Vec::new();
    for optimising in built {
        files.push(optimising.join().map_err(|_| anyhow::anyhow!("optimising the wasm"))??);
    }
    let [whole, login, trainer, partner] = <[(String, String); 4]>::try_from(files).map_err(|_| anyhow::anyhow!("four bundles"))?;
    let nlds = frontend.join("node_modules/@utrecht");
    let mut css = Vec::new();
    for (from, name) in [
        (nlds.join("design-tokens/dist/theme.css"), "utrecht-theme.css"),
        (nlds.join("component-library-css/dist/index.css"), "utrecht-components.css"),
        (frontend.join("style/app.css"), "app.css"),
    ] {
        let to = dist.join("css").join(name);
        copy(&from, &to)?;
        if name == "utrecht-components.css" {
            let used = css::used_classes(&frontend)?;
            std::fs::write(&to, css::prune(&std::fs::read_to_string(&to)?, &used))?;
        }
        css.push(hashed(&to)?);
    }
    let template = std::fs::read_to_string(frontend.join("index.html"))?;
    let mut written = Vec::new();
    let bundle_of = |(js, wasm): &(String, String)| format!("[\"/pkg/{js}\", \"/pkg/{wasm}\"]");
    let pages = [
        // The login pages (the server picks this page for them): one bundle,
        // whose glue and wasm start downloading with the stylesheets.
        (
            "login.html",
            "boot-login.js",
            format!(
                "// Starts the login bundle: a file of its own, so the Content-Security-Policy needs no inline script.\n\
                 import init from \"/pkg/{}\";\ninit({{ module_or_path: \"/pkg/{}\" }});\n",
                login.0, login.1
            ),
            format!(
                "<link rel=\"modulepreload\" href=\"/pkg/{}\">\n  \
                 <link rel=\"preload\" href=\"/pkg/{}\" as=\"fetch\" type=\"application/wasm\" crossorigin>\n  ",
                login.0, login.1
            ),
        ),
        // Every other page: the bundle of the role in the stored session (the
        // one the SPA itself goes by); without one, the login bundle, which
        // sends to the login page and from there to the page asked for.
        (
            "index.html",
            "boot.js",
            format!(
                "// Starts the SPA with the bundle of the role in the stored session (without one,\n\
                 // the login bundle): a file of its own, so the Content-Security-Policy needs no\n\
                 // inline script. The wasm is fetched while the glue loads.\n\
                 const bundles = {{ bel_coordinator: {whole}, trainer: {trainer}, ambassador: {partner}, org_contact: {partner} }};\n\
                 let role = null;\n\
                 try {{ role = JSON.parse(localStorage.getItem(\"va-planner.session\")).user.role; }} catch (e) {{ role = null; }}\n\
                 const [glue, wasm] = bundles[role] || {login};\n\
                 const preload = Object.assign(document.createElement(\"link\"), {{ rel: \"preload\", href: wasm, as: \"fetch\", type: \"application/wasm\", crossOrigin: \"anonymous\" }});\n\
                 document.head.append(preload);\n\
                 const {{ default: init }} = await import(glue);\n\
                 init({{ module_or_path: wasm }});\n",
                whole = bundle_of(&whole),
                trainer = bundle_of(&trainer),
                partner = bundle_of(&partner),
                login = bundle_of(&login),
            ),
            String::new(),
        ),
    ];
    for (page, boot, script, preload) in pages {
        let boot_path = dist.join(boot);
        std::fs::write(&boot_path, script)?;
        let boot_name = hashed(&boot_path)?;
        let mut index = template.clone();
        for (plain, name) in ["utrecht-theme.css", "utrecht-components.css", "app.css"].iter().zip(&css) {
            index = index.replace(&format!("/css/{plain}\""), &format!("/css/{name}\""));
        }
        index = index.replace("/boot.js\"", &format!("/{boot_name}\""));
        index = index.replacen("<script type=\"module\"", &format!("{preload}<script type=\"module\""), 1);
        std::fs::write(dist.join(page), index)?;
        written.push(dist.join(&boot_name));
    }
    for (js, wasm) in [&whole, &login, &trainer, &partner] {
        written.extend([pkg.join(js), pkg.join(wasm)]);
    }
    copy(&frontend.join("style/favicon.svg"), &dist.join("favicon.svg"))?;
    for file in written.iter().cloned().chain(css.iter().map(|c| dist.join("css").join(c))) {
        precompress(&file)?;
    }

    let size = |p: &Path| std::fs::metadata(p).map(|m| m.len()).unwrap_or(0);
    for (_, wasm) in [&whole, &login, &trainer, &partner] {
        let path = pkg.join(wasm);
        eprintln!("xtask: {wasm}: {} KiB, brotli {} KiB", size(&path) / 1024, size(&path.with_extension("wasm.br")) / 1024);
    }
    eprintln!("xtask: frontend/dist ready");
    Ok(())
}

/// The bundles, each the crate with a feature (see `frontend/src/app.rs`) and
/// the name of its files: the whole app, the login pages, the trainer's, and
/// those of ambassadors and organisation contacts.
const BUNDLES: [(Option<&str>, &str); 4] =
    [(None, "va_frontend"), (Some("entry-login"), "va_login"), (Some("entry-trainer"), "va_trainer"), (Some("entry-partner"), "va_partner")];

/// Builds the wasm crate (with `feature`, if any) and its JS glue named
/// `out_name`; returns the paths of the wasm and the glue.
fn bundle(root: &Path, pkg: &Path, feature: Option<&str>, out_name: &str) -> Result<(PathBuf, PathBuf)> {
    let mut build = cargo();
    build.args(["build", "-p", "va-frontend", "--target", "wasm32-unknown-unknown", "--profile", "wasm-release"]);
    if let Some(f) = feature {
        build.args(["--features", f]);
    }
    run(&mut build)?;
    let target_dir = std::env::var("CARGO_TARGET_DIR").map(PathBuf::from).unwrap_or_else(|_| root.join("target"));
    let wasm = target_dir.join("wasm32-unknown-unknown/wasm-release/va_frontend.wasm");
    wasm_bindgen_cli_support::Bindgen::new()
        .input_path(&wasm)
        .web(true)?
        .omit_default_module_path(false)
        // Function names are for debugging; they were half of the file.
        .remove_name_section(true)
        .remove_producers_section(true)
        .out_name(out_name)
        .generate(pkg)
        .context("wasm-bindgen")?;
    Ok((pkg.join(format!("{out_name}_bg.wasm")), pkg.join(format!("{out_name}.js"))))
}

/// binaryen's `wasm-opt -Oz` from npm (Debian's older build produced wasm
/// that crashed Chromium): about a third smaller.
fn optimise_wasm(frontend: &Path, wasm: &Path) -> Result<()> {
    let tool = frontend.join("node_modules/.bin/wasm-opt");
    let out = wasm.with_extension("opt.wasm");
    run(Command::new(&tool).args(["-Oz", "--strip-debug", "--strip-producers"]).arg(wasm).arg("-o").arg(&out))?;
    std::fs::rename(&out, wasm)?;
    Ok(())
}

/// Renames `name.ext` to `name.<hash>.ext` (the first 10 hex digits of its
/// SHA-256) and returns the new file name.
fn hashed(path: &Path) -> Result<String> {
    use sha2::{Digest, Sha256};
    let bytes = std::fs::read(path)?;
    let digest = Sha256::digest(&bytes);
    let hex: String = digest.iter().take(5).map(|b| format!("{b:02x}")).collect();
    let stem = path.file_stem().and_then(|s| s.to_str()).context("file name")?;
    let ext = path.extension().and_then(|s| s.to_str()).context("extension")?;
    let name = format!("{stem}.{hex}.{ext}");
    std::fs::rename(path, path.with_file_name(&name))?;
    Ok(name)
}

/// Writes `file.br` and `file.gz` beside `file`, which the server sends to
/// browsers that accept them (no compression per request).
fn precompress(file: &Path) -> Result<()> {
    use std::io::Write;
    let bytes = std::fs::read(file)?;
    let mut br = Vec::new();
    {
        let mut w = brotli::CompressorWriter::new(&mut br, 64 * 1024, 11, 22);
        w.write_all(&bytes)?;
    }
    let name = file.file_name().and_then(|n| n.to_str()).context("file name")?;
    std::fs::write(file.with_file_name(format!("{name}.br")), br)?;
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    gz.write_all(&bytes)?;
    std::fs::write(file.with_file_name(format!("{name}.gz")), gz.finish()?)?;
    Ok(())
}

fn cargo() -> Command {
    let mut c = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()));
    c.current_dir(root());
    c
}

/// Adds the wasm target when rustup is there and the target is missing.
fn ensure_wasm_target() -> Result<()> {
    let out = Command::new("rustup").args(["target", "list", "--installed"]).output();
    match out {
        Ok(o) if String::from_utf8_lossy(&o.stdout).contains("wasm32-unknown-unknown") => Ok(()),
        Ok(_) => run(Command::new("rustup").args(["target", "add", "wasm32-unknown-unknown"])),
        Err(_) => Ok(()), // no rustup: the toolchain is managed otherwise; the build will say if the target is missing
    }
}

/// Sums `test result:` lines of cargo test output.
fn count(line: &str, passed: &mut u64, failed: &mut u64) {
    if let Some(rest) = line.trim().strip_prefix("test result: ") {
        for part in rest.split(';') {
            let mut words = part.split_whitespace().rev();
            let (Some(kind), Some(n)) = (words.next(), words.next()) else { continue };
            let n: u64 = n.parse().unwrap_or(0);
            match kind {
                "passed" => *passed += n,
                "failed" => *failed += n,
                _ => {}
            }
        }
    }
}

fn run_counted(cmd: &mut Command, passed: &mut u64, failed: &mut u64) -> Result<bool> {
    use std::io::{BufRead, BufReader};
    eprintln!("xtask: {cmd:?}");
    let mut child = cmd.stdout(std::process::Stdio::piped()).spawn()?;
    if let Some(out) = child.stdout.take() {
        for line in BufReader::new(out).lines() {
            let line = line?;
            println!("{line}");
            count(&line, passed, failed);
        }
    }
    Ok(child.wait()?.success())
}

fn flag(name: &str) -> bool {
    matches!(std::env::var(name).as_deref(), Ok("1") | Ok("true") | Ok("yes"))
}

fn have(cmd: &str) -> bool {
    Command::new(cmd).arg("--version").output().is_ok_and(|o| o.status.success())
}

/// The pinned schemathesis in a virtual environment under `target/` (pip,
/// once); `None` when it cannot be installed here and REQUIRE_SCHEMATHESIS
/// (set by CI) is not set: then its test is left out and said so.
fn ensure_schemathesis() -> Result<Option<PathBuf>> {
    const VERSION: &str = "4.32.5";
    let venv = root().join("target/schemathesis");
    let st = venv.join("bin/st");
    let current = Command::new(&st).arg("--version").output().is_ok_and(|o| String::from_utf8_lossy(&o.stdout).contains(VERSION));
    if !current {
        eprintln!("xtask: installing schemathesis {VERSION} into {}", venv.display());
        let ok = Command::new("python3").args(["-m", "venv"]).arg(&venv).status().is_ok_and(|s| s.success())
            && Command::new(venv.join("bin/pip")).args(["install", "-q", &format!("schemathesis=={VERSION}")]).status().is_ok_and(|s| s.success());
        if !ok {
            if flag("REQUIRE_SCHEMATHESIS") {
                bail!("REQUIRE_SCHEMATHESIS is set but schemathesis {VERSION} could not be installed with pip");
            }
            eprintln!("xtask: schemathesis could not be installed: its run is left out");
            return Ok(None);
        }
    }
    Ok(Some(st))
}

fn test() -> Result<()> {
    ensure_wasm_target()?;
    build_frontend()?;
    // Tests that cannot run here are left out by name and said so, not counted as passed;
    // REQUIRE_POSTGRES / REQUIRE_BROWSER (set by CI) make them run and fail instead.
    let mut skip: Vec<&str> = Vec::new();
    if std::env::var("TEST_DATABASE_URL").is_err() && !flag("REQUIRE_POSTGRES") {
        eprintln!("xtask: TEST_DATABASE_URL is not set: PostgreSQL variants are left out");
        skip.push("postgres");
    }
    let browser = (have("chromium") || have("/usr/bin/chromium")) && have("chromedriver");
    if !browser && !flag("REQUIRE_BROWSER") {
        eprintln!("xtask: chromium/chromedriver not installed: browser tests are left out");
        skip.push("chromium::");
    }
    let schemathesis = ensure_schemathesis()?;
    if schemathesis.is_none() {
        skip.push("schemathesis_");
    }
    let (mut passed, mut failed) = (0, 0);
    // Doc tests are left out: there are none, and their empty run would end the output.
    let mut cmd = cargo();
    cmd.args(["test", "--workspace", "--exclude", "va-frontend", "--lib", "--bins", "--tests", "--"]);
    for s in &skip {
        cmd.args(["--skip", s]);
    }
    if let Some(st) = &schemathesis {
        cmd.env("SCHEMATHESIS", st);
    }
    let ok_backend = run_counted(&mut cmd, &mut passed, &mut failed)?;
    let ok_frontend = run_counted(cargo().args(["test", "-p", "va-frontend", "--lib"]), &mut passed, &mut failed)?;
    println!("summary: {passed} passed, {failed} failed");
    if !(ok_backend && ok_frontend) {
        bail!("tests failed");
    }
    Ok(())
}

fn serve() -> Result<()> {
    ensure_wasm_target()?;
    build_frontend()?;
    let extra: Vec<String> = std::env::args().skip(2).collect();
    run(cargo().args(["run", "-q", "-p", "va-backend", "--bin", "backend", "--", "serve", "--demo"]).args(extra))
}

fn main() -> Result<()> {
    match std::env::args().nth(1).as_deref() {
        Some("frontend") => {
            ensure_wasm_target()?;
            build_frontend()
        }
        Some("serve") => serve(),
        Some("test") => test(),
        _ => bail!("usage: cargo xtask frontend | serve [--port N] | test"),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn cargo_test_result_lines_are_summed() {
        let (mut p, mut f) = (0, 0);
        super::count("test result: ok. 41 passed; 0 failed; 0 ignored; 0 measured; 0 filtered out; finished in 6.19s", &mut p, &mut f);
        super::count("test result: FAILED. 3 passed; 2 failed; 1 ignored; 0 measured; 0 filtered out", &mut p, &mut f);
        super::count("running 4 tests", &mut p, &mut f);
        assert_eq!((p, f), (44, 2));
    }
}

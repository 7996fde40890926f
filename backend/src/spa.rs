//! Serves the built SPA. Its assets live under `/pkg` and `/css`; every other
//! non-API path gets `index.html` so client routes survive a reload, and
//! unknown API paths get a problem document.

use crate::error::AppError;
use actix_files::NamedFile;
use actix_web::{web, HttpRequest, HttpResponse};
use std::path::{Path, PathBuf};

/// The pages the login bundle serves (feature `entry-login` of the SPA): those
/// someone without a session needs (logging in, a password, answering an offer
/// an evaluation or a learning session from a mail), a fraction of the whole app's download.
/// Every other page gets `index.html`, whose boot script picks the bundle of
/// the role in the stored session.
const LOGIN_PAGES: [&str; 6] = ["/inloggen", "/wachtwoord-vergeten", "/wachtwoord-instellen", "/aanbod", "/evaluatie", "/leersessie"];

/// Whether a page is answered with the login bundle: the login pages, and the
/// start page when the browser brings no session. Every other page gets the
/// role's bundle (the login bundle hands those to it with a page load).
fn login_shell(path: &str, has_session: bool) -> bool {
    LOGIN_PAGES.contains(&path) || (path == "/" && !has_session)
}

async fn fallback(req: HttpRequest, index: web::Data<SpaIndex>) -> HttpResponse {
    if req.path() == "/api" || req.path().starts_with("/api/") {
        return actix_web::ResponseError::error_response(&AppError::NotFound);
    }
    let has_session = req
        .headers()
        .get_all(actix_web::http::header::COOKIE)
        .filter_map(|v| v.to_str().ok())
        .any(|c| crate::auth::caller::cookie(c, crate::auth::caller::SESSION_COOKIE).is_some_and(|t| !t.is_empty()));
    let login = index.0.with_file_name("login.html");
    let page = if login_shell(req.path(), has_session) && login.is_file() { login } else { index.0.clone() };
    match NamedFile::open_async(&page).await {
        // The shell must never be cached stale: it names the current bundle.
        Ok(f) => {
            let mut res = f.use_etag(false).use_last_modified(false).into_response(&req);
            res.headers_mut().insert(
                actix_web::http::header::CACHE_CONTROL,
                actix_web::http::header::HeaderValue::from_static("no-cache"),
            );
            res
        }
        Err(_) => HttpResponse::ServiceUnavailable().content_type("text/html; charset=utf-8").body(
            "<!doctype html><html lang=\"nl\"><title>VA-trainingsplanner</title>\
             <p>De webapplicatie is nog niet gebouwd: voer <code>cargo xtask frontend</code> uit.</p></html>",
        ),
    }
}

struct SpaIndex(PathBuf);

/// The build gives every bundle file its content's hash in its name
/// (`va_frontend_bg.1a2b3c4d5e.wasm`): such a file never changes, and browsers
/// keep it for a year. Files without one (the icon) are revalidated.
fn is_hashed(name: &str) -> bool {
    let mut parts = name.rsplit('.');
    let _ext = parts.next();
    parts.next().is_some_and(|h| h.len() == 10 && h.bytes().all(|b| b.is_ascii_hexdigit()))
}

/// Only plain names below the asset directory: no "..", no hidden files, no odd characters.
fn is_plain(rel: &str) -> bool {
    !rel.is_empty() && rel.split('/').all(|seg| !seg.is_empty() && !seg.starts_with('.') && seg.bytes().all(|b| b.is_ascii_alphanumeric() || b"._-".contains(&b)))
}

/// Whether `accept` (an Accept-Encoding value) allows `coding` (q > 0).
fn accepts(accept: &str, coding: &str) -> bool {
    accept.split(',').any(|item| {
        let mut parts = item.split(';').map(str::trim);
        parts.next().is_some_and(|c| c.eq_ignore_ascii_case(coding))
            && parts.all(|p| !matches!(p.strip_prefix("q=").map(str::trim), Some("0" | "0.0" | "0.00" | "0.000")))
    })
}

/// A bundle file, as the `.br` or `.gz` copy the build wrote beside it when
/// the browser accepts that (nothing is compressed per request).
async fn asset(req: HttpRequest, dir: &Path, rel: &str) -> HttpResponse {
    use actix_files::file_extension_to_mime;
    use actix_web::http::header::{self, ContentEncoding, HeaderValue};
    if !is_plain(rel) {
        return HttpResponse::NotFound().finish();
    }
    let path = dir.join(rel);
    let name = rel.rsplit('/').next().unwrap_or(rel);
    let mime = file_extension_to_mime(path.extension().and_then(|e| e.to_str()).unwrap_or(""));
    let accept = req.headers().get(header::ACCEPT_ENCODING).and_then(|v| v.to_str().ok()).unwrap_or("");
    let mut chosen = None;
    for (coding, ext, encoding) in [("br", "br", ContentEncoding::Brotli), ("gzip", "gz", ContentEncoding::Gzip)] {
        let variant = path.with_file_name(format!("{name}.{ext}"));
        if accepts(accept, coding) && variant.is_file() {
            chosen = Some((variant, encoding));
            break;
        }
    }
    let file = match chosen {
        Some((variant, encoding)) => NamedFile::open_async(variant).await.map(|f| f.set_content_encoding(encoding)),
        None => NamedFile::open_async(&path).await,
    };
    let Ok(file) = file else { return HttpResponse::NotFound().finish() };
    let mut res = file.set_content_type(mime).use_last_modified(false).into_response(&req);
    let cache = if is_hashed(name) { "public, max-age=31536000, immutable" } else { "no-cache" };
    res.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static(cache));
    res.headers_mut().insert(header::VARY, HeaderValue::from_static("accept-encoding"));
    res
}

pub fn configure(cfg: &mut web::ServiceConfig, static_dir: &Path) {
    for sub in ["pkg", "css"] {
        let dir = static_dir.join(sub);
        cfg.route(
            &format!("/{sub}/{{rel:.+}}"),
            web::get().to(move |req: HttpRequest, rel: web::Path<String>| {
                let dir = dir.clone();
                async move { asset(req, &dir, &rel).await }
            }),
        );
    }
    // Single files at the top: the icon and the script that starts the SPA (`boot.<hash>.js`).
    let top = static_dir.to_path_buf();
    cfg.route(
        "/{name:(favicon\\.svg|boot(-login)?\\.[0-9a-f]{10}\\.js)}",
        web::get().to(move |req: HttpRequest, name: web::Path<String>| {
            let top = top.clone();
            async move { asset(req, &top, &name).await }
        }),
    );
    cfg.app_data(web::Data::new(SpaIndex(static_dir.join("index.html"))));
    cfg.default_service(web::to(fallback));
}

#[cfg(test)]
mod tests {
    use super::{accepts, is_hashed, is_plain, login_shell};

    #[test]
    fn only_the_login_pages_and_a_sessionless_start_get_the_login_bundle() {
        for page in ["/inloggen", "/wachtwoord-vergeten", "/wachtwoord-instellen", "/aanbod", "/evaluatie", "/leersessie"] {
            assert!(login_shell(page, false) && login_shell(page, true), "{page}");
        }
        assert!(login_shell("/", false));
        assert!(!login_shell("/", true));
        for page in ["/bel", "/inloggen/x", "/organisatie", "/aanbod/x", "/trainer", "/certificaat/3"] {
            assert!(!login_shell(page, false), "{page}");
        }
    }

    #[test]
    fn only_plain_names_below_the_directory_are_served() {
        assert!(is_plain("va_frontend.1a2b3c4d5e.js"));
        assert!(is_plain("snippets/leptos-abc/inline0.js"));
        for bad in ["", "../index.html", "a/../../etc/passwd", ".hidden", "a//b", "a\\b", "a b", "%2e%2e"] {
            assert!(!is_plain(bad), "{bad}");
        }
    }

    #[test]
    fn hashed_names_are_recognised() {
        assert!(is_hashed("va_frontend_bg.1a2b3c4d5e.wasm"));
        assert!(is_hashed("boot.0123456789.js"));
        assert!(!is_hashed("favicon.svg"));
        assert!(!is_hashed("app.css"));
        assert!(!is_hashed("x.12345.css"));
    }

    #[test]
    fn accept_encoding_is_read_with_its_weights() {
        assert!(accepts("gzip, deflate, br, zstd", "br"));
        assert!(accepts("gzip;q=1.0, br;q=0.5", "br"));
        assert!(!accepts("gzip, br;q=0", "br"));
        assert!(!accepts("gzip", "br"));
        assert!(accepts("GZIP", "gzip"));
        assert!(!accepts("", "gzip"));
    }
}

//! Serves the built SPA. Its assets live under `/pkg` and `/css`; every other
//! non-API path gets `index.html` so client routes survive a reload, and
//! unknown API paths get a problem document.

use crate::error::AppError;
use actix_files::{Files, NamedFile};
use actix_web::{web, HttpRequest, HttpResponse};
use std::path::{Path, PathBuf};

async fn fallback(req: HttpRequest, index: web::Data<SpaIndex>) -> HttpResponse {
    if req.path() == "/api" || req.path().starts_with("/api/") {
        return actix_web::ResponseError::error_response(&AppError::NotFound);
    }
    match NamedFile::open_async(&index.0).await {
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

pub fn configure(cfg: &mut web::ServiceConfig, static_dir: &Path) {
    for sub in ["pkg", "css"] {
        let dir = static_dir.join(sub);
        if dir.is_dir() {
            cfg.service(Files::new(&format!("/{sub}"), dir));
        }
    }
    // Single files at the top: the icon and the script that starts the SPA.
    for name in ["favicon.svg", "boot.js"] {
        let file = static_dir.join(name);
        cfg.route(
            &format!("/{name}"),
            web::get().to(move |req: HttpRequest| {
                let file = file.clone();
                async move {
                    match NamedFile::open_async(file).await {
                        Ok(f) => f.into_response(&req),
                        Err(_) => HttpResponse::NotFound().finish(),
                    }
                }
            }),
        );
    }
    cfg.app_data(web::Data::new(SpaIndex(static_dir.join("index.html"))));
    cfg.default_service(web::to(fallback));
}

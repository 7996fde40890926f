//! Serves the built SPA; unknown non-API paths get `index.html` so client routes survive a reload.

use crate::error::AppError;
use actix_files::{Files, NamedFile};
use actix_web::dev::{fn_service, ServiceRequest, ServiceResponse};
use actix_web::{web, HttpResponse};
use std::path::{Path, PathBuf};

pub fn configure(cfg: &mut web::ServiceConfig, static_dir: &Path) {
    let index: PathBuf = static_dir.join("index.html");
    let fallback = move |req: ServiceRequest| {
        let index = index.clone();
        async move {
            let (req, _) = req.into_parts();
            if req.path().starts_with("/api/") || req.path() == "/api" {
                let res = actix_web::ResponseError::error_response(&AppError::NotFound);
                return Ok(ServiceResponse::new(req, res));
            }
            match NamedFile::open_async(&index).await {
                Ok(f) => {
                    let res = f.use_etag(false).use_last_modified(false).into_response(&req);
                    Ok(ServiceResponse::new(req, res))
                }
                Err(_) => {
                    let res = HttpResponse::ServiceUnavailable()
                        .content_type("text/html; charset=utf-8")
                        .body("<!doctype html><html lang=\"nl\"><title>VA-trainingsplanner</title><p>De webapplicatie is niet gebouwd: voer <code>cargo run -p xtask -- frontend</code> uit.</p></html>");
                    Ok(ServiceResponse::new(req, res))
                }
            }
        }
    };
    if static_dir.is_dir() {
        cfg.service(Files::new("/", static_dir).index_file("index.html").default_handler(fn_service(fallback)));
    } else {
        cfg.default_service(fn_service(fallback));
    }
}

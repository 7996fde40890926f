//! Security headers on every answer: a Content-Security-Policy the SPA works
//! under (no inline script; wasm allowed), no framing, no sniffing, no referrer;
//! and `Cache-Control: no-store` on the API, whose answers hold personal data.
//! The docs UI (Swagger) runs inline script, so its pages get a policy of their own.

use actix_web::body::MessageBody;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::header::{HeaderName, HeaderValue};
use actix_web::middleware::Next;

pub const CSP_APP: &str = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self' 'unsafe-inline'; \
    img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
pub const CSP_DOCS: &str = "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; \
    img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

pub async fn add(req: ServiceRequest, next: Next<impl MessageBody>) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    let path = req.path().to_string();
    let mut res = next.call(req).await?;
    let h = res.headers_mut();
    let csp = if path.starts_with("/api/docs") { CSP_DOCS } else { CSP_APP };
    let mut set = |name: &'static str, value: &'static str| {
        h.insert(HeaderName::from_static(name), HeaderValue::from_static(value));
    };
    set("content-security-policy", csp);
    set("x-frame-options", "DENY");
    set("x-content-type-options", "nosniff");
    set("referrer-policy", "no-referrer");
    if path.starts_with("/api/v1") {
        set("cache-control", "no-store");
    }
    Ok(res)
}

//! Checks at the edge, before any handler runs: a JSON body that carries a NUL
//! character (`\u0000`) is refused with 400. PostgreSQL cannot store one and
//! SQLite would, so the same input gets the same answer on both databases, and
//! no handler has to remember it.

use crate::error::AppError;
use actix_web::body::MessageBody;
use actix_web::dev::{Payload, ServiceRequest, ServiceResponse};
use actix_web::error::PayloadError;
use actix_web::http::header;
use actix_web::middleware::Next;
use actix_web::web::Bytes;

/// `\u0000` as JSON writes a NUL (a raw NUL byte is no valid JSON at all); a
/// backslash written as `\\` before `u0000` is text, not an escape.
pub fn has_nul(body: &[u8]) -> bool {
    if body.contains(&0) {
        return true;
    }
    let mut backslashes = 0;
    for (i, b) in body.iter().enumerate() {
        if *b == b'\\' {
            backslashes += 1;
            continue;
        }
        if backslashes % 2 == 1 && body.get(i..i + 5).is_some_and(|w| w.eq_ignore_ascii_case(b"u0000")) {
            return true;
        }
        backslashes = 0;
    }
    false
}

pub async fn refuse_nul(mut req: ServiceRequest, next: Next<impl MessageBody + 'static>) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    let json = req.headers().get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).is_some_and(|v| v.starts_with("application/json"));
    if json {
        // Too large or broken: the same problem answer the JSON reader gives.
        let body = req.extract::<Bytes>().await.map_err(|e| AppError::Malformed(e.to_string()))?;
        if has_nul(&body) {
            return Err(AppError::Malformed("text must not contain a NUL character (\\u0000)".into()).into());
        }
        let stream = futures_util::stream::once(futures_util::future::ready(Ok::<_, PayloadError>(body)));
        req.set_payload(Payload::from(Box::pin(stream) as std::pin::Pin<Box<dyn futures_util::Stream<Item = Result<Bytes, PayloadError>>>>));
    }
    next.call(req).await
}

#[cfg(test)]
mod tests {
    #[test]
    fn nul_in_any_spelling() {
        assert!(super::has_nul(br#"{"email":"a\u0000b@x.nl"}"#));
        assert!(super::has_nul(br#"{"email":"a\U0000b"}"#));
        assert!(super::has_nul(b"{\"a\":\"x\0\"}"));
        assert!(!super::has_nul(br#"{"email":"a\u0001b","n":0}"#));
        assert!(!super::has_nul(br#"{"path":"C:\\u0000"}"#), "an escaped backslash and the text u0000");
        assert!(super::has_nul(br#"{"path":"C:\\\u0000"}"#));
    }
}

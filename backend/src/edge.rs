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

/// Every content type the JSON reader accepts: `application/json` and any `+json`.
fn is_json(content_type: &str) -> bool {
    let essence = content_type.split(';').next().unwrap_or_default().trim().to_ascii_lowercase();
    essence == "application/json" || essence.ends_with("+json")
}

/// The largest JSON body the API takes (the CSV imports are the big ones).
pub const BODY_LIMIT: usize = 256 * 1024;

/// The JSON reader's answer to a body it cannot take.
pub fn json_error(err: actix_web::error::JsonPayloadError) -> AppError {
    use actix_web::error::JsonPayloadError as J;
    match err {
        J::Overflow { .. } | J::OverflowKnownLength { .. } | J::Payload(PayloadError::Overflow) => AppError::TooLarge { limit: BODY_LIMIT },
        other => AppError::Malformed(other.to_string()),
    }
}

pub async fn refuse_nul(mut req: ServiceRequest, next: Next<impl MessageBody + 'static>) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    let json = req.headers().get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).is_some_and(is_json);
    if json {
        // Too large (413) or broken (400): the same answers the JSON reader gives.
        let body = req.extract::<Bytes>().await.map_err(|e| match e.as_error::<PayloadError>() {
            Some(PayloadError::Overflow) => AppError::TooLarge { limit: BODY_LIMIT },
            _ => AppError::Malformed(e.to_string()),
        })?;
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
    fn json_in_any_spelling() {
        for t in ["application/json", "Application/JSON; charset=utf-8", "application/merge-patch+json"] {
            assert!(super::is_json(t), "{t}");
        }
        assert!(!super::is_json("text/plain") && !super::is_json("application/jsonx"));
    }

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

//! Checks of every JSON body at the edge, before any handler runs, so no
//! handler has to remember them and both databases give the same answer:
//! over 256 KiB is 413; a NUL character (`\u0000`, which PostgreSQL cannot
//! store and SQLite would) is 400; a date outside 1900-2200 is 422 with its field.

use crate::error::AppError;
use actix_web::body::{EitherBody, MessageBody};
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

/// The years a date in the planner can sensibly have: a programme, a training
/// day, a deadline, someone trained before the programme.
pub const YEARS: std::ops::RangeInclusive<i64> = 1900..=2200;

/// The year of a string that is a date (`2027-03-02`) or starts like a
/// date-time (`2027-03-02T09:00:00Z`), with any sign or number of digits.
fn date_year(s: &str) -> Option<i64> {
    let unsigned = s.strip_prefix(['+', '-']).unwrap_or(s);
    let digits = unsigned.find('-').filter(|n| *n >= 4)?;
    // Bytes, not chars: a non-ASCII letter here must not split a slice.
    let rest = &unsigned.as_bytes()[digits..];
    let digit = |i: usize| rest.get(i).is_some_and(u8::is_ascii_digit);
    let shaped = digit(1) && digit(2) && rest.get(3) == Some(&b'-') && digit(4) && digit(5);
    let tail_ok = rest.len() == 6 || rest.get(6) == Some(&b'T');
    if !(shaped && tail_ok && unsigned[..digits].bytes().all(|b| b.is_ascii_digit())) {
        return None;
    }
    let year: i64 = unsigned[..digits].parse().unwrap_or(i64::MAX);
    Some(if s.starts_with('-') { -year } else { year })
}

/// Dates outside [`YEARS`] anywhere in a body, named by their field
/// (`days[0].day`): refused for every operation alike, before a handler adds
/// days to year 9999 or stores year 0.
fn dates_out_of_range(v: &serde_json::Value, at: String, errs: &mut Vec<va_openapi::FieldError>) {
    match v {
        serde_json::Value::String(s) => {
            if date_year(s).is_some_and(|y| !YEARS.contains(&y)) {
                errs.push(va_openapi::FieldError { field: at, code: "out_of_range".into(), message: format!("a date between {} and {}", YEARS.start(), YEARS.end()) });
            }
        }
        serde_json::Value::Array(items) => {
            for (i, x) in items.iter().enumerate() {
                dates_out_of_range(x, format!("{at}[{i}]"), errs);
            }
        }
        serde_json::Value::Object(map) => {
            for (k, x) in map {
                dates_out_of_range(x, if at.is_empty() { k.clone() } else { format!("{at}.{k}") }, errs);
            }
        }
        _ => {}
    }
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

/// Reads a JSON body once: too large (413) or broken (400) as the JSON reader
/// would answer, a NUL (400), a date out of range (422); else puts it back.
async fn check_json(req: &mut ServiceRequest) -> Result<(), AppError> {
    let body = req.extract::<Bytes>().await.map_err(|e| match e.as_error::<PayloadError>() {
        Some(PayloadError::Overflow) => AppError::TooLarge { limit: BODY_LIMIT },
        _ => AppError::Malformed(e.to_string()),
    })?;
    if has_nul(&body) {
        return Err(AppError::Malformed("text must not contain a NUL character (\\u0000)".into()));
    }
    if let Ok(value) = serde_json::from_slice::<serde_json::Value>(&body) {
        let mut errs = Vec::new();
        dates_out_of_range(&value, String::new(), &mut errs);
        if !errs.is_empty() {
            return Err(AppError::Validation(errs));
        }
    }
    let stream = futures_util::stream::once(futures_util::future::ready(Ok::<_, PayloadError>(body)));
    req.set_payload(Payload::from(Box::pin(stream) as std::pin::Pin<Box<dyn futures_util::Stream<Item = Result<Bytes, PayloadError>>>>));
    Ok(())
}

/// A refusal is answered here as a response (not an error), so the outer
/// middleware still adds the security headers to it.
pub async fn check_body(mut req: ServiceRequest, next: Next<impl MessageBody + 'static>) -> Result<ServiceResponse<EitherBody<impl MessageBody>>, actix_web::Error> {
    let json = req.headers().get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).is_some_and(is_json);
    if json {
        if let Err(e) = check_json(&mut req).await {
            return Ok(req.error_response(e).map_into_right_body());
        }
    }
    next.call(req).await.map(ServiceResponse::map_into_left_body)
}

/// Middleware: a request that may change something (any method but GET, HEAD,
/// OPTIONS) starts a new generation before it runs and again when it is done,
/// whatever its handler wrote and however.
pub async fn invalidate_on_change(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<impl MessageBody + 'static>, actix_web::Error> {
    let answers = (!req.method().is_safe())
        .then(|| req.app_data::<actix_web::web::Data<crate::state::AppState>>().map(|s| s.answers.clone()))
        .flatten();
    if let Some(a) = &answers {
        a.changed();
    }
    let res = next.call(req).await;
    if let Some(a) = &answers {
        a.changed();
    }
    res
}

#[cfg(test)]
mod tests {
    #[test]
    fn dates_are_recognised_with_their_year() {
        use super::date_year;
        assert_eq!(date_year("2027-03-02"), Some(2027));
        assert_eq!(date_year("9999-12-31"), Some(9999));
        assert_eq!(date_year("0000-01-01"), Some(0));
        assert_eq!(date_year("+262143-12-31"), Some(262143));
        assert_eq!(date_year("-0001-01-01"), Some(-1));
        assert_eq!(date_year("2027-03-02T09:00:00Z"), Some(2027));
        for text in ["Groep 5", "2027", "2027-03", "12-05-2024", "2027-03-02 extra", "tel 0612-345678", "abcd-12-31", "2027-aé-01", "2027-0é-01", "2027-"] {
            assert_eq!(date_year(text), None, "{text}");
        }
    }

    #[test]
    fn out_of_range_dates_are_named_by_their_field() {
        let body = serde_json::json!({"name": "x", "starts_on": "2027-01-01", "days": [{"day": "2027-02-01"}, {"day": "9999-12-31"}], "ends_on": "0000-01-01"});
        let mut errs = Vec::new();
        super::dates_out_of_range(&body, String::new(), &mut errs);
        let fields: Vec<&str> = errs.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["days[1].day", "ends_on"]);
    }

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

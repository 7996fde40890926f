//! The feed's token and what a request for a feed may look like (pure).

use base64::Engine;
use rand::RngCore;

/// A new secret token: 256 random bits, URL-safe.
pub fn new_token() -> String {
    let mut bytes = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

/// The token of a feed's path (`abc.ics` or `abc`), when it has the shape of one.
pub fn token_of(segment: &str) -> Option<&str> {
    let t = segment.strip_suffix(".ics").unwrap_or(segment);
    (t.len() == 43 && t.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')).then_some(t)
}

/// The address calendar apps subscribe to.
pub fn url(public_url: &str, token: &str) -> String {
    format!("{}/api/v1/calendar/{token}.ics", public_url.trim_end_matches('/'))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn tokens_are_unguessable_and_read_back_from_the_path() {
        let (a, b) = (new_token(), new_token());
        assert_ne!(a, b);
        assert_eq!(token_of(&format!("{a}.ics")), Some(a.as_str()));
        assert_eq!(token_of(&a), Some(a.as_str()));
        assert_eq!(token_of("kort.ics"), None);
        assert_eq!(token_of(&format!("{}.ics", "é".repeat(43))), None);
        assert!(url("https://va.bel.nl/", &a).starts_with("https://va.bel.nl/api/v1/calendar/"));
    }

    proptest! {
        #[test]
        fn no_path_panics_and_only_token_shapes_pass(s in "\\PC{0,60}") {
            if let Some(t) = token_of(&s) {
                prop_assert_eq!(t.len(), 43);
            }
        }
    }
}

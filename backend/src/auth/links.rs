//! Signed single-use links (waiting-list offers, evaluations): a token names
//! its purpose and row, is signed with the link key, and only its hash is
//! stored, so a database reader cannot use a link and a link for one purpose
//! is refused by another.

use super::JwtKeys;
use base64::Engine;
use rand::RngCore;
use sha2::{Digest, Sha256};

/// What the database keeps of a token: its SHA-256, hex.
pub fn token_hash(token: &str) -> String {
    Sha256::digest(token.as_bytes()).iter().map(|b| format!("{b:02x}")).collect()
}

/// A new signed token for row `id` of `purpose`, unguessable by its nonce.
pub fn new_link(keys: &JwtKeys, purpose: &str, id: i64) -> String {
    let mut nonce = [0u8; 16];
    rand::rngs::OsRng.fill_bytes(&mut nonce);
    keys.sign_link(&format!("{purpose}.{id}.{}", base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(nonce)))
}

/// The row a token of `purpose` names, when its signature holds.
pub fn link_id(keys: &JwtKeys, purpose: &str, token: &str) -> Option<i64> {
    let payload = keys.verify_link(token.trim())?;
    let mut parts = payload.split('.');
    match (parts.next(), parts.next().and_then(|id| id.parse::<i64>().ok())) {
        (Some(p), Some(id)) if p == purpose => Some(id),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_link_names_its_row_for_its_purpose_only() {
        let keys = JwtKeys::from_secret(b"test-secret-test-secret-test-secret-0123");
        let t = new_link(&keys, "offer", 42);
        assert_eq!(link_id(&keys, "offer", &t), Some(42));
        assert_eq!(link_id(&keys, "evaluation", &t), None);
        assert_ne!(new_link(&keys, "offer", 42), t, "a nonce per link");
        let other = JwtKeys::from_secret(b"another-secret-another-secret-0123456");
        assert_eq!(link_id(&other, "offer", &t), None);
        assert_eq!(token_hash("abc").len(), 64);
    }
}

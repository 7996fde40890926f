//! HS256 tokens with the algorithm pinned: a token signed otherwise, or with
//! `alg: none`, is refused before its claims are read.

use crate::config::Settings;
use anyhow::Context;
use base64::Engine;
use chrono::{DateTime, Utc};
use jsonwebtoken::{decode, encode, Algorithm, DecodingKey, EncodingKey, Header, Validation};
use rand::RngCore;
use serde::{Deserialize, Serialize};
use va_openapi::auth::Role;
use va_openapi::{OrganisationId, RegionId, UserId};

pub const ISSUER: &str = "va-planner";

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Claims {
    /// User id.
    pub sub: String,
    pub role: Role,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub region: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub org: Option<i64>,
    pub iat: i64,
    pub exp: i64,
    pub iss: String,
    /// The account's token version when issued: a deactivation, a password or
    /// role change bumps it, and older tokens are refused from then on.
    #[serde(default)]
    pub ver: i32,
}

pub struct JwtKeys {
    encoding: EncodingKey,
    decoding: DecodingKey,
    validation: Validation,
    /// Signs links that work without an account (waiting-list offers); derived
    /// from the same secret, but never usable as a login token.
    link_key: Vec<u8>,
}

type HmacSha256 = hmac::Hmac<sha2::Sha256>;

fn mac(key: &[u8]) -> HmacSha256 {
    use hmac::digest::KeyInit;
    // HMAC takes keys of any length: the fallback is never used.
    HmacSha256::new_from_slice(key).unwrap_or_else(|_| HmacSha256::new(&Default::default()))
}

impl JwtKeys {
    pub fn from_secret(secret: &[u8]) -> JwtKeys {
        let mut validation = Validation::new(Algorithm::HS256);
        validation.algorithms = vec![Algorithm::HS256];
        validation.leeway = 0;
        validation.set_issuer(&[ISSUER]);
        validation.set_required_spec_claims(&["exp", "sub", "iss"]);
        let mut m = mac(secret);
        hmac::Mac::update(&mut m, b"va-planner link signing key");
        let link_key = hmac::Mac::finalize(m).into_bytes().to_vec();
        JwtKeys { encoding: EncodingKey::from_secret(secret), decoding: DecodingKey::from_secret(secret), validation, link_key }
    }

    /// `payload.signature`: a link token whose payload cannot be changed.
    pub fn sign_link(&self, payload: &str) -> String {
        let mut m = mac(&self.link_key);
        hmac::Mac::update(&mut m, payload.as_bytes());
        let sig = hmac::Mac::finalize(m).into_bytes();
        format!("{payload}.{}", base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(sig))
    }

    /// The payload of a link token signed by `sign_link`; compared in constant time.
    pub fn verify_link<'a>(&self, token: &'a str) -> Option<&'a str> {
        let (payload, sig) = token.rsplit_once('.')?;
        let sig = base64::engine::general_purpose::URL_SAFE_NO_PAD.decode(sig).ok()?;
        let mut m = mac(&self.link_key);
        hmac::Mac::update(&mut m, payload.as_bytes());
        hmac::Mac::verify_slice(m, &sig).ok().map(|_| payload)
    }

    /// `JWT_SECRET`, else a secret generated once and kept in the data directory.
    pub fn load(settings: &Settings) -> anyhow::Result<JwtKeys> {
        if let Some(s) = &settings.jwt_secret {
            anyhow::ensure!(s.len() >= 32, "JWT_SECRET must be at least 32 characters");
            return Ok(JwtKeys::from_secret(s.as_bytes()));
        }
        let path = settings.data_dir.join("jwt_secret");
        if let Ok(existing) = std::fs::read_to_string(&path) {
            let existing = existing.trim();
            if existing.len() >= 32 {
                return Ok(JwtKeys::from_secret(existing.as_bytes()));
            }
        }
        std::fs::create_dir_all(&settings.data_dir)?;
        let mut bytes = [0u8; 48];
        rand::rngs::OsRng.fill_bytes(&mut bytes);
        let secret = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes);
        write_private(&path, &secret).with_context(|| format!("writing {}", path.display()))?;
        Ok(JwtKeys::from_secret(secret.as_bytes()))
    }

    pub fn issue(
        &self,
        user: UserId,
        role: Role,
        region: Option<RegionId>,
        org: Option<OrganisationId>,
        version: i32,
        now: DateTime<Utc>,
        ttl: std::time::Duration,
    ) -> anyhow::Result<(String, DateTime<Utc>)> {
        let exp = now + chrono::Duration::from_std(ttl)?;
        let claims = Claims {
            sub: user.0.to_string(),
            role,
            region: region.map(|r| r.0),
            org: org.map(|o| o.0),
            iat: now.timestamp(),
            exp: exp.timestamp(),
            iss: ISSUER.into(),
            ver: version,
        };
        let token = encode(&Header::new(Algorithm::HS256), &claims, &self.encoding)?;
        Ok((token, exp))
    }

    pub fn verify(&self, token: &str) -> Option<Claims> {
        decode::<Claims>(token, &self.decoding, &self.validation).ok().map(|d| d.claims)
    }
}

#[cfg(unix)]
fn write_private(path: &std::path::Path, content: &str) -> std::io::Result<()> {
    use std::io::Write;
    use std::os::unix::fs::OpenOptionsExt;
    let mut f = std::fs::OpenOptions::new().write(true).create(true).truncate(true).mode(0o600).open(path)?;
    f.write_all(content.as_bytes())
}

#[cfg(not(unix))]
fn write_private(path: &std::path::Path, content: &str) -> std::io::Result<()> {
    std::fs::write(path, content)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys() -> JwtKeys {
        JwtKeys::from_secret(b"0123456789abcdef0123456789abcdef")
    }

    #[test]
    fn issued_token_verifies_with_its_claims() {
        let (t, _) = keys()
            .issue(UserId(7), Role::Ambassador, Some(RegionId(2)), None, 0, Utc::now(), std::time::Duration::from_secs(60))
            .expect("issue");
        let c = keys().verify(&t).expect("valid");
        assert_eq!((c.sub.as_str(), c.role, c.region, c.org), ("7", Role::Ambassador, Some(2), None));
    }

    #[test]
    fn signed_links_verify_and_tampered_ones_do_not() {
        let k = keys();
        let t = k.sign_link("offer.12.abc");
        assert_eq!(k.verify_link(&t), Some("offer.12.abc"));
        assert_eq!(k.verify_link(&t.replace("offer.12", "offer.13")), None);
        assert_eq!(JwtKeys::from_secret(b"another-secret-another-secret-xx").verify_link(&t), None);
        assert_eq!(k.verify_link("no-signature"), None);
        // A login token is no link token.
        let (jwt, _) = k.issue(UserId(1), Role::Trainer, None, None, 0, Utc::now(), std::time::Duration::from_secs(60)).expect("issue");
        assert_eq!(k.verify_link(&jwt), None);
    }

    #[test]
    fn expired_tampered_and_foreign_tokens_are_refused() {
        let k = keys();
        let past = Utc::now() - chrono::Duration::hours(2);
        let (expired, _) =
            k.issue(UserId(1), Role::BelCoordinator, None, None, 0, past, std::time::Duration::from_secs(60)).expect("issue");
        assert!(k.verify(&expired).is_none());

        let (good, _) =
            k.issue(UserId(1), Role::Trainer, None, None, 0, Utc::now(), std::time::Duration::from_secs(60)).expect("issue");
        let mut parts: Vec<String> = good.split('.').map(String::from).collect();
        let payload = base64::engine::general_purpose::URL_SAFE_NO_PAD.decode(&parts[1]).expect("b64");
        let forged = String::from_utf8(payload).expect("utf8").replace("trainer", "bel_coordinator");
        parts[1] = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(forged);
        assert!(k.verify(&parts.join(".")).is_none());

        let other = JwtKeys::from_secret(b"another-secret-another-secret-xx");
        assert!(other.verify(&good).is_none());
        assert!(k.verify(&good).is_some());
    }
}

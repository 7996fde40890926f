//! Who is calling, as far as throttling needs to know: the client's address
//! and a per-address limit on the public link endpoints.
//!
//! The address is the TCP peer, unless the peer is one of `TRUSTED_PROXIES`:
//! then it is the right-most `X-Forwarded-For` entry that is not a trusted
//! proxy. A client can write any `X-Forwarded-For` it likes, but only the
//! entries our own proxies appended are believed, so nobody picks their own
//! throttle key, and behind a proxy not everyone shares the proxy's address.

use crate::error::AppError;
use actix_web::body::{EitherBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::middleware::Next;
use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// An address or a network (`10.0.0.0/8`, `::1`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Net {
    addr: IpAddr,
    prefix: u8,
}

impl Net {
    pub fn parse(text: &str) -> Option<Net> {
        let (a, p) = match text.trim().split_once('/') {
            Some((a, p)) => (a, Some(p)),
            None => (text.trim(), None),
        };
        let addr: IpAddr = a.parse().ok()?;
        let max = if addr.is_ipv4() { 32 } else { 128 };
        let prefix = match p {
            Some(p) => p.parse().ok().filter(|p| *p <= max)?,
            None => max,
        };
        Some(Net { addr, prefix })
    }

    pub fn contains(&self, ip: IpAddr) -> bool {
        let ip = canonical(ip);
        match (self.addr, ip) {
            (IpAddr::V4(n), IpAddr::V4(i)) => prefix_eq(&n.octets(), &i.octets(), self.prefix),
            (IpAddr::V6(n), IpAddr::V6(i)) => prefix_eq(&n.octets(), &i.octets(), self.prefix),
            _ => false,
        }
    }
}

/// An IPv4 address written as IPv6 (`::ffff:10.0.0.1`) is the IPv4 address.
fn canonical(ip: IpAddr) -> IpAddr {
    match ip {
        IpAddr::V6(v6) => v6.to_ipv4_mapped().map(IpAddr::V4).unwrap_or(ip),
        v4 => v4,
    }
}

fn prefix_eq(a: &[u8], b: &[u8], bits: u8) -> bool {
    let (whole, rest) = (usize::from(bits / 8), bits % 8);
    if a.get(..whole) != b.get(..whole) {
        return false;
    }
    rest == 0 || {
        let mask = 0xffu8 << (8 - rest);
        a.get(whole).map(|x| x & mask) == b.get(whole).map(|x| x & mask)
    }
}

/// `TRUSTED_PROXIES`: comma-separated addresses or networks; the error is the entry that is neither.
pub fn parse_trusted(text: &str) -> Result<Vec<Net>, String> {
    text.split(',').filter(|s| !s.trim().is_empty()).map(|s| Net::parse(s).ok_or_else(|| s.trim().to_string())).collect()
}

/// The client's address: the peer, or through trusted proxies the first address they vouch for.
pub fn address(peer: Option<IpAddr>, forwarded_for: Option<&str>, trusted: &[Net]) -> String {
    let Some(peer) = peer.map(canonical) else { return "unknown".into() };
    let is_trusted = |ip: IpAddr| trusted.iter().any(|n| n.contains(ip));
    if !is_trusted(peer) {
        return peer.to_string();
    }
    let mut client = peer;
    for hop in forwarded_for.unwrap_or_default().rsplit(',') {
        match hop.trim().parse::<IpAddr>() {
            Ok(ip) => {
                client = canonical(ip);
                if !is_trusted(client) {
                    break;
                }
            }
            // An entry we cannot read ends what we can believe.
            Err(_) => break,
        }
    }
    client.to_string()
}

/// The address of a request under the settings' trusted proxies.
pub fn of_request(req: &actix_web::HttpRequest, trusted: &[Net]) -> String {
    let xff = req.headers().get("x-forwarded-for").and_then(|v| v.to_str().ok());
    address(req.peer_addr().map(|a| a.ip()), xff, trusted)
}

/// A fixed window per key (the client's address): at most `limit` calls per `window`.
pub struct Limiter {
    limit: u32,
    window: Duration,
    seen: Mutex<HashMap<String, (Instant, u32)>>,
}

impl Limiter {
    pub fn new(limit: u32, window: Duration) -> Limiter {
        Limiter { limit, window, seen: Mutex::new(HashMap::new()) }
    }

    /// `Err(seconds to wait)` once the key has used up its window.
    pub fn check(&self, key: &str, now: Instant) -> Result<(), u64> {
        let mut seen = self.seen.lock().unwrap_or_else(|p| p.into_inner());
        // Forget finished windows now and then so the map stays small.
        if seen.len() > 10_000 {
            seen.retain(|_, (start, _)| now.duration_since(*start) < self.window);
        }
        let entry = seen.entry(key.to_string()).or_insert((now, 0));
        if now.duration_since(entry.0) >= self.window {
            *entry = (now, 0);
        }
        if entry.1 >= self.limit {
            return Err(self.window.saturating_sub(now.duration_since(entry.0)).as_secs().max(1));
        }
        entry.1 += 1;
        Ok(())
    }
}

/// The endpoints anyone may call with a link's token or an email address
/// (login has its own throttle by account and address in the database).
const PUBLIC_LINKS: [&str; 6] = [
    "/api/v1/auth/password-reset",
    "/api/v1/auth/set-password",
    "/api/v1/offers/lookup",
    "/api/v1/offers/answer",
    "/api/v1/evaluations/lookup",
    "/api/v1/evaluations/answer",
];

/// The public link endpoints' limit per client address, shared by the workers.
pub struct LinkGuard {
    pub limiter: Limiter,
    pub trusted: Vec<Net>,
}

impl LinkGuard {
    pub fn new(calls_per_minute: u32, trusted: Vec<Net>) -> LinkGuard {
        LinkGuard { limiter: Limiter::new(calls_per_minute, Duration::from_secs(60)), trusted }
    }
}

/// 429 with `Retry-After` once an address has used up its calls to the public link endpoints.
/// Answered as a response, not an error, so the outer middleware adds the security headers.
pub async fn throttle_links(req: ServiceRequest, next: Next<impl MessageBody + 'static>) -> Result<ServiceResponse<EitherBody<impl MessageBody>>, actix_web::Error> {
    if PUBLIC_LINKS.contains(&req.path()) {
        if let Some(guard) = req.app_data::<actix_web::web::Data<LinkGuard>>() {
            let who = of_request(req.request(), &guard.trusted);
            if let Err(secs) = guard.limiter.check(&who, Instant::now()) {
                return Ok(req.error_response(AppError::RateLimited { retry_after_secs: secs }).map_into_right_body());
            }
        }
    }
    next.call(req).await.map(ServiceResponse::map_into_left_body)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ip(s: &str) -> Option<IpAddr> {
        s.parse().ok()
    }

    #[test]
    fn networks_match_by_prefix() {
        let n = Net::parse("10.1.0.0/16").expect("net");
        assert!(n.contains("10.1.200.3".parse().expect("ip")));
        assert!(!n.contains("10.2.0.1".parse().expect("ip")));
        assert!(n.contains("::ffff:10.1.0.9".parse().expect("ip")), "IPv4 written as IPv6");
        assert!(Net::parse("192.168.0.0/20").expect("net").contains("192.168.15.255".parse().expect("ip")));
        assert!(!Net::parse("192.168.0.0/20").expect("net").contains("192.168.16.0".parse().expect("ip")));
        assert!(Net::parse("::1").expect("net").contains("::1".parse().expect("ip")));
        assert_eq!(Net::parse("10.0.0.0/33"), None);
        assert_eq!(parse_trusted("127.0.0.1, 10.0.0.0/8").map(|v| v.len()), Ok(2));
        assert_eq!(parse_trusted("127.0.0.1,proxy"), Err("proxy".to_string()));
        assert_eq!(parse_trusted(""), Ok(vec![]));
    }

    #[test]
    fn forwarded_for_counts_only_through_trusted_proxies() {
        let trusted = parse_trusted("10.0.0.0/8").expect("trusted");
        // Not behind a trusted proxy: the header is the client's own writing.
        assert_eq!(address(ip("203.0.113.5"), Some("1.2.3.4"), &trusted), "203.0.113.5");
        assert_eq!(address(ip("203.0.113.5"), Some("1.2.3.4"), &[]), "203.0.113.5");
        // Behind one: the right-most address the proxies did not add themselves.
        assert_eq!(address(ip("10.0.0.2"), Some("198.51.100.7"), &trusted), "198.51.100.7");
        assert_eq!(address(ip("10.0.0.2"), Some("6.6.6.6, 198.51.100.7, 10.0.0.9"), &trusted), "198.51.100.7", "a forged left part is ignored");
        assert_eq!(address(ip("10.0.0.2"), None, &trusted), "10.0.0.2");
        assert_eq!(address(ip("10.0.0.2"), Some("rubbish"), &trusted), "10.0.0.2");
        assert_eq!(address(None, None, &trusted), "unknown");
    }

    #[test]
    fn the_limiter_counts_per_key_and_window() {
        let l = Limiter::new(2, Duration::from_secs(60));
        let t = Instant::now();
        assert!(l.check("a", t).is_ok() && l.check("a", t).is_ok());
        assert_eq!(l.check("a", t + Duration::from_secs(20)), Err(40));
        assert!(l.check("b", t).is_ok(), "another address has its own window");
        assert!(l.check("a", t + Duration::from_secs(60)).is_ok(), "a new window");
    }
}

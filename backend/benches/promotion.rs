//! `cargo bench -p va-backend --bench promotion`: the waiting list's pure
//! rules on 100,000 entries. Prints the median of 21 runs of each, and its
//! ratio to sorting 100,000 plain integers in the same run (the yardstick).

use chrono::{Duration, TimeZone, Utc};
use std::collections::HashMap;
use std::hint::black_box;
use std::time::Instant;
use va_backend::waitlist::rules::{order, positions, promote, Candidate, Entry, Occupancy};

const N: usize = 100_000;
const RUNS: usize = 21;

/// A deterministic pseudo-random sequence (no extra dependency).
fn lcg(seed: &mut u64) -> u64 {
    *seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
    *seed >> 33
}

fn median(mut f: impl FnMut()) -> f64 {
    let mut times: Vec<f64> = (0..RUNS)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed().as_secs_f64() * 1000.0
        })
        .collect();
    times.sort_by(|a, b| a.total_cmp(b));
    times[RUNS / 2]
}

fn main() {
    let mut seed = 2026;
    let start = Utc.with_ymd_and_hms(2026, 1, 1, 8, 0, 0).single().unwrap_or_default();
    let entries: Vec<Entry> = (0..N as i64)
        .map(|id| Entry {
            id,
            ret_uhp: lcg(&mut seed).is_multiple_of(3),
            adjustment: (lcg(&mut seed) % 5) as i32 - 2,
            approved_at: start + Duration::seconds((lcg(&mut seed) % 30_000_000) as i64),
        })
        .collect();
    let candidates: Vec<Candidate> = entries
        .iter()
        .map(|e| Candidate { entry: e.clone(), region: Some((e.id % 3) + 1), blocked: lcg(&mut seed).is_multiple_of(10) })
        .collect();
    let plain: Vec<u64> = (0..N).map(|_| lcg(&mut seed)).collect();
    let occupancy = Occupancy { capacity: 16, used: 0, used_by_region: HashMap::new(), quotas: [(1, 4), (2, 4), (3, 4)].into_iter().collect() };

    let base = median(|| {
        let mut v = plain.clone();
        v.sort_unstable();
        black_box(v);
    });
    let ord = median(|| {
        black_box(order(black_box(&entries)));
    });
    let pos = median(|| {
        black_box(positions(black_box(&entries)));
    });
    let one = median(|| {
        black_box(promote(black_box(&candidates), 1, &occupancy));
    });
    let group = median(|| {
        black_box(promote(black_box(&candidates), 16, &occupancy));
    });
    println!("waiting list of {N} entries, median of {RUNS} runs");
    println!("  sort {N} integers (yardstick)        {base:>8.2} ms");
    println!("  order (priority, approval, id)        {ord:>8.2} ms   ratio {:.2}", ord / base);
    println!("  positions (order + index)             {pos:>8.2} ms   ratio {:.2}", pos / base);
    println!("  promote 1 freed seat (with quotas)    {one:>8.2} ms   ratio {:.2}", one / base);
    println!("  promote 16 seats of a new group       {group:>8.2} ms   ratio {:.2}", group / base);
}

//! The time every deadline is measured against. Real time plus an offset that
//! tests move forward, so expiry and cut-offs can be tested without waiting.

use chrono::{DateTime, NaiveDate, Utc};
use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::Arc;

#[derive(Debug, Clone, Default)]
pub struct Clock {
    offset_ms: Arc<AtomicI64>,
}

impl Clock {
    pub fn now(&self) -> DateTime<Utc> {
        Utc::now() + chrono::Duration::milliseconds(self.offset_ms.load(Ordering::Relaxed))
    }

    /// Today in the Netherlands: training days and cut-offs are local dates.
    pub fn today(&self) -> NaiveDate {
        local_date(self.now())
    }

    /// Moves this clock (and every copy of it) forward; tests only.
    pub fn advance(&self, by: chrono::Duration) {
        self.offset_ms.fetch_add(by.num_milliseconds(), Ordering::Relaxed);
    }
}

pub fn local_date(t: DateTime<Utc>) -> NaiveDate {
    t.with_timezone(&chrono_tz::Europe::Amsterdam).date_naive()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_advanced_clock_is_ahead_in_every_copy() {
        let c = Clock::default();
        let copy = c.clone();
        let before = copy.now();
        c.advance(chrono::Duration::hours(73));
        let d = copy.now() - before;
        assert!(d >= chrono::Duration::hours(73) && d < chrono::Duration::hours(74));
    }
}

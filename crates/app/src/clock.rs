//! The clock, injected: the system clock in production, a settable one in tests. The app is
//! the only layer that reads it; the domain and the store are handed instants and dates.

use jiff::Timestamp;
use jiff::civil::Date;
use jiff::tz::TimeZone;
use std::sync::Arc;
use std::sync::atomic::{AtomicI64, Ordering};

/// Where "now" comes from.
pub trait Clock: Send + Sync + std::fmt::Debug {
    /// Now, in epoch microseconds.
    fn now_us(&self) -> i64;
}

/// The machine's clock.
#[derive(Clone, Copy, Debug, Default)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now_us(&self) -> i64 {
        Timestamp::now().as_microsecond()
    }
}

/// A clock tests set and advance.
#[derive(Clone, Debug, Default)]
pub struct TestClock(Arc<AtomicI64>);

impl TestClock {
    /// A clock stopped at `at`.
    pub fn at(at: Timestamp) -> Self {
        TestClock(Arc::new(AtomicI64::new(at.as_microsecond())))
    }

    /// Moves the clock forward.
    pub fn advance(&self, by: jiff::SignedDuration) {
        let us = i64::try_from(by.as_micros()).expect("test durations fit");
        self.0.fetch_add(us, Ordering::SeqCst);
    }
}

impl Clock for TestClock {
    fn now_us(&self) -> i64 {
        self.0.load(Ordering::SeqCst)
    }
}

/// The calendar date at `now_us` in the servicer's time zone: the business date's source.
pub fn date_in(now_us: i64, zone: &TimeZone) -> Date {
    zone.to_datetime(Timestamp::from_microsecond(now_us).expect("clock in range"))
        .date()
}

/// The wall-clock date and time at `now_us` in the servicer's time zone.
pub fn datetime_in(now_us: i64, zone: &TimeZone) -> jiff::civil::DateTime {
    zone.to_datetime(Timestamp::from_microsecond(now_us).expect("clock in range"))
}

/// An application over `store` for tests: a test clock stopped at `at` (an RFC 3339 instant),
/// a fresh random key, the New York time zone, in demo mode (tests use the demo portfolio).
pub fn test_app(store: store::Store, at: &str) -> (crate::App, TestClock) {
    let clock = TestClock::at(at.parse().expect("an RFC 3339 instant"));
    let key = crate::vault::Key::parse(&crate::vault::Key::generate("test"))
        .expect("a generated key parses");
    let vault = crate::vault::Vault::new(vec![key]).expect("one key");
    let zone = TimeZone::get("America/New_York").expect("the bundled time zone database");
    (
        crate::App::new(store, Arc::new(clock.clone()), vault, zone).with_demo(true),
        clock,
    )
}

//! The date on the test clock.

use app::clock::{Clock, TestClock};
use jiff::civil::Date;

/// The calendar date in New York (the servicer's time zone) at the test clock's instant.
pub fn clock_date(clock: &TestClock) -> Date {
    app::clock::date_in(
        clock.now_us(),
        &jiff::tz::TimeZone::get("America/New_York").unwrap(),
    )
}

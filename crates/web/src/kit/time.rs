//! Instants (epoch microseconds, as the store keeps them) as people and programs read them,
//! written one way everywhere. A page shows an instant in the servicer's time zone and names
//! the zone ([`local`]: "December 6, 2026, 10:42 AM EST", the date as
//! [`long_date`](documents::long_date) writes dates and the time as the payment cutoff is
//! written), or only its time of day when the date goes without saying ([`time_of_day`]:
//! "10:42 AM EST"); the JSON API sends RFC 3339 in UTC ([`rfc3339`]:
//! "2026-12-06T15:42:00Z"). An instant out of range (no clock gives one) is written as
//! nothing.

use jiff::Timestamp;
use jiff::tz::TimeZone;

/// `us` in `zone`, formatted by `format`; "" for an instant out of range.
fn zoned(zone: &TimeZone, us: i64, format: &str) -> String {
    Timestamp::from_microsecond(us)
        .map(|t| {
            t.to_zoned_datetime(zone.clone())
                .strftime(format)
                .to_string()
        })
        .unwrap_or_default()
}

/// An instant as a page shows it, in `zone` (the servicer's): "December 6, 2026, 10:42 AM
/// EST".
pub fn local(zone: &TimeZone, us: i64) -> String {
    zoned(zone, us, "%B %-d, %Y, %-I:%M %p %Z")
}

/// The time of day of an instant as a page shows it, in `zone` (the servicer's), for an
/// instant of today (how long a verification lasts): "10:42 AM EST".
pub fn time_of_day(zone: &TimeZone, us: i64) -> String {
    zoned(zone, us, "%-I:%M %p %Z")
}

/// An instant as the JSON API sends it: RFC 3339 in UTC, "2026-12-06T15:42:00Z" (with the
/// fraction of a second when it has one).
pub fn rfc3339(us: i64) -> String {
    Timestamp::from_microsecond(us)
        .map(|t| t.to_string())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn us(instant: &str) -> i64 {
        instant
            .parse::<Timestamp>()
            .expect("an RFC 3339 instant")
            .as_microsecond()
    }

    fn new_york() -> TimeZone {
        TimeZone::get("America/New_York").expect("the bundled time zone database")
    }

    #[test]
    fn a_page_shows_an_instant_in_the_servicers_zone_and_names_it() {
        let zone = new_york();
        assert_eq!(
            local(&zone, us("2026-12-06T15:42:00Z")),
            "December 6, 2026, 10:42 AM EST"
        );
        assert_eq!(
            local(&zone, us("2026-07-04T16:05:59Z")),
            "July 4, 2026, 12:05 PM EDT"
        );
        // Past midnight UTC is still the evening before in New York.
        assert_eq!(
            local(&zone, us("2026-11-26T02:07:00Z")),
            "November 25, 2026, 9:07 PM EST"
        );
        assert_eq!(
            time_of_day(&zone, us("2026-12-06T15:42:00Z")),
            "10:42 AM EST"
        );
        assert_eq!(
            time_of_day(&zone, us("2026-12-06T05:00:00Z")),
            "12:00 AM EST"
        );
        assert_eq!(local(&zone, i64::MAX), "");
    }

    #[test]
    fn the_api_sends_an_instant_as_rfc_3339_in_utc() {
        assert_eq!(
            rfc3339(us("2026-12-06T10:42:00-05:00")),
            "2026-12-06T15:42:00Z"
        );
        assert_eq!(rfc3339(0), "1970-01-01T00:00:00Z");
        assert_eq!(rfc3339(1), "1970-01-01T00:00:00.000001Z");
        assert_eq!(rfc3339(i64::MAX), "");
    }
}

//! Day-count conventions: how much of a year lies between two dates.
//!
//! A year fraction is the exact rational `weight(start, end) / denominator()`. Weights are
//! additive — `weight(a, b) + weight(b, c) == weight(a, c)` for every convention — which is
//! what lets day-by-day accrual equal whole-span accrual to the cent (see docs/interest.md).

use jiff::civil::Date;
use std::fmt;
use std::str::FromStr;

/// A day-count convention.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum DayCount {
    /// Actual days over a fixed 365-day year (leap days accrue a 365th too). The default.
    #[default]
    Actual365Fixed,
    /// Actual days, each day a 365th or (in a leap year) a 366th of a year (ISDA Actual/Actual).
    ActualActual,
    /// 30/360 US: every month counts 30 days and the year 360. Day 31, and the last day of
    /// February, count as day 30, applied to both ends, so that counts are additive.
    Thirty360,
}

impl DayCount {
    /// The denominator of every year fraction under this convention.
    pub const fn denominator(self) -> i64 {
        match self {
            DayCount::Actual365Fixed => 365,
            DayCount::ActualActual => 365 * 366,
            DayCount::Thirty360 => 360,
        }
    }

    /// The numerator of the year fraction from `start` (inclusive) to `end` (exclusive).
    /// Negative when `end` is before `start`.
    pub fn weight(self, start: Date, end: Date) -> i64 {
        if end < start {
            return -self.weight(end, start);
        }
        match self {
            DayCount::Actual365Fixed => days_between(start, end),
            DayCount::Thirty360 => thirty_360_serial(end) - thirty_360_serial(start),
            DayCount::ActualActual => {
                let mut total = 0;
                let mut from = start;
                while from < end {
                    let next_year = Date::new(from.year() + 1, 1, 1).expect("valid year");
                    let to = if next_year < end { next_year } else { end };
                    let per_day = if from.in_leap_year() { 365 } else { 366 };
                    total += days_between(from, to) * per_day;
                    from = to;
                }
                total
            }
        }
    }

    /// The weight of the single calendar day `date` (from `date` to the next day).
    pub fn day_weight(self, date: Date) -> i64 {
        match self {
            DayCount::Actual365Fixed => 1,
            DayCount::ActualActual => {
                if date.in_leap_year() {
                    365
                } else {
                    366
                }
            }
            DayCount::Thirty360 => {
                thirty_360_serial(date.tomorrow().expect("date in range")) - thirty_360_serial(date)
            }
        }
    }

    /// The days between two dates as this convention counts them (30/360 counts months as 30).
    pub fn days(self, start: Date, end: Date) -> i64 {
        match self {
            DayCount::Thirty360 => self.weight(start, end),
            _ => days_between(start, end),
        }
    }
}

/// Calendar days from `start` to `end` (negative if `end` is earlier).
pub fn days_between(start: Date, end: Date) -> i64 {
    let span = start
        .until((jiff::Unit::Day, end))
        .expect("dates in jiff's range are always a whole number of days apart");
    i64::from(span.get_days())
}

/// The 30/360 day serial number: 360 a year, 30 a month, day 31 and the last day of February
/// counted as day 30.
fn thirty_360_serial(date: Date) -> i64 {
    let day = i64::from(date.day());
    let is_end_of_february = date.month() == 2 && date.day() == date.days_in_month();
    let day = if is_end_of_february { 30 } else { day.min(30) };
    360 * i64::from(date.year()) + 30 * (i64::from(date.month()) - 1) + day
}

impl fmt::Display for DayCount {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            DayCount::Actual365Fixed => "actual/365",
            DayCount::ActualActual => "actual/actual",
            DayCount::Thirty360 => "30/360",
        })
    }
}

/// An unknown day-count name.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("day count {0:?} is not one of 30/360, actual/365, actual/actual")]
pub struct UnknownDayCount(pub String);

impl FromStr for DayCount {
    type Err = UnknownDayCount;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "actual/365" | "act/365" | "actual/365 fixed" => Ok(DayCount::Actual365Fixed),
            "actual/actual" | "act/act" => Ok(DayCount::ActualActual),
            "30/360" | "30/360 us" => Ok(DayCount::Thirty360),
            _ => Err(UnknownDayCount(s.to_owned())),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;
    use proptest::prelude::*;

    #[test]
    fn actual_365_counts_calendar_days() {
        let dc = DayCount::Actual365Fixed;
        assert_eq!(dc.weight(date(2026, 1, 15), date(2026, 2, 15)), 31);
        assert_eq!(dc.weight(date(2028, 2, 1), date(2028, 3, 1)), 29);
    }

    #[test]
    fn actual_actual_splits_at_the_new_year() {
        let dc = DayCount::ActualActual;
        // 31 Dec 2027 (a 365th) + 1 Jan 2028 (a 366th) = 366/133590 + 365/133590.
        assert_eq!(dc.weight(date(2027, 12, 31), date(2028, 1, 2)), 366 + 365);
        assert_eq!(
            dc.weight(date(2028, 1, 1), date(2029, 1, 1)),
            dc.denominator()
        );
        assert_eq!(
            dc.weight(date(2027, 1, 1), date(2028, 1, 1)),
            dc.denominator()
        );
    }

    #[test]
    fn thirty_360_counts_every_month_as_30_days() {
        let dc = DayCount::Thirty360;
        let table = [
            (date(2026, 1, 15), date(2026, 2, 15), 30),
            (date(2026, 1, 31), date(2026, 2, 28), 30),
            (date(2028, 1, 31), date(2028, 2, 29), 30),
            (date(2026, 2, 28), date(2026, 3, 31), 30),
            (date(2026, 1, 1), date(2027, 1, 1), 360),
            (date(2026, 3, 30), date(2026, 3, 31), 0),
            (date(2026, 2, 27), date(2026, 3, 1), 4),
        ];
        for (a, b, want) in table {
            assert_eq!(dc.weight(a, b), want, "{a} -> {b}");
        }
    }

    #[test]
    fn names_parse_and_display() {
        for dc in [
            DayCount::Actual365Fixed,
            DayCount::ActualActual,
            DayCount::Thirty360,
        ] {
            assert_eq!(dc.to_string().parse::<DayCount>(), Ok(dc));
        }
        assert!("act/360".parse::<DayCount>().is_err());
    }

    proptest! {
        #[test]
        fn weights_are_additive_and_sum_of_day_weights(
            a in 0i32..3000, b in 0i32..400, c in 0i32..400, which in 0usize..3,
        ) {
            let dc = [DayCount::Actual365Fixed, DayCount::ActualActual, DayCount::Thirty360][which];
            let start = date(2024, 1, 1).checked_add(jiff::Span::new().days(a)).unwrap();
            let mid = start.checked_add(jiff::Span::new().days(b)).unwrap();
            let end = mid.checked_add(jiff::Span::new().days(c)).unwrap();
            prop_assert_eq!(dc.weight(start, mid) + dc.weight(mid, end), dc.weight(start, end));
            let mut sum = 0;
            let mut d = start;
            while d < mid { sum += dc.day_weight(d); d = d.tomorrow().unwrap(); }
            prop_assert_eq!(sum, dc.weight(start, mid));
        }
    }
}

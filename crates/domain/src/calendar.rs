//! Business days on the US Federal Reserve holiday calendar, and monthly due dates.
//!
//! Fed observance rules (the Fed's own, which differ from the federal government's):
//! a holiday that falls on a Sunday is observed on the following Monday; a holiday that falls
//! on a Saturday is *not* moved — the Reserve Banks are open the Friday before. Juneteenth
//! (19 June) is a Fed holiday from 2022.

use jiff::civil::{Date, Weekday};

/// Why a due date cannot be built.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CalendarError {
    /// Day of month outside 1..=31.
    #[error("day of month {day} is not between 1 and 31")]
    DayOfMonthOutOfRange {
        /// The day given.
        day: i8,
    },
}

/// A date as people read it, "December 7, 2026": the one way every message writes a date
/// (machine formats, such as NACHA files and the API's JSON, keep ISO 8601).
/// Takes a date or a reference to one (an error's fields are references).
pub fn long_date(d: impl std::borrow::Borrow<Date>) -> String {
    d.borrow().strftime("%B %-d, %Y").to_string()
}

/// The Fed holiday named for `date`'s calendar day, before the Sunday rule.
fn named_holiday(date: Date) -> bool {
    let (month, day) = (date.month(), date.day());
    let weekday = date.weekday();
    let nth = (day - 1) / 7 + 1; // which occurrence of this weekday in the month
    let is_last = day + 7 > date.days_in_month();
    match (month, weekday) {
        (1, _) if day == 1 => true,
        (1, Weekday::Monday) if nth == 3 => true, // Martin Luther King Jr. Day
        (2, Weekday::Monday) if nth == 3 => true, // Washington's Birthday
        (5, Weekday::Monday) if is_last => true,  // Memorial Day
        (6, _) if day == 19 && date.year() >= 2022 => true, // Juneteenth
        (7, _) if day == 4 => true,
        (9, Weekday::Monday) if nth == 1 => true, // Labor Day
        (10, Weekday::Monday) if nth == 2 => true, // Columbus Day
        (11, _) if day == 11 => true,             // Veterans Day
        (11, Weekday::Thursday) if nth == 4 => true, // Thanksgiving
        (12, _) if day == 25 => true,
        _ => false,
    }
}

/// True when the Federal Reserve is closed for a holiday on `date` (as observed): a named
/// holiday on a weekday, or the Monday after one that fell on a Sunday.
pub fn is_fed_holiday(date: Date) -> bool {
    match date.weekday() {
        Weekday::Saturday | Weekday::Sunday => false,
        Weekday::Monday => named_holiday(date) || date.yesterday().is_ok_and(named_holiday),
        _ => named_holiday(date),
    }
}

/// True on Monday to Friday when the Fed is open.
pub fn is_business_day(date: Date) -> bool {
    !matches!(date.weekday(), Weekday::Saturday | Weekday::Sunday) && !is_fed_holiday(date)
}

/// The first business day strictly after `date`.
pub fn next_business_day(date: Date) -> Date {
    let mut d = date.tomorrow().expect("date in range");
    while !is_business_day(d) {
        d = d.tomorrow().expect("date in range");
    }
    d
}

/// The last business day strictly before `date`.
pub fn previous_business_day(date: Date) -> Date {
    let mut d = date.yesterday().expect("date in range");
    while !is_business_day(d) {
        d = d.yesterday().expect("date in range");
    }
    d
}

/// `date` if it is a business day, otherwise the next one.
pub fn this_or_next_business_day(date: Date) -> Date {
    if is_business_day(date) {
        date
    } else {
        next_business_day(date)
    }
}

/// The due date in `year`/`month` for a loan due on `day_of_month`: days 29–31 fall back to
/// the month's last day in shorter months.
pub fn due_date_in_month(year: i16, month: i8, day_of_month: i8) -> Result<Date, CalendarError> {
    if !(1..=31).contains(&day_of_month) {
        return Err(CalendarError::DayOfMonthOutOfRange { day: day_of_month });
    }
    let first = Date::new(year, month, 1).expect("valid year and month");
    Ok(Date::new(year, month, day_of_month.min(first.days_in_month())).expect("clamped day"))
}

/// True when `date` is the last day of its month (the date a month-end series falls due on).
pub fn is_last_day_of_month(date: Date) -> bool {
    date.day() == date.days_in_month()
}

/// The due date `months` months after `anchor`'s month, on `day_of_month` (clamped).
pub fn add_months_on_day(anchor: Date, months: i32, day_of_month: i8) -> Date {
    let index = i32::from(anchor.year()) * 12 + i32::from(anchor.month()) - 1 + months;
    let year = i16::try_from(index.div_euclid(12)).expect("year in range");
    let month = i8::try_from(index.rem_euclid(12) + 1).expect("month 1..=12");
    due_date_in_month(year, month, day_of_month).expect("day_of_month validated by callers")
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn knows_the_fed_holidays_of_2026_and_2027() {
        let closed = [
            date(2026, 1, 1),
            date(2026, 1, 19),
            date(2026, 2, 16),
            date(2026, 5, 25),
            date(2026, 6, 19),
            date(2026, 7, 3).tomorrow().unwrap(), // 4 July 2026 is a Saturday: not moved
            date(2026, 9, 7),
            date(2026, 10, 12),
            date(2026, 11, 11),
            date(2026, 11, 26),
            date(2026, 12, 25),
            date(2027, 7, 5), // 4 July 2027 is a Sunday: observed Monday 5 July
            date(2027, 12, 25),
        ];
        for d in closed {
            assert!(!is_business_day(d), "{d} should be closed");
        }
        // Friday 3 July 2026 is open: the Fed does not move Saturday holidays to Friday.
        assert!(is_business_day(date(2026, 7, 3)));
        // Friday 24 Dec 2027 is open although Christmas is a Saturday.
        assert!(is_business_day(date(2027, 12, 24)));
        // Juneteenth did not exist before 2022.
        assert!(is_business_day(date(2021, 6, 18)));
    }

    #[test]
    fn steps_over_weekends_and_holidays() {
        // Wed 25 Nov 2026 -> Thanksgiving Thu 26 -> Fri 27.
        assert_eq!(next_business_day(date(2026, 11, 25)), date(2026, 11, 27));
        // Fri 25 Dec 2026 is Christmas; before it, Thu 24.
        assert_eq!(
            previous_business_day(date(2026, 12, 28)),
            date(2026, 12, 24)
        );
        // Sat 2 Jan 2027 -> Mon 4 Jan.
        assert_eq!(
            this_or_next_business_day(date(2027, 1, 2)),
            date(2027, 1, 4)
        );
        // Mon 20 Jan 2025 is MLK day.
        assert_eq!(next_business_day(date(2025, 1, 17)), date(2025, 1, 21));
    }

    #[test]
    fn due_dates_on_the_29th_to_31st_fall_back_to_the_last_day() {
        let table = [
            (2026, 2, 31, date(2026, 2, 28)),
            (2028, 2, 30, date(2028, 2, 29)),
            (2026, 4, 31, date(2026, 4, 30)),
            (2026, 5, 31, date(2026, 5, 31)),
            (2026, 2, 15, date(2026, 2, 15)),
        ];
        for (y, m, d, want) in table {
            assert_eq!(due_date_in_month(y, m, d), Ok(want));
        }
        assert!(due_date_in_month(2026, 1, 32).is_err());
        assert_eq!(
            add_months_on_day(date(2026, 11, 30), 3, 31),
            date(2027, 2, 28)
        );
    }

    #[test]
    fn knows_the_last_day_of_each_month() {
        let table = [
            (date(2027, 2, 28), true),
            (date(2028, 2, 28), false),
            (date(2028, 2, 29), true),
            (date(2026, 4, 30), true),
            (date(2026, 5, 30), false),
            (date(2026, 5, 31), true),
        ];
        for (d, want) in table {
            assert_eq!(is_last_day_of_month(d), want, "{d}");
        }
    }
}

//! The day of month each payment is scheduled for, so that months are counted as Regulation Z
//! Appendix J (b)(3)(iv) measures them: from a date to the same date of another month, and for
//! a series due on the last day of each month, from month end to month end.
//!
//! A payment on the last day of a short month can stand for a later day (a series due on the
//! 30th, or at month end, falls due on 28 February); only the series around it tells which.

use crate::calendar::{add_months_on_day, is_last_day_of_month};
use jiff::civil::Date;
use money::Money;

/// Months from `a`'s month to `b`'s month (negative when `b`'s month is earlier).
pub(super) fn month_gap(a: Date, b: Date) -> i32 {
    let index = |d: Date| i32::from(d.year()) * 12 + i32::from(d.month());
    index(b) - index(a)
}

/// True when a series due on `day` of each month falls due on `date` (days past a month's end
/// fall back to its last day).
fn falls_on(date: Date, day: i8) -> bool {
    add_months_on_day(date, 0, day) == date
}

/// The day of month on which a monthly series could fall due on both `a` and the later `b`, or
/// `None` when no series holds both (or they are in the same month): 31 — month end — when both
/// are the last days of their months, otherwise the later of their two days of month, when the
/// other date is its month's last day (28 February for the 30th).
pub(super) fn shared_due_day(a: Date, b: Date) -> Option<i8> {
    if month_gap(a, b) < 1 {
        return None;
    }
    if is_last_day_of_month(a) && is_last_day_of_month(b) {
        return Some(31);
    }
    let day = a.day().max(b.day());
    (falls_on(a, day) && falls_on(b, day)).then_some(day)
}

/// The due day of each payment (in the order given) of a transaction advanced on `advance`.
///
/// Consecutive payments whole months apart on a shared day form a series. A series whose every
/// payment is on a month's last day is due at month end (31); any other series on its latest
/// day of month, from which its payments in shorter months fall back. A payment outside any
/// series is taken with the advance as the series ([`shared_due_day`]), else on its own day.
pub(super) fn due_days(advance: Date, payments: &[(Date, Money)]) -> Vec<i8> {
    let dates: Vec<Date> = payments.iter().map(|p| p.0).collect();
    let mut days: Vec<i8> = dates.iter().map(|d| d.day()).collect();
    let mut start = 0;
    while start < dates.len() {
        let mut end = start + 1;
        while end < dates.len() && shared_due_day(dates[end - 1], dates[end]).is_some() {
            end += 1;
        }
        let series = &dates[start..end];
        let day = if let [only] = series {
            shared_due_day(advance, *only).unwrap_or(only.day())
        } else if series.iter().all(|d| is_last_day_of_month(*d)) {
            31
        } else {
            series
                .iter()
                .map(|d| d.day())
                .max()
                .expect("a series has dates")
        };
        for (slot, date) in days[start..end].iter_mut().zip(series) {
            if falls_on(*date, day) {
                *slot = day;
            }
        }
        start = end;
    }
    days
}

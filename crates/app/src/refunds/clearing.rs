//! What of the money a loan holds may be paid back: a check can bounce and an ACH debit can
//! come back for days after it posted, so the unapplied funds count as cleared only beyond the
//! loan's payments by check or ACH debit still inside their return window (credited within the
//! last ten calendar days), never below zero. And the day an amount asked for clears.

use jiff::civil::Date;
use money::Money;

/// How many calendar days after its credit date a payment by check or ACH debit can still
/// come back; from its credit date plus these days, its money has cleared.
pub const RETURN_WINDOW_DAYS: i64 = 10;

/// How many calendar days a debit from a bank account must have posted before the account is
/// verified for a refund by ACH credit (the debit came back neither returned nor refused).
pub const SETTLED_DAYS: i64 = 5;

/// The payments still in their window on `today` are those credited after this day.
pub(super) fn window_start(today: Date) -> Date {
    today.saturating_sub(jiff::Span::new().days(RETURN_WINDOW_DAYS))
}

/// A debit from a bank account credited before this day has settled (on `today`).
pub(super) fn settled_before(today: Date) -> Date {
    today.saturating_sub(jiff::Span::new().days(SETTLED_DAYS))
}

/// The day the money of a payment credited on `credited` has cleared.
fn clears(credited: Date) -> Date {
    credited.saturating_add(jiff::Span::new().days(RETURN_WINDOW_DAYS))
}

/// What of `held` has cleared, given the payments still in their return window (`window`:
/// each one's credit date and amount): `held` less all of them, never below zero.
pub(super) fn cleared(held: Money, window: &[(Date, Money)]) -> Money {
    let open: Money = window.iter().map(|(_, amount)| *amount).sum();
    held.saturating_sub_to_zero(open)
}

/// The day `amount` of `held` has cleared, as the payments in `window` clear one by one:
/// none when it has cleared already. An amount more than `held` (refused before this is
/// asked) is given the day the last of them clears.
pub(super) fn clears_on(held: Money, amount: Money, window: &[(Date, Money)]) -> Option<Date> {
    if amount <= cleared(held, window) {
        return None;
    }
    let mut days: Vec<Date> = window
        .iter()
        .map(|(credited, _)| clears(*credited))
        .collect();
    days.sort_unstable();
    days.dedup();
    let last = days.last().copied();
    days.into_iter()
        .find(|day| {
            let open: Vec<(Date, Money)> = window
                .iter()
                .filter(|(credited, _)| clears(*credited) > *day)
                .copied()
                .collect();
            cleared(held, &open) >= amount
        })
        .or(last)
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    fn m(cents: i64) -> Money {
        Money::from_cents(cents)
    }

    #[test]
    fn the_window_is_ten_days_and_a_debit_settles_after_five() {
        let today = date(2026, 12, 8);
        assert_eq!(window_start(today), date(2026, 11, 28));
        assert_eq!(settled_before(today), date(2026, 12, 3));
        assert_eq!(clears(date(2026, 11, 24)), date(2026, 12, 4));
    }

    #[test]
    fn money_held_clears_as_the_payments_behind_it_can_no_longer_come_back() {
        // $125.40 held after a payoff check of $1,125.40 credited November 24: none cleared
        // until December 4.
        let check = [(date(2026, 11, 24), m(112_540))];
        assert_eq!(cleared(m(12_540), &check), Money::ZERO);
        assert_eq!(
            clears_on(m(12_540), m(100), &check),
            Some(date(2026, 12, 4))
        );
        // Nothing in the window: all of it has cleared.
        assert_eq!(cleared(m(12_540), &[]), m(12_540));
        assert_eq!(clears_on(m(12_540), m(12_540), &[]), None);
        // $300.00 held; a $100.00 check of November 30 and a $150.00 debit of December 2 can
        // still come back: $50.00 has cleared now, $150.00 on December 10, all of it on
        // December 12.
        let two = [
            (date(2026, 11, 30), m(10_000)),
            (date(2026, 12, 2), m(15_000)),
        ];
        assert_eq!(cleared(m(30_000), &two), m(5_000));
        assert_eq!(clears_on(m(30_000), m(5_000), &two), None);
        assert_eq!(
            clears_on(m(30_000), m(15_000), &two),
            Some(date(2026, 12, 10))
        );
        assert_eq!(
            clears_on(m(30_000), m(15_001), &two),
            Some(date(2026, 12, 12))
        );
        assert_eq!(
            clears_on(m(30_000), m(30_000), &two),
            Some(date(2026, 12, 12))
        );
    }
}

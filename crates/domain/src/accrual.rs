//! Daily simple interest on unpaid principal, exact, with the sub-cent remainder carried.
//!
//! The interest for a span is the exact rational `principal × rate × weight / denominator`
//! (see [`DayCount`]). Each accrual posts whole cents rounded *down* ([`ACCRUAL_ROUNDING`]) and
//! carries the remainder, so the cents posted after any sequence of accruals always equal the
//! floor of the exact total: accruing day by day equals accruing the whole span at once.

use jiff::civil::Date;
use money::{DayCount, Money, Rate, Rounding};

/// The rounding rule of every accrual: down, with the remainder carried.
pub const ACCRUAL_ROUNDING: Rounding = Rounding::Down;

/// The fraction of a cent not yet posted, in units of `1 / (Rate::UNITS_PER_ONE × denominator)`
/// cents. Always `0 <= carry < denominator` of its day count; stored with the loan.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct AccrualCarry(i64);

impl AccrualCarry {
    /// No carried remainder.
    pub const ZERO: AccrualCarry = AccrualCarry(0);

    /// A carry read back from storage. Panics if negative (a corrupt store is a bug).
    pub fn from_units(units: i64) -> Self {
        assert!(units >= 0, "accrual carry is never negative");
        AccrualCarry(units)
    }

    /// The carry in its storage units.
    pub const fn units(self) -> i64 {
        self.0
    }
}

/// What one accrual produced: whole cents to post and the remainder to carry.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Accrued {
    /// Interest to post, in whole cents.
    pub interest: Money,
    /// The remainder to carry into the next accrual.
    pub carry: AccrualCarry,
}

/// The full denominator of an exact accrual under `day_count`.
pub fn accrual_denominator(day_count: DayCount) -> i128 {
    i128::from(Rate::UNITS_PER_ONE) * i128::from(day_count.denominator())
}

/// Accrues interest on a constant `principal` from `start` (inclusive) to `end` (exclusive).
pub fn accrue(
    principal: Money,
    rate: Rate,
    day_count: DayCount,
    start: Date,
    end: Date,
    carry: AccrualCarry,
) -> Accrued {
    accrue_weight(
        principal,
        rate,
        day_count,
        day_count.weight(start, end),
        carry,
    )
}

/// Accrues interest for a year-fraction numerator `weight` (see [`DayCount::weight`]).
pub fn accrue_weight(
    principal: Money,
    rate: Rate,
    day_count: DayCount,
    weight: i64,
    carry: AccrualCarry,
) -> Accrued {
    debug_assert!(weight >= 0, "accrual runs forward");
    let denominator = accrual_denominator(day_count);
    let exact =
        i128::from(principal.cents()) * i128::from(rate.micro_percent()) * i128::from(weight)
            + i128::from(carry.0);
    let cents = ACCRUAL_ROUNDING.divide(exact, denominator);
    let left = exact - cents * denominator;
    Accrued {
        interest: Money::from_cents(i64::try_from(cents).expect("interest fits in i64 cents")),
        carry: AccrualCarry(i64::try_from(left).expect("carry is below the denominator")),
    }
}

/// The hot path of close of business: one day's accrual for a loan whose principal, rate and
/// day count are fixed for the day. Precomputes the per-weight numerator once.
#[derive(Clone, Copy, Debug)]
pub struct DailyAccrual {
    per_weight: u128,
    denominator: u128,
}

impl DailyAccrual {
    /// Prepares the daily accrual of a non-negative `principal` at `rate`.
    pub fn new(principal: Money, rate: Rate, day_count: DayCount) -> Self {
        let p = u128::try_from(principal.cents()).expect("accrual on non-negative principal");
        let r = u128::try_from(rate.micro_percent()).expect("rates are non-negative");
        let denominator = u128::try_from(accrual_denominator(day_count)).expect("positive");
        DailyAccrual {
            per_weight: p * r,
            denominator,
        }
    }

    /// Accrues one day of `weight` (from [`DayCount::day_weight`]); returns the cents to post
    /// and updates `carry`.
    #[inline]
    pub fn accrue_day(&self, weight: i64, carry: &mut AccrualCarry) -> i64 {
        let w = u128::try_from(weight).expect("day weights are non-negative");
        let c = u128::try_from(carry.0).expect("carry is non-negative");
        let exact = self.per_weight * w + c;
        // Most loans fit in 64 bits; a 64-bit division is several times cheaper than 128.
        let (cents, left) = match (u64::try_from(exact), u64::try_from(self.denominator)) {
            (Ok(e), Ok(d)) => (u128::from(e / d), u128::from(e % d)),
            _ => (exact / self.denominator, exact % self.denominator),
        };
        carry.0 = i64::try_from(left).expect("carry is below the denominator");
        i64::try_from(cents).expect("interest fits in i64 cents")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;
    use proptest::prelude::*;

    fn rate(s: &str) -> Rate {
        Rate::parse(s).unwrap()
    }

    #[test]
    fn accrues_a_month_of_interest_on_each_day_count() {
        // $10,000 at 7.5 % from 15 Jan to 15 Feb 2026 (31 actual days, 30 days in 30/360).
        let p = Money::from_cents(1_000_000);
        let (start, end) = (date(2026, 1, 15), date(2026, 2, 15));
        let table = [
            // 10000 × 0.075 × 31/365 = 63.6986…
            (DayCount::Actual365Fixed, 6369),
            (DayCount::ActualActual, 6369),
            // 10000 × 0.075 / 12 = 62.50 exactly
            (DayCount::Thirty360, 6250),
        ];
        for (dc, cents) in table {
            let a = accrue(p, rate("7.5"), dc, start, end, AccrualCarry::ZERO);
            assert_eq!(a.interest, Money::from_cents(cents), "{dc}");
        }
    }

    #[test]
    fn a_leap_day_accrues_a_366th_under_actual_actual() {
        let p = Money::from_cents(36_600_000); // $366,000 at 1 % accrues $10.00 a day in 2028
        let a = accrue(
            p,
            rate("1"),
            DayCount::ActualActual,
            date(2028, 2, 29),
            date(2028, 3, 1),
            AccrualCarry::ZERO,
        );
        assert_eq!(a.interest, Money::from_cents(1000));
        assert_eq!(a.carry, AccrualCarry::ZERO);
    }

    #[test]
    fn the_carried_remainder_is_posted_when_it_reaches_a_cent() {
        // $1.00 at 36.5 % accrues exactly 0.1 cent a day on Actual/365: a cent every 10 days.
        let p = Money::from_cents(100);
        let mut carry = AccrualCarry::ZERO;
        let mut posted = Vec::new();
        let mut d = date(2026, 1, 1);
        for _ in 0..20 {
            let next = d.tomorrow().unwrap();
            let a = accrue(p, rate("36.5"), DayCount::Actual365Fixed, d, next, carry);
            posted.push(a.interest.cents());
            carry = a.carry;
            d = next;
        }
        assert_eq!(posted.iter().sum::<i64>(), 2);
        assert_eq!(posted[9], 1);
        assert_eq!(posted[19], 1);
    }

    proptest! {
        #[test]
        fn day_by_day_accrual_equals_whole_span_accrual(
            principal in 0i64..10_000_000_000,
            micro in 0i64..100_000_000,
            start_offset in 0i32..2000,
            days in 0i32..800,
            which in 0usize..3,
            initial_carry in 0i64..1_000_000,
        ) {
            let dc = [DayCount::Actual365Fixed, DayCount::ActualActual, DayCount::Thirty360][which];
            let r = Rate::from_micro_percent(micro);
            let p = Money::from_cents(principal);
            let start = date(2025, 1, 1).checked_add(jiff::Span::new().days(start_offset)).unwrap();
            let end = start.checked_add(jiff::Span::new().days(days)).unwrap();
            let carry0 = AccrualCarry::from_units(initial_carry);
            let whole = accrue(p, r, dc, start, end, carry0);
            let daily = DailyAccrual::new(p, r, dc);
            let (mut carry, mut fast_carry, mut sum, mut fast_sum) = (carry0, carry0, 0i64, 0i64);
            let mut d = start;
            while d < end {
                let next = d.tomorrow().unwrap();
                let a = accrue(p, r, dc, d, next, carry);
                sum += a.interest.cents();
                carry = a.carry;
                fast_sum += daily.accrue_day(dc.day_weight(d), &mut fast_carry);
                d = next;
            }
            prop_assert_eq!(sum, whole.interest.cents());
            prop_assert_eq!(carry, whole.carry);
            prop_assert_eq!(fast_sum, sum);
            prop_assert_eq!(fast_carry, carry);
        }
    }
}

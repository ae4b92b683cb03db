//! The annual percentage rate by Regulation Z, Appendix J (actuarial method), and the TILA box.
//!
//! The APR is the unit-period rate `i` solving the general equation
//! `A = Σₖ Pₖ / ((1 + fₖ·i)(1 + i)^tₖ)` — `A` the amount financed, `Pₖ` each payment, `tₖ` the
//! full unit-periods and `fₖ` the fraction of a unit-period from the advance to the payment,
//! counted backward from the payment — times the unit-periods in a year. Fractions count days
//! over 30 for months, 15 for semimonths, 7 for weeks and 365 for years. Months are counted on
//! the day each payment's series is scheduled for (`due_day`): month end to month end for a
//! series due on the last day of each month. Computed in 28-digit decimal arithmetic
//! (`rust_decimal`), never floating point.

mod due_day;

use crate::calendar::add_months_on_day;
use jiff::civil::Date;
use money::{Money, days_between};
use rust_decimal::{Decimal, MathematicalOps, RoundingStrategy};
use std::collections::BTreeMap;
use std::fmt;
use std::str::FromStr;

/// A unit-period (or a payment interval).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum UnitPeriod {
    /// A number of days (1 for daily; the term of a single-payment loan measured in days).
    Days(u32),
    /// A number of weeks (1, 2, 4).
    Weeks(u32),
    /// Half a month: the 1st and 16th style (a day and the day 15 later).
    Semimonth,
    /// A number of months (1, 2, 3, 6; or a single-payment term in exact months).
    Months(u32),
    /// A year.
    Year,
}

/// Why an APR cannot be computed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AprError {
    /// No payments.
    #[error("payments: at least one payment is needed")]
    NoPayments,
    /// The amount financed must be positive.
    #[error("amount_financed: {amount} must be more than zero")]
    AmountNotPositive {
        /// The amount.
        amount: Money,
    },
    /// A payment on or before the advance.
    #[error("payments: the payment on {date} is not after the advance date {advance}")]
    PaymentNotAfterAdvance {
        /// The payment date.
        date: Date,
        /// The advance date.
        advance: Date,
    },
    /// A payment that is not positive.
    #[error("payments: the payment on {date} has amount {amount}; payments must be positive")]
    PaymentNotPositive {
        /// The payment date.
        date: Date,
        /// The amount.
        amount: Money,
    },
    /// Total payments below the amount financed: the rate would be negative.
    #[error("payments: total of payments {total} is less than the amount financed {amount}")]
    NegativeFinanceCharge {
        /// Total of payments.
        total: Money,
        /// Amount financed.
        amount: Money,
    },
    /// The iteration did not settle (does not happen for valid loans).
    #[error("the APR equation did not converge")]
    NoConvergence,
    /// An unknown interval name.
    #[error(
        "{0:?} is not one of day, week, 2 weeks, 4 weeks, semimonth, month, 2 months, 3 months, 6 months, year"
    )]
    UnknownInterval(String),
}

impl UnitPeriod {
    /// Unit-periods in a year.
    pub fn per_year(self) -> Decimal {
        match self {
            UnitPeriod::Days(n) => Decimal::from(365) / Decimal::from(n),
            UnitPeriod::Weeks(n) => Decimal::from(52) / Decimal::from(n),
            UnitPeriod::Semimonth => Decimal::from(24),
            UnitPeriod::Months(n) => Decimal::from(12) / Decimal::from(n),
            UnitPeriod::Year => Decimal::ONE,
        }
    }

    /// Approximate length in days, used only to break ties between equally common periods.
    fn approximate_days(self) -> u32 {
        match self {
            UnitPeriod::Days(n) => n,
            UnitPeriod::Weeks(n) => 7 * n,
            UnitPeriod::Semimonth => 15,
            UnitPeriod::Months(n) => 30 * n,
            UnitPeriod::Year => 365,
        }
    }

    /// The date `k` intervals after `first` (for expanding payment groups).
    pub fn nth_date(self, first: Date, k: u32) -> Date {
        let k32 = i32::try_from(k).expect("count fits");
        match self {
            UnitPeriod::Days(n) => add_days(first, k32 * i32::try_from(n).expect("fits")),
            UnitPeriod::Weeks(n) => add_days(first, 7 * k32 * i32::try_from(n).expect("fits")),
            UnitPeriod::Semimonth => crate::schedule::Frequency::Semimonthly.due_date(first, k),
            UnitPeriod::Months(n) => {
                add_months_on_day(first, k32 * i32::try_from(n).expect("fits"), first.day())
            }
            UnitPeriod::Year => add_months_on_day(first, 12 * k32, first.day()),
        }
    }

    /// One period before `date`, anchored on `anchor_day` for month-based periods.
    fn step_back(self, date: Date, anchor_day: i8) -> Date {
        match self {
            UnitPeriod::Days(n) => add_days(date, -i32::try_from(n).expect("fits")),
            UnitPeriod::Weeks(n) => add_days(date, -7 * i32::try_from(n).expect("fits")),
            UnitPeriod::Semimonth => {
                if date.day() > 15 {
                    add_months_on_day(date, 0, date.day() - 15)
                } else {
                    add_months_on_day(date, -1, (date.day() + 15).min(31))
                }
            }
            UnitPeriod::Months(n) => {
                add_months_on_day(date, -i32::try_from(n).expect("fits"), anchor_day)
            }
            UnitPeriod::Year => add_months_on_day(date, -12, anchor_day),
        }
    }

    /// Full unit-periods and the fraction of one from `advance` to `payment`, counted back from
    /// the payment (Appendix J (b)(5)), taking the two dates alone as the series: month end to
    /// month end when both are the last days of their months, 30 January to 28 February a
    /// month, otherwise months on the payment's own day. See [`Self::periods_between_on_day`].
    pub fn periods_between(self, advance: Date, payment: Date) -> (u32, Decimal) {
        let day = due_day::shared_due_day(advance, payment).unwrap_or(payment.day());
        self.periods_between_on_day(advance, payment, day)
    }

    /// Full unit-periods and the fraction of one from `advance` to `payment`, counted back from
    /// the payment (Appendix J (b)(5)), stepping months back on `due_day`, the day of month the
    /// payment's series is scheduled for (1–31, clamped to shorter months: 31 is month end).
    ///
    /// Appendix J (b)(3)(iv): "All months shall be considered equal. Full months shall be
    /// measured from any point in time on a given date of a given month to the same point in
    /// time on the same date of another month. If a series of payments (or advances) is
    /// scheduled for the last day of each month, months shall be measured from the last day of
    /// the given month to the last day of another month. If payments (or advances) are
    /// scheduled for the 29th or 30th of each month, the last day of February shall be used
    /// when applicable." So 28 February is 8 months after 30 June in a month-end series (not 7
    /// months and 28 days, as stepping back on the 28th would give), and 3 months after
    /// 30 November in a series due on the 30th.
    ///
    /// Panics unless `payment` falls on `due_day` (its day, or a later one it is the month's
    /// last day for).
    pub fn periods_between_on_day(
        self,
        advance: Date,
        payment: Date,
        due_day: i8,
    ) -> (u32, Decimal) {
        assert!(
            (1..=31).contains(&due_day) && add_months_on_day(payment, 0, due_day) == payment,
            "a payment on {payment} does not fall due on day {due_day}"
        );
        let anchor = due_day;
        let (mut full, mut at) = (0u32, payment);
        loop {
            let back = self.step_back(at, anchor);
            if back < advance {
                break;
            }
            full += 1;
            at = back;
        }
        let fraction = match self {
            UnitPeriod::Days(n) => Decimal::from(days_between(advance, at)) / Decimal::from(n),
            UnitPeriod::Weeks(n) => Decimal::from(days_between(advance, at)) / Decimal::from(7 * n),
            UnitPeriod::Semimonth => Decimal::from(days_between(advance, at)) / Decimal::from(15),
            UnitPeriod::Year => Decimal::from(days_between(advance, at)) / Decimal::from(365),
            UnitPeriod::Months(n) => {
                // Whole months, then the odd days over 30, as a fraction of n months.
                let (mut months, mut month_at) = (0u32, at);
                loop {
                    let back = add_months_on_day(month_at, -1, anchor);
                    if back < advance {
                        break;
                    }
                    months += 1;
                    month_at = back;
                }
                let days = Decimal::from(days_between(advance, month_at));
                (Decimal::from(months) + days / Decimal::from(30)) / Decimal::from(n)
            }
        };
        (full, fraction)
    }
}

fn add_days(date: Date, days: i32) -> Date {
    date.checked_add(jiff::Span::new().days(days))
        .expect("date in range")
}

impl FromStr for UnitPeriod {
    type Err = AprError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let normal = s.trim().to_ascii_lowercase();
        Ok(match normal.as_str() {
            "day" => UnitPeriod::Days(1),
            "week" => UnitPeriod::Weeks(1),
            "2 weeks" => UnitPeriod::Weeks(2),
            "4 weeks" => UnitPeriod::Weeks(4),
            "semimonth" => UnitPeriod::Semimonth,
            "month" => UnitPeriod::Months(1),
            "2 months" => UnitPeriod::Months(2),
            "3 months" => UnitPeriod::Months(3),
            "6 months" => UnitPeriod::Months(6),
            "year" => UnitPeriod::Year,
            _ => return Err(AprError::UnknownInterval(s.to_owned())),
        })
    }
}

impl fmt::Display for UnitPeriod {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            UnitPeriod::Days(1) => f.write_str("day"),
            UnitPeriod::Days(n) => write!(f, "{n} days"),
            UnitPeriod::Weeks(1) => f.write_str("week"),
            UnitPeriod::Weeks(n) => write!(f, "{n} weeks"),
            UnitPeriod::Semimonth => f.write_str("semimonth"),
            UnitPeriod::Months(1) => f.write_str("month"),
            UnitPeriod::Months(n) => write!(f, "{n} months"),
            UnitPeriod::Year => f.write_str("year"),
        }
    }
}

/// The interval from `a` to `b` if it is one of Appendix J's common periods.
fn common_period(a: Date, b: Date) -> Option<UnitPeriod> {
    let days = days_between(a, b);
    // Whole months on a day both can fall due on ((b)(3)(iv)): 31 January to 28 February,
    // 30 June to 31 July (month ends), 28 February to 30 March (a series on the 30th).
    let (gap, shared) = (due_day::month_gap(a, b), due_day::shared_due_day(a, b));
    let months_apart = |n: i32| gap == n && shared.is_some();
    if days == 1 {
        Some(UnitPeriod::Days(1))
    } else if let Some(weeks) = [1, 2, 4].into_iter().find(|w| days == 7 * i64::from(*w)) {
        Some(UnitPeriod::Weeks(weeks))
    } else if let Some(m) = [1, 2, 3, 6].into_iter().find(|m| months_apart(*m)) {
        Some(UnitPeriod::Months(u32::try_from(m).expect("small")))
    } else if months_apart(12) {
        Some(UnitPeriod::Year)
    } else if UnitPeriod::Semimonth.nth_date(a, 1) == b && (13..=16).contains(&days) {
        Some(UnitPeriod::Semimonth)
    } else {
        None
    }
}

/// The unit-period Appendix J (b)(3) assigns: the common period occurring most often (the
/// smaller on a tie); for one advance and one payment, the term itself (a year if longer).
pub fn infer_unit_period(advance: Date, payments: &[(Date, Money)]) -> UnitPeriod {
    if let [(only, _)] = payments {
        return single_payment_unit(advance, *only);
    }
    let mut counts: BTreeMap<UnitPeriod, u32> = BTreeMap::new();
    let dates: Vec<Date> = std::iter::once(advance)
        .chain(payments.iter().map(|p| p.0))
        .collect();
    for pair in dates.windows(2) {
        if let Some(period) = common_period(pair[0], pair[1]) {
            *counts.entry(period).or_default() += 1;
        }
    }
    counts
        .into_iter()
        .max_by(|a, b| {
            a.1.cmp(&b.1)
                .then(b.0.approximate_days().cmp(&a.0.approximate_days()))
        })
        .map_or(UnitPeriod::Months(1), |(period, _)| period)
}

fn single_payment_unit(advance: Date, payment: Date) -> UnitPeriod {
    if add_months_on_day(advance, 12, advance.day()) <= payment {
        return UnitPeriod::Year;
    }
    // A whole number of months as `periods_between` counts them (30 June to 28 February is 8).
    let months = due_day::month_gap(advance, payment);
    if (1..12).contains(&months) && due_day::shared_due_day(advance, payment).is_some() {
        return UnitPeriod::Months(u32::try_from(months).expect("1 to 11"));
    }
    UnitPeriod::Days(u32::try_from(days_between(advance, payment)).expect("positive, under a year"))
}

/// A computed APR.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Apr {
    /// The unit-period used.
    pub unit_period: UnitPeriod,
    /// The unit-period rate.
    pub unit_rate: Decimal,
    /// The APR in percent, unrounded (28 digits).
    pub percent_exact: Decimal,
}

impl Apr {
    /// The APR in percent rounded half up to two decimals, as disclosed.
    pub fn percent(&self) -> Decimal {
        self.percent_exact
            .round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero)
    }
}

/// Computes the APR of a single-advance transaction.
pub fn annual_percentage_rate(
    advance: Date,
    amount_financed: Money,
    payments: &[(Date, Money)],
    unit_period: Option<UnitPeriod>,
) -> Result<Apr, AprError> {
    validate(advance, amount_financed, payments)?;
    let unit = unit_period.unwrap_or_else(|| infer_unit_period(advance, payments));
    let flows: Vec<(Decimal, u64, Decimal)> = payments
        .iter()
        .zip(due_day::due_days(advance, payments))
        .map(|((date, amount), day)| {
            let (t, f) = unit.periods_between_on_day(advance, *date, day);
            (Decimal::from(amount.cents()), u64::from(t), f)
        })
        .collect();
    let target = Decimal::from(amount_financed.cents());
    let i = solve(&flows, target)?;
    Ok(Apr {
        unit_period: unit,
        unit_rate: i,
        percent_exact: i * unit.per_year() * Decimal::ONE_HUNDRED,
    })
}

fn validate(advance: Date, amount: Money, payments: &[(Date, Money)]) -> Result<(), AprError> {
    if payments.is_empty() {
        return Err(AprError::NoPayments);
    }
    if !amount.is_positive() {
        return Err(AprError::AmountNotPositive { amount });
    }
    for (date, pay) in payments {
        if *date <= advance {
            return Err(AprError::PaymentNotAfterAdvance {
                date: *date,
                advance,
            });
        }
        if !pay.is_positive() {
            return Err(AprError::PaymentNotPositive {
                date: *date,
                amount: *pay,
            });
        }
    }
    let total: Money = payments.iter().map(|p| p.1).sum();
    if total < amount {
        return Err(AprError::NegativeFinanceCharge { total, amount });
    }
    Ok(())
}

/// Newton's method on `g(i) = Σ P/((1+f·i)(1+i)^t) − A`, which falls strictly in `i`.
fn solve(flows: &[(Decimal, u64, Decimal)], target: Decimal) -> Result<Decimal, AprError> {
    let mut i = Decimal::new(1, 2); // 1 % a unit-period to start
    for _ in 0..200 {
        let (mut value, mut slope) = (-target, Decimal::ZERO);
        for (payment, t, f) in flows {
            let growth = (Decimal::ONE + i)
                .checked_powu(*t)
                .ok_or(AprError::NoConvergence)?;
            let odd = Decimal::ONE + *f * i;
            let pv = *payment / (odd * growth);
            value += pv;
            // d/di of P·(1+f·i)⁻¹·(1+i)⁻ᵗ
            slope -= pv * (*f / odd + Decimal::from(*t) / (Decimal::ONE + i));
        }
        if slope.is_zero() {
            return Err(AprError::NoConvergence);
        }
        let step = value / slope;
        let mut next = i - step;
        if next <= Decimal::NEGATIVE_ONE / Decimal::TWO {
            next = i / Decimal::TWO; // keep 1 + i well above zero
        }
        if (next - i).abs() < Decimal::new(1, 24) {
            return Ok(next);
        }
        i = next;
    }
    Err(AprError::NoConvergence)
}

/// The Truth in Lending disclosure box.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TilaBox {
    /// The APR, as computed.
    pub apr: Apr,
    /// Total of payments minus the amount financed.
    pub finance_charge: Money,
    /// The credit provided.
    pub amount_financed: Money,
    /// What the borrower pays in all, as scheduled.
    pub total_of_payments: Money,
}

/// The TILA box of a single-advance loan.
pub fn tila_box(
    advance: Date,
    amount_financed: Money,
    payments: &[(Date, Money)],
) -> Result<TilaBox, AprError> {
    let apr = annual_percentage_rate(advance, amount_financed, payments, None)?;
    let total_of_payments: Money = payments.iter().map(|p| p.1).sum();
    Ok(TilaBox {
        apr,
        finance_charge: total_of_payments - amount_financed,
        amount_financed,
        total_of_payments,
    })
}

#[cfg(test)]
mod tests;

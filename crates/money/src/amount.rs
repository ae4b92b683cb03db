//! [`Money`]: a signed amount of US cents in an `i64`, parsed exactly from decimal text.
//!
//! Invariant: the value is whole cents; there is no way to build a fraction of a cent.

use std::fmt;
use std::iter::Sum;
use std::ops::{Add, AddAssign, Neg, Sub, SubAssign};
use std::str::FromStr;

/// An exact amount of money in cents. `Money::from_cents(1234)` is $12.34.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Money(i64);

/// Why a piece of text is not an amount of money.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MoneyParseError {
    /// The text was empty (or only spaces).
    #[error("amount is empty: write it like 1234.56")]
    Empty,
    /// More than two digits after the decimal point.
    #[error("amount {input:?} has more than two decimal places: money is exact to the cent")]
    TooManyDecimals {
        /// The text as given.
        input: String,
    },
    /// Something other than an optional minus sign, digits and one decimal point.
    #[error(
        "amount {input:?} is not a decimal number: use digits, an optional leading minus and a dot, like 1234.56 (no commas, exponents or currency signs)"
    )]
    NotANumber {
        /// The text as given.
        input: String,
    },
    /// The amount does not fit in 64-bit cents.
    #[error("amount {input:?} is too large")]
    Overflow {
        /// The text as given.
        input: String,
    },
}

impl Money {
    /// Zero dollars.
    pub const ZERO: Money = Money(0);

    /// Money from a whole number of cents.
    pub const fn from_cents(cents: i64) -> Self {
        Money(cents)
    }

    /// Money from whole dollars: `from_dollars(12)` is $12.00.
    /// Panics on overflow (a programming error, not input).
    pub const fn from_dollars(dollars: i64) -> Self {
        match dollars.checked_mul(100) {
            Some(c) => Money(c),
            None => panic!("Money::from_dollars overflow"),
        }
    }

    /// The amount in cents.
    pub const fn cents(self) -> i64 {
        self.0
    }

    /// Parses "1234.56", "-0.01", "0", "12.5" exactly. Rejects more than two decimals,
    /// exponents, thousands separators, currency signs and overflow.
    pub fn parse(input: &str) -> Result<Self, MoneyParseError> {
        let text = input.trim();
        if text.is_empty() {
            return Err(MoneyParseError::Empty);
        }
        let not_a_number = || MoneyParseError::NotANumber {
            input: input.to_owned(),
        };
        let overflow = || MoneyParseError::Overflow {
            input: input.to_owned(),
        };
        let (negative, body) = match text.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, text),
        };
        let (whole, fraction) = match body.split_once('.') {
            Some((w, f)) => (w, Some(f)),
            None => (body, None),
        };
        let all_digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
        if whole.is_empty() || !all_digits(whole) {
            return Err(not_a_number());
        }
        let fraction_cents = match fraction {
            None => 0,
            Some(f) if f.is_empty() || !all_digits(f) => return Err(not_a_number()),
            Some(f) if f.len() > 2 => {
                return Err(MoneyParseError::TooManyDecimals {
                    input: input.to_owned(),
                });
            }
            Some(f) => {
                let digits: i64 = f.parse().map_err(|_| not_a_number())?;
                if f.len() == 1 { digits * 10 } else { digits }
            }
        };
        let dollars: i64 = whole.parse().map_err(|_| overflow())?;
        let cents = dollars
            .checked_mul(100)
            .and_then(|c| c.checked_add(fraction_cents))
            .ok_or_else(overflow)?;
        Ok(Money(if negative { -cents } else { cents }))
    }

    /// `self + other`, or `None` on overflow.
    pub const fn checked_add(self, other: Money) -> Option<Money> {
        match self.0.checked_add(other.0) {
            Some(c) => Some(Money(c)),
            None => None,
        }
    }

    /// `self - other`, or `None` on overflow.
    pub const fn checked_sub(self, other: Money) -> Option<Money> {
        match self.0.checked_sub(other.0) {
            Some(c) => Some(Money(c)),
            None => None,
        }
    }

    /// `self * factor`, or `None` on overflow.
    pub const fn checked_mul(self, factor: i64) -> Option<Money> {
        match self.0.checked_mul(factor) {
            Some(c) => Some(Money(c)),
            None => None,
        }
    }

    /// The smaller of two amounts.
    pub fn min(self, other: Money) -> Money {
        Ord::min(self, other)
    }

    /// The larger of two amounts.
    pub fn max(self, other: Money) -> Money {
        Ord::max(self, other)
    }

    /// `self - other`, but never below zero.
    pub fn saturating_sub_to_zero(self, other: Money) -> Money {
        (self - other).max(Money::ZERO)
    }

    /// True when the amount is exactly zero.
    pub const fn is_zero(self) -> bool {
        self.0 == 0
    }

    /// True when the amount is above zero.
    pub const fn is_positive(self) -> bool {
        self.0 > 0
    }

    /// True when the amount is below zero.
    pub const fn is_negative(self) -> bool {
        self.0 < 0
    }

    /// The absolute amount.
    pub const fn abs(self) -> Money {
        Money(self.0.abs())
    }
}

impl fmt::Display for Money {
    /// Two decimals, a leading minus when negative, no separators: `-1234.05`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sign = if self.0 < 0 { "-" } else { "" };
        let abs = self.0.unsigned_abs();
        let text = format!("{sign}{}.{:02}", abs / 100, abs % 100);
        f.pad(&text)
    }
}

/// An amount as people read it: a dollar sign and thousands separators, `$18,500.00`,
/// `-$25.00` ([`Money::usd`]). Statements, receipts and portal pages show this; files and the
/// API keep the plain [`Money`] form.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Usd(pub Money);

impl Money {
    /// This amount as people read it ([`Usd`]).
    pub const fn usd(self) -> Usd {
        Usd(self)
    }
}

impl fmt::Display for Usd {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sign = if self.0.is_negative() { "-" } else { "" };
        let abs = self.0.cents().unsigned_abs();
        let whole = (abs / 100).to_string();
        let mut text = format!("{sign}$");
        for (i, c) in whole.chars().enumerate() {
            if i > 0 && (whole.len() - i).is_multiple_of(3) {
                text.push(',');
            }
            text.push(c);
        }
        text.push_str(&format!(".{:02}", abs % 100));
        f.pad(&text)
    }
}

impl FromStr for Money {
    type Err = MoneyParseError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Money::parse(s)
    }
}

impl Add for Money {
    type Output = Money;
    fn add(self, rhs: Money) -> Money {
        self.checked_add(rhs).expect("money overflow in addition")
    }
}

impl Sub for Money {
    type Output = Money;
    fn sub(self, rhs: Money) -> Money {
        self.checked_sub(rhs)
            .expect("money overflow in subtraction")
    }
}

impl AddAssign for Money {
    fn add_assign(&mut self, rhs: Money) {
        *self = *self + rhs;
    }
}

impl SubAssign for Money {
    fn sub_assign(&mut self, rhs: Money) {
        *self = *self - rhs;
    }
}

impl Neg for Money {
    type Output = Money;
    fn neg(self) -> Money {
        Money(self.0.checked_neg().expect("money overflow in negation"))
    }
}

impl Sum for Money {
    fn sum<I: Iterator<Item = Money>>(iter: I) -> Money {
        iter.fold(Money::ZERO, |a, b| a + b)
    }
}

impl<'a> Sum<&'a Money> for Money {
    fn sum<I: Iterator<Item = &'a Money>>(iter: I) -> Money {
        iter.copied().sum()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn dollars_are_shown_grouped_by_thousands() {
        let table = [
            (0, "$0.00"),
            (5, "$0.05"),
            (99_999, "$999.99"),
            (123_456, "$1,234.56"),
            (1_850_000, "$18,500.00"),
            (100_000_000, "$1,000,000.00"),
            (-2_500, "-$25.00"),
            (-123_456_789, "-$1,234,567.89"),
            (i64::MIN, "-$92,233,720,368,547,758.08"),
        ];
        for (cents, text) in table {
            assert_eq!(Money::from_cents(cents).usd().to_string(), text);
        }
    }

    #[test]
    fn parses_exact_amounts() {
        for (text, cents) in [
            ("1234.56", 123_456),
            ("-0.01", -1),
            ("0", 0),
            ("12.5", 1250),
            ("007.10", 710),
            (" 3.00 ", 300),
            ("92233720368547758.07", i64::MAX),
        ] {
            assert_eq!(Money::parse(text), Ok(Money::from_cents(cents)), "{text}");
        }
    }

    #[test]
    fn rejects_what_is_not_exact_money_with_a_reason() {
        let cases: [(&str, &str); 10] = [
            ("1.234", "more than two decimal places"),
            ("1e3", "not a decimal number"),
            ("", "empty"),
            ("12,34", "not a decimal number"),
            ("abc", "not a decimal number"),
            ("$5", "not a decimal number"),
            ("1.", "not a decimal number"),
            (".5", "not a decimal number"),
            ("--1", "not a decimal number"),
            ("92233720368547758.08", "too large"),
        ];
        for (text, reason) in cases {
            let err = Money::parse(text).expect_err(text).to_string();
            assert!(err.contains(reason), "{text}: {err}");
            if !text.is_empty() {
                assert!(err.contains(text), "error names the input: {err}");
            }
        }
    }

    #[test]
    fn displays_two_decimals() {
        assert_eq!(Money::from_cents(123_456).to_string(), "1234.56");
        assert_eq!(Money::from_cents(-1).to_string(), "-0.01");
        assert_eq!(Money::from_cents(5).to_string(), "0.05");
        assert_eq!(Money::ZERO.to_string(), "0.00");
        assert_eq!(format!("{:>8}", Money::from_cents(100)), "    1.00");
    }

    #[test]
    fn checked_arithmetic_reports_overflow() {
        assert_eq!(
            Money::from_cents(i64::MAX).checked_add(Money::from_cents(1)),
            None
        );
        assert_eq!(
            Money::from_cents(i64::MIN).checked_sub(Money::from_cents(1)),
            None
        );
        assert_eq!(
            Money::from_cents(2).checked_mul(3),
            Some(Money::from_cents(6))
        );
    }

    #[test]
    #[should_panic(expected = "money overflow")]
    fn operator_overflow_is_a_bug_and_panics() {
        let _ = Money::from_cents(i64::MAX) + Money::from_cents(1);
    }

    proptest! {
        #[test]
        fn display_then_parse_round_trips(cents in any::<i64>().prop_filter("negatable", |c| *c != i64::MIN)) {
            let m = Money::from_cents(cents);
            prop_assert_eq!(Money::parse(&m.to_string()), Ok(m));
        }
    }
}

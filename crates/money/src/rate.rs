//! [`Rate`]: an exact annual percentage rate such as "19.99" (%), kept as an integer number of
//! millionths of a percent so that interest can be computed with integers only.

use std::fmt;
use std::str::FromStr;

/// An annual rate, exact to a millionth of a percent. `Rate::parse("7.5")` is 7.5 % a year.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Rate(i64);

/// Why a piece of text is not a rate.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RateParseError {
    /// Not a plain non-negative decimal number of percent.
    #[error("rate {input:?} is not a percentage: write it like 19.99 (no % sign, no exponent)")]
    NotAPercentage {
        /// The text as given.
        input: String,
    },
    /// More decimals than a millionth of a percent.
    #[error("rate {input:?} has more than {max} decimal places", max = Rate::DECIMALS)]
    TooPrecise {
        /// The text as given.
        input: String,
    },
    /// Above the largest rate Servicer accepts.
    #[error("rate {input:?} is above 1000 %")]
    TooLarge {
        /// The text as given.
        input: String,
    },
}

impl Rate {
    /// Decimal places of percent a rate keeps.
    pub const DECIMALS: usize = 6;
    /// Units in one percent.
    pub const UNITS_PER_PERCENT: i64 = 1_000_000;
    /// Units in a rate of 100 % (the rate as a fraction has this denominator).
    pub const UNITS_PER_ONE: i64 = 100 * Self::UNITS_PER_PERCENT;
    /// Zero percent.
    pub const ZERO: Rate = Rate(0);
    const MAX_UNITS: i64 = 1000 * Self::UNITS_PER_PERCENT;

    /// A rate from millionths of a percent: `Rate::from_micro_percent(7_500_000)` is 7.5 %.
    /// Panics if negative or above 1000 % (a programming error).
    pub const fn from_micro_percent(units: i64) -> Self {
        assert!(units >= 0 && units <= Self::MAX_UNITS, "rate out of range");
        Rate(units)
    }

    /// The rate in millionths of a percent.
    pub const fn micro_percent(self) -> i64 {
        self.0
    }

    /// Parses a percentage such as "19.99", "7.5", "0" exactly.
    pub fn parse(input: &str) -> Result<Self, RateParseError> {
        let text = input.trim();
        let bad = || RateParseError::NotAPercentage {
            input: input.to_owned(),
        };
        let (whole, fraction) = text.split_once('.').unwrap_or((text, ""));
        let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
        if whole.is_empty() || !digits(whole) || !digits(fraction) || text.ends_with('.') {
            return Err(bad());
        }
        if fraction.len() > Self::DECIMALS {
            return Err(RateParseError::TooPrecise {
                input: input.to_owned(),
            });
        }
        let too_large = || RateParseError::TooLarge {
            input: input.to_owned(),
        };
        let whole: i64 = whole.parse().map_err(|_| too_large())?;
        let mut frac_units: i64 = 0;
        for (i, b) in fraction.bytes().enumerate() {
            let place = 10_i64.pow(u32::try_from(Self::DECIMALS - 1 - i).unwrap_or(0));
            frac_units += i64::from(b - b'0') * place;
        }
        let units = whole
            .checked_mul(Self::UNITS_PER_PERCENT)
            .and_then(|u| u.checked_add(frac_units))
            .filter(|u| *u <= Self::MAX_UNITS)
            .ok_or_else(too_large)?;
        Ok(Rate(units))
    }

    /// True when the rate is zero.
    pub const fn is_zero(self) -> bool {
        self.0 == 0
    }
}

impl fmt::Display for Rate {
    /// The percentage with at least two decimals and no trailing zeros beyond: "7.50", "19.99",
    /// "7.125".
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let whole = self.0 / Self::UNITS_PER_PERCENT;
        let frac = format!("{:06}", self.0 % Self::UNITS_PER_PERCENT);
        let trimmed = frac.trim_end_matches('0');
        let shown = if trimmed.len() < 2 {
            &frac[..2]
        } else {
            trimmed
        };
        f.pad(&format!("{whole}.{shown}"))
    }
}

impl FromStr for Rate {
    type Err = RateParseError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Rate::parse(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_percentages_exactly() {
        for (text, units) in [
            ("19.99", 19_990_000),
            ("7.5", 7_500_000),
            ("0", 0),
            ("7.125", 7_125_000),
            ("0.000001", 1),
            ("1000", 1_000_000_000),
        ] {
            assert_eq!(
                Rate::parse(text),
                Ok(Rate::from_micro_percent(units)),
                "{text}"
            );
        }
    }

    #[test]
    fn rejects_what_is_not_a_percentage() {
        for text in ["", "-1", "7.5%", "1e2", "7.", "abc", "7,5"] {
            assert!(
                matches!(
                    Rate::parse(text),
                    Err(RateParseError::NotAPercentage { .. })
                ),
                "{text}"
            );
        }
        assert!(matches!(
            Rate::parse("1.0000001"),
            Err(RateParseError::TooPrecise { .. })
        ));
        assert!(matches!(
            Rate::parse("1000.01"),
            Err(RateParseError::TooLarge { .. })
        ));
    }

    #[test]
    fn displays_at_least_two_decimals() {
        assert_eq!(Rate::parse("7.5").unwrap().to_string(), "7.50");
        assert_eq!(Rate::parse("19.99").unwrap().to_string(), "19.99");
        assert_eq!(Rate::parse("7.125").unwrap().to_string(), "7.125");
        assert_eq!(Rate::parse("0").unwrap().to_string(), "0.00");
    }
}

//! ABA routing transit numbers: nine digits whose weighted sum (3, 7, 1, …) is a multiple of
//! ten, so a mistyped digit is caught before a payment is drafted from a bank that does not
//! exist. The first eight digits identify the bank in NACHA files; the ninth is the check.

use std::fmt;
use std::str::FromStr;

/// A valid routing number.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct RoutingNumber([u8; 9]);

/// Why text is not a routing number.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RoutingNumberError {
    /// Not nine digits.
    #[error("a routing number has 9 digits; {found} were given")]
    WrongLength {
        /// How many characters there were (spaces aside).
        found: usize,
    },
    /// Something other than digits.
    #[error("a routing number has only digits")]
    NotDigits,
    /// The check digit does not match.
    #[error(
        "this routing number is not valid: check each digit against your check or bank statement"
    )]
    CheckDigitMismatch,
}

const WEIGHTS: [u32; 9] = [3, 7, 1, 3, 7, 1, 3, 7, 1];

impl RoutingNumber {
    /// Parses nine digits (surrounding spaces ignored).
    pub fn parse(text: &str) -> Result<Self, RoutingNumberError> {
        let t = text.trim();
        if !t.chars().all(|c| c.is_ascii_digit()) {
            return Err(RoutingNumberError::NotDigits);
        }
        let digits: [u8; 9] = t
            .bytes()
            .map(|b| b - b'0')
            .collect::<Vec<_>>()
            .try_into()
            .map_err(|_| RoutingNumberError::WrongLength {
                found: t.chars().count(),
            })?;
        let sum: u32 = digits
            .iter()
            .zip(WEIGHTS)
            .map(|(d, w)| u32::from(*d) * w)
            .sum();
        if !sum.is_multiple_of(10) {
            return Err(RoutingNumberError::CheckDigitMismatch);
        }
        Ok(RoutingNumber(digits))
    }

    /// The eight digits that identify the bank (the RDFI or ODFI identification in NACHA).
    pub fn bank_id(&self) -> String {
        self.0[..8].iter().map(|d| char::from(b'0' + d)).collect()
    }

    /// The check digit.
    pub fn check_digit(&self) -> char {
        char::from(b'0' + self.0[8])
    }

    /// The bank identification as a number (for the NACHA entry hash).
    pub fn bank_id_value(&self) -> u64 {
        self.0[..8].iter().fold(0, |n, d| n * 10 + u64::from(*d))
    }
}

impl fmt::Display for RoutingNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for d in self.0 {
            write!(f, "{d}")?;
        }
        Ok(())
    }
}

impl FromStr for RoutingNumber {
    type Err = RoutingNumberError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        RoutingNumber::parse(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn real_routing_numbers_pass_and_one_wrong_digit_fails() {
        for good in [
            "011000015",
            "021000021",
            "231380104",
            "121042882",
            "026009593",
        ] {
            let r = RoutingNumber::parse(good).unwrap();
            assert_eq!(r.to_string(), good);
        }
        assert_eq!(
            RoutingNumber::parse("231380104").unwrap().bank_id(),
            "23138010"
        );
        assert_eq!(
            RoutingNumber::parse("021000022"),
            Err(RoutingNumberError::CheckDigitMismatch)
        );
        assert_eq!(
            RoutingNumber::parse("02100002"),
            Err(RoutingNumberError::WrongLength { found: 8 })
        );
        assert_eq!(
            RoutingNumber::parse("02100002x"),
            Err(RoutingNumberError::NotDigits)
        );
    }

    #[test]
    fn every_single_digit_typo_is_caught() {
        let good = "021000021";
        for i in 0..9 {
            for d in b'0'..=b'9' {
                let mut b = good.as_bytes().to_vec();
                if b[i] == d {
                    continue;
                }
                b[i] = d;
                let typo = String::from_utf8(b).unwrap();
                assert!(RoutingNumber::parse(&typo).is_err(), "{typo}");
            }
        }
    }
}

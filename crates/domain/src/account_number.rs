//! The 16-digit loan account number printed on statements and coupons: 15 digits and a Luhn
//! check digit, so a mistyped number on a mailed check or in a form is caught (every single
//! wrong digit and almost every swap of two neighbouring digits).

use std::fmt;
use std::str::FromStr;

/// A valid 16-digit account number.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct AccountNumber([u8; 16]);

/// Why text is not an account number.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AccountNumberError {
    /// Not 16 digits (spaces and dashes aside).
    #[error("an account number has 16 digits; {found} digits were given")]
    WrongLength {
        /// How many digits there were.
        found: usize,
    },
    /// Something other than digits, spaces or dashes.
    #[error("an account number has only digits (spaces and dashes are ignored)")]
    NotDigits,
    /// The check digit does not match: a digit is probably mistyped.
    #[error("this account number is not valid: please check each digit against your statement")]
    CheckDigitMismatch,
}

impl AccountNumber {
    /// The account number whose first 15 digits are `base` (0 ≤ base < 10¹⁵), with its check
    /// digit appended. Panics if `base` has more than 15 digits (a programming error).
    pub fn from_base(base: u64) -> Self {
        assert!(
            base < 1_000_000_000_000_000,
            "account number base has at most 15 digits"
        );
        let mut digits = [0u8; 16];
        let mut rest = base;
        for slot in digits[..15].iter_mut().rev() {
            *slot = u8::try_from(rest % 10).expect("a digit");
            rest /= 10;
        }
        digits[15] = check_digit(&digits[..15]);
        AccountNumber(digits)
    }

    /// Parses an account number typed by a person: spaces and dashes are ignored.
    pub fn parse(text: &str) -> Result<Self, AccountNumberError> {
        let mut digits = Vec::with_capacity(16);
        for c in text.chars() {
            match c {
                '0'..='9' => {
                    digits.push(u8::try_from(u32::from(c) - u32::from('0')).expect("a digit"))
                }
                ' ' | '-' => {}
                _ => return Err(AccountNumberError::NotDigits),
            }
        }
        let digits: [u8; 16] =
            digits
                .as_slice()
                .try_into()
                .map_err(|_| AccountNumberError::WrongLength {
                    found: digits.len(),
                })?;
        if check_digit(&digits[..15]) != digits[15] {
            return Err(AccountNumberError::CheckDigitMismatch);
        }
        Ok(AccountNumber(digits))
    }

    /// The last four digits, for masked display.
    pub fn last4(&self) -> String {
        self.0[12..].iter().map(|d| char::from(b'0' + d)).collect()
    }

    /// The digits grouped in fours, as printed on a statement: `4000 1234 1234 1234`.
    pub fn grouped(&self) -> String {
        let plain = self.to_string();
        plain
            .as_bytes()
            .chunks(4)
            .map(|c| std::str::from_utf8(c).expect("ascii"))
            .collect::<Vec<_>>()
            .join(" ")
    }
}

/// The Luhn check digit of `payload`.
fn check_digit(payload: &[u8]) -> u8 {
    let sum: u32 = payload
        .iter()
        .rev()
        .enumerate()
        .map(|(i, d)| {
            let d = u32::from(*d);
            if i % 2 == 0 {
                let doubled = d * 2;
                if doubled > 9 { doubled - 9 } else { doubled }
            } else {
                d
            }
        })
        .sum();
    u8::try_from((10 - sum % 10) % 10).expect("a digit")
}

impl fmt::Display for AccountNumber {
    /// The 16 digits without spaces.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let text: String = self.0.iter().map(|d| char::from(b'0' + d)).collect();
        f.pad(&text)
    }
}

impl FromStr for AccountNumber {
    type Err = AccountNumberError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        AccountNumber::parse(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn builds_and_reads_back_a_number_with_its_check_digit() {
        let n = AccountNumber::from_base(400_012_341_234_123);
        assert_eq!(n.to_string().len(), 16);
        assert_eq!(AccountNumber::parse(&n.to_string()), Ok(n));
        assert_eq!(AccountNumber::parse(&n.grouped()), Ok(n));
        assert_eq!(n.last4(), n.to_string()[12..]);
        // A known Luhn-valid number.
        assert!(AccountNumber::parse("4111 1111 1111 1111").is_ok());
    }

    #[test]
    fn explains_what_is_wrong() {
        assert_eq!(
            AccountNumber::parse("4111 1111 1111 111"),
            Err(AccountNumberError::WrongLength { found: 15 })
        );
        assert_eq!(
            AccountNumber::parse("4111-1111-1111-111x"),
            Err(AccountNumberError::NotDigits)
        );
        assert_eq!(
            AccountNumber::parse("4111 1111 1111 1112"),
            Err(AccountNumberError::CheckDigitMismatch)
        );
    }

    proptest! {
        #[test]
        fn any_single_mistyped_digit_is_caught(base in 0u64..1_000_000_000_000_000, pos in 0usize..16, delta in 1u8..10) {
            let good = AccountNumber::from_base(base).to_string().into_bytes();
            let mut bad = good.clone();
            bad[pos] = b'0' + (bad[pos] - b'0' + delta) % 10;
            prop_assert_eq!(
                AccountNumber::parse(std::str::from_utf8(&bad).unwrap()),
                Err(AccountNumberError::CheckDigitMismatch)
            );
        }
    }
}

//! A bank account number a borrower gives us (in the portal, or to an agent by phone): 4 to
//! 17 digits. US account numbers have no check digit and no fixed length; 17 is the most the
//! NACHA entry carries, and fewer than 4 would leave nothing to show masked.

use std::fmt;

/// A bank account number: 4 to 17 ASCII digits. Its `Debug` shows only the last four (it
/// is sealed at rest and never logged).
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct BankAccountNumber(String);

/// Why text is not a bank account number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum BankAccountNumberError {
    /// Not 4 to 17 digits (spaces aside).
    #[error("Enter the account number: 4 to 17 digits")]
    Invalid,
}

/// The fewest digits an account number has.
pub const MIN_DIGITS: usize = 4;
/// The most digits an account number has (the NACHA entry's DFI account number field).
pub const MAX_DIGITS: usize = 17;

impl BankAccountNumber {
    /// Reads an account number as typed: spaces (any white space) are ignored; what is left
    /// must be 4 to 17 digits.
    pub fn parse(text: &str) -> Result<Self, BankAccountNumberError> {
        let digits: String = text.chars().filter(|c| !c.is_whitespace()).collect();
        if !(MIN_DIGITS..=MAX_DIGITS).contains(&digits.len())
            || !digits.chars().all(|c| c.is_ascii_digit())
        {
            return Err(BankAccountNumberError::Invalid);
        }
        Ok(BankAccountNumber(digits))
    }

    /// The digits.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The last four digits, for masked display.
    pub fn last4(&self) -> &str {
        &self.0[self.0.len() - 4..]
    }
}

impl fmt::Debug for BankAccountNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "BankAccountNumber(…{})", self.last4())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn four_to_seventeen_digits_are_an_account_number() {
        for (text, digits) in [
            ("1234", "1234"),
            ("12345678901234567", "12345678901234567"),
            (" 0012 3456 ", "00123456"),
            ("1234\t5678", "12345678"),
        ] {
            let a = BankAccountNumber::parse(text).unwrap();
            assert_eq!(a.as_str(), digits, "{text:?}");
            assert_eq!(a.last4(), &digits[digits.len() - 4..]);
        }
    }

    #[test]
    fn three_or_eighteen_digits_or_anything_but_digits_are_refused_with_one_message() {
        for text in [
            "",
            "123",
            " 1 2 3 ",
            "123456789012345678",
            "1234-5678",
            "12345a",
            "１２３４５",
        ] {
            let e = BankAccountNumber::parse(text).unwrap_err();
            assert_eq!(
                e.to_string(),
                "Enter the account number: 4 to 17 digits",
                "{text:?}"
            );
        }
    }

    #[test]
    fn its_debug_shows_only_the_last_four() {
        let a = BankAccountNumber::parse("987654321").unwrap();
        assert_eq!(format!("{a:?}"), "BankAccountNumber(…4321)");
    }
}

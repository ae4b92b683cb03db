//! Payments: one-time payments from the portal and the API (bank account or debit card),
//! payments staff post (lockbox, bill pay, mail, phone), AutoPay, the day's ACH file and the
//! returns and notifications of change the bank sends back.
//!
//! A payment is a row in `payments` until it is *posted*: appended to the loan's history,
//! the history replayed, the books restated and the snapshot refreshed, all in one
//! transaction ([`posting`]). Bank payments post when they go out in the day's ACH file (so
//! until then they are pending and cancellable); card payments post on approval; staff
//! payments post at once. Every money-moving request carries an idempotency key
//! ([`idempotency`]).

pub mod ach;
pub mod autopay;
pub mod cards;
pub mod idempotency;
pub mod one_time;
pub mod posting;
pub mod staff;

use domain::calendar::{is_business_day, next_business_day};
use jiff::civil::{Date, Time};
use money::Money;
use store::StoreError;

/// The servicer's payment settings.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PaymentSettings {
    /// A payment made before this time (servicer's time zone) on a business day is credited
    /// that day; later, the next business day.
    pub cutoff: Time,
    /// How far past the next due date a payment may be scheduled, in days.
    pub schedule_window_days: i16,
    /// The ACH origination settings.
    pub ach: ach::AchSettings,
}

impl Default for PaymentSettings {
    fn default() -> Self {
        PaymentSettings {
            cutoff: Time::constant(17, 0, 0, 0),
            schedule_window_days: 15,
            ach: ach::AchSettings::default(),
        }
    }
}

/// Why a payment request was refused. The messages are what the borrower or operator reads.
#[derive(Debug, thiserror::Error)]
pub enum PaymentError {
    /// A field is wrong: which one, and why.
    #[error("{message}")]
    Field {
        /// The field's name.
        field: &'static str,
        /// What is wrong.
        message: String,
    },
    /// The loan, payment, method or AutoPay is not one the caller reaches (as if absent).
    #[error("not found")]
    NotFound,
    /// The idempotency key was used before for a different request.
    #[error("This idempotency key was already used for a different request")]
    KeyReused,
    /// The signed-in session ended.
    #[error("Your session has ended. Sign in again")]
    SessionEnded,
    /// The payment can no longer be cancelled (already sent or posted).
    #[error("This payment has already been sent to your bank and can no longer be cancelled")]
    TooLate,
    /// The card processor could not be reached or failed.
    #[error(
        "We could not reach the card processor. Your card was not charged. Try again in a few minutes"
    )]
    ProcessorUnavailable,
    /// The store failed.
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl PaymentError {
    /// A problem with one field.
    pub fn field(field: &'static str, message: impl Into<String>) -> Self {
        PaymentError::Field {
            field,
            message: message.into(),
        }
    }

    /// The form field the message belongs to, if any.
    pub fn field_name(&self) -> Option<&'static str> {
        match self {
            PaymentError::Field { field, .. } => Some(field),
            _ => None,
        }
    }
}

impl crate::App {
    /// The business day a payment made now is credited as of, given business date `today`:
    /// [`credit_date`] while the business date is the calendar date; once close of business
    /// has rolled the date ahead (the evening after the run), the new business date; while
    /// the run for a past date has not happened yet, the day after it (its cutoff passed).
    pub(crate) fn credit_date_now(&self, today: Date) -> Date {
        let local = crate::clock::datetime_in(self.now_us(), self.zone());
        match today.cmp(&local.date()) {
            std::cmp::Ordering::Equal => {
                credit_date(today, local.time(), self.payment_settings().cutoff)
            }
            std::cmp::Ordering::Greater => domain::calendar::this_or_next_business_day(today),
            std::cmp::Ordering::Less => next_business_day(today),
        }
    }

    /// One of the login's live saved methods, or the field error the pay and AutoPay forms show.
    pub(crate) async fn saved_method(
        &self,
        login: store::LoginId,
        id: store::PaymentMethodId,
    ) -> Result<store::PaymentMethod, PaymentError> {
        self.store()
            .payment_methods(login)
            .await?
            .into_iter()
            .find(|m| m.id == id)
            .ok_or_else(|| {
                PaymentError::field("method", "Choose one of your saved bank accounts or cards")
            })
    }
}

/// The business day a payment made at local date and time (`today`, `now`) is credited as
/// of: today if it is a business day and before the cutoff, else the next business day.
pub fn credit_date(today: Date, now: Time, cutoff: Time) -> Date {
    if is_business_day(today) && now < cutoff {
        today
    } else {
        next_business_day(today)
    }
}

/// Reads an amount typed by a borrower or sent by a client: dollars with at most two decimals,
/// positive, an optional `$` and thousands commas.
pub fn parse_amount(field: &'static str, text: &str) -> Result<Money, PaymentError> {
    let cleaned: String = text
        .trim()
        .trim_start_matches('$')
        .chars()
        .filter(|c| *c != ',')
        .collect();
    let amount = Money::parse(&cleaned).map_err(|_| {
        PaymentError::field(
            field,
            format!("Enter an amount in dollars and cents, like 125.50 (not {text:?})"),
        )
    })?;
    if !amount.is_positive() {
        return Err(PaymentError::field(
            field,
            "Enter an amount greater than zero",
        ));
    }
    Ok(amount)
}

/// A new confirmation number: "P" and 11 characters from the OS random source, in an
/// alphabet without look-alikes (0/O, 1/I/L).
pub fn confirmation_number() -> String {
    const ALPHABET: &[u8] = b"23456789ABCDEFGHJKMNPQRSTUVWXYZ";
    let mut out = String::from("P");
    // 256 is not a multiple of 31: bytes of 248 (8 × 31) and above are drawn again, so every
    // symbol is equally likely.
    while out.len() < 12 {
        let mut b = [0_u8; 1];
        getrandom::fill(&mut b).expect("the operating system's random source works");
        if b[0] < 248 {
            out.push(char::from(ALPHABET[usize::from(b[0]) % ALPHABET.len()]));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn a_payment_before_the_cutoff_on_a_business_day_is_credited_that_day() {
        let cutoff = Time::constant(17, 0, 0, 0);
        // Tuesday 1 December 2026.
        let tue = date(2026, 12, 1);
        assert_eq!(credit_date(tue, Time::constant(16, 59, 59, 0), cutoff), tue);
        assert_eq!(
            credit_date(tue, Time::constant(17, 0, 0, 0), cutoff),
            date(2026, 12, 2)
        );
        // Saturday → Monday; Christmas Friday 25 December 2026 → Monday 28th.
        assert_eq!(
            credit_date(date(2026, 12, 5), Time::constant(9, 0, 0, 0), cutoff),
            date(2026, 12, 7)
        );
        assert_eq!(
            credit_date(date(2026, 12, 25), Time::constant(9, 0, 0, 0), cutoff),
            date(2026, 12, 28)
        );
    }

    #[test]
    fn amounts_are_exact_and_three_decimals_are_refused() {
        assert_eq!(
            parse_amount("amount", "$1,234.50").unwrap().cents(),
            123_450
        );
        assert_eq!(parse_amount("amount", "80").unwrap().cents(), 8_000);
        for bad in ["12.345", "-5", "0", "abc", "", "1e3"] {
            let e = parse_amount("amount", bad).unwrap_err();
            assert_eq!(e.field_name(), Some("amount"), "{bad}");
        }
    }

    #[test]
    fn confirmation_numbers_are_twelve_unambiguous_characters() {
        let a = confirmation_number();
        assert_eq!(a.len(), 12);
        assert!(a.starts_with('P'));
        assert!(!a[1..].contains(['0', 'O', '1', 'I', 'L']));
        assert_ne!(a, confirmation_number());
    }
}

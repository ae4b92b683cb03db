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
pub mod phone;
pub mod posting;
pub mod promise;
pub mod received;

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
    /// The largest single payment of each channel.
    pub limits: PaymentLimits,
    /// Where the bank's lockbox files arrive.
    pub lockbox: crate::remittance::LockboxSettings,
}

impl Default for PaymentSettings {
    fn default() -> Self {
        PaymentSettings {
            cutoff: Time::constant(17, 0, 0, 0),
            schedule_window_days: 15,
            ach: ach::AchSettings::default(),
            limits: PaymentLimits::default(),
            lockbox: crate::remittance::LockboxSettings::default(),
        }
    }
}

/// Why a payment request was refused. Each refusal names the rule it enforces and carries
/// the facts its message needs; the messages are what the borrower or operator reads. Which
/// form or request field a refusal belongs to is the web edge's to say.
#[derive(Debug, thiserror::Error)]
pub enum PaymentError {
    /// The amount as typed is not dollars and cents.
    #[error("Enter an amount in dollars and cents, like 125.50 (not {shown:?})")]
    AmountUnreadable {
        /// Which amount.
        of: AmountOf,
        /// The start of what was typed (a few characters, never all of a long input).
        shown: String,
    },
    /// The amount as typed has more than two digits of cents.
    #[error(
        "Enter an amount in dollars and cents, with at most two digits of cents, like 125.50 (not {shown:?})"
    )]
    AmountTooManyCents {
        /// Which amount.
        of: AmountOf,
        /// The start of what was typed (a few characters, never all of a long input).
        shown: String,
    },
    /// The amount as typed is zero or less.
    #[error("Enter an amount greater than zero")]
    AmountNotPositive {
        /// Which amount.
        of: AmountOf,
    },
    /// The amount as typed is more than any payment may be ([`MAX_AMOUNT`]).
    #[error("Enter an amount up to {}", .ceiling.usd())]
    AmountOverCeiling {
        /// Which amount.
        of: AmountOf,
        /// The largest amount there is.
        ceiling: Money,
    },
    /// A payment received by staff is zero or less, or more than any payment may be.
    #[error("Enter an amount greater than zero and up to {}", .ceiling.usd())]
    ReceivedAmountOutOfRange {
        /// The largest amount there is ([`MAX_AMOUNT`]).
        ceiling: Money,
    },
    /// The amount is more than the largest single payment its taker accepts
    /// ([`PaymentLimits`]).
    #[error("{over}")]
    OverChannelLimit {
        /// Which amount.
        of: AmountOf,
        /// The limit, with the refusal's words.
        over: domain::payment::OverLimit,
    },
    /// The one-time payment cannot be quoted: the domain's refusal, as it is.
    #[error(transparent)]
    Quote(#[from] domain::payment::QuoteRefusal),
    /// The pay form names no payment method.
    #[error("Choose a bank account or card to pay from")]
    NoPaymentMethod,
    /// The AutoPay form names no method to draft.
    #[error("Choose the bank account or card to draft")]
    NoDraftMethod,
    /// The method named is not one of the login's live saved methods.
    #[error("Choose one of your saved bank accounts or cards")]
    MethodNotSaved,
    /// The pay form chooses no amount.
    #[error("Choose how much to pay")]
    NoAmountChosen,
    /// The date asked for in the pay form is not a date.
    #[error("Enter the date like December 15, 2026, or choose today")]
    DateUnreadable,
    /// The client's idempotency key is not 8 to [`idempotency::MAX_KEY`] visible ASCII
    /// characters.
    #[error("Send an Idempotency-Key of 8 to 128 visible ASCII characters (a UUID is ideal)")]
    BadIdempotencyKey,
    /// AutoPay asked for without the borrower's agreement to the authorization's words.
    #[error("{}", autopay::AGREEMENT_NEEDED)]
    AgreementNeeded,
    /// AutoPay asked for on a loan that is not active (paid off, closed, charged off).
    #[error("This loan is paid off or closed: AutoPay is not needed")]
    AutopayOnInactiveLoan,
    /// The AutoPay draft day is not the due date or up to
    /// [`domain::autopay::MAX_DAYS_BEFORE_DUE`] days before it.
    #[error(
        "Choose a draft day from the due date to {} days before it",
        domain::autopay::MAX_DAYS_BEFORE_DUE
    )]
    DaysBeforeDueOutOfRange,
    /// An AutoPay's fixed amount is less than the scheduled payment.
    #[error("A fixed amount must be at least the scheduled payment, {}", .scheduled.usd())]
    FixedAmountBelowScheduled {
        /// The scheduled payment.
        scheduled: Money,
    },
    /// An AutoPay frequency the loan's product does not offer (ADR 0028).
    #[error(
        "This loan's product does not allow that: its AutoPay can draft {}",
        .offered.in_words()
    )]
    FrequencyNotOffered {
        /// What the product offers.
        offered: domain::autopay::AllowedFrequencies,
    },
    /// The AutoPay form names no frequency it knows.
    #[error("Choose how often AutoPay drafts")]
    NoFrequencyChosen,
    /// The two days of a twice-monthly AutoPay are not 1 to 28, or too close together.
    #[error(transparent)]
    DraftDays(#[from] domain::autopay::CadenceError),
    /// A biweekly AutoPay's first draft date, as typed, is not a date.
    #[error("Enter the first draft date like December 11, 2026")]
    StartUnreadable,
    /// A biweekly AutoPay's first draft is not 1 to 14 days ahead.
    #[error(
        "Choose a first draft date from {} to {}",
        documents::long_date(.earliest),
        documents::long_date(.latest)
    )]
    BiweeklyStartOutOfRange {
        /// The first day it may be (tomorrow's business date).
        earliest: Date,
        /// The last.
        latest: Date,
    },
    /// A fixed amount asked for with AutoPay twice a month or every other week.
    #[error(
        "A fixed amount is for monthly AutoPay: twice a month or every other week, each draft is half your monthly payment"
    )]
    FixedAmountMonthlyOnly,
    /// Money in hand received after the business date.
    #[error(
        "The date received cannot be after today's business date, {}",
        documents::long_date(.today)
    )]
    ReceivedAfterBusinessDate {
        /// The business date.
        today: Date,
    },
    /// A received payment credited before the loan's start (its accrual start).
    #[error(
        "The date received cannot be before the loan's start, {}",
        documents::long_date(.start)
    )]
    ReceivedBeforeLoanStart {
        /// The loan's accrual start.
        start: Date,
    },
    /// A phone payment (a bank debit the borrower authorizes by phone) without the account.
    #[error("A phone payment needs the bank account the borrower authorized")]
    ChannelNeedsBank,
    /// A bank account given with a payment of a channel other than phone.
    #[error("Only a phone payment takes a bank account")]
    ChannelTakesNoBank,
    /// A phone debit given a date received: it is debited from today.
    #[error("A phone payment is debited from today; leave received_on out")]
    ReceivedOnForPhoneDebit,
    /// The phone payment's routing number is not a valid one.
    #[error("The routing number is not valid: {0}")]
    BadRoutingNumber(domain::routing_number::RoutingNumberError),
    /// The phone payment's bank account number is not one.
    #[error("{0}")]
    BadBankAccountNumber(domain::bank_account::BankAccountNumberError),
    /// The phone payment's account type is neither checking nor savings.
    #[error("checking or savings")]
    BadAccountType,
    /// The phone payment's account holder is blank or longer than 60 characters.
    #[error("The name on the account, up to 60 characters")]
    BadHolderName,
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
    /// The actor may not take payments.
    #[error(transparent)]
    Denied(#[from] crate::access::Denied),
    /// The store failed.
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// Which amount of a request a refusal of an amount is about (the rules are the same for
/// each; the web edge places the message beside the right field).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AmountOf {
    /// A payment's own amount: one-time, or received by staff.
    Payment,
    /// The fixed amount an AutoPay drafts.
    AutopayFixed,
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

    /// One of the login's live saved methods, or [`PaymentError::MethodNotSaved`].
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
            .ok_or(PaymentError::MethodNotSaved)
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

/// The largest amount any payment may be: what the amount field of an ACH entry (ten digits
/// of cents) can carry, so that every amount we accept can be written to every file it goes
/// to. Every per-channel limit is at most this. Bounding each amount also bounds every sum:
/// 92 million payments of this size still fit the books' 64-bit cents.
pub const MAX_AMOUNT: Money = Money::from_cents(9_999_999_999);

/// The largest single payment each channel takes (`[payments.limits]`), checked by the use
/// case that takes the payment, whoever calls it (portal, API, console, file).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PaymentLimits {
    /// A payment or AutoPay amount a borrower chooses in the portal or through the API.
    pub portal: Money,
    /// A bank debit a borrower authorizes by phone (a TEL entry).
    pub phone: Money,
    /// A payment in hand that staff post: lockbox and mailed checks, bank bill pay, payments
    /// already collected.
    pub posted: Money,
}

impl Default for PaymentLimits {
    fn default() -> Self {
        PaymentLimits {
            portal: Money::from_dollars(50_000),
            phone: Money::from_dollars(50_000),
            posted: Money::from_dollars(1_000_000),
        }
    }
}

/// Who takes a payment, for its limit: the typed form of the channels a limit covers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Taker {
    /// The borrower, in the portal or through the API (one-time payments, AutoPay amounts).
    Borrower,
    /// An agent, as a bank debit the borrower authorizes by phone.
    Phone,
    /// Staff posting money in hand (lockbox and mailed checks, bill pay, collected).
    Posted,
}

impl PaymentLimits {
    /// The limit of payments `taker` takes.
    pub fn of(&self, taker: Taker) -> Money {
        match taker {
            Taker::Borrower => self.portal,
            Taker::Phone => self.phone,
            Taker::Posted => self.posted,
        }
    }

    /// Refuses `amount` (which amount: `of`) when it is more than `taker` takes at once.
    pub fn check(&self, of: AmountOf, taker: Taker, amount: Money) -> Result<(), PaymentError> {
        let limit = self.of(taker);
        if amount > limit {
            return Err(PaymentError::OverChannelLimit {
                of,
                over: domain::payment::OverLimit { limit },
            });
        }
        Ok(())
    }
}

/// The payments of `payments` still pending (scheduled), as the projection counts them
/// ([`domain::payment::project_pending`]).
pub(crate) fn pending_of(payments: &[store::Payment]) -> Vec<domain::payment::PendingPayment> {
    payments
        .iter()
        .filter_map(|p| {
            domain::payment::PendingPayment::of(p.status, p.credit_date, p.amount, p.extra)
        })
        .collect()
}

/// Reads an amount typed by a borrower or sent by a client (which amount: `of`): dollars
/// with at most two decimals, positive, at most [`MAX_AMOUNT`], an optional `$` and thousands
/// commas. The refusal says what is wrong without repeating more than a few characters of
/// what was sent.
pub fn parse_amount(of: AmountOf, text: &str) -> Result<Money, PaymentError> {
    let cleaned: String = text
        .trim()
        .trim_start_matches('$')
        .chars()
        .filter(|c| *c != ',')
        .collect();
    let shown: String = text.trim().chars().take(24).collect();
    let shown = if shown.len() < text.trim().len() {
        format!("{shown}…")
    } else {
        shown
    };
    let amount = Money::parse(&cleaned).map_err(|e| match e {
        money::MoneyParseError::TooManyDecimals { .. } => {
            PaymentError::AmountTooManyCents { of, shown }
        }
        money::MoneyParseError::Overflow { .. } => PaymentError::AmountOverCeiling {
            of,
            ceiling: MAX_AMOUNT,
        },
        _ => PaymentError::AmountUnreadable { of, shown },
    })?;
    if !amount.is_positive() {
        return Err(PaymentError::AmountNotPositive { of });
    }
    if amount > MAX_AMOUNT {
        return Err(PaymentError::AmountOverCeiling {
            of,
            ceiling: MAX_AMOUNT,
        });
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
            parse_amount(AmountOf::Payment, "$1,234.50")
                .unwrap()
                .cents(),
            123_450
        );
        assert_eq!(
            parse_amount(AmountOf::Payment, "80").unwrap().cents(),
            8_000
        );
        for bad in ["12.345", "-5", "0", "abc", "", "1e3"] {
            let e = parse_amount(AmountOf::AutopayFixed, bad).unwrap_err();
            assert!(
                matches!(
                    e,
                    PaymentError::AmountTooManyCents {
                        of: AmountOf::AutopayFixed,
                        ..
                    } | PaymentError::AmountNotPositive {
                        of: AmountOf::AutopayFixed
                    } | PaymentError::AmountUnreadable {
                        of: AmountOf::AutopayFixed,
                        ..
                    }
                ),
                "{bad}: {e:?}"
            );
        }
    }

    #[test]
    fn an_amount_larger_than_any_file_can_carry_is_refused_with_the_largest_there_is() {
        assert_eq!(
            parse_amount(AmountOf::Payment, "99,999,999.99").unwrap(),
            MAX_AMOUNT
        );
        for huge in [
            "100000000.00",
            "92233720368547758.07",
            "922337203685477580.70",
            "999999999999999999999999",
        ] {
            let e = parse_amount(AmountOf::Payment, huge).unwrap_err();
            assert_eq!(
                e.to_string(),
                "Enter an amount up to $99,999,999.99",
                "{huge}"
            );
        }
        let e = parse_amount(AmountOf::Payment, "12.345").unwrap_err();
        assert!(e.to_string().contains("two digits of cents"), "{e}");
        // A long input is not repeated back whole.
        let e = parse_amount(AmountOf::Payment, &"x".repeat(100_000)).unwrap_err();
        assert!(e.to_string().len() < 120, "{e}");
    }

    #[test]
    fn each_channel_has_its_own_limit() {
        let limits = PaymentLimits::default();
        assert!(
            limits
                .check(
                    AmountOf::Payment,
                    Taker::Borrower,
                    Money::from_dollars(50_000)
                )
                .is_ok()
        );
        let e = limits
            .check(
                AmountOf::Payment,
                Taker::Borrower,
                Money::from_cents(5_000_001),
            )
            .unwrap_err();
        assert_eq!(
            e.to_string(),
            "The most one payment can be here is $50,000.00. Make more than one payment, or call us"
        );
        assert!(
            limits
                .check(
                    AmountOf::Payment,
                    Taker::Posted,
                    Money::from_dollars(60_000)
                )
                .is_ok()
        );
        assert!(
            limits
                .check(AmountOf::Payment, Taker::Phone, Money::from_dollars(60_000))
                .is_err()
        );
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

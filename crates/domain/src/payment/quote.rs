//! The quote of a one-time payment: the business day it is credited as of, and how much it
//! is, or why it is refused. The words are what the borrower reads beside the field.

use crate::calendar::this_or_next_business_day;
use crate::loan::{LoanState, LoanStatus};
use jiff::civil::Date;
use money::Money;
use std::fmt;

/// Which amount the borrower chose.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AmountChoice {
    /// What is due now (past due and the current installment).
    AmountDue,
    /// Only the past-due part.
    PastDue,
    /// Everything: the payoff for the credit date.
    Payoff,
    /// An amount of the borrower's choosing.
    Other(Money),
}

/// An amount above the largest single payment its taker accepts (the limits are settings;
/// the refusal's words are here, the same for every field and channel).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct OverLimit {
    /// The largest payment taken at once.
    pub limit: Money,
}

impl fmt::Display for OverLimit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "The most one payment can be here is {}. Make more than one payment, or call us",
            self.limit.usd()
        )
    }
}

impl std::error::Error for OverLimit {}

/// Why a payment cannot be quoted.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum QuoteRefusal {
    /// The date asked for is before the business date.
    PastDate {
        /// The business date.
        today: Date,
    },
    /// A card payment asked for a later date: cards are charged at once.
    CardScheduled,
    /// The date asked for is after the window: `window_days` from the business date, or from
    /// the next due date when that is later ([`latest_date`]).
    TooLate {
        /// The latest date that may be asked for.
        latest: Date,
        /// The window, in days.
        window_days: i16,
        /// The next due date when the window counts from it (it is after today); `None` when
        /// the window counts from today (no next due date, or it has passed: a past-due loan).
        from_due: Option<Date>,
    },
    /// The loan is paid off, closed or charged off.
    NotActive,
    /// The payments already scheduled pay the loan off by the credit date.
    PaidByScheduled,
    /// The amount chosen comes to nothing (nothing past due, nothing due).
    NothingDue,
    /// More than one payment may be.
    OverLimit(OverLimit),
    /// More than the payoff on the credit date.
    OverPayoff {
        /// The payoff.
        payoff: Money,
        /// The credit date.
        credit_date: Date,
    },
}

impl fmt::Display for QuoteRefusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            QuoteRefusal::PastDate { today } => {
                write!(
                    f,
                    "Choose today or a later date (today is {})",
                    long_date(*today)
                )
            }
            QuoteRefusal::CardScheduled => f.write_str(
                "Card payments are made today. To schedule a payment, pay from a bank account",
            ),
            QuoteRefusal::TooLate {
                latest,
                window_days,
                from_due: None,
            } => write!(
                f,
                "Choose a date up to {} ({window_days} days from today)",
                long_date(*latest)
            ),
            QuoteRefusal::TooLate {
                latest,
                window_days,
                from_due: Some(due),
            } => write!(
                f,
                "Choose a date up to {} ({window_days} days after your next due date, {})",
                long_date(*latest),
                long_date(*due)
            ),
            QuoteRefusal::NotActive => {
                f.write_str("This loan is paid off or closed; there is nothing to pay")
            }
            QuoteRefusal::PaidByScheduled => {
                f.write_str("Payments already scheduled pay this loan off")
            }
            QuoteRefusal::NothingDue => {
                f.write_str("Nothing of that kind is due now. Choose another amount")
            }
            QuoteRefusal::OverLimit(o) => fmt::Display::fmt(o, f),
            QuoteRefusal::OverPayoff {
                payoff,
                credit_date,
            } => write!(
                f,
                "That is more than the payoff amount for {}, {}. Choose the payoff instead",
                long_date(*credit_date),
                payoff.usd()
            ),
        }
    }
}

impl std::error::Error for QuoteRefusal {}

impl From<OverLimit> for QuoteRefusal {
    fn from(o: OverLimit) -> Self {
        QuoteRefusal::OverLimit(o)
    }
}

/// A date as the borrower reads it, "December 1, 2026" (as `documents::long_date` writes it).
fn long_date(d: Date) -> String {
    d.strftime("%B %-d, %Y").to_string()
}

/// What the credit date of a payment depends on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DateAsk {
    /// The business date.
    pub today: Date,
    /// The credit date of a payment made now (today before the cutoff on a business day,
    /// else the next business day).
    pub asap: Date,
    /// The date asked for (`None`, or today: as soon as possible).
    pub asked: Option<Date>,
    /// Paid by card (charged at once, never scheduled).
    pub card: bool,
    /// The loan's next due date, if any (for a past-due loan, the oldest unpaid one: already
    /// passed).
    pub next_due: Option<Date>,
    /// How far a payment may be scheduled, in days: from today, or from the next due date
    /// when that is later ([`latest_date`]).
    pub window_days: i16,
    /// The loan's status.
    pub status: LoanStatus,
}

/// The business day a payment is credited as of.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CreditDate {
    /// The day.
    pub date: Date,
    /// Later than asked: made after today's cutoff, or asked for a day that is not a business
    /// day.
    pub moved: bool,
}

/// The latest date a payment may be scheduled for: `window_days` from the business date, or
/// from the next due date when that is later. The window counts from today for every loan
/// whose next due date has come or passed: a past-due borrower (whose "next" due date is the
/// oldest unpaid one, maybe months ago) can still line a payment up with payday, and a current
/// borrower can always schedule one for the due date and the window after it. Also the next
/// due date the window counts from, when it does.
pub fn latest_date(today: Date, next_due: Option<Date>, window_days: i16) -> (Date, Option<Date>) {
    let from_due = next_due.filter(|due| *due > today);
    let latest = from_due
        .unwrap_or(today)
        .saturating_add(jiff::Span::new().days(window_days));
    (latest, from_due)
}

/// The credit date of a payment, or why it cannot be made: a date before today, a card
/// payment for a later date, a date past the window ([`latest_date`]), or a loan that is
/// not active (checked in that order). A later date that is not a business day moves to the
/// next business day.
pub fn quote_date(ask: &DateAsk) -> Result<CreditDate, QuoteRefusal> {
    // Today (asked for or not) is as soon as possible.
    let credit = match ask.asked.filter(|d| *d != ask.today) {
        None => CreditDate {
            date: ask.asap,
            moved: ask.asap != ask.today,
        },
        Some(d) if d < ask.today => return Err(QuoteRefusal::PastDate { today: ask.today }),
        Some(d) => {
            if ask.card {
                return Err(QuoteRefusal::CardScheduled);
            }
            let (latest, from_due) = latest_date(ask.today, ask.next_due, ask.window_days);
            if d > latest {
                return Err(QuoteRefusal::TooLate {
                    latest,
                    window_days: ask.window_days,
                    from_due,
                });
            }
            let on = this_or_next_business_day(d);
            CreditDate {
                date: on,
                moved: on != d,
            }
        }
    };
    if ask.status != LoanStatus::Active {
        return Err(QuoteRefusal::NotActive);
    }
    Ok(credit)
}

/// The amount of a payment credited `credit_date`, against `before` (the loan at the start of
/// that day, the payments already pending counted as made), or why not: the pending payments
/// pay the loan off, the chosen amount comes to nothing, it is more than `limit`, or more
/// than the payoff (checked in that order).
pub fn quote_amount(
    before: &LoanState,
    choice: AmountChoice,
    limit: Money,
    credit_date: Date,
) -> Result<Money, QuoteRefusal> {
    if before.status != LoanStatus::Active {
        return Err(QuoteRefusal::PaidByScheduled);
    }
    let payoff = before.balance();
    let amount = match choice {
        AmountChoice::AmountDue => before.amount_due(),
        AmountChoice::PastDue => before.past_due_amount(),
        AmountChoice::Payoff => payoff,
        AmountChoice::Other(m) => m,
    };
    if !amount.is_positive() {
        return Err(QuoteRefusal::NothingDue);
    }
    if amount > limit {
        return Err(OverLimit { limit }.into());
    }
    if amount > payoff {
        return Err(QuoteRefusal::OverPayoff {
            payoff,
            credit_date,
        });
    }
    Ok(amount)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::accrual::AccrualCarry;
    use crate::loan::InstallmentStatus;
    use jiff::civil::date;

    fn ask(asked: Option<Date>) -> DateAsk {
        // Tuesday 1 December 2026, before the cutoff.
        DateAsk {
            today: date(2026, 12, 1),
            asap: date(2026, 12, 1),
            asked,
            card: false,
            next_due: Some(date(2026, 12, 15)),
            window_days: 15,
            status: LoanStatus::Active,
        }
    }

    #[test]
    fn today_or_nothing_asked_is_as_soon_as_possible() {
        let on = |date, moved| Ok(CreditDate { date, moved });
        assert_eq!(quote_date(&ask(None)), on(date(2026, 12, 1), false));
        assert_eq!(
            quote_date(&ask(Some(date(2026, 12, 1)))),
            on(date(2026, 12, 1), false)
        );
        // After the cutoff: the next business day, moved.
        let late = DateAsk {
            asap: date(2026, 12, 2),
            ..ask(Some(date(2026, 12, 1)))
        };
        assert_eq!(quote_date(&late), on(date(2026, 12, 2), true));
        // A card pays today even so.
        let card = DateAsk {
            card: true,
            ..ask(None)
        };
        assert_eq!(quote_date(&card), on(date(2026, 12, 1), false));
    }

    #[test]
    fn a_later_date_moves_to_a_business_day() {
        let on = |date, moved| Ok(CreditDate { date, moved });
        assert_eq!(
            quote_date(&ask(Some(date(2026, 12, 8)))),
            on(date(2026, 12, 8), false)
        );
        // Saturday 5 December → Monday 7th; Christmas Friday 25 December → Monday 28th.
        assert_eq!(
            quote_date(&ask(Some(date(2026, 12, 5)))),
            on(date(2026, 12, 7), true)
        );
        assert_eq!(
            quote_date(&ask(Some(date(2026, 12, 25)))),
            on(date(2026, 12, 28), true)
        );
    }

    #[test]
    fn a_date_is_refused_before_today_for_a_card_or_past_the_window() {
        let e = quote_date(&ask(Some(date(2026, 11, 30)))).unwrap_err();
        assert_eq!(
            e,
            QuoteRefusal::PastDate {
                today: date(2026, 12, 1)
            }
        );
        assert_eq!(
            e.to_string(),
            "Choose today or a later date (today is December 1, 2026)"
        );
        let card = DateAsk {
            card: true,
            ..ask(Some(date(2026, 12, 2)))
        };
        let e = quote_date(&card).unwrap_err();
        assert_eq!(
            e.to_string(),
            "Card payments are made today. To schedule a payment, pay from a bank account"
        );
        // The next due date (15 December) and 15 days: 30 December, not the 31st.
        assert!(quote_date(&ask(Some(date(2026, 12, 30)))).is_ok());
        let e = quote_date(&ask(Some(date(2026, 12, 31)))).unwrap_err();
        assert_eq!(
            e.to_string(),
            "Choose a date up to December 30, 2026 (15 days after your next due date, December 15, 2026)"
        );
        assert!(matches!(e, QuoteRefusal::TooLate { .. }), "{e:?}");
        // With no next due date the window runs from today.
        let none_due = DateAsk {
            next_due: None,
            ..ask(Some(date(2026, 12, 17)))
        };
        assert!(matches!(
            quote_date(&none_due),
            Err(QuoteRefusal::TooLate { latest, from_due: None, .. }) if latest == date(2026, 12, 16)
        ));
    }

    #[test]
    fn a_past_due_borrower_may_schedule_up_to_the_window_from_today() {
        // The oldest unpaid due date, 20 November, has passed: the window runs from today
        // (1 December), so the 11th (payday, ten days ahead) is taken and the 16th is the last.
        let past_due = |asked| DateAsk {
            next_due: Some(date(2026, 11, 20)),
            ..ask(Some(asked))
        };
        assert_eq!(
            quote_date(&past_due(date(2026, 12, 11))),
            Ok(CreditDate {
                date: date(2026, 12, 11),
                moved: false
            })
        );
        assert!(quote_date(&past_due(date(2026, 12, 16))).is_ok());
        let e = quote_date(&past_due(date(2026, 12, 17))).unwrap_err();
        assert_eq!(
            e,
            QuoteRefusal::TooLate {
                latest: date(2026, 12, 16),
                window_days: 15,
                from_due: None
            }
        );
        assert_eq!(
            e.to_string(),
            "Choose a date up to December 16, 2026 (15 days from today)"
        );
        // A due date of today counts as passed: the window is from today either way.
        assert_eq!(
            latest_date(date(2026, 12, 1), Some(date(2026, 12, 1)), 15),
            (date(2026, 12, 16), None)
        );
        // A later due date: from it, so a current borrower keeps the due date and the window.
        assert_eq!(
            latest_date(date(2026, 12, 1), Some(date(2026, 12, 15)), 15),
            (date(2026, 12, 30), Some(date(2026, 12, 15)))
        );
    }

    #[test]
    fn a_loan_that_is_not_active_takes_no_payment_once_the_date_is_right() {
        for status in [LoanStatus::PaidOff, LoanStatus::ChargedOff] {
            let closed = DateAsk {
                status,
                ..ask(None)
            };
            let e = quote_date(&closed).unwrap_err();
            assert_eq!(
                e.to_string(),
                "This loan is paid off or closed; there is nothing to pay"
            );
            assert_eq!(e, QuoteRefusal::NotActive);
            // A wrong date is the first thing said.
            let past = DateAsk {
                status,
                ..ask(Some(date(2026, 11, 1)))
            };
            assert!(matches!(
                quote_date(&past).unwrap_err(),
                QuoteRefusal::PastDate { .. }
            ));
        }
    }

    /// $1,000.00 of principal; $100.00 due 15 November unpaid (past due) and $100.00 due
    /// 15 December, as of 1 December.
    fn before(status: LoanStatus, paid_first: i64) -> LoanState {
        let inst = |number, due_date, paid| InstallmentStatus {
            number,
            due_date,
            amount: Money::from_cents(10_000),
            paid: Money::from_cents(paid),
            late_fee_assessed: false,
        };
        LoanState {
            as_of: date(2026, 12, 1),
            status,
            principal: Money::from_cents(100_000),
            interest: Money::ZERO,
            carry: AccrualCarry::default(),
            fees: Money::ZERO,
            unapplied: Money::ZERO,
            installments: vec![
                inst(1, date(2026, 11, 15), paid_first),
                inst(2, date(2026, 12, 15), 0),
            ],
            events: Vec::new(),
            interest_paid: Money::ZERO,
        }
    }

    #[test]
    fn each_choice_is_its_amount() {
        let b = before(LoanStatus::Active, 0);
        let limit = Money::from_dollars(50_000);
        let on = date(2026, 12, 1);
        let amount = |c| quote_amount(&b, c, limit, on).map(Money::cents);
        assert_eq!(amount(AmountChoice::AmountDue), Ok(20_000));
        assert_eq!(amount(AmountChoice::PastDue), Ok(10_000));
        assert_eq!(amount(AmountChoice::Payoff), Ok(100_000));
        assert_eq!(
            amount(AmountChoice::Other(Money::from_cents(4_321))),
            Ok(4_321)
        );
    }

    #[test]
    fn an_amount_is_refused_when_nothing_is_due_over_the_limit_or_over_the_payoff() {
        let on = date(2026, 12, 1);
        let limit = Money::from_dollars(50_000);
        // Scheduled payments already paid it off.
        let e = quote_amount(
            &before(LoanStatus::PaidOff, 0),
            AmountChoice::Payoff,
            limit,
            on,
        )
        .unwrap_err();
        assert_eq!(
            e.to_string(),
            "Payments already scheduled pay this loan off"
        );
        // Nothing past due once the first installment is paid.
        let e = quote_amount(
            &before(LoanStatus::Active, 10_000),
            AmountChoice::PastDue,
            limit,
            on,
        )
        .unwrap_err();
        assert_eq!(
            e.to_string(),
            "Nothing of that kind is due now. Choose another amount"
        );
        let b = before(LoanStatus::Active, 0);
        let e = quote_amount(&b, AmountChoice::Other(Money::ZERO), limit, on).unwrap_err();
        assert_eq!(e, QuoteRefusal::NothingDue);
        let e = quote_amount(
            &b,
            AmountChoice::Other(Money::from_cents(100_001)),
            limit,
            on,
        )
        .unwrap_err();
        assert_eq!(
            e.to_string(),
            "That is more than the payoff amount for December 1, 2026, $1,000.00. Choose the payoff instead"
        );
        assert!(matches!(e, QuoteRefusal::OverPayoff { .. }), "{e:?}");
        // The limit is said before the payoff.
        let small = Money::from_cents(15_000);
        for choice in [
            AmountChoice::AmountDue,
            AmountChoice::Other(Money::from_cents(200_000)),
        ] {
            let e = quote_amount(&b, choice, small, on).unwrap_err();
            assert_eq!(
                e.to_string(),
                "The most one payment can be here is $150.00. Make more than one payment, or call us"
            );
        }
        assert_eq!(
            quote_amount(&b, AmountChoice::Other(small), small, on),
            Ok(small)
        );
    }
}

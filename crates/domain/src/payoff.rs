//! Payoff quotes: what pays a loan off on a chosen date, and the interest per day after it.

use crate::loan::{LoanStatus, LoanTerms, Transaction, replay_to_start_of};
use jiff::civil::Date;
use money::{Money, Rate};

/// Why a payoff cannot be quoted.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PayoffError {
    /// The date is before interest started.
    #[error(
        "Choose a payoff date on or after {}: the loan started then",
        crate::calendar::long_date(.start)
    )]
    BeforeStart {
        /// Requested date.
        date: Date,
        /// Accrual start.
        start: Date,
    },
    /// The loan is no longer active by that date.
    #[error(
        "The loan is {} by {}: there is nothing to pay off",
        .status.label(0).to_lowercase(),
        crate::calendar::long_date(.date)
    )]
    NotActive {
        /// Requested date.
        date: Date,
        /// Status on that date.
        status: LoanStatus,
    },
}

/// The amount that pays the loan off if received on `payoff_date`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PayoffQuote {
    /// The day the payoff must be received (credited as of).
    pub payoff_date: Date,
    /// Unpaid principal.
    pub principal: Money,
    /// Interest accrued through the day before `payoff_date`.
    pub interest: Money,
    /// Fees unpaid (including late fees assessed by that date).
    pub fees: Money,
    /// The payoff amount: principal + interest + fees.
    pub total: Money,
    /// Interest for each further day, rounded half up (add it per day the payment is late).
    pub per_diem: Money,
}

/// Quotes the payoff for `payoff_date`, given the history known now.
pub fn payoff_quote(
    terms: &LoanTerms,
    history: &[Transaction],
    payoff_date: Date,
) -> Result<PayoffQuote, PayoffError> {
    if payoff_date < terms.accrual_start {
        return Err(PayoffError::BeforeStart {
            date: payoff_date,
            start: terms.accrual_start,
        });
    }
    let state = replay_to_start_of(terms, history, payoff_date);
    if state.status != LoanStatus::Active {
        return Err(PayoffError::NotActive {
            date: payoff_date,
            status: state.status,
        });
    }
    Ok(PayoffQuote {
        payoff_date,
        principal: state.principal,
        interest: state.interest,
        fees: state.fees,
        total: state.balance(),
        per_diem: per_diem(
            state.principal,
            terms.rate,
            terms.day_count.day_weight(payoff_date),
            terms.day_count,
        ),
    })
}

/// One day's interest on `principal`, rounded half up (the schedule's rounding of a period
/// one day long).
pub fn per_diem(principal: Money, rate: Rate, weight: i64, day_count: money::DayCount) -> Money {
    crate::schedule::period_interest(principal, rate, day_count, weight)
}

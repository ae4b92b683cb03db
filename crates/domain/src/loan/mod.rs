//! A loan's contract and its life: the terms, the dated transaction history, and the pure
//! fold ([`replay`]) that turns them into balances, installment status and the split of every
//! payment.
//!
//! Invariant: a loan's state is a function of (terms, opening balances, history, date) only.
//! A backdated payment or a reversal is handled by replaying the history, so every later
//! payment's split comes out exactly as if the history had always been that way. A change of
//! terms is a transaction of the history too ([`TxnKind::Amendment`], ADR 0021): the replay
//! runs on [`LoanTerms::amended`].

mod amendment;
mod history;
mod replay;
mod state;
mod waterfall;

pub use history::{ExtraTo, TermsChange, Transaction, TxnId, TxnKind};
pub use replay::{replay, replay_to_start_of};
pub use state::{AppliedPayment, FeeKind, InstallmentStatus, LoanEvent, LoanState, LoanStatus};
pub use waterfall::{Bucket, Waterfall, WaterfallError};

use crate::accrual::AccrualCarry;
use crate::fees::{LateFeeRule, NsfFeeRule};
use crate::schedule::Schedule;
use jiff::civil::Date;
use money::{DayCount, Money, Rate};

/// One contractual installment.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Installment {
    /// 1-based installment number.
    pub number: u32,
    /// Due date.
    pub due_date: Date,
    /// Amount due.
    pub amount: Money,
}

/// The balances a loan starts from: the amount financed for a new loan, or what the prior
/// servicer reported for a boarded one.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct OpeningBalances {
    /// Unpaid principal.
    pub principal: Money,
    /// Interest accrued and unpaid.
    pub interest: Money,
    /// Fees assessed and unpaid.
    pub fees: Money,
    /// Sub-cent interest not yet posted.
    pub carry: AccrualCarry,
}

/// What the loan contract and the product say, as far as the servicing rules need it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LoanTerms {
    /// Annual interest rate.
    pub rate: Rate,
    /// Day count of the interest.
    pub day_count: DayCount,
    /// Interest accrues from this date (disbursement, or boarding for a transferred loan).
    pub accrual_start: Date,
    /// Balances at `accrual_start`.
    pub opening: OpeningBalances,
    /// Installments in due-date order (for a boarded loan: those unpaid at boarding onward).
    pub installments: Vec<Installment>,
    /// The late-fee rule.
    pub late_fee: LateFeeRule,
    /// The NSF-fee rule.
    pub nsf_fee: NsfFeeRule,
    /// The order payments are applied in.
    pub waterfall: Waterfall,
}

impl LoanTerms {
    /// Terms of a newly disbursed loan from its amortization schedule, with default fee rules
    /// and waterfall.
    pub fn from_schedule(
        schedule: &Schedule,
        rate: Rate,
        day_count: DayCount,
        disbursed: Date,
        amount: Money,
    ) -> Self {
        LoanTerms {
            rate,
            day_count,
            accrual_start: disbursed,
            opening: OpeningBalances {
                principal: amount,
                ..OpeningBalances::default()
            },
            installments: schedule
                .installments
                .iter()
                .map(|row| Installment {
                    number: row.period,
                    due_date: row.due_date,
                    amount: row.payment,
                })
                .collect(),
            late_fee: LateFeeRule::default(),
            nsf_fee: NsfFeeRule::default(),
            waterfall: Waterfall::default(),
        }
    }
}

#[cfg(test)]
mod tests;

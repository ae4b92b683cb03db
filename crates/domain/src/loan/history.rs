//! The dated transactions of a loan. History is append-only: a correction is a new
//! transaction (a reversal), never an edit.

use jiff::civil::Date;
use money::Money;

/// A transaction's identity; also breaks ties between transactions on the same date.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct TxnId(pub u64);

/// Where the part of a payment beyond the amount due goes.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum ExtraTo {
    /// Reduce principal now; the next installment is still due (the default).
    #[default]
    Principal,
    /// Pay ahead: count toward the next installments (still applied through the waterfall).
    NextInstallment,
}

/// What happened.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum TxnKind {
    /// A payment received (credited as of its date).
    Payment {
        /// Amount received.
        amount: Money,
        /// Where any extra goes.
        extra: ExtraTo,
    },
    /// A transaction undone: a payment returned or reversed, or a fee waiver, interest waiver,
    /// amendment or refund taken back. The history is replayed as if the transaction reversed
    /// had never been made.
    Reversal {
        /// The transaction reversed.
        of: TxnId,
        /// A payment returned for insufficient funds (an NSF fee may apply; never for anything
        /// but a payment).
        insufficient_funds: bool,
    },
    /// Fees forgiven.
    FeeWaiver {
        /// Amount waived (at most the fees outstanding).
        amount: Money,
    },
    /// The loan is charged off: accrual stops and the balances are written off.
    ChargeOff,
    /// Accrued interest forgiven (at most the interest outstanding).
    InterestWaiver {
        /// Amount waived.
        amount: Money,
    },
    /// A change of the loan's terms, effective on the transaction's date (ADR 0021).
    Amendment {
        /// What changes.
        change: TermsChange,
    },
    /// Money held for the borrower (unapplied funds, a credit after payoff) paid back (at most
    /// the unapplied funds).
    Refund {
        /// Amount paid back.
        amount: Money,
    },
}

/// A change of a loan's terms (the closed set of ADR 0021), applied by `LoanTerms::amended`
/// from the amendment's date.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum TermsChange {
    /// Installments due on or after the effective date fall due on this day of the month
    /// (1..=28).
    DueDay {
        /// The new day of the month.
        day: u8,
    },
}

/// A dated transaction.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Transaction {
    /// Identity and tie-breaker.
    pub id: TxnId,
    /// Effective date (the business day it is credited as of).
    pub date: Date,
    /// What happened.
    pub kind: TxnKind,
}

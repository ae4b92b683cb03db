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
    /// A payment returned or reversed: the history is replayed as if it had never been made.
    Reversal {
        /// The payment reversed.
        of: TxnId,
        /// Returned for insufficient funds (an NSF fee may apply).
        insufficient_funds: bool,
    },
    /// Fees forgiven.
    FeeWaiver {
        /// Amount waived (at most the fees outstanding).
        amount: Money,
    },
    /// The loan is charged off: accrual stops and the balances are written off.
    ChargeOff,
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

//! Money by mail and bank bill pay (issue 21): the bank's lockbox file read, each check matched
//! to its loan and posted, what does not match queued for staff, the queue worked, and the
//! day's report. docs/remittance.md is the operations team's guide.
//!
//! An import is two steps, so a crash anywhere loses nothing and posts nothing twice:
//!
//! 1. `import`: the file is read whole first (a broken file is refused naming its line, and
//!    nothing changes); then, in one transaction, the file is recorded by its digest (the same
//!    file again is recognised and adds nothing) and every check as a 'received' item under its
//!    item key (an item of a re-sent file is already here and is skipped).
//! 2. `finish`: each received item, in a transaction of its own, is matched and either posted
//!    as a payment (the same posting path as every payment staff post, with the borrower's
//!    "payment received" alert) or queued as an exception (held in remittance suspense). The
//!    item's move out of 'received' is conditional, so it happens once whoever gets there
//!    first. Items a crash left 'received' are finished when their file is imported again, or
//!    by the worker's sweep (`sweep`, which also reads the watched inbound folder).
//!
//! Staff work the queue (`exceptions`): apply an item to a loan, split it across loans, or
//! return it to the payer; each decision in one transaction, conditional on the item still
//! being an exception (of two staff at once, exactly one wins), and audited. `day` is the
//! day's report. Every use case needs [`Capability::TakePayment`](crate::access::Capability).

mod day;
mod exceptions;
mod finish;
mod import;
mod sweep;

pub use day::RemittanceDay;
pub use import::{LockboxFormat, LockboxImport, ShortPayoff};
pub use store::{
    MatchedBy, RemittanceItemId as ItemId, RemittanceSource, RemittanceState as ItemState,
};

use crate::access::Denied;
use crate::payments::PaymentError;
use domain::account_number::AccountNumber;
use domain::remittance::{ExceptionReason, Suggestion};
use jiff::civil::Date;
use money::Money;
use std::path::PathBuf;
use store::{RemittanceItem, StoreError};

/// Items on a page of the queue.
pub const PAGE_SIZE: u32 = 50;
/// The last page of the queue there is (fifty thousand items deep: a queue that long is
/// narrowed by deposit date, not paged through).
pub const MAX_PAGE: u32 = 1000;
/// The most loans one item may be split across.
pub const MAX_SPLIT_PARTS: usize = 10;
/// The longest reason for returning an item, in characters.
pub const MAX_RETURN_REASON: usize = 500;
/// What the coupon, memo and overflow lines of an item are joined with when stored.
pub const MEMO_SEPARATOR: &str = " | ";

/// Where the bank's lockbox files arrive (`[payments.lockbox]` in the configuration).
#[derive(Clone, Debug, PartialEq, Eq, serde::Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct LockboxSettings {
    /// The folder every worker reads: a file named `*.csv` is read with the CSV layout, any
    /// other as a BAI lockbox file; each is moved to `processed/` once read, or to
    /// `refused/` with the reason beside it.
    pub inbound_dir: PathBuf,
}

impl Default for LockboxSettings {
    fn default() -> Self {
        LockboxSettings {
            inbound_dir: PathBuf::from("lockbox/inbound"),
        }
    }
}

/// Which items a page of the queue lists.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ItemFilter {
    /// Only items in this state (`None`: every item).
    pub state: Option<ItemState>,
    /// Only items deposited this day.
    pub deposit_date: Option<Date>,
}

/// An item as the queue and the day's report list it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ItemSummary {
    /// The item.
    pub id: ItemId,
    /// Lockbox check or bill-pay credit.
    pub source: RemittanceSource,
    /// The business day the bank deposited it.
    pub deposit_date: Date,
    /// Days from the deposit to the business date.
    pub age_days: i64,
    /// The lockbox number.
    pub lockbox: String,
    /// The batch number.
    pub batch: String,
    /// The item's number within its batch.
    pub item: String,
    /// The amount.
    pub amount: Money,
    /// The check number.
    pub check_number: String,
    /// The payer's name as the bank read it.
    pub payer: String,
    /// The coupon, memo and overflow text, as the bank sent it (lines joined with " | ").
    pub memo: String,
    /// Where it is.
    pub state: ItemState,
    /// Why it went to the exception queue.
    pub reason: Option<ExceptionReason>,
    /// The loan it was matched or applied to, else the account number it names.
    pub account: Option<AccountNumber>,
    /// How it was matched.
    pub matched_by: Option<MatchedBy>,
    /// A payoff check that posted this much short of the payoff (the loan keeps the
    /// shortfall).
    pub payoff_short: Option<Money>,
}

/// One page of the queue.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ItemPage {
    /// The items, oldest deposit first.
    pub items: Vec<ItemSummary>,
    /// This page (from 1).
    pub page: u32,
    /// Another page follows.
    pub more: bool,
    /// The total of every item in the exception queue now.
    pub open_total: Money,
    /// How many items are in the exception queue now.
    pub open_count: usize,
}

/// A payment an item became.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ItemPosting {
    /// The loan's account number.
    pub account: AccountNumber,
    /// How much of the item.
    pub amount: Money,
    /// The payment's confirmation number.
    pub confirmation: String,
}

/// One item with what staff need to resolve it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RemittanceItemDetail {
    /// The item.
    pub item: ItemSummary,
    /// The payments it became.
    pub postings: Vec<ItemPosting>,
    /// For an exception: loans whose borrower's name shares a word with the payer's, best
    /// first (never applied without a person choosing).
    pub suggestions: Vec<Suggestion>,
    /// What staff did, as JSON (`{"action": "apply" | "split" | "return", …}`).
    pub resolution: Option<String>,
    /// Who did it: a staff user by name; anyone else (an API client) as the audit log names them.
    pub resolved_by: Option<String>,
    /// When (epoch microseconds).
    pub resolved_at_us: Option<i64>,
}

/// Why a lockbox file or a decision on an item was refused. Nothing was changed.
#[derive(Debug, thiserror::Error)]
pub enum RemittanceError {
    /// The actor may not take payments.
    #[error(transparent)]
    Access(#[from] Denied),
    /// No such item.
    #[error("There is no such item")]
    NotFound,
    /// The item is not in the exception queue (already posted, resolved or returned, perhaps
    /// by someone else a moment ago).
    #[error("This item is not in the exception queue: it was already posted, resolved or returned")]
    NotAnException,
    /// The loans and amounts to apply an item to do not work: the message says why (amounts
    /// that do not add up to the item, an account number no loan has, a paid-off loan…).
    #[error("{0}")]
    BadSplit(String),
    /// The request cannot be done: a file that does not read (the message names the line),
    /// a return without a reason, a page that does not exist.
    #[error("{0}")]
    Refused(String),
    /// A payment step refused (the idempotency key, the posted-payment limit).
    #[error(transparent)]
    Payment(#[from] PaymentError),
    /// Reading or moving a file of the inbound folder failed.
    #[error("{path}: {error}")]
    Io {
        /// The file or folder.
        path: String,
        /// Why.
        error: std::io::Error,
    },
    /// The store failed.
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl RemittanceError {
    /// Why a file was refused whole, for the operator; none when reading failed for another
    /// reason (the database), so the file is read again later.
    pub fn refusal(&self) -> Option<String> {
        match self {
            RemittanceError::Refused(why) => Some(why.clone()),
            _ => None,
        }
    }
}

/// The audit log's subject of an item.
fn item_subject(id: ItemId) -> String {
    format!("remittance-item:{}", id.0)
}

/// An item as listed, its age counted to the business date `today`.
fn summary(i: &RemittanceItem, today: Date) -> ItemSummary {
    ItemSummary {
        id: i.id,
        source: i.source,
        deposit_date: i.deposit_date,
        age_days: money::days_between(i.deposit_date, today).max(0),
        lockbox: i.lockbox.clone(),
        batch: i.batch.clone(),
        item: i.item.clone(),
        amount: i.amount,
        check_number: i.check_number.clone(),
        payer: i.payer.clone(),
        memo: i.memo.clone(),
        state: i.state,
        reason: i.reason,
        account: i.loan_account.or(i.account_number),
        matched_by: i.matched_by,
        payoff_short: i.payoff_short,
    }
}

//! The bank reconciliation (issue 21, item 5): the bank's BAI2 prior-day report of what
//! actually landed in our account, set each business day against what Servicer posted.
//!
//! `import` reads a report whole (refused whole, naming the line, with nothing changed),
//! recognises it by its digest (read twice, it changes nothing), refuses a second different
//! report of a day and account already reported (no deposit is booked twice), and in one
//! transaction records it with its transactions, books the kinds Servicer books from cash
//! clearing into cash in bank (`ledger::bank_credit` / `bank_debit`), and audits it. `day`
//! reconciles a day per category ([`domain::reconcile`]: lockbox deposits, the settlement of
//! our ACH files' debits, their returns, bill-pay credits, the settlement of our refund
//! credits and their returns): the bank's total, Servicer's, the difference and the items
//! behind each, and keeps staff's explanations of a difference (audited); a day that does
//! not reconcile is flagged until each difference is explained.
//! `sample` writes the report a bank would send for a day from what Servicer posted, for
//! trying the reconciliation.
//!
//! Who may: reading and explaining need `ViewReports` (supervisors); importing too (an
//! operator at the shell, or a supervisor).

mod day;
mod import;
mod sample;

pub use day::{BankDay, BankDaySummary, DayLine, MAX_DAYS};
/// A BAI type code's name ("Lockbox Deposit"), for pages that list a report's transactions.
pub use formats::bai2::type_code_name;
pub use import::BankImport;

use domain::reconcile::{Category, ExplanationError};
use jiff::civil::Date;
use store::StoreError;

/// Why a bank use case did nothing.
#[derive(Debug, thiserror::Error)]
pub enum BankError {
    /// The actor may not read the reports.
    #[error(transparent)]
    Denied(#[from] crate::access::Denied),
    /// The file is not a BAI2 report that adds up; nothing was changed.
    #[error("the file was refused and nothing was changed: {0}")]
    Refused(String),
    /// A report of a day that has not begun.
    #[error(
        "the file was refused and nothing was changed: it reports {as_of}, after the business date {today}"
    )]
    Future {
        /// The group's as-of date.
        as_of: Date,
        /// The business date.
        today: Date,
    },
    /// A different report of a day and account already reported.
    #[error(
        "the file was refused and nothing was changed: account {account} on {as_of} was already reported by {name}; a day is imported once, so no deposit is booked twice (explain a correction on the day's page)"
    )]
    DayAlreadyReported {
        /// The day.
        as_of: Date,
        /// The account.
        account: String,
        /// The report read before.
        name: String,
    },
    /// The explanation's text is empty or too long.
    #[error(transparent)]
    Explanation(#[from] ExplanationError),
    /// The category agrees with the bank that day.
    #[error(
        "{} agree with the bank on {}: there is no difference to explain",
        .category.label(),
        documents::long_date(.date)
    )]
    NothingToExplain {
        /// The day.
        date: Date,
        /// The category.
        category: Category,
    },
    /// A range of days backwards or too long.
    #[error(
        "Choose a range of 1 to {} days, from the earlier date to the later ({from} to {to} is not)",
        MAX_DAYS
    )]
    BadRange {
        /// The first day asked for.
        from: Date,
        /// The last.
        to: Date,
    },
    /// The store failed.
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl BankError {
    /// Why a file was refused ("line 4: …"), for the operator; none when the import failed
    /// for another reason (the database), so the file may be tried again.
    pub fn refusal(&self) -> Option<String> {
        match self {
            BankError::Refused(_)
            | BankError::Future { .. }
            | BankError::DayAlreadyReported { .. } => Some(self.to_string()),
            _ => None,
        }
    }
}

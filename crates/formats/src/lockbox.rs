//! Lockbox files: the checks a bank deposited for us, one file a day, in the BAI lockbox format
//! (fixed-width text records, one a line) or as a CSV export some banks send instead.
//!
//! The BAI layout is the one the FundersClub `bai-lockbox` parser reads (PyPI `bai-lockbox`):
//! 1 file header, 2 service header, then per lockbox a 5 (lockbox and deposit date), its
//! batches (checks 6, each followed by its overflow records 4, then the batch total 7) and the
//! lockbox total 8; a 9 trailer counts every record. Amounts are in cents. Columns are in
//! docs/formats.md.
//!
//! Invariants of a read: every record is in its place, every numeric field is digits, every
//! date is a real date, every batch and lockbox total equals its checks (count and amount), the
//! trailer counts the records, every check is for more than zero, no (lockbox, batch, item) key
//! appears twice and the file's total fits in `Money`. A file that breaks any of these is
//! refused whole, naming the line. No input makes a reader panic.

mod from_csv;
mod read;
#[cfg(test)]
mod tests;
mod write;

use jiff::civil::Date;
use money::Money;
use std::fmt;

pub use from_csv::{CsvLayout, read_csv};
pub use read::read;
pub use write::{sample, write};

/// The longest record we read (a check record with its payee name); longer lines are refused.
pub const MAX_RECORD: usize = 160;

/// One day's lockbox file: who sent it to whom, and the lockboxes it reports.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LockboxFile {
    /// The originating bank's identification (the file header's origin, digits as written).
    pub origin: String,
    /// Our identification at the bank (the file header's destination, trimmed).
    pub destination: String,
    /// The day the bank made the file.
    pub created_on: Date,
    /// The lockboxes, in file order.
    pub lockboxes: Vec<Lockbox>,
}

/// One lockbox's deposit on one day.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Lockbox {
    /// The lockbox number, as written.
    pub number: String,
    /// The day the checks were deposited.
    pub deposit_date: Date,
    /// The batches, in file order.
    pub batches: Vec<Batch>,
    /// The line of its lockbox header (5), or of its first row in a CSV; 0 when not read.
    pub line: usize,
}

/// One batch of checks in a lockbox.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Batch {
    /// The batch number, as written.
    pub number: String,
    /// The checks, in file order.
    pub checks: Vec<Check>,
    /// The line of its batch total (7), the record that names and totals it, or of its
    /// first row in a CSV; 0 when not read.
    pub line: usize,
}

/// One check deposited.
#[derive(Clone, PartialEq, Eq)]
pub struct Check {
    /// The item (sequence) number within the batch, as written (trimmed).
    pub item: String,
    /// The amount (always more than zero in a file that was read).
    pub amount: Money,
    /// The check number, as written.
    pub check_number: String,
    /// The date written on the check, when the file gives one.
    pub check_date: Option<Date>,
    /// The remitter's name (trimmed).
    pub payer: String,
    /// The check's transit/routing number, as written.
    pub payer_routing: String,
    /// The payer's bank account number, as written. Never printed whole (see `Debug`).
    pub payer_account: String,
    /// Each overflow record's data, trimmed (a coupon scan line, memo text).
    pub memo: Vec<String>,
    /// The line of its check record (6), or its row in a CSV; 0 when not read.
    pub line: usize,
}

impl fmt::Debug for Check {
    /// Every field but the payer's account, of which only the last four characters show: a
    /// check logged or shown in a test failure does not leak a bank account.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Check")
            .field("item", &self.item)
            .field("amount", &self.amount)
            .field("check_number", &self.check_number)
            .field("check_date", &self.check_date)
            .field("payer", &self.payer)
            .field("payer_routing", &self.payer_routing)
            .field("payer_account", &masked(&self.payer_account))
            .field("memo", &self.memo)
            .field("line", &self.line)
            .finish()
    }
}

/// An account number as it may be shown: its last four characters, or only stars when it
/// has four or fewer (showing those would show it whole).
fn masked(account: &str) -> String {
    let n = account.chars().count();
    if n <= 4 {
        "*".repeat(n)
    } else {
        let last: String = account.chars().skip(n - 4).collect();
        format!("****{last}")
    }
}

impl LockboxFile {
    /// Every check with its lockbox and batch, in file order.
    pub fn checks(&self) -> impl Iterator<Item = (&Lockbox, &Batch, &Check)> {
        self.lockboxes.iter().flat_map(|l| {
            l.batches
                .iter()
                .flat_map(move |b| b.checks.iter().map(move |c| (l, b, c)))
        })
    }

    /// How many checks the file holds.
    pub fn count(&self) -> usize {
        self.lockboxes
            .iter()
            .flat_map(|l| &l.batches)
            .map(|b| b.checks.len())
            .sum()
    }

    /// The sum of every check. A file that was read cannot overflow (the readers refuse one
    /// whose total does); for a file built by hand the sum stops at the largest amount rather
    /// than wrapping.
    pub fn total(&self) -> Money {
        Money::from_cents(
            self.checks()
                .fold(0_i64, |sum, (_, _, c)| sum.saturating_add(c.amount.cents())),
        )
    }
}

/// Why a lockbox file was refused: the line (1-based), and what is wrong there.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LockboxError {
    /// The file is empty (or only blank lines).
    #[error("line 1: the file is empty")]
    Empty,
    /// A byte that is not plain ASCII.
    #[error("line {line}, column {column}: the file has a character that is not plain ASCII")]
    NotAscii {
        /// The line.
        line: usize,
        /// The column (1-based byte).
        column: usize,
    },
    /// A record longer than any the format has.
    #[error(
        "line {line}: a lockbox record is at most {} characters; this one has {length}",
        MAX_RECORD
    )]
    TooLong {
        /// The line.
        line: usize,
        /// Its length.
        length: usize,
    },
    /// A record where it does not belong, a missing one, or a line that is not a record.
    #[error("line {line}: {message}")]
    Structure {
        /// The line.
        line: usize,
        /// What was expected.
        message: String,
    },
    /// A field that does not hold what it must.
    #[error("line {line}, {field}: {message}")]
    Field {
        /// The line.
        line: usize,
        /// The field (its name in the layout, or the CSV column's header).
        field: String,
        /// What is wrong.
        message: String,
    },
    /// A total record that does not match what it totals.
    #[error("line {line}: {what} is {stated} but {found}")]
    Control {
        /// The line of the total record.
        line: usize,
        /// Which total.
        what: &'static str,
        /// As the record states it.
        stated: String,
        /// What was counted, in words ("its checks add up to $6,000.00").
        found: String,
    },
    /// A check whose (lockbox, batch, item) key an earlier check has.
    #[error(
        "line {line}: item {item} of batch {batch} in lockbox {lockbox} appears twice (first on line {first})"
    )]
    Duplicate {
        /// The line of the second check.
        line: usize,
        /// The lockbox number.
        lockbox: String,
        /// The batch number.
        batch: String,
        /// The item number.
        item: String,
        /// The line of the first.
        first: usize,
    },
    /// The checks add up to more than an amount can hold.
    #[error("line {line}: the checks up to here add up to more than an amount can hold")]
    Overflow {
        /// The line where the sum overflowed.
        line: usize,
    },
}

impl LockboxError {
    /// The line the error names (1 for an empty file).
    pub fn line(&self) -> usize {
        match self {
            LockboxError::Empty => 1,
            LockboxError::NotAscii { line, .. }
            | LockboxError::TooLong { line, .. }
            | LockboxError::Structure { line, .. }
            | LockboxError::Field { line, .. }
            | LockboxError::Control { line, .. }
            | LockboxError::Duplicate { line, .. }
            | LockboxError::Overflow { line } => *line,
        }
    }
}

fn structure(line: usize, message: impl Into<String>) -> LockboxError {
    LockboxError::Structure {
        line,
        message: message.into(),
    }
}

fn field(line: usize, field: impl Into<String>, message: impl Into<String>) -> LockboxError {
    LockboxError::Field {
        line,
        field: field.into(),
        message: message.into(),
    }
}

/// Refuses bytes that are not all ASCII, naming the line and column of the first that is not.
fn ascii(bytes: &[u8]) -> Result<&str, LockboxError> {
    if let Some(at) = bytes.iter().position(|b| !b.is_ascii()) {
        let before = &bytes[..at];
        let line = before.iter().filter(|b| **b == b'\n').count() + 1;
        let start = before
            .iter()
            .rposition(|b| *b == b'\n')
            .map_or(0, |p| p + 1);
        return Err(LockboxError::NotAscii {
            line,
            column: at - start + 1,
        });
    }
    std::str::from_utf8(bytes).map_err(|_| LockboxError::NotAscii { line: 1, column: 1 })
}

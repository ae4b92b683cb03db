//! BAI2 prior-day reports (the Cash Management Balance Reporting Specification, version 2): what
//! actually landed in our bank account, as the bank tells it the next morning.
//!
//! A file is comma-separated records, each ending with `/` (or its line) and continued on `88`
//! records when long: a file header (`01`), groups (`02` header with the as-of date, accounts,
//! `98` trailer), and a file trailer (`99`). An account is its identifier (`03`: number,
//! currency and summaries — balances and totals by type code), its transactions (`16`: type
//! code, amount in cents, funds type, bank and customer references, free text) and its trailer
//! (`49`). Every trailer carries a control total and a record count (continuations included);
//! an account's control total is the sum of its `03` amounts and `16` amounts, a group's the
//! sum of its accounts', the file's the sum of its groups'.
//!
//! Invariants: a file is read whole or refused whole, naming the line; every control total
//! and count is recomputed and compared; a file we write reads back to the same values (lines
//! aside) with every total computed.

mod codes;
mod read;
mod write;

pub use codes::type_code_name;
pub use read::read;
pub use write::write;

use jiff::civil::Date;
use money::Money;

/// A whole BAI2 file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Bai2File {
    /// Who sent the file (the bank's identification).
    pub sender: String,
    /// Who it is for (our identification at the bank).
    pub receiver: String,
    /// The day the file was made.
    pub created_on: Date,
    /// Its groups, in order.
    pub groups: Vec<Group>,
}

/// A group: the accounts of one originator, as of one day.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Group {
    /// The originator (the bank reporting the accounts).
    pub originator: String,
    /// The day the balances and transactions are as of.
    pub as_of: Date,
    /// The group's currency when stated (BAI2 reads a blank one as USD).
    pub currency: Option<String>,
    /// Its accounts, in order.
    pub accounts: Vec<AccountReport>,
    /// The line of its group header (`02`).
    pub line: usize,
}

/// One account's report: its balances and totals, and its transactions.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AccountReport {
    /// The account number at the bank.
    pub number: String,
    /// The account's currency when stated (otherwise the group's).
    pub currency: Option<String>,
    /// Its summaries (balances like 010 opening ledger and 015 closing ledger, totals like 100
    /// total credits), in order; a summary with a blank type code is skipped.
    pub summaries: Vec<Summary>,
    /// Its transactions, in order.
    pub transactions: Vec<Transaction>,
    /// The line of its account identifier (`03`).
    pub line: usize,
}

/// A balance or total of an account's identifier record.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Summary {
    /// Its type code (010 opening ledger, 015 closing ledger, 100 total credits, …).
    pub type_code: u16,
    /// The amount, when given (balances may be negative).
    pub amount: Option<Money>,
    /// The number of items, when given.
    pub item_count: Option<u32>,
}

/// One transaction (`16` record) on an account.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Transaction {
    /// Its detail type code (142 ACH credit received, 455 preauthorized ACH debit, …).
    pub type_code: u16,
    /// The amount: never negative; the type code says credit or debit.
    pub amount: Money,
    /// The funds type code as written: `0`, `1`, `2` (available in that many days), `Z`
    /// (unknown), `S`, `V`, `D` (distributed, value dated, detailed distribution: their extra
    /// fields are checked, not kept), or empty when blank.
    pub funds_type: String,
    /// The bank's reference.
    pub bank_reference: String,
    /// The customer's reference (for a payment we originated, ours).
    pub customer_reference: String,
    /// The free text, continuations joined by a space, surrounding spaces trimmed.
    pub text: String,
    /// The line of its `16` record.
    pub line: usize,
}

impl Transaction {
    /// True for a credit (detail type codes 100–399): money came in.
    pub fn is_credit(&self) -> bool {
        (100..=399).contains(&self.type_code)
    }

    /// True for a debit (detail type codes 400–699): money went out. Loan (700s) and
    /// non-monetary (890s) codes are neither.
    pub fn is_debit(&self) -> bool {
        (400..=699).contains(&self.type_code)
    }
}

/// Why a BAI2 file was refused: the line (1-based), and what is wrong there.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Bai2Error {
    /// The bytes are not UTF-8 text.
    #[error("line {line}: the file is not text (its bytes are not UTF-8)")]
    NotText {
        /// The line.
        line: usize,
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
        /// The field.
        field: &'static str,
        /// What is wrong.
        message: String,
    },
    /// A trailer's control total or count does not match what it closes.
    #[error("line {line}: {what} is {stated}, but {counted} {actual}")]
    Control {
        /// The line of the trailer.
        line: usize,
        /// Which total, as people say it.
        what: &'static str,
        /// As stated.
        stated: String,
        /// What was counted instead.
        counted: &'static str,
        /// As counted.
        actual: String,
    },
}

impl Bai2Error {
    /// The line (1-based) the error names.
    pub fn line(&self) -> usize {
        match self {
            Bai2Error::NotText { line }
            | Bai2Error::Structure { line, .. }
            | Bai2Error::Field { line, .. }
            | Bai2Error::Control { line, .. } => *line,
        }
    }
}

#[cfg(test)]
mod tests;

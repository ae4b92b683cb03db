//! NACHA ACH files: writing the files we originate (PPD, WEB and TEL debits, PPD credits
//! refunding borrowers, and the returns of credits we refuse) and reading the files banks
//! send us (returns and notifications of change, and credits paying us: a borrower's bank's
//! bill pay).
//!
//! Every record is 94 characters; a file is a header, batches (header, entries with their
//! addenda, control) and a control, padded with `9` records to a multiple of ten. The entry
//! hash is the sum of the receiving banks' 8-digit identifications, kept to its last ten
//! digits. Invariants: a file we write reads back to the same entries with matching controls;
//! a file whose controls do not add up is refused whole.

pub mod bank;
mod change;
mod credit;
mod read;
mod refuse;
mod returns;
mod write;

pub use change::Corrected;
pub use credit::{
    BillPayCredit, ReceivedCredit, bill_pay_file, is_credit_to_us, received_credits,
    routing_of_bank_id,
};
pub use read::{Correction, Entry, Returned, parse};
pub use refuse::{CreditReturn, Refusal, return_code_of};
pub use returns::{
    MAX_RETRIES, RETRY_WITHIN_DAYS, ReturnAction, may_retry, return_reason, return_words,
};
pub use write::{
    Credit, Debit, Origination, originate, originate_all, originate_with_returns, sample,
    sample_refunds,
};

/// The record length.
pub const RECORD: usize = 94;
/// Records per block.
pub const BLOCKING: usize = 10;

/// The Standard Entry Class of a batch: how the debit was authorized.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Sec {
    /// Prearranged payment with a paper (or equivalent) authorization: AutoPay set up in
    /// writing.
    Ppd,
    /// Authorized on the internet: portal payments and portal AutoPay.
    Web,
    /// Authorized by telephone.
    Tel,
}

impl Sec {
    /// The three letters in the batch header.
    pub fn code(self) -> &'static str {
        match self {
            Sec::Ppd => "PPD",
            Sec::Web => "WEB",
            Sec::Tel => "TEL",
        }
    }
}

/// The kind of account debited.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum AccountKind {
    /// Checking (transaction code 27).
    Checking,
    /// Savings (transaction code 37).
    Savings,
}

impl AccountKind {
    /// The kind of a bank account whose type is written `account_type` (`savings`, else
    /// checking), as payment methods keep it.
    pub fn of_account_type(account_type: &str) -> AccountKind {
        if account_type == "savings" {
            AccountKind::Savings
        } else {
            AccountKind::Checking
        }
    }

    /// The debit transaction code.
    pub fn debit_code(self) -> &'static str {
        match self {
            AccountKind::Checking => "27",
            AccountKind::Savings => "37",
        }
    }

    /// The kind of account a live entry's transaction code names (a notification of change
    /// corrects it by one): credit 22 or debit 27 a checking account, 32 or 37 a savings one.
    pub fn of_transaction_code(code: &str) -> Option<Self> {
        match code {
            "22" | "27" => Some(AccountKind::Checking),
            "32" | "37" => Some(AccountKind::Savings),
            _ => None,
        }
    }

    /// The word a saved bank account's kind is stored as: "checking" or "savings".
    pub fn as_str(self) -> &'static str {
        match self {
            AccountKind::Checking => "checking",
            AccountKind::Savings => "savings",
        }
    }
}

/// True when `text` (surrounding spaces aside) is an account number an entry carries: 1 to 17
/// letters, digits or dashes (the DFI account number field). The file we write refuses any
/// other, and a notification of change giving another is not applied, so that an account it
/// corrects can still be written.
pub fn is_entry_account(text: &str) -> bool {
    let t = text.trim();
    !t.is_empty() && t.len() <= 17 && t.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
}

/// Why a NACHA file was refused: the line (1-based), and what is wrong there.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum NachaError {
    /// A record is not 94 characters.
    #[error("line {line}: a NACHA record is 94 characters; this one has {length}")]
    RecordLength {
        /// The line.
        line: usize,
        /// Its length.
        length: usize,
    },
    /// Not ASCII text.
    #[error("line {line}: the file has a character that is not plain ASCII")]
    NotAscii {
        /// The line.
        line: usize,
    },
    /// A record where it does not belong, or a missing one.
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
    /// A control record's totals do not match the entries.
    #[error("line {line}: {what} is {stated} but the entries add up to {actual}")]
    Control {
        /// The line of the control record.
        line: usize,
        /// Which total.
        what: &'static str,
        /// As stated.
        stated: String,
        /// As counted.
        actual: String,
    },
    /// The file is empty.
    #[error("the file is empty")]
    Empty,
}

/// The entry hash of banks' 8-digit identifications: their sum, last ten digits.
pub fn entry_hash(bank_ids: impl IntoIterator<Item = u64>) -> u64 {
    bank_ids
        .into_iter()
        .fold(0, |h, id| (h + id) % 10_000_000_000)
}

#[cfg(test)]
mod tests;

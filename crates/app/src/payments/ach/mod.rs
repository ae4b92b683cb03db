//! The day's ACH debit file, and the return and notification-of-change files the bank sends
//! back.
//!
//! Origination for business date D, in one transaction: make the AutoPay drafts due by D,
//! post every pending bank payment credited by D (history, split, ledger, snapshot), give
//! each a trace number, and record the file. A TEL debit taken at the phone desk goes only
//! once the written notice of its authorization has been sent; until then it is held for a
//! later file, and cancelled, the borrower told, when the notice will not reach them in time
//! (`tel`). The returns of bank bill-pay credits we refuse go in it too (`credits`). Only
//! then is the file written (to a temporary name, then renamed), from the stored rows, so a
//! crash before the commit leaves nothing and a crash after it writes the file on the next
//! run. Originating D again finds the file recorded and leaves the written file as it is:
//! never a second debit.
//!
//! A return file is read whole first and refused whole, naming the line, with nothing changed
//! (no payment reversed, the file not recorded as read) unless it is exactly right: every
//! record and control (the reader), and every entry a return or notification of change naming
//! the trace number of a payment we sent in a file, a return for that payment's amount, or a
//! credit paying us (a borrower's bank's bill pay: posted, queued for staff or refused, by
//! `credits`). It is recognised by its digest (read twice, it changes nothing), and each
//! return reverses its payment through the replay as of today, so every later payment is
//! re-split. What each return reason calls for is [`nacha::ReturnAction`]: R01/R09 are
//! retried at most twice within 180 days ("RETRY PYMT"); R02/R03/R04 stop the AutoPay;
//! R05/R07/R10/R29 stop it and require a new authorization; the borrower is told.
//! Notifications of change correct the saved account ([`nacha::Corrected`]).
//!
//! The modules: `originate` makes the day's file, `tel` decides whether a TEL debit by phone
//! goes in it by its written notice, `returns` reads return files and applies returns and
//! notifications of change, `credits` receives bank bill-pay credits and returns those we
//! refuse, `drafts` makes the AutoPay drafts and their notices (`split_drafts` those of AutoPay
//! twice a month or every other week), `sweep` reads what arrives in
//! the inbound folder. This one holds what they share: the settings and the errors.

mod credits;
mod drafts;
mod originate;
mod returns;
mod split_drafts;
mod sweep;
mod tel;

pub use credits::{CreditsRead, STALE_DAYS};
pub use originate::Originated;
pub use returns::ReturnsRead;
pub use tel::TEL_NOTICE_WAIT_DAYS;

use super::PaymentError;
use formats::nacha;
use jiff::civil::Date;
use std::path::PathBuf;
use store::StoreError;

/// Who we are to our bank, and where the files go (`[payments.ach]` in the configuration).
#[derive(Clone, Debug, PartialEq, Eq, serde::Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct AchSettings {
    /// Our bank's routing number (the ODFI, the file's immediate destination).
    pub odfi: String,
    /// Our bank's name.
    pub odfi_name: String,
    /// The immediate origin our bank assigned (10 characters).
    pub immediate_origin: String,
    /// Our name as the origin.
    pub origin_name: String,
    /// Our name on borrowers' bank statements (16 characters).
    pub company_name: String,
    /// Our company identification (10 characters).
    pub company_id: String,
    /// Where originated files are written.
    pub outbound_dir: PathBuf,
    /// Where the bank's return and NOC files arrive (watched by every worker).
    pub inbound_dir: PathBuf,
}

impl Default for AchSettings {
    /// Demo values (a real deployment sets every one from its bank's agreement).
    fn default() -> Self {
        AchSettings {
            odfi: "021000021".into(),
            odfi_name: "DEMO ODFI BANK".into(),
            immediate_origin: "1234567890".into(),
            origin_name: "SERVICER DEMO LENDING".into(),
            company_name: "SERVICER DEMO".into(),
            company_id: "1234567890".into(),
            outbound_dir: PathBuf::from("ach/outbound"),
            inbound_dir: PathBuf::from("ach/inbound"),
        }
    }
}

/// Why origination or a return file failed.
#[derive(Debug, thiserror::Error)]
pub enum AchError {
    /// The date is after the business date.
    #[error("{date} is after the business date {today}: a file is made on or after its day")]
    Future {
        /// Asked for.
        date: Date,
        /// The business date.
        today: Date,
    },
    /// A configuration value is wrong.
    #[error("ACH configuration: {0}")]
    Config(String),
    /// The file does not add up or is not a NACHA file; nothing was changed.
    #[error("the file was refused and nothing was changed: {0}")]
    Refused(#[from] nacha::NachaError),
    /// A return file's entry is not a return or notification of change of a payment we sent,
    /// or a return is not for the amount we sent; the whole file was refused, nothing changed.
    #[error("the file was refused and nothing was changed: line {line}: {reason}")]
    Unmatched {
        /// The line of the entry (or of its addenda, for the trace number).
        line: usize,
        /// What does not match.
        reason: String,
    },
    /// A sealed account number could not be opened (a missing key).
    #[error("cannot open the bank account of payment {0}: is its key configured?")]
    Sealed(i64),
    /// Writing the file failed.
    #[error("writing {path}: {error}")]
    Io {
        /// Where.
        path: String,
        /// Why.
        error: std::io::Error,
    },
    /// The store failed.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// A payment step failed.
    #[error(transparent)]
    Payment(#[from] PaymentError),
}

impl AchError {
    /// Why a file was refused ("line 4, return reason code: …"), for the operator; none when
    /// reading failed for another reason (the database), so the file is read again later.
    pub fn refusal(&self) -> Option<String> {
        match self {
            AchError::Refused(e) => Some(e.to_string()),
            AchError::Unmatched { line, reason } => Some(format!("line {line}: {reason}")),
            _ => None,
        }
    }
}

/// A return as the borrower reads it: the reason in plain words, then the bank's code
/// ("insufficient funds (R01)"); for a payment staff reversed or moved (its row keeps the
/// reason's code, [`crate::servicing::WhyReversed`]), the reason in plain words.
pub fn return_words(code: &str) -> String {
    match crate::servicing::WhyReversed::parse(code) {
        Some(why) => why.describe().to_owned(),
        None => formats::nacha::return_words(code),
    }
}

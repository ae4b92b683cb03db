//! Double-entry bookkeeping for loans: the chart of accounts, journal entries that cannot be
//! built unbalanced, one posting rule per business event, and a trial balance.
//!
//! Lines are positive amounts with an explicit side. Corrections are reversing entries, never
//! edits (see docs/accounting.md).

mod entry;
mod rules;
mod trial_balance;

pub use entry::{Account, EntryKind, JournalEntry, LedgerError, Line, Side};
pub use rules::{
    bank_credit, bank_debit, boarding, disbursement, for_event, remittance_held,
    remittance_released, remittance_returned, restate,
};
pub use rules::{refund_returned, refund_sent};
pub use trial_balance::TrialBalance;

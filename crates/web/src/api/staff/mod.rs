//! The staff API under `/api/v1`: what the console does, for a lender's own systems, with a
//! token whose scopes say what it may do (`read`: search and account views, message threads;
//! `service`: notes and replies to secure messages, servicing actions on a loan (through four
//! eyes), deciding requests for approval; `payments`: resolving lockbox items, and payments by
//! phone for the agent on the call).

pub mod accounts;
pub mod approvals;
pub mod due_date;
pub mod messages;
pub mod phone_payments;
pub mod refunds;
pub mod remittances;
pub mod search;
pub mod servicing;

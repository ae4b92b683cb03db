//! Servicer's domain: pure loan-servicing rules over values and a business date.
//!
//! No clock, no I/O, no floating point. The business date is always passed in. Each module
//! owns one rule set and its error enum; see docs/ for the rules in prose.

pub mod access;
pub mod account_number;
pub mod accrual;
pub mod address;
pub mod approval;
pub mod apr;
pub mod autopay;
pub mod bank_account;
pub mod calendar;
pub mod cycle;
pub mod delinquency;
pub mod disclosure;
pub mod due_date;
pub mod fees;
pub mod headline;
pub mod identity;
pub mod ledger;
pub mod loan;
pub mod messages;
pub mod nickname;
pub mod notes;
pub mod notices;
pub mod payment;
pub mod payoff;
pub mod phone;
pub mod product;
pub mod reconcile;
pub mod remittance;
pub mod routing_number;
pub mod schedule;
pub mod search;
pub mod verification;
mod vocabulary;
pub mod what_if;

pub use money;

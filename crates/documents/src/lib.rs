//! Documents Servicer issues, rendered from figures the app computed: the monthly statement
//! (PDF here; the portal draws the same figures as HTML), a loan's payment history (CSV and
//! PDF) with its year-end summaries (`history`), the payoff and paid-in-full letters
//! (`letters`), and the documents center's others: the Truth in Lending disclosure (`tila`),
//! the notice of servicing transfer (`transfer`) and an AutoPay authorization as agreed
//! (`autopay`), each with the words its page shows too. Every PDF is tagged for screen
//! readers (ADR 0030). Each is rendered in the language its reader reads ([`Lang`]: every
//! word from `crates/i18n/locales/<lang>/documents.ftl`, dates as the language writes them,
//! the PDF's `/Lang` to match). Pure: no clock, no I/O, no floats in any amount (page
//! coordinates are whole points).

pub mod autopay;
pub mod history;
pub mod letters;
mod pdf;
pub mod statement;
pub mod tila;
pub mod transfer;

pub use i18n::Lang;
pub use statement::{ActivityLine, Reconciliation, Statement, Unreconciled};

use jiff::civil::Date;
use std::borrow::Borrow;

/// A date as English readers read it: `December 1, 2026`. Takes a date or a reference to
/// one. The documents themselves write dates in their reader's language
/// (`i18n::long_date(lang, d)`); this is for the English callers (the console, the app's
/// English words).
pub fn long_date(d: impl Borrow<Date>) -> String {
    d.borrow().strftime("%B %-d, %Y").to_string()
}

/// A date in a column of figures as English readers read it: `12/01/2026` (the console's
/// tables). The statement's activity writes it in its reader's language
/// (`i18n::short_date(lang, d)`: "1 dic 2026" in Spanish).
pub fn short_date(d: impl Borrow<Date>) -> String {
    i18n::short_date(Lang::En, *d.borrow())
}

/// Money as whole cents in JSON (exact, and what the rest of Servicer stores).
mod serde_money {
    use money::Money;
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(m: &Money, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_i64(m.cents())
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Money, D::Error> {
        i64::deserialize(d).map(Money::from_cents)
    }
}

/// A date as ISO text in JSON.
mod serde_date {
    use jiff::civil::Date;
    use serde::{Deserialize, Deserializer, Serializer, de::Error};

    pub fn serialize<S: Serializer>(d: &Date, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(d)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Date, D::Error> {
        String::deserialize(d)?.parse().map_err(D::Error::custom)
    }
}

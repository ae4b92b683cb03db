//! Who the servicer is, as borrowers see it: the name, phone numbers, hours and payment
//! addresses printed on pages, notices and statements. Set in configuration.

use serde::{Deserialize, Serialize};

/// The servicer's public facts, shown on the landing and Help pages.
#[derive(Clone, Debug, Deserialize, Serialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct ServicerInfo {
    /// The name borrowers know.
    pub name: String,
    /// Customer service phone.
    pub phone: String,
    /// Pay-by-phone line (debit card).
    pub pay_by_phone: String,
    /// When the phones are answered.
    pub hours: String,
    /// Where mailed payments go (the lockbox), one line per address line.
    pub lockbox_address: Vec<String>,
    /// Overnight / courier payment address, one line per address line.
    pub overnight_address: Vec<String>,
    /// Customer service email.
    pub email: String,
    /// The portal's public address, for links in messages (no trailing slash).
    pub website: String,
}

impl Default for ServicerInfo {
    /// Demo values (every number is in the 555 range; the addresses are examples).
    fn default() -> Self {
        ServicerInfo {
            name: "Servicer Demo Lending".into(),
            phone: "1-800-555-0142".into(),
            pay_by_phone: "1-800-555-0143".into(),
            hours: "Monday to Friday 8 a.m. to 8 p.m., Saturday 9 a.m. to 1 p.m. Eastern".into(),
            lockbox_address: vec![
                "Servicer Demo Lending".into(),
                "PO Box 4410".into(),
                "Chicago, IL 60680-4410".into(),
            ],
            overnight_address: vec![
                "Servicer Demo Lending, Lockbox 4410".into(),
                "540 W Madison St, 4th Floor".into(),
                "Chicago, IL 60661".into(),
            ],
            email: "help@servicer.example".into(),
            website: "http://127.0.0.1:8080".into(),
        }
    }
}

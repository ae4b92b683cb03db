//! Documents Servicer issues, rendered from figures the app computed: the monthly statement
//! (PDF here; the portal draws the same figures as HTML). Pure: no clock, no I/O, no floats
//! in any amount (page coordinates are whole points).

mod pdf;
pub mod statement;

pub use statement::{ActivityLine, Statement};

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

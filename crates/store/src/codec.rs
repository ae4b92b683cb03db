//! Conversions between domain values and their stored forms, in one place.

use crate::StoreError;
use jiff::civil::Date;
use money::Money;

/// A business date as stored (ISO text).
pub fn date_text(date: Date) -> String {
    date.to_string()
}

/// A stored business date.
pub fn parse_date(table: &'static str, text: &str) -> Result<Date, StoreError> {
    text.parse().map_err(|_| StoreError::Corrupt {
        table,
        detail: format!("date {text:?}"),
    })
}

/// Optional cents.
pub fn money_opt(cents: Option<i64>) -> Option<Money> {
    cents.map(Money::from_cents)
}

/// A stored count that must fit a smaller integer.
pub fn narrow<T: TryFrom<i64>>(table: &'static str, value: i64) -> Result<T, StoreError> {
    T::try_from(value).map_err(|_| StoreError::Corrupt {
        table,
        detail: format!("value {value} out of range"),
    })
}

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

/// A stored word of one of the domain's vocabularies (a payment's status, a login's second
/// factor…) read with that vocabulary's `parse`: a text it does not know is a corrupt row.
pub fn parse_vocabulary<T>(
    table: &'static str,
    column: &str,
    text: &str,
    parse: fn(&str) -> Option<T>,
) -> Result<T, StoreError> {
    parse(text).ok_or_else(|| StoreError::Corrupt {
        table,
        detail: format!("{column} {text:?} is not a known value"),
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

/// Appends an id list to `q` for `IN` (the close-of-business reads of a chunk's loans or
/// borrowers). On SQLite the list is one bound JSON array read by `json_each`, so the SQL
/// is the same whatever the count and its prepared statement is reused: a hundred bound
/// ids made a new statement to prepare for every chunk. On PostgreSQL each id is bound.
pub(crate) fn push_ids<DB: sqlx::Database>(
    q: &mut sqlx::QueryBuilder<DB>,
    ids: impl IntoIterator<Item = i64>,
) where
    for<'t> i64: sqlx::Encode<'t, DB> + sqlx::Type<DB>,
    for<'t> String: sqlx::Encode<'t, DB> + sqlx::Type<DB>,
{
    if DB::NAME == "SQLite" {
        let ids: Vec<String> = ids.into_iter().map(|id| id.to_string()).collect();
        q.push("(SELECT value FROM json_each(");
        q.push_bind(format!("[{}]", ids.join(",")));
        q.push("))");
        return;
    }
    q.push("(");
    let mut list = q.separated(", ");
    for id in ids {
        list.push_bind(id);
    }
    q.push(")");
}

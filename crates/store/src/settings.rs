//! Key/value settings (the business date, the demo key id, …).

use crate::{Store, StoreError, on_pool};
use sqlx::Row;

impl Store {
    /// Sets `key` to `value` (insert or replace).
    pub async fn put_setting(&self, key: &str, value: &str) -> Result<(), StoreError> {
        on_pool!(self, pool => {
            sqlx::query(
                "INSERT INTO settings (key, value) VALUES ($1, $2)
                 ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            )
            .bind(key)
            .bind(value)
            .execute(pool)
            .await?;
        });
        Ok(())
    }

    /// The value of `key`, if set.
    pub async fn setting(&self, key: &str) -> Result<Option<String>, StoreError> {
        let row = on_pool!(self, pool => sqlx::query("SELECT value FROM settings WHERE key = $1")
            .bind(key)
            .fetch_optional(pool)
            .await?
            .map(|r| r.try_get::<String, _>("value"))
            .transpose()?);
        Ok(row)
    }
}

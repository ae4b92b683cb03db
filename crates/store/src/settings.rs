//! Key/value settings (the business date, the demo marker, the last audit verification, …).

use crate::tx::on_tx;
use crate::{Store, StoreError, Tx, on_pool};
use sqlx::Row;

impl Tx {
    /// Sets `key` to `value` (insert or replace) in this transaction.
    pub async fn put_setting(&mut self, key: &str, value: &str) -> Result<(), StoreError> {
        on_tx!(self, c => sqlx::query(
            "INSERT INTO settings (key, value) VALUES ($1, $2)
             ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        )
        .bind(key)
        .bind(value)
        .execute(&mut *c)
        .await?
        .rows_affected());
        Ok(())
    }
}

impl Store {
    /// Sets `key` to `value` in its own transaction.
    pub async fn put_setting(&self, key: &str, value: &str) -> Result<(), StoreError> {
        let mut tx = self.begin().await?;
        tx.put_setting(key, value).await?;
        tx.commit().await
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

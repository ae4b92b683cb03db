//! Boarding batches already taken, by the SHA-256 of the file: boarding a file twice finds it
//! here and changes nothing.

use crate::codec::{date_text, parse_date};
use crate::tx::on_tx;
use crate::{StoreError, Tx};
use jiff::civil::Date;
use sqlx::Row;

impl Tx {
    /// The batch boarded from a file with this digest: (loans, business date), if any.
    pub async fn boarding_batch(
        &mut self,
        file_sha256: &str,
    ) -> Result<Option<(i64, Date)>, StoreError> {
        on_tx!(self, c => sqlx::query("SELECT loans, boarded_on FROM boarding_batches WHERE file_sha256 = $1")
            .bind(file_sha256)
            .fetch_optional(&mut *c)
            .await?
            .map(|r| Ok((r.try_get("loans")?, parse_date("boarding_batches", &r.try_get::<String, _>("boarded_on")?)?)))
            .transpose())
    }

    /// Records a boarded file.
    pub async fn record_boarding_batch(
        &mut self,
        file_sha256: &str,
        loans: i64,
        on: Date,
        now_us: i64,
    ) -> Result<(), StoreError> {
        on_tx!(self, c => sqlx::query("INSERT INTO boarding_batches (file_sha256, loans, boarded_on, created_at_us) VALUES ($1, $2, $3, $4)")
            .bind(file_sha256)
            .bind(loans)
            .bind(date_text(on))
            .bind(now_us)
            .execute(&mut *c)
            .await?
            .rows_affected());
        Ok(())
    }
}

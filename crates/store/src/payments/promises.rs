//! What the review of a payment scheduled for a later date promised the borrower (what it does
//! to the payments not yet due on its credit date), kept with the payment; the payments whose
//! promise close of business checks the night before their credit date; and what the borrower
//! was told instead when it no longer held (migration 0036).

use super::{COLUMNS, Payment, PaymentId, payment, promise_columns};
use crate::codec::date_text;
use crate::tx::on_tx;
use crate::{StoreError, Tx};
use domain::payment::Promise;
use jiff::civil::Date;

impl Tx {
    /// Keeps what the review of scheduled payment `id` promised.
    pub async fn set_promise(&mut self, id: PaymentId, promise: Promise) -> Result<(), StoreError> {
        let (cents, due) = promise_columns(promise);
        on_tx!(self, c => sqlx::query(
            "UPDATE payments SET promised_ahead_cents = $2, promised_ahead_due = $3 WHERE id = $1 AND status = 'scheduled'",
        )
        .bind(id.0).bind(cents).bind(due.map(date_text))
        .execute(&mut *c).await?.rows_affected());
        Ok(())
    }

    /// The payments still scheduled for `credit_date` whose review's promise was kept and has
    /// not been found broken yet, in id order.
    pub async fn promised_payments_due(
        &mut self,
        credit_date: Date,
    ) -> Result<Vec<Payment>, StoreError> {
        let sql = format!(
            "SELECT {COLUMNS} FROM payments WHERE status = 'scheduled' AND credit_date = $1
             AND promised_ahead_cents IS NOT NULL AND promise_changed IS NULL ORDER BY id"
        );
        on_tx!(self, c => sqlx::query(sqlx::AssertSqlSafe(sql)).bind(date_text(credit_date)).fetch_all(&mut *c).await?.iter().map(payment).collect())
    }

    /// Records what the borrower was told of payment `id` instead of its review's promise.
    pub async fn record_promise_changed(
        &mut self,
        id: PaymentId,
        told: &str,
        now_us: i64,
    ) -> Result<(), StoreError> {
        on_tx!(self, c => sqlx::query("UPDATE payments SET promise_changed = $2, updated_at_us = $3 WHERE id = $1")
            .bind(id.0).bind(told).bind(now_us).execute(&mut *c).await?.rows_affected());
        Ok(())
    }
}

//! Bank payments going out in the ACH file of a business date and coming back returned.

use super::{COLUMNS, Payment, PaymentId, payment};
use crate::codec::date_text;
use crate::tx::on_tx;
use crate::{StoreError, Tx};
use jiff::civil::Date;
use sqlx::Row;

impl Tx {
    /// The account a payment taken by phone debits (none for a saved method's payment).
    pub async fn payment_bank(
        &mut self,
        id: PaymentId,
    ) -> Result<Option<crate::BankDetails>, StoreError> {
        on_tx!(self, c => sqlx::query(
            "SELECT bank_holder, bank_routing, bank_account_type, bank_account_enc, bank_key_id FROM payments WHERE id = $1 AND bank_routing IS NOT NULL",
        )
        .bind(id.0).fetch_optional(&mut *c).await?
        .map(|r| Ok(crate::BankDetails {
            holder_name: r.try_get::<Option<String>, _>("bank_holder")?.unwrap_or_default(),
            routing_number: r.try_get::<Option<String>, _>("bank_routing")?.unwrap_or_default(),
            account_type: r.try_get::<Option<String>, _>("bank_account_type")?.unwrap_or_default(),
            sealed_account: (r.try_get::<Option<String>, _>("bank_key_id")?.unwrap_or_default(), r.try_get::<Option<Vec<u8>>, _>("bank_account_enc")?.unwrap_or_default()),
        }))
        .transpose())
    }

    /// The payment an ACH trace number belongs to.
    pub async fn payment_by_trace(&mut self, trace: &str) -> Result<Option<Payment>, StoreError> {
        let sql = format!("SELECT {COLUMNS} FROM payments WHERE trace_number = $1");
        on_tx!(self, c => sqlx::query(sqlx::AssertSqlSafe(sql)).bind(trace).fetch_optional(&mut *c).await?.map(|r| payment(&r)).transpose())
    }

    /// Bank payments to send in the file of `date`: scheduled, credited on or before it, not
    /// yet in a file; in id order.
    pub async fn payments_to_originate(&mut self, date: Date) -> Result<Vec<Payment>, StoreError> {
        let sql = format!(
            "SELECT {COLUMNS} FROM payments WHERE status = 'scheduled' AND rail = 'ach' AND credit_date <= $1
             AND ach_file_date IS NULL ORDER BY id"
        );
        on_tx!(self, c => sqlx::query(sqlx::AssertSqlSafe(sql)).bind(date_text(date)).fetch_all(&mut *c).await?.iter().map(payment).collect())
    }

    /// The payments that went out in the file of `date`, in id order.
    pub async fn payments_in_file(&mut self, date: Date) -> Result<Vec<Payment>, StoreError> {
        let sql = format!("SELECT {COLUMNS} FROM payments WHERE ach_file_date = $1 ORDER BY id");
        on_tx!(self, c => sqlx::query(sqlx::AssertSqlSafe(sql)).bind(date_text(date)).fetch_all(&mut *c).await?.iter().map(payment).collect())
    }

    /// Puts a payment in the file of `date` under `trace`.
    pub async fn assign_trace(
        &mut self,
        id: PaymentId,
        date: Date,
        trace: &str,
        now_us: i64,
    ) -> Result<(), StoreError> {
        on_tx!(self, c => sqlx::query("UPDATE payments SET ach_file_date = $2, trace_number = $3, updated_at_us = $4 WHERE id = $1")
            .bind(id.0).bind(date_text(date)).bind(trace).bind(now_us).execute(&mut *c).await?.rows_affected());
        Ok(())
    }

    /// Marks a posted payment returned on business date `on` with the bank's reason code.
    pub async fn mark_returned(
        &mut self,
        id: PaymentId,
        code: &str,
        on: Date,
        now_us: i64,
    ) -> Result<(), StoreError> {
        on_tx!(self, c => sqlx::query("UPDATE payments SET status = 'returned', return_code = $2, returned_on = $3, updated_at_us = $4 WHERE id = $1")
            .bind(id.0).bind(code).bind(date_text(on)).bind(now_us).execute(&mut *c).await?.rows_affected());
        Ok(())
    }

    /// Retries already made of a returned payment (and its retries) since `since`.
    pub async fn retries_of(&mut self, first: PaymentId) -> Result<i64, StoreError> {
        on_tx!(self, c => sqlx::query("SELECT COUNT(*) AS n FROM payments WHERE retry_of = $1")
            .bind(first.0).fetch_one(&mut *c).await.and_then(|r| r.try_get::<i64, _>("n")).map_err(StoreError::from))
    }

    /// When the file of `date` was first made (its header's creation time).
    pub async fn ach_file_created(&mut self, date: Date) -> Result<i64, StoreError> {
        on_tx!(self, c => sqlx::query("SELECT created_at_us FROM ach_files WHERE file_date = $1")
            .bind(date_text(date)).fetch_one(&mut *c).await?.try_get("created_at_us").map_err(StoreError::from))
    }
}

//! Agents' checks of callers' identity: each attempt (who, which borrower, passed or not,
//! when), never what the caller answered. The rules (how long a pass lasts, how many failures
//! make an agent wait) are `domain::verification`'s; this keeps the attempts they count.

use crate::tx::on_tx;
use crate::{BorrowerId, StaffId, Store, StoreError, Tx, on_pool};
use sqlx::Row;

impl Tx {
    /// Takes the turn at checking callers of `borrower`: on PostgreSQL the borrower's row
    /// stays locked until the transaction ends, so two attempts at once, by one agent or two,
    /// are counted one after the other (SQLite's one writer already takes them in turn). The
    /// statement changes nothing.
    pub async fn lock_caller_checks(&mut self, borrower: BorrowerId) -> Result<(), StoreError> {
        on_tx!(self, c => sqlx::query("UPDATE borrowers SET zip = zip WHERE id = $1")
            .bind(borrower.0).execute(&mut *c).await?.rows_affected());
        Ok(())
    }

    /// When the failed attempts at verifying a caller of `borrower` were made, by any staff
    /// user, those since `since_us`.
    pub async fn failed_caller_checks_since(
        &mut self,
        borrower: BorrowerId,
        since_us: i64,
    ) -> Result<Vec<i64>, StoreError> {
        on_tx!(self, c => sqlx::query(
            "SELECT at_us FROM caller_verifications
             WHERE borrower_id = $1 AND passed = 0 AND at_us > $2 ORDER BY at_us",
        )
        .bind(borrower.0).bind(since_us)
        .fetch_all(&mut *c).await?.iter()
        .map(|r| Ok(r.try_get::<i64, _>("at_us")?))
        .collect())
    }

    /// Records one attempt.
    pub async fn record_caller_check(
        &mut self,
        staff: StaffId,
        borrower: BorrowerId,
        passed: bool,
        now_us: i64,
    ) -> Result<(), StoreError> {
        on_tx!(self, c => sqlx::query(
            "INSERT INTO caller_verifications (staff_id, borrower_id, passed, at_us) VALUES ($1, $2, $3, $4)",
        )
        .bind(staff.0).bind(borrower.0).bind(i64::from(passed)).bind(now_us)
        .execute(&mut *c).await?.rows_affected());
        Ok(())
    }
}

impl Store {
    /// `staff`'s latest pass for a caller of `borrower` made after `since_us`, with the staff
    /// user's name: (name, when).
    pub async fn latest_caller_pass(
        &self,
        staff: StaffId,
        borrower: BorrowerId,
        since_us: i64,
    ) -> Result<Option<(String, i64)>, StoreError> {
        on_pool!(self, pool => sqlx::query(
            "SELECT s.name, v.at_us FROM caller_verifications v JOIN staff_users s ON s.id = v.staff_id
             WHERE v.staff_id = $1 AND v.borrower_id = $2 AND v.passed = 1 AND v.at_us > $3
             ORDER BY v.at_us DESC LIMIT 1",
        )
        .bind(staff.0).bind(borrower.0).bind(since_us)
        .fetch_optional(pool).await?
        .map(|r| Ok((r.try_get::<String, _>("name")?, r.try_get::<i64, _>("at_us")?)))
        .transpose())
    }
}

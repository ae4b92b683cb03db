//! Posting: the per-loan lock a posting takes, the history read under it, and a payment
//! marked posted (or written posted) with its split.

use super::{NewPayment, PaymentId, Split};
use crate::codec::{date_text, parse_date, parse_vocabulary};
use crate::history::extra_text;
use crate::tx::on_tx;
use crate::{LoanId, StoreError, Tx};
use domain::loan::{LoanStatus, TxnId};
use jiff::civil::Date;
use sqlx::Row;

impl Tx {
    /// Locks a loan for a posting, then reads its history: the business date its books were
    /// last brought to, and every transaction in (date, id) order.
    ///
    /// Two statements on purpose. On PostgreSQL a locking read that also joined the history
    /// (one round trip) rechecked only the locked snapshot row once the lock was granted; the
    /// joined transactions came from the statement's snapshot, taken before the wait, so a
    /// payment committed while we waited was missing from the replay and the stored balance
    /// drifted from the ledger (issue 17). The history is read by a statement that starts
    /// after the lock is held, so it sees every posting committed before ours.
    pub async fn lock_loan_with_history(
        &mut self,
        loan: LoanId,
    ) -> Result<(Date, Vec<domain::loan::Transaction>), StoreError> {
        let as_of = self.lock_loan(loan).await?;
        Ok((as_of, self.history(loan).await?))
    }

    /// Locks a loan for a posting (other postings to it wait; SQLite's single writer already
    /// serialises them) and returns the business date its books were last brought to.
    pub async fn lock_loan(&mut self, loan: LoanId) -> Result<Date, StoreError> {
        let as_of: Option<String> = match self {
            Tx::Sqlite(t) => sqlx::query("SELECT as_of FROM loan_snapshots WHERE loan_id = $1")
                .bind(loan.0)
                .fetch_optional(&mut **t)
                .await?
                .map(|r| r.try_get("as_of"))
                .transpose()?,
            Tx::Postgres(t) => {
                sqlx::query("SELECT as_of FROM loan_snapshots WHERE loan_id = $1 FOR UPDATE")
                    .bind(loan.0)
                    .fetch_optional(&mut **t)
                    .await?
                    .map(|r| r.try_get("as_of"))
                    .transpose()?
            }
        };
        let as_of = as_of.ok_or_else(|| StoreError::NotFound {
            what: format!("snapshot of loan {}", loan.0),
        })?;
        parse_date("loan_snapshots", &as_of)
    }

    /// A loan's status as of its snapshot (`None` for a loan without one).
    pub async fn loan_status(&mut self, loan: LoanId) -> Result<Option<LoanStatus>, StoreError> {
        let text: Option<String> = on_tx!(self, c => sqlx::query("SELECT status FROM loan_snapshots WHERE loan_id = $1")
            .bind(loan.0).fetch_optional(&mut *c).await?.map(|r| r.try_get("status")).transpose()?);
        text.map(|t| parse_vocabulary("loan_snapshots", "status", &t, LoanStatus::parse))
            .transpose()
    }

    /// Records a payment already posted as history transaction `txn` with its split (staff
    /// payments, posted before their row is written).
    pub async fn insert_posted_payment(
        &mut self,
        p: &NewPayment,
        txn: TxnId,
        split: Split,
        now_us: i64,
    ) -> Result<PaymentId, StoreError> {
        let txn = i64::try_from(txn.0).map_err(|_| StoreError::Corrupt {
            table: "loan_transactions",
            detail: "id out of range".into(),
        })?;
        let id = on_tx!(self, c => sqlx::query(
            "INSERT INTO payments (confirmation, loan_id, login_id, method_id, autopay_id, installment_number, retry_of,
               channel, rail, amount_cents, extra_to, credit_date, status, card_authorization, decline_reason, created_at_us, updated_at_us,
               txn_id, split_fees_cents, split_interest_cents, split_principal_cents, split_unapplied_cents, actor, client_ip)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, 'posted', $13, $14, $15, $15, $16, $17, $18, $19, $20, $21, $22) RETURNING id",
        )
        .bind(&p.confirmation).bind(p.loan.0).bind(p.login.map(|l| l.0)).bind(p.method.map(|m| m.0))
        .bind(p.autopay.map(|a| a.0)).bind(p.installment.map(i64::from)).bind(p.retry_of.map(|r| r.0))
        .bind(p.channel.as_str()).bind(p.rail.as_str()).bind(p.amount.cents()).bind(extra_text(p.extra))
        .bind(date_text(p.credit_date)).bind(&p.card_authorization).bind(&p.decline_reason).bind(now_us)
        .bind(txn).bind(split.fees.cents()).bind(split.interest.cents()).bind(split.principal.cents()).bind(split.unapplied.cents())
        .bind(&p.actor).bind(&p.client_ip)
        .fetch_one(&mut *c).await?.try_get::<i64, _>("id")?);
        Ok(PaymentId(id))
    }

    /// Marks a payment posted as history transaction `txn` with its split.
    pub async fn mark_posted(
        &mut self,
        id: PaymentId,
        txn: TxnId,
        split: Split,
        now_us: i64,
    ) -> Result<(), StoreError> {
        let txn = i64::try_from(txn.0).map_err(|_| StoreError::Corrupt {
            table: "loan_transactions",
            detail: "id out of range".into(),
        })?;
        on_tx!(self, c => sqlx::query(
            "UPDATE payments SET status = 'posted', txn_id = $2, split_fees_cents = $3, split_interest_cents = $4,
               split_principal_cents = $5, split_unapplied_cents = $6, updated_at_us = $7 WHERE id = $1",
        )
        .bind(id.0).bind(txn).bind(split.fees.cents()).bind(split.interest.cents())
        .bind(split.principal.cents()).bind(split.unapplied.cents()).bind(now_us)
        .execute(&mut *c).await?.rows_affected());
        Ok(())
    }

    /// Records the split a scheduled payment is expected to have (shown on its receipt until
    /// it posts and the real split replaces it).
    pub async fn set_expected_split(
        &mut self,
        id: PaymentId,
        split: Split,
    ) -> Result<(), StoreError> {
        on_tx!(self, c => sqlx::query(
            "UPDATE payments SET split_fees_cents = $2, split_interest_cents = $3, split_principal_cents = $4, split_unapplied_cents = $5
             WHERE id = $1 AND status = 'scheduled'",
        )
        .bind(id.0).bind(split.fees.cents()).bind(split.interest.cents()).bind(split.principal.cents()).bind(split.unapplied.cents())
        .execute(&mut *c).await?.rows_affected());
        Ok(())
    }
}

//! What the supervisors' worklist of bank debits taken by phone that never went to the bank
//! reads (issue 19): the debits by phone cancelled lately, found through the evidence of their
//! authorization (one row per authorization by phone) with their loan and borrower, and the
//! audit records that say why each was cancelled, read through the audit log's subject index
//! (the records of those borrowers only), never by a scan of the whole log.

use crate::audit::record;
use crate::codec::parse_date;
use crate::{AuditRecord, BorrowerId, PaymentId, Store, StoreError, on_pool};
use jiff::civil::Date;
use money::Money;
use sqlx::{QueryBuilder, Row};

/// A bank debit taken by phone on a call not recorded (a TEL entry that waits for its written
/// notice), cancelled before it went to the bank.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CancelledPhoneDebit {
    /// The payment.
    pub payment: PaymentId,
    /// Its confirmation number.
    pub confirmation: String,
    /// The borrower who authorized it.
    pub borrower: BorrowerId,
    /// Their name as on file.
    pub borrower_name: String,
    /// The loan's account number, as stored.
    pub account_number: String,
    /// The amount.
    pub amount: Money,
    /// The date it was to be credited as of.
    pub credit_date: Date,
    /// When it was cancelled (epoch microseconds).
    pub cancelled_at_us: i64,
}

impl Store {
    /// The bank debits taken by phone on a call not recorded that were cancelled at or after
    /// `since_us`, newest first (at most `limit`): those the day's ACH file cancelled for want
    /// of their written notice, and those cancelled at the borrower's request (the audit log
    /// tells them apart).
    pub async fn cancelled_phone_debits(
        &self,
        since_us: i64,
        limit: i64,
    ) -> Result<Vec<CancelledPhoneDebit>, StoreError> {
        on_pool!(self, pool => sqlx::query(
            "SELECT p.id, p.confirmation, p.amount_cents, p.credit_date, p.updated_at_us,
                    a.borrower_id, b.full_name, l.account_number
             FROM phone_authorizations a
             JOIN payments p ON p.id = a.payment_id
             JOIN loans l ON l.id = p.loan_id
             JOIN borrowers b ON b.id = a.borrower_id
             WHERE a.call_reference IS NULL AND p.status = 'cancelled' AND p.rail = 'ach'
               AND p.updated_at_us >= $1
             ORDER BY p.updated_at_us DESC, p.id DESC
             LIMIT $2",
        )
        .bind(since_us)
        .bind(limit)
        .fetch_all(pool)
        .await?
        .iter()
        .map(|r| -> Result<CancelledPhoneDebit, StoreError> {
            Ok(CancelledPhoneDebit {
                payment: PaymentId(r.try_get("id")?),
                confirmation: r.try_get("confirmation")?,
                borrower: BorrowerId(r.try_get("borrower_id")?),
                borrower_name: r.try_get("full_name")?,
                account_number: r.try_get("account_number")?,
                amount: Money::from_cents(r.try_get("amount_cents")?),
                credit_date: parse_date("payments", &r.try_get::<String, _>("credit_date")?)?,
                cancelled_at_us: r.try_get("updated_at_us")?,
            })
        })
        .collect())
    }

    /// The audit records of `action` about any of `subjects`, written at or after `since_us`,
    /// newest first (at most `limit`), read through the subject index.
    pub async fn audit_of_subjects(
        &self,
        subjects: &[String],
        action: &str,
        since_us: i64,
        limit: i64,
    ) -> Result<Vec<AuditRecord>, StoreError> {
        if subjects.is_empty() {
            return Ok(Vec::new());
        }
        on_pool!(self, pool => {
            let mut q = QueryBuilder::new("SELECT * FROM audit_log WHERE action = ");
            q.push_bind(action);
            q.push(" AND at_us >= ");
            q.push_bind(since_us);
            q.push(" AND subject IN (");
            let mut list = q.separated(", ");
            for s in subjects {
                list.push_bind(s.as_str());
            }
            q.push(") ORDER BY id DESC LIMIT ");
            q.push_bind(limit);
            q.build().fetch_all(pool).await?.iter().map(record).collect()
        })
    }
}

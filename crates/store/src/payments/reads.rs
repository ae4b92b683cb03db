//! Payments read back: one, a loan's, a login's, the scheduled ones, and counts.

use super::{COLUMNS, Payment, PaymentId, payment};
use crate::codec::parse_vocabulary;
use crate::tx::on_tx;
use crate::{LoanId, LoginId, Store, StoreError, Tx, on_pool};
use domain::payment::PaymentStatus;
use money::Money;
use sqlx::Row;

impl Tx {
    /// One payment, read inside this transaction.
    pub async fn payment(&mut self, id: PaymentId) -> Result<Option<Payment>, StoreError> {
        let sql = format!("SELECT {COLUMNS} FROM payments WHERE id = $1");
        on_tx!(self, c => sqlx::query(sqlx::AssertSqlSafe(sql)).bind(id.0).fetch_optional(&mut *c).await?.map(|r| payment(&r)).transpose())
    }

    /// The payment with this confirmation number.
    pub async fn payment_by_confirmation(
        &mut self,
        confirmation: &str,
    ) -> Result<Option<Payment>, StoreError> {
        let sql = format!("SELECT {COLUMNS} FROM payments WHERE confirmation = $1");
        on_tx!(self, c => sqlx::query(sqlx::AssertSqlSafe(sql)).bind(confirmation).fetch_optional(&mut *c).await?.map(|r| payment(&r)).transpose())
    }

    /// The payments of a loan, newest first, read inside this transaction.
    pub async fn payments_of_loan(&mut self, loan: LoanId) -> Result<Vec<Payment>, StoreError> {
        let sql = format!("SELECT {COLUMNS} FROM payments WHERE loan_id = $1 ORDER BY id DESC");
        on_tx!(self, c => sqlx::query(sqlx::AssertSqlSafe(sql)).bind(loan.0).fetch_all(&mut *c).await?.iter().map(payment).collect())
    }

    /// The scheduled (not yet sent) payments of `loans`, by loan.
    pub async fn scheduled_payments_of(
        &mut self,
        loans: &[LoanId],
    ) -> Result<std::collections::HashMap<LoanId, Vec<Payment>>, StoreError> {
        let mut out: std::collections::HashMap<LoanId, Vec<Payment>> =
            std::collections::HashMap::new();
        for part in loans.chunks(crate::borrowers::CHUNK) {
            let found: Vec<Payment> = on_tx!(self, c => {
                let mut q = sqlx::QueryBuilder::new(format!("SELECT {COLUMNS} FROM payments WHERE status = 'scheduled' AND loan_id IN "));
                crate::codec::push_ids(&mut q, part.iter().map(|x| x.0));
                q.build().fetch_all(&mut *c).await?.iter().map(payment).collect::<Result<_, StoreError>>()?
            });
            for p in found {
                out.entry(p.loan).or_default().push(p);
            }
        }
        Ok(out)
    }
}

impl Store {
    /// The payment with this confirmation number.
    pub async fn payment_by_confirmation(
        &self,
        confirmation: &str,
    ) -> Result<Option<Payment>, StoreError> {
        let sql = format!("SELECT {COLUMNS} FROM payments WHERE confirmation = $1");
        on_pool!(self, pool => sqlx::query(sqlx::AssertSqlSafe(sql)).bind(confirmation).fetch_optional(pool).await?.map(|r| payment(&r)).transpose())
    }

    /// The payments of a loan the caller has scoped, newest first.
    pub async fn payments_of_loan(&self, loan: LoanId) -> Result<Vec<Payment>, StoreError> {
        let sql = format!("SELECT {COLUMNS} FROM payments WHERE loan_id = $1 ORDER BY id DESC");
        on_pool!(self, pool => sqlx::query(sqlx::AssertSqlSafe(sql)).bind(loan.0).fetch_all(pool).await?.iter().map(payment).collect())
    }

    /// One payment made by `login` (or on a loan `login` reaches), or `None`.
    pub async fn payment_of_login(
        &self,
        login: LoginId,
        id: PaymentId,
    ) -> Result<Option<Payment>, StoreError> {
        let sql = format!(
            "SELECT {COLUMNS} FROM payments WHERE id = $1
             AND loan_id IN (SELECT l.id FROM loans l JOIN login_links k ON k.borrower_id = l.borrower_id WHERE k.login_id = $2)"
        );
        on_pool!(self, pool => sqlx::query(sqlx::AssertSqlSafe(sql)).bind(id.0).bind(login.0).fetch_optional(pool).await?.map(|r| payment(&r)).transpose())
    }

    /// The scheduled payments on the loans `login` reaches, soonest first.
    pub async fn scheduled_payments_of_login(
        &self,
        login: LoginId,
    ) -> Result<Vec<Payment>, StoreError> {
        let sql = format!(
            "SELECT {COLUMNS} FROM payments WHERE status = 'scheduled'
             AND loan_id IN (SELECT l.id FROM loans l JOIN login_links k ON k.borrower_id = l.borrower_id WHERE k.login_id = $1)
             ORDER BY credit_date, id"
        );
        on_pool!(self, pool => sqlx::query(sqlx::AssertSqlSafe(sql)).bind(login.0).fetch_all(pool).await?.iter().map(payment).collect())
    }

    /// How many payments there are in each status (for the crash test and operators).
    pub async fn payment_counts(&self) -> Result<Vec<(PaymentStatus, i64, Money)>, StoreError> {
        on_pool!(self, pool => sqlx::query("SELECT status, COUNT(*) AS n, CAST(SUM(amount_cents) AS BIGINT) AS total FROM payments GROUP BY status ORDER BY status")
            .fetch_all(pool).await?.iter()
            .map(|r| Ok((
                parse_vocabulary("payments", "status", &r.try_get::<String, _>("status")?, PaymentStatus::parse)?,
                r.try_get("n")?,
                Money::from_cents(r.try_get::<Option<i64>, _>("total")?.unwrap_or(0)),
            )))
            .collect())
    }

    /// Card payments still scheduled (not charged or not answered) made before `before_us`.
    pub async fn stuck_card_payments(&self, before_us: i64) -> Result<Vec<Payment>, StoreError> {
        let sql = format!(
            "SELECT {COLUMNS} FROM payments WHERE rail = 'card' AND status = 'scheduled' AND created_at_us < $1 ORDER BY id LIMIT 100"
        );
        on_pool!(self, pool => sqlx::query(sqlx::AssertSqlSafe(sql)).bind(before_us).fetch_all(pool).await?.iter().map(payment).collect())
    }

    /// One payment by id (for the app's own follow-up work, not for borrowers: unscoped).
    pub async fn payment_row(&self, id: PaymentId) -> Result<Option<Payment>, StoreError> {
        let sql = format!("SELECT {COLUMNS} FROM payments WHERE id = $1");
        on_pool!(self, pool => sqlx::query(sqlx::AssertSqlSafe(sql)).bind(id.0).fetch_optional(pool).await?.map(|r| payment(&r)).transpose())
    }
}

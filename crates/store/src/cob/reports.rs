//! The reports' reads: the delinquency aging now and as each close of business kept it
//! (ADR 0017), and the interest accrued by day.

use crate::codec::{date_text, narrow, parse_date};
use crate::tx::on_tx;
use crate::{Store, StoreError, Tx, on_pool};
use jiff::civil::Date;
use money::Money;
use sqlx::Row;

/// One row of the delinquency aging report.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AgingRow {
    /// Days past due of the loans counted (the app buckets them).
    pub days_past_due: u32,
    /// Loans.
    pub loans: i64,
    /// Their principal.
    pub principal: Money,
    /// Their whole balance.
    pub balance: Money,
    /// What is past due.
    pub past_due: Money,
}

/// Interest accrued on one day (entries of that effective date).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AccrualDay {
    /// The day.
    pub date: Date,
    /// Loans with an accrual entry that day.
    pub loans: i64,
    /// Interest accrued.
    pub accrued: Money,
    /// Accruals of that day reversed (by a backdated change).
    pub reversed: Money,
}

impl Store {
    /// Every snapshot by days past due (active loans only): the aging now.
    pub async fn aging(&self) -> Result<Vec<AgingRow>, StoreError> {
        on_pool!(self, pool => sqlx::query(
            "SELECT days_past_due, COUNT(*) AS loans, CAST(SUM(principal_cents) AS BIGINT) AS principal,
                    CAST(SUM(principal_cents + interest_cents + fees_cents) AS BIGINT) AS balance,
                    CAST(SUM(past_due_cents) AS BIGINT) AS past_due
             FROM loan_snapshots WHERE status = 'active' GROUP BY days_past_due ORDER BY days_past_due",
        )
        .fetch_all(pool)
        .await?
        .iter()
        .map(aging_row)
        .collect())
    }

    /// The aging as the close of `date` left it; `None` when no close of business recorded
    /// one for that date (not closed, or closed before the aging was kept).
    pub async fn cob_aging(&self, date: Date) -> Result<Option<Vec<AgingRow>>, StoreError> {
        on_pool!(self, pool => {
            let recorded = sqlx::query(
                "SELECT 1 AS one FROM cob_runs WHERE business_date = $1 AND state = 'done' AND aging_recorded",
            )
            .bind(date_text(date))
            .fetch_optional(pool)
            .await?
            .is_some();
            if !recorded {
                return Ok(None);
            }
            sqlx::query(
                "SELECT days_past_due, loans, principal_cents AS principal, balance_cents AS balance,
                        past_due_cents AS past_due
                 FROM cob_aging WHERE business_date = $1 ORDER BY days_past_due",
            )
            .bind(date_text(date))
            .fetch_all(pool)
            .await?
            .iter()
            .map(aging_row)
            .collect::<Result<Vec<_>, _>>()
            .map(Some)
        })
    }

    /// The latest date whose close recorded the aging, if any.
    pub async fn last_cob_aging_date(&self) -> Result<Option<Date>, StoreError> {
        on_pool!(self, pool => sqlx::query(
            "SELECT MAX(business_date) AS d FROM cob_runs WHERE state = 'done' AND aging_recorded",
        )
        .fetch_one(pool)
        .await?
        .try_get::<Option<String>, _>("d")?
        .map(|d| parse_date("cob_runs", &d))
        .transpose())
    }

    /// Interest accrued by effective date from `from` to `to` (inclusive), with the
    /// accruals of those days later reversed.
    pub async fn accruals_by_day(
        &self,
        from: Date,
        to: Date,
    ) -> Result<Vec<AccrualDay>, StoreError> {
        on_pool!(self, pool => sqlx::query(
            "SELECT e.effective_date AS day,
                    COUNT(DISTINCT CASE WHEN e.kind = 'accrual' THEN e.loan_id END) AS loans,
                    CAST(COALESCE(SUM(CASE WHEN e.kind = 'accrual' THEN l.amount_cents END), 0) AS BIGINT) AS accrued,
                    CAST(COALESCE(SUM(CASE WHEN e.kind = 'reversal-of-accrual' THEN l.amount_cents END), 0) AS BIGINT) AS reversed
             FROM journal_entries e JOIN journal_lines l ON l.entry_id = e.id AND l.side = 'D'
             WHERE e.kind IN ('accrual', 'reversal-of-accrual') AND e.effective_date BETWEEN $1 AND $2
             GROUP BY e.effective_date ORDER BY e.effective_date",
        )
        .bind(date_text(from))
        .bind(date_text(to))
        .fetch_all(pool)
        .await?
        .iter()
        .map(|r| -> Result<AccrualDay, StoreError> {
            Ok(AccrualDay {
                date: parse_date("journal_entries", &r.try_get::<String, _>("day")?)?,
                loans: r.try_get("loans")?,
                accrued: Money::from_cents(r.try_get("accrued")?),
                reversed: Money::from_cents(r.try_get("reversed")?),
            })
        })
        .collect())
    }
}

impl Tx {
    /// Keeps the aging as the snapshots stand now as `date`'s (called once, by the
    /// transaction that finishes the run, after its last chunk).
    pub async fn record_cob_aging(&mut self, date: Date) -> Result<(), StoreError> {
        on_tx!(self, c => {
            sqlx::query(
                "INSERT INTO cob_aging (business_date, days_past_due, loans, principal_cents, balance_cents, past_due_cents)
                 SELECT $1, days_past_due, COUNT(*), SUM(principal_cents),
                        SUM(principal_cents + interest_cents + fees_cents), SUM(past_due_cents)
                 FROM loan_snapshots WHERE status = 'active' GROUP BY days_past_due",
            )
            .bind(date_text(date))
            .execute(&mut *c)
            .await?;
            sqlx::query("UPDATE cob_runs SET aging_recorded = TRUE WHERE business_date = $1")
                .bind(date_text(date))
                .execute(&mut *c)
                .await?;
        });
        Ok(())
    }
}

/// A row of the aging, from the snapshots or from the kept history.
fn aging_row<R: Row>(r: &R) -> Result<AgingRow, StoreError>
where
    for<'a> &'a str: sqlx::ColumnIndex<R>,
    for<'a> i64: sqlx::Decode<'a, R::Database> + sqlx::Type<R::Database>,
{
    Ok(AgingRow {
        days_past_due: narrow("loan_snapshots", r.try_get::<i64, _>("days_past_due")?)?,
        loans: r.try_get("loans")?,
        principal: Money::from_cents(r.try_get("principal")?),
        balance: Money::from_cents(r.try_get("balance")?),
        past_due: Money::from_cents(r.try_get("past_due")?),
    })
}

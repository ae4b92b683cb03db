//! Posting journal entries and reading the trial balance. Entries arrive balanced (the domain
//! cannot build any other kind); the schema refuses non-positive lines as a second guard.

use crate::{LoanId, Store, StoreError, on_pool};
use domain::ledger::{Account, JournalEntry, Side, TrialBalance};
use money::Money;
use sqlx::Row;

impl Store {
    /// Posts `entries` for `loan` in one transaction: all or nothing.
    pub async fn post_entries(
        &self,
        loan: Option<LoanId>,
        entries: &[JournalEntry],
        now_us: i64,
    ) -> Result<(), StoreError> {
        on_pool!(self, pool => {
            let mut tx = pool.begin().await?;
            for entry in entries {
                let id: i64 = sqlx::query(
                    "INSERT INTO journal_entries (loan_id, effective_date, kind, created_at_us) VALUES ($1, $2, $3, $4) RETURNING id",
                )
                .bind(loan.map(|l| l.0))
                .bind(entry.date().to_string())
                .bind(entry.kind().to_string())
                .bind(now_us)
                .fetch_one(&mut *tx)
                .await?
                .try_get("id")?;
                for (line_no, line) in (1_i64..).zip(entry.lines()) {
                    sqlx::query("INSERT INTO journal_lines (entry_id, line_no, account, side, amount_cents) VALUES ($1, $2, $3, $4, $5)")
                        .bind(id)
                        .bind(line_no)
                        .bind(line.account.code())
                        .bind(match line.side { Side::Debit => "D", Side::Credit => "C" })
                        .bind(line.amount.cents())
                        .execute(&mut *tx)
                        .await?;
                }
            }
            tx.commit().await?;
        });
        Ok(())
    }

    /// The trial balance of every entry posted, or of one loan's entries.
    pub async fn trial_balance(&self, loan: Option<LoanId>) -> Result<TrialBalance, StoreError> {
        // CAST keeps PostgreSQL's SUM(bigint) (a numeric) an integer on both backends.
        let sql = "SELECT l.account, l.side, CAST(SUM(l.amount_cents) AS BIGINT) AS total
                   FROM journal_lines l JOIN journal_entries e ON e.id = l.entry_id
                   WHERE ($1 IS NULL OR e.loan_id = $1)
                   GROUP BY l.account, l.side";
        let mut tb = TrialBalance::new();
        on_pool!(self, pool => {
            let rows = sqlx::query(sql).bind(loan.map(|l| l.0)).fetch_all(pool).await?;
            for r in rows {
                let code: String = r.try_get("account")?;
                let account = Account::ALL
                    .into_iter()
                    .find(|a| a.code() == code)
                    .ok_or_else(|| StoreError::Corrupt { table: "journal_lines", detail: format!("account {code:?}") })?;
                let side = match r.try_get::<String, _>("side")?.as_str() {
                    "D" => Side::Debit,
                    _ => Side::Credit,
                };
                tb.add(account, side, Money::from_cents(r.try_get("total")?));
            }
        });
        Ok(tb)
    }
}

//! Posting journal entries and reading the trial balance. Entries arrive balanced (the domain
//! cannot build any other kind); the schema refuses non-positive lines as a second guard.

use crate::borrowers::CHUNK;
use crate::tx::on_tx;
use crate::{LoanId, Store, StoreError, Tx, on_pool};
use domain::ledger::{Account, JournalEntry, Line, Side, TrialBalance};
use money::Money;
use sqlx::{QueryBuilder, Row};

impl Tx {
    /// Posts entries, each for its loan (or none for company-level entries). Ids from one
    /// multi-row INSERT are assigned in VALUES order, so the sorted ids match the entries.
    pub async fn post_entries(
        &mut self,
        entries: &[(Option<LoanId>, JournalEntry)],
        now_us: i64,
    ) -> Result<(), StoreError> {
        for chunk in entries.chunks(CHUNK) {
            let mut ids: Vec<i64> = on_tx!(self, c => {
                let mut q = QueryBuilder::new("INSERT INTO journal_entries (loan_id, effective_date, kind, created_at_us) ");
                q.push_values(chunk, |mut row, (loan, entry)| {
                    row.push_bind(loan.map(|l| l.0))
                        .push_bind(entry.date().to_string())
                        .push_bind(entry.kind().to_string())
                        .push_bind(now_us);
                });
                q.push(" RETURNING id");
                q.build().fetch_all(&mut *c).await?.iter().map(|r| r.try_get::<i64, _>("id")).collect::<Result<_, _>>()?
            });
            ids.sort_unstable();
            let lines: Vec<(i64, i64, &Line)> = ids
                .iter()
                .zip(chunk)
                .flat_map(|(id, (_, entry))| {
                    (1_i64..)
                        .zip(entry.lines())
                        .map(move |(n, line)| (*id, n, line))
                })
                .collect();
            for part in lines.chunks(CHUNK * 4) {
                on_tx!(self, c => {
                    let mut q = QueryBuilder::new("INSERT INTO journal_lines (entry_id, line_no, account, side, amount_cents) ");
                    q.push_values(part, |mut row, (id, n, line)| {
                        row.push_bind(*id)
                            .push_bind(*n)
                            .push_bind(line.account.code())
                            .push_bind(match line.side { Side::Debit => "D", Side::Credit => "C" })
                            .push_bind(line.amount.cents());
                    });
                    q.build().execute(&mut *c).await?;
                });
            }
        }
        Ok(())
    }
}

impl Store {
    /// Posts `entries` for `loan` in one transaction: all or nothing.
    pub async fn post_entries(
        &self,
        loan: Option<LoanId>,
        entries: &[JournalEntry],
        now_us: i64,
    ) -> Result<(), StoreError> {
        let mut tx = self.begin().await?;
        let pairs: Vec<_> = entries.iter().map(|e| (loan, e.clone())).collect();
        tx.post_entries(&pairs, now_us).await?;
        tx.commit().await
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

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
        if let Tx::Postgres(t) = self
            && entries.len() <= CHUNK
        {
            return post_entries_pg(t, entries, now_us).await;
        }
        for chunk in entries.chunks(CHUNK) {
            let ids: Vec<i64> = match self {
                // One writer, one statement: the new rows take the ids after the largest
                // there was, in VALUES order, so the last id and the count give them all
                // without handing a thousand rows back through sqlx's row channel.
                Tx::Sqlite(c) => {
                    let done = entries_insert(chunk, now_us)
                        .build()
                        .execute(&mut **c)
                        .await?;
                    let n = chunk.len();
                    if usize::try_from(done.rows_affected()).ok() != Some(n) {
                        return Err(StoreError::Corrupt {
                            table: "journal_entries",
                            detail: format!("{} of {n} entries inserted", done.rows_affected()),
                        });
                    }
                    let last = done.last_insert_rowid();
                    let first = last - i64::try_from(n).unwrap_or(i64::MAX) + 1;
                    (first..=last).collect()
                }
                Tx::Postgres(c) => {
                    let mut q = entries_insert(chunk, now_us);
                    q.push(" RETURNING id");
                    let mut ids: Vec<i64> = q
                        .build()
                        .fetch_all(&mut **c)
                        .await?
                        .iter()
                        .map(|r| r.try_get::<i64, _>("id"))
                        .collect::<Result<_, _>>()?;
                    ids.sort_unstable();
                    ids
                }
            };
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

/// The multi-row INSERT of `entries` into `journal_entries`, on either backend.
fn entries_insert<DB: sqlx::Database>(
    entries: &[(Option<LoanId>, JournalEntry)],
    now_us: i64,
) -> QueryBuilder<DB>
where
    for<'t> i64: sqlx::Encode<'t, DB> + sqlx::Type<DB>,
    for<'t> Option<i64>: sqlx::Encode<'t, DB> + sqlx::Type<DB>,
    for<'t> String: sqlx::Encode<'t, DB> + sqlx::Type<DB>,
{
    let mut q = QueryBuilder::new(
        "INSERT INTO journal_entries (loan_id, effective_date, kind, created_at_us) ",
    );
    q.push_values(entries, |mut row, (loan, entry)| {
        row.push_bind(loan.map(|l| l.0))
            .push_bind(entry.date().to_string())
            .push_bind(entry.kind().to_string())
            .push_bind(now_us);
    });
    q
}

/// PostgreSQL: the entries and their lines in one statement (the lines join the entries'
/// new ids by position: identity values are assigned in the order the rows are inserted, the
/// same assumption the two-statement path makes).
async fn post_entries_pg(
    t: &mut sqlx::Transaction<'static, sqlx::Postgres>,
    entries: &[(Option<LoanId>, JournalEntry)],
    now_us: i64,
) -> Result<(), StoreError> {
    if entries.is_empty() {
        return Ok(());
    }
    let (mut loans, mut dates, mut kinds) = (Vec::new(), Vec::new(), Vec::new());
    let (mut entry_n, mut line_no, mut accounts, mut sides, mut amounts) =
        (Vec::new(), Vec::new(), Vec::new(), Vec::new(), Vec::new());
    for (n, (loan, entry)) in (1_i64..).zip(entries) {
        loans.push(loan.map(|l| l.0));
        dates.push(entry.date().to_string());
        kinds.push(entry.kind().to_string());
        for (k, line) in (1_i64..).zip(entry.lines()) {
            entry_n.push(n);
            line_no.push(k);
            accounts.push(line.account.code());
            sides.push(match line.side {
                Side::Debit => "D",
                Side::Credit => "C",
            });
            amounts.push(line.amount.cents());
        }
    }
    sqlx::query(
        "WITH e AS (
            INSERT INTO journal_entries (loan_id, effective_date, kind, created_at_us)
            SELECT x.loan_id, x.effective_date, x.kind, $4
            FROM unnest($1::bigint[], $2::text[], $3::text[]) WITH ORDINALITY AS x(loan_id, effective_date, kind, n)
            ORDER BY x.n
            RETURNING id
         ), numbered AS (SELECT id, row_number() OVER (ORDER BY id) AS n FROM e)
         INSERT INTO journal_lines (entry_id, line_no, account, side, amount_cents)
         SELECT numbered.id, y.line_no, y.account, y.side, y.amount
         FROM unnest($5::bigint[], $6::bigint[], $7::text[], $8::text[], $9::bigint[]) AS y(entry_n, line_no, account, side, amount)
         JOIN numbered ON numbered.n = y.entry_n",
    )
    .bind(&loans)
    .bind(&dates)
    .bind(&kinds)
    .bind(now_us)
    .bind(&entry_n)
    .bind(&line_no)
    .bind(&accounts)
    .bind(&sides)
    .bind(&amounts)
    .execute(&mut **t)
    .await?;
    Ok(())
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
        self.trial_balance_through(loan, None).await
    }

    /// The trial balance of the entries effective on or before `through` (all when `None`),
    /// of every loan or one.
    pub async fn trial_balance_through(
        &self,
        loan: Option<LoanId>,
        through: Option<jiff::civil::Date>,
    ) -> Result<TrialBalance, StoreError> {
        // CAST keeps PostgreSQL's SUM(bigint) (a numeric) an integer on both backends.
        let sql = "SELECT l.account, l.side, CAST(SUM(l.amount_cents) AS BIGINT) AS total
                   FROM journal_lines l JOIN journal_entries e ON e.id = l.entry_id
                   WHERE ($1 IS NULL OR e.loan_id = $1) AND ($2 IS NULL OR e.effective_date <= $2)
                   GROUP BY l.account, l.side";
        let mut tb = TrialBalance::new();
        on_pool!(self, pool => {
            let rows = sqlx::query(sql)
                .bind(loan.map(|l| l.0))
                .bind(through.map(|d| d.to_string()))
                .fetch_all(pool)
                .await?;
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

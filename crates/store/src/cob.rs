//! Close of business: the run of a business date, its chunks of loans claimed under a lease,
//! the rows the nightly accrual reads and writes, and the progress it records.
//!
//! Exactly once comes from the rows, not from the run: a chunk reads only loans whose
//! snapshot is still before the next business date (locked on PostgreSQL, so a second
//! claimant of the same chunk waits and then finds them done), and writes their snapshots,
//! entries and `done` in one transaction.

use crate::codec::{date_text, narrow, parse_date, parse_vocabulary};
use crate::tx::on_tx;
use crate::{BorrowerId, LoanId, Store, StoreError, Tx, on_pool};
use domain::accrual::AccrualCarry;
use domain::loan::LoanStatus;
use jiff::civil::Date;
use money::{DayCount, Money, Rate};
use sqlx::{QueryBuilder, Row};
use std::collections::HashMap;

/// A close-of-business run as recorded.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CobRun {
    /// The business date closed.
    pub date: Date,
    /// The business date it rolls to.
    pub next_date: Date,
    /// Every chunk is done and the date has rolled.
    pub done: bool,
    /// Loans in the run.
    pub loans_total: i64,
    /// Chunks in the run.
    pub chunks_total: i64,
    /// When it began.
    pub started_at_us: i64,
    /// When it finished.
    pub finished_at_us: Option<i64>,
}

/// How far a run has come.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct CobProgress {
    /// Chunks done.
    pub chunks_done: i64,
    /// Loans brought to the next date.
    pub loans_done: i64,
    /// Of them, loans replayed in full (something fell due).
    pub replayed: i64,
    /// Interest accrued, in cents.
    pub accrued: Money,
    /// Fees assessed.
    pub fees: Money,
}

/// One chunk claimed: loans `first..=last`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CobChunk {
    /// Its number in the run.
    pub number: i64,
    /// First loan id.
    pub first: LoanId,
    /// Last loan id.
    pub last: LoanId,
}

/// What close of business reads of one loan: its snapshot and the terms accrual needs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CobRow {
    /// The loan.
    pub loan: LoanId,
    /// Its borrower.
    pub borrower: BorrowerId,
    /// Its rate.
    pub rate: Rate,
    /// Its day count.
    pub day_count: DayCount,
    /// The snapshot.
    pub snapshot: crate::LoanSnapshot,
}

/// The fast path's write for one loan: interest accrued to `as_of`, days past due moved on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Advance {
    /// The loan.
    pub loan: LoanId,
    /// Interest accrued and unpaid afterwards.
    pub interest: Money,
    /// The carry afterwards.
    pub carry: AccrualCarry,
    /// Days past due afterwards.
    pub days_past_due: u32,
}

/// A statement as issued.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StoredStatement {
    /// Its id.
    pub id: i64,
    /// The loan.
    pub loan: LoanId,
    /// The statement date (the end of its cycle).
    pub statement_date: Date,
    /// The business date of the close of business that issued it (its print batch's date).
    pub issued_on: Date,
    /// The payment due date it is for.
    pub due_date: Date,
    /// The amount due.
    pub amount_due: Money,
    /// "electronic" or "print".
    pub delivery: String,
    /// The figures, as JSON.
    pub body: String,
}

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

const ROW_COLUMNS: &str = "s.loan_id, l.borrower_id, l.rate_micro_percent, l.day_count, s.as_of, s.status,
    s.principal_cents, s.interest_cents, s.fees_cents, s.amount_due_cents, s.past_due_cents, s.next_due_date,
    s.days_past_due, s.carry_units, s.next_event_date, s.unapplied_cents";

impl Store {
    /// The loans there are: how many, and the lowest and highest id.
    pub async fn loan_id_bounds(&self) -> Result<(i64, i64, i64), StoreError> {
        on_pool!(self, pool => {
            let r = sqlx::query("SELECT COUNT(*) AS n, COALESCE(MIN(id), 0) AS lo, COALESCE(MAX(id), 0) AS hi FROM loans")
                .fetch_one(pool)
                .await?;
            Ok((r.try_get("n")?, r.try_get("lo")?, r.try_get("hi")?))
        })
    }

    /// The run of `date`, if one was started.
    pub async fn cob_run(&self, date: Date) -> Result<Option<CobRun>, StoreError> {
        on_pool!(self, pool => sqlx::query("SELECT * FROM cob_runs WHERE business_date = $1")
            .bind(date_text(date))
            .fetch_optional(pool)
            .await?
            .map(|r| run(&r))
            .transpose())
    }

    /// The most recent runs, newest first.
    pub async fn cob_runs(&self, limit: i64) -> Result<Vec<CobRun>, StoreError> {
        on_pool!(self, pool => sqlx::query("SELECT * FROM cob_runs ORDER BY business_date DESC LIMIT $1")
            .bind(limit)
            .fetch_all(pool)
            .await?
            .iter()
            .map(run)
            .collect())
    }

    /// What the chunks done so far of `date`'s run add up to.
    pub async fn cob_progress(&self, date: Date) -> Result<CobProgress, StoreError> {
        on_pool!(self, pool => {
            let r = sqlx::query(
                "SELECT COUNT(*) AS chunks, CAST(COALESCE(SUM(loans_done), 0) AS BIGINT) AS loans,
                        CAST(COALESCE(SUM(replayed), 0) AS BIGINT) AS replayed,
                        CAST(COALESCE(SUM(accrued_cents), 0) AS BIGINT) AS accrued,
                        CAST(COALESCE(SUM(fees_cents), 0) AS BIGINT) AS fees
                 FROM cob_chunks WHERE business_date = $1 AND state = 'done'",
            )
            .bind(date_text(date))
            .fetch_one(pool)
            .await?;
            Ok(CobProgress {
                chunks_done: r.try_get("chunks")?,
                loans_done: r.try_get("loans")?,
                replayed: r.try_get("replayed")?,
                accrued: Money::from_cents(r.try_get("accrued")?),
                fees: Money::from_cents(r.try_get("fees")?),
            })
        })
    }

    /// Claims the next chunk of `date`'s run that is queued, or whose claimant's lease ran
    /// out, for `worker` until `lease_until_us`.
    pub async fn claim_cob_chunk(
        &self,
        date: Date,
        worker: &str,
        now_us: i64,
        lease_until_us: i64,
    ) -> Result<Option<CobChunk>, StoreError> {
        let lock = match self {
            Store::Sqlite { .. } => "",
            Store::Postgres(_) => "FOR UPDATE SKIP LOCKED",
        };
        let sql = format!(
            "UPDATE cob_chunks SET state = 'running', claimed_by = $2, lease_until_us = $4, attempts = attempts + 1
             WHERE business_date = $1 AND chunk_no = (
                 SELECT chunk_no FROM cob_chunks
                 WHERE business_date = $1 AND (state = 'queued' OR (state = 'running' AND lease_until_us < $3))
                 ORDER BY chunk_no LIMIT 1 {lock})
             RETURNING chunk_no, first_loan, last_loan"
        );
        let mut tx = self.begin().await?;
        let chunk = on_tx!(&mut tx, c => sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(date_text(date))
            .bind(worker)
            .bind(now_us)
            .bind(lease_until_us)
            .fetch_optional(&mut *c)
            .await?
            .map(|r| -> Result<CobChunk, StoreError> {
                Ok(CobChunk {
                    number: r.try_get("chunk_no")?,
                    first: LoanId(r.try_get("first_loan")?),
                    last: LoanId(r.try_get("last_loan")?),
                })
            })
            .transpose()?);
        tx.commit().await?;
        Ok(chunk)
    }

    /// Chunks of `date`'s run not yet done.
    pub async fn cob_chunks_left(&self, date: Date) -> Result<i64, StoreError> {
        on_pool!(self, pool => Ok(sqlx::query("SELECT COUNT(*) AS n FROM cob_chunks WHERE business_date = $1 AND state <> 'done'")
            .bind(date_text(date))
            .fetch_one(pool)
            .await?
            .try_get("n")?))
    }

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

    /// A loan's statements, newest first.
    pub async fn statements_of_loan(
        &self,
        loan: LoanId,
    ) -> Result<Vec<StoredStatement>, StoreError> {
        on_pool!(self, pool => sqlx::query("SELECT * FROM statements WHERE loan_id = $1 ORDER BY statement_date DESC, id DESC")
            .bind(loan.0)
            .fetch_all(pool)
            .await?
            .iter()
            .map(statement)
            .collect())
    }

    /// One statement of `loan` (none when the id is another loan's).
    pub async fn statement_of_loan(
        &self,
        loan: LoanId,
        id: i64,
    ) -> Result<Option<StoredStatement>, StoreError> {
        on_pool!(self, pool => sqlx::query("SELECT * FROM statements WHERE loan_id = $1 AND id = $2")
            .bind(loan.0)
            .bind(id)
            .fetch_optional(pool)
            .await?
            .map(|r| statement(&r))
            .transpose())
    }

    /// The paper statements the close of business of `date` issued, to be printed and mailed,
    /// by loan.
    pub async fn statements_to_print(
        &self,
        date: Date,
    ) -> Result<Vec<StoredStatement>, StoreError> {
        on_pool!(self, pool => sqlx::query("SELECT * FROM statements WHERE issued_on = $1 AND delivery = 'print' ORDER BY loan_id")
            .bind(date_text(date))
            .fetch_all(pool)
            .await?
            .iter()
            .map(statement)
            .collect())
    }
}

impl Tx {
    /// The run of `date`, read in this transaction.
    pub async fn cob_run(&mut self, date: Date) -> Result<Option<CobRun>, StoreError> {
        on_tx!(self, c => sqlx::query("SELECT * FROM cob_runs WHERE business_date = $1")
            .bind(date_text(date))
            .fetch_optional(&mut *c)
            .await?
            .map(|r| run(&r))
            .transpose())
    }

    /// Starts the run of `date` with its chunks; `false` (and nothing written) when another
    /// instance started it first.
    pub async fn start_cob_run(
        &mut self,
        date: Date,
        next_date: Date,
        loans_total: i64,
        chunks: &[(LoanId, LoanId)],
        now_us: i64,
    ) -> Result<bool, StoreError> {
        let won = on_tx!(self, c => sqlx::query(
            "INSERT INTO cob_runs (business_date, next_date, state, loans_total, chunks_total, started_at_us)
             VALUES ($1, $2, 'running', $3, $4, $5) ON CONFLICT (business_date) DO NOTHING",
        )
        .bind(date_text(date))
        .bind(date_text(next_date))
        .bind(loans_total)
        .bind(i64::try_from(chunks.len()).unwrap_or(i64::MAX))
        .bind(now_us)
        .execute(&mut *c)
        .await?
        .rows_affected())
            == 1;
        if !won {
            return Ok(false);
        }
        let numbered: Vec<_> = (0_i64..).zip(chunks).collect();
        for part in numbered.chunks(crate::borrowers::CHUNK) {
            on_tx!(self, c => {
                let mut q = QueryBuilder::new("INSERT INTO cob_chunks (business_date, chunk_no, first_loan, last_loan, state) ");
                q.push_values(part, |mut row, (n, (first, last))| {
                    row.push_bind(date_text(date)).push_bind(*n).push_bind(first.0).push_bind(last.0).push_bind("queued");
                });
                q.build().execute(&mut *c).await?;
            });
        }
        Ok(true)
    }

    /// The loans `first..=last` whose snapshot is before `next_date`, locked on PostgreSQL
    /// (a second claimant of the chunk waits, then reads them done and skips them).
    pub async fn cob_rows(
        &mut self,
        first: LoanId,
        last: LoanId,
        next_date: Date,
    ) -> Result<Vec<CobRow>, StoreError> {
        if let Tx::Sqlite(c) = self {
            // Each row as one JSON array: sqlx-sqlite copies every value it hands over, and
            // sixteen values a loan were the largest part of a chunk's reading (ADR 0016).
            let sql = format!(
                "SELECT json_array({ROW_COLUMNS}) AS packed FROM loan_snapshots s JOIN loans l ON l.id = s.loan_id
                 WHERE s.loan_id BETWEEN $1 AND $2 AND s.as_of < $3 ORDER BY s.loan_id"
            );
            return sqlx::query(sqlx::AssertSqlSafe(sql))
                .bind(first.0)
                .bind(last.0)
                .bind(date_text(next_date))
                .fetch_all(&mut **c)
                .await?
                .iter()
                .map(|r| cob_row_packed(r.try_get("packed")?))
                .collect();
        }
        let sql = format!(
            "SELECT {ROW_COLUMNS} FROM loan_snapshots s JOIN loans l ON l.id = s.loan_id
             WHERE s.loan_id BETWEEN $1 AND $2 AND s.as_of < $3 ORDER BY s.loan_id FOR UPDATE OF s"
        );
        on_tx!(self, c => sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(first.0)
            .bind(last.0)
            .bind(date_text(next_date))
            .fetch_all(&mut *c)
            .await?
            .iter()
            .map(cob_row)
            .collect())
    }

    /// The fast path's writes: each loan's interest, carry and days past due, as of `as_of`.
    pub async fn advance_snapshots(
        &mut self,
        rows: &[Advance],
        as_of: Date,
        now_us: i64,
    ) -> Result<(), StoreError> {
        if rows.is_empty() {
            return Ok(());
        }
        if let Tx::Postgres(t) = self {
            let ids: Vec<i64> = rows.iter().map(|r| r.loan.0).collect();
            let interest: Vec<i64> = rows.iter().map(|r| r.interest.cents()).collect();
            let carry: Vec<i64> = rows.iter().map(|r| r.carry.units()).collect();
            let dpd: Vec<i64> = rows.iter().map(|r| i64::from(r.days_past_due)).collect();
            sqlx::query(
                "UPDATE loan_snapshots s SET as_of = $5, interest_cents = v.interest, carry_units = v.carry,
                        days_past_due = v.dpd, updated_at_us = $6
                 FROM unnest($1::bigint[], $2::bigint[], $3::bigint[], $4::bigint[]) AS v(id, interest, carry, dpd)
                 WHERE s.loan_id = v.id",
            )
            .bind(&ids)
            .bind(&interest)
            .bind(&carry)
            .bind(&dpd)
            .bind(date_text(as_of))
            .bind(now_us)
            .execute(&mut **t)
            .await?;
            return Ok(());
        }
        for part in rows.chunks(crate::borrowers::CHUNK) {
            on_tx!(self, c => {
                let mut q = QueryBuilder::new("WITH v(id, interest, carry, dpd) AS (");
                q.push_values(part, |mut row, a| {
                    row.push_bind(a.loan.0)
                        .push_bind(a.interest.cents())
                        .push_bind(a.carry.units())
                        .push_bind(i64::from(a.days_past_due));
                });
                q.push(") UPDATE loan_snapshots SET as_of = ");
                q.push_bind(date_text(as_of));
                q.push(", interest_cents = v.interest, carry_units = v.carry, days_past_due = v.dpd, updated_at_us = ");
                q.push_bind(now_us);
                q.push(" FROM v WHERE loan_snapshots.loan_id = v.id");
                q.build().execute(&mut *c).await?;
            });
        }
        Ok(())
    }

    /// Marks a chunk done with what it did (in the transaction that did it).
    pub async fn complete_cob_chunk(
        &mut self,
        date: Date,
        chunk: i64,
        progress: &CobProgress,
        now_us: i64,
    ) -> Result<(), StoreError> {
        on_tx!(self, c => sqlx::query(
            "UPDATE cob_chunks SET state = 'done', loans_done = $3, replayed = $4, accrued_cents = $5,
                    fees_cents = $6, done_at_us = $7, lease_until_us = NULL
             WHERE business_date = $1 AND chunk_no = $2",
        )
        .bind(date_text(date))
        .bind(chunk)
        .bind(progress.loans_done)
        .bind(progress.replayed)
        .bind(progress.accrued.cents())
        .bind(progress.fees.cents())
        .bind(now_us)
        .execute(&mut *c)
        .await
        .map(|_| ())?);
        Ok(())
    }

    /// Marks `date`'s run done; `false` when it already was (another instance finished it).
    pub async fn finish_cob_run(&mut self, date: Date, now_us: i64) -> Result<bool, StoreError> {
        let n = on_tx!(self, c => sqlx::query(
            "UPDATE cob_runs SET state = 'done', finished_at_us = $2 WHERE business_date = $1 AND state = 'running'",
        )
        .bind(date_text(date))
        .bind(now_us)
        .execute(&mut *c)
        .await?
        .rows_affected());
        Ok(n == 1)
    }

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

    /// Chunks of `date`'s run not yet done, read in this transaction.
    pub async fn cob_chunks_left(&mut self, date: Date) -> Result<i64, StoreError> {
        on_tx!(self, c => Ok(sqlx::query("SELECT COUNT(*) AS n FROM cob_chunks WHERE business_date = $1 AND state <> 'done'")
            .bind(date_text(date))
            .fetch_one(&mut *c)
            .await?
            .try_get("n")?))
    }

    /// Records a statement; `None` when the loan already has the statement for that due date.
    pub async fn insert_statement(
        &mut self,
        s: &StoredStatement,
        now_us: i64,
    ) -> Result<Option<i64>, StoreError> {
        Ok(self
            .insert_statements(std::slice::from_ref(s), now_us)
            .await?
            .first()
            .map(|(id, _)| *id))
    }

    /// Records statements, leaving out any a loan already has for that due date; the ids and
    /// loans of those recorded.
    pub async fn insert_statements(
        &mut self,
        statements: &[StoredStatement],
        now_us: i64,
    ) -> Result<Vec<(i64, LoanId)>, StoreError> {
        let mut out = Vec::new();
        for part in statements.chunks(crate::borrowers::CHUNK) {
            let rows: Vec<(i64, LoanId)> = on_tx!(self, c => {
                let mut q = QueryBuilder::new(
                    "INSERT INTO statements (loan_id, statement_date, issued_on, due_date, amount_due_cents, delivery, body, created_at_us) ",
                );
                q.push_values(part, |mut row, s| {
                    row.push_bind(s.loan.0)
                        .push_bind(date_text(s.statement_date))
                        .push_bind(date_text(s.issued_on))
                        .push_bind(date_text(s.due_date))
                        .push_bind(s.amount_due.cents())
                        .push_bind(&s.delivery)
                        .push_bind(&s.body)
                        .push_bind(now_us);
                });
                q.push(" ON CONFLICT (loan_id, due_date) DO NOTHING RETURNING id, loan_id");
                q.build()
                    .fetch_all(&mut *c)
                    .await?
                    .iter()
                    .map(|r| Ok((r.try_get::<i64, _>("id")?, LoanId(r.try_get("loan_id")?))))
                    .collect::<Result<_, StoreError>>()?
            });
            out.extend(rows);
        }
        Ok(out)
    }

    /// Where and how `borrowers`' statements go: name, street address, ZIP, and whether they
    /// take statements electronically (paperless with E-SIGN consent on a login reaching them).
    pub async fn mailings(
        &mut self,
        borrowers: &[BorrowerId],
    ) -> Result<HashMap<BorrowerId, Mailing>, StoreError> {
        let mut out = HashMap::new();
        for part in borrowers.chunks(crate::borrowers::CHUNK) {
            let rows: Vec<(BorrowerId, Mailing)> = on_tx!(self, c => {
                let mut q = QueryBuilder::new(
                    "SELECT b.id, b.full_name, b.address, b.zip,
                            EXISTS (SELECT 1 FROM logins g JOIN login_links k ON k.login_id = g.id
                                    WHERE k.borrower_id = b.id AND g.paperless = 1) AS paperless
                     FROM borrowers b WHERE b.id IN ",
                );
                crate::codec::push_ids(&mut q, part.iter().map(|x| x.0));
                q.build()
                    .fetch_all(&mut *c)
                    .await?
                    .iter()
                    .map(|r| {
                        Ok((BorrowerId(r.try_get("id")?), Mailing {
                            name: r.try_get("full_name")?,
                            street: r.try_get("address")?,
                            zip: r.try_get("zip")?,
                            paperless: r.try_get::<bool, _>("paperless")?,
                        }))
                    })
                    .collect::<Result<_, StoreError>>()?
            });
            out.extend(rows);
        }
        Ok(out)
    }
}

/// Where a borrower's statements go.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mailing {
    /// The borrower's name.
    pub name: String,
    /// The street address on file (lines separated by newlines or semicolons).
    pub street: Option<String>,
    /// The ZIP code.
    pub zip: String,
    /// Statements delivered electronically instead of by mail.
    pub paperless: bool,
}

fn run<R: Row>(r: &R) -> Result<CobRun, StoreError>
where
    for<'a> &'a str: sqlx::ColumnIndex<R>,
    for<'a> i64: sqlx::Decode<'a, R::Database> + sqlx::Type<R::Database>,
    for<'a> Option<i64>: sqlx::Decode<'a, R::Database> + sqlx::Type<R::Database>,
    for<'a> String: sqlx::Decode<'a, R::Database> + sqlx::Type<R::Database>,
{
    Ok(CobRun {
        date: parse_date("cob_runs", &r.try_get::<String, _>("business_date")?)?,
        next_date: parse_date("cob_runs", &r.try_get::<String, _>("next_date")?)?,
        done: r.try_get::<String, _>("state")? == "done",
        loans_total: r.try_get("loans_total")?,
        chunks_total: r.try_get("chunks_total")?,
        started_at_us: r.try_get("started_at_us")?,
        finished_at_us: r.try_get("finished_at_us")?,
    })
}

fn statement<R: Row>(r: &R) -> Result<StoredStatement, StoreError>
where
    for<'a> &'a str: sqlx::ColumnIndex<R>,
    for<'a> i64: sqlx::Decode<'a, R::Database> + sqlx::Type<R::Database>,
    for<'a> String: sqlx::Decode<'a, R::Database> + sqlx::Type<R::Database>,
{
    Ok(StoredStatement {
        id: r.try_get("id")?,
        loan: LoanId(r.try_get("loan_id")?),
        statement_date: parse_date("statements", &r.try_get::<String, _>("statement_date")?)?,
        issued_on: parse_date("statements", &r.try_get::<String, _>("issued_on")?)?,
        due_date: parse_date("statements", &r.try_get::<String, _>("due_date")?)?,
        amount_due: Money::from_cents(r.try_get("amount_due_cents")?),
        delivery: r.try_get("delivery")?,
        body: r.try_get("body")?,
    })
}

/// [`ROW_COLUMNS`] as SQLite's `json_array` packs them.
type Packed = (
    i64,
    i64,
    i64,
    String,
    String,
    String,
    i64,
    i64,
    i64,
    i64,
    i64,
    Option<String>,
    i64,
    i64,
    Option<String>,
    i64,
);

/// A close-of-business row from its packed form (SQLite).
fn cob_row_packed(text: &str) -> Result<CobRow, StoreError> {
    let corrupt = |detail: String| StoreError::Corrupt {
        table: "loan_snapshots",
        detail,
    };
    let (
        loan,
        borrower,
        rate,
        day_count,
        as_of,
        status,
        principal,
        interest,
        fees,
        due,
        past_due,
        next_due,
        dpd,
        carry_units,
        next_event,
        unapplied,
    ): Packed =
        serde_json::from_str(text).map_err(|e| corrupt(format!("unreadable row {text:?}: {e}")))?;
    let date = |d: Option<String>| d.map(|d| parse_date("loan_snapshots", &d)).transpose();
    Ok(CobRow {
        loan: LoanId(loan),
        borrower: BorrowerId(borrower),
        rate: Rate::from_micro_percent(rate),
        day_count: day_count
            .parse()
            .map_err(|e| corrupt(format!("day count: {e}")))?,
        snapshot: crate::LoanSnapshot {
            as_of: parse_date("loan_snapshots", &as_of)?,
            status: parse_vocabulary("loan_snapshots", "status", &status, LoanStatus::parse)?,
            principal: Money::from_cents(principal),
            interest: Money::from_cents(interest),
            fees: Money::from_cents(fees),
            amount_due: Money::from_cents(due),
            past_due: Money::from_cents(past_due),
            unapplied: Money::from_cents(unapplied),
            next_due_date: date(next_due)?,
            days_past_due: narrow("loan_snapshots", dpd)?,
            carry: crate::snapshots::carry(carry_units)?,
            next_event: date(next_event)?,
        },
    })
}

fn cob_row<R: Row>(r: &R) -> Result<CobRow, StoreError>
where
    for<'a> &'a str: sqlx::ColumnIndex<R>,
    for<'a> i64: sqlx::Decode<'a, R::Database> + sqlx::Type<R::Database>,
    for<'a> String: sqlx::Decode<'a, R::Database> + sqlx::Type<R::Database>,
    for<'a> Option<String>: sqlx::Decode<'a, R::Database> + sqlx::Type<R::Database>,
{
    Ok(CobRow {
        loan: LoanId(r.try_get("loan_id")?),
        borrower: BorrowerId(r.try_get("borrower_id")?),
        rate: Rate::from_micro_percent(r.try_get("rate_micro_percent")?),
        day_count: r.try_get::<String, _>("day_count")?.parse().map_err(|e| {
            StoreError::Corrupt {
                table: "loans",
                detail: format!("day count: {e}"),
            }
        })?,
        snapshot: crate::snapshots::snapshot(r)?,
    })
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

#[cfg(test)]
mod tests {
    use super::cob_row_packed;
    use domain::loan::LoanStatus;

    #[test]
    fn a_packed_row_reads_back_and_a_mangled_one_is_refused() {
        let row = cob_row_packed(
            r#"[7,3,7500000,"actual/365","2027-01-04","active",1000000,1234,0,33456,0,"2027-02-15",0,98765,"2027-02-10",0]"#,
        )
        .unwrap();
        assert_eq!(row.loan.0, 7);
        assert_eq!(row.borrower.0, 3);
        assert_eq!(row.snapshot.principal.cents(), 1_000_000);
        assert_eq!(row.snapshot.as_of.to_string(), "2027-01-04");
        assert_eq!(row.snapshot.next_event.unwrap().to_string(), "2027-02-10");
        assert_eq!(row.snapshot.carry.units(), 98765);
        assert_eq!(row.snapshot.status, LoanStatus::Active);
        let nulls = cob_row_packed(
            r#"[7,3,0,"actual/365","2027-01-04","paid_off",0,0,0,0,0,null,0,0,null,4321]"#,
        )
        .unwrap();
        assert_eq!(nulls.snapshot.next_due_date, None);
        assert_eq!(nulls.snapshot.status, LoanStatus::PaidOff);
        assert_eq!(nulls.snapshot.unapplied.cents(), 4321);
        for bad in [
            "",
            "[7,3]",
            r#"[7,3,7500000,"actual/365","2027-02-30","active",1,1,0,1,0,null,0,0,null,0]"#,
            r#"[7,3,7500000,"actual/365","2027-01-04","active",1,1,0,1,0,null,0,-1,null,0]"#,
            r#"[7,3,7500000,"actual/365","2027-01-04","closed",1,1,0,1,0,null,0,0,null,0]"#,
        ] {
            assert!(
                matches!(cob_row_packed(bad), Err(crate::StoreError::Corrupt { .. })),
                "{bad}"
            );
        }
    }
}

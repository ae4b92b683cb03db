//! A close-of-business run: started once across instances, its chunks claimed under a lease
//! and completed, its progress summed, and the run finished.

use crate::codec::{date_text, parse_date};
use crate::tx::on_tx;
use crate::{LoanId, Store, StoreError, Tx, on_pool};
use jiff::civil::Date;
use money::Money;
use sqlx::{QueryBuilder, Row};

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

    /// Chunks of `date`'s run not yet done, read in this transaction.
    pub async fn cob_chunks_left(&mut self, date: Date) -> Result<i64, StoreError> {
        on_tx!(self, c => Ok(sqlx::query("SELECT COUNT(*) AS n FROM cob_chunks WHERE business_date = $1 AND state <> 'done'")
            .bind(date_text(date))
            .fetch_one(&mut *c)
            .await?
            .try_get("n")?))
    }
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

//! The durable job queue and the schedule table.
//!
//! A job is enqueued in the transaction of the change that causes it, under a unique key (so
//! enqueueing twice is harmless). Any instance may claim it: PostgreSQL skips rows another
//! instance has locked (`FOR UPDATE SKIP LOCKED`); SQLite has one writer. A claim is a lease:
//! a worker that dies leaves a job whose lease runs out, and another worker takes it again.
//! Schedules are one row per (name, slot): the instance whose insert wins runs that slot.

use crate::tx::on_tx;
use crate::{Store, StoreError, Tx, on_pool};
use sqlx::Row;

/// A job to enqueue.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewJob {
    /// What to do ("audit.verify", "notify.email", …): picks the handler.
    pub kind: String,
    /// Unique key: a second enqueue with the same key does nothing.
    pub key: String,
    /// The handler's input (JSON text).
    pub payload: String,
    /// Not before this instant (epoch microseconds).
    pub run_at_us: i64,
}

/// A claimed job.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Job {
    /// Its id.
    pub id: i64,
    /// The handler to run.
    pub kind: String,
    /// Its unique key.
    pub key: String,
    /// The handler's input.
    pub payload: String,
    /// This is attempt number…
    pub attempt: u32,
}

/// How many jobs are in each state (for metrics and the console).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct JobCounts {
    /// Waiting to run.
    pub queued: i64,
    /// Claimed and leased.
    pub running: i64,
    /// Finished.
    pub done: i64,
    /// Gave up after the last attempt.
    pub failed: i64,
}

impl Tx {
    /// Enqueues a job with this transaction; `false` when its key was already taken.
    pub async fn enqueue(&mut self, job: &NewJob, now_us: i64) -> Result<bool, StoreError> {
        let done = on_tx!(self, c => sqlx::query(
            "INSERT INTO jobs (kind, job_key, payload, state, attempts, run_at_us, created_at_us)
             VALUES ($1, $2, $3, 'queued', 0, $4, $5) ON CONFLICT (job_key) DO NOTHING",
        )
        .bind(&job.kind)
        .bind(&job.key)
        .bind(&job.payload)
        .bind(job.run_at_us)
        .bind(now_us)
        .execute(&mut *c)
        .await?
        .rows_affected());
        Ok(done == 1)
    }

    /// Marks a job done in the same transaction as its effects: both happen, or neither.
    pub async fn complete_job(&mut self, id: i64) -> Result<(), StoreError> {
        on_tx!(self, c => sqlx::query("UPDATE jobs SET state = 'done', lease_until_us = NULL, last_error = NULL WHERE id = $1")
            .bind(id)
            .execute(&mut *c)
            .await?
            .rows_affected());
        Ok(())
    }

    /// Claims the schedule slot `slot` of `name`; `true` for exactly one caller across instances.
    pub async fn claim_slot(
        &mut self,
        name: &str,
        slot: &str,
        now_us: i64,
    ) -> Result<bool, StoreError> {
        let won = on_tx!(self, c => sqlx::query(
            "INSERT INTO schedules (name, slot, claimed_at_us) VALUES ($1, $2, $3) ON CONFLICT (name, slot) DO NOTHING",
        )
        .bind(name)
        .bind(slot)
        .bind(now_us)
        .execute(&mut *c)
        .await?
        .rows_affected());
        Ok(won == 1)
    }
}

impl Store {
    /// Claims the next job due (or one whose lease ran out) until `lease_until_us`.
    pub async fn claim_job(
        &self,
        now_us: i64,
        lease_until_us: i64,
    ) -> Result<Option<Job>, StoreError> {
        // The one dialect difference: PostgreSQL skips rows other instances hold.
        let lock = match self {
            Store::Sqlite { .. } => "",
            Store::Postgres(_) => "FOR UPDATE SKIP LOCKED",
        };
        let sql = format!(
            "UPDATE jobs SET state = 'running', attempts = attempts + 1, lease_until_us = $2
             WHERE id = (SELECT id FROM jobs
                         WHERE (state = 'queued' AND run_at_us <= $1) OR (state = 'running' AND lease_until_us < $1)
                         ORDER BY run_at_us, id LIMIT 1 {lock})
             RETURNING id, kind, job_key, payload, attempts"
        );
        let mut tx = self.begin().await?;
        let row = on_tx!(&mut tx, c => sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(now_us)
            .bind(lease_until_us)
            .fetch_optional(&mut *c)
            .await?
            .map(|r| -> Result<Job, StoreError> {
                Ok(Job {
                    id: r.try_get("id")?,
                    kind: r.try_get("kind")?,
                    key: r.try_get("job_key")?,
                    payload: r.try_get("payload")?,
                    attempt: crate::codec::narrow("jobs", r.try_get::<i64, _>("attempts")?)?,
                })
            })
            .transpose()?);
        tx.commit().await?;
        Ok(row)
    }

    /// Records a failed attempt: queued again at `retry_at_us`, or failed for good if `None`.
    pub async fn fail_job(
        &self,
        id: i64,
        error: &str,
        retry_at_us: Option<i64>,
    ) -> Result<(), StoreError> {
        let mut tx = self.begin().await?;
        on_tx!(&mut tx, c => sqlx::query(
            "UPDATE jobs SET state = CASE WHEN $3 IS NULL THEN 'failed' ELSE 'queued' END,
                             run_at_us = COALESCE($3, run_at_us), lease_until_us = NULL, last_error = $2
             WHERE id = $1",
        )
        .bind(id)
        .bind(error)
        .bind(retry_at_us)
        .execute(&mut *c)
        .await?
        .rows_affected());
        tx.commit().await
    }

    /// Jobs by state.
    pub async fn job_counts(&self) -> Result<JobCounts, StoreError> {
        let rows: Vec<(String, i64)> = on_pool!(self, pool => sqlx::query("SELECT state, COUNT(*) AS n FROM jobs GROUP BY state")
            .fetch_all(pool)
            .await?
            .iter()
            .map(|r| Ok((r.try_get("state")?, r.try_get("n")?)))
            .collect::<Result<_, sqlx::Error>>()?);
        let mut counts = JobCounts::default();
        for (state, n) in rows {
            match state.as_str() {
                "queued" => counts.queued = n,
                "running" => counts.running = n,
                "done" => counts.done = n,
                _ => counts.failed = n,
            }
        }
        Ok(counts)
    }
}

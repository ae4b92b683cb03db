//! The job worker and the scheduler that every `servicer serve` instance runs; each turn it
//! also delivers what is due in the notification outbox (`delivery`).
//!
//! The scheduler claims each schedule's slot for the business date (one instance wins) and
//! enqueues the slot's job in the same transaction. The worker claims due jobs under a lease,
//! runs their handler, and marks them done, or queues them again with exponential backoff,
//! or gives up after the last attempt. On shutdown it finishes the job in hand and stops;
//! a job left running by a crash is claimed again once its lease runs out, so handlers must
//! be idempotent (each is keyed, and writes what it must in one transaction).

use crate::App;
use std::time::Duration;
use store::{Job, NewJob, StoreError};
use tokio::sync::watch;

/// Job kind: walk the audit chain and record the result.
pub const AUDIT_VERIFY: &str = "audit.verify";

/// Job kind: originate the business date's ACH file (at the payment cutoff).
pub const ACH_ORIGINATE: &str = "ach.originate";

/// Job kind: close of business for the business date (at `close_of_business.at`). Two
/// jobs are queued per date so that a second instance helps with the chunks.
pub const COB_RUN: &str = "cob.run";

/// Close-of-business jobs queued per business date (each instance that takes one works on
/// the run's chunks until none is left).
const COB_JOBS: u32 = 2;

/// Settings key where the last audit verification is recorded.
pub const AUDIT_LAST_VERIFIED: &str = "audit_last_verified";

/// What the worker did with one job.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// No job was due.
    Idle,
    /// The job finished.
    Done(Job),
    /// It failed and will run again after the backoff.
    Retrying(Job, String),
    /// It failed on its last attempt.
    Failed(Job, String),
}

/// Tunables (the defaults suit production; tests shorten them).
#[derive(Clone, Copy, Debug)]
pub struct WorkerConfig {
    /// How long a claim lasts before another worker may take the job.
    pub lease: Duration,
    /// Sleep between polls when no job is due.
    pub poll: Duration,
    /// Attempts before a job is failed for good.
    pub max_attempts: u32,
    /// First retry delay; doubles each attempt, capped at one hour.
    pub first_backoff: Duration,
}

impl Default for WorkerConfig {
    fn default() -> Self {
        WorkerConfig {
            lease: Duration::from_secs(300),
            poll: Duration::from_secs(2),
            max_attempts: 8,
            first_backoff: Duration::from_secs(30),
        }
    }
}

/// How often each worker looks in the ACH inbound folder.
const INBOUND_SWEEP: Duration = Duration::from_secs(30);

fn micros(d: Duration) -> i64 {
    i64::try_from(d.as_micros()).unwrap_or(i64::MAX)
}

impl App {
    /// Claims today's slot of every schedule this instance can win and enqueues its job.
    pub async fn schedule_tick(&self) -> Result<usize, StoreError> {
        let today = self.business_date().await?.to_string();
        let now = self.now_us();
        let mut enqueued = 0;
        // The ACH file of a business day is made at its cutoff, so payments made before it
        // are in it and cancellable until then.
        let date = self.business_date().await?;
        let cutoff_us = self
            .zone()
            .to_timestamp(date.to_datetime(self.payment_settings().cutoff))
            .map(|t| t.as_microsecond())
            .unwrap_or(now);
        let cob_us = self
            .cob_settings()
            .start_time()
            .ok()
            .and_then(|t| self.zone().to_timestamp(date.to_datetime(t)).ok())
            .map_or(now, |t| t.as_microsecond());
        let mut kinds = vec![(AUDIT_VERIFY, now, 1)];
        // Banks take files on business days only; a weekend's payments are credited Monday.
        if domain::calendar::is_business_day(date) {
            kinds.push((ACH_ORIGINATE, cutoff_us, 1));
        }
        // The business date is closed every time it is the business date (a weekend date
        // only when the calendar set it: the run rolls it to the next business day).
        kinds.push((COB_RUN, cob_us, COB_JOBS));
        for (kind, run_at_us, copies) in kinds {
            let mut tx = self.store().begin().await?;
            if tx.claim_slot(kind, &today, now).await? {
                for n in 1..=copies {
                    let key = if copies == 1 {
                        format!("{kind}:{today}")
                    } else {
                        format!("{kind}:{today}:{n}")
                    };
                    let job = NewJob {
                        kind: kind.into(),
                        key,
                        payload: serde_json::json!({ "date": today }).to_string(),
                        run_at_us,
                    };
                    enqueued += usize::from(tx.enqueue(&job, now).await?);
                }
            }
            tx.commit().await?;
        }
        Ok(enqueued)
    }

    /// Claims and runs at most one due job.
    pub async fn work_once(&self, config: &WorkerConfig) -> Result<Outcome, StoreError> {
        let now = self.now_us();
        let Some(job) = self
            .store()
            .claim_job(now, now + micros(config.lease))
            .await?
        else {
            return Ok(Outcome::Idle);
        };
        // In a task of its own: a job that panics (a broken invariant, which is a bug) fails
        // like a job that errs, is retried or failed for good, and the worker goes on.
        let ran = {
            let (app, job) = (self.clone(), job.clone());
            tokio::spawn(async move { app.run_job(&job).await }).await
        };
        match ran.unwrap_or_else(|e| Err(format!("the job panicked: {e}"))) {
            Ok(()) => Ok(Outcome::Done(job)),
            Err(error) if job.attempt >= config.max_attempts => {
                tracing::error!(job = job.id, kind = %job.kind, attempt = job.attempt, %error, "job failed for good");
                self.store().fail_job(job.id, &error, None).await?;
                Ok(Outcome::Failed(job, error))
            }
            Err(error) => {
                let shift = job.attempt.saturating_sub(1).min(20);
                let delay = config
                    .first_backoff
                    .saturating_mul(1 << shift)
                    .min(Duration::from_secs(3600));
                tracing::warn!(job = job.id, kind = %job.kind, attempt = job.attempt, %error, retry_in_s = delay.as_secs(), "job failed; will retry");
                self.store()
                    .fail_job(job.id, &error, Some(self.now_us() + micros(delay)))
                    .await?;
                Ok(Outcome::Retrying(job, error))
            }
        }
    }

    /// Runs the scheduler and the worker until `shutdown` turns true.
    pub async fn run_worker(&self, config: WorkerConfig, mut shutdown: watch::Receiver<bool>) {
        tracing::info!("job worker started");
        // The slots of a business date are claimed once per instance: later polls that day
        // only read the date, they do not take the write lock.
        let mut ticked_for = None;
        let mut last_sweep = None;
        while !*shutdown.borrow() {
            match self.business_date().await {
                Ok(today) if ticked_for != Some(today) => match self.schedule_tick().await {
                    Ok(_) => ticked_for = Some(today),
                    Err(e) => tracing::warn!(error = %e, "scheduler tick failed"),
                },
                Ok(_) => {}
                Err(e) => tracing::warn!(error = %e, "cannot read the business date"),
            }
            let delivered = match self.deliver_outbox(50).await {
                Ok(s) => s.sent + s.retrying + s.failed > 0,
                Err(e) => {
                    tracing::warn!(error = %e, "outbox delivery failed");
                    false
                }
            };
            // Return and NOC files dropped by the bank, and card charges left unanswered.
            if last_sweep.is_none_or(|t: std::time::Instant| t.elapsed() >= INBOUND_SWEEP) {
                last_sweep = Some(std::time::Instant::now());
                let app = self.clone();
                match tokio::spawn(async move { app.sweep_ach_inbound().await }).await {
                    Ok(Ok(_)) => {}
                    Ok(Err(e)) => tracing::warn!(error = %e, "ACH inbound sweep failed"),
                    Err(e) => tracing::error!(error = %e, "ACH inbound sweep panicked"),
                }
                // Lockbox files dropped by the bank, and items an interrupted import left.
                let app = self.clone();
                match tokio::spawn(async move { app.sweep_lockbox_inbound().await }).await {
                    Ok(Ok(_)) => {}
                    Ok(Err(e)) => tracing::warn!(error = %e, "lockbox inbound sweep failed"),
                    Err(e) => tracing::error!(error = %e, "lockbox inbound sweep panicked"),
                }
                if let Err(e) = self.resume_card_payments().await {
                    tracing::warn!(error = %e, "card payment sweep failed");
                }
                if let Err(e) = self.resume_card_refunds().await {
                    tracing::warn!(error = %e, "card refund sweep failed");
                }
            }
            let worked = match self.work_once(&config).await {
                Ok(Outcome::Idle) => false,
                Ok(_) => true,
                Err(e) => {
                    tracing::warn!(error = %e, "worker could not claim a job");
                    false
                }
            };
            let idle = !(delivered || worked);
            if idle {
                tokio::select! {
                    _ = tokio::time::sleep(config.poll) => {}
                    _ = shutdown.changed() => {}
                }
            }
        }
        tracing::info!("job worker stopped");
    }

    /// Runs one job's handler; the handler marks the job done in its own transaction.
    async fn run_job(&self, job: &Job) -> Result<(), String> {
        match job.kind.as_str() {
            AUDIT_VERIFY => self.verify_audit_job(job).await.map_err(|e| e.to_string()),
            ACH_ORIGINATE => self.originate_job(job).await,
            COB_RUN => self.cob_job(job).await,
            other => Err(format!("no handler for job kind {other:?}")),
        }
    }

    async fn originate_job(&self, job: &Job) -> Result<(), String> {
        let date = serde_json::from_str::<serde_json::Value>(&job.payload)
            .ok()
            .and_then(|v| v.get("date")?.as_str()?.parse().ok());
        // Idempotent: a second run for the date writes the same file and debits nothing new.
        let file = self.originate_ach(date).await.map_err(|e| e.to_string())?;
        tracing::info!(date = %file.date, entries = file.entries, total = %file.total, path = ?file.path, "ACH file originated");
        let mut tx = self.store().begin().await.map_err(|e| e.to_string())?;
        tx.complete_job(job.id).await.map_err(|e| e.to_string())?;
        tx.commit().await.map_err(|e| e.to_string())
    }

    async fn cob_job(&self, job: &Job) -> Result<(), String> {
        let date = serde_json::from_str::<serde_json::Value>(&job.payload)
            .ok()
            .and_then(|v| v.get("date")?.as_str()?.parse().ok());
        let worker = format!("job-{}-{}", std::process::id(), job.id);
        let log = |p: &crate::cob::Progress| {
            tracing::info!(date = %p.date, loans_done = p.loans_done, loans_total = p.loans_total, chunks_done = p.chunks_done, chunks_total = p.chunks_total, "close of business progress");
        };
        match self.close_of_business(date, &worker, &log).await {
            Ok(_) => {}
            // The date was rolled by hand (`servicer cob`) before this job ran: nothing to do.
            Err(crate::cob::CobError::NotBusinessDate { date, today }) if date < today => {
                tracing::info!(%date, %today, "close of business job for a past date skipped");
            }
            Err(e) => return Err(e.to_string()),
        }
        let mut tx = self.store().begin().await.map_err(|e| e.to_string())?;
        tx.complete_job(job.id).await.map_err(|e| e.to_string())?;
        tx.commit().await.map_err(|e| e.to_string())
    }

    async fn verify_audit_job(&self, job: &Job) -> Result<(), StoreError> {
        let v = self.store().verify_audit().await?;
        match &v.first_break {
            None => tracing::info!(records = v.records, head = %v.head, "audit chain verified"),
            Some((id, why)) => tracing::error!(record = id, %why, "audit chain is broken"),
        }
        let result = serde_json::json!({
            "at_us": self.now_us(),
            "records": v.records,
            "head": v.head,
            "intact": v.first_break.is_none(),
        });
        let mut tx = self.store().begin().await?;
        tx.put_setting(AUDIT_LAST_VERIFIED, &result.to_string())
            .await?;
        tx.complete_job(job.id).await?;
        tx.commit().await
    }
}

//! Close of business: every business day, every loan brought from the business date to the
//! next one (interest accrued and posted, installments falling due, late fees after the grace
//! period, days past due and the aging bucket), reminders and statements for loans whose
//! cycle dates came, AutoPay drafts queued for the next day's file, then the business date
//! rolled (weekends and Federal Reserve holidays skipped: their interest is accrued in the
//! run before them, so no day is lost).
//!
//! The run is split into chunks of loan ids ([`CobSettings::chunk_loans`]) that any instance
//! claims under a lease; each chunk is one transaction (snapshots, entries, alerts,
//! statements, the chunk marked done), and it reads only loans still before the next date,
//! so a crash loses nothing, a re-run changes nothing, and two instances never do a loan
//! twice. Most nights a loan only accrues: the chunk advances it from its snapshot (the
//! stored carry) without replaying its history; a loan with a cycle date in the window is
//! replayed (ADR 0013).

mod chunk;
pub mod reports;
pub mod statements;

use crate::App;
use domain::calendar::next_business_day;
use domain::cycle::Cycle;
use jiff::civil::{Date, Time};
use serde::{Deserialize, Serialize};
use std::path::PathBuf;
use std::time::Duration;
use store::{AuditEvent, CobProgress, CobRun, LoanId, StoreError};

/// The close-of-business settings (`[close_of_business]` in the configuration).
#[derive(Clone, Debug, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct CobSettings {
    /// "HH:MM", servicer's time: the scheduled run starts then (after the payment cutoff and
    /// the day's ACH file).
    pub at: String,
    /// The "payment due" reminder goes this many days before each due date.
    pub reminder_days: u8,
    /// The statement's cycle ends this many days before each due date.
    pub statement_days: u8,
    /// Loan ids per chunk (one transaction each).
    pub chunk_loans: i64,
    /// Seconds a claimed chunk is held before another instance may take it over.
    pub lease_seconds: u64,
    /// Where the day's print batch (statements of borrowers without paperless) is written.
    pub print_dir: PathBuf,
}

impl Default for CobSettings {
    fn default() -> Self {
        CobSettings {
            at: "21:00".into(),
            reminder_days: Cycle::default().reminder_days,
            statement_days: Cycle::default().statement_days,
            chunk_loans: 1000,
            lease_seconds: 300,
            print_dir: PathBuf::from("statements/print"),
        }
    }
}

impl CobSettings {
    /// Checks the settings (the configuration refuses to start with bad ones).
    pub fn check(&self) -> Result<(), String> {
        self.start_time()?;
        if !(1..=100_000).contains(&self.chunk_loans) {
            return Err("close_of_business.chunk_loans must be 1 to 100000".into());
        }
        if self.reminder_days > 28 || !(7..=28).contains(&self.statement_days) {
            return Err(
                "close_of_business: reminder_days must be 0 to 28 and statement_days 7 to 28"
                    .into(),
            );
        }
        if self.lease_seconds < 10 {
            return Err("close_of_business.lease_seconds must be at least 10".into());
        }
        Ok(())
    }

    /// The time the scheduled run starts.
    pub fn start_time(&self) -> Result<Time, String> {
        self.at
            .parse()
            .map_err(|_| format!("close_of_business.at {:?}: use HH:MM, like 21:00", self.at))
    }

    /// The cycle as the domain takes it.
    pub fn cycle(&self) -> Cycle {
        Cycle {
            reminder_days: self.reminder_days,
            statement_days: self.statement_days,
        }
    }
}

/// Why a close of business did not run.
#[derive(Debug, thiserror::Error)]
pub enum CobError {
    /// The date asked for is not the business date.
    #[error(
        "{date} is not the business date (it is {today}); close of business runs for the business date, and a date already closed changes nothing"
    )]
    NotBusinessDate {
        /// Asked for.
        date: Date,
        /// The business date.
        today: Date,
    },
    /// Writing the print batch failed.
    #[error("writing the print batch: {0}")]
    Io(String),
    /// Making the next day's AutoPay drafts failed (for a reason other than the store).
    #[error("queuing the AutoPay drafts: {0}")]
    Drafts(String),
    /// A statement's figures did not add up (previous balance and the period's activity
    /// against the new balance): it was not issued, and the chunk rolled back, so the close
    /// stops here and issues it when run again once the cause is fixed.
    #[error("the statement of {date} of account {account} was not issued: {source}")]
    Unreconciled {
        /// The loan's account number.
        account: String,
        /// The statement date.
        date: Date,
        /// By how much.
        source: documents::Unreconciled,
    },
    /// The store failed.
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// How far a run has come (shown while it runs).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Progress {
    /// The business date being closed.
    pub date: Date,
    /// Loans done.
    pub loans_done: i64,
    /// Loans in all.
    pub loans_total: i64,
    /// Chunks done.
    pub chunks_done: i64,
    /// Chunks in all.
    pub chunks_total: i64,
    /// When the run began (epoch µs).
    pub started_at_us: i64,
}

/// What a run did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CobOutcome {
    /// The date closed.
    pub date: Date,
    /// The new business date.
    pub next_date: Date,
    /// The date was already closed: nothing changed.
    pub already_done: bool,
    /// Everything the run's chunks did (by every instance).
    pub totals: CobProgress,
    /// Loans in the run.
    pub loans_total: i64,
    /// Chunks this caller did.
    pub chunks_here: i64,
    /// The print batch written (statements to mail), if there were any.
    pub print_batch: Option<PathBuf>,
}

impl App {
    /// Closes business date `date` (default: the business date), or joins the run another
    /// instance started, or completes one a crash interrupted; `worker` names this caller in
    /// the chunk claims. `progress` is told after each chunk this caller finishes.
    pub async fn close_of_business(
        &self,
        date: Option<Date>,
        worker: &str,
        progress: &(dyn Fn(&Progress) + Sync),
    ) -> Result<CobOutcome, CobError> {
        let today = self.business_date().await?;
        let date = date.unwrap_or(today);
        if let Some(run) = self.store().cob_run(date).await?
            && run.done
        {
            let print_batch = self.write_print_batch(date).await?;
            return Ok(CobOutcome {
                date,
                next_date: run.next_date,
                already_done: true,
                totals: self.store().cob_progress(date).await?,
                loans_total: run.loans_total,
                chunks_here: 0,
                print_batch,
            });
        }
        if date != today {
            return Err(CobError::NotBusinessDate { date, today });
        }
        let run = self.start_run(date).await?;
        let lease = Duration::from_secs(self.cob.lease_seconds);
        let mut chunks_here = 0;
        loop {
            let now = self.now_us();
            let lease_until = now + i64::try_from(lease.as_micros()).unwrap_or(i64::MAX);
            if let Some(chunk) = self
                .store()
                .claim_cob_chunk(date, worker, now, lease_until)
                .await?
            {
                self.close_chunk(&run, chunk).await?;
                chunks_here += 1;
                let done = self.store().cob_progress(date).await?;
                progress(&Progress {
                    date,
                    loans_done: done.loans_done,
                    loans_total: run.loans_total,
                    chunks_done: done.chunks_done,
                    chunks_total: run.chunks_total,
                    started_at_us: run.started_at_us,
                });
                continue;
            }
            if self.store().cob_chunks_left(date).await? == 0 {
                break;
            }
            // Another instance holds the last chunks: wait for them (or for a lease to run
            // out, when that instance died) rather than finish early.
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
        self.finish_run(&run).await?;
        let print_batch = self.write_print_batch(date).await?;
        Ok(CobOutcome {
            date,
            next_date: run.next_date,
            already_done: false,
            totals: self.store().cob_progress(date).await?,
            loans_total: run.loans_total,
            chunks_here,
            print_batch,
        })
    }

    /// Starts the run of `date` (its chunks over the loan ids there are), or reads the one
    /// already started.
    async fn start_run(&self, date: Date) -> Result<CobRun, CobError> {
        if let Some(run) = self.store().cob_run(date).await? {
            return Ok(run);
        }
        let (count, lo, hi) = self.store().loan_id_bounds().await?;
        let size = self.cob.chunk_loans;
        let mut chunks = Vec::new();
        let mut first = lo;
        while count > 0 && first <= hi {
            let last = first.saturating_add(size - 1).min(hi);
            chunks.push((LoanId(first), LoanId(last)));
            first = last + 1;
        }
        let next = next_business_day(date);
        let now = self.now_us();
        let mut tx = self.store().begin().await?;
        if tx.start_cob_run(date, next, count, &chunks, now).await? {
            tracing::info!(%date, %next, loans = count, chunks = chunks.len(), "close of business started");
        }
        let run = tx
            .cob_run(date)
            .await?
            .ok_or_else(|| StoreError::NotFound {
                what: format!("close-of-business run {date}"),
            })?;
        tx.commit().await?;
        Ok(run)
    }

    /// Once every chunk is done: the day's aging kept, AutoPay drafts and notices for the
    /// next business date, the payments scheduled for it checked against what their review
    /// promised, the date rolled, the run recorded, in one transaction (the first instance to
    /// get here does it; the others find it done).
    async fn finish_run(&self, run: &CobRun) -> Result<(), CobError> {
        let now = self.now_us();
        let mut tx = self.store().begin().await?;
        if tx.cob_chunks_left(run.date).await? != 0 || !tx.finish_cob_run(run.date, now).await? {
            return Ok(());
        }
        tx.record_cob_aging(run.date).await?;
        let drafts = self
            .queue_autopay_drafts(&mut tx, run.next_date, now)
            .await
            .map_err(|e| match e {
                crate::payments::ach::AchError::Store(s) => CobError::Store(s),
                other => CobError::Drafts(other.to_string()),
            })?;
        // The night before they post, with the drafts just made counted: the payments whose
        // review's promise no longer holds, their borrowers told (`payments::promise`).
        let promises_changed = self.check_promises(&mut tx, run.next_date, now).await?;
        tx.put_setting(crate::BUSINESS_DATE, &run.next_date.to_string())
            .await?;
        let totals = self.store().cob_progress(run.date).await?;
        tx.audit(
            &AuditEvent {
                actor: "cob".into(),
                action: "cob.closed".into(),
                subject: format!("cob:{}", run.date),
                detail: serde_json::json!({
                    "next_date": run.next_date.to_string(),
                    "loans": totals.loans_done,
                    "replayed": totals.replayed,
                    "accrued_cents": totals.accrued.cents(),
                    "fees_cents": totals.fees.cents(),
                    "autopay_drafts": drafts,
                    "promises_changed": promises_changed,
                })
                .to_string(),
            },
            now,
        )
        .await?;
        tx.commit().await?;
        self.forget_cached_views();
        tracing::info!(date = %run.date, next = %run.next_date, loans = totals.loans_done, accrued = %totals.accrued, "close of business done; business date rolled");
        Ok(())
    }
}

/// A rate and the time left, from progress so far (for the CLI's progress line).
pub fn eta(p: &Progress, now_us: i64) -> (f64, Option<Duration>) {
    let elapsed_us = (now_us - p.started_at_us).max(1);
    #[allow(clippy::cast_precision_loss, clippy::float_arithmetic)]
    // a rate for people to read, never money
    let rate = p.loans_done as f64 * 1e6 / elapsed_us as f64;
    let left = p.loans_total - p.loans_done;
    let time_left = (p.loans_done > 0).then(|| {
        let us = u64::try_from(elapsed_us.saturating_mul(left) / p.loans_done.max(1)).unwrap_or(0);
        Duration::from_micros(us)
    });
    (rate, time_left)
}

//! One chunk of a close of business, in one transaction: each loan of the chunk still before
//! the next business date is brought to it.
//!
//! The fast path (most loans, most nights): nothing but interest changes before the next
//! date (the snapshot's `next_event` is later, and neither the amount due nor the past-due
//! amount is capped by the balance), so the night's interest is accrued day by day from the
//! snapshot's principal and carry with [`DailyAccrual`], exactly as the fold would, and the
//! snapshot's interest, carry and days past due move on. Otherwise the loan is replayed from
//! its history to the next date and the books restated, as a posting does; its reminders,
//! past-due notices and statement come from comparing the two states.

use super::{CobError, statements};
use crate::App;
use crate::alerts::Alert;
use crate::notices::{CycleLoan, cycle_alert};
use crate::snapshot;
use domain::accrual::DailyAccrual;
use domain::ledger::{self, JournalEntry};
use domain::loan::{LoanEvent, LoanState, LoanStatus, LoanTerms, Transaction, replay_to_start_of};
use domain::notices::{self, AutopayPlan, Notice};
use jiff::civil::Date;
use money::Money;
use std::collections::HashMap;
use store::{Advance, BorrowerId, CobChunk, CobProgress, CobRow, CobRun, LoanId, LoanSnapshot};

/// What a chunk's replayed loans read, in one query each, and what they send.
struct Replays {
    histories: HashMap<LoanId, Vec<Transaction>>,
    records: HashMap<LoanId, store::LoanRecord>,
    autopays: HashMap<LoanId, store::Autopay>,
    scheduled: HashMap<LoanId, Vec<store::Payment>>,
    alerts: Vec<(BorrowerId, Alert)>,
    statements: Vec<(LoanId, statements::Pending)>,
}

impl App {
    /// Closes one claimed chunk of `run`.
    pub(super) async fn close_chunk(&self, run: &CobRun, chunk: CobChunk) -> Result<(), CobError> {
        let now = self.now_us();
        let mut tx = self.store().begin().await?;
        let rows = tx.cob_rows(chunk.first, chunk.last, run.next_date).await?;
        let mut progress = CobProgress::default();
        let mut advances = Vec::with_capacity(rows.len());
        let mut entries: Vec<(Option<LoanId>, JournalEntry)> = Vec::with_capacity(rows.len());
        let mut slow = Vec::new();
        for row in &rows {
            progress.loans_done += 1;
            match fast_path(row, run.next_date, &mut entries, &mut progress) {
                Some(advance) => advances.push(advance),
                None => slow.push(row),
            }
        }
        let mut replayed: Vec<(LoanId, LoanSnapshot)> = Vec::with_capacity(slow.len());
        if !slow.is_empty() {
            // What the replays need, read for those loans only (a tenth of a chunk on most
            // nights), a query per kind rather than per loan.
            let ids: Vec<LoanId> = slow.iter().map(|r| r.loan).collect();
            let mut work = Replays {
                histories: tx.histories(&ids).await?,
                records: tx.loans_of(&ids).await?,
                autopays: tx.live_autopays_of(&ids).await?,
                scheduled: tx.scheduled_payments_of(&ids).await?,
                alerts: Vec::new(),
                statements: Vec::new(),
            };
            for row in slow {
                progress.replayed += 1;
                let snapshot =
                    self.replay_loan(row, run, &mut work, &mut entries, &mut progress)?;
                replayed.push((row.loan, snapshot));
            }
            self.record_statements(&mut tx, work.statements, run.date, &mut work.alerts, now)
                .await?;
            self.send_alerts(&mut tx, &work.alerts, now).await?;
        }
        tx.advance_snapshots(&advances, run.next_date, now).await?;
        tx.put_snapshots(&replayed, now).await?;
        tx.post_entries(&entries, now).await?;
        tx.complete_cob_chunk(run.date, chunk.number, &progress, now)
            .await?;
        tx.commit().await?;
        Ok(())
    }

    /// The slow path: replay the loan to the next date, restate its books, and collect what
    /// its cycle dates in the window call for.
    fn replay_loan(
        &self,
        row: &CobRow,
        run: &CobRun,
        work: &mut Replays,
        entries: &mut Vec<(Option<LoanId>, JournalEntry)>,
        progress: &mut CobProgress,
    ) -> Result<LoanSnapshot, CobError> {
        let history = work.histories.remove(&row.loan).unwrap_or_default();
        let record = work.records.remove(&row.loan).ok_or_else(|| {
            CobError::Store(store::StoreError::Corrupt {
                table: "loans",
                detail: format!("loan {} has a snapshot and no record", row.loan.0),
            })
        })?;
        let terms = &record.terms;
        // The schedule as the history amends it (ADR 0021): the cycle dates, the notices and
        // the statements read it, never the record's original dates.
        let amended = terms.amended(&history, run.next_date);
        let from = row.snapshot.as_of;
        let old = replay_to_start_of(terms, &history, from);
        let new = replay_to_start_of(terms, &history, run.next_date);
        for entry in ledger::restate(&old.events, &new.events, run.next_date) {
            entries.push((Some(row.loan), entry));
        }
        for event in new.events.iter().skip(old.events.len()) {
            match event {
                LoanEvent::Accrued { amount, .. } => progress.accrued += *amount,
                LoanEvent::FeeAssessed { amount, .. } => progress.fees += *amount,
                _ => {}
            }
        }
        self.cycle_notices(row, &record, &amended, &history, &old, &new, work)?;
        Ok(snapshot::of_state(&amended, &new, self.cycle()))
    }

    /// Reminders, AutoPay notices, past-due and late-fee notices, and statements for the cycle
    /// dates between the two states (each keyed by its event, so a re-run sends nothing new),
    /// on the schedule as amended (`amended`: the record's terms with the history's
    /// amendments). Which are owed is [`notices::owed`]; their words are [`cycle_alert`]'s. A
    /// statement whose figures do not reconcile stops the chunk.
    #[allow(clippy::too_many_arguments)] // the loan, its terms and history, the two states
    fn cycle_notices(
        &self,
        row: &CobRow,
        record: &store::LoanRecord,
        amended: &LoanTerms,
        history: &[Transaction],
        old: &LoanState,
        new: &LoanState,
        work: &mut Replays,
    ) -> Result<(), CobError> {
        let has_autopay = work.autopays.contains_key(&row.loan);
        let owed = self.owed_notices(row, amended, old, new, work);
        let last4 = record.account_number.last4();
        let about = CycleLoan {
            site: self.servicer(),
            loan: row.loan,
            last4: &last4,
        };
        for notice in owed {
            if let Notice::Statement {
                installment,
                statement_date,
                previous_due,
            } = notice
            {
                if let Some(p) = self.make_statement(
                    record,
                    history,
                    installment,
                    statement_date,
                    previous_due,
                    has_autopay,
                )? {
                    work.statements.push((row.loan, p));
                }
            } else if let Some(alert) = cycle_alert(&about, notice) {
                work.alerts.push((record.borrower, alert));
            }
        }
        Ok(())
    }

    /// The notices the loan (of `terms`, as amended) is owed for the dates between the two
    /// states, given its AutoPay and the payments pending on it.
    fn owed_notices(
        &self,
        row: &CobRow,
        terms: &LoanTerms,
        old: &LoanState,
        new: &LoanState,
        work: &Replays,
    ) -> Vec<Notice> {
        let plan = work.autopays.get(&row.loan).map(|a| AutopayPlan {
            days_before_due: a.days_before_due,
            fixed_amount: a.fixed_amount,
            cadence: a.cadence,
        });
        let pending = crate::payments::pending_of(
            work.scheduled.get(&row.loan).map_or(&[][..], Vec::as_slice),
        );
        notices::owed(terms, self.cycle(), old, new, plan, &pending)
    }
}

/// The fast path, when it applies: the night's accrual entries (pushed to `entries`) and
/// the snapshot's new figures. `None` sends the loan to the replay.
fn fast_path(
    row: &CobRow,
    next: Date,
    entries: &mut Vec<(Option<LoanId>, JournalEntry)>,
    progress: &mut CobProgress,
) -> Option<Advance> {
    let s = &row.snapshot;
    if s.status != LoanStatus::Active {
        // Paid off or charged off: nothing accrues or falls due.
        return Some(Advance {
            loan: row.loan,
            interest: s.interest,
            carry: s.carry,
            days_past_due: 0,
        });
    }
    let balance = s.principal + s.interest + s.fees;
    let quiet =
        s.next_event.is_some_and(|e| e > next) && s.amount_due < balance && s.past_due < balance;
    if !quiet {
        return None;
    }
    let mut carry = s.carry;
    let mut interest = s.interest;
    if s.principal.is_positive() {
        let daily = DailyAccrual::new(s.principal, row.rate, row.day_count);
        let mut day = s.as_of;
        while day < next {
            let cents = daily.accrue_day(row.day_count.day_weight(day), &mut carry);
            if cents > 0 {
                let amount = Money::from_cents(cents);
                interest += amount;
                progress.accrued += amount;
                if let Some(entry) = ledger::for_event(&LoanEvent::Accrued { date: day, amount }) {
                    entries.push((Some(row.loan), entry));
                }
            }
            day = day.tomorrow().ok()?;
        }
    }
    let days = u32::try_from(money::days_between(s.as_of, next)).ok()?;
    Some(Advance {
        loan: row.loan,
        interest,
        carry,
        days_past_due: if s.days_past_due > 0 {
            s.days_past_due + days
        } else {
            0
        },
    })
}

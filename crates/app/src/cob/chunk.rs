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

use super::CobError;
use crate::App;
use crate::alerts::Alert;
use crate::snapshot;
use domain::accrual::DailyAccrual;
use domain::ledger::{self, JournalEntry};
use domain::loan::{FeeKind, LoanEvent, LoanState, replay_to_start_of};
use jiff::civil::Date;
use money::Money;
use store::{Advance, CobChunk, CobProgress, CobRow, CobRun, LoanId, LoanSnapshot, Tx};

impl App {
    /// Closes one claimed chunk of `run`.
    pub(super) async fn close_chunk(&self, run: &CobRun, chunk: CobChunk) -> Result<(), CobError> {
        let now = self.now_us();
        let mut tx = self.store().begin().await?;
        let rows = tx.cob_rows(chunk.first, chunk.last, run.next_date).await?;
        let mut progress = CobProgress::default();
        let mut advances = Vec::with_capacity(rows.len());
        let mut entries: Vec<(Option<LoanId>, JournalEntry)> = Vec::with_capacity(rows.len());
        let mut replayed: Vec<(LoanId, LoanSnapshot)> = Vec::new();
        // The chunk's histories in one read, when any loan of it needs a replay.
        let mut histories = None;
        for row in &rows {
            progress.loans_done += 1;
            if let Some(advance) = fast_path(row, run.next_date, &mut entries, &mut progress) {
                advances.push(advance);
                continue;
            }
            progress.replayed += 1;
            if histories.is_none() {
                histories = Some((
                    tx.histories(chunk.first, chunk.last).await?,
                    tx.loans_in_range(chunk.first, chunk.last).await?,
                ));
            }
            let (history, record) = match histories.as_mut() {
                Some((h, r)) => (h.remove(&row.loan).unwrap_or_default(), r.remove(&row.loan)),
                None => (Vec::new(), None),
            };
            let record = match record {
                Some(r) => r,
                None => tx.loan(row.loan).await?,
            };
            let snapshot = self
                .replay_loan(
                    &mut tx,
                    row,
                    &record,
                    history,
                    run,
                    &mut entries,
                    &mut progress,
                    now,
                )
                .await?;
            replayed.push((row.loan, snapshot));
        }
        tx.advance_snapshots(&advances, run.next_date, now).await?;
        tx.put_snapshots(&replayed, now).await?;
        tx.post_entries(&entries, now).await?;
        tx.complete_cob_chunk(run.date, chunk.number, &progress, now)
            .await?;
        tx.commit().await?;
        Ok(())
    }

    /// The slow path: replay the loan to the next date, restate its books, and send what its
    /// cycle dates in the window call for.
    #[allow(clippy::too_many_arguments)] // the loan, where it is going, and what to add to
    async fn replay_loan(
        &self,
        tx: &mut Tx,
        row: &CobRow,
        record: &store::LoanRecord,
        history: Vec<domain::loan::Transaction>,
        run: &CobRun,
        entries: &mut Vec<(Option<LoanId>, JournalEntry)>,
        progress: &mut CobProgress,
        now: i64,
    ) -> Result<LoanSnapshot, CobError> {
        let terms = &record.terms;
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
        self.cycle_notices(tx, row, record, &history, &old, &new, now)
            .await?;
        Ok(snapshot::of_state(terms, &new, self.cycle()))
    }

    /// Reminders, AutoPay notices, past-due and late-fee notices, and statements for the cycle
    /// dates between the two states (each keyed by its event, so a re-run sends nothing new).
    #[allow(clippy::too_many_arguments)] // the two states and what they were computed from
    async fn cycle_notices(
        &self,
        tx: &mut Tx,
        row: &CobRow,
        record: &store::LoanRecord,
        history: &[domain::loan::Transaction],
        old: &LoanState,
        new: &LoanState,
        now: i64,
    ) -> Result<(), CobError> {
        let cycle = *self.cycle();
        let window = |d: Date| d > old.as_of && d <= new.as_of;
        let last4 = record.account_number.last4();
        let borrower = record.borrower;
        let phone = self.servicer().phone.clone();
        // New late fees.
        for event in new.events.iter().skip(old.events.len()) {
            if let LoanEvent::FeeAssessed {
                kind: FeeKind::Late { installment },
                amount,
                date,
            } = event
            {
                self.send_alert(tx, borrower, &Alert {
                    alert: "past_due",
                    subject: format!("A late fee of ${amount} was charged"),
                    body: format!("We have not received the full payment due on the loan ending in {last4}, so a late fee of ${amount} was charged on {date}. The amount due now is ${}.\n\nPay in the portal, or call {phone}.\n", new.amount_due()),
                    key: format!("late-fee:{}:{installment}", row.loan.0),
                }, now).await?;
            }
        }
        // Read only when a reminder or a statement needs it (most replays are a due date or a
        // grace period passing).
        let needs_autopay = new.installments.iter().any(|inst| {
            window(cycle.reminder_date(inst.due_date))
                || window(
                    cycle
                        .statement_date(inst.due_date)
                        .saturating_add(jiff::Span::new().days(1)),
                )
        });
        let autopay = if needs_autopay {
            tx.live_autopay(row.loan).await?
        } else {
            None
        };
        for (i, inst) in new.installments.iter().enumerate() {
            let due = inst.due_date;
            // Past due: the day after the due date, unpaid.
            if window(due.saturating_add(jiff::Span::new().days(1)))
                && !inst.is_paid()
                && new.status == domain::loan::LoanStatus::Active
            {
                self.send_alert(tx, borrower, &Alert {
                    alert: "past_due",
                    subject: "Your payment is past due".into(),
                    body: format!("The payment of ${} due {due} on the loan ending in {last4} has not been paid in full. The amount due now is ${}.{}\n\nPay in the portal, or call {phone}.\n",
                        inst.amount, new.amount_due(),
                        if terms_late_fee(record).is_positive() { format!(" A late fee of ${} will be charged if it is not paid by {}.", terms_late_fee(record), due.saturating_add(jiff::Span::new().days(i64::from(record.terms.late_fee.grace_period_days)))) } else { String::new() }),
                    key: format!("past-due:{}:{}", row.loan.0, inst.number),
                }, now).await?;
            }
            // Due soon: a few days before, unless a payment covering it is pending or AutoPay
            // will draft it (AutoPay says so itself).
            if window(cycle.reminder_date(due))
                && !inst.is_paid()
                && new.status == domain::loan::LoanStatus::Active
            {
                let due_now = new.amount_due();
                if let Some(a) = &autopay {
                    let on = crate::payments::ach::draft_day(due, a.days_before_due);
                    let amount = a
                        .fixed_amount
                        .map_or(due_now, |f| f.max(due_now))
                        .min(new.balance());
                    self.send_alert(tx, borrower, &Alert {
                        alert: "autopay_upcoming",
                        subject: format!("AutoPay will draft ${amount} on {on}"),
                        body: format!("AutoPay will draft ${amount} on {on} for the payment due {due} on the loan ending in {last4}.\n\nTo change or turn off AutoPay, sign in to the portal or call {phone}.\n"),
                        key: format!("autopay-reminder:{}:{}", row.loan.0, inst.number),
                    }, now).await?;
                } else {
                    let pending: Money = tx
                        .payments_of_loan(row.loan)
                        .await?
                        .iter()
                        .filter(|p| p.status == "scheduled" && p.credit_date <= due)
                        .map(|p| p.amount)
                        .sum();
                    if pending < due_now {
                        self.send_alert(tx, borrower, &Alert {
                            alert: "payment_due",
                            subject: format!("Payment of ${due_now} due {due}"),
                            body: format!("Your payment of ${due_now} on the loan ending in {last4} is due {due}.\n\nPay in the portal, set up AutoPay, or call {phone}.\n"),
                            key: format!("due-soon:{}:{}", row.loan.0, inst.number),
                        }, now).await?;
                    }
                }
            }
            // The statement, the day after its cycle ends (its figures are as of that end).
            let statement_day = cycle.statement_date(due);
            if window(statement_day.saturating_add(jiff::Span::new().days(1)))
                && new.status == domain::loan::LoanStatus::Active
            {
                let previous = i.checked_sub(1).map(|p| new.installments[p].due_date);
                self.issue_statement(
                    tx,
                    row,
                    record,
                    history,
                    inst.number,
                    statement_day,
                    previous,
                    autopay.is_some(),
                    now,
                )
                .await?;
            }
        }
        Ok(())
    }
}

fn terms_late_fee(record: &store::LoanRecord) -> Money {
    record
        .terms
        .installments
        .first()
        .map_or(Money::ZERO, |i| record.terms.late_fee.fee_for(i.amount))
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
    if s.status != "active" {
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

//! ACH refunds: the pending ones go out in the day's file we originate, each a PPD credit
//! entry in the refunds' own batch (service class 220) with a trace number of its own, and its
//! entry posted as it goes (Dr refunds payable, Cr cash/clearing); and a refund credit the
//! borrower's bank sends back (a return of a credit, transaction code 21 or 31) is marked
//! failed, its money back in refunds payable (Dr cash/clearing, Cr refunds payable), and its
//! refund reversed in the loan's history in the same transaction: the replay leaves the refund
//! out, so the money is back in the loan's unapplied funds (the restatement: Dr refunds
//! payable, Cr unapplied funds), refunds payable holds nothing for it, and staff may decide a
//! refund again.

use crate::App;
use crate::payments::ach::AchError;
use domain::ledger::{refund_returned, refund_sent};
use domain::routing_number::RoutingNumber;
use formats::nacha::{AccountKind, Credit, Sec};
use jiff::civil::Date;
use std::collections::HashSet;
use store::{AuditEvent, Refund, StoreError, Tx};

/// Where the trace sequences of refund credits start: apart from those of the debits (a
/// payment's id), so a credit and a debit rarely share a trace number, and a return says
/// which it answers by its transaction code anyway.
const FIRST_SEQUENCE: u64 = 9_000_000;

/// The entry description of a refund's batch.
const DESCRIPTION: &str = "REFUND";

/// The sequence part of a trace number (its last seven digits).
fn trace_sequence(trace: &str) -> Option<u64> {
    trace.get(8..).and_then(|t| t.parse().ok())
}

/// The first sequence from refund `id`'s own that no entry of the file has taken (`used`),
/// taken now; none when every sequence is taken (a file holds far fewer than ten million
/// entries).
fn free_sequence(id: i64, used: &mut HashSet<u64>) -> Option<u64> {
    let own = u64::try_from(id.rem_euclid(1_000_000)).unwrap_or(0);
    let mut seq = FIRST_SEQUENCE + own;
    for _ in 0..10_000_000_u32 {
        if seq != 0 && used.insert(seq) {
            return Some(seq);
        }
        seq = (seq + 1) % 10_000_000;
    }
    None
}

impl App {
    /// Puts, in `tx`, every pending ACH refund decided by `date` in the file of `date`: each
    /// given a trace number no other entry of the file has (`used`, the sequences taken so
    /// far, grows), marked sent and its entry posted; the credits as they go in the file. A
    /// refund the file could not carry faithfully (its account was removed, cannot be opened,
    /// or is not one an entry carries) stays pending, logged and listed for staff on the
    /// credit-balance report, so one bad entry never makes the bank refuse every other in the
    /// file.
    pub(crate) async fn send_ach_refunds(
        &self,
        tx: &mut Tx,
        odfi: &RoutingNumber,
        date: Date,
        used: &mut HashSet<u64>,
        now: i64,
    ) -> Result<Vec<Credit>, AchError> {
        let due = tx.ach_refunds_to_send(date).await?;
        let mut out = Vec::with_capacity(due.len());
        for r in due {
            let Some(seq) = free_sequence(r.id, used) else {
                break;
            };
            let Some(credit) = self.credit_of(tx, &r, seq, Accounts::Live).await? else {
                tracing::error!(
                    refund = r.id,
                    "an ACH refund could not be written as an entry; it stays pending for staff"
                );
                used.remove(&seq);
                continue;
            };
            let trace = format!("{}{seq:07}", odfi.bank_id());
            if !tx
                .mark_refund_sent(r.id, Some((date, trace.as_str())), now)
                .await?
            {
                used.remove(&seq);
                continue; // another instance's file took it
            }
            if let Some(entry) = refund_sent(date, r.amount) {
                tx.post_entries(&[(Some(r.loan), entry)], now).await?;
            }
            out.push(credit);
        }
        Ok(out)
    }

    /// The refund credits that went out in the file of `date` (to write it again as it was).
    pub(crate) async fn refund_credits_in_file(
        &self,
        tx: &mut Tx,
        date: Date,
    ) -> Result<Vec<Credit>, AchError> {
        let mut out = Vec::new();
        for r in tx.refunds_in_file(date).await? {
            let corrupt = |why: &str| {
                AchError::Store(StoreError::Corrupt {
                    table: "refunds",
                    detail: format!("refund {}: {why}", r.id),
                })
            };
            let seq = r
                .trace_number
                .as_deref()
                .and_then(trace_sequence)
                .ok_or_else(|| corrupt("it went out without a trace number"))?;
            let credit = self
                .credit_of(tx, &r, seq, Accounts::AsSent)
                .await?
                .ok_or_else(|| corrupt("its bank account can no longer be written as an entry"))?;
            out.push(credit);
        }
        Ok(out)
    }

    /// The credit entry of ACH refund `r`, traced with `seq`: to its saved bank account (the
    /// account number opened from the vault; one the borrower removed only for a file that
    /// went out, as `accounts` says); none when that account cannot be read, opened or
    /// written as an entry.
    async fn credit_of(
        &self,
        tx: &mut Tx,
        r: &Refund,
        seq: u64,
        accounts: Accounts,
    ) -> Result<Option<Credit>, AchError> {
        let Some(method) = r.method_id else {
            return Ok(None);
        };
        let bank = match accounts {
            Accounts::Live => tx.live_bank_details(method).await?,
            Accounts::AsSent => tx.bank_details(method).await?,
        };
        let Some(bank) = bank else {
            return Ok(None);
        };
        let Ok(account) = self.vault().open(
            &bank.sealed_account.0,
            "bank_account_number",
            &bank.sealed_account.1,
        ) else {
            return Ok(None);
        };
        let Ok(routing) = RoutingNumber::parse(&bank.routing_number) else {
            return Ok(None);
        };
        let account_number = String::from_utf8_lossy(&account).into_owned();
        if !formats::nacha::is_entry_account(&account_number) || r.amount.cents() > 9_999_999_999 {
            return Ok(None);
        }
        Ok(Some(Credit {
            sec: Sec::Ppd,
            description: DESCRIPTION.into(),
            routing,
            account_number,
            kind: AccountKind::of_account_type(&bank.account_type),
            amount: r.amount,
            individual_id: r.reference.clone(),
            name: bank.holder_name,
            trace_sequence: seq,
        }))
    }

    /// The ACH refund a return entry answers, when it is the return of a credit (transaction
    /// code 21 or 31) naming the trace number of a refund we sent; read in `tx`.
    pub(crate) async fn returned_refund(
        &self,
        tx: &mut Tx,
        e: &formats::nacha::Entry,
    ) -> Result<Option<Refund>, StoreError> {
        let Some(r) = &e.returned else {
            return Ok(None);
        };
        if e.is_debit() {
            return Ok(None);
        }
        tx.refund_by_trace(&r.original_trace).await
    }

    /// A refund credit the borrower's bank sent back with `code`, applied in `tx`: the refund
    /// marked failed (listed for staff to decide again), the returned money in refunds payable
    /// (Dr cash/clearing, Cr refunds payable), and the refund reversed in the loan's history
    /// through the one posting path, so the money is back in the loan's unapplied funds (the
    /// restatement takes it out of refunds payable again: nothing is left there for it);
    /// false when it was not sent or already failed (the same return read twice).
    pub(crate) async fn refund_came_back(
        &self,
        tx: &mut Tx,
        r: &Refund,
        code: &str,
        today: Date,
        now: i64,
    ) -> Result<bool, StoreError> {
        if !tx.mark_refund_failed(r.id, code, today, now).await? {
            return Ok(false);
        }
        if let Some(entry) = refund_returned(today, r.amount) {
            tx.post_entries(&[(Some(r.loan), entry)], now).await?;
        }
        let (reversal, as_of) = self.reverse_refund(tx, r.loan, r.txn, today, now).await?;
        tx.audit(
            &AuditEvent {
                actor: "ach".into(),
                action: "refund.returned".into(),
                subject: format!("loan:{}", r.loan.0),
                detail: serde_json::json!({
                    "reference": r.reference,
                    "amount_cents": r.amount.cents(),
                    "return_code": code,
                    "trace": r.trace_number,
                    "reversal_txn": reversal.0,
                    "date": as_of.to_string(),
                })
                .to_string(),
            },
            now,
        )
        .await?;
        Ok(true)
    }
}

/// Which saved bank accounts a refund's credit may be written to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Accounts {
    /// Only one the borrower has not removed: the credit goes out now.
    Live,
    /// Any, removed since too: the credit went out in a file written again as it was.
    AsSent,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_refund_takes_its_own_sequence_or_the_next_one_free() {
        let mut used: HashSet<u64> = [9_000_007, 9_000_008].into_iter().collect();
        assert_eq!(free_sequence(3, &mut used), Some(9_000_003));
        assert_eq!(free_sequence(7, &mut used), Some(9_000_009));
        assert_eq!(free_sequence(1_000_003, &mut used), Some(9_000_004));
        assert_eq!(free_sequence(999_999, &mut used), Some(9_999_999));
        assert_eq!(
            free_sequence(999_999, &mut used),
            Some(1),
            "wraps past zero"
        );
        assert_eq!(trace_sequence("021000029000003"), Some(9_000_003));
    }
}

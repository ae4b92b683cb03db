//! The returns of the credits we refuse, in the file we originate: each queued refusal goes
//! in the next file (its trace number one no debit of that file has), its hold in suspense
//! reversed the day the file carries it, and the file written again carries the same returns.

use crate::App;
use crate::payments::ach::AchError;
use domain::ledger::remittance_held;
use domain::routing_number::RoutingNumber;
use formats::nacha::{CreditReturn, Refusal};
use jiff::civil::Date;
use store::{AchRefusal, AuditEvent, Payment, StoreError, Tx};

impl App {
    /// Puts the returns of every queued refusal in the file of `date` (after the debits
    /// `sent`, whose trace numbers they do not reuse), reversing each one's hold; the returns.
    pub(in crate::payments::ach) async fn send_refusals(
        &self,
        tx: &mut Tx,
        odfi: &RoutingNumber,
        date: Date,
        sent: &[Payment],
        now: i64,
    ) -> Result<Vec<CreditReturn>, AchError> {
        let queued = tx.queued_ach_refusals().await?;
        if queued.is_empty() {
            return Ok(Vec::new());
        }
        let mut used: std::collections::HashSet<u64> = sent
            .iter()
            .filter_map(|p| trace_sequence(p.trace_number.as_deref()?))
            .collect();
        let mut next = used.iter().max().copied().unwrap_or(0);
        let mut out = Vec::with_capacity(queued.len());
        for r in queued {
            // The next sequence no debit of the file has (a file holds far fewer than ten
            // million entries, so one is always found).
            let mut seq = None;
            for _ in 0..10_000_000_u32 {
                next = (next + 1) % 10_000_000;
                if next != 0 && used.insert(next) {
                    seq = Some(next);
                    break;
                }
            }
            let Some(seq) = seq else { break };
            let trace = format!("{}{seq:07}", odfi.bank_id());
            if !tx.mark_ach_refusal_sent(r.id, date, &trace, now).await? {
                continue; // another instance's file took it
            }
            if let Some(held) = remittance_held(r.refusal.received_on, r.refusal.amount) {
                tx.post_entries(&[(None, held.reversal(date))], now).await?;
            }
            out.push(credit_return(&r, seq)?);
        }
        if !out.is_empty() {
            let listed: Vec<serde_json::Value> = out
                .iter()
                .map(|r| {
                    serde_json::json!({
                        "original_trace": r.original_trace,
                        "reason": r.reason.code(),
                        "amount_cents": r.amount.cents(),
                        "trace_sequence": r.trace_sequence,
                    })
                })
                .collect();
            tx.audit(
                &AuditEvent {
                    actor: "ach".into(),
                    action: "ach.credits_returned".into(),
                    subject: format!("ach:{date}"),
                    detail: serde_json::json!({ "returns": listed }).to_string(),
                },
                now,
            )
            .await?;
        }
        Ok(out)
    }

    /// The returns that went out in the file of `date` (to write it again as it was).
    pub(in crate::payments::ach) async fn refusals_in_file(
        &self,
        tx: &mut Tx,
        date: Date,
    ) -> Result<Vec<CreditReturn>, AchError> {
        tx.ach_refusals_in_file(date)
            .await?
            .iter()
            .map(|r| {
                let seq = r
                    .return_trace
                    .as_deref()
                    .and_then(trace_sequence)
                    .ok_or_else(|| corrupt(r, "its return has no trace number"))?;
                credit_return(r, seq)
            })
            .collect()
    }
}

/// The sequence part of a trace number (its last seven digits).
fn trace_sequence(trace: &str) -> Option<u64> {
    trace.get(8..).and_then(|t| t.parse().ok())
}

/// A stored refusal that cannot be what it says.
fn corrupt(r: &AchRefusal, why: &str) -> AchError {
    AchError::Store(StoreError::Corrupt {
        table: "ach_refusals",
        detail: format!("refusal {}: {why}", r.id),
    })
}

/// The return entry of stored refusal `r`, traced with `seq`.
fn credit_return(r: &AchRefusal, seq: u64) -> Result<CreditReturn, AchError> {
    let f = &r.refusal;
    Ok(CreditReturn {
        sec: f.sec.clone(),
        company_name: f.company_name.clone(),
        company_id: f.company_id.clone(),
        description: f.description.clone(),
        transaction_code: f.transaction_code.clone(),
        paying_bank: RoutingNumber::parse(&f.paying_bank)
            .map_err(|_| corrupt(r, "the paying bank is not a routing number"))?,
        original_rdfi: f.original_rdfi.clone(),
        account_number: f.account_number.clone(),
        amount: f.amount,
        individual_id: f.individual_id.clone(),
        individual_name: f.individual_name.clone(),
        original_trace: f.original_trace.clone(),
        reason: Refusal::parse(&f.reason).ok_or_else(|| corrupt(r, "an unknown reason"))?,
        trace_sequence: seq,
    })
}

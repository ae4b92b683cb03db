//! One posting rule per business event (the table in docs/accounting.md).

use super::entry::{Account::*, EntryKind, JournalEntry, Line};
use crate::loan::{LoanEvent, OpeningBalances};
use jiff::civil::Date;
use money::Money;
use std::collections::HashMap;

/// Disbursement of a new loan: Dr principal receivable, Cr cash/clearing.
pub fn disbursement(date: Date, amount: Money) -> Option<JournalEntry> {
    JournalEntry::from_rule(
        date,
        EntryKind::Disbursement,
        vec![
            Line::debit(PrincipalReceivable, amount),
            Line::credit(CashClearing, amount),
        ],
    )
}

/// Boarding a transferred loan: Dr principal, interest and fees receivable at the prior
/// servicer's balances; Cr cash/clearing (the purchase or transfer settlement).
pub fn boarding(date: Date, opening: &OpeningBalances) -> Option<JournalEntry> {
    let total = opening.principal + opening.interest + opening.fees;
    JournalEntry::from_rule(
        date,
        EntryKind::Boarding,
        vec![
            Line::debit(PrincipalReceivable, opening.principal),
            Line::debit(InterestReceivable, opening.interest),
            Line::debit(FeesReceivable, opening.fees),
            Line::credit(CashClearing, total),
        ],
    )
}

/// The entry a replayed loan event posts (`None` for an event of zero amount).
pub fn for_event(event: &LoanEvent) -> Option<JournalEntry> {
    match *event {
        // Dr interest receivable, Cr interest income.
        LoanEvent::Accrued { date, amount } => JournalEntry::from_rule(
            date,
            EntryKind::Accrual,
            vec![
                Line::debit(InterestReceivable, amount),
                Line::credit(InterestIncome, amount),
            ],
        ),
        // Dr fees receivable, Cr fee income.
        LoanEvent::FeeAssessed { date, amount, .. } => JournalEntry::from_rule(
            date,
            EntryKind::FeeAssessed,
            vec![
                Line::debit(FeesReceivable, amount),
                Line::credit(FeeIncome, amount),
            ],
        ),
        // Dr fee income, Cr fees receivable.
        LoanEvent::FeeWaived { date, amount, .. } => JournalEntry::from_rule(
            date,
            EntryKind::FeeWaived,
            vec![
                Line::debit(FeeIncome, amount),
                Line::credit(FeesReceivable, amount),
            ],
        ),
        // Dr cash/clearing; Cr each balance paid, and unapplied funds for any excess.
        LoanEvent::PaymentApplied(p) => JournalEntry::from_rule(
            p.date,
            EntryKind::PaymentApplied,
            vec![
                Line::debit(CashClearing, p.amount),
                Line::credit(FeesReceivable, p.fees),
                Line::credit(InterestReceivable, p.interest),
                Line::credit(PrincipalReceivable, p.principal),
                Line::credit(UnappliedFunds, p.unapplied),
            ],
        ),
        // Dr charge-off; Cr every receivable written off.
        LoanEvent::ChargedOff {
            date,
            principal,
            interest,
            fees,
        } => JournalEntry::from_rule(
            date,
            EntryKind::ChargeOff,
            vec![
                Line::debit(ChargeOff, principal + interest + fees),
                Line::credit(PrincipalReceivable, principal),
                Line::credit(InterestReceivable, interest),
                Line::credit(FeesReceivable, fees),
            ],
        ),
    }
}

/// The entries that bring the books from an old replay of a loan to a new one (after a
/// backdated payment or a reversal): a reversing entry, dated `on`, for every event that is no
/// longer there, and the entry of every event that is new. Unchanged events post nothing.
pub fn restate(old: &[LoanEvent], new: &[LoanEvent], on: Date) -> Vec<JournalEntry> {
    let mut remaining: HashMap<&LoanEvent, usize> = HashMap::new();
    for event in old {
        *remaining.entry(event).or_default() += 1;
    }
    let mut added = Vec::new();
    for event in new {
        match remaining.get_mut(event) {
            Some(n) if *n > 0 => *n -= 1,
            _ => added.push(event),
        }
    }
    let gone = old.iter().filter(|e| {
        remaining.get_mut(e).is_some_and(|n| {
            let keep = *n > 0;
            if keep {
                *n -= 1;
            }
            keep
        })
    });
    gone.filter_map(|e| for_event(e).map(|entry| entry.reversal(on)))
        .chain(added.into_iter().filter_map(for_event))
        .collect()
}

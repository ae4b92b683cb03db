//! One posting rule per business event (the table in docs/accounting.md).

use super::entry::{Account::*, EntryKind, JournalEntry, Line};
use crate::loan::{FeeKind, LoanEvent, OpeningBalances};
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

/// A mailed or bill-pay item that matched no loan, queued as an exception: Dr cash/clearing
/// (the money did arrive), Cr remittance suspense (owed to a loan or a payer, not yet known
/// which).
pub fn remittance_held(date: Date, amount: Money) -> Option<JournalEntry> {
    JournalEntry::from_rule(
        date,
        EntryKind::RemittanceHeld,
        vec![
            Line::debit(CashClearing, amount),
            Line::credit(Suspense, amount),
        ],
    )
}

/// A held item staff applied to a loan: Dr remittance suspense, Cr cash/clearing. The
/// payment's own entry then takes cash/clearing to the receivables, as for any payment, so
/// the books read the same whether an item matched at once or after a stay in suspense.
pub fn remittance_released(date: Date, amount: Money) -> Option<JournalEntry> {
    JournalEntry::from_rule(
        date,
        EntryKind::RemittanceReleased,
        vec![
            Line::debit(Suspense, amount),
            Line::credit(CashClearing, amount),
        ],
    )
}

/// A held item to be sent back to its payer: Dr remittance suspense, Cr refunds payable
/// (paid out, and cleared, when the refund goes out).
pub fn remittance_returned(date: Date, amount: Money) -> Option<JournalEntry> {
    JournalEntry::from_rule(
        date,
        EntryKind::RemittanceReturned,
        vec![
            Line::debit(Suspense, amount),
            Line::credit(RefundsPayable, amount),
        ],
    )
}

/// The bank reports a deposit or settlement landed in our account: Dr cash in bank, Cr
/// cash/clearing.
pub fn bank_credit(date: Date, amount: Money) -> Option<JournalEntry> {
    JournalEntry::from_rule(
        date,
        EntryKind::BankCredit,
        vec![
            Line::debit(CashInBank, amount),
            Line::credit(CashClearing, amount),
        ],
    )
}

/// The bank reports money taken from our account (a returned item, or a debit): Dr
/// cash/clearing, Cr cash in bank.
pub fn bank_debit(date: Date, amount: Money) -> Option<JournalEntry> {
    JournalEntry::from_rule(
        date,
        EntryKind::BankDebit,
        vec![
            Line::debit(CashClearing, amount),
            Line::credit(CashInBank, amount),
        ],
    )
}

/// A refund sent (an ACH credit in the day's file, a card refund the processor accepted):
/// Dr refunds payable, Cr cash/clearing, as money we send leaves through the clearing account
/// the payments we take arrive in; the bank's report of it then takes it out of cash in bank.
pub fn refund_sent(date: Date, amount: Money) -> Option<JournalEntry> {
    JournalEntry::from_rule(
        date,
        EntryKind::RefundSent,
        vec![
            Line::debit(RefundsPayable, amount),
            Line::credit(CashClearing, amount),
        ],
    )
}

/// A refund the borrower's bank sent back (an R-code on our credit): Dr cash/clearing, Cr
/// refunds payable. The money is owed to the borrower again, until staff decide again.
pub fn refund_returned(date: Date, amount: Money) -> Option<JournalEntry> {
    JournalEntry::from_rule(
        date,
        EntryKind::RefundReturned,
        vec![
            Line::debit(CashClearing, amount),
            Line::credit(RefundsPayable, amount),
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
        // A refund to pay back (a payment that funded it returned or reversed after the refund
        // was decided): Dr fees receivable (the borrower owes it, with the fees), Cr refunds
        // payable (the part of the refund the unapplied funds no longer pay). It is no income:
        // the refund's money left us, and this is the claim to it.
        LoanEvent::FeeAssessed {
            date,
            kind: FeeKind::RefundOwed { .. },
            amount,
        } => JournalEntry::from_rule(
            date,
            EntryKind::RefundOwed,
            vec![
                Line::debit(FeesReceivable, amount),
                Line::credit(RefundsPayable, amount),
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
        // Dr interest income, Cr interest receivable (as a fee waiver is booked).
        LoanEvent::InterestWaived { date, amount, .. } => JournalEntry::from_rule(
            date,
            EntryKind::InterestWaived,
            vec![
                Line::debit(InterestIncome, amount),
                Line::credit(InterestReceivable, amount),
            ],
        ),
        // Dr unapplied funds, Cr refunds payable (cleared when the refund is paid out): the
        // part the credit balance paid; any rest is a refund owed back (above).
        LoanEvent::Refunded { date, amount, .. } => JournalEntry::from_rule(
            date,
            EntryKind::Refunded,
            vec![
                Line::debit(UnappliedFunds, amount),
                Line::credit(RefundsPayable, amount),
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

#[cfg(test)]
mod refund_tests {
    use super::*;
    use crate::ledger::Account::{CashClearing, RefundsPayable};
    use jiff::civil::date;

    #[test]
    fn a_refund_sent_and_returned_moves_refunds_payable_through_cash_clearing_and_back() {
        let (day, amount) = (date(2026, 12, 2), Money::from_cents(12_540));
        let Some(sent) = refund_sent(day, amount) else {
            panic!("a refund of {amount} posts");
        };
        assert_eq!(sent.kind().to_string(), "refund-sent");
        assert_eq!(
            sent.lines(),
            [
                Line::debit(RefundsPayable, amount),
                Line::credit(CashClearing, amount)
            ]
        );
        let Some(back) = refund_returned(day, amount) else {
            panic!("a returned refund of {amount} posts");
        };
        assert_eq!(back.kind().to_string(), "refund-returned");
        assert_eq!(
            back.lines(),
            [
                Line::debit(CashClearing, amount),
                Line::credit(RefundsPayable, amount)
            ]
        );
        assert!(refund_sent(day, Money::ZERO).is_none());
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ledger::{Account, Side, TrialBalance};
    use jiff::civil::date;

    type Rule = fn(Date, Money) -> Option<JournalEntry>;

    /// Each rule with the account it debits and the one it credits.
    const RULES: [(Rule, EntryKind, Account, Account); 5] = [
        (
            remittance_held,
            EntryKind::RemittanceHeld,
            Account::CashClearing,
            Account::Suspense,
        ),
        (
            remittance_released,
            EntryKind::RemittanceReleased,
            Account::Suspense,
            Account::CashClearing,
        ),
        (
            remittance_returned,
            EntryKind::RemittanceReturned,
            Account::Suspense,
            Account::RefundsPayable,
        ),
        (
            bank_credit,
            EntryKind::BankCredit,
            Account::CashInBank,
            Account::CashClearing,
        ),
        (
            bank_debit,
            EntryKind::BankDebit,
            Account::CashClearing,
            Account::CashInBank,
        ),
    ];

    #[test]
    fn each_remittance_and_bank_rule_balances_on_its_two_accounts() {
        let day = date(2026, 3, 2);
        let amount = Money::from_cents(51_023);
        for (rule, kind, debited, credited) in RULES {
            let Some(entry) = rule(day, amount) else {
                panic!("{kind} posted nothing for {amount}");
            };
            assert_eq!(entry.kind(), kind);
            assert_eq!(entry.date(), day);
            assert_eq!(entry.total(), amount, "{kind}");
            assert_eq!(
                entry.lines(),
                [Line::debit(debited, amount), Line::credit(credited, amount)],
                "{kind}"
            );
            let mut tb = TrialBalance::new();
            tb.post(&entry);
            assert!(tb.is_balanced(), "{kind}");
            assert_eq!(rule(day, Money::ZERO), None, "{kind} of zero");
        }
    }

    #[test]
    fn an_interest_waiver_a_refund_and_a_refund_owed_each_balance_on_their_two_accounts() {
        let day = date(2026, 3, 2);
        let amount = Money::from_cents(1_234);
        let txn = crate::loan::TxnId(7);
        let cases = [
            (
                LoanEvent::InterestWaived {
                    date: day,
                    txn,
                    amount,
                },
                EntryKind::InterestWaived,
                Account::InterestIncome,
                Account::InterestReceivable,
            ),
            (
                LoanEvent::Refunded {
                    date: day,
                    txn,
                    amount,
                },
                EntryKind::Refunded,
                Account::UnappliedFunds,
                Account::RefundsPayable,
            ),
            // A refund owed back is a claim on the borrower, never fee income.
            (
                LoanEvent::FeeAssessed {
                    date: day,
                    kind: FeeKind::RefundOwed { refund: txn },
                    amount,
                },
                EntryKind::RefundOwed,
                Account::FeesReceivable,
                Account::RefundsPayable,
            ),
        ];
        for (event, kind, debited, credited) in cases {
            let Some(entry) = for_event(&event) else {
                panic!("{kind} posted nothing for {amount}");
            };
            assert_eq!(entry.kind(), kind);
            assert_eq!(entry.date(), day);
            assert_eq!(
                entry.lines(),
                [Line::debit(debited, amount), Line::credit(credited, amount)],
                "{kind}"
            );
        }
        let nothing = LoanEvent::Refunded {
            date: day,
            txn,
            amount: Money::ZERO,
        };
        assert_eq!(for_event(&nothing), None);
    }

    #[test]
    fn an_item_held_then_released_and_paid_leaves_nothing_in_suspense() {
        let day = date(2026, 3, 2);
        let amount = Money::from_cents(51_023);
        let mut tb = TrialBalance::new();
        for entry in [
            remittance_held(day, amount),
            remittance_released(day, amount),
        ]
        .into_iter()
        .flatten()
        {
            tb.post(&entry);
        }
        assert_eq!(tb.net(Account::Suspense), Money::ZERO);
        // Cash clearing still holds the money, for the payment's own entry to apply.
        assert_eq!(tb.net(Account::CashClearing), Money::ZERO);
        assert_eq!(tb.totals(Account::CashClearing), (amount, amount));

        let mut returned = TrialBalance::new();
        for entry in [
            remittance_held(day, amount),
            remittance_returned(day, amount),
        ]
        .into_iter()
        .flatten()
        {
            returned.post(&entry);
        }
        assert_eq!(returned.net(Account::Suspense), Money::ZERO);
        assert_eq!(returned.net(Account::RefundsPayable), -amount);
        assert_eq!(returned.net(Account::CashClearing), amount);
        assert!(remittance_held(day, amount).is_some_and(|e| {
            e.lines()
                .iter()
                .any(|l| l.side == Side::Credit && l.account == Account::Suspense)
        }));
    }
}

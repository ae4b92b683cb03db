//! Worked examples and properties of the loan fold, checked through the ledger too.

use super::*;
use crate::ledger::{self, Account, TrialBalance};
use crate::payoff::payoff_quote;
use crate::schedule::{Frequency, ScheduleTerms, amortize};
use jiff::civil::{Date, date};
use proptest::prelude::*;

fn m(s: &str) -> Money {
    Money::parse(s).unwrap()
}

/// $10,000 at 7.5 %, 36 monthly payments from 15 Feb 2026, disbursed 15 Jan 2026.
fn loan(day_count: DayCount) -> LoanTerms {
    let rate = Rate::parse("7.5").unwrap();
    let schedule = amortize(&ScheduleTerms {
        amount_financed: m("10000.00"),
        rate,
        term: 36,
        start: date(2026, 1, 15),
        first_payment: date(2026, 2, 15),
        frequency: Frequency::Monthly,
        day_count,
    })
    .unwrap();
    LoanTerms::from_schedule(&schedule, rate, day_count, date(2026, 1, 15), m("10000.00"))
}

fn pay(id: u64, on: Date, amount: &str) -> Transaction {
    Transaction {
        id: TxnId(id),
        date: on,
        kind: TxnKind::Payment {
            amount: m(amount),
            extra: ExtraTo::Principal,
        },
    }
}

fn reverse(id: u64, on: Date, of: u64) -> Transaction {
    Transaction {
        id: TxnId(id),
        date: on,
        kind: TxnKind::Reversal {
            of: TxnId(of),
            insufficient_funds: true,
        },
    }
}

fn waive_interest(id: u64, on: Date, amount: &str) -> Transaction {
    Transaction {
        id: TxnId(id),
        date: on,
        kind: TxnKind::InterestWaiver { amount: m(amount) },
    }
}

fn refund(id: u64, on: Date, amount: &str) -> Transaction {
    Transaction {
        id: TxnId(id),
        date: on,
        kind: TxnKind::Refund { amount: m(amount) },
    }
}

fn due_day(id: u64, on: Date, day: u8) -> Transaction {
    Transaction {
        id: TxnId(id),
        date: on,
        kind: TxnKind::Amendment {
            change: TermsChange::DueDay { day },
        },
    }
}

fn late_fees(state: &LoanState) -> Vec<(Date, u32)> {
    state
        .events
        .iter()
        .filter_map(|e| match e {
            LoanEvent::FeeAssessed {
                date,
                kind: FeeKind::Late { installment },
                ..
            } => Some((*date, *installment)),
            _ => None,
        })
        .collect()
}

/// Books the loan from scratch and checks the receivables equal the state's balances.
fn assert_books_match(terms: &LoanTerms, state: &LoanState) {
    let mut tb = TrialBalance::new();
    tb.post(&ledger::disbursement(terms.accrual_start, terms.opening.principal).unwrap());
    for event in &state.events {
        if let Some(entry) = ledger::for_event(event) {
            tb.post(&entry);
        }
    }
    assert!(tb.is_balanced());
    assert_eq!(tb.net(Account::PrincipalReceivable), state.principal);
    assert_eq!(tb.net(Account::InterestReceivable), state.interest);
    assert_eq!(tb.net(Account::FeesReceivable), state.fees);
    assert_eq!(-tb.net(Account::UnappliedFunds), state.unapplied);
}

#[test]
fn the_first_payment_pays_31_days_of_interest_then_principal() {
    let terms = loan(DayCount::Actual365Fixed);
    let state = replay(
        &terms,
        &[pay(1, date(2026, 2, 15), "311.06")],
        date(2026, 2, 15),
    );
    let split = state.applied_payments().next().copied().unwrap();
    // 10000 × 7.5 % × 31/365 = 63.698…: 63.69 posted, the rest carried.
    assert_eq!(
        (split.fees, split.interest, split.principal),
        (m("0"), m("63.69"), m("247.37"))
    );
    assert_eq!(state.principal, m("9752.63"));
    assert_books_match(&terms, &state);
}

#[test]
fn a_payment_before_the_due_date_counts_for_that_installment() {
    let terms = loan(DayCount::Actual365Fixed);
    let due = terms.installments[0].amount.to_string();
    let state = replay(&terms, &[pay(1, date(2026, 2, 10), &due)], date(2026, 3, 1));
    assert!(late_fees(&state).is_empty());
    assert!(state.installments[0].is_paid());
    assert_eq!(state.days_past_due(), 0);
}

#[test]
fn the_late_fee_comes_the_day_after_the_grace_period_and_only_once() {
    let terms = loan(DayCount::Actual365Fixed);
    // Paid on the last day of grace (15 Feb + 10 = 25 Feb): on time.
    let due = terms.installments[0].amount.to_string();
    let on_time = replay(
        &terms,
        &[pay(1, date(2026, 2, 25), &due)],
        date(2026, 3, 10),
    );
    assert!(late_fees(&on_time).is_empty());
    // Not paid: one fee on 26 Feb, none again for the same installment.
    let unpaid = replay(&terms, &[], date(2026, 3, 14));
    assert_eq!(late_fees(&unpaid), vec![(date(2026, 2, 26), 1)]);
    assert_eq!(unpaid.fees, m("25.00"));
    assert_eq!(unpaid.days_past_due(), 27);
    assert_eq!(
        unpaid.aging_bucket(),
        crate::delinquency::AgingBucket::Days1To29
    );
    assert_books_match(&terms, &unpaid);
}

#[test]
fn late_fees_are_never_pyramided() {
    let terms = loan(DayCount::Actual365Fixed);
    let installment = terms.installments[0].amount.to_string();
    // Installment 1 paid late, for the installment amount only: the waterfall takes the late
    // fee out of it first, so less than the installment reaches interest and principal. The
    // installment still counts as paid, and installment 2, paid on time, is not late either.
    let history = [
        pay(1, date(2026, 3, 1), &installment),
        pay(2, date(2026, 3, 15), &installment),
    ];
    let state = replay(&terms, &history, date(2026, 4, 1));
    assert_eq!(late_fees(&state), vec![(date(2026, 2, 26), 1)]);
    let first = state.applied_payments().next().copied().unwrap();
    assert_eq!(first.fees, m("25.00"));
    assert!(state.installments[0].is_paid() && state.installments[1].is_paid());
    assert_eq!(state.fees, Money::ZERO);
}

#[test]
fn extra_goes_to_principal_unless_the_borrower_pays_ahead() {
    let terms = loan(DayCount::Actual365Fixed);
    let installment = terms.installments[0].amount;
    let double = |extra| Transaction {
        id: TxnId(1),
        date: date(2026, 2, 15),
        kind: TxnKind::Payment {
            amount: installment + installment,
            extra,
        },
    };
    let to_principal = replay(&terms, &[double(ExtraTo::Principal)], date(2026, 3, 1));
    let ahead = replay(
        &terms,
        &[double(ExtraTo::NextInstallment)],
        date(2026, 3, 1),
    );
    // Same balances either way: the extra reduced principal at once.
    assert_eq!(to_principal.principal, ahead.principal);
    // But only paying ahead covers the March installment.
    assert!(!to_principal.installments[1].is_paid());
    assert!(ahead.installments[1].is_paid());
    assert_eq!(ahead.amount_due(), m("0.00"));
    assert_eq!(to_principal.amount_due(), installment);
}

#[test]
fn a_reversal_re_splits_every_later_payment_as_if_the_payment_never_was() {
    let terms = loan(DayCount::Actual365Fixed);
    let paid = [
        pay(1, date(2026, 2, 15), "311.06"),
        pay(2, date(2026, 3, 15), "311.06"),
        pay(3, date(2026, 4, 15), "311.06"),
    ];
    let mut with_return = paid.to_vec();
    with_return.push(reverse(4, date(2026, 2, 20), 1));
    let as_if_never: Vec<Transaction> = paid[1..].to_vec();
    let through = date(2026, 5, 1);
    let returned = replay(&terms, &with_return, through);
    let never = replay(&terms, &as_if_never, through);
    let splits = |s: &LoanState| s.applied_payments().copied().collect::<Vec<_>>();
    assert_eq!(splits(&returned), splits(&never));
    assert_eq!(returned.principal, never.principal);
    assert_eq!(returned.interest, never.interest);
    // Without an NSF fee rule, nothing else differs.
    assert_eq!(returned.fees, never.fees);

    // With an NSF fee, the return also assesses it on the return date.
    let mut nsf = terms.clone();
    nsf.nsf_fee.fee = Some(m("15.00"));
    let with_fee = replay(&nsf, &with_return, through);
    assert!(with_fee.events.iter().any(|e| matches!(
        e,
        LoanEvent::FeeAssessed { date: d, kind: FeeKind::Nsf { .. }, .. } if *d == date(2026, 2, 20)
    )));
}

#[test]
fn restating_the_books_after_a_reversal_reaches_the_new_balances() {
    let terms = loan(DayCount::Actual365Fixed);
    let before = vec![
        pay(1, date(2026, 2, 15), "311.06"),
        pay(2, date(2026, 3, 15), "311.06"),
    ];
    let mut after = before.clone();
    after.push(reverse(3, date(2026, 3, 20), 1));
    let through = date(2026, 3, 31);
    let old = replay(&terms, &before, through);
    let new = replay(&terms, &after, through);
    let mut tb = TrialBalance::new();
    tb.post(&ledger::disbursement(terms.accrual_start, terms.opening.principal).unwrap());
    for e in old.events.iter().filter_map(ledger::for_event) {
        tb.post(&e);
    }
    for e in ledger::restate(&old.events, &new.events, date(2026, 3, 20)) {
        tb.post(&e);
    }
    assert!(tb.is_balanced());
    assert_eq!(tb.net(Account::PrincipalReceivable), new.principal);
    assert_eq!(tb.net(Account::InterestReceivable), new.interest);
    assert_eq!(tb.net(Account::FeesReceivable), new.fees);
}

#[test]
fn paying_the_quoted_payoff_closes_the_loan() {
    let terms = loan(DayCount::Actual365Fixed);
    let history = vec![pay(1, date(2026, 2, 15), "311.06")];
    let quote = payoff_quote(&terms, &history, date(2026, 3, 3)).unwrap();
    // 9752.63 × 7.5 % / 365 = 2.0040…
    assert_eq!(quote.per_diem, m("2.00"));
    assert_eq!(quote.total, quote.principal + quote.interest + quote.fees);
    let mut paid = history.clone();
    paid.push(pay(2, date(2026, 3, 3), &quote.total.to_string()));
    let state = replay(&terms, &paid, date(2026, 6, 1));
    assert_eq!(state.status, LoanStatus::PaidOff);
    assert_eq!(state.balance(), Money::ZERO);
    assert_eq!(state.amount_due(), Money::ZERO);
    assert!(
        late_fees(&state).is_empty(),
        "paid-off loans are never late"
    );
    assert_books_match(&terms, &state);
}

#[test]
fn paying_the_schedule_on_time_under_30_360_repays_the_loan_to_within_cents() {
    let terms = loan(DayCount::Thirty360);
    let history: Vec<Transaction> = terms
        .installments
        .iter()
        .map(|i| pay(u64::from(i.number), i.due_date, &i.amount.to_string()))
        .collect();
    let state = replay(&terms, &history, date(2029, 1, 15));
    assert!(state.balance() <= m("0.05"), "left {}", state.balance());
    assert!(late_fees(&state).is_empty());
}

#[test]
fn a_charge_off_writes_off_every_balance_and_stops_accrual() {
    let terms = loan(DayCount::Actual365Fixed);
    let off = Transaction {
        id: TxnId(9),
        date: date(2026, 7, 1),
        kind: TxnKind::ChargeOff,
    };
    let state = replay(&terms, &[off], date(2026, 8, 1));
    assert_eq!(state.status, LoanStatus::ChargedOff);
    assert_eq!(state.balance(), Money::ZERO);
    assert!(
        !state
            .events
            .iter()
            .any(|e| matches!(e, LoanEvent::Accrued { date: d, .. } if *d > date(2026, 7, 1)))
    );
    let mut tb = TrialBalance::new();
    tb.post(&ledger::disbursement(terms.accrual_start, terms.opening.principal).unwrap());
    state
        .events
        .iter()
        .filter_map(ledger::for_event)
        .for_each(|e| tb.post(&e));
    assert_eq!(tb.net(Account::PrincipalReceivable), Money::ZERO);
    assert!(tb.net(Account::ChargeOff) > m("10000.00"));
}

#[test]
fn a_fee_waiver_forgives_at_most_what_is_owed() {
    let terms = loan(DayCount::Actual365Fixed);
    let waive = Transaction {
        id: TxnId(5),
        date: date(2026, 3, 1),
        kind: TxnKind::FeeWaiver {
            amount: m("100.00"),
        },
    };
    let state = replay(&terms, &[waive], date(2026, 3, 2));
    assert_eq!(state.fees, Money::ZERO);
    assert!(state.events.contains(&LoanEvent::FeeWaived {
        date: date(2026, 3, 1),
        txn: TxnId(5),
        amount: m("25.00"),
    }));
    assert_books_match(&terms, &state);
}

#[test]
fn an_undone_fee_waiver_is_as_if_it_had_never_been() {
    let mut terms = loan(DayCount::Actual365Fixed);
    terms.nsf_fee.fee = Some(m("15.00"));
    // The 15 Feb installment unpaid: a late fee on 26 Feb, waived on 1 Mar, then paid.
    let paid = [
        pay(1, date(2026, 3, 15), "311.06"),
        pay(2, date(2026, 4, 15), "311.06"),
    ];
    let through = date(2026, 5, 1);
    let never = replay(&terms, &paid, through);
    let mut undone = paid.to_vec();
    undone.push(Transaction {
        id: TxnId(3),
        date: date(2026, 3, 1),
        kind: TxnKind::FeeWaiver { amount: m("25.00") },
    });
    undone.push(reverse(4, date(2026, 4, 20), 3));
    // No NSF fee: what was reversed is not a payment.
    assert_eq!(replay(&terms, &undone, through), never);
}

#[test]
fn an_interest_waiver_forgives_at_most_the_interest_owed_and_its_undo_restores_every_split() {
    let mut terms = loan(DayCount::Actual365Fixed);
    terms.nsf_fee.fee = Some(m("15.00"));
    let paid = [
        pay(1, date(2026, 2, 15), "311.06"),
        pay(2, date(2026, 3, 15), "311.06"),
        pay(3, date(2026, 4, 15), "311.06"),
    ];
    let through = date(2026, 5, 1);
    let never = replay(&terms, &paid, through);

    // On 1 Mar about $28 of interest is owed (14 days on $9,752.63): $100 forgives just that.
    let owed = replay_to_start_of(&terms, &paid, date(2026, 3, 1)).interest;
    assert!(owed.is_positive() && owed < m("100.00"), "{owed}");
    let mut waived = paid.to_vec();
    waived.push(waive_interest(4, date(2026, 3, 1), "100.00"));
    let with_waiver = replay(&terms, &waived, through);
    assert!(with_waiver.events.contains(&LoanEvent::InterestWaived {
        date: date(2026, 3, 1),
        txn: TxnId(4),
        amount: owed,
    }));
    // The March payment pays that much less interest and that much more principal.
    let march = |s: &LoanState| s.applied_payments().nth(1).copied().unwrap();
    assert_eq!(march(&with_waiver).interest, march(&never).interest - owed);
    assert_eq!(
        march(&with_waiver).principal,
        march(&never).principal + owed
    );
    assert_books_match(&terms, &with_waiver);

    // Undone on 10 Apr: every later split exactly as if it had never been.
    let mut undone = waived.clone();
    undone.push(reverse(5, date(2026, 4, 10), 4));
    assert_eq!(replay(&terms, &undone, through), never);
}

/// The books of `state` from scratch, as [`assert_books_match`] posts them.
fn books_of(terms: &LoanTerms, state: &LoanState) -> TrialBalance {
    let mut tb = TrialBalance::new();
    tb.post(&ledger::disbursement(terms.accrual_start, terms.opening.principal).unwrap());
    for entry in state.events.iter().filter_map(ledger::for_event) {
        tb.post(&entry);
    }
    tb
}

/// The refund owed back that `state` assessed for refund `txn`, if any.
fn refund_owed(state: &LoanState, txn: u64) -> Option<Money> {
    state.events.iter().find_map(|e| match e {
        LoanEvent::FeeAssessed {
            kind: FeeKind::RefundOwed { refund },
            amount,
            ..
        } if *refund == TxnId(txn) => Some(*amount),
        _ => None,
    })
}

#[test]
fn a_refund_takes_its_whole_amount_the_credit_balance_first_and_owes_the_rest() {
    let terms = loan(DayCount::Actual365Fixed);
    let quote = payoff_quote(&terms, &[], date(2026, 3, 2)).unwrap();
    let over = quote.total + m("50.00");
    let paid = [pay(1, date(2026, 3, 2), &over.to_string())];
    let through = date(2026, 3, 31);
    let mut history = paid.to_vec();
    // More than the credit balance (the app never decides that; a payment returned later
    // leaves a refund in the same place): the $50 held pays $50, the borrower owes $30.
    history.push(refund(2, date(2026, 3, 10), "80.00"));
    let state = replay(&terms, &history, through);
    assert_eq!(state.unapplied, Money::ZERO);
    assert!(state.events.contains(&LoanEvent::Refunded {
        date: date(2026, 3, 10),
        txn: TxnId(2),
        amount: m("50.00"),
    }));
    assert_eq!(refund_owed(&state, 2), Some(m("30.00")));
    assert_eq!(state.fees, m("30.00"));
    assert_eq!(state.status, LoanStatus::Active, "open while it owes");
    assert_eq!(state.amount_due(), m("30.00"));
    assert_books_match(&terms, &state);
    assert_eq!(
        books_of(&terms, &state).net(Account::RefundsPayable),
        -m("80.00"),
        "the whole refund is owed out until it is paid out"
    );

    // Nothing held: all of it is owed back.
    let early = replay(
        &terms,
        &[refund(3, date(2026, 2, 1), "10.00")],
        date(2026, 2, 2),
    );
    assert!(early.events.contains(&LoanEvent::Refunded {
        date: date(2026, 2, 1),
        txn: TxnId(3),
        amount: Money::ZERO,
    }));
    assert_eq!(refund_owed(&early, 3), Some(m("10.00")));
    assert_eq!(early.fees, m("10.00"));
    // Taken back, the money is held again and nothing is owed.
    history.push(reverse(4, date(2026, 3, 20), 2));
    let undone = replay(&terms, &history, through);
    assert_eq!(undone.unapplied, m("50.00"));
    assert_eq!(undone, replay(&terms, &paid, through));
}

#[test]
fn a_refund_whose_funding_payment_is_returned_stays_whole_and_the_borrower_owes_it_back() {
    let terms = loan(DayCount::Actual365Fixed);
    let first = pay(1, date(2026, 2, 15), "311.06");
    // Paid off on 2 Mar with $50.00 over; the $50.00 refunded on 16 Mar (the payment past
    // its return window); the payment comes back unpaid on 20 Apr (an R10 can, 60 days on).
    let payoff_on = date(2026, 3, 2);
    let quote = payoff_quote(&terms, &[first], payoff_on).unwrap();
    let over = quote.total + m("50.00");
    let mut history = vec![
        first,
        pay(2, payoff_on, &over.to_string()),
        refund(3, date(2026, 3, 16), "50.00"),
    ];
    let before = replay(&terms, &history, date(2026, 4, 19));
    assert_eq!(before.status, LoanStatus::PaidOff);
    assert_eq!(before.unapplied, Money::ZERO);
    assert_eq!(refund_owed(&before, 3), None);
    history.push(reverse(4, date(2026, 4, 20), 2));
    let through = date(2026, 4, 30);
    let after = replay(&terms, &history, through);
    // The loan as if the payoff (and so the refund) had never been.
    let never = replay(&terms, &[first], through);

    // The refund stays whole: the credit balance pays none of it now, the borrower owes all
    // of it, dated the refund's day.
    assert_eq!(after.status, LoanStatus::Active);
    assert_eq!(after.unapplied, Money::ZERO);
    assert!(after.events.contains(&LoanEvent::Refunded {
        date: date(2026, 3, 16),
        txn: TxnId(3),
        amount: Money::ZERO,
    }));
    assert!(after.events.contains(&LoanEvent::FeeAssessed {
        date: date(2026, 3, 16),
        kind: FeeKind::RefundOwed { refund: TxnId(3) },
        amount: m("50.00"),
    }));
    // Owed with the fees: past due now, in the amount due and the payoff.
    assert_eq!(
        (after.principal, after.interest),
        (never.principal, never.interest)
    );
    assert_eq!(after.fees, never.fees + m("50.00"));
    assert_eq!(
        after.past_due_amount(),
        never.past_due_amount() + m("50.00")
    );
    assert_eq!(after.amount_due(), never.amount_due() + m("50.00"));
    let quote_on = date(2026, 5, 1);
    let owed = payoff_quote(&terms, &history, quote_on).unwrap();
    let without = payoff_quote(&terms, &[first], quote_on).unwrap();
    assert_eq!(owed.total, without.total + m("50.00"));
    assert_eq!(owed.fees_by_kind.refund_owed, m("50.00"));
    assert_eq!(owed.fees_by_kind.total(), owed.fees);
    assert!(
        owed.fees_by_kind
            .lines()
            .contains(&("Refund to pay back", m("50.00")))
    );

    // The books: from scratch they hold it in fees receivable, and refunds payable keeps the
    // whole refund (its payout, outside the loan, clears it). Restated from the replay before
    // the return, the same: the refund's credit to refunds payable is not taken back.
    assert_books_match(&terms, &after);
    assert_eq!(
        books_of(&terms, &after).net(Account::RefundsPayable),
        -m("50.00")
    );
    let mut restated = books_of(&terms, &before);
    for entry in ledger::restate(&before.events, &after.events, date(2026, 4, 20)) {
        restated.post(&entry);
    }
    assert!(restated.is_balanced());
    assert_eq!(restated.net(Account::FeesReceivable), after.fees);
    assert_eq!(restated.net(Account::PrincipalReceivable), after.principal);
    assert_eq!(restated.net(Account::UnappliedFunds), Money::ZERO);
    assert_eq!(restated.net(Account::RefundsPayable), -m("50.00"));
    assert_eq!(
        restated.net(Account::FeeIncome),
        books_of(&terms, &never).net(Account::FeeIncome),
        "no fee income from it"
    );

    // A later payment repays it first: the fees come first, and of the fees the oldest, the
    // refund owed (16 Mar) before the late fees (26 Mar, 26 Apr).
    history.push(pay(5, date(2026, 5, 1), "50.00"));
    let repaid = replay(&terms, &history, date(2026, 5, 1));
    let split = repaid.applied_payments().last().copied().unwrap();
    assert_eq!((split.txn, split.fees), (TxnId(5), m("50.00")));
    assert_eq!(
        crate::payoff::fees_by_kind(Money::ZERO, &repaid.events).refund_owed,
        Money::ZERO
    );
    assert_books_match(&terms, &repaid);
}

#[test]
fn a_refund_owed_back_opens_a_paid_off_loan_until_repaid_and_is_written_off_after_charge_off() {
    let terms = loan(DayCount::Actual365Fixed);
    let payoff_on = date(2026, 3, 2);
    let quote = payoff_quote(&terms, &[], payoff_on).unwrap();
    // Paid off exactly; a check for $80.00 arrives after, is refunded, and bounces.
    let mut history = vec![
        pay(1, payoff_on, &quote.total.to_string()),
        pay(2, date(2026, 3, 5), "80.00"),
        refund(3, date(2026, 3, 20), "80.00"),
        reverse(4, date(2026, 4, 10), 2),
    ];
    let owing = replay(&terms, &history, date(2026, 4, 10));
    assert_eq!(owing.status, LoanStatus::Active);
    assert_eq!(
        (owing.principal, owing.interest, owing.fees),
        (Money::ZERO, Money::ZERO, m("80.00"))
    );
    assert_eq!(owing.past_due_amount(), m("80.00"));
    assert_eq!(owing.amount_due(), m("80.00"));
    assert_books_match(&terms, &owing);
    // Repaid: paid off again.
    history.push(pay(5, date(2026, 4, 15), "80.00"));
    let settled = replay(&terms, &history, date(2026, 4, 30));
    assert_eq!(settled.status, LoanStatus::PaidOff);
    assert_eq!(settled.balance(), Money::ZERO);
    assert_eq!(
        settled
            .applied_payments()
            .last()
            .map(|p| (p.fees, p.unapplied)),
        Some((m("80.00"), Money::ZERO))
    );
    assert_books_match(&terms, &settled);

    // Charged off before the check came: what is owed back is written off at once.
    let off = Transaction {
        id: TxnId(1),
        date: date(2026, 3, 1),
        kind: TxnKind::ChargeOff,
    };
    let charged = [
        off,
        pay(2, date(2026, 3, 5), "80.00"),
        refund(3, date(2026, 3, 20), "80.00"),
        reverse(4, date(2026, 4, 10), 2),
    ];
    let written = replay(&terms, &charged, date(2026, 4, 30));
    assert_eq!(written.status, LoanStatus::ChargedOff);
    assert_eq!(
        (written.fees, written.unapplied),
        (Money::ZERO, Money::ZERO)
    );
    assert!(written.events.contains(&LoanEvent::ChargedOff {
        date: date(2026, 3, 20),
        principal: Money::ZERO,
        interest: Money::ZERO,
        fees: m("80.00"),
    }));
    assert_books_match(&terms, &written);
    assert_eq!(
        books_of(&terms, &written).net(Account::RefundsPayable),
        -m("80.00")
    );
}

#[test]
fn a_due_day_change_moves_every_installment_from_its_date_and_nothing_before() {
    let terms = loan(DayCount::Actual365Fixed);
    let change = due_day(2, date(2026, 4, 1), 25);
    let amended = terms.amended(&[change], date(2026, 4, 1));
    let dates: Vec<Date> = amended.installments.iter().map(|i| i.due_date).collect();
    assert_eq!(
        dates[..3],
        [date(2026, 2, 15), date(2026, 3, 15), date(2026, 4, 25)]
    );
    assert_eq!(dates.last(), Some(&date(2029, 1, 25)));
    assert_eq!(amended.installments.len(), terms.installments.len());
    for (new, old) in amended.installments.iter().zip(&terms.installments) {
        assert_eq!((new.number, new.amount), (old.number, old.amount));
    }
    // Before its date the change is not in force.
    assert_eq!(terms.amended(&[change], date(2026, 3, 31)), terms);
}

#[test]
fn a_backdated_payment_replays_across_a_due_day_change_and_lateness_follows_the_new_dates() {
    let terms = loan(DayCount::Actual365Fixed);
    let installment = terms.installments[0].amount.to_string();
    let feb = pay(1, date(2026, 2, 15), &installment);
    let change = due_day(2, date(2026, 4, 1), 25);
    // Recorded after the change, dated before it.
    let march = pay(3, date(2026, 3, 15), &installment);
    // 27 Apr: two days after the new due date, twelve after the old one.
    let april = pay(4, date(2026, 4, 27), &installment);
    let history = vec![feb, change, march, april];
    let through = date(2026, 5, 20);
    let amended = replay(&terms, &history, through);
    let unchanged = replay(&terms, &[feb, march, april], through);
    let splits = |s: &LoanState| s.applied_payments().copied().collect::<Vec<_>>();
    assert_eq!(splits(&amended)[..2], splits(&unchanged)[..2]);
    assert_eq!(late_fees(&unchanged), vec![(date(2026, 4, 26), 3)]);
    assert!(late_fees(&amended).is_empty());
    assert_eq!(amended.installments[2].due_date, date(2026, 4, 25));
    assert!(amended.installments[2].is_paid());
    assert_eq!(amended.days_past_due(), 0);
    assert_books_match(&terms, &amended);
    // The same whatever order the history is read in.
    let mut reordered = history.clone();
    reordered.reverse();
    assert_eq!(replay(&terms, &reordered, through), amended);
}

#[test]
fn amending_again_changes_nothing_and_a_tie_goes_to_the_later_date() {
    let terms = loan(DayCount::Actual365Fixed);
    let on = date(2026, 2, 1);
    // 15 Feb to the 1st: 1 Feb and 1 Mar are both 14 days away; the later is taken.
    let history = [due_day(1, on, 1)];
    let once = terms.amended(&history, on);
    assert_eq!(once.installments[0].due_date, date(2026, 3, 1));
    assert_eq!(once.installments[35].due_date, date(2029, 2, 1));
    assert_eq!(once.amended(&history, on), once);
    assert_eq!(terms.amended(&[history[0], due_day(2, on, 1)], on), once);
    // Reversed, it never was.
    assert_eq!(terms.amended(&[history[0], reverse(3, on, 1)], on), terms);
    // An earlier day in the same month when that is closest: 15 Apr to 5 Apr.
    let earlier = terms.amended(&[due_day(1, date(2026, 4, 1), 5)], date(2026, 4, 1));
    assert_eq!(earlier.installments[1].due_date, date(2026, 3, 15));
    assert_eq!(earlier.installments[2].due_date, date(2026, 4, 5));
    // A day the rule does not allow changes nothing.
    assert_eq!(terms.amended(&[due_day(1, on, 31)], on), terms);
}

#[test]
fn a_final_installment_a_few_cents_short_draws_no_fee_below_the_minimum_shortfall() {
    let mut terms = loan(DayCount::Actual365Fixed);
    terms.rate = Rate::ZERO;
    terms.opening.principal = m("300.00");
    terms.installments.truncate(3);
    for installment in &mut terms.installments {
        installment.amount = m("100.00");
    }
    let history = [
        pay(1, date(2026, 2, 15), "100.00"),
        pay(2, date(2026, 3, 15), "100.00"),
        pay(3, date(2026, 4, 15), "99.97"),
    ];
    let through = date(2026, 5, 1);
    terms.late_fee = LateFeeRule {
        min_shortfall: Money::ZERO,
        ..LateFeeRule::default()
    };
    let strict = replay(&terms, &history, through);
    assert_eq!(late_fees(&strict), vec![(date(2026, 4, 26), 3)]);
    terms.late_fee = LateFeeRule {
        min_shortfall: m("1.00"),
        ..LateFeeRule::default()
    };
    let lenient = replay(&terms, &history, through);
    assert!(late_fees(&lenient).is_empty());
    assert_eq!(lenient.balance(), m("0.03"));
}

fn arbitrary_history() -> impl Strategy<Value = Vec<Transaction>> {
    proptest::collection::vec((0i32..700, 0i64..80_000, 0u8..10), 0..25).prop_map(|raw| {
        let mut history = Vec::new();
        for (index, (offset, cents, kind)) in raw.into_iter().enumerate() {
            let id = TxnId(u64::try_from(index).unwrap() + 1);
            let on = date(2026, 1, 15)
                .checked_add(jiff::Span::new().days(offset))
                .unwrap();
            let kind = match kind {
                0 if index > 0 => TxnKind::Reversal {
                    of: TxnId(u64::try_from(index).unwrap()),
                    insufficient_funds: cents % 2 == 0,
                },
                1 => TxnKind::FeeWaiver {
                    amount: Money::from_cents(cents % 5000),
                },
                2 => TxnKind::Payment {
                    amount: Money::from_cents(cents + 1),
                    extra: ExtraTo::NextInstallment,
                },
                4 => TxnKind::InterestWaiver {
                    amount: Money::from_cents(cents % 3000),
                },
                5 => TxnKind::Refund {
                    amount: Money::from_cents(cents % 5000),
                },
                6 => TxnKind::Amendment {
                    change: TermsChange::DueDay {
                        day: u8::try_from(cents % 28).unwrap() + 1,
                    },
                },
                _ => TxnKind::Payment {
                    amount: Money::from_cents(cents + 1),
                    extra: ExtraTo::Principal,
                },
            };
            history.push(Transaction { id, date: on, kind });
        }
        history
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn replaying_a_history_in_any_insertion_order_gives_the_same_state(
        history in arbitrary_history(),
        seed in any::<u64>(),
    ) {
        let mut terms = loan(DayCount::Actual365Fixed);
        terms.nsf_fee.fee = Some(m("15.00"));
        let through = date(2028, 1, 1);
        let state = replay(&terms, &history, through);
        let mut shuffled = history.clone();
        // A deterministic shuffle from the seed.
        let mut s = seed;
        for i in (1..shuffled.len()).rev() {
            s = s.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            let j = usize::try_from(s >> 33).unwrap() % (i + 1);
            shuffled.swap(i, j);
        }
        prop_assert_eq!(&replay(&terms, &shuffled, through), &state);
        assert_books_match(&terms, &state);
    }

    #[test]
    fn every_posted_entry_balances(history in arbitrary_history()) {
        let terms = loan(DayCount::Thirty360);
        let state = replay(&terms, &history, date(2028, 1, 1));
        for event in &state.events {
            if let Some(entry) = ledger::for_event(event) {
                let debits: Money = entry.lines().iter().filter(|l| l.side == ledger::Side::Debit).map(|l| l.amount).sum();
                let credits: Money = entry.lines().iter().filter(|l| l.side == ledger::Side::Credit).map(|l| l.amount).sum();
                prop_assert_eq!(debits, credits);
            }
        }
        prop_assert!(state.principal >= Money::ZERO && state.interest >= Money::ZERO && state.fees >= Money::ZERO);
    }
}

#[test]
fn a_boarded_loan_past_due_at_transfer_is_not_charged_the_prior_servicers_late_fee_again() {
    // Boarded on 1 Jun with the 15 May installment unpaid; its late fee is in the opening fees.
    let mut terms = loan(DayCount::Actual365Fixed);
    terms
        .installments
        .retain(|i| i.due_date >= date(2026, 5, 15));
    terms.accrual_start = date(2026, 6, 1);
    terms.opening = OpeningBalances {
        principal: m("8000.00"),
        interest: m("40.00"),
        fees: m("25.00"),
        ..OpeningBalances::default()
    };
    let state = replay(&terms, &[], date(2026, 6, 30));
    assert_eq!(
        late_fees(&state),
        vec![(date(2026, 6, 26), 5)],
        "only June's installment is ours"
    );
    assert_eq!(state.fees, m("50.00"));
    assert_eq!(state.days_past_due(), 46);
}

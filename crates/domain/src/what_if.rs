//! "What if I pay extra?": a loan projected forward from today, each remaining installment
//! paid on its due date as the borrower would, with and without an extra amount to principal
//! (once, with the next payment, or with every payment), and the difference in the payoff date
//! and in the interest paid.
//!
//! The projection does not model the loan a second way: it builds the future payments as the
//! dated transactions a posting would record and runs the same fold the posting runs
//! ([`replay`]), so the answer is exactly what replaying the loan after such payments gives.
//! It is bounded: one payment per remaining installment at most, the last one (at maturity)
//! paying whatever is left.

use crate::loan::{
    ExtraTo, LoanStatus, LoanTerms, Transaction, TxnId, TxnKind, replay, replay_to_start_of,
};
use jiff::civil::Date;
use money::Money;
use std::collections::HashSet;

/// How often the extra amount is paid.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Often {
    /// Once, with the next payment.
    Once,
    /// With every payment until the loan is paid off.
    Monthly,
}

/// An extra amount paid beyond what is due, to principal.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Extra {
    /// How much more than the amount due.
    pub amount: Money,
    /// Once or with every payment.
    pub often: Often,
}

impl Extra {
    /// No extra: the baseline, each payment the amount due.
    pub const NONE: Extra = Extra {
        amount: Money::ZERO,
        often: Often::Once,
    };

    /// The extra paid with the `n`th projected payment (1-based).
    fn with_payment(self, n: u64) -> Money {
        match self.often {
            Often::Monthly => self.amount,
            Often::Once if n == 1 => self.amount,
            Often::Once => Money::ZERO,
        }
    }
}

/// Why there is no answer. The web maps each to the words beside the field.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum WhatIfError {
    /// The extra amount is zero or negative.
    #[error("the extra amount must be greater than zero")]
    NotPositive,
    /// The extra amount is more than what is left after the next payment's amount due: more
    /// than the payoff.
    #[error(
        "an extra amount of at most {} pays the loan off on {}",
        .most.usd(),
        crate::calendar::long_date(.on)
    )]
    OverPayoff {
        /// The largest extra that makes sense: with the amount due, it pays the loan off.
        most: Money,
        /// The date of the next payment, which the extra would go with.
        on: Date,
    },
    /// The loan is paid off or charged off: there is nothing to project.
    #[error("the loan has nothing left to pay off")]
    NotActive,
    /// Every installment's due date is past (the loan has matured): what is left is the payoff.
    #[error("the loan is past its last due date: what is left is its payoff")]
    Matured,
}

/// One way the loan goes from today: the payments and what they come to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Projection {
    /// The payments projected, as the transactions replayed (ids above every recorded one).
    pub payments: Vec<Transaction>,
    /// The date of the payment that pays the loan off.
    pub payoff_date: Date,
    /// The amount of that last payment.
    pub last_payment: Money,
    /// The interest these payments pay (interest accrued before today and unpaid included).
    pub interest: Money,
    /// What these payments come to in all.
    pub paid: Money,
}

/// The answer: the loan without and with the extra amount.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WhatIf {
    /// The extra asked about.
    pub extra: Extra,
    /// Each remaining payment the amount due on its due date.
    pub baseline: Projection,
    /// The same with the extra amount.
    pub plan: Projection,
}

impl WhatIf {
    /// Interest the extra saves (never negative: paying principal sooner never adds interest).
    pub fn interest_saved(&self) -> Money {
        self.baseline
            .interest
            .saturating_sub_to_zero(self.plan.interest)
    }

    /// The date of the next payment: the one a one-time extra goes with.
    pub fn first_payment_date(&self) -> Date {
        self.plan
            .payments
            .first()
            .map_or(self.plan.payoff_date, |t| t.date)
    }

    /// The loan is paid off sooner with the extra.
    pub fn sooner(&self) -> bool {
        self.plan.payoff_date < self.baseline.payoff_date
    }
}

/// The loan projected from `today` with and without `extra`, or why not.
pub fn what_if(
    terms: &LoanTerms,
    history: &[Transaction],
    today: Date,
    extra: Extra,
) -> Result<WhatIf, WhatIfError> {
    if !extra.amount.is_positive() {
        return Err(WhatIfError::NotPositive);
    }
    let plan = project(terms, history, today, extra)?;
    let baseline = project(terms, history, today, Extra::NONE)?;
    Ok(WhatIf {
        extra,
        baseline,
        plan,
    })
}

/// The loan projected from `today`: on each installment's due date from today on, a payment
/// of the amount due then (what is past due and that installment, as the replay counts it)
/// plus the extra for that payment, to principal; on the last due date, whatever is left. A
/// payment is never more than the balance, so the one that pays the loan off is the last.
/// [`Extra::NONE`] gives the baseline.
pub fn project(
    terms: &LoanTerms,
    history: &[Transaction],
    today: Date,
    extra: Extra,
) -> Result<Projection, WhatIfError> {
    let due_dates: Vec<Date> = terms
        .installments
        .iter()
        .map(|i| i.due_date)
        .filter(|d| *d >= today)
        .collect();
    let Some(&last) = due_dates.last() else {
        let active = replay_to_start_of(terms, history, today).status == LoanStatus::Active;
        return Err(if active {
            WhatIfError::Matured
        } else {
            WhatIfError::NotActive
        });
    };
    // The projected payments apply after every recorded transaction of the same date (the
    // replay takes a day's transactions in id order), as a payment made later would.
    let above = history.iter().map(|t| t.id.0).max().unwrap_or(0);
    let mut txns = history.to_vec();
    let mut projected: Vec<Transaction> = Vec::new();
    for (n, day) in (1_u64..).zip(due_dates) {
        let start = replay_to_start_of(terms, &txns, day);
        if start.status != LoanStatus::Active {
            break;
        }
        let balance = start.balance();
        let due = start.amount_due();
        let more = extra.with_payment(n);
        if n == 1 && more > balance.saturating_sub_to_zero(due) {
            return Err(WhatIfError::OverPayoff {
                most: balance.saturating_sub_to_zero(due),
                on: day,
            });
        }
        // At maturity the last payment settles what is left (a schedule's final payment may
        // differ from the balance by rounding, or by what a past-due history left).
        let amount = if day == last {
            balance
        } else {
            (due + more).min(balance)
        };
        if !amount.is_positive() {
            continue;
        }
        let txn = Transaction {
            id: TxnId(above + n),
            date: day,
            kind: TxnKind::Payment {
                amount,
                extra: ExtraTo::Principal,
            },
        };
        txns.push(txn);
        projected.push(txn);
    }
    let Some(final_payment) = projected.last().copied() else {
        return Err(WhatIfError::NotActive);
    };
    let end = replay(terms, &txns, final_payment.date);
    let ids: HashSet<TxnId> = projected.iter().map(|t| t.id).collect();
    let interest = end
        .applied_payments()
        .filter(|p| ids.contains(&p.txn))
        .map(|p| p.interest)
        .sum();
    let paid = projected.iter().map(amount_of).sum();
    Ok(Projection {
        payoff_date: final_payment.date,
        last_payment: amount_of(&final_payment),
        payments: projected,
        interest,
        paid,
    })
}

fn amount_of(t: &Transaction) -> Money {
    match t.kind {
        TxnKind::Payment { amount, .. } => amount,
        _ => Money::ZERO,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::loan::LoanEvent;
    use crate::schedule::{Frequency, ScheduleTerms, amortize};
    use jiff::civil::date;
    use money::{DayCount, Rate};

    fn m(s: &str) -> Money {
        Money::parse(s).unwrap()
    }

    /// $10,000 at 7.5 %, 36 monthly payments from 15 Feb 2026, disbursed 15 Jan 2026.
    fn loan() -> LoanTerms {
        let rate = Rate::parse("7.5").unwrap();
        let schedule = amortize(&ScheduleTerms {
            amount_financed: m("10000.00"),
            rate,
            term: 36,
            start: date(2026, 1, 15),
            first_payment: date(2026, 2, 15),
            frequency: Frequency::Monthly,
            day_count: DayCount::Actual365Fixed,
        })
        .unwrap();
        LoanTerms::from_schedule(
            &schedule,
            rate,
            DayCount::Actual365Fixed,
            date(2026, 1, 15),
            m("10000.00"),
        )
    }

    /// The first two installments paid on their due dates.
    fn history(terms: &LoanTerms) -> Vec<Transaction> {
        terms
            .installments
            .iter()
            .take(2)
            .zip(1..)
            .map(|(i, id)| Transaction {
                id: TxnId(id),
                date: i.due_date,
                kind: TxnKind::Payment {
                    amount: i.amount,
                    extra: ExtraTo::Principal,
                },
            })
            .collect()
    }

    const TODAY: Date = date(2026, 4, 1);

    fn monthly(cents: &str) -> Extra {
        Extra {
            amount: m(cents),
            often: Often::Monthly,
        }
    }

    #[test]
    fn no_extra_is_the_baseline_and_pays_each_installment_to_maturity() {
        let terms = loan();
        let h = history(&terms);
        let baseline = project(&terms, &h, TODAY, Extra::NONE).unwrap();
        let zero_monthly = project(&terms, &h, TODAY, monthly("0")).unwrap();
        assert_eq!(baseline, zero_monthly);
        assert_eq!(baseline.payments.len(), 34);
        assert_eq!(baseline.payoff_date, terms.installments[35].due_date);
        // Each payment but the last is the installment (no late fee, nothing past due).
        for (t, i) in baseline.payments.iter().zip(&terms.installments[2..35]) {
            assert_eq!(amount_of(t), i.amount);
        }
        assert!(baseline.interest.is_positive());
        assert_eq!(
            what_if(&terms, &h, TODAY, monthly("0")),
            Err(WhatIfError::NotPositive)
        );
    }

    #[test]
    fn a_monthly_extra_shortens_the_loan_and_saves_interest() {
        let terms = loan();
        let h = history(&terms);
        let w = what_if(&terms, &h, TODAY, monthly("100.00")).unwrap();
        assert!(w.sooner());
        assert!(w.plan.payments.len() < w.baseline.payments.len());
        assert!(w.interest_saved().is_positive());
        assert_eq!(w.plan.interest + w.interest_saved(), w.baseline.interest);
        // Principal is the same either way: what is saved is interest only.
        assert_eq!(
            w.baseline.paid - w.baseline.interest,
            w.plan.paid - w.plan.interest
        );
        // The first payment is the installment plus the extra.
        assert_eq!(
            amount_of(&w.plan.payments[0]),
            terms.installments[2].amount + m("100.00")
        );
        assert_eq!(w.first_payment_date(), terms.installments[2].due_date);
    }

    #[test]
    fn a_one_time_extra_goes_with_the_next_payment_only() {
        let terms = loan();
        let h = history(&terms);
        let once = Extra {
            amount: m("1000.00"),
            often: Often::Once,
        };
        let w = what_if(&terms, &h, TODAY, once).unwrap();
        assert_eq!(
            amount_of(&w.plan.payments[0]),
            terms.installments[2].amount + m("1000.00")
        );
        assert_eq!(amount_of(&w.plan.payments[1]), terms.installments[3].amount);
        assert!(w.interest_saved().is_positive());
        assert!(w.plan.payoff_date <= w.baseline.payoff_date);
    }

    #[test]
    fn the_answer_is_what_replaying_the_same_payments_gives() {
        let terms = loan();
        let h = history(&terms);
        let w = what_if(&terms, &h, TODAY, monthly("250.00")).unwrap();
        let mut all = h.clone();
        all.extend(w.plan.payments.iter().copied());
        let state = replay(&terms, &all, w.plan.payoff_date);
        assert_eq!(state.status, LoanStatus::PaidOff);
        assert!(state.balance().is_zero());
        assert!(state.unapplied.is_zero());
        // No late fee anywhere: every payment was on its due date for the amount due.
        assert!(
            !state
                .events
                .iter()
                .any(|e| matches!(e, LoanEvent::FeeAssessed { .. }))
        );
        let paid_before = replay(&terms, &h, TODAY).interest_paid;
        assert_eq!(state.interest_paid - paid_before, w.plan.interest);
        // Just before the last payment (the payoff day's other transactions counted, not its
        // interest) the loan was still active and owed exactly that payment.
        let before_last = &all[..all.len() - 1];
        let eve = replay_to_start_of(&terms, before_last, w.plan.payoff_date);
        assert_eq!(eve.status, LoanStatus::Active);
        assert_eq!(eve.balance(), w.plan.last_payment);
    }

    #[test]
    fn an_extra_over_the_payoff_is_refused_with_the_most_that_makes_sense() {
        let terms = loan();
        let h = history(&terms);
        let next = terms.installments[2].due_date;
        let start = replay_to_start_of(&terms, &h, next);
        let most = start.balance() - start.amount_due();
        let refused = what_if(&terms, &h, TODAY, monthly("20000.00"));
        assert_eq!(refused, Err(WhatIfError::OverPayoff { most, on: next }));
        // Exactly the most pays the loan off with the next payment.
        let w = what_if(
            &terms,
            &h,
            TODAY,
            Extra {
                amount: most,
                often: Often::Once,
            },
        )
        .unwrap();
        assert_eq!(w.plan.payoff_date, next);
        assert_eq!(w.plan.payments.len(), 1);
    }

    #[test]
    fn a_paid_off_or_matured_loan_has_no_answer() {
        let terms = loan();
        let h = history(&terms);
        let after = date(2029, 3, 1);
        assert_eq!(
            what_if(&terms, &h, after, monthly("10.00")),
            Err(WhatIfError::Matured)
        );
        let payoff = replay_to_start_of(&terms, &h, TODAY).balance();
        let mut paid = h.clone();
        paid.push(Transaction {
            id: TxnId(3),
            date: TODAY,
            kind: TxnKind::Payment {
                amount: payoff,
                extra: ExtraTo::Principal,
            },
        });
        assert_eq!(
            what_if(&terms, &paid, date(2026, 4, 2), monthly("10.00")),
            Err(WhatIfError::NotActive)
        );
    }
}

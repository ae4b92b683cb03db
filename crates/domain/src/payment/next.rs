//! What a payment leaves of the next payments: the words under the split on the review page.
//! The review replays the loan with the payment as of its credit date, the same replay that
//! posts it, so what is said here is what posting does when nothing else reaches the loan
//! first.

use crate::loan::LoanState;
use jiff::civil::Date;
use money::Money;

/// What a payment does to the installments not yet due on its credit date, and the payment
/// next due after it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct NextAfter {
    /// The first installment not yet due on the credit date that the payment counts toward,
    /// and how much it counts toward installments not yet due. `None`: nothing of it does, so
    /// every payment not yet due is still due in full ("extra to principal" as promised).
    pub counts_ahead: Option<(Date, Money)>,
    /// The first installment still unpaid after the payment: its due date and what is left
    /// of it. `None` when none is (the loan is paid off or paid to the end).
    pub next_due: Option<(Date, Money)>,
}

/// Compares `before` and `after` (the loan at the start of the credit date without and with
/// the payment, both from the same history).
pub fn next_after(before: &LoanState, after: &LoanState) -> NextAfter {
    let credit_date = after.as_of;
    let mut counts_ahead: Option<(Date, Money)> = None;
    for (b, a) in before.installments.iter().zip(&after.installments) {
        let more = a.paid.saturating_sub_to_zero(b.paid);
        if a.due_date >= credit_date && more.is_positive() {
            counts_ahead = Some(match counts_ahead {
                Some((first, sum)) => (first, sum + more),
                None => (a.due_date, more),
            });
        }
    }
    let next_due = after
        .next_due()
        .map(|i| (i.due_date, i.amount.saturating_sub_to_zero(i.paid)));
    NextAfter {
        counts_ahead,
        next_due,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::accrual::AccrualCarry;
    use crate::loan::{InstallmentStatus, LoanStatus};
    use jiff::civil::date;

    fn state(as_of: Date, paid: [i64; 3]) -> LoanState {
        let inst = |n: usize, due_date| InstallmentStatus {
            number: u32::try_from(n + 1).expect("small"),
            due_date,
            amount: Money::from_cents(24_284),
            paid: Money::from_cents(paid[n]),
            late_fee_assessed: false,
        };
        LoanState {
            as_of,
            status: LoanStatus::Active,
            principal: Money::from_cents(500_000),
            interest: Money::ZERO,
            carry: AccrualCarry::default(),
            fees: Money::ZERO,
            unapplied: Money::ZERO,
            installments: vec![
                inst(0, date(2026, 12, 15)),
                inst(1, date(2027, 1, 15)),
                inst(2, date(2027, 2, 15)),
            ],
            events: Vec::new(),
            interest_paid: Money::ZERO,
        }
    }

    #[test]
    fn extra_to_principal_before_the_due_date_leaves_the_next_payment_due() {
        // December is paid; credited 10 December, the payment counts toward nothing ahead.
        let before = state(date(2026, 12, 10), [24_284, 0, 0]);
        let after = state(date(2026, 12, 10), [24_284, 0, 0]);
        assert_eq!(
            next_after(&before, &after),
            NextAfter {
                counts_ahead: None,
                next_due: Some((date(2027, 1, 15), Money::from_cents(24_284))),
            }
        );
    }

    #[test]
    fn a_payment_credited_after_a_due_date_is_said_to_pay_the_next_one() {
        // Credited 16 December: January's installment is the one due next, and the payment
        // counts toward it; the review must say so, not that it is still due.
        let before = state(date(2026, 12, 16), [24_284, 0, 0]);
        let after = state(date(2026, 12, 16), [24_284, 24_284, 0]);
        assert_eq!(
            next_after(&before, &after),
            NextAfter {
                counts_ahead: Some((date(2027, 1, 15), Money::from_cents(24_284))),
                next_due: Some((date(2027, 2, 15), Money::from_cents(24_284))),
            }
        );
    }

    #[test]
    fn paying_a_past_due_installment_is_not_paying_ahead() {
        // December is past due on 20 December: paying it counts toward nothing ahead, and
        // January is what is due next.
        let before = state(date(2026, 12, 20), [0, 0, 0]);
        let after = state(date(2026, 12, 20), [24_284, 0, 0]);
        assert_eq!(
            next_after(&before, &after),
            NextAfter {
                counts_ahead: None,
                next_due: Some((date(2027, 1, 15), Money::from_cents(24_284))),
            }
        );
        // Paid to the end: nothing is next.
        let done = state(date(2026, 12, 20), [24_284, 24_284, 24_284]);
        assert_eq!(next_after(&before, &done).next_due, None);
    }
}

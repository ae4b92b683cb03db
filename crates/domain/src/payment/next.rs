//! What a payment leaves of the next payments: the words under the split on the review page.
//! The review replays the loan with the payment as of its credit date, the same replay that
//! posts it, so what is said here is what posting does when nothing else reaches the loan
//! first.
//!
//! Something else may reach it first when the payment is scheduled for a later date: another
//! payment posts or is returned, the due date changes. So the review's [`Promise`] is kept
//! with the payment, and the night before its credit date the same projection is run again
//! ([`project_next`]); when the promise no longer holds, [`why_changed`] says why in terms
//! the borrower can check, and the borrower is told before the payment posts.

use super::{PendingPayment, project_pending, quoted};
use crate::loan::{
    ExtraTo, InstallmentStatus, LoanState, LoanStatus, LoanTerms, Transaction, replay_to_start_of,
};
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

/// What a payment of `amount` credited `credit_date` (any extra to `extra`) leaves of the next
/// payments, projected as the review projects it (`App::quote_payment`): `history` with the
/// loan's other `pending` payments credited by then made first, then this one after them. Also
/// the loan at the start of the credit date without it (what it pays against).
pub fn project_next(
    terms: &LoanTerms,
    history: Vec<Transaction>,
    pending: &[PendingPayment],
    credit_date: Date,
    amount: Money,
    extra: ExtraTo,
) -> (LoanState, NextAfter) {
    let mut history = project_pending(history, pending, credit_date);
    let before = replay_to_start_of(terms, &history, credit_date);
    history.push(quoted(credit_date, amount, extra));
    let after = replay_to_start_of(terms, &history, credit_date);
    let next = next_after(&before, &after);
    (before, next)
}

/// What the review of a payment told the borrower it does to the payments not yet due on its
/// credit date (kept with a payment scheduled for a later date).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Promise {
    /// Nothing of it counts toward a payment not yet due: the next payment is still due in
    /// full.
    NextStillDue,
    /// It counts toward the payments not yet due, from the one due on `due`, by `amount`.
    CountsAhead {
        /// The first payment not yet due that it counts toward.
        due: Date,
        /// How much of it counts toward payments not yet due (more than zero).
        amount: Money,
    },
}

impl Promise {
    /// What a review that projected `next` told the borrower.
    pub fn of(next: &NextAfter) -> Self {
        match next.counts_ahead {
            None => Promise::NextStillDue,
            Some((due, amount)) => Promise::CountsAhead { due, amount },
        }
    }

    /// Whether the projection now (`next`) still does what was promised: none of it counting
    /// toward a payment not yet due, or the same amount toward the same payment. (How much
    /// of a payment counts toward an installment depends on the payments and installments
    /// only, never on the interest, so an unchanged loan projects exactly the same.)
    pub fn holds(self, next: &NextAfter) -> bool {
        Promise::of(next) == self
    }
}

/// Why a payment no longer does what its review promised, as the borrower can check it: the
/// loan as it will stand when the payment is credited, before it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Why {
    /// The loan will be paid off (or closed) by then.
    LoanClosed,
    /// This much of the payments already due will still be unpaid then, and the payment pays
    /// that first.
    EarlierUnpaid(Money),
    /// The payment due on this date, which it was to count toward, will already be paid then.
    AlreadyPaid(Date),
    /// No payment is due any more on the date it was to count toward: the due dates changed.
    DueDatesChanged,
    /// The payment due on `due` is the next to fall due after the credit date, and this much
    /// of it will be unpaid then, so the payment counts toward it.
    NextUnpaid {
        /// Its due date.
        due: Date,
        /// What will be unpaid of it.
        unpaid: Money,
    },
    /// Nothing simpler to say: the loan changed since the payment was scheduled.
    LoanChanged,
}

/// Why a payment `promised` to do one thing now does another (`now`), from `before`: the loan
/// at the start of its credit date without it ([`project_next`]'s).
pub fn why_changed(promised: Promise, now: Promise, before: &LoanState) -> Why {
    if before.status != LoanStatus::Active {
        return Why::LoanClosed;
    }
    let unpaid = |i: &InstallmentStatus| i.amount.saturating_sub_to_zero(i.paid);
    let on = |due: Date| before.installments.iter().find(|i| i.due_date == due);
    let earlier: Money = before
        .installments
        .iter()
        .filter(|i| i.due_date < before.as_of)
        .map(unpaid)
        .sum();
    let next_unpaid = |due: Date| Why::NextUnpaid {
        due,
        unpaid: on(due).map_or(Money::ZERO, unpaid),
    };
    // What became of the payment it was to count toward, when it was to count toward one.
    let was = match promised {
        Promise::CountsAhead { due, .. } => match on(due) {
            None => Some(Why::DueDatesChanged),
            Some(i) if unpaid(i).is_zero() => Some(Why::AlreadyPaid(due)),
            Some(_) => None,
        },
        Promise::NextStillDue => None,
    };
    match (now, promised) {
        // Toward another payment than the one promised: what became of that one says why.
        (
            Promise::CountsAhead { due, .. },
            Promise::CountsAhead {
                due: promised_due, ..
            },
        ) if due != promised_due => was.unwrap_or_else(|| next_unpaid(due)),
        // Toward the same payment, by another amount: the payments already due take their
        // share first, or what is unpaid of that one limits it.
        (Promise::CountsAhead { due, .. }, Promise::CountsAhead { .. }) => {
            if earlier.is_positive() {
                Why::EarlierUnpaid(earlier)
            } else {
                next_unpaid(due)
            }
        }
        (Promise::CountsAhead { due, .. }, Promise::NextStillDue) => next_unpaid(due),
        (Promise::NextStillDue, Promise::CountsAhead { .. }) => match was {
            Some(why) => why,
            None if earlier.is_positive() => Why::EarlierUnpaid(earlier),
            None => Why::LoanChanged,
        },
        (Promise::NextStillDue, Promise::NextStillDue) => Why::LoanChanged,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::accrual::AccrualCarry;
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

    #[test]
    fn a_promise_holds_only_while_the_projection_is_the_same() {
        let january = date(2027, 1, 15);
        let still = NextAfter {
            counts_ahead: None,
            next_due: Some((january, Money::from_cents(24_284))),
        };
        let ahead = NextAfter {
            counts_ahead: Some((january, Money::from_cents(24_284))),
            next_due: Some((date(2027, 2, 15), Money::from_cents(24_284))),
        };
        assert_eq!(Promise::of(&still), Promise::NextStillDue);
        assert!(Promise::NextStillDue.holds(&still));
        assert!(!Promise::NextStillDue.holds(&ahead));
        let promised = Promise::of(&ahead);
        assert_eq!(
            promised,
            Promise::CountsAhead {
                due: january,
                amount: Money::from_cents(24_284)
            }
        );
        assert!(promised.holds(&ahead));
        assert!(!promised.holds(&still));
        let less = NextAfter {
            counts_ahead: Some((january, Money::from_cents(10_000))),
            ..ahead
        };
        assert!(!promised.holds(&less), "less of it counts toward January");
    }

    #[test]
    fn why_a_promise_changed_is_said_in_what_the_borrower_can_check() {
        let january = date(2027, 1, 15);
        let toward_january = Promise::CountsAhead {
            due: january,
            amount: Money::from_cents(24_284),
        };
        // Credited 3 January with December paid: January is next, unpaid, and it counts
        // toward it, where the review said the next payment would still be due.
        let before = state(date(2027, 1, 3), [24_284, 0, 0]);
        assert_eq!(
            why_changed(Promise::NextStillDue, toward_january, &before),
            Why::NextUnpaid {
                due: january,
                unpaid: Money::from_cents(24_284)
            }
        );
        // It was to count toward January, and January will already be paid.
        let paid = state(date(2027, 1, 3), [24_284, 24_284, 0]);
        assert_eq!(
            why_changed(toward_january, Promise::NextStillDue, &paid),
            Why::AlreadyPaid(january)
        );
        // It was to count toward a payment due on a day no payment is due on any more.
        let the_20th = Promise::CountsAhead {
            due: date(2027, 1, 20),
            amount: Money::from_cents(24_284),
        };
        assert_eq!(
            why_changed(the_20th, toward_january, &before),
            Why::DueDatesChanged
        );
        // December will still be unpaid: the payment pays that first, so less counts ahead.
        let behind = state(date(2027, 1, 3), [0, 0, 0]);
        let less = Promise::CountsAhead {
            due: january,
            amount: Money::from_cents(5_716),
        };
        assert_eq!(
            why_changed(toward_january, less, &behind),
            Why::EarlierUnpaid(Money::from_cents(24_284))
        );
        // Paid off by then.
        let mut closed = state(date(2027, 1, 3), [24_284, 24_284, 24_284]);
        closed.status = LoanStatus::PaidOff;
        assert_eq!(
            why_changed(toward_january, Promise::NextStillDue, &closed),
            Why::LoanClosed
        );
    }
}

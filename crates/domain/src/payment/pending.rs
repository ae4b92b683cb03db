//! Payments made and not yet posted, projected onto a loan's history. A quote, an AutoPay
//! draft's amount and the due-soon reminder count them as made: they post before (or with)
//! the payment in question, so what is due is what they leave.

use super::PaymentStatus;
use crate::loan::{ExtraTo, Transaction, TxnId, TxnKind};
use jiff::civil::Date;
use money::Money;

/// The ids of projected payments are above this one: above every id the store gives a
/// recorded transaction (they count up from 1), so on a shared date the projected payments
/// apply after every recorded one (the replay takes a day's transactions in id order), in the
/// order projected. A million pending payments on one loan would reach [`QUOTED_TXN`].
const PROJECTED_AFTER: u64 = u64::MAX - 1_000_000;

/// The id of the payment being quoted: the largest there is, so on its credit date it applies
/// after every recorded and every projected payment, as it will post after them.
pub const QUOTED_TXN: TxnId = TxnId(u64::MAX);

/// A payment made and not yet posted: what the projection needs of it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PendingPayment {
    /// The business day it is credited as of.
    pub credit_date: Date,
    /// Its amount.
    pub amount: Money,
    /// Where any extra goes.
    pub extra: ExtraTo,
}

impl PendingPayment {
    /// The payment as a pending one, if it is: only a scheduled payment is. A posted one is
    /// in the history already; a cancelled, declined or returned one never counts.
    pub fn of(
        status: PaymentStatus,
        credit_date: Date,
        amount: Money,
        extra: ExtraTo,
    ) -> Option<Self> {
        (status == PaymentStatus::Scheduled).then_some(PendingPayment {
            credit_date,
            amount,
            extra,
        })
    }
}

/// `history` with the pending payments credited on or before `through` added as payments (in
/// the order given, after every recorded transaction of the same date): the history as it
/// will be once they post.
pub fn project_pending(
    mut history: Vec<Transaction>,
    pending: &[PendingPayment],
    through: Date,
) -> Vec<Transaction> {
    let due = pending.iter().filter(|p| p.credit_date <= through);
    for (n, p) in (1_u64..).zip(due) {
        history.push(Transaction {
            id: TxnId(PROJECTED_AFTER + n),
            date: p.credit_date,
            kind: TxnKind::Payment {
                amount: p.amount,
                extra: p.extra,
            },
        });
    }
    history
}

/// The payment being quoted, as the transaction the projection replays ([`QUOTED_TXN`]).
pub fn quoted(credit_date: Date, amount: Money, extra: ExtraTo) -> Transaction {
    Transaction {
        id: QUOTED_TXN,
        date: credit_date,
        kind: TxnKind::Payment { amount, extra },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    fn pending(on: Date, cents: i64) -> PendingPayment {
        PendingPayment {
            credit_date: on,
            amount: Money::from_cents(cents),
            extra: ExtraTo::Principal,
        }
    }

    #[test]
    fn only_a_scheduled_payment_is_pending() {
        let on = date(2026, 12, 1);
        let m = Money::from_cents(100);
        assert_eq!(
            PendingPayment::of(PaymentStatus::Scheduled, on, m, ExtraTo::Principal),
            Some(pending(on, 100))
        );
        for s in PaymentStatus::ALL
            .iter()
            .filter(|s| **s != PaymentStatus::Scheduled)
        {
            assert_eq!(
                PendingPayment::of(*s, on, m, ExtraTo::Principal),
                None,
                "{s}"
            );
        }
    }

    #[test]
    fn pending_payments_through_the_date_follow_the_recorded_ones_and_the_quote_follows_them() {
        let recorded = Transaction {
            id: TxnId(7),
            date: date(2026, 12, 1),
            kind: TxnKind::Payment {
                amount: Money::from_cents(500),
                extra: ExtraTo::Principal,
            },
        };
        let projected = project_pending(
            vec![recorded],
            &[
                pending(date(2026, 12, 1), 100),
                pending(date(2026, 12, 9), 200),
                pending(date(2026, 12, 3), 300),
            ],
            date(2026, 12, 3),
        );
        assert_eq!(projected.len(), 3, "the one after the date is left out");
        assert_eq!(projected[0], recorded);
        assert_eq!(projected[1].date, date(2026, 12, 1));
        assert_eq!(projected[2].date, date(2026, 12, 3));
        assert!(projected[0].id < projected[1].id && projected[1].id < projected[2].id);
        // The ids projected payments have always had (a million below the largest).
        assert_eq!(projected[1].id, TxnId(u64::MAX - 999_999));
        let q = quoted(
            date(2026, 12, 3),
            Money::from_cents(50),
            ExtraTo::NextInstallment,
        );
        assert!(projected.iter().all(|t| t.id < q.id));
        assert_eq!(q.id, QUOTED_TXN);
        assert_eq!(
            q.kind,
            TxnKind::Payment {
                amount: Money::from_cents(50),
                extra: ExtraTo::NextInstallment
            }
        );
    }

    #[test]
    fn nothing_pending_leaves_the_history_as_it_is() {
        assert!(project_pending(Vec::new(), &[], date(2026, 12, 1)).is_empty());
    }
}

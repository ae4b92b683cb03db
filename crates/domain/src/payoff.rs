//! Payoff quotes: what pays a loan off on a chosen date, its fees by kind, and the interest
//! per day after it; and the date a quote is for when the date asked for has passed or comes
//! after the loan's last due date ([`payoff_date`]), which the borrower is told.

use crate::loan::{FeeKind, LoanEvent, LoanStatus, LoanTerms, Transaction, replay_to_start_of};
use jiff::civil::Date;
use money::{Money, Rate};
use std::collections::VecDeque;

/// Why a payoff cannot be quoted.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PayoffError {
    /// The date is before interest started.
    #[error(
        "Choose a payoff date on or after {}: the loan started then",
        crate::calendar::long_date(.start)
    )]
    BeforeStart {
        /// Requested date.
        date: Date,
        /// Accrual start.
        start: Date,
    },
    /// The loan is no longer active by that date.
    #[error(
        "The loan is {} by {}: there is nothing to pay off",
        .status.label(0).to_lowercase(),
        crate::calendar::long_date(.date)
    )]
    NotActive {
        /// Requested date.
        date: Date,
        /// Status on that date.
        status: LoanStatus,
    },
}

/// The amount that pays the loan off if received on `payoff_date`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PayoffQuote {
    /// The day the payoff must be received (credited as of).
    pub payoff_date: Date,
    /// Unpaid principal.
    pub principal: Money,
    /// Interest accrued through the day before `payoff_date`.
    pub interest: Money,
    /// Fees unpaid (including late fees assessed by that date).
    pub fees: Money,
    /// The same fees by kind (they add up to `fees`).
    pub fees_by_kind: FeesByKind,
    /// The payoff amount: principal + interest + fees.
    pub total: Money,
    /// Interest for each further day, rounded half up (add it per day the payment is late).
    pub per_diem: Money,
}

/// Quotes the payoff for `payoff_date`, given the history known now.
pub fn payoff_quote(
    terms: &LoanTerms,
    history: &[Transaction],
    payoff_date: Date,
) -> Result<PayoffQuote, PayoffError> {
    if payoff_date < terms.accrual_start {
        return Err(PayoffError::BeforeStart {
            date: payoff_date,
            start: terms.accrual_start,
        });
    }
    let state = replay_to_start_of(terms, history, payoff_date);
    if state.status != LoanStatus::Active {
        return Err(PayoffError::NotActive {
            date: payoff_date,
            status: state.status,
        });
    }
    let fees_by_kind = fees_by_kind(terms.opening.fees, &state.events);
    debug_assert_eq!(fees_by_kind.total(), state.fees, "fees by kind add up");
    Ok(PayoffQuote {
        payoff_date,
        principal: state.principal,
        interest: state.interest,
        fees: state.fees,
        fees_by_kind,
        total: state.balance(),
        per_diem: per_diem(
            state.principal,
            terms.rate,
            terms.day_count.day_weight(payoff_date),
            terms.day_count,
        ),
    })
}

/// One day's interest on `principal`, rounded half up (the schedule's rounding of a period
/// one day long).
pub fn per_diem(principal: Money, rate: Rate, weight: i64, day_count: money::DayCount) -> Money {
    crate::schedule::period_interest(principal, rate, day_count, weight)
}

/// Unpaid fees by kind, as a payoff quote itemizes them.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct FeesByKind {
    /// Late fees.
    pub late: Money,
    /// Returned-payment (NSF) fees.
    pub returned_payment: Money,
    /// Fees unpaid when the loan came from its previous servicer (a boarded loan's opening
    /// fees, whose kind the boarding file does not say).
    pub from_previous_servicer: Money,
    /// Refunds to pay back: money refunded from a payment returned after the refund went out
    /// ([`FeeKind::RefundOwed`]; owed with the fees, though not a fee).
    pub refund_owed: Money,
}

impl FeesByKind {
    /// Every kind together: the quote's fees.
    pub fn total(&self) -> Money {
        self.late + self.returned_payment + self.from_previous_servicer + self.refund_owed
    }

    /// Each kind owed with its words, in the order a quote lists them ("Late fees",
    /// "Returned-payment fees", "Fees owed when your loan came to us", "Refund to pay back");
    /// none when no fee is owed.
    pub fn lines(&self) -> Vec<(&'static str, Money)> {
        [
            ("Late fees", self.late),
            ("Returned-payment fees", self.returned_payment),
            (
                "Fees owed when your loan came to us",
                self.from_previous_servicer,
            ),
            ("Refund to pay back", self.refund_owed),
        ]
        .into_iter()
        .filter(|(_, amount)| amount.is_positive())
        .collect()
    }
}

/// The kind of one fee, as [`FeesByKind`] sorts them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Late,
    ReturnedPayment,
    FromPreviousServicer,
    RefundOwed,
}

/// Which kinds the unpaid fees are, from the loan's opening fees and its replay's events.
/// Fees are owed as one balance (a payment, a waiver or a charge-off takes an amount off it,
/// not a named fee), so what is taken off is taken from the oldest fee first: the fees left
/// are the newest. The kinds add up to the fees the replay leaves.
pub fn fees_by_kind(opening_fees: Money, events: &[LoanEvent]) -> FeesByKind {
    let mut owed: VecDeque<(Kind, Money)> = VecDeque::new();
    if opening_fees.is_positive() {
        owed.push_back((Kind::FromPreviousServicer, opening_fees));
    }
    for event in events {
        let paid = match event {
            LoanEvent::FeeAssessed { kind, amount, .. } => {
                let kind = match kind {
                    FeeKind::Late { .. } => Kind::Late,
                    FeeKind::Nsf { .. } => Kind::ReturnedPayment,
                    FeeKind::RefundOwed { .. } => Kind::RefundOwed,
                };
                owed.push_back((kind, *amount));
                continue;
            }
            LoanEvent::FeeWaived { amount, .. } => *amount,
            LoanEvent::PaymentApplied(p) => p.fees,
            LoanEvent::ChargedOff { fees, .. } => *fees,
            LoanEvent::Accrued { .. }
            | LoanEvent::InterestWaived { .. }
            | LoanEvent::Refunded { .. } => continue,
        };
        take_oldest(&mut owed, paid);
    }
    let mut by_kind = FeesByKind::default();
    for (kind, amount) in owed {
        match kind {
            Kind::Late => by_kind.late += amount,
            Kind::ReturnedPayment => by_kind.returned_payment += amount,
            Kind::FromPreviousServicer => by_kind.from_previous_servicer += amount,
            Kind::RefundOwed => by_kind.refund_owed += amount,
        }
    }
    by_kind
}

/// Takes `paid` off the fees `owed`, oldest first.
fn take_oldest(owed: &mut VecDeque<(Kind, Money)>, paid: Money) {
    let mut left = paid;
    while left.is_positive() {
        let Some(oldest) = owed.front_mut() else {
            return;
        };
        let taken = oldest.1.min(left);
        oldest.1 -= taken;
        left -= taken;
        if !oldest.1.is_positive() {
            owed.pop_front();
        }
    }
}

/// Why a payoff is quoted for another date than the one asked for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PayoffDateChange {
    /// The date asked for has passed: the payoff is quoted for today.
    Past {
        /// The date asked for.
        asked: Date,
    },
    /// The date asked for comes after the loan's last due date, when everything left is due:
    /// the payoff is quoted for that last due date.
    AfterLastDue {
        /// The date asked for.
        asked: Date,
        /// The loan's last due date.
        last_due: Date,
    },
}

/// The date a payoff is quoted for when `asked` is asked for (none: today) on the business
/// date `today`, for a loan whose last due date is `last_due`, and why it is not the date
/// asked for when it is not: a date past is quoted for today; a date after the last due date
/// (while that date is still to come) for the last due date, when the whole balance is due.
/// A loan already past its last due date is quoted for any date from today.
pub fn payoff_date(
    asked: Option<Date>,
    today: Date,
    last_due: Option<Date>,
) -> (Date, Option<PayoffDateChange>) {
    match (asked, last_due) {
        (None, _) => (today, None),
        (Some(asked), _) if asked < today => (today, Some(PayoffDateChange::Past { asked })),
        (Some(asked), Some(last_due)) if last_due >= today && asked > last_due => (
            last_due,
            Some(PayoffDateChange::AfterLastDue { asked, last_due }),
        ),
        (Some(asked), _) => (asked, None),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::loan::{AppliedPayment, TxnId};

    fn usd(cents: i64) -> Money {
        Money::from_cents(cents)
    }

    #[test]
    fn fees_paid_or_waived_come_off_the_oldest_first_and_the_kinds_add_up() {
        let day = Date::constant(2026, 12, 1);
        let late = |amount| LoanEvent::FeeAssessed {
            date: day,
            kind: FeeKind::Late { installment: 1 },
            amount: usd(amount),
        };
        let events = [
            late(2_500),
            LoanEvent::FeeAssessed {
                date: day,
                kind: FeeKind::Nsf { payment: TxnId(7) },
                amount: usd(3_000),
            },
            LoanEvent::PaymentApplied(AppliedPayment {
                txn: TxnId(8),
                date: day,
                amount: usd(10_000),
                fees: usd(2_000),
                interest: usd(1_000),
                principal: usd(7_000),
                unapplied: Money::ZERO,
            }),
            LoanEvent::FeeWaived {
                date: day,
                txn: TxnId(9),
                amount: usd(1_000),
            },
            late(2_500),
        ];
        // The payment's $20 to fees pays the $5 from the previous servicer and $15 of the
        // first late fee; the waiver takes that fee's last $10. The returned-payment fee and
        // the second late fee are left.
        let fees = fees_by_kind(usd(500), &events);
        assert_eq!(
            fees,
            FeesByKind {
                late: usd(2_500),
                returned_payment: usd(3_000),
                from_previous_servicer: Money::ZERO,
                refund_owed: Money::ZERO,
            }
        );
        assert_eq!(
            fees.total(),
            usd(500 + 2_500 + 3_000 + 2_500 - 2_000 - 1_000)
        );
        assert_eq!(fees_by_kind(Money::ZERO, &[]), FeesByKind::default());
        assert_eq!(
            fees.lines(),
            vec![
                ("Late fees", usd(2_500)),
                ("Returned-payment fees", usd(3_000))
            ]
        );
        assert!(FeesByKind::default().lines().is_empty());
    }

    #[test]
    fn a_payoff_date_past_or_after_the_last_due_date_is_moved_and_says_why() {
        let today = Date::constant(2026, 12, 7);
        let last_due = Some(Date::constant(2027, 3, 5));
        assert_eq!(payoff_date(None, today, last_due), (today, None));
        let soon = Date::constant(2026, 12, 20);
        assert_eq!(payoff_date(Some(soon), today, last_due), (soon, None));
        assert_eq!(payoff_date(Some(today), today, last_due), (today, None));
        let past = Date::constant(2026, 11, 1);
        assert_eq!(
            payoff_date(Some(past), today, last_due),
            (today, Some(PayoffDateChange::Past { asked: past }))
        );
        let late = Date::constant(2027, 4, 1);
        assert_eq!(
            payoff_date(Some(late), today, last_due),
            (
                Date::constant(2027, 3, 5),
                Some(PayoffDateChange::AfterLastDue {
                    asked: late,
                    last_due: Date::constant(2027, 3, 5)
                })
            )
        );
        // A loan already past its last due date: any date from today is quoted as asked.
        let matured = Some(Date::constant(2026, 11, 5));
        assert_eq!(payoff_date(Some(soon), today, matured), (soon, None));
    }
}

//! The fold: a loan's terms and dated history, replayed day by day, give its state.
//!
//! Each day, in order: (1) late fees for installments whose grace period ended yesterday
//! unpaid; (2) that day's transactions in id order (payments are credited as of their date, so
//! a payment on day *d* stops interest for day *d*); (3) that day's interest on the principal
//! left at the end of the day. A reversed transaction (a payment, a fee or interest waiver, an
//! amendment, a refund) is left out of the replay entirely. The replay runs on the terms as
//! amended through its last day ([`LoanTerms::amended`]): an amendment moves what it changes
//! from its own date, so the days before it replay exactly as they did.

use super::state::{AppliedPayment, FeeKind, InstallmentStatus, LoanEvent, LoanState, LoanStatus};
use super::{ExtraTo, LoanTerms, Transaction, TxnId, TxnKind};
use crate::accrual::{AccrualCarry, accrue_weight};
use jiff::civil::Date;
use money::Money;
use std::collections::HashSet;

/// Replays `history` over `terms` through the end of `through` (its interest included).
/// Transactions dated after `through` are ignored; the order of `history` does not matter.
/// The terms are amended by the history's amendments dated on or before `through` (terms
/// already amended may be passed: amending is idempotent).
pub fn replay(terms: &LoanTerms, history: &[Transaction], through: Date) -> LoanState {
    run(terms, history, through, true)
}

/// The state at the start of `date`: every earlier day in full, then `date`'s late fees and
/// transactions but not its interest. This is what a payment made on `date` pays against.
pub fn replay_to_start_of(terms: &LoanTerms, history: &[Transaction], date: Date) -> LoanState {
    run(terms, history, date, false)
}

fn run(
    terms: &LoanTerms,
    history: &[Transaction],
    through: Date,
    accrue_last_day: bool,
) -> LoanState {
    let terms = terms.amended(history, through);
    let mut txns: Vec<&Transaction> = history.iter().filter(|t| t.date <= through).collect();
    txns.sort_by_key(|t| (t.date, t.id));
    let reversed: HashSet<TxnId> = txns
        .iter()
        .filter_map(|t| match t.kind {
            TxnKind::Reversal { of, .. } => Some(of),
            _ => None,
        })
        .collect();
    let mut fold = Fold::new(&terms);
    let mut next_txn = 0;
    let mut day = terms.accrual_start;
    while day <= through {
        fold.assess_late_fees(day);
        while let Some(txn) = txns.get(next_txn).filter(|t| t.date <= day) {
            fold.apply(txn, day, &reversed, &txns);
            next_txn += 1;
        }
        if day < through || accrue_last_day {
            fold.accrue(day);
        }
        day = day.tomorrow().expect("date in range");
    }
    fold.finish(through)
}

struct Fold<'a> {
    terms: &'a LoanTerms,
    state: LoanState,
    /// Cumulative installment amounts: `cumulative[i]` is the sum of installments 0..=i.
    cumulative: Vec<Money>,
    /// Payment money counted toward installments so far.
    credited: Money,
    /// The next installment whose grace period is still to be checked.
    late_cursor: usize,
}

impl<'a> Fold<'a> {
    fn new(terms: &'a LoanTerms) -> Self {
        let cumulative = terms
            .installments
            .iter()
            .scan(Money::ZERO, |sum, i| {
                *sum += i.amount;
                Some(*sum)
            })
            .collect();
        let opening = terms.opening;
        Fold {
            terms,
            state: LoanState {
                as_of: terms.accrual_start,
                status: LoanStatus::Active,
                principal: opening.principal,
                interest: opening.interest,
                carry: opening.carry,
                fees: opening.fees,
                unapplied: Money::ZERO,
                installments: Vec::new(),
                events: Vec::new(),
                interest_paid: Money::ZERO,
            },
            cumulative,
            credited: Money::ZERO,
            late_cursor: 0,
        }
    }

    fn assess_late_fees(&mut self, day: Date) {
        let rule = self.terms.late_fee;
        while let Some(installment) = self.terms.installments.get(self.late_cursor) {
            let grace_end = installment
                .due_date
                .checked_add(jiff::Span::new().days(i64::from(rule.grace_period_days)))
                .expect("date in range");
            if grace_end >= day {
                break;
            }
            // Paid means the money received covers this installment and all before it; money
            // that went to fees still counts, so a late fee never makes a later payment late.
            // A shortfall below the rule's minimum (a trued-up final payment a few cents
            // short) draws no fee.
            let owed = self.cumulative[self.late_cursor];
            let shortfall = owed.saturating_sub_to_zero(self.credited);
            let unpaid = shortfall.is_positive() && rule.charges(shortfall);
            // An installment that fell due before we began servicing (a boarded loan) had its
            // late fee, if any, assessed by the prior servicer: it is in the opening fees.
            let ours = installment.due_date >= self.terms.accrual_start;
            if unpaid && ours && self.state.status == LoanStatus::Active {
                let amount = rule.fee_for(installment.amount);
                if amount.is_positive() {
                    self.state.fees += amount;
                    self.state.events.push(LoanEvent::FeeAssessed {
                        date: day,
                        kind: FeeKind::Late {
                            installment: installment.number,
                        },
                        amount,
                    });
                }
            }
            self.late_cursor += 1;
        }
    }

    fn apply(
        &mut self,
        txn: &Transaction,
        day: Date,
        reversed: &HashSet<TxnId>,
        all: &[&Transaction],
    ) {
        match txn.kind {
            TxnKind::Payment { .. }
            | TxnKind::FeeWaiver { .. }
            | TxnKind::InterestWaiver { .. }
            | TxnKind::Amendment { .. }
            | TxnKind::Refund { .. }
                if reversed.contains(&txn.id) => {}
            TxnKind::Payment { amount, extra } => self.apply_payment(txn.id, day, amount, extra),
            TxnKind::Reversal {
                of,
                insufficient_funds,
            } => {
                let was_payment = all
                    .iter()
                    .any(|t| t.id == of && matches!(t.kind, TxnKind::Payment { .. }));
                let fee = self.terms.nsf_fee.fee_for_return(insufficient_funds);
                if let (true, Some(amount), LoanStatus::Active) =
                    (was_payment, fee, self.state.status)
                {
                    self.state.fees += amount;
                    self.state.events.push(LoanEvent::FeeAssessed {
                        date: day,
                        kind: FeeKind::Nsf { payment: of },
                        amount,
                    });
                }
            }
            TxnKind::FeeWaiver { amount } => {
                let waived = amount.min(self.state.fees).max(Money::ZERO);
                self.state.fees -= waived;
                self.state.events.push(LoanEvent::FeeWaived {
                    date: day,
                    txn: txn.id,
                    amount: waived,
                });
                self.settle_if_paid_off();
            }
            TxnKind::ChargeOff if self.state.status == LoanStatus::Active => {
                let s = &mut self.state;
                s.events.push(LoanEvent::ChargedOff {
                    date: day,
                    principal: s.principal,
                    interest: s.interest,
                    fees: s.fees,
                });
                (s.principal, s.interest, s.fees) = (Money::ZERO, Money::ZERO, Money::ZERO);
                s.carry = AccrualCarry::ZERO;
                s.status = LoanStatus::ChargedOff;
            }
            TxnKind::ChargeOff => {}
            TxnKind::InterestWaiver { amount } => {
                let waived = amount.min(self.state.interest).max(Money::ZERO);
                self.state.interest -= waived;
                self.state.events.push(LoanEvent::InterestWaived {
                    date: day,
                    txn: txn.id,
                    amount: waived,
                });
                self.settle_if_paid_off();
            }
            TxnKind::Refund { amount } => self.apply_refund(txn.id, day, amount),
            // Applied to the terms before the replay began (`LoanTerms::amended`).
            TxnKind::Amendment { .. } => {}
        }
    }

    fn apply_payment(&mut self, txn: TxnId, day: Date, amount: Money, extra: ExtraTo) {
        let s = &mut self.state;
        let (fees, interest, principal, left) = if s.status == LoanStatus::Active {
            self.terms
                .waterfall
                .split(amount, s.fees, s.interest, s.principal)
        } else {
            (Money::ZERO, Money::ZERO, Money::ZERO, amount)
        };
        s.fees -= fees;
        s.interest -= interest;
        s.principal -= principal;
        s.unapplied += left;
        s.interest_paid += interest;
        s.events.push(LoanEvent::PaymentApplied(AppliedPayment {
            txn,
            date: day,
            amount,
            fees,
            interest,
            principal,
            unapplied: left,
        }));
        let credit = match extra {
            ExtraTo::NextInstallment => amount,
            ExtraTo::Principal => amount.min(self.billed_unpaid(day)),
        };
        self.credited += credit;
        self.settle_if_paid_off();
    }

    /// A refund takes its whole amount, always: it is money that left us. The unapplied funds
    /// pay what they hold (all of it when the refund was decided: the app refunds no more,
    /// and only money past the return window). What they no longer cover, because a payment
    /// that funded them was returned or reversed after the refund was decided (an ACH debit's
    /// R10 comes up to 60 days later), the borrower owes back, due at once: a charge with the
    /// fees ([`FeeKind::RefundOwed`], ADR 0033), which payments repay first under the default
    /// waterfall, counted past due and in the payoff. Bounding the refund by the credit
    /// instead would shrink it silently: the borrower keeps the refund and the money, and the
    /// loan no longer agrees with refunds payable.
    ///
    /// A loan paid off is open again while it owes the refund back; on a charged-off loan the
    /// amount is written off at once, as its other balances were.
    fn apply_refund(&mut self, txn: TxnId, day: Date, amount: Money) {
        let amount = amount.max(Money::ZERO);
        let s = &mut self.state;
        let covered = amount.min(s.unapplied);
        let owed = amount - covered;
        s.unapplied -= covered;
        s.events.push(LoanEvent::Refunded {
            date: day,
            txn,
            amount: covered,
        });
        if !owed.is_positive() {
            return;
        }
        s.fees += owed;
        s.events.push(LoanEvent::FeeAssessed {
            date: day,
            kind: FeeKind::RefundOwed { refund: txn },
            amount: owed,
        });
        match s.status {
            LoanStatus::Active => {}
            LoanStatus::PaidOff => s.status = LoanStatus::Active,
            LoanStatus::ChargedOff => {
                s.fees -= owed;
                s.events.push(LoanEvent::ChargedOff {
                    date: day,
                    principal: Money::ZERO,
                    interest: Money::ZERO,
                    fees: owed,
                });
            }
        }
    }

    /// Installments due up to and including the next due date on or after `day`, less credit.
    fn billed_unpaid(&self, day: Date) -> Money {
        let installments = &self.terms.installments;
        let upto = installments
            .iter()
            .position(|i| i.due_date >= day)
            .unwrap_or(installments.len().saturating_sub(1));
        self.cumulative
            .get(upto)
            .map_or(Money::ZERO, |c| c.saturating_sub_to_zero(self.credited))
    }

    fn settle_if_paid_off(&mut self) {
        let s = &mut self.state;
        if s.status == LoanStatus::Active && s.balance().is_zero() {
            s.status = LoanStatus::PaidOff;
            // The sub-cent remainder is forgiven at payoff: the borrower never pays a fraction.
            s.carry = AccrualCarry::ZERO;
            self.credited = self
                .credited
                .max(self.cumulative.last().copied().unwrap_or_default());
        }
    }

    fn accrue(&mut self, day: Date) {
        let s = &mut self.state;
        if s.status != LoanStatus::Active || !s.principal.is_positive() {
            return;
        }
        let t = self.terms;
        let accrued = accrue_weight(
            s.principal,
            t.rate,
            t.day_count,
            t.day_count.day_weight(day),
            s.carry,
        );
        s.carry = accrued.carry;
        if accrued.interest.is_positive() {
            s.interest += accrued.interest;
            s.events.push(LoanEvent::Accrued {
                date: day,
                amount: accrued.interest,
            });
        }
    }

    fn finish(mut self, through: Date) -> LoanState {
        let mut credited = self.credited;
        let mut fee_assessed: HashSet<u32> = HashSet::new();
        for event in &self.state.events {
            if let LoanEvent::FeeAssessed {
                kind: FeeKind::Late { installment },
                ..
            } = event
            {
                fee_assessed.insert(*installment);
            }
        }
        self.state.installments = self
            .terms
            .installments
            .iter()
            .map(|i| {
                let paid = credited.min(i.amount).max(Money::ZERO);
                credited -= paid;
                InstallmentStatus {
                    number: i.number,
                    due_date: i.due_date,
                    amount: i.amount,
                    paid,
                    late_fee_assessed: fee_assessed.contains(&i.number),
                }
            })
            .collect();
        self.state.as_of = through;
        self.state
    }
}

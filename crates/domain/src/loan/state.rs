//! The result of replaying a loan: balances, installment status, and the events that
//! produced them (each event has exactly one posting rule in the ledger).

use super::TxnId;
use crate::accrual::AccrualCarry;
use crate::delinquency::AgingBucket;
use crate::vocabulary::vocabulary;
use jiff::civil::Date;
use money::Money;

vocabulary! {
    /// Whether the loan is still being serviced. Stored as text in `loan_snapshots.status`
    /// (which has no CHECK constraint: these are the only values the app writes).
    pub enum LoanStatus {
        /// Open, with a balance: interest accrues, installments fall due, payments are taken.
        Active = "active",
        /// Every balance is zero: nothing more is due and no payment is taken.
        PaidOff = "paid_off",
        /// Written off; accrual has stopped and no payment is drafted.
        ChargedOff = "charged_off",
    }
}

impl LoanStatus {
    /// The status as the portal and the console show it: "Paid off", "Charged off", or for
    /// an active loan "Past due" when `days_past_due` is above 0 and "Current" otherwise.
    pub const fn label(self, days_past_due: u32) -> &'static str {
        match self {
            LoanStatus::PaidOff => "Paid off",
            LoanStatus::ChargedOff => "Charged off",
            LoanStatus::Active if days_past_due > 0 => "Past due",
            LoanStatus::Active => "Current",
        }
    }
}

/// Why a fee was assessed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum FeeKind {
    /// Late fee for the installment with this number.
    Late {
        /// The installment number.
        installment: u32,
    },
    /// NSF fee for the returned payment.
    Nsf {
        /// The payment returned.
        payment: TxnId,
    },
    /// Not a fee but a refund to pay back (ADR 0033): the part of a refund its credit balance
    /// no longer covers, because a payment that funded it was returned (or reversed) after the
    /// refund went out. The money left us, so the borrower owes it, due at once; it is owed
    /// with the fees so that a payment repays it first (the default waterfall), it is past due
    /// and in the payoff, and its entry is Dr fees receivable, Cr refunds payable (never fee
    /// income).
    RefundOwed {
        /// The refund.
        refund: TxnId,
    },
}

/// How one payment was applied: exactly what the borrower is shown.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct AppliedPayment {
    /// The payment.
    pub txn: TxnId,
    /// Credited as of.
    pub date: Date,
    /// Amount received.
    pub amount: Money,
    /// To fees.
    pub fees: Money,
    /// To interest.
    pub interest: Money,
    /// To principal.
    pub principal: Money,
    /// Left over after the loan was paid off, or received after charge-off (held unapplied).
    pub unapplied: Money,
}

/// Something that happened to the loan during the replay.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum LoanEvent {
    /// A day's interest, in whole cents (days that accrue less than a cent post nothing).
    Accrued {
        /// The day accrued.
        date: Date,
        /// Whole cents posted.
        amount: Money,
    },
    /// A fee assessed.
    FeeAssessed {
        /// The date.
        date: Date,
        /// Why.
        kind: FeeKind,
        /// How much.
        amount: Money,
    },
    /// Fees waived.
    FeeWaived {
        /// The date.
        date: Date,
        /// The waiver transaction.
        txn: TxnId,
        /// How much was actually waived.
        amount: Money,
    },
    /// A payment applied.
    PaymentApplied(AppliedPayment),
    /// Balances written off.
    ChargedOff {
        /// The date.
        date: Date,
        /// Principal written off.
        principal: Money,
        /// Interest written off.
        interest: Money,
        /// Fees written off.
        fees: Money,
    },
    /// Accrued interest waived.
    InterestWaived {
        /// The date.
        date: Date,
        /// The waiver transaction.
        txn: TxnId,
        /// How much was actually waived (at most the interest outstanding).
        amount: Money,
    },
    /// Unapplied funds paid back to the borrower. A refund always takes its whole amount:
    /// this event is the part the credit balance paid (all of it when the refund was decided);
    /// any rest, when a payment that funded it was returned later, follows as a
    /// [`LoanEvent::FeeAssessed`] of kind [`FeeKind::RefundOwed`].
    Refunded {
        /// The date.
        date: Date,
        /// The refund transaction.
        txn: TxnId,
        /// The part of the refund the unapplied funds paid (at most what they held).
        amount: Money,
    },
}

/// The status of one installment at the replay date.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct InstallmentStatus {
    /// Installment number.
    pub number: u32,
    /// Due date.
    pub due_date: Date,
    /// Amount due.
    pub amount: Money,
    /// Paid toward it so far.
    pub paid: Money,
    /// A late fee was assessed for it.
    pub late_fee_assessed: bool,
}

impl InstallmentStatus {
    /// True when fully paid.
    pub fn is_paid(&self) -> bool {
        self.paid >= self.amount
    }
}

/// A loan as of a date: the fold of its history.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LoanState {
    /// The last day processed (accrual included).
    pub as_of: Date,
    /// Active, paid off or charged off.
    pub status: LoanStatus,
    /// Unpaid principal.
    pub principal: Money,
    /// Interest accrued and unpaid (whole cents).
    pub interest: Money,
    /// Sub-cent interest carried.
    pub carry: AccrualCarry,
    /// Fees assessed and unpaid, with any refund to pay back ([`FeeKind::RefundOwed`]).
    pub fees: Money,
    /// Money received beyond the payoff (to refund or move), or after charge-off, less what
    /// was refunded (never below zero: a refund beyond it is owed back, in `fees`).
    pub unapplied: Money,
    /// Installments with what has been paid toward each.
    pub installments: Vec<InstallmentStatus>,
    /// Everything that happened, in order.
    pub events: Vec<LoanEvent>,
    /// Total interest paid (for statements: interest paid this year uses the events).
    pub interest_paid: Money,
}

impl LoanState {
    /// Principal + interest + fees.
    pub fn balance(&self) -> Money {
        self.principal + self.interest + self.fees
    }

    /// The oldest installment due on or before the replay date that is not fully paid.
    pub fn oldest_unpaid_due(&self) -> Option<&InstallmentStatus> {
        self.installments
            .iter()
            .find(|i| i.due_date <= self.as_of && !i.is_paid())
    }

    /// Days past due: from the oldest installment due before today and not fully paid; after
    /// maturity, from the final due date while a balance remains.
    pub fn days_past_due(&self) -> u32 {
        if self.status != LoanStatus::Active {
            return 0;
        }
        let since = match self
            .installments
            .iter()
            .find(|i| i.due_date < self.as_of && !i.is_paid())
        {
            Some(i) => Some(i.due_date),
            None => self
                .installments
                .last()
                .filter(|last| last.due_date < self.as_of && self.balance().is_positive())
                .map(|last| last.due_date),
        };
        since.map_or(0, |d| {
            u32::try_from(money::days_between(d, self.as_of)).expect("past dates are positive")
        })
    }

    /// The aging bucket.
    pub fn aging_bucket(&self) -> AgingBucket {
        AgingBucket::for_days(self.days_past_due())
    }

    /// Unpaid installments due before the replay date, plus fees: what is past due.
    pub fn past_due_amount(&self) -> Money {
        let installments: Money = self
            .installments
            .iter()
            .filter(|i| i.due_date < self.as_of)
            .map(|i| i.amount.saturating_sub_to_zero(i.paid))
            .sum();
        (installments + self.fees).min(self.balance())
    }

    /// The next installment not fully paid (due today or later, or the oldest past due).
    pub fn next_due(&self) -> Option<&InstallmentStatus> {
        self.installments.iter().find(|i| !i.is_paid())
    }

    /// What the borrower must pay now: everything past due plus what is unpaid of the next
    /// installment to fall due (zero when paid ahead); after the final due date, the whole balance. Never more than the balance.
    pub fn amount_due(&self) -> Money {
        if self.status != LoanStatus::Active {
            return Money::ZERO;
        }
        let matured = self
            .installments
            .last()
            .is_none_or(|last| last.due_date < self.as_of);
        if matured {
            return self.balance();
        }
        let upcoming = self
            .installments
            .iter()
            .find(|i| i.due_date >= self.as_of)
            .map_or(Money::ZERO, |i| i.amount.saturating_sub_to_zero(i.paid));
        (self.past_due_amount() + upcoming).min(self.balance())
    }

    /// The splits of every payment still standing, in the order applied.
    pub fn applied_payments(&self) -> impl Iterator<Item = &AppliedPayment> {
        self.events.iter().filter_map(|e| match e {
            LoanEvent::PaymentApplied(p) => Some(p),
            _ => None,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::LoanStatus;
    use crate::vocabulary::texts;

    #[test]
    fn every_loan_status_reads_back_and_the_set_is_the_one_stored() {
        // loan_snapshots.status (migrations/{sqlite,postgres}/0002_platform.sql) has no CHECK;
        // these are the values snapshots have always been written with.
        let stored = ["active", "paid_off", "charged_off"];
        assert_eq!(texts(LoanStatus::ALL, LoanStatus::as_str), stored);
        for s in LoanStatus::ALL {
            assert_eq!(LoanStatus::parse(s.as_str()), Some(*s));
            assert_eq!(s.to_string(), s.as_str());
        }
        assert_eq!(LoanStatus::parse("closed"), None);
    }

    #[test]
    fn a_loan_status_reads_as_people_say_it() {
        assert_eq!(LoanStatus::Active.label(0), "Current");
        assert_eq!(LoanStatus::Active.label(1), "Past due");
        assert_eq!(LoanStatus::PaidOff.label(0), "Paid off");
        assert_eq!(LoanStatus::ChargedOff.label(90), "Charged off");
    }
}

//! Accounts, lines and journal entries. A [`JournalEntry`] can only be built balanced.

use jiff::civil::Date;
use money::Money;
use std::fmt;

/// The chart of accounts of a loan portfolio.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Account {
    /// Cash and clearing: money received or disbursed, before it reaches the bank account.
    CashClearing,
    /// The servicer's account at its bank (asset): money the bank reports has landed.
    CashInBank,
    /// Principal owed by borrowers (asset).
    PrincipalReceivable,
    /// Interest accrued and owed (asset).
    InterestReceivable,
    /// Interest earned (income).
    InterestIncome,
    /// Fees assessed and owed (asset).
    FeesReceivable,
    /// Fees earned (income).
    FeeIncome,
    /// Money received that pays nothing yet: overpayments, payments after charge-off (liability).
    UnappliedFunds,
    /// Money received by mail or bank bill pay that is not yet matched to a loan (liability):
    /// held until staff apply it to a loan or return it.
    Suspense,
    /// Money owed back to a payer, to be sent back (liability).
    RefundsPayable,
    /// Balances written off (loss).
    ChargeOff,
}

impl Account {
    /// Every account, in chart order.
    pub const ALL: [Account; 11] = [
        Account::CashClearing,
        Account::CashInBank,
        Account::PrincipalReceivable,
        Account::InterestReceivable,
        Account::InterestIncome,
        Account::FeesReceivable,
        Account::FeeIncome,
        Account::UnappliedFunds,
        Account::Suspense,
        Account::RefundsPayable,
        Account::ChargeOff,
    ];

    /// The stable code used in storage and reports.
    pub const fn code(self) -> &'static str {
        match self {
            Account::CashClearing => "1000-cash-clearing",
            Account::CashInBank => "1010-cash-in-bank",
            Account::PrincipalReceivable => "1100-principal-receivable",
            Account::InterestReceivable => "1200-interest-receivable",
            Account::FeesReceivable => "1300-fees-receivable",
            Account::UnappliedFunds => "2100-unapplied-funds",
            // Not 2100: that number is unapplied funds', and a chart number names one account.
            Account::Suspense => "2150-remittance-suspense",
            Account::RefundsPayable => "2200-refunds-payable",
            Account::InterestIncome => "4000-interest-income",
            Account::FeeIncome => "4100-fee-income",
            Account::ChargeOff => "5000-charge-off",
        }
    }
}

impl fmt::Display for Account {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// Debit or credit.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Side {
    /// Debit.
    Debit,
    /// Credit.
    Credit,
}

impl Side {
    /// The other side.
    pub const fn opposite(self) -> Side {
        match self {
            Side::Debit => Side::Credit,
            Side::Credit => Side::Debit,
        }
    }
}

/// One line of an entry: a positive amount on one side of one account.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Line {
    /// The account.
    pub account: Account,
    /// Debit or credit.
    pub side: Side,
    /// Always positive.
    pub amount: Money,
}

impl Line {
    /// A debit line.
    pub const fn debit(account: Account, amount: Money) -> Line {
        Line {
            account,
            side: Side::Debit,
            amount,
        }
    }

    /// A credit line.
    pub const fn credit(account: Account, amount: Money) -> Line {
        Line {
            account,
            side: Side::Credit,
            amount,
        }
    }
}

/// The business event an entry records.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum EntryKind {
    /// A new loan paid out.
    Disbursement,
    /// A loan taken over from a prior servicer, with its balances.
    Boarding,
    /// Daily interest.
    Accrual,
    /// A payment applied.
    PaymentApplied,
    /// A fee assessed.
    FeeAssessed,
    /// A fee waived.
    FeeWaived,
    /// Balances written off.
    ChargeOff,
    /// A mailed or bill-pay item that matched no loan, held in suspense for staff.
    RemittanceHeld,
    /// A held item staff applied to a loan, taken out of suspense.
    RemittanceReleased,
    /// A held item to be sent back to its payer.
    RemittanceReturned,
    /// The bank reports money landed in our account.
    BankCredit,
    /// The bank reports money taken from our account (a returned item or a debit).
    BankDebit,
    /// Accrued interest waived.
    InterestWaived,
    /// Unapplied funds to be paid back to the borrower.
    Refunded,
    /// Money held for a borrower sent back to them (an ACH credit in the day's file, a card
    /// refund the processor accepted).
    RefundSent,
    /// A refund sent by ACH credit that the borrower's bank sent back.
    RefundReturned,
    /// The part of a refund the borrower owes back: its credit balance no longer covers it,
    /// a payment that funded it having been returned after the refund went out (ADR 0033).
    RefundOwed,
    /// The exact mirror of an earlier entry of the given kind.
    Reversal(&'static str),
}

impl fmt::Display for EntryKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            EntryKind::Reversal(of) => write!(f, "reversal-of-{of}"),
            other => f.write_str(other.name()),
        }
    }
}

impl EntryKind {
    /// The event's name; for a reversal, the name of the event reversed.
    fn name(self) -> &'static str {
        match self {
            EntryKind::Disbursement => "disbursement",
            EntryKind::Boarding => "boarding",
            EntryKind::Accrual => "accrual",
            EntryKind::PaymentApplied => "payment-applied",
            EntryKind::FeeAssessed => "fee-assessed",
            EntryKind::FeeWaived => "fee-waived",
            EntryKind::ChargeOff => "charge-off",
            EntryKind::RemittanceHeld => "remittance-held",
            EntryKind::RemittanceReleased => "remittance-released",
            EntryKind::RemittanceReturned => "remittance-returned",
            EntryKind::BankCredit => "bank-credit",
            EntryKind::BankDebit => "bank-debit",
            EntryKind::InterestWaived => "interest-waived",
            EntryKind::Refunded => "refunded",
            EntryKind::RefundSent => "refund-sent",
            EntryKind::RefundReturned => "refund-returned",
            EntryKind::RefundOwed => "refund-owed",
            EntryKind::Reversal(of) => of,
        }
    }
}

/// Why an entry cannot be built.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LedgerError {
    /// Debits and credits differ.
    #[error("entry does not balance: debits {debits}, credits {credits}")]
    Unbalanced {
        /// Total debits.
        debits: Money,
        /// Total credits.
        credits: Money,
    },
    /// A line with zero or a negative amount.
    #[error("line on {account} has amount {amount}; lines must be positive")]
    NonPositiveLine {
        /// The account.
        account: Account,
        /// The amount.
        amount: Money,
    },
    /// No lines.
    #[error("an entry needs at least one debit and one credit")]
    Empty,
}

/// A balanced journal entry. Fields are private: the only ways to get one check the balance.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct JournalEntry {
    date: Date,
    kind: EntryKind,
    lines: Vec<Line>,
}

impl JournalEntry {
    /// Builds an entry; refuses it unless every line is positive and debits equal credits.
    pub fn try_new(date: Date, kind: EntryKind, lines: Vec<Line>) -> Result<Self, LedgerError> {
        if lines.is_empty() {
            return Err(LedgerError::Empty);
        }
        if let Some(bad) = lines.iter().find(|l| !l.amount.is_positive()) {
            return Err(LedgerError::NonPositiveLine {
                account: bad.account,
                amount: bad.amount,
            });
        }
        let total = |side| {
            lines
                .iter()
                .filter(|l| l.side == side)
                .map(|l| l.amount)
                .sum::<Money>()
        };
        let (debits, credits) = (total(Side::Debit), total(Side::Credit));
        if debits != credits {
            return Err(LedgerError::Unbalanced { debits, credits });
        }
        Ok(JournalEntry { date, kind, lines })
    }

    /// Builds an entry from lines that may include zero amounts (dropped); `None` when nothing
    /// is left. Panics if unbalanced: posting rules balance by construction.
    pub(crate) fn from_rule(date: Date, kind: EntryKind, lines: Vec<Line>) -> Option<Self> {
        let lines: Vec<Line> = lines.into_iter().filter(|l| !l.amount.is_zero()).collect();
        if lines.is_empty() {
            return None;
        }
        Some(
            JournalEntry::try_new(date, kind, lines)
                .expect("posting rules balance by construction"),
        )
    }

    /// The entry that undoes this one, dated `date`: the same lines on the opposite sides.
    pub fn reversal(&self, date: Date) -> JournalEntry {
        JournalEntry {
            date,
            kind: EntryKind::Reversal(self.kind.name()),
            lines: self
                .lines
                .iter()
                .map(|l| Line {
                    side: l.side.opposite(),
                    ..*l
                })
                .collect(),
        }
    }

    /// The effective date.
    pub fn date(&self) -> Date {
        self.date
    }

    /// The event recorded.
    pub fn kind(&self) -> EntryKind {
        self.kind
    }

    /// The lines.
    pub fn lines(&self) -> &[Line] {
        &self.lines
    }

    /// Total of the debit lines (equal to the credits).
    pub fn total(&self) -> Money {
        self.lines
            .iter()
            .filter(|l| l.side == Side::Debit)
            .map(|l| l.amount)
            .sum()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn an_unbalanced_entry_cannot_be_built() {
        let m = Money::from_cents;
        let err = JournalEntry::try_new(
            date(2026, 1, 1),
            EntryKind::Accrual,
            vec![
                Line::debit(Account::InterestReceivable, m(5)),
                Line::credit(Account::InterestIncome, m(4)),
            ],
        );
        assert_eq!(
            err,
            Err(LedgerError::Unbalanced {
                debits: m(5),
                credits: m(4)
            })
        );
        let zero = JournalEntry::try_new(
            date(2026, 1, 1),
            EntryKind::Accrual,
            vec![Line::debit(Account::CashClearing, m(0))],
        );
        assert!(matches!(zero, Err(LedgerError::NonPositiveLine { .. })));
        assert_eq!(
            JournalEntry::try_new(date(2026, 1, 1), EntryKind::Accrual, vec![]),
            Err(LedgerError::Empty)
        );
    }

    #[test]
    fn every_account_has_its_own_chart_number() {
        let mut numbers: Vec<&str> = Account::ALL
            .iter()
            .map(|a| a.code().split('-').next().unwrap_or_default())
            .collect();
        numbers.sort_unstable();
        numbers.dedup();
        assert_eq!(numbers.len(), Account::ALL.len());
        assert_eq!(Account::Suspense.code(), "2150-remittance-suspense");
    }

    #[test]
    fn remittance_and_bank_kinds_have_stored_names() {
        let kinds = [
            (EntryKind::RemittanceHeld, "remittance-held"),
            (EntryKind::RemittanceReleased, "remittance-released"),
            (EntryKind::RemittanceReturned, "remittance-returned"),
            (EntryKind::BankCredit, "bank-credit"),
            (EntryKind::BankDebit, "bank-debit"),
            (EntryKind::InterestWaived, "interest-waived"),
            (EntryKind::Refunded, "refunded"),
            (EntryKind::RefundOwed, "refund-owed"),
        ];
        for (kind, name) in kinds {
            assert_eq!(kind.to_string(), name);
            assert_eq!(
                EntryKind::Reversal(kind.name()).to_string(),
                format!("reversal-of-{name}")
            );
        }
    }

    #[test]
    fn a_reversal_mirrors_every_line() {
        let m = Money::from_cents;
        let e = JournalEntry::try_new(
            date(2026, 1, 1),
            EntryKind::PaymentApplied,
            vec![
                Line::debit(Account::CashClearing, m(100)),
                Line::credit(Account::InterestReceivable, m(40)),
                Line::credit(Account::PrincipalReceivable, m(60)),
            ],
        )
        .unwrap();
        let r = e.reversal(date(2026, 2, 1));
        assert_eq!(r.kind().to_string(), "reversal-of-payment-applied");
        assert_eq!(r.lines()[0], Line::credit(Account::CashClearing, m(100)));
        assert_eq!(r.total(), e.total());
    }
}

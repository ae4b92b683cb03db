//! The trial balance: debits and credits per account; total debits equal total credits.

use super::entry::{Account, JournalEntry, Side};
use money::Money;
use std::collections::BTreeMap;

/// Running totals per account.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TrialBalance {
    totals: BTreeMap<Account, (Money, Money)>,
}

impl TrialBalance {
    /// An empty trial balance.
    pub fn new() -> Self {
        TrialBalance::default()
    }

    /// Adds an entry's lines.
    pub fn post(&mut self, entry: &JournalEntry) {
        for line in entry.lines() {
            self.add(line.account, line.side, line.amount);
        }
    }

    /// Adds a total already summed elsewhere (for example by the database).
    pub fn add(&mut self, account: Account, side: Side, amount: Money) {
        let slot = self.totals.entry(account).or_default();
        match side {
            Side::Debit => slot.0 += amount,
            Side::Credit => slot.1 += amount,
        }
    }

    /// Debits minus credits of one account.
    pub fn net(&self, account: Account) -> Money {
        self.totals
            .get(&account)
            .map_or(Money::ZERO, |(d, c)| *d - *c)
    }

    /// (debits, credits) of one account.
    pub fn totals(&self, account: Account) -> (Money, Money) {
        self.totals.get(&account).copied().unwrap_or_default()
    }

    /// Total debits and total credits over all accounts.
    pub fn grand_totals(&self) -> (Money, Money) {
        self.totals
            .values()
            .fold((Money::ZERO, Money::ZERO), |(d, c), (dd, cc)| {
                (d + *dd, c + *cc)
            })
    }

    /// True when total debits equal total credits (always, for entries built by this crate).
    pub fn is_balanced(&self) -> bool {
        let (d, c) = self.grand_totals();
        d == c
    }
}

//! Changes of a loan's terms (ADR 0021): an amendment is a dated transaction of the history,
//! and the terms in force through a date are the original terms with every amendment dated
//! on or before it applied, oldest first.
//!
//! The one change so far is the due day ([`TermsChange::DueDay`]). Effective on date E, it
//! finds the first installment due on or after E (none: nothing moves) and puts it on the new
//! day in the month before its due date, its own month or the month after, whichever is
//! closest to where it was (a tie goes to the later). Every installment from it on moves by
//! the same number of months, onto the new day. Numbers, amounts and order are kept.

use super::{Installment, LoanTerms, TermsChange, Transaction, TxnId, TxnKind};
use crate::calendar::add_months_on_day;
use jiff::civil::Date;
use money::days_between;
use std::cmp::Reverse;
use std::collections::HashSet;

impl LoanTerms {
    /// These terms with every amendment of `history` dated on or before `through` applied, in
    /// (date, id) order; an amendment reversed by a reversal dated on or before `through` is
    /// left out. Applying the same amendments again changes nothing, so amended terms may be
    /// amended again (and replayed: the replay amends the terms it is given).
    pub fn amended(&self, history: &[Transaction], through: Date) -> LoanTerms {
        let known = || history.iter().filter(|t| t.date <= through);
        let reversed: HashSet<TxnId> = known()
            .filter_map(|t| match t.kind {
                TxnKind::Reversal { of, .. } => Some(of),
                _ => None,
            })
            .collect();
        let mut amendments: Vec<(Date, TxnId, TermsChange)> = known()
            .filter(|t| !reversed.contains(&t.id))
            .filter_map(|t| match t.kind {
                TxnKind::Amendment { change } => Some((t.date, t.id, change)),
                _ => None,
            })
            .collect();
        amendments.sort_by_key(|(date, id, _)| (*date, *id));
        let mut terms = self.clone();
        for (effective, _, change) in amendments {
            change.apply(&mut terms.installments, effective);
        }
        terms
    }
}

impl TermsChange {
    /// Applies the change, effective on `effective`, to installments in due-date order.
    fn apply(self, installments: &mut [Installment], effective: Date) {
        match self {
            TermsChange::DueDay { day } => move_due_day(installments, effective, day),
        }
    }
}

/// The due-day rule (see the module's documentation). A day outside 1..=28 changes nothing:
/// the use case refuses one before it is ever recorded.
fn move_due_day(installments: &mut [Installment], effective: Date, day: u8) {
    let Ok(day) = i8::try_from(day) else {
        return;
    };
    if !(1..=28).contains(&day) {
        return;
    }
    let Some(first) = installments.iter().position(|i| i.due_date >= effective) else {
        return;
    };
    let Some(rest) = installments.get_mut(first..) else {
        return;
    };
    let Some(old) = rest.first().map(|i| i.due_date) else {
        return;
    };
    let offset = [-1, 0, 1]
        .into_iter()
        .min_by_key(|months| {
            let candidate = add_months_on_day(old, *months, day);
            (days_between(old, candidate).abs(), Reverse(candidate))
        })
        .unwrap_or(0);
    for installment in rest {
        installment.due_date = add_months_on_day(installment.due_date, offset, day);
    }
}

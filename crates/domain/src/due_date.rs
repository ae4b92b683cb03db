//! Changing a loan's due date (issue 20): the product's rule (whether it may be changed, by
//! the borrower too, how far, how often, with how much notice), the refusals in the order they
//! are checked, and the plan shown before the change is confirmed: the new schedule and what
//! it does to the interest.
//!
//! The change itself is an amendment of the loan's terms, [`TermsChange::DueDay`], dated the
//! day it is made and effective that day (ADR 0021): the first installment due on or after it
//! moves to the new day in the nearest month, and every later one moves with it
//! (`LoanTerms::amended`). A plan is only the preview; the use case records the amendment.
//! Before any day is chosen, [`window`] says whether a change may be made now and to which
//! days, by the same checks.

use crate::loan::{
    ExtraTo, Installment, LoanEvent, LoanState, LoanStatus, LoanTerms, TermsChange, Transaction,
    TxnId, TxnKind, replay, replay_to_start_of,
};
use jiff::Span;
use jiff::civil::Date;
use money::{Money, days_between};
use std::collections::HashSet;
use std::fmt;

/// When a loan's due date may be changed (a product's rule).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DueDateRule {
    /// The due date may be changed at all.
    pub allowed: bool,
    /// The borrower may change it themselves (in the portal); otherwise only staff may.
    pub borrower_may: bool,
    /// The next due date may move by at most this many days, earlier or later.
    pub window_days: u16,
    /// At most one change in this many months.
    pub once_in_months: u16,
    /// The new next due date is at least this many days after the change.
    pub min_notice_days: u16,
}

impl Default for DueDateRule {
    /// Allowed, to the borrower too, within 15 days of the current date, once in 12 months, at
    /// least 5 days ahead.
    fn default() -> Self {
        DueDateRule {
            allowed: true,
            borrower_may: true,
            window_days: 15,
            once_in_months: 12,
            min_notice_days: 5,
        }
    }
}

/// Why the due date cannot be changed as asked. Checked in this order; nothing changes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DueDateRefusal {
    /// The loan's product does not allow a change (or its installments are not monthly).
    NotAllowed,
    /// Only staff may change this loan's due date.
    BorrowerMayNot,
    /// The day is not between the 1st and the 28th.
    BadDay,
    /// A payment is past due.
    PastDue,
    /// The day asked for is the day the next installment already falls on.
    SameDay,
    /// No installment is left to fall due (or the loan is paid off or charged off).
    NothingLeft,
    /// The due date was changed too recently.
    TooSoon {
        /// The first day it may be changed again.
        next_allowed: Date,
    },
    /// The next due date would move by more than the rule's window.
    OutsideWindow {
        /// The largest move, in days.
        window_days: u16,
    },
    /// The next due date would come too soon after the change.
    TooClose {
        /// The earliest the next due date may be.
        earliest: Date,
    },
}

impl fmt::Display for DueDateRefusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DueDateRefusal::NotAllowed => f.write_str("This loan's due date cannot be changed."),
            DueDateRefusal::BorrowerMayNot => {
                f.write_str("Please call us to change this loan's due date.")
            }
            DueDateRefusal::BadDay => {
                f.write_str("Choose a day of the month from the 1st to the 28th.")
            }
            DueDateRefusal::PastDue => f.write_str(
                "The due date cannot be changed while a payment is past due. \
                 Bring the loan up to date first.",
            ),
            DueDateRefusal::SameDay => {
                f.write_str("Your payments are already due on that day. Choose another day.")
            }
            DueDateRefusal::NothingLeft => {
                f.write_str("There are no payments left to move to another day.")
            }
            DueDateRefusal::TooSoon { next_allowed } => write!(
                f,
                "The due date was changed recently. It can be changed again on or after {}.",
                long_date(*next_allowed)
            ),
            DueDateRefusal::OutsideWindow { window_days } => write!(
                f,
                "The next due date can move by at most {window_days} days. Choose a day closer \
                 to the current one."
            ),
            DueDateRefusal::TooClose { earliest } => write!(
                f,
                "The next payment would be due too soon. Choose a day that puts it on or after \
                 {}.",
                long_date(*earliest)
            ),
        }
    }
}

impl std::error::Error for DueDateRefusal {}

/// What a change of the due day would do, shown before it is confirmed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DueDatePlan {
    /// The day the change takes effect (the day it is made).
    pub effective: Date,
    /// The new day of the month.
    pub day: u8,
    /// The next installment's due date now.
    pub old_next_due: Date,
    /// Its due date after the change.
    pub new_next_due: Date,
    /// The installments from the next one owed on, as amended.
    pub schedule: Vec<Installment>,
    /// Projected interest to maturity if every installment is paid on its due date: with the
    /// change minus without it (positive: the borrower pays more).
    pub interest_change: Money,
}

/// The plan for moving `terms`' installments to `day` of the month from `today`, or why not.
/// `by_borrower`: the borrower asks (in the portal), not staff.
pub fn plan(
    terms: &LoanTerms,
    history: &[Transaction],
    today: Date,
    day: u8,
    rule: &DueDateRule,
    by_borrower: bool,
) -> Result<DueDatePlan, DueDateRefusal> {
    if !rule.allowed {
        return Err(DueDateRefusal::NotAllowed);
    }
    if by_borrower && !rule.borrower_may {
        return Err(DueDateRefusal::BorrowerMayNot);
    }
    if !(1..=28).contains(&day) {
        return Err(DueDateRefusal::BadDay);
    }
    let Open { start, next } = open(terms, history, today, rule, by_borrower)?;
    let Moved {
        changed,
        amended,
        new_next,
    } = moved(terms, history, today, day, rule, &next)?;
    let owed: Vec<(u32, Money)> = start
        .installments
        .iter()
        .map(|i| (i.number, i.amount.saturating_sub_to_zero(i.paid)))
        .collect();
    let interest_change = interest_to_maturity(terms, &changed, today, &owed)
        - interest_to_maturity(terms, history, today, &owed);
    Ok(DueDatePlan {
        effective: today,
        day,
        old_next_due: next.due_date,
        new_next_due: new_next,
        // From the next payment owed on (one paid ahead moved too, but is not owed).
        schedule: amended
            .installments
            .into_iter()
            .filter(|i| i.number >= next.number)
            .collect(),
        interest_change,
    })
}

/// When the due date may be changed now: the next payment the borrower owes, the dates it
/// may move to, and the days of the month that put it there.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DueDateWindow {
    /// The next payment the borrower owes: its due date as the schedule stands.
    pub next_due: Date,
    /// The earliest date it may move to: the rule's window before it, and the rule's notice
    /// after today.
    pub earliest: Date,
    /// The latest date it may move to: the rule's window after it.
    pub latest: Date,
    /// The days of the month (1 to 28, in order) a change may be to now: each one [`plan`]
    /// accepts.
    pub days: Vec<u8>,
}

/// Whether the due date may be changed now, whatever day is asked for, and to which days:
/// the refusals of [`plan`] that do not depend on the day, in its order (the rule, a payment
/// past due, nothing left to move, a change too recent), then each day of the month through
/// the ones that do. A loan no day is open to is [`DueDateRefusal::NotAllowed`].
pub fn window(
    terms: &LoanTerms,
    history: &[Transaction],
    today: Date,
    rule: &DueDateRule,
    by_borrower: bool,
) -> Result<DueDateWindow, DueDateRefusal> {
    let Open { next, .. } = open(terms, history, today, rule, by_borrower)?;
    let days: Vec<u8> = (1..=28)
        .filter(|day| moved(terms, history, today, *day, rule, &next).is_ok())
        .collect();
    if days.is_empty() {
        return Err(DueDateRefusal::NotAllowed);
    }
    let window = Span::new().days(i64::from(rule.window_days));
    let notice = today.saturating_add(Span::new().days(i64::from(rule.min_notice_days)));
    Ok(DueDateWindow {
        next_due: next.due_date,
        earliest: next.due_date.saturating_sub(window).max(notice),
        latest: next.due_date.saturating_add(window),
        days,
    })
}

/// What the checks that do not depend on the day asked for found.
struct Open {
    /// The loan at the start of today.
    start: LoanState,
    /// The next payment the borrower owes, as the schedule stands today.
    next: Installment,
}

/// The checks of a change that do not depend on the day asked for, in order: the rule allows
/// it (to the borrower too, when they ask), no payment is past due, a payment is left to
/// move, and the last change was long enough ago.
fn open(
    terms: &LoanTerms,
    history: &[Transaction],
    today: Date,
    rule: &DueDateRule,
    by_borrower: bool,
) -> Result<Open, DueDateRefusal> {
    if !rule.allowed {
        return Err(DueDateRefusal::NotAllowed);
    }
    if by_borrower && !rule.borrower_may {
        return Err(DueDateRefusal::BorrowerMayNot);
    }
    let current = terms.amended(history, today);
    let start = replay_to_start_of(&current, history, today);
    if start.past_due_amount().is_positive() {
        return Err(DueDateRefusal::PastDue);
    }
    // The next payment the borrower owes: an installment due from today on that is not
    // already paid (one paid ahead moves too, but is not what they are told moves).
    let paid: HashSet<u32> = start
        .installments
        .iter()
        .filter(|i| i.paid >= i.amount)
        .map(|i| i.number)
        .collect();
    let next = current
        .installments
        .iter()
        .find(|i| i.due_date >= today && !paid.contains(&i.number))
        .copied();
    let (Some(next), LoanStatus::Active) = (next, start.status) else {
        return Err(DueDateRefusal::NothingLeft);
    };
    if let Some(last) = last_due_day_change(history, today) {
        let next_allowed = last.saturating_add(Span::new().months(i64::from(rule.once_in_months)));
        if next_allowed > today {
            return Err(DueDateRefusal::TooSoon { next_allowed });
        }
    }
    Ok(Open { start, next })
}

/// The history with the change to `day` made today, the terms it amends to, and the next
/// payment's new due date.
struct Moved {
    changed: Vec<Transaction>,
    amended: LoanTerms,
    new_next: Date,
}

/// What moving the installments to `day` does, or why it may not (the checks that depend on
/// the day, in order): the installments stay monthly and in order, the next payment (`next`)
/// moves, by no more than the rule's window, to a date at least the rule's notice away.
fn moved(
    terms: &LoanTerms,
    history: &[Transaction],
    today: Date,
    day: u8,
    rule: &DueDateRule,
    next: &Installment,
) -> Result<Moved, DueDateRefusal> {
    let above = history.iter().map(|t| t.id.0).max().unwrap_or(0);
    let mut changed = history.to_vec();
    changed.push(Transaction {
        id: TxnId(above + 1),
        date: today,
        kind: TxnKind::Amendment {
            change: TermsChange::DueDay { day },
        },
    });
    let amended = terms.amended(&changed, today);
    let in_order = amended.installments.windows(2).all(|pair| match pair {
        [a, b] => a.due_date < b.due_date,
        _ => true,
    });
    let new_next = amended
        .installments
        .iter()
        .find(|i| i.number == next.number)
        .map(|i| i.due_date);
    let Some(new_next) = new_next.filter(|_| in_order) else {
        return Err(DueDateRefusal::NotAllowed);
    };
    if new_next == next.due_date {
        return Err(DueDateRefusal::SameDay);
    }
    if days_between(next.due_date, new_next).abs() > i64::from(rule.window_days) {
        return Err(DueDateRefusal::OutsideWindow {
            window_days: rule.window_days,
        });
    }
    let earliest = today.saturating_add(Span::new().days(i64::from(rule.min_notice_days)));
    if new_next < earliest {
        return Err(DueDateRefusal::TooClose { earliest });
    }
    Ok(Moved {
        changed,
        amended,
        new_next,
    })
}

/// The date of the latest due-day change of `history` dated on or before `today` and not
/// reversed by then.
fn last_due_day_change(history: &[Transaction], today: Date) -> Option<Date> {
    let known = || history.iter().filter(|t| t.date <= today);
    let reversed: HashSet<TxnId> = known()
        .filter_map(|t| match t.kind {
            TxnKind::Reversal { of, .. } => Some(of),
            _ => None,
        })
        .collect();
    known()
        .filter(|t| !reversed.contains(&t.id))
        .filter_map(|t| match t.kind {
            TxnKind::Amendment {
                change: TermsChange::DueDay { .. },
            } => Some(t.date),
            _ => None,
        })
        .max()
}

/// The interest the loan accrues, from its start to maturity, when each installment still to
/// come is paid on its due date (in `terms` as `history` amends them through `today`): what
/// `owed` says is unpaid of it, and at maturity whatever is left. The same fold a posting runs
/// ([`replay`]) projects it, as `what_if` does.
fn interest_to_maturity(
    terms: &LoanTerms,
    history: &[Transaction],
    today: Date,
    owed: &[(u32, Money)],
) -> Money {
    let schedule = terms.amended(history, today);
    let Some(maturity) = schedule.installments.last().map(|i| i.due_date) else {
        return Money::ZERO;
    };
    let mut next_id = history.iter().map(|t| t.id.0).max().unwrap_or(0);
    let mut txns = history.to_vec();
    let mut pay = |txns: &mut Vec<Transaction>, date: Date, amount: Money| {
        next_id += 1;
        txns.push(Transaction {
            id: TxnId(next_id),
            date,
            kind: TxnKind::Payment {
                amount,
                extra: ExtraTo::Principal,
            },
        });
    };
    for installment in schedule
        .installments
        .iter()
        .filter(|i| i.due_date >= today && i.due_date < maturity)
    {
        let amount = owed
            .iter()
            .find(|(number, _)| *number == installment.number)
            .map_or(Money::ZERO, |(_, amount)| *amount);
        if amount.is_positive() {
            pay(&mut txns, installment.due_date, amount);
        }
    }
    let left = replay_to_start_of(terms, &txns, maturity).balance();
    if left.is_positive() {
        pay(&mut txns, maturity, left);
    }
    replay(terms, &txns, maturity)
        .events
        .iter()
        .map(|e| match e {
            LoanEvent::Accrued { amount, .. } => *amount,
            _ => Money::ZERO,
        })
        .sum()
}

/// A date as people read it, "March 1, 2027".
fn long_date(d: Date) -> String {
    d.strftime("%B %-d, %Y").to_string()
}

#[cfg(test)]
mod tests;

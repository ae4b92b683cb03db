//! AutoPay's rules: the day a draft goes out, which installment a day drafts, and how much.
//! The drafts themselves, the notices and the reminder all ask these, so the borrower is told
//! the day and the amount that is drafted. Monthly AutoPay drafts once per installment (here);
//! twice-monthly and biweekly AutoPay draft half the payment on days of their own (`split`,
//! ADR 0028).

mod split;

pub use split::{
    AllowedFrequencies, BIWEEKLY_DAYS, BIWEEKLY_START_WITHIN_DAYS, Cadence, CadenceError,
    DEFAULT_TWICE_MONTHLY_DAYS, Frequency, LAST_TWICE_MONTHLY_DAY, MIN_DAYS_APART,
    TwiceMonthlyDays, biweekly_starts, credited, half_of, split_draft_amount,
};

use crate::calendar::{is_business_day, previous_business_day};
use crate::loan::Installment;
use jiff::Span;
use jiff::civil::Date;
use money::Money;

/// The most days before the due date a borrower may have AutoPay draft.
pub const MAX_DAYS_BEFORE_DUE: u8 = 15;

/// How long after its due date an installment may still be drafted, in days: one whose draft
/// day passed without a draft is drafted on a later day, but not once it is this long past
/// due (it then gives way to the next installment).
pub const DRAFT_WITHIN_DAYS: i64 = 30;

/// The day a draft for an installment due `due` goes out: `days_before` earlier, moved back to
/// a business day (never later than asked, so the payment is never late for the move).
pub fn draft_day(due: Date, days_before: u8) -> Date {
    let d = due.saturating_sub(Span::new().days(i64::from(days_before)));
    if is_business_day(d) {
        d
    } else {
        previous_business_day(d)
    }
}

/// The installment an AutoPay authorized on `authorized` and drafting `days_before` the due
/// date drafts on `date`: the first one due on or after the authorization whose draft day is
/// on or before `date`, and due at most [`DRAFT_WITHIN_DAYS`] before it. (Whether it was
/// drafted already is the caller's to know.)
pub fn installment_to_draft(
    installments: &[Installment],
    authorized: Date,
    days_before: u8,
    date: Date,
) -> Option<&Installment> {
    installments.iter().find(|i| {
        i.due_date >= authorized
            && draft_day(i.due_date, days_before) <= date
            && i.due_date
                .saturating_add(Span::new().days(DRAFT_WITHIN_DAYS))
                >= date
    })
}

/// The next installment whose draft is after `date` and on or before `horizon`, of an AutoPay
/// authorized on `authorized` (the one a notice of an unusual amount announces).
pub fn next_draft(
    installments: &[Installment],
    authorized: Date,
    days_before: u8,
    date: Date,
    horizon: Date,
) -> Option<&Installment> {
    installments.iter().find(|i| {
        let d = draft_day(i.due_date, days_before);
        i.due_date >= authorized && d > date && d <= horizon
    })
}

/// What a draft comes to when `owed` is unpaid of its installment (payments still pending
/// count as paid) and the payoff that day is `payoff`: what is owed, or the borrower's fixed
/// amount if more; nothing when nothing is owed (a fixed amount does not draft a paid
/// installment); never more than the payoff, so the final draft is exactly what remains.
pub fn draft_amount(fixed: Option<Money>, owed: Money, payoff: Money) -> Money {
    let wanted = match fixed {
        Some(f) if owed.is_positive() => f.max(owed),
        _ => owed.max(Money::ZERO),
    };
    wanted.min(payoff)
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn drafts_move_back_to_a_business_day() {
        // Due Sunday 15 November 2026, on the due date: Friday the 13th.
        assert_eq!(draft_day(date(2026, 11, 15), 0), date(2026, 11, 13));
        assert_eq!(draft_day(date(2026, 11, 17), 2), date(2026, 11, 13));
        assert_eq!(draft_day(date(2026, 11, 18), 0), date(2026, 11, 18));
        // Saturday the 14th, one day before: Friday.
        assert_eq!(draft_day(date(2026, 11, 15), 1), date(2026, 11, 13));
    }

    #[test]
    fn a_draft_on_a_holiday_goes_the_business_day_before() {
        // Christmas, Friday 25 December 2026: Thursday the 24th.
        assert_eq!(draft_day(date(2026, 12, 25), 0), date(2026, 12, 24));
        // Due Monday 28 December, 3 days before is Friday the 25th (closed): the 24th.
        assert_eq!(draft_day(date(2026, 12, 28), 3), date(2026, 12, 24));
        // New Year's Day, Friday 1 January 2027, through the weekend after it.
        assert_eq!(draft_day(date(2027, 1, 3), 0), date(2026, 12, 31));
        // Independence Day 2027 falls on a Sunday, observed Monday 5 July: Friday the 2nd.
        assert_eq!(draft_day(date(2027, 7, 5), 0), date(2027, 7, 2));
        // The most days before.
        assert_eq!(
            draft_day(date(2026, 12, 16), MAX_DAYS_BEFORE_DUE),
            date(2026, 12, 1)
        );
    }

    fn installments() -> Vec<Installment> {
        [
            (1, date(2026, 11, 15)),
            (2, date(2026, 12, 15)),
            (3, date(2027, 1, 15)),
        ]
        .into_iter()
        .map(|(number, due_date)| Installment {
            number,
            due_date,
            amount: Money::from_cents(10_000),
        })
        .collect()
    }

    #[test]
    fn a_day_drafts_the_first_installment_whose_draft_day_has_come() {
        let all = installments();
        let number = |authorized, days, on| {
            installment_to_draft(&all, authorized, days, on).map(|i| i.number)
        };
        let authorized = date(2026, 11, 1);
        // The 15th of November is a Sunday: drafted Friday the 13th.
        assert_eq!(number(authorized, 0, date(2026, 11, 12)), None);
        assert_eq!(number(authorized, 0, date(2026, 11, 13)), Some(1));
        // Still the first while it is within 30 days of its due date.
        assert_eq!(number(authorized, 0, date(2026, 12, 15)), Some(1));
        assert_eq!(number(authorized, 0, date(2026, 12, 16)), Some(2));
        // Authorized after the first was due: the first is not the AutoPay's.
        assert_eq!(number(date(2026, 11, 16), 5, date(2026, 12, 10)), Some(2));
        assert_eq!(number(date(2026, 11, 16), 5, date(2026, 12, 9)), None);
    }

    #[test]
    fn the_next_draft_is_after_the_date_and_within_the_horizon() {
        let all = installments();
        let next = |date, horizon| {
            next_draft(&all, jiff::civil::date(2026, 11, 1), 0, date, horizon).map(|i| i.number)
        };
        assert_eq!(next(date(2026, 11, 1), date(2026, 11, 14)), Some(1));
        assert_eq!(next(date(2026, 11, 1), date(2026, 11, 12)), None);
        assert_eq!(next(date(2026, 11, 13), date(2026, 12, 20)), Some(2));
    }

    #[test]
    fn a_draft_is_what_is_owed_or_the_fixed_amount_if_more_never_more_than_the_payoff() {
        let d = Money::from_dollars;
        let payoff = d(1_000);
        assert_eq!(draft_amount(None, d(250), payoff), d(250));
        assert_eq!(draft_amount(Some(d(300)), d(250), payoff), d(300));
        // The payment due grew past the fixed amount (a part past due).
        assert_eq!(draft_amount(Some(d(300)), d(350), payoff), d(350));
        // The final draft: exactly what remains.
        assert_eq!(draft_amount(Some(d(300)), d(250), d(120)), d(120));
        assert_eq!(draft_amount(None, d(250), d(120)), d(120));
        // Already paid (or paid by a payment pending): nothing, fixed amount or not.
        assert_eq!(draft_amount(None, Money::ZERO, payoff), Money::ZERO);
        assert_eq!(draft_amount(Some(d(300)), Money::ZERO, payoff), Money::ZERO);
        // Paid off by a payment pending.
        assert_eq!(draft_amount(Some(d(300)), d(250), Money::ZERO), Money::ZERO);
    }
}

//! The servicing cycle of each installment: the statement a few weeks before the due date,
//! the reminder a few days before, the due date itself, the end of the grace period. Close
//! of business uses it to know which loans need more than the night's interest.

use crate::loan::{LoanStatus, LoanTerms};
use jiff::Span;
use jiff::civil::Date;

/// When statements and reminders go out, relative to each due date.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Cycle {
    /// The payment-due reminder goes this many days before the due date.
    pub reminder_days: u8,
    /// The statement's cycle ends this many days before the due date.
    pub statement_days: u8,
}

impl Default for Cycle {
    /// A reminder 5 days ahead; the statement 21 days ahead (the time a borrower is usually
    /// given between a statement and its due date).
    fn default() -> Self {
        Cycle {
            reminder_days: 5,
            statement_days: 21,
        }
    }
}

fn days(n: i64) -> Span {
    Span::new().days(n)
}

impl Cycle {
    /// The statement date of the installment due `due`.
    pub fn statement_date(&self, due: Date) -> Date {
        due.saturating_sub(days(i64::from(self.statement_days)))
    }

    /// The date at whose start the statement of the installment due `due` is issued: the day
    /// after its cycle ends (its figures are as of the end of the statement date). Close of
    /// business wakes a loan for it and issues it by this one date, so the two cannot differ.
    pub fn statement_issue_date(&self, due: Date) -> Date {
        self.statement_date(due).saturating_add(days(1))
    }

    /// The reminder date of the installment due `due`.
    pub fn reminder_date(&self, due: Date) -> Date {
        due.saturating_sub(days(i64::from(self.reminder_days)))
    }

    /// The first date after `after` at whose start a loan of `terms` in `status` differs by
    /// more than interest: a due date has passed (amount due, past due and days past due
    /// change the day after), a grace period has ended (a late fee the day after), or a
    /// statement or reminder is due. `None` when nothing will (not active, or every date
    /// is past).
    pub fn next_event(&self, terms: &LoanTerms, status: LoanStatus, after: Date) -> Option<Date> {
        if status != LoanStatus::Active {
            return None;
        }
        let grace = i64::from(terms.late_fee.grace_period_days);
        terms
            .installments
            .iter()
            .flat_map(|i| {
                [
                    self.statement_issue_date(i.due_date),
                    self.reminder_date(i.due_date),
                    i.due_date.saturating_add(days(1)),
                    i.due_date.saturating_add(days(grace + 1)),
                ]
            })
            .filter(|d| *d > after)
            .min()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::loan::Installment;
    use jiff::civil::date;
    use money::{DayCount, Money, Rate};

    fn terms() -> LoanTerms {
        let mut t = LoanTerms {
            rate: Rate::from_micro_percent(9_000_000),
            day_count: DayCount::Actual365Fixed,
            accrual_start: date(2027, 1, 1),
            opening: Default::default(),
            installments: vec![],
            late_fee: Default::default(),
            nsf_fee: Default::default(),
            waterfall: Default::default(),
        };
        t.installments = vec![
            Installment {
                number: 1,
                due_date: date(2027, 2, 1),
                amount: Money::from_cents(50_000),
            },
            Installment {
                number: 2,
                due_date: date(2027, 3, 1),
                amount: Money::from_cents(50_000),
            },
        ];
        t
    }

    #[test]
    fn the_next_event_is_the_earliest_cycle_date_after() {
        let c = Cycle::default();
        let t = terms();
        // Statement 21 days before 1 February (11 January), issued the day after.
        assert_eq!(
            c.next_event(&t, LoanStatus::Active, date(2027, 1, 1)),
            Some(date(2027, 1, 12))
        );
        assert_eq!(
            c.next_event(&t, LoanStatus::Active, date(2027, 1, 12)),
            Some(date(2027, 1, 27))
        );
        assert_eq!(
            c.next_event(&t, LoanStatus::Active, date(2027, 1, 27)),
            Some(date(2027, 2, 2))
        );
        // The grace period (10 days) ends 11 February; the late fee is assessed the 12th;
        // the next statement (8 February, issued the 9th) comes first.
        assert_eq!(
            c.next_event(&t, LoanStatus::Active, date(2027, 2, 2)),
            Some(date(2027, 2, 9))
        );
        assert_eq!(
            c.next_event(&t, LoanStatus::Active, date(2027, 3, 12)),
            None
        );
        assert_eq!(
            c.next_event(&t, LoanStatus::PaidOff, date(2027, 1, 1)),
            None
        );
    }
}

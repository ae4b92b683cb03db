//! A loan's headline: what the borrower owes and by when, in one place, so the dashboard, the
//! loan page and the notices never contradict each other. Past due now (how much, and since
//! which due date each part), the next payment (the next installment only, and its date, never
//! next month's amount a month early), AutoPay's next draft, and whether the payments already
//! on their way (scheduled payments, AutoPay drafts made) and AutoPay's next draft bring the
//! loan current, and on which day.
//!
//! The figures come from the replay (the loan page) or from the stored snapshot with the
//! contract's installments ([`statuses_from_snapshot`], the dashboard), so the dashboard stays
//! a read of stored rows.

use crate::autopay::{Cadence, credited, draft_amount, draft_day, split_draft_amount};
use crate::loan::{Installment, InstallmentStatus, LoanStatus};
use jiff::civil::Date;
use money::Money;

/// A payment on its way: a scheduled payment not yet sent (an AutoPay draft already made is
/// one), or AutoPay's next draft, not yet made.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Coming {
    /// The business day it is credited as of.
    pub date: Date,
    /// How much.
    pub amount: Money,
    /// It is (or will be) an AutoPay draft.
    pub autopay: bool,
}

/// A loan's live AutoPay, as the headline needs it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct AutopayTerms {
    /// The business date it was authorized (it drafts installments due on or after it).
    pub authorized: Date,
    /// Drafts this many days before the due date (a monthly cadence).
    pub days_before_due: u8,
    /// The borrower's fixed amount, if any.
    pub fixed_amount: Option<Money>,
    /// Monthly, twice a month or every other week.
    pub cadence: Cadence,
}

/// The loan's figures on a business date.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Figures<'a> {
    /// The business date.
    pub as_of: Date,
    /// Active, paid off or charged off.
    pub status: LoanStatus,
    /// Past due now: installments due before `as_of` unpaid, and fees (never more than the
    /// balance), as [`crate::loan::LoanState::past_due_amount`] gives it.
    pub past_due: Money,
    /// Fees unpaid.
    pub fees: Money,
    /// Principal, interest and fees.
    pub balance: Money,
    /// Every installment with what is paid toward it.
    pub installments: &'a [InstallmentStatus],
}

/// One installment's part of what is past due.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PastDuePart {
    /// The installment's due date.
    pub due_date: Date,
    /// What is unpaid of it.
    pub unpaid: Money,
    /// Days past due.
    pub days: u32,
}

/// What is past due now.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PastDue {
    /// The whole amount past due (fees included).
    pub amount: Money,
    /// Each installment's part, oldest first (none when only fees are unpaid).
    pub parts: Vec<PastDuePart>,
}

impl PastDue {
    /// The oldest part: the due date the loan is past due since, and its days.
    pub fn oldest(&self) -> Option<&PastDuePart> {
        self.parts.first()
    }
}

/// The next installment to fall due, and what is unpaid of it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct NextPayment {
    /// Its due date.
    pub due_date: Date,
    /// What is unpaid of it (the installment only, nothing past due).
    pub amount: Money,
}

/// The payments on their way that bring a past-due loan current.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Cover {
    /// The payments it takes, in date order (the last one brings the loan current).
    pub payments: Vec<Coming>,
    /// The day the loan is current once they are credited.
    pub current_on: Date,
}

/// A loan's headline.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct Headline {
    /// Past due now, if anything is.
    pub past_due: Option<PastDue>,
    /// The next installment to fall due, if one is unpaid.
    pub next: Option<NextPayment>,
    /// AutoPay's next draft, not yet made.
    pub autopay: Option<Coming>,
    /// What brings the past-due amount current, when the payments on their way do.
    pub cover: Option<Cover>,
}

/// The headline of a loan with figures `f`, the payments `scheduled` on it and not yet sent
/// (AutoPay drafts already made among them), and its live AutoPay, if any. A loan that is not
/// active has none.
pub fn headline(f: &Figures<'_>, scheduled: &[Coming], autopay: Option<AutopayTerms>) -> Headline {
    if f.status != LoanStatus::Active {
        return Headline::default();
    }
    let parts: Vec<PastDuePart> = f
        .installments
        .iter()
        .filter(|i| i.due_date < f.as_of)
        .filter_map(|i| {
            let unpaid = i.amount.saturating_sub_to_zero(i.paid);
            unpaid.is_positive().then(|| PastDuePart {
                due_date: i.due_date,
                unpaid,
                days: days(i.due_date, f.as_of),
            })
        })
        .collect();
    let past_due = f.past_due.is_positive().then_some(PastDue {
        amount: f.past_due,
        parts,
    });
    let next = f
        .installments
        .iter()
        .find(|i| i.due_date >= f.as_of && !i.is_paid())
        .map(|i| NextPayment {
            due_date: i.due_date,
            amount: i.amount.saturating_sub_to_zero(i.paid),
        });
    let draft = autopay.and_then(|a| next_draft(f, scheduled, a));
    let cover = past_due.as_ref().and_then(|_| cover(f, scheduled, draft));
    Headline {
        past_due,
        next,
        autopay: draft,
        cover,
    }
}

/// Whole days from `from` to `to` (zero if `to` is not later).
fn days(from: Date, to: Date) -> u32 {
    u32::try_from(money::days_between(from, to).max(0)).unwrap_or(u32::MAX)
}

/// What is unpaid of each installment once `credit` more is paid: the fold credits payments
/// to the installments oldest first.
fn unpaid_after(installments: &[InstallmentStatus], credit: Money) -> Vec<Money> {
    let mut left = credit;
    installments
        .iter()
        .map(|i| {
            let unpaid = i.amount.saturating_sub_to_zero(i.paid);
            let paid_now = left.min(unpaid);
            left -= paid_now;
            unpaid - paid_now
        })
        .collect()
}

/// AutoPay's next draft not yet made: the first installment due on or after the
/// authorization whose draft day is after the business date (a draft whose day has come was
/// made the night before and is among `scheduled`), for what the payments scheduled by then
/// leave unpaid of it, or the fixed amount if more; none for an installment paid by then.
fn next_draft(f: &Figures<'_>, scheduled: &[Coming], a: AutopayTerms) -> Option<Coming> {
    if a.cadence.is_split() {
        return next_split_draft(f, scheduled, a.cadence, a.authorized);
    }
    f.installments.iter().enumerate().find_map(|(n, i)| {
        let on = draft_day(i.due_date, a.days_before_due);
        if i.due_date < a.authorized || on <= f.as_of {
            return None;
        }
        let before: Money = scheduled
            .iter()
            .filter(|s| s.date <= on)
            .map(|s| s.amount)
            .sum();
        let owed = unpaid_after(f.installments, before)
            .get(n)
            .copied()
            .unwrap_or(Money::ZERO);
        let payoff = f.balance.saturating_sub_to_zero(before);
        let amount = draft_amount(a.fixed_amount, owed, payoff);
        amount.is_positive().then_some(Coming {
            date: on,
            amount,
            autopay: true,
        })
    })
}

/// A twice-monthly or biweekly AutoPay's next draft not yet made: its first draft day after
/// the business date and after the day it was authorized, for half the payment it counts
/// toward, or what the payments scheduled by then leave of it when it is the last before a
/// due date ([`split_draft_amount`]); none when it drafts nothing.
fn next_split_draft(
    f: &Figures<'_>,
    scheduled: &[Coming],
    cadence: Cadence,
    authorized: Date,
) -> Option<Coming> {
    let on = cadence.draft_after(f.as_of.max(authorized))?;
    let next = cadence.draft_after(on)?;
    let before: Money = scheduled
        .iter()
        .filter(|s| s.date <= on)
        .map(|s| s.amount)
        .sum();
    let statuses = credited(f.installments, before);
    let payoff = f.balance.saturating_sub_to_zero(before);
    let amount = split_draft_amount(&statuses, on, next, payoff);
    amount.is_positive().then_some(Coming {
        date: on,
        amount,
        autopay: true,
    })
}

/// What must be paid by the end of `day` for the loan to be current that day: the fees, and
/// what is unpaid of every installment due before it (never more than the balance).
fn needed_by(f: &Figures<'_>, day: Date) -> Money {
    let installments: Money = f
        .installments
        .iter()
        .filter(|i| i.due_date < day)
        .map(|i| i.amount.saturating_sub_to_zero(i.paid))
        .sum();
    (installments + f.fees).min(f.balance)
}

/// The payments on their way, in date order, up to the first day on which they pay at least
/// what is past due now and what is needed that day to be current; none when they never do.
fn cover(f: &Figures<'_>, scheduled: &[Coming], draft: Option<Coming>) -> Option<Cover> {
    let mut coming: Vec<Coming> = scheduled
        .iter()
        .copied()
        .chain(draft)
        .filter(|c| c.date >= f.as_of && c.amount.is_positive())
        .collect();
    coming.sort_by_key(|c| c.date);
    let mut paid = Money::ZERO;
    for (n, c) in coming.iter().enumerate() {
        paid += c.amount;
        // Payments credited the same day count together.
        if coming.get(n + 1).is_some_and(|after| after.date == c.date) {
            continue;
        }
        if paid >= f.past_due && paid >= needed_by(f, c.date) {
            return Some(Cover {
                payments: coming[..=n].to_vec(),
                current_on: c.date,
            });
        }
    }
    None
}

/// The installments of a loan as its stored snapshot tells them, for a page that reads no
/// history (the dashboard): the fold credits payments to installments oldest first, so what is
/// past due of the installments (`past_due` less `fees`) is the newest past ones' unpaid parts,
/// and what is due of the next one is `amount_due` less `past_due`. Exact, except for a loan
/// paid ahead beyond its next installment: the first installment unpaid then
/// (`next_due_date`) is taken as wholly unpaid.
pub fn statuses_from_snapshot(
    contract: &[Installment],
    as_of: Date,
    past_due: Money,
    amount_due: Money,
    fees: Money,
    next_due_date: Option<Date>,
) -> Vec<InstallmentStatus> {
    let status = |i: &Installment, unpaid: Money| InstallmentStatus {
        number: i.number,
        due_date: i.due_date,
        amount: i.amount,
        paid: i.amount - unpaid.min(i.amount),
        late_fee_assessed: false,
    };
    let mut out: Vec<InstallmentStatus> = Vec::with_capacity(contract.len());
    // Past installments, newest first: the unpaid part of what is past due falls on them.
    let mut left = past_due.saturating_sub_to_zero(fees);
    let past = contract.iter().take_while(|i| i.due_date < as_of).count();
    for i in contract[..past].iter().rev() {
        let unpaid = left.min(i.amount);
        left -= unpaid;
        out.push(status(i, unpaid));
    }
    out.reverse();
    let upcoming_unpaid = amount_due.saturating_sub_to_zero(past_due);
    for (n, i) in contract[past..].iter().enumerate() {
        let unpaid = if n == 0 {
            upcoming_unpaid
        } else if upcoming_unpaid.is_positive() || next_due_date.is_some_and(|d| i.due_date >= d) {
            // Nothing is paid of an installment after one not paid in full.
            i.amount
        } else {
            Money::ZERO
        };
        out.push(status(i, unpaid));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    fn d(cents: i64) -> Money {
        Money::from_cents(cents)
    }

    /// Installments of $242.84 due on the 5th of each month from November 2026.
    fn contract() -> Vec<Installment> {
        [
            (1, date(2026, 10, 5)),
            (2, date(2026, 11, 5)),
            (3, date(2026, 12, 5)),
            (4, date(2027, 1, 5)),
            (5, date(2027, 2, 5)),
        ]
        .into_iter()
        .map(|(number, due_date)| Installment {
            number,
            due_date,
            amount: d(24_284),
        })
        .collect()
    }

    fn statuses(paid: &[i64]) -> Vec<InstallmentStatus> {
        contract()
            .iter()
            .enumerate()
            .map(|(n, i)| InstallmentStatus {
                number: i.number,
                due_date: i.due_date,
                amount: i.amount,
                paid: d(paid.get(n).copied().unwrap_or(0)),
                late_fee_assessed: false,
            })
            .collect()
    }

    fn figures(as_of: Date, installments: &[InstallmentStatus], fees: i64) -> Figures<'_> {
        let past: Money = installments
            .iter()
            .filter(|i| i.due_date < as_of)
            .map(|i| i.amount.saturating_sub_to_zero(i.paid))
            .sum();
        Figures {
            as_of,
            status: LoanStatus::Active,
            past_due: past + d(fees),
            fees: d(fees),
            balance: d(100_000),
            installments,
        }
    }

    #[test]
    fn past_due_partly_two_days_and_partly_thirty_two_says_since_which_date_each() {
        // November's installment half paid, December's not at all; 7 December 2026.
        let s = statuses(&[24_284, 12_000]);
        let h = headline(&figures(date(2026, 12, 7), &s, 0), &[], None);
        let p = h.past_due.expect("past due");
        assert_eq!(p.amount, d(12_284 + 24_284));
        assert_eq!(
            p.parts,
            [
                PastDuePart {
                    due_date: date(2026, 11, 5),
                    unpaid: d(12_284),
                    days: 32,
                },
                PastDuePart {
                    due_date: date(2026, 12, 5),
                    unpaid: d(24_284),
                    days: 2,
                },
            ]
        );
        assert_eq!(p.oldest().map(|o| o.due_date), Some(date(2026, 11, 5)));
        // The next payment is January's alone.
        assert_eq!(
            h.next,
            Some(NextPayment {
                due_date: date(2027, 1, 5),
                amount: d(24_284),
            })
        );
        assert_eq!(h.cover, None);
    }

    #[test]
    fn a_current_loan_a_month_before_its_due_date_owes_only_the_next_installment_then() {
        // November paid; 6 November: December's installment is a month away.
        let s = statuses(&[24_284, 24_284]);
        let h = headline(&figures(date(2026, 11, 6), &s, 0), &[], None);
        assert_eq!(h.past_due, None);
        assert_eq!(
            h.next,
            Some(NextPayment {
                due_date: date(2026, 12, 5),
                amount: d(24_284),
            })
        );
    }

    #[test]
    fn a_pending_autopay_draft_covering_the_past_due_amount_says_when_the_loan_is_current() {
        // December's unpaid on Monday 7 December; AutoPay's draft of it goes out that day.
        let s = statuses(&[24_284, 24_284]);
        let f = figures(date(2026, 12, 7), &s, 0);
        let draft = Coming {
            date: date(2026, 12, 7),
            amount: d(24_284),
            autopay: true,
        };
        let h = headline(&f, &[draft], None);
        assert_eq!(
            h.cover,
            Some(Cover {
                payments: vec![draft],
                current_on: date(2026, 12, 7),
            })
        );
    }

    #[test]
    fn autopays_next_draft_counts_when_it_pays_what_is_past_due() {
        // November and December unpaid on 6 December 2026; AutoPay authorized on 20 November
        // drafts on each due date, with a fixed $500.00: its next draft is January's
        // (December's day has passed), and it pays November and December.
        let s = statuses(&[24_284]);
        let f = figures(date(2026, 12, 6), &s, 0);
        let plan = AutopayTerms {
            authorized: date(2026, 11, 20),
            days_before_due: 0,
            fixed_amount: Some(d(50_000)),
            cadence: Cadence::Monthly,
        };
        let h = headline(&f, &[], Some(plan));
        // 5 January 2027 is a Tuesday.
        let draft = h.autopay.expect("a draft to come");
        assert_eq!(draft.date, date(2027, 1, 5));
        assert_eq!(draft.amount, d(50_000));
        // January is due that day, not past due: $500.00 covers the $485.68 past due.
        assert_eq!(
            h.cover,
            Some(Cover {
                payments: vec![draft],
                current_on: date(2027, 1, 5),
            })
        );
        // Without the fixed amount it drafts January's installment alone: not enough.
        let h = headline(
            &f,
            &[],
            Some(AutopayTerms {
                fixed_amount: None,
                ..plan
            }),
        );
        assert_eq!(h.autopay.map(|c| c.amount), Some(d(24_284)));
        assert_eq!(h.cover, None);
    }

    #[test]
    fn a_biweekly_autopays_next_draft_is_half_and_the_last_before_the_due_date_the_rest() {
        // October to December paid; every other Friday from 11 December 2026.
        let s = statuses(&[24_284, 24_284, 24_284]);
        let plan = AutopayTerms {
            authorized: date(2026, 12, 1),
            days_before_due: 0,
            fixed_amount: None,
            cadence: crate::autopay::Cadence::Biweekly {
                start: date(2026, 12, 11),
            },
        };
        let f = figures(date(2026, 12, 7), &s, 0);
        let first = headline(&f, &[], Some(plan))
            .autopay
            .expect("a draft to come");
        assert_eq!((first.date, first.amount), (date(2026, 12, 11), d(12_142)));
        // Once it is made, the next is Christmas Eve's (the 25th is a holiday): the last
        // before 5 January, it drafts what the first left, the other half.
        let f = figures(date(2026, 12, 11), &s, 0);
        let second = headline(&f, &[first], Some(plan)).autopay.unwrap();
        assert_eq!(
            (second.date, second.amount),
            (date(2026, 12, 24), d(12_142))
        );
        // Without the first (returned), it drafts the whole payment.
        let whole = headline(&f, &[], Some(plan)).autopay.unwrap();
        assert_eq!(whole.amount, d(24_284));
    }

    #[test]
    fn a_scheduled_payment_covering_the_past_due_amount_brings_the_loan_current_that_day() {
        let s = statuses(&[24_284]);
        let f = figures(date(2026, 11, 9), &s, 2_500);
        let pay = Coming {
            date: date(2026, 11, 12),
            amount: d(24_284 + 2_500),
            autopay: false,
        };
        let h = headline(&f, &[pay], None);
        assert_eq!(
            h.cover,
            Some(Cover {
                payments: vec![pay],
                current_on: date(2026, 11, 12),
            })
        );
    }

    #[test]
    fn payments_that_do_not_cover_it_in_time_leave_the_alarm() {
        let s = statuses(&[24_284]);
        let f = figures(date(2026, 11, 9), &s, 0);
        // Too little.
        let short = Coming {
            date: date(2026, 11, 12),
            amount: d(24_283),
            autopay: false,
        };
        assert_eq!(headline(&f, &[short], None).cover, None);
        // Enough for November, but on 7 December December is past due too.
        let late = Coming {
            date: date(2026, 12, 7),
            amount: d(24_284),
            autopay: false,
        };
        assert_eq!(headline(&f, &[late], None).cover, None);
        // Two payments together do.
        let rest = Coming {
            date: date(2026, 11, 13),
            amount: d(1),
            autopay: false,
        };
        let h = headline(&f, &[rest, short], None);
        assert_eq!(
            h.cover.map(|c| (c.payments, c.current_on)),
            Some((vec![short, rest], date(2026, 11, 13)))
        );
    }

    #[test]
    fn a_loan_not_active_has_no_headline() {
        let s = statuses(&[]);
        let mut f = figures(date(2026, 12, 7), &s, 0);
        f.status = LoanStatus::PaidOff;
        assert_eq!(headline(&f, &[], None), Headline::default());
    }

    #[test]
    fn the_snapshot_tells_the_installments_as_the_fold_does() {
        let c = contract();
        // November half paid, December unpaid, on 7 December; January next.
        let past_due = d(12_284 + 24_284 + 2_500);
        let s = statuses_from_snapshot(
            &c,
            date(2026, 12, 7),
            past_due,
            past_due + d(24_284),
            d(2_500),
            Some(date(2026, 11, 5)),
        );
        assert_eq!(s, statuses(&[24_284, 12_000]));
        // Paid ahead through January on 6 November: February is next.
        let s = statuses_from_snapshot(
            &c,
            date(2026, 11, 6),
            Money::ZERO,
            Money::ZERO,
            Money::ZERO,
            Some(date(2027, 2, 5)),
        );
        assert_eq!(s, statuses(&[24_284, 24_284, 24_284, 24_284]));
        // Current, December's due: only December.
        let s = statuses_from_snapshot(
            &c,
            date(2026, 11, 6),
            Money::ZERO,
            d(24_284),
            Money::ZERO,
            Some(date(2026, 12, 5)),
        );
        assert_eq!(s, statuses(&[24_284, 24_284]));
    }
}

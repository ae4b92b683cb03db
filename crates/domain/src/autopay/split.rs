//! AutoPay more often than monthly (ADR 0028): twice a month on two days the borrower picks,
//! or every other week from a start date. Each draft is half the monthly payment, rounded up
//! to the cent, credited with extra to principal; the last draft before a due date drafts at
//! least what is left unpaid of that installment (and of any before it), so an installment is
//! never late while the drafts succeed. A draft that finds its installment already paid still
//! drafts the half: 26 halves a year are 13 payments, and the extra pays the loan down sooner.
//! A draft day that is not a business day moves to the business day before, as a monthly
//! draft does ([`super::draft_day`]).
//!
//! Invariant: the draft days of a cadence, once moved, are strictly increasing (its days are
//! at least 10 apart and a move is never more than a few days), so "the draft on or before a
//! date" and "the next draft after it" are each one day.

use super::draft_day;
use crate::calendar::{add_months_on_day, next_business_day};
use crate::loan::InstallmentStatus;
use crate::vocabulary::vocabulary;
use jiff::Span;
use jiff::civil::Date;
use money::Money;

vocabulary! {
    /// How often AutoPay drafts. Stored as text in `autopays.frequency` (migration 0033).
    pub enum Frequency {
        /// Once for each installment, on its due date or a chosen number of days before.
        Monthly = "monthly",
        /// On two days of each month the borrower picks.
        TwiceMonthly = "twice_monthly",
        /// Every 14 days from a start date the borrower picks.
        Biweekly = "biweekly",
    }
}

impl Frequency {
    /// The frequency as a borrower reads it: "monthly", "twice a month", "every other week".
    pub const fn in_words(self) -> &'static str {
        match self {
            Frequency::Monthly => "monthly",
            Frequency::TwiceMonthly => "twice a month",
            Frequency::Biweekly => "every other week",
        }
    }
}

/// The days of the month twice-monthly drafts fall on unless the borrower picks others.
pub const DEFAULT_TWICE_MONTHLY_DAYS: (u8, u8) = (1, 15);

/// The last day of the month a twice-monthly draft may fall on (every month has it).
pub const LAST_TWICE_MONTHLY_DAY: u8 = 28;

/// The fewest days between two twice-monthly drafts, counted both ways: within the month, and
/// across its end in the shortest month.
pub const MIN_DAYS_APART: u8 = 10;

/// Days from one biweekly draft to the next.
pub const BIWEEKLY_DAYS: i64 = 14;

/// A biweekly AutoPay's first draft is at most this many days after the business date it is
/// set up on.
pub const BIWEEKLY_START_WITHIN_DAYS: i64 = 14;

/// Why the days of a twice-monthly AutoPay are refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum CadenceError {
    /// A day outside 1 to [`LAST_TWICE_MONTHLY_DAY`].
    #[error("Choose days of the month from the 1st to the 28th")]
    DayOutOfRange,
    /// The two days are fewer than [`MIN_DAYS_APART`] days apart, one way or the other round
    /// the month's end.
    #[error(
        "Choose two days at least 10 days apart, counting across the end of the month too (like the 1st and the 15th)"
    )]
    DaysTooClose,
}

/// The two days of the month a twice-monthly AutoPay drafts on: each 1 to 28, the first the
/// earlier, at least [`MIN_DAYS_APART`] days apart both within the month and across its end.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TwiceMonthlyDays {
    first: u8,
    second: u8,
}

impl TwiceMonthlyDays {
    /// The days `a` and `b`, in either order, or why not.
    pub fn try_new(a: u8, b: u8) -> Result<TwiceMonthlyDays, CadenceError> {
        let (first, second) = (a.min(b), a.max(b));
        if first == 0 || second > LAST_TWICE_MONTHLY_DAY {
            return Err(CadenceError::DayOutOfRange);
        }
        let within = second - first;
        // Across the month's end in February (28 days): from the second day to the first.
        let across = LAST_TWICE_MONTHLY_DAY - within;
        if within < MIN_DAYS_APART || across < MIN_DAYS_APART {
            return Err(CadenceError::DaysTooClose);
        }
        Ok(TwiceMonthlyDays { first, second })
    }

    /// The 1st and the 15th.
    pub fn default_days() -> TwiceMonthlyDays {
        let (first, second) = DEFAULT_TWICE_MONTHLY_DAYS;
        TwiceMonthlyDays { first, second }
    }

    /// The earlier day.
    pub const fn first(self) -> u8 {
        self.first
    }

    /// The later day.
    pub const fn second(self) -> u8 {
        self.second
    }
}

/// The first day a biweekly AutoPay set up on business date `today` may start, and the last:
/// from the next business day (a day before it would draft today, or earlier, once moved to
/// a business day) to [`BIWEEKLY_START_WITHIN_DAYS`] days ahead.
pub fn biweekly_starts(today: Date) -> (Date, Date) {
    (
        next_business_day(today),
        today.saturating_add(Span::new().days(BIWEEKLY_START_WITHIN_DAYS)),
    )
}

/// The AutoPay frequencies a loan's product offers: monthly always; twice a month and every
/// other week where the product allows them (the default allows neither).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct AllowedFrequencies {
    /// Twice a month.
    pub twice_monthly: bool,
    /// Every other week.
    pub biweekly: bool,
}

impl AllowedFrequencies {
    /// Every frequency.
    pub const ALL: AllowedFrequencies = AllowedFrequencies {
        twice_monthly: true,
        biweekly: true,
    };

    /// Whether `f` is offered.
    pub const fn allows(self, f: Frequency) -> bool {
        match f {
            Frequency::Monthly => true,
            Frequency::TwiceMonthly => self.twice_monthly,
            Frequency::Biweekly => self.biweekly,
        }
    }

    /// Whether anything more often than monthly is offered.
    pub const fn allows_split(self) -> bool {
        self.twice_monthly || self.biweekly
    }

    /// The frequencies offered, monthly first.
    pub fn list(self) -> Vec<Frequency> {
        Frequency::ALL
            .iter()
            .copied()
            .filter(|f| self.allows(*f))
            .collect()
    }

    /// The frequencies offered as a borrower reads them: "monthly", "monthly or every other
    /// week", "monthly, twice a month or every other week".
    pub fn in_words(self) -> String {
        let words: Vec<&str> = self.list().into_iter().map(Frequency::in_words).collect();
        match words.as_slice() {
            [] => String::new(),
            [one] => (*one).to_owned(),
            [init @ .., last] => format!("{} or {last}", init.join(", ")),
        }
    }
}

/// When an AutoPay drafts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Cadence {
    /// Once for each installment, a chosen number of days before its due date
    /// ([`super::draft_day`]).
    Monthly,
    /// On two days of each month.
    TwiceMonthly(TwiceMonthlyDays),
    /// Every [`BIWEEKLY_DAYS`] days from `start`.
    Biweekly {
        /// The first draft day as chosen (moved to a business day like every other).
        start: Date,
    },
}

impl Cadence {
    /// The cadence's frequency.
    pub const fn frequency(self) -> Frequency {
        match self {
            Cadence::Monthly => Frequency::Monthly,
            Cadence::TwiceMonthly(_) => Frequency::TwiceMonthly,
            Cadence::Biweekly { .. } => Frequency::Biweekly,
        }
    }

    /// Whether it drafts more often than monthly, each draft a half.
    pub const fn is_split(self) -> bool {
        !matches!(self, Cadence::Monthly)
    }

    /// The first draft day strictly after `after`, moved to a business day. `None` for a
    /// monthly cadence, whose drafts follow the due dates instead.
    pub fn draft_after(self, after: Date) -> Option<Date> {
        self.nominal_days_around(after)
            .into_iter()
            .map(|d| draft_day(d, 0))
            .find(|d| *d > after)
    }

    /// The first draft day on or after `date`. `None` for a monthly cadence.
    pub fn draft_on_or_after(self, date: Date) -> Option<Date> {
        self.draft_after(date.saturating_sub(Span::new().days(1)))
    }

    /// The last draft day on or before `date`, moved to a business day. `None` for a monthly
    /// cadence, or before a biweekly cadence's first draft.
    pub fn draft_on_or_before(self, date: Date) -> Option<Date> {
        self.nominal_days_around(date)
            .into_iter()
            .map(|d| draft_day(d, 0))
            .rfind(|d| *d <= date)
    }

    /// The draft days as chosen (before any move), in order, from 40 days before `date` to 40
    /// days after: wide enough to hold, either side of any date, the draft day before and the
    /// one after it however far a move takes them.
    fn nominal_days_around(self, date: Date) -> Vec<Date> {
        let lo = date.saturating_sub(Span::new().days(40));
        let hi = date.saturating_add(Span::new().days(40));
        let mut out = Vec::new();
        match self {
            Cadence::Monthly => {}
            Cadence::TwiceMonthly(days) => {
                let month = lo.first_of_month();
                for k in 0..4 {
                    for day in [days.first(), days.second()] {
                        let d = add_months_on_day(month, k, i8::try_from(day).unwrap_or(1));
                        if (lo..=hi).contains(&d) {
                            out.push(d);
                        }
                    }
                }
            }
            Cadence::Biweekly { start } => {
                // The first draft on or after `lo` (none before the start).
                let gap = money::days_between(start, lo).max(0);
                let periods = gap / BIWEEKLY_DAYS + i64::from(gap % BIWEEKLY_DAYS != 0);
                let mut d = start.saturating_add(Span::new().days(periods * BIWEEKLY_DAYS));
                while d <= hi {
                    out.push(d);
                    d = d.saturating_add(Span::new().days(BIWEEKLY_DAYS));
                }
            }
        }
        out
    }
}

/// Half an installment of `amount`, rounded up to the cent (two halves never fall short).
pub fn half_of(amount: Money) -> Money {
    let cents = amount.cents().max(0);
    Money::from_cents(cents / 2 + cents % 2)
}

/// What a split-frequency draft on `on` comes to, the cadence's next draft being on `next`:
/// half the installment it counts toward (the first due on or after `on`); when it is the
/// last draft before a due date (an installment falls due from `on` up to the day before
/// `next`), at least what is left unpaid of that installment and of every one before it;
/// never more than `payoff`; nothing when no installment falls due on or after `on` (the
/// schedule is over).
///
/// `installments`: each installment with what is paid toward it by `on` (payments on their
/// way by then counted as paid, credited to installments oldest first as the fold does).
pub fn split_draft_amount(
    installments: &[InstallmentStatus],
    on: Date,
    next: Date,
    payoff: Money,
) -> Money {
    let Some(toward) = installments.iter().find(|i| i.due_date >= on) else {
        return Money::ZERO;
    };
    let last_before_due = installments
        .iter()
        .any(|i| (on..next).contains(&i.due_date));
    let left: Money = if last_before_due {
        installments
            .iter()
            .filter(|i| i.due_date < next)
            .map(|i| i.amount.saturating_sub_to_zero(i.paid))
            .sum()
    } else {
        Money::ZERO
    };
    half_of(toward.amount)
        .max(left)
        .min(payoff)
        .max(Money::ZERO)
}

/// `installments` with `credit` more paid toward them, oldest first (as the fold credits a
/// payment): what the payments on their way by a draft day leave of each.
pub fn credited(installments: &[InstallmentStatus], credit: Money) -> Vec<InstallmentStatus> {
    let mut left = credit.max(Money::ZERO);
    installments
        .iter()
        .map(|i| {
            let unpaid = i.amount.saturating_sub_to_zero(i.paid);
            let now = left.min(unpaid);
            left -= now;
            InstallmentStatus {
                paid: i.paid + now,
                ..*i
            }
        })
        .collect()
}

#[cfg(test)]
mod tests;

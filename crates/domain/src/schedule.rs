//! Level-payment amortization schedules (weekly, biweekly, semimonthly, monthly, month-end).
//!
//! Rules (docs/interest.md): each period's interest is the exact simple interest on the
//! scheduled balance for the days of the period under the loan's day count, rounded half up
//! to the cent ([`SCHEDULE_ROUNDING`]). The level payment is the one that would repay the loan
//! exactly if interest were not rounded, rounded half up to the cent. The last payment absorbs
//! every rounding difference, so scheduled principal sums exactly to the amount financed.
//!
//! [`project`] is the other half: from a loan's balances on a date, how each installment still
//! to come would be applied if it were paid on its due date, with the interest the loan accrues
//! (daily simple interest, [`crate::accrual`]) and its waterfall, the last one paying whatever
//! is left. The portal's schedule shows unpaid installments this way, and a boarded loan's final
//! installment is the amount it projects (docs/payments.md, "The schedule").

use crate::accrual::accrue;
use crate::calendar::{add_months_on_day, is_last_day_of_month};
use crate::loan::{OpeningBalances, Waterfall};
use jiff::civil::Date;
use money::{DayCount, Money, Rate, Rounding};
use rust_decimal::Decimal;
use std::fmt;
use std::str::FromStr;

/// The rounding rule of scheduled interest and of the level payment.
pub const SCHEDULE_ROUNDING: Rounding = Rounding::HalfUp;

/// How often installments fall due.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Frequency {
    /// Every 7 days.
    Weekly,
    /// Every 14 days.
    Biweekly,
    /// Twice a month, on a day and the day 15 days later (the 1st and 16th, or 15th and 30th;
    /// days past the month's end fall back to its last day).
    Semimonthly,
    /// Once a month on the first payment's day of month (29th–31st fall back in short months,
    /// so a first payment on the 31st starts a month-end series).
    #[default]
    Monthly,
    /// Once a month on the last day of the month, from a first payment on a month's last day
    /// (30 September, 31 October, 30 November, …, 28 February). Regulation Z Appendix J
    /// measures such a series month end to month end.
    MonthEnd,
}

impl Frequency {
    /// Installments in a year (for display and for unit periods).
    pub const fn per_year(self) -> u32 {
        match self {
            Frequency::Weekly => 52,
            Frequency::Biweekly => 26,
            Frequency::Semimonthly => 24,
            Frequency::Monthly | Frequency::MonthEnd => 12,
        }
    }

    /// The due date of installment `index` (0-based), counted from the first payment date.
    pub fn due_date(self, first: Date, index: u32) -> Date {
        let step = i32::try_from(index).expect("installment count fits in i32");
        match self {
            Frequency::Weekly => add_days(first, 7 * step),
            Frequency::Biweekly => add_days(first, 14 * step),
            Frequency::Monthly => add_months_on_day(first, step, first.day()),
            Frequency::MonthEnd => add_months_on_day(first, step, 31),
            Frequency::Semimonthly => {
                // The sequence runs low, high, low, high… with high = low + 15 (clamped).
                let starts_high = first.day() > 15;
                let low = if starts_high {
                    first.day() - 15
                } else {
                    first.day()
                };
                let half = step + i32::from(starts_high);
                let day = if half % 2 == 0 { low } else { low + 15 };
                add_months_on_day(first, half.div_euclid(2), day)
            }
        }
    }
}

fn add_days(date: Date, days: i32) -> Date {
    date.checked_add(jiff::Span::new().days(days))
        .expect("date in range")
}

/// An unknown frequency name.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("frequency {0:?} is not one of weekly, biweekly, semimonthly, monthly, month-end")]
pub struct UnknownFrequency(pub String);

impl FromStr for Frequency {
    type Err = UnknownFrequency;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "weekly" => Ok(Frequency::Weekly),
            "biweekly" => Ok(Frequency::Biweekly),
            "semimonthly" => Ok(Frequency::Semimonthly),
            "monthly" => Ok(Frequency::Monthly),
            "month-end" => Ok(Frequency::MonthEnd),
            _ => Err(UnknownFrequency(s.to_owned())),
        }
    }
}

impl fmt::Display for Frequency {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Frequency::Weekly => "weekly",
            Frequency::Biweekly => "biweekly",
            Frequency::Semimonthly => "semimonthly",
            Frequency::Monthly => "monthly",
            Frequency::MonthEnd => "month-end",
        })
    }
}

/// What a schedule is computed from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ScheduleTerms {
    /// The amount financed (the opening principal).
    pub amount_financed: Money,
    /// The annual interest rate.
    pub rate: Rate,
    /// Number of installments.
    pub term: u32,
    /// Disbursement date: interest accrues from here.
    pub start: Date,
    /// Due date of the first installment.
    pub first_payment: Date,
    /// How often installments fall due.
    pub frequency: Frequency,
    /// The day count of the interest.
    pub day_count: DayCount,
}

/// Why a schedule cannot be computed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ScheduleError {
    /// The amount financed must be positive.
    #[error("amount financed {amount} must be more than zero")]
    AmountNotPositive {
        /// The amount given.
        amount: Money,
    },
    /// At least one installment, at most 1200.
    #[error("term {term} must be between 1 and 1200 installments")]
    TermOutOfRange {
        /// The term given.
        term: u32,
    },
    /// The first payment must come after the start.
    #[error("first payment date {first_payment} must be after the start date {start}")]
    FirstPaymentNotAfterStart {
        /// The start date.
        start: Date,
        /// The first payment date.
        first_payment: Date,
    },
    /// A month-end schedule starts on a month's last day.
    #[error(
        "first payment date {first_payment} must be the last day of its month for a month-end schedule"
    )]
    FirstPaymentNotMonthEnd {
        /// The first payment date.
        first_payment: Date,
    },
}

/// One scheduled installment.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ScheduledInstallment {
    /// 1-based installment number.
    pub period: u32,
    /// Due date.
    pub due_date: Date,
    /// Payment due.
    pub payment: Money,
    /// Interest part of the payment.
    pub interest: Money,
    /// Principal part of the payment.
    pub principal: Money,
    /// Scheduled principal balance after the payment.
    pub balance: Money,
}

/// A computed amortization schedule.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Schedule {
    /// The level (regular) payment.
    pub payment: Money,
    /// The installments in order.
    pub installments: Vec<ScheduledInstallment>,
}

impl Schedule {
    /// Sum of all payments (the TILA "total of payments" of the schedule).
    pub fn total_of_payments(&self) -> Money {
        self.installments.iter().map(|i| i.payment).sum()
    }

    /// Sum of all scheduled interest (the finance charge when there are no other charges).
    pub fn total_interest(&self) -> Money {
        self.installments.iter().map(|i| i.interest).sum()
    }
}

/// Computes the level-payment schedule for `terms`.
pub fn amortize(terms: &ScheduleTerms) -> Result<Schedule, ScheduleError> {
    validate(terms)?;
    let dates: Vec<Date> = (0..terms.term)
        .map(|i| terms.frequency.due_date(terms.first_payment, i))
        .collect();
    let weights: Vec<i64> = std::iter::once(terms.start)
        .chain(dates.iter().copied())
        .collect::<Vec<_>>()
        .windows(2)
        .map(|w| terms.day_count.weight(w[0], w[1]))
        .collect();
    let payment = level_payment(terms, &weights);
    let mut balance = terms.amount_financed;
    let mut installments = Vec::with_capacity(dates.len());
    for (index, (due_date, weight)) in dates.iter().zip(&weights).enumerate() {
        let interest = period_interest(balance, terms.rate, terms.day_count, *weight);
        let is_last = index + 1 == dates.len();
        let principal = if is_last { balance } else { payment - interest };
        balance -= principal;
        installments.push(ScheduledInstallment {
            period: u32::try_from(index + 1).expect("term fits in u32"),
            due_date: *due_date,
            payment: principal + interest,
            interest,
            principal,
            balance,
        });
    }
    Ok(Schedule {
        payment,
        installments,
    })
}

fn validate(terms: &ScheduleTerms) -> Result<(), ScheduleError> {
    if !terms.amount_financed.is_positive() {
        return Err(ScheduleError::AmountNotPositive {
            amount: terms.amount_financed,
        });
    }
    if !(1..=1200).contains(&terms.term) {
        return Err(ScheduleError::TermOutOfRange { term: terms.term });
    }
    if terms.first_payment <= terms.start {
        return Err(ScheduleError::FirstPaymentNotAfterStart {
            start: terms.start,
            first_payment: terms.first_payment,
        });
    }
    if terms.frequency == Frequency::MonthEnd && !is_last_day_of_month(terms.first_payment) {
        return Err(ScheduleError::FirstPaymentNotMonthEnd {
            first_payment: terms.first_payment,
        });
    }
    Ok(())
}

/// Interest on `balance` for a period of `weight`, rounded half up.
pub fn period_interest(balance: Money, rate: Rate, day_count: DayCount, weight: i64) -> Money {
    let exact = i128::from(balance.cents()) * i128::from(rate.micro_percent()) * i128::from(weight);
    let cents = SCHEDULE_ROUNDING.divide(exact, crate::accrual::accrual_denominator(day_count));
    Money::from_cents(i64::try_from(cents).expect("interest fits in i64"))
}

/// The payment that repays the loan exactly with unrounded period rates, rounded half up:
/// `P = L·Π(1+iₖ) / Σⱼ Πₖ>ⱼ (1+iₖ)`.
fn level_payment(terms: &ScheduleTerms, weights: &[i64]) -> Money {
    let amount = Decimal::from(terms.amount_financed.cents());
    if terms.rate.is_zero() {
        let n = i64::try_from(weights.len()).expect("term fits");
        let cents =
            SCHEDULE_ROUNDING.divide(i128::from(terms.amount_financed.cents()), i128::from(n));
        return Money::from_cents(i64::try_from(cents).expect("fits"));
    }
    let denominator = Decimal::from(crate::accrual::accrual_denominator(terms.day_count));
    let rate = Decimal::from(terms.rate.micro_percent());
    // Walk backwards accumulating the annuity factor Σⱼ Πₖ>ⱼ (1+iₖ) and the growth Π(1+iₖ).
    let mut growth = Decimal::ONE;
    let mut annuity = Decimal::ZERO;
    for weight in weights.iter().rev() {
        annuity += growth;
        let period_rate = rate * Decimal::from(*weight) / denominator;
        growth *= Decimal::ONE + period_rate;
    }
    let exact = amount * growth / annuity;
    let cents =
        exact.round_dp_with_strategy(0, rust_decimal::RoundingStrategy::MidpointAwayFromZero);
    Money::from_cents(i64::try_from(cents).expect("payment fits in i64 cents"))
}

/// One installment still to come, as [`project`] expects it to be applied.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ProjectedPayment {
    /// Its due date.
    pub due_date: Date,
    /// To fees (fees already assessed are paid first under the default waterfall).
    pub fees: Money,
    /// To interest.
    pub interest: Money,
    /// To principal.
    pub principal: Money,
    /// Principal left after it.
    pub balance: Money,
}

impl ProjectedPayment {
    /// The payment: exactly fees + interest + principal, so a row always adds up.
    pub fn amount(&self) -> Money {
        self.fees + self.interest + self.principal
    }
}

/// How the installments `due` (due date, amount) would be applied if each were paid in full on
/// its due date (or on `from` if that date has already passed), starting from the balances
/// `owed` at the start of `from` (interest accrued through the day before, the sub-cent carry
/// included). Interest accrues exactly as the replay accrues it (whole cents down, the
/// remainder carried, so a period at once equals its days one by one); each payment is split
/// by `waterfall`, as the replay splits it. The last installment pays everything left, so
/// the projection ends at zero and its last payment is the payoff on its date: larger than
/// the others when the loan is behind its amortization (a true-up), smaller when ahead. Once
/// the balance is paid the installments after it pay nothing.
pub fn project(
    from: Date,
    owed: OpeningBalances,
    rate: Rate,
    day_count: DayCount,
    waterfall: &Waterfall,
    due: &[(Date, Money)],
) -> Vec<ProjectedPayment> {
    let OpeningBalances {
        mut principal,
        mut interest,
        mut fees,
        mut carry,
    } = owed;
    let mut accrued_to = from;
    let count = due.len();
    let mut out = Vec::with_capacity(count);
    for (index, &(due_date, amount)) in due.iter().enumerate() {
        let paid_on = due_date.max(accrued_to);
        let accrued = accrue(principal, rate, day_count, accrued_to, paid_on, carry);
        interest += accrued.interest;
        carry = accrued.carry;
        accrued_to = paid_on;
        let payment = if index + 1 == count {
            fees + interest + principal
        } else {
            amount
        };
        let (to_fees, to_interest, to_principal, _left) =
            waterfall.split(payment, fees, interest, principal);
        fees -= to_fees;
        interest -= to_interest;
        principal -= to_principal;
        out.push(ProjectedPayment {
            due_date,
            fees: to_fees,
            interest: to_interest,
            principal: to_principal,
            balance: principal,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;
    use proptest::prelude::*;

    fn terms(amount: &str, rate: &str, term: u32, start: Date, first: Date) -> ScheduleTerms {
        ScheduleTerms {
            amount_financed: Money::parse(amount).unwrap(),
            rate: Rate::parse(rate).unwrap(),
            term,
            start,
            first_payment: first,
            frequency: Frequency::Monthly,
            day_count: DayCount::Thirty360,
        }
    }

    #[test]
    fn matches_the_textbook_mortgage_table() {
        // $100,000 at 6 % for 30 years: $599.55 a month; first month 500.00 interest.
        let s = amortize(&terms(
            "100000.00",
            "6",
            360,
            date(2026, 1, 1),
            date(2026, 2, 1),
        ))
        .unwrap();
        assert_eq!(s.payment, Money::parse("599.55").unwrap());
        let first = s.installments[0];
        assert_eq!(
            (first.interest, first.principal),
            (
                Money::parse("500.00").unwrap(),
                Money::parse("99.55").unwrap()
            )
        );
        assert_eq!(first.balance, Money::parse("99900.45").unwrap());
        let second = s.installments[1];
        assert_eq!(second.interest, Money::parse("499.50").unwrap());
    }

    #[test]
    fn thirty_360_regular_periods_charge_exactly_a_twelfth_of_the_rate() {
        let s = amortize(&terms(
            "10000.00",
            "7.5",
            36,
            date(2026, 1, 15),
            date(2026, 2, 15),
        ))
        .unwrap();
        assert_eq!(s.payment, Money::parse("311.06").unwrap());
        let mut balance = Money::parse("10000.00").unwrap();
        for row in &s.installments {
            // interest = balance × 7.5 % / 12, rounded half up
            let want = Rounding::HalfUp.divide(i128::from(balance.cents()) * 75, 12_000);
            assert_eq!(
                i128::from(row.interest.cents()),
                want,
                "period {}",
                row.period
            );
            balance = row.balance;
        }
        assert_eq!(balance, Money::ZERO);
    }

    #[test]
    fn due_dates_follow_the_frequency() {
        let first = date(2026, 1, 31);
        let monthly: Vec<Date> = (0..3)
            .map(|i| Frequency::Monthly.due_date(first, i))
            .collect();
        assert_eq!(
            monthly,
            vec![date(2026, 1, 31), date(2026, 2, 28), date(2026, 3, 31)]
        );
        let semi: Vec<Date> = (0..4)
            .map(|i| Frequency::Semimonthly.due_date(date(2026, 2, 1), i))
            .collect();
        assert_eq!(
            semi,
            vec![
                date(2026, 2, 1),
                date(2026, 2, 16),
                date(2026, 3, 1),
                date(2026, 3, 16)
            ]
        );
        let semi_high: Vec<Date> = (0..3)
            .map(|i| Frequency::Semimonthly.due_date(date(2026, 1, 30), i))
            .collect();
        assert_eq!(
            semi_high,
            vec![date(2026, 1, 30), date(2026, 2, 15), date(2026, 2, 28)]
        );
        assert_eq!(
            Frequency::Biweekly.due_date(date(2026, 1, 2), 2),
            date(2026, 1, 30)
        );
        assert_eq!(
            Frequency::Weekly.due_date(date(2026, 1, 2), 1),
            date(2026, 1, 9)
        );
    }

    #[test]
    fn month_end_schedules_fall_due_on_the_last_day_of_each_month() {
        // A first payment on the 31st: every later due date is the month's last day.
        let from_july: Vec<Date> = (0..8)
            .map(|i| Frequency::Monthly.due_date(date(2026, 7, 31), i))
            .collect();
        let want = [
            date(2026, 7, 31),
            date(2026, 8, 31),
            date(2026, 9, 30),
            date(2026, 10, 31),
            date(2026, 11, 30),
            date(2026, 12, 31),
            date(2027, 1, 31),
            date(2027, 2, 28),
        ];
        assert_eq!(from_july, want);
        // `MonthEnd` from a shorter month's last day, where `Monthly` would keep the 30th.
        let from_september: Vec<Date> = (0..6)
            .map(|i| Frequency::MonthEnd.due_date(date(2026, 9, 30), i))
            .collect();
        assert_eq!(from_september, want[2..]);
        assert_eq!(
            Frequency::Monthly.due_date(date(2026, 9, 30), 1),
            date(2026, 10, 30)
        );
        assert_eq!(
            Frequency::MonthEnd.due_date(date(2027, 11, 30), 3),
            date(2028, 2, 29)
        );
        assert_eq!("month-end".parse::<Frequency>(), Ok(Frequency::MonthEnd));
        assert_eq!(Frequency::MonthEnd.to_string(), "month-end");
        // The schedule falls due on those dates, and needs a month-end first payment.
        let mut t = terms("1000.00", "12", 6, date(2026, 8, 31), date(2026, 9, 30));
        t.frequency = Frequency::MonthEnd;
        let dates: Vec<Date> = amortize(&t)
            .unwrap()
            .installments
            .iter()
            .map(|i| i.due_date)
            .collect();
        assert_eq!(dates, want[2..]);
        t.first_payment = date(2026, 9, 29);
        assert_eq!(
            amortize(&t),
            Err(ScheduleError::FirstPaymentNotMonthEnd {
                first_payment: date(2026, 9, 29),
            })
        );
    }

    #[test]
    fn refuses_impossible_terms() {
        let mut t = terms("0", "5", 12, date(2026, 1, 1), date(2026, 2, 1));
        assert!(matches!(
            amortize(&t),
            Err(ScheduleError::AmountNotPositive { .. })
        ));
        t.amount_financed = Money::from_cents(100);
        t.term = 0;
        assert!(matches!(
            amortize(&t),
            Err(ScheduleError::TermOutOfRange { .. })
        ));
        t.term = 1;
        t.first_payment = t.start;
        assert!(matches!(
            amortize(&t),
            Err(ScheduleError::FirstPaymentNotAfterStart { .. })
        ));
    }

    #[test]
    fn a_zero_rate_loan_repays_principal_only() {
        let s = amortize(&terms(
            "1000.00",
            "0",
            3,
            date(2026, 1, 1),
            date(2026, 2, 1),
        ))
        .unwrap();
        let payments: Vec<i64> = s.installments.iter().map(|i| i.payment.cents()).collect();
        assert_eq!(payments, vec![33_333, 33_333, 33_334]);
    }

    /// Every installment of `terms` paid on its due date, the last one with `last` (a
    /// projected payoff): the replay's splits, in order, and whether it ended paid off.
    fn replayed_splits(
        terms: &crate::loan::LoanTerms,
        last: Money,
    ) -> (Vec<(Money, Money, Money)>, crate::loan::LoanStatus) {
        use crate::loan::{ExtraTo, Transaction, TxnId, TxnKind, replay_to_start_of};
        let count = terms.installments.len();
        let history: Vec<Transaction> = (1_u64..)
            .zip(&terms.installments)
            .map(|(n, i)| Transaction {
                id: TxnId(n),
                date: i.due_date,
                kind: TxnKind::Payment {
                    amount: if usize::try_from(n).unwrap() == count {
                        last
                    } else {
                        i.amount
                    },
                    extra: ExtraTo::Principal,
                },
            })
            .collect();
        let end = terms.installments.last().unwrap().due_date;
        let state = replay_to_start_of(terms, &history, end);
        let splits = state
            .applied_payments()
            .map(|a| (a.fees, a.interest, a.principal))
            .collect();
        (splits, state.status)
    }

    #[test]
    fn a_projection_is_what_the_replay_does_when_every_installment_is_paid_on_its_day() {
        // A loan made here: $5,000 at 11.99 %, actual/365, 36 months from 20 March.
        let start = date(2026, 3, 20);
        let mut t = terms("5000.00", "11.99", 36, start, date(2026, 4, 20));
        t.day_count = DayCount::Actual365Fixed;
        let s = amortize(&t).unwrap();
        let loan = crate::loan::LoanTerms::from_schedule(
            &s,
            t.rate,
            t.day_count,
            start,
            t.amount_financed,
        );
        let due: Vec<(Date, Money)> = loan
            .installments
            .iter()
            .map(|i| (i.due_date, i.amount))
            .collect();
        let projected = project(
            start,
            loan.opening,
            loan.rate,
            loan.day_count,
            &loan.waterfall,
            &due,
        );
        assert_eq!(projected.len(), 36);
        for p in &projected {
            assert_eq!(p.amount(), p.fees + p.interest + p.principal);
        }
        assert_eq!(projected.last().unwrap().balance, Money::ZERO);
        assert_eq!(
            projected.iter().map(|p| p.principal).sum::<Money>(),
            t.amount_financed
        );
        // Every regular payment is the installment; the last is the payoff, within cents of
        // the schedule's (the schedule rounds each period, the replay carries the remainder).
        assert!(
            projected[..35]
                .iter()
                .zip(&due)
                .all(|(p, d)| p.amount() == d.1)
        );
        let last = projected.last().unwrap().amount();
        assert!((last - s.installments[35].payment).abs() <= Money::from_cents(36));
        let (splits, status) = replayed_splits(&loan, last);
        let want: Vec<(Money, Money, Money)> = projected
            .iter()
            .map(|p| (p.fees, p.interest, p.principal))
            .collect();
        assert_eq!(splits, want, "the replay applies each payment as projected");
        assert_eq!(status, crate::loan::LoanStatus::PaidOff);
    }

    #[test]
    fn a_loan_behind_its_amortization_ends_with_a_larger_true_up() {
        // Boarded with more principal left than the level payment repays by maturity: the
        // regular payments keep their amount and the last one pays what is left.
        let start = date(2026, 5, 12);
        let regular = Money::parse("242.84").unwrap();
        let due: Vec<(Date, Money)> = (0..17)
            .map(|k| (Frequency::Monthly.due_date(date(2026, 6, 5), k), regular))
            .collect();
        let owed = OpeningBalances {
            principal: Money::parse("4415.27").unwrap(),
            interest: Money::parse("13.11").unwrap(),
            ..OpeningBalances::default()
        };
        let rate = Rate::parse("8.75").unwrap();
        let projected = project(
            start,
            owed,
            rate,
            DayCount::Actual365Fixed,
            &Waterfall::default(),
            &due,
        );
        let last = *projected.last().unwrap();
        assert_eq!(last.balance, Money::ZERO);
        assert_eq!(last.amount(), last.interest + last.principal);
        assert!(
            last.amount() > regular + Money::parse("300.00").unwrap(),
            "a true-up of {}",
            last.amount()
        );
        assert!(projected[..16].iter().all(|p| p.amount() == regular));
        // The replay of those payments on those days pays the loan off exactly.
        let loan = crate::loan::LoanTerms {
            rate,
            day_count: DayCount::Actual365Fixed,
            accrual_start: start,
            opening: owed,
            installments: (1..)
                .zip(&due)
                .map(|(number, (due_date, amount))| crate::loan::Installment {
                    number,
                    due_date: *due_date,
                    amount: *amount,
                })
                .collect(),
            late_fee: crate::fees::LateFeeRule::default(),
            nsf_fee: crate::fees::NsfFeeRule::default(),
            waterfall: Waterfall::default(),
        };
        let (splits, status) = replayed_splits(&loan, last.amount());
        assert_eq!(status, crate::loan::LoanStatus::PaidOff);
        assert_eq!(
            splits,
            projected
                .iter()
                .map(|p| (p.fees, p.interest, p.principal))
                .collect::<Vec<_>>()
        );
    }

    #[test]
    fn fees_owed_are_paid_first_and_a_past_due_installment_is_projected_as_paid_on_the_day() {
        let from = date(2026, 3, 10);
        let owed = OpeningBalances {
            principal: Money::parse("1000.00").unwrap(),
            fees: Money::parse("25.00").unwrap(),
            ..OpeningBalances::default()
        };
        let due = [
            (date(2026, 3, 1), Money::parse("100.00").unwrap()),
            (date(2026, 4, 1), Money::parse("100.00").unwrap()),
        ];
        let p = project(
            from,
            owed,
            Rate::parse("12").unwrap(),
            DayCount::Actual365Fixed,
            &Waterfall::default(),
            &due,
        );
        // Paid on 10 March: no interest yet, the fee first, the rest to principal.
        assert_eq!(
            (p[0].fees, p[0].interest, p[0].principal),
            (
                Money::parse("25.00").unwrap(),
                Money::ZERO,
                Money::parse("75.00").unwrap()
            )
        );
        // 22 days on $925.00 at 12 %: 925.00 × 0.12 × 22 / 365 = 6.690…, posted 6.69.
        assert_eq!(p[1].interest, Money::parse("6.69").unwrap());
        assert_eq!(p[1].principal, Money::parse("925.00").unwrap());
        assert_eq!(p[1].balance, Money::ZERO);
    }

    proptest! {
        #[test]
        fn scheduled_principal_sums_to_the_amount_financed(
            cents in 10_000i64..100_000_000,
            micro in 0i64..36_000_000,
            term in 1u32..120,
            first_gap in 5i32..60,
            freq in 0usize..4,
            dc in 0usize..3,
        ) {
            let start = date(2026, 1, 15);
            let t = ScheduleTerms {
                amount_financed: Money::from_cents(cents),
                rate: Rate::from_micro_percent(micro),
                term,
                start,
                first_payment: add_days(start, first_gap),
                frequency: [Frequency::Weekly, Frequency::Biweekly, Frequency::Semimonthly, Frequency::Monthly][freq],
                day_count: [DayCount::Actual365Fixed, DayCount::ActualActual, DayCount::Thirty360][dc],
            };
            let s = amortize(&t).unwrap();
            prop_assert_eq!(s.installments.iter().map(|i| i.principal).sum::<Money>(), t.amount_financed);
            prop_assert_eq!(s.installments.last().unwrap().balance, Money::ZERO);
            let dates: Vec<Date> = s.installments.iter().map(|i| i.due_date).collect();
            prop_assert!(dates.windows(2).all(|w| w[0] < w[1]));
            // The last payment differs from the level payment only by the roundings (at most a
            // cent a period: half for the payment, half for the interest), grown by interest.
            let mut bound = Decimal::ZERO;
            let mut balance_growth = Decimal::ONE; // per period, at most 40 days of interest
            for _ in &s.installments {
                bound += balance_growth;
                balance_growth *= Decimal::ONE + Decimal::from(t.rate.micro_percent()) * Decimal::from(40) / Decimal::from(Rate::UNITS_PER_ONE * 365);
            }
            let diff = (s.installments.last().unwrap().payment - s.payment).abs();
            prop_assert!(Decimal::from(diff.cents()) <= bound, "last payment off by {} (bound {})", diff, bound);
        }
    }
}

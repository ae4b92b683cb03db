//! The Truth in Lending disclosure of a closed-end loan as the documents center shows it: the
//! TILA box ([`crate::apr::tila_box`]: APR, finance charge, amount financed, total of
//! payments) and the payment schedule, the payments grouped as a disclosure lists them ("47
//! payments of $242.84, monthly from ..."; [`payment_schedule`]).
//!
//! A loan made here is disclosed from its contract's installments. A loan boarded from another
//! servicer keeps only its remaining installments, so its original terms are kept apart when it
//! is boarded ([`OriginalTerms`]) and its disclosure is figured from them: the regular payment
//! on each due date from the first to maturity, the last one the note's final payment when the
//! transfer file gave it, else what the original amount leaves owed on that date at the note's
//! rate, day count and waterfall ([`crate::schedule::project`], as boarding figures a true-up).

use crate::apr::{AprError, TilaBox, tila_box};
use crate::calendar::add_months_on_day;
use crate::loan::{OpeningBalances, Waterfall};
use crate::schedule::{ProjectedPayment, project};
use jiff::civil::Date;
use money::{DayCount, Money, Rate};

/// A boarded loan's terms as its lender made it, from the transfer file: what its Truth in
/// Lending disclosure is figured from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct OriginalTerms {
    /// When the loan was disbursed (the advance).
    pub disbursement_date: Date,
    /// The first installment's due date: it fixes the due day of every month.
    pub first_payment_date: Date,
    /// How many monthly installments the note has.
    pub term_months: u32,
    /// The regular monthly payment.
    pub payment_amount: Money,
    /// The note's final installment, when the transfer file gave one.
    pub final_payment_amount: Option<Money>,
}

impl OriginalTerms {
    /// Every installment's due date, from the first to maturity, on the first's day of the
    /// month (the month's last day in a shorter month).
    pub fn due_dates(&self) -> Vec<Date> {
        let day = self.first_payment_date.day();
        (0..self.term_months)
            .map(|k| {
                let months = i32::try_from(k).expect("a term fits in i32");
                add_months_on_day(self.first_payment_date, months, day)
            })
            .collect()
    }

    /// The payments of the note as made: the regular payment on every due date, the last one
    /// the note's final payment, or, when the file gave none, what `amount_financed` leaves
    /// owed on the last due date after the regular payments before it, at `rate` and
    /// `day_count` from the disbursement, applied by `waterfall` (kept regular when the
    /// regular payments repay the loan sooner).
    pub fn payments(
        &self,
        amount_financed: Money,
        rate: Rate,
        day_count: DayCount,
        waterfall: &Waterfall,
    ) -> Vec<(Date, Money)> {
        let mut payments: Vec<(Date, Money)> = self
            .due_dates()
            .into_iter()
            .map(|d| (d, self.payment_amount))
            .collect();
        let last = self.final_payment_amount.or_else(|| {
            let owed = OpeningBalances {
                principal: amount_financed,
                ..OpeningBalances::default()
            };
            project(
                self.disbursement_date,
                owed,
                rate,
                day_count,
                waterfall,
                &payments,
            )
            .last()
            .map(ProjectedPayment::amount)
            .filter(|m| m.is_positive())
        });
        if let (Some(slot), Some(amount)) = (payments.last_mut(), last) {
            slot.1 = amount;
        }
        payments
    }
}

/// Payments of one amount due one after another, as a disclosure's payment schedule lists
/// them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PaymentRun {
    /// How many payments.
    pub count: u32,
    /// Each one's amount.
    pub amount: Money,
    /// The first one's due date.
    pub first_due: Date,
    /// The last one's due date.
    pub last_due: Date,
}

/// The payment schedule of `payments` (due date, amount), in date order: consecutive payments
/// of the same amount make one run, so a loan's regular payments are one line and a larger or
/// smaller last payment another.
pub fn payment_schedule(payments: &[(Date, Money)]) -> Vec<PaymentRun> {
    let mut runs: Vec<PaymentRun> = Vec::new();
    for &(due, amount) in payments {
        if let Some(run) = runs.last_mut()
            && run.amount == amount
        {
            run.count += 1;
            run.last_due = due;
            continue;
        }
        runs.push(PaymentRun {
            count: 1,
            amount,
            first_due: due,
            last_due: due,
        });
    }
    runs
}

/// A loan's Truth in Lending disclosure: the box and the payment schedule.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Disclosure {
    /// The date the credit was advanced (the loan's date).
    pub advance: Date,
    /// APR, finance charge, amount financed, total of payments.
    pub tila: TilaBox,
    /// The payments, grouped.
    pub schedule: Vec<PaymentRun>,
}

/// The disclosure of a single-advance loan of `amount_financed` made on `advance` and repaid by
/// `payments` (due date, amount).
pub fn disclosure(
    advance: Date,
    amount_financed: Money,
    payments: &[(Date, Money)],
) -> Result<Disclosure, AprError> {
    Ok(Disclosure {
        advance,
        tila: tila_box(advance, amount_financed, payments)?,
        schedule: payment_schedule(payments),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    fn terms(final_payment: Option<Money>) -> OriginalTerms {
        OriginalTerms {
            disbursement_date: date(2024, 4, 5),
            first_payment_date: date(2024, 5, 5),
            term_months: 48,
            payment_amount: Money::from_cents(24_284),
            final_payment_amount: final_payment,
        }
    }

    #[test]
    fn the_due_dates_run_monthly_on_the_first_payments_day_to_maturity() {
        let t = OriginalTerms {
            first_payment_date: date(2024, 1, 31),
            term_months: 3,
            ..terms(None)
        };
        assert_eq!(
            t.due_dates(),
            [date(2024, 1, 31), date(2024, 2, 29), date(2024, 3, 31)]
        );
        assert_eq!(terms(None).due_dates().len(), 48);
        assert_eq!(terms(None).due_dates()[47], date(2028, 4, 5));
    }

    #[test]
    fn the_notes_final_payment_is_used_when_the_file_gave_it() {
        let p = terms(Some(Money::from_cents(30_000))).payments(
            Money::from_cents(980_000),
            Rate::parse("8.75").unwrap(),
            DayCount::Actual365Fixed,
            &Waterfall::default(),
        );
        assert_eq!(p.len(), 48);
        assert_eq!(p[0], (date(2024, 5, 5), Money::from_cents(24_284)));
        assert_eq!(p[47].1, Money::from_cents(30_000));
    }

    #[test]
    fn without_a_final_payment_the_last_pays_what_the_original_amount_leaves() {
        let rate = Rate::parse("8.75").unwrap();
        let amount = Money::from_cents(980_000);
        let p = terms(None).payments(
            amount,
            rate,
            DayCount::Actual365Fixed,
            &Waterfall::default(),
        );
        let projected = project(
            date(2024, 4, 5),
            OpeningBalances {
                principal: amount,
                ..OpeningBalances::default()
            },
            rate,
            DayCount::Actual365Fixed,
            &Waterfall::default(),
            &p,
        );
        assert_eq!(
            p[47].1,
            projected[47].amount(),
            "the projection's last payment"
        );
        assert_eq!(projected[47].balance, Money::ZERO);
        assert!(p[..47].iter().all(|(_, m)| *m == Money::from_cents(24_284)));
    }

    #[test]
    fn the_schedule_groups_payments_of_one_amount() {
        let m = Money::from_cents;
        let runs = payment_schedule(&[
            (date(2026, 1, 5), m(100)),
            (date(2026, 2, 5), m(100)),
            (date(2026, 3, 5), m(100)),
            (date(2026, 4, 5), m(120)),
        ]);
        assert_eq!(
            runs,
            [
                PaymentRun {
                    count: 3,
                    amount: m(100),
                    first_due: date(2026, 1, 5),
                    last_due: date(2026, 3, 5),
                },
                PaymentRun {
                    count: 1,
                    amount: m(120),
                    first_due: date(2026, 4, 5),
                    last_due: date(2026, 4, 5),
                },
            ]
        );
        assert!(payment_schedule(&[]).is_empty());
    }

    #[test]
    fn the_disclosure_is_the_tila_box_with_its_schedule() {
        let t = terms(None);
        let amount = Money::from_cents(980_000);
        let payments = t.payments(
            amount,
            Rate::parse("8.75").unwrap(),
            DayCount::Actual365Fixed,
            &Waterfall::default(),
        );
        let d = disclosure(t.disbursement_date, amount, &payments).unwrap();
        assert_eq!(
            d.tila,
            tila_box(t.disbursement_date, amount, &payments).unwrap()
        );
        let total: Money = payments.iter().map(|p| p.1).sum();
        assert_eq!(d.tila.total_of_payments, total);
        assert_eq!(d.schedule.iter().map(|r| r.count).sum::<u32>(), 48);
        assert!(
            (d.tila.apr.percent() - rust_decimal::Decimal::new(875, 2)).abs()
                < rust_decimal::Decimal::new(25, 2),
            "the APR of a loan without fees is near its rate: {}",
            d.tila.apr.percent()
        );
    }
}

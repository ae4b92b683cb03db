//! Regulation Z Appendix J (c): the appendix's own worked examples, each to the disclosed
//! hundredth of a percent.

use super::*;
use jiff::civil::date;

fn cents(c: i64) -> Money {
    Money::from_cents(c)
}

/// `count` payments of `amount` every `every`, the first on `first`.
fn regular(first: Date, every: UnitPeriod, count: u32, amount: i64) -> Vec<(Date, Money)> {
    (0..count)
        .map(|k| (every.nth_date(first, k), cents(amount)))
        .collect()
}

fn apr(advance: Date, amount: i64, payments: &[(Date, Money)]) -> String {
    annual_percentage_rate(advance, cents(amount), payments, None)
        .unwrap()
        .percent()
        .to_string()
}

/// (name, advance date, amount financed in cents, payments, disclosed APR)
type Example = (&'static str, Date, i64, Vec<(Date, Money)>, &'static str);

#[test]
fn example_c1_single_advance_otherwise_regular() {
    let month = UnitPeriod::Months(1);
    let table: [Example; 5] = [
        (
            "(i) monthly, regular first period",
            date(1978, 1, 10),
            500_000,
            regular(date(1978, 2, 10), month, 24, 23_000),
            "9.69",
        ),
        (
            "(ii) monthly, long first period",
            date(1978, 2, 10),
            600_000,
            regular(date(1978, 4, 1), month, 36, 20_000),
            "11.82",
        ),
        (
            "(iii) semimonthly, short first period",
            date(1978, 2, 23),
            500_000,
            regular(date(1978, 3, 1), UnitPeriod::Semimonth, 24, 21_917),
            "10.34",
        ),
        (
            "(iv) quarterly, long first period",
            date(1978, 5, 23),
            1_000_000,
            regular(date(1978, 10, 1), UnitPeriod::Months(3), 40, 38_500),
            "8.97",
        ),
        (
            "(v) weekly, long first period",
            date(1978, 3, 20),
            50_000,
            regular(date(1978, 4, 21), UnitPeriod::Weeks(1), 30, 1_760),
            "14.96",
        ),
    ];
    for (name, advance, amount, payments, want) in table {
        assert_eq!(apr(advance, amount, &payments), want, "{name}");
    }
}

#[test]
fn example_c2_odd_first_payment() {
    let mut payments = vec![(date(1978, 2, 10), cents(25_000))];
    payments.extend(regular(
        date(1978, 3, 10),
        UnitPeriod::Months(1),
        23,
        23_000,
    ));
    assert_eq!(apr(date(1978, 1, 10), 500_000, &payments), "10.08");

    let mut every_4_weeks = vec![(date(1978, 4, 20), cents(3_950))];
    every_4_weeks.extend(regular(date(1978, 5, 18), UnitPeriod::Weeks(4), 11, 3_831));
    assert_eq!(apr(date(1978, 3, 18), 40_000, &every_4_weeks), "28.50");
}

#[test]
fn example_c3_odd_final_payment() {
    let mut payments = regular(date(1978, 2, 10), UnitPeriod::Months(1), 23, 23_000);
    payments.push((date(1980, 1, 10), cents(28_000)));
    assert_eq!(apr(date(1978, 1, 10), 500_000, &payments), "10.50");

    let mut biweekly = regular(date(1978, 4, 11), UnitPeriod::Weeks(2), 19, 950);
    biweekly.push((
        UnitPeriod::Weeks(2).nth_date(date(1978, 4, 11), 19),
        cents(3_000),
    ));
    assert_eq!(apr(date(1978, 4, 3), 20_000, &biweekly), "12.22");
}

#[test]
fn example_c4_odd_first_and_final_payments() {
    let mut payments = vec![(date(1978, 2, 10), cents(25_000))];
    payments.extend(regular(
        date(1978, 3, 10),
        UnitPeriod::Months(1),
        22,
        23_000,
    ));
    payments.push((date(1980, 1, 10), cents(28_000)));
    assert_eq!(apr(date(1978, 1, 10), 500_000, &payments), "10.90");

    let mut bimonthly = vec![(date(1978, 3, 1), cents(44_936))];
    bimonthly.extend(regular(date(1978, 5, 1), UnitPeriod::Months(2), 18, 46_500));
    bimonthly.push((date(1981, 5, 1), cents(20_000)));
    assert_eq!(apr(date(1978, 1, 10), 800_000, &bimonthly), "7.30");
}

#[test]
fn example_c5_single_advance_single_payment_measured_in_days() {
    let payments = [(date(1978, 9, 15), cents(108_000))];
    let a = annual_percentage_rate(date(1978, 1, 3), cents(100_000), &payments, None).unwrap();
    assert_eq!(a.unit_period, UnitPeriod::Days(255));
    assert_eq!(a.percent().to_string(), "11.45");
}

#[test]
fn daily_and_yearly_unit_periods() {
    let daily = regular(date(2023, 11, 30), UnitPeriod::Days(1), 5, 22_000);
    assert_eq!(apr(date(2023, 10, 26), 100_000, &daily), "94.15");
    let yearly = regular(date(2023, 11, 30), UnitPeriod::Year, 5, 50_000);
    assert_eq!(apr(date(2023, 10, 26), 100_000, &yearly), "78.34");
}

#[test]
fn fractions_are_counted_back_from_the_payment() {
    // 10 Feb to 1 Apr: one full month back to 1 Mar, then 19 days over 30.
    let (t, f) = UnitPeriod::Months(1).periods_between(date(1978, 2, 10), date(1978, 4, 1));
    assert_eq!((t, f), (1, Decimal::from(19) / Decimal::from(30)));
    // 20 Mar to 21 Apr: four weeks and 4 days.
    let (t, f) = UnitPeriod::Weeks(1).periods_between(date(1978, 3, 20), date(1978, 4, 21));
    assert_eq!((t, f), (4, Decimal::from(4) / Decimal::from(7)));
}

#[test]
fn infers_the_most_common_period() {
    let monthly = regular(date(1978, 2, 10), UnitPeriod::Months(1), 24, 23_000);
    assert_eq!(
        infer_unit_period(date(1978, 1, 10), &monthly),
        UnitPeriod::Months(1)
    );
    let semi = regular(date(1978, 3, 1), UnitPeriod::Semimonth, 24, 21_917);
    assert_eq!(
        infer_unit_period(date(1978, 2, 23), &semi),
        UnitPeriod::Semimonth
    );
    let single = [(date(1978, 7, 10), cents(1))];
    assert_eq!(
        infer_unit_period(date(1978, 1, 10), &single),
        UnitPeriod::Months(6)
    );
}

#[test]
fn refuses_transactions_without_a_meaningful_rate() {
    let none: [(Date, Money); 0] = [];
    assert_eq!(
        annual_percentage_rate(date(2026, 1, 1), cents(100), &none, None),
        Err(AprError::NoPayments)
    );
    let short = [(date(2026, 2, 1), cents(99))];
    assert!(matches!(
        annual_percentage_rate(date(2026, 1, 1), cents(100), &short, None),
        Err(AprError::NegativeFinanceCharge { .. })
    ));
    let early = [(date(2026, 1, 1), cents(200))];
    assert!(matches!(
        annual_percentage_rate(date(2026, 1, 1), cents(100), &early, None),
        Err(AprError::PaymentNotAfterAdvance { .. })
    ));
}

#[test]
fn the_tila_box_adds_up() {
    let payments = regular(date(1978, 2, 10), UnitPeriod::Months(1), 24, 23_000);
    let tila = tila_box(date(1978, 1, 10), cents(500_000), &payments).unwrap();
    assert_eq!(tila.total_of_payments, cents(552_000));
    assert_eq!(tila.finance_charge, cents(52_000));
    assert_eq!(tila.apr.percent().to_string(), "9.69");
}

/// The exact APR (all 28 digits) of a single advance of `amount` cents.
fn exact(advance: Date, amount: i64, payments: &[(Date, Money)]) -> Decimal {
    annual_percentage_rate(advance, cents(amount), payments, None)
        .unwrap()
        .percent_exact
}

#[test]
fn a_month_end_series_is_measured_month_end_to_month_end() {
    // Issue 17: $1,000 advanced 30 June, 12 payments of $88.85 on the last day of each month.
    // Appendix J (b)(3)(iv) measures them month end to month end, so every payment is a whole
    // number of months from the advance — 28 February is 8 months, not 7 months and 28 days —
    // and the APR is that of the same payments on the 15th after a 15th advance: 12.00 %
    // (1,000 = 88.85 · a₁₂ at i = 1.0002 % a month). Stepping back on the 28th gave 12.01.
    let month_end = regular(date(2026, 7, 31), UnitPeriod::Months(1), 12, 8_885);
    assert_eq!(month_end[7].0, date(2027, 2, 28));
    assert_eq!(month_end[11].0, date(2027, 6, 30));
    let on_the_15th = regular(date(2026, 7, 15), UnitPeriod::Months(1), 12, 8_885);
    assert_eq!(apr(date(2026, 6, 30), 100_000, &month_end), "12.00");
    assert_eq!(apr(date(2026, 6, 15), 100_000, &on_the_15th), "12.00");
    assert_eq!(
        exact(date(2026, 6, 30), 100_000, &month_end),
        exact(date(2026, 6, 15), 100_000, &on_the_15th)
    );
}

#[test]
fn a_series_on_the_30th_uses_the_last_day_of_february() {
    // 30 June, then the 30th of each month: 28 February stands for the 30th ((b)(3)(iv)).
    let on_the_30th = regular(date(2026, 7, 30), UnitPeriod::Months(1), 12, 8_885);
    assert_eq!(on_the_30th[7].0, date(2027, 2, 28));
    let on_the_15th = regular(date(2026, 7, 15), UnitPeriod::Months(1), 12, 8_885);
    assert_eq!(
        exact(date(2026, 6, 30), 100_000, &on_the_30th),
        exact(date(2026, 6, 15), 100_000, &on_the_15th)
    );
}

#[test]
fn a_month_end_series_after_a_mid_month_advance_keeps_the_same_odd_days() {
    // Advanced 15 June, due at each month end: every payment is whole months and 15 days
    // (15 June to 30 June) from the advance, February too — as a series on the 20th after
    // an advance on the 5th.
    let month_end = regular(date(2026, 7, 31), UnitPeriod::Months(1), 12, 8_885);
    let on_the_20th = regular(date(2026, 7, 20), UnitPeriod::Months(1), 12, 8_885);
    assert_eq!(
        exact(date(2026, 6, 15), 100_000, &month_end),
        exact(date(2026, 6, 5), 100_000, &on_the_20th)
    );
    assert_eq!(apr(date(2026, 6, 15), 100_000, &month_end), "11.13");
}

#[test]
fn a_single_payment_a_whole_number_of_month_ends_away_is_one_unit_period() {
    // (b)(5)(vi): 30 June to 28 February is 8 months, one unit-period: 8 % a period, 12 % a year.
    let payments = [(date(2027, 2, 28), cents(108_000))];
    let a = annual_percentage_rate(date(2026, 6, 30), cents(100_000), &payments, None).unwrap();
    assert_eq!(a.unit_period, UnitPeriod::Months(8));
    assert_eq!(a.percent().to_string(), "12.00");
    // 31 January to 28 February: one month.
    let payments = [(date(2026, 2, 28), cents(101_000))];
    let a = annual_percentage_rate(date(2026, 1, 31), cents(100_000), &payments, None).unwrap();
    assert_eq!(a.unit_period, UnitPeriod::Months(1));
    assert_eq!(a.percent().to_string(), "12.00");
}

#[test]
fn months_are_counted_on_the_day_the_series_falls_due() {
    let d = |text: &str| text.parse::<Date>().unwrap();
    let (m1, m2, year) = (
        UnitPeriod::Months(1),
        UnitPeriod::Months(2),
        UnitPeriod::Year,
    );
    // (advance, payment, due day (None: the two dates alone), unit, full periods, odd days)
    type Case<'a> = (&'a str, &'a str, Option<i8>, UnitPeriod, u32, i64);
    let table: [Case; 16] = [
        // Both on the last day of their months: month end to month end.
        ("2026-06-30", "2027-02-28", None, m1, 8, 0),
        ("2026-01-31", "2026-02-28", None, m1, 1, 0),
        ("2026-02-28", "2026-03-31", None, m1, 1, 0),
        ("2026-04-30", "2026-05-31", None, m1, 1, 0),
        ("2028-01-31", "2028-02-29", None, m1, 1, 0),
        ("2025-12-31", "2026-02-28", None, m2, 1, 0),
        ("2024-02-29", "2025-02-28", None, year, 1, 0),
        // Only the payment at month end: the 29th or 30th falls back to 28 February.
        ("2026-01-30", "2026-02-28", None, m1, 1, 0),
        ("2026-01-29", "2026-02-28", None, m1, 1, 0),
        // Only the advance at month end: the payment's own day (31 Jan, 28 Feb, 30 Mar).
        ("2026-01-31", "2026-03-30", None, m1, 1, 28),
        ("2026-06-30", "2026-07-30", None, m1, 1, 0),
        // Neither: the payment's own day of month.
        ("2026-06-15", "2027-02-28", None, m1, 8, 13),
        ("1978-02-10", "1978-04-01", None, m1, 1, 19),
        // In a month-end series, 28 February reaches back to 30 June.
        ("2026-06-15", "2027-02-28", Some(31), m1, 8, 15),
        // In a series on the 30th, 28 February is the 30th.
        ("2026-11-30", "2027-02-28", Some(30), m1, 3, 0),
        ("2026-11-30", "2027-03-30", Some(30), m1, 4, 0),
    ];
    for (advance, payment, day, unit, full, odd_days) in table {
        let (advance, payment) = (d(advance), d(payment));
        let got = match day {
            None => unit.periods_between(advance, payment),
            Some(day) => unit.periods_between_on_day(advance, payment, day),
        };
        let fraction = Decimal::from(odd_days) / Decimal::from(30);
        assert_eq!(got, (full, fraction), "{advance} to {payment} on {day:?}");
    }
}

#[test]
fn each_payment_falls_due_on_the_day_of_its_series() {
    let dated =
        |dates: &[Date]| -> Vec<(Date, Money)> { dates.iter().map(|d| (*d, cents(100))).collect() };
    // (advance, payment dates, due days)
    let table: [(Date, Vec<Date>, Vec<i8>); 6] = [
        (
            date(2026, 6, 30),
            vec![date(2026, 9, 30), date(2026, 10, 31), date(2026, 11, 30)],
            vec![31, 31, 31],
        ),
        (
            date(2026, 12, 30),
            vec![date(2027, 1, 30), date(2027, 2, 28), date(2027, 3, 30)],
            vec![30, 30, 30],
        ),
        (
            date(2026, 12, 28),
            vec![date(2027, 1, 28), date(2027, 2, 28), date(2027, 3, 28)],
            vec![28, 28, 28],
        ),
        // An odd first payment, then a month-end series.
        (
            date(2027, 1, 10),
            vec![date(2027, 2, 15), date(2027, 3, 31), date(2027, 4, 30)],
            vec![15, 31, 31],
        ),
        // A lone payment: the advance and it are the series.
        (date(2026, 6, 30), vec![date(2027, 2, 28)], vec![31]),
        (date(2027, 1, 30), vec![date(2027, 2, 28)], vec![30]),
    ];
    for (advance, dates, want) in table {
        assert_eq!(
            due_day::due_days(advance, &dated(&dates[..])),
            want,
            "{dates:?}"
        );
    }
    // 28 February to 30 March is a month of a series on the 30th.
    assert_eq!(
        common_period(date(2027, 2, 28), date(2027, 3, 30)),
        Some(UnitPeriod::Months(1))
    );
}

#[test]
fn a_month_end_schedule_has_the_apr_of_the_same_schedule_mid_month() {
    use crate::schedule::{Frequency, Schedule, ScheduleTerms, amortize};
    use money::{DayCount, Rate};
    let schedule = |start: Date, first_payment: Date, frequency: Frequency| {
        amortize(&ScheduleTerms {
            amount_financed: cents(100_000),
            rate: Rate::parse("12").unwrap(),
            term: 12,
            start,
            first_payment,
            frequency,
            day_count: DayCount::Thirty360,
        })
        .unwrap()
    };
    let payments = |s: &Schedule| -> Vec<(Date, Money)> {
        s.installments
            .iter()
            .map(|i| (i.due_date, i.payment))
            .collect()
    };
    // A first payment on the 31st is a month-end series; so is `Frequency::MonthEnd`.
    let from_july = schedule(date(2026, 6, 30), date(2026, 7, 31), Frequency::Monthly);
    let from_september = schedule(date(2026, 8, 31), date(2026, 9, 30), Frequency::MonthEnd);
    let mid_month = schedule(date(2026, 6, 15), date(2026, 7, 15), Frequency::Monthly);
    let dates: Vec<Date> = payments(&from_july).iter().map(|p| p.0).collect();
    assert_eq!(
        dates[..8],
        [
            date(2026, 7, 31),
            date(2026, 8, 31),
            date(2026, 9, 30),
            date(2026, 10, 31),
            date(2026, 11, 30),
            date(2026, 12, 31),
            date(2027, 1, 31),
            date(2027, 2, 28),
        ]
    );
    assert_eq!(payments(&from_september)[5].0, date(2027, 2, 28));
    // 30/360 makes every month 30 days, so the three schedules charge the same amounts
    // (11 × 88.85 and a last 88.84) and, measured month end to month end, have one APR.
    let amounts =
        |s: &Schedule| -> Vec<Money> { s.installments.iter().map(|i| i.payment).collect() };
    assert_eq!(amounts(&from_july), amounts(&mid_month));
    assert_eq!(amounts(&from_september), amounts(&mid_month));
    let want = exact(date(2026, 6, 15), 100_000, &payments(&mid_month));
    assert_eq!(
        exact(date(2026, 6, 30), 100_000, &payments(&from_july)),
        want
    );
    assert_eq!(
        exact(date(2026, 8, 31), 100_000, &payments(&from_september)),
        want
    );
    assert_eq!(
        apr(date(2026, 6, 30), 100_000, &payments(&from_july)),
        "12.00"
    );
}

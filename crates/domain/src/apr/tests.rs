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

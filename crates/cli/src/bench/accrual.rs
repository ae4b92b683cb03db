//! `bench accrual`: one day of interest for a million loans, next to bare u64 arithmetic.

use super::{median, time};
use crate::input::{self, Failure};
use clap::Args;
use domain::accrual::{AccrualCarry, DailyAccrual};
use money::{DayCount, Money, Rate};
use std::hint::black_box;
use std::time::Duration;

/// Arguments of `bench accrual`.
#[derive(Args)]
pub struct AccrualArgs {
    /// Number of loans
    #[arg(long, default_value = "1000000")]
    loans: String,
    /// Timed repetitions (the median is reported)
    #[arg(long, default_value = "9")]
    runs: String,
}

struct Portfolio {
    principal: Vec<i64>,
    rate: Vec<i64>,
    carry: Vec<i64>,
    interest: Vec<i64>,
}

/// Deterministic, realistic loans: $500–$50,000 at 5.99 %–35.99 %.
fn portfolio(loans: usize) -> Portfolio {
    let mut seed: u64 = 0x5EED;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    let mut p = Portfolio {
        principal: Vec::with_capacity(loans),
        rate: Vec::with_capacity(loans),
        carry: vec![0; loans],
        interest: vec![0; loans],
    };
    for _ in 0..loans {
        p.principal
            .push(50_000 + i64::try_from(next() % 4_950_000).expect("small"));
        p.rate
            .push(5_990_000 + i64::try_from(next() % 30_000_000).expect("small"));
    }
    p
}

pub fn run(args: &AccrualArgs) -> Result<(), Failure> {
    let loans: usize = input::parse("--loans", &args.loans)?;
    let runs: usize = input::parse("--runs", &args.runs)?;
    if loans == 0 || runs == 0 {
        return Err(Failure::bad("--loans", "loans and runs must be at least 1"));
    }
    let mut book = portfolio(loans);
    let dc = DayCount::Actual365Fixed;
    let denominator = u64::try_from(domain::accrual::accrual_denominator(dc)).expect("fits");
    let (mut ours, mut baseline) = (Vec::new(), Vec::new());
    for _ in 0..runs {
        baseline.push(time(|| {
            // The floor: the same multiply, divide and remainder on bare u64s, no types.
            for i in 0..loans {
                let exact =
                    u64::try_from(book.principal[i] * book.rate[i] + book.carry[i]).unwrap_or(0);
                book.interest[i] += i64::try_from(exact / denominator).unwrap_or(0);
                book.carry[i] = i64::try_from(exact % denominator).unwrap_or(0);
            }
        }));
        baseline_reset(&mut book);
        ours.push(time(|| {
            for i in 0..loans {
                let daily = DailyAccrual::new(
                    Money::from_cents(book.principal[i]),
                    Rate::from_micro_percent(book.rate[i]),
                    dc,
                );
                let mut carry = AccrualCarry::from_units(book.carry[i]);
                book.interest[i] += daily.accrue_day(1, &mut carry);
                book.carry[i] = carry.units();
            }
        }));
        black_box(&book.interest);
        baseline_reset(&mut book);
    }
    // Hundredths of a nanosecond per loan, in integers (no floats anywhere near money).
    let loans_u128 = u128::try_from(loans).expect("fits");
    let per_loan = |d: Duration| d.as_nanos() * 100 / loans_u128;
    let (ours_c, base_c) = (per_loan(median(&mut ours)), per_loan(median(&mut baseline)));
    let show = |c: u128| format!("{}.{:02}", c / 100, c % 100);
    println!("bench accrual: {loans} loans, one day, Actual/365, median of {runs} runs");
    println!("  servicer (DailyAccrual): {:>8} ns/loan", show(ours_c));
    println!("  baseline (bare u64):     {:>8} ns/loan", show(base_c));
    println!(
        "  ratio servicer/baseline: {:>8}",
        show(ours_c * 100 / base_c.max(1))
    );
    println!("  target: at most 10 ns/loan");
    Ok(())
}

fn baseline_reset(book: &mut Portfolio) {
    book.carry.iter_mut().for_each(|c| *c = 0);
}

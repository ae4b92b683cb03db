//! `servicer calc`: the domain's calculations from the command line, for analysts and
//! examiners to check any figure Servicer shows.

mod apr;
mod payoff;
mod schedule;

use crate::input::{self, Failure};
use clap::{Args, Subcommand};
use domain::schedule::{Frequency, ScheduleTerms};
use money::{DayCount, Money, Rate};

/// The calculations.
#[derive(Subcommand)]
pub enum CalcCommand {
    /// Level-payment amortization schedule, one row per installment.
    Schedule(schedule::ScheduleArgs),
    /// APR, finance charge and total of payments (Regulation Z Appendix J) from a JSON file.
    Apr(apr::AprArgs),
    /// Payoff amount and per-diem for a loan paid as scheduled up to a date.
    Payoff(payoff::PayoffArgs),
}

/// Runs one calculation.
pub fn run(command: CalcCommand) -> Result<(), Failure> {
    match command {
        CalcCommand::Schedule(args) => schedule::run(&args),
        CalcCommand::Apr(args) => apr::run(&args),
        CalcCommand::Payoff(args) => payoff::run(&args),
    }
}

/// The terms of a simple loan, shared by `schedule` and `payoff`.
#[derive(Args)]
pub struct LoanArgs {
    /// Amount financed, e.g. 10000.00
    #[arg(long)]
    amount: String,
    /// Annual interest rate in percent, e.g. 7.5
    #[arg(long)]
    rate: String,
    /// Number of installments
    #[arg(long)]
    term: String,
    /// Disbursement date (interest accrues from it), YYYY-MM-DD
    #[arg(long)]
    start: String,
    /// First installment's due date, YYYY-MM-DD
    #[arg(long = "first-payment")]
    first_payment: String,
    /// weekly, biweekly, semimonthly, monthly (on the first payment's day; the 29th-31st fall
    /// back to a shorter month's last day) or month-end (the last day of every month, from a
    /// first payment on a month's last day)
    #[arg(long, default_value = "monthly")]
    frequency: String,
    /// 30/360, actual/365 or actual/actual
    #[arg(long = "day-count", default_value = "actual/365")]
    day_count: String,
}

impl LoanArgs {
    /// Parses every field, naming the first bad one.
    pub fn terms(&self) -> Result<ScheduleTerms, Failure> {
        let term: u32 = input::parse("--term", &self.term)?;
        Ok(ScheduleTerms {
            amount_financed: input::parse::<Money>("--amount", &self.amount)?,
            rate: input::parse::<Rate>("--rate", &self.rate)?,
            term,
            start: input::date("--start", &self.start)?,
            first_payment: input::date("--first-payment", &self.first_payment)?,
            frequency: input::parse::<Frequency>("--frequency", &self.frequency)?,
            day_count: input::parse::<DayCount>("--day-count", &self.day_count)?,
        })
    }
}

/// Maps a schedule error to the option it is about.
pub fn schedule_failure(e: domain::schedule::ScheduleError) -> Failure {
    use domain::schedule::ScheduleError::*;
    let field = match e {
        AmountNotPositive { .. } => "--amount",
        TermOutOfRange { .. } => "--term",
        FirstPaymentNotAfterStart { .. } | FirstPaymentNotMonthEnd { .. } => "--first-payment",
    };
    Failure::bad(field, e)
}

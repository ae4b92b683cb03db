//! `servicer`: the one binary. Today: `calc` (schedules, APR, payoff) and `bench`.
//!
//! Exit codes: 0 success, 1 failure, 2 bad input (with a one-line message naming the field).

mod bench;
mod calc;
mod input;

use clap::{Parser, Subcommand};
use std::process::ExitCode;

/// Servicer: loan servicing with a borrower self-service portal.
#[derive(Parser)]
#[command(name = "servicer", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Loan calculations: amortization schedule, APR (Regulation Z Appendix J), payoff.
    #[command(subcommand)]
    Calc(calc::CalcCommand),
    /// Benchmarks that print figures next to a baseline measured in the same run.
    #[command(subcommand)]
    Bench(bench::BenchCommand),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Calc(command) => calc::run(command),
        Command::Bench(command) => bench::run(command),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(failure) => {
            eprintln!("error: {failure}");
            ExitCode::from(failure.exit_code())
        }
    }
}

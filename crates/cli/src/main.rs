//! `servicer`: the one binary: `serve`, `migrate`, `board`, `audit`, `api-client`, `calc`
//! (schedules, APR, payoff) and `bench`. Configuration: docs/configuration.md.
//!
//! Exit codes: 0 success, 1 failure, 2 bad input (with a one-line message naming the field).

mod ach;
mod admin;
mod bank;
mod bench;
mod board;
mod calc;
mod cob;
mod input;
mod lockbox;
mod serve;

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
    /// Serve the portal and the API (127.0.0.1:8080 by default) and run the job worker.
    Serve(serve::ServeArgs),
    /// Create or upgrade the database schema (serve does this too).
    Migrate,
    /// Board loans from a prior servicer's transfer file: all or nothing, once.
    Board(board::BoardArgs),
    /// Close the business day: accrue, fees, delinquency, reminders, statements, AutoPay
    /// drafts, then roll the business date (`--until D`: every day through D, each day's ACH
    /// file first, as the scheduler runs them).
    Cob(cob::CobArgs),
    /// Operator reports as CSV: aging, accruals, trial-balance, addresses-to-review.
    Report(cob::ReportArgs),
    /// NACHA (ACH) files.
    #[command(subcommand)]
    Ach(ach::AchCommand),
    /// The bank's lockbox files of checks deposited for us.
    #[command(subcommand)]
    Lockbox(lockbox::LockboxCommand),
    /// The bank's BAI2 prior-day report and the day's reconciliation.
    #[command(subcommand)]
    Bank(bank::BankCommand),
    /// The hash-chained audit log.
    #[command(subcommand)]
    Audit(admin::AuditCommand),
    /// Messages waiting in (or sent from) the notification outbox, newest first.
    Outbox(admin::OutboxArgs),
    /// Users of the staff console (/console).
    #[command(subcommand)]
    Staff(admin::StaffCommand),
    /// Clients of the JSON API.
    #[command(subcommand, name = "api-client")]
    ApiClient(admin::ApiClientCommand),
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
        Command::Serve(args) => serve::serve(&args),
        Command::Migrate => serve::migrate(),
        Command::Board(args) => board::run(&args),
        Command::Cob(args) => cob::cob(&args),
        Command::Report(args) => cob::report(&args),
        Command::Ach(command) => ach::run(&command),
        Command::Lockbox(command) => lockbox::run(&command),
        Command::Bank(command) => bank::run(&command),
        Command::Audit(command) => admin::audit(&command),
        Command::ApiClient(command) => admin::api_client(&command),
        Command::Staff(command) => admin::staff(&command),
        Command::Outbox(args) => admin::outbox(&args),
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

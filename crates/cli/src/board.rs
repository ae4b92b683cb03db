//! `servicer board --file loans.csv [--history payments.csv] [--dry-run]`, and
//! `servicer board sample --loans N` to write a synthetic transfer file to try it with.

use crate::input::{self, Failure};
use crate::serve::with_app;
use anyhow::Context;
use app::boarding::{BoardingError, BoardingReport};
use clap::{Args, Subcommand};
use formats::boarding::{FileErrors, synthetic, write_loans};

/// Arguments of `board`.
#[derive(Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct BoardArgs {
    #[command(subcommand)]
    sample: Option<SampleCommand>,
    /// The prior servicer's loan file (columns in docs/boarding.md)
    #[arg(long)]
    file: Option<std::path::PathBuf>,
    /// Their payment-history file (account_number, paid_on, amount)
    #[arg(long)]
    history: Option<std::path::PathBuf>,
    /// Check everything, write nothing
    #[arg(long)]
    dry_run: bool,
}

#[derive(Subcommand)]
enum SampleCommand {
    /// Print a synthetic transfer file (valid, deterministic) to try boarding with
    Sample {
        /// Number of loans
        #[arg(long, default_value = "100")]
        loans: String,
        /// First account number base (15 digits at most; the check digit is added)
        #[arg(long, default_value = "600000000000000")]
        first: String,
    },
}

pub fn run(args: &BoardArgs) -> Result<(), Failure> {
    if let Some(SampleCommand::Sample { loans, first }) = &args.sample {
        return sample(loans, first);
    }
    let path = args
        .file
        .as_ref()
        .ok_or_else(|| Failure::bad("--file", "name the loan file to board"))?;
    let read = |flag: &str, p: &std::path::Path| {
        std::fs::read(p)
            .map_err(|e| Failure::bad(flag, format!("cannot read {}: {e}", p.display())))
    };
    let loans = read("--file", path)?;
    let history = args
        .history
        .as_deref()
        .map(|p| read("--history", p))
        .transpose()?;
    with_app(async |app, _| {
        let result = app
            .board(
                &loans,
                history.as_deref(),
                args.dry_run,
                &app::access::Actor::Operator("board"),
            )
            .await;
        match result {
            Ok(report) => {
                print_report(&report, &path.display().to_string());
                Ok(())
            }
            Err(BoardingError::Loans(errors)) => {
                Err(file_errors(&path.display().to_string(), &errors))
            }
            Err(BoardingError::History(errors)) => {
                let shown = args
                    .history
                    .as_deref()
                    .map(|p| p.display().to_string())
                    .unwrap_or_default();
                Err(file_errors(&shown, &errors))
            }
            Err(BoardingError::Store(e)) => {
                Err(Failure::Other(anyhow::Error::from(e).context("boarding")))
            }
            Err(e @ BoardingError::Denied(_)) => Err(Failure::Other(e.into())),
        }
    })
}

/// Every problem on its own line (file:line: column: message), then one summary line.
fn file_errors(file: &str, errors: &FileErrors) -> Failure {
    for e in &errors.0 {
        eprintln!("{file}:{}: {}: {}", e.line, e.field, e.message);
    }
    Failure::bad(
        "--file",
        format!(
            "{file} has {} problem(s); nothing was boarded. Fix them and run again.",
            errors.0.len()
        ),
    )
}

fn print_report(r: &BoardingReport, file: &str) {
    if let Some(on) = r.already_boarded_on {
        println!(
            "{file} was already boarded on {on} ({} loans): nothing changed.",
            r.loans
        );
        return;
    }
    let verb = if r.dry_run { "would board" } else { "boarded" };
    println!("{file}: {verb} {} loans", r.loans);
    println!(
        "  new borrowers: {}; loans joining borrowers already here: {}",
        r.new_borrowers, r.joined_existing_borrowers
    );
    println!(
        "  opening balances: principal {}, interest {}, fees {}",
        r.principal, r.interest, r.fees
    );
    println!(
        "  AutoPay must be re-established on {} loans",
        r.autopay_to_reestablish
    );
    println!("  notices of transfer written to the outbox: {}", r.notices);
    if r.prior_payments > 0 {
        println!("  prior payments kept for the record: {}", r.prior_payments);
    }
    if r.dry_run {
        println!("  dry run: nothing was written");
    }
}

fn sample(loans: &str, first: &str) -> Result<(), Failure> {
    let count: u64 = input::parse("--loans", loans)?;
    let base: u64 = input::parse("--first", first)?;
    if base
        .checked_add(count)
        .is_none_or(|end| end >= 1_000_000_000_000_000)
    {
        return Err(Failure::bad(
            "--first",
            "account numbers must stay within 15 digits before the check digit",
        ));
    }
    let zone = jiff::tz::TimeZone::get("America/New_York").context("time zone")?;
    let today = app::clock::date_in(jiff::Timestamp::now().as_microsecond(), &zone);
    print!("{}", write_loans(&synthetic(count, base, today)));
    Ok(())
}

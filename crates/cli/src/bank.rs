//! `servicer bank …`: the bank's BAI2 prior-day report and the day's reconciliation.
//! - `bank import --file F` reads the report: all of it (what it held, then each day it
//!   reports reconciled), or (refused: `error: F: …line N…`, exit code 2) none of it. The
//!   same file again changes nothing.
//! - `bank reconcile --date D` prints day D reconciled: each category's bank total against
//!   Servicer's, the difference, and what is behind it.
//! - `bank check --file F` reads a report without touching the database and says what it
//!   holds (to try a bank's file before the first import).
//! - `bank sample --date D [--account N]` prints the report a bank would send for day D,
//!   made from what Servicer posted that day (import it to try the reconciliation).

use crate::input::{self, Failure};
use crate::serve::with_app;
use app::App;
use app::access::Actor;
use app::bank::{BankDay, BankError};
use clap::Subcommand;
use jiff::civil::Date;

/// `servicer bank …`
#[derive(Subcommand)]
pub enum BankCommand {
    /// Read the bank's BAI2 prior-day report and reconcile the days it reports.
    Import {
        /// The file
        #[arg(long)]
        file: String,
    },
    /// Read a BAI2 report and say what it holds, changing nothing.
    Check {
        /// The file
        #[arg(long)]
        file: String,
    },
    /// Print a day reconciled: the bank's totals against Servicer's.
    Reconcile {
        /// The day, YYYY-MM-DD
        #[arg(long)]
        date: String,
    },
    /// Print the BAI2 report a bank would send for a day, made from what Servicer posted.
    Sample {
        /// The day, YYYY-MM-DD
        #[arg(long)]
        date: String,
        /// Our account number at the bank
        #[arg(long, default_value = "0123456789")]
        account: String,
    },
}

/// The operator at the shell.
fn operator() -> Actor {
    Actor::Operator("bank")
}

/// Runs one `servicer bank …` command.
pub fn run(command: &BankCommand) -> Result<(), Failure> {
    match command {
        BankCommand::Import { file } => import(file),
        BankCommand::Check { file } => check(file),
        BankCommand::Reconcile { date } => reconcile(date),
        BankCommand::Sample { date, account } => sample(date, account),
    }
}

/// A failure of a use case: a refused file is bad input (exit 2), anything else a failure.
fn failure(file: &str, e: BankError) -> Failure {
    match e.refusal() {
        Some(why) => Failure::bad(file, why),
        None => Failure::Other(e.into()),
    }
}

/// `bank check`: reads `file` (no database) and prints its groups, accounts and totals.
fn check(file: &str) -> Result<(), Failure> {
    let bytes = std::fs::read(file).map_err(|e| Failure::bad("--file", format!("{file}: {e}")))?;
    let report = formats::bai2::read(&bytes).map_err(|e| Failure::bad(file, e))?;
    let transactions = report
        .groups
        .iter()
        .flat_map(|g| &g.accounts)
        .flat_map(|a| &a.transactions);
    // Credits less debits, in cents (i128: no sum of i64 amounts overflows it).
    let (count, net) = transactions.fold((0_usize, 0_i128), |(n, net), t| {
        let cents = i128::from(t.amount.cents());
        // Codes outside the credit and debit ranges (loans, custom) move no money here.
        let signed = if t.is_credit() {
            cents
        } else if t.is_debit() {
            -cents
        } else {
            0
        };
        (n + 1, net + signed)
    });
    let accounts: usize = report.groups.iter().map(|g| g.accounts.len()).sum();
    // One line the CI's cross-check with an independent parser reads: keep its shape.
    println!(
        "{file}: {count} transactions, {net} cents net, {} groups, {accounts} accounts",
        report.groups.len()
    );
    for g in &report.groups {
        for a in &g.accounts {
            let credits = a.transactions.iter().filter(|t| t.is_credit()).count();
            println!(
                "  {} as of {}: {} credits, {} debits",
                a.number,
                g.as_of,
                credits,
                a.transactions.len() - credits
            );
        }
    }
    Ok(())
}

/// `bank import`: reads `file`, says what it held, and prints each day it reports.
fn import(file: &str) -> Result<(), Failure> {
    let bytes = std::fs::read(file).map_err(|e| Failure::bad("--file", format!("{file}: {e}")))?;
    with_app(async |app, _| {
        let name = std::path::Path::new(file)
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let r = app
            .import_bank_report(&operator(), &name, &bytes)
            .await
            .map_err(|e| failure(file, e))?;
        if r.already_read {
            println!("{file}: read before (as {}); nothing changed", r.name);
        } else {
            println!(
                "{file}: {} groups, {} accounts, {} transactions: credits {}, debits {}; {} entries booked into cash in bank",
                r.groups,
                r.accounts,
                r.transactions,
                r.credits.usd(),
                r.debits.usd(),
                r.booked
            );
        }
        for day in &r.days {
            print_day(app, *day).await?;
        }
        Ok(())
    })
}

/// `bank reconcile`: prints day `date` reconciled.
fn reconcile(date: &str) -> Result<(), Failure> {
    let date = input::date("--date", date)?;
    with_app(async |app, _| print_day(app, date).await)
}

/// Prints `date` reconciled.
async fn print_day(app: &App, date: Date) -> Result<(), Failure> {
    let day = app
        .bank_day(&operator(), date)
        .await
        .map_err(|e| Failure::Other(e.into()))?;
    print!("{}", day_text(&day));
    Ok(())
}

/// A day as the operator reads it: where it stands, then a line per category, then what is
/// behind each category that does not agree.
fn day_text(day: &BankDay) -> String {
    let mut out = format!("{}: {}\n", day.date, day.state.label());
    out.push_str(&format!(
        "  {:<36} {:>16} {:>16} {:>16}\n",
        "", "bank", "servicer", "difference"
    ));
    for l in &day.lines {
        let note = if l.line.is_reconciled() {
            ""
        } else if l.explained {
            "  explained"
        } else {
            "  not explained"
        };
        out.push_str(&format!(
            "  {:<36} {:>16} {:>16} {:>16}{note}\n",
            l.line.category.label(),
            l.line.bank.usd().to_string(),
            l.line.servicer.usd().to_string(),
            l.line.difference.usd().to_string(),
        ));
    }
    for l in day.lines.iter().filter(|l| !l.line.is_reconciled()) {
        out.push_str(&format!("  {}:\n", l.line.category.label()));
        for t in &l.bank_items {
            out.push_str(&format!(
                "    bank  line {} type {} ({}) {} {} {}\n",
                t.line,
                t.type_code,
                formats::bai2::type_code_name(t.type_code),
                if t.credit { "credit" } else { "debit" },
                t.amount.usd(),
                t.bank_reference
            ));
        }
        for i in &l.servicer_items {
            out.push_str(&format!(
                "    ours  {} {} {}\n",
                i.reference,
                i.detail,
                i.amount.usd()
            ));
        }
        for e in &l.explanations {
            out.push_str(&format!(
                "    explained by {} (difference {}): {}\n",
                e.actor,
                e.difference.usd(),
                e.explanation
            ));
        }
    }
    out
}

/// `bank sample`: prints the report of `date` for `account`.
fn sample(date: &str, account: &str) -> Result<(), Failure> {
    let date = input::date("--date", date)?;
    if account.is_empty()
        || account.len() > 35
        || !account.bytes().all(|b| b.is_ascii_alphanumeric())
    {
        return Err(Failure::bad(
            "--account",
            "must be 1 to 35 letters and digits",
        ));
    }
    with_app(async |app, _| {
        let file = app
            .bank_sample(&operator(), date, account)
            .await
            .map_err(|e| Failure::Other(e.into()))?;
        print!("{}", formats::bai2::write(&file));
        Ok(())
    })
}

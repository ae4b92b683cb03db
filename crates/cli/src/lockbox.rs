//! `servicer lockbox …`: the bank's daily file of the checks it deposited for us.
//! - `lockbox import --file F` reads a lockbox file (the BAI lockbox format, or CSV for a
//!   `.csv` file): every check matched and posted, or queued for staff; a file that does not
//!   add up is refused whole (`error: F: line N: why`, exit code 2) and changes nothing; the
//!   same file again changes nothing.
//! - `lockbox check --file F` reads a file without touching the database and says what it
//!   holds (to try a bank's file before the first import).
//! - `lockbox sample` prints a realistic file to try it with, as `ach sample` does.

use crate::input::{self, Failure};
use crate::serve::with_app;
use app::remittance::LockboxFormat;
use clap::Subcommand;
use domain::account_number::AccountNumber;

/// `servicer lockbox …`
#[derive(Subcommand)]
pub enum LockboxCommand {
    /// Import a lockbox file from the bank: match, post, queue what does not match.
    Import {
        /// The file (BAI lockbox; CSV when its name ends in .csv)
        #[arg(long)]
        file: String,
    },
    /// Read a lockbox file and say what it holds, changing nothing.
    Check {
        /// The file (BAI lockbox; CSV when its name ends in .csv)
        #[arg(long)]
        file: String,
    },
    /// Print a realistic BAI lockbox file: lockboxes of batches of checks, with coupons and
    /// memos.
    Sample {
        /// How many checks
        #[arg(long, default_value = "25")]
        checks: String,
        /// The deposit date, YYYY-MM-DD (default: 2026-12-02)
        #[arg(long, default_value = "2026-12-02")]
        date: String,
        /// A loan's 16-digit account number to print on the checks' coupons (repeat the flag;
        /// the checks take them in turn). Without it the coupons name made-up accounts.
        #[arg(long = "account")]
        accounts: Vec<String>,
    },
}

/// Runs one `servicer lockbox …` command.
pub fn run(command: &LockboxCommand) -> Result<(), Failure> {
    match command {
        LockboxCommand::Import { file } => import(file),
        LockboxCommand::Check { file } => check(file),
        LockboxCommand::Sample {
            checks,
            date,
            accounts,
        } => sample(checks, date, accounts),
    }
}

/// The file's bytes and its name (without the folder).
fn read(file: &str) -> Result<(Vec<u8>, String), Failure> {
    let bytes = std::fs::read(file).map_err(|e| Failure::bad("--file", format!("{file}: {e}")))?;
    let name = std::path::Path::new(file)
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    Ok((bytes, name))
}

/// `lockbox import`: reads `file` into the database and says where its checks went.
fn import(file: &str) -> Result<(), Failure> {
    let (bytes, name) = read(file)?;
    with_app(async |app, _| {
        let r = app
            .import_lockbox(
                &app::access::Actor::Operator("lockbox"),
                &name,
                &bytes,
                LockboxFormat::of_name(&name),
            )
            .await
            .map_err(|e| match e.refusal() {
                Some(why) => Failure::bad(file, why),
                None => Failure::Other(e.into()),
            })?;
        if r.already_read {
            println!("{file}: read before; nothing changed");
            return Ok(());
        }
        println!("{file}: {} checks, {} in all", r.checks, r.total.usd());
        println!(
            "  posted to loans:         {} ({})",
            r.posted,
            r.posted_total.usd()
        );
        println!(
            "  in the exception queue:  {} ({}): staff resolve them at /console/remittances",
            r.exceptions,
            r.exceptions_total.usd()
        );
        if r.skipped > 0 {
            println!(
                "  already read from an earlier file: {} (not posted again)",
                r.skipped
            );
        }
        for short in &r.short_payoffs {
            println!(
                "  loan …{} was paid {} of its payoff, {} short: it stays open for the difference",
                short.account.last4(),
                short.amount.usd(),
                short.short_by.usd()
            );
        }
        Ok(())
    })
}

/// `lockbox check`: reads `file` (no database) and prints its lockboxes, batches and totals.
fn check(file: &str) -> Result<(), Failure> {
    let (bytes, name) = read(file)?;
    let read = match LockboxFormat::of_name(&name) {
        LockboxFormat::Bai => formats::lockbox::read(&bytes),
        LockboxFormat::Csv => {
            formats::lockbox::read_csv(&bytes, &formats::lockbox::CsvLayout::default())
        }
    }
    .map_err(|e| Failure::bad(file, e))?;
    let batches: usize = read.lockboxes.iter().map(|l| l.batches.len()).sum();
    // One line the CI's cross-check with an independent parser reads: keep its shape.
    println!(
        "{file}: {} checks, {} cents, {} lockboxes, {batches} batches",
        read.count(),
        read.total().cents(),
        read.lockboxes.len()
    );
    for l in &read.lockboxes {
        // Within the file's total, which the reader checked does not overflow.
        let total: money::Money = l
            .batches
            .iter()
            .flat_map(|b| &b.checks)
            .map(|c| c.amount)
            .sum();
        println!(
            "  lockbox {} deposited {}: {} batches, {}",
            l.number,
            l.deposit_date,
            l.batches.len(),
            total.usd()
        );
    }
    Ok(())
}

/// `lockbox sample`: prints a file of `checks` checks deposited on `date`, the coupons naming
/// `accounts` in turn when given.
fn sample(checks: &str, date: &str, accounts: &[String]) -> Result<(), Failure> {
    let checks: u32 = input::parse("--checks", checks)?;
    if !(1..=200_000).contains(&checks) {
        return Err(Failure::bad("--checks", "must be 1 to 200,000"));
    }
    let date = input::date("--date", date)?;
    let accounts = accounts
        .iter()
        .map(|a| AccountNumber::parse(a).map_err(|e| Failure::bad("--account", e)))
        .collect::<Result<Vec<_>, _>>()?;
    let mut file = formats::lockbox::sample(checks, date);
    if !accounts.is_empty() {
        let on_coupons = file
            .lockboxes
            .iter_mut()
            .flat_map(|l| &mut l.batches)
            .flat_map(|b| &mut b.checks);
        for (check, account) in on_coupons.zip(accounts.iter().cycle()) {
            // The statement coupon's scan line: the account number and the amount in cents.
            check.memo = vec![format!("{account}  {:>10}", check.amount.cents())];
        }
    }
    print!("{}", formats::lockbox::write(&file));
    Ok(())
}

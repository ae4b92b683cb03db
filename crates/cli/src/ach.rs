//! `servicer ach …`: NACHA files.
//! - `ach originate [--date D]` writes the business date's debit file (AutoPay drafts and
//!   bank payments) to the configured outbound folder; a date originated before is written
//!   again unchanged, with no second debit.
//! - `ach returns --file F` reads a return / notification-of-change file from the bank: all of
//!   it, or (refused: `error: F: line N: why`, exit code 2) none of it.
//! - `ach bank-answer --file OURS --trace T --code R01` writes the file a bank would send
//!   back for entries of one of our files (for trying returns end to end).
//! - `ach sample` prints a synthetic file to try a bank's or a validator's intake with.

use crate::input::{self, Failure};
use crate::serve::with_app;
use clap::Subcommand;

/// `servicer ach …`
#[derive(Subcommand)]
pub enum AchCommand {
    /// Write the day's NACHA debit file to the outbound folder (payments.ach.outbound_dir).
    Originate {
        /// The business date, YYYY-MM-DD (default: the current business date)
        #[arg(long)]
        date: Option<String>,
    },
    /// Read a return / notification-of-change file from the bank.
    Returns {
        /// The file
        #[arg(long)]
        file: String,
    },
    /// Write the return/NOC file a bank would send for entries of one of our files.
    BankAnswer {
        /// One of our originated files
        #[arg(long)]
        file: String,
        /// Trace numbers to answer (repeat the flag)
        #[arg(long = "trace", required = true)]
        traces: Vec<String>,
        /// The return code (R01…) or change code (C01…), one per trace, or one for all
        #[arg(long = "code", required = true)]
        codes: Vec<String>,
        /// For a change code: the corrected data (e.g. the new account number)
        #[arg(long)]
        corrected: Option<String>,
    },
    /// Print a synthetic NACHA file of WEB, TEL and PPD debits (and PPD refund credits).
    Sample {
        /// How many debits
        #[arg(long, default_value = "25")]
        entries: String,
        /// How many refund credits, in a batch of their own (service class 220)
        #[arg(long, default_value = "0")]
        refunds: String,
        /// Their effective date, YYYY-MM-DD (default: 2026-12-02)
        #[arg(long, default_value = "2026-12-02")]
        date: String,
    },
}

/// Runs one `servicer ach …` command.
pub fn run(command: &AchCommand) -> Result<(), Failure> {
    match command {
        AchCommand::Sample {
            entries,
            refunds,
            date,
        } => sample(entries, refunds, date),
        AchCommand::Originate { date } => originate(date.as_deref()),
        AchCommand::Returns { file } => returns(file),
        AchCommand::BankAnswer {
            file,
            traces,
            codes,
            corrected,
        } => bank_answer(file, traces, codes, corrected.as_deref()),
    }
}

/// `ach sample`: prints a synthetic file of `entries` debits and `refunds` refund credits
/// effective on `date`.
fn sample(entries: &str, refunds: &str, date: &str) -> Result<(), Failure> {
    let entries: u32 = input::parse("--entries", entries)?;
    if !(1..=99_999).contains(&entries) {
        return Err(Failure::bad("--entries", "must be 1 to 99,999"));
    }
    let refunds: u32 = input::parse("--refunds", refunds)?;
    if refunds > 9_999 {
        return Err(Failure::bad("--refunds", "must be 0 to 9,999"));
    }
    let date = input::date("--date", date)?;
    let file = formats::nacha::originate_all(
        &formats::nacha::sample(entries, date),
        &formats::nacha::sample_refunds(refunds, u64::from(entries) + 1),
        &[],
    )
    .map_err(|e| Failure::Other(e.into()))?;
    print!("{file}");
    Ok(())
}

/// `ach originate`: writes the business date's (or `date`'s) debit file and says what it
/// holds, or that there was nothing to send.
fn originate(date: Option<&str>) -> Result<(), Failure> {
    let date = date.map(|d| input::date("--date", d)).transpose()?;
    with_app(async |app, _| {
        let f = app.originate_ach(date).await.map_err(|e| match e {
            app::payments::ach::AchError::Future { .. } => Failure::bad("--date", e),
            other => Failure::Other(other.into()),
        })?;
        let again = if f.new {
            ""
        } else {
            " (originated before: the same file, no new debit)"
        };
        match &f.path {
            Some(path) => println!(
                "{}: {} debits, ${} total{again}",
                path.display(),
                f.entries,
                f.total
            ),
            None => println!("{}: no debits to send, so no file{again}", f.date),
        }
        // TEL debits by phone wait for the written notice of their authorization.
        if f.held > 0 {
            println!(
                "{} TEL debits by phone held until the written notice of their authorization is sent",
                f.held
            );
        }
        if f.not_sent > 0 {
            println!(
                "{} TEL debits by phone cancelled: their written notice could not be sent in time",
                f.not_sent
            );
        }
        Ok(())
    })
}

/// `ach returns`: reads the bank's return / notification-of-change `file`, all of it or none
/// of it, and says what changed.
fn returns(file: &str) -> Result<(), Failure> {
    let bytes = std::fs::read(file).map_err(|e| Failure::bad("--file", format!("{file}: {e}")))?;
    with_app(async |app, _| {
        let name = std::path::Path::new(file)
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        // A refused file changed nothing: "error: F: line N: why", exit code 2.
        let r = app
            .read_ach_returns(&name, &bytes)
            .await
            .map_err(|e| match e.refusal() {
                Some(why) => Failure::bad(file, why),
                None => Failure::Other(e.into()),
            })?;
        if r.already_read {
            println!("{file}: read before; nothing changed");
        } else {
            println!(
                "{file}: {} payments reversed, {} retries scheduled, {} AutoPays stopped, {} accounts corrected",
                r.reversed, r.retries, r.autopays_stopped, r.corrected
            );
        }
        Ok(())
    })
}

/// `ach bank-answer`: prints the file a bank would send back answering the entries of our
/// `file` named by `traces` with `codes` (one for all, or one per trace).
fn bank_answer(
    file: &str,
    traces: &[String],
    codes: &[String],
    corrected: Option<&str>,
) -> Result<(), Failure> {
    let bytes = std::fs::read(file).map_err(|e| Failure::bad("--file", format!("{file}: {e}")))?;
    let ours = formats::nacha::parse(&bytes).map_err(|e| Failure::bad("--file", e))?;
    if codes.len() != 1 && codes.len() != traces.len() {
        return Err(Failure::bad(
            "--code",
            "give one code for all traces, or one per trace",
        ));
    }
    let mut answers = Vec::new();
    for (i, trace) in traces.iter().enumerate() {
        if !ours.iter().any(|e| &e.trace == trace) {
            return Err(Failure::bad(
                "--trace",
                format!("{trace} is not an entry of {file}"),
            ));
        }
        let code = codes.get(i).unwrap_or(&codes[0]).to_ascii_uppercase();
        answers.push((trace.clone(), bank_answer_for(code, corrected)?));
    }
    let today = jiff::Timestamp::now().strftime("%y%m%d").to_string();
    print!("{}", formats::nacha::bank::answer(&ours, &answers, &today));
    Ok(())
}

/// What the bank answers for `code` (upper case): a return (R01) or a change (C01) with the
/// `corrected` data it needs.
fn bank_answer_for(
    code: String,
    corrected: Option<&str>,
) -> Result<formats::nacha::bank::Answer, Failure> {
    Ok(match code.chars().next() {
        Some('R') if code.len() == 3 => formats::nacha::bank::Answer::Return(code),
        Some('C') if code.len() == 3 => formats::nacha::bank::Answer::Change(
            code,
            corrected.map(str::to_owned).ok_or_else(|| {
                Failure::bad("--corrected", "a change code needs the corrected data")
            })?,
        ),
        _ => {
            return Err(Failure::bad(
                "--code",
                format!("{code:?} is not a return (R01) or change (C01) code"),
            ));
        }
    })
}

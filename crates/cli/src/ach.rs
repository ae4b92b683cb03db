//! `servicer ach …`: NACHA files. `ach sample` prints a synthetic file of debits (valid
//! routing numbers, made-up accounts) to try a bank's or a validator's intake with.

use crate::input::{self, Failure};
use clap::Subcommand;

/// `servicer ach …`
#[derive(Subcommand)]
pub enum AchCommand {
    /// Print a synthetic NACHA file of WEB, TEL and PPD debits.
    Sample {
        /// How many debits
        #[arg(long, default_value = "25")]
        entries: String,
        /// Their effective date, YYYY-MM-DD (default: 2026-12-02)
        #[arg(long, default_value = "2026-12-02")]
        date: String,
    },
}

pub fn run(command: &AchCommand) -> Result<(), Failure> {
    let AchCommand::Sample { entries, date } = command;
    let entries: u32 = input::parse("--entries", entries)?;
    if !(1..=99_999).contains(&entries) {
        return Err(Failure::bad("--entries", "must be 1 to 99,999"));
    }
    let date = input::date("--date", date)?;
    let file = formats::nacha::originate(&formats::nacha::sample(entries, date))
        .map_err(|e| Failure::Other(e.into()))?;
    print!("{file}");
    Ok(())
}

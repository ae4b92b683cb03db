//! `servicer calc schedule`: the amortization schedule as a table, CSV or JSON.

use super::LoanArgs;
use crate::input::Failure;
use clap::Args;
use domain::schedule::{Schedule, amortize};
use std::fmt::Write as _;

/// Arguments of `calc schedule`.
#[derive(Args)]
pub struct ScheduleArgs {
    #[command(flatten)]
    loan: LoanArgs,
    /// table, csv or json
    #[arg(long, default_value = "table")]
    format: String,
}

/// Prints the schedule.
pub fn run(args: &ScheduleArgs) -> Result<(), Failure> {
    let format = args.format.as_str();
    if !matches!(format, "table" | "csv" | "json") {
        return Err(Failure::bad(
            "--format",
            format!("{format:?} is not one of table, csv, json"),
        ));
    }
    let terms = args.loan.terms()?;
    let schedule = amortize(&terms).map_err(super::schedule_failure)?;
    let text = match format {
        "csv" => csv(&schedule),
        "json" => json(&schedule)?,
        _ => table(&schedule),
    };
    print!("{text}");
    Ok(())
}

fn csv(s: &Schedule) -> String {
    let mut out = String::from("period,date,payment,interest,principal,balance\n");
    for r in &s.installments {
        let _ = writeln!(
            out,
            "{},{},{},{},{},{}",
            r.period, r.due_date, r.payment, r.interest, r.principal, r.balance
        );
    }
    out
}

fn table(s: &Schedule) -> String {
    let mut out = format!(
        "{:>6}  {:<10}  {:>12}  {:>12}  {:>12}  {:>14}\n",
        "period", "date", "payment", "interest", "principal", "balance"
    );
    for r in &s.installments {
        let _ = writeln!(
            out,
            "{:>6}  {:<10}  {:>12}  {:>12}  {:>12}  {:>14}",
            r.period,
            r.due_date.to_string(),
            r.payment,
            r.interest,
            r.principal,
            r.balance
        );
    }
    let principal: money::Money = s.installments.iter().map(|r| r.principal).sum();
    let _ = writeln!(
        out,
        "{:>6}  {:<10}  {:>12}  {:>12}  {:>12}",
        "total",
        "",
        s.total_of_payments(),
        s.total_interest(),
        principal
    );
    out
}

fn json(s: &Schedule) -> Result<String, Failure> {
    let rows: Vec<serde_json::Value> = s
        .installments
        .iter()
        .map(|r| {
            serde_json::json!({
                "period": r.period,
                "date": r.due_date.to_string(),
                "payment": r.payment.to_string(),
                "interest": r.interest.to_string(),
                "principal": r.principal.to_string(),
                "balance": r.balance.to_string(),
            })
        })
        .collect();
    let doc = serde_json::json!({
        "payment": s.payment.to_string(),
        "total_of_payments": s.total_of_payments().to_string(),
        "total_interest": s.total_interest().to_string(),
        "installments": rows,
    });
    let mut text = serde_json::to_string_pretty(&doc).map_err(|e| Failure::Other(e.into()))?;
    text.push('\n');
    Ok(text)
}

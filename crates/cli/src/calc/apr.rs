//! `servicer calc apr`: APR, finance charge and total of payments from a JSON description of
//! the advance and the payments (see docs/interest.md for the format).

use crate::input::{self, Failure};
use clap::Args;
use domain::apr::{UnitPeriod, annual_percentage_rate};
use jiff::civil::Date;
use money::Money;
use serde_json::Value;
use std::io::Read;

/// Arguments of `calc apr`.
#[derive(Args)]
pub struct AprArgs {
    /// JSON file to read (standard input when absent)
    #[arg(long)]
    input: Option<std::path::PathBuf>,
    /// text or json
    #[arg(long, default_value = "text")]
    format: String,
}

struct Transaction {
    advance: Date,
    amount: Money,
    unit: Option<UnitPeriod>,
    payments: Vec<(Date, Money)>,
}

/// Prints the APR.
pub fn run(args: &AprArgs) -> Result<(), Failure> {
    if !matches!(args.format.as_str(), "text" | "json") {
        return Err(Failure::bad(
            "--format",
            format!("{:?} is not one of text, json", args.format),
        ));
    }
    let mut text = String::new();
    match &args.input {
        Some(path) => {
            text = std::fs::read_to_string(path).map_err(|e| {
                Failure::bad("--input", format!("cannot read {}: {e}", path.display()))
            })?;
        }
        None => {
            std::io::stdin()
                .read_to_string(&mut text)
                .map_err(|e| Failure::bad("stdin", e))?;
        }
    }
    let doc: Value = serde_json::from_str(&text)
        .map_err(|e| Failure::bad("input", format!("not valid JSON: {e}")))?;
    let t = parse_transaction(&doc)?;
    let apr = annual_percentage_rate(t.advance, t.amount, &t.payments, t.unit).map_err(|e| {
        let text = e.to_string();
        match text.split_once(": ") {
            Some((field, rest)) if !field.contains(' ') => Failure::bad(field, rest),
            _ => Failure::bad("payments", text),
        }
    })?;
    let total: Money = t.payments.iter().map(|p| p.1).sum();
    let finance_charge = total - t.amount;
    let exact = apr.percent_exact.round_dp(10).normalize();
    if args.format == "json" {
        let doc = serde_json::json!({
            "apr": apr.percent().to_string(),
            "apr_exact": exact.to_string(),
            "finance_charge": finance_charge.to_string(),
            "total_of_payments": total.to_string(),
            "amount_financed": t.amount.to_string(),
            "unit_period": apr.unit_period.to_string(),
        });
        println!("{doc}");
    } else {
        println!(
            "ANNUAL PERCENTAGE RATE  {} %  (exact {exact} %, unit-period {})",
            apr.percent(),
            apr.unit_period
        );
        println!("FINANCE CHARGE          {finance_charge}");
        println!("Amount financed         {}", t.amount);
        println!("Total of payments       {total}");
    }
    Ok(())
}

fn field<'a>(v: &'a Value, name: &str, path: &str) -> Result<&'a Value, Failure> {
    v.get(name)
        .ok_or_else(|| Failure::bad(&join(path, name), "is missing"))
}

fn join(path: &str, name: &str) -> String {
    if path.is_empty() {
        name.to_owned()
    } else {
        format!("{path}.{name}")
    }
}

fn string<'a>(v: &'a Value, name: &str, path: &str) -> Result<&'a str, Failure> {
    field(v, name, path)?
        .as_str()
        .ok_or_else(|| Failure::bad(&join(path, name), "must be a string"))
}

fn parse_transaction(doc: &Value) -> Result<Transaction, Failure> {
    let advance = input::date("advance_date", string(doc, "advance_date", "")?)?;
    let amount = input::parse::<Money>("amount_financed", string(doc, "amount_financed", "")?)?;
    let unit = match doc.get("unit_period") {
        None | Some(Value::Null) => None,
        Some(Value::String(s)) => Some(input::parse::<UnitPeriod>("unit_period", s)?),
        Some(_) => return Err(Failure::bad("unit_period", "must be a string")),
    };
    let list = field(doc, "payments", "")?
        .as_array()
        .ok_or_else(|| Failure::bad("payments", "must be a list"))?;
    let mut payments = Vec::new();
    for (index, item) in list.iter().enumerate() {
        let path = format!("payments[{index}]");
        let amount = input::parse::<Money>(&join(&path, "amount"), string(item, "amount", &path)?)?;
        if item.get("first_date").is_some() {
            let first = input::date(
                &join(&path, "first_date"),
                string(item, "first_date", &path)?,
            )?;
            let count = field(item, "count", &path)?
                .as_u64()
                .and_then(|c| u32::try_from(c).ok())
                .filter(|c| (1..=2000).contains(c))
                .ok_or_else(|| {
                    Failure::bad(
                        &join(&path, "count"),
                        "must be a whole number from 1 to 2000",
                    )
                })?;
            let every =
                input::parse::<UnitPeriod>(&join(&path, "every"), string(item, "every", &path)?)?;
            payments.extend((0..count).map(|k| (every.nth_date(first, k), amount)));
        } else {
            let date = input::date(&join(&path, "date"), string(item, "date", &path)?)?;
            payments.push((date, amount));
        }
    }
    payments.sort_by_key(|p| p.0);
    Ok(Transaction {
        advance,
        amount,
        unit,
        payments,
    })
}

//! `servicer calc payoff`: the payoff of a simple loan whose first installments were paid on
//! their due dates, for a chosen payoff date.

use super::LoanArgs;
use crate::input::{self, Failure};
use clap::Args;
use domain::loan::{ExtraTo, LoanTerms, Transaction, TxnId, TxnKind};
use domain::payoff::payoff_quote;
use domain::schedule::amortize;

/// Arguments of `calc payoff`.
#[derive(Args)]
pub struct PayoffArgs {
    #[command(flatten)]
    loan: LoanArgs,
    /// The date the payoff is received, YYYY-MM-DD
    #[arg(long)]
    date: String,
    /// How many installments were paid, each on its due date (default: all due before --date)
    #[arg(long = "paid")]
    paid: Option<String>,
    /// text or json
    #[arg(long, default_value = "text")]
    format: String,
}

/// Prints the payoff quote.
pub fn run(args: &PayoffArgs) -> Result<(), Failure> {
    if !matches!(args.format.as_str(), "text" | "json") {
        return Err(Failure::bad(
            "--format",
            format!("{:?} is not one of text, json", args.format),
        ));
    }
    let terms = args.loan.terms()?;
    let payoff_date = input::date("--date", &args.date)?;
    let schedule = amortize(&terms).map_err(super::schedule_failure)?;
    let loan = LoanTerms::from_schedule(
        &schedule,
        terms.rate,
        terms.day_count,
        terms.start,
        terms.amount_financed,
    );
    let due_before = loan
        .installments
        .iter()
        .filter(|i| i.due_date < payoff_date)
        .count();
    let paid = match &args.paid {
        Some(text) => input::parse::<usize>("--paid", text)?,
        None => due_before,
    };
    if paid > due_before {
        return Err(Failure::bad(
            "--paid",
            format!("only {due_before} installments fall due before {payoff_date}"),
        ));
    }
    let history: Vec<Transaction> = loan.installments[..paid]
        .iter()
        .map(|i| Transaction {
            id: TxnId(u64::from(i.number)),
            date: i.due_date,
            kind: TxnKind::Payment {
                amount: i.amount,
                extra: ExtraTo::Principal,
            },
        })
        .collect();
    let quote =
        payoff_quote(&loan, &history, payoff_date).map_err(|e| Failure::bad("--date", e))?;
    if args.format == "json" {
        let doc = serde_json::json!({
            "payoff_date": quote.payoff_date.to_string(),
            "principal": quote.principal.to_string(),
            "interest": quote.interest.to_string(),
            "fees": quote.fees.to_string(),
            "total": quote.total.to_string(),
            "per_diem": quote.per_diem.to_string(),
        });
        println!("{doc}");
    } else {
        println!("payoff on {}: {}", quote.payoff_date, quote.total);
        println!("  principal  {:>12}", quote.principal);
        println!("  interest   {:>12}", quote.interest);
        println!("  fees       {:>12}", quote.fees);
        println!(
            "  per diem   {:>12}  (add for each day after {})",
            quote.per_diem, quote.payoff_date
        );
    }
    Ok(())
}

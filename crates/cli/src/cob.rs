//! `servicer cob` and `servicer report`.
//! - `cob [--date D] [--workers N]` closes the business date (or completes a run a crash
//!   interrupted, or joins one another instance is running); a date already closed changes
//!   nothing. Progress goes to stderr: loans done of the total, the rate and the time left.
//! - `report aging|accruals|trial-balance [--date D]` writes the report as CSV to stdout.

use crate::input::{self, Failure};
use crate::serve::with_app;
use clap::Args;
use std::io::Write;

/// `servicer cob`
#[derive(Args)]
pub struct CobArgs {
    /// The business date to close, YYYY-MM-DD (default: the current business date)
    #[arg(long)]
    date: Option<String>,
    /// Chunks closed at once by this process (each in its own transaction)
    #[arg(long, default_value = "1")]
    workers: String,
    /// No progress lines
    #[arg(long)]
    quiet: bool,
}

/// `servicer report`
#[derive(Args)]
pub struct ReportArgs {
    /// aging, accruals or trial-balance
    name: String,
    /// As of this business date, YYYY-MM-DD (default: the current business date)
    #[arg(long)]
    date: Option<String>,
}

/// Runs `servicer cob`: closes the business date on the workers asked for and says what the
/// run did.
pub fn cob(args: &CobArgs) -> Result<(), Failure> {
    let date = args
        .date
        .as_deref()
        .map(|d| input::date("--date", d))
        .transpose()?;
    let workers: usize = input::parse("--workers", &args.workers)?;
    if !(1..=16).contains(&workers) {
        return Err(Failure::bad("--workers", "must be 1 to 16"));
    }
    let quiet = args.quiet;
    with_app(async |app, _| {
        let started = std::time::Instant::now();
        let o = close_on_workers(app, date, workers, quiet).await?;
        print_outcome(&o, started);
        Ok(())
    })
}

/// Closes `date` (or the current business date) on `workers` workers of this process, with
/// progress lines unless `quiet`. The outcome of the worker that finished the run (it has the
/// whole picture; any has the totals).
async fn close_on_workers(
    app: &app::App,
    date: Option<jiff::civil::Date>,
    workers: usize,
    quiet: bool,
) -> Result<app::cob::CobOutcome, Failure> {
    let me = format!("cli-{}", std::process::id());
    let mut runs = tokio::task::JoinSet::new();
    for k in 0..workers {
        let (app, name) = (app.clone(), format!("{me}-{k}"));
        runs.spawn(async move {
            let progress = |p: &app::cob::Progress| {
                if quiet {
                    return;
                }
                print_progress(p, app.now_us());
            };
            app.close_of_business(date, &name, &progress).await
        });
    }
    let mut outcome = None;
    while let Some(r) = runs.join_next().await {
        let o = r
            .map_err(|e| Failure::Other(e.into()))?
            .map_err(|e| match e {
                app::cob::CobError::NotBusinessDate { .. } => Failure::bad("--date", e),
                other => Failure::Other(other.into()),
            })?;
        if outcome
            .as_ref()
            .is_none_or(|x: &app::cob::CobOutcome| x.already_done)
        {
            outcome = Some(o);
        }
    }
    Ok(outcome.expect("at least one worker"))
}

/// Prints one progress line to stderr: loans and chunks done, the rate and the time left (as
/// of `now_us`).
fn print_progress(p: &app::cob::Progress, now_us: i64) {
    let (rate, left) = app::cob::eta(p, now_us);
    let left = left.map_or_else(|| "?".to_owned(), |d| format!("{}s", d.as_secs()));
    eprintln!(
        "cob {}: {}/{} loans, chunk {}/{}, {rate:.0} loans/s, {left} left",
        p.date, p.loans_done, p.loans_total, p.chunks_done, p.chunks_total
    );
}

/// Prints what the run did (or that the date was closed before), timed from `started`, and
/// where its print batch is.
fn print_outcome(o: &app::cob::CobOutcome, started: std::time::Instant) {
    let t = &o.totals;
    if o.already_done {
        println!(
            "{}: closed before; nothing changed (business date {})",
            o.date, o.next_date
        );
    } else {
        println!(
            "{}: {} loans closed in {:.1}s ({} replayed for due dates, statements and reminders); ${} interest accrued, ${} fees; business date now {}",
            o.date,
            t.loans_done,
            started.elapsed().as_secs_f64(),
            t.replayed,
            t.accrued,
            t.fees,
            o.next_date
        );
    }
    if let Some(dir) = &o.print_batch {
        println!("print batch: {}", dir.display());
    }
}

pub fn report(args: &ReportArgs) -> Result<(), Failure> {
    let date = args
        .date
        .as_deref()
        .map(|d| input::date("--date", d))
        .transpose()?;
    let name = args.name.clone();
    with_app(async |app, _| {
        let actor = app::access::Actor::Operator("report");
        let report = app.report(&actor, &name, date).await.map_err(|e| match e {
            app::cob::reports::ReportError::Unknown(_) => Failure::bad("report", e),
            app::cob::reports::ReportError::NoAging(_) => Failure::bad("--date", e),
            app::cob::reports::ReportError::Denied(_) => Failure::Other(e.into()),
            app::cob::reports::ReportError::Store(s) => Failure::Other(s.into()),
        })?;
        let mut out = std::io::stdout().lock();
        out.write_all(report.to_csv().as_bytes())
            .map_err(|e| Failure::Other(e.into()))?;
        Ok(())
    })
}

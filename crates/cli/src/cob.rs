//! `servicer cob` and `servicer report`.
//! - `cob [--date D] [--workers N]` closes the business date (or completes a run a crash
//!   interrupted, or joins one another instance is running); a date already closed changes
//!   nothing. Progress goes to stderr: loans done of the total, the rate and the time left.
//! - `cob --until D` closes every business date from the current one through D, each as the
//!   scheduler runs a day (the day's ACH file, then close of business), one line per day: for
//!   moving a demo forward. Rerun, it closes nothing twice.
//! - `report aging|accruals|trial-balance|addresses-to-review [--date D]` writes the report as CSV
//!   to stdout.

use crate::input::{self, Failure};
use crate::serve::with_app;
use clap::Args;
use jiff::civil::Date;
use std::io::Write;

/// The farthest `--until` reaches past the business date: a year and a bit, so a mistyped
/// year does not start decades of runs.
const UNTIL_MAX_DAYS: i64 = 400;

/// `servicer cob`
#[derive(Args)]
pub struct CobArgs {
    /// The business date to close, YYYY-MM-DD (default: the current business date)
    #[arg(long)]
    date: Option<String>,
    /// Close every business date from the current one through this one, YYYY-MM-DD, each as
    /// the scheduler would (the day's ACH file first, then close of business)
    #[arg(long, conflicts_with = "date")]
    until: Option<String>,
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
    /// aging, accruals, trial-balance or addresses-to-review
    name: String,
    /// As of this business date, YYYY-MM-DD (default: the current business date)
    #[arg(long)]
    date: Option<String>,
}

/// Runs `servicer cob`: closes the business date (or every one through `--until`) on the
/// workers asked for and says what the run did.
pub fn cob(args: &CobArgs) -> Result<(), Failure> {
    let date = args
        .date
        .as_deref()
        .map(|d| input::date("--date", d))
        .transpose()?;
    let until = args
        .until
        .as_deref()
        .map(|d| input::date("--until", d))
        .transpose()?;
    let workers: usize = input::parse("--workers", &args.workers)?;
    if !(1..=16).contains(&workers) {
        return Err(Failure::bad("--workers", "must be 1 to 16"));
    }
    let quiet = args.quiet;
    with_app(async |app, _| {
        if let Some(until) = until {
            return close_until(app, until, workers, quiet).await;
        }
        let started = std::time::Instant::now();
        let o = close_on_workers(app, date, workers, quiet).await?;
        print_outcome(&o, started);
        Ok(())
    })
}

/// `cob --until`: closes every business date from the current one through `until`, each day
/// as the worker's scheduler sequences it (`app::jobs`): on a banking day the day's ACH file
/// first (at the cutoff), so the bank payments due that day post, then close of business,
/// which rolls the date. One line per day. A date already closed is not closed again: an
/// `until` before the business date (but not before today) has nothing left to do.
async fn close_until(
    app: &app::App,
    until: Date,
    workers: usize,
    quiet: bool,
) -> Result<(), Failure> {
    let mut date = app.business_date().await.map_err(anyhow::Error::from)?;
    if until < date {
        let today = app::clock::date_in(app.now_us(), app.zone());
        if until < today {
            return Err(Failure::bad(
                "--until",
                format!(
                    "{until} is in the past (today is {today}, the business date {date}): close of business only moves forward"
                ),
            ));
        }
        println!("{until}: closed before; nothing changed (business date {date})");
        return Ok(());
    }
    let limit = date
        .checked_add(jiff::Span::new().days(UNTIL_MAX_DAYS))
        .map_err(|e| Failure::Other(e.into()))?;
    if until > limit {
        return Err(Failure::bad(
            "--until",
            format!(
                "{until} is more than {UNTIL_MAX_DAYS} days after the business date {date}: move forward a year at most at a time"
            ),
        ));
    }
    while date <= until {
        let started = std::time::Instant::now();
        // Banks take files on business days only, as the scheduler's ACH slot.
        let file = if domain::calendar::is_business_day(date) {
            Some(app.originate_ach(Some(date)).await.map_err(|e| match e {
                app::payments::ach::AchError::Future { .. } => Failure::bad("--until", e),
                other => Failure::Other(other.into()),
            })?)
        } else {
            None
        };
        let o = close_on_workers(app, Some(date), workers, quiet).await?;
        print_day(&o, file.as_ref(), started);
        if o.next_date <= date {
            return Err(Failure::Other(anyhow::anyhow!(
                "close of business of {date} left the business date at {}",
                o.next_date
            )));
        }
        date = o.next_date;
    }
    Ok(())
}

/// Prints the one line of a day `cob --until` closed: its ACH file (`None` on a day banks are
/// closed) and what close of business did, timed from `started`.
fn print_day(
    o: &app::cob::CobOutcome,
    file: Option<&app::payments::ach::Originated>,
    started: std::time::Instant,
) {
    let ach = match file {
        None => "no ACH file (banks are closed)".to_owned(),
        Some(f) => {
            let again = if f.new { "" } else { " (originated before)" };
            let held = if f.held > 0 {
                format!(", {} TEL debits held for their written notice", f.held)
            } else {
                String::new()
            };
            let cancelled = if f.not_sent > 0 {
                format!(", {} TEL debits cancelled (notice too late)", f.not_sent)
            } else {
                String::new()
            };
            match &f.path {
                Some(path) => format!(
                    "ACH file {}: {} debits, ${}{again}{held}{cancelled}",
                    path.display(),
                    f.entries,
                    f.total
                ),
                None => format!("no debits to send{again}{held}{cancelled}"),
            }
        }
    };
    let closed = if o.already_done {
        "closed before; nothing changed".to_owned()
    } else {
        let t = &o.totals;
        format!(
            "{} loans closed in {:.1}s, ${} interest accrued, ${} fees",
            t.loans_done,
            started.elapsed().as_secs_f64(),
            t.accrued,
            t.fees
        )
    };
    let batch = o
        .print_batch
        .as_ref()
        .map(|dir| format!("; print batch {}", dir.display()))
        .unwrap_or_default();
    println!(
        "{}: {ach}; {closed}; business date now {}{batch}",
        o.date, o.next_date
    );
}

/// Closes `date` (or the current business date) on `workers` workers of this process, with
/// progress lines unless `quiet`. The outcome of the worker that finished the run (it has the
/// whole picture; any has the totals).
async fn close_on_workers(
    app: &app::App,
    date: Option<Date>,
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

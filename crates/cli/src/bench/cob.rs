//! `bench cob`: close of business for a large portfolio (a million loans by default) through
//! the real use case (`App::close_of_business`: chunks claimed under a lease, the fast path
//! or a replay per loan, reminders, statements, the date rolled), next to a raw baseline in
//! the same database: one batched update of the snapshots and the accrual entries' inserts
//! per chunk, directly in SQL (`store::bench`). Rounds alternate, each over every loan for one
//! day (Monday to Tuesday for Servicer, Tuesday to Wednesday for the baseline, and so on).

use super::{median, percent};
use crate::input::{self, Failure};
use anyhow::Context;
use app::App;
use app::clock::SystemClock;
use app::vault::{Key, Vault};
use clap::Args;
use domain::loan::LoanStatus;
use formats::boarding::synthetic;
use jiff::civil::{Date, date};
use std::sync::Arc;
use std::time::{Duration, Instant};
use store::{LoanId, LoanSnapshot};

/// Arguments of `bench cob`.
#[derive(Args)]
pub struct CobArgs {
    /// Loans in the portfolio
    #[arg(long, default_value = "1000000")]
    loans: String,
    /// Rounds of each, alternating (the median is reported)
    #[arg(long, default_value = "2")]
    rounds: String,
    /// Chunks closed at once (Servicer and the baseline alike)
    #[arg(long, default_value = "1")]
    workers: String,
    /// A PostgreSQL server to measure on (a scratch database is created and dropped);
    /// without it, a SQLite file in the temp directory
    #[arg(long)]
    postgres_url: Option<String>,
}

pub fn run(args: &CobArgs) -> Result<(), Failure> {
    let loans: u64 = input::parse("--loans", &args.loans)?;
    let rounds: usize = input::parse("--rounds", &args.rounds)?;
    let workers: usize = input::parse("--workers", &args.workers)?;
    if loans == 0 || !(1..=2).contains(&rounds) || !(1..=8).contains(&workers) {
        return Err(Failure::bad(
            "--loans",
            "loans at least 1, rounds 1 or 2 (each takes two weekdays of the week it runs), workers 1 to 8",
        ));
    }
    let rt = tokio::runtime::Runtime::new().context("starting the runtime")?;
    rt.block_on(measure(
        loans,
        rounds,
        workers,
        args.postgres_url.as_deref(),
    ))
    .map_err(Failure::Other)
}

/// Monday 4 January 2027: the rounds run Monday to Friday, one day each.
const START: Date = date(2027, 1, 4);

/// Seeds the portfolio, then alternates Servicer's close of business with the raw baseline,
/// one business day each per round, and prints the medians.
async fn measure(
    loans: u64,
    rounds: usize,
    workers: usize,
    postgres: Option<&str>,
) -> anyhow::Result<()> {
    let db = match postgres {
        Some(url) => store::testing::postgres(url, "bench_cob").await,
        None => store::testing::sqlite("bench_cob").await,
    };
    let backend = db.store.backend();
    let seeding = Instant::now();
    seed(&db.store, loans).await?;
    eprintln!(
        "bench cob: {loans} loans seeded on {backend} in {:.1}s",
        seeding.elapsed().as_secs_f64()
    );
    let print_dir = std::env::temp_dir().join(format!("servicer-bench-cob-{}", std::process::id()));
    let app = bench_app(&db.store, print_dir.clone())?;
    let (mut ours, mut base) = (Vec::new(), Vec::new());
    let mut replayed = 0;
    let mut day = START;
    for _ in 0..rounds {
        let (elapsed, last_replayed) = servicer_round(&db.store, &app, day, workers, loans).await?;
        ours.push(elapsed);
        replayed = last_replayed;
        day = day.tomorrow()?;
        let next = day.tomorrow()?;
        let chunk = app.cob_settings().chunk_loans;
        base.push(baseline_round(&db.store, chunk, day, next, workers).await?);
        day = next;
    }
    report(&Report {
        loans,
        backend,
        workers,
        rounds,
        ours: median(&mut ours),
        base: median(&mut base),
        replayed,
    });
    let _ = std::fs::remove_dir_all(&print_dir);
    db.finish().await;
    Ok(())
}

/// The app the bench closes business with: demo mode, New York time, a throwaway vault key
/// and statements printed to `print_dir`.
fn bench_app(store: &store::Store, print_dir: std::path::PathBuf) -> anyhow::Result<App> {
    let zone = jiff::tz::TimeZone::get("America/New_York")?;
    let vault = Vault::new(vec![Key::parse(&Key::generate("bench"))?])?;
    Ok(App::new(store.clone(), Arc::new(SystemClock), vault, zone)
        .with_demo(true)
        .with_cob(app::cob::CobSettings {
            print_dir,
            ..Default::default()
        }))
}

/// Servicer closes `day` on `workers` workers. Returns how long it took and how many loans
/// were replayed; fails unless every loan was closed.
async fn servicer_round(
    store: &store::Store,
    app: &App,
    day: Date,
    workers: usize,
    loans: u64,
) -> anyhow::Result<(Duration, i64)> {
    let mut tx = store.begin().await?;
    tx.put_setting(app::BUSINESS_DATE, &day.to_string()).await?;
    tx.commit().await?;
    let started = Instant::now();
    let mut set = tokio::task::JoinSet::new();
    for k in 0..workers {
        let app = app.clone();
        set.spawn(async move {
            app.close_of_business(Some(day), &format!("bench-{k}"), &|_| {})
                .await
        });
    }
    let (mut done, mut replayed) = (0, 0);
    while let Some(r) = set.join_next().await {
        let o = r??;
        done = o.totals.loans_done;
        replayed = o.totals.replayed;
    }
    let elapsed = started.elapsed();
    anyhow::ensure!(
        done == i64::try_from(loans)?,
        "closed {done} of {loans} loans"
    );
    Ok((elapsed, replayed))
}

/// The baseline accrues `day` to `next` on every loan, in chunks of `chunk` loans claimed by
/// `workers` workers. Returns how long it took; fails unless every loan was accrued.
async fn baseline_round(
    store: &store::Store,
    chunk: i64,
    day: Date,
    next: Date,
    workers: usize,
) -> anyhow::Result<Duration> {
    let started = Instant::now();
    let (count, lo, hi) = store.loan_id_bounds().await?;
    let ranges: Vec<(i64, i64)> = (0..)
        .map(|k| lo + k * chunk)
        .take_while(|f| *f <= hi)
        .map(|f| (f, (f + chunk - 1).min(hi)))
        .collect();
    let ranges = Arc::new(std::sync::Mutex::new(ranges));
    let mut set = tokio::task::JoinSet::new();
    for _ in 0..workers {
        let (store, ranges) = (store.clone(), ranges.clone());
        set.spawn(async move {
            let mut n = 0;
            loop {
                let Some((f, l)) = ranges.lock().expect("not poisoned").pop() else {
                    break;
                };
                n += store::bench::raw_accrual_chunk(&store, f, l, day, next, 1).await?;
            }
            Ok::<usize, store::StoreError>(n)
        });
    }
    let mut done = 0;
    while let Some(r) = set.join_next().await {
        done += r??;
    }
    let elapsed = started.elapsed();
    anyhow::ensure!(
        i64::try_from(done)? == count,
        "the baseline accrued {done} of {count}"
    );
    Ok(elapsed)
}

/// What a bench run measured, for the report.
struct Report {
    /// Loans in the portfolio.
    loans: u64,
    /// The database backend's name.
    backend: &'static str,
    /// Chunks closed at once.
    workers: usize,
    /// Rounds of each.
    rounds: usize,
    /// Servicer's median time.
    ours: Duration,
    /// The baseline's median time.
    base: Duration,
    /// Loans replayed in the last round.
    replayed: i64,
}

/// Prints the rates, times and ratio of Servicer against the baseline.
fn report(r: &Report) {
    let Report {
        loans,
        backend,
        workers,
        rounds,
        ours,
        base,
        replayed,
    } = *r;
    let rate = |d: Duration| u128::from(loans) * 1_000_000 / d.as_micros().max(1);
    println!(
        "bench cob: {loans} loans on {backend}, {workers} worker(s), median of {rounds} rounds of one business day each"
    );
    println!(
        "  servicer cob (fast path or replay, notices, statements, date rolled): {:>8} loans/s  ({:.1} s; {replayed} loans replayed in the last round)",
        rate(ours),
        ours.as_secs_f64()
    );
    println!(
        "  baseline (one batched update and the accrual inserts, raw SQL):       {:>8} loans/s  ({:.1} s)",
        rate(base),
        base.as_secs_f64()
    );
    println!(
        "  servicer time / baseline time: {}x   target: at most 3x, and at most {} s for a million loans   (baseline / servicer: {})",
        times(ours, base),
        if backend == "sqlite" { 60 } else { 120 },
        percent(rate(ours), rate(base))
    );
}

/// Boards `loans` synthetic loans straight into the tables, as boarding leaves them (the
/// snapshot with its carry and next cycle date), in transactions of 20,000.
async fn seed(store: &store::Store, loans: u64) -> anyhow::Result<()> {
    let cycle = domain::cycle::Cycle::default();
    let mut first = 0;
    while first < loans {
        let n = (loans - first).min(20_000);
        let batch = synthetic(n, 700_000_000_000_000 + first, START);
        let (borrowers, mut records) = super::board::rows(&batch, first, START);
        let mut tx = store.begin().await?;
        let ids = tx.insert_borrowers(&borrowers, 1).await?;
        for (r, id) in records.iter_mut().zip(&ids) {
            r.borrower = *id;
        }
        let loan_ids: Vec<LoanId> = tx.insert_loans(&records, 1).await?;
        let snaps: Vec<_> = loan_ids
            .iter()
            .zip(&records)
            .map(|(id, r)| {
                let (_, snapshot): (_, LoanSnapshot) =
                    app::snapshot::compute(&r.terms, &[], START, &cycle);
                debug_assert_eq!(
                    snapshot.next_event,
                    cycle.next_event(&r.terms, LoanStatus::Active, START)
                );
                (*id, snapshot)
            })
            .collect();
        tx.put_snapshots(&snaps, 1).await?;
        tx.commit().await?;
        first += n;
    }
    Ok(())
}

/// `a / b` with two decimals, from integers.
fn times(a: Duration, b: Duration) -> String {
    let hundredths = a.as_micros() * 100 / b.as_micros().max(1);
    format!("{}.{:02}", hundredths / 100, hundredths % 100)
}

//! `servicer bench`: benchmarks that print figures next to a baseline measured in the same run
//! (never timed assertions in tests). Quote medians; the machine is noisy.

mod accrual;
mod board;
mod cob;
mod console;
mod dashboard;
mod http;
mod load;
mod lockbox;
mod payments;
mod search;

use crate::input::Failure;
use clap::Subcommand;
use std::time::{Duration, Instant};

/// The benchmarks.
#[derive(Subcommand)]
pub enum BenchCommand {
    /// One day of interest accrual for many loans, next to raw integer arithmetic.
    Accrual(accrual::AccrualArgs),
    /// Boarding a transfer file, next to raw batched inserts of the same rows.
    Board(board::BoardArgs),
    /// The one-loan JSON read over HTTP, next to a minimal axum JSON handler.
    Http(http::HttpArgs),
    /// A signed-in borrower's dashboard (3 loans), next to a minimal axum HTML handler.
    Dashboard(dashboard::DashboardArgs),
    /// Close of business for a million loans, next to a raw SQL accrual of the same loans.
    Cob(cob::CobArgs),
    /// Payments posted through the API by 4 clients, next to pgbench TPC-B on PostgreSQL.
    Payments(payments::PaymentsArgs),
    /// The console's account view of a borrower with 3 loans (page and staff API, each view
    /// audited), next to minimal axum HTML and JSON handlers.
    Console(console::ConsoleArgs),
    /// The console's borrower search at a million borrowers, next to single-row primary-key reads.
    Search(search::SearchArgs),
    /// A lockbox file of 100,000 checks imported against a million loans, next to batched
    /// INSERTs of the same rows.
    Lockbox(lockbox::LockboxArgs),
}

/// Runs a benchmark.
pub fn run(command: BenchCommand) -> Result<(), Failure> {
    match command {
        BenchCommand::Accrual(args) => accrual::run(&args),
        BenchCommand::Board(args) => board::run(&args),
        BenchCommand::Http(args) => http::run(&args),
        BenchCommand::Dashboard(args) => dashboard::run(&args),
        BenchCommand::Payments(args) => payments::run(&args),
        BenchCommand::Search(args) => search::run(&args),
        BenchCommand::Console(args) => console::run(&args),
        BenchCommand::Cob(args) => cob::run(&args),
        BenchCommand::Lockbox(args) => lockbox::run(&args),
    }
}

/// A keep-alive HTTP/1 connection of the benchmarks' load client.
pub(crate) type Sender =
    hyper::client::conn::http1::SendRequest<http_body_util::Empty<hyper::body::Bytes>>;

/// Opens one keep-alive connection (Nagle off, as a browser's).
pub(crate) async fn connect(addr: std::net::SocketAddr) -> anyhow::Result<Sender> {
    let stream = tokio::net::TcpStream::connect(addr).await?;
    stream.set_nodelay(true)?;
    let (sender, conn) =
        hyper::client::conn::http1::handshake(hyper_util::rt::TokioIo::new(stream)).await?;
    tokio::spawn(conn);
    Ok(sender)
}

pub(crate) fn time(mut f: impl FnMut()) -> Duration {
    let start = Instant::now();
    f();
    start.elapsed()
}

pub(crate) fn median(samples: &mut [Duration]) -> Duration {
    samples.sort();
    samples[samples.len() / 2]
}

/// A ratio in percent with one decimal, from integers.
pub(crate) fn percent(part: u128, whole: u128) -> String {
    let tenths = part * 1000 / whole.max(1);
    format!("{}.{}%", tenths / 10, tenths % 10)
}

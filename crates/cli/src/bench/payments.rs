//! `bench payments`: payments per second posted through the API (`POST
//! /api/v1/loans/{n}/payments` with an idempotency key: the key claimed, the payment row, the
//! loan locked, its history appended and replayed, the ledger restated, the snapshot, the
//! audit record and the "payment received" alert, in one transaction) by 4 keep-alive clients
//! over a boarded portfolio. On PostgreSQL it runs `pgbench` TPC-B with 4 clients on the same
//! server in alternating rounds and prints both; on SQLite it prints the payments figure.

use super::percent;
use crate::input::{self, Failure};
use anyhow::Context;
use app::App;
use app::api_clients::Scopes;
use app::clock::SystemClock;
use app::vault::{Key, Vault};
use clap::Args;
use http_body_util::{BodyExt, Full};
use hyper::body::Bytes;
use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};
use web::Config;

/// Arguments of `bench payments`.
#[derive(Args)]
pub struct PaymentsArgs {
    /// Loans in the portfolio the payments are spread over
    #[arg(long, default_value = "2000")]
    loans: String,
    /// Concurrent clients (and pgbench clients)
    #[arg(long, default_value = "4")]
    clients: String,
    /// Seconds per round
    #[arg(long, default_value = "10")]
    seconds: String,
    /// Rounds of each, alternating (the median is reported)
    #[arg(long, default_value = "3")]
    rounds: String,
    /// A PostgreSQL server to measure on (scratch databases are created and dropped) next
    /// to pgbench; without it, a SQLite file in the temp directory
    #[arg(long)]
    postgres_url: Option<String>,
}

#[derive(Clone, Copy)]
struct Plan {
    loans: u64,
    clients: usize,
    round: Duration,
    rounds: usize,
}

pub fn run(args: &PaymentsArgs) -> Result<(), Failure> {
    let plan = Plan {
        loans: input::parse("--loans", &args.loans)?,
        clients: input::parse("--clients", &args.clients)?,
        round: Duration::from_secs(input::parse("--seconds", &args.seconds)?),
        rounds: input::parse("--rounds", &args.rounds)?,
    };
    if plan.loans == 0 || plan.clients == 0 || plan.round.is_zero() || plan.rounds == 0 {
        return Err(Failure::bad(
            "--loans",
            "loans, clients, seconds and rounds must be at least 1",
        ));
    }
    let rt = tokio::runtime::Runtime::new().context("starting the runtime")?;
    rt.block_on(measure(plan, args.postgres_url.as_deref()))
        .map_err(Failure::Other)
}

/// The API token the bench's clients post with.
const TOKEN: &str = "bench-payments-token";

/// Boards a portfolio and serves it, then alternates rounds of API payments with pgbench (on
/// PostgreSQL), prints the medians and checks the books still balance.
async fn measure(plan: Plan, postgres: Option<&str>) -> anyhow::Result<()> {
    if postgres.is_some() {
        require_pgbench()?;
    }
    let db = match postgres {
        Some(url) => store::testing::postgres(url, "bench_payments").await,
        None => store::testing::sqlite("bench_payments").await,
    };
    let (app, accounts) = boarded_app(&db.store, plan.loans).await?;
    let config = Config {
        listen: "127.0.0.1:0".parse()?,
        metrics_listen: None,
        run_worker: false,
        ..Config::default()
    };
    let server = web::server::start(app, &config).await?;
    let pgbench_db = match postgres {
        Some(url) => Some(pgbench_init(url).await?),
        None => None,
    };
    let sequence = Arc::new(AtomicU64::new(0));
    let (mut ours, mut theirs) = (Vec::new(), Vec::new());
    for _ in 0..plan.rounds {
        ours.push(load(server.addr, TOKEN, &accounts, &sequence, plan).await?);
        if let Some((url, _)) = &pgbench_db {
            theirs.push(pgbench(url, plan)?);
        }
    }
    report(db.store.backend(), plan, ours, theirs, pgbench_db).await;
    check_books(&db.store).await?;
    server.shutdown().await;
    db.finish().await;
    Ok(())
}

/// Fails before any work when pgbench is missing: the figure means nothing without it.
fn require_pgbench() -> anyhow::Result<()> {
    std::process::Command::new("pgbench")
        .arg("--version")
        .output()
        .context("pgbench is not installed (apt-get install postgresql-client)")?;
    Ok(())
}

/// An app on `store` with `loans` synthetic loans boarded and the bench's API token
/// registered, and the loans' account numbers.
async fn boarded_app(store: &store::Store, loans: u64) -> anyhow::Result<(App, Arc<Vec<String>>)> {
    let zone = jiff::tz::TimeZone::get("America/New_York")?;
    let vault = Vault::new(vec![Key::parse(&Key::generate("bench"))?])?;
    let app = App::new(store.clone(), Arc::new(SystemClock), vault, zone.clone()).with_demo(true);
    let today = app::clock::date_in(jiff::Timestamp::now().as_microsecond(), &zone);
    let loans = formats::boarding::synthetic(loans, 700_000_000_000_000, today);
    let file = formats::boarding::write_loans(&loans);
    app.board(
        file.as_bytes(),
        None,
        false,
        &app::access::Actor::System("bench"),
    )
    .await?;
    app.register_api_token(
        "bench",
        TOKEN,
        Scopes::all(),
        &app::access::Actor::System("bench"),
    )
    .await?;
    let accounts: Arc<Vec<String>> =
        Arc::new(loans.iter().map(|l| l.account_number.to_string()).collect());
    Ok((app, accounts))
}

/// Prints the median payments per second, and pgbench's next to it when it ran (dropping its
/// scratch database).
async fn report(
    backend: &str,
    plan: Plan,
    mut ours: Vec<u128>,
    mut theirs: Vec<u128>,
    pgbench_db: Option<(String, store::testing::TestDb)>,
) {
    ours.sort_unstable();
    theirs.sort_unstable();
    let o = ours[plan.rounds / 2];
    println!(
        "bench payments: on {}, {} loans, {} clients, {} rounds of {} s, medians",
        backend,
        plan.loans,
        plan.clients,
        plan.rounds,
        plan.round.as_secs()
    );
    println!(
        "  servicer POST /api/v1/loans/{{n}}/payments (posted, idempotent): {o:>7} payments/s   rounds {ours:?}"
    );
    if let Some((_, drop_db)) = pgbench_db {
        let t = theirs[plan.rounds / 2];
        println!(
            "  pgbench TPC-B (-c {} -j 2, scale 1, same server):               {t:>7} tps          rounds {theirs:?}",
            plan.clients
        );
        println!(
            "  servicer / pgbench: {}   target: at least 50%",
            percent(o, t)
        );
        drop_db.finish().await;
    }
}

/// Checks the trial balance is still zero after the payments and prints the payment counts.
async fn check_books(store: &store::Store) -> anyhow::Result<()> {
    let payments = store.payment_counts().await?;
    let tb = store.trial_balance(None).await?;
    anyhow::ensure!(
        tb.is_balanced(),
        "the trial balance is not zero after the benchmark"
    );
    println!("  afterwards: {payments:?}; trial balance zero");
    Ok(())
}

/// A scratch database initialised for pgbench (scale 1), on the same server.
async fn pgbench_init(admin_url: &str) -> anyhow::Result<(String, store::testing::TestDb)> {
    let db = store::testing::postgres(admin_url, "bench_pgbench").await;
    let out = std::process::Command::new("pgbench")
        .args(["-i", "-s", "1", "-q", &db.url])
        .output()
        .context("running pgbench -i")?;
    anyhow::ensure!(
        out.status.success(),
        "pgbench -i failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    Ok((db.url.clone(), db))
}

/// One pgbench TPC-B round: transactions per second (without connection time).
fn pgbench(url: &str, plan: Plan) -> anyhow::Result<u128> {
    let out = std::process::Command::new("pgbench")
        .args([
            "-c",
            &plan.clients.to_string(),
            "-j",
            "2",
            "-T",
            &plan.round.as_secs().to_string(),
            "-n",
            url,
        ])
        .output()
        .context("running pgbench")?;
    anyhow::ensure!(
        out.status.success(),
        "pgbench failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8_lossy(&out.stdout);
    let tps = text
        .lines()
        .find(|l| l.starts_with("tps = "))
        .and_then(|l| {
            l.strip_prefix("tps = ")?
                .split([' ', '.'])
                .next()?
                .parse()
                .ok()
        })
        .with_context(|| format!("no tps line in pgbench's output: {text}"))?;
    Ok(tps)
}

type Conn = hyper::client::conn::http1::SendRequest<Full<Bytes>>;

async fn connect(addr: SocketAddr) -> anyhow::Result<Conn> {
    let stream = tokio::net::TcpStream::connect(addr).await?;
    stream.set_nodelay(true)?;
    let (sender, conn) =
        hyper::client::conn::http1::handshake(hyper_util::rt::TokioIo::new(stream)).await?;
    tokio::spawn(conn);
    Ok(sender)
}

/// Payments per second over one round: each client posts back to back, each payment with a
/// new key, to the loans in turn.
async fn load(
    addr: SocketAddr,
    token: &str,
    accounts: &Arc<Vec<String>>,
    sequence: &Arc<AtomicU64>,
    plan: Plan,
) -> anyhow::Result<u128> {
    let deadline = Instant::now() + plan.round;
    let mut tasks = Vec::new();
    for _ in 0..plan.clients {
        let (accounts, sequence, auth) = (
            accounts.clone(),
            sequence.clone(),
            format!("Bearer {token}"),
        );
        tasks.push(tokio::spawn(async move {
            let mut sender = connect(addr).await?;
            let mut done: u128 = 0;
            while Instant::now() < deadline {
                let n = sequence.fetch_add(1, Ordering::Relaxed);
                let account = &accounts[usize::try_from(n).unwrap_or(0) % accounts.len()];
                let req = hyper::Request::post(format!("/api/v1/loans/{account}/payments"))
                    .header("host", "localhost")
                    .header("authorization", &auth)
                    .header("content-type", "application/json")
                    .header("idempotency-key", format!("bench-{n:012}"))
                    .body(Full::new(Bytes::from_static(
                        br#"{"amount":"25.00","channel":"lockbox"}"#,
                    )))?;
                sender.ready().await?;
                let res = sender.send_request(req).await?;
                let status = res.status();
                let body = res.into_body().collect().await?.to_bytes();
                anyhow::ensure!(
                    status == 201,
                    "payment {n}: {status} {}",
                    String::from_utf8_lossy(&body)
                );
                done += 1;
            }
            anyhow::Ok(done)
        }));
    }
    let started = Instant::now();
    let mut total = 0;
    for t in tasks {
        total += t.await??;
    }
    Ok(total * 1_000_000 / started.elapsed().as_micros().max(1))
}

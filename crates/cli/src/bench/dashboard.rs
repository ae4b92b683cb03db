//! `bench dashboard`: the signed-in dashboard of a borrower with three loans (`GET
//! /dashboard`: session check, the login's loans, unread messages, the page rendered, every
//! security layer and metrics) next to a minimal axum handler that returns the same HTML
//! from memory; requests per second and p99 latency, both servers in this process, measured
//! in alternating rounds by the same keep-alive client.

use super::{Sender, connect, percent};
use crate::input::{self, Failure};
use anyhow::Context;
use app::App;
use app::clock::SystemClock;
use app::identity::ClientInfo;
use app::identity::enroll::EnrollmentFacts;
use app::vault::{Key, Vault};
use axum::Router;
use axum::routing::get;
use clap::Args;
use http_body_util::{BodyExt, Empty};
use hyper::body::Bytes;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::{Duration, Instant};
use web::Config;

/// Arguments of `bench dashboard`.
#[derive(Args)]
pub struct DashboardArgs {
    /// Concurrent keep-alive connections
    #[arg(long, default_value = "16")]
    connections: String,
    /// Seconds per round
    #[arg(long, default_value = "3")]
    seconds: String,
    /// Rounds per server, alternating (the median is reported)
    #[arg(long, default_value = "5")]
    rounds: String,
    /// A PostgreSQL server to measure on (a scratch database is created and dropped)
    #[arg(long)]
    postgres_url: Option<String>,
}

pub fn run(args: &DashboardArgs) -> Result<(), Failure> {
    let connections: usize = input::parse("--connections", &args.connections)?;
    let seconds: u64 = input::parse("--seconds", &args.seconds)?;
    let rounds: usize = input::parse("--rounds", &args.rounds)?;
    if connections == 0 || seconds == 0 || rounds == 0 {
        return Err(Failure::bad(
            "--connections",
            "connections, seconds and rounds must be at least 1",
        ));
    }
    let rt = tokio::runtime::Runtime::new().context("starting the runtime")?;
    rt.block_on(measure(
        connections,
        Duration::from_secs(seconds),
        rounds,
        args.postgres_url.as_deref(),
    ))
    .map_err(Failure::Other)
}

/// Enrols the demo's Maria (three loans) through the real use cases; her session token.
async fn signed_in(app: &App) -> anyhow::Result<String> {
    let demo = app.seed_demo().await?;
    let maria = &demo[0];
    let client = ClientInfo {
        ip: "127.0.0.1".into(),
        user_agent: "bench".into(),
    };
    let facts = EnrollmentFacts::parse(
        &maria.account_number.to_string(),
        &maria.ssn_last4,
        &maria.date_of_birth.to_string(),
        &maria.zip,
    )?;
    let code = |app: &App| {
        let app = app.clone();
        async move {
            let m = app.store().outbox(None, 10).await?;
            let subject = m
                .iter()
                .find(|m| m.message.subject.contains(" code: "))
                .map(|m| m.message.subject.clone())
                .context("a code")?;
            anyhow::Ok(subject.rsplit(' ').next().unwrap_or_default().to_owned())
        }
    };
    let (token, _) = app.enroll_start(&facts, false, &client).await?;
    let s = app.session(&token).await?.context("enrolling session")?;
    let token = app.enroll_confirm(&s, &code(app).await?, &client).await?;
    let s = app.session(&token).await?.context("enrolled session")?;
    Ok(app
        .enroll_finish(
            &s,
            "bench.maria",
            "lantern orchard velvet",
            "lantern orchard velvet",
            &client,
        )
        .await?)
}

/// Serves Maria's dashboard and the minimal handler's copy of it, alternates rounds of load
/// on each, and prints the medians and latencies.
async fn measure(
    connections: usize,
    round: Duration,
    rounds: usize,
    postgres: Option<&str>,
) -> anyhow::Result<()> {
    let db = match postgres {
        Some(url) => store::testing::postgres(url, "bench_dashboard").await,
        None => store::testing::sqlite("bench_dashboard").await,
    };
    let app = bench_app(&db.store)?;
    let token = signed_in(&app).await?;
    let config = Config {
        listen: "127.0.0.1:0".parse()?,
        metrics_listen: None,
        run_worker: false,
        ..Config::default()
    };
    let ours = web::server::start(app, &config).await?;
    let cookie = format!("__Host-session={token}");
    let page = dashboard_page(ours.addr, &cookie).await?;
    let minimal = minimal_server(page).await?;

    let (mut servicer, mut baseline) = (Samples::default(), Samples::default());
    for _ in 0..rounds {
        servicer.add(load(ours.addr, "/dashboard", Some(&cookie), connections, round).await?);
        baseline.add(load(minimal, "/dashboard", None, connections, round).await?);
    }
    let plan = Plan {
        backend: db.store.backend(),
        connections,
        round,
        rounds,
    };
    report(&plan, servicer, baseline);
    ours.shutdown().await;
    db.finish().await;
    Ok(())
}

/// An app on `store` in demo mode, New York time, with a throwaway vault key.
fn bench_app(store: &store::Store) -> anyhow::Result<App> {
    let vault = Vault::new(vec![Key::parse(&Key::generate("bench"))?])?;
    Ok(App::new(
        store.clone(),
        Arc::new(SystemClock),
        vault,
        jiff::tz::TimeZone::get("America/New_York")?,
    )
    .with_demo(true))
}

/// Fetches the signed-in dashboard once from the server at `addr`, checking it shows three
/// loans.
async fn dashboard_page(addr: SocketAddr, cookie: &str) -> anyhow::Result<Bytes> {
    let page = get_once(&mut connect(addr).await?, "/dashboard", Some(cookie)).await?;
    anyhow::ensure!(
        String::from_utf8_lossy(&page)
            .matches("class=\"loan-card\"")
            .count()
            == 3,
        "the dashboard shows three loans"
    );
    Ok(page)
}

/// One server's measurements: each round's requests per second and every request's latency.
#[derive(Default)]
struct Samples {
    /// Requests per second, by round.
    rps: Vec<u128>,
    /// Latencies (µs) of all rounds.
    latencies: Vec<u128>,
}

impl Samples {
    /// Adds one round's requests per second and latencies.
    fn add(&mut self, (rps, latencies): (u128, Vec<u128>)) {
        self.rps.push(rps);
        self.latencies.extend(latencies);
    }
}

/// How the bench ran, for the report.
struct Plan {
    /// The database backend's name.
    backend: &'static str,
    /// Concurrent keep-alive connections.
    connections: usize,
    /// The length of a round.
    round: Duration,
    /// Rounds per server.
    rounds: usize,
}

/// Prints the median requests per second and the latencies of Servicer and the baseline.
fn report(plan: &Plan, mut ours: Samples, mut base: Samples) {
    let Plan {
        backend,
        connections,
        round,
        rounds,
    } = *plan;
    ours.rps.sort_unstable();
    base.rps.sort_unstable();
    let (o, b) = (ours.rps[rounds / 2], base.rps[rounds / 2]);
    let (ours_rps, base_rps) = (&ours.rps, &base.rps);
    println!(
        "bench dashboard: a borrower with 3 loans on {}, {connections} connections, {rounds} rounds of {} s, medians",
        backend,
        round.as_secs()
    );
    println!(
        "  servicer GET /dashboard (signed in):   {o:>8} req/s   p50 {:>6} µs   p99 {:>6} µs   rounds {ours_rps:?}",
        pct(&mut ours.latencies, 50),
        pct(&mut ours.latencies, 99)
    );
    println!(
        "  baseline minimal axum HTML handler:    {b:>8} req/s   p50 {:>6} µs   p99 {:>6} µs   rounds {base_rps:?}",
        pct(&mut base.latencies, 50),
        pct(&mut base.latencies, 99)
    );
    println!(
        "  servicer / baseline: {}   target: at least 50%",
        percent(o, b)
    );
}

/// The `p`th percentile of latencies, in microseconds.
fn pct(latencies: &mut [u128], p: usize) -> u128 {
    latencies.sort_unstable();
    latencies
        .get((latencies.len().saturating_sub(1)) * p / 100)
        .copied()
        .unwrap_or(0)
}

/// A bare axum server answering the same page from memory.
async fn minimal_server(page: Bytes) -> anyhow::Result<SocketAddr> {
    let html = String::from_utf8(page.to_vec())?;
    let router = Router::new().route(
        "/dashboard",
        get(move || std::future::ready(axum::response::Html(html.clone()))),
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let addr = listener.local_addr()?;
    tokio::spawn(async move { axum::serve(listener, router).await });
    Ok(addr)
}

async fn get_once(sender: &mut Sender, path: &str, cookie: Option<&str>) -> anyhow::Result<Bytes> {
    let mut req = hyper::Request::get(path).header("host", "localhost");
    if let Some(c) = cookie {
        req = req.header("cookie", c);
    }
    sender.ready().await?;
    let res = sender.send_request(req.body(Empty::new())?).await?;
    anyhow::ensure!(res.status() == 200, "GET {path}: {}", res.status());
    Ok(res.into_body().collect().await?.to_bytes())
}

/// Requests per second over one round, and every request's latency (µs).
async fn load(
    addr: SocketAddr,
    path: &str,
    cookie: Option<&str>,
    connections: usize,
    round: Duration,
) -> anyhow::Result<(u128, Vec<u128>)> {
    let deadline = Instant::now() + round;
    let mut tasks = Vec::new();
    for _ in 0..connections {
        let (path, cookie) = (path.to_owned(), cookie.map(str::to_owned));
        tasks.push(tokio::spawn(async move {
            let mut sender = connect(addr).await?;
            let mut latencies = Vec::new();
            while Instant::now() < deadline {
                let t = Instant::now();
                get_once(&mut sender, &path, cookie.as_deref()).await?;
                latencies.push(t.elapsed().as_micros());
            }
            anyhow::Ok(latencies)
        }));
    }
    let started = Instant::now();
    let mut all = Vec::new();
    for t in tasks {
        all.extend(t.await??);
    }
    let done = u128::try_from(all.len()).unwrap_or(u128::MAX);
    Ok((done * 1_000_000 / started.elapsed().as_micros().max(1), all))
}

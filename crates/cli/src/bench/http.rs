//! `bench http`: requests per second for the one-loan JSON read (`GET /api/v1/loans/{n}`:
//! bearer-token check, the loan view, JSON, every security layer and metrics), next to a
//! minimal axum handler that returns a JSON body of the same shape from memory. Both servers
//! run in this process, measured in alternating rounds by the same keep-alive client. The
//! read is measured twice: as served (from the instance's one-second cache after the first
//! read) and with `Cache-Control: no-cache` (the token check and the view read from the
//! database on every request; the token stays cached, as in production).

use super::{Sender, connect, percent};
use crate::input::{self, Failure};
use anyhow::Context;
use app::App;
use app::clock::SystemClock;
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

/// Arguments of `bench http`.
#[derive(Args)]
pub struct HttpArgs {
    /// Concurrent keep-alive connections
    #[arg(long, default_value = "16")]
    connections: String,
    /// Seconds per round
    #[arg(long, default_value = "3")]
    seconds: String,
    /// Rounds per server, alternating (the median is reported)
    #[arg(long, default_value = "5")]
    rounds: String,
    /// A PostgreSQL server to measure on (a scratch database is created and dropped);
    /// without it, a SQLite file in the temp directory
    #[arg(long)]
    postgres_url: Option<String>,
}

pub fn run(args: &HttpArgs) -> Result<(), Failure> {
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
    let plan = Plan {
        connections,
        round: Duration::from_secs(seconds),
        rounds,
    };
    rt.block_on(measure(plan, args.postgres_url.as_deref()))
        .map_err(Failure::Other)
}

#[derive(Clone, Copy)]
struct Plan {
    connections: usize,
    round: Duration,
    rounds: usize,
}

async fn measure(plan: Plan, postgres: Option<&str>) -> anyhow::Result<()> {
    let db = match postgres {
        Some(url) => store::testing::postgres(url, "bench_http").await,
        None => store::testing::sqlite("bench_http").await,
    };
    let vault = Vault::new(vec![Key::parse(&Key::generate("bench"))?])?;
    let app = App::new(
        db.store.clone(),
        Arc::new(SystemClock),
        vault,
        jiff::tz::TimeZone::get("America/New_York")?,
    )
    .with_demo(true);
    let demo = app.seed_demo().await?;
    let config = Config {
        listen: "127.0.0.1:0".parse()?,
        metrics_listen: None,
        run_worker: false,
        ..Config::default()
    };
    let ours = web::server::start(app, &config).await?;
    let ours_path = format!("/api/v1/loans/{}", demo[0].account_number);
    let token = Some(app::demo::DEMO_API_TOKEN);
    let body = fetch(ours.addr, &ours_path, token).await?;
    let minimal = minimal_server(body).await?;

    let (mut ours_rps, mut fresh_rps, mut base_rps) = (Vec::new(), Vec::new(), Vec::new());
    for _ in 0..plan.rounds {
        ours_rps.push(load(ours.addr, &ours_path, token, false, plan).await?);
        base_rps.push(load(minimal, "/loan", None, false, plan).await?);
        fresh_rps.push(load(ours.addr, &ours_path, token, true, plan).await?);
    }
    for v in [&mut ours_rps, &mut fresh_rps, &mut base_rps] {
        v.sort_unstable();
    }
    let (o, f, b) = (
        ours_rps[plan.rounds / 2],
        fresh_rps[plan.rounds / 2],
        base_rps[plan.rounds / 2],
    );
    println!(
        "bench http: one-loan JSON read on {}, {} connections, {} rounds of {} s, medians",
        db.store.backend(),
        plan.connections,
        plan.rounds,
        plan.round.as_secs()
    );
    println!(
        "  servicer GET /api/v1/loans/{{n}} as served:         {o:>8} req/s   rounds {ours_rps:?}"
    );
    println!(
        "  servicer with Cache-Control: no-cache (db read):   {f:>8} req/s   rounds {fresh_rps:?}"
    );
    println!(
        "  baseline minimal axum JSON handler:                {b:>8} req/s   rounds {base_rps:?}"
    );
    println!(
        "  servicer / baseline: {}   target: at least 50%",
        percent(o, b)
    );
    println!("  no-cache / baseline: {}", percent(f, b));
    ours.shutdown().await;
    db.finish().await;
    Ok(())
}

/// A bare axum server answering the same JSON body from memory.
async fn minimal_server(body: Bytes) -> anyhow::Result<SocketAddr> {
    let json: serde_json::Value = serde_json::from_slice(&body)?;
    let router = Router::new().route(
        "/loan",
        get(move || std::future::ready(axum::Json(json.clone()))),
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let addr = listener.local_addr()?;
    tokio::spawn(async move { axum::serve(listener, router).await });
    Ok(addr)
}

async fn get_once(
    sender: &mut Sender,
    path: &str,
    token: Option<&str>,
    fresh: bool,
) -> anyhow::Result<Bytes> {
    let mut req = hyper::Request::get(path).header("host", "localhost");
    if let Some(t) = token {
        req = req.header("authorization", format!("Bearer {t}"));
    }
    if fresh {
        req = req.header("cache-control", "no-cache");
    }
    sender.ready().await?;
    let res = sender.send_request(req.body(Empty::new())?).await?;
    anyhow::ensure!(res.status() == 200, "GET {path}: {}", res.status());
    Ok(res.into_body().collect().await?.to_bytes())
}

async fn fetch(addr: SocketAddr, path: &str, token: Option<&str>) -> anyhow::Result<Bytes> {
    get_once(&mut connect(addr).await?, path, token, false).await
}

/// Requests per second over one round: every connection sends requests back to back.
async fn load(
    addr: SocketAddr,
    path: &str,
    token: Option<&str>,
    fresh: bool,
    plan: Plan,
) -> anyhow::Result<u128> {
    let deadline = Instant::now() + plan.round;
    let mut tasks = Vec::new();
    for _ in 0..plan.connections {
        let (path, token) = (path.to_owned(), token.map(str::to_owned));
        tasks.push(tokio::spawn(async move {
            let mut sender = connect(addr).await?;
            let mut done: u128 = 0;
            while Instant::now() < deadline {
                get_once(&mut sender, &path, token.as_deref(), fresh).await?;
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

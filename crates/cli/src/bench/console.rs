//! `bench console`: the console's account view of a borrower with three loans (`GET
//! /console/borrowers/{id}` as a signed-in agent: staff session check, the borrower, every
//! loan in detail with its activity, schedule and statements, notes, threads, sign-in state,
//! the staff's actions on the account, the page rendered, every security layer and metrics)
//! and the same view through the staff API (`GET /api/v1/borrowers/{id}` with a bearer
//! token, as JSON), each next to a minimal axum handler that returns the same body from
//! memory; requests per second and p99 latency, both servers in this process, measured in
//! alternating rounds by the same keep-alive client.
//!
//! Every account view is audited: each request to Servicer also writes an audit record (one
//! write transaction per request), which the minimal handlers do not.

use super::{Sender, connect, percent};
use crate::input::{self, Failure};
use anyhow::Context;
use app::App;
use app::access::Actor;
use app::clock::SystemClock;
use app::identity::ClientInfo;
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

/// The bench's console user (an agent: may see accounts).
const AGENT_EMAIL: &str = "bench.agent@example.com";
/// Their password (long and uncommon, as the staff policy asks).
const AGENT_PASSWORD: &str = "copper harbor lantern 42";
/// Requests each server answers on one connection before the rounds, every one checked.
const WARM_UP: usize = 20;

/// Arguments of `bench console`.
#[derive(Args)]
pub struct ConsoleArgs {
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

pub fn run(args: &ConsoleArgs) -> Result<(), Failure> {
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

/// Seeds the demo portfolio and finds Maria (three loans) as the console's search does; her
/// borrower id.
async fn maria(app: &App) -> anyhow::Result<i64> {
    let demo = app.seed_demo().await?;
    let maria = &demo[0];
    let found = app
        .search_borrowers(
            &Actor::Operator("bench"),
            &maria.account_number.to_string(),
            1,
        )
        .await?;
    let hit = found
        .borrowers
        .first()
        .with_context(|| format!("the search finds {}", maria.name))?;
    anyhow::ensure!(
        hit.name == maria.name,
        "the search for {} found {}",
        maria.name,
        hit.name
    );
    Ok(hit.id.0)
}

/// Adds the bench's agent (as `servicer staff add` does) and signs them in with password and
/// authenticator code through the real use case; their console session token.
async fn agent_signed_in(app: &App) -> anyhow::Result<String> {
    let added = app
        .add_staff(
            AGENT_EMAIL,
            "Bench Agent",
            "agent",
            AGENT_PASSWORD,
            &Actor::Operator("bench"),
        )
        .await?;
    let authenticator = totp_rs::Totp::from_url(&added.url)
        .map_err(|e| anyhow::anyhow!("the agent's authenticator address: {e}"))?;
    let code = authenticator
        .generate(u64::try_from(app.now_us() / 1_000_000)?)
        .to_string();
    let client = ClientInfo {
        ip: "127.0.0.1".into(),
        user_agent: "bench".into(),
    };
    Ok(app
        .staff_sign_in(AGENT_EMAIL, AGENT_PASSWORD, &code, &client)
        .await?)
}

/// Serves Maria's account view (console page and API) and the minimal handlers' copies of
/// them, alternates rounds of load on each, and prints the medians and latencies.
async fn measure(
    connections: usize,
    round: Duration,
    rounds: usize,
    postgres: Option<&str>,
) -> anyhow::Result<()> {
    let db = match postgres {
        Some(url) => store::testing::postgres(url, "bench_console").await,
        None => store::testing::sqlite("bench_console").await,
    };
    let app = bench_app(&db.store)?;
    let borrower = maria(&app).await?;
    let token = agent_signed_in(&app).await?;
    let config = Config {
        listen: "127.0.0.1:0".parse()?,
        metrics_listen: None,
        run_worker: false,
        ..Config::default()
    };
    let ours = web::server::start(app, &config).await?;
    let console = Target {
        path: format!("/console/borrowers/{borrower}"),
        header: Some((
            "cookie",
            format!("{}={token}", web::console::CONSOLE_COOKIE),
        )),
    };
    let api = Target {
        path: format!("/api/v1/borrowers/{borrower}"),
        header: Some((
            "authorization",
            format!("Bearer {}", app::demo::DEMO_API_TOKEN),
        )),
    };
    let page = account_page(ours.addr, &console).await?;
    let json = account_json(ours.addr, &api).await?;
    let sizes = (page.len(), json.len());
    let minimal = minimal_server(page, json).await?;
    let minimal_page = Target {
        path: "/page".into(),
        header: None,
    };
    let minimal_json = Target {
        path: "/json".into(),
        header: None,
    };
    warm_up(minimal, &minimal_page)
        .await
        .context("warming up the minimal HTML handler")?;
    warm_up(minimal, &minimal_json)
        .await
        .context("warming up the minimal JSON handler")?;

    let mut s = Measured::default();
    for _ in 0..rounds {
        s.console
            .add(load(ours.addr, &console, connections, round).await?);
        s.html
            .add(load(minimal, &minimal_page, connections, round).await?);
        s.api.add(load(ours.addr, &api, connections, round).await?);
        s.json
            .add(load(minimal, &minimal_json, connections, round).await?);
    }
    let plan = Plan {
        backend: db.store.backend(),
        connections,
        round,
        rounds,
        sizes,
    };
    report(&plan, s);
    ours.shutdown().await;
    db.finish().await;
    Ok(())
}

/// An app on `store` in demo mode (the demo's API token works only there), New York time,
/// with a throwaway vault key.
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

/// Warms up the console's account page on the server at `addr` (every answer a 200), checking
/// it shows three loans; the page.
async fn account_page(addr: SocketAddr, console: &Target) -> anyhow::Result<Bytes> {
    let page = warm_up(addr, console)
        .await
        .with_context(|| format!("warming up the console's GET {}", console.path))?;
    let loans = String::from_utf8_lossy(&page)
        .matches("class=\"loan-card\"")
        .count();
    anyhow::ensure!(
        loans == 3,
        "the account page shows three loans, not {loans}"
    );
    Ok(page)
}

/// Warms up the API's account read on the server at `addr` (every answer a 200), checking it
/// holds three loans; the body.
async fn account_json(addr: SocketAddr, api: &Target) -> anyhow::Result<Bytes> {
    let body = warm_up(addr, api)
        .await
        .with_context(|| format!("warming up the API's GET {}", api.path))?;
    let json: serde_json::Value = serde_json::from_slice(&body)?;
    let loans = json["loans"].as_array().map_or(0, Vec::len);
    anyhow::ensure!(
        loans == 3,
        "the API's account read holds three loans, not {loans}"
    );
    Ok(body)
}

/// Sends [`WARM_UP`] requests for `target` on one connection, every answer checked to be a
/// 200; the last body.
async fn warm_up(addr: SocketAddr, target: &Target) -> anyhow::Result<Bytes> {
    let mut sender = connect(addr).await?;
    let mut body = get_once(&mut sender, target).await?;
    for _ in 1..WARM_UP {
        body = get_once(&mut sender, target).await?;
    }
    Ok(body)
}

/// What one load client asks for: a path and the header that signs it in, if any.
#[derive(Clone)]
struct Target {
    /// The path.
    path: String,
    /// The header (name, value) that signs the request in: the console's cookie or the API's
    /// bearer token.
    header: Option<(&'static str, String)>,
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

    /// The median requests per second of `rounds` rounds.
    fn median(&mut self, rounds: usize) -> u128 {
        self.rps.sort_unstable();
        self.rps[rounds / 2]
    }
}

/// The four measurements of a run.
#[derive(Default)]
struct Measured {
    /// Servicer's console account page.
    console: Samples,
    /// The minimal handler's copy of the page.
    html: Samples,
    /// Servicer's API account read.
    api: Samples,
    /// The minimal handler's copy of the JSON.
    json: Samples,
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
    /// The bytes of the page and of the JSON.
    sizes: (usize, usize),
}

/// Prints the median requests per second and the latencies of Servicer and the baselines.
fn report(plan: &Plan, mut s: Measured) {
    let Plan {
        backend,
        connections,
        round,
        rounds,
        sizes: (page_bytes, json_bytes),
    } = *plan;
    let (c, h, a, j) = (
        s.console.median(rounds),
        s.html.median(rounds),
        s.api.median(rounds),
        s.json.median(rounds),
    );
    println!(
        "bench console: the account view of a borrower with 3 loans on {}, {connections} connections, {rounds} rounds of {} s, medians",
        backend,
        round.as_secs()
    );
    println!(
        "  every account view is audited: each servicer request below also writes an audit record (one write transaction); the minimal handlers write nothing"
    );
    line(
        &format!("servicer GET /console/borrowers/{{id}} (agent, {page_bytes} B)"),
        c,
        &mut s.console,
    );
    line(
        "baseline minimal axum HTML handler (same page)",
        h,
        &mut s.html,
    );
    line(
        &format!("servicer GET /api/v1/borrowers/{{id}} (token, {json_bytes} B)"),
        a,
        &mut s.api,
    );
    line(
        "baseline minimal axum JSON handler (same body)",
        j,
        &mut s.json,
    );
    println!(
        "  console account view / minimal HTML: {}   target: at least 50%",
        percent(c, h)
    );
    println!(
        "  API account view / minimal JSON:     {}   target: at least 50%",
        percent(a, j)
    );
}

/// Prints one server's line: its median requests per second, latencies and rounds.
fn line(label: &str, median: u128, samples: &mut Samples) {
    let p50 = pct(&mut samples.latencies, 50);
    let p99 = pct(&mut samples.latencies, 99);
    println!(
        "  {label:<56} {median:>8} req/s   p50 {p50:>6} µs   p99 {p99:>6} µs   rounds {:?}",
        samples.rps
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

/// A bare axum server answering the same page (`/page`) and JSON (`/json`) from memory.
async fn minimal_server(page: Bytes, json: Bytes) -> anyhow::Result<SocketAddr> {
    let html = String::from_utf8(page.to_vec())?;
    let json: serde_json::Value = serde_json::from_slice(&json)?;
    let router = Router::new()
        .route(
            "/page",
            get(move || std::future::ready(axum::response::Html(html.clone()))),
        )
        .route(
            "/json",
            get(move || std::future::ready(axum::Json(json.clone()))),
        );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let addr = listener.local_addr()?;
    tokio::spawn(async move { axum::serve(listener, router).await });
    Ok(addr)
}

/// One request for `target`; anything but a 200 fails the bench, naming the status, where a
/// redirect led and the start of the body.
async fn get_once(sender: &mut Sender, target: &Target) -> anyhow::Result<Bytes> {
    let mut req = hyper::Request::get(target.path.as_str()).header("host", "localhost");
    if let Some((name, value)) = &target.header {
        req = req.header(*name, value.as_str());
    }
    sender.ready().await?;
    let res = sender.send_request(req.body(Empty::new())?).await?;
    let status = res.status();
    if status != 200 {
        let location = res
            .headers()
            .get("location")
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
            .to_owned();
        let body = res.into_body().collect().await?.to_bytes();
        let body = String::from_utf8_lossy(&body);
        anyhow::bail!(
            "GET {} answered {status} (expected 200){}: {}",
            target.path,
            if location.is_empty() {
                String::new()
            } else {
                format!(", to {location}")
            },
            body.chars().take(300).collect::<String>()
        );
    }
    Ok(res.into_body().collect().await?.to_bytes())
}

/// Requests per second over one round, and every request's latency (µs).
async fn load(
    addr: SocketAddr,
    target: &Target,
    connections: usize,
    round: Duration,
) -> anyhow::Result<(u128, Vec<u128>)> {
    let deadline = Instant::now() + round;
    let mut tasks = Vec::new();
    for _ in 0..connections {
        let target = target.clone();
        tasks.push(tokio::spawn(async move {
            let mut sender = connect(addr).await?;
            let mut latencies = Vec::new();
            while Instant::now() < deadline {
                let t = Instant::now();
                get_once(&mut sender, &target).await?;
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

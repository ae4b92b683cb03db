//! What the HTTP benchmarks (`bench http`, `bench dashboard`, `bench console`) share: their
//! options, a demo app on a scratch database and Servicer serving it, a bare axum server
//! answering the same bytes from memory as the baseline, and the keep-alive load client that
//! measures both in alternating rounds. What differs between the benchmarks is passed in (the
//! paths, the headers that sign a request in, HTML or JSON) or stays theirs (seeding and
//! signing in, the checks of a body, the lines around the measured ones).

use super::{Sender, connect};
use crate::input::{self, Failure};
use anyhow::Context;
use app::App;
use app::clock::SystemClock;
use app::demo::DemoBorrower;
use app::vault::{Key, Vault};
use axum::Router;
use axum::response::IntoResponse;
use axum::routing::get;
use clap::Args;
use http_body_util::{BodyExt, Empty};
use hyper::body::Bytes;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::{Duration, Instant};
use web::Config;

/// The options of an HTTP benchmark: `http`, `dashboard` and `console` take the same.
#[derive(Args)]
pub struct LoadArgs {
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

/// How the load runs, and on what.
#[derive(Clone, Copy)]
pub struct Plan {
    /// Concurrent keep-alive connections.
    pub connections: usize,
    /// The length of a round.
    pub round: Duration,
    /// Rounds per server.
    pub rounds: usize,
    /// The database backend's name, for the report.
    pub backend: &'static str,
}

impl Plan {
    /// Prints a report's first line: `what` was measured, on which backend and how.
    pub fn headline(&self, what: &str) {
        println!(
            "{what} on {}, {} connections, {} rounds of {} s, medians",
            self.backend,
            self.connections,
            self.rounds,
            self.round.as_secs()
        );
    }
}

/// Runs a benchmark's `measure` with the plan the options ask for, on an app in demo mode
/// over a scratch database named `name` (on the PostgreSQL server the options name, otherwise
/// a SQLite file in the temp directory; dropped once measured) with the demo seeded, and the
/// demo's Maria (three loans), whom every HTTP benchmark reads. It runs on a multi-threaded
/// runtime of its own: the load client and both servers share it, as they share the machine.
/// Each option must be at least 1: a round of no connections or no time measures nothing.
pub fn run<F>(
    args: &LoadArgs,
    name: &str,
    measure: impl FnOnce(Plan, App, DemoBorrower) -> F,
) -> Result<(), Failure>
where
    F: std::future::Future<Output = anyhow::Result<()>>,
{
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
    rt.block_on(async {
        let db = match args.postgres_url.as_deref() {
            Some(url) => store::testing::postgres(url, name).await,
            None => store::testing::sqlite(name).await,
        };
        let plan = Plan {
            connections,
            round: Duration::from_secs(seconds),
            rounds,
            backend: db.store.backend(),
        };
        let app = demo_app(&db.store)?;
        let maria = app
            .seed_demo()
            .await?
            .into_iter()
            .next()
            .context("the demo seeds no borrower")?;
        measure(plan, app, maria).await?;
        db.finish().await;
        anyhow::Ok(())
    })
    .map_err(Failure::Other)
}

/// An app on `store` in demo mode (the demo's API token works only there), New York time,
/// with a throwaway vault key.
fn demo_app(store: &store::Store) -> anyhow::Result<App> {
    let vault = Vault::new(vec![Key::parse(&Key::generate("bench"))?])?;
    Ok(App::new(
        store.clone(),
        Arc::new(SystemClock),
        vault,
        jiff::tz::TimeZone::get("America/New_York")?,
    )
    .with_demo(true))
}

/// Starts Servicer on `app` on a free local port, without the metrics listener or the worker:
/// nothing runs in it but the requests measured.
pub async fn serve(app: App) -> anyhow::Result<web::server::Running> {
    let config = Config {
        listen: "127.0.0.1:0".parse()?,
        metrics_listen: None,
        run_worker: false,
        ..Config::default()
    };
    Ok(web::server::start(app, &config).await?)
}

/// What one load client asks for: a path and the headers that go with it (the cookie or
/// bearer token that signs it in, a `Cache-Control`), which differ by benchmark.
#[derive(Clone)]
pub struct Target {
    /// The path.
    pub path: String,
    /// The headers (name, value) sent after `host`, in order.
    headers: Vec<(&'static str, String)>,
}

impl Target {
    /// `path`, with no header but `host` (what the minimal server needs).
    pub fn new(path: impl Into<String>) -> Self {
        Target {
            path: path.into(),
            headers: Vec::new(),
        }
    }

    /// The same target with the header `name: value` sent too.
    pub fn header(mut self, name: &'static str, value: impl Into<String>) -> Self {
        self.headers.push((name, value.into()));
        self
    }
}

/// A body the minimal server answers from memory, typed as a plain axum handler would type
/// it.
pub enum Canned {
    /// A page, answered as `Html`.
    Html(Bytes),
    /// A JSON body, parsed once and answered as `Json`: serialized on every request, as a
    /// handler that serializes its data is.
    Json(Bytes),
    /// A JSON body answered as the same bytes from memory (typed `application/json`): the
    /// baseline of a read Servicer keeps already serialized, so it is not flattered by the
    /// baseline's own serializing.
    JsonBytes(Bytes),
}

/// A bare axum server answering each path's body from memory: the baseline, with none of
/// Servicer's layers, reads or rendering.
pub async fn minimal_server(
    routes: impl IntoIterator<Item = (&'static str, Canned)>,
) -> anyhow::Result<SocketAddr> {
    let mut router: Router = Router::new();
    for (path, body) in routes {
        router = match body {
            Canned::Html(page) => {
                let html = String::from_utf8(page.to_vec())?;
                router.route(
                    path,
                    get(move || std::future::ready(axum::response::Html(html.clone()))),
                )
            }
            Canned::JsonBytes(body) => router.route(
                path,
                get(move || {
                    std::future::ready(
                        (
                            [(axum::http::header::CONTENT_TYPE, "application/json")],
                            body.clone(),
                        )
                            .into_response(),
                    )
                }),
            ),
            Canned::Json(body) => {
                let json: serde_json::Value = serde_json::from_slice(&body)?;
                router.route(
                    path,
                    get(move || std::future::ready(axum::Json(json.clone()))),
                )
            }
        };
    }
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let addr = listener.local_addr()?;
    tokio::spawn(async move { axum::serve(listener, router).await });
    Ok(addr)
}

/// Sends `times` requests (at least one) for `target` on one connection, every answer checked
/// to be a 200; the last body. One fetches the body a benchmark checks and the baseline
/// copies; more warm the server up before the rounds.
pub async fn warm_up(addr: SocketAddr, target: &Target, times: usize) -> anyhow::Result<Bytes> {
    let mut sender = connect(addr).await?;
    let mut body = get_once(&mut sender, target).await?;
    for _ in 1..times {
        body = get_once(&mut sender, target).await?;
    }
    Ok(body)
}

/// How many loan cards a page shows: the dashboard and the console's account page are
/// checked to show all three of Maria's loans before they are measured.
pub fn loan_cards(page: &[u8]) -> usize {
    String::from_utf8_lossy(page)
        .matches("class=\"loan-card\"")
        .count()
}

/// One server's measurements: each round's requests per second and every request's latency.
#[derive(Default)]
pub struct Samples {
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

    /// The median requests per second of the rounds; sorts them, so that they print in order.
    pub fn median(&mut self) -> u128 {
        self.rps.sort_unstable();
        self.rps[self.rps.len() / 2]
    }

    /// The `p`th percentile of the latencies, in microseconds.
    fn latency(&mut self, p: usize) -> u128 {
        self.latencies.sort_unstable();
        self.latencies
            .get((self.latencies.len().saturating_sub(1)) * p / 100)
            .copied()
            .unwrap_or(0)
    }

    /// Prints this server's line: `label` padded to `width`, the median requests per second,
    /// the p50 and p99 latencies when `latencies` (the benchmarks that quote them), and the
    /// rounds.
    pub fn line(&mut self, label: &str, width: usize, latencies: bool) {
        let median = self.median();
        let latencies = if latencies {
            let (p50, p99) = (self.latency(50), self.latency(99));
            format!("   p50 {p50:>6} µs   p99 {p99:>6} µs")
        } else {
            String::new()
        };
        println!(
            "  {label:<width$} {median:>8} req/s{latencies}   rounds {:?}",
            self.rps
        );
    }
}

/// Runs `plan.rounds` rounds of load on each (server, target) in turn, so that the machine's
/// drift falls on all of them alike; each one's samples, in the order given.
pub async fn alternate<const N: usize>(
    plan: Plan,
    series: [(SocketAddr, &Target); N],
) -> anyhow::Result<[Samples; N]> {
    let mut samples: [Samples; N] = std::array::from_fn(|_| Samples::default());
    for _ in 0..plan.rounds {
        for ((addr, target), s) in series.iter().zip(&mut samples) {
            s.add(load(*addr, target, plan).await?);
        }
    }
    Ok(samples)
}

/// One request for `target`; anything but a 200 fails the bench, naming the status, where a
/// redirect led and the start of the body.
async fn get_once(sender: &mut Sender, target: &Target) -> anyhow::Result<Bytes> {
    let mut req = hyper::Request::get(target.path.as_str()).header("host", "localhost");
    for (name, value) in &target.headers {
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

/// Requests per second over one round, every connection sending requests back to back, and
/// every request's latency (µs).
async fn load(addr: SocketAddr, target: &Target, plan: Plan) -> anyhow::Result<(u128, Vec<u128>)> {
    let deadline = Instant::now() + plan.round;
    let mut tasks = Vec::new();
    for _ in 0..plan.connections {
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

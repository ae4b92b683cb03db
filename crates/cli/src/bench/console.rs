//! `bench console`: the console's account view of a borrower with three loans (`GET
//! /console/borrowers/{id}` as a signed-in agent: staff session check, the borrower, every
//! loan in detail with its activity, schedule and statements, notes, threads, sign-in state,
//! the staff's actions on the account, the page rendered, every security layer and metrics)
//! and the same view through the staff API (`GET /api/v1/borrowers/{id}` with a bearer
//! token, as JSON), each next to a minimal axum handler that returns the same body from
//! memory; requests per second and p99 latency, both servers in this process, measured in
//! alternating rounds by the same keep-alive client.
//!
//! Every account view is audited: each request to Servicer also waits for its audit record's
//! commit (the records of the same moment share one transaction: `app`'s read audit), which
//! the minimal handlers do not. The page or JSON made for this session or client in the last
//! second is answered again, as in production, so these rounds, which read one borrower over
//! and over, mostly measure that path; a third series asks the API for `Cache-Control:
//! no-cache`, which assembles every view afresh (every loan replayed), to show what a view
//! costs when nothing is kept.

use super::load::{self, Canned, LoadArgs, Plan, Samples, Target};
use super::percent;
use crate::input::Failure;
use anyhow::Context;
use app::App;
use app::access::Actor;
use app::demo::DemoBorrower;
use app::identity::ClientInfo;
use hyper::body::Bytes;
use std::net::SocketAddr;

/// The bench's console user (an agent: may see accounts).
const AGENT_EMAIL: &str = "bench.agent@example.com";
/// Their password (long and uncommon, as the staff policy asks).
const AGENT_PASSWORD: &str = "copper harbor lantern 42";
/// Requests each server answers on one connection before the rounds, every one checked.
const WARM_UP: usize = 20;

/// Arguments of `bench console`: those of every HTTP benchmark.
pub type ConsoleArgs = LoadArgs;

pub fn run(args: &ConsoleArgs) -> Result<(), Failure> {
    load::run(args, "bench_console", measure)
}

/// Finds the demo's Maria (three loans) as the console's search does; her borrower id.
async fn borrower_id(app: &App, maria: &DemoBorrower) -> anyhow::Result<i64> {
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
async fn measure(plan: Plan, app: App, maria: DemoBorrower) -> anyhow::Result<()> {
    let borrower = borrower_id(&app, &maria).await?;
    let token = agent_signed_in(&app).await?;
    let ours = load::serve(app).await?;
    let console = Target::new(format!("/console/borrowers/{borrower}")).header(
        "cookie",
        format!("{}={token}", web::console::CONSOLE_COOKIE),
    );
    let api = Target::new(format!("/api/v1/borrowers/{borrower}")).header(
        "authorization",
        format!("Bearer {}", app::demo::DEMO_API_TOKEN),
    );
    let fresh = Target::new(format!("/api/v1/borrowers/{borrower}"))
        .header(
            "authorization",
            format!("Bearer {}", app::demo::DEMO_API_TOKEN),
        )
        .header("cache-control", "no-cache");
    let page = account_page(ours.addr, &console).await?;
    let json = account_json(ours.addr, &api).await?;
    let sizes = (page.len(), json.len());
    let minimal = load::minimal_server([
        ("/page", Canned::Html(page)),
        ("/json", Canned::JsonBytes(json)),
    ])
    .await?;
    let minimal_page = Target::new("/page");
    let minimal_json = Target::new("/json");
    load::warm_up(minimal, &minimal_page, WARM_UP)
        .await
        .context("warming up the minimal HTML handler")?;
    load::warm_up(minimal, &minimal_json, WARM_UP)
        .await
        .context("warming up the minimal JSON handler")?;

    let [console_samples, html, api_samples, json, fresh_samples] = load::alternate(
        plan,
        [
            (ours.addr, &console),
            (minimal, &minimal_page),
            (ours.addr, &api),
            (minimal, &minimal_json),
            (ours.addr, &fresh),
        ],
    )
    .await?;
    let s = Measured {
        console: console_samples,
        html,
        api: api_samples,
        json,
        fresh: fresh_samples,
    };
    report(plan, sizes, s);
    ours.shutdown().await;
    Ok(())
}

/// Warms up the console's account page on the server at `addr` (every answer a 200), checking
/// it shows three loans; the page.
async fn account_page(addr: SocketAddr, console: &Target) -> anyhow::Result<Bytes> {
    let page = load::warm_up(addr, console, WARM_UP)
        .await
        .with_context(|| format!("warming up the console's GET {}", console.path))?;
    let loans = load::loan_cards(&page);
    anyhow::ensure!(
        loans == 3,
        "the account page shows three loans, not {loans}"
    );
    Ok(page)
}

/// Warms up the API's account read on the server at `addr` (every answer a 200), checking it
/// holds three loans; the body.
async fn account_json(addr: SocketAddr, api: &Target) -> anyhow::Result<Bytes> {
    let body = load::warm_up(addr, api, WARM_UP)
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

/// The four measurements of a run.
struct Measured {
    /// Servicer's console account page.
    console: Samples,
    /// The minimal handler's copy of the page.
    html: Samples,
    /// Servicer's API account read.
    api: Samples,
    /// The minimal handler's copy of the JSON.
    json: Samples,
    /// Servicer's API account read with `Cache-Control: no-cache` (assembled every time).
    fresh: Samples,
}

/// Prints the median requests per second and the latencies of Servicer and the baselines;
/// `sizes` are the bytes of the page and of the JSON.
fn report(plan: Plan, sizes: (usize, usize), mut s: Measured) {
    let (page_bytes, json_bytes) = sizes;
    let (c, h, a, j) = (
        s.console.median(),
        s.html.median(),
        s.api.median(),
        s.json.median(),
    );
    plan.headline("bench console: the account view of a borrower with 3 loans");
    println!(
        "  every account view is audited: each servicer request below waits for its audit record's commit (group-committed); the minimal handlers write nothing"
    );
    s.console.line(
        &format!("servicer GET /console/borrowers/{{id}} (agent, {page_bytes} B)"),
        56,
        true,
    );
    s.html
        .line("baseline minimal axum HTML handler (same page)", 56, true);
    s.api.line(
        &format!("servicer GET /api/v1/borrowers/{{id}} (token, {json_bytes} B)"),
        56,
        true,
    );
    s.json
        .line("baseline minimal axum handler (same JSON bytes)", 56, true);
    s.fresh.line(
        "servicer GET /api/v1/borrowers/{id}, no-cache (afresh)",
        56,
        true,
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

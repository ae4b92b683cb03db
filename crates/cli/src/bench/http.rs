//! `bench http`: requests per second for the one-loan JSON read (`GET /api/v1/loans/{n}`:
//! bearer-token check, the loan view, JSON, every security layer and metrics), next to a
//! minimal axum handler that returns a JSON body of the same shape from memory. Both servers
//! run in this process, measured in alternating rounds by the same keep-alive client. The
//! read is measured twice: as served (from the instance's one-second cache after the first
//! read) and with `Cache-Control: no-cache` (the token check and the view read from the
//! database on every request; the token stays cached, as in production).

use super::load::{self, Canned, LoadArgs, Plan, Samples, Target};
use super::percent;
use crate::input::Failure;
use app::App;
use app::demo::DemoBorrower;

/// Arguments of `bench http`: those of every HTTP benchmark.
pub type HttpArgs = LoadArgs;

pub fn run(args: &HttpArgs) -> Result<(), Failure> {
    load::run(args, "bench_http", measure)
}

/// Serves the loan of Maria's account number and the minimal handler's copy of its JSON,
/// alternates rounds of load on each (as served, the baseline, without the cache), and prints
/// the medians.
async fn measure(plan: Plan, app: App, maria: DemoBorrower) -> anyhow::Result<()> {
    let ours = load::serve(app).await?;
    let served = Target::new(format!("/api/v1/loans/{}", maria.account_number)).header(
        "authorization",
        format!("Bearer {}", app::demo::DEMO_API_TOKEN),
    );
    let fresh = served.clone().header("cache-control", "no-cache");
    let body = load::warm_up(ours.addr, &served, 1).await?;
    let minimal = load::minimal_server([("/loan", Canned::Json(body))]).await?;
    let baseline = Target::new("/loan");

    let [as_served, base, no_cache] = load::alternate(
        plan,
        [
            (ours.addr, &served),
            (minimal, &baseline),
            (ours.addr, &fresh),
        ],
    )
    .await?;
    report(plan, as_served, no_cache, base);
    ours.shutdown().await;
    Ok(())
}

/// Prints the median requests per second of the read as served, without the cache and of the
/// baseline.
fn report(plan: Plan, mut ours: Samples, mut fresh: Samples, mut base: Samples) {
    let (o, f, b) = (ours.median(), fresh.median(), base.median());
    plan.headline("bench http: one-loan JSON read");
    // The as-served label is padded one column short of the others, as the logs quote it.
    ours.line("servicer GET /api/v1/loans/{n} as served:", 49, false);
    fresh.line(
        "servicer with Cache-Control: no-cache (db read):",
        50,
        false,
    );
    base.line("baseline minimal axum JSON handler:", 50, false);
    println!(
        "  servicer / baseline: {}   target: at least 50%",
        percent(o, b)
    );
    println!("  no-cache / baseline: {}", percent(f, b));
}

//! `bench dashboard`: the signed-in dashboard of a borrower with three loans (`GET
//! /dashboard`: session check, the login's loans, unread messages, the page rendered, every
//! security layer and metrics) next to a minimal axum handler that returns the same HTML
//! from memory; requests per second and p99 latency, both servers in this process, measured
//! in alternating rounds by the same keep-alive client.

use super::load::{self, Canned, LoadArgs, Plan, Samples, Target};
use super::percent;
use crate::input::Failure;
use anyhow::Context;
use app::App;
use app::demo::DemoBorrower;
use app::identity::ClientInfo;
use app::identity::enroll::EnrollmentFacts;
use hyper::body::Bytes;
use std::net::SocketAddr;

/// Arguments of `bench dashboard`: those of every HTTP benchmark.
pub type DashboardArgs = LoadArgs;

pub fn run(args: &DashboardArgs) -> Result<(), Failure> {
    load::run(args, "bench_dashboard", measure)
}

/// Enrols the demo's Maria (three loans) through the real use cases; her session token.
async fn signed_in(app: &App, maria: &DemoBorrower) -> anyhow::Result<String> {
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
                .find(|m| is_code_subject(&m.message.subject))
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
async fn measure(plan: Plan, app: App, maria: DemoBorrower) -> anyhow::Result<()> {
    let token = signed_in(&app, &maria).await?;
    let ours = load::serve(app).await?;
    let dashboard = Target::new("/dashboard").header("cookie", format!("__Host-session={token}"));
    let page = dashboard_page(ours.addr, &dashboard).await?;
    let minimal = load::minimal_server([("/dashboard", Canned::Html(page))]).await?;
    let baseline = Target::new("/dashboard");

    let [servicer, base] =
        load::alternate(plan, [(ours.addr, &dashboard), (minimal, &baseline)]).await?;
    report(plan, servicer, base);
    ours.shutdown().await;
    Ok(())
}

/// Fetches the signed-in dashboard once from the server at `addr`, checking it shows three
/// loans.
async fn dashboard_page(addr: SocketAddr, dashboard: &Target) -> anyhow::Result<Bytes> {
    let page = load::warm_up(addr, dashboard, 1).await?;
    anyhow::ensure!(
        load::loan_cards(&page) == 3,
        "the dashboard shows three loans"
    );
    Ok(page)
}

/// Prints the median requests per second and the latencies of Servicer and the baseline.
fn report(plan: Plan, mut ours: Samples, mut base: Samples) {
    let (o, b) = (ours.median(), base.median());
    plan.headline("bench dashboard: a borrower with 3 loans");
    ours.line("servicer GET /dashboard (signed in):", 38, true);
    base.line("baseline minimal axum HTML handler:", 38, true);
    println!(
        "  servicer / baseline: {}   target: at least 50%",
        percent(o, b)
    );
}

/// A one-time code's subject, in any language: "Your … code: 123456", "Su código de …: 123456".
fn is_code_subject(subject: &str) -> bool {
    subject
        .rsplit_once(": ")
        .is_some_and(|(_, code)| code.len() == 6 && code.chars().all(|c| c.is_ascii_digit()))
}

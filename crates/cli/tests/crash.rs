//! The crash test: a few thousand staff payments sent through the API with idempotency keys
//! by four clients, while the server is killed (SIGKILL) several times and started again;
//! the clients retry whatever did not answer. Afterwards, on SQLite and on PostgreSQL: every
//! payment is there exactly once (none lost, none doubled), the trial balance is zero, and
//! each loan's books agree with its balances.

use domain::account_number::AccountNumber;
use domain::ledger::Account;
use http_body_util::{BodyExt, Full};
use hyper::body::Bytes;
use std::collections::HashSet;
use std::net::SocketAddr;
use std::process::Stdio;
use std::time::Duration;
use test_support::cli::running_at;
use test_support::scratch;
use tokio::io::{AsyncBufReadExt, BufReader};
use tokio::process::{Child, Command};
use tokio::sync::watch;

const PAYMENTS: usize = 2_000;
const CLIENTS: usize = 4;
const KILLS: usize = 5;
/// The demo portfolio's active loans.
const LOANS: [u64; 4] = [
    521_840_000_000_101,
    521_840_000_000_102,
    521_840_000_000_103,
    521_840_000_000_301,
];

async fn start(dir: &std::path::Path, url: &str) -> (Child, SocketAddr) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_servicer"))
        .args(["serve", "--demo"])
        .current_dir(dir)
        .env("SERVICER_DATABASE_URL", url)
        .env("SERVICER_LISTEN", "127.0.0.1:0")
        .env("SERVICER_METRICS_LISTEN", "127.0.0.1:0")
        .env("SERVICER_LOG_LEVEL", "error")
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .kill_on_drop(true)
        .spawn()
        .expect("the servicer binary starts");
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    while let Some(line) = lines.next_line().await.unwrap() {
        if let Some(at) = running_at(&line) {
            let addr = at.parse().unwrap();
            // Keep draining stdout so the server never blocks on a full pipe.
            tokio::spawn(async move { while let Ok(Some(_)) = lines.next_line().await {} });
            return (child, addr);
        }
    }
    panic!("servicer exited before it was running");
}

/// Posts payment `i` once; `Some(id)` on an answer, `None` when the server did not answer.
async fn post(addr: SocketAddr, i: usize) -> Option<i64> {
    let stream = tokio::net::TcpStream::connect(addr).await.ok()?;
    let (mut sender, conn) =
        hyper::client::conn::http1::handshake(hyper_util::rt::TokioIo::new(stream))
            .await
            .ok()?;
    tokio::spawn(conn);
    let account = AccountNumber::from_base(LOANS[i % LOANS.len()]);
    let body = format!(
        r#"{{"amount":"{}.{:02}","channel":"lockbox"}}"#,
        1 + i % 3,
        i % 100
    );
    let req = hyper::Request::post(format!("/api/v1/loans/{account}/payments"))
        .header("host", "servicer")
        .header(
            "authorization",
            format!("Bearer {}", app::demo::DEMO_API_TOKEN),
        )
        .header("content-type", "application/json")
        .header("idempotency-key", format!("crash-test-{i:06}"))
        .body(Full::new(Bytes::from(body)))
        .unwrap();
    let answer = tokio::time::timeout(Duration::from_secs(10), sender.send_request(req))
        .await
        .ok()?
        .ok()?;
    let status = answer.status();
    let bytes = answer.into_body().collect().await.ok()?.to_bytes();
    if status.is_server_error() {
        return None;
    }
    assert!(
        status.is_success(),
        "payment {i}: {status} {}",
        String::from_utf8_lossy(&bytes)
    );
    let json: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
    json["id"].as_i64()
}

fn expected_cents(i: usize) -> i64 {
    i64::try_from((1 + i % 3) * 100 + i % 100).unwrap()
}

async fn run(db: store::testing::TestDb) {
    let dir = scratch::dir(&format!("crash-{}", db.store.backend()));
    let (mut child, addr) = start(&dir, &db.url).await;
    let (tx, rx) = watch::channel(addr);
    let clients: Vec<_> = (0..CLIENTS)
        .map(|c| {
            let rx = rx.clone();
            tokio::spawn(async move {
                let (mut ids, mut retries) = (Vec::new(), 0_usize);
                for i in (c..PAYMENTS).step_by(CLIENTS) {
                    loop {
                        let addr = *rx.borrow();
                        if let Some(id) = post(addr, i).await {
                            ids.push(id);
                            break;
                        }
                        retries += 1;
                        tokio::time::sleep(Duration::from_millis(20)).await;
                    }
                }
                (ids, retries)
            })
        })
        .collect();
    let mut kills = 0;
    while kills < KILLS {
        tokio::time::sleep(Duration::from_millis(600)).await;
        child.start_kill().unwrap(); // SIGKILL: no shutdown, no flush
        child.wait().await.unwrap();
        kills += 1;
        let (c, a) = start(&dir, &db.url).await;
        child = c;
        tx.send(a).unwrap();
    }
    let (mut ids, mut retries) = (HashSet::new(), 0);
    for c in clients {
        let (mine, r) = c.await.unwrap();
        ids.extend(mine);
        retries += r;
    }
    assert!(retries > 0, "the kills interrupted requests in flight");
    child.start_kill().unwrap();
    child.wait().await.unwrap();

    let store = store::Store::connect(&db.url).await.unwrap();
    assert_eq!(
        ids.len(),
        PAYMENTS,
        "every key answered with its own payment"
    );
    let expected: i64 = (0..PAYMENTS).map(expected_cents).sum();
    let counts = store.payment_counts().await.unwrap();
    assert_eq!(
        counts,
        vec![(
            domain::payment::PaymentStatus::Posted,
            i64::try_from(PAYMENTS).unwrap(),
            money::Money::from_cents(expected)
        )],
        "{} backend: none lost, none doubled",
        db.store.backend()
    );
    let tb = store.trial_balance(None).await.unwrap();
    assert!(tb.is_balanced(), "trial balance {tb:?}");
    for base in LOANS {
        let view = store
            .loan_view(AccountNumber::from_base(base))
            .await
            .unwrap()
            .unwrap();
        let books = store.trial_balance(Some(view.loan)).await.unwrap();
        let s = &view.snapshot;
        assert_eq!(
            (
                books.net(Account::PrincipalReceivable),
                books.net(Account::InterestReceivable),
                books.net(Account::FeesReceivable)
            ),
            (s.principal, s.interest, s.fees),
            "loan {base}: the books agree with the balances"
        );
    }
    println!(
        "{}: {PAYMENTS} payments by {CLIENTS} clients through {KILLS} SIGKILLs ({retries} requests retried): all there once, trial balance zero",
        db.store.backend()
    );
    store.close().await;
    let _ = std::fs::remove_dir_all(&dir);
    db.finish().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn payments_survive_sigkill_with_none_lost_or_doubled() {
    for db in store::testing::fresh("crash").await {
        run(db).await;
    }
}

//! Close of business killed (SIGKILL) at random points and run again: on SQLite and on
//! PostgreSQL, three business days of a boarded portfolio, each started and killed a few
//! times before it is let finish. Afterwards every loan (a sample of them, and the whole
//! ledger) is exactly where one uninterrupted run per day would have put it: its snapshot is
//! the replay of its history through the new business date, its books equal its snapshot (no
//! day accrued twice, none missed), and the trial balance is zero. The seed of the kill times
//! is printed; `COB_CRASH_SEED=n` repeats a run.

use domain::account_number::AccountNumber;
use domain::ledger::Account;
use std::process::Stdio;
use std::time::Duration;
use tokio::process::Command;

const LOANS: u64 = 6_000;
const FIRST_BASE: u64 = 521_840_200_000_000;
const DAYS: usize = 3;
const KILLS_PER_DAY: usize = 3;

fn cob(dir: &std::path::Path, url: &str, date: &str) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_servicer"));
    // The date itself: a run that finished before its kill leaves the next ones nothing.
    c.args(["cob", "--quiet", "--date", date])
        .current_dir(dir)
        .env("SERVICER_DATABASE_URL", url)
        .env("SERVICER_LOG_LEVEL", "error")
        // Small chunks: many transactions, so a kill lands between and inside them.
        .env("SERVICER_CLOSE_OF_BUSINESS__CHUNK_LOANS", "100")
        // A killed run's chunk is taken over at once by the next run.
        .env("SERVICER_CLOSE_OF_BUSINESS__LEASE_SECONDS", "10")
        .env("SERVICER_CLOSE_OF_BUSINESS__PRINT_DIR", dir.join("print"))
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .kill_on_drop(true);
    c
}

async fn run(db: store::testing::TestDb, seed: u64) {
    let dir = test_support::scratch::dir(&format!("cob-crash-{}", db.store.backend()));
    // The key `servicer serve --demo` would have left: the commands make none.
    test_support::cli::demo_key(&dir);
    // The portfolio, boarded on a pinned business date (a Monday).
    let (app, _clock) = app::clock::test_app(db.store.clone(), "2027-01-04T15:00:00Z");
    let mut tx = db.store.begin().await.unwrap();
    tx.put_setting(app::BUSINESS_DATE, "2027-01-04")
        .await
        .unwrap();
    tx.commit().await.unwrap();
    let loans = formats::boarding::synthetic(LOANS, FIRST_BASE, jiff::civil::date(2027, 1, 4));
    app.board(
        formats::boarding::write_loans(&loans).as_bytes(),
        None,
        false,
        &app::access::Actor::Operator("test"),
    )
    .await
    .unwrap();

    let mut rng = seed;
    let mut next = move || {
        rng = rng
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        rng >> 33
    };
    let mut killed_mid_run = 0;
    for _ in 0..DAYS {
        let before = db.store.setting(app::BUSINESS_DATE).await.unwrap();
        let date = before.clone().unwrap();
        let day: jiff::civil::Date = date.parse().unwrap();
        for k in 0..KILLS_PER_DAY {
            // Kill k of the day lands once k to k + 1.5 quarters of the loans are done (the
            // first may land while the process starts), and a few milliseconds after that:
            // between chunks or inside one, whatever the machine's speed (a fixed delay let a
            // fast run finish before its kill).
            let quarter = i64::try_from(LOANS / 4).unwrap();
            let jitter = i64::try_from(next() % (LOANS * 3 / 8)).unwrap() - quarter;
            let target = quarter * i64::try_from(k + 1).unwrap() + jitter;
            let mut child = cob(&dir, &db.url, &date).spawn().unwrap();
            loop {
                if child.try_wait().unwrap().is_some()
                    || db.store.cob_progress(day).await.unwrap().loans_done >= target
                {
                    break;
                }
                tokio::time::sleep(Duration::from_millis(5)).await;
            }
            tokio::time::sleep(Duration::from_millis(next() % 20)).await;
            child.start_kill().unwrap(); // SIGKILL: no shutdown, no flush
            child.wait().await.unwrap();
            killed_mid_run +=
                usize::from(db.store.setting(app::BUSINESS_DATE).await.unwrap() == before);
        }
        // The killed runs' chunks are leased for 10 s: wait them out, then finish the day.
        tokio::time::sleep(Duration::from_secs(11)).await;
        let out = cob(&dir, &db.url, &date).output().await.unwrap();
        assert!(
            out.status.success(),
            "the run after the kills completes the day (seed {seed}): {}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
    }
    assert_eq!(
        killed_mid_run,
        DAYS * KILLS_PER_DAY,
        "every kill landed inside a run (seed {seed})"
    );
    let store = store::Store::connect(&db.url).await.unwrap();
    let today: jiff::civil::Date = store
        .setting(app::BUSINESS_DATE)
        .await
        .unwrap()
        .unwrap()
        .parse()
        .unwrap();
    assert_eq!(
        today,
        jiff::civil::date(2027, 1, 7),
        "three business days closed"
    );
    assert!(store.trial_balance(None).await.unwrap().is_balanced());
    for i in (0..LOANS).step_by(37) {
        let view = store
            .loan_view(AccountNumber::from_base(FIRST_BASE + i))
            .await
            .unwrap()
            .unwrap();
        let record = store.loan(view.loan).await.unwrap();
        let history = store.history(view.loan).await.unwrap();
        let (_, expected) = app::snapshot::compute(
            &record.terms,
            &history,
            today,
            &domain::cycle::Cycle::default(),
        );
        assert_eq!(
            view.snapshot, expected,
            "loan {i} (seed {seed}): as one run per day would leave it"
        );
        let books = store.trial_balance(Some(view.loan)).await.unwrap();
        assert_eq!(
            (
                books.net(Account::PrincipalReceivable),
                books.net(Account::InterestReceivable),
                books.net(Account::FeesReceivable)
            ),
            (expected.principal, expected.interest, expected.fees),
            "loan {i} (seed {seed}): each day accrued exactly once"
        );
    }
    // Each closed day kept its aging once, whatever the kills: every loan counted once.
    let report = |date: &str| {
        std::process::Command::new(env!("CARGO_BIN_EXE_servicer"))
            .args(["report", "aging", "--date", date])
            .current_dir(&dir)
            .env("SERVICER_DATABASE_URL", &db.url)
            .env("SERVICER_LOG_LEVEL", "error")
            .output()
            .unwrap()
    };
    for date in ["2027-01-04", "2027-01-05", "2027-01-06"] {
        let out = report(date);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let csv = String::from_utf8(out.stdout).unwrap();
        let total = csv.lines().find(|l| l.starts_with("total,")).unwrap();
        assert_eq!(
            total.split(',').nth(1),
            Some(LOANS.to_string().as_str()),
            "{date}: every loan in the aging once (seed {seed})\n{csv}"
        );
    }
    let out = report("2027-01-02");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(
        out.status.code(),
        Some(2),
        "a Saturday has no aging: {stderr}"
    );
    assert!(stderr.contains("not a business day"), "{stderr}");
    println!(
        "{}: {LOANS} loans, {DAYS} days, {} SIGKILLs ({killed_mid_run} inside a run), seed {seed}: every loan accrued once per day, trial balance zero",
        db.store.backend(),
        DAYS * KILLS_PER_DAY
    );
    store.close().await;
    let _ = std::fs::remove_dir_all(&dir);
    db.finish().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn close_of_business_killed_at_random_points_completes_each_day_exactly_once() {
    let seed = std::env::var("COB_CRASH_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| u64::try_from(jiff::Timestamp::now().as_microsecond()).unwrap_or(1));
    println!("cob crash seed {seed} (COB_CRASH_SEED={seed} repeats it)");
    for db in store::testing::fresh("cob_crash").await {
        run(db, seed).await;
    }
}

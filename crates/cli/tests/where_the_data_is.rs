//! The operator's gotchas (issue 22, item 10), as an operator meets them with the real binary:
//! a command run outside the server's directory refuses, says where it looked and creates
//! nothing (no empty database, no demo key); and `servicer cob --until D` moves a demo forward
//! day by day as the scheduler would (the day's ACH file first, so a pending bank payment
//! posts), refuses a date in the past or too far ahead, and closes nothing twice when rerun.

use app::App;
use app::clock::SystemClock;
use app::payments::one_time::{AmountChoice, PaymentRequest};
use app::vault::Vault;
use domain::account_number::AccountNumber;
use domain::loan::ExtraTo;
use domain::payment::PaymentStatus;
use jiff::civil::Date;
use money::Money;
use std::path::Path;
use std::sync::Arc;
use store::testing::fresh;
use test_support::borrowers::{MARIA, add_bank_account, enrol, session};
use test_support::cli::{Servicer, demo_key, sqlite_url, text};
use test_support::clients::client;
use test_support::scratch;

const SERVICER: Servicer = Servicer(env!("CARGO_BIN_EXE_servicer"));

/// Maria Lopez's current loan in the demo portfolio.
const CURRENT: u64 = 521_840_000_000_101;

/// What is in `dir`, by name.
fn listing(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect()
}

#[test]
fn a_command_run_outside_the_servers_directory_refuses_and_creates_nothing() {
    let dir = scratch::dir("cli-nowhere");
    // The path the command looks at, as the process sees its working directory.
    let expected = dir.canonicalize().unwrap().join("servicer.db");
    let commands: [&[&str]; 8] = [
        &["cob"],
        &["cob", "--until", "2099-01-01"],
        &["report", "aging"],
        &["ach", "originate"],
        &["outbox"],
        &["audit", "verify"],
        &[
            "api-client",
            "create",
            "--name",
            "reporting",
            "--scope",
            "read",
        ],
        &[
            "staff",
            "add",
            "--email",
            "jlee@example.com",
            "--name",
            "J. Lee",
            "--role",
            "agent",
        ],
    ];
    for args in commands {
        // No SERVICER_DATABASE_URL: the default `sqlite://servicer.db`, in the directory.
        let out = SERVICER
            .command(&dir, "unused", args)
            .env_remove("SERVICER_DATABASE_URL")
            .output()
            .unwrap();
        let why = text(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{args:?}: {why}");
        assert!(
            why.contains(&format!("No database at {}.", expected.display())),
            "{args:?}: {why}"
        );
        assert!(
            why.contains("Run this where `servicer serve` runs")
                && why.contains("SERVICER_DATABASE_URL"),
            "{args:?}: {why}"
        );
        assert!(
            listing(&dir).is_empty(),
            "{args:?} created {:?}",
            listing(&dir)
        );
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_database_without_its_demo_key_is_refused_and_no_key_is_made() {
    let dir = scratch::dir("cli-no-key");
    let url = sqlite_url(&dir);
    // `migrate` may create the database, and makes no key (a schema needs none).
    let made = SERVICER.run(&dir, &url, &["migrate"]);
    assert!(made.status.success(), "{}", text(&made.stderr));
    assert!(dir.join("s.db").exists());
    assert!(!dir.join("servicer-demo.key").exists());
    let key = dir.canonicalize().unwrap().join("servicer-demo.key");
    for args in [&["cob"][..], &["outbox"], &["audit", "verify"]] {
        let out = SERVICER.run(&dir, &url, args);
        let why = text(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{args:?}: {why}");
        assert!(
            why.contains(&format!("no demo key at {}.", key.display()))
                && why.contains("SERVICER_ENCRYPTION_KEYS"),
            "{args:?}: {why}"
        );
        assert!(
            !dir.join("servicer-demo.key").exists(),
            "{args:?} made a demo key"
        );
    }
    let _ = std::fs::remove_dir_all(&dir);
}

/// `servicer cob` with `args` in `dir` on `url`: the outcome, stdout and stderr.
fn cob(dir: &Path, url: &str, args: &[&str]) -> (Option<i32>, String, String) {
    let args = [&["cob", "--quiet"][..], args].concat();
    let out = SERVICER.run(dir, url, &args);
    (out.status.code(), text(&out.stdout), text(&out.stderr))
}

/// The business date the database holds.
async fn business_date(store: &store::Store) -> Option<String> {
    store.setting(app::BUSINESS_DATE).await.unwrap()
}

#[tokio::test]
async fn cob_until_runs_each_day_as_the_scheduler_posts_a_pending_bank_payment_and_never_twice() {
    for db in fresh("cli-cob-until").await {
        let dir = scratch::dir(&format!("cli-cob-until-{}", db.store.backend()));
        // The demo as `servicer serve --demo` leaves it: its key in the directory, Maria
        // enrolled with a bank account and a payment from it pending (a bank payment waits
        // for the day's ACH file), on the real clock as the binary runs.
        let key = demo_key(&dir);
        let app = App::new(
            db.store.clone(),
            Arc::new(SystemClock),
            Vault::from_config(&key).unwrap(),
            jiff::tz::TimeZone::get("America/New_York").unwrap(),
        )
        .with_demo(true);
        app.seed_demo().await.unwrap();
        let token = enrol(&app, MARIA, "maria.lopez").await;
        let s = session(&app, &token).await;
        let login = s.login().unwrap();
        let bank = add_bank_account(&app, &s, &client()).await;
        let request = PaymentRequest {
            account: AccountNumber::from_base(CURRENT),
            method: bank,
            amount: AmountChoice::Other(Money::from_cents(5_000)),
            date: None,
            extra: ExtraTo::Principal,
        };
        let paid = app
            .make_payment(login, "cob-until-0001", &request, &client())
            .await
            .unwrap();
        assert_eq!(paid.payment.status, PaymentStatus::Scheduled);
        let today = app.business_date().await.unwrap();
        let until = today.checked_add(jiff::Span::new().days(7)).unwrap();

        let (code, said, why) = cob(&dir, &db.url, &["--until", &until.to_string()]);
        assert_eq!(code, Some(0), "{said}{why}");
        let days: Vec<&str> = said
            .lines()
            .filter(|l| l.contains("business date now"))
            .collect();
        // A week holds at least four business days, whatever the holidays.
        assert!(days.len() >= 4, "one line per day: {said}");
        assert!(days[0].starts_with(&format!("{today}: ")), "{said}");
        assert!(
            said.contains("ACH file "),
            "a day's file was written: {said}"
        );
        let posted = app
            .payment_of(login, paid.payment.id)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(
            posted.status,
            PaymentStatus::Posted,
            "the day's ACH file went before close of business: {said}"
        );
        let after = business_date(&db.store).await.unwrap();
        let moved: Date = after.parse().unwrap();
        assert!(moved > until, "every day through {until} closed: {after}");

        // Again: every day through `until` is closed, so nothing is.
        let (code, again, why) = cob(&dir, &db.url, &["--until", &until.to_string()]);
        assert_eq!(code, Some(0), "{again}{why}");
        assert!(again.contains("closed before; nothing changed"), "{again}");
        assert_eq!(again.lines().count(), 1, "{again}");
        assert_eq!(business_date(&db.store).await.unwrap(), after);

        // A date in the past, and one more than 400 days ahead, are refused; nothing moves.
        let yesterday = today.yesterday().unwrap();
        let far = moved.checked_add(jiff::Span::new().days(401)).unwrap();
        for (date, says) in [
            (yesterday, "is in the past"),
            (far, "more than 400 days after the business date"),
        ] {
            let (code, out, why) = cob(&dir, &db.url, &["--until", &date.to_string()]);
            assert_eq!(code, Some(2), "{date}: {out}{why}");
            assert!(
                why.contains("--until") && why.contains(says),
                "{date}: {why}"
            );
            assert!(out.is_empty(), "{date}: {out}");
            assert_eq!(business_date(&db.store).await.unwrap(), after);
        }
        let (code, _, why) = cob(&dir, &db.url, &["--until", "2027-13-01"]);
        assert_eq!(code, Some(2), "{why}");
        db.finish().await;
        let _ = std::fs::remove_dir_all(&dir);
    }
}

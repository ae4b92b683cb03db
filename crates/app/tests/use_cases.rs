//! The use cases end to end on a real store: SQLite always, PostgreSQL when
//! `SERVICER_TEST_POSTGRES_URL` is set. After each test the books must balance.

use app::boarding::BoardingError;
use app::jobs::{AUDIT_LAST_VERIFIED, Outcome, WorkerConfig};
use app::{App, BUSINESS_DATE};
use domain::ledger::Account;
use domain::loan::LoanStatus;
use formats::boarding::{synthetic, write_loans};
use jiff::civil::date;
use money::Money;
use std::time::Duration;
use store::NewJob;
use test_support::apps::apps;
use test_support::ledger::assert_books_balance;

#[tokio::test]
async fn a_transfer_file_boards_once_with_its_opening_balances() {
    for (app, _clock, db) in apps("board").await {
        let loans = synthetic(120, 5_000_000, date(2026, 11, 25));
        let file = write_loans(&loans);
        let history = format!(
            "account_number,paid_on,amount\n{},2026-10-05,100.00\n",
            loans[3].account_number
        );
        let report = app
            .board(
                file.as_bytes(),
                Some(history.as_bytes()),
                false,
                &app::access::Actor::Operator("test"),
            )
            .await
            .unwrap();
        assert_eq!(
            (report.loans, report.new_borrowers, report.prior_payments),
            (120, 120, 1)
        );
        assert_eq!(report.notices, 120, "a notice of transfer for every loan");
        let outbox = app.store().outbox(Some("pending"), 500).await.unwrap();
        assert_eq!(outbox.len(), 120);
        assert!(outbox.iter().all(|m| {
            m.message
                .subject
                .contains("is now serviced by Servicer Demo Lending")
        }));
        let expected: Money = loans.iter().map(|l| l.current_principal).sum();
        assert_eq!(report.principal, expected);
        let tb = app.store().trial_balance(None).await.unwrap();
        assert_eq!(tb.net(Account::PrincipalReceivable), expected);
        assert_books_balance(app.store()).await;

        let view = app
            .store()
            .loan_view(loans[3].account_number)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(view.snapshot.principal, loans[3].current_principal);
        assert_eq!(
            view.autopay_must_be_reestablished,
            loans[3].autopay_at_prior_servicer
        );
        assert_eq!(view.snapshot.next_due_date, Some(loans[3].next_due_date));
        assert_eq!(
            app.store().prior_payments(view.loan).await.unwrap().len(),
            1
        );
        let borrower = app.store().borrower(view.borrower).await.unwrap();
        let sealed = borrower.identity.unwrap();
        let ssn = app
            .vault()
            .open(&sealed.key_id, "ssn", &sealed.ssn)
            .unwrap();
        assert_eq!(ssn, loans[3].ssn.digits().as_bytes());

        let audit_before = app.store().verify_audit().await.unwrap().records;
        let again = app
            .board(
                file.as_bytes(),
                Some(history.as_bytes()),
                false,
                &app::access::Actor::Operator("test"),
            )
            .await
            .unwrap();
        assert_eq!(again.already_boarded_on, Some(date(2026, 11, 25)));
        assert_eq!(
            app.store().trial_balance(None).await.unwrap(),
            tb,
            "boarding twice changes nothing"
        );
        assert_eq!(
            app.store().verify_audit().await.unwrap().records,
            audit_before
        );
        assert_eq!(
            app.store().outbox(None, 500).await.unwrap().len(),
            120,
            "no second notice"
        );
        db.finish().await;
    }
}

#[tokio::test]
async fn a_file_with_one_bad_row_reports_it_and_writes_nothing() {
    for (app, _clock, db) in apps("bad-row").await {
        let loans = synthetic(40, 6_000_000, date(2026, 11, 25));
        let file = write_loans(&loans);
        let bad = file.replacen(&loans[17].original_amount.to_string(), "12.345", 1);
        let Err(BoardingError::Loans(errors)) = app
            .board(
                bad.as_bytes(),
                None,
                false,
                &app::access::Actor::Operator("test"),
            )
            .await
        else {
            panic!("the bad row must be refused")
        };
        assert_eq!(errors.0.len(), 1);
        assert_eq!(
            (errors.0[0].line, errors.0[0].field.as_str()),
            (19, "original_amount")
        );
        assert!(
            app.store()
                .loan_view(loans[0].account_number)
                .await
                .unwrap()
                .is_none()
        );
        assert_eq!(
            app.store()
                .trial_balance(None)
                .await
                .unwrap()
                .grand_totals()
                .0,
            Money::ZERO
        );

        let dry = app
            .board(
                file.as_bytes(),
                None,
                true,
                &app::access::Actor::Operator("test"),
            )
            .await
            .unwrap();
        assert!(dry.dry_run && dry.loans == 40);
        assert!(
            app.store()
                .loan_view(loans[0].account_number)
                .await
                .unwrap()
                .is_none(),
            "a dry run writes nothing"
        );

        app.board(
            file.as_bytes(),
            None,
            false,
            &app::access::Actor::Operator("test"),
        )
        .await
        .unwrap();
        // The same loans in a different file: every row is already serviced here.
        let reordered = write_loans(&loans.iter().rev().cloned().collect::<Vec<_>>());
        let Err(BoardingError::Loans(errors)) = app
            .board(
                reordered.as_bytes(),
                None,
                false,
                &app::access::Actor::Operator("test"),
            )
            .await
        else {
            panic!("loans already on file must be refused")
        };
        assert_eq!(errors.0.len(), 40);
        assert!(errors.0[0].message.contains("already serviced here"));
        db.finish().await;
    }
}

/// Issue 17: after one `serve --demo`, `serve` without it still accepted the demo's published
/// API token (which can post payments) and its supervisor's published password and
/// authenticator key. Outside demo mode both are refused, on a database that holds them.
#[tokio::test]
async fn the_demo_credentials_work_only_in_demo_mode() {
    use app::identity::{ClientInfo, IdentityError};
    for (app, _clock, db) in apps("demo_credentials").await {
        app.seed_demo().await.unwrap();
        let plain = app.clone().with_demo(false);
        assert!(plain.demo_seeded().await.unwrap());
        assert!(
            plain
                .api_client(app::demo::DEMO_API_TOKEN)
                .await
                .unwrap()
                .is_none(),
            "the published token is no token outside demo mode"
        );
        let secret = totp_rs::Secret::try_from_base32(app::demo::demo_staff_setup_key())
            .unwrap()
            .as_bytes()
            .to_vec();
        let totp = totp_rs::Builder::new()
            .with_algorithm(totp_rs::Algorithm::SHA1)
            .with_digits(6)
            .with_skew(1)
            .with_step_duration(30)
            .with_secret(secret)
            .with_account_name("demo")
            .build()
            .unwrap();
        let code = totp
            .generate(u64::try_from(app.now_us() / 1_000_000).unwrap())
            .to_string();
        let client = ClientInfo::default();
        let sign_in_as = |a: &App, email: &'static str| {
            let (a, code, client) = (a.clone(), code.clone(), client.clone());
            async move {
                a.staff_sign_in(email, app::demo::DEMO_STAFF_PASSWORD, &code, &client)
                    .await
            }
        };
        let sign_in = |a: &App| sign_in_as(a, app::demo::DEMO_STAFF_EMAIL);
        // Every demo console user (agent, supervisor, admin) is refused outside demo mode.
        for (email, ..) in app::demo::DEMO_STAFF {
            assert!(
                matches!(
                    sign_in_as(&plain, email).await,
                    Err(IdentityError::BadCredentials)
                ),
                "{email}"
            );
        }
        // In demo mode they work, and a session made then ends when the demo does.
        let token = sign_in(&app).await.unwrap();
        assert!(app.staff_session(&token).await.unwrap().is_some());
        assert!(plain.staff_session(&token).await.unwrap().is_none());
        assert!(
            app.api_client(app::demo::DEMO_API_TOKEN)
                .await
                .unwrap()
                .is_some()
        );
        db.finish().await;
    }
}

#[tokio::test]
async fn the_demo_portfolio_shows_every_state_and_seeds_once() {
    for (app, _clock, db) in apps("demo").await {
        let shown = app.seed_demo().await.unwrap();
        let again = app.seed_demo().await.unwrap();
        assert_eq!(shown, again);
        let maria = app
            .store()
            .loan_view(shown[0].account_number)
            .await
            .unwrap()
            .unwrap();
        let views = app.store().loan_views_of(maria.borrower).await.unwrap();
        assert_eq!(views.len(), 3, "Maria has three loans");
        let current = &views[0];
        assert_eq!(
            (current.snapshot.status, current.snapshot.days_past_due),
            (LoanStatus::Active, 0)
        );
        let late = &views[1];
        assert!(late.snapshot.days_past_due > 30, "{:?}", late.snapshot);
        assert!(
            late.snapshot.fees >= Money::from_cents(2500),
            "a late fee: {:?}",
            late.snapshot
        );
        let boarded = &views[2];
        assert!(boarded.autopay_must_be_reestablished && boarded.boarded_on.is_some());
        let james = app
            .store()
            .loan_view(shown[1].account_number)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(james.snapshot.status, LoanStatus::PaidOff);
        assert_eq!(
            app.api_client(app::demo::DEMO_API_TOKEN).await.unwrap(),
            Some(app::api_clients::ApiClient {
                name: "demo".into(),
                scopes: app::api_clients::Scopes::all(),
            }),
            "the demo token may do everything"
        );
        for v in views {
            let tb = app.store().trial_balance(Some(v.loan)).await.unwrap();
            assert_eq!(
                tb.net(Account::PrincipalReceivable),
                v.snapshot.principal,
                "{}",
                v.account_number
            );
            assert_eq!(tb.net(Account::InterestReceivable), v.snapshot.interest);
            assert_eq!(tb.net(Account::FeesReceivable), v.snapshot.fees);
        }
        assert_books_balance(app.store()).await;
        assert!(
            app.store()
                .verify_audit()
                .await
                .unwrap()
                .first_break
                .is_none()
        );
        db.finish().await;
    }
}

#[tokio::test]
async fn scheduled_jobs_run_once_per_slot_and_failures_back_off() {
    for (app, _clock, db) in apps("jobs").await {
        app.store()
            .put_setting(BUSINESS_DATE, "2026-11-25")
            .await
            .unwrap();
        // A business day: the audit check now, the day's ACH file at the cutoff, and the
        // close of business in the evening (two jobs, so that a second instance helps).
        assert_eq!(app.schedule_tick().await.unwrap(), 4);
        assert_eq!(app.schedule_tick().await.unwrap(), 0, "the slots are taken");
        let config = WorkerConfig {
            first_backoff: Duration::from_secs(10),
            max_attempts: 2,
            ..WorkerConfig::default()
        };
        assert!(matches!(
            app.work_once(&config).await.unwrap(),
            Outcome::Done(_)
        ));
        let recorded = app
            .store()
            .setting(AUDIT_LAST_VERIFIED)
            .await
            .unwrap()
            .unwrap();
        assert!(recorded.contains("\"intact\":true"), "{recorded}");

        let now = app.now_us();
        let mut tx = app.store().begin().await.unwrap();
        tx.enqueue(
            &NewJob {
                kind: "no.such.kind".into(),
                key: "x".into(),
                payload: "{}".into(),
                run_at_us: now,
            },
            now,
        )
        .await
        .unwrap();
        tx.commit().await.unwrap();
        assert!(matches!(
            app.work_once(&config).await.unwrap(),
            Outcome::Retrying(..)
        ));
        assert_eq!(
            app.work_once(&config).await.unwrap(),
            Outcome::Idle,
            "backing off"
        );
        db.finish().await;
    }
}

#[tokio::test]
async fn a_loan_view_is_cached_for_a_second_unless_a_fresh_read_is_asked_for() {
    for (app, _clock, db) in apps("view-cache").await {
        let shown = app.seed_demo().await.unwrap();
        let account = shown[2].account_number;
        let before = app.loan_view(account, false).await.unwrap().unwrap();
        // Another instance changes the loan's snapshot behind this one's back.
        let mut changed = before.snapshot.clone();
        changed.fees = Money::from_cents(4242);
        let mut tx = app.store().begin().await.unwrap();
        tx.put_snapshots(&[(before.loan, changed)], app.now_us())
            .await
            .unwrap();
        tx.commit().await.unwrap();
        assert_eq!(
            app.loan_view(account, false).await.unwrap().unwrap(),
            before,
            "served from the cache"
        );
        let fresh = app.loan_view(account, true).await.unwrap().unwrap();
        assert_eq!(
            fresh.snapshot.fees,
            Money::from_cents(4242),
            "a fresh read sees the database"
        );
        db.finish().await;
    }
}

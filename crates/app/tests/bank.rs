//! The bank reconciliation (issue 21, item 5), on a real store (SQLite, and PostgreSQL when
//! configured): a day's lockbox file imported, then the bank's BAI2 report of that day
//! (written with `formats::bai2::write`) whose lockbox deposit is the day's items reconciles
//! and books the deposit from cash clearing into cash in bank; the same report again changes
//! nothing; a broken one, a second different one of the same day and one of a day not begun
//! are refused with nothing changed; a deposit a few dollars short shows the difference with
//! the items behind it and stays flagged until a supervisor explains it (audited), and an
//! agent may do none of it. The books balance after each.

use app::access::{Actor, Capability};
use app::bank::BankError;
use app::remittance::LockboxFormat;
use domain::ledger::Account;
use domain::reconcile::{Category, DayState};
use formats::bai2;
use formats::lockbox::{Batch, Check, Lockbox, LockboxFile};
use jiff::civil::Date;
use money::Money;
use test_support::apps::demo_apps;
use test_support::borrowers::{AISHA, MARIA};
use test_support::ledger::assert_books_balance;
use test_support::staff;

/// Our account at the bank.
const ACCOUNT: &str = "0123456789";

/// The day's lockbox checks: (account number on the memo line, payer, cents).
const CHECKS: [(&str, &str, i64); 3] = [
    (MARIA.0, "MARIA LOPEZ", 10_000),
    (AISHA.0, "AISHA RAHMAN", 25_000),
    (MARIA.0, "MARIA LOPEZ", 4_550),
];

/// The lockbox file the bank sends for `date`: one lockbox, one batch, [`CHECKS`].
fn lockbox_file(date: Date) -> String {
    let checks = CHECKS
        .iter()
        .zip(1..)
        .map(|((account, payer, cents), n)| Check {
            item: format!("{n:03}"),
            amount: Money::from_cents(*cents),
            check_number: format!("{}", 1000 + n),
            check_date: None,
            payer: (*payer).to_owned(),
            payer_routing: "231380104".into(),
            payer_account: format!("5551234{n}"),
            memo: vec![(*account).to_owned()],
            line: 0,
        })
        .collect();
    formats::lockbox::write(&LockboxFile {
        origin: "0210000210".into(),
        destination: "1234567890".into(),
        created_on: date,
        lockboxes: vec![Lockbox {
            number: "1234567".into(),
            deposit_date: date,
            batches: vec![Batch {
                number: "001".into(),
                checks,
                line: 0,
            }],
            line: 0,
        }],
    })
}

/// The checks' total.
fn lockbox_total() -> Money {
    Money::from_cents(CHECKS.iter().map(|(_, _, c)| c).sum())
}

/// The demo portfolio's business date with the day's lockbox file imported by the operator.
async fn with_lockbox_day(app: &app::App) -> Date {
    let date = app.business_date().await.unwrap();
    app.import_lockbox(
        &Actor::Operator("lockbox"),
        "lockbox.txt",
        lockbox_file(date).as_bytes(),
        LockboxFormat::Bai,
    )
    .await
    .unwrap();
    date
}

/// Cash in bank as booked.
async fn cash_in_bank(app: &app::App) -> Money {
    app.store()
        .trial_balance(None)
        .await
        .unwrap()
        .net(Account::CashInBank)
}

#[tokio::test]
async fn the_days_report_reconciles_once_and_a_broken_or_second_report_changes_nothing() {
    for (app, _clock, db) in demo_apps("bank_reconciles").await {
        let date = with_lockbox_day(&app).await;
        let lead = staff::actor(&app, "lee@example.com", "Lee Lead", "supervisor").await;

        // The bank's report, as a bank would write it from what was posted that day.
        let report = app.bank_sample(&lead, date, ACCOUNT).await.unwrap();
        let lockbox: Vec<&bai2::Transaction> = report.groups[0].accounts[0]
            .transactions
            .iter()
            .filter(|t| t.type_code == 115)
            .collect();
        assert_eq!(lockbox.len(), 1, "one lockbox deposit: {report:?}");
        assert_eq!(lockbox[0].amount, lockbox_total());
        let text = bai2::write(&report);

        let before = cash_in_bank(&app).await;
        let read = app
            .import_bank_report(&lead, "bai2-day.txt", text.as_bytes())
            .await
            .unwrap();
        assert!(!read.already_read);
        assert_eq!(read.days, [date]);
        assert!(read.booked >= 1, "{read:?}");
        assert_eq!(
            cash_in_bank(&app).await,
            before + read.credits - read.debits
        );
        let day = app.bank_day(&lead, date).await.unwrap();
        assert_eq!(day.state, DayState::Reconciled, "{day:?}");
        assert!(day.is_reconciled());
        assert_eq!(day.reports.len(), 1);
        let lockbox_line = &day.lines[0];
        assert_eq!(lockbox_line.line.category, Category::LockboxDeposit);
        assert_eq!(lockbox_line.line.bank, lockbox_total());
        assert_eq!(lockbox_line.line.servicer, lockbox_total());
        assert_eq!(lockbox_line.servicer_items.len(), CHECKS.len());
        assert_eq!(lockbox_line.bank_items.len(), 1);
        assert_books_balance(app.store()).await;

        // The same file again: nothing changes.
        let books = app.store().trial_balance(None).await.unwrap();
        let again = app
            .import_bank_report(&lead, "bai2-day-again.txt", text.as_bytes())
            .await
            .unwrap();
        assert!(again.already_read);
        assert_eq!(again.report, read.report);
        assert_eq!(again.booked, 0);
        assert_eq!(app.store().trial_balance(None).await.unwrap(), books);

        // A broken file (its trailer cut off): refused, naming what is wrong; nothing changes.
        let broken = text.trim_end().rsplit_once('\n').unwrap().0;
        let e = app
            .import_bank_report(&lead, "broken.txt", broken.as_bytes())
            .await
            .unwrap_err();
        assert!(matches!(e, BankError::Refused(_)), "{e:?}");
        assert!(e.refusal().is_some());
        assert_eq!(app.store().trial_balance(None).await.unwrap(), books);

        // A second, different report of the day: refused, so no deposit is booked twice.
        let mut other = app.bank_sample(&lead, date, ACCOUNT).await.unwrap();
        other.created_on = date.tomorrow().unwrap();
        let e = app
            .import_bank_report(&lead, "bai2-corrected.txt", bai2::write(&other).as_bytes())
            .await
            .unwrap_err();
        assert!(matches!(e, BankError::DayAlreadyReported { .. }), "{e:?}");
        assert_eq!(app.store().trial_balance(None).await.unwrap(), books);
        assert_eq!(app.bank_day(&lead, date).await.unwrap().reports.len(), 1);

        // A report of a day that has not begun.
        let tomorrow = app
            .bank_sample(&lead, date.tomorrow().unwrap(), ACCOUNT)
            .await
            .unwrap();
        let e = app
            .import_bank_report(
                &lead,
                "bai2-tomorrow.txt",
                bai2::write(&tomorrow).as_bytes(),
            )
            .await
            .unwrap_err();
        assert!(matches!(e, BankError::Future { .. }), "{e:?}");
        assert_eq!(app.store().trial_balance(None).await.unwrap(), books);

        assert_books_balance(app.store()).await;
        db.finish().await;
    }
}

#[tokio::test]
async fn a_short_deposit_is_flagged_until_a_supervisor_explains_it() {
    for (app, _clock, db) in demo_apps("bank_short_deposit").await {
        let date = with_lockbox_day(&app).await;
        let lead = staff::actor(&app, "lee@example.com", "Lee Lead", "supervisor").await;
        let agent = staff::actor(&app, "ana@example.com", "Ana Agent", "agent").await;

        // The bank deposited $5.50 less than the day's checks.
        let mut report = app.bank_sample(&lead, date, ACCOUNT).await.unwrap();
        let short = Money::from_cents(550);
        for t in &mut report.groups[0].accounts[0].transactions {
            if t.type_code == 115 {
                t.amount -= short;
            }
        }
        app.import_bank_report(&lead, "bai2-short.txt", bai2::write(&report).as_bytes())
            .await
            .unwrap();
        assert_books_balance(app.store()).await;

        let day = app.bank_day(&lead, date).await.unwrap();
        assert_eq!(day.state, DayState::Flagged, "{day:?}");
        let lockbox = &day.lines[0];
        assert_eq!(lockbox.line.category, Category::LockboxDeposit);
        assert_eq!(lockbox.line.bank, lockbox_total() - short);
        assert_eq!(lockbox.line.servicer, lockbox_total());
        assert_eq!(lockbox.line.difference, Money::from_cents(-550));
        assert!(!lockbox.explained);
        assert_eq!(
            lockbox.servicer_items.len(),
            CHECKS.len(),
            "the items behind it"
        );
        assert!(
            day.lines[1..].iter().all(|l| l.line.is_reconciled()),
            "only the lockbox differs: {day:?}"
        );

        // The list shows it flagged, first.
        let days = app.bank_days(&lead, date, date).await.unwrap();
        assert_eq!(days.len(), 1);
        assert_eq!(days[0].state, DayState::Flagged);
        assert_eq!(days[0].off_by(), short);
        let backwards = app.bank_days(&lead, date, date.yesterday().unwrap()).await;
        assert!(matches!(backwards, Err(BankError::BadRange { .. })));

        // An agent may not read or explain it.
        for e in [
            app.bank_day(&agent, date).await.unwrap_err(),
            app.explain_bank_day(&agent, date, Category::LockboxDeposit, "x")
                .await
                .unwrap_err(),
        ] {
            match e {
                BankError::Denied(d) => assert_eq!(d.capability, Capability::ViewReports),
                other => panic!("{other:?}"),
            }
        }

        // Nothing to explain where the bank agrees; an empty explanation is refused.
        let e = app
            .explain_bank_day(&lead, date, Category::AchSettlement, "why")
            .await
            .unwrap_err();
        assert!(matches!(e, BankError::NothingToExplain { .. }), "{e:?}");
        let e = app
            .explain_bank_day(&lead, date, Category::LockboxDeposit, "  \r\n ")
            .await
            .unwrap_err();
        assert!(matches!(e, BankError::Explanation(_)), "{e:?}");
        assert_eq!(
            app.bank_day(&lead, date).await.unwrap().state,
            DayState::Flagged
        );

        // Explained: the day is no longer flagged, and the explanation is audited.
        let words = "Check 1003 was deposited at $40.00, not $45.50: the bank is correcting it.";
        let day = app
            .explain_bank_day(&lead, date, Category::LockboxDeposit, words)
            .await
            .unwrap();
        assert_eq!(day.state, DayState::Explained);
        assert!(day.lines[0].explained);
        assert_eq!(day.lines[0].explanations.len(), 1);
        assert_eq!(day.lines[0].explanations[0].explanation, words);
        assert_eq!(
            day.lines[0].explanations[0].difference,
            Money::from_cents(-550)
        );
        let days = app.bank_days(&lead, date, date).await.unwrap();
        assert_eq!(days[0].state, DayState::Explained);
        let audit = app
            .store()
            .audit_of(&format!("bank-day:{date}"), 10)
            .await
            .unwrap();
        assert!(
            audit
                .iter()
                .any(|r| r.event.action == "bank.day_explained"
                    && r.event.actor == lead.audit_name()),
            "{audit:?}"
        );

        assert_books_balance(app.store()).await;
        db.finish().await;
    }
}

//! Bank bill-pay credits in the inbound ACH file (issue 21, item 4), on a real store (SQLite,
//! and PostgreSQL when configured): a CIE credit naming an open loan's account number posts
//! as a bill-pay payment credited the day it settled, once (the same file again, or the same
//! credits under a new header, change nothing); one whose account number has a mistyped digit
//! is queued for staff, its money held in suspense; one for a paid-off loan (R23) or for a
//! valid account number that is not ours (R03) goes back in the next day's file we originate,
//! as a return entry whose addenda names the credit's trace number, which our own reader reads
//! back; a broken file changes nothing; the books balance after each step.

use app::App;
use app::clock::{TestClock, test_app};
use domain::account_number::AccountNumber;
use domain::ledger::Account;
use domain::payment::{PaymentChannel, PaymentStatus, Rail};
use domain::routing_number::RoutingNumber;
use formats::nacha::{self, BillPayCredit};
use jiff::civil::{Date, date};
use money::Money;
use store::testing::{TestDb, fresh};
use test_support::ledger::assert_books_balance;
use test_support::{ach, scratch};

/// Maria's current loan.
const CURRENT: u64 = 521_840_000_000_101;
/// James's loan, paid off.
const PAID_OFF: u64 = 521_840_000_000_201;
/// A valid account number (its check digit right) that no loan of ours has.
const NOT_OURS: u64 = 999_999_999_999_991;

/// Tuesday, November 24, 2026: the day the credits settle.
const SETTLES: Date = date(2026, 11, 24);

fn acct(base: u64) -> AccountNumber {
    AccountNumber::from_base(base)
}

struct Setup {
    app: App,
    clock: TestClock,
    db: TestDb,
    dir: std::path::PathBuf,
}

/// The demo portfolio on Tuesday, November 24, 2026, 10:00 in New York, its ACH files in a
/// directory of the test's own; one per backend.
async fn setups(test: &str) -> Vec<Setup> {
    let mut out = Vec::new();
    for db in fresh(test).await {
        let dir = scratch::dir(&format!("credits-{test}-{}", db.store.backend()));
        let (app, clock) = test_app(db.store.clone(), "2026-11-24T15:00:00Z");
        let app = ach::with_files(app, &dir);
        app.seed_demo().await.unwrap();
        out.push(Setup {
            app,
            clock,
            db,
            dir,
        });
    }
    out
}

/// The file a bill-pay network sends through our bank: one CIE credit per
/// `(identification, name, cents)`, from 231380104, settling on [`SETTLES`].
fn bill_pay(credits: &[(&str, &str, i64)]) -> String {
    let credits: Vec<BillPayCredit> = (1_u64..)
        .zip(credits)
        .map(|(seq, (id, name, cents))| BillPayCredit {
            identification: (*id).into(),
            name: (*name).into(),
            amount: Money::from_cents(*cents),
            trace_sequence: seq,
        })
        .collect();
    nacha::bill_pay_file(
        RoutingNumber::parse("231380104").unwrap(),
        RoutingNumber::parse("021000021").unwrap(),
        "987654321",
        SETTLES,
        &credits,
    )
}

/// The key of the `seq`th credit of a [`bill_pay`] file.
fn key(seq: u64) -> String {
    format!("ach:{SETTLES}:23138010{seq:07}")
}

/// The suspense account's (debits, credits).
async fn suspense(app: &App) -> (Money, Money) {
    app.store()
        .trial_balance(None)
        .await
        .unwrap()
        .totals(Account::Suspense)
}

#[tokio::test]
async fn a_bill_pay_credit_for_an_open_loan_posts_once() {
    for s in setups("credit_posts").await {
        let app = &s.app;
        let (loan, _) = app.loan_of_account(acct(CURRENT)).await.unwrap().unwrap();
        let before = app
            .store()
            .loan_view(acct(CURRENT))
            .await
            .unwrap()
            .unwrap()
            .snapshot;
        let file = bill_pay(&[(&acct(CURRENT).to_string(), "Maria Lopez", 25_000)]);

        let read = app
            .read_ach_returns("billpay-1.ach", file.as_bytes())
            .await
            .unwrap();
        assert_eq!(read.credits.posted, 1);
        assert_eq!(read.credits.posted_total, Money::from_cents(25_000));
        assert_eq!((read.credits.queued, read.credits.refused), (0, 0));
        let payments = app.store().payments_of_loan(loan).await.unwrap();
        let bill_pay: Vec<_> = payments
            .iter()
            .filter(|p| p.channel == PaymentChannel::BillPay)
            .collect();
        assert_eq!(bill_pay.len(), 1);
        let p = bill_pay[0];
        assert_eq!(p.status, PaymentStatus::Posted);
        assert_eq!(p.rail, Rail::Ach);
        assert_eq!(p.amount, Money::from_cents(25_000));
        assert_eq!(p.credit_date, SETTLES, "credited the day it settled");
        assert!(p.trace_number.is_none() && p.ach_file_date.is_none());
        let after = app
            .store()
            .loan_view(acct(CURRENT))
            .await
            .unwrap()
            .unwrap()
            .snapshot;
        assert_eq!(
            before.principal + before.interest + before.fees - Money::from_cents(25_000),
            after.principal + after.interest + after.fees
        );
        let item = app.store().ach_credit_item(&key(1)).await.unwrap().unwrap();
        assert_eq!((item.state.as_str(), item.loan), ("posted", Some(loan)));
        assert_books_balance(app.store()).await;

        // The same file again is recognised; the same credit under a new file header (the
        // bank sends the day's file again) is recognised by its trace number and date.
        assert!(
            app.read_ach_returns("billpay-1-again.ach", file.as_bytes())
                .await
                .unwrap()
                .already_read
        );
        let resent = file.replacen("0600A094101", "0700B094101", 1);
        assert_ne!(resent, file);
        let again = app
            .read_ach_returns("billpay-1-resent.ach", resent.as_bytes())
            .await
            .unwrap();
        assert!(!again.already_read);
        assert_eq!((again.credits.posted, again.credits.already_read), (0, 1));
        let payments = app.store().payments_of_loan(loan).await.unwrap();
        assert_eq!(
            payments
                .iter()
                .filter(|p| p.channel == PaymentChannel::BillPay)
                .count(),
            1,
            "posted once"
        );
        assert_eq!(suspense(app).await, (Money::ZERO, Money::ZERO));
        assert_books_balance(app.store()).await;
        let _ = std::fs::remove_dir_all(&s.dir);
        s.db.finish().await;
    }
}

#[tokio::test]
async fn a_mistyped_account_number_is_queued_for_staff() {
    for s in setups("credit_mistyped").await {
        let app = &s.app;
        let (loan, _) = app.loan_of_account(acct(CURRENT)).await.unwrap().unwrap();
        // One digit off: the check digit no longer agrees, so it is not guessed.
        let mut typed = acct(CURRENT).to_string();
        let last = if typed.ends_with('9') { '0' } else { '9' };
        typed.pop();
        typed.push(last);
        let file = bill_pay(&[(&typed, "Maria Lopez", 12_345)]);
        let read = app
            .read_ach_returns("billpay-mistyped.ach", file.as_bytes())
            .await
            .unwrap();
        assert_eq!((read.credits.posted, read.credits.queued), (0, 1));
        assert_eq!(read.credits.queued_total, Money::from_cents(12_345));
        let item = app.store().ach_credit_item(&key(1)).await.unwrap().unwrap();
        assert_eq!(item.state, "exception");
        assert_eq!(item.reason.as_deref(), Some("mistyped_account"));
        assert_eq!(item.loan, None);
        assert!(
            app.store()
                .payments_of_loan(loan)
                .await
                .unwrap()
                .iter()
                .all(|p| p.channel != PaymentChannel::BillPay)
        );
        assert_eq!(
            suspense(app).await,
            (Money::ZERO, Money::from_cents(12_345)),
            "held in suspense until staff apply it"
        );
        assert_books_balance(app.store()).await;
        let _ = std::fs::remove_dir_all(&s.dir);
        s.db.finish().await;
    }
}

#[tokio::test]
async fn credits_for_a_paid_off_loan_and_for_an_account_not_ours_go_back_in_the_next_file() {
    for s in setups("credit_refused").await {
        let app = &s.app;
        let file = bill_pay(&[
            (&acct(PAID_OFF).to_string(), "James Carter", 31_000),
            (&acct(NOT_OURS).to_string(), "Pat Doe", 4_500),
        ]);
        let credits = nacha::parse(file.as_bytes()).unwrap();
        let read = app
            .read_ach_returns("billpay-refused.ach", file.as_bytes())
            .await
            .unwrap();
        assert_eq!((read.credits.posted, read.credits.refused), (0, 2));
        assert_eq!(read.credits.refused_total, Money::from_cents(35_500));
        assert!(
            app.store()
                .ach_credit_item(&key(1))
                .await
                .unwrap()
                .is_none()
        );
        assert_eq!(
            suspense(app).await,
            (Money::ZERO, Money::from_cents(35_500)),
            "held until the returns go out"
        );
        assert_books_balance(app.store()).await;

        // The next business day's file carries both returns.
        s.clock.advance(jiff::SignedDuration::from_hours(24));
        let day = app.originate_ach(None).await.unwrap();
        let path = day.path.clone().expect("a file with the returns");
        let text = std::fs::read(&path).unwrap();
        let entries = nacha::parse(&text).unwrap();
        let returns: Vec<_> = entries.iter().filter(|e| e.returned.is_some()).collect();
        assert_eq!(returns.len(), 2);
        for (ret, (credit, code)) in returns
            .iter()
            .zip([(&credits[0], "R23"), (&credits[1], "R03")])
        {
            let r = ret.returned.as_ref().unwrap();
            assert_eq!(r.reason, code);
            assert_eq!(r.original_trace, credit.trace, "names the credit returned");
            assert_eq!(ret.amount, credit.amount);
            assert_eq!(
                ret.transaction_code, "21",
                "the return of a checking credit"
            );
            assert_eq!(ret.rdfi, "23138010", "to the bank that sent it");
            assert_eq!(ret.account_number, credit.account_number);
            assert_eq!(ret.sec, "CIE");
        }
        assert_eq!(
            suspense(app).await,
            (Money::from_cents(35_500), Money::from_cents(35_500))
        );
        assert_books_balance(app.store()).await;

        // Originating the day again writes the same file; the day after carries them no more.
        let again = app.originate_ach(None).await.unwrap();
        assert!(!again.new);
        assert_eq!(std::fs::read(again.path.as_ref().unwrap()).unwrap(), text);
        s.clock.advance(jiff::SignedDuration::from_hours(24));
        let next = app.originate_ach(None).await.unwrap();
        if let Some(p) = &next.path {
            let later = nacha::parse(&std::fs::read(p).unwrap()).unwrap();
            assert!(later.iter().all(|e| e.returned.is_none()));
        }
        // The same credits read again are not refused twice.
        let resent = file.replacen("0600A094101", "0700B094101", 1);
        let again = app
            .read_ach_returns("billpay-refused-resent.ach", resent.as_bytes())
            .await
            .unwrap();
        assert_eq!((again.credits.refused, again.credits.already_read), (0, 2));
        assert_books_balance(app.store()).await;
        let _ = std::fs::remove_dir_all(&s.dir);
        s.db.finish().await;
    }
}

#[tokio::test]
async fn a_broken_credit_file_changes_nothing() {
    for s in setups("credit_broken").await {
        let app = &s.app;
        let (loan, _) = app.loan_of_account(acct(CURRENT)).await.unwrap().unwrap();
        let file = bill_pay(&[(&acct(CURRENT).to_string(), "Maria Lopez", 25_000)]);
        // The entry says $250.01; the controls still say $250.00.
        let broken = file.replacen(&format!("{:010}", 25_000), &format!("{:010}", 25_001), 1);
        assert!(matches!(
            app.read_ach_returns("broken.ach", broken.as_bytes()).await,
            Err(app::payments::ach::AchError::Refused(_))
        ));
        assert!(
            app.store()
                .payments_of_loan(loan)
                .await
                .unwrap()
                .iter()
                .all(|p| p.channel != PaymentChannel::BillPay)
        );
        assert!(
            app.store()
                .ach_credit_item(&key(1))
                .await
                .unwrap()
                .is_none()
        );
        // The good file is read afterwards: the broken one was not recorded as read.
        let read = app
            .read_ach_returns("good.ach", file.as_bytes())
            .await
            .unwrap();
        assert_eq!(read.credits.posted, 1);
        assert_books_balance(app.store()).await;
        let _ = std::fs::remove_dir_all(&s.dir);
        s.db.finish().await;
    }
}

#[tokio::test]
async fn the_public_cie_sample_is_refused_whole_for_its_short_file_control() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/fixtures/ach/examples__testdata__cie-credit.ach"
    );
    let Ok(bytes) = std::fs::read(path) else {
        eprintln!("skipped: {path} is absent");
        return;
    };
    for s in setups("credit_sample").await {
        let app = &s.app;
        // Its file control record (line 6) is 55 characters, not 94: a bank's file like it
        // is refused whole, naming the line, and nothing is queued or posted.
        let refused = app
            .read_ach_returns("cie-credit.ach", &bytes)
            .await
            .unwrap_err();
        assert!(refused.to_string().contains("line 6"), "{refused}");
        assert!(
            app.store()
                .ach_credit_item("ach:2019-08-16:121042880000001")
                .await
                .unwrap()
                .is_none()
        );
        assert_books_balance(app.store()).await;
        let _ = std::fs::remove_dir_all(&s.dir);
        s.db.finish().await;
    }
}

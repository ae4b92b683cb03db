//! AutoPay twice a month and every other week (issue 20, item 3; ADR 0028) through a year of
//! close of business, on SQLite and on PostgreSQL when configured, on the demo portfolio
//! (business date Wednesday, November 25, 2026; Aisha's and Maria's first loans are on the
//! demo's `flexible` product, both due on the 20th): Aisha drafts every other Friday from
//! December 4, Maria on the 1st and the 15th. Each business day the day's ACH file goes out
//! (the drafts made the night before post) and the day is closed, some days twice. At the end:
//! every installment due in the year was paid by its due date, no late fee was charged, each
//! loan's principal is below what paying each installment on its due date would have left,
//! every draft day drafted once and no day twice, the trial balance is zero and each snapshot
//! equals a full replay. And the refusals: a frequency the loan's product does not allow, a
//! fixed amount with a split frequency, a biweekly start out of range, each changing nothing.
//! And a change: the account of a biweekly AutoPay changed on the Saturday before a Monday
//! draft that close of business had already made from the old account drafts Monday once,
//! from the new account; changed on the morning of a draft day, that day's draft goes out
//! once, as made.

use app::App;
use app::clock::{TestClock, test_app};
use app::payments::PaymentError;
use app::payments::autopay::AutopayRequest;
use domain::account_number::AccountNumber;
use domain::autopay::{Cadence, TwiceMonthlyDays};
use domain::loan::{ExtraTo, FeeKind, LoanEvent, LoanStatus, Transaction, TxnId, TxnKind, replay};
use domain::payment::PaymentStatus;
use jiff::civil::{Date, date};
use money::Money;
use store::testing::{TestDb, fresh};
use store::{Autopay, LoginId, PaymentMethodId};
use test_support::borrowers::{AISHA, MARIA, add_bank_account, bank_account_form, enrol, session};
use test_support::clients::client;
use test_support::clock::clock_date;
use test_support::ledger::assert_books_balance;
use test_support::{ach, scratch};

/// Maria's first loan: current, on the `flexible` product, due on the 20th.
const MARIAS: u64 = 521_840_000_000_101;
/// Maria's boarded loan: on the standard product, monthly AutoPay only.
const BOARDED: u64 = 521_840_000_000_103;

/// The last business date the year closes.
const END: Date = date(2027, 11, 30);

fn aishas() -> AccountNumber {
    AISHA.0.parse().unwrap()
}

/// A borrower enrolled with a bank account: their login and the account.
async fn enrolled(
    app: &App,
    who: (&str, &str, &str, &str),
    username: &str,
) -> (LoginId, PaymentMethodId) {
    let token = enrol(app, who, username).await;
    let s = session(app, &token).await;
    let method = add_bank_account(app, &s, &client()).await;
    (s.login().unwrap(), method)
}

/// The demo portfolio on Wednesday, November 25, 2026, its ACH files and print batches in a
/// directory of the test's own; one per backend.
async fn setups(test: &str) -> Vec<(App, TestClock, TestDb, std::path::PathBuf)> {
    let mut out = Vec::new();
    for db in fresh(test).await {
        let dir = scratch::dir(&format!("{test}-{}", db.store.backend()));
        let (app, clock) = test_app(db.store.clone(), "2026-11-25T15:00:00Z");
        let app = ach::with_files(app, &dir).with_cob(app::cob::CobSettings {
            print_dir: dir.join("print"),
            ..Default::default()
        });
        app.seed_demo().await.unwrap();
        out.push((app, clock, db, dir));
    }
    out
}

fn request(account: AccountNumber, method: PaymentMethodId, cadence: Cadence) -> AutopayRequest {
    AutopayRequest {
        account,
        method,
        fixed_amount: None,
        days_before_due: 0,
        cadence,
    }
}

/// Every installment of `a`'s loan due from the AutoPay's start through [`END`] was paid by
/// the end of its due date, no late fee was charged then, and the principal at [`END`] is
/// below what paying each of those installments on its due date leaves.
async fn check_the_year(app: &App, a: &Autopay, since: Date, what: &str) {
    let record = app.store().loan(a.loan).await.unwrap();
    let history = app.store().history(a.loan).await.unwrap();
    let terms = record.terms.amended(&history, END);
    let year: Vec<_> = terms
        .installments
        .iter()
        .filter(|i| i.due_date > since && i.due_date <= END)
        .collect();
    assert!(year.len() >= 12, "{what}: a year of installments");
    for i in &year {
        let then = replay(&record.terms, &history, i.due_date);
        let s = then
            .installments
            .iter()
            .find(|s| s.number == i.number)
            .unwrap();
        assert!(
            s.is_paid(),
            "{what}: installment {} due {} paid by then ({} of {})",
            i.number,
            i.due_date,
            s.paid,
            s.amount
        );
    }
    let now = replay(&record.terms, &history, END);
    assert_eq!(now.status, LoanStatus::Active, "{what}");
    assert!(
        !now.events.iter().any(|e| matches!(
            e,
            LoanEvent::FeeAssessed { kind: FeeKind::Late { .. }, date, .. } if *date > since
        )),
        "{what}: no late fee"
    );
    // The same loan paid by the schedule: each installment of the year on its due date.
    let mut on_schedule: Vec<Transaction> = history
        .iter()
        .filter(|t| t.date <= since)
        .copied()
        .collect();
    let first_id = on_schedule.iter().map(|t| t.id.0).max().unwrap_or(0) + 1;
    for (i, id) in year.iter().zip(first_id..) {
        on_schedule.push(Transaction {
            id: TxnId(id),
            date: i.due_date,
            kind: TxnKind::Payment {
                amount: i.amount,
                extra: ExtraTo::Principal,
            },
        });
    }
    let scheduled = replay(&record.terms, &on_schedule, END).principal;
    assert!(
        now.principal < scheduled,
        "{what}: principal {} below the monthly schedule's {scheduled}",
        now.principal
    );
}

/// Every draft of `a` is for one of its cadence's days after its authorization, each day
/// drafted once, every day through [`END`] drafted, and each one through [`END`] posted.
async fn check_the_drafts(app: &App, a: &Autopay, since: Date, what: &str) {
    let drafts: Vec<_> = app
        .store()
        .payments_of_loan(a.loan)
        .await
        .unwrap()
        .into_iter()
        .filter(|p| p.autopay == Some(a.id) && p.retry_of.is_none())
        .collect();
    let mut days: Vec<Date> = drafts
        .iter()
        .map(|p| p.draft_on.expect("a split draft has its day"))
        .collect();
    days.sort();
    let mut once = days.clone();
    once.dedup();
    assert_eq!(once, days, "{what}: no day drafted twice");
    let mut expected = Vec::new();
    let mut d = a.cadence.draft_after(since).unwrap();
    while d <= END {
        expected.push(d);
        d = a.cadence.draft_after(d).unwrap();
    }
    let through_end: Vec<Date> = days.iter().copied().filter(|d| *d <= END).collect();
    assert_eq!(through_end, expected, "{what}: every draft day drafted");
    assert!(expected.len() >= 24, "{what}: {} drafts", expected.len());
    for p in drafts.iter().filter(|p| p.credit_date <= END) {
        assert_eq!(p.status, PaymentStatus::Posted, "{what}: {p:?}");
        assert_eq!(p.extra, ExtraTo::Principal);
        assert_eq!(
            Some(p.credit_date),
            p.draft_on,
            "{what}: drafted on its day"
        );
    }
}

#[tokio::test]
async fn a_year_of_biweekly_and_twice_monthly_autopay_pays_every_installment_on_time() {
    for (app, clock, db, dir) in setups("autopay_frequency_year").await {
        let today = app.business_date().await.unwrap();
        assert_eq!(today, date(2026, 11, 25));
        let (aisha, aishas_bank) = enrolled(&app, AISHA, "aisha.khan").await;
        let (maria, marias_bank) = enrolled(&app, MARIA, "maria.lopez").await;
        let biweekly = app
            .enroll_autopay(
                aisha,
                &request(
                    aishas(),
                    aishas_bank,
                    Cadence::Biweekly {
                        start: date(2026, 12, 4),
                    },
                ),
                true,
                &client(),
            )
            .await
            .unwrap();
        let twice = app
            .enroll_autopay(
                maria,
                &request(
                    AccountNumber::from_base(MARIAS),
                    marias_bank,
                    Cadence::TwiceMonthly(TwiceMonthlyDays::try_new(1, 15).unwrap()),
                ),
                true,
                &client(),
            )
            .await
            .unwrap();
        assert!(
            biweekly
                .text
                .contains("every other Friday starting December 4, 2026"),
            "{}",
            biweekly.text
        );
        assert!(twice.text.contains("on the 1st and the 15th of each month"));
        // The next draft, as the portal and the notice of turning it off would say it.
        assert_eq!(
            app.next_autopay_draft(&biweekly).await.unwrap(),
            Some(date(2026, 12, 4))
        );
        assert_eq!(
            app.next_autopay_draft(&twice).await.unwrap(),
            Some(date(2026, 12, 1))
        );

        let quiet = |_: &app::cob::Progress| {};
        let mut day = 0;
        loop {
            let today = app.business_date().await.unwrap();
            if today > END {
                break;
            }
            // The day's file: the drafts made last night post.
            app.originate_ach(None).await.unwrap();
            let outcome = app.close_of_business(None, "test", &quiet).await.unwrap();
            assert!(!outcome.already_done, "{today}");
            // Some days, the close and the file again: nothing more is drafted or sent.
            if day % 9 == 0 {
                let before = app.store().payments_of_loan(biweekly.loan).await.unwrap();
                let again = app
                    .close_of_business(Some(today), "test", &quiet)
                    .await
                    .unwrap();
                assert!(again.already_done);
                let file = app.originate_ach(Some(today)).await.unwrap();
                assert!(!file.new);
                let after = app.store().payments_of_loan(biweekly.loan).await.unwrap();
                assert_eq!(after, before, "{today}: nothing more");
            }
            day += 1;
            let next = app.business_date().await.unwrap();
            while clock_date(&clock) < next {
                clock.advance(jiff::SignedDuration::from_hours(24));
            }
        }

        let since = date(2026, 11, 25);
        check_the_year(&app, &biweekly, since, "biweekly").await;
        check_the_year(&app, &twice, since, "twice a month").await;
        check_the_drafts(&app, &biweekly, since, "biweekly").await;
        check_the_drafts(&app, &twice, since, "twice a month").await;

        // The books balance, and each snapshot is a full replay.
        assert_books_balance(app.store()).await;
        let today = app.business_date().await.unwrap();
        for a in [&biweekly, &twice] {
            let record = app.store().loan(a.loan).await.unwrap();
            let history = app.store().history(a.loan).await.unwrap();
            let (_, expected) = app::snapshot::compute(&record.terms, &history, today, app.cycle());
            let view = app
                .store()
                .loan_view(record.account_number)
                .await
                .unwrap()
                .unwrap();
            assert_eq!(view.snapshot, expected, "the snapshot is the replay");
            let books = app.store().trial_balance(Some(a.loan)).await.unwrap();
            assert_eq!(
                books.net(domain::ledger::Account::PrincipalReceivable),
                expected.principal
            );
        }
        let _ = std::fs::remove_dir_all(&dir);
        db.finish().await;
    }
}

#[tokio::test]
async fn a_frequency_the_product_does_not_allow_is_refused_and_changes_nothing() {
    for (app, _clock, db, dir) in setups("autopay_frequency_refused").await {
        let (maria, bank) = enrolled(&app, MARIA, "maria.lopez").await;
        let boarded = AccountNumber::from_base(BOARDED);
        let biweekly = Cadence::Biweekly {
            start: date(2026, 12, 4),
        };
        // The boarded loan's product drafts monthly only.
        let e = app
            .enroll_autopay(maria, &request(boarded, bank, biweekly), true, &client())
            .await
            .unwrap_err();
        assert!(
            matches!(e, PaymentError::FrequencyNotOffered { .. }),
            "{e:?}"
        );
        assert_eq!(
            e.to_string(),
            "This loan's product does not allow that: its AutoPay can draft monthly"
        );
        let e = app
            .autopay_authorization(maria, &request(boarded, bank, biweekly))
            .await
            .unwrap_err();
        assert!(
            matches!(e, PaymentError::FrequencyNotOffered { .. }),
            "{e:?}"
        );
        // On the flexible loan: no fixed amount twice a month or every other week, and a
        // start from the next business day (Thanksgiving is the 26th) to 14 days ahead.
        let flexible = AccountNumber::from_base(MARIAS);
        let e = app
            .enroll_autopay(
                maria,
                &AutopayRequest {
                    fixed_amount: Some(Money::from_dollars(500)),
                    ..request(flexible, bank, biweekly)
                },
                true,
                &client(),
            )
            .await
            .unwrap_err();
        assert!(matches!(e, PaymentError::FixedAmountMonthlyOnly), "{e:?}");
        for start in [date(2026, 11, 26), date(2026, 12, 10)] {
            let e = app
                .enroll_autopay(
                    maria,
                    &request(flexible, bank, Cadence::Biweekly { start }),
                    true,
                    &client(),
                )
                .await
                .unwrap_err();
            assert!(
                matches!(
                    e,
                    PaymentError::BiweeklyStartOutOfRange { earliest, latest }
                        if earliest == date(2026, 11, 27) && latest == date(2026, 12, 9)
                ),
                "{start}: {e:?}"
            );
        }
        for account in [boarded, flexible] {
            assert!(app.autopay_of(maria, account).await.unwrap().is_none());
        }
        assert!(
            !app.store()
                .outbox(None, 200)
                .await
                .unwrap()
                .iter()
                .any(|m| m.message.subject.contains("AutoPay authorization")),
            "no copy of an authorization was sent"
        );
        // Monthly is always allowed.
        app.enroll_autopay(
            maria,
            &request(boarded, bank, Cadence::Monthly),
            true,
            &client(),
        )
        .await
        .unwrap();
        let _ = std::fs::remove_dir_all(&dir);
        db.finish().await;
    }
}

#[tokio::test]
async fn changing_the_account_the_saturday_before_a_monday_draft_drafts_it_once_from_the_new_one() {
    for (app, clock, db, dir) in setups("autopay_frequency_change").await {
        // Aisha's checking account, and a second one she will change to.
        let token = enrol(&app, AISHA, "aisha.khan").await;
        let s = session(&app, &token).await;
        let aisha = s.login().unwrap();
        let old_bank = add_bank_account(&app, &s, &client()).await;
        let new_bank = app
            .add_bank_account(
                &s,
                &app::payment_methods::BankAccountForm {
                    account_number: "987654321".into(),
                    confirm_account_number: "987654321".into(),
                    ..bank_account_form()
                },
                &client(),
            )
            .await
            .unwrap();
        let monday = date(2026, 12, 7);
        let biweekly = Cadence::Biweekly { start: monday };
        let first = app
            .enroll_autopay(
                aisha,
                &request(aishas(), old_bank, biweekly),
                true,
                &client(),
            )
            .await
            .unwrap();

        // Each business day its file and its close, until the close of Friday, December 4,
        // has made Monday's draft (from the old account, scheduled).
        let quiet = |_: &app::cob::Progress| {};
        loop {
            app.originate_ach(None).await.unwrap();
            app.close_of_business(None, "test", &quiet).await.unwrap();
            let next = app.business_date().await.unwrap();
            if next >= monday {
                break;
            }
            while clock_date(&clock) < next {
                clock.advance(jiff::SignedDuration::from_hours(24));
            }
        }
        assert_eq!(app.business_date().await.unwrap(), monday);
        let mondays = |payments: Vec<store::Payment>| -> Vec<store::Payment> {
            payments
                .into_iter()
                .filter(|p| p.credit_date == monday && p.autopay.is_some())
                .collect()
        };
        let made = mondays(app.store().payments_of_loan(first.loan).await.unwrap());
        assert_eq!(made.len(), 1, "{made:?}");
        let old_draft = made[0].clone();
        assert_eq!(
            (old_draft.autopay, old_draft.method, old_draft.status),
            (Some(first.id), Some(old_bank), PaymentStatus::Scheduled)
        );

        // Saturday, December 5: she changes the account, keeping the days (a start on them
        // is taken, though before the first date a new AutoPay may start).
        clock.advance(jiff::SignedDuration::from_hours(24));
        assert_eq!(clock_date(&clock), date(2026, 12, 5));
        let changed = app
            .enroll_autopay(
                aisha,
                &request(aishas(), new_bank, biweekly),
                true,
                &client(),
            )
            .await
            .unwrap();
        assert_ne!(changed.id, first.id);
        let payments = app.store().payments_of_loan(first.loan).await.unwrap();
        let cancelled = payments.iter().find(|p| p.id == old_draft.id).unwrap();
        assert_eq!(
            cancelled.status,
            PaymentStatus::Cancelled,
            "the old authorization's draft not yet sent is cancelled with the change"
        );
        assert_eq!(
            app.next_autopay_draft(&changed).await.unwrap(),
            Some(monday),
            "Monday is still drafted"
        );

        // Monday's file: one debit of the loan, from the new account, for the same amount.
        while clock_date(&clock) < monday {
            clock.advance(jiff::SignedDuration::from_hours(24));
        }
        let file = app.originate_ach(None).await.unwrap();
        let bytes = std::fs::read(file.path.as_ref().expect("a file with debits")).unwrap();
        let entries = formats::nacha::parse(&bytes).unwrap();
        let from = |account: &str| {
            entries
                .iter()
                .filter(|e| e.is_debit() && e.account_number.trim() == account)
                .count()
        };
        assert_eq!(from("987654321"), 1, "from the new account: {entries:?}");
        assert_eq!(from("123456789"), 0, "none from the old: {entries:?}");
        let sent: Vec<store::Payment> =
            mondays(app.store().payments_of_loan(first.loan).await.unwrap())
                .into_iter()
                .filter(|p| p.status != PaymentStatus::Cancelled)
                .collect();
        assert_eq!(sent.len(), 1, "{sent:?}");
        assert_eq!(
            (sent[0].autopay, sent[0].method, sent[0].status),
            (Some(changed.id), Some(new_bank), PaymentStatus::Posted)
        );
        assert_eq!(sent[0].draft_on, Some(monday));
        assert_eq!(sent[0].amount, old_draft.amount);

        // The day is drafted now: no AutoPay of the loan drafts it again.
        let mut tx = app.store().begin().await.unwrap();
        assert!(
            tx.loan_has_autopay_draft_on(first.loan, monday)
                .await
                .unwrap()
        );
        assert!(
            !tx.loan_has_autopay_draft_on(first.loan, date(2026, 12, 21))
                .await
                .unwrap()
        );
        drop(tx);

        // On the morning of the next draft day, Monday, December 21, she changes back. The
        // change takes effect from the next day: the draft made for the day goes out as made,
        // from the account it was made for, once; the day is neither skipped nor drafted
        // twice.
        let next_monday = date(2026, 12, 21);
        loop {
            app.close_of_business(None, "test", &quiet).await.unwrap();
            let next = app.business_date().await.unwrap();
            while clock_date(&clock) < next {
                clock.advance(jiff::SignedDuration::from_hours(24));
            }
            if next >= next_monday {
                break;
            }
            app.originate_ach(None).await.unwrap();
        }
        assert_eq!(clock_date(&clock), next_monday);
        let back = app
            .enroll_autopay(
                aisha,
                &request(aishas(), old_bank, biweekly),
                true,
                &client(),
            )
            .await
            .unwrap();
        let file = app.originate_ach(None).await.unwrap();
        let bytes = std::fs::read(file.path.as_ref().expect("a file with debits")).unwrap();
        let entries = formats::nacha::parse(&bytes).unwrap();
        let from = |account: &str| {
            entries
                .iter()
                .filter(|e| e.is_debit() && e.account_number.trim() == account)
                .count()
        };
        assert_eq!(
            (from("987654321"), from("123456789")),
            (1, 0),
            "the day's draft as made: {entries:?}"
        );
        let drafted: Vec<store::Payment> = app
            .store()
            .payments_of_loan(first.loan)
            .await
            .unwrap()
            .into_iter()
            .filter(|p| p.credit_date == next_monday && p.autopay.is_some())
            .collect();
        assert_eq!(drafted.len(), 1, "{drafted:?}");
        assert_eq!(
            (drafted[0].autopay, drafted[0].status),
            (Some(changed.id), PaymentStatus::Posted)
        );
        assert!(
            app.next_autopay_draft(&back).await.unwrap() > Some(next_monday),
            "the new AutoPay drafts from the next day on"
        );
        assert_books_balance(app.store()).await;
        let _ = std::fs::remove_dir_all(&dir);
        db.finish().await;
    }
}

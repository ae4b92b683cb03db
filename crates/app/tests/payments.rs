//! Payments on a real store (SQLite, and PostgreSQL when configured): idempotency (replay,
//! a reused key, concurrent duplicates), one-time bank payments pending until the day's ACH
//! file and cancellable until then, the file read back by our reader, originating twice,
//! returns reversed through the replay with retries and AutoPay stops, notifications of
//! change, card payments through the sandbox, AutoPay drafts, and a zero trial balance after
//! all of it.

use app::App;
use app::clock::{TestClock, test_app};
use app::payments::autopay::AutopayRequest;
use app::payments::cards::CardDetails;
use app::payments::one_time::{AmountChoice, PaymentRequest};
use app::payments::received::ReceivedPayment;
use app::payments::{AmountOf, PaymentError};
use domain::account_number::AccountNumber;
use domain::loan::{ExtraTo, LoanStatus};
use domain::payment::{PaymentChannel, PaymentStatus, QuoteRefusal, Rail};
use money::Money;
use store::testing::{TestDb, fresh};
use store::{LoginId, PaymentMethodId};
use test_support::ach::bank_returns;
use test_support::borrowers::{MARIA, add_bank_account, enrol, session};
use test_support::clients::client;
use test_support::ledger::assert_books_balance;
use test_support::{ach, scratch};

const CURRENT: u64 = 521_840_000_000_101;
const PAST_DUE: u64 = 521_840_000_000_102;
const BOARDED: u64 = 521_840_000_000_103;

fn acct(base: u64) -> AccountNumber {
    AccountNumber::from_base(base)
}

/// Whether an error is the refusal a test expects.
type IsRefusal = fn(&PaymentError) -> bool;

struct Setup {
    app: App,
    clock: TestClock,
    db: TestDb,
    login: LoginId,
    bank: PaymentMethodId,
    token: String,
    dir: std::path::PathBuf,
}

/// The demo portfolio on Tuesday, November 24, 2026, 10:00 in New York (before the cutoff),
/// with the ACH files in a directory of the test's own and Maria enrolled with a bank account;
/// one per backend.
async fn setups(test: &str) -> Vec<Setup> {
    let mut out = Vec::new();
    for db in fresh(test).await {
        let dir = scratch::dir(&format!("ach-{test}-{}", db.store.backend()));
        let (app, clock) = test_app(db.store.clone(), "2026-11-24T15:00:00Z");
        let app = ach::with_files(app, &dir);
        app.seed_demo().await.unwrap();
        let token = enrol(&app, MARIA, "maria.lopez").await;
        let s = session(&app, &token).await;
        let bank = add_bank_account(&app, &s, &client()).await;
        out.push(Setup {
            app,
            clock,
            db,
            login: s.login().unwrap(),
            bank,
            token,
            dir,
        });
    }
    out
}

fn pay(base: u64, method: PaymentMethodId, amount: AmountChoice) -> PaymentRequest {
    PaymentRequest {
        account: acct(base),
        method,
        amount,
        date: None,
        extra: ExtraTo::Principal,
    }
}

fn other(cents: i64) -> AmountChoice {
    AmountChoice::Other(Money::from_cents(cents))
}

#[tokio::test]
async fn a_replayed_key_returns_the_first_payment_and_a_reused_key_is_refused() {
    for s in setups("pay_idem").await {
        let staff = |cents| ReceivedPayment {
            account: acct(CURRENT),
            amount: Money::from_cents(cents),
            channel: PaymentChannel::Lockbox,
            received_on: None,
            extra: ExtraTo::Principal,
            bank: None,
        };
        let first = s
            .app
            .post_received_payment(
                &app::access::Actor::api_client("demo", app::api_clients::Scopes::all()),
                "key-000001",
                &staff(12_345),
            )
            .await
            .unwrap();
        assert!(!first.replayed);
        assert_eq!(first.payment.status, PaymentStatus::Posted);
        let split = first.payment.split.unwrap();
        assert_eq!(
            split.fees + split.interest + split.principal + split.unapplied,
            Money::from_cents(12_345)
        );
        let again = s
            .app
            .post_received_payment(
                &app::access::Actor::api_client("demo", app::api_clients::Scopes::all()),
                "key-000001",
                &staff(12_345),
            )
            .await
            .unwrap();
        assert!(again.replayed);
        assert_eq!(again.payment, first.payment);
        assert!(matches!(
            s.app
                .post_received_payment(
                    &app::access::Actor::api_client("demo", app::api_clients::Scopes::all()),
                    "key-000001",
                    &staff(999)
                )
                .await,
            Err(PaymentError::KeyReused)
        ));
        // Another client's same key is its own key.
        assert!(
            !s.app
                .post_received_payment(
                    &app::access::Actor::api_client("other", app::api_clients::Scopes::all()),
                    "key-000001",
                    &staff(100)
                )
                .await
                .unwrap()
                .replayed
        );
        // Concurrent duplicates make one payment.
        let tasks: Vec<_> = (0..8)
            .map(|_| {
                let app = s.app.clone();
                tokio::spawn(async move {
                    app.post_received_payment(
                        &app::access::Actor::api_client("demo", app::api_clients::Scopes::all()),
                        "key-concurrent",
                        &staff(5_000),
                    )
                    .await
                    .unwrap()
                })
            })
            .collect();
        let mut ids = std::collections::HashSet::new();
        for t in tasks {
            ids.insert(t.await.unwrap().payment.id);
        }
        assert_eq!(ids.len(), 1, "one payment for eight concurrent requests");
        let bad = ReceivedPayment {
            received_on: Some(jiff::civil::date(2027, 1, 1)),
            ..staff(100)
        };
        assert!(matches!(
            s.app
                .post_received_payment(
                    &app::access::Actor::api_client("demo", app::api_clients::Scopes::all()),
                    "key-future",
                    &bad
                )
                .await,
            Err(PaymentError::ReceivedAfterBusinessDate { .. })
        ));
        assert!(matches!(
            s.app
                .post_received_payment(
                    &app::access::Actor::api_client("demo", app::api_clients::Scopes::all()),
                    "key-unknown",
                    &ReceivedPayment {
                        account: AccountNumber::from_base(521_840_000_009_999),
                        ..staff(100)
                    }
                )
                .await,
            Err(PaymentError::NotFound)
        ));
        assert_books_balance(s.app.store()).await;
        s.db.finish().await;
    }
}

#[tokio::test]
async fn a_bank_payment_is_pending_and_cancellable_until_its_file_then_posted_and_read_back() {
    for s in setups("pay_bank").await {
        let (app, login) = (&s.app, s.login);
        let quote = app
            .quote_payment(login, &pay(PAST_DUE, s.bank, AmountChoice::AmountDue))
            .await
            .unwrap();
        assert!(quote.amount.is_positive());
        assert_eq!(
            quote.credit_date,
            jiff::civil::date(2026, 11, 24),
            "before the cutoff: today"
        );
        let part = quote.amount.cents() / 2;
        let first = app
            .make_payment(
                login,
                "form-key-0001",
                &pay(PAST_DUE, s.bank, other(part)),
                &client(),
            )
            .await
            .unwrap();
        assert_eq!(first.payment.status, PaymentStatus::Scheduled);
        assert_eq!(app.scheduled_payments(login).await.unwrap().len(), 1);
        let cancelled = app
            .cancel_payment(login, first.payment.id, &client())
            .await
            .unwrap();
        assert_eq!(cancelled.status, PaymentStatus::Cancelled);
        assert!(app.scheduled_payments(login).await.unwrap().is_empty());
        let second = app
            .make_payment(
                login,
                "form-key-0002",
                &pay(PAST_DUE, s.bank, other(part)),
                &client(),
            )
            .await
            .unwrap();
        // A future payment on the current loan, and bad input.
        let mut later = pay(CURRENT, s.bank, other(10_000));
        later.date = Some(jiff::civil::date(2026, 11, 28)); // a Saturday: moved to Monday
        let future = app
            .make_payment(login, "form-key-0003", &later, &client())
            .await
            .unwrap();
        assert_eq!(future.payment.credit_date, jiff::civil::date(2026, 11, 30));
        let refused: [(PaymentRequest, IsRefusal); 4] = [
            (
                PaymentRequest {
                    date: Some(jiff::civil::date(2026, 11, 1)),
                    ..pay(CURRENT, s.bank, other(100))
                },
                |e| matches!(e, PaymentError::Quote(QuoteRefusal::PastDate { .. })),
            ),
            (
                PaymentRequest {
                    date: Some(jiff::civil::date(2027, 6, 1)),
                    ..pay(CURRENT, s.bank, other(100))
                },
                |e| matches!(e, PaymentError::Quote(QuoteRefusal::TooLate { .. })),
            ),
            (pay(CURRENT, s.bank, other(100_000_000)), |e| {
                matches!(e, PaymentError::Quote(QuoteRefusal::OverLimit(_)))
            }),
            (pay(CURRENT, PaymentMethodId(9_999), other(100)), |e| {
                matches!(e, PaymentError::MethodNotSaved)
            }),
        ];
        for (req, expected) in refused {
            let e = app.quote_payment(login, &req).await.unwrap_err();
            assert!(expected(&e), "{e:?}");
        }
        // Issue 22: the past-due borrower lines a payment up with payday, ten days from today
        // (Friday 4 December), though the oldest unpaid due date and the window are behind
        // us: the window counts from today. It is credited as of that day. (Quoted only: the
        // ACH file below carries today's payments.)
        let past_due_since = app
            .store()
            .loan_view(acct(PAST_DUE))
            .await
            .unwrap()
            .unwrap()
            .snapshot
            .next_due_date
            .expect("the past-due loan has an unpaid installment");
        assert!(
            past_due_since.saturating_add(jiff::Span::new().days(15))
                < jiff::civil::date(2026, 12, 4),
            "the old window (from {past_due_since}) would have refused payday"
        );
        let payday = PaymentRequest {
            date: Some(jiff::civil::date(2026, 12, 4)),
            ..pay(PAST_DUE, s.bank, other(5_000))
        };
        let q = app.quote_payment(login, &payday).await.unwrap();
        assert_eq!(q.credit_date, jiff::civil::date(2026, 12, 4));
        assert!(!q.moved);
        // Fifteen days from today is the last day; the refusal says so in words.
        let e = app
            .quote_payment(
                login,
                &PaymentRequest {
                    date: Some(jiff::civil::date(2026, 12, 10)),
                    ..pay(PAST_DUE, s.bank, other(5_000))
                },
            )
            .await
            .unwrap_err();
        assert_eq!(
            e.to_string(),
            "Choose a date up to December 9, 2026 (15 days from today)"
        );
        assert!(
            matches!(
                app.quote_payment(login, &pay(521_840_000_000_301, s.bank, other(100)))
                    .await,
                Err(PaymentError::NotFound)
            ),
            "another borrower's loan is not found"
        );

        let before = app
            .store()
            .loan_view(acct(PAST_DUE))
            .await
            .unwrap()
            .unwrap()
            .snapshot;
        let file = app.originate_ach(None).await.unwrap();
        assert!(file.new);
        assert_eq!(file.entries, 1, "the future payment waits for its day");
        let text = std::fs::read(file.path.as_ref().unwrap()).unwrap();
        let entries = formats::nacha::parse(&text).unwrap();
        assert_eq!(entries.len(), 1);
        assert_eq!(entries[0].amount, Money::from_cents(part));
        assert_eq!(entries[0].account_number.trim(), "123456789");
        assert_eq!(entries[0].sec, "WEB");
        let posted = app
            .payment_of(login, second.payment.id)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(posted.status, PaymentStatus::Posted);
        assert!(posted.trace_number.is_some());
        assert!(matches!(
            app.cancel_payment(login, second.payment.id, &client())
                .await,
            Err(PaymentError::TooLate)
        ));
        let after = app
            .store()
            .loan_view(acct(PAST_DUE))
            .await
            .unwrap()
            .unwrap()
            .snapshot;
        assert_eq!(
            before.principal + before.interest + before.fees - Money::from_cents(part),
            after.principal + after.interest + after.fees
        );

        // Originating the date again writes the same file and debits nothing new.
        let again = app.originate_ach(None).await.unwrap();
        assert!(!again.new);
        assert_eq!(std::fs::read(again.path.as_ref().unwrap()).unwrap(), text);
        assert_books_balance(app.store()).await;

        // The bank returns it for insufficient funds: reversed, retried once as RETRY PYMT.
        let returns = bank_returns(&text, "R01", "261125");
        let read = app
            .read_ach_returns("returns-1.ach", returns.as_bytes())
            .await
            .unwrap();
        assert_eq!((read.reversed, read.retries), (1, 1));
        let restored = app
            .store()
            .loan_view(acct(PAST_DUE))
            .await
            .unwrap()
            .unwrap()
            .snapshot;
        assert_eq!(restored.principal, before.principal);
        assert_eq!(
            app.payment_of(login, second.payment.id)
                .await
                .unwrap()
                .unwrap()
                .status,
            PaymentStatus::Returned
        );
        // The same file again changes nothing.
        assert!(
            app.read_ach_returns("returns-1-again.ach", returns.as_bytes())
                .await
                .unwrap()
                .already_read
        );
        // A file that does not add up is refused whole.
        let broken = returns.replacen("R01", "R02", 1).replacen(
            &format!("{:010}", entries[0].amount.cents()),
            &format!("{:010}", 1),
            1,
        );
        assert!(matches!(
            app.read_ach_returns("broken.ach", broken.as_bytes()).await,
            Err(app::payments::ach::AchError::Refused(_))
        ));
        assert_books_balance(app.store()).await;

        // The retry goes out the next business day, labelled RETRY PYMT.
        s.clock.advance(jiff::SignedDuration::from_hours(24));
        let retry = app.originate_ach(None).await.unwrap();
        let text = std::fs::read_to_string(retry.path.as_ref().unwrap()).unwrap();
        assert!(text.contains("RETRY PYMT"));
        assert_books_balance(app.store()).await;
        let _ = std::fs::remove_dir_all(&s.dir);
        s.db.finish().await;
    }
}

#[tokio::test]
async fn a_bank_payment_taken_by_phone_goes_out_as_a_tel_entry_and_posts_with_the_file() {
    for s in setups("pay_phone").await {
        let app = &s.app;
        let phone = ReceivedPayment {
            account: acct(CURRENT),
            amount: Money::from_cents(20_000),
            channel: PaymentChannel::Phone,
            received_on: None,
            extra: ExtraTo::Principal,
            bank: Some(app::payments::received::PhoneBank {
                holder_name: "Maria Lopez".into(),
                routing_number: "011000015".into(),
                account_number: "55512345".into(),
                account_type: "savings".into(),
            }),
        };
        let bad = ReceivedPayment {
            bank: Some(app::payments::received::PhoneBank {
                routing_number: "011000016".into(),
                ..phone.bank.clone().unwrap()
            }),
            ..phone.clone()
        };
        assert!(matches!(
            app.post_received_payment(
                &app::access::Actor::api_client("agent", app::api_clients::Scopes::all()),
                "phone-0001",
                &bad
            )
            .await
            .unwrap_err(),
            PaymentError::BadRoutingNumber(_)
        ));
        let no_bank = ReceivedPayment {
            bank: None,
            ..phone.clone()
        };
        assert!(matches!(
            app.post_received_payment(
                &app::access::Actor::api_client("agent", app::api_clients::Scopes::all()),
                "phone-0001",
                &no_bank
            )
            .await
            .unwrap_err(),
            PaymentError::ChannelNeedsBank
        ));
        let made = app
            .post_received_payment(
                &app::access::Actor::api_client("agent", app::api_clients::Scopes::all()),
                "phone-0001",
                &phone,
            )
            .await
            .unwrap();
        assert_eq!(
            (made.payment.status, made.payment.rail),
            (PaymentStatus::Scheduled, Rail::Ach)
        );
        assert!(
            app.post_received_payment(
                &app::access::Actor::api_client("agent", app::api_clients::Scopes::all()),
                "phone-0001",
                &phone
            )
            .await
            .unwrap()
            .replayed
        );
        let file = app.originate_ach(None).await.unwrap();
        let entries =
            formats::nacha::parse(&std::fs::read(file.path.as_ref().unwrap()).unwrap()).unwrap();
        assert_eq!(entries.len(), 1);
        assert_eq!(
            (
                entries[0].sec.as_str(),
                entries[0].transaction_code.as_str()
            ),
            ("TEL", "37")
        );
        assert_eq!(entries[0].account_number.trim(), "55512345");
        assert_eq!(
            app.store().payment_counts().await.unwrap()[0].0,
            PaymentStatus::Posted
        );
        assert_books_balance(app.store()).await;
        let _ = std::fs::remove_dir_all(&s.dir);
        s.db.finish().await;
    }
}

/// Issue 17: one staff payment of $92,233,720,368,547,758.07 was posted and broke the trial
/// balance for good; a phone debit over $99,999,999.99 was accepted and then made the bank's
/// whole file unwritable. Every channel's amount is bounded where it enters; a refused amount
/// changes nothing, and the other borrowers' debits still go out.
#[tokio::test]
async fn an_amount_beyond_its_channel_limit_is_refused_and_changes_nothing() {
    for s in setups("pay_limits").await {
        let app = &s.app;
        let payment = |channel: PaymentChannel, cents: i64| ReceivedPayment {
            account: acct(CURRENT),
            amount: Money::from_cents(cents),
            channel,
            received_on: None,
            extra: ExtraTo::Principal,
            bank: (channel == PaymentChannel::Phone).then(|| app::payments::received::PhoneBank {
                holder_name: "Maria Lopez".into(),
                routing_number: "011000015".into(),
                account_number: "55512345".into(),
                account_type: "checking".into(),
            }),
        };
        let before = app.store().trial_balance(None).await.unwrap();
        let counts = app.store().payment_counts().await.unwrap();
        let limits = app.payment_settings().limits;
        for (channel, cents, why) in [
            (PaymentChannel::Lockbox, i64::MAX, "up to $99,999,999.99"),
            (
                PaymentChannel::Staff,
                10_000_000_000,
                "up to $99,999,999.99",
            ),
            (PaymentChannel::Lockbox, -5, "greater than zero"),
            (
                PaymentChannel::Lockbox,
                limits.posted.cents() + 1,
                "can be here is $1,000,000.00",
            ),
            (
                PaymentChannel::Phone,
                10_000_000_000,
                "up to $99,999,999.99",
            ),
            (
                PaymentChannel::Phone,
                limits.phone.cents() + 1,
                "can be here is $50,000.00",
            ),
        ] {
            let err = app
                .post_received_payment(
                    &app::access::Actor::api_client("agent", app::api_clients::Scopes::all()),
                    &format!("big-{channel}-{cents}"),
                    &payment(channel, cents),
                )
                .await
                .unwrap_err();
            assert!(
                matches!(
                    err,
                    PaymentError::ReceivedAmountOutOfRange { .. }
                        | PaymentError::OverChannelLimit {
                            of: AmountOf::Payment,
                            ..
                        }
                ),
                "{channel} {cents}: {err:?}"
            );
            assert!(err.to_string().contains(why), "{channel} {cents}: {err}");
        }
        assert_eq!(app.store().trial_balance(None).await.unwrap(), before);
        assert_eq!(app.store().payment_counts().await.unwrap(), counts);
        // At the limit is taken, and the next payment on the loan posts as well.
        app.post_received_payment(
            &app::access::Actor::api_client("agent", app::api_clients::Scopes::all()),
            "phone-at-limit",
            &payment(PaymentChannel::Phone, limits.phone.cents()),
        )
        .await
        .unwrap();
        app.post_received_payment(
            &app::access::Actor::api_client("agent", app::api_clients::Scopes::all()),
            "check-small",
            &payment(PaymentChannel::Lockbox, 10_000),
        )
        .await
        .unwrap();
        let file = app.originate_ach(None).await.unwrap();
        assert_eq!(file.entries, 1);
        assert_books_balance(app.store()).await;
        let _ = std::fs::remove_dir_all(&s.dir);
        s.db.finish().await;
    }
}

/// Issue 17: a TEL debit authorized after the cutoff, on a weekend, or while the business
/// date is behind the calendar was refused with a message about `received_on`, a field the
/// caller never sent. It is taken at any hour and credited on the next business day it can
/// be, as a portal payment is.
#[tokio::test]
async fn a_bank_payment_by_phone_is_taken_at_any_hour_and_credited_when_it_can_be() {
    for s in setups("pay_phone_hours").await {
        let app = &s.app;
        let today = app.business_date().await.unwrap();
        assert_eq!(today, jiff::civil::date(2026, 11, 24), "a Tuesday");
        let phone = |cents| ReceivedPayment {
            account: acct(CURRENT),
            amount: Money::from_cents(cents),
            channel: PaymentChannel::Phone,
            received_on: None,
            extra: ExtraTo::Principal,
            bank: Some(app::payments::received::PhoneBank {
                holder_name: "Maria Lopez".into(),
                routing_number: "011000015".into(),
                account_number: "55512345".into(),
                account_type: "checking".into(),
            }),
        };
        // 22:00 in New York, after the 17:00 cutoff: the next business day.
        s.clock.advance(jiff::SignedDuration::from_hours(12));
        let late = app
            .post_received_payment(
                &app::access::Actor::api_client("agent", app::api_clients::Scopes::all()),
                "phone-late",
                &phone(1_000),
            )
            .await
            .unwrap();
        assert_eq!(late.payment.status, PaymentStatus::Scheduled);
        assert_eq!(late.payment.credit_date, jiff::civil::date(2026, 11, 25));
        // Tuesday is closed (the business date is Wednesday), then nothing more: on Saturday
        // (after Thanksgiving) the business date is behind the calendar and its cutoff has
        // passed, so the debit is credited on the business day after it, Friday.
        let quiet = |_: &app::cob::Progress| {};
        app.close_of_business(None, "test", &quiet).await.unwrap();
        assert_eq!(
            app.business_date().await.unwrap(),
            jiff::civil::date(2026, 11, 25)
        );
        s.clock.advance(jiff::SignedDuration::from_hours(24 * 4));
        let weekend = app
            .post_received_payment(
                &app::access::Actor::api_client("agent", app::api_clients::Scopes::all()),
                "phone-weekend",
                &phone(1_100),
            )
            .await
            .unwrap();
        assert_eq!(weekend.payment.status, PaymentStatus::Scheduled);
        assert_eq!(weekend.payment.credit_date, jiff::civil::date(2026, 11, 27));
        // A lockbox check still may not be received after the business date.
        let check = ReceivedPayment {
            channel: PaymentChannel::Lockbox,
            bank: None,
            received_on: Some(jiff::civil::date(2026, 11, 27)),
            ..phone(1_200)
        };
        let err = app
            .post_received_payment(
                &app::access::Actor::api_client("agent", app::api_clients::Scopes::all()),
                "check-future",
                &check,
            )
            .await
            .unwrap_err();
        assert!(
            matches!(err, PaymentError::ReceivedAfterBusinessDate { .. }),
            "{err:?}"
        );
        assert!(err.to_string().contains("November 25, 2026"), "{err}");
        let _ = std::fs::remove_dir_all(&s.dir);
        s.db.finish().await;
    }
}

#[tokio::test]
async fn autopay_drafts_the_payment_due_and_a_closed_account_stops_it() {
    for s in setups("pay_autopay").await {
        let (app, login) = (&s.app, s.login);
        assert!(
            app.store()
                .loan_view(acct(BOARDED))
                .await
                .unwrap()
                .unwrap()
                .autopay_must_be_reestablished
        );
        let req = AutopayRequest {
            account: acct(BOARDED),
            method: s.bank,
            fixed_amount: Some(Money::from_cents(100)),
            days_before_due: 0,
            cadence: domain::autopay::Cadence::Monthly,
        };
        assert!(matches!(
            app.enroll_autopay(login, &req, true, &client()).await,
            Err(PaymentError::FixedAmountBelowScheduled { .. })
        ));
        // Without the borrower's agreement to the words nothing is recorded, whoever calls.
        let e = app
            .enroll_autopay(
                login,
                &AutopayRequest {
                    fixed_amount: None,
                    ..req.clone()
                },
                false,
                &client(),
            )
            .await
            .unwrap_err();
        assert!(matches!(e, PaymentError::AgreementNeeded), "{e:?}");
        assert_eq!(e.to_string(), app::payments::autopay::AGREEMENT_NEEDED);
        assert!(
            app.autopay_of(login, acct(BOARDED))
                .await
                .unwrap()
                .is_none()
        );
        let a = app
            .enroll_autopay(
                login,
                &AutopayRequest {
                    fixed_amount: None,
                    ..req
                },
                true,
                &client(),
            )
            .await
            .unwrap();
        assert!(a.text.contains("ending in") && a.text.contains("until I cancel"));
        assert_eq!(a.ip, "198.51.100.7");
        assert!(
            !app.store()
                .loan_view(acct(BOARDED))
                .await
                .unwrap()
                .unwrap()
                .autopay_must_be_reestablished,
            "the banner goes"
        );
        let outbox = app.store().outbox(None, 100).await.unwrap();
        assert!(
            outbox
                .iter()
                .any(|m| m.message.subject.contains("AutoPay authorization"))
        );

        // Part of the next payment is paid by check: the draft is for the rest, announced.
        let check = ReceivedPayment {
            account: acct(BOARDED),
            amount: Money::from_cents(10_000),
            channel: PaymentChannel::Mail,
            received_on: None,
            extra: ExtraTo::NextInstallment,
            bank: None,
        };
        app.post_received_payment(
            &app::access::Actor::api_client("demo", app::api_clients::Scopes::all()),
            "check-0001",
            &check,
        )
        .await
        .unwrap();
        // Walk business days until the boarded loan's due date (the 5th): one draft.
        let mut drafted = None;
        for _ in 0..20 {
            s.clock.advance(jiff::SignedDuration::from_hours(24));
            let today = app.business_date().await.unwrap();
            if !domain::calendar::is_business_day(today) {
                continue;
            }
            let file = app.originate_ach(None).await.unwrap();
            if file.entries > 0 {
                drafted = Some(file);
                break;
            }
        }
        let file = drafted.expect("a draft by the due date");
        assert_eq!(file.entries, 1);
        let bytes = std::fs::read(file.path.as_ref().unwrap()).unwrap();
        let entries = formats::nacha::parse(&bytes).unwrap();
        assert_eq!(
            entries[0].amount,
            Money::parse("142.84").unwrap(),
            "the scheduled payment less the check"
        );
        let notices = app.store().outbox(None, 200).await.unwrap();
        assert!(
            notices
                .iter()
                .any(|m| m.message.subject.contains("AutoPay on")
                    && m.message.body.contains("$142.84")
                    && m.message.body.contains("not the usual $242.84")),
            "the borrower was told the draft differs"
        );
        // The bank says the account is closed: AutoPay stops, the borrower is told.
        let read = app
            .read_ach_returns("r02.ach", bank_returns(&bytes, "R02", "261125").as_bytes())
            .await
            .unwrap();
        assert_eq!(
            (read.reversed, read.retries, read.autopays_stopped),
            (1, 0, 1)
        );
        assert!(
            app.autopay_of(login, acct(BOARDED))
                .await
                .unwrap()
                .is_none()
        );
        let kept = app.store().autopays_of_loan(a.loan).await.unwrap();
        assert!(
            kept[0].cancel_reason.as_deref().unwrap().starts_with("R02"),
            "the authorization is kept with why it ended"
        );
        assert_books_balance(app.store()).await;
        let _ = std::fs::remove_dir_all(&s.dir);
        s.db.finish().await;
    }
}

#[tokio::test]
async fn a_scheduled_payoff_means_no_draft_and_autopay_ends_with_the_loan() {
    for s in setups("pay_autopay_payoff").await {
        let (app, login) = (&s.app, s.login);
        app.enroll_autopay(
            login,
            &AutopayRequest {
                account: acct(BOARDED),
                method: s.bank,
                fixed_amount: None,
                days_before_due: 0,
                cadence: domain::autopay::Cadence::Monthly,
            },
            true,
            &client(),
        )
        .await
        .unwrap();
        // The borrower schedules the payoff for 1 December, before the draft of the payment
        // due the 5th (a Saturday, so drafted Friday the 4th).
        let payoff_day = jiff::civil::date(2026, 12, 1);
        let payoff = app
            .make_payment(
                login,
                "form-key-payoff",
                &PaymentRequest {
                    date: Some(payoff_day),
                    ..pay(BOARDED, s.bank, AmountChoice::Payoff)
                },
                &client(),
            )
            .await
            .unwrap();
        assert_eq!(payoff.payment.status, PaymentStatus::Scheduled);
        // Today's close: the draft within the notice window comes to nothing, and says why.
        app.originate_ach(None).await.unwrap();
        let outbox = app.store().outbox(None, 200).await.unwrap();
        assert!(
            outbox.iter().any(
                |m| m.message.subject == "No AutoPay draft on December 4, 2026"
                    && m.message
                        .body
                        .contains("will be paid off by the payment you scheduled")
            ),
            "the borrower is told AutoPay will not draft because the loan will be paid off"
        );
        // Day by day to the 4th: the payoff goes out on the 1st; AutoPay then ends, with a
        // notice, and drafts nothing.
        let mut debits = 0;
        loop {
            s.clock.advance(jiff::SignedDuration::from_hours(24));
            let today = app.business_date().await.unwrap();
            if !domain::calendar::is_business_day(today) {
                continue;
            }
            debits += app.originate_ach(None).await.unwrap().entries;
            if today >= jiff::civil::date(2026, 12, 4) {
                break;
            }
        }
        assert_eq!(debits, 1, "the payoff only, no AutoPay draft");
        let view = app.store().loan_view(acct(BOARDED)).await.unwrap().unwrap();
        assert_eq!(view.snapshot.status, LoanStatus::PaidOff);
        assert!(
            app.autopay_of(login, acct(BOARDED))
                .await
                .unwrap()
                .is_none()
        );
        let outbox = app.store().outbox(None, 300).await.unwrap();
        assert!(
            outbox
                .iter()
                .any(|m| m.message.subject == "Your loan is paid off: AutoPay has ended"),
            "the borrower is told AutoPay ended"
        );
        assert!(
            outbox.iter().any(|m| m
                .message
                .body
                .contains("This payment paid your loan in full")),
            "and that the loan is paid off"
        );
        assert_books_balance(app.store()).await;
        let _ = std::fs::remove_dir_all(&s.dir);
        s.db.finish().await;
    }
}

#[tokio::test]
async fn a_card_payment_posts_on_approval_and_a_decline_is_shown_plainly() {
    for s in setups("pay_card").await {
        let (app, login) = (&s.app, s.login);
        let card = |number: &str| CardDetails {
            number: number.into(),
            exp_month: 12,
            exp_year: 2030,
            cvv: "123".into(),
            zip: "62704".into(),
        };
        let session = app.session(&s.token).await.unwrap().unwrap();
        let ok = app
            .add_card(
                &session,
                "",
                "Maria Lopez",
                &card("4242424242424242"),
                &client(),
            )
            .await
            .unwrap();
        let nsf = app
            .add_card(
                &session,
                "",
                "Maria Lopez",
                &card("4000000000009995"),
                &client(),
            )
            .await
            .unwrap();
        let refused = app
            .add_card(
                &session,
                "",
                "Maria Lopez",
                &card("4242424242424241"),
                &client(),
            )
            .await
            .unwrap_err();
        assert!(
            matches!(
                refused,
                app::identity::IdentityError::CardRefused(
                    app::payments::cards::CardError::Invalid {
                        field: "card_number",
                        ..
                    }
                )
            ),
            "{refused:?}"
        );
        let approved = app
            .make_payment(
                login,
                "card-key-0001",
                &pay(CURRENT, ok, other(5_000)),
                &client(),
            )
            .await
            .unwrap();
        assert_eq!(approved.payment.status, PaymentStatus::Posted);
        assert!(approved.payment.card_authorization.is_some());
        let declined = app
            .make_payment(
                login,
                "card-key-0002",
                &pay(CURRENT, nsf, other(5_000)),
                &client(),
            )
            .await
            .unwrap();
        assert_eq!(declined.payment.status, PaymentStatus::Declined);
        assert!(
            declined
                .payment
                .decline_reason
                .unwrap()
                .contains("insufficient funds")
        );
        let methods = app.payment_methods(login).await.unwrap();
        assert!(
            methods
                .iter()
                .all(|m| !format!("{m:?}").contains("4242424242"))
        );
        assert_books_balance(app.store()).await;
        s.db.finish().await;
    }
}

#[tokio::test]
async fn a_return_file_that_does_not_match_what_we_sent_is_refused_whole_and_changes_nothing() {
    use app::payments::ach::AchError;
    use formats::nacha::{Entry, NachaError};
    /// The bank's return (R01) of the first of `entries`: line 3 the entry, line 4 its addenda.
    fn r01(entries: &[Entry]) -> String {
        formats::nacha::bank::answer(
            entries,
            &[(
                entries[0].trace.clone(),
                formats::nacha::bank::Answer::Return("R01".into()),
            )],
            "261125",
        )
    }
    for s in setups("pay_return_refused").await {
        let (app, login) = (&s.app, s.login);
        let made = app
            .make_payment(
                login,
                "form-key-refused",
                &pay(CURRENT, s.bank, other(10_000)),
                &client(),
            )
            .await
            .unwrap();
        let file = app.originate_ach(None).await.unwrap();
        let sent = std::fs::read(file.path.as_ref().unwrap()).unwrap();
        let posted = app.payment_of(login, made.payment.id).await.unwrap();
        let trace = posted.unwrap().trace_number.unwrap();
        let ours: Vec<Entry> = formats::nacha::parse(&sent)
            .unwrap()
            .into_iter()
            .filter(|e| e.trace == trace)
            .collect();
        assert_eq!(ours[0].amount, Money::from_cents(10_000));
        let right = r01(&ours);
        let mut more = ours.clone();
        more[0].amount = Money::from_cents(10_001);
        let mut unknown = ours.clone();
        unknown[0].trace = "021000029999999".into();
        let sent = String::from_utf8(sent).unwrap();
        let no_addenda: String = right
            .lines()
            .filter(|l| !l.starts_with("799"))
            .map(|l| format!("{l}\n"))
            .collect();
        // (the file, the line named, words of the reason)
        let files = [
            ("1-amount.ach", r01(&more), 3, "$100.01"),
            ("2-no-addenda.ach", no_addenda, 3, "no addenda"),
            ("3-unknown.ach", r01(&unknown), 4, "not an entry we sent"),
            ("4-ours.ach", sent, 3, "not one return"),
        ];
        let books = app.store().trial_balance(None).await.unwrap();
        let inbound = s.dir.join("inbound");
        std::fs::create_dir_all(&inbound).unwrap();
        for (name, text, line, why) in &files {
            let e = app
                .read_ach_returns(name, text.as_bytes())
                .await
                .unwrap_err();
            let said = e.refusal().unwrap_or_else(|| panic!("{name}: {e}"));
            let at = format!("line {line}: ");
            assert!(
                said.starts_with(&at) && said.contains(*why),
                "{name}: {said}"
            );
            std::fs::write(inbound.join(name), text).unwrap();
        }
        // The worker's sweep keeps each in refused/ with why, and processes none.
        assert_eq!(app.sweep_ach_inbound().await.unwrap(), files.len());
        for (name, _, line, _) in &files {
            let refused = inbound.join("refused");
            assert!(refused.join(name).exists(), "{name} is kept");
            let why = std::fs::read_to_string(refused.join(format!("{name}.why.txt"))).unwrap();
            assert!(why.starts_with(&format!("line {line}: ")), "{name}: {why}");
            assert!(!inbound.join("processed").join(name).exists(), "{name}");
        }
        // Nothing changed: the payment is still posted, the books are as they were, and no
        // file was recorded as read (read again, it is refused again, not "read before").
        let payment = app.payment_of(login, made.payment.id).await.unwrap();
        assert_eq!(payment.unwrap().status, PaymentStatus::Posted);
        assert_eq!(app.store().trial_balance(None).await.unwrap(), books);
        assert!(matches!(
            app.read_ach_returns("again.ach", files[0].1.as_bytes())
                .await,
            Err(AchError::Unmatched { line: 3, .. })
        ));
        assert!(matches!(
            app.read_ach_returns("again.ach", files[1].1.as_bytes())
                .await,
            Err(AchError::Refused(NachaError::Structure { line: 3, .. }))
        ));
        // The bank's corrected file is applied whole.
        std::fs::write(inbound.join("5-right.ach"), &right).unwrap();
        assert_eq!(app.sweep_ach_inbound().await.unwrap(), 1);
        assert!(inbound.join("processed").join("5-right.ach").exists());
        let payment = app.payment_of(login, made.payment.id).await.unwrap();
        assert_eq!(payment.unwrap().status, PaymentStatus::Returned);
        assert_books_balance(app.store()).await;
        let _ = std::fs::remove_dir_all(&s.dir);
        s.db.finish().await;
    }
}

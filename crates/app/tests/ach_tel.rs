//! A bank payment taken by phone is a single TEL debit on a call not recorded: it goes in an
//! ACH file only once the written notice of its authorization has been sent (NACHA), on a
//! real store (SQLite, and PostgreSQL when configured), with an email provider that is down
//! until the test brings it up. Held while the notice waits (left out of the file, still
//! scheduled and cancellable, the file's count and total only what it carries, the portal's
//! WEB debits going as before); carried exactly once by the first file after the notice is
//! sent; cancelled, the borrower told where a message still reaches them and the cancellation
//! audited, when the outbox gives the notice up, or when it is still unsent two business days
//! after the payment's credit date (the notice then withdrawn, so that it never confirms a
//! debit that was not made). The books balance after each.

use app::App;
use app::delivery::{MAX_ATTEMPTS, Sender, Senders, Sent};
use app::payment_methods::BankAccountForm;
use app::payments::ach::{Originated, TEL_NOTICE_WAIT_DAYS};
use app::payments::one_time::PaymentRequest;
use app::payments::phone::{GivenMethod, PayFrom, PhonePaymentRequest, ScriptAgreement};
use app::verification::Verification;
use domain::account_number::AccountNumber;
use domain::loan::ExtraTo;
use domain::payment::{AmountChoice, PaymentStatus};
use domain::verification::TypedAnswers;
use jiff::civil::{Date, date};
use money::Money;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use store::{BorrowerId, Channel, Message, Payment};
use test_support::borrowers::{MARIA, add_bank_account, enrol, session};
use test_support::clients::client;
use test_support::clock::clock_date;

/// An email provider that refuses every message while it is down and records the key of each
/// it accepts once it is up.
#[derive(Debug, Default)]
struct Mail {
    up: AtomicBool,
    accepted: Mutex<Vec<String>>,
}

impl Sender for Mail {
    fn send<'a>(&'a self, m: &'a Message) -> Sent<'a> {
        Box::pin(async move {
            if self.up.load(Ordering::SeqCst) {
                self.accepted.lock().unwrap().push(m.message.key.clone());
                Ok(())
            } else {
                Err("the mail provider is down".to_owned())
            }
        })
    }
}

impl Mail {
    fn accepted(&self, key: &str) -> bool {
        self.accepted.lock().unwrap().iter().any(|k| k == key)
    }
}

/// The shared desk (`test_support::desk`), email through [`Mail`], and Maria.
struct Desk {
    desk: test_support::desk::Desk,
    mail: Arc<Mail>,
    maria: BorrowerId,
}

test_support::extends_desk!(Desk);

/// The demo portfolio on Wednesday, November 25, 2026, 10:00 in New York (before the cutoff),
/// its ACH files in a directory of the test's own, email through [`Mail`] (down), and an
/// agent; one per backend.
async fn desks(test: &str) -> Vec<Desk> {
    let with_mail = |app: App, _: &std::path::Path| {
        let mail = Arc::new(Mail::default());
        let email: Arc<dyn Sender> = mail.clone();
        let app = app.with_senders(Senders {
            email: Some(email),
            sms: None,
        });
        (app, mail)
    };
    let mut out = Vec::new();
    for (desk, mail) in test_support::desk::Desk::open_with(test, with_mail).await {
        let maria = desk
            .app
            .loan_of_account(maria_loan())
            .await
            .unwrap()
            .unwrap()
            .1;
        out.push(Desk { desk, mail, maria });
    }
    out
}

fn maria_loan() -> AccountNumber {
    MARIA.0.parse().unwrap()
}

/// The agent verifies Maria as the caller and takes a payment of `cents` from a checking
/// account she reads out, under `key`: a TEL debit credited today, its notice by email.
async fn take_tel_debit(d: &Desk, key: &str, cents: i64) -> Payment {
    let answers = TypedAnswers {
        date_of_birth: MARIA.2.into(),
        zip: MARIA.3.into(),
        ssn_last4: MARIA.1.into(),
        last_payment: String::new(),
    };
    let v = d
        .app
        .verify_caller(&d.agent, d.maria, &answers)
        .await
        .unwrap();
    assert!(matches!(v, Verification::Passed(_)), "{v:?}");
    let bank = BankAccountForm {
        holder_name: "Maria Lopez".into(),
        routing_number: "231380104".into(),
        account_number: "55512345".into(),
        confirm_account_number: "55512345".into(),
        account_type: "checking".into(),
        ..BankAccountForm::default()
    };
    let given = d
        .app
        .record_phone_method(&d.agent, d.maria, &GivenMethod::Bank(bank))
        .await
        .unwrap();
    let req = PhonePaymentRequest {
        account: maria_loan(),
        method: PayFrom::Given(given),
        amount: AmountChoice::Other(Money::from_cents(cents)),
        date: None,
        extra: ExtraTo::Principal,
    };
    let review = d
        .app
        .review_phone_payment(&d.agent, d.maria, &req)
        .await
        .unwrap();
    let agreed = ScriptAgreement {
        version: review.script.version.into(),
        read_at_us: review.read_at_us,
        digest: review.digest.clone(),
        borrower_agreed: true,
    };
    let p = d
        .app
        .take_phone_payment(&d.agent, d.maria, key, &req, &agreed)
        .await
        .unwrap()
        .payment;
    assert_eq!(p.status, PaymentStatus::Scheduled);
    assert_eq!(p.credit_date, date(2026, 11, 25));
    p
}

/// Maria enrolled in the portal, with a saved bank account; her login.
async fn enrol_maria(app: &App) -> (store::LoginId, store::PaymentMethodId) {
    let token = enrol(app, MARIA, "maria.lopez").await;
    let s = session(app, &token).await;
    let bank = add_bank_account(app, &s, &client()).await;
    (s.login().unwrap(), bank)
}

/// The outbox message written for payment `p`'s authorization by phone (its evidence names
/// it).
async fn notice_of(app: &App, p: &Payment) -> Message {
    let id = app
        .store()
        .phone_authorization_of_payment(p.id)
        .await
        .unwrap()
        .expect("the evidence of the payment")
        .recorded
        .notice
        .expect("the notice it names");
    message(app, id).await
}

async fn message(app: &App, id: i64) -> Message {
    app.store()
        .outbox(None, 10_000)
        .await
        .unwrap()
        .into_iter()
        .find(|m| m.id == id)
        .expect("the message")
}

async fn payment(app: &App, p: &Payment) -> Payment {
    app.store().payment_row(p.id).await.unwrap().unwrap()
}

/// The entries of an originated file (none when it had no debit, so no file).
fn entries_of(file: &Originated) -> Vec<formats::nacha::Entry> {
    file.path.as_ref().map_or_else(Vec::new, |path| {
        formats::nacha::parse(&std::fs::read(path).unwrap()).unwrap()
    })
}

/// How many entries of `entries` are payment `p`'s.
fn count_of(entries: &[formats::nacha::Entry], p: &Payment) -> usize {
    entries
        .iter()
        .filter(|e| e.individual_id.trim() == p.confirmation)
        .count()
}

/// The file's count and total are exactly the entries it carries, in the file and as
/// recorded.
async fn totals_right(app: &App, file: &Originated, entries: &[formats::nacha::Entry]) {
    assert_eq!(file.entries, i64::try_from(entries.len()).unwrap());
    assert_eq!(file.total, entries.iter().map(|e| e.amount).sum::<Money>());
    let mut tx = app.store().begin().await.unwrap();
    let recorded = tx
        .ach_file(file.date)
        .await
        .unwrap()
        .expect("the file recorded");
    drop(tx);
    assert_eq!(
        (recorded.entry_count, recorded.debit_total),
        (file.entries, file.total)
    );
}

/// Closes the business date and moves the clock to the next one's morning; the new date.
async fn next_business_day(d: &Desk) -> Date {
    let quiet = |_: &app::cob::Progress| {};
    d.app.close_of_business(None, "test", &quiet).await.unwrap();
    let next = d.app.business_date().await.unwrap();
    while clock_date(&d.clock) < next {
        d.clock.advance(jiff::SignedDuration::from_hours(24));
    }
    next
}

/// The newest audit record of `action` on `borrower`.
async fn audited(app: &App, borrower: BorrowerId, action: &str) -> Option<String> {
    app.store()
        .audit_of(&format!("borrower:{}", borrower.0), 100)
        .await
        .unwrap()
        .into_iter()
        .find(|a| a.event.action == action)
        .map(|a| a.event.detail)
}

#[tokio::test]
async fn a_tel_debit_waits_for_its_notice_and_the_next_file_carries_it_once_it_is_sent() {
    for d in desks("tel_held").await {
        let app = &d.app;
        // A portal payment by bank (a WEB entry) and a payment by phone, the same morning.
        let (login, bank) = enrol_maria(app).await;
        let web = app
            .make_payment(
                login,
                "portal-key-0001",
                &PaymentRequest {
                    account: maria_loan(),
                    method: bank,
                    amount: AmountChoice::Other(Money::from_cents(10_000)),
                    date: None,
                    extra: ExtraTo::Principal,
                },
                &client(),
            )
            .await
            .unwrap()
            .payment;
        let tel = take_tel_debit(&d, "phone-key-0101", 20_000).await;

        // The mail provider is down: the notice is tried and waits.
        app.deliver_outbox(1_000).await.unwrap();
        assert_eq!(notice_of(app, &tel).await.state, "pending");

        // The day's file: the WEB debit goes; the TEL debit is held, still scheduled and
        // cancellable, in neither the file's count nor its total.
        let file = app.originate_ach(None).await.unwrap();
        assert_eq!(file.date, date(2026, 11, 25));
        assert_eq!((file.held, file.not_sent), (1, 0));
        let entries = entries_of(&file);
        assert_eq!(count_of(&entries, &web), 1);
        assert_eq!(count_of(&entries, &tel), 0);
        assert!(entries.iter().all(|e| e.sec != "TEL"), "{entries:?}");
        totals_right(app, &file, &entries).await;
        assert_eq!(payment(app, &web).await.status, PaymentStatus::Posted);
        let held = payment(app, &tel).await;
        assert_eq!(
            (
                held.status,
                held.ach_file_date,
                held.trace_number.as_deref()
            ),
            (PaymentStatus::Scheduled, None, None)
        );
        assert!(
            app.phone_receipt(&d.agent, d.maria, tel.id)
                .await
                .unwrap()
                .cancellable
        );
        // The day again: the same file, nothing decided again.
        let again = app.originate_ach(None).await.unwrap();
        assert!(!again.new);
        assert_eq!((again.entries, again.total), (file.entries, file.total));
        assert_eq!(payment(app, &tel).await.status, PaymentStatus::Scheduled);

        // The provider is back: the notice goes (after its backoff).
        d.mail.up.store(true, Ordering::SeqCst);
        d.clock.advance(jiff::SignedDuration::from_hours(1));
        app.deliver_outbox(1_000).await.unwrap();
        let notice = notice_of(app, &tel).await;
        assert_eq!(notice.state, "sent");
        assert!(d.mail.accepted(&notice.message.key));

        // The next business day's file carries it, once, as a TEL entry, credited as of the
        // day the borrower was promised.
        let friday = next_business_day(&d).await;
        assert_eq!(friday, date(2026, 11, 27));
        let file = app.originate_ach(None).await.unwrap();
        assert_eq!((file.held, file.not_sent), (0, 0));
        let entries = entries_of(&file);
        assert_eq!(count_of(&entries, &tel), 1);
        assert_eq!(count_of(&entries, &web), 0);
        let e = entries
            .iter()
            .find(|e| e.individual_id.trim() == tel.confirmation)
            .unwrap();
        assert_eq!(
            (e.sec.as_str(), e.account_number.trim(), e.amount),
            ("TEL", "55512345", Money::from_cents(20_000))
        );
        totals_right(app, &file, &entries).await;
        let sent = payment(app, &tel).await;
        assert_eq!(
            (sent.status, sent.ach_file_date, sent.credit_date),
            (PaymentStatus::Posted, Some(friday), date(2026, 11, 25))
        );
        assert!(
            !app.phone_receipt(&d.agent, d.maria, tel.id)
                .await
                .unwrap()
                .cancellable
        );
        let again = app.originate_ach(None).await.unwrap();
        assert!(!again.new);
        assert_eq!(count_of(&entries_of(&again), &tel), 1);

        // And never again.
        next_business_day(&d).await;
        let file = app.originate_ach(None).await.unwrap();
        assert_eq!(count_of(&entries_of(&file), &tel), 0);
        assert!(
            audited(app, d.maria, "phone_payment.not_sent")
                .await
                .is_none()
        );
        d.finish().await;
    }
}

#[tokio::test]
async fn a_notice_the_outbox_gave_up_cancels_its_debit_and_the_borrower_hears_in_the_message_center()
 {
    for d in desks("tel_failed").await {
        let app = &d.app;
        enrol_maria(app).await;
        let tel = take_tel_debit(&d, "phone-key-0201", 20_000).await;

        // The address never takes the mail: every attempt fails, and the outbox gives up.
        for _ in 0..MAX_ATTEMPTS {
            app.deliver_outbox(1_000).await.unwrap();
            d.clock.advance(jiff::SignedDuration::from_mins(61));
        }
        let notice = notice_of(app, &tel).await;
        assert_eq!(notice.state, "failed");
        assert_eq!(notice.message.channel, Channel::Email);

        // The day's file leaves it out and cancels it, at once.
        let file = app.originate_ach(None).await.unwrap();
        assert_eq!((file.held, file.not_sent), (0, 1));
        let entries = entries_of(&file);
        assert_eq!(count_of(&entries, &tel), 0);
        totals_right(app, &file, &entries).await;
        let cancelled = payment(app, &tel).await;
        assert_eq!(
            (cancelled.status, cancelled.ach_file_date),
            (PaymentStatus::Cancelled, None)
        );

        // Maria is told in the message center, not at the address that failed.
        let outbox = app.store().outbox(None, 10_000).await.unwrap();
        let told: Vec<&Message> = outbox
            .iter()
            .filter(|m| {
                m.message
                    .key
                    .starts_with(&format!("phone-payment-not-sent:{}:", tel.id.0))
            })
            .collect();
        assert_eq!(told.len(), 1, "{told:?}");
        assert_eq!(told[0].message.channel, Channel::Portal);
        assert_eq!(told[0].message.borrower, d.maria);
        assert!(told[0].message.body.contains(&tel.confirmation));
        assert!(
            told[0]
                .message
                .body
                .contains("Nothing was taken from your account")
        );

        // Audited on her account, with the reason and where she was told.
        let detail = audited(app, d.maria, "phone_payment.not_sent")
            .await
            .expect("the cancellation audited");
        let named = format!("\"notice\":{}", notice.id);
        for words in [
            tel.confirmation.as_str(),
            "\"reason\":\"notice_failed\"",
            "\"told\":[\"portal\"]",
            named.as_str(),
        ] {
            assert!(detail.contains(words), "{words:?} in {detail}");
        }

        // Cancelled for good: the next file does not bring it back.
        next_business_day(&d).await;
        let file = app.originate_ach(None).await.unwrap();
        assert_eq!(count_of(&entries_of(&file), &tel), 0);
        assert_eq!(file.not_sent, 0);
        assert_eq!(payment(app, &tel).await.status, PaymentStatus::Cancelled);
        d.finish().await;
    }
}

#[tokio::test]
async fn a_notice_unsent_two_business_days_after_the_credit_date_cancels_its_debit_and_is_withdrawn()
 {
    for d in desks("tel_late").await {
        let app = &d.app;
        // Maria never enrolled: her notice goes by email, and the provider never comes up.
        let tel = take_tel_debit(&d, "phone-key-0301", 20_000).await;

        // Held by the files of its credit date and of the next two business days (Thanksgiving
        // has none).
        let held_days = [date(2026, 11, 25), date(2026, 11, 27), date(2026, 11, 30)];
        assert_eq!(
            held_days.len(),
            usize::try_from(TEL_NOTICE_WAIT_DAYS).unwrap() + 1
        );
        for day in held_days {
            assert_eq!(app.business_date().await.unwrap(), day);
            let file = app.originate_ach(None).await.unwrap();
            assert_eq!((file.held, file.not_sent), (1, 0), "{day}");
            assert_eq!(count_of(&entries_of(&file), &tel), 0, "{day}");
            assert_eq!(payment(app, &tel).await.status, PaymentStatus::Scheduled);
            next_business_day(&d).await;
        }

        // Cancelled by the third.
        assert_eq!(app.business_date().await.unwrap(), date(2026, 12, 1));
        let file = app.originate_ach(None).await.unwrap();
        assert_eq!((file.held, file.not_sent), (0, 1));
        assert_eq!(count_of(&entries_of(&file), &tel), 0);
        assert_eq!(payment(app, &tel).await.status, PaymentStatus::Cancelled);

        // The notice is withdrawn: it will never confirm a debit that was not made. She is told
        // by email (the only channel she has; it may yet go), and the cancellation audited.
        let notice = notice_of(app, &tel).await;
        assert_eq!(notice.state, "failed");
        let detail = audited(app, d.maria, "phone_payment.not_sent")
            .await
            .expect("the cancellation audited");
        for words in [
            "\"reason\":\"notice_not_sent_in_time\"",
            "\"told\":[\"email\"]",
        ] {
            assert!(detail.contains(words), "{words:?} in {detail}");
        }
        let told = format!("phone-payment-not-sent:{}:email", tel.id.0);
        let outbox = app.store().outbox(None, 10_000).await.unwrap();
        let m = outbox
            .iter()
            .find(|m| m.message.key == told)
            .expect("the notice that the payment was not made");
        assert_eq!(m.message.recipient, "maria.lopez@example.com");
        assert!(
            !outbox
                .iter()
                .any(|m| m.message.key == format!("phone-payment-not-sent:{}:portal", tel.id.0))
        );

        // The provider comes back: the cancellation goes; the withdrawn notice never does.
        d.mail.up.store(true, Ordering::SeqCst);
        app.deliver_outbox(10_000).await.unwrap();
        assert!(d.mail.accepted(&told));
        assert!(!d.mail.accepted(&notice.message.key));
        assert_eq!(notice_of(app, &tel).await.state, "failed");
        d.finish().await;
    }
}

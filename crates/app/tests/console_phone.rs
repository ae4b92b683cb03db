//! Payments and AutoPay taken by phone (issue 19), on a real store (SQLite, and PostgreSQL
//! when configured): nothing without a verified caller and an agent who may take payments; a
//! bank payment by phone is a pending TEL debit whose written notice is in the outbox before
//! the file settles, with its evidence (script version and words, agent, times, two years'
//! retention); a sandbox debit card posts at once; one key makes one payment; amounts that
//! cannot be paid are refused and change nothing; other borrowers' loans and methods are not
//! found; AutoPay by phone needs a recorded call and keeps the same evidence
//! (with no last day while the AutoPay lives), under one key set up once; nothing is done when
//! the words made at confirmation are not the words read; a pending bank payment by phone is
//! cancelled at the caller's request by the portal's rule; words promise written confirmation
//! only when it will be sent. The books balance after each.

use app::access::{Actor, Role};
use app::api_clients::{Scope, Scopes};
use app::payment_methods::BankAccountForm;
use app::payments::cards::CardDetails;
use app::payments::one_time::PaymentRequest;
use app::payments::phone::{
    AutopayReview, DeskFor, GivenMethod, PayFrom, PhoneAutopayRequest, PhoneError,
    PhonePaymentRequest, PhoneReview, ScriptAgreement, script_digest,
};
use app::payments::{AmountOf, PaymentError};
use app::verification::Verification;
use domain::account_number::AccountNumber;
use domain::loan::ExtraTo;
use domain::payment::{AmountChoice, PaymentChannel, PaymentStatus, QuoteRefusal, Rail};
use domain::phone::{
    AUTOPAY_SCRIPT_VERSION, PAYMENT_NO_NOTICE_SCRIPT_VERSION, PAYMENT_SCRIPT_VERSION,
    PhoneAuthorizationKind,
};
use domain::verification::TypedAnswers;
use jiff::civil::date;
use money::Money;
use store::{BorrowerId, PaymentId, PhoneMethodId};
use test_support::ach;
use test_support::borrowers::{AISHA, MARIA, add_bank_account, borrower_of, enrol, session};
use test_support::clients::client;
use test_support::ledger::assert_books_balance;
use test_support::staff::STAFF_PASSWORD;

/// The shared desk (`test_support::desk`) with the two demo borrowers.
struct Desk {
    desk: test_support::desk::Desk,
    maria: BorrowerId,
    aisha: BorrowerId,
}

test_support::extends_desk!(Desk);

/// The demo portfolio on Wednesday, November 25, 2026, 10:00 in New York (before the cutoff),
/// its ACH files in a directory of the test's own, and an agent; one per backend.
async fn desks(test: &str) -> Vec<Desk> {
    let mut out = Vec::new();
    for desk in test_support::desk::Desk::open(test, |app, _| app).await {
        let maria = borrower_of(&desk.app, MARIA.0).await;
        let aisha = borrower_of(&desk.app, AISHA.0).await;
        out.push(Desk { desk, maria, aisha });
    }
    out
}

fn maria_loan() -> AccountNumber {
    MARIA.0.parse().unwrap()
}

/// The agent verifies Maria as the caller (date of birth, SSN's last four, ZIP).
async fn verify_maria(d: &Desk) {
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
}

fn bank_form() -> BankAccountForm {
    BankAccountForm {
        holder_name: "Maria Lopez".into(),
        routing_number: "231380104".into(),
        account_number: "55512345".into(),
        confirm_account_number: "55512345".into(),
        account_type: "checking".into(),
        ..BankAccountForm::default()
    }
}

fn card(number: &str) -> GivenMethod {
    GivenMethod::Card {
        holder_name: "Maria Lopez".into(),
        card: CardDetails {
            number: number.into(),
            exp_month: 12,
            exp_year: 2030,
            cvv: "123".into(),
            zip: "62704".into(),
        },
    }
}

fn pay(from: PayFrom, cents: i64) -> PhonePaymentRequest {
    PhonePaymentRequest {
        account: maria_loan(),
        method: from,
        amount: AmountChoice::Other(Money::from_cents(cents)),
        date: None,
        extra: ExtraTo::Principal,
    }
}

/// The agreement to the words of `review`, as the agent records it (the confirm form carries
/// back the version, the time and the digest the review page had).
fn agreed(review: &PhoneReview) -> ScriptAgreement {
    ScriptAgreement {
        version: review.script.version.into(),
        read_at_us: review.read_at_us,
        digest: review.digest.clone(),
        borrower_agreed: true,
    }
}

/// The agreement to the AutoPay words of `review`.
fn agreed_autopay(review: &AutopayReview) -> ScriptAgreement {
    ScriptAgreement {
        version: review.script.version.into(),
        read_at_us: review.read_at_us,
        digest: review.digest.clone(),
        borrower_agreed: true,
    }
}

/// An agreement recorded at `read_at_us` to words no review showed (a request refused before
/// the words are made again).
fn unread(read_at_us: i64) -> ScriptAgreement {
    ScriptAgreement {
        version: PAYMENT_SCRIPT_VERSION.into(),
        read_at_us,
        digest: String::new(),
        borrower_agreed: true,
    }
}

/// Nothing of a payment by phone was written: no payment, no evidence, no notice.
async fn nothing_written(d: &Desk) {
    assert!(d.app.store().payment_counts().await.unwrap().is_empty());
    assert!(
        d.app
            .store()
            .phone_authorizations_of_borrower(d.maria)
            .await
            .unwrap()
            .is_empty()
    );
    let outbox = d.app.store().outbox(None, 200).await.unwrap();
    assert!(
        !outbox
            .iter()
            .any(|m| m.message.key.starts_with("phone-authorization:"))
    );
}

#[tokio::test]
async fn nothing_is_taken_for_a_caller_this_agent_has_not_verified() {
    for d in desks("phone_unverified").await {
        let app = &d.app;
        let from = PayFrom::Given(PhoneMethodId(1));
        let e = app
            .record_phone_method(&d.agent, d.maria, &GivenMethod::Bank(bank_form()))
            .await
            .unwrap_err();
        assert!(matches!(e, PhoneError::NotVerified), "{e:?}");
        assert_eq!(e.to_string(), "Verify the caller first");
        let e = app
            .review_phone_payment(&d.agent, d.maria, &pay(from, 20_000))
            .await
            .unwrap_err();
        assert!(matches!(e, PhoneError::NotVerified), "{e:?}");
        let e = app
            .take_phone_payment(
                &d.agent,
                d.maria,
                "phone-key-0001",
                &pay(from, 20_000),
                &unread(app.now_us()),
            )
            .await
            .unwrap_err();
        assert!(matches!(e, PhoneError::NotVerified), "{e:?}");
        // The desk says so, and shows no pass.
        let desk = app
            .phone_desk(&d.agent, d.maria, DeskFor::Payment)
            .await
            .unwrap();
        assert!(desk.verified.is_none());
        // A pass is for one agent and one borrower: verifying Maria does not verify Aisha,
        // nor Maria for another agent.
        verify_maria(&d).await;
        let e = app
            .review_phone_payment(&d.agent, d.aisha, &pay(from, 20_000))
            .await
            .unwrap_err();
        assert!(matches!(e, PhoneError::NotVerified), "{e:?}");
        let other = app
            .add_staff(
                "ben@example.com",
                "Ben Agent",
                "agent",
                STAFF_PASSWORD,
                &Actor::Operator("staff"),
            )
            .await
            .unwrap();
        let ben = Actor::Staff {
            id: other.id,
            role: Role::Agent,
        };
        let e = app
            .record_phone_method(&ben, d.maria, &GivenMethod::Bank(bank_form()))
            .await
            .unwrap_err();
        assert!(matches!(e, PhoneError::NotVerified), "{e:?}");
        // The pass lapses after 15 minutes.
        d.clock.advance(jiff::SignedDuration::from_mins(16));
        let e = app
            .record_phone_method(&d.agent, d.maria, &GivenMethod::Bank(bank_form()))
            .await
            .unwrap_err();
        assert!(matches!(e, PhoneError::NotVerified), "{e:?}");
        nothing_written(&d).await;
        d.finish().await;
    }
}

#[tokio::test]
async fn only_staff_who_may_take_payments_take_them_by_phone() {
    for d in desks("phone_capability").await {
        let app = &d.app;
        verify_maria(&d).await;
        let req = pay(PayFrom::Given(PhoneMethodId(1)), 20_000);
        let reader = Actor::api_client("ledger", Scopes::default().with(Scope::Read));
        for actor in [Actor::Borrower(store::LoginId(1)), reader] {
            let e = app
                .take_phone_payment(
                    &actor,
                    d.maria,
                    "phone-key-0002",
                    &req,
                    &unread(app.now_us()),
                )
                .await
                .unwrap_err();
            assert!(matches!(e, PhoneError::Denied(_)), "{actor:?}: {e:?}");
            assert_eq!(e.to_string(), "you may not take payments");
            let e = app
                .record_phone_method(&actor, d.maria, &GivenMethod::Bank(bank_form()))
                .await
                .unwrap_err();
            assert!(matches!(e, PhoneError::Denied(_)), "{actor:?}: {e:?}");
            assert!(matches!(
                app.phone_desk(&actor, d.maria, DeskFor::Payment).await,
                Err(PhoneError::Denied(_))
            ));
        }
        // A client that may post payments still hears no borrower agree: not by phone.
        let poster = Actor::api_client("lockbox", Scopes::default().with(Scope::Payments));
        let e = app
            .take_phone_payment(
                &poster,
                d.maria,
                "phone-key-0003",
                &req,
                &unread(app.now_us()),
            )
            .await
            .unwrap_err();
        assert!(matches!(e, PhoneError::NotVerified), "{e:?}");
        nothing_written(&d).await;
        d.finish().await;
    }
}

#[tokio::test]
async fn a_bank_payment_by_phone_is_a_tel_debit_with_its_notice_and_evidence() {
    for d in desks("phone_bank").await {
        let app = &d.app;
        verify_maria(&d).await;
        let given = app
            .record_phone_method(&d.agent, d.maria, &GivenMethod::Bank(bank_form()))
            .await
            .unwrap();
        let req = pay(PayFrom::Given(given), 20_000);
        let review = app
            .review_phone_payment(&d.agent, d.maria, &req)
            .await
            .unwrap();
        assert_eq!(review.quote.amount, Money::from_cents(20_000));
        assert_eq!(review.quote.credit_date, date(2026, 11, 25));
        assert_eq!(review.script.version, PAYMENT_SCRIPT_VERSION);
        for words in [
            "Today, November 25, 2026",
            "Maria Lopez",
            "$200.00",
            "checking account ending in 2345",
            "on or after November 25, 2026",
            "single, one-time",
            "1-800-555-0142",
        ] {
            assert!(
                review.script.text.contains(words),
                "{words:?} in {}",
                review.script.text
            );
        }
        let made = app
            .take_phone_payment(&d.agent, d.maria, "phone-key-0004", &req, &agreed(&review))
            .await
            .unwrap();
        let p = &made.payment;
        assert!(!made.replayed);
        assert_eq!(
            (p.status, p.channel, p.rail, p.amount, p.login),
            (
                PaymentStatus::Scheduled,
                PaymentChannel::Phone,
                Rail::Ach,
                Money::from_cents(20_000),
                None
            )
        );
        assert_eq!(p.actor, d.agent.audit_name());

        // The evidence: the words as read, the agent, when, the notice, two years.
        let ev = app
            .store()
            .phone_authorization_of_payment(p.id)
            .await
            .unwrap()
            .expect("the evidence of the payment");
        let r = &ev.recorded;
        assert_eq!(r.kind, PhoneAuthorizationKind::Payment);
        assert_eq!(r.script_version, PAYMENT_SCRIPT_VERSION);
        assert_eq!(r.script_text, review.script.text);
        let Actor::Staff { id: agent_id, .. } = &d.agent else {
            unreachable!()
        };
        assert_eq!(r.staff, *agent_id);
        assert_eq!(r.script_read_at_us, review.read_at_us);
        assert_eq!(r.agreed_at_us, app.now_us());
        assert_eq!(r.retain_until, Some(date(2028, 11, 25)));
        assert_eq!(ev.staff_name, "Ana Agent");
        assert_eq!(r.phone_method, Some(given));
        assert_eq!(r.method_words, "checking account ending in 2345");
        assert_eq!(
            ev.notice_to,
            Some(("email".to_owned(), "maria.lopez@example.com".to_owned()))
        );

        // The written notice is in the outbox, with the words, before the file settles.
        let outbox = app.store().outbox(None, 200).await.unwrap();
        let notice = outbox
            .iter()
            .find(|m| Some(m.id) == r.notice)
            .expect("the notice named by the evidence");
        assert_eq!(
            notice.message.key,
            format!("phone-authorization:payment:{}", p.id.0)
        );
        assert!(notice.message.body.contains(&review.script.text));
        assert!(notice.message.body.contains(&p.confirmation));

        // Once the notice is delivered, the day's file carries it as a TEL entry, single; it
        // posts with the file.
        ach::phone_notices_delivered(app).await;
        let file = app.originate_ach(None).await.unwrap();
        let entries =
            formats::nacha::parse(&std::fs::read(file.path.as_ref().unwrap()).unwrap()).unwrap();
        let e = entries
            .iter()
            .find(|e| e.individual_id.trim() == p.confirmation)
            .expect("the payment's entry in the day's file");
        assert_eq!((e.sec.as_str(), e.transaction_code.as_str()), ("TEL", "27"));
        assert_eq!(e.account_number.trim(), "55512345");
        assert_eq!(e.amount, Money::from_cents(20_000));
        let settles = domain::calendar::next_business_day(file.date);
        let written = app::clock::date_in(notice.created_at_us, app.zone());
        assert!(written < settles, "notice {written}, settlement {settles}");
        let posted = app.store().payment_row(p.id).await.unwrap().unwrap();
        assert_eq!(posted.status, PaymentStatus::Posted);

        // Audited on the borrower's account, never with a number.
        let audit = app
            .store()
            .audit_of(&format!("borrower:{}", d.maria.0), 50)
            .await
            .unwrap();
        let actions: Vec<&str> = audit.iter().map(|a| a.event.action.as_str()).collect();
        for action in ["phone_method.recorded", "phone_payment.taken"] {
            assert!(actions.contains(&action), "{action} in {actions:?}");
        }
        assert!(audit.iter().all(|a| !a.event.detail.contains("55512345")));
        d.finish().await;
    }
}

#[tokio::test]
async fn a_sandbox_debit_card_by_phone_posts_at_once_and_a_declined_one_moves_nothing() {
    for d in desks("phone_card").await {
        let app = &d.app;
        verify_maria(&d).await;
        let visa = app
            .record_phone_method(&d.agent, d.maria, &card("4242424242424242"))
            .await
            .unwrap();
        let shown = app
            .store()
            .phone_method(d.maria, visa)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(
            (shown.last4.as_str(), shown.card_brand.as_deref()),
            ("4242", Some("Visa"))
        );
        let req = pay(PayFrom::Given(visa), 15_000);
        let review = app
            .review_phone_payment(&d.agent, d.maria, &req)
            .await
            .unwrap();
        assert!(
            review
                .script
                .text
                .contains("Visa debit card ending in 4242")
        );
        let made = app
            .take_phone_payment(&d.agent, d.maria, "phone-key-0005", &req, &agreed(&review))
            .await
            .unwrap();
        let p = &made.payment;
        assert_eq!(
            (p.status, p.rail, p.channel),
            (PaymentStatus::Posted, Rail::Card, PaymentChannel::Phone)
        );
        assert!(p.split.is_some() && p.card_authorization.is_some());
        assert_books_balance(app.store()).await;

        let declined = app
            .record_phone_method(&d.agent, d.maria, &card("4000000000000002"))
            .await
            .unwrap();
        let req = pay(PayFrom::Given(declined), 15_000);
        let review = app
            .review_phone_payment(&d.agent, d.maria, &req)
            .await
            .unwrap();
        let made = app
            .take_phone_payment(&d.agent, d.maria, "phone-key-0006", &req, &agreed(&review))
            .await
            .unwrap();
        assert_eq!(made.payment.status, PaymentStatus::Declined);
        assert!(made.payment.decline_reason.is_some());

        // A card is checked as the portal checks it, and charged today only.
        let e = app
            .record_phone_method(&d.agent, d.maria, &card("4242424242424241"))
            .await
            .unwrap_err();
        assert!(matches!(e, PhoneError::Method(_)), "{e:?}");
        let later = PhonePaymentRequest {
            date: Some(date(2026, 11, 30)),
            ..pay(PayFrom::Given(visa), 15_000)
        };
        let e = app
            .review_phone_payment(&d.agent, d.maria, &later)
            .await
            .unwrap_err();
        assert!(
            matches!(
                e,
                PhoneError::Payment(PaymentError::Quote(QuoteRefusal::CardScheduled))
            ),
            "{e:?}"
        );
        d.finish().await;
    }
}

#[tokio::test]
async fn one_key_makes_one_payment_and_another_payment_under_it_is_refused() {
    for d in desks("phone_idempotent").await {
        let app = &d.app;
        verify_maria(&d).await;
        let given = app
            .record_phone_method(&d.agent, d.maria, &GivenMethod::Bank(bank_form()))
            .await
            .unwrap();
        let req = pay(PayFrom::Given(given), 20_000);
        let review = app
            .review_phone_payment(&d.agent, d.maria, &req)
            .await
            .unwrap();
        let first = app
            .take_phone_payment(&d.agent, d.maria, "phone-key-0007", &req, &agreed(&review))
            .await
            .unwrap();
        let again = app
            .take_phone_payment(&d.agent, d.maria, "phone-key-0007", &req, &agreed(&review))
            .await
            .unwrap();
        assert!(again.replayed);
        assert_eq!(again.payment.id, first.payment.id);
        let e = app
            .take_phone_payment(
                &d.agent,
                d.maria,
                "phone-key-0007",
                &pay(PayFrom::Given(given), 25_000),
                &agreed(&review),
            )
            .await
            .unwrap_err();
        assert!(
            matches!(e, PhoneError::Payment(PaymentError::KeyReused)),
            "{e:?}"
        );
        let counts = app.store().payment_counts().await.unwrap();
        assert_eq!(counts.len(), 1);
        assert_eq!(counts[0].1, 1, "one payment: {counts:?}");
        assert_eq!(
            app.store()
                .phone_authorizations_of_borrower(d.maria)
                .await
                .unwrap()
                .len(),
            1
        );
        d.finish().await;
    }
}

#[tokio::test]
async fn an_amount_that_cannot_be_paid_is_refused_with_why_and_nothing_is_written() {
    for d in desks("phone_amounts").await {
        let app = &d.app;
        verify_maria(&d).await;
        let given = app
            .record_phone_method(&d.agent, d.maria, &GivenMethod::Bank(bank_form()))
            .await
            .unwrap();
        // As typed: three decimals, eighteen digits, zero.
        for (typed, words) in [
            ("12.345", "at most two digits of cents"),
            ("123456789012345678", "Enter an amount up to $99,999,999.99"),
            ("0", "Enter an amount greater than zero"),
        ] {
            let e = app::payments::parse_amount(AmountOf::Payment, typed).unwrap_err();
            assert!(e.to_string().contains(words), "{typed}: {e}");
        }
        let now = app.now_us();
        let zero = app
            .take_phone_payment(
                &d.agent,
                d.maria,
                "phone-key-0008",
                &pay(PayFrom::Given(given), 0),
                &unread(now),
            )
            .await
            .unwrap_err();
        assert!(
            matches!(
                zero,
                PhoneError::Payment(PaymentError::AmountNotPositive { .. })
            ),
            "{zero:?}"
        );
        let over = app
            .take_phone_payment(
                &d.agent,
                d.maria,
                "phone-key-0009",
                &pay(PayFrom::Given(given), 5_000_001),
                &unread(now),
            )
            .await
            .unwrap_err();
        assert!(
            matches!(
                over,
                PhoneError::Payment(PaymentError::Quote(QuoteRefusal::OverLimit(_)))
            ),
            "{over:?}"
        );
        assert!(over.to_string().contains("$50,000.00"), "{over}");
        let payoff = app
            .take_phone_payment(
                &d.agent,
                d.maria,
                "phone-key-0010",
                &pay(PayFrom::Given(given), 4_000_000),
                &unread(now),
            )
            .await
            .unwrap_err();
        assert!(
            matches!(
                payoff,
                PhoneError::Payment(PaymentError::Quote(QuoteRefusal::OverPayoff { .. }))
            ),
            "{payoff:?}"
        );
        assert!(
            payoff.to_string().contains("more than the payoff"),
            "{payoff}"
        );
        // The agreement must be recorded, to the current words, read lately.
        let req = pay(PayFrom::Given(given), 20_000);
        for (agreement, refusal) in [
            (
                ScriptAgreement {
                    borrower_agreed: false,
                    ..unread(now)
                },
                "agreement",
            ),
            (
                ScriptAgreement {
                    version: "tel-payment-2020-01".into(),
                    ..unread(now)
                },
                "changed",
            ),
            (unread(now - 31 * 60_000_000), "stale"),
            (unread(now + 60_000_000), "stale"),
            (unread(i64::MIN), "stale"),
        ] {
            let e = app
                .take_phone_payment(&d.agent, d.maria, "phone-key-0011", &req, &agreement)
                .await
                .unwrap_err();
            let expected = match refusal {
                "agreement" => matches!(e, PhoneError::AgreementNeeded),
                "changed" => matches!(e, PhoneError::ScriptChanged { .. }),
                _ => matches!(e, PhoneError::ScriptStale),
            };
            assert!(expected, "{refusal}: {e:?}");
        }
        assert!(app.store().payment_counts().await.unwrap().is_empty());
        assert!(
            app.store()
                .phone_authorizations_of_borrower(d.maria)
                .await
                .unwrap()
                .is_empty()
        );
        d.finish().await;
    }
}

#[tokio::test]
async fn another_borrowers_loan_or_method_is_not_found() {
    for d in desks("phone_scoped").await {
        let app = &d.app;
        verify_maria(&d).await;
        let given = app
            .record_phone_method(&d.agent, d.maria, &GivenMethod::Bank(bank_form()))
            .await
            .unwrap();
        // Aisha's loan, paid from Maria's account, for Maria's call: not found.
        let aishas_loan = PhonePaymentRequest {
            account: AISHA.0.parse().unwrap(),
            ..pay(PayFrom::Given(given), 20_000)
        };
        let e = app
            .review_phone_payment(&d.agent, d.maria, &aishas_loan)
            .await
            .unwrap_err();
        assert!(
            matches!(e, PhoneError::Payment(PaymentError::NotFound)),
            "{e:?}"
        );
        // A method Maria gave is not Aisha's (once Aisha is verified too).
        let answers = TypedAnswers {
            date_of_birth: AISHA.2.into(),
            zip: AISHA.3.into(),
            ssn_last4: AISHA.1.into(),
            last_payment: String::new(),
        };
        app.verify_caller(&d.agent, d.aisha, &answers)
            .await
            .unwrap();
        let marias_method = PhonePaymentRequest {
            account: AISHA.0.parse().unwrap(),
            ..pay(PayFrom::Given(given), 20_000)
        };
        let e = app
            .review_phone_payment(&d.agent, d.aisha, &marias_method)
            .await
            .unwrap_err();
        assert!(
            matches!(e, PhoneError::Payment(PaymentError::NotFound)),
            "{e:?}"
        );
        // A saved method of nobody's, and a borrower that does not exist.
        let saved = pay(PayFrom::Saved(store::PaymentMethodId(999)), 20_000);
        let e = app
            .review_phone_payment(&d.agent, d.maria, &saved)
            .await
            .unwrap_err();
        assert!(
            matches!(e, PhoneError::Payment(PaymentError::NotFound)),
            "{e:?}"
        );
        assert!(matches!(
            app.phone_desk(&d.agent, BorrowerId(999_999), DeskFor::Payment)
                .await,
            Err(PhoneError::Payment(PaymentError::NotFound))
        ));
        assert!(app.store().payment_counts().await.unwrap().is_empty());
        d.finish().await;
    }
}

#[tokio::test]
async fn a_bank_debit_by_phone_needs_somewhere_to_send_its_written_notice() {
    for d in desks("phone_no_notice").await {
        let app = &d.app;
        // Maria has no email on file and never enrolled.
        let mut tx = app.store().begin().await.unwrap();
        tx.set_contact(
            d.maria,
            &store::Contact {
                email: None,
                phone: Some("2175550143".into()),
            },
        )
        .await
        .unwrap();
        tx.commit().await.unwrap();
        verify_maria(&d).await;
        let given = app
            .record_phone_method(&d.agent, d.maria, &GivenMethod::Bank(bank_form()))
            .await
            .unwrap();
        let req = pay(PayFrom::Given(given), 20_000);
        let review = app
            .review_phone_payment(&d.agent, d.maria, &req)
            .await
            .unwrap();
        assert!(review.notice_to.is_none());
        // The words do not promise written confirmation there is nowhere to send.
        assert!(
            !review.script.text.contains("written confirmation"),
            "{}",
            review.script.text
        );
        let e = app
            .take_phone_payment(&d.agent, d.maria, "phone-key-0012", &req, &agreed(&review))
            .await
            .unwrap_err();
        assert!(matches!(e, PhoneError::NoNoticeChannel), "{e:?}");
        assert!(app.store().payment_counts().await.unwrap().is_empty());
        // A card needs no TEL notice: it is taken, its evidence without one, after words that
        // promise none (their own version).
        let visa = app
            .record_phone_method(&d.agent, d.maria, &card("4242424242424242"))
            .await
            .unwrap();
        let req = pay(PayFrom::Given(visa), 15_000);
        let review = app
            .review_phone_payment(&d.agent, d.maria, &req)
            .await
            .unwrap();
        assert_eq!(review.script.version, PAYMENT_NO_NOTICE_SCRIPT_VERSION);
        for promise in ["written confirmation", "We will send you"] {
            assert!(
                !review.script.text.contains(promise),
                "{promise:?} in {}",
                review.script.text
            );
        }
        let made = app
            .take_phone_payment(&d.agent, d.maria, "phone-key-0013", &req, &agreed(&review))
            .await
            .unwrap();
        assert_eq!(made.payment.status, PaymentStatus::Posted);
        let ev = app
            .store()
            .phone_authorization_of_payment(made.payment.id)
            .await
            .unwrap()
            .unwrap();
        assert!(ev.recorded.notice.is_none() && ev.notice_to.is_none());
        assert_eq!(ev.recorded.script_version, PAYMENT_NO_NOTICE_SCRIPT_VERSION);
        assert_eq!(ev.recorded.script_text, review.script.text);
        let audit = app
            .store()
            .audit_of(&format!("borrower:{}", d.maria.0), 50)
            .await
            .unwrap();
        assert!(audit.iter().any(|a| a.event.action == "phone_payment.taken"
            && a.event.detail.contains(PAYMENT_NO_NOTICE_SCRIPT_VERSION)));
        d.finish().await;
    }
}

#[tokio::test]
async fn autopay_by_phone_needs_a_recorded_call_and_keeps_its_evidence() {
    for d in desks("phone_autopay").await {
        let app = &d.app;
        verify_maria(&d).await;
        let given = app
            .record_phone_method(&d.agent, d.maria, &GivenMethod::Bank(bank_form()))
            .await
            .unwrap();
        let req = PhoneAutopayRequest {
            account: maria_loan(),
            method: PayFrom::Given(given),
            fixed_amount: None,
            days_before_due: 0,
        };
        // Maria enrolled (AutoPay by phone for a borrower who never did is in
        // console_phone_autopay.rs): the account read out is saved to her login.
        let token = enrol(app, MARIA, "maria.lopez").await;
        let s = session(app, &token).await;
        let saved = add_bank_account(app, &s, &client()).await;
        let review = app
            .review_phone_autopay(&d.agent, d.maria, &req)
            .await
            .unwrap();
        assert_eq!(review.script.kind, PhoneAuthorizationKind::AutopayEnroll);
        assert_eq!(review.script.version, AUTOPAY_SCRIPT_VERSION);
        for words in [
            "I authorize",
            "Maria Lopez",
            "ending in 1015",
            "until I cancel",
            "first draft",
        ] {
            assert!(
                review.script.text.contains(words),
                "{words:?} in {}",
                review.script.text
            );
        }
        let agreement = agreed_autopay(&review);
        let e = app
            .enroll_autopay_by_phone(&d.agent, d.maria, "ap-key-0001", &req, &agreement, "  ")
            .await
            .unwrap_err();
        assert!(matches!(e, PhoneError::CallReferenceNeeded), "{e:?}");
        let on = app
            .enroll_autopay_by_phone(
                &d.agent,
                d.maria,
                "ap-key-0001",
                &req,
                &agreement,
                "REC-20261125-0042",
            )
            .await
            .unwrap();
        assert!(on.cancelled_at_us.is_none());
        assert_eq!(on.ip, "by phone");
        // Its evidence is kept while it lives: no last day yet.
        let evidence = app
            .store()
            .phone_authorizations_of_borrower(d.maria)
            .await
            .unwrap();
        assert_eq!(evidence.len(), 1);
        assert_eq!(evidence[0].recorded.autopay, Some(on.id));
        assert_eq!(evidence[0].recorded.retain_until, None);
        // The account read out is now one of Maria's saved methods, and AutoPay drafts it.
        let methods = app.payment_methods(s.login().unwrap()).await.unwrap();
        assert_eq!(methods.len(), 2);
        assert!(
            methods
                .iter()
                .any(|m| m.id == on.method && m.last4 == "2345")
        );

        // Two days later, changed to her saved account by phone: the first AutoPay ended, and
        // its evidence is kept two years from then.
        d.clock.advance(jiff::SignedDuration::from_hours(48));
        verify_maria(&d).await;
        let change = PhoneAutopayRequest {
            method: PayFrom::Saved(saved),
            ..req.clone()
        };
        let review = app
            .review_phone_autopay(&d.agent, d.maria, &change)
            .await
            .unwrap();
        assert_eq!(review.script.kind, PhoneAuthorizationKind::AutopayChange);
        let changed = app
            .enroll_autopay_by_phone(
                &d.agent,
                d.maria,
                "ap-key-0002",
                &change,
                &agreed_autopay(&review),
                "REC-20261127-0043",
            )
            .await
            .unwrap();
        assert_eq!(changed.method, saved);
        // Two days later again, turned off by phone.
        d.clock.advance(jiff::SignedDuration::from_hours(48));
        verify_maria(&d).await;
        let review = app
            .review_phone_autopay_cancel(&d.agent, d.maria, maria_loan())
            .await
            .unwrap();
        assert_eq!(review.script.kind, PhoneAuthorizationKind::AutopayCancel);
        let off = app
            .cancel_autopay_by_phone(&d.agent, d.maria, maria_loan(), &agreed_autopay(&review))
            .await
            .unwrap();
        assert!(off.cancelled_at_us.is_some());
        let e = app
            .review_phone_autopay_cancel(&d.agent, d.maria, maria_loan())
            .await
            .unwrap_err();
        assert!(matches!(e, PhoneError::NoAutopay), "{e:?}");

        // Three authorizations by phone, each with its words, agent, call and copy sent.
        let evidence = app
            .store()
            .phone_authorizations_of_borrower(d.maria)
            .await
            .unwrap();
        let kinds: Vec<PhoneAuthorizationKind> = evidence.iter().map(|e| e.recorded.kind).collect();
        assert_eq!(
            kinds,
            [
                PhoneAuthorizationKind::AutopayCancel,
                PhoneAuthorizationKind::AutopayChange,
                PhoneAuthorizationKind::AutopayEnroll
            ]
        );
        for e in &evidence {
            assert_eq!(e.recorded.script_version, AUTOPAY_SCRIPT_VERSION);
            assert!(e.recorded.notice.is_some() && e.notice_to.is_some());
        }
        // Each kept two years after its authorization ended: the first AutoPay's from its
        // change (November 27), the second's and the turning off from the day it was turned
        // off (November 29), not from the day each was given.
        let kept: Vec<Option<jiff::civil::Date>> =
            evidence.iter().map(|e| e.recorded.retain_until).collect();
        assert_eq!(
            kept,
            [
                Some(date(2028, 11, 29)),
                Some(date(2028, 11, 29)),
                Some(date(2028, 11, 27))
            ]
        );
        assert_eq!(
            evidence[2].recorded.call_reference.as_deref(),
            Some("REC-20261125-0042")
        );
        assert!(evidence[0].recorded.call_reference.is_none());
        let audit = app
            .store()
            .audit_of(&format!("borrower:{}", d.maria.0), 50)
            .await
            .unwrap();
        let actions: Vec<&str> = audit.iter().map(|a| a.event.action.as_str()).collect();
        for action in [
            "phone_autopay.enrolled",
            "phone_autopay.changed",
            "phone_autopay.cancelled",
        ] {
            assert!(actions.contains(&action), "{action} in {actions:?}");
        }
        d.finish().await;
    }
}

#[tokio::test]
async fn words_that_changed_since_they_were_read_take_nothing() {
    for d in desks("phone_words_changed").await {
        let app = &d.app;
        // 4:55 p.m. in New York, five minutes before the cutoff.
        d.clock
            .advance(jiff::SignedDuration::from_mins(6 * 60 + 55));
        verify_maria(&d).await;
        let given = app
            .record_phone_method(&d.agent, d.maria, &GivenMethod::Bank(bank_form()))
            .await
            .unwrap();
        let req = pay(PayFrom::Given(given), 20_000);
        let read = app
            .review_phone_payment(&d.agent, d.maria, &req)
            .await
            .unwrap();
        assert_eq!(read.quote.credit_date, date(2026, 11, 25));
        assert!(read.script.text.contains("on or after November 25, 2026"));
        assert_eq!(read.digest, script_digest(&read.script.text));
        // The borrower agrees at 5:05 p.m.: past the cutoff the debit would be on or after
        // the 27th (the 26th is Thanksgiving), not the date read to them. Nothing is taken.
        d.clock.advance(jiff::SignedDuration::from_mins(10));
        let e = app
            .take_phone_payment(&d.agent, d.maria, "phone-key-0020", &req, &agreed(&read))
            .await
            .unwrap_err();
        assert!(
            matches!(e, PhoneError::ScriptChanged { what: "payment's" }),
            "{e:?}"
        );
        assert!(
            e.to_string()
                .ends_with("read the new words to the borrower"),
            "{e}"
        );
        nothing_written(&d).await;

        // The new words, read and agreed to, are what is taken and kept.
        let reread = app
            .review_phone_payment(&d.agent, d.maria, &req)
            .await
            .unwrap();
        assert_eq!(reread.quote.credit_date, date(2026, 11, 27));
        assert!(reread.script.text.contains("on or after November 27, 2026"));
        assert_ne!(reread.digest, read.digest);
        let made = app
            .take_phone_payment(&d.agent, d.maria, "phone-key-0020", &req, &agreed(&reread))
            .await
            .unwrap();
        assert!(!made.replayed);
        assert_eq!(made.payment.credit_date, date(2026, 11, 27));
        let ev = app
            .store()
            .phone_authorization_of_payment(made.payment.id)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(ev.recorded.script_text, reread.script.text);

        // Under its key, the same words again are the same payment; the words first read
        // (the same form, come to another date) are another request, refused.
        let again = app
            .take_phone_payment(&d.agent, d.maria, "phone-key-0020", &req, &agreed(&reread))
            .await
            .unwrap();
        assert!(again.replayed);
        assert_eq!(again.payment.id, made.payment.id);
        let e = app
            .take_phone_payment(&d.agent, d.maria, "phone-key-0020", &req, &agreed(&read))
            .await
            .unwrap_err();
        assert!(
            matches!(e, PhoneError::Payment(PaymentError::KeyReused)),
            "{e:?}"
        );
        let counts = app.store().payment_counts().await.unwrap();
        assert_eq!((counts.len(), counts[0].1), (1, 1), "{counts:?}");
        d.finish().await;
    }
}

#[tokio::test]
async fn a_pending_bank_payment_by_phone_is_cancelled_at_the_callers_request_by_the_portals_rule() {
    for d in desks("phone_cancel").await {
        let app = &d.app;
        verify_maria(&d).await;
        let given = app
            .record_phone_method(&d.agent, d.maria, &GivenMethod::Bank(bank_form()))
            .await
            .unwrap();
        let req = pay(PayFrom::Given(given), 20_000);
        let review = app
            .review_phone_payment(&d.agent, d.maria, &req)
            .await
            .unwrap();
        // The words promise it can be cancelled before its date: it can.
        assert!(
            review
                .script
                .text
                .contains("to cancel this payment before November 25, 2026")
        );
        let p = app
            .take_phone_payment(&d.agent, d.maria, "phone-key-0030", &req, &agreed(&review))
            .await
            .unwrap()
            .payment;
        assert!(
            app.phone_receipt(&d.agent, d.maria, p.id)
                .await
                .unwrap()
                .cancellable
        );

        // Only staff who may take payments; only this borrower's payments by phone.
        let e = app
            .cancel_phone_payment(&Actor::Borrower(store::LoginId(1)), d.maria, p.id)
            .await
            .unwrap_err();
        assert!(matches!(e, PhoneError::Denied(_)), "{e:?}");
        for (borrower, payment) in [(d.aisha, p.id), (d.maria, PaymentId(999_999))] {
            let e = app
                .cancel_phone_payment(&d.agent, borrower, payment)
                .await
                .unwrap_err();
            assert!(
                matches!(e, PhoneError::Payment(PaymentError::NotFound)),
                "{borrower:?} {payment:?}: {e:?}"
            );
        }
        // A payment Maria made in the portal is hers to cancel there, not a payment by phone.
        let token = enrol(app, MARIA, "maria.lopez").await;
        let s = session(app, &token).await;
        let saved = add_bank_account(app, &s, &client()).await;
        let portal = app
            .make_payment(
                s.login().unwrap(),
                "portal-key-0001",
                &PaymentRequest {
                    account: maria_loan(),
                    method: saved,
                    amount: AmountChoice::Other(Money::from_cents(10_000)),
                    date: None,
                    extra: ExtraTo::Principal,
                },
                &client(),
            )
            .await
            .unwrap()
            .payment;
        let e = app
            .cancel_phone_payment(&d.agent, d.maria, portal.id)
            .await
            .unwrap_err();
        assert!(
            matches!(e, PhoneError::Payment(PaymentError::NotFound)),
            "{e:?}"
        );
        // Another agent has not verified the caller: nothing is cancelled.
        let other = app
            .add_staff(
                "ben@example.com",
                "Ben Agent",
                "agent",
                STAFF_PASSWORD,
                &Actor::Operator("staff"),
            )
            .await
            .unwrap();
        let ben = Actor::Staff {
            id: other.id,
            role: Role::Agent,
        };
        let e = app
            .cancel_phone_payment(&ben, d.maria, p.id)
            .await
            .unwrap_err();
        assert!(matches!(e, PhoneError::NotVerified), "{e:?}");
        let still = app.store().payment_row(p.id).await.unwrap().unwrap();
        assert_eq!(still.status, PaymentStatus::Scheduled);

        // The caller asks: cancelled, and audited; asking again answers the same, once.
        let cancelled = app
            .cancel_phone_payment(&d.agent, d.maria, p.id)
            .await
            .unwrap();
        assert_eq!(cancelled.status, PaymentStatus::Cancelled);
        let again = app
            .cancel_phone_payment(&d.agent, d.maria, p.id)
            .await
            .unwrap();
        assert_eq!((again.id, again.status), (p.id, PaymentStatus::Cancelled));
        let audit = app
            .store()
            .audit_of(&format!("borrower:{}", d.maria.0), 50)
            .await
            .unwrap();
        let cancels: Vec<_> = audit
            .iter()
            .filter(|a| a.event.action == "phone_payment.cancelled")
            .collect();
        assert_eq!(cancels.len(), 1);
        assert!(cancels[0].event.detail.contains(&p.confirmation));
        // Another agent's receipt names the agent who took it, and offers no cancel now.
        let receipt = app.phone_receipt(&ben, d.maria, p.id).await.unwrap();
        assert!(!receipt.cancellable);
        assert_eq!(receipt.evidence.staff_name, "Ana Agent");

        // A card charge cannot be cancelled, nor a bank payment once in its ACH file.
        let visa = app
            .record_phone_method(&d.agent, d.maria, &card("4242424242424242"))
            .await
            .unwrap();
        let req = pay(PayFrom::Given(visa), 15_000);
        let review = app
            .review_phone_payment(&d.agent, d.maria, &req)
            .await
            .unwrap();
        let charged = app
            .take_phone_payment(&d.agent, d.maria, "phone-key-0031", &req, &agreed(&review))
            .await
            .unwrap()
            .payment;
        assert!(
            !app.phone_receipt(&d.agent, d.maria, charged.id)
                .await
                .unwrap()
                .cancellable
        );
        let req = pay(PayFrom::Given(given), 15_000);
        let review = app
            .review_phone_payment(&d.agent, d.maria, &req)
            .await
            .unwrap();
        let sent = app
            .take_phone_payment(&d.agent, d.maria, "phone-key-0032", &req, &agreed(&review))
            .await
            .unwrap()
            .payment;
        ach::phone_notices_delivered(app).await;
        let file = app.originate_ach(None).await.unwrap();
        for payment in [charged.id, sent.id] {
            let e = app
                .cancel_phone_payment(&d.agent, d.maria, payment)
                .await
                .unwrap_err();
            assert!(
                matches!(e, PhoneError::Payment(PaymentError::TooLate)),
                "{e:?}"
            );
        }
        assert_eq!(
            app.store()
                .payment_row(sent.id)
                .await
                .unwrap()
                .unwrap()
                .status,
            PaymentStatus::Posted
        );
        // The file carried the payment still pending, never the one cancelled.
        let entries =
            formats::nacha::parse(&std::fs::read(file.path.as_ref().unwrap()).unwrap()).unwrap();
        let sent_ids: Vec<&str> = entries.iter().map(|e| e.individual_id.trim()).collect();
        assert!(
            sent_ids.contains(&sent.confirmation.as_str()),
            "{sent_ids:?}"
        );
        assert!(!sent_ids.contains(&p.confirmation.as_str()), "{sent_ids:?}");
        d.finish().await;
    }
}

#[tokio::test]
async fn autopay_by_phone_is_set_up_once_under_its_key_and_not_after_its_words_changed() {
    for d in desks("phone_autopay_once").await {
        let app = &d.app;
        let token = enrol(app, MARIA, "maria.lopez").await;
        let s = session(app, &token).await;
        let login = s.login().unwrap();
        verify_maria(&d).await;
        let given = app
            .record_phone_method(&d.agent, d.maria, &GivenMethod::Bank(bank_form()))
            .await
            .unwrap();
        let req = PhoneAutopayRequest {
            account: maria_loan(),
            method: PayFrom::Given(given),
            fixed_amount: None,
            days_before_due: 0,
        };
        let later = PhoneAutopayRequest {
            days_before_due: 3,
            ..req.clone()
        };
        // Both drawn while Maria has no AutoPay: words to set it up.
        let review = app
            .review_phone_autopay(&d.agent, d.maria, &req)
            .await
            .unwrap();
        let review_later = app
            .review_phone_autopay(&d.agent, d.maria, &later)
            .await
            .unwrap();
        assert!(review_later.script.text.contains("setting up AutoPay"));
        let first = app
            .enroll_autopay_by_phone(
                &d.agent,
                d.maria,
                "ap-key-0010",
                &req,
                &agreed_autopay(&review),
                "REC-20261125-0050",
            )
            .await
            .unwrap();
        // The same form again (a double click, a reload): the same AutoPay, and nothing more
        // written: no second evidence, notice or saved account.
        let again = app
            .enroll_autopay_by_phone(
                &d.agent,
                d.maria,
                "ap-key-0010",
                &req,
                &agreed_autopay(&review),
                "REC-20261125-0050",
            )
            .await
            .unwrap();
        assert_eq!(again.id, first.id);
        assert!(again.cancelled_at_us.is_none());
        assert_eq!(set_up_once(&d, login).await, [first.id]);
        // Another request under the key is refused, and changes nothing.
        let e = app
            .enroll_autopay_by_phone(
                &d.agent,
                d.maria,
                "ap-key-0010",
                &later,
                &agreed_autopay(&review_later),
                "REC-20261125-0050",
            )
            .await
            .unwrap_err();
        assert!(
            matches!(e, PhoneError::Payment(PaymentError::KeyReused)),
            "{e:?}"
        );
        // Words read before AutoPay was on ("setting up") are not the words now ("changing"):
        // under a key of their own, nothing is done; the agent reads the new words.
        let e = app
            .enroll_autopay_by_phone(
                &d.agent,
                d.maria,
                "ap-key-0011",
                &later,
                &agreed_autopay(&review_later),
                "REC-20261125-0050",
            )
            .await
            .unwrap_err();
        assert!(
            matches!(e, PhoneError::ScriptChanged { what: "AutoPay's" }),
            "{e:?}"
        );
        assert_eq!(set_up_once(&d, login).await, [first.id]);
        d.finish().await;
    }
}

/// What one AutoPay set up by phone for Maria leaves (one evidence row, one written copy, the
/// account read out saved once to `login`); the live AutoPays of her loans.
async fn set_up_once(d: &Desk, login: store::LoginId) -> Vec<store::AutopayId> {
    let evidence = d
        .app
        .store()
        .phone_authorizations_of_borrower(d.maria)
        .await
        .unwrap();
    assert_eq!(evidence.len(), 1, "{evidence:?}");
    let outbox = d.app.store().outbox(None, 200).await.unwrap();
    let copies = outbox
        .iter()
        .filter(|m| m.message.key.starts_with("phone-authorization:autopay_"))
        .count();
    assert_eq!(copies, 1);
    assert_eq!(d.app.payment_methods(login).await.unwrap().len(), 1);
    let desk = d
        .app
        .phone_desk(&d.agent, d.maria, DeskFor::Autopay)
        .await
        .unwrap();
    desk.autopays.iter().map(|a| a.id).collect()
}

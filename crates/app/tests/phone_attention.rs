//! Issue 19's leftovers at the use cases, on a real store (SQLite, and PostgreSQL when
//! configured): a bank debit taken by phone that waits for its written notice is among the
//! account view's pending payments, held, and pending once the notice is sent; one whose
//! notice the outbox gave up is shown so, and once the day's file cancels it, it is on the
//! supervisors' worklist with why and who was told (nobody, here), while a payment cancelled
//! at the borrower's request is not, and an agent may not read the list; an API client takes
//! a payment by phone for the agent on the call only once that agent has verified the caller,
//! the evidence naming the agent, the payment and the audit record the client.

use app::access::Actor;
use app::account_view::PendingState;
use app::api_clients::Scopes;
use app::delivery::{MAX_ATTEMPTS, Sender, Senders, Sent};
use app::payment_methods::BankAccountForm;
use app::payments::phone::{
    GivenMethod, PayFrom, PhoneError, PhonePaymentRequest, ScriptAgreement, WhyNotSent,
};
use app::verification::Verification;
use domain::account_number::AccountNumber;
use domain::loan::ExtraTo;
use domain::payment::{AmountChoice, PaymentStatus};
use domain::verification::TypedAnswers;
use jiff::civil::date;
use money::Money;
use std::sync::Arc;
use store::{BorrowerId, Message, Payment};
use test_support::borrowers::MARIA;
use test_support::desk::Desk;

/// An email provider that is always down: every message fails, and the outbox gives up.
#[derive(Debug)]
struct Down;

impl Sender for Down {
    fn send<'a>(&'a self, _m: &'a Message) -> Sent<'a> {
        Box::pin(async move { Err("the mail provider is down".to_owned()) })
    }
}

fn maria_loan() -> AccountNumber {
    MARIA.0.parse().unwrap()
}

async fn maria(d: &Desk) -> BorrowerId {
    d.app
        .loan_of_account(maria_loan())
        .await
        .unwrap()
        .unwrap()
        .1
}

/// `staff` verifies Maria as the caller.
async fn verify(d: &Desk, staff: &Actor, maria: BorrowerId) {
    let answers = TypedAnswers {
        date_of_birth: MARIA.2.into(),
        zip: MARIA.3.into(),
        ssn_last4: MARIA.1.into(),
        last_payment: String::new(),
    };
    let v = d.app.verify_caller(staff, maria, &answers).await.unwrap();
    assert!(matches!(v, Verification::Passed(_)), "{v:?}");
}

/// The checking account Maria reads out.
fn checking() -> GivenMethod {
    GivenMethod::Bank(BankAccountForm {
        holder_name: "Maria Lopez".into(),
        routing_number: "231380104".into(),
        account_number: "55512345".into(),
        confirm_account_number: "55512345".into(),
        account_type: "checking".into(),
        ..BankAccountForm::default()
    })
}

/// $200.00 on Maria's current loan as soon as possible, paid from `method`.
fn two_hundred(method: PayFrom) -> PhonePaymentRequest {
    PhonePaymentRequest {
        account: maria_loan(),
        method,
        amount: AmountChoice::Other(Money::from_cents(20_000)),
        date: None,
        extra: ExtraTo::Principal,
    }
}

/// The agent verifies Maria and takes $200.00 from a checking account she reads out, under
/// `key`: a TEL debit credited today, its notice by email.
async fn tel_debit(d: &Desk, maria: BorrowerId, key: &str) -> Payment {
    verify(d, &d.agent, maria).await;
    let given = d
        .app
        .record_phone_method(&d.agent, maria, &checking())
        .await
        .unwrap();
    let req = two_hundred(PayFrom::Given(given));
    let review = d
        .app
        .review_phone_payment(&d.agent, maria, &req)
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
        .take_phone_payment(&d.agent, maria, key, &req, &agreed)
        .await
        .unwrap()
        .payment;
    assert_eq!(p.status, PaymentStatus::Scheduled);
    p
}

/// Where payment `p` stands among the pending payments of Maria's current loan, as the
/// account view shows it (`None`: not among them).
async fn pending_state(d: &Desk, maria: BorrowerId, p: &Payment) -> Option<PendingState> {
    let view = d.app.account_view(&d.agent, maria).await.unwrap();
    let loan = view
        .loans
        .iter()
        .find(|l| l.details.view.account_number == maria_loan())
        .expect("Maria's current loan");
    loan.pending_states()
        .find(|(q, _)| q.id == p.id)
        .map(|(_, state)| state)
}

#[tokio::test]
async fn a_tel_debit_waiting_for_its_notice_is_pending_on_the_account_view_as_held() {
    // The tests' app has no email provider: the notice waits.
    for d in Desk::open("phone_held_view", |app, _| app).await {
        let maria = maria(&d).await;
        let tel = tel_debit(&d, maria, "phone-held-0001").await;
        assert_eq!(
            pending_state(&d, maria, &tel).await,
            Some(PendingState::HeldForNotice)
        );
        // The day's file leaves it out: still pending, still held.
        let file = d.app.originate_ach(None).await.unwrap();
        assert_eq!((file.held, file.not_sent), (1, 0));
        assert_eq!(
            pending_state(&d, maria, &tel).await,
            Some(PendingState::HeldForNotice)
        );
        // The notice goes: an ordinary pending bank payment, for the next file.
        test_support::ach::phone_notices_delivered(&d.app).await;
        assert_eq!(
            pending_state(&d, maria, &tel).await,
            Some(PendingState::Pending)
        );
        d.finish().await;
    }
}

#[tokio::test]
async fn a_tel_debit_cancelled_for_want_of_its_notice_is_on_the_supervisors_worklist() {
    let down = |app: app::App, _: &std::path::Path| {
        let email: Arc<dyn Sender> = Arc::new(Down);
        app.with_senders(Senders {
            email: Some(email),
            sms: None,
        })
    };
    for d in Desk::open("phone_unsent_list", down).await {
        let app = &d.app;
        let maria = maria(&d).await;
        let lead =
            test_support::staff::actor(app, "lee@example.com", "Lee Lead", "supervisor").await;
        let tel = tel_debit(&d, maria, "phone-unsent-0001").await;
        assert!(app.unsent_phone_payments(&lead).await.unwrap().is_empty());

        // The address never takes the mail: the outbox gives the notice up.
        for _ in 0..MAX_ATTEMPTS {
            app.deliver_outbox(1_000).await.unwrap();
            d.clock.advance(jiff::SignedDuration::from_mins(61));
        }
        assert_eq!(
            pending_state(&d, maria, &tel).await,
            Some(PendingState::NoticeNotSent)
        );

        // The day's file cancels it; Maria never enrolled, and her email refused the notice.
        let file = app.originate_ach(None).await.unwrap();
        assert_eq!(file.not_sent, 1);
        assert_eq!(pending_state(&d, maria, &tel).await, None);

        // Another payment by phone, cancelled at her request: not on the list.
        let asked = tel_debit(&d, maria, "phone-unsent-0002").await;
        let cancelled = app
            .cancel_phone_payment(&d.agent, maria, asked.id)
            .await
            .unwrap();
        assert_eq!(cancelled.status, PaymentStatus::Cancelled);

        let list = app.unsent_phone_payments(&lead).await.unwrap();
        assert_eq!(list.len(), 1, "{list:?}");
        let u = &list[0];
        assert_eq!((u.payment, u.borrower), (tel.id, maria));
        assert_eq!(u.confirmation, tel.confirmation);
        assert_eq!(u.borrower_name, "Maria Lopez");
        assert_eq!(u.account_number, MARIA.0);
        assert_eq!(
            (u.amount, u.credit_date),
            (Money::from_cents(20_000), date(2026, 11, 25))
        );
        assert_eq!(u.why, Some(WhyNotSent::NoticeFailed));
        assert!(u.told.is_empty(), "{:?}", u.told);

        // An agent may not read it; the supervisor's read is audited.
        let refused = app.unsent_phone_payments(&d.agent).await.unwrap_err();
        assert!(matches!(refused, PhoneError::Denied(_)), "{refused:?}");
        d.finish().await;
    }
}

#[tokio::test]
async fn an_api_client_takes_a_payment_by_phone_only_for_an_agent_who_verified_the_caller() {
    for d in Desk::open("phone_api_agent", |app, _| app).await {
        let app = &d.app;
        let maria = maria(&d).await;
        let Actor::Staff { id: ana, .. } = d.agent else {
            panic!("the desk's agent is staff");
        };
        let client = Actor::api_client("phone-desk", Scopes::parse("payments").unwrap());
        let agent = "ana@example.com";

        // Nobody verified the caller: nothing is checked or recorded.
        for named in [agent, "nobody@example.com"] {
            let e = app
                .record_phone_method_for(&client, named, maria, &checking())
                .await
                .unwrap_err();
            assert!(matches!(e, PhoneError::NotVerified), "{named}: {e:?}");
        }
        let e = app
            .agent_verification(&client, agent, maria)
            .await
            .unwrap_err();
        assert!(matches!(e, PhoneError::NotVerified), "{e:?}");

        verify(&d, &d.agent, maria).await;
        let pass = app.agent_verification(&client, agent, maria).await.unwrap();
        assert_eq!(pass.staff_name, "Ana Agent");
        // Another agent's pass is not this one's; a staff member acts only for themselves.
        assert!(matches!(
            app.agent_verification(&client, "nobody@example.com", maria)
                .await,
            Err(PhoneError::NotVerified)
        ));
        assert!(matches!(
            app.agent_verification(&d.agent, agent, maria).await,
            Err(PhoneError::NotVerified)
        ));
        // A token without the payments scope may not.
        let reader = Actor::api_client("reporting", Scopes::parse("read").unwrap());
        assert!(matches!(
            app.agent_verification(&reader, agent, maria).await,
            Err(PhoneError::Denied(_))
        ));

        // The agent's email as typed, in any case and with spaces.
        let given = app
            .record_phone_method_for(&client, " Ana@Example.com ", maria, &checking())
            .await
            .unwrap();
        let req = two_hundred(PayFrom::Given(given));
        let review = app
            .review_phone_payment_for(&client, agent, maria, &req)
            .await
            .unwrap();
        assert!(
            review.script.text.contains("$200.00"),
            "{}",
            review.script.text
        );
        let agreed = ScriptAgreement {
            version: review.script.version.into(),
            read_at_us: review.read_at_us,
            digest: review.digest.clone(),
            borrower_agreed: true,
        };
        let taken = app
            .take_phone_payment_for(&client, agent, maria, "api-phone-0001", &req, &agreed)
            .await
            .unwrap();
        assert!(!taken.replayed);
        let p = taken.payment;
        assert_eq!(p.status, PaymentStatus::Scheduled);
        assert_eq!(p.actor, "client:phone-desk");

        // The evidence names the agent who read the words; the audit record, the client.
        let evidence = app
            .store()
            .phone_authorization_of_payment(p.id)
            .await
            .unwrap()
            .expect("the evidence");
        assert_eq!(evidence.recorded.staff, ana);
        assert_eq!(evidence.staff_name, "Ana Agent");
        assert_eq!(evidence.recorded.script_version, review.script.version);
        assert!(evidence.recorded.notice.is_some(), "the written notice");
        let taken_audit = app
            .store()
            .audit_of(&format!("borrower:{}", maria.0), 100)
            .await
            .unwrap()
            .into_iter()
            .find(|a| a.event.action == "phone_payment.taken")
            .expect("the payment audited");
        assert_eq!(taken_audit.event.actor, "client:phone-desk");
        let named = format!("\"agent\":\"staff:{}\"", ana.0);
        assert!(
            taken_audit.event.detail.contains(&named),
            "{}",
            taken_audit.event.detail
        );

        // The same request again is the same payment; nothing more is made.
        let again = app
            .take_phone_payment_for(&client, agent, maria, "api-phone-0001", &req, &agreed)
            .await
            .unwrap();
        assert!(again.replayed);
        assert_eq!(again.payment.id, p.id);
        let counts = app.store().payment_counts().await.unwrap();
        assert_eq!(counts.iter().map(|c| c.1).sum::<i64>(), 1, "{counts:?}");
        d.finish().await;
    }
}

//! Issue 19's leftovers over HTTP: a payment by phone through the API with a `payments` token,
//! for the agent on the call (refused until that agent has verified the caller, a bank account
//! read out refused beside its field, the borrower's agreement, a key and the words reviewed
//! required, the same request twice one payment), shown on the account page as held until its
//! written notice is sent, then a TEL entry in the day's file; and the supervisors' worklist of
//! payments by phone whose notice could not be sent (an agent may not open it), linked from a
//! supervisor's home.

use app::access::Actor;
use app::api_clients::Scopes;
use app::verification::Verification;
use axum::http::StatusCode;
use domain::verification::TypedAnswers;
use serde_json::{Value, json};
use store::{BorrowerId, PaymentId};
use test_support::borrowers::{MARIA, borrower_of};
use test_support::http::{Reply, send};
use test_support::server::{Boot, Portal, boot};
use test_support::staff::browser;

const AGENT: &str = "ana@example.com";

const ATTENTION: &str = "/console/phone-payments/attention";

/// A server on the demo portfolio writing its ACH files in a directory of its own.
async fn desks(test: &str) -> Vec<Portal> {
    boot(
        test,
        Boot {
            demo: true,
            ach_files: true,
            ..Boot::default()
        },
    )
    .await
}

/// The staff user [`AGENT`] verifies the caller as Maria.
async fn verify(p: &Portal, borrower: BorrowerId) {
    let staff = p.app.store().staff_by_email(AGENT).await.unwrap().unwrap();
    let actor = Actor::Staff {
        id: staff.id,
        role: staff.role,
    };
    let answers = TypedAnswers {
        date_of_birth: MARIA.2.into(),
        zip: MARIA.3.into(),
        ssn_last4: MARIA.1.into(),
        last_payment: String::new(),
    };
    let v = p
        .app
        .verify_caller(&actor, borrower, &answers)
        .await
        .unwrap();
    assert!(matches!(v, Verification::Passed(_)), "{v:?}");
}

/// A token with `scopes`, as its `Authorization` header.
async fn token(p: &Portal, name: &str, scopes: &str) -> String {
    let t = p
        .app
        .create_api_client(
            name,
            Scopes::parse(scopes).unwrap(),
            &Actor::Operator("test"),
        )
        .await
        .unwrap();
    format!("Bearer {t}")
}

/// Posts `body` to `path` with `auth`, and `key` as the `Idempotency-Key` when there is one.
async fn post(p: &Portal, path: &str, auth: &str, key: Option<&str>, body: &Value) -> Reply {
    let mut headers = vec![("authorization", auth)];
    if let Some(k) = key {
        headers.push(("idempotency-key", k));
    }
    send(p.addr(), "POST", path, &headers, Some(&body.to_string())).await
}

fn review_path(b: BorrowerId) -> String {
    format!("/api/v1/borrowers/{}/phone-payments/review", b.0)
}

fn take_path(b: BorrowerId) -> String {
    format!("/api/v1/borrowers/{}/phone-payments", b.0)
}

/// The review of $200.00 today on Maria's current loan from a checking account she reads out.
fn review_body() -> Value {
    json!({
        "agent_email": AGENT,
        "account_number": MARIA.0,
        "bank_account": {
            "holder_name": "Maria Lopez",
            "routing_number": "231380104",
            "account_number": "55512345",
            "account_type": "checking"
        },
        "amount": "200.00"
    })
}

/// The payment `review` (the review's answer) reviewed, with the borrower's agreement as
/// `agreed` to the words of `digest`.
fn payment_body(review: &Value, agreed: bool, digest: &str) -> Value {
    json!({
        "agent_email": AGENT,
        "account_number": MARIA.0,
        "phone_method_id": review["phone_method_id"],
        "amount": "200.00",
        "authorization": {
            "script_version": review["script_version"],
            "read_at_us": review["read_at_us"],
            "digest": digest,
            "borrower_agreed": agreed
        }
    })
}

/// Reviews and takes the payment of [`review_body`] with `auth` under `key`: the payment.
async fn take_by_api(p: &Portal, maria: BorrowerId, auth: &str, key: &str) -> Value {
    let review = post(p, &review_path(maria), auth, None, &review_body()).await;
    assert_eq!(review.status, StatusCode::OK, "{}", review.body);
    let review = review.json();
    let digest = review["digest"].as_str().unwrap().to_owned();
    let made = post(
        p,
        &take_path(maria),
        auth,
        Some(key),
        &payment_body(&review, true, &digest),
    )
    .await;
    assert_eq!(made.status, StatusCode::CREATED, "{}", made.body);
    made.json()
}

#[tokio::test]
async fn an_api_token_takes_a_tel_payment_for_the_agent_who_verified_the_caller() {
    for p in desks("api_phone_payment").await {
        let addr = p.addr();
        let maria = borrower_of(&p.app, MARIA.0).await;
        let mut agent = browser(&p, AGENT, "agent").await;
        let pay = token(&p, "phone-desk", "payments").await;
        let read = token(&p, "reporting", "read").await;

        // Nobody verified the caller: refused, nothing recorded. A read-only token may not.
        let refused = post(&p, &review_path(maria), &pay, None, &review_body()).await;
        assert_eq!(refused.status, StatusCode::FORBIDDEN, "{}", refused.body);
        assert_eq!(refused.json()["code"], "caller_not_verified");
        let reader = post(&p, &review_path(maria), &read, None, &review_body()).await;
        assert_eq!(reader.status, StatusCode::FORBIDDEN, "{}", reader.body);
        assert_eq!(reader.json()["code"], "insufficient_scope");

        verify(&p, maria).await;
        // Refusals name the field; a method is one of four ways, not two.
        let mut bad = review_body();
        bad["bank_account"]["routing_number"] = json!("123456789");
        let mut two = review_body();
        two["method_id"] = json!(1);
        for (body, field) in [(bad, "bank_account.routing_number"), (two, "method_id")] {
            let r = post(&p, &review_path(maria), &pay, None, &body).await;
            assert_eq!(r.status, StatusCode::BAD_REQUEST, "{}", r.body);
            assert_eq!(r.json()["field"], field, "{}", r.body);
        }

        let review = post(&p, &review_path(maria), &pay, None, &review_body()).await;
        assert_eq!(review.status, StatusCode::OK, "{}", review.body);
        let review = review.json();
        assert_eq!(review["method_kind"], "bank");
        assert_eq!(review["amount"], "200.00");
        assert_eq!(review["notice_channel"], "email");
        assert_eq!(review["notice_to"], "m••••@example.com");
        assert_eq!(review["verified_by"], "Test Staff");
        assert!(review["method_id"].is_null());
        assert!(review["phone_method_id"].as_i64().is_some(), "{review}");
        let script = review["script"].as_str().unwrap();
        for words in ["Maria Lopez", "$200.00", "checking account ending in 2345"] {
            assert!(script.contains(words), "{words:?} in {script}");
        }
        assert!(!review.to_string().contains("55512345"), "never drawn back");
        let digest = review["digest"].as_str().unwrap().to_owned();

        // Without the borrower's agreement, without a key, or with other words: nothing taken.
        let key = Some("api-phone-payment-0001");
        let unagreed = post(
            &p,
            &take_path(maria),
            &pay,
            key,
            &payment_body(&review, false, &digest),
        )
        .await;
        assert_eq!(
            unagreed.status,
            StatusCode::BAD_REQUEST,
            "{}",
            unagreed.body
        );
        assert_eq!(unagreed.json()["field"], "authorization.borrower_agreed");
        let keyless = post(
            &p,
            &take_path(maria),
            &pay,
            None,
            &payment_body(&review, true, &digest),
        )
        .await;
        assert_eq!(keyless.status, StatusCode::BAD_REQUEST, "{}", keyless.body);
        assert_eq!(keyless.json()["field"], "Idempotency-Key");
        let other_words = "0".repeat(64);
        let changed = post(
            &p,
            &take_path(maria),
            &pay,
            Some("api-phone-payment-0002"),
            &payment_body(&review, true, &other_words),
        )
        .await;
        assert_eq!(changed.status, StatusCode::CONFLICT, "{}", changed.body);
        assert_eq!(changed.json()["code"], "script_changed");
        assert!(p.app.store().payment_counts().await.unwrap().is_empty());

        let made = post(
            &p,
            &take_path(maria),
            &pay,
            key,
            &payment_body(&review, true, &digest),
        )
        .await;
        assert_eq!(made.status, StatusCode::CREATED, "{}", made.body);
        let made = made.json();
        assert_eq!(
            (&made["status"], &made["channel"], &made["rail"]),
            (&json!("scheduled"), &json!("phone"), &json!("ach"))
        );
        assert_eq!(made["amount"], "200.00");
        let again = post(
            &p,
            &take_path(maria),
            &pay,
            key,
            &payment_body(&review, true, &digest),
        )
        .await;
        assert_eq!(again.status, StatusCode::OK, "{}", again.body);
        assert_eq!(again.headers["idempotent-replayed"], "true");
        assert_eq!(again.json()["id"], made["id"]);

        // The account page lists it as pending, held until its written notice is sent (the
        // tests' app has no email provider: the notice waits).
        let page = agent
            .get(addr, &format!("/console/borrowers/{}", maria.0))
            .await;
        assert_eq!(page.status, StatusCode::OK);
        assert!(
            page.body.contains(made["confirmation"].as_str().unwrap()),
            "{}",
            page.body
        );
        assert!(
            page.body.contains(
                "Held: a bank debit taken by phone goes to the bank only once the written notice of its authorization is sent"
            ),
            "{}",
            page.body
        );

        // The notice goes: the day's file carries the TEL entry.
        test_support::ach::phone_notices_delivered(&p.app).await;
        let file = p.app.originate_ach(None).await.unwrap();
        let entries =
            formats::nacha::parse(&std::fs::read(file.path.as_ref().unwrap()).unwrap()).unwrap();
        assert!(
            entries
                .iter()
                .any(|e| e.sec == "TEL" && e.account_number.trim() == "55512345"),
            "{entries:?}"
        );
        p.finish().await;
    }
}

#[tokio::test]
async fn a_phone_payment_whose_notice_could_not_be_sent_is_on_the_supervisors_worklist() {
    for p in desks("console_phone_unsent").await {
        let addr = p.addr();
        let maria = borrower_of(&p.app, MARIA.0).await;
        let mut agent = browser(&p, AGENT, "agent").await;
        let mut lead = browser(&p, "lee@example.com", "supervisor").await;
        let pay = token(&p, "phone-desk", "payments").await;

        // For supervisors: linked from their home; an agent's home has no link, and the list
        // refuses them.
        let home = lead.get(addr, "/console").await;
        assert!(home.body.contains(&format!("href=\"{ATTENTION}\"")));
        assert!(
            !agent
                .get(addr, "/console")
                .await
                .body
                .contains(&format!("href=\"{ATTENTION}\""))
        );
        assert_eq!(
            agent.get(addr, ATTENTION).await.status,
            StatusCode::FORBIDDEN
        );
        let empty = lead.get(addr, ATTENTION).await;
        assert_eq!(empty.status, StatusCode::OK, "{}", empty.body);
        assert!(
            empty.body.contains("None in the last 30 days"),
            "{}",
            empty.body
        );

        // A bank payment by phone whose written notice the outbox gives up.
        verify(&p, maria).await;
        let made = take_by_api(&p, maria, &pay, "api-phone-unsent-0001").await;
        let payment = PaymentId(made["id"].as_i64().unwrap());
        let notice = p
            .app
            .store()
            .phone_authorization_of_payment(payment)
            .await
            .unwrap()
            .expect("the evidence")
            .recorded
            .notice
            .expect("the written notice");
        let mut tx = p.app.store().begin().await.unwrap();
        assert!(
            tx.withdraw_message(notice, "550 mailbox unavailable")
                .await
                .unwrap()
        );
        tx.commit().await.unwrap();
        let page = agent
            .get(addr, &format!("/console/borrowers/{}", maria.0))
            .await;
        assert!(page.body.contains("Not going to the bank"), "{}", page.body);

        // The day's file cancels it; Maria never enrolled, and her email refused the notice.
        let file = p.app.originate_ach(None).await.unwrap();
        assert_eq!(file.not_sent, 1);
        let list = lead.get(addr, ATTENTION).await;
        assert_eq!(list.status, StatusCode::OK, "{}", list.body);
        let confirmation = made["confirmation"].as_str().unwrap();
        let account_link = format!("href=\"/console/borrowers/{}\"", maria.0);
        for words in [
            "Maria Lopez",
            MARIA.0,
            "$200.00",
            confirmation,
            "The written notice could not be delivered",
            "Nobody: no email on file takes mail",
            account_link.as_str(),
        ] {
            assert!(list.body.contains(words), "{words:?} in {}", list.body);
        }
        p.finish().await;
    }
}

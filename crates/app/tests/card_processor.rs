//! The real-processor adapter (`HttpProcessor`) against a loopback peer that answers as a
//! Stripe-style API does: tokenize, a charge approved, a charge declined for insufficient
//! funds, a processor error, and the idempotency key and secret sent on every charge; and
//! refunds: accepted, refused for good (a charge already refunded), or not answered now (the
//! key still in use, the processor down), each under the refund's key.

use app::payments::cards::{CardDetails, CardError, CardProcessor, Charge, HttpProcessor};
use money::Money;
use test_support::peers::{Log, http_peer};

/// Answers each request by its path and form body, recording what it was sent.
async fn processor() -> (String, Log) {
    let (addr, log) = http_peer(|head, body, _| {
        if head.starts_with("POST /v1/payment_methods") {
            (
                "200 OK",
                r#"{"id":"pm_test_123","object":"payment_method"}"#.to_owned(),
            )
        } else if body.contains("payment_method=pm_nsf") {
            ("402 Payment Required", r#"{"error":{"type":"card_error","code":"card_declined","decline_code":"insufficient_funds","message":"Your card has insufficient funds."}}"#.to_owned())
        } else if body.contains("payment_method=pm_broken") {
            (
                "500 Internal Server Error",
                r#"{"error":{"type":"api_error","message":"boom"}}"#.to_owned(),
            )
        } else {
            (
                "200 OK",
                r#"{"id":"pi_test_456","status":"succeeded"}"#.to_owned(),
            )
        }
    })
    .await;
    (format!("http://{addr}"), log)
}

#[tokio::test]
async fn the_http_adapter_tokenizes_charges_with_the_key_and_reads_declines_and_errors() {
    let (base, log) = processor().await;
    let p = HttpProcessor::new(&base, "sk_test_secret").unwrap();
    assert!(
        !format!("{p:?}").contains("sk_test_secret"),
        "the secret is never printed"
    );
    let card = CardDetails {
        number: "4242424242424242".into(),
        exp_month: 12,
        exp_year: 2030,
        cvv: "123".into(),
        zip: "62704".into(),
    };
    let token = p.tokenize(&card).await.unwrap();
    assert_eq!(
        (
            token.token.as_str(),
            token.brand.as_str(),
            token.last4.as_str(),
            token.expiry.as_str()
        ),
        ("pm_test_123", "Visa", "4242", "12/30")
    );
    let approved = p
        .charge(&token.token, Money::from_cents(12_345), "P23456789ABC")
        .await
        .unwrap();
    assert_eq!(
        approved,
        Charge::Approved {
            authorization: "pi_test_456".into()
        }
    );
    let declined = p
        .charge("pm_nsf", Money::from_cents(100), "P23456789ABD")
        .await
        .unwrap();
    assert!(
        matches!(declined, Charge::Declined { reason } if reason.contains("insufficient funds"))
    );
    assert!(matches!(
        p.charge("pm_broken", Money::from_cents(100), "P23456789ABE")
            .await,
        Err(CardError::Unavailable(_))
    ));
    let sent = log.lock().unwrap().clone();
    let charge = sent
        .iter()
        .find(|r| r.contains("amount=12345"))
        .expect("the charge was sent");
    assert!(
        charge
            .to_lowercase()
            .contains("idempotency-key: p23456789abc"),
        "{charge}"
    );
    assert!(
        charge.contains("authorization: Bearer sk_test_secret")
            || charge
                .to_lowercase()
                .contains("authorization: bearer sk_test_secret")
    );
    assert!(charge.contains("currency=usd") && charge.contains("confirm=true"));
    // The card number goes to the processor only in the tokenize call.
    assert_eq!(
        sent.iter()
            .filter(|r| r.contains("4242424242424242"))
            .count(),
        1
    );
}

/// Answers refunds by the charge they name: `pi_refunded` was refunded already (400),
/// `pi_busy` has its key still in use by another request (409), `pi_down` meets a processor
/// error (503); any other is refunded.
async fn refunds() -> (String, Log) {
    let (addr, log) = http_peer(|head, body, _| {
        assert!(head.starts_with("POST /v1/refunds"), "{head}");
        if body.contains("payment_intent=pi_refunded") {
            ("400 Bad Request", r#"{"error":{"type":"invalid_request_error","code":"charge_already_refunded","message":"Charge ch_1 has already been refunded."}}"#.to_owned())
        } else if body.contains("payment_intent=pi_busy") {
            ("409 Conflict", r#"{"error":{"type":"idempotency_error","message":"There is currently another in-progress request using this Idempotent Key."}}"#.to_owned())
        } else if body.contains("payment_intent=pi_down") {
            (
                "503 Service Unavailable",
                r#"{"error":{"type":"api_error","message":"try again"}}"#.to_owned(),
            )
        } else {
            (
                "200 OK",
                r#"{"id":"re_test_1","status":"succeeded"}"#.to_owned(),
            )
        }
    })
    .await;
    (format!("http://{addr}"), log)
}

#[tokio::test]
async fn the_http_adapter_tells_a_refund_refused_for_good_from_one_to_send_again() {
    let (base, log) = refunds().await;
    let p = HttpProcessor::new(&base, "sk_test_secret").unwrap();
    let cents = Money::from_cents(4_250);
    assert_eq!(p.refund("pi_test_456", cents, "R23456789ABC").await, Ok(()));
    assert_eq!(
        p.refund("pi_refunded", cents, "R23456789ABD").await,
        Err(CardError::Refused(
            "Charge ch_1 has already been refunded. (charge_already_refunded)".into()
        ))
    );
    assert!(matches!(
        p.refund("pi_busy", cents, "R23456789ABE").await,
        Err(CardError::Unavailable(_))
    ));
    assert!(matches!(
        p.refund("pi_down", cents, "R23456789ABF").await,
        Err(CardError::Unavailable(_))
    ));
    let sent = log.lock().unwrap().clone();
    assert_eq!(sent.len(), 4);
    let first = sent
        .iter()
        .find(|r| r.contains("payment_intent=pi_test_456"))
        .expect("the refund was sent");
    assert!(
        first
            .to_lowercase()
            .contains("idempotency-key: r23456789abc"),
        "the refund's reference is its key: {first}"
    );
    assert!(first.contains("amount=4250"));
}

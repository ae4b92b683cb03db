//! The card processor port: tokenize a debit card (the number and CVV go to the processor and
//! nowhere else: we keep its token, the brand, the last four and the expiry), charge a token
//! under an idempotency key, refund a charge. Two adapters: [`Sandbox`], built in, which
//! answers like a real processor from the industry's standard test card numbers; and
//! [`HttpProcessor`], which speaks the Stripe-style HTTP API (form-encoded requests, bearer
//! secret key, `Idempotency-Key` header) at a configurable base URL.

use money::Money;
use std::collections::HashMap;
use std::future::Future;
use std::pin::Pin;
use std::sync::Mutex;

/// What the borrower typed. Never stored, never logged (Debug shows only the last four).
#[derive(Clone, PartialEq, Eq)]
pub struct CardDetails {
    /// The card number (digits).
    pub number: String,
    /// Expiry month, 1–12.
    pub exp_month: u8,
    /// Expiry year, four digits.
    pub exp_year: u16,
    /// The security code.
    pub cvv: String,
    /// The cardholder's ZIP.
    pub zip: String,
}

impl std::fmt::Debug for CardDetails {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let last4 = self
            .number
            .get(self.number.len().saturating_sub(4)..)
            .unwrap_or("");
        write!(f, "CardDetails(••••{last4})")
    }
}

impl CardDetails {
    /// The last four digits of the number.
    pub fn last4(&self) -> &str {
        self.number
            .get(self.number.len().saturating_sub(4)..)
            .unwrap_or("")
    }

    /// The expiry as MM/YY, as the processor's answer gives it ([`CardToken::expiry`]).
    pub fn expiry(&self) -> String {
        format!("{:02}/{:02}", self.exp_month, self.exp_year % 100)
    }
}

/// A card's expiry as typed or read out: MM/YY or MM/YYYY, with a slash or a dash between, or
/// the digits alone (MMYY, MMYYYY; the card fields bring up a phone's number pad, which has no
/// slash on some phones); spaces anywhere are ignored. The month and the four-digit year;
/// `None` when it is not one of those, or the month is not 1 to 12.
pub fn read_expiry(text: &str) -> Option<(u8, u16)> {
    let text: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    let (m, y) = match text.split_once(['/', '-']) {
        Some(parts) => parts,
        None if text.len() == 4 || text.len() == 6 => (text.get(..2)?, text.get(2..)?),
        None => return None,
    };
    if m.is_empty() || !m.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let month: u8 = m.parse().ok()?;
    if !y.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let year: u16 = match y.len() {
        2 => 2000 + y.parse::<u16>().ok()?,
        4 => y.parse().ok()?,
        _ => return None,
    };
    (1..=12).contains(&month).then_some((month, year))
}

/// What the processor gives back for a card.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CardToken {
    /// The processor's token.
    pub token: String,
    /// "Visa", "Mastercard", "Discover", "American Express".
    pub brand: String,
    /// Last four digits.
    pub last4: String,
    /// "MM/YY".
    pub expiry: String,
}

/// A charge's result.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Charge {
    /// Approved, with the processor's id for the charge.
    Approved {
        /// The charge id (used to refund).
        authorization: String,
    },
    /// Declined: the words the borrower is shown.
    Declined {
        /// Why, plainly.
        reason: String,
    },
}

/// Why the processor did not do what was asked (not a decline of a charge, which is an
/// answer: [`Charge::Declined`]). Only [`CardError::Refused`] is final; the rest leave the
/// request to be sent again under the same key.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum CardError {
    /// The card details are wrong; the field and what is wrong.
    #[error("{message}")]
    Invalid {
        /// "card_number", "expiry", "cvv" or "zip".
        field: &'static str,
        /// What is wrong.
        message: String,
    },
    /// The processor is unreachable or failed.
    #[error("card processor unavailable: {0}")]
    Unavailable(String),
    /// The processor answered and will never do it, with its reason: a refund of a charge
    /// already refunded or disputed, too old, or for more than is left to refund. Sending it
    /// again under the same key gets the same answer, so it is not sent again.
    #[error("card processor refused: {0}")]
    Refused(String),
}

/// A processor's answer.
pub type Answer<'a, T> = Pin<Box<dyn Future<Output = Result<T, CardError>> + Send + 'a>>;

/// A card processor.
pub trait CardProcessor: Send + Sync + std::fmt::Debug {
    /// Exchanges card details for a token.
    fn tokenize<'a>(&'a self, card: &'a CardDetails) -> Answer<'a, CardToken>;
    /// Charges `amount` to `token`; the same `key` never charges twice.
    fn charge<'a>(&'a self, token: &'a str, amount: Money, key: &'a str) -> Answer<'a, Charge>;
    /// Refunds a charge in full or in part; the same `key` never refunds twice.
    fn refund<'a>(&'a self, authorization: &'a str, amount: Money, key: &'a str) -> Answer<'a, ()>;
}

/// Checks what the borrower typed before anything is sent: Luhn, length, expiry, CVV, ZIP;
/// the first problem ([`card_problems`] has them all).
pub fn check_card(card: &CardDetails, today: jiff::civil::Date) -> Result<(), CardError> {
    match card_problems(card, today).into_iter().next() {
        Some(problem) => Err(problem),
        None => Ok(()),
    }
}

/// Every problem with what the borrower typed, in the form's order (number, expiry, security
/// code, ZIP), each a [`CardError::Invalid`] naming its detail, so a form lists them all at
/// once; none when the card may be sent to the processor.
pub fn card_problems(card: &CardDetails, today: jiff::civil::Date) -> Vec<CardError> {
    let invalid = |field, message: &str| CardError::Invalid {
        field,
        message: message.into(),
    };
    let mut problems = Vec::new();
    let digits = &card.number;
    if !(13..=19).contains(&digits.len()) || !digits.bytes().all(|b| b.is_ascii_digit()) {
        problems.push(invalid(
            "card_number",
            "Enter the 13 to 19 digits of the card number",
        ));
    } else if !luhn(digits) {
        problems.push(invalid(
            "card_number",
            "This card number is not valid. Check it for a typo",
        ));
    }
    let (y, m) = (i32::from(today.year()), i32::from(today.month()));
    let (ey, em) = (i32::from(card.exp_year), i32::from(card.exp_month));
    if !(1..=12).contains(&em) || ey > y + 20 {
        problems.push(invalid(
            "expiry",
            "Enter the expiry as MM/YY, as printed on the card",
        ));
    } else if (ey, em) < (y, m) {
        problems.push(invalid("expiry", "This card has expired"));
    }
    let cvv_len = if brand(digits) == "American Express" {
        4
    } else {
        3
    };
    if card.cvv.len() != cvv_len || !card.cvv.bytes().all(|b| b.is_ascii_digit()) {
        problems.push(invalid(
            "cvv",
            &format!("Enter the {cvv_len}-digit security code from the card"),
        ));
    }
    if card.zip.len() != 5 || !card.zip.bytes().all(|b| b.is_ascii_digit()) {
        problems.push(invalid(
            "zip",
            "Enter the 5-digit ZIP code of the card's billing address",
        ));
    }
    problems
}

/// The Luhn check every card number carries.
pub fn luhn(digits: &str) -> bool {
    let sum: u32 = digits
        .bytes()
        .rev()
        .enumerate()
        .map(|(i, b)| {
            let d = u32::from(b - b'0');
            if i % 2 == 1 {
                let twice = d * 2;
                if twice > 9 { twice - 9 } else { twice }
            } else {
                d
            }
        })
        .sum();
    sum.is_multiple_of(10)
}

/// The brand of a card number by its prefix.
pub fn brand(digits: &str) -> &'static str {
    let two: u32 = digits.get(..2).and_then(|p| p.parse().ok()).unwrap_or(0);
    let four: u32 = digits.get(..4).and_then(|p| p.parse().ok()).unwrap_or(0);
    match () {
        _ if digits.starts_with('4') => "Visa",
        _ if (51..=55).contains(&two) || (2221..=2720).contains(&four) => "Mastercard",
        _ if two == 34 || two == 37 => "American Express",
        _ if digits.starts_with("6011") || two == 65 => "Discover",
        _ => "Card",
    }
}

/// The built-in sandbox. It behaves as processors' test modes do for their published test
/// numbers: 4242 4242 4242 4242 (Visa), 5555 5555 5555 4444 (Mastercard), 6011 1111 1111 1117
/// (Discover), 3782 822463 10005 (Amex) and 4000 0566 5566 5556 (Visa debit) are approved;
/// 4000 0000 0000 0002 is declined, 4000 0000 0000 9995 declined for insufficient funds,
/// 4000 0000 0000 0069 declined as expired, 4000 0000 0000 0127 declined for a wrong security
/// code, 4000 0000 0000 0119 fails with a processing error; 4000 0000 0000 5126 is approved
/// but a refund of its charge is refused (as Stripe's test card whose refunds fail); any
/// other valid number is approved. The outcome rides in the token (no card number is kept,
/// even here), and a charge's in its authorization; charges are remembered by key so a
/// retried charge is the same charge.
#[derive(Debug, Default)]
pub struct Sandbox {
    charges: Mutex<HashMap<String, Charge>>,
}

const SANDBOX_OUTCOMES: &[(&str, &str)] = &[
    ("4000000000000002", "declined"),
    ("4000000000009995", "insufficient"),
    ("4000000000000069", "expired"),
    ("4000000000000127", "cvc"),
    ("4000000000000119", "error"),
    ("4000000000005126", "norefund"),
];

/// How the sandbox's authorizations begin for a charge whose refunds it refuses.
const SANDBOX_NO_REFUND: &str = "ch_sandbox_norefund_";

impl CardProcessor for Sandbox {
    fn tokenize<'a>(&'a self, card: &'a CardDetails) -> Answer<'a, CardToken> {
        Box::pin(async move {
            let outcome = SANDBOX_OUTCOMES
                .iter()
                .find(|(n, _)| *n == card.number)
                .map_or("ok", |(_, o)| o);
            Ok(CardToken {
                token: format!(
                    "tok_sandbox_{outcome}_{}",
                    &crate::identity::random_token()[..16]
                ),
                brand: brand(&card.number).into(),
                last4: card.last4().into(),
                expiry: card.expiry(),
            })
        })
    }

    fn charge<'a>(&'a self, token: &'a str, _amount: Money, key: &'a str) -> Answer<'a, Charge> {
        Box::pin(async move {
            if let Some(c) = self.charges.lock().expect("sandbox lock").get(key) {
                return Ok(c.clone());
            }
            let outcome = token
                .strip_prefix("tok_sandbox_")
                .and_then(|t| t.split('_').next())
                .ok_or_else(|| CardError::Unavailable("unknown sandbox token".into()))?;
            let charge = match outcome {
                "ok" => Charge::Approved {
                    authorization: format!("ch_sandbox_{}", &crate::identity::random_token()[..16]),
                },
                "norefund" => Charge::Approved {
                    authorization: format!(
                        "{SANDBOX_NO_REFUND}{}",
                        &crate::identity::random_token()[..16]
                    ),
                },
                "declined" => Charge::Declined {
                    reason: "Your card was declined. Use another card or a bank account".into(),
                },
                "insufficient" => Charge::Declined {
                    reason: "Your card was declined for insufficient funds".into(),
                },
                "expired" => Charge::Declined {
                    reason: "Your card has expired. Use another card".into(),
                },
                "cvc" => Charge::Declined {
                    reason: "The security code is not right. Add the card again".into(),
                },
                _ => return Err(CardError::Unavailable("processing error".into())),
            };
            self.charges
                .lock()
                .expect("sandbox lock")
                .insert(key.to_owned(), charge.clone());
            Ok(charge)
        })
    }

    fn refund<'a>(
        &'a self,
        authorization: &'a str,
        _amount: Money,
        _key: &'a str,
    ) -> Answer<'a, ()> {
        Box::pin(async move {
            if authorization.starts_with(SANDBOX_NO_REFUND) {
                return Err(CardError::Refused(
                    "The card's issuer refused the refund: the card is expired or canceled".into(),
                ));
            }
            Ok(())
        })
    }
}

type HttpClient = hyper_util::client::legacy::Client<
    hyper_rustls::HttpsConnector<hyper_util::client::legacy::connect::HttpConnector>,
    http_body_util::Full<hyper::body::Bytes>,
>;

/// A real processor over its HTTP API (Stripe's shape: `POST /v1/payment_methods`,
/// `POST /v1/payment_intents` with `confirm=true`, `POST /v1/refunds`).
pub struct HttpProcessor {
    base: String,
    secret: String,
    client: HttpClient,
}

impl std::fmt::Debug for HttpProcessor {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // The secret key is never printed.
        write!(f, "HttpProcessor({})", self.base)
    }
}

impl HttpProcessor {
    /// A processor at `base` (https, or http on this host for a test double) with its secret key.
    pub fn new(base: &str, secret: &str) -> Result<HttpProcessor, String> {
        let uri: hyper::Uri = base
            .parse()
            .map_err(|e| format!("cards.base_url {base:?}: {e}"))?;
        if !matches!(uri.scheme_str(), Some("https" | "http")) {
            return Err(format!(
                "cards.base_url {base:?} must be an https:// address"
            ));
        }
        let https = hyper_rustls::HttpsConnectorBuilder::new()
            .with_webpki_roots()
            .https_or_http()
            .enable_http1()
            .build();
        Ok(HttpProcessor {
            base: base.trim_end_matches('/').to_owned(),
            secret: secret.to_owned(),
            client: hyper_util::client::legacy::Client::builder(
                hyper_util::rt::TokioExecutor::new(),
            )
            .build(https),
        })
    }

    async fn post(
        &self,
        path: &str,
        form: &[(&str, String)],
        key: Option<&str>,
    ) -> Result<(hyper::StatusCode, serde_json::Value), CardError> {
        let body = form
            .iter()
            .map(|(k, v)| format!("{}={}", urlencode(k), urlencode(v)))
            .collect::<Vec<_>>()
            .join("&");
        let mut req = hyper::Request::post(format!("{}{path}", self.base))
            .header("content-type", "application/x-www-form-urlencoded")
            .header("authorization", format!("Bearer {}", self.secret));
        if let Some(k) = key {
            req = req.header("idempotency-key", k);
        }
        let req = req
            .body(http_body_util::Full::new(hyper::body::Bytes::from(body)))
            .map_err(|e| CardError::Unavailable(e.to_string()))?;
        let answer =
            tokio::time::timeout(std::time::Duration::from_secs(30), self.client.request(req))
                .await
                .map_err(|_| CardError::Unavailable("timed out".into()))?
                .map_err(|e| CardError::Unavailable(e.to_string()))?;
        let status = answer.status();
        let bytes = http_body_util::BodyExt::collect(answer.into_body())
            .await
            .map_err(|e| CardError::Unavailable(e.to_string()))?
            .to_bytes();
        let json = serde_json::from_slice(&bytes).map_err(|_| {
            CardError::Unavailable(format!("answered {status} with a body that is not JSON"))
        })?;
        Ok((status, json))
    }
}

fn urlencode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                char::from(b).to_string()
            }
            b'[' => "%5B".into(),
            b']' => "%5D".into(),
            other => format!("%{other:02X}"),
        })
        .collect()
}

fn text(v: &serde_json::Value, path: &[&str]) -> Option<String> {
    path.iter()
        .try_fold(v, |v, k| v.get(k))
        .and_then(|v| v.as_str())
        .map(str::to_owned)
}

/// The longest reason kept from a processor's refusal (its own words, kept on the refund and
/// shown to staff).
const MOST_REASON_CHARS: usize = 300;

/// What a refund's answer means: accepted (2xx, the refund succeeded or is on its way);
/// refused for good (a 2xx whose refund says it `failed` or was `canceled` at once, with its
/// `failure_reason`; any other 4xx: the charge was already refunded or disputed, is too old,
/// the amount is more than is left, no such charge), with the processor's words; or not
/// answered now (5xx; and the 4xx that say nothing about the refund: 401 and 403 a secret key
/// that is wrong or was rotated, 408 a timeout, 409 the same key still being worked on by
/// another request, 429 too many requests, and an `idempotency_error`, the key seen with
/// other parameters, which a refund sent again as it was never is), sent again later under
/// the same key.
fn refund_answer(status: hyper::StatusCode, json: &serde_json::Value) -> Result<(), CardError> {
    if status.is_success() {
        // The refund object's own status: one that failed or was canceled sent no money
        // back, so recording it sent would leave the borrower unpaid and the books saying
        // otherwise.
        return match text(json, &["status"]).as_deref() {
            Some(state @ ("failed" | "canceled")) => {
                let reason = match text(json, &["failure_reason"]) {
                    Some(why) => format!("refund {state} ({why})"),
                    None => format!("refund {state}"),
                };
                Err(CardError::Refused(
                    reason.chars().take(MOST_REASON_CHARS).collect(),
                ))
            }
            _ => Ok(()),
        };
    }
    let transient = matches!(status.as_u16(), 401 | 403 | 408 | 409 | 429)
        || text(json, &["error", "type"]).as_deref() == Some("idempotency_error");
    if !status.is_client_error() || transient {
        return Err(CardError::Unavailable(format!("refund answered {status}")));
    }
    let reason = match (
        text(json, &["error", "message"]),
        text(json, &["error", "code"]),
    ) {
        (Some(message), Some(code)) => format!("{message} ({code})"),
        (Some(message), None) => message,
        (None, Some(code)) => code,
        (None, None) => format!("refund answered {status}"),
    };
    Err(CardError::Refused(
        reason.chars().take(MOST_REASON_CHARS).collect(),
    ))
}

/// The borrower's words for a processor's decline code.
fn decline_words(code: &str) -> String {
    match code {
        "insufficient_funds" => "Your card was declined for insufficient funds".into(),
        "expired_card" => "Your card has expired. Use another card".into(),
        "incorrect_cvc" => "The security code is not right. Add the card again".into(),
        _ => "Your card was declined. Use another card or a bank account".into(),
    }
}

impl CardProcessor for HttpProcessor {
    fn tokenize<'a>(&'a self, card: &'a CardDetails) -> Answer<'a, CardToken> {
        Box::pin(async move {
            let (status, json) = self
                .post(
                    "/v1/payment_methods",
                    &[
                        ("type", "card".into()),
                        ("card[number]", card.number.clone()),
                        ("card[exp_month]", card.exp_month.to_string()),
                        ("card[exp_year]", card.exp_year.to_string()),
                        ("card[cvc]", card.cvv.clone()),
                        ("billing_details[address][postal_code]", card.zip.clone()),
                    ],
                    None,
                )
                .await?;
            if !status.is_success() {
                let message = text(&json, &["error", "message"])
                    .unwrap_or_else(|| "The card was not accepted".into());
                return Err(CardError::Invalid {
                    field: "card_number",
                    message,
                });
            }
            let token = text(&json, &["id"])
                .ok_or_else(|| CardError::Unavailable("no id in the answer".into()))?;
            Ok(CardToken {
                token,
                brand: brand(&card.number).into(),
                last4: card.last4().into(),
                expiry: card.expiry(),
            })
        })
    }

    fn charge<'a>(&'a self, token: &'a str, amount: Money, key: &'a str) -> Answer<'a, Charge> {
        Box::pin(async move {
            let (status, json) = self
                .post(
                    "/v1/payment_intents",
                    &[
                        ("amount", amount.cents().to_string()),
                        ("currency", "usd".into()),
                        ("payment_method", token.into()),
                        ("confirm", "true".into()),
                    ],
                    Some(key),
                )
                .await?;
            if status.is_success() && text(&json, &["status"]).as_deref() == Some("succeeded") {
                let authorization = text(&json, &["id"])
                    .ok_or_else(|| CardError::Unavailable("no id in the answer".into()))?;
                return Ok(Charge::Approved { authorization });
            }
            match text(&json, &["error", "type"]).as_deref() {
                Some("card_error") => Ok(Charge::Declined {
                    reason: decline_words(
                        &text(&json, &["error", "decline_code"])
                            .or_else(|| text(&json, &["error", "code"]))
                            .unwrap_or_default(),
                    ),
                }),
                _ => Err(CardError::Unavailable(format!("answered {status}"))),
            }
        })
    }

    fn refund<'a>(&'a self, authorization: &'a str, amount: Money, key: &'a str) -> Answer<'a, ()> {
        Box::pin(async move {
            let (status, json) = self
                .post(
                    "/v1/refunds",
                    &[
                        ("payment_intent", authorization.into()),
                        ("amount", amount.cents().to_string()),
                    ],
                    Some(key),
                )
                .await?;
            refund_answer(status, &json)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn card(number: &str) -> CardDetails {
        CardDetails {
            number: number.into(),
            exp_month: 12,
            exp_year: 2030,
            cvv: "123".into(),
            zip: "60601".into(),
        }
    }

    #[tokio::test]
    async fn the_sandbox_answers_the_standard_test_numbers() {
        let s = Sandbox::default();
        let approve = s.tokenize(&card("4242424242424242")).await.unwrap();
        assert_eq!(
            (
                approve.brand.as_str(),
                approve.last4.as_str(),
                approve.expiry.as_str()
            ),
            ("Visa", "4242", "12/30")
        );
        assert!(!approve.token.contains("4242424242"));
        let first = s
            .charge(&approve.token, Money::from_cents(100), "k1")
            .await
            .unwrap();
        assert!(matches!(first, Charge::Approved { .. }));
        assert_eq!(
            s.charge(&approve.token, Money::from_cents(100), "k1")
                .await
                .unwrap(),
            first,
            "a retried charge is the same charge"
        );
        let declined = s.tokenize(&card("4000000000009995")).await.unwrap();
        assert!(
            matches!(s.charge(&declined.token, Money::from_cents(100), "k2").await.unwrap(), Charge::Declined { reason } if reason.contains("insufficient"))
        );
        let error = s.tokenize(&card("4000000000000119")).await.unwrap();
        assert!(
            s.charge(&error.token, Money::from_cents(100), "k3")
                .await
                .is_err()
        );
    }

    #[tokio::test]
    async fn the_sandbox_refuses_refunds_of_its_no_refund_card_only() {
        async fn approved(s: &Sandbox, number: &str, key: &str) -> String {
            let token = s.tokenize(&card(number)).await.unwrap().token;
            match s.charge(&token, Money::from_cents(100), key).await {
                Ok(Charge::Approved { authorization }) => authorization,
                other => panic!("{other:?}"),
            }
        }
        let s = Sandbox::default();
        let accepted = approved(&s, "4242424242424242", "k1").await;
        let refused = approved(&s, "4000000000005126", "k2").await;
        assert_eq!(
            s.refund(&accepted, Money::from_cents(100), "R1").await,
            Ok(())
        );
        assert!(matches!(
            s.refund(&refused, Money::from_cents(100), "R2").await,
            Err(CardError::Refused(reason)) if !reason.is_empty()
        ));
    }

    #[test]
    fn a_refund_refused_for_good_is_told_from_one_to_send_again() {
        let status = |code: u16| hyper::StatusCode::from_u16(code).unwrap();
        let refusal = serde_json::json!({"error": {
            "type": "invalid_request_error",
            "code": "charge_already_refunded",
            "message": "Charge ch_1 has already been refunded."
        }});
        assert_eq!(refund_answer(status(200), &serde_json::json!({})), Ok(()));
        assert_eq!(
            refund_answer(status(400), &refusal),
            Err(CardError::Refused(
                "Charge ch_1 has already been refunded. (charge_already_refunded)".into()
            ))
        );
        let code_only = serde_json::json!({"error": {"code": "charge_disputed"}});
        assert_eq!(
            refund_answer(status(402), &code_only),
            Err(CardError::Refused("charge_disputed".into()))
        );
        assert!(matches!(
            refund_answer(status(404), &serde_json::json!({})),
            Err(CardError::Refused(_))
        ));
        // Answers that say nothing about the refund: it is sent again under the same key.
        for code in [401, 403, 408, 409, 429, 500, 502, 503] {
            assert!(
                matches!(
                    refund_answer(status(code), &refusal),
                    Err(CardError::Unavailable(_))
                ),
                "{code}"
            );
        }
        let key_reused = serde_json::json!({"error": {
            "type": "idempotency_error",
            "message": "Keys for idempotent requests can only be used with the same parameters"
        }});
        assert!(matches!(
            refund_answer(status(400), &key_reused),
            Err(CardError::Unavailable(_))
        ));
        // The processor's words are kept, at most 300 characters of them.
        let long = serde_json::json!({"error": {"message": "x".repeat(1_000)}});
        let Err(CardError::Refused(kept)) = refund_answer(status(400), &long) else {
            panic!("refused");
        };
        assert_eq!(kept.chars().count(), 300);
    }

    #[test]
    fn a_refund_answered_failed_or_canceled_is_refused_not_sent() {
        let ok = hyper::StatusCode::OK;
        let answer = |body: serde_json::Value| refund_answer(ok, &body);
        assert_eq!(
            answer(serde_json::json!({"id": "re_1", "status": "succeeded"})),
            Ok(())
        );
        // On its way: the money goes back.
        assert_eq!(
            answer(serde_json::json!({"id": "re_1", "status": "pending"})),
            Ok(())
        );
        assert_eq!(
            answer(serde_json::json!({
                "id": "re_1",
                "status": "failed",
                "failure_reason": "expired_or_canceled_card"
            })),
            Err(CardError::Refused(
                "refund failed (expired_or_canceled_card)".into()
            ))
        );
        assert_eq!(
            answer(serde_json::json!({"id": "re_1", "status": "canceled"})),
            Err(CardError::Refused("refund canceled".into()))
        );
    }

    #[test]
    fn an_expiry_is_read_with_or_without_its_slash() {
        assert_eq!(read_expiry("12/30"), Some((12, 2030)));
        assert_eq!(read_expiry(" 01 / 2031 "), Some((1, 2031)));
        assert_eq!(
            read_expiry("1230"),
            Some((12, 2030)),
            "a number pad has no slash"
        );
        assert_eq!(read_expiry("012031"), Some((1, 2031)));
        assert_eq!(read_expiry("09 28"), Some((9, 2028)));
        assert_eq!(read_expiry("09-28"), Some((9, 2028)));
        assert_eq!(read_expiry("13/30"), None);
        assert_eq!(read_expiry("0/30"), None);
        assert_eq!(read_expiry("123"), None);
        assert_eq!(read_expiry("12/3"), None);
        assert_eq!(read_expiry("+1/30"), None);
        assert_eq!(read_expiry(""), None);
        let card = CardDetails {
            exp_month: 9,
            exp_year: 2028,
            ..card("4242424242424242")
        };
        assert_eq!((card.last4(), card.expiry().as_str()), ("4242", "09/28"));
    }

    #[test]
    fn card_details_are_checked_before_anything_is_sent() {
        let today = jiff::civil::date(2026, 12, 1);
        assert!(check_card(&card("4242424242424242"), today).is_ok());
        let bad = |c: CardDetails| match check_card(&c, today) {
            Err(CardError::Invalid { field, .. }) => field,
            other => panic!("{other:?}"),
        };
        assert_eq!(bad(card("4242424242424241")), "card_number");
        assert_eq!(
            bad(CardDetails {
                exp_year: 2026,
                exp_month: 11,
                ..card("4242424242424242")
            }),
            "expiry"
        );
        assert_eq!(
            bad(CardDetails {
                cvv: "12".into(),
                ..card("4242424242424242")
            }),
            "cvv"
        );
        assert_eq!(
            bad(CardDetails {
                cvv: "123".into(),
                ..card("378282246310005")
            }),
            "cvv"
        );
        assert_eq!(brand("5555555555554444"), "Mastercard");
        assert!(format!("{:?}", card("4242424242424242")).ends_with("••••4242)"));
        // Every detail at fault at once, in the form's order, so the form lists them all.
        let all: Vec<&str> = card_problems(
            &CardDetails {
                exp_month: 0,
                cvv: "1".into(),
                zip: "123".into(),
                ..card("4242424242424241")
            },
            today,
        )
        .into_iter()
        .map(|e| match e {
            CardError::Invalid { field, .. } => field,
            other => panic!("{other:?}"),
        })
        .collect();
        assert_eq!(all, ["card_number", "expiry", "cvv", "zip"]);
    }
}

//! Delivering the outbox: the email (SMTP, lettre over rustls) and text (an SMS provider's
//! HTTP API) ports, and the sweep every worker runs.
//!
//! A message is claimed under a lease, sent, and marked sent; a failure is retried with
//! exponential backoff and given up (failed) after [`MAX_ATTEMPTS`]. A message whose
//! channel has no provider configured is left pending, so nothing is lost and a provider
//! configured later delivers what waited. If the process dies after a provider accepted a
//! message and before it is marked sent, the message goes again after its lease: every
//! attempt carries the same Message-ID (email) or Idempotency-Key (SMS), derived from the
//! message's unique key, so the provider and the borrower's mail client see one message.

use crate::App;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use store::{Channel, Message, StoreError};

/// Attempts before a message is given up.
pub const MAX_ATTEMPTS: i64 = 8;
/// How long a claimed message is ours before another worker may try it.
pub const LEASE_US: i64 = 120 * 1_000_000;

/// What a provider answered: accepted, or why not.
pub type Sent<'a> = Pin<Box<dyn Future<Output = Result<(), String>> + Send + 'a>>;

/// A way to deliver messages of one channel.
pub trait Sender: Send + Sync + std::fmt::Debug {
    /// Hands `m` to the provider.
    fn send<'a>(&'a self, m: &'a Message) -> Sent<'a>;
}

/// The configured senders.
#[derive(Clone, Debug, Default)]
pub struct Senders {
    /// Email, if an SMTP server is configured.
    pub email: Option<Arc<dyn Sender>>,
    /// Texts, if an SMS provider is configured.
    pub sms: Option<Arc<dyn Sender>>,
}

/// Where a demo's email and texts arrive: the demo mailbox (`/demo/mailbox`, the outbox read
/// as a mailbox, `serve --demo` only). A message handed here is delivered there, so it is
/// accepted as a provider would accept it. Used only in demo mode, for a channel with no real
/// provider configured.
#[derive(Clone, Copy, Debug, Default)]
pub struct DemoMailbox;

impl Sender for DemoMailbox {
    fn send<'a>(&'a self, _m: &'a Message) -> Sent<'a> {
        Box::pin(async { Ok(()) })
    }
}

/// A stable id for a message, the same on every attempt.
fn stable_id(m: &Message) -> String {
    hex::encode(&<sha2::Sha256 as sha2::Digest>::digest(m.message.key.as_bytes())[..16])
}

/// Email over SMTP.
pub struct Smtp {
    transport: lettre::AsyncSmtpTransport<lettre::Tokio1Executor>,
    from: lettre::message::Mailbox,
    domain: String,
}

impl std::fmt::Debug for Smtp {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // The URL may hold a password: never printed.
        write!(f, "Smtp(from {})", self.from)
    }
}

impl Smtp {
    /// From an `smtp://` / `smtps://` URL (`smtp://user:pass@host:587?tls=required`) and a
    /// From address.
    pub fn new(url: &str, from: &str) -> Result<Smtp, String> {
        let transport = lettre::AsyncSmtpTransport::<lettre::Tokio1Executor>::from_url(url)
            .map_err(|e| format!("email.smtp_url is not a valid SMTP URL: {e}"))?
            .timeout(Some(std::time::Duration::from_secs(30)))
            .build();
        let from: lettre::message::Mailbox = from
            .parse()
            .map_err(|e| format!("email.from {from:?}: {e}"))?;
        let domain = from.email.domain().to_owned();
        Ok(Smtp {
            transport,
            from,
            domain,
        })
    }
}

impl Sender for Smtp {
    fn send<'a>(&'a self, m: &'a Message) -> Sent<'a> {
        Box::pin(async move {
            use lettre::AsyncTransport;
            let to: lettre::message::Mailbox = m
                .message
                .recipient
                .parse()
                .map_err(|e| format!("recipient: {e}"))?;
            let email = lettre::Message::builder()
                .from(self.from.clone())
                .to(to)
                .subject(m.message.subject.clone())
                .message_id(Some(format!("<{}@{}>", stable_id(m), self.domain)))
                .header(lettre::message::header::ContentType::TEXT_PLAIN)
                .body(m.message.body.clone())
                .map_err(|e| format!("building the email: {e}"))?;
            self.transport
                .send(email)
                .await
                .map(|_| ())
                .map_err(|e| format!("SMTP: {e}"))
        })
    }
}

/// Texts through an SMS provider's HTTP API: `POST endpoint` with a JSON body
/// `{"from", "to", "text"}`, `Authorization: Bearer <token>` and `Idempotency-Key`.
pub struct HttpSms {
    endpoint: hyper::Uri,
    token: String,
    from: String,
    client: hyper_util::client::legacy::Client<
        hyper_rustls::HttpsConnector<hyper_util::client::legacy::connect::HttpConnector>,
        http_body_util::Full<hyper::body::Bytes>,
    >,
}

impl std::fmt::Debug for HttpSms {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "HttpSms({})", self.endpoint)
    }
}

impl HttpSms {
    /// A sender posting to `endpoint` (https, or http for a provider on this host).
    pub fn new(endpoint: &str, token: &str, from: &str) -> Result<HttpSms, String> {
        let uri: hyper::Uri = endpoint
            .parse()
            .map_err(|e| format!("sms.endpoint {endpoint:?}: {e}"))?;
        if !matches!(uri.scheme_str(), Some("https" | "http")) {
            return Err(format!(
                "sms.endpoint {endpoint:?} must be an https:// address"
            ));
        }
        let https = hyper_rustls::HttpsConnectorBuilder::new()
            .with_webpki_roots()
            .https_or_http()
            .enable_http1()
            .build();
        let client =
            hyper_util::client::legacy::Client::builder(hyper_util::rt::TokioExecutor::new())
                .build(https);
        Ok(HttpSms {
            endpoint: uri,
            token: token.to_owned(),
            from: from.to_owned(),
            client,
        })
    }
}

impl Sender for HttpSms {
    fn send<'a>(&'a self, m: &'a Message) -> Sent<'a> {
        Box::pin(async move {
            let body = serde_json::json!({ "from": self.from, "to": format!("+1{}", m.message.recipient), "text": m.message.body });
            let req = hyper::Request::post(self.endpoint.clone())
                .header("content-type", "application/json")
                .header("authorization", format!("Bearer {}", self.token))
                .header("idempotency-key", stable_id(m))
                .body(http_body_util::Full::new(hyper::body::Bytes::from(
                    body.to_string(),
                )))
                .map_err(|e| e.to_string())?;
            let sent =
                tokio::time::timeout(std::time::Duration::from_secs(30), self.client.request(req))
                    .await
                    .map_err(|_| "SMS provider timed out".to_owned())?
                    .map_err(|e| format!("SMS provider: {e}"))?;
            if sent.status().is_success() {
                Ok(())
            } else {
                Err(format!("SMS provider answered {}", sent.status()))
            }
        })
    }
}

/// What one sweep did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Swept {
    /// Delivered (portal messages count when they land in the message center).
    pub sent: usize,
    /// Failed this time, to be retried.
    pub retrying: usize,
    /// Given up for good.
    pub failed: usize,
}

impl App {
    /// Delivers up to `limit` due messages through the configured senders.
    pub async fn deliver_outbox(&self, limit: i64) -> Result<Swept, StoreError> {
        let senders = self.senders();
        let mut channels = vec!["portal"];
        if senders.email.is_some() {
            channels.push("email");
        }
        if senders.sms.is_some() {
            channels.push("sms");
        }
        let now = self.now_us();
        let claimed = self
            .store()
            .claim_messages(&channels, now, now + LEASE_US, limit)
            .await?;
        let mut swept = Swept::default();
        for c in claimed {
            let sender = match c.message.message.channel {
                Channel::Email => senders.email.as_ref(),
                Channel::Sms => senders.sms.as_ref(),
                Channel::Portal => None,
            };
            let result = match sender {
                Some(s) => s.send(&c.message).await,
                None => Ok(()), // the message center shows it: delivered
            };
            let outcome = match result {
                Ok(()) => {
                    swept.sent += 1;
                    Ok(self.now_us())
                }
                Err(error) if c.attempt >= MAX_ATTEMPTS => {
                    tracing::error!(message = c.message.id, %error, "message given up after the last attempt");
                    swept.failed += 1;
                    Err((error, None))
                }
                Err(error) => {
                    let backoff_s = 30_i64 << (c.attempt - 1).clamp(0, 10);
                    tracing::warn!(message = c.message.id, attempt = c.attempt, %error, retry_in_s = backoff_s, "message not delivered; will retry");
                    swept.retrying += 1;
                    Err((error, Some(self.now_us() + backoff_s.min(3600) * 1_000_000)))
                }
            };
            self.store().record_delivery(c.message.id, outcome).await?;
        }
        Ok(swept)
    }
}

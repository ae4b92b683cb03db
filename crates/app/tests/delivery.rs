//! Delivering the outbox through the real ports: lettre speaking SMTP and the HTTP SMS
//! sender, each to a peer on a loopback socket that records what it got. Messages are sent
//! once, retried with backoff when the provider fails, and left waiting when no provider is
//! configured.

use app::clock::test_app;
use app::delivery::{HttpSms, Senders, Smtp};
use domain::address::AddressOnFile;
use std::sync::Arc;
use store::testing::fresh;
use store::{BorrowerId, Channel, NewBorrower, NewMessage};
use test_support::peers::{Log, http_peer};
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpListener;

/// An SMTP peer that accepts every message and records its DATA.
async fn smtp_sink() -> (u16, Log) {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    let log: Log = Arc::default();
    let keep = log.clone();
    tokio::spawn(async move {
        loop {
            let (stream, _) = listener.accept().await.unwrap();
            let log = keep.clone();
            tokio::spawn(async move {
                let (read, mut write) = stream.into_split();
                let mut lines = BufReader::new(read).lines();
                write.write_all(b"220 sink ESMTP\r\n").await.unwrap();
                let mut data: Option<String> = None;
                while let Ok(Some(line)) = lines.next_line().await {
                    if let Some(d) = data.as_mut() {
                        if line == "." {
                            log.lock().unwrap().push(data.take().unwrap());
                            write.write_all(b"250 queued\r\n").await.unwrap();
                        } else {
                            d.push_str(&line);
                            d.push('\n');
                        }
                        continue;
                    }
                    let verb = line.get(..4).unwrap_or_default().to_uppercase();
                    let reply: &[u8] = match verb.as_str() {
                        "EHLO" | "HELO" => b"250-sink\r\n250 OK\r\n",
                        "DATA" => {
                            data = Some(String::new());
                            b"354 go ahead\r\n"
                        }
                        "QUIT" => {
                            write.write_all(b"221 bye\r\n").await.unwrap();
                            break;
                        }
                        _ => b"250 OK\r\n",
                    };
                    write.write_all(reply).await.unwrap();
                }
            });
        }
    });
    (port, log)
}

/// An HTTP peer that fails the first `failures` requests with 503, then accepts; records
/// each request (headers and body).
async fn sms_sink(failures: usize) -> (u16, Log) {
    let (addr, log) = http_peer(move |_, _, seen| {
        let status = if seen <= failures {
            "503 Service Unavailable"
        } else {
            "200 OK"
        };
        (status, String::new())
    })
    .await;
    (addr.port(), log)
}

fn message(borrower: BorrowerId, channel: Channel, recipient: &str, key: &str) -> NewMessage {
    NewMessage {
        borrower,
        channel,
        recipient: recipient.into(),
        subject: format!("Subject {key}"),
        body: format!("Body of {key}"),
        key: key.into(),
    }
}

#[tokio::test]
async fn email_and_texts_are_delivered_once_and_a_failing_provider_is_retried() {
    for db in fresh("delivery").await {
        let (smtp_port, mail) = smtp_sink().await;
        let (sms_port, texts) = sms_sink(1).await;
        let (app, clock) = test_app(db.store.clone(), "2026-11-25T15:00:00Z");
        let senders = Senders {
            email: Some(Arc::new(
                Smtp::new(
                    &format!("smtp://127.0.0.1:{smtp_port}"),
                    "Servicer <no-reply@servicer.example>",
                )
                .unwrap(),
            )),
            sms: Some(Arc::new(
                HttpSms::new(
                    &format!("http://127.0.0.1:{sms_port}/v1/messages"),
                    "t0ken",
                    "+12175550100",
                )
                .unwrap(),
            )),
        };
        let app = app.with_senders(senders);
        let b = app
            .store()
            .insert_borrower(
                &NewBorrower {
                    full_name: "A".into(),
                    email: None,
                    phone: None,
                    address: AddressOnFile::NeedsReview {
                        as_typed: None,
                        zip: "62704".into(),
                    },
                    ssn_digest: None,
                    identity: None,
                },
                0,
            )
            .await
            .unwrap();
        let mut tx = app.store().begin().await.unwrap();
        tx.enqueue_messages(
            &[
                message(b, Channel::Email, "maria@example.com", "e1"),
                message(b, Channel::Sms, "2175550143", "s1"),
                message(b, Channel::Portal, "message center", "p1"),
            ],
            0,
        )
        .await
        .unwrap();
        tx.commit().await.unwrap();

        let first = app.deliver_outbox(10).await.unwrap();
        assert_eq!(
            (first.sent, first.retrying),
            (2, 1),
            "email and portal sent; the text provider failed"
        );
        assert_eq!(mail.lock().unwrap().len(), 1);
        let email = mail.lock().unwrap()[0].clone();
        assert!(
            email.contains("Subject: Subject e1")
                && email.contains("Message-ID: <")
                && email.contains("Body of e1"),
            "{email}"
        );
        assert_eq!(
            app.deliver_outbox(10).await.unwrap().sent,
            0,
            "nothing is due before the backoff"
        );
        clock.advance(jiff::SignedDuration::from_secs(31));
        assert_eq!(
            app.deliver_outbox(10).await.unwrap().sent,
            1,
            "the text goes on the retry"
        );
        let posts = texts.lock().unwrap().clone();
        assert_eq!(posts.len(), 2);
        let key = |p: &str| {
            p.lines()
                .find(|l| l.to_lowercase().starts_with("idempotency-key"))
                .unwrap()
                .to_owned()
        };
        assert_eq!(
            key(&posts[0]),
            key(&posts[1]),
            "the same idempotency key on every attempt"
        );
        assert!(
            posts[1].contains("\"to\":\"+12175550143\"")
                && posts[1]
                    .to_lowercase()
                    .contains("authorization: bearer t0ken")
        );
        clock.advance(jiff::SignedDuration::from_mins(10));
        assert_eq!(
            app.deliver_outbox(10).await.unwrap(),
            app::delivery::Swept::default(),
            "nothing is sent twice"
        );
        assert_eq!(mail.lock().unwrap().len(), 1);
        let states: Vec<String> = app
            .store()
            .outbox(None, 10)
            .await
            .unwrap()
            .into_iter()
            .map(|m| m.state)
            .collect();
        assert_eq!(states, ["sent", "sent", "sent"]);
        db.finish().await;
    }
}

#[tokio::test]
async fn without_providers_email_and_texts_wait_in_the_outbox() {
    for db in fresh("delivery_none").await {
        let (app, _clock) = test_app(db.store.clone(), "2026-11-25T15:00:00Z");
        let b = app
            .store()
            .insert_borrower(
                &NewBorrower {
                    full_name: "A".into(),
                    email: None,
                    phone: None,
                    address: AddressOnFile::NeedsReview {
                        as_typed: None,
                        zip: "62704".into(),
                    },
                    ssn_digest: None,
                    identity: None,
                },
                0,
            )
            .await
            .unwrap();
        let mut tx = app.store().begin().await.unwrap();
        tx.enqueue_messages(
            &[
                message(b, Channel::Email, "a@example.com", "e1"),
                message(b, Channel::Sms, "2175550143", "s1"),
            ],
            0,
        )
        .await
        .unwrap();
        tx.commit().await.unwrap();
        assert_eq!(app.deliver_outbox(10).await.unwrap().sent, 0);
        assert_eq!(
            app.store().outbox(Some("pending"), 10).await.unwrap().len(),
            2,
            "both wait"
        );
        db.finish().await;
    }
}

#[test]
fn malformed_provider_settings_are_refused_by_name() {
    assert!(
        Smtp::new("not a url", "a@b.example")
            .unwrap_err()
            .contains("email.smtp_url")
    );
    assert!(
        Smtp::new("smtp://localhost", "not an address")
            .unwrap_err()
            .contains("email.from")
    );
    assert!(
        HttpSms::new("ftp://x", "t", "+1")
            .unwrap_err()
            .contains("sms.endpoint")
    );
}

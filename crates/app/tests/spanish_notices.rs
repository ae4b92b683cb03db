//! A borrower whose sign-in reads Spanish gets their notices in Spanish (issue 22, item 17):
//! the "payment received" email (with its unsubscribe line), text (with its STOP line) and
//! message-center message, and the security alert of a password change; a borrower who reads
//! English gets the same notices in the words they always had.

use app::access::Actor;
use app::api_clients::Scopes;
use app::payments::received::ReceivedPayment;
use domain::account_number::AccountNumber;
use domain::loan::ExtraTo;
use domain::payment::PaymentChannel;
use i18n::Lang;
use money::Money;
use store::{Channel, Message};
use test_support::apps::demo_apps;
use test_support::borrowers::{AISHA, MARIA, enrol, session};
use test_support::clients::client;

/// Maria's current loan, and Aisha's.
const MARIA_LOAN: u64 = 521_840_000_000_101;
const AISHA_LOAN: u64 = 521_840_000_000_301;

/// The messages written under keys that start with `key`.
async fn messages(app: &app::App, key: &str) -> Vec<Message> {
    app.store()
        .outbox(None, 500)
        .await
        .unwrap()
        .into_iter()
        .filter(|m| m.message.key.starts_with(key))
        .collect()
}

fn on(messages: &[Message], channel: Channel) -> &Message {
    messages
        .iter()
        .find(|m| m.message.channel == channel)
        .unwrap_or_else(|| panic!("a message by {channel:?} in {messages:?}"))
}

/// A lockbox payment of $123.45 to `base`'s loan, posted at once; its "payment received"
/// messages.
async fn pay(app: &app::App, base: u64, key: &str) -> Vec<Message> {
    let outcome = app
        .post_received_payment(
            &Actor::api_client("demo", Scopes::all()),
            key,
            &ReceivedPayment {
                account: AccountNumber::from_base(base),
                amount: Money::from_cents(12_345),
                channel: PaymentChannel::Lockbox,
                received_on: None,
                extra: ExtraTo::Principal,
                bank: None,
            },
        )
        .await
        .unwrap();
    messages(app, &format!("payment-received:{}:", outcome.payment.id.0)).await
}

#[tokio::test]
async fn a_spanish_borrower_is_told_of_a_payment_in_spanish_and_an_english_one_in_english() {
    for (app, _clock, db) in demo_apps("spanish_notices").await {
        let token = enrol(&app, MARIA, "maria.lopez").await;
        let s = session(&app, &token).await;
        let login = s.login().unwrap();
        // Every channel of the alert on, texts with consent.
        let every: Vec<String> = ["email", "sms", "portal"]
            .iter()
            .map(|c| format!("payment_received:{c}"))
            .collect();
        app.set_preferences(&s, &every, true, &client())
            .await
            .unwrap();
        let mut tx = app.store().begin().await.unwrap();
        tx.set_language(login, Lang::Es).await.unwrap();
        tx.commit().await.unwrap();

        let sent = pay(&app, MARIA_LOAN, "spanish-notice-1").await;
        let email = &on(&sent, Channel::Email).message;
        assert_eq!(email.subject, "Pago de $123.45 recibido");
        for words in [
            "Recibimos su pago de $123.45 de su préstamo que termina en 1015, acreditado el ",
            " de 2026.",
            "Aplicado: ",
            " a capital, ",
            "Número de confirmación: ",
            "Para dejar de recibir estos correos electrónicos: ",
            "/unsubscribe?l=",
        ] {
            assert!(email.body.contains(words), "{words:?} in {}", email.body);
        }
        for english in [
            "We received",
            "Applied:",
            "To stop these emails",
            "credited",
        ] {
            assert!(
                !email.body.contains(english),
                "{english:?} in {}",
                email.body
            );
        }
        let text = &on(&sent, Channel::Sms).message;
        assert_eq!(
            text.body,
            format!(
                "{}: Pago de $123.45 recibido. Responda STOP para no recibir más mensajes.",
                app.servicer().name
            )
        );
        let portal = &on(&sent, Channel::Portal).message;
        assert_eq!(portal.subject, "Pago de $123.45 recibido");
        assert!(
            portal.body.starts_with("Recibimos su pago"),
            "{}",
            portal.body
        );

        // Aisha reads English: her notice keeps its words.
        enrol(&app, AISHA, "aisha.khan").await;
        let sent = pay(&app, AISHA_LOAN, "spanish-notice-2").await;
        let email = &on(&sent, Channel::Email).message;
        assert_eq!(email.subject, "Payment of $123.45 received");
        assert!(
            email.body.starts_with(
                "We received your payment of $123.45 on your loan ending in 3011, credited "
            ),
            "{}",
            email.body
        );
        for words in [
            "\n\nApplied: ",
            " to principal, ",
            "\nConfirmation number: ",
            "\n\nTo stop these emails: ",
        ] {
            assert!(email.body.contains(words), "{words:?} in {}", email.body);
        }
        db.finish().await;
    }
}

#[tokio::test]
async fn a_spanish_borrower_gets_security_alerts_in_spanish() {
    for (app, _clock, db) in demo_apps("spanish_security").await {
        let token = enrol(&app, MARIA, "maria.lopez").await;
        let s = session(&app, &token).await;
        let login = s.login().unwrap();
        let mut tx = app.store().begin().await.unwrap();
        tx.set_language(login, Lang::Es).await.unwrap();
        tx.commit().await.unwrap();
        let to = app.login_recipient(login, false).await.unwrap();
        assert_eq!(to.lang, Lang::Es);
        let mut tx = app.store().begin().await.unwrap();
        tx.enqueue_messages(
            &[app::notices::security_alert(
                app.servicer(),
                &to,
                &app::notices::PASSWORD_CHANGED,
                app.now_us(),
            )],
            app.now_us(),
        )
        .await
        .unwrap();
        tx.commit().await.unwrap();
        let sent = messages(&app, "security:").await;
        let alert = sent
            .iter()
            .find(|m| m.message.subject.starts_with("Alerta de seguridad"))
            .unwrap_or_else(|| panic!("a Spanish security alert in {sent:?}"));
        assert_eq!(
            alert.message.subject,
            "Alerta de seguridad: se cambió su contraseña"
        );
        assert!(
            alert
                .message
                .body
                .starts_with("Le informamos que se cambió su contraseña"),
            "{}",
            alert.message.body
        );
        db.finish().await;
    }
}

//! Account alerts (payment received, payment returned, AutoPay notices…) sent by the channels
//! the borrower chose in the portal: email and the message center by default, texts only
//! when turned on (which records the consent). Emails carry an unsubscribe link for that
//! alert. Each alert is keyed by its event, so writing it twice sends it once. The words of
//! each alert, and of its framing on each channel, are in [`crate::notices`].

use crate::App;
use crate::identity::profile::{default_enabled, is_always_on};
use crate::notices;
use i18n::Localized;
use store::{BorrowerId, Channel, NewMessage, StoreError, Tx};

/// One alert to send, in every language: each recipient reads it in theirs.
#[derive(Clone, Debug)]
pub struct Alert {
    /// The alert's key in the preferences ("payment_received", …).
    pub alert: &'static str,
    /// The subject line (and the first words of a text).
    pub subject: Localized,
    /// The text of an email or message-center message.
    pub body: Localized,
    /// Unique per event.
    pub key: String,
}

impl App {
    /// Writes `alert` for `borrower` to the outbox inside `tx`, on each channel the borrower
    /// has on for it (everything read through `tx`).
    pub async fn send_alert(
        &self,
        tx: &mut Tx,
        borrower: BorrowerId,
        alert: &Alert,
        now_us: i64,
    ) -> Result<(), StoreError> {
        self.send_alerts(tx, &[(borrower, alert.clone())], now_us)
            .await
    }

    /// Writes many alerts to the outbox inside `tx`: one read of the borrowers' contacts and
    /// choices, one insert per few hundred messages (close of business sends a chunk's
    /// notices this way).
    pub async fn send_alerts(
        &self,
        tx: &mut Tx,
        alerts: &[(BorrowerId, Alert)],
        now_us: i64,
    ) -> Result<(), StoreError> {
        if alerts.is_empty() {
            return Ok(());
        }
        let mut borrowers: Vec<BorrowerId> = alerts.iter().map(|(b, _)| *b).collect();
        borrowers.sort_unstable_by_key(|b| b.0);
        borrowers.dedup();
        let contacts = tx.alert_contacts(&borrowers).await?;
        let mut messages = Vec::new();
        for (borrower, alert) in alerts {
            let contact = contacts
                .get(borrower)
                .map(|c| c.alert(alert.alert))
                .unwrap_or_default();
            self.messages_for(*borrower, alert, &contact, &mut messages);
        }
        tx.enqueue_messages(&messages, now_us).await.map(|_| ())
    }

    /// The messages of one alert, on each channel `contact` has on for it, in the language
    /// `contact` reads.
    fn messages_for(
        &self,
        borrower: BorrowerId,
        alert: &Alert,
        contact: &store::AlertContact,
        messages: &mut Vec<NewMessage>,
    ) {
        let login = contact.login;
        let lang = contact.language;
        let subject = alert.subject.get(lang);
        // A protective alert goes by email and to the message center whatever was chosen
        // (a choice stored off before it was protective included).
        let on = |channel: &str| {
            is_always_on(alert.alert, channel)
                || contact
                    .choices
                    .iter()
                    .find(|(c, _)| c == channel)
                    .map_or_else(|| default_enabled(channel), |(_, enabled)| *enabled)
        };
        if on("email")
            && let Some(email) = &contact.email
        {
            let mut body = alert.body.get(lang).to_owned();
            if is_always_on(alert.alert, "email") {
                body.push_str(&notices::always_sent_line(lang));
            } else if let Some(l) = login {
                body.push_str(&notices::unsubscribe_line(
                    lang,
                    &self.servicer().website,
                    l,
                    alert.alert,
                    &self.unsubscribe_token(l, alert.alert),
                ));
            }
            messages.push(NewMessage {
                borrower,
                channel: Channel::Email,
                recipient: email.clone(),
                subject: subject.to_owned(),
                body,
                key: format!("{}:email", alert.key),
            });
        }
        if on("sms")
            && let Some(phone) = &contact.phone
        {
            messages.push(NewMessage {
                borrower,
                channel: Channel::Sms,
                recipient: phone.clone(),
                subject: subject.to_owned(),
                body: notices::text_message(lang, &self.servicer().name, subject),
                key: format!("{}:sms", alert.key),
            });
        }
        if on("portal") {
            messages.push(NewMessage {
                borrower,
                channel: Channel::Portal,
                recipient: "message center".into(),
                subject: subject.to_owned(),
                body: alert.body.get(lang).to_owned(),
                key: format!("{}:portal", alert.key),
            });
        }
    }
}

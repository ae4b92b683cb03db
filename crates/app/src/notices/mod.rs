//! The words of the notices Servicer sends, in one place. Each notice is written to the
//! outbox in the transaction of the event that causes it, under a key unique to the event.
//! A notice to one address is a [`NewMessage`]; an account alert, sent by the channels the
//! borrower chose, is an [`Alert`](crate::alerts::Alert). The use cases decide which notice is owed and hand the
//! facts here; the words of each kind are in:
//!
//! - `account`: the notice of servicing transfer ([`transfer_notice`]) and the "statement
//!   ready" alert ([`statement_ready`]);
//! - `cycle`: close of business's reminders, late-fee and past-due notices ([`cycle_alert`]);
//! - `payments`: a payment received ([`payment_received`]), scheduled
//!   ([`payment_scheduled`]), cancelled by the borrower ([`payment_cancelled`]) or returned by
//!   the bank ([`payment_returned`]); a scheduled payment that will no longer do what its
//!   review said ([`payment_promise_changed`], in the words [`promise_changed_words`] gives
//!   the portal too);
//! - `autopay`: the borrower's copy of an AutoPay authorization
//!   ([`autopay_authorization_copy`]; the authorization's own words, the agreement, are
//!   [`crate::payments::autopay::authorization_text`]), AutoPay turned off in the portal
//!   ([`autopay_off`]), a draft that differs from the usual ([`autopay_draft_differs`]),
//!   AutoPay ended at payoff ([`autopay_ended`]);
//! - `phone`: the written confirmation of a payment authorized by phone
//!   ([`phone_payment_notice`]) and the copy of AutoPay turned on, changed or off by phone
//!   ([`phone_autopay_notice`]), each with the words read to the borrower; and the notice
//!   that a bank payment by phone was cancelled, not sent, because that confirmation could
//!   not be delivered in time ([`phone_payment_not_sent`]);
//! - `security`: one-time codes ([`one_time_code`]), security alerts ([`security_alert`])
//!   and what they name as changed ([`Changed`]: [`PASSWORD_CHANGED`], [`card_added`], …), the username
//!   reminder, the password-reset link, the lockout and failed-attempt notices, the notice of
//!   a second enrolment;
//! - `messages`: the alert that the servicer answered a secure message
//!   ([`secure_message_answered`]);
//! - `servicing`: staff's actions on a borrower's payments: a payment reversed
//!   ([`payment_reversed`]), moved off a loan it was applied to by mistake
//!   ([`payment_moved_off`]), onto the loan it was meant for ([`payment_moved_on`]), or
//!   between the same borrower's loans ([`payment_moved_between`]);
//! - here: how every alert is framed on its channel: the line that closes its emails
//!   ([`unsubscribe_line`]) and its text message ([`text_message`]), which
//!   [`crate::alerts`] adds as it sends.
//!
//! Every word is a message of `crates/i18n/locales/<lang>/notices.ftl`. An alert
//! ([`Alert`](crate::alerts::Alert)) holds its words in every language
//! ([`i18n::Localized`]) and each recipient reads it in the language of their sign-in; a
//! message to one address is written in its [`Recipient`]'s language.

mod account;
mod autopay;
mod cycle;
mod messages;
mod payments;
mod phone;
mod security;
mod servicing;

pub use account::{statement_ready, transfer_notice, transfer_notice_in};
pub use autopay::{
    AutopayOff, DraftDiffers, autopay_authorization_copy, autopay_draft_differs, autopay_ended,
    autopay_off,
};
pub use cycle::{CycleLoan, cycle_alert};
pub use messages::{SECURE_MESSAGE_ALERT, secure_message_answered};
pub(crate) use payments::return_reason_id;
pub use payments::{
    AutopayStopped, PromiseChanged, Returned, payment_cancelled, payment_promise_changed,
    payment_received, payment_returned, payment_scheduled, promise_changed_words,
};
pub use phone::{
    phone_autopay_notice, phone_method_words, phone_payment_not_sent, phone_payment_notice,
};
pub use security::{
    AUTHENTICATOR_SET_UP, CONTACT_DETAILS_CHANGED, Changed, DEVICES_FORGOTTEN_BY_STAFF,
    PASSWORD_CHANGED, PASSWORD_WAS_RESET, SECOND_STEP_CHANGED, SIGN_IN_SET_UP, UNLOCKED_BY_STAFF,
    already_enrolled, bank_account_added, card_added, failed_attempts, lockout, one_time_code,
    password_reset, security_alert, username_reminder,
};
pub(crate) use servicing::reason_words as reversal_words;
pub use servicing::{
    ReversedPayment, payment_moved_between, payment_moved_off, payment_moved_on, payment_reversed,
};

use i18n::Lang;
use store::{BorrowerId, Channel, LoginId, NewMessage};

/// The line that closes each email of an alert, in `lang`: where `login` stops that `alert`'s
/// emails (the link on `website`, signed with `token`).
pub fn unsubscribe_line(
    lang: Lang,
    website: &str,
    login: LoginId,
    alert: &str,
    token: &str,
) -> String {
    let link = format!("{website}/unsubscribe?l={}&a={alert}&t={token}", login.0);
    format!("\n\n{}\n", lang.tr().t1("notice-unsubscribe", "link", link))
}

/// The line that closes each email of a protective alert instead of an unsubscribe link, in
/// `lang`: why it cannot be stopped.
pub fn always_sent_line(lang: Lang) -> String {
    format!("\n\n{}\n", lang.tr().t("notice-always-sent"))
}

/// The text message of an alert, in `lang`: who sends it (`servicer`), its `subject`, and how
/// to stop texts.
pub fn text_message(lang: Lang, servicer: &str, subject: &str) -> String {
    lang.tr()
        .t2("notice-text", "servicer", servicer, "subject", subject)
}

/// Where a message goes: a borrower's email or mobile number on file, or the message center,
/// and the language its words are written in.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Recipient {
    /// The borrower it is for.
    pub borrower: BorrowerId,
    /// How.
    pub channel: Channel,
    /// The address or number (or "message center").
    pub address: String,
    /// The language the borrower reads (their login's; English without one).
    pub lang: Lang,
}

impl Recipient {
    /// "email", "sms" or "portal".
    pub fn channel_name(&self) -> &'static str {
        match self.channel {
            Channel::Email => "email",
            Channel::Sms => "sms",
            Channel::Portal => "portal",
        }
    }

    /// The address as shown on screen: masked.
    pub fn masked(&self) -> String {
        match self.channel {
            Channel::Email => crate::identity::mask_email(&self.address),
            Channel::Sms => crate::identity::mask_phone(&self.address),
            // As staff read it (a phone payment's notice goes there): the console's English.
            Channel::Portal => "your message center".into(),
        }
    }

    /// A message of an event that happens once per request (a code, an alert): the key
    /// gets a random part, so two such events at the same instant are two messages.
    fn message(&self, subject: String, body: String, key: String) -> NewMessage {
        NewMessage {
            borrower: self.borrower,
            channel: self.channel,
            recipient: self.address.clone(),
            subject,
            body,
            key: format!("{key}:{}", &crate::identity::random_token()[..16]),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_channel_frames_an_alert_in_the_borrowers_language() {
        assert_eq!(
            unsubscribe_line(
                Lang::En,
                "https://pay.example",
                LoginId(4),
                "payment_due",
                "abc"
            ),
            "\n\nTo stop these emails: https://pay.example/unsubscribe?l=4&a=payment_due&t=abc\n"
        );
        assert_eq!(
            unsubscribe_line(
                Lang::Es,
                "https://pay.example",
                LoginId(4),
                "payment_due",
                "abc"
            ),
            "\n\nPara dejar de recibir estos correos electrónicos: \
             https://pay.example/unsubscribe?l=4&a=payment_due&t=abc\n"
        );
        assert_eq!(
            always_sent_line(Lang::En),
            format!(
                "\n\nWe send this alert whatever your alert choices. {}\n",
                crate::identity::profile::PROTECTIVE_WHY
            )
        );
        assert!(always_sent_line(Lang::Es).contains("sin importar sus preferencias"));
        assert_eq!(
            text_message(Lang::En, "Acme", "Payment of $5.00 received"),
            "Acme: Payment of $5.00 received. Reply STOP to stop texts."
        );
        assert_eq!(
            text_message(Lang::Es, "Acme", "Pago de $5.00 recibido"),
            "Acme: Pago de $5.00 recibido. Responda STOP para no recibir más mensajes."
        );
    }
}

//! The alert that the servicer answered a secure message. It says only that there is an
//! answer and where to read it: the answer's text stays in the portal, out of email and texts.

use crate::alerts::Alert;
use i18n::Localized;

/// The alert's key among the borrower's alert preferences.
pub const SECURE_MESSAGE_ALERT: &str = "secure_message";

/// "You have a new secure message": `servicer` answered in the borrower's thread `thread`
/// (the reply is message `message`, which keys the alert), readable at `website`.
pub fn secure_message_answered(servicer: &str, website: &str, thread: i64, message: i64) -> Alert {
    let link = format!("{website}/messages/{thread}");
    Alert {
        alert: SECURE_MESSAGE_ALERT,
        subject: Localized::of(|tr| tr.t("notice-secure-message-subject")),
        body: Localized::of(|tr| {
            format!(
                "{}\n\n{}\n\n{}\n",
                tr.t1("notice-secure-message-answered", "servicer", servicer),
                tr.t1("notice-secure-message-read", "link", &link),
                tr.t("notice-secure-message-privacy"),
            )
        }),
        key: format!("secure-message-reply:{message}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use i18n::Lang;

    #[test]
    fn the_alert_links_to_the_thread_and_keeps_the_answer_out() {
        let a = secure_message_answered("Acme Servicing", "https://pay.example", 12, 34);
        assert_eq!(a.alert, "secure_message");
        assert_eq!(a.subject.get(Lang::En), "You have a new secure message");
        let body = a.body.get(Lang::En);
        assert_eq!(
            body,
            "Acme Servicing answered your secure message.\n\n\
             To read the answer, sign in and open your messages: https://pay.example/messages/12\n\n\
             For your privacy the answer is only in the portal, never in an email or a text.\n"
        );
        assert_eq!(a.key, "secure-message-reply:34");
        assert_eq!(a.subject.get(Lang::Es), "Tiene un nuevo mensaje seguro");
        assert!(
            a.body
                .get(Lang::Es)
                .contains("https://pay.example/messages/12"),
            "{}",
            a.body.get(Lang::Es)
        );
    }
}

//! The alert that the servicer answered a secure message. It says only that there is an
//! answer and where to read it: the answer's text stays in the portal, out of email and texts.

use crate::alerts::Alert;

/// The alert's key among the borrower's alert preferences.
pub const SECURE_MESSAGE_ALERT: &str = "secure_message";

/// "You have a new secure message": `servicer` answered in the borrower's thread `thread`
/// (the reply is message `message`, which keys the alert), readable at `website`.
pub fn secure_message_answered(servicer: &str, website: &str, thread: i64, message: i64) -> Alert {
    Alert {
        alert: SECURE_MESSAGE_ALERT,
        subject: "You have a new secure message".into(),
        body: format!(
            "{servicer} answered your secure message.\n\n\
             To read the answer, sign in and open your messages: {website}/messages/{thread}\n\n\
             For your privacy the answer is only in the portal, never in an email or a text.\n"
        ),
        key: format!("secure-message-reply:{message}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_alert_links_to_the_thread_and_keeps_the_answer_out() {
        let a = secure_message_answered("Acme Servicing", "https://pay.example", 12, 34);
        assert_eq!(a.alert, "secure_message");
        assert_eq!(a.subject, "You have a new secure message");
        assert!(a.body.starts_with("Acme Servicing answered"), "{}", a.body);
        assert!(
            a.body.contains("https://pay.example/messages/12"),
            "{}",
            a.body
        );
        assert_eq!(a.key, "secure-message-reply:34");
    }
}

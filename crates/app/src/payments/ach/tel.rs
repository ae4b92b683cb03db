//! A bank payment taken at the phone desk is a single-entry TEL debit whose oral authorization
//! is not audio-recorded. NACHA lets such a debit settle only after the written notice
//! confirming the authorization has been sent to the borrower, so the day's file carries it
//! only once the outbox has marked that notice sent (the evidence row of the authorization
//! names its outbox message). Until then it is held: left out of the file, still scheduled
//! (so still cancellable), and picked up by the first file made after the notice goes. It is
//! credited as of its credit date all the same: the wait is ours, not the borrower's.
//!
//! A notice that will not reach the borrower in time does not leave the payment waiting
//! silently: the payment is cancelled, the notice (if still waiting) withdrawn so that it
//! never confirms a debit that will not be made, the borrower told by the channels that can
//! still reach them, and the cancellation audited. "In time" is [`TEL_NOTICE_WAIT_DAYS`]
//! business days after the credit date; a notice the outbox gave up for good (a bad address)
//! cancels it at once.

use super::AchError;
use crate::App;
use crate::notices::{self, Recipient};
use domain::calendar::next_business_day;
use jiff::civil::Date;
use store::{
    AuditEvent, BorrowerId, Channel, LoanRecord, NewMessage, Payment, StoreError, TelNotice, Tx,
};

/// How many business days after its credit date a TEL debit waits for its written notice:
/// the files of its credit date and of the next two business days carry it once the notice is
/// sent; the file after that cancels it. Email is retried for about an hour before the outbox
/// gives it up, so a notice still waiting this long has no provider to go through (none
/// configured, or one down for days), and a debit drawn later than this would surprise a
/// borrower who was told "on or after" its date.
pub const TEL_NOTICE_WAIT_DAYS: u32 = 2;

/// What the day's file does with a TEL debit, by its written notice.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum TelDecision {
    /// The notice was sent: the debit goes in the file.
    Send,
    /// The notice is still waiting: the debit is left for a later file.
    Hold,
    /// The notice will not reach the borrower in time: the debit is cancelled.
    Cancel(NotSent),
}

/// Why a TEL debit was cancelled rather than sent.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum NotSent {
    /// The outbox gave its notice up for good.
    NoticeFailed,
    /// Its notice was still not delivered after [`TEL_NOTICE_WAIT_DAYS`] business days.
    NoticeLate,
    /// No notice was written for it.
    NoNotice,
}

impl NotSent {
    /// As the audit record names it.
    fn as_str(self) -> &'static str {
        match self {
            NotSent::NoticeFailed => "notice_failed",
            NotSent::NoticeLate => "notice_not_sent_in_time",
            NotSent::NoNotice => "no_notice",
        }
    }
}

/// The last date whose file may carry a TEL debit credited `credit_date`:
/// [`TEL_NOTICE_WAIT_DAYS`] business days after it.
pub(super) fn last_day_to_send(credit_date: Date) -> Date {
    (0..TEL_NOTICE_WAIT_DAYS).fold(credit_date, |day, _| next_business_day(day))
}

/// What the file of `file_date` does with a TEL debit credited `credit_date` whose notice
/// stands as `notice`.
pub(super) fn decide(notice: &TelNotice, credit_date: Date, file_date: Date) -> TelDecision {
    match notice {
        TelNotice::Sent => TelDecision::Send,
        TelNotice::Failed(_) => TelDecision::Cancel(NotSent::NoticeFailed),
        TelNotice::Missing => TelDecision::Cancel(NotSent::NoNotice),
        TelNotice::Waiting(_) if file_date > last_day_to_send(credit_date) => {
            TelDecision::Cancel(NotSent::NoticeLate)
        }
        TelNotice::Waiting(_) => TelDecision::Hold,
    }
}

/// Where the borrower is told a TEL debit was cancelled for want of its notice: the email on
/// file, unless that is the address the notice failed at for good; and the portal's message
/// center when they enrolled (it always takes a message). Texts are left out: they go only to
/// borrowers who turned them on, and carry no more than a subject.
fn told_at(
    borrower: BorrowerId,
    email: Option<String>,
    enrolled: bool,
    lang: i18n::Lang,
    notice: &TelNotice,
) -> Vec<Recipient> {
    let bounced = match notice {
        TelNotice::Failed(n) if n.channel == Channel::Email => Some(n.recipient.as_str()),
        _ => None,
    };
    let mut to = Vec::new();
    if let Some(address) = email
        && Some(address.as_str()) != bounced
    {
        to.push(Recipient {
            borrower,
            channel: Channel::Email,
            address,
            lang,
        });
    }
    if enrolled {
        to.push(Recipient {
            borrower,
            channel: Channel::Portal,
            address: "message center".into(),
            lang,
        });
    }
    to
}

impl App {
    /// Cancels, in `tx`, TEL debit `p` of the loan `record` whose written notice (`notice`)
    /// will not reach the borrower in time (`why`): the payment cancelled, a notice still
    /// waiting withdrawn, the borrower told where a message can reach them, and the audit
    /// record. When no channel is left (no email that takes mail, no portal sign-in), the
    /// audit record says nobody was told and the error log asks staff to call.
    pub(super) async fn cancel_unnoticed(
        &self,
        tx: &mut Tx,
        p: &Payment,
        record: &LoanRecord,
        notice: &TelNotice,
        why: NotSent,
        now: i64,
    ) -> Result<(), AchError> {
        tx.cancel_unsent(p.id, now).await?;
        if let TelNotice::Waiting(n) = notice {
            tx.withdraw_message(
                n.id,
                "withdrawn: not delivered in time, so its payment was cancelled and not sent",
            )
            .await?;
        }
        let to = self.unsent_told_at(tx, record.borrower, notice).await?;
        let messages: Vec<NewMessage> = to
            .iter()
            .map(|r| notices::phone_payment_not_sent(self.servicer(), r, p, record.account_number))
            .collect();
        tx.enqueue_messages(&messages, now).await?;
        let told: Vec<&str> = to.iter().map(Recipient::channel_name).collect();
        if told.is_empty() {
            tracing::error!(
                payment = p.id.0,
                borrower = record.borrower.0,
                reason = why.as_str(),
                "a TEL debit was cancelled because its written notice could not be sent, and no channel reaches the borrower: call them"
            );
        } else {
            tracing::warn!(
                payment = p.id.0,
                borrower = record.borrower.0,
                reason = why.as_str(),
                "a TEL debit was cancelled because its written notice could not be sent; the borrower was told"
            );
        }
        let written = match notice {
            TelNotice::Waiting(n) | TelNotice::Failed(n) => Some(n.id),
            TelNotice::Sent | TelNotice::Missing => None,
        };
        tx.audit(
            &AuditEvent {
                actor: "ach".into(),
                action: "phone_payment.not_sent".into(),
                subject: format!("borrower:{}", record.borrower.0),
                detail: serde_json::json!({
                    "payment": p.id.0,
                    "confirmation": p.confirmation,
                    "amount_cents": p.amount.cents(),
                    "credit_date": p.credit_date.to_string(),
                    "reason": why.as_str(),
                    "notice": written,
                    "told": told,
                })
                .to_string(),
            },
            now,
        )
        .await?;
        Ok(())
    }

    /// Where `borrower` is told of a TEL debit cancelled for want of its notice
    /// ([`told_at`]), read in `tx`.
    async fn unsent_told_at(
        &self,
        tx: &mut Tx,
        borrower: BorrowerId,
        notice: &TelNotice,
    ) -> Result<Vec<Recipient>, StoreError> {
        let contact = tx.alert_contacts(&[borrower]).await?.remove(&borrower);
        let (email, enrolled, lang) = match contact {
            Some(c) => (c.email, c.login.is_some(), c.language),
            None => (None, false, i18n::Lang::En),
        };
        Ok(told_at(borrower, email, enrolled, lang, notice))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;
    use store::WrittenNotice;

    fn written(channel: Channel) -> WrittenNotice {
        WrittenNotice {
            id: 7,
            channel,
            recipient: "maria.lopez@example.com".into(),
        }
    }

    #[test]
    fn a_debit_goes_once_its_notice_is_sent_and_waits_two_business_days_for_it() {
        // Wednesday before Thanksgiving: the next two business days are Friday and Monday.
        let credit = date(2026, 11, 25);
        assert_eq!(last_day_to_send(credit), date(2026, 11, 30));
        let waiting = TelNotice::Waiting(written(Channel::Email));
        for file in [date(2026, 11, 25), date(2026, 11, 27), date(2026, 11, 30)] {
            assert_eq!(decide(&waiting, credit, file), TelDecision::Hold, "{file}");
            assert_eq!(decide(&TelNotice::Sent, credit, file), TelDecision::Send);
        }
        assert_eq!(
            decide(&waiting, credit, date(2026, 12, 1)),
            TelDecision::Cancel(NotSent::NoticeLate)
        );
        // Sent at last, even late: it goes.
        assert_eq!(
            decide(&TelNotice::Sent, credit, date(2026, 12, 3)),
            TelDecision::Send
        );
    }

    #[test]
    fn a_notice_given_up_or_never_written_cancels_the_debit_at_once() {
        let credit = date(2026, 11, 25);
        assert_eq!(
            decide(&TelNotice::Failed(written(Channel::Email)), credit, credit),
            TelDecision::Cancel(NotSent::NoticeFailed)
        );
        assert_eq!(
            decide(&TelNotice::Missing, credit, credit),
            TelDecision::Cancel(NotSent::NoNotice)
        );
    }

    #[test]
    fn the_borrower_is_told_where_a_message_can_still_reach_them() {
        let b = BorrowerId(3);
        let email = || Some("maria.lopez@example.com".to_owned());
        let channels = |to: Vec<Recipient>| to.into_iter().map(|r| r.channel).collect::<Vec<_>>();
        // The address the notice bounced from is not used again.
        let bounced = TelNotice::Failed(written(Channel::Email));
        assert_eq!(
            channels(told_at(b, email(), true, i18n::Lang::En, &bounced)),
            [Channel::Portal]
        );
        assert!(told_at(b, email(), false, i18n::Lang::En, &bounced).is_empty());
        // A new address on file since is.
        let moved = told_at(
            b,
            Some("maria@example.net".into()),
            false,
            i18n::Lang::En,
            &bounced,
        );
        assert_eq!(
            moved.iter().map(|r| r.address.as_str()).collect::<Vec<_>>(),
            ["maria@example.net"]
        );
        // A notice that only waited: the email may yet go, and so may this.
        let waiting = TelNotice::Waiting(written(Channel::Email));
        assert_eq!(
            channels(told_at(b, email(), true, i18n::Lang::En, &waiting)),
            [Channel::Email, Channel::Portal]
        );
        assert!(told_at(b, None, false, i18n::Lang::En, &waiting).is_empty());
    }
}

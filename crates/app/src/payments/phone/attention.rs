//! The supervisors' worklist of bank debits taken by phone that never went to the bank: a
//! TEL debit on a call not recorded goes in an ACH file only once the written notice of its
//! authorization has been sent, and the day's file cancels it instead when that notice will
//! not reach the borrower in time (`payments::ach::tel`, audited there as
//! `phone_payment.not_sent`). The borrower was told where a message still reaches them, or
//! nobody was; either way the payment is still owed, so a supervisor follows each up. Read
//! from the debits by phone cancelled lately and the audit records that say why (those
//! cancelled at the borrower's request are left out); reading the list is audited.

use super::PhoneError;
use crate::App;
use crate::access::{Actor, Capability};
use jiff::civil::Date;
use money::Money;
use store::{AuditEvent, BorrowerId, CancelledPhoneDebit, Channel, PaymentId};

/// How far back the worklist reaches, in days.
pub const ATTENTION_DAYS: i64 = 30;

/// The most debits the worklist lists.
const MOST: i64 = 200;

/// The audit log's action for a TEL debit cancelled for want of its written notice.
const NOT_SENT: &str = "phone_payment.not_sent";

const DAY_US: i64 = 24 * 60 * 60 * 1_000_000;

/// Why a bank debit by phone was cancelled rather than sent.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WhyNotSent {
    /// The outbox gave the written notice up for good (a bad address, say).
    NoticeFailed,
    /// The notice was still not delivered two business days after the credit date (no
    /// provider for its channel, or one down that long).
    NoticeLate,
    /// No notice was written for it.
    NoNotice,
}

impl WhyNotSent {
    /// The reason as the audit record names it (`notice_failed`, `notice_not_sent_in_time`,
    /// `no_notice`); `None` for a text that names none.
    pub fn parse(text: &str) -> Option<WhyNotSent> {
        match text {
            "notice_failed" => Some(WhyNotSent::NoticeFailed),
            "notice_not_sent_in_time" => Some(WhyNotSent::NoticeLate),
            "no_notice" => Some(WhyNotSent::NoNotice),
            _ => None,
        }
    }

    /// The reason in plain words, for staff.
    pub fn words(self) -> &'static str {
        match self {
            WhyNotSent::NoticeFailed => {
                "The written notice could not be delivered (the address refused it)"
            }
            WhyNotSent::NoticeLate => {
                "The written notice was still not sent two business days after the credit date"
            }
            WhyNotSent::NoNotice => "No written notice was written for it",
        }
    }
}

/// A bank debit taken by phone that the ACH file cancelled because its written notice could
/// not be sent in time.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnsentPhonePayment {
    /// The payment.
    pub payment: PaymentId,
    /// Its confirmation number.
    pub confirmation: String,
    /// The borrower.
    pub borrower: BorrowerId,
    /// Their name as on file.
    pub borrower_name: String,
    /// The loan's account number.
    pub account_number: String,
    /// The amount that was not debited.
    pub amount: Money,
    /// The date it was to be credited as of.
    pub credit_date: Date,
    /// When it was cancelled (epoch microseconds).
    pub cancelled_at_us: i64,
    /// Why (`None`: the audit record names no reason this version knows).
    pub why: Option<WhyNotSent>,
    /// The channels the borrower was told by (`email`, `portal`); none: nobody was told, and
    /// staff must call them.
    pub told: Vec<Channel>,
}

impl App {
    /// The bank debits taken by phone in the last [`ATTENTION_DAYS`] days that were cancelled
    /// rather than sent because their written notice could not be sent in time, newest first
    /// (at most 200): the borrower, the loan, the amount and date, why, and who was told. For
    /// supervisors ([`Capability::ViewReports`]); the read is audited.
    pub async fn unsent_phone_payments(
        &self,
        actor: &Actor,
    ) -> Result<Vec<UnsentPhonePayment>, PhoneError> {
        actor.require(Capability::ViewReports)?;
        let now = self.now_us();
        let since = now - ATTENTION_DAYS * DAY_US;
        let cancelled = self.store().cancelled_phone_debits(since, MOST).await?;
        let mut subjects: Vec<String> = cancelled
            .iter()
            .map(|d| format!("borrower:{}", d.borrower.0))
            .collect();
        subjects.sort();
        subjects.dedup();
        let records = self
            .store()
            .audit_of_subjects(&subjects, NOT_SENT, since, 5 * MOST)
            .await?;
        let details: Vec<serde_json::Value> = records
            .iter()
            .filter_map(|r| serde_json::from_str(&r.event.detail).ok())
            .collect();
        let unsent: Vec<UnsentPhonePayment> = cancelled
            .into_iter()
            .filter_map(|d| {
                let detail = details
                    .iter()
                    .find(|v| v["payment"].as_i64() == Some(d.payment.0))?;
                Some(unsent_of(d, detail))
            })
            .collect();
        let event = AuditEvent {
            actor: actor.audit_name(),
            action: "phone_payment.unsent_viewed".into(),
            subject: "phone_payments".into(),
            detail: serde_json::json!({ "shown": unsent.len() }).to_string(),
        };
        self.read_audits.record(self.store(), event, now).await?;
        Ok(unsent)
    }
}

/// The worklist's line of debit `d`, cancelled as the audit record's `detail` says.
fn unsent_of(d: CancelledPhoneDebit, detail: &serde_json::Value) -> UnsentPhonePayment {
    UnsentPhonePayment {
        payment: d.payment,
        confirmation: d.confirmation,
        borrower: d.borrower,
        borrower_name: d.borrower_name,
        account_number: d.account_number,
        amount: d.amount,
        credit_date: d.credit_date,
        cancelled_at_us: d.cancelled_at_us,
        why: detail["reason"].as_str().and_then(WhyNotSent::parse),
        told: detail["told"]
            .as_array()
            .map(|told| {
                told.iter()
                    .filter_map(|t| t.as_str().and_then(|c| Channel::parse(c).ok()))
                    .collect()
            })
            .unwrap_or_default(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_reasons_read_back_from_the_audit_records_words_and_nothing_else_does() {
        for (text, why) in [
            ("notice_failed", WhyNotSent::NoticeFailed),
            ("notice_not_sent_in_time", WhyNotSent::NoticeLate),
            ("no_notice", WhyNotSent::NoNotice),
        ] {
            assert_eq!(WhyNotSent::parse(text), Some(why));
            assert!(!why.words().is_empty());
        }
        assert_eq!(WhyNotSent::parse("notice_late"), None);
    }

    #[test]
    fn a_line_takes_the_reason_and_the_channels_told_from_the_record() {
        let d = CancelledPhoneDebit {
            payment: PaymentId(9),
            confirmation: "P-9".into(),
            borrower: BorrowerId(3),
            borrower_name: "Maria Lopez".into(),
            account_number: "5218400000001015".into(),
            amount: Money::from_cents(20_000),
            credit_date: jiff::civil::date(2026, 11, 25),
            cancelled_at_us: 7,
        };
        let told =
            serde_json::json!({ "payment": 9, "reason": "notice_failed", "told": ["portal"] });
        let line = unsent_of(d.clone(), &told);
        assert_eq!(line.why, Some(WhyNotSent::NoticeFailed));
        assert_eq!(line.told, [Channel::Portal]);
        assert_eq!((line.amount, line.borrower), (d.amount, d.borrower));
        let nobody = serde_json::json!({ "payment": 9, "reason": "no_notice", "told": [] });
        assert!(unsent_of(d, &nobody).told.is_empty());
    }
}

//! Refund checks mailed: when a refund check leaves, staff record its number; the refund is
//! then sent and its entry posted (Dr refunds payable, Cr cash/clearing), audited, and it is
//! no longer on the list of checks to mail. Recording the same check again changes nothing.

use super::{Refund, RefundMethod, RefundState};
use crate::App;
use crate::access::{Actor, Capability, Denied};
use domain::ledger::refund_sent;
use store::{AuditEvent, StoreError};

/// The most digits a check number has.
pub const MAX_CHECK_NUMBER: usize = 15;

/// Why a refund check could not be recorded as mailed. Nothing was changed.
#[derive(Debug, thiserror::Error)]
pub enum CheckMailedError {
    /// The actor may not refund.
    #[error(transparent)]
    Denied(#[from] Denied),
    /// The check number is not 1 to 15 digits.
    #[error("enter the check's number: 1 to 15 digits")]
    BadCheckNumber,
    /// No refund check with this id is waiting to be mailed (none, another way of paying, or
    /// recorded mailed under another number).
    #[error("no refund check with this id is waiting to be mailed")]
    NotWaiting,
    /// The store failed.
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// True for a check number: 1 to [`MAX_CHECK_NUMBER`] digits.
fn is_check_number(text: &str) -> bool {
    (1..=MAX_CHECK_NUMBER).contains(&text.len()) && text.bytes().all(|b| b.is_ascii_digit())
}

impl App {
    /// Records refund check `refund` mailed under `check_number` (1 to 15 digits), for an
    /// actor who may refund: the refund is sent and its entry posted as of the business date
    /// (Dr refunds payable, Cr cash/clearing), audited (`refund.check_mailed`). The refund as
    /// it is now; the same check recorded again answers the same and changes nothing.
    pub async fn refund_check_mailed(
        &self,
        actor: &Actor,
        refund: i64,
        check_number: &str,
    ) -> Result<Refund, CheckMailedError> {
        actor.require(Capability::ReversePayment)?;
        let number = check_number.trim();
        if !is_check_number(number) {
            return Err(CheckMailedError::BadCheckNumber);
        }
        let today = self.business_date().await?;
        let now = self.now_us();
        let mut tx = self.store().begin().await?;
        let Some(r) = tx.refund(refund).await? else {
            return Err(CheckMailedError::NotWaiting);
        };
        if r.method != RefundMethod::Check {
            return Err(CheckMailedError::NotWaiting);
        }
        if r.state == RefundState::Sent && r.trace_number.as_deref() == Some(number) {
            tx.commit().await?;
            return Ok(r);
        }
        if r.state != RefundState::Pending || !tx.mark_check_mailed(r.id, number, now).await? {
            return Err(CheckMailedError::NotWaiting);
        }
        if let Some(entry) = refund_sent(today, r.amount) {
            tx.post_entries(&[(Some(r.loan), entry)], now).await?;
        }
        tx.audit(
            &AuditEvent {
                actor: actor.audit_name(),
                action: "refund.check_mailed".into(),
                subject: format!("loan:{}", r.loan.0),
                detail: serde_json::json!({
                    "reference": r.reference,
                    "amount_cents": r.amount.cents(),
                    "check_number": number,
                    "date": today.to_string(),
                })
                .to_string(),
            },
            now,
        )
        .await?;
        tx.commit().await?;
        self.forget_cached_views();
        Ok(Refund {
            state: RefundState::Sent,
            trace_number: Some(number.to_owned()),
            ..r
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_check_number_is_one_to_fifteen_digits() {
        for good in ["1", "1042", "123456789012345"] {
            assert!(is_check_number(good), "{good}");
        }
        for bad in ["", "12a", "1234567890123456", "-1", "1 2", "１"] {
            assert!(!is_check_number(bad), "{bad}");
        }
    }
}

//! Card refunds: the charge refunded through the card processor port, under the refund's
//! reference as its key (a retry never refunds twice), outside any transaction; when the
//! processor accepts, the refund is marked sent and its entry posted (Dr refunds payable, Cr
//! cash/clearing). One the processor could not take stays pending for
//! [`App::resume_card_refunds`].

use crate::App;
use domain::ledger::refund_sent;
use money::Money;
use store::{AuditEvent, LoanId, StoreError};

/// A card refund to send.
pub(super) struct CardRefund<'a> {
    /// The refund's id.
    pub(super) id: i64,
    /// Its loan.
    pub(super) loan: LoanId,
    /// Its amount.
    pub(super) amount: Money,
    /// Its reference: the processor's idempotency key.
    pub(super) reference: &'a str,
    /// The processor's authorization of the charge refunded.
    pub(super) authorization: &'a str,
}

impl App {
    /// Sends card refund `r` through the processor; true when it was accepted (and is now
    /// recorded sent, its entry posted), false when the processor could not be reached (it
    /// stays pending and is sent again later under the same key).
    pub(super) async fn send_card_refund(&self, r: &CardRefund<'_>) -> Result<bool, StoreError> {
        if let Err(e) = self
            .cards
            .refund(r.authorization, r.amount, r.reference)
            .await
        {
            tracing::warn!(refund = r.id, error = %e, "card refund not accepted now; it will be sent again under the same key");
            return Ok(false);
        }
        let today = self.business_date().await?;
        let now = self.now_us();
        let mut tx = self.store().begin().await?;
        // Another instance may have sent it meanwhile (the sweep): then nothing more is posted.
        if tx.mark_refund_sent(r.id, None, now).await? {
            if let Some(entry) = refund_sent(today, r.amount) {
                tx.post_entries(&[(Some(r.loan), entry)], now).await?;
            }
            tx.audit(
                &AuditEvent {
                    actor: "cards".into(),
                    action: "refund.sent".into(),
                    subject: format!("loan:{}", r.loan.0),
                    detail: serde_json::json!({
                        "reference": r.reference,
                        "amount_cents": r.amount.cents(),
                        "method": "card",
                    })
                    .to_string(),
                },
                now,
            )
            .await?;
        }
        tx.commit().await?;
        Ok(true)
    }

    /// Sends again the card refunds the processor could not take when they were decided
    /// (decided more than a minute ago and still pending), under the same keys: never a
    /// second refund. How many were accepted now.
    pub async fn resume_card_refunds(&self) -> Result<usize, StoreError> {
        let waiting = self
            .store()
            .card_refunds_to_send(self.now_us() - 60_000_000)
            .await?;
        let mut sent = 0;
        for (r, authorization) in &waiting {
            let card = CardRefund {
                id: r.id,
                loan: r.loan,
                amount: r.amount,
                reference: &r.reference,
                authorization,
            };
            if self.send_card_refund(&card).await? {
                sent += 1;
            }
        }
        Ok(sent)
    }
}
